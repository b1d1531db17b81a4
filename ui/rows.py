"""The Review form for one row: exclude it, correct its value, change its measure or period."""

from __future__ import annotations

import streamlit as st

from interpreter.observation import format_number
from review.decisions import MEASURES, period_text
from review.pending import with_row_decision
from ui import pending_uploads as queue
from ui.show import plain

CHOICES = {
    "value": "Correct the value",
    "measure": "Change the measure",
    "period": "Change the period",
    "exclude": "Exclude the row",
}


def row_decision_form(key: str, doc, positions: list[int], selected: int | None) -> None:
    """A form deciding on one row (the one selected in the table, or any chosen by name); the change
    is recorded with who and when."""
    with st.form(f"row-{key}"):
        st.markdown("**Decide on a row**")
        start = positions.index(selected) if selected in positions else 0
        position = st.selectbox(
            "Row",
            positions,
            index=start,
            key=f"row-pick-{key}-{selected}",
            format_func=lambda n: row_name(doc.observations[n]),
        )
        kind = st.radio(
            "Decision", list(CHOICES), format_func=CHOICES.get, horizontal=True, key=f"kind-{key}"
        )
        new_value = st.text_input("New value", key=f"value-{key}")
        new_measure = st.selectbox("New measure", MEASURES, key=f"measure-{key}")
        new_period = st.text_input(
            "New period (such as 2017-01, Jan-17 or 2016-17)", key=f"period-{key}"
        )
        if st.form_submit_button("Record decision"):
            new = {"value": new_value, "measure": new_measure, "period": new_period, "exclude": ""}[
                kind
            ]
            try:
                queue.put(key, with_row_decision(doc, position, kind, new))
            except ValueError as problem:
                st.error(str(problem), icon=":material/error:")
                return
            st.rerun()


def row_name(obs) -> str:
    """A row as a reviewer finds it: label, period, measure and value."""
    return (
        f"{obs.indicator_label} · {period_text(obs)} · {obs.measure} · "
        f"{format_number(obs.value) or 'blank'}"
    )


def decisions_taken(doc) -> None:
    """Every decision taken on a row of this document, in plain words."""
    if doc.decisions:
        st.markdown(
            "**Row decisions**\n"
            + "\n".join(f"- {plain(d.sentence(doc.observations[d.row]))}" for d in doc.decisions)
        )
