"""The batched trend tables (`analyses.trend_tables`): for every authority and indicator of a
generated frame, exactly what one `trend_table(..., details=False)` call returns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analyses.scorecard
from analyses.scorecard import scorecard
from analyses.trend_tables import trend_tables
from analyses.trends import trend_table

AUTHORITIES = ["Rotherham", "Southampton", "Leeds", "Blackpool"]
# catalogue indicators (their own unit and polarity) and ids the catalogue does not know
INDICATORS = ["contacts", "re_referrals_12m_pct", "cpp_rate_10k", "made_up_count", "made_up_pct"]
UNITS = ["count", "percent", "rate_per_10k", None]
POLARITIES = ["info", "high", "low", "within_range", None]
TYPES = {
    "month": pd.DateOffset(months=1),
    "quarter": pd.DateOffset(months=3),
    "financial_year": pd.DateOffset(years=1),
}
RULES = [
    [(95.0, "Target Green: 95%+"), (92.0, "Red tolerance: <92%")],
    [(26.0, "Target Green: 26%<"), (30.0, "Red tolerance: 30%+")],
    [(52.3, "Target Green: +/-5 of 52.3"), (None, "Red tolerance: more than +/- 10")],
    [(None, "Target Green: 16-22"), (None, "Red tolerance: over 1% above range")],
    [(40.0, "")],
]
REPORTS = pd.to_datetime(["2016-12-31", "2017-01-31", None])


def periods(rng, period_type: str) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """A run of periods of one type with some left out (missing periods)."""
    step, first = TYPES[period_type], pd.Timestamp("2015-04-01")
    starts = [first + step * k for k in range(int(rng.integers(2, 9)))]
    kept = [s for s in starts if rng.random() > 0.25]
    return [(s, s + step - pd.Timedelta(days=1)) for s in kept]


def row(
    authority, indicator, measure, period_type, start, end, value, unit, polarity, note, report
):
    return {
        "authority": authority,
        "indicator_id": indicator,
        "measure": measure,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "value": value,
        "unit": unit,
        "polarity": polarity,
        "note": note,
        "report_date": report,
        "source_file": f"{authority.lower()}.pdf",
        "source_location": f"p{int(start.month)}",
    }


def series_rows(rng, authority: str, indicator: str) -> list[dict]:
    """Actual values on two period types, printed twice or blank now and then, with a benchmark
    row and a year-to-date figure; units and polarities vary within the series."""
    out = []
    unit = UNITS[int(rng.integers(len(UNITS)))]
    # some series print no polarity that judges (the catalogue's, else 'info', is used)
    printable = POLARITIES if rng.random() < 0.7 else ["info", None]
    for period_type in rng.choice(list(TYPES), size=2, replace=False):
        for start, end in periods(rng, period_type):
            value = None if rng.random() < 0.15 else float(rng.integers(0, 120))
            polarity = printable[int(rng.integers(len(printable)))]
            other = unit if rng.random() < 0.85 else UNITS[int(rng.integers(len(UNITS)))]
            printed = (authority, indicator, "actual", period_type, start, end)
            out.append(row(*printed, value, other, polarity, None, REPORTS[1]))
            if rng.random() < 0.2:  # the same period printed again, blank or not
                again = None if rng.random() < 0.5 else float(rng.integers(0, 120))
                out.append(row(*printed, again, other, polarity, "again", REPORTS[0]))
            if rng.random() < 0.2:
                benchmark = (authority, indicator, "england_avg", period_type, start, end)
                out.append(row(*benchmark, 50.0, other, None, None, REPORTS[1]))
    ytd = (authority, indicator, "actual", "financial_ytd", pd.Timestamp("2015-04-01"))
    out.append(row(*ytd, pd.Timestamp("2015-09-30"), 10.0, unit, None, None, REPORTS[1]))
    return out


def target_rows(rng, authority: str, indicator: str) -> list[dict]:
    """Red/Amber/Green rules for a year and some quarters, from one or two reports (the latest
    counts)."""
    out = []
    spans = [("financial_year", pd.Timestamp("2015-04-01"), pd.Timestamp("2016-03-31"))]
    spans += [("quarter", s, e) for s, e in periods(rng, "quarter")[:2]]
    for period_type, start, end in spans:
        for report in rng.choice(REPORTS, size=int(rng.integers(1, 3)), replace=False):
            for value, note in RULES[int(rng.integers(len(RULES)))]:
                printed = (authority, indicator, "target", period_type, start, end)
                out.append(row(*printed, value, "percent", None, note, report))
    return out


def generated(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(current rows, every vintage's rows) of several authorities and indicators."""
    rng = np.random.default_rng(seed)
    current, every = [], []
    for authority in AUTHORITIES[: int(rng.integers(2, 5))]:
        for indicator in INDICATORS:
            if rng.random() < 0.15:
                continue  # an authority without the indicator
            current += series_rows(rng, authority, indicator)
            targets = target_rows(rng, authority, indicator)
            (every if rng.random() < 0.7 else current).extend(targets)
    return as_frame(current), as_frame(current + every)


def as_frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    out["value"] = pd.to_numeric(out["value"]).astype(float)
    return out.sample(frac=1.0, random_state=0).reset_index(drop=True)  # rows in any order


def one_by_one(current, every, period_types) -> dict:
    """(authority, indicator) -> trend_table of the authority's rows, one call per pair."""
    return {
        (authority, indicator): trend_table(
            current[current["authority"] == authority],
            indicator,
            period_type,
            all_vintages=None if every is None else every[every["authority"] == authority],
            details=False,
        )
        for authority in AUTHORITIES
        for indicator, period_type in period_types.items()
    }


def assert_same_tables(batched: pd.DataFrame, expected: dict) -> None:
    found = {
        pair: t.reset_index(drop=True) for pair, t in batched.groupby(["authority", "indicator_id"])
    }
    for pair, table in expected.items():
        if table.empty:
            assert pair not in found, pair
        else:
            pd.testing.assert_frame_equal(found.pop(pair), table, obj=str(pair))
    assert not found


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("chosen", [False, True])
@pytest.mark.parametrize("with_vintages", [False, True])
def test_the_batched_tables_are_the_tables_of_one_call_per_authority_and_indicator(
    seed, chosen, with_vintages
):
    """Several indicators and authorities, every polarity, units mixed within a series, periods
    missing or printed twice, targets by two reports, with or without every vintage's rows, the
    period type chosen for each indicator or left to the series."""
    current, every = generated(seed)
    every = every if with_vintages else None
    types = dict(zip(INDICATORS, ["month", "quarter", "financial_year", "month", None]))
    period_types = types if chosen else dict.fromkeys(INDICATORS)
    batched = trend_tables(current, period_types, every)
    assert list(batched.columns) == list(trend_table(current, "contacts", details=False).columns)
    assert_same_tables(batched, one_by_one(current, every, period_types))


def test_the_generated_frames_exercise_what_the_tables_judge():
    """The identity above is not vacuous: the generated series get RAG from targets, directions,
    blanks and more than one period type."""
    tables = pd.concat(
        [trend_tables(generated(s)[0], dict.fromkeys(INDICATORS)) for s in range(12)]
    )
    assert set(tables["rag"]) >= {"green", "amber", "red", ""}
    assert {"improving", "worsening", "up", "down"} <= set(tables["direction"])
    assert set(tables["period_type"]) >= {"month", "quarter", "financial_year"}
    assert tables["value"].isna().any() and tables["target"].notna().any()


def tables_one_by_one(rows, period_types, every) -> dict:
    """The scorecard's tables as it made them before: one trend_table call per authority and
    indicator, rows with a value."""
    tables = {}
    for (authority, indicator), table in one_by_one(rows, every, period_types).items():
        if len(table):
            tables[indicator, authority] = table[table["value"].notna()]
    return tables


@pytest.mark.parametrize("seed", range(4))
def test_the_scorecard_is_the_one_built_from_a_trend_table_per_authority(seed, monkeypatch):
    """Polarity shared across authorities, the shared period type and the common period: the
    batched tables give the same cards as one call per authority and indicator."""
    current, every = generated(seed)
    indicators = ["contacts", "re_referrals_12m_pct", "cpp_rate_10k", "made_up_count"]
    batched = scorecard(current, indicators, all_vintages=every, authorities=AUTHORITIES[:3])
    monkeypatch.setattr(analyses.scorecard, "_tables", tables_one_by_one)
    expected = scorecard(current, indicators, all_vintages=every, authorities=AUTHORITIES[:3])
    pd.testing.assert_frame_equal(batched, expected)
    assert batched["rag"].isin(["green", "amber", "red"]).any()
