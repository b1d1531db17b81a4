"""The indicator catalogue (catalogue.csv, aliases.csv) and the mapping of printed labels to its
ids.

A label is read by `labels.read_label` and compared with every indicator's name and aliases. An
alias that reads the same wins outright (score 1.0). Otherwise each name or alias scores a blend of
an IDF-weighted word overlap (rare words such as "dental" or "police" count more) and rapidfuzz's
token_sort_ratio (word order free, forgives spelling, penalises extra words), less a penalty when
markers disagree; contradicting markers rule it out. The best indicator is returned only when it
scores at least ACCEPT and leads the next one by MARGIN. A label that states no unit, matched
without one, is never mapped to a rate per 10,000 (every rate's name and alias says so), and a
timeliness label of that kind leans to its percentage; a label whose own period ("in month",
"YTD") is all that keeps it from an alias is that alias's indicator.

`source_measure` is `lait:<Short Desc>` for a LAIT measure or `ees:<file>/<column>` for an
explore-education-statistics column; `published_polarity` and `published_definition` are what the
LAIT dictionary says of that measure (refreshed by scripts/build_published.py --update-catalogue).

"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from indicators.label_words import (
    DEFAULTS,
    FTE,
    MIXED,
    RATE,
    TIMESCALE,
    Label,
    clean,
    named_spans,
    read_label,
)
from interpreter.observation import UNITS

CATALOGUE_CSV = Path(__file__).with_name("catalogue.csv")
ALIASES_CSV = Path(__file__).with_name("aliases.csv")
# MILD penalties when one side is silent (else 1)
SILENCE = {"direction": 0, "population": 0, "durations": 2, "stability": 0}
CODES = "code"  # a shared scorecard code (A1, A2) is worth two MILD penalties
PEOPLE_GROUP = "population"  # naming other people costs two mild penalties instead of ruling out
WORD = re.compile(r"[A-Za-z]+")
# rapidfuzz ratio a misspelt word needs to a catalogue word to be respelt as it (suggestions only)
RESPELL_CUTOFF = 85
OWN_PERIODS = {"month", "ytd"}  # periods that date a figure rather than define its indicator
# The catalogue areas whose indicators are of a population's topic, beside those whose name names
# the population: a suggestion of none of the topics a label names is of another topic.
TOPIC_AREAS = {
    "cla": {"looked_after", "adoption"},
    "cpp": {"child_protection"},
    "cin": {"children_in_need", "assessment"},
    "careleaver": {"care_leavers"},
    "earlyhelp": {"early_help"},
}
OFF_TOPIC = 2  # MILD penalties a suggestion of another topic than the label's costs
ADDED_MOST = 2  # MILD penalties the words a suggestion adds to the label's cost at most
CANDIDATES = 5  # candidates a match keeps
SUGGEST_DEPTH = 12  # candidates ranked again for a person, of which suggest keeps n


@dataclass(frozen=True)
class Indicator:
    """One row of the catalogue."""

    id: str
    name: str
    unit: str
    polarity: str
    area: str
    definition: str = ""
    source_measure: str = ""
    published_polarity: str = ""
    published_definition: str = ""


@dataclass(frozen=True)
class LabelMatch:
    """The id a label maps to (None when unsure), the best candidate's score, and the top 5
    candidates."""

    indicator_id: str | None
    score: float
    candidates: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of the matcher.

    From `benchmarks/label_matching.py --sweep` (aliases left out per document family, and names
    only): ACCEPT 0.60-0.70 with MARGIN 0.04-0.08, MILD 0.08-0.10 and DICE_WEIGHT 0.3-0.5 give no
    wrong id. ACCEPT 0.70 sits 0.10 above the best-scoring wrong candidate seen (0.60, e.g.
    "(1) POLICE - Total Contacts" -> contacts); MARGIN 0.06 < MILD, so one marker that the label
    states and a rival lacks settles a tie.
    """

    ACCEPT: float = 0.70  # lowest score that may be mapped
    MARGIN: float = 0.06  # lead over the next indicator needed to map
    MILD: float = 0.08  # penalty per marker group that one side names and the other is silent on
    DICE_WEIGHT: float = 0.5  # weight of the IDF word overlap against token_sort_ratio
    SHORTLIST: int = 60  # best-scoring names and aliases whose markers are checked

    def __post_init__(self):
        for name in ("ACCEPT", "MARGIN", "MILD", "DICE_WEIGHT"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"MatchSettings.{name} must lie in [0, 1]")


@dataclass(frozen=True)
class Choice:
    """A name or alias of an indicator, as the scorer compares it."""

    indicator_id: str
    unit: str
    words: str
    markers: tuple


class Catalogue:
    """Indicators by id, and label matching against their names and aliases."""

    def __init__(
        self, indicators, aliases=(), learned=(), settings: MatchSettings = MatchSettings()
    ):
        self._by_id = {i.id: i for i in indicators}
        self._kinds = {i.id: _kind(i) for i in self._by_id.values()}
        self._aliases = [(a, i) for a, i in aliases if i in self._by_id]
        self._learned = dict(learned)
        self.settings = settings
        self._built = False  # the matching index is built when a label is first matched

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (KeyError if unknown)."""
        return self._by_id[indicator_id]

    def kind(self, indicator_id: str) -> str:
        """The kind of figure an indicator has: its unit, or FTE for a count of full-time
        equivalents, which figures with fractions do not rule out as they rule out whole counts."""
        return self._kinds[indicator_id]

    def ids(self) -> list[str]:
        """Every id, in catalogue order."""
        return list(self._by_id)

    def with_aliases(self, extra: dict[str, str]) -> Catalogue:
        """A copy that also knows these user-confirmed aliases (label -> id); they win over built-in
        ones."""
        for indicator_id in extra.values():
            self.indicator(indicator_id)
        return Catalogue(
            self._by_id.values(), self._aliases, {**self._learned, **extra}, self.settings
        )

    def match_label(self, label: str, unit: str | None = None, context: str = "") -> LabelMatch:
        """The indicator a printed label names; `context` (e.g. a section title) is tried when the
        label alone fails."""
        self._build()
        found = self._match(read_label(str(label)), unit)
        if found.indicator_id is None and context.strip():
            with_context = self._match(read_label(f"{context} - {label}"), unit)
            found = with_context if with_context.indicator_id else found
        return found

    def suggest(
        self, label: str, unit: str | None = None, n: int = 3, ruled_out: frozenset = frozenset()
    ) -> list[tuple[str, float]]:
        """Up to n (at most 5) indicators a label may name, best first, scored 0-1, for a person to
        choose from; `ruled_out` are units the label's figures rule out (see `review.doubts`).

        The label is ranked as printed and with its misspelt words respelt to the catalogue's own
        ("protecton" -> "protection", OCR's "penod" -> "period"; a name read as a whole, such as
        "cared for children", is left as printed); each indicator keeps its better
        score. An indicator that is not of a topic the label names (children looked after, CP, CIN,
        care leavers, early help) costs OFF_TOPIC MILD penalties, and each word its closest name or
        alias adds to the label's words (SGO, PEP, FTE) one MILD penalty: a candidate whose words
        the label covers outranks one that adds a concept the label does not print. An alias that
        reads like the label (1.0) is not lowered.

        """
        self._build()
        scores: dict[str, float] = {}
        for text in dict.fromkeys([str(label), self.respelt(str(label))]):
            read = read_label(text)
            found = self._match(read, unit, frozenset(ruled_out), SUGGEST_DEPTH)
            for indicator_id, score in found.candidates:
                score = self._for_a_person(read, indicator_id, score)
                scores[indicator_id] = max(scores.get(indicator_id, 0.0), score)
        return sorted(scores.items(), key=lambda p: -p[1])[:n]

    def _for_a_person(self, label: Label, indicator_id: str, score: float) -> float:
        """A candidate's score less what it costs to be of another topic and to add words."""
        if score >= 1.0:
            return score
        words = set(label.words.split())
        added = min(len(choice - words) for choice in self._words_of[indicator_id])
        added = min(added, ADDED_MOST)
        populations = set(dict(label.markers).get(PEOPLE_GROUP, ()))
        off_topic = populations and not populations & self._topics[indicator_id]
        penalty = self.settings.MILD * (added + (OFF_TOPIC if off_topic else 0))
        return round(max(score - penalty, 0.0), 4)

    def respelt(self, label: str) -> str:
        """The label, cleaned as `read_label` cleans it, with each unknown word of 4+ letters
        replaced by the nearest word of the catalogue's names and aliases, except in the names
        `read_label` recognises as a whole ("cared for children" is children looked after; "care"
        would make it leaving care)."""

        self._build()
        text = clean(label)
        named = named_spans(text)

        def nearest(found: re.Match) -> str:
            word = found[0]
            if len(word) < 4 or word in self._vocabulary or _within(found.start(), named):
                return word
            near = process.extractOne(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=RESPELL_CUTOFF
            )
            return near[0] if near else word

        return WORD.sub(nearest, text)

    def _build(self) -> None:
        """The matching index, once: reading every name and alias takes 0.4 s, which a page that
        only shows names need not pay."""
        if self._built:
            return
        named = {i.id: read_label(i.name) for i in self._by_id.values()}
        texts = [(i.name, i.id) for i in self._by_id.values()] + self._aliases
        self._vocabulary = sorted(
            {w for text, _ in [*texts, *self._learned.items()] for w in WORD.findall(clean(text))}
        )
        self._choices = [self._choice(read_label(text), iid, named[iid]) for text, iid in texts]
        self._choice_kinds = np.array([self._kinds[c.indicator_id] for c in self._choices])
        self._sorted_words = [_sorted(c.words) for c in self._choices]
        self._overlap = WordOverlap(self._choices)
        self._exact, self._loose = _exact_index(texts)
        self._exact_learned, self._loose_learned = _exact_index(self._learned.items())
        self._words_of: dict[str, list[set[str]]] = {}
        for choice in self._choices:
            # the population words are the topic's, weighed apart
            words = set(choice.words.split()) - set(TOPIC_AREAS)
            self._words_of.setdefault(choice.indicator_id, []).append(words)
        self._topics = {iid: self._topic(iid, named[iid]) for iid in self._by_id}
        self._match = lru_cache(maxsize=65536)(self._match_uncached)
        self._built = True

    def _topic(self, indicator_id: str, named: Label) -> set[str]:
        """The populations an indicator is of: those its name names and those of its area."""
        area = self._by_id[indicator_id].area
        return set(dict(named.markers).get(PEOPLE_GROUP, ())) | {
            population for population, areas in TOPIC_AREAS.items() if area in areas
        }

    def _choice(self, label: Label, indicator_id: str, named: Label) -> Choice:
        """An alias inherits what its indicator's name says and it does not; spans and people add
        up."""
        markers = {**dict(named.markers), **dict(label.markers)}
        for group, value in named.markers:
            if isinstance(value, tuple):
                markers[group] = tuple(sorted(set(value) | set(markers[group])))
        return Choice(
            indicator_id,
            self._by_id[indicator_id].unit,
            label.words,
            tuple(sorted(markers.items())),
        )

    def _match_uncached(
        self,
        label: Label,
        unit: str | None,
        ruled_out: frozenset = frozenset(),
        depth: int = CANDIDATES,
    ) -> LabelMatch:
        stated = {unit} if unit else _units_stated(label.unit)
        # the kinds of figure the figures allow, unless they allow none of the stated units
        units = (stated - ruled_out or stated) | ({FTE} if "count" in stated else set())
        unstated = unit is None and label.unit is None
        # every rate name and alias says "per 10,000" or "rate": one the label does not say is a
        # guess, a candidate to suggest but not to map
        decidable = units - {"rate_per_10k"} if unstated else units
        ranked = self._rank(label, units, depth)
        # e.g. the count printed beside a "% of ..." label
        if unit and label.unit in UNITS and label.unit != unit:
            ranked = [(i, round(max(s - 2 * self.settings.MILD, 0.0), 4)) for i, s in ranked]
        if unstated:
            ranked = self._unstated_units_lowered(label, ranked)
        exact = self._exact_ids(label, units, decidable)
        if len(exact) == 1:
            return _sure(exact.pop(), ranked, depth)
        if unit is None and label.unit == MIXED:  # "Number / rate of ..." names two indicators
            return LabelMatch(None, ranked[0][1] if ranked else 0.0, ranked[:depth])
        decided = self._decide(ranked, depth)
        if decided.indicator_id and self._kinds[decided.indicator_id] not in decidable:
            return LabelMatch(None, decided.score, decided.candidates)
        if decided.indicator_id is None and (own := self._own_period_ids(label, decidable)):
            return _sure(own.pop(), ranked, depth)
        return decided

    def _own_period_ids(self, label: Label, units: set[str]) -> set[str]:
        """Ids of the one alias that reads like the label once the label's own period ("in month",
        "YTD") is left out: a month's count of an indicator is still that indicator ("S47 enquiries
        in month" is "S47 enquiries", started)."""
        markers = dict(label.markers)
        if markers.get("period") not in OWN_PERIODS:
            return set()
        rest = label.words + "|" + repr(tuple(m for m in label.markers if m[0] != "period"))
        unit_words = label.key[: -len(label.loose_key)]
        for index, key in ((self._exact, unit_words + rest), (self._loose, rest)):
            found = {i for i in index.get(key, ()) if self._kinds[i] in units}
            if found:
                return found if len(found) == 1 else set()
        return set()

    def _unstated_units_lowered(
        self, label: Label, ranked: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """A label that states no unit, read without one, costs a rate per 10,000 one MILD penalty,
        and a count too when the label is a timeliness measure ("in timescale", "within 15 days"):
        reports name their rates ("per 10,000", "rate") and the number behind a timeliness
        measure ("Number of ..."), while counts and the timeliness percentages go unnamed."""
        lowered = {"rate_per_10k"} | ({"count"} if _timeliness(label) else set())
        mild = self.settings.MILD
        return sorted(
            (
                (i, round(max(s - mild, 0.0), 4) if self._by_id[i].unit in lowered else s)
                for i, s in ranked
            ),
            key=lambda p: -p[1],
        )

    def _exact_ids(self, label: Label, units: set[str], built_in: set[str]) -> set[str]:
        """Ids of a learned alias (of `units`), else a built-in one (of `built_in` units), that
        reads like the label (with, else without unit words): a person's choice stands."""
        for index, key, allowed in (
            (self._exact_learned, label.key, units),
            (self._loose_learned, label.loose_key, units),
            (self._exact, label.key, built_in),
            (self._loose, label.loose_key, built_in),
        ):
            found = {i for i in index.get(key, ()) if self._kinds[i] in allowed}
            if found:
                return found
        return set()

    def _rank(self, label: Label, units: set[str], depth: int) -> list[tuple[str, float]]:
        if not label.words or not self._choices:
            return []
        raw = self._similarity(label.words)
        raw[~np.isin(self._choice_kinds, list(units))] = -1
        best: dict[str, float] = {}
        for index in np.argsort(-raw)[: self.settings.SHORTLIST]:
            choice, score = self._choices[index], float(raw[index])
            if score <= 0 or (len(best) >= depth and score <= sorted(best.values())[-depth]):
                break  # penalties only lower scores: nothing further can enter the top `depth`
            penalty = _penalty(label.markers, choice.markers, self.settings.MILD)
            if penalty is not None:
                best[choice.indicator_id] = max(best.get(choice.indicator_id, 0.0), score - penalty)
        return sorted(
            ((i, round(min(max(s, 0.0), 1.0), 4)) for i, s in best.items()), key=lambda p: -p[1]
        )

    def _similarity(self, words: str) -> np.ndarray:
        # = token_sort_ratio
        order_free = (
            process.cdist(
                [_sorted(words)],
                self._sorted_words,
                scorer=fuzz.ratio,
                processor=None,
                dtype=np.float32,
            )[0]
            / 100
        )
        weight = self.settings.DICE_WEIGHT
        return weight * self._overlap.dice(words.split()) + (1 - weight) * order_free

    def _decide(self, ranked: list[tuple[str, float]], depth: int) -> LabelMatch:
        if not ranked:
            return LabelMatch(None, 0.0, [])
        top, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        sure = score >= self.settings.ACCEPT and score - runner_up >= self.settings.MARGIN
        return LabelMatch(top if sure else None, score, ranked[:depth])


class WordOverlap:
    """Dice overlap of word sets, each word weighted by its rarity across indicators (IDF)."""

    def __init__(self, choices: list[Choice]):
        per_id: dict[str, set[str]] = {}
        for choice in choices:
            per_id.setdefault(choice.indicator_id, set()).update(choice.words.split())
        vocabulary = sorted(set().union(*per_id.values())) if per_id else []
        self.index = {word: n for n, word in enumerate(vocabulary)}
        frequency = np.zeros(len(vocabulary))
        for words in per_id.values():
            frequency[[self.index[w] for w in words]] += 1
        self.weight = np.log1p(len(per_id) / np.maximum(frequency, 1))
        self.unknown = 1.5 * math.log1p(len(per_id) or 1)  # an unknown word counts against
        self.has = np.zeros((len(choices), len(vocabulary)), dtype=np.float32)
        for row, choice in enumerate(choices):
            self.has[row, [self.index[w] for w in choice.words.split()]] = 1
        self.mass = self.has @ self.weight

    def dice(self, words: list[str]) -> np.ndarray:
        """2 * shared weight / (label weight + choice weight), for every choice."""
        known = [self._known(w) for w in words]
        columns = [k for k in dict.fromkeys(known) if k is not None]
        label_mass = sum(self.weight[k] if k is not None else self.unknown for k in known)
        shared = self.has[:, columns] @ self.weight[columns] if columns else np.zeros(len(self.has))
        return 2 * shared / np.maximum(label_mass + self.mass, 1e-9)

    def _known(self, word: str) -> int | None:
        """The vocabulary index of a word, or of its near spelling ('refferal'), else None."""
        if word in self.index or len(word) < 5:
            return self.index.get(word)
        near = process.extractOne(word, self.index.keys(), scorer=fuzz.ratio, score_cutoff=85)
        return self.index[near[0]] if near else None


def _sure(indicator_id: str, ranked: list[tuple[str, float]], depth: int) -> LabelMatch:
    """The match of an alias that reads like the label, ahead of the ranked candidates."""
    rest = [(i, s) for i, s in ranked if i != indicator_id]
    return LabelMatch(indicator_id, 1.0, ([(indicator_id, 1.0)] + rest)[:depth])


def _kind(indicator: Indicator) -> str:
    """An indicator's unit, or FTE for a count its name says is of full-time equivalents (12.5
    social workers): figures with fractions rule out whole counts, not these."""
    named_fte = indicator.unit == "count" and re.search(rf"\b{FTE}\b", clean(indicator.name))
    return FTE if named_fte else indicator.unit


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether an offset falls inside one of the (start, end) spans."""
    return any(start <= offset < end for start, end in spans)


def _timeliness(label: Label) -> bool:
    """Whether a label measures timeliness: done within a timescale or a span of days or hours
    (not a window of months or years, as re-referrals within 12 months)."""
    markers = dict(label.markers)
    spans = markers.get("durations", ())
    return markers.get("direction") == "within" and any(
        s == TIMESCALE or s.endswith("d") for s in spans
    )


def _units_stated(stated: str | None) -> set[str]:
    """The units a label allows when the caller gives none."""
    return (
        {stated}
        if stated in UNITS or stated == FTE
        else {"rate_per_10k", "percent"}
        if stated == RATE
        else set(UNITS)
    )


def _sorted(words: str) -> str:
    """Words in alphabetical order."""
    return " ".join(sorted(words.split()))


@lru_cache(maxsize=262144)
def _penalty(label_markers: tuple, choice_markers: tuple, mild: float) -> float | None:
    """What disagreeing markers cost: None when they contradict, `mild` per group one side is silent
    on."""
    label, choice = dict(label_markers), dict(choice_markers)
    penalty = 0.0
    for group in set(label) | set(choice) | set(DEFAULTS):
        ours, theirs = label.get(group, DEFAULTS.get(group)), choice.get(group, DEFAULTS.get(group))
        if ours is None or theirs is None:
            penalty += 0 if ours == theirs else mild * SILENCE.get(group, 1)
        elif isinstance(ours, tuple) and not _overlap(ours, theirs):
            if group != PEOPLE_GROUP:
                return None
            penalty += 2 * mild
        elif not isinstance(ours, tuple) and ours != theirs:
            return None
        elif group == CODES:
            penalty -= 2 * mild
    return penalty


def _overlap(ours: tuple, theirs: tuple) -> bool:
    """Whether two sets of people or time spans agree ("within timescale" agrees with any span)."""
    ours_, theirs_ = set(ours) - {TIMESCALE}, set(theirs) - {TIMESCALE}
    return bool(ours_ & theirs_) if ours_ and theirs_ else True


def _exact_index(pairs) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Label key -> ids whose name or alias reads the same, with and without the unit words."""
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for text, indicator_id in pairs:
        label = read_label(text)
        exact.setdefault(label.key, set()).add(indicator_id)
        loose.setdefault(label.loose_key, set()).add(indicator_id)
    return exact, loose


def read_indicators(path: Path = CATALOGUE_CSV) -> list[Indicator]:
    """The catalogue rows."""
    with open(path, newline="", encoding="utf-8") as f:
        return [
            Indicator(
                r["indicator_id"],
                r["name"],
                r["unit"],
                r["polarity"],
                r["area"],
                r.get("definition", ""),
                r.get("source_measure", ""),
                r.get("published_polarity", ""),
                r.get("published_definition", ""),
            )
            for r in csv.DictReader(f)
        ]


def read_aliases(path: Path = ALIASES_CSV) -> list[tuple[str, str]]:
    """(alias, indicator_id) pairs."""
    with open(path, newline="", encoding="utf-8") as f:
        return [(r["alias"], r["indicator_id"]) for r in csv.DictReader(f) if r["alias"].strip()]


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The packaged catalogue with its aliases (cached and shared; `with_aliases` gives a private
    copy)."""
    return Catalogue(read_indicators(), read_aliases())


def match_label(label: str, unit: str | None = None, context: str = "") -> LabelMatch:
    """`load_catalogue().match_label(...)`."""
    return load_catalogue().match_label(label, unit, context)
