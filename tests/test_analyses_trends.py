"""Trends: target bands and RAG as reports print them, direction of travel by polarity, year-to-date
and rolling totals, notes, earlier reports' figures, and the chart with its table alternative."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analyses.charts import trend_chart, trend_chart_table
from analyses.rag import direction, rag_status
from analyses.style import OKABE_ITO
from analyses.target_bands import band_from_rules
from analyses.trends import benchmark_lines, earlier_figures, series_polarity, trend_table
from periods import financial_year_timestamps, period_label, population_year

MONTHS_2016_17 = pd.date_range("2016-04-01", "2017-01-01", freq="MS")
# Rotherham's contacts, April 2016 to January 2017; its report printed 11,934 for the year to date.
CONTACTS = [1021, 1099, 1163, 954, 926, 983, 1381, 1469, 1287, 1651]


def obs(
    start,
    value,
    measure="actual",
    period_type="month",
    note="",
    indicator="contacts",
    unit="count",
    polarity="info",
    report_date="2017-01-31",
    end=None,
    numerator=None,
    denominator=None,
    source_file="r.pdf",
):
    """One observation row as the store returns it."""
    start = pd.Timestamp(start)
    end = (
        pd.Timestamp(end)
        if end
        else (start + pd.offsets.MonthEnd(0) if period_type == "month" else start)
    )
    return {
        "authority": "Rotherham",
        "la_code": "E08000018",
        "indicator_id": indicator,
        "measure": measure,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "unit": unit,
        "polarity": polarity,
        "note": note,
        "report_date": pd.Timestamp(report_date),
        "source_file": source_file,
        "source_location": "p1",
    }


def frame(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    for c in ("value", "numerator", "denominator"):
        out[c] = pd.to_numeric(out[c]).astype(float)
    return out


def fy_target(value, note, indicator="contacts", unit="count", polarity="info"):
    return obs(
        "2016-04-01",
        value,
        "target",
        "financial_year",
        note,
        indicator,
        unit,
        polarity,
        end="2017-03-31",
    )


CPP_RULES = [
    (None, "Red tolerance: more than +/- 10"),
    (None, "Amber tolerance: +/-10"),
    (52.3, "Target Green: +/-5 of 52.3"),
]
CLA_RULES = [
    (None, "Red tolerance: more than +/-5"),
    (None, "Amber tolerance: +/-5"),
    (73.5, "Target Green: up to +/-2 of 73.5"),
]
HIGH_RULES = [
    (92, "Red tolerance: <92%"),
    (92, "Amber tolerance: 92%>"),
    (95, "Target Green: 95%+"),
]
LOW_RULES = [(30, "Red tolerance: 30%+"), (26, "Amber tolerance: 26%>"), (26, "Target Green: 26%<")]
RANGE_RULES = [
    (None, "Red tolerance: over 1% above range"),
    (1, "Amber tolerance: 1% above range"),
    (None, "Target Green: 16-22"),
]


@pytest.mark.parametrize(
    "rules, polarity, value, expected",
    [
        (HIGH_RULES, "high", 96, "green"),
        (HIGH_RULES, "high", 95, "green"),
        (HIGH_RULES, "high", 93, "amber"),
        (HIGH_RULES, "high", 92, "amber"),
        (HIGH_RULES, "high", 91.9, "red"),
        (LOW_RULES, "low", 26, "green"),
        (LOW_RULES, "low", 28, "amber"),
        (LOW_RULES, "low", 30, "red"),
        # Rotherham, January 2017: CPP rate 58.5 printed 'Yellow', looked-after rate 85.5 printed
        # 'Red'
        # ('Info').
        (CPP_RULES, "low", 58.5, "amber"),
        (CPP_RULES, "low", 57.3, "green"),
        (CPP_RULES, "low", 62.3, "amber"),
        (CPP_RULES, "low", 62.4, "red"),
        (CPP_RULES, "low", 42.2, "red"),
        (CLA_RULES, "info", 85.5, "red"),
        (CLA_RULES, "info", 75.5, "green"),
        (CLA_RULES, "info", 78, "amber"),
        (RANGE_RULES, "within_range", 17, "green"),
        (RANGE_RULES, "within_range", 22.2, "amber"),
        (RANGE_RULES, "within_range", 22.3, "red"),
        ([(None, "Target Green: 14-20")], "within_range", 21, "red"),
        ([(23, "")], "low", 23, "green"),
        ([(23, "")], "low", 24, "red"),
        ([(87, "")], "high", 86, "red"),
        ([(250, "250 per month")], "info", 300, ""),
        ([(85, "Red tolerance: <85%")], "high", 80, "red"),
        ([(85, "Red tolerance: <85%")], "high", 90, ""),
        ([(None, "Target Green: n/a")], "high", 90, ""),
        ([(None, "Red tolerance: range to be set")], "high", 90, ""),
        (HIGH_RULES, "high", None, ""),
    ],
)
def test_rag_as_the_report_prints_its_tolerances(rules, polarity, value, expected):
    assert rag_status(value, band_from_rules(rules, polarity), polarity) == expected


@pytest.mark.parametrize(
    "rules, edges",
    [
        (
            [(158.8, "Target Green: +/-5 of 158.8"), (None, "Red tolerance: more than +/- 15")],
            (158.8, 153.8, 163.8, 143.8, 173.8),
        ),
        ([(None, "Target Green: 14-20")], (None, 14, 20, None, None)),
        (HIGH_RULES, (95, 95, None, 92, None)),
        (LOW_RULES, (26, None, 26, None, 30)),
        (RANGE_RULES, (None, 16, 22, None, 22.22)),
    ],
)
def test_band_edges(rules, edges):
    band = band_from_rules(rules, "info")
    assert (
        band.target,
        band.green_low,
        band.green_high,
        band.red_below,
        band.red_above,
    ) == pytest.approx(edges)


@pytest.mark.parametrize(
    "previous, current, polarity, expected",
    [
        (50, 55, "high", "improving"),
        (50, 55, "low", "worsening"),
        (55, 50, "low", "improving"),
        (50, 55, "info", "up"),
        (55, 50, "info", "down"),
        (50, 50, "high", "no change"),
        (50, 50, "info", "no change"),
        (None, 50, "high", ""),
        (25, 21, "within_range", "improving"),
        (21, 15, "within_range", "worsening"),
        (17, 19, "within_range", "no change"),
    ],
)
def test_direction_of_travel_by_polarity(previous, current, polarity, expected):
    band = band_from_rules([(None, "Target Green: 16-22")], polarity)
    assert direction(previous, current, polarity, band) == expected


@pytest.mark.parametrize(
    "period, first, last",
    [
        ("2015-16", "2015-04-01", "2016-03-31"),
        ("2015/16", "2015-04-01", "2016-03-31"),
        ("2015-2016", "2015-04-01", "2016-03-31"),
        (2015, "2015-04-01", "2016-03-31"),
    ],
)
def test_financial_years(period, first, last):
    assert financial_year_timestamps(period) == (pd.Timestamp(first), pd.Timestamp(last))


def test_a_period_that_is_not_a_financial_year_is_refused():
    with pytest.raises(ValueError):
        financial_year_timestamps("2015-17")


@pytest.mark.parametrize(
    "ptype, start, end, label",
    [
        ("month", "2017-01-01", "2017-01-31", "Jan 2017"),
        ("quarter", "2016-04-01", "2016-06-30", "Q1 2016-17"),
        ("financial_year", "2015-04-01", "2016-03-31", "2015-16"),
        ("as_at", "2016-03-31", "2016-03-31", "31 Mar 2016"),
        ("financial_ytd", "2016-04-01", "2017-01-31", "YTD to Jan 2017"),
    ],
)
def test_period_labels(ptype, start, end, label):
    assert period_label(ptype, pd.Timestamp(start), pd.Timestamp(end)) == label


@pytest.mark.parametrize(
    "end, year", [("2016-03-31", 2015), ("2015-04-30", 2015), ("2017-01-31", 2016)]
)
def test_population_year_is_the_mid_year_inside_the_financial_year(end, year):
    assert population_year(pd.Timestamp(end)) == year


def test_year_to_date_of_a_count_is_the_sum_and_matches_the_report():
    rows = [obs(d, v) for d, v in zip(MONTHS_2016_17, CONTACTS)]
    rows.append(obs("2016-04-01", 11934, period_type="financial_ytd", end="2017-01-31"))
    table = trend_table(frame(rows), "contacts")
    last = table.iloc[-1]
    assert (last["ytd"], last["reported_ytd"]) == (11934, 11934)
    assert list(table["ytd"][:3]) == [1021, 2120, 3283]


@pytest.mark.parametrize(
    "indicator, unit, note",
    [
        (
            "cpp_rate_10k",
            "rate_per_10k",
            "not computed: a rate per 10,000 needs the counts and the population",
        ),
        ("cla_children", "count", "not summed: a count at a moment in time, not of events"),
        (
            "contacts_decision_1wd_pct",
            "percent",
            "not computed: a percentage needs every period's numerator and denominator",
        ),
    ],
)
def test_year_to_date_says_why_it_is_not_computed(indicator, unit, note):
    rows = [obs(d, 50.0, indicator=indicator, unit=unit) for d in MONTHS_2016_17[:3]]
    table = trend_table(frame(rows), indicator)
    assert table["ytd"].isna().all() and set(table["ytd_note"]) == {note}


def test_year_to_date_of_a_percentage_from_numerators_and_denominators():
    rows = [
        obs("2016-04-01", 25.0, indicator="x_pct", unit="percent", numerator=1, denominator=4),
        obs("2016-05-01", 75.0, indicator="x_pct", unit="percent", numerator=3, denominator=4),
    ]
    assert list(trend_table(frame(rows), "x_pct")["ytd"]) == [25.0, 50.0]


def test_a_missing_month_stops_the_year_to_date_and_says_which():
    rows = [obs(d, 10) for d in (MONTHS_2016_17[0], MONTHS_2016_17[2])]
    table = trend_table(frame(rows), "contacts")
    assert (
        pd.isna(table["ytd"].iloc[1])
        and table["ytd_note"].iloc[1] == "not computed: no value for May 2016"
    )


def test_rolling_12_months_of_a_count():
    months = pd.date_range("2016-01-01", periods=13, freq="MS")
    table = trend_table(frame([obs(d, float(i + 1)) for i, d in enumerate(months)]), "contacts")
    assert table["rolling_12m"].isna().sum() == 11
    assert list(table["rolling_12m"].tail(2)) == [sum(range(1, 13)), sum(range(2, 14))]


def test_rotherham_tolerances_from_every_row_of_the_latest_report():
    """The current vintage keeps one target row per period, so the Red, Amber and Green rules come
    from the latest report's rows of every vintage."""
    values = [57.8, 58.7, 58.5]
    months = pd.date_range("2016-11-01", periods=3, freq="MS")
    current = [
        obs(d, v, indicator="cpp_rate_10k", unit="rate_per_10k", polarity="low")
        for d, v in zip(months, values)
    ]
    targets = [fy_target(v, n, "cpp_rate_10k", "rate_per_10k", "low") for v, n in CPP_RULES]
    older = fy_target(50.0, "Target Green: +/-1 of 50", "cpp_rate_10k", "rate_per_10k", "low") | {
        "report_date": pd.Timestamp("2016-12-31")
    }
    table = trend_table(
        frame(current + targets[2:]),
        "cpp_rate_10k",
        all_vintages=frame(current + targets + [older]),
    )
    assert list(table["rag_label"]) == ["Amber !", "Amber !", "Amber !"]
    assert list(table["direction_label"]) == ["", "worsening ↓", "improving ↑"]
    assert (table["green_low"].iloc[0], table["red_above"].iloc[0]) == pytest.approx((47.3, 62.3))


def test_the_report_polarity_wins_over_a_page_that_says_info():
    rows = frame(
        [
            obs("2016-11-01", 1.0, polarity="info"),
            obs("2016-12-01", 2.0, polarity="low"),
            obs("2017-01-01", 3.0, polarity="low"),
        ]
    )
    assert series_polarity(rows, "cpp_rate_10k") == "low"


def test_notes_printed_for_a_period_are_in_the_table_and_on_the_chart():
    note = "Oct & Nov 16 data unavailable due to data migration"
    rows = [
        obs("2016-09-01", 32.0, indicator="caseload_max", polarity="low"),
        obs("2016-10-01", None, note=note, indicator="caseload_max", polarity="low"),
        obs("2016-11-01", 36.0, indicator="caseload_max", polarity="low"),
    ]
    table = trend_table(frame(rows), "caseload_max")
    assert list(table["note"]) == ["", note, ""]
    assert pd.isna(table["value"].iloc[1]) and table["direction"].iloc[2] == "worsening"
    chart = trend_chart(table)
    assert note in json.dumps(chart.to_dict())
    assert any(layer["mark"]["type"] == "text" for layer in layers(chart))


def earlier_and_current():
    nov, dec = pd.Timestamp("2016-11-01"), pd.Timestamp("2016-12-01")
    earlier = [obs(nov, 53.0, report_date="2016-12-31", source_file="dec.pdf")]
    current = [obs(nov, 54.0), obs(dec, 60.0)]
    return frame(current), frame(current + earlier)


def test_figures_earlier_reports_printed_are_kept_beside_the_current_one():
    current, every = earlier_and_current()
    earlier = earlier_figures(every, current, "contacts")
    assert list(earlier["value"]) == [53.0] and list(earlier["revised"]) == [True]
    table = trend_table(current, "contacts", all_vintages=every)
    assert list(table["earlier_values"]) == ["53 (report of 31 Dec 2016)", ""]


def layers(chart) -> list[dict]:
    """Every single-view layer of a chart's spec, nested layers flattened."""
    out, todo = [], [chart.to_dict()]
    while todo:
        spec = todo.pop()
        todo += spec.get("layer", [])
        if "mark" in spec:
            out.append(spec)
    return out


def test_the_chart_has_a_title_a_free_y_axis_points_earlier_figures_and_benchmarks():
    current, every = earlier_and_current()
    bench = frame(
        [obs("2014-04-01", 46.1, "stat_neighbour_avg", "financial_year", end="2015-03-31")]
    )
    table = trend_table(current, "contacts", all_vintages=every)
    chart = trend_chart(
        table,
        benchmark_lines(pd.concat([current, bench]), "contacts"),
        earlier_figures(every, current, "contacts"),
    )
    spec = chart.to_dict()
    assert spec["title"] == "Rotherham: Number of contacts received"
    ys = [layer["encoding"]["y"] for layer in layers(chart) if "y" in layer["encoding"]]
    assert ys and all(y["scale"] == {"zero": False} for y in ys)
    marks = [layer["mark"]["type"] for layer in layers(chart)]
    assert {"line", "point", "rule"} <= set(marks) and marks.count("point") == 2
    assert OKABE_ITO["blue"] in json.dumps(spec)


def test_a_single_value_is_drawn_as_a_point():
    table = trend_table(frame([obs("2017-01-01", 5.0)]), "contacts")
    assert "point" in [layer["mark"]["type"] for layer in layers(trend_chart(table))]


def test_the_chart_table_says_rag_in_words_and_symbols_and_lists_benchmarks():
    rows = [obs("2017-01-01", 85.5, indicator="cla_rate_10k", unit="rate_per_10k")]
    rows += [fy_target(v, n, "cla_rate_10k", "rate_per_10k") for v, n in CLA_RULES]
    rows.append(
        obs(
            "2014-04-01",
            60.0,
            "england_avg",
            "financial_year",
            indicator="cla_rate_10k",
            unit="rate_per_10k",
            end="2015-03-31",
        )
    )
    observations = frame(rows)
    table = trend_table(observations, "cla_rate_10k")
    shown = trend_chart_table(table, benchmark_lines(observations, "cla_rate_10k"))
    assert list(shown["series"]) == ["Rotherham", "England average"]
    assert shown["rag"].iloc[0] == "Red ✗" and shown["period"].iloc[1] == "2014-15"


def test_the_line_breaks_over_months_no_report_printed():
    chart = trend_chart(
        trend_table(frame([obs("2016-01-01", 1.0), obs("2016-04-01", 2.0)]), "contacts")
    )
    spec = chart.to_dict()
    line = next(
        layer
        for layer in layers(chart)
        if layer["mark"] == {"type": "line", "color": OKABE_ITO["blue"]}
    )
    values = [row["value"] for row in spec["datasets"][line["data"]["name"]]]
    assert values == [1.0, None, None, 2.0]


def test_a_table_without_details_keeps_value_rag_and_direction():
    frame = pd.DataFrame(
        {
            "authority": "Rotherham",
            "indicator_id": "contacts",
            "indicator_label": "Contacts",
            "measure": "actual",
            "period_type": "month",
            "period_start": pd.to_datetime(["2016-04-01", "2016-05-01"]),
            "period_end": pd.to_datetime(["2016-04-30", "2016-05-31"]),
            "value": [100.0, 120.0],
            "unit": "count",
            "polarity": "low",
            "note": "",
            "report_date": pd.to_datetime("2016-05-31"),
            "source_file": "r.xlsx",
        }
    )
    full, light = trend_table(frame, "contacts"), trend_table(frame, "contacts", details=False)
    assert list(light.columns) == list(full.columns)
    for column in ("value", "rag", "direction", "direction_label"):
        assert light[column].tolist() == full[column].tolist()
    assert light["ytd"].isna().all() and full["ytd"].notna().any()
