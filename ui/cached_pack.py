"""The board pack pages' cached calls: templates from the store, and a pack built and printed once
per choice."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pack import build_pack, render_pack
from pack.preview import page_images
from pack.render import charts
from pack.template import Template, default_template, from_json, save_template
from pack.text_table import summary_frame
from ui.cached_store import observations, shared_store

LAST_REPORT = "(the last report's indicators)"


@st.cache_data(show_spinner=False)
def template_names(authority: str) -> list[str]:
    """The authority's saved templates, then the one made from its last report."""
    return list(shared_store().pack_templates(authority)["name"]) + [LAST_REPORT]


@st.cache_data(show_spinner=False)
def template_json(authority: str, name: str) -> str:
    if name == LAST_REPORT:
        return default_template(shared_store(), authority).to_json()
    return (
        shared_store().pack_template(authority, name)
        or default_template(shared_store(), authority).to_json()
    )


def template(authority: str, name: str) -> Template:
    return from_json(template_json(authority, name))


def save(chosen: Template) -> None:
    save_template(shared_store(), chosen)
    st.cache_data.clear()


def delete(authority: str, name: str) -> bool:
    gone = shared_store().delete_pack_template(authority, name)
    st.cache_data.clear()
    return gone


@st.cache_data(show_spinner=False)
def report_months(authority: str) -> list[str]:
    """Months the authority's reports have figures for, latest first ('2017-01')."""
    rows = observations("reports", "current", authority)
    months = pd.to_datetime(rows[rows["period_type"] == "month"]["period_start"]).dt.strftime(
        "%Y-%m"
    )
    return sorted(set(months), reverse=True)


@st.cache_data(show_spinner="Building the board pack (charts, PDF, Word and Excel)…")
def pack_files(authority: str, month: str, chosen_json: str) -> dict:
    """The pack's three files, the PDF's first pages as images, its summary table and its
    commentary."""
    pack = build_pack(shared_store(), authority, month, from_json(chosen_json))
    if not pack.sections:
        return {"empty": True}
    pngs = charts(pack)
    pdf = render_pack(pack, "pdf", pngs)
    return {
        "empty": False,
        "title": pack.title,
        "pdf": pdf,
        "docx": render_pack(pack, "docx", pngs),
        "xlsx": render_pack(pack, "xlsx"),
        "pages": page_images(pdf),
        "summary": summary_frame(pack),
        "commentary": [(s.title, s.commentary) for s in pack.sections],
    }
