"""Charts with their table alternative and downloads, and text from documents shown only as text."""

from __future__ import annotations

import re
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from analyses.readable import reader_frame
from analyses.summaries import chart_summary
from exports.downloads import chart_html, frame_csv

# Date pickers reach back to 1990: Streamlit's default stops 10 years before today, too late for
# legacy reports.
EARLIEST, LATEST = date(1990, 1, 1), date(date.today().year + 1, 12, 31)


def slug(text: str) -> str:
    """A file-name-safe version of a title."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "chart"


def chart_with_table(
    chart: alt.TopLevelMixin | None,
    table: pd.DataFrame,
    title: str,
    key: str,
    summary: str | None = None,
) -> None:
    """The chart with its one-sentence summary (its accessible name and a caption; by default read
    from the table), its table alternative (always shown under a heading), and downloads of both."""
    if chart is not None:
        summary = summary or chart_summary(table, title)
        st.altair_chart(chart, width="stretch", alt=summary)
        st.caption(plain(summary))
    st.markdown(f"**Table: {plain(title)}**")
    table = as_dates(table)
    show_table(table)
    left, right = st.columns(2)
    csv_button("Download chart data (CSV)", table, f"{slug(title)}.csv", left, key=f"{key}-csv")
    if chart is not None:
        right.download_button(
            "Download chart (HTML)",
            chart_html(chart),
            file_name=f"{slug(title)}.html",
            mime="text/html",
            key=f"{key}-html",
            on_click="ignore",
        )


def csv_button(label: str, frame: pd.DataFrame, file_name: str, where=st, **options) -> None:
    """A button that downloads the frame as CSV (`where`: st or a column), without a rerun."""
    where.download_button(
        label, frame_csv(frame), file_name=file_name, mime="text/csv", on_click="ignore", **options
    )


def show_table(frame: pd.DataFrame, **options) -> None:
    """A frame as the reader reads it (`analyses.readable.reader_frame`): names, not ids; no 'None'
    cells."""
    st.dataframe(reader_frame(frame), hide_index=True, width="stretch", **options)


def as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date-time columns whose times are all midnight shown as plain dates."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if (
            pd.api.types.is_datetime64_any_dtype(values)
            and (values.dropna() == values.dropna().dt.normalize()).all()
        ):
            out[column] = values.dt.date
    return out


def highlight_rows(frame: pd.DataFrame, flagged: pd.Series, colour: str = "#FFF3C4"):
    """A Styler with the flagged rows' background tinted (the flag must also be shown in words)."""
    tint = [f"background-color: {colour}" if bool(f) else "" for f in flagged]
    return frame.style.apply(lambda row: [tint[frame.index.get_loc(row.name)]] * len(row), axis=1)


def plain(text) -> str:
    """Text from a document, safe in Markdown: every Markdown and HTML character escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&])", r"\\\1", str(text))


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def no_data(message: str) -> None:
    st.info(message, icon=":material/info:")
