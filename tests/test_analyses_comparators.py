"""Benchmark gaps: neighbours (versioned lists), region, England, quartile band and rank by
polarity, the report's own benchmarks where it printed them, and gaps in children; then a hand
check on the published data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyses.comparators import AS_PRINTED, benchmark_table, setting_for, standing_table
from analyses.gaps import children_for_rate, gap_table, population_of
from analyses.ranking import best, quartile_band, rank, standing

ROTHERHAM, REGION, ENGLAND = (
    ("Rotherham", "E08000018", "372"),
    ("Yorkshire and The Humber", "E12000003", ""),
    ("England", "E92000001", ""),
)
# DfE code -> (name, ONS code, 2015-16 CPP rate)
LAS = {
    "372": ("Rotherham", "E08000018", 65.3),
    "371": ("Doncaster", "E08000017", 61.9),
    "370": ("Barnsley", "E08000016", 83.2),
    "384": ("Wakefield", "E08000036", 27.2),
    "394": ("Sunderland", "E08000024", 50.0),
    "390": ("Gateshead", "E08000037", 40.0),
    "383": ("Leeds", "E08000035", 30.0),
}
NEIGHBOURS = {"2021": ["371", "370", "384"], "2025": ["394", "390"]}


def published_row(
    place,
    indicator,
    value,
    level,
    period_type="as_at",
    start="2016-03-31",
    end="2016-03-31",
    unit="rate_per_10k",
    denominator=None,
):
    name, la_code, old = place
    return {
        "authority": name,
        "la_code": la_code,
        "old_la_code": old,
        "indicator_id": indicator,
        "indicator_label": indicator,
        "measure": "actual",
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "value": value,
        "numerator": None,
        "denominator": denominator,
        "unit": unit,
        "polarity": "info",
        "geographic_level": level,
        "source_file": "DfE LAIT",
    }


def published() -> pd.DataFrame:
    rows = [
        published_row((n, code, old), "cpp_rate_10k", v, "Local authority")
        for old, (n, code, v) in LAS.items()
    ]
    rows += [
        published_row(REGION, "cpp_rate_10k", 42.0, "Regional"),
        published_row(ENGLAND, "cpp_rate_10k", 43.4, "National"),
    ]
    rows.append(
        published_row(
            ("Rotherham", "E08000018", "372"),
            "cpp_rate_10k",
            64.9,
            "Local authority",
            start="2017-03-31",
            end="2017-03-31",
        )
    )  # another year, left out
    fy = {"period_type": "financial_year", "start": "2015-04-01", "end": "2016-03-31"}
    rows += [
        published_row(ROTHERHAM, "referrals_rate_10k", 815.5, "Local authority", **fy),
        published_row(ENGLAND, "referrals_rate_10k", 536.0, "National", **fy),
        published_row(
            ROTHERHAM,
            "re_referrals_12m_pct",
            28.0,
            "Local authority",
            unit="percent",
            denominator=4599.0,
            **fy,
        ),
        published_row(ENGLAND, "re_referrals_12m_pct", 22.5, "National", unit="percent", **fy),
    ]
    out = pd.DataFrame(rows)
    for c in ("value", "numerator", "denominator"):
        out[c] = pd.to_numeric(out[c]).astype(float)
    return out


def neighbours() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "version": v,
                "la_code": "E08000018",
                "old_la_code": "372",
                "neighbour_rank": i + 1,
                "neighbour_la_code": LAS[c][1],
                "neighbour_old_la_code": c,
                "closeness": "",
            }
            for v, codes in NEIGHBOURS.items()
            for i, c in enumerate(codes)
        ]
    )


def report(measure="actual", value=65.4, polarity="low") -> pd.DataFrame:
    """A row of Rotherham's own report for 2015-16 (its summary page says low is good for the CPP
    rate)."""
    return pd.DataFrame(
        [
            {
                "authority": "Rotherham",
                "indicator_id": "cpp_rate_10k",
                "measure": measure,
                "period_type": "financial_year",
                "period_start": pd.Timestamp("2015-04-01"),
                "period_end": pd.Timestamp("2016-03-31"),
                "value": value,
                "polarity": polarity,
                "source_file": "rotherham.pdf",
                "unit": "rate_per_10k",
            }
        ]
    )


def comparators(table: pd.DataFrame, indicator="cpp_rate_10k") -> dict:
    mine = table[table["indicator_id"] == indicator]
    return dict(
        zip(
            mine["comparator"],
            zip(mine["comparator_value"], mine["comparator_source"], mine["neighbour_list"]),
        )
    )


@pytest.mark.parametrize(
    "value, polarity, band",
    [
        (27.2, "low", "A"),
        (35.0, "low", "A"),
        (45, "low", "B"),
        (60, "low", "C"),
        (65.3, "low", "D"),
        (65.3, "high", "A"),
        (27.2, "high", "D"),
        (45, "high", "C"),
        (60, "high", "B"),
        (65.3, "info", "not applicable"),
        (None, "low", ""),
    ],
)
def test_quartile_band_a_is_always_best(value, polarity, band):
    assert quartile_band(value, pd.Series([v for _, _, v in LAS.values()]), polarity) == band


@pytest.mark.parametrize(
    "value, polarity, expected",
    [
        (65.3, "low", 6),
        (65.3, "high", 2),
        (27.2, "low", 1),
        (83.2, "high", 1),
        (50.0, "info", None),
    ],
)
def test_rank_one_is_best(value, polarity, expected):
    assert rank(value, pd.Series([v for _, _, v in LAS.values()]), polarity) == expected


@pytest.mark.parametrize(
    "values, polarity, expected",
    [([3.0, 1.0, 2.0], "low", ("b", 1.0)), ([3.0, 1.0, 2.0], "high", ("a", 3.0))],
)
def test_best_by_polarity(values, polarity, expected):
    assert best(pd.Series(values, index=["a", "b", "c"]), polarity) == expected


@pytest.mark.parametrize(
    "value, comparator, polarity, expected",
    [
        (65.3, 52.0, "low", "worse"),
        (65.3, 52.0, "high", "better"),
        (5, 5, "low", "same"),
        (6, 5, "info", "higher"),
    ],
)
def test_standing_against_a_comparator(value, comparator, polarity, expected):
    assert standing(value, comparator, polarity) == expected


@pytest.mark.parametrize(
    "version, mean, median, best_value, best_name",
    [
        ("2021", (61.9 + 83.2 + 27.2) / 3, 61.9, 27.2, "Wakefield"),
        ("2025", 45.0, 45.0, 40.0, "Gateshead"),
    ],
)
def test_neighbour_mean_median_and_best_by_list_version(
    version, mean, median, best_value, best_name
):
    table = benchmark_table(
        published(),
        setting_for("Rotherham", "2015-16", neighbours(), version),
        report(),
        ["cpp_rate_10k"],
    )
    found = comparators(table)
    assert found["stat_neighbour_mean"] == (pytest.approx(mean), "published", version)
    assert found["stat_neighbour_median"][0] == pytest.approx(median)
    assert found["stat_neighbour_best"][0] == best_value
    assert (
        table.loc[table["comparator"] == "stat_neighbour_best", "best_neighbour"].iloc[0]
        == best_name
    )
    assert (found["region"][0], found["england"][0]) == (42.0, 43.4)
    assert table["value"].iloc[0] == 65.3 and table["value_source"].iloc[0] == "published"
    assert set(table["polarity"]) == {"low"} and set(table["polarity_from"]) == {"report"}


def test_benchmarks_the_report_printed_are_used_and_named():
    table = benchmark_table(
        published(),
        setting_for("Rotherham", "2015-16", neighbours()),
        pd.concat([report(), report("stat_neighbour_avg", 46.1)]),
        ["cpp_rate_10k"],
    )
    assert comparators(table)["stat_neighbour_mean"] == (46.1, "report: rotherham.pdf", AS_PRINTED)
    assert comparators(table)["stat_neighbour_median"][1] == "published"


def test_standing_band_and_ranks():
    row = standing_table(
        published(), setting_for("Rotherham", "2015-16", neighbours()), report(), ["cpp_rate_10k"]
    ).iloc[0]
    assert (row["q25"], row["q50"], row["q75"]) == pytest.approx((35.0, 50.0, 63.6))
    assert (row["quartile_band"], row["rank_england"], row["authorities_ranked"]) == ("D", 6, 7)
    assert (row["rank_neighbours"], row["neighbours_ranked"], row["neighbour_list"]) == (
        3,
        4,
        "2021",
    )


def test_without_a_polarity_there_is_no_band_or_rank():
    row = standing_table(
        published(), setting_for("Rotherham", "2015-16", neighbours()), None, ["cpp_rate_10k"]
    ).iloc[0]
    assert (row["polarity"], row["quartile_band"], row["rank_england"]) == (
        "info",
        "not applicable",
        None,
    )


@pytest.mark.parametrize(
    "authority, period, version",
    [
        ("Nowhere", "2015-16", "2021"),
        ("Rotherham", "2015-16", "2019"),
        ("Rotherham", "2015", "2021"),
    ],
)
def test_bad_settings_are_refused(authority, period, version):
    with pytest.raises(ValueError):
        setting_for(authority, period, neighbours(), version)


POPULATION = pd.DataFrame(
    {
        "la_code": ["E08000018", "E08000018", "E08000016"],
        "year": [2015, 2016, 2019],
        "population_0_17": [56392, 56512, 49679],
    }
)


@pytest.mark.parametrize(
    "gap, population, children", [(-13.24, 56392, -74.663008), (10, 10_000, 10), (0, 5, 0)]
)
def test_children_for_a_rate_gap(gap, population, children):
    assert children_for_rate(gap, population) == pytest.approx(children)


@pytest.mark.parametrize(
    "authority, year, expected",
    [
        ("Rotherham", 2015, (56392.0, 2015)),
        ("372", 2016, (56512.0, 2016)),
        ("Barnsley", 2019, (49679.0, 2019)),
        ("Barnsley", 2030, (49679.0, 2019)),
        ("Leeds", 2015, (float("nan"), None)),
    ],
)
def test_population_by_any_code_the_authority_has_had(authority, year, expected):
    found = population_of(POPULATION, authority, year)
    assert found[1] == expected[1] and (found[0] == expected[0] or np.isnan(expected[0]))


@pytest.mark.parametrize(
    "indicator, comparator, children, per_month",
    [
        ("cpp_rate_10k", "england", (43.4 - 65.3) * 5.6392, None),  # children on a plan at 31 March
        # referrals a year
        ("referrals_rate_10k", "england", (536.0 - 815.5) * 5.6392, (536.0 - 815.5) * 5.6392 / 12),
        (
            "re_referrals_12m_pct",
            "england",
            (22.5 - 28.0) / 100 * 4599,
            (22.5 - 28.0) / 100 * 4599 / 12,
        ),
    ],
)
def test_gaps_in_children(indicator, comparator, children, per_month):
    table = benchmark_table(
        published(), setting_for("Rotherham", "2015-16", neighbours()), None, [indicator]
    )
    row = gap_table(table, POPULATION).set_index("comparator").loc[comparator]
    assert row["population_year"] == 2015 and row["children"] == pytest.approx(children)
    assert (
        pd.isna(row["children_per_month"])
        if per_month is None
        else row["children_per_month"] == pytest.approx(per_month)
    )


def test_rotherham_2015_16_child_protection_rate_checked_by_hand():
    """Published data: Rotherham's rate of children on a plan at 31 March 2016 is 65.3; recompute
    the mean of its ten 2021 neighbours, England and the quartile band with a plain loop and
    compare."""
    from reference import published_frame, statistical_neighbours

    figures = published_frame()
    year = figures[
        (figures["indicator_id"] == "cpp_rate_10k") & (figures["period_end"] == "2016-03-31")
    ].to_dict("records")
    by_code = {
        r["old_la_code"]: r["value"] for r in year if r["geographic_level"] == "Local authority"
    }
    mine = [by_code[n.old_la_code] for n in statistical_neighbours("Rotherham", "2021")]
    hand_mean = sum(mine) / len(mine)
    england = next(r["value"] for r in year if r["la_code"] == "E92000001")
    values = sorted(v for v in by_code.values() if v == v)
    q75 = np.quantile(values, 0.75)

    table_neighbours = pd.read_csv(
        "data/reference/statistical_neighbours.csv", dtype=str, keep_default_na=False
    )
    setting = setting_for("Rotherham", "2015-16", table_neighbours, "2021")
    found = comparators(benchmark_table(figures, setting, report(), ["cpp_rate_10k"]))
    row = standing_table(figures, setting, report(), ["cpp_rate_10k"]).iloc[0]
    assert by_code["372"] == row["value"] == 65.3
    assert found["stat_neighbour_mean"][0] == pytest.approx(hand_mean) == pytest.approx(52.06)
    assert found["england"][0] == england == 43.4
    # low is good: worst quarter
    assert row["q75"] == pytest.approx(q75) and 65.3 > q75 and row["quartile_band"] == "D"
    assert row["rank_england"] == 1 + sum(v < 65.3 for v in values)


def test_gap_chart_puts_each_indicator_at_its_percent_difference_from_the_comparator():
    from analyses.gap_chart import gap_chart, gap_frame

    gaps = pd.DataFrame(
        {
            "indicator_id": ["a", "b", "a"],
            "indicator_name": ["A", "B", "A"],
            "unit": ["rate_per_10k"] * 3,
            "value": [110.0, 40.0, 110.0],
            "comparator": ["stat_neighbour_mean", "stat_neighbour_mean", "england"],
            "comparator_label": ["Statistical neighbour mean"] * 2 + ["England"],
            "comparator_value": [100.0, 50.0, 55.0],
            "difference": [10.0, -10.0, 55.0],
            "standing": ["better", "worse", "better"],
        }
    )
    frame = gap_frame(gaps)
    assert list(frame["indicator_id"]) == ["b", "a"] and list(frame["difference_pct"]) == [
        -20.0,
        10.0,
    ]
    spec = gap_chart(frame, "Gaps").to_dict()
    assert spec["title"] == "Gaps" and spec["layer"][1]["encoding"]["shape"]["field"] == "standing"


def test_gap_chart_leaves_out_counts_and_says_better_or_worse():
    """A council's count against a region's or England's total is no comparison: only rates and
    percentages are drawn as % of the comparator, and an indicator with no good direction says it
    is neither better nor worse."""
    from analyses.gap_chart import gap_frame

    gaps = pd.DataFrame(
        {
            "indicator_id": ["n", "r", "p"],
            "indicator_name": ["N", "R", "P"],
            "unit": ["count", "rate_per_10k", "percent"],
            "value": [23.0, 60.0, 30.0],
            "comparator": ["england"] * 3,
            "comparator_label": ["England"] * 3,
            "comparator_value": [2410.0, 50.0, 20.0],
            "difference": [-2387.0, 10.0, 10.0],
            "standing": ["lower", "worse", "higher"],
        }
    )
    frame = gap_frame(gaps, "england")
    assert list(frame["indicator_id"]) == ["r", "p"]
    assert list(frame["standing"]) == ["worse", "higher (neither better nor worse)"]


def test_each_indicator_keeps_its_own_figures_when_rows_are_interleaved():
    """The year is split by indicator once: shuffled rows of four indicators, a missing value and a
    repeated row (the first is kept) give each indicator exactly its own comparators and ranks."""
    rng = np.random.default_rng(7)
    indicators = ["cpp_rate_10k", "cla_rate_10k", "cin_rate_10k", "referrals_rate_10k"]
    values = {(i, c): round(float(rng.uniform(10, 90)), 1) for i in indicators for c in LAS}
    values[("cla_rate_10k", "370")] = float("nan")
    rows = [
        published_row((LAS[c][0], LAS[c][1], c), i, v, "Local authority")
        for (i, c), v in values.items()
    ]
    rows += [published_row(REGION, i, 40.0 + k, "Regional") for k, i in enumerate(indicators)]
    rows += [published_row(ENGLAND, i, 50.0 + k, "National") for k, i in enumerate(indicators)]
    rows.append(
        published_row((LAS["372"][0], LAS["372"][1], "372"), "cin_rate_10k", 1.0, "Local authority")
    )
    figures = pd.DataFrame(rows).sample(frac=1.0, random_state=3)
    figures = pd.concat([figures[figures["value"] != 1.0], figures[figures["value"] == 1.0]])
    setting = setting_for("Rotherham", "2015-16", neighbours())
    long = benchmark_table(figures, setting, None, indicators)
    ranks = standing_table(figures, setting, None, indicators).set_index("indicator_id")
    for k, indicator in enumerate(indicators):
        found = comparators(long, indicator)
        held = [values[(indicator, c)] for c in NEIGHBOURS["2021"]]
        held = [v for v in held if not np.isnan(v)]
        everyone = pd.Series([values[(indicator, c)] for c in LAS]).dropna()
        assert found["stat_neighbour_mean"][0] == pytest.approx(np.mean(held))
        assert found["stat_neighbour_median"][0] == pytest.approx(np.median(held))
        assert (found["region"][0], found["england"][0]) == (40.0 + k, 50.0 + k)
        row = ranks.loc[indicator]
        assert row["value"] == values[(indicator, "372")]
        assert row["authorities_ranked"] == len(everyone)
        assert (row["q25"], row["q50"], row["q75"]) == pytest.approx(
            tuple(np.quantile(everyone, [0.25, 0.5, 0.75]))
        )
        if row["polarity"] in ("high", "low"):
            better = (
                everyone > row["value"] if row["polarity"] == "high" else everyone < row["value"]
            )
            assert row["rank_england"] == int(better.sum()) + 1
