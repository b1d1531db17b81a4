"""Upload reports: each is read (with progress per page or sheet) and held for review; nothing is
saved yet."""

import streamlit as st

from extractors.errors import UnreadableFile
from extractors.registry import SUFFIXES
from pipeline import extract_bytes
from review.intake import take_upload, waiting_summary
from review.uploads import expand_upload, progress_text
from ui import pending_uploads as queue
from ui.access import require
from ui.cached_store import catalogue, layout_rules, shared_store
from ui.frame import inside_app

inside_app(__file__)
require("upload")

st.title("Upload reports")
st.write(
    "Upload performance reports: PDF (scanned or not), Excel, Word, CSV, or a zip of them. Each "
    "is read "
    "and held for you to check on the Review page; nothing is saved until you accept it "
    "there."
)

files = st.file_uploader("Reports", accept_multiple_files=True, type=sorted(SUFFIXES) + [".zip"])
authority = st.text_input("Authority (leave blank to read it from each report)").strip() or None


def read_one(name: str, content: bytes) -> None:
    bar = None

    def step(done, total, doing=""):
        bar.progress(
            min(done / max(total, 1), 1.0), text=progress_text(name, content, done, total, doing)
        )

    def read(data: bytes, file_name: str):
        nonlocal bar
        bar = st.progress(0.0, text=f"Reading {file_name}")
        return extract_bytes(
            data, file_name, authority, progress=step, catalogue=catalogue(), rules=layout_rules()
        )

    outcome = take_upload(name, content, queue, shared_store().stored_as, read)
    if bar is not None and outcome.status == "read":
        bar.progress(1.0, text=f"{name}: done")
    elif bar is not None:
        bar.empty()
    if outcome.status == "failed":
        st.error(outcome.message, icon=":material/error:")
    elif outcome.status == "stored":
        st.info(outcome.message, icon=":material/info:")
    elif outcome.status == "read":
        st.success(outcome.message, icon=":material/check_circle:")


for upload in files or []:
    try:
        reports, skipped = expand_upload(upload.name, upload.getvalue())
    except UnreadableFile as problem:
        st.error(str(problem), icon=":material/error:")
        continue
    for note in skipped:
        st.warning(note, icon=":material/error:")
    for name, content in reports:
        read_one(name, content)

waiting = queue.pending()
if waiting:
    st.subheader(f"{len(waiting)} waiting for review")
    st.dataframe(waiting_summary(waiting), hide_index=True, width="stretch")
    st.page_link("pages/review.py", label="Review them", icon=":material/fact_check:")
