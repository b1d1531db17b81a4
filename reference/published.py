"""The DfE's published children's social care figures (LAIT and explore-education-statistics) as
observations.

data/reference/published_figures.csv.gz holds the observation columns of
/work/shared/spec/observations.md plus geographic_level ('National', 'Regional', 'Local authority');
published_measures.csv says which source measure became which indicator id; published_omissions.csv
lists the measure-years whose council figures were left out and why (reference/rules.py). All are
built by scripts/build_published.py.

"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from authorities.authority import REFERENCE

PUBLISHED_PATH = REFERENCE / "published_figures.csv.gz"
MEASURES_PATH = REFERENCE / "published_measures.csv"
OMISSIONS_PATH = REFERENCE / "published_omissions.csv"
NUMBERS = ("value", "numerator", "denominator", "confidence")


@lru_cache(maxsize=1)
def _figures() -> pd.DataFrame:
    frame = pd.read_csv(PUBLISHED_PATH, dtype=str, keep_default_na=False)
    for column in NUMBERS:
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(float)
    return frame


def published_frame() -> pd.DataFrame:
    """A copy of every published figure, one row per place, indicator and period.

    Dates (period_start, period_end, report_date) are ISO text ('2016-03-31'; report_date is blank);
    value, numerator, denominator and confidence are floats, NaN when blank (a suppressed or missing
    figure has no value and its symbol, 'c', 'x', 'z', 'low', ..., in note); other columns are text.
    """
    return _figures().copy()


@lru_cache(maxsize=1)
def _measures() -> pd.DataFrame:
    return pd.read_csv(MEASURES_PATH, dtype=str, keep_default_na=False)


def published_measures() -> pd.DataFrame:
    """A copy of the mapping: source, source_measure, indicator_id, label, unit, polarity,
    period_type, definition."""
    return _measures().copy()


@lru_cache(maxsize=1)
def _omissions() -> pd.DataFrame:
    return pd.read_csv(OMISSIONS_PATH, dtype=str, keep_default_na=False)


def published_omissions() -> pd.DataFrame:
    """A copy of the measure-years whose council figures were left out: indicator_id, measure,
    period_type, period_start, period_end, councils, value (England's), note."""
    return _omissions().copy()
