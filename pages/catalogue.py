"""The indicator catalogue: definitions, units, polarity, source measures and aliases; teach or
import aliases."""

import pandas as pd
import streamlit as st

from ui.access import may
from ui.cached_store import aliases, indicator_label, packaged_catalogue, saved, shared_store
from ui.frame import inside_app
from ui.layout_review import taught_layouts_section
from ui.show import csv_button

inside_app(__file__)
MESSAGE = "catalogue_message"

st.title("Catalogue")
st.write(
    "Every indicator perfbooks knows, with its definition, unit, polarity (which direction is "
    "good) and the "
    "published measure it matches, and the printed labels (aliases) that map to it. Aliases "
    "taught here or on "
    "the Review page are used for every later upload."
)

catalogue = packaged_catalogue()
frame = pd.DataFrame([vars(catalogue.indicator(i)) for i in catalogue.ids()])
areas = sorted(set(frame["area"]) - {""})
one, two = st.columns(2)
area = one.multiselect("Service areas", areas, placeholder="All service areas")
words = two.text_input("Search names and definitions").strip().lower()
shown = frame[frame["area"].isin(area)] if area else frame
if words:
    text = (shown["id"] + " " + shown["name"] + " " + shown["definition"]).str.lower()
    shown = shown[text.str.contains(words, regex=False)]
st.dataframe(shown, hide_index=True, width="stretch")

st.subheader("Aliases")
if MESSAGE in st.session_state:
    st.success(st.session_state.pop(MESSAGE), icon=":material/check_circle:")
known = aliases()
st.dataframe(known, hide_index=True, width="stretch")
csv_button("Download aliases (CSV)", known, "aliases.csv")
with st.form("teach", clear_on_submit=True):
    label = st.text_input("Printed label")
    indicator = st.selectbox("Maps to", catalogue.ids(), format_func=indicator_label)
    if st.form_submit_button("Learn alias", disabled=not may("teach")) and label.strip():
        shared_store().learn_alias(label.strip(), indicator)
        saved()
        st.session_state[MESSAGE] = f"'{label.strip()}' now maps to {indicator}."
        st.rerun()
learned = list(known.loc[known["origin"] == "learned", "alias"])
if learned:
    forget_column, button_column = st.columns([3, 1])
    gone = forget_column.selectbox("Forget a learned alias", learned)
    if button_column.button("Forget alias", disabled=not may("teach")):
        shared_store().forget_alias(gone)
        saved()
        st.rerun()
upload = st.file_uploader("Import aliases (a CSV with columns alias, indicator_id)", type=["csv"])
if upload is not None and st.button("Import", disabled=not may("teach")):
    try:
        count = shared_store().import_aliases(upload.getvalue().decode("utf-8-sig"))
        saved()
        st.success(f"{count} aliases learned.", icon=":material/check_circle:")
    except (ValueError, UnicodeDecodeError) as problem:
        st.error(str(problem), icon=":material/error:")

taught_layouts_section()
