"""Uploads waiting for review, kept in the browser session until accepted or rejected."""

from __future__ import annotations

import streamlit as st

from review.pending import PendingDocument

KEY = "pending_documents"
SEEN = "seen_uploads"
FAILED = "failed_uploads"


def pending() -> dict[str, PendingDocument]:
    """Content hash -> document waiting for review, in upload order."""
    return st.session_state.setdefault(KEY, {})


def seen() -> set[str]:
    """Hashes of uploads already read this session (so a rerun does not read them again)."""
    return st.session_state.setdefault(SEEN, set())


def failures() -> dict[str, str]:
    """Hash -> the sentence saying why an upload could not be read (not read again on a rerun)."""
    return st.session_state.setdefault(FAILED, {})


def put(key: str, doc: PendingDocument) -> None:
    pending()[key] = doc


def drop(key: str) -> None:
    pending().pop(key, None)
