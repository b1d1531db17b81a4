"""The reader's words (issue 14): cells as text, headers, names for ids and codes, national files
named as publications, the trend's movement and judgement, the axis's last period, the years
Benchmarks offers, the Impact summary and the index baseline."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analyses.readable import (
    cell_text,
    codes_named,
    header,
    publication_name,
    reader_frame,
    source_names,
    unique_headers,
)


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, ""),
        (float("nan"), ""),
        (pd.NaT, ""),
        (837.0, "837"),
        (56392.0, "56,392"),
        (82.669231, "82.67"),
        (-0.5, "-0.5"),
        (pd.Timestamp("2016-01-31"), "2016-01-31"),
        (pd.Timestamp("2026-12-02 19:56:25"), "2026-12-02 19:56"),
        (date(2011, 10, 1), "2011-10-01"),
        (True, "yes"),
        ("Rotherham", "Rotherham"),
        ([1.0, 2.5], "1, 2.5"),
    ],
)
def test_a_cell_is_text_without_none_nan_long_floats_or_midnight(value, shown):
    assert cell_text(value) == shown


@pytest.mark.parametrize(
    "column, shown",
    [
        ("comparator_value", "Comparator value"),
        ("difference_pct", "Difference %"),
        ("rolling_12m", "Rolling 12 months"),
        ("reported_ytd", "Reported year to date"),
        ("rag_label", "RAG"),
        ("sn_mean", "Neighbours' mean"),
    ],
)
def test_headers_are_words(column, shown):
    assert header(column) == shown


def test_repeated_headers_are_numbered():
    assert unique_headers(["Source", "Value", "Source"]) == ["Source", "Value", "Source (2)"]


def test_reader_frame_names_ids_and_codes_and_drops_keys_a_name_already_says():
    frame = pd.DataFrame(
        {
            "indicator_id": ["cpp_rate_10k"],
            "la_code": ["E08000035"],
            "authority": ["E08000035"],
            "value": [65.333333],
            "population_year": [2015.0],
            "rag": ["red"],
            "rag_label": ["Red ✗"],
        }
    )
    shown = reader_frame(frame)
    assert list(shown.columns) == ["Indicator", "Authority", "Value", "Population year", "RAG"]
    assert shown.iloc[0].tolist() == [
        "Children subject to a child protection plan per 10000 children",
        "Leeds",
        "65.33",
        "2015",
        "Red ✗",
    ]


def test_every_national_source_file_is_named_as_its_publication():
    from reference.published import published_frame

    files = published_frame()[["source_file", "period_end"]].drop_duplicates("source_file")
    for source, end in zip(files["source_file"], files["period_end"]):
        name = publication_name(source, end)
        assert (
            name != source
            and name.startswith("DfE ")
            and not any(x in name for x in (".csv", ".parquet"))
        ), name
    assert (
        publication_name(
            "DfE Children in need 2013 to 2025 (b1_children_in_need_2013_to_2025.csv)", "2023-03-31"
        )
        == "DfE children in need statistics 2023"
    )
    assert (
        publication_name("rotherham_2017-01_monthly_performance_sample.xlsx")
        == "rotherham_2017-01_monthly_performance_sample.xlsx"
    )  # a report's own file stays as uploaded


def test_sources_are_listed_once_with_the_years_they_cover():
    frame = pd.DataFrame(
        {
            "source_file": ["DfE LAIT bds_long_0.parquet"] * 2 + ["leeds.xlsx", None],
            "period_end": ["2016-03-31", "2019-03-31", "2013-01-31", None],
        }
    )
    assert source_names(frame) == [
        "DfE Local Authority Interactive Tool (LAIT) 2016 to 2019",
        "leeds.xlsx",
    ]


def test_codes_in_sentences_become_names():
    assert (
        codes_named("E08000036 (window of Oct 2011): no figures")
        == "Wakefield (window of Oct 2011): no figures"
    )
    assert codes_named(None) is None


@pytest.mark.parametrize(
    "values, polarity, movement, judgement",
    [
        ([10.0, 12.0], "high", "up ↑", "better"),
        ([10.0, 12.0], "low", "up ↑", "worse"),
        ([12.0, 10.0], "low", "down ↓", "better"),
        ([10.0, 10.0], "low", "no change →", "no better or worse"),
        ([10.0, 9.0], "info", "down ↓", "not judged (no good direction)"),
    ],
)
def test_the_movement_and_its_judgement_are_apart(values, polarity, movement, judgement):
    from analyses.trends import trend_table

    months = pd.date_range("2016-01-01", periods=len(values), freq="MS")
    rows = pd.DataFrame(
        {
            "authority": "Rotherham",
            "indicator_id": "x",
            "measure": "actual",
            "period_type": "month",
            "period_start": months,
            "period_end": months + pd.offsets.MonthEnd(0),
            "value": values,
            "unit": "count",
            "polarity": polarity,
            "note": "",
            "report_date": pd.Timestamp("2016-03-31"),
            "source_file": "f.xlsx",
            "source_location": "A1",
        }
    )
    last = trend_table(rows, "x").iloc[-1]
    assert (last["movement"], last["judgement"]) == (movement, judgement)


def test_the_axis_labels_the_last_period_and_at_most_twelve():
    from analyses.charts import axis_values

    months = pd.Series(pd.date_range("2016-01-01", periods=25, freq="MS"))
    labelled = axis_values(months)
    assert labelled[-1] == months.iloc[-1] and len(labelled) <= 12
    assert axis_values(months.iloc[:5]) == list(months.iloc[:5])


def test_benchmarks_open_on_the_latest_year_that_holds_most_figures():
    """A year holding only September workforce counts is offered but not opened first."""
    from views.explore import benchmark_years

    class Store:
        def observations(self, selection):
            ends = ["2024-03-31"] * 40 + ["2025-03-31"] * 30 + ["2025-09-30"] * 3
            return pd.DataFrame({"period_end": ends, "value": 1.0})

    years, latest = benchmark_years(Store(), "Rotherham")
    assert years == ["2025-26", "2024-25", "2023-24"] and latest == "2024-25"


def test_the_index_baseline_says_how_many_months_it_used():
    from analyses.impact.align import baseline_text, event_time

    months = pd.date_range("2011-08-01", periods=6, freq="MS")
    series = pd.DataFrame(
        {
            "authority": "Leeds",
            "la_code": "E08000035",
            "indicator": "contacts",
            "month": months,
            "value": [1400.0, 1450.0, 1500.0, 1600.0, 1650.0, 1700.0],
        }
    )
    spells = pd.DataFrame(
        {
            "intervention_id": [1],
            "name": ["triage"],
            "authority": ["Leeds"],
            "la_code": ["E08000035"],
            "start_date": [pd.Timestamp("2011-10-01")],
            "end_date": [pd.NaT],
        }
    )
    aligned = event_time(series, spells, index=True)
    assert set(aligned["baseline_months"]) == {2} and aligned["baseline"].iloc[0] == 1425.0
    assert baseline_text(aligned) == (
        "Index 100 is the mean of the months before the start with figures (up to 12): "
        "Leeds, triage: 2 months."
    )


def test_the_impact_summary_puts_each_finding_in_one_sentence():
    from analyses.impact.summary import before_after_sentences, first_sentence

    table = pd.DataFrame(
        {
            "authority": ["Leeds"],
            "baseline_value": [1429.0],
            "baseline_period": ["Aug 2011"],
            "follow_up_value": [1899.0],
            "follow_up_period": ["Jan 2013"],
            "change": [470.0],
            "change_text": ["+470"],
            "change_pct_text": ["33% increase"],
            "note": [""],
        }
    )
    assert before_after_sentences(table) == [
        "Leeds: 1,429 (Aug 2011) to 1,899 (Jan 2013), +470, 33% increase."
    ]
    assert (
        first_sentence("Not estimated: too few months. More detail.")
        == "Not estimated: too few months."
    )
