"""Printed indicator labels reduced to comparable words, an inferred unit and discriminating
markers.

`read_label(text)` gives a `Label`:
- `markers`: what must agree between a label and an indicator ("in month" vs "rolling", "started"
  vs "completed", A1 vs A2, the 15 in "within 15 days", the population named ...);
- `words`: the content words the fuzzy scorer compares, without the qualifiers the markers carry;
- `key`, `loose_key`: what an exact alias lookup compares (words and markers, with and without unit
  words);
- `unit`: the unit the label states, if any.
Bracketed asides ("(Corporate Plan 2016 Indicator)") are left out of the words and the key, but give
the markers that the main text does not.

"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractors.grid import fold

# Spellings, abbreviations and time units, folded in order on lower-cased text.
SPELLINGS = [
    (r"[\u2018\u2019`]", "'"),
    (r"[\u2013\u2014]", "-"),
    (r"&", " and "),
    (r"'s\b|s'(?=\s)", ""),
    (r"(\d)\s*\+", r"\1 or more"),
    (r"\b2nd\b", "second"),
    (r"\b1st\b", "first"),
    (r"\b10\s*[,. ]?\s*000\b|\b10k\b", "10000"),
    (r"\bper\s*cent\b|\bpercentage\b|\bproportion\b|\bpct\b|%", " percent "),
    (r"\bno\s*\.|\bno\b(?=\s+of\b)|\bnum\b\.?|\bnos\b\.?|\bnumbers\b", " number "),
    (r"\b(\d+|three)[- ]years? (rolling )?(average|avg)\b\.?", " "),  # how A1/A2 are published
    (r"\bni ?\d{2,3}\b", " "),  # National Indicator Set codes ("NI 147") precede the NI's name
    (r"\bav\b\.?|\bavg\b\.?|\bmean\b", " average "),
    (r"\bup[- ]to[- ]date\b|\buptodate\b|\bin date\b", " uptodate "),
    (r"\bre[- ]?referrals?\b", "rereferral"),
    (r"\bs\s?\.?\s?47s?\b|\bsec(tion)?\.?\s?47s?\b", "s47"),
    (r"\bs\s?\.?\s?20s?\b|\bsec(tion)?\.?\s?20s?\b", "s20"),
    (r"\b(w/d|wds?)\b", "working days"),
    (r"\bhrs?\b", "hours"),
    (r"\bwks?\b", "weeks"),
    (r"\b(mths?|mnths?)\b\.?|(?<=\d)(mths?|mnths?)\b\.?", " months"),
    (r"(\d)\s*(months?)\b", r"\1 months"),
    (r"\byrs?\b\.?", "years"),
    (r"\b(days?|weeks?|months|years?)\s*\+", r"\1 or more"),  # "1.5 years+"
    (r"\bone(?= (working )?(day|week|hour)s?\b)", "1"),
    (r"\btwo(?= (working )?(day|week|hour)s?\b)", "2"),
    (r"\b(one|1)[- ]years?\b|\btwelve[- ]months?\b|\b12[- ]months?\b", "12 months"),
    (r"\b24 months\b|\btwo years\b|\b2 years?\b", "2 years"),
    (r"\b(\d+)[- ]days?\b", r"\1 days"),
    (r"\b(aged )?(under|less than) 18s?\b|\b(aged )?0 ?(-|to) ?1[78]( years?)?( olds?)?\b", " "),
    (  # an age band: "care leavers 19-21", "aged 17 to 18" (not a span of days or months)
        r"\b(?:aged )?(1\d|2[0-5]) ?(?:-|to) ?(1\d|2[0-5])\b"
        r"(?! ?(?:working )?(?:day|week|month|year|hour)s?\b)",
        r"aged \1-\2",
    ),
    (r"\b(population|pop)\b\.?", " "),
    (r"\bkids\b", "children"),
    (r"\bmax\b\.?", "maximum"),
    (r"\bmin\b\.?", "minimum"),
    (r"\bauthori[sz]ed\b", "completed"),
    (r"\bnot (in suitable accommodation|suitably accommodated)\b", "in unsuitable accommodation"),
    (r"\bsuitably accommodated\b", "in suitable accommodation"),
    (r"\bthree(?= or more\b)", "3"),
    (r"\bplacement moves\b", "placements"),
    (r"\bfull[- ]time equivalents?\b", " fte "),
]
# Names that reports write many ways, folded to one token each (order matters: ICPC before CPP).
ENTITIES = [
    # an outcome of no further action, not the closing of a case ("closed with NFA")
    (
        r"\b((closed|closing|ended|ending|resulting|resulted|leading|led)( (in|with|to|as))?\W+"
        r"(an? )?)?(outcomes?\W+((of|is|was)\W+)?)?(no further action|nfa)\b",
        " nfa ",
    ),
    (r"\b(strategy[- ]led|child protection|cp) enquir(y|ies)\b", "s47 enquiry"),
    (r"\binitial (stage )?((child protection|cp) )?(case )?conf(erence)?s?\b|\bicpcs?\b", "icpc"),
    (
        (
            r"\b(review (child protection|cp)|(child protection|cp) review) "
            r"conf(erence)?s?\b|\brcpcs?\b"
        ),
        "cpp review",
    ),
    (
        r"\b(child protection|cp|protection) plans?\b|\bcpps?\b"
        r"|\bon the ((child protection|cp) )?register\b",
        "cpp",
    ),
    (r"\bchild protection\b|\bcp\b", "cpp"),
    (r"\bsecond cpp\b", "repeat cpp"),
    (r"\brepeat referrals?\b", "rereferral"),
    (r"\brisk continues\b", "continuing risk"),
    (
        r"\b(new )?entrants to care\b|\badmissions to care\b|\bnew into care\b"
        r"|\b(entering|entered|coming into|came into|entry (in)?to|taken into|brought into) (our )?"
        r"care\b|\bstart(s|ed|ing)? (in|to) care\b",
        "cla start",
    ),
    (r"\badoption orders?\b", "adoption"),
    (
        r"\bhealth assessments? (in|within) the (last|past|previous) 12 months\b",
        "uptodate health assessment",
    ),
    (r"\bunaccompanied asylum[- ]seeking child(ren)?\b|\buascs?\b", "uasc"),
    (
        r"\b(left|leaving|ceased to be in|exits? from|ceasing to be in) (our )?care\b"
        r"|\bceas(ed|ing) care\b",
        "cla ceased",
    ),
    (
        r"\b(looked[- ]after (children|child|young people)|child(ren)? looked[- "
        r"]after|child(ren)? in care"
        r"|cla|lac|cic|cfc|looked[- ]after|cared[- ]for child(ren)?|our child(ren)?( in "
        r"care)?|child(ren)? in our care|child(ren)? we look after)\b",
        "cla",
    ),
    (r"\bchild(ren)? in need\b|\bcins?\b", "cin"),
    (r"\bspecial guardianship orders?\b|\bsgos?\b", "sgo"),
    (r"\bpersonal education plans?\b|\bpeps\b", "pep"),
    (r"\bindependent fostering (agenc(y|ies)|placements?)\b|\bifas?\b", "ifa"),
    (r"\bchild(ren)? sexual exploitation\b", "cse"),
    (r"\bcse[- ]flagged\b|\bflagged (for|as) cse\b", "cse"),
    (r"\btimeliness of (contact )?decisions?\b", "contact decision"),
    (
        r"\bcare leavers?\b|\bcls?\b|\bcare[- ]experienced( young (people|adults)| adults)?\b",
        "careleaver",
    ),
    (r"\b(early|universal) help\b|\beh\b", "earlyhelp"),
    (r"\bneet\b", "not in education employment or training"),
    (r"\beet\b", "education employment or training"),
    (r"\bdental (assessment|check)s?\b", "dental check"),
    (r"\b(has |have )?(taken|took) place\b", " "),
    (
        r"\bmulti[- ]agency (safeguarding hub|risk assessment unit)\b|\bmaru\b|\b(integrated "
        r")?front door\b|\bifd\b"
        r"|\bchild(ren)? advice and duty service\b|\bcads\b",
        "mash",
    ),
    (
        (
            r"\b(mash )?(decisions?|contacts? (completed|decided|actioned|processed|with (a "
            r")?decision))( made)?\b(?= within)"
        ),
        "contact decision",
    ),
    (r"\b(initial|first) health assessments?\b", "initial health assessment"),
    (r"\b(single|c and f|child(ren)? and famil(y|ies)|social work) assessments?\b", "assessment"),
    (
        r"\b(child(ren)?|young people)? ?social care\b|\b(social|child(ren)?) services\b|\bcsc\b",
        " ",
    ),
    (r"\bper 10000\b", " "),
    (
        (
            r"\b(at|as at) (the )?end of (the "
            r")?(month|period|quarter|year)\b|\b(period|month|year) "
            r"end\b|\bas at\b"
        ),
        " ",
    ),
    (r"\benquiries\b|\benquiry\b|\binvestigations?\b", "enquiry"),
    (r"\bconf(erence)?s?\b\.?", "conference"),
    (
        r"\bsecond (or subsequent )?time\b|\bsecond or subsequent\b|\bsubsequent time\b"
        r"|\bpreviously (been )?(subject|on)( of| to)?\b",
        " repeat ",
    ),
    (
        r"\b(progressing|prog\.?|going on ?to|going|leading|converting|conversion|resulting "
        r"in|that becomes?)\b"
        r"( to| on)?\b",
        " to ",
    ),
    (r"\baverage (number )?(of )?cases\b|\bcase ?loads?\b", "caseload"),
    (r"\bsws?\b", "social worker"),
]
# The words of a figure's lifecycle: the lifecycle markers, and qualifiers left out of the words.
STARTING = (
    r"start\w*|commenc\w*|new|opened|initiated|admissions?|admitted|becom\w*|became"
    r"|entering|entered"
)
COMPLETING = r"complet\w*"
CEASING = r"ceas\w*|cessations?|discontinu\w*|ended|ending|closed|closures?"
# Qualifiers that markers carry, left out of the words.
QUALIFIERS = re.compile(
    "|".join(
        [
            r"\b((within|in|over|under|more than|less than|up to|by|past|beyond|after|for|at "
            r"least|lasting|lasted)\s)*(the )?"
            r"(last |first |previous |past )?\d+(\.\d+)?( ?- ?\d+)? (working )?"
            r"(day|week|month|year|hour)s?( or "
            r"(less|more))?\b"
            r"( (of|from) (the |a |an )?[a-z0-9]+( "
            r"[a-z0-9]+)?)?",
            r"\baged \d+( ?- ?\d+)?( or (more|over|under))?\b",
            r"\b(within|in|outside|out of) (the )?(statutory |required |agreed )?timescales?\b",
            r"\b(in|on) time\b",
            r"\b(in|current|this|during the|in the|within the) month\b|\bmonthly\b|\brolling( "
            r"year| "
            r"period)?\b",
            r"\bytd\b|\byear to date\b|\b(in|during) the year\b",
            r"\b(ever|at any time|any time)\b",
            rf"\b({STARTING}|open|{COMPLETING}|{CEASING})\b",
            r"\buptodate\b",
            r"\b(including|includes|inc|incl|excluding|excludes|excl|exc|as per)\b\.?[^,;:()]*",
            r"\bcorporate plan\b[\s\d/]*(indicator)?",
            r"\bbased on (number|count) of child(ren)?\b",
            # words that only date a figure or say it is a sum ("Children in care: end of month",
            # "month figure", "snapshot", "month total"): no indicator is defined by them
            r"\b(end of (the )?)?(month|quarter)( end)?\b|\bsnapshot\b|\bfigures?\b|\btotals?\b"
            r"|\bsum\b|\boutturn\b",
        ]
    )
)
LEMMAS = {
    "children": "child",
    "visited": "visit",
    "seen": "visit",
    "reviewed": "review",
    "completed": "complete",
    "completion": "complete",
    "started": "start",
    "starting": "start",
    "ceased": "cease",
    "ceasing": "cease",
    "became": "become",
    "becoming": "become",
    "adopted": "adoption",
    "opened": "open",
    "audited": "audit",
    "supervised": "supervision",
    "assessed": "assessment",
    "referred": "referral",
    "stepped": "step",
    "stable": "stability",
    "leaving": "leaver",
}
STOPWORDS = set(
    """of the a an to that are is be been being who which whom whose for and or with have has had
    their
    there this these those by on at as it its in into onto from was were where whether than per all
    s within
    due through via because child young people person case subject held made dealt undertaken
    delivered had
    recorded authorised received granted having current period quarter team teams number percent
    rate total count
    10000 average indicator performance measure statutory fte""".split()
)
UNIT_WORDS = {
    "number": "count",
    "percent": "percent",
    "10000": "rate_per_10k",
    "average": "average",
}
MIXED = "mixed"  # "Number / rate of ...": states two units
RATE = "rate"  # "... rate" without "per 10,000" or "%": a rate per 10,000 or a percentage
FTE = "fte"  # "... (FTE)" and no other unit: a count of full-time equivalents, maybe a fraction
ASIDE = re.compile(r"\([^()]*\)?|\[[^\]]*\]?")
NUMBERING = re.compile(r"^\s*(\(\d+\)|\d+(\.\d+)+\.?|\d+[.)])\s+")
FOOTNOTE = re.compile(r"[\s*\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2070-\u2079]+$")

# Markers: group -> [(value, pattern)] searched in canonical text; the earliest value found wins.
SINGLE = {
    "period": [
        ("month", r"\b(in|current|this|during the|in the|within the) month\b|\bmonthly\b"),
        ("rolling", r"\brolling\b"),
        ("ytd", r"\bytd\b|\byear to date\b"),
    ],
    "lifecycle": [
        ("start", rf"\b({STARTING})\b"),
        ("complete", rf"\b{COMPLETING}"),
        ("cease", rf"\b({CEASING})\b"),
        ("open", r"\bopen\b(?! (at least|for|over))"),
    ],
    "stage": [("initial", r"\b(initial|icpc)\b"), ("review", r"\breview\w*")],
    "code": [("a1", r"\ba1\b"), ("a2", r"\ba2\b")],
    "uptodate": [("yes", r"\buptodate\b")],
    "stability": [("short", r"\bshort[- ]term\b"), ("long", r"\blong[- ]term\b")],
    # whether the authority is in touch with a care leaver: "not in touch" is the opposite figure
    "contact": [
        ("lost", r"\b(not|no longer|never|out of|lost)( \w+)? (in )?touch\b"),
        ("kept", r"\b(in|keep|keeps|kept|keeping|stay|stays|stayed) (in )?touch\b"),
    ],
    "outcome": [
        ("unsubstantiated", r"\b(not|un) ?substantiated\b"),
        ("no_risk", r"substantiated\W.{0,40}\b(not|no)\b.{0,30}continuing risk"),
        ("risk", r"continuing risk"),
    ],
    "window": [
        ("ever", r"\bever\b|\bany time\b"),
        ("2y", r"\b(within|in)( the last| the previous)? 2 years\b"),
    ],
    "scope": [
        ("excl", r"\b(exclu\w*|excl|exc|not)\W+(\w+\W+){0,5}?(cpp|cla)\b"),
        ("incl", r"\binc\w*\W+(\w+\W+){0,3}?(cpp|cla)\b"),
    ],
    "team": [
        ("duty", r"\b(duty|assessment|front door|mash)( and \w+)? teams?\b"),
        ("cin", r"\bcin( \w+)? teams?\b"),
        ("cla", r"\bcla( \w+)? teams?\b"),
        ("disability", r"\bdisabilit\w*|\bcwd\b"),
        ("cse", r"\bcse( \w+)? teams?\b"),
    ],
    "residual": [("other", r"\bothers\b|\bother\s*(/|$|\(|local)|\bnot recorded\b|\bunknown\b")],
    "locality": [
        (place, rf"\b{place}\b")
        for place in ("north", "south", "east", "west", "central", "locality")
    ],
    "direction": [
        (
            "over",
            r"\b(over|more than|exceeding|beyond|past|outside|longer than) (the )?"
            r"(\d|timescale|statutory)",
        ),
        (
            "within",
            r"\b(within|in|under|less than|up to|by) (the )?(last |first )?(\d|timescale|statutory)"
            r"|\bor less\b|\b(in|on) time\b|\btimely\b",
        ),
    ],
}
LAST_YEAR = re.compile(r"\b((in|over|during|within) )?(the )?(last|past|previous) 12 months\b")
# what silence on the group means
DEFAULTS = {"window": "ever", "locality": "none", "residual": "none"}
POPULATIONS = {
    "cin": "cin",
    "cpp": "cpp",
    "cla": "cla",
    "uasc": "cla",
    "careleaver": "careleaver",
    "earlyhelp": "earlyhelp",
}
DURATION = re.compile(
    r"(?<!at least )(?<!for )(?<![\d.])\b(\d+(?:\.\d+)?(?: ?- ?\d+)?) (?:working )?"
    r"(day|week|month|year|hour)s?\b"
)
AGES = re.compile(r"\baged (\d+-\d+)\b")  # an age band: "aged 17-18"
IN_DAYS = {"day": 1, "week": 5, "hour": 1 / 24}
TIMESCALE = "timescale"  # "within timescale": agrees with any stated time span


@dataclass(frozen=True)
class Label:
    """A label as the matcher sees it."""

    words: str
    key: str
    loose_key: str
    unit: str | None
    markers: tuple


def compiled(pairs) -> list[tuple[re.Pattern, str]]:
    """(pattern, value) pairs with the patterns compiled."""
    return [(re.compile(pattern), value) for pattern, value in pairs]


SPELLINGS, ENTITIES = compiled(SPELLINGS), compiled(ENTITIES)
SINGLE = {
    group: compiled((pattern, value) for value, pattern in values)
    for group, values in SINGLE.items()
}


def rewrite(text: str, replacements) -> str:
    """Text with each (pattern, replacement) applied in order and spaces collapsed."""
    for pattern, replacement in replacements:
        text = pattern.sub(replacement, text)
    return fold(text)


def named_spans(text: str) -> list[tuple[int, int]]:
    """Where cleaned text prints a name that `ENTITIES` fold to one token (a topic such as "cared
    for children" or "child protection", a "s47 enquiry"), as (start, end) offsets."""
    return [found.span() for pattern, _ in ENTITIES for found in pattern.finditer(text)]


def clean(text: str) -> str:
    """Lower-case text without numbering or footnote marks, with `SPELLINGS` folded."""
    text = unicodedata.normalize("NFKC", text).lower()
    return rewrite(FOOTNOTE.sub("", NUMBERING.sub("", text)), SPELLINGS)


def tokens(text: str) -> list[str]:
    """The content words of canonical text, lemmatised, without stopwords, qualifiers or repeats."""
    words = (stem(t) for t in re.findall(r"[a-z0-9]+(?:-[0-9]+)?", QUALIFIERS.sub(" ", text)))
    return list(dict.fromkeys(w for w in words if w not in STOPWORDS))


def stem(token: str) -> str:
    """A crude lemma: 'placements' -> 'placement', 'enquiries' -> 'enquiry', 'visited' ->
    'visit'."""
    if token in LEMMAS:
        return LEMMAS[token]
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def infer_unit(text: str) -> str | None:
    """The unit a cleaned label states: None when it states none, else a unit, MIXED, RATE or
    FTE."""
    found = {unit for word, unit in UNIT_WORDS.items() if re.search(rf"\b{word}\b", text)}
    if re.search(r"\b(number|average) (of )?days\b|\bdays (between|from)\b", text):
        return "days"
    if "average" in found:
        return "average"
    if "rate_per_10k" in found and "count" in found and not re.search(r"/|\band rate\b", text):
        found.discard("count")
    if not found and re.search(r"\brates?\b", text):
        return RATE
    if not found and re.search(rf"\b{FTE}\b", text):
        return FTE
    return found.pop() if len(found) == 1 else MIXED if found else None


def durations(text: str) -> tuple[str, ...]:
    """The time spans a text names: '15d', '12m' ('24 hours' = '1d', '2 weeks' = '10d', '2 years' =
    '24m')."""
    text = re.sub(
        r"(\d+) (?:or|and|/) (\d+) ((working )?(day|week|month|year|hour)s?)", r"\1 \3 \2 \3", text
    )
    found = (
        {TIMESCALE} if re.search(r"\btimescales?\b|\b(in|on) time\b|\btimely\b", text) else set()
    )
    for amount, unit in DURATION.findall(text):
        if "-" in amount:
            found.add(amount.replace(" ", "") + unit[0])
        elif unit in ("month", "year"):
            found.add(f"{float(amount) * (12 if unit == 'year' else 1):g}m")
        else:
            found.add(f"{float(amount) * IN_DAYS[unit]:g}d")
    return tuple(sorted(found))


def single_markers(text: str) -> dict[str, str]:
    """For each group of `SINGLE`, the value whose pattern occurs earliest in the text ("the last
    12 months", where no period is named, is a rolling year)."""
    found = {}
    for group, values in SINGLE.items():
        # "in the past 12 months" is a window, not a span a figure falls within or over
        searched = LAST_YEAR.sub(" ", text) if group == "direction" else text
        hits = [(m.start(), value) for pattern, value in values if (m := pattern.search(searched))]
        if hits:
            found[group] = min(hits)[1]
    if "period" not in found and LAST_YEAR.search(text):
        found["period"] = "rolling"  # a figure "in the last 12 months" is a rolling year's
    return found


def set_markers(text: str) -> dict[str, tuple[str, ...]]:
    """The populations (cin, cpp, cla, care leavers, early help), time spans and age bands a text
    names."""
    named = re.findall(r"[a-z]+", QUALIFIERS.sub(" ", text))
    people = tuple(sorted({POPULATIONS[t] for t in named if t in POPULATIONS}))
    ages = tuple(sorted(set(AGES.findall(text))))
    return {
        name: value
        for name, value in (("population", people), ("durations", durations(text)), ("ages", ages))
        if value
    }


def markers_of(main: str, asides: str) -> tuple:
    """Sorted (group, value) pairs of the main text, with groups it is silent on taken from its
    asides."""
    found = {**single_markers(asides), **set_markers(asides)}
    found.update({**single_markers(main), **set_markers(main)})
    return tuple(sorted(found.items()))


@lru_cache(maxsize=65536)
def read_label(text: str) -> Label:
    """The `Label` of a printed label (cached)."""
    cleaned = clean(text)
    plain = ASIDE.sub(" ", cleaned)
    main = rewrite(plain, ENTITIES)
    markers = markers_of(main, rewrite(" ".join(ASIDE.findall(cleaned)), ENTITIES))
    words = tokens(main)
    unit_words = sorted({w for w in re.findall(r"[a-z0-9]+", plain) if w in UNIT_WORDS})
    loose_key = " ".join(words) + "|" + repr(markers)
    unit = infer_unit(plain) or infer_unit(cleaned)
    return Label(" ".join(words), " ".join(unit_words) + "|" + loose_key, loose_key, unit, markers)


# The headings reports print over a service area's rows, by the catalogue's areas: a section
# "Child protection" over "% ICPCs within 15 days" heads the row; it does not qualify it.
SECTION_HEADINGS = {
    "front_door": "front door|mash|first response|contacts and referrals|contacts|referrals"
    "|duty and assessment|multi agency safeguarding hub",
    "assessment": "assessments?|child and family assessments?|single assessments?",
    "child_protection": "child protection|cp|safeguarding|section 47|s47",
    "children_in_need": "children in need|child in need|cin|safeguarding",
    "looked_after": "children looked after|looked after children|children in care|our children"
    "|cla|lac|cic|corporate parenting|placements",
    "care_leavers": "care leavers|leaving care",
    "adoption": "adoption|permanence",
    "workforce": "workforce|staffing|social workers",
    "early_help": "early help",
}
HEADING = {area: re.compile(rf"(?:{names})") for area, names in SECTION_HEADINGS.items()}
HEADING_PARTS = re.compile(r"\s*[/,&]\s*")


def heading_areas(text: str) -> set[str]:
    """The service areas a section heading names ("MASH / First response": front_door), or none
    when any of its parts is more than a heading."""
    plain = re.sub(r"[^a-z0-9/,& ]+", " ", unicodedata.normalize("NFKC", text).lower())
    parts = [p.strip() for p in HEADING_PARTS.split(plain) if p.strip()]
    areas = [{a for a, pattern in HEADING.items() if pattern.fullmatch(p)} for p in parts]
    return set().union(*areas) if areas and all(areas) else set()
