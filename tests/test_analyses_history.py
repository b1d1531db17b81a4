"""Benchmarks over time (issue 12): the published SN mean and median, region and England every year,
the quartile band behind the line, rank over time, and every council on one indicator and year."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.comparators import PUBLISHER, setting_for
from analyses.history import benchmark_history
from analyses.history_chart import BAND, history_chart, history_lines, rank_chart
from analyses.league import league_table
from reference import published_frame

NEIGHBOURS = pd.read_csv(
    "data/reference/statistical_neighbours.csv", dtype=str, keep_default_na=False
)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return published_frame()


@pytest.fixture(scope="module")
def rotherham(figures) -> pd.DataFrame:
    rows = figures[figures["indicator_id"] == "cpp_starts_rate_10k"]
    return benchmark_history(
        rows, setting_for("Rotherham", "2015-16", NEIGHBOURS), "cpp_starts_rate_10k"
    )


def test_every_published_year_has_its_own_neighbour_mean_region_and_england(figures):
    rows = figures[figures["indicator_id"] == "cpp_rate_10k"]
    history = benchmark_history(
        rows, setting_for("Rotherham", "2015-16", NEIGHBOURS), "cpp_rate_10k"
    ).set_index("period")
    assert {"2015-16", "2020-21", "2024-25"} <= set(history.index)
    year = history.loc["2015-16"]  # the README's hand check of one year
    assert (year["value"], year["england"], year["region"]) == (65.3, 43.4, 42.0)
    assert year["sn_mean"] == pytest.approx(52.06) and year["sn_median"] == pytest.approx(50.15)
    assert (year["q25"], year["q50"], year["q75"]) == pytest.approx((34.425, 44.2, 58.7))
    assert (
        history.loc["2016-17", "value"] == 64.9
        and history.loc["2016-17", "sn_mean"] != year["sn_mean"]
    )


def test_band_and_rank_every_year_with_the_polarity_named(rotherham):
    judged = rotherham.dropna(subset=["value"])
    assert len(judged) >= 8 and set(judged["quartile_band"]) <= set("ABCD")
    assert (
        judged["rank_england"].notna().all()
        and (judged["rank_england"] <= judged["authorities_ranked"]).all()
    )
    assert set(judged["polarity"]) == {"low"} and set(judged["polarity_from"]) == {PUBLISHER}


def test_a_year_left_out_of_the_published_table_says_why(figures):
    rows = figures[figures["indicator_id"] == "cla_school_moves_pct"]
    history = benchmark_history(
        rows, setting_for("Rotherham", "2015-16", NEIGHBOURS), "cla_school_moves_pct"
    )
    year = history.set_index("period").loc["2018-19"]
    assert (
        pd.isna(year["value"]) and year["quartile_band"] == "" and "England's value" in year["note"]
    )


def test_chart_draws_the_quartile_band_behind_every_line(rotherham):
    spec = history_chart(rotherham, "Rotherham", "title").to_dict()
    band, lines = spec["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y"]["field"] == "q25"
    assert band["encoding"]["y2"]["field"] == "q75"
    assert lines["encoding"]["color"]["scale"]["domain"] == [
        "Rotherham",
        "Statistical neighbour mean",
        "Statistical neighbour median",
        "Region",
        "England",
    ]
    data = history_lines(rotherham, "Rotherham")
    assert set(data["series"]) == set(lines["encoding"]["color"]["scale"]["domain"])
    assert len(data) == 5 * len(rotherham) and BAND.startswith("Middle half")


def test_rank_chart_puts_the_best_rank_at_the_top(rotherham):
    spec = rank_chart(rotherham, "ranks").to_dict()
    assert (
        spec["encoding"]["y"]["field"] == "rank_england"
        and spec["encoding"]["y"]["scale"]["reverse"] is True
    )


def test_every_council_on_one_indicator_and_year(figures):
    table = league_table(figures, "cpp_starts_rate_10k", 2018)
    assert table["rank"].iloc[0] == 1 and table["rank"].is_monotonic_increasing
    assert table["authorities_ranked"].iloc[0] == table["value"].notna().sum() >= 145
    rotherham = table.set_index("authority").loc["Rotherham"]
    rows = figures[
        (figures["indicator_id"] == "cpp_starts_rate_10k") & (figures["authority"] == "Rotherham")
    ]
    by_end = dict(zip(rows["period_end"], rows["value"]))
    assert (
        rotherham["value"] == by_end["2019-03-31"] and rotherham["previous"] == by_end["2018-03-31"]
    )
    assert rotherham["change"] == pytest.approx(by_end["2019-03-31"] - by_end["2018-03-31"])
    assert (
        rotherham["quartile_band"] in set("ABCD")
        and rotherham["region"] == "Yorkshire and The Humber"
    )
    values = table["value"].dropna()
    assert rotherham["rank"] == 1 + (values < rotherham["value"]).sum()  # low is good (publisher)
