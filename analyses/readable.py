"""Frames as a reader sees them: names instead of ids and codes, headers in words, numbers rounded,
blanks blank, dates without midnight times and national source files named as the publications
they come from."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import pandas as pd

from authorities import resolve
from authorities.authority import REFERENCE

PUBLICATIONS_PATH = REFERENCE / "publications.csv"
# Machine keys a name column beside them already says (dropped when that name column is present).
NAMED_BY = {
    "indicator_id": "indicator_name",
    "la_code": "authority",
    "old_la_code": "authority",
    "intervention_id": "intervention",
    "rag": "rag_label",
    "direction": "direction_label",
    "comparator": "comparator_label",
    "document_id": "source_file",
}
# Direction of travel joins the movement and its judgement; where both are shown apart it is left
# out.
SHOWN_APART = {"direction": ("movement", "judgement"), "direction_label": ("movement", "judgement")}
HEADERS = {
    "indicator_name": "Indicator",
    "indicator_id": "Indicator",
    "rag_label": "RAG",
    "rag": "RAG",
    "direction_label": "Direction of travel",
    "comparator_label": "Comparator",
    "source_file": "Source",
    "sn_mean": "Neighbours' mean",
    "sn_median": "Neighbours' median",
    "q25": "Lower quartile",
    "q50": "Median",
    "q75": "Upper quartile",
    "rank_england": "Rank in England",
    "per_10k": "Per 10,000 children",
    "stat_neighbour_avg": "Statistical neighbour average",
    "la_code": "Authority",
    "judgement": "Better or worse",
    "source": "Figures from",
    "change_text": "Change as the slides print it",
    "change_pct_text": "% change as the slides print it",
}
WORDS = {
    "pct": "%",
    "ytd": "year to date",
    "12m": "12 months",
    "10k": "10,000",
    "sn": "neighbours'",
}
CODE = re.compile(r"^(E\d{8}|\d{3})$")
ONS_CODE = re.compile(r"\bE\d{8}\b")


def reader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` for display: id and code columns dropped where a name says the same, ids shown as
    names, headers in words, every cell text (numbers rounded to at most two decimals, no 'None',
    'nan' or midnight times)."""
    out = frame.drop(columns=[c for c, name in NAMED_BY.items() if c in frame and name in frame])
    out = out.drop(
        columns=[c for c, apart in SHOWN_APART.items() if c in out and all(a in out for a in apart)]
    )
    for column in ("indicator", "indicator_id"):
        if column in out:
            out[column] = out[column].map(indicator_display)
    for column in ("authority", "comparison", "la_code"):
        if column in out:
            out[column] = out[column].map(authority_display)
    if "source_file" in out:
        out["source_file"] = [
            publication_name(f, e)
            for f, e in zip(out["source_file"], out.get("period_end", pd.Series([None] * len(out))))
        ]
    out = out.apply(
        lambda column: (
            column
            if column.name == "sparkline"
            else column.map(year_text if "year" in str(column.name) else cell_text)
        )
    )
    return out.set_axis(unique_headers([header(c) for c in out.columns]), axis=1)


def unique_headers(headers: list[str]) -> list[str]:
    """Headers with a repeated one numbered ('Value', 'Value (2)'): a table cannot show two columns
    of one name."""
    seen: dict[str, int] = {}
    out = []
    for text in headers:
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def header(column) -> str:
    """'comparator_value' -> 'Comparator value', 'difference_pct' -> 'Difference %'."""
    text = str(column)
    if text in HEADERS:
        return HEADERS[text]
    words = [WORDS.get(w, w) for w in text.split("_")]
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]


def cell_text(value) -> str:
    """A cell as text: '' for a blank, '56,392' for a whole number, '9.22' for a fraction, a date
    without its midnight time, 'yes'/'no' for a flag."""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, datetime)):
        stamp = pd.Timestamp(value)
        return f"{stamp:%Y-%m-%d}" if stamp == stamp.normalize() else f"{stamp:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        return number_text(float(value))
    return str(value)


def year_text(value) -> str:
    """A year as a year ('2015', not '2,015')."""
    return cell_text(value).replace(",", "") if not isinstance(value, str) else value


def number_text(value: float) -> str:
    """'1,429' for a whole number, '82.67' for a fraction (at most two decimals), '-0.5' keeps its
    sign."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def indicator_display(value) -> str:
    """An indicator id shown as its catalogue name (a printed label left unmapped stays as
    printed)."""
    from analyses.compare import indicator_name

    return indicator_name(value) if isinstance(value, str) and value else cell_text(value)


def authority_display(value) -> str:
    """An ONS or DfE code shown as the authority's name; names stay as they are."""
    if isinstance(value, str) and CODE.match(value.strip()):
        found = resolve(value.strip())
        return found.name if found is not None else value
    return cell_text(value)


def codes_named(text):
    """Every ONS code in a text replaced by its authority's name ('E08000036 (window of Oct 2011)'
    -> 'Wakefield (window of Oct 2011)'); other values are returned as they are."""
    if not isinstance(text, str):
        return text
    return ONS_CODE.sub(lambda m: authority_display(m.group(0)), text)


def frame_named(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame with every ONS code in its text columns replaced by the authority's name
    (`codes_named`)."""
    out = frame.copy()
    for column in out.columns:
        if (
            out[column].dtype == object or pd.api.types.is_string_dtype(out[column])
        ) and column != "la_code":
            out[column] = out[column].map(codes_named)
    return out


@lru_cache(maxsize=1)
def publications() -> pd.DataFrame:
    """The national source files' publications: `source_starts_with`, `publication`, `url`."""
    return pd.read_csv(PUBLICATIONS_PATH, dtype=str)


def publication_name(source_file, period_end=None) -> str:
    """A national figures' source file as its publication and year ('DfE children in need statistics
    2023', the year its figures run to); a report's own file name stays as uploaded."""
    text = cell_text(source_file)
    for start, title in zip(publications()["source_starts_with"], publications()["publication"]):
        if text.startswith(start):
            year = (
                pd.Timestamp(period_end).year
                if period_end is not None and pd.notna(period_end)
                else None
            )
            return f"{title} {year}" if year else title
    return text


def source_names(frame: pd.DataFrame) -> list[str]:
    """The sources of a frame's figures, each once: publications with the years their figures cover
    ('DfE children in need statistics 2013 to 2025'), reports by file name."""
    names: dict[str, list[int]] = {}
    for source, end in zip(
        frame["source_file"], frame.get("period_end", pd.Series([None] * len(frame)))
    ):
        if not cell_text(source):
            continue
        title = publication_name(source)
        years = names.setdefault(title, [])
        if title != cell_text(source) and end is not None and pd.notna(end):
            years.append(pd.Timestamp(end).year)
    return sorted(f"{t} {_years(y)}".strip() for t, y in names.items())


def _years(years: list[int]) -> str:
    if not years:
        return ""
    low, high = min(years), max(years)
    return f"{low}" if low == high else f"{low} to {high}"


def area_name(area: str) -> str:
    """A catalogue service area as words: 'front_door' -> 'Front door', 'care_leavers' -> 'Care
    leavers'."""
    text = str(area).replace("_", " ").strip()
    return text[:1].upper() + text[1:]
