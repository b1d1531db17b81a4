"""Pack templates: which indicators an authority's board pack holds, in what order, with what
section titles, targets and commentary; saved in the store."""

import streamlit as st

from pack.editor import EDITOR_COLUMNS, editor_frame, from_editor
from pack.template import SECTIONS
from ui.cached_pack import LAST_REPORT, delete, save, template, template_names
from ui.cached_store import indicator_label, indicators_of, report_authorities
from ui.frame import inside_app
from ui.show import no_data, plain

inside_app(__file__)

st.title("Templates")
st.write(
    "A board pack template lists the indicators in the order the pack shows them, with a section "
    "title, a "
    "target and red tolerance written as reports print them (`95%+`, `<92%`, `+/-5 of 52.3`, "
    "`more than +/-10`: "
    "they replace the report's own for the pack's year) and the commentary to print instead "
    "of the facts. "
    "A new template starts from the indicators of the authority's last report."
)

authorities = report_authorities()
if not authorities:
    no_data("No reports are stored yet: upload one first.")
    st.stop()
one, two = st.columns(2)
authority = one.selectbox("Authority", authorities)
start = two.selectbox("Start from", template_names(authority))
chosen = template(authority, start)

name = one.text_input("Template name", value="default" if start == LAST_REPORT else chosen.name)
title = two.text_input("Pack title", value=chosen.title)
sections = st.multiselect("Parts of the pack", list(SECTIONS), default=list(chosen.sections))
st.caption("Tick the indicators to include; number them to set their order.")
edited = st.data_editor(
    editor_frame(chosen, indicators_of(authority)),
    hide_index=True,
    width="stretch",
    num_rows="fixed",
    column_order=EDITOR_COLUMNS,
    key=f"editor-{authority}-{start}",
    column_config={
        "include": st.column_config.CheckboxColumn("In the pack"),
        "order": st.column_config.NumberColumn("Order", min_value=1, step=1),
        "indicator_id": st.column_config.TextColumn("Indicator", disabled=True),
        "name": st.column_config.TextColumn("Catalogue name", disabled=True),
        "title": st.column_config.TextColumn("Section title (blank: as printed)"),
        "target": st.column_config.TextColumn("Target (blank: the report's)"),
        "red": st.column_config.TextColumn("Red tolerance (blank: the report's)"),
        "commentary": st.column_config.TextColumn("Commentary (blank: the facts)", width="large"),
    },
)

left, right = st.columns(2)
if left.button("Save template", type="primary"):
    try:
        made = from_editor(chosen, edited, name, sections, title)
    except ValueError as problem:
        st.error(str(problem), icon=":material/error:")
    else:
        save(made)
        st.success(
            f"Saved {plain(made.name)} for {plain(authority)}: {len(made.items)} indicators "
            f"({plain(', '.join(indicator_label(i) for i in made.indicators[:3]))}…)."
        )
if start != LAST_REPORT and right.button(f"Delete template {start}"):
    delete(authority, start)
    st.success(f"Deleted {plain(start)}.")
