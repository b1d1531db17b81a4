"""The Data page's controls for changing what the store shows: withdraw or restore documents, the
audit log, and users' roles; each shown only to those whose role allows it (the store checks
again)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access import ROLES, NotAllowed
from ui.access import session_actor
from ui.cached_store import documents, saved, shared_store
from ui.show import csv_button

DONE = "data_admin_message"


def withdrawable(actor) -> pd.DataFrame:
    """The stored reports this person may withdraw: every one for an admin, their own for an
    analyst."""
    docs = documents()
    docs = docs[(docs["source"] == "report") & docs["withdrawn_at"].isna()]
    return docs if actor.may("withdraw") else docs[docs["ingested_by"] == actor.name]


def _label(row) -> str:
    return (
        f"{row['document_id']}: {row['file_name']} ({row['authority'] or 'authority unknown'}, "
        f"{row['observation_count']} figures)"
    )


def withdraw_controls() -> None:
    """Withdraw a report (its figures leave every view, nothing is deleted) or bring a withdrawn one
    back."""
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE), icon=":material/check_circle:")
    actor = session_actor()
    if not actor.may("accept"):
        return
    docs = withdrawable(actor)
    with st.expander("Withdraw a document"):
        st.write(
            "A withdrawn report's figures leave every view and download; they stay stored and an "
            "admin can "
            "bring them back."
        )
        labels = {int(r["document_id"]): _label(r) for _, r in docs.iterrows()}
        chosen = st.selectbox(
            "Document to withdraw", [None] + list(labels), format_func=lambda i: labels.get(i, "—")
        )
        reason = st.text_input("Why it is withdrawn")
        if st.button("Withdraw", disabled=chosen is None or not reason.strip()):
            _change(
                lambda: shared_store().withdraw(chosen, reason), f"Document {chosen} was withdrawn."
            )
        gone = shared_store().withdrawn()
        if actor.may("withdraw") and len(gone):
            back = st.selectbox("Withdrawn document to restore", list(gone["document_id"]))
            if st.button("Restore"):
                _change(lambda: shared_store().restore(int(back)), f"Document {back} was restored.")


def _change(action, message: str) -> None:
    try:
        action()
    except (NotAllowed, ValueError) as refused:
        st.error(str(refused), icon=":material/error:")
        return
    saved()
    st.session_state[DONE] = message
    st.rerun()


def audit_section() -> None:
    """Every change to the store, for admins, with its CSV."""
    if not session_actor().may("audit"):
        return
    st.subheader("Audit log")
    log = shared_store().audit()
    st.dataframe(log, hide_index=True, width="stretch")
    csv_button("Download audit log (CSV)", log, "perfbooks_audit.csv", disabled=log.empty)


def roles_section() -> None:
    """Signed-in people's roles, set by admins (only when sign-in is configured)."""
    actor = session_actor()
    if not (actor.signed_in and actor.may("manage")):
        return
    st.subheader("Users and roles")
    st.dataframe(shared_store().roles(), hide_index=True, width="stretch")
    with st.form("role", clear_on_submit=True):
        user = st.text_input("E-mail address they sign in with")
        role = st.selectbox("Role", ROLES)
        if st.form_submit_button("Set role"):
            _change(
                lambda: shared_store().set_role(user, role),
                f"{user.strip()} is now a{'n' if role[0] == 'a' else ''} {role}.",
            )
