"""The analyses' page views, cached per choice (the cache is cleared whenever the store changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui.cached_store import interventions, shared_store
from views.explore import (
    benchmark_view,
    benchmark_years,
    compare_view,
    history_view,
    league_view,
    scorecard_view,
    selected_observations,
    trend_view,
)

if TYPE_CHECKING:
    from views.impact import ImpactOptions


@st.cache_data(show_spinner="Working out the trend…")
def trend(authority: str, indicator: str, period_type: str | None, source: str):
    return trend_view(shared_store(), authority, indicator, period_type, source)


@st.cache_data(show_spinner="Comparing with neighbours, the region and England…")
def benchmarks(authority: str, period: str, version: str, indicators: tuple[str, ...] | None):
    return benchmark_view(
        shared_store(), authority, period, version, list(indicators) if indicators else None
    )


@st.cache_data(show_spinner="Putting the authorities side by side…")
def side_by_side(authorities: tuple[str, ...], indicator: str, facet: bool):
    return compare_view(shared_store(), list(authorities), indicator, facet)


@st.cache_data(show_spinner="Building the scorecard…")
def scorecard(authorities: tuple[str, ...], indicators: tuple[str, ...]):
    return scorecard_view(shared_store(), list(authorities), list(indicators))


@st.cache_data(show_spinner="Estimating the change…")
def impact(intervention_ids: tuple[int, ...], indicator: str, options: ImpactOptions):
    from views.impact import impact_view  # the estimators load only for this page (1.5 s)

    chosen = interventions()
    chosen = chosen[chosen["intervention_id"].isin(intervention_ids)]
    return impact_view(shared_store(), chosen, indicator, options)


@st.cache_data(show_spinner="Reading every published year…")
def history(authority: str, indicator: str, version: str):
    return history_view(shared_store(), authority, indicator, version)


@st.cache_data(show_spinner="Ranking every council…")
def league(indicator: str, period: str):
    return league_view(shared_store(), indicator, period)


@st.cache_data(show_spinner=False)
def years_with_figures(authority: str):
    return benchmark_years(shared_store(), authority)


# session key: the authority the reader chose last on any Explore page
LAST_AUTHORITY = "explore_last_authority"


def authority_index(choices: list[str]) -> int:
    """Where the authority the reader chose last is among `choices` (else 0: the one with the most
    reports)."""
    last = st.session_state.get(LAST_AUTHORITY)
    return choices.index(last) if last in choices else 0


def remember_authority(authority: str) -> None:
    st.session_state[LAST_AUTHORITY] = authority


@st.cache_data(show_spinner="Selecting the observations…")
def export_selection(
    source: str, vintage: str, authority: str | None, indicator: str | None, comparators: bool
):
    return selected_observations(shared_store(), source, vintage, authority, indicator, comparators)
