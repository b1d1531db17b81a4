"""Map printed labels to catalogue indicators, unit and polarity included."""

from __future__ import annotations

import re
from collections import defaultdict

from interpreter.flags import COUNT_BESIDE_PERCENT, PAIR
from interpreter.observation import Observation

UNMAPPED_CONFIDENCE = 0.85
DISCRIMINATING_UNITS = {"percent", "rate_per_10k"}  # a source unit that rules indicators in or out
# source wording for these is loose; the catalogue knows better
PLAIN_NUMBERS = {"count", "average", "days"}
NOTATION = re.compile(
    r"^\s*(?:n of n|no\.?|number|nos?\.|n|#|count|%|percent(?:age)?|rate|value"
    r"|(?:monthly|in month|ytd|year to date)(?: data| performance| figures?)?|rolling(?: year)?"
    r"|\(?%\)?)\s*$",
    re.I,
)
PART = re.compile(r"\s+-\s+")  # "Name - sub-heading" joins of a grouped header
# Old national indicator codes that reports still print before a label ("NI 62 Stability of
# placements").
NATIONAL_INDICATORS = {
    "59": "assessments_45wd_pct",
    "62": "cla_placements_3plus_pct",
    "63": "cla_long_term_stability_pct",
    "64": "cpp_open_2y_plus_pct",
    "65": "cpp_second_time_ever_pct",
    "66": "cla_reviews_timely_pct",
    "67": "cpp_reviews_timely_pct",
    "68": "referrals_to_assessment_pct",
    "147": "care_leavers_suitable_accommodation_pct",
    "148": "care_leavers_eet_pct",
}
NI_CODE = re.compile(r"\bNI\s*-?\s*(\d{2,3})\b", re.I)
# The adoption scorecard's codes, printed before or after a label in days ("A1: average days",
# "Days from care to adoptive placement (A2)").
ADOPTION_SCORECARD = {"A1": "adoption_a1_days", "A2": "adoption_a2_days"}
ADOPTION_CODE = re.compile(r"\b(A[12])\b", re.I)
SHARED_TOPIC_UNITS = {"count", "percent", "rate_per_10k"}  # one topic is printed in each


def label_indicators(observations: list[Observation], catalogue=None) -> None:
    """Fill indicator_id, unit and polarity from the catalogue (default: the packaged one) where the
    source left them open."""
    from indicators.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    ruled_out = figures_rule_out(observations)
    matches = [
        _match(catalogue, obs, ruled_out.get(obs.indicator_label, set())) for obs in observations
    ]
    contrasted = _without_contrasted(catalogue, observations, matches)
    for obs, match in zip(observations, contrasted, strict=True):
        _apply(catalogue, obs, match)


def _apply(catalogue, obs: Observation, match) -> None:
    """The match's indicator, unit and polarity on the observation, and its confidence."""
    if match.indicator_id:
        indicator = catalogue.indicator(match.indicator_id)
        obs.indicator_id = indicator.id
        if not obs.unit or (obs.unit in PLAIN_NUMBERS and indicator.unit in PLAIN_NUMBERS):
            obs.unit = indicator.unit
        obs.polarity = obs.polarity or indicator.polarity
        obs.confidence *= 0.7 + 0.3 * match.score
    else:
        obs.confidence *= UNMAPPED_CONFIDENCE
    obs.unit = obs.unit or _unit_from_label(obs.indicator_label)
    obs.confidence = round(min(1.0, obs.confidence), 2)


def _match(catalogue, obs: Observation, ruled_out: set[str]):
    """The name's match under a section heading of its area; else the label's match, re-read in
    the units its figures allow when they rule its unit out or it ties; else its national or
    adoption scorecard code's; else the match of its main part ("Name - %")."""
    hint = unit_hint(obs)
    parts = PART.split(obs.indicator_label)
    headed = _under_heading(catalogue, parts, hint)
    if headed and _kind_of(catalogue, headed) not in ruled_out:
        return headed
    match = catalogue.match_label(obs.indicator_label, hint)
    if hint is None and ruled_out and _kind_of(catalogue, match) in ruled_out | {None}:
        match = _in_allowed_units(catalogue, obs.indicator_label, ruled_out) or match
    if match.indicator_id:
        return match
    code = _scorecard_code(obs.indicator_label, hint)
    if code and _unit_fits(catalogue, code, obs, hint):
        return type(match)(code, 1.0, [(code, 1.0)])
    for part in _name_parts(parts):
        found = catalogue.match_label(part, hint or _unit_of_parts(parts))
        if found.indicator_id and _agrees(match, found, parts, part):
            return found
    return match


def _under_heading(catalogue, parts: list[str], hint: str | None):
    """The match of a "Section - Name" label's name when the section is only the heading of the
    name's service area: "Child protection - % ICPCs held within 15 days" is the ICPC timeliness
    (the heading's "child protection" would otherwise pull it to ICPCs leading to a plan), while
    "CSE - Number of referrals" is no heading and reads as a whole."""
    from indicators.label_words import heading_areas

    areas = heading_areas(parts[0]) if len(parts) > 1 else set()
    for part in _name_parts(parts) if areas else []:
        found = catalogue.match_label(part, hint or _unit_of_parts(parts))
        if found.indicator_id:
            return found if catalogue.indicator(found.indicator_id).area in areas else None
    return None


def _kind_of(catalogue, match) -> str | None:
    """The kind of figure the match's indicator has (its unit, or a count of full-time
    equivalents), as its figures rule kinds out."""
    return catalogue.kind(match.indicator_id) if match.indicator_id else None


def _in_allowed_units(catalogue, label: str, ruled_out: set[str]):
    """The match of a label read in each unit its figures allow, when one of those readings leads
    the others, decided or not, by the matcher's margin (the count, percentage and rate of one
    topic otherwise tie); a rate the label does not name is tried only when its figures rule out a
    count, and a label naming full-time equivalents ("Vacancies (FTE)") is read as nothing else."""
    from indicators.label_words import FTE, read_label

    if read_label(label).unit == FTE:
        return None
    units = SHARED_TOPIC_UNITS - unnamed_rate_ruled_out(label, ruled_out)
    found = sorted((catalogue.match_label(label, u) for u in sorted(units)), key=lambda m: -m.score)
    if not found or not found[0].indicator_id:
        return None  # the best reading is itself undecided (two indicators of one unit tie)
    runner_up = found[1].score if len(found) > 1 else 0.0
    return found[0] if found[0].score - runner_up >= catalogue.settings.MARGIN else None


def _scorecard_code(label: str, hint: str | None) -> str | None:
    """The indicator an old national indicator code (`NI 62`) or an adoption scorecard code of a
    label in days (`A1 average days`) names."""
    if code := NI_CODE.search(label):
        return NATIONAL_INDICATORS.get(code[1])
    adoption = ADOPTION_CODE.search(label)
    in_days = hint == "days" or re.search(r"\bdays\b", label, re.I)
    return ADOPTION_SCORECARD[adoption[1].upper()] if adoption and in_days else None


def _agrees(whole, found, parts: list[str], part: str) -> bool:
    """A part's match stands for the whole label when the rest is notation (`%`, `n of N`) or when
    the whole label leans the same way: a qualifier ("(4) Internal council services - Total
    Contacts") that pulls the whole label elsewhere means the part is not its name."""
    rest = [p for p in parts if p is not part]
    best = whole.candidates[0][0] if whole.candidates else None
    return all(NOTATION.match(p) for p in rest) or best == found.indicator_id


def _name_parts(parts: list[str]) -> list[str]:
    """The parts of a joined label that may name its indicator, nearest the figures first: in
    "Section - Name" the section is a topic, not the name; in "Name - %" the first part is the
    name."""
    if len(parts) < 2:
        return []
    later = list(reversed(parts[1:]))
    return later + [parts[0]] if all(NOTATION.match(p) for p in parts[1:]) else later


def _unit_fits(catalogue, indicator_id: str, obs: Observation, hint: str | None) -> bool:
    unit = catalogue.indicator(indicator_id).unit
    return hint in (None, unit) and COUNT_BESIDE_PERCENT not in obs.flags


def _unit_of_parts(parts: list[str]) -> str | None:
    """The unit a sub-heading names (`%`, `Rate`), when a label was joined from a grouped header."""
    from interpreter.headers import unit_word

    units = {unit_word(p) for p in parts} & DISCRIMINATING_UNITS
    return units.pop() if len(units) == 1 else None


def figures_rule_out(observations: list[Observation]) -> dict[str, set[str]]:
    """For each label whose source states no unit, the units its own figures rule out: a fraction
    between 0 and 100 is no whole count (`Catalogue.kind`: a count of full-time equivalents may be
    one), and, where the label names no unit either, a figure above 100 is no percentage.
    (England's figure says nothing: benchmarking packs print England's average per authority
    beside a count.)"""
    from indicators.label_words import read_label

    actual = defaultdict(list)
    for obs in observations:
        if obs.value is not None and not obs.unit and obs.measure == "actual":
            actual[obs.indicator_label].append(obs.value)
    ruled_out = {}
    for label, values in actual.items():
        units = {"count"} if any(0 < v < 100 and v != int(v) for v in values) else set()
        if read_label(label).unit is None and any(v > 100 for v in values):
            units.add("percent")
        if units:
            ruled_out[label] = units
    return ruled_out


def unnamed_rate_ruled_out(label: str, ruled_out: set[str]) -> set[str]:
    """The units ruled out, and a rate per 10,000 the label does not name while the figures allow a
    count: reports name their rates, so an unnamed rate needs figures no count has."""
    from indicators.label_words import read_label

    if "count" in ruled_out or read_label(label).unit is not None:
        return set(ruled_out)
    return set(ruled_out) | {"rate_per_10k"}


def _without_contrasted(catalogue, observations: list[Observation], matches: list) -> list:
    """Matches less those contrasted away: where one label of the report states what an
    indicator's figure includes ("children in need, including CP, as the DfE counts them"),
    another label given the same indicator that states nothing of it ("open child in need cases")
    is some other count: its next candidate if the matcher would be sure of it, else unmapped."""
    from indicators.label_words import read_label

    stated = defaultdict(set)
    for obs, match in zip(observations, matches, strict=True):
        if match.indicator_id:
            stated[match.indicator_id].add(_scope(read_label(obs.indicator_label)))
    return [
        _runner_up(catalogue, m)
        if m.indicator_id
        and _scope(read_label(obs.indicator_label)) is None
        and "incl" in stated[m.indicator_id]
        else m
        for obs, m in zip(observations, matches, strict=True)
    ]


def _runner_up(catalogue, match):
    """The match without its indicator: the next candidate when it scores ACCEPT and leads the one
    after by MARGIN, else none."""
    rest = [(i, s) for i, s in match.candidates if i != match.indicator_id]
    settings = catalogue.settings
    best, score = rest[0] if rest else (None, 0.0)
    after = rest[1][1] if len(rest) > 1 else 0.0
    sure = best is not None and score >= settings.ACCEPT and score - after >= settings.MARGIN
    return type(match)(best if sure else None, score, rest)


def _scope(label) -> str | None:
    """What a label says its figure includes or excludes ("incl", "excl"), if anything."""
    return dict(label.markers).get("scope")


def unit_hint(obs: Observation) -> str | None:
    """The unit to match with: only one that tells indicators apart, or the count of a
    count-and-rate pair."""
    if obs.unit in DISCRIMINATING_UNITS or obs.flags & {PAIR, COUNT_BESIDE_PERCENT}:
        return obs.unit
    return None


def _unit_from_label(label: str) -> str:
    low = label.lower()
    if "%" in low or "percent" in low or "proportion" in low:
        return "percent"
    if "10,000" in low or "10000" in low or "10k" in low:
        return "rate_per_10k"
    if "days" in low and not re.search(r"\d\s*(working\s*)?days", low):
        return "days"  # "Average days ...", not a timescale ("within 45 days")
    return "count"
