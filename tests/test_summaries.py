"""One-sentence chart summaries (analyses/summaries.py): what a screen reader hears for a chart, and
its caption."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.summaries import chart_summary, number, rank_summary


def monthly(values, target=None, series="Wirral"):
    months = ["Apr 2019", "May 2019", "Jun 2019", "Jul 2019"][: len(values)]
    return pd.DataFrame(
        {"series": series, "period": months, "value": values, "target": [target] * len(values)}
    )


@pytest.mark.parametrize(
    "value, text", [(1237.0, "1,237"), (52.14, "52.1"), (61.0, "61"), (-3.25, "-3.2")]
)
def test_numbers_as_printed(value, text):
    assert number(value) == text


def test_a_rising_series_from_its_first_to_its_last_figure_and_its_target():
    text = chart_summary(monthly([52.1, 55.0, 61.0], target=55), "Rate per 10,000")
    assert (
        text == "Rate per 10,000: Wirral rose from 52.1 in Apr 2019 to 61 in Jun 2019; target 55."
    )


def test_falling_unchanged_and_single_figures():
    both = pd.concat(
        [
            monthly([10, 8], series="A"),
            monthly([4, 4], series="B"),
            pd.DataFrame({"series": ["England"], "period": ["2018-19"], "value": [7.5]}),
        ]
    )
    assert chart_summary(both, "Referrals") == (
        "Referrals: A fell from 10 in Apr 2019 to 8 in May 2019; "
        "B was unchanged from 4 in Apr 2019 to 4 in May "
        "2019; England was 7.5 in 2018-19."
    )


def test_only_the_first_series_are_named_and_the_rest_counted():
    many = pd.concat([monthly([1, 2], series=s) for s in "ABCDE"])
    assert chart_summary(many, "T").endswith("; 2 more in the table below.")


def test_compare_tables_summarise_the_figure_drawn_per_10000_children():
    frame = pd.DataFrame(
        {
            "authority": ["Leeds", "Leeds"],
            "period": ["2012-13", "2013-14"],
            "value": [10832.0, 11939.0],
            "shown": [691.8, 754.0],
        }
    )
    assert (
        chart_summary(frame, "Referrals")
        == "Referrals: Leeds rose from 691.8 in 2012-13 to 754 in 2013-14."
    )


def test_a_control_chart_table_dated_by_its_first_days():
    spc = pd.DataFrame(
        {"period_start": pd.to_datetime(["2016-01-01", "2016-02-01"]), "value": [394.0, 393.0]}
    )
    assert (
        chart_summary(spc, "Control chart")
        == "Control chart: fell from 394 in Jan 2016 to 393 in Feb 2016."
    )


def test_points_without_periods_are_counted_by_group():
    gaps = pd.DataFrame(
        {
            "indicator_name": list("abcde"),
            "value": [1, 2, 3, 4, 5],
            "difference_pct": [-5, -1, 0, 3, 8],
            "standing": ["worse", "worse", "same", "better", "worse"],
        }
    )
    assert chart_summary(gaps, "Gaps") == "Gaps: 5 points: 3 worse, 1 same, 1 better."


def test_a_scorecard_counted_by_its_rag_words_with_blanks_not_judged():
    card = pd.DataFrame(
        {"period": ["Jan 2017"] * 3, "value": [1, 2, 3], "rag_label": ["Green ✓", "", "Green ✓"]}
    )
    assert (
        chart_summary(card, "Board scorecard", by="rag_label")
        == "Board scorecard: 3 points: 2 Green ✓, 1 not judged."
    )


def test_before_and_after_rows():
    table = pd.DataFrame(
        {
            "label": ["Leeds contacts"],
            "baseline_period": ["Aug 2011"],
            "baseline_value": [1424.0],
            "follow_up_period": ["Jan 2013"],
            "follow_up_value": [1894.0],
            "change_pct_text": ["+33%"],
        }
    )
    assert chart_summary(table, "Before and after") == (
        "Before and after: Leeds contacts from 1,424 in Aug 2011 to 1,894 in Jan 2013 (+33%)."
    )


def test_no_figures_and_unknown_tables_still_say_something():
    assert chart_summary(monthly([None, None]), "T") == "T: no figures to chart."
    assert (
        chart_summary(pd.DataFrame({"estimate": [1.5, 2.0]}), "Estimates")
        == "Estimates: 2 rows, every figure in the table below."
    )


def test_rank_over_time():
    history = pd.DataFrame(
        {
            "period": ["2015-16", "2023-24"],
            "rank_england": [45.0, 30.0],
            "authorities_ranked": [152, 151],
        }
    )
    assert (
        rank_summary(history, "Rank")
        == "Rank: rank in England 45 of 152 in 2015-16 to 30 of 151 in 2023-24 (1 = best)."
    )
    assert rank_summary(history.iloc[:0], "Rank") == "Rank: no ranks to chart."
