"""perfbooks: turn councils' children's social care performance books into clean, comparable
numbers."""

import streamlit as st

from access import set_acting
from store.backends import StoreError
from ui.access import current_actor, sign_in_page, signed_in_bar
from ui.cached_store import shared_store
from ui.frame import mark_frame, resume

st.set_page_config(page_title="perfbooks", page_icon=":material/bar_chart:", layout="wide")
mark_frame()
try:
    # opens the store once (a new one gets the national figures and the sample reports)
    shared_store()
except StoreError as problem:
    st.error(
        f"{problem} Check PERFBOOKS_DB (see the README), then reload this page.",
        icon=":material/error:",
    )
    st.stop()

actor = current_actor()
if actor is None:
    sign_in_page()
set_acting(actor)  # every change this run makes is checked against, and logged as, this person
signed_in_bar(actor)
analyst = actor.may("upload")
navigation = st.navigation(
    {
        "Explore": [
            st.Page("pages/trends.py", title="Trends", icon=":material/show_chart:", default=True),
            st.Page("pages/benchmarks.py", title="Benchmarks", icon=":material/straighten:"),
            st.Page("pages/compare.py", title="Compare", icon=":material/view_module:"),
            st.Page(
                "pages/authorities.py", title="Authorities", icon=":material/format_list_numbered:"
            ),
            st.Page("pages/impact.py", title="Impact", icon=":material/compare_arrows:"),
        ],
        "Board pack": [
            st.Page("pages/pack.py", title="Pack", icon=":material/picture_as_pdf:"),
            st.Page("pages/templates.py", title="Templates", icon=":material/tune:"),
        ],
        "Analysts": [
            *(
                [
                    st.Page(
                        "pages/upload.py", title="Upload reports", icon=":material/upload_file:"
                    ),
                    st.Page("pages/review.py", title="Review", icon=":material/fact_check:"),
                ]
                if analyst
                else []
            ),
            st.Page("pages/data.py", title="Data", icon=":material/download:"),
            st.Page("pages/catalogue.py", title="Catalogue", icon=":material/menu_book:"),
        ],
    }
)
resume()
navigation.run()
