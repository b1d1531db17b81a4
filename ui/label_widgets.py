"""Review widgets for labels: suggestions by name, the one question whether to teach an alias, and
undoing one."""

from __future__ import annotations

import streamlit as st

from review.pending import with_indicator
from ui import pending_uploads as queue
from ui.cached_store import indicator_name

# session key: (document key, printed label, indicator id) awaiting an answer
ASKING = "alias_question"


def suggestion_buttons(key: str, doc, labels, catalogue) -> None:
    """A row per doubtful label with a button per suggestion, named as the reader knows the
    indicator."""
    for index, item in enumerate(labels[:20]):
        columns = st.columns([3, 2, 2, 2])
        columns[0].text(f"{item.label} ({item.count} rows)")
        for column, suggestion in zip(columns[1:], item.suggestions):
            if column.button(
                f"Use: {suggestion.caption}",
                key=f"use-{key}-{index}-{suggestion.indicator_id}",
                help=f"{suggestion.indicator_id}, score {suggestion.score} of 100",
            ):
                st.session_state[ASKING] = (key, item.label, suggestion.indicator_id)
                st.rerun()


def remember_question(key: str, doc, catalogue) -> None:
    """Ask once, for the suggestion just chosen, whether later reports should read the label the
    same way."""
    asked = st.session_state.get(ASKING)
    if not asked or asked[0] != key:
        return
    _, label, indicator_id = asked
    with st.container(border=True):
        st.markdown(
            f"Read **{label}** as **{indicator_name(indicator_id)}**. Use this for every later "
            "report too?"
        )
        every, only = st.columns(2)
        for column, remember, text in (
            (every, True, "Yes, every later report"),
            (only, False, "Only this report"),
        ):
            if column.button(text, key=f"remember-{key}-{remember}"):
                queue.put(
                    key, with_indicator(doc, label, indicator_id, catalogue, remember=remember)
                )
                del st.session_state[ASKING]
                st.rerun()


def learned_aliases(store) -> None:
    """The labels reviewers taught, each with a button to forget it (the catalogue's own aliases
    stay)."""
    taught = store.aliases()
    taught = taught[taught["origin"] == "learned"]
    with st.expander(f"Labels taught in earlier reviews ({len(taught)})"):
        if taught.empty:
            st.caption("No label has been taught yet.")
        for n, row in enumerate(taught.itertuples()):
            text, button = st.columns([4, 1])
            text.write(
                f"“{row.alias}” is read as **{indicator_name(row.indicator_id)}** "
                f"(taught by {row.decided_by or 'someone'})"
            )
            if button.button(
                "Forget",
                key=f"forget-{n}",
                help="later reports will no longer read this label this way",
            ):
                store.forget_alias(row.alias)
                st.rerun()
