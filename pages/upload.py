"""Upload reports: each is read (with progress per page or sheet) and held for review; nothing is
saved yet."""

import streamlit as st

from extractors.errors import UnreadableFile
from extractors.registry import SUFFIXES
from pipeline import extract_bytes
from review.pending import pending_from_upload
from review.uploads import expand_upload, progress_text
from store.documents import content_hash
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
    key = content_hash(content)
    failed = queue.failures()
    if key in failed:
        st.error(failed[key], icon=":material/error:")
    stored = None if key in queue.pending() else shared_store().stored_as(content)
    if stored:
        st.info(
            f"{name} is already in the store ({stored}); it was not read again.",
            icon=":material/info:",
        )
        return
    if key in queue.seen() or key in failed:
        return
    bar = st.progress(0.0, text=f"Reading {name}")

    def step(done, total, doing=""):
        bar.progress(
            min(done / max(total, 1), 1.0), text=progress_text(name, content, done, total, doing)
        )

    try:
        result = extract_bytes(
            content, name, authority, progress=step, catalogue=catalogue(), rules=layout_rules()
        )
    except UnreadableFile as problem:
        bar.empty()
        failed[key] = str(problem)
        st.error(str(problem), icon=":material/error:")
        return
    queue.seen().add(key)
    queue.put(key, pending_from_upload(name, content, result))
    bar.progress(1.0, text=f"{name}: done")
    st.success(
        f"{name}: {len(result.observations)} numbers read, ready to review.",
        icon=":material/check_circle:",
    )


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
    st.dataframe(
        [
            {
                "file": d.name,
                "numbers": len(d.observations),
                "numbers not read": d.result.numbers_not_read,
                "warnings": "; ".join(d.result.warnings),
            }
            for d in waiting.values()
        ],
        hide_index=True,
        width="stretch",
    )
    st.page_link("pages/review.py", label="Review them", icon=":material/fact_check:")
