"""AppTests of the Explore pages in the reader's words (issue 14): names, not ids or codes, in
selectors, columns and sentences; no 'None', 'nan', six-decimal floats or midnight times in a
table; Benchmarks' defaults and comparisons; the Trends chart's legend and axis; the Impact
summary; the Compare scorecard; the Data page's comparators for uploaded reports. On a store with
the national published figures and the sample reports."""

from __future__ import annotations

import json
import re

import pytest
from test_app import app_store, run_page  # noqa: F401  (the module's store: national figures and samples)

EXPLORE = ["trends", "benchmarks", "compare", "impact", "data"]
ONS_CODE = re.compile(r"\bE\d{8}\b")
BAD_CELL = re.compile(r"^(None|nan|NaN|NaT)$|\d\.\d{6}$|00:00:00")
STANDING = {
    "better",
    "worse",
    "the same",
    "higher (neither better nor worse)",
    "lower (neither better nor worse)",
}


def catalogue_ids() -> set[str]:
    from indicators import load_catalogue

    return set(load_catalogue().ids())


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def layers(spec: dict) -> list[dict]:
    """Every layer of a chart, however deeply layered."""
    found = []
    for layer in spec.get("layer", []):
        found += layers(layer) if "layer" in layer else [layer]
    return found


@pytest.mark.parametrize("page", EXPLORE)
def test_no_selector_offers_an_indicator_id_or_an_authority_code(page):
    at = run_page(f"pages/{page}.py")
    ids = catalogue_ids()
    for box in [*at.selectbox, *at.multiselect]:
        shown = [str(o) for o in box.options]
        assert not ids & set(shown), f"{box.label!r} offers ids: {sorted(ids & set(shown))[:3]}"
        assert not any(ONS_CODE.search(o) for o in shown), f"{box.label!r} offers codes"
        assert not any("_" in o for o in shown if box.label == "Service areas"), shown


@pytest.mark.parametrize("page", EXPLORE)
def test_no_table_shows_ids_codes_none_nan_long_floats_or_midnight_times(page):
    at = run_page(f"pages/{page}.py")
    assert at.dataframe, "no table on the page"
    ids = catalogue_ids()
    for table in at.dataframe:
        frame = table.value
        if "Audit" in " ".join(map(str, frame.columns)) or "audit_id" in frame.columns:
            continue  # the Data page's audit log belongs to the admin section (ui/admin.py)
        assert not {"indicator_id", "la_code", "old_la_code"} & set(frame.columns), list(
            frame.columns
        )
        cells = [str(v) for v in frame.astype(str).to_numpy().ravel()]
        bad = [c for c in cells if BAD_CELL.search(c)]
        assert not bad, f"cells such as {bad[:3]} in {list(frame.columns)[:6]}"
        # as the report printed it
        named = frame.drop(columns=[c for c in frame.columns if c == "Indicator label"])
        assert not ids & set(named.astype(str).to_numpy().ravel()), (
            "an indicator id shown as a cell"
        )
        assert not any(ONS_CODE.fullmatch(c) for c in cells), "an authority code shown as a cell"


def test_benchmarks_open_on_the_latest_year_with_figures_for_the_authority_with_most_reports():
    from ui.cached_store import report_authorities
    from ui.cached_views import years_with_figures

    at = run_page("pages/benchmarks.py")
    boxes = {b.label: b for b in at.selectbox}
    assert boxes["Authority"].value == report_authorities()[0]
    years, latest = years_with_figures(boxes["Authority"].value)
    assert boxes["Financial year"].value == latest != "2015-16"
    assert latest == max(y for y in years if y <= latest) and years.index(latest) <= 1


def test_the_authority_chosen_last_opens_the_next_explore_page():
    at = run_page("pages/trends.py")
    next(b for b in at.selectbox if b.label == "Authority").select("Barnsley").run()
    assert not at.exception, at.exception
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception, at.exception
    assert next(b for b in at.selectbox if b.label == "Authority").value == "Barnsley"
    at.switch_page("pages/compare.py").run()
    assert "Barnsley" in at.multiselect[0].value


def test_benchmarks_compare_rates_and_percentages_and_say_better_or_worse_by_polarity():
    at = run_page("pages/benchmarks.py")
    gaps = [t.value for t in at.dataframe if "Standing" in t.value.columns]
    assert len(gaps) == 2  # the chart's table and the table of every comparator
    for frame in gaps:
        assert set(frame["Unit"]) <= {"rate_per_10k", "percent"}, set(frame["Unit"])
        assert set(frame["Standing"]) - {""} <= STANDING
    every = gaps[1]
    judged = every[every["Polarity"].isin(["high", "low"]) & (every["Standing"] != "")]
    assert len(judged) and set(judged["Standing"]) <= {"better", "worse", "the same"}
    assert "% of the comparator" in json.dumps(specs(at)[0])
    areas = next(m for m in at.multiselect if m.label == "Service areas")
    assert "Front door" in areas.options and "front_door" not in areas.options


def test_the_trend_chart_names_the_target_in_its_legend_and_labels_the_last_period():
    at = run_page("pages/trends.py")
    indicator = next(b for b in at.selectbox if b.label == "Indicator")
    # Rotherham's report prints a target for it
    indicator.select("referrals_to_assessment_pct").run()
    assert not at.exception, at.exception
    spec = specs(at)[0]
    colours = [layer["encoding"].get("color", {}) for layer in layers(spec)]
    assert any(
        c.get("scale", {}).get("domain") == ["Target"] and c.get("legend") is not None
        for c in colours
    )
    axis = next(
        layer["encoding"]["x"]["axis"]
        for layer in layers(spec)
        if "axis" in layer["encoding"].get("x", {})
    )
    # the chart's table: the last period with a value
    last = max(at.dataframe[0].value["Period end"])
    assert axis["values"][-1]["year"] == int(last[:4]) and axis["values"][-1]["month"] == int(
        last[5:7]
    )
    assert not [
        layer
        for layer in layers(spec)
        if layer["mark"].get("type", layer["mark"]) == "text"
        and layer["encoding"].get("text", {}).get("field") == "caption"
    ], "benchmark labels drawn on the chart"


def test_trends_show_the_movement_and_the_judgement_apart():
    at = run_page("pages/trends.py")
    labels = [m.label for m in at.metric]
    assert "Movement since the period before" in labels and "Better or worse" in labels
    movement = next(m for m in at.metric if m.label.startswith("Movement")).value
    assert movement in {"up ↑", "down ↓", "no change →", "–"}
    table = at.dataframe[0].value
    assert {"Movement", "Better or worse"} <= set(table.columns)
    assert set(table["Movement"]) - {""} <= {"up ↑", "down ↓", "no change →"}
    assert set(table["Better or worse"]) - {""} <= {
        "better",
        "worse",
        "no better or worse",
        "not judged (no good direction)",
    }


def test_trends_name_the_national_sources_as_publications():
    at = run_page("pages/trends.py")
    next(r for r in at.radio if r.label == "Figures").set_value("published").run()
    assert not at.exception, at.exception
    source = next(c.value for c in at.caption if c.value.startswith("Sources:"))
    assert "DfE" in source and not re.search(r"\.(csv|parquet|xlsx)", source), source


def test_impact_gives_a_short_summary_first_and_folds_the_detail():
    at = run_page("pages/impact.py")
    headings = [h.value for h in at.subheader]
    assert headings[0] == "In short"
    folded = [e.label for e in at.expander]
    assert {
        "Months since each authority's start",
        "Before and after",
        "Interrupted time series, one authority at a time",
    } <= set(folded)
    baseline = next(c.value for c in at.caption if c.value.startswith("Index 100"))
    assert re.search(r"\d+ months?", baseline)
    words = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert not ONS_CODE.search(words), ONS_CODE.search(words)


def test_impact_month_axes_are_whole_months():
    at = run_page("pages/impact.py")
    spec = specs(at)[0]  # months since each start
    x = next(
        layer["encoding"]["x"]
        for layer in layers(spec)
        if layer["encoding"].get("x", {}).get("field") == "event_month"
        and "axis" in layer["encoding"]["x"]
    )
    assert x["axis"]["tickMinStep"] == 1 and x["axis"]["format"] == "d"
    line = next(
        layer for layer in layers(spec) if layer["encoding"].get("color", {}).get("field") == "line"
    )
    assert "months before" in json.dumps(line)


def test_the_scorecard_says_each_row_s_period_and_shows_counts_per_10000():
    at = run_page("pages/compare.py")
    grid = next(
        t.value
        for t in at.dataframe
        if "Period" in t.value.columns and "Authority" not in t.value.columns
    )
    assert list(grid.columns)[0] == "Period" and (grid["Period"] != "").any()
    card = next(t.value for t in at.dataframe if "Sparkline" in t.value.columns)
    counts = card[card["Unit"] == "count"]
    assert len(counts) and set(counts["Shown unit"]) == {"rate_per_10k"}
    for _, rows in card[card["Period"] != ""].groupby("Indicator"):
        assert rows["Period"].nunique() == 1, rows[["Authority", "Period"]]
    chart = next(s for s in specs(at) if s.get("usermeta"))
    assert chart["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_the_data_page_s_comparators_toggle_brings_england_for_uploaded_reports():
    at = run_page("pages/data.py")
    next(b for b in at.selectbox if b.label == "Authority").select("Rotherham").run()
    toggle = next(t for t in at.toggle if t.label.startswith("With the region"))
    toggle.set_value(False).run()
    alone = set(at.dataframe[0].value["Authority"])
    next(t for t in at.toggle if t.label.startswith("With the region")).set_value(True).run()
    assert not at.exception, at.exception
    both = set(at.dataframe[0].value["Authority"])
    assert alone == {"Rotherham"} and {"Rotherham", "England", "Yorkshire and The Humber"} <= both
