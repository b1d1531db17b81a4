"""Charts with their table alternative and downloads, and text from documents shown only as text."""
from __future__ import annotations

import re

import altair as alt
import pandas as pd
import streamlit as st


def slug(text: str) -> str:
    """A file-name-safe version of a title."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "chart"


def chart_with_table(chart: alt.TopLevelMixin | None, table: pd.DataFrame, title: str, key: str) -> None:
    """The chart, its table alternative (always shown under a heading), and downloads of both."""
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    st.markdown(f"**Table: {plain(title)}**")
    st.dataframe(table, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button("Download chart data (CSV)", table.to_csv(index=False).encode("utf-8"),
                         file_name=f"{slug(title)}.csv", mime="text/csv", key=f"{key}-csv")
    if chart is not None:
        right.download_button("Download chart (HTML)", chart.to_html().encode("utf-8"),
                              file_name=f"{slug(title)}.html", mime="text/html", key=f"{key}-html")


def plain(text) -> str:
    """Text from a document, safe in Markdown: every Markdown and HTML character escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&])", r"\\\1", str(text))


def no_data(message: str) -> None:
    st.info(message, icon=":material/info:")
