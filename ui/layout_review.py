"""The Review page's "How each table was read" section: see a table's reading, correct it, remember
it."""

from __future__ import annotations

import streamlit as st

from extractors.errors import UnreadableFile
from interpreter.taught_layouts import MEASURES, header_texts
from review.layout import (
    PERIOD_WORDS,
    UNITS,
    columns_frame,
    grid_frame,
    readings,
    reoriented,
    with_columns,
    with_layout,
    with_roles,
)
from review.pending import PendingDocument
from ui import pending_uploads as queue
from ui.cached_store import catalogue, layout_rules, saved, shared_store


def layout_section(key: str, doc: PendingDocument) -> PendingDocument:
    """Show how one chosen table was read, with controls to correct it; the document as
    corrected."""
    st.subheader("How each table was read")
    tables = readings(doc, layout_rules())
    if not tables:
        st.write("No table of this document has a reading to show.")
        return doc
    index = st.selectbox(
        "Table", range(len(tables)), key=f"table-{key}", format_func=lambda i: _title(tables[i])
    )
    reading = tables[index]
    st.write(
        f"**{reading.unexplained}** of {reading.numbers} numbers of this table not read."
        + (" Read with a taught layout." if reading.taught else "")
    )
    st.dataframe(grid_frame(reading), width="stretch")
    st.dataframe(columns_frame(reading), hide_index=True, width="stretch")
    rule = _controls(key, reading)
    if rule != reading.rule:
        doc = _read_again(doc, reading, rule)
        queue.put(key, doc)
        st.rerun()
    if st.button(
        "Remember this layout",
        key=f"remember-{key}-{reading.fingerprint}",
        help="Later reports whose table has the same headers and shape are read this way",
    ):
        shared_store().save_layout_rule(
            reading.fingerprint, rule.to_json(), f"{doc.name}, {reading.where}"
        )
        saved()
        queue.put(key, _read_again(doc, reading, rule))
        st.session_state["review_message"] = (
            "remembered",
            f"The layout of {reading.where} is remembered for later reports.",
        )
        st.rerun()
    return doc


def _read_again(doc: PendingDocument, reading, rule) -> PendingDocument:
    """The document read with the corrected rule (in the bounded child); on failure the sentence,
    and it stops."""
    try:
        return with_layout(doc, reading.fingerprint, rule, layout_rules(), catalogue())
    except UnreadableFile as problem:
        st.error(str(problem), icon=":material/error:")
        st.stop()


def _title(reading) -> str:
    return f"{reading.where} ({reading.unexplained} numbers not read)"


def _controls(key: str, reading):
    """The reader's settings of the table's rule: orientation, header rows, label column, unit, then
    columns."""
    rule, k = reading.rule, f"{key}-{reading.fingerprint}"
    down = st.toggle("Periods run down the rows", value=rule.transposed, key=f"down-{k}")
    rule = reoriented(reading.grid, rule, down)
    width = len(header_texts(reading.grid, rule))
    left, middle, right = st.columns(3)
    header_rows = left.number_input(
        "Header rows", 0, 8, rule.header_rows, key=f"headers-{k}-{down}"
    )
    label = middle.selectbox(
        "Label column",
        range(width),
        index=min(rule.label_cols[0] if rule.label_cols else 0, width - 1),
        key=f"label-{k}-{down}",
    )
    unit = right.selectbox(
        "Table unit",
        UNITS,
        index=UNITS.index(rule.unit) if rule.unit in UNITS else 0,
        format_func=lambda u: u or "as printed",
        key=f"unit-{k}-{down}",
    )
    if (header_rows, label, unit) != (
        rule.header_rows,
        rule.label_cols[0] if rule.label_cols else 0,
        rule.unit,
    ):
        rule = with_roles(rule, int(header_rows), int(label), unit)
    with st.form(f"columns-{k}-{down}"):
        st.markdown("**Set what columns hold**")
        chosen = st.multiselect(
            "Columns", [c for c in range(width) if c != label], key=f"cols-{k}-{down}"
        )
        a, b = st.columns(2)
        measure = a.selectbox(
            "Measure", MEASURES, format_func=lambda m: "ignore (not read)" if m == "ignore" else m
        )
        period = b.selectbox("Period", list(PERIOD_WORDS), format_func=PERIOD_WORDS.get)
        if st.form_submit_button("Set these columns") and chosen:
            rule = with_columns(rule, chosen, measure, period)
    return rule


def taught_layouts_section() -> None:
    """The Catalogue page's list of taught layouts: each removable; all downloadable and
    importable."""
    from ui.cached_store import layout_rules_frame

    st.subheader("Layouts taught")
    taught = layout_rules_frame()
    if taught.empty:
        st.write(
            "No layout has been taught yet: correct a table's reading on the Review page and "
            "remember it."
        )
    else:
        st.dataframe(
            taught[["id", "description", "taught_by", "taught_at", "fingerprint"]],
            hide_index=True,
            width="stretch",
        )
        st.download_button(
            "Download layouts (CSV)",
            shared_store().export_layout_rules().encode("utf-8"),
            file_name="layout_rules.csv",
            mime="text/csv",
            on_click="ignore",
        )
        left, right = st.columns([3, 1])
        gone = left.selectbox(
            "Remove a taught layout",
            list(taught["id"]),
            format_func=lambda i: f"{i}: {taught.set_index('id').loc[i, 'description']}",
        )
        if right.button("Remove layout"):
            shared_store().remove_layout_rule(int(gone))
            saved()
            st.rerun()
    upload = st.file_uploader(
        "Import layouts (a CSV as downloaded here)", type=["csv"], key="layouts-upload"
    )
    if upload is not None and st.button("Import layouts"):
        try:
            count = shared_store().import_layout_rules(upload.getvalue().decode("utf-8-sig"))
            saved()
            st.success(f"{count} layouts learned.", icon=":material/check_circle:")
        except (ValueError, UnicodeDecodeError) as problem:
            st.error(str(problem), icon=":material/error:")
