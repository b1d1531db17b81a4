"""The app's one store connection and its cached queries; cleared after anything is saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyses.compare import indicator_name
from indicators.catalogue import load_catalogue
from samples.load import ensure_samples
from settings import setting
from store import Selection, open_store


@st.cache_resource(
    show_spinner="Opening the store (the first run loads the national figures and sample reports)…"
)
def shared_store():
    """The store named by PERFBOOKS_DB, with the sample reports loaded into a new one."""
    store = open_store(setting("PERFBOOKS_DB"))
    ensure_samples(store)
    return store


def saved() -> None:
    """Forget every cached query: call after the store changed."""
    st.cache_data.clear()


@st.cache_data(show_spinner=False)
def observations(
    source: str = "reports",
    vintage: str = "current",
    authority: str | None = None,
    indicator: str | None = None,
    comparators: bool = False,
) -> pd.DataFrame:
    return shared_store().observations(
        Selection(source, vintage, authority, indicator, comparators)
    )


@st.cache_data(show_spinner=False)
def documents() -> pd.DataFrame:
    return shared_store().documents()


@st.cache_data(show_spinner=False)
def report_authorities() -> list[str]:
    """Authorities with at least one uploaded report, those with the most figures first."""
    docs = documents()
    reports = docs[
        (docs["source"] == "report")
        & (docs["authority"].fillna("") != "")
        & docs["withdrawn_at"].isna()
    ]
    counts = reports.groupby("authority")["observation_count"].sum()
    return sorted(counts.index, key=lambda a: (-counts[a], a))


@st.cache_data(show_spinner=False)
def all_authorities() -> list[str]:
    """Every authority the reference list knows, reports' authorities first."""
    from authorities.authority import all_authorities as known

    mine = report_authorities()
    return mine + sorted({a.name for a in known()} - set(mine))


@st.cache_data(show_spinner=False)
def indicators_of(authority: str, source: str = "reports") -> list[str]:
    """The indicator ids with figures for the authority, most observations first."""
    return shared_store().indicator_ids(Selection(source, "current", authority))


@st.cache_data(show_spinner=False)
def table(name: str) -> pd.DataFrame:
    return shared_store().table(name)


@st.cache_data(show_spinner=False)
def interventions() -> pd.DataFrame:
    return shared_store().interventions()


@st.cache_data(show_spinner=False)
def revisions(authority: str | None = None, indicator: str | None = None) -> pd.DataFrame:
    return shared_store().revisions(authority, indicator)


@st.cache_data(show_spinner=False)
def withdrawn() -> pd.DataFrame:
    return shared_store().withdrawn()


@st.cache_data(show_spinner=False)
def aliases() -> pd.DataFrame:
    return shared_store().aliases()


def catalogue():
    """The catalogue with learned aliases (not cached: it changes when a reviewer teaches it)."""
    return shared_store().catalogue()


def layout_rules() -> dict:
    """Fingerprint -> the layout rules readers taught (not cached: a reviewer may teach one at any
    time)."""
    return shared_store().layout_rules()


@st.cache_data(show_spinner=False)
def layout_rules_frame() -> pd.DataFrame:
    return shared_store().layout_rules_frame()


@st.cache_resource
def packaged_catalogue():
    return load_catalogue()


def indicator_label(indicator_id: str) -> str:
    """'contacts — Number of contacts' for selectboxes."""
    name = indicator_name(indicator_id)
    return indicator_id if name == indicator_id else f"{indicator_id} — {name}"


@st.cache_data(show_spinner=False)
def monthly_indicators(authorities: tuple[str, ...]) -> list[str]:
    """Indicators (ids, or printed labels left unmapped) with monthly figures for any of these
    authorities."""
    found: dict[str, int] = {}
    for authority in authorities:
        rows = observations("reports", "current", authority)
        rows = rows[(rows["period_type"] == "month") & (rows["measure"] == "actual")]
        ids = rows["indicator_id"].fillna("").astype(str)
        for key in ids.where(ids != "", rows["indicator_label"].fillna("").astype(str)):
            found[key] = found.get(key, 0) + 1
    return sorted(found, key=lambda k: -found[k])
