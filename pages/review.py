"""Review one uploaded document: authority, report date, doubtful rows and labels, the source of any
row; then accept (saved in one step) or reject."""

import streamlit as st

from review import (
    accept,
    authority_of,
    doubtful_labels,
    report_date_of,
    review_frame,
    with_authority,
    with_indicator,
    with_report_date,
)
from review.source_view import source_preview
from store.backends import StoreError
from ui import pending_uploads as queue
from ui.access import require
from ui.cached_store import catalogue, indicator_label, saved, shared_store
from ui.frame import inside_app
from ui.label_widgets import learned_aliases, remember_question, suggestion_buttons
from ui.layout_review import layout_section
from ui.rows import decisions_taken, row_decision_form
from ui.show import EARLIEST, LATEST, highlight_rows, plain

inside_app(__file__)
require("accept")

st.title("Review")
status, message = st.session_state.pop("review_message", (None, None))
if status == "failed":
    st.error(message, icon=":material/error:")
elif message:
    st.success(message, icon=":material/check_circle:")
waiting = queue.pending()
if not waiting:
    st.info("Nothing is waiting for review. Upload reports first.", icon=":material/info:")
    st.page_link("pages/upload.py", label="Upload reports", icon=":material/upload_file:")
    st.stop()

keys = list(waiting)
key = st.selectbox("Document", keys, format_func=lambda k: waiting[k].name)
doc = waiting[key]
known = catalogue()

left, right = st.columns(2)
authority = left.text_input("Authority", value=authority_of(doc), key=f"authority-{key}")
report_date = right.date_input(
    "Report date",
    value=report_date_of(doc),
    key=f"date-{key}",
    format="YYYY-MM-DD",
    min_value=EARLIEST,
    max_value=LATEST,
)
if authority.strip() and authority.strip() != authority_of(doc):
    try:
        doc = with_authority(doc, authority)
        queue.put(key, doc)
    except ValueError as problem:
        st.error(str(problem), icon=":material/error:")
if report_date and report_date != report_date_of(doc):
    doc = with_report_date(doc, report_date)
    queue.put(key, doc)

frame = review_frame(doc)
doubtful = int(frame["doubtful"].sum())
st.write(
    (
        f"**{len(frame)}** numbers read from {plain(doc.name)}; **{doubtful}** to check (marked ⚠ "
        "in "
        "the table)."
    )
    + (f" Reader warnings: {plain('; '.join(doc.result.warnings))}" if doc.result.warnings else "")
)

st.subheader("Labels to check")
labels = doubtful_labels(doc, known)
if not labels:
    st.write("Every label is matched to an indicator.")
suggestion_buttons(key, doc, labels, known)
remember_question(key, doc, known)
learned_aliases(shared_store())

with st.form(f"fix-{key}"):
    st.markdown("**Set the indicator of any printed label**")
    printed = list(dict.fromkeys(frame["indicator_label"]))
    label = st.selectbox("Printed label", printed)
    chosen = st.selectbox("Indicator", known.ids(), format_func=indicator_label)
    if st.form_submit_button("Set indicator"):
        queue.put(key, with_indicator(doc, label, chosen, known))
        st.rerun()

doc = layout_section(key, doc)

st.subheader("What was read")
shown = frame.assign(check=frame["doubtful"].map({True: "⚠ check", False: ""}))
shown = shown[["check", "why"] + [c for c in frame.columns if c not in ("doubtful", "why")]]
if doubtful and st.toggle(f"Show only the {doubtful} rows to check", key=f"only-{key}"):
    shown, frame = shown[frame["doubtful"]], frame[frame["doubtful"]]
table_column, source_column = st.columns([3, 2])
picked = table_column.dataframe(
    highlight_rows(shown, frame["doubtful"]),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key=f"rows-{key}",
)
rows = picked.selection.rows if picked else []
with source_column:
    if rows:
        preview = source_preview(doc, frame.iloc[rows[0]])
        st.markdown(f"**Source: {plain(preview.caption)}**")
        if preview.problem:
            st.warning(plain(preview.problem), icon=":material/warning:")
        if preview.detail is not None:
            st.image(preview.detail, caption="the cell, outlined, and what is printed around it")
        if preview.image is not None:
            st.image(preview.image, caption=f"the whole page: {preview.caption}")
        elif preview.cells is not None:
            st.dataframe(preview.styled(), width="stretch")
    else:
        st.caption("Select a row to see where it was printed.")
row_decision_form(
    key, doc, [int(n) for n in frame.index], int(frame.index[rows[0]]) if rows else None
)
decisions_taken(doc)

accept_column, reject_column = st.columns(2)
unresolved = int(review_frame(doc)["doubtful"].sum())
confirmed = not unresolved or accept_column.checkbox(
    f"Save anyway with {unresolved} row{'s' if unresolved != 1 else ''} still flagged",
    key=f"anyway-{key}",
    help="Rows still marked ⚠ in the table are saved as read, with their flags.",
)
if accept_column.button("Accept and save", type="primary", disabled=not confirmed):
    try:
        outcome = accept(shared_store(), doc)
    except StoreError as problem:  # nothing was saved: the document stays here to try again
        st.error(f"{problem} Nothing was saved; try again.", icon=":material/error:")
        st.stop()
    saved()
    queue.drop(key)
    st.session_state["review_message"] = (outcome.status, outcome.message)
    st.rerun()
if reject_column.button("Reject"):
    queue.drop(key)
    st.session_state["review_message"] = (
        "rejected",
        f"{doc.name} was discarded; nothing was saved.",
    )
    st.rerun()
