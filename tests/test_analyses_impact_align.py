"""Monthly series from observations, event time, caution periods and interventions as frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.impact.align import event_time, fold_label, monthly_series
from analyses.impact.caution import COVID_LOCKDOWNS, CautionPeriod, mark_caution, migration_months
from analyses.impact.estimate_charts import event_time_chart
from analyses.intervention_frames import (
    adopters,
    comparison_authorities,
    interventions_table,
    month_number,
    month_start,
)
from samples import figures_impact

# "Leeds: Children Looked After Numbers by month", Aug-11 .. Apr-13 (seed 000)
LEEDS_CLA = list(figures_impact.LEEDS_CLA)


def observations(rows) -> pd.DataFrame:
    """Observation-contract rows from (authority, la_code, indicator_id, label, month, value, note,
    report_date)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "authority",
            "la_code",
            "indicator_id",
            "indicator_label",
            "period_start",
            "value",
            "note",
            "report_date",
        ],
    )
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = frame["period_start"] + pd.offsets.MonthEnd(0)
    frame["report_date"] = pd.to_datetime(frame["report_date"])
    return frame.assign(measure="actual", period_type="month", unit="count", polarity="info")


@pytest.fixture
def leeds_cla() -> pd.DataFrame:
    months = pd.date_range("2011-08-01", periods=len(LEEDS_CLA), freq="MS")
    return monthly_series(
        observations(
            [
                ("Leeds", "E08000035", "cla_children", "CLA No.", m, v, "", "2013-04-30")
                for m, v in zip(months, LEEDS_CLA)
            ]
        )
    )


@pytest.fixture
def front_doors() -> pd.DataFrame:
    return interventions_table(
        [
            {
                "name": "telephone triage front door",
                "authority": "Leeds",
                "la_code": "E08000035",
                "start_date": "2011-10",
            },
            {
                "name": "new operating model",
                "authority": "Wakefield",
                "la_code": "E08000036",
                "start_date": "2011-10-15",
            },
        ]
    )


def test_monthly_series_keeps_the_latest_report_and_a_number_before_a_blank():
    frame = observations(
        [
            ("Leeds", "E08000035", "referrals", "Referrals", "2012-01-01", 500, "", "2012-01-31"),
            # revised
            ("Leeds", "E08000035", "referrals", "Referrals", "2012-01-01", 510, "", "2012-02-29"),
            ("Leeds", "E08000035", "referrals", "Referrals", "2012-02-01", 480, "", "2012-02-29"),
            (
                "Leeds",
                "E08000035",
                "referrals",
                "Referrals",
                "2012-02-01",
                None,
                "n/a",
                "2012-03-31",
            ),
            ("Leeds", "E08000035", "", "Initial Assessments", "2012-01-01", 686, "", "2012-01-31"),
        ]
    )
    series = monthly_series(frame, "referrals")
    assert list(series["value"]) == [510, 480]
    assessments = monthly_series(frame, "initial  assessments")
    assert list(assessments["indicator"]) == ["Initial Assessments"] and list(
        assessments["value"]
    ) == [686]
    assert set(monthly_series(frame)["indicator"]) == {"referrals", "Initial Assessments"}


def test_event_time_counts_months_from_each_start(leeds_cla, front_doors):
    aligned = event_time(leeds_cla, front_doors)
    assert list(aligned["event_month"]) == list(range(-2, 19))
    # Wakefield has no figures here
    assert set(aligned["intervention"]) == {"telephone triage front door"}
    assert aligned.loc[aligned["event_month"] == 0, "month"].iloc[0] == pd.Timestamp("2011-10-01")


def test_event_time_as_an_index_of_the_months_before(leeds_cla, front_doors):
    aligned = event_time(leeds_cla, front_doors, index=True)
    assert aligned["baseline"].iloc[0] == (1443 + 1453) / 2
    at = aligned.set_index("event_month")["index"]
    assert at[0] == pytest.approx(100 * 1446 / 1448) and at[18] == pytest.approx(100 * 1377 / 1448)
    short = event_time(leeds_cla, front_doors, index=True, baseline_months=1)
    assert short["baseline"].iloc[0] == 1453


def test_an_authority_with_two_interventions_appears_once_for_each(leeds_cla):
    two = interventions_table(
        [
            {
                "name": "front door",
                "authority": "Leeds",
                "la_code": "E08000035",
                "start_date": "2011-10",
            },
            {
                "name": "restorative",
                "authority": "Leeds",
                "la_code": "E08000035",
                "start_date": "2012-10",
            },
        ]
    )
    aligned = event_time(leeds_cla, two)
    assert aligned.groupby("intervention")["event_month"].min().to_dict() == {
        "front door": -2,
        "restorative": -14,
    }


def test_the_event_time_chart_has_a_line_per_authority_and_the_start(leeds_cla, front_doors):
    spec = event_time_chart(event_time(leeds_cla, front_doors, index=True)).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "rule", "rule"]
    assert spec["layer"][0]["encoding"]["x"]["field"] == "event_month"


def test_covid_lockdowns_and_migration_notes_are_marked():
    months = pd.date_range("2020-01-01", periods=18, freq="MS")
    series = pd.DataFrame(
        {"authority": "Leeds", "la_code": "E08000035", "month": months, "value": 1.0, "note": ""}
    )
    series.loc[16, ["value", "note"]] = [None, "Data unavailable due to migration to Mosaic"]
    marked = mark_caution(series)
    assert list(marked.loc[marked["excluded"], "month"].dt.strftime("%Y-%m")) == (
        [f"2020-{m:02d}" for m in range(3, 13)] + ["2021-01", "2021-02", "2021-03", "2021-05"]
    )
    assert (
        marked.loc[16, "exclusion"] == "data migration"
        and marked.loc[2, "exclusion"] == "COVID-19 lockdowns"
    )
    assert not mark_caution(series, periods=())["excluded"].iloc[:16].any()
    assert (
        len(COVID_LOCKDOWNS.months()) == 13
        and CautionPeriod("x", "2019-01", "2019-02").months().size == 2
    )


def test_migration_months_apply_to_every_indicator_of_that_month():
    obs = observations(
        [
            (
                "Leeds",
                "E08000035",
                "contacts",
                "Contacts",
                "2016-05-01",
                None,
                "data unavailable due to migration",
                "2016-06-30",
            )
        ]
    )
    migrations = migration_months(obs)
    assert list(migrations["month"]) == [pd.Timestamp("2016-05-01")]
    other = pd.DataFrame(
        {
            "authority": "Leeds",
            "la_code": "E08000035",
            "month": pd.date_range("2016-04-01", periods=3, freq="MS"),
            "value": 5.0,
        }
    )
    assert list(mark_caution(other, periods=(), migrations=migrations)["excluded"]) == [
        False,
        True,
        False,
    ]


def test_adopters_take_each_authoritys_first_start(front_doors):
    more = pd.concat(
        [
            front_doors,
            interventions_table(
                [
                    {
                        "intervention_id": 9,
                        "name": "later",
                        "authority": "Leeds",
                        "la_code": "E08000035",
                        "start_date": "2014-01",
                    }
                ]
            ),
        ]
    )
    first = adopters(more)
    assert list(first["authority"]) == ["Leeds", "Wakefield"]
    assert list(first["start"]) == [pd.Timestamp("2011-10-01")] * 2
    assert list(adopters(more, name="later")["start"]) == [pd.Timestamp("2014-01-01")]


def test_comparisons_are_neighbours_without_an_intervention(front_doors):
    neighbours = pd.DataFrame(
        {
            "version": ["2021"] * 4 + ["2025"],
            "la_code": ["E08000035"] * 4 + ["E08000035"],
            "neighbour_rank": [1, 2, 3, 4, 1],
            "neighbour_la_code": ["E08000036", "E08000032", "E06000010", "E08000032", "E09000001"],
        }
    )
    assert comparison_authorities(["E08000035"], neighbours, front_doors) == [
        "E08000032",
        "E06000010",
    ]
    assert comparison_authorities(["E08000035"], neighbours, front_doors, version="2025") == [
        "E09000001"
    ]


def test_month_helpers():
    assert month_start("2011-10-15") == pd.Timestamp("2011-10-01")
    assert month_number("2012-01-01") - month_number("2011-10-01") == 3
    assert list(month_number(pd.Series(pd.to_datetime(["1970-01-01", "1971-02-01"])))) == [0, 13]
    assert fold_label(" Looked-After  Children ") == "looked after children"
