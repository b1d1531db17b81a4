"""Side by side: several authorities on one indicator (per 10,000 children for counts), the board
scorecard, and the thin adapters the pages call."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.compare import side_by_side, side_by_side_chart
from analyses.scorecard import scorecard, scorecard_grid
from analyses.scorecard_chart import layout, scorecard_chart
from views.explore import benchmark_view, compare_view, scorecard_view, trend_view

POPULATION = pd.DataFrame(
    {
        "la_code": ["E08000018", "E06000045", "E08000018"],
        "year": [2015, 2015, 2016],
        "population_0_17": [50_000, 40_000, 50_000],
    }
)
PLACES = {"Rotherham": ("E08000018", "372"), "Southampton": ("E06000045", "852")}


def row(
    authority,
    indicator,
    start,
    value,
    measure="actual",
    period_type="month",
    unit="count",
    polarity="info",
    note="",
    source="report",
    end=None,
    report_date="2017-01-31",
):
    start = pd.Timestamp(start)
    end = (
        pd.Timestamp(end)
        if end
        else (start + pd.offsets.MonthEnd(0) if period_type == "month" else start)
    )
    la_code, old = PLACES[authority]
    return {
        "authority": authority,
        "la_code": la_code,
        "old_la_code": old,
        "indicator_id": indicator,
        "indicator_label": indicator,
        "measure": measure,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "value": value,
        "numerator": None,
        "denominator": None,
        "unit": unit,
        "polarity": polarity,
        "note": note,
        "report_date": pd.Timestamp(report_date),
        "source_file": "f.pdf",
        "source_location": "p1",
        "source": source,
        "geographic_level": "Local authority",
    }


def frame(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    for c in ("value", "numerator", "denominator"):
        out[c] = pd.to_numeric(out[c]).astype(float)
    return out


def looked_after() -> pd.DataFrame:
    """Rotherham's monthly report and both authorities' published figures at 31 March 2016."""
    rows = [
        row("Rotherham", "cla_children", d, v)
        for d, v in zip(["2016-01-01", "2016-02-01"], [430, 422])
    ]
    rows += [
        row(a, "cla_children", "2016-03-31", v, period_type="as_at", source="published")
        for a, v in [("Rotherham", 431), ("Southampton", 520)]
    ]
    return frame(rows)


def test_side_by_side_takes_the_period_type_every_authority_has_and_normalises_counts():
    side = side_by_side(looked_after(), "cla_children", POPULATION)
    assert set(side["period_type"]) == {"as_at"} and list(side["authority"]) == [
        "Rotherham",
        "Southampton",
    ]
    assert list(side["per_10k"]) == pytest.approx([431 * 10_000 / 50_000, 520 * 10_000 / 40_000])
    assert list(side["population_year"]) == [2015, 2015] and set(side["shown_unit"]) == {
        "rate_per_10k"
    }


@pytest.mark.parametrize("per_10k, shown", [(False, [431.0, 520.0]), (True, [86.2, 130.0])])
def test_normalising_can_be_chosen(per_10k, shown):
    assert list(
        side_by_side(looked_after(), "cla_children", POPULATION, per_10k)["shown"]
    ) == pytest.approx(shown)


def test_a_report_figure_comes_before_a_published_one_for_the_same_period():
    rows = frame(
        [
            row(
                "Rotherham",
                "cla_rate_10k",
                "2016-03-31",
                76.0,
                period_type="as_at",
                unit="rate_per_10k",
                source="published",
            ),
            row(
                "Rotherham",
                "cla_rate_10k",
                "2016-03-31",
                76.6,
                period_type="as_at",
                unit="rate_per_10k",
            ),
        ]
    )
    side = side_by_side(rows, "cla_rate_10k")
    assert list(side["value"]) == [76.6] and list(side["source"]) == ["report"]


@pytest.mark.parametrize("facet, key", [(True, "facet"), (False, "mark")])
def test_small_multiples_or_overlaid(facet, key):
    spec = side_by_side_chart(
        side_by_side(looked_after(), "cla_children", POPULATION), "Children looked after", facet
    ).to_dict()
    assert key in spec and spec["title"] == "Children looked after"
    encoding = spec["spec"]["encoding"] if facet else spec["encoding"]
    assert encoding["y"]["scale"] == {"zero": False}


def card_rows() -> pd.DataFrame:
    months = pd.date_range("2016-08-01", periods=6, freq="MS")
    values = {
        "Rotherham": [55.0, 56.7, 54.1, 55.3, 57.8, 58.5],
        "Southampton": [66.0, 66.0, 65.0, 65.0, 69.0, 67.0],
    }
    rows = [
        row(a, "cpp_rate_10k", d, v, unit="rate_per_10k", polarity="low")
        for a, vs in values.items()
        for d, v in zip(months, vs)
    ]
    rows += [
        row(
            "Rotherham",
            "cpp_rate_10k",
            "2016-04-01",
            t,
            "target",
            "financial_year",
            "rate_per_10k",
            "low",
            n,
            end="2017-03-31",
        )
        for t, n in [
            (52.3, "Target Green: +/-5 of 52.3"),
            (None, "Red tolerance: more than +/- 10"),
        ]
    ]
    return frame(rows)


def test_the_scorecard_holds_the_latest_value_rag_movement_judgement_and_recent_values():
    card = scorecard(card_rows(), ["cpp_rate_10k"], last=4).set_index("authority")
    assert card.loc["Rotherham", "value"] == 58.5 and card.loc["Rotherham", "period"] == "Jan 2017"
    assert (
        card.loc["Rotherham", "rag_label"] == "Amber !"
        and card.loc["Southampton", "rag_label"] == ""
    )
    assert (card.loc["Rotherham", "movement"], card.loc["Rotherham", "judgement"]) == (
        "up ↑",
        "worse",
    )
    assert (card.loc["Southampton", "movement"], card.loc["Southampton", "judgement"]) == (
        "down ↓",
        "better",
    )
    assert card.loc["Rotherham", "sparkline"] == [54.1, 55.3, 57.8, 58.5]


def test_every_authority_s_figure_in_a_row_is_for_the_same_period():
    """A monthly report runs to Jan 2017, another authority's to Mar 2017: the row shows Jan 2017
    for both (the latest period both have), never each authority's own latest month."""
    rows = card_rows()
    later = frame(
        [
            row("Southampton", "cpp_rate_10k", d, v, unit="rate_per_10k", polarity="low")
            for d, v in [("2017-02-01", 70.0), ("2017-03-01", 71.0)]
        ]
    )
    card = scorecard(pd.concat([rows, later], ignore_index=True), ["cpp_rate_10k"]).set_index(
        "authority"
    )
    assert set(card["period"]) == {"Jan 2017"}
    assert card.loc["Southampton", "value"] == 67.0


def test_the_scorecard_turns_counts_into_rates_per_10000_children():
    rows = frame(
        [
            row(a, "cpp_children", "2016-03-31", v, period_type="as_at", source="published")
            for a, v in [("Rotherham", 300.0), ("Southampton", 200.0)]
        ]
    )
    card = scorecard(rows, ["cpp_children"], population=POPULATION).set_index("authority")
    assert card.loc["Rotherham", "shown"] == pytest.approx(300 * 10_000 / 50_000)
    assert card.loc["Southampton", "shown"] == pytest.approx(200 * 10_000 / 40_000)
    assert set(card["shown_unit"]) == {"rate_per_10k"} and card.loc["Rotherham", "value"] == 300.0


def test_an_authority_without_the_common_period_says_so():
    """Two authorities' months never meet: the row takes the latest month and the other says it has
    none."""
    rows = card_rows()
    rows = rows[rows["authority"] == "Rotherham"]
    later = frame(
        [
            row("Southampton", "cpp_rate_10k", d, 60.0, unit="rate_per_10k", polarity="low")
            for d in ("2017-02-01", "2017-03-01")
        ]
    )
    card = scorecard(pd.concat([rows, later], ignore_index=True), ["cpp_rate_10k"]).set_index(
        "authority"
    )
    assert card.loc["Southampton", "period"] == "Mar 2017" and pd.isna(
        card.loc["Rotherham", "shown"]
    )
    assert card.loc["Rotherham", "note"] == "no figure (latest Jan 2017)"


def test_the_scorecard_grid_names_the_period_of_every_row_and_has_authorities_as_columns():
    grid = scorecard_grid(scorecard(card_rows(), ["cpp_rate_10k", "contacts"]))
    assert list(grid.columns) == ["Period", "Rotherham", "Southampton"]
    name = "Children subject to a child protection plan per 10000 children"
    assert grid.loc[name, "Period"] == "Jan 2017"
    assert grid.loc[name, "Rotherham"] == "58.5 per 10,000 · Amber ! · up ↑ · worse"
    assert grid.loc["Number of contacts received", "Southampton"] == "no figures"


def test_the_scorecard_chart_is_titled_svg_and_draws_rag_by_shape():
    spec = scorecard_chart(scorecard(card_rows(), ["cpp_rate_10k"])).to_dict()
    assert spec["title"] == "Scorecard" and spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"rule", "point", "text"}
    assert any("shape" in layer["encoding"] for layer in spec["layer"])


def ten_by_five() -> pd.DataFrame:
    """Ten indicators with long names for five authorities with long names (a scorecard card)."""
    from indicators import load_catalogue

    catalogue = load_catalogue()
    ids = sorted(catalogue.ids(), key=lambda i: -len(catalogue.indicator(i).name))[:10]
    names = [
        "Bath and North East Somerset",
        "Redcar and Cleveland",
        "North East Lincolnshire",
        "Windsor and Maidenhead",
        "Telford and Wrekin",
    ]
    return pd.DataFrame(
        [
            {
                "indicator_id": i,
                "indicator_name": catalogue.indicator(i).name,
                "authority": a,
                "period": "31 Mar 2024",
                "shown": 12345.6,
                "shown_unit": "rate_per_10k",
                "rag_label": "Amber !",
                "movement": "down ↓",
                "judgement": "not judged (no good direction)",
            }
            for i in ids
            for a in names
        ]
    )


def test_ten_indicators_by_five_authorities_fit_their_cells():
    """Each text is wrapped to its column and its lines fit the row: no text can reach the next
    cell."""
    from analyses.scorecard_chart import (
        CHAR,
        HEADER_HEIGHT,
        LABEL_WIDTH,
        LINE,
        PAD,
        PERIOD_WIDTH,
        SYMBOL,
    )

    texts, _, size = layout(ten_by_five())
    widths = {
        "label": LABEL_WIDTH,
        "period": PERIOD_WIDTH,
        "cell": size["cell"] - SYMBOL,
        "header": size["cell"],
    }
    for _, t in texts.iterrows():
        lines = t["text"].split("\n")
        assert max(len(line) for line in lines) * CHAR <= widths[t["kind"]] - 2 * PAD, t["text"]
        room = HEADER_HEIGHT if t["kind"] == "header" else size["row_height"]
        assert len(lines) * LINE <= room - PAD, t["text"]
    assert size["width"] <= 960 and len(texts) == 2 + 5 + 10 * 2 + 50


class FakeStore:
    """The store methods the adapters use, over frames."""

    def __init__(self, reports: pd.DataFrame, published: pd.DataFrame):
        self.frames = {"report": reports, "published": published}

    def observations(self, selection):
        sources = {
            "reports": ["report"],
            "published": ["published"],
            "all": ["report", "published"],
        }[selection.source]
        out = pd.concat([self.frames[s] for s in sources], ignore_index=True)
        if selection.authority:
            out = out[out["authority"] == selection.authority]
        return out[out["indicator_id"] == selection.indicator] if selection.indicator else out

    def table(self, name):
        if name == "population":
            return POPULATION
        return pd.DataFrame(
            [
                {
                    "version": "2021",
                    "la_code": "E08000018",
                    "old_la_code": "372",
                    "neighbour_rank": 1,
                    "neighbour_la_code": "E06000045",
                    "neighbour_old_la_code": "852",
                    "closeness": "",
                }
            ]
        )


def fake_store() -> FakeStore:
    published = frame(
        [
            row(
                a,
                "cpp_rate_10k",
                "2016-03-31",
                v,
                period_type="as_at",
                unit="rate_per_10k",
                source="published",
            )
            for a, v in [("Rotherham", 65.3), ("Southampton", 50.0)]
        ]
    )
    return FakeStore(card_rows(), published)


def test_the_adapters_give_each_page_what_it_shows():
    store = fake_store()
    trend = trend_view(store, "Rotherham", "cpp_rate_10k")
    assert len(trend.table) == 6 and trend.chart.to_dict()["title"].startswith("Rotherham")
    assert list(trend.chart_table["rag"])[-1] == "Amber !"
    bench = benchmark_view(store, "Rotherham", "2015-16", "2021", ["cpp_rate_10k"])
    mean = bench.gaps.set_index("comparator").loc["stat_neighbour_mean"]
    assert (mean["comparator_value"], mean["children"]) == pytest.approx((50.0, (50.0 - 65.3) * 5))
    assert bench.standing["neighbour_list"].iloc[0] == "2021"
    side, chart = compare_view(store, ["Rotherham", "Southampton"], "cpp_rate_10k")
    assert set(side["authority"]) == {"Rotherham", "Southampton"} and "facet" in chart.to_dict()
    card, grid, chart = scorecard_view(store, ["Rotherham", "Southampton"], ["cpp_rate_10k"])
    assert list(grid.columns) == ["Period", "Rotherham", "Southampton"] and len(card) == 2
