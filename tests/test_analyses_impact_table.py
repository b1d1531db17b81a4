"""The consultancy's before/after table, computed: the Leeds slide is the known answer."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.impact.before_after import (
    before_after_table,
    change_text,
    pct_text,
    round_half_away,
    window_text,
)
from analyses.impact.estimate_charts import before_after_chart

# "Impact in Leeds - Trends (Aug 2011 - Jan 2013)" from the consultancy's slides (seed 000)
LEEDS = [
    ("contacts", "Contacts", 1429, 1899),
    ("referrals", "Referrals", 1043, 1096),
    ("Initial Assessments", "Initial Assessments", 686, 436),
    ("cla_children", "Looked After", 1447, 1375),
]
SLIDE = {
    "Total Accumulation": (2472, 2995, "+523", "21% increase"),
    "Contacts": (1429, 1899, "+470", "33% increase"),
    "Referrals": (1043, 1096, "+53", "5% increase"),
    "Initial Assessments": (686, 436, "-250", "36% decrease"),
    "Looked After": (1447, 1375, "-72", "5% decrease"),
}


def leeds_rows(extra_months: dict | None = None) -> pd.DataFrame:
    rows = []
    for indicator, label, aug, jan in LEEDS:
        for month, value in (("2011-08-01", aug), ("2013-01-01", jan)):
            rows.append(
                {
                    "authority": "Leeds",
                    "indicator": indicator,
                    "indicator_label": label,
                    "month": pd.Timestamp(month),
                    "value": float(value),
                }
            )
    for (indicator, month), value in (extra_months or {}).items():
        label = dict((i, lab) for i, lab, _, _ in LEEDS)[indicator]
        rows.append(
            {
                "authority": "Leeds",
                "indicator": indicator,
                "indicator_label": label,
                "month": pd.Timestamp(month),
                "value": float(value),
            }
        )
    return pd.DataFrame(rows)


def test_the_leeds_slide_is_reproduced_as_the_slide_rounds_it():
    table = before_after_table(
        leeds_rows(), "2011-08", "2013-01", totals={"Total Accumulation": ["contacts", "referrals"]}
    )
    assert list(table["label"]) == list(SLIDE)
    for _, row in table.iterrows():
        before, after, volume, pct = SLIDE[row["label"]]
        assert (row["baseline_value"], row["follow_up_value"]) == (before, after)
        assert (row["change_text"], row["change_pct_text"]) == (volume, pct)
        assert row["change"] == after - before
    assert set(table["baseline_period"]) == {"Aug 2011"} and set(table["follow_up_period"]) == {
        "Jan 2013"
    }
    assert table.loc[table["label"] == "Contacts", "change_pct"].iloc[0] == pytest.approx(
        100 * 470 / 1429
    )


def test_windows_compare_means_of_months():
    extra = {("contacts", "2011-07-01"): 1371, ("contacts", "2012-12-01"): 1801}
    table = before_after_table(
        leeds_rows(extra), ("2011-07", "2011-08"), ("2012-12", "2013-01"), indicators=["contacts"]
    )
    row = table.iloc[0]
    assert (row["baseline_value"], row["follow_up_value"], row["change"]) == (1400, 1850, 450)
    assert row["change_pct_text"] == "32% increase" and row["change_text"] == "+450"
    assert row["baseline_period"] == "Jul 2011 to Aug 2011 (mean of 2 months)"


def test_a_missing_month_gives_no_value_and_says_so():
    table = before_after_table(
        leeds_rows(), ("2011-07", "2011-08"), "2013-01", indicators=["referrals"]
    )
    row = table.iloc[0]
    assert (
        pd.isna(row["baseline_value"]) and pd.isna(row["change"]) and row["change_pct_text"] == ""
    )
    assert "No figure for Jul 2011" in row["note"]


def test_a_total_needs_every_part():
    table = before_after_table(
        leeds_rows(),
        "2011-08",
        "2013-01",
        indicators=[],
        totals={"Everything": ["contacts", "s47_started"]},
    )
    assert pd.isna(table.iloc[0]["baseline_value"])


@pytest.mark.parametrize(
    "value,digits,expected", [(32.5, 0, 33), (-4.5, 0, -5), (4.975, 0, 5), (2.25, 1, 2.3)]
)
def test_rounding_halves_away_from_zero(value, digits, expected):
    assert round_half_away(value, digits) == expected


def test_change_words():
    assert (change_text(470, True), change_text(-250, True), change_text(0.04, False)) == (
        "+470",
        "-250",
        "0",
    )
    assert change_text(-1.25, False) == "-1.3"
    assert (pct_text(32.89), pct_text(-36.44), pct_text(0.3)) == (
        "33% increase",
        "36% decrease",
        "no change",
    )
    assert window_text(pd.Timestamp("2011-08-01"), pd.Timestamp("2011-08-01")) == "Aug 2011"


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        before_after_table(leeds_rows(), ("2011-09", "2011-08"), "2013-01")


def test_the_chart_shows_each_rows_change():
    table = before_after_table(leeds_rows(), "2011-08", "2013-01")
    spec = before_after_chart(table).to_dict()
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["x"]["field"] == "change_pct"
    assert len(spec["datasets"][spec["data"]["name"]]) == 4
