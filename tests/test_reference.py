"""The committed reference tables under data/reference/ and the `reference` loaders (no source files
needed)."""

from __future__ import annotations

import pandas as pd
import pytest

from authorities import resolve
from indicators import load_catalogue
from reference import (
    PUBLISHED_PATH,
    neighbour_versions,
    population_frame,
    published_frame,
    published_measures,
    statistical_neighbours,
    under18_population,
)

ENGLAND, ROTHERHAM = "E92000001", "E08000018"
SYMBOLS = {"c", "x", "z", "low", "~", ":", "u", "k"}
CONTRACT = """authority la_code old_la_code indicator_id indicator_label measure period_type
period_start period_end
value numerator denominator unit polarity note report_date source_file source_location
confidence""".split()
# Core ids (spec/indicators-core.csv) that the DfE publishes for every authority; each must be in
# the figures.
PUBLISHED_CORE_IDS = """referrals referrals_rate_10k re_referrals_12m_pct re_referrals_12m
assessments_45wd_pct
s47_rate_10k icpc_rate_10k icpc_15wd_pct cin_children cin_rate_10k cpp_children cpp_rate_10k
cpp_starts_rate_10k
cpp_second_time_ever_pct cpp_open_2y_plus_pct cpp_ceased_2y_plus_pct cpp_reviews_timely_pct
cla_children cla_rate_10k
cla_starts cla_ceased cla_uasc cla_health_assessments_pct cla_dental_checks_pct
cla_placements_3plus_pct
cla_long_term_stability_pct cla_ceased_adoption_pct cla_ceased_sgo_pct care_leavers
care_leavers_suitable_accommodation_pct care_leavers_eet_pct adoptions sgo_granted
caseload_avg""".split()


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return published_frame()


def test_rotherham_has_ten_distinct_2021_neighbours_that_resolve():
    neighbours = statistical_neighbours(ROTHERHAM, "2021")
    assert [n.rank for n in neighbours] == list(range(1, 11))
    assert len({n.la_code for n in neighbours}) == 10 and ROTHERHAM not in {
        n.la_code for n in neighbours
    }
    for n in neighbours:
        authority = resolve(n.la_code)
        assert authority is not None and (authority.old_la_code, authority.name) == (
            n.old_la_code,
            n.name,
        )
    assert (neighbours[0].name, neighbours[0].closeness) == ("Doncaster", "Extremely close")
    assert statistical_neighbours("372") == statistical_neighbours("Rotherham") == neighbours


def test_neighbour_versions_differ():
    assert neighbour_versions() == ["2021", "2025"]
    old, new = statistical_neighbours(ROTHERHAM, "2021"), statistical_neighbours(ROTHERHAM, "2025")
    assert len(new) == 10 and [n.la_code for n in old] != [n.la_code for n in new]
    assert {
        n.closeness for v in neighbour_versions() for n in statistical_neighbours(ROTHERHAM, v)
    } <= {"Extremely close", "Very close", "Close", "Somewhat close", "Not close", ""}


def test_neighbours_by_any_code_of_an_authority_and_unknowns():
    barnsley = statistical_neighbours("E08000038", "2025")  # Barnsley's code from May 2025
    assert len(barnsley) == 10 and barnsley == statistical_neighbours("E08000016", "2025")
    assert statistical_neighbours("Not a council") == []
    with pytest.raises(ValueError):
        statistical_neighbours(ROTHERHAM, "2019")


def test_rotherham_population_is_plausible_and_any_code_works():
    assert 50_000 < under18_population(ROTHERHAM, 2016) < 65_000
    assert under18_population("372", 2016) == under18_population(ROTHERHAM, 2016)
    # North Yorkshire recoded
    assert under18_population("E06000065", 2020) == under18_population("E10000023", 2020)
    assert under18_population(ROTHERHAM, 1990) is None


def test_england_population_is_the_sum_of_its_regions():
    table = population_frame()
    england = table[table.la_code == ENGLAND].set_index("year").population_0_17
    regions = table[table.la_code.str.startswith("E12")].groupby("year").population_0_17.sum()
    assert list(england.index) == list(range(2012, 2025))
    assert ((england - regions).abs() <= 0.001 * england).all()
    councils = (
        table[table.geographic_level == "Local authority"].groupby("year").population_0_17.sum()
    )
    # a few pre-2019 Dorset councils are suppressed
    assert ((england - councils).abs() <= 0.02 * england).all()


def test_rotherham_and_england_cpp_rate_2015_16(figures):
    rows = figures[
        (figures.indicator_id == "cpp_rate_10k") & (figures.period_end == "2016-03-31")
    ].set_index("la_code")
    assert rows.loc[ROTHERHAM, "value"] == 65.3
    assert rows.loc[ROTHERHAM, ["authority", "period_type", "period_start"]].tolist() == [
        "Rotherham",
        "as_at",
        "2016-03-31",
    ]
    assert rows.loc[ENGLAND, "authority"] == "England" and rows.loc[ENGLAND, "value"] == 43.4


def test_figures_follow_the_observation_contract(figures):
    assert list(figures.columns) == CONTRACT + ["geographic_level"]
    assert set(figures.geographic_level) == {"National", "Regional", "Local authority"}
    assert set(figures.measure) == {"actual"} and set(figures.period_type) == {
        "financial_year",
        "as_at",
    }
    fy = figures[figures.period_type == "financial_year"]
    assert (
        fy.period_start.str.endswith("-04-01").all() and fy.period_end.str.endswith("-03-31").all()
    )
    at = figures[figures.period_type == "as_at"]
    assert (at.period_start == at.period_end).all()
    # percentage points, not fractions
    assert (figures[figures.unit == "percent"].value.dropna() <= 100).all()
    assert PUBLISHED_PATH.stat().st_size < 5_000_000


def test_every_published_id_is_in_the_catalogue(figures):
    ids = set(load_catalogue().ids())
    assert set(figures.indicator_id) <= ids
    measures = published_measures()
    assert (
        set(measures.indicator_id) <= ids
        and not measures.duplicated(["source", "source_measure"]).any()
    )
    catalogue = load_catalogue()
    for row in figures.drop_duplicates("indicator_id").itertuples():
        assert (row.unit, row.polarity) == (
            catalogue.indicator(row.indicator_id).unit,
            catalogue.indicator(row.indicator_id).polarity,
        )


def test_one_figure_per_place_indicator_and_period(figures):
    assert not figures.duplicated(
        ["la_code", "indicator_id", "measure", "period_start", "period_end"]
    ).any()
    both = figures[
        (figures.indicator_id == "re_referrals_12m_pct") & (figures.la_code == ROTHERHAM)
    ]
    # EES over LAIT
    assert both.period_end.is_unique and both.source_file.str.contains("c1_children_in_need").all()


def test_suppressed_figures_keep_their_symbol_in_note(figures):
    blank = figures[figures.value.isna()]
    assert len(blank) > 1000
    assert blank.note.str.split(";").str[0].isin(SYMBOLS).all()
    assert not figures[figures.note.isin(SYMBOLS)].value.notna().any()
    assert {"c", "x", "z"} <= set(blank.note)


def test_every_published_core_id_is_mapped(figures):
    core = set(load_catalogue().ids()[:70])
    assert set(PUBLISHED_CORE_IDS) <= core
    assert set(PUBLISHED_CORE_IDS) <= set(figures.indicator_id)
    assert set(figures.indicator_id) & core == set(PUBLISHED_CORE_IDS)
    rotherham = figures[(figures.la_code == ROTHERHAM) & figures.value.notna()]
    # 2023-24; workforce at 30 September 2024
    in_2024 = rotherham[rotherham.period_end.str.startswith("2024")]
    assert set(in_2024.indicator_id) >= set(PUBLISHED_CORE_IDS)
