"""Every page runs inside app.py's navigation.

Until some session has run `st.navigation`, Streamlit still treats `pages/` as a legacy pages folder: the very
first visit after the server starts, if it opens a page's address (say /upload), would run that page alone,
without app.py's layout, store and navigation. `inside_app()` sends such a visit through app.py, which then
opens the page that was asked for (`resume`).
"""
from pathlib import Path

import streamlit as st

FRAME = "_perfbooks_frame"
WANTED = "_perfbooks_wanted_page"


def mark_frame() -> None:
    """Called by app.py on every run, before the page."""
    st.session_state[FRAME] = True


def inside_app(page_file: str) -> None:
    """At the top of every page (`inside_app(__file__)`): reroute a visit that bypassed app.py through it."""
    if not st.session_state.get(FRAME):
        st.session_state[WANTED] = f"pages/{Path(page_file).name}"
        st.switch_page("app.py")


def resume() -> None:
    """Called by app.py after `st.navigation`: open the page a rerouted visit asked for."""
    wanted = st.session_state.pop(WANTED, None)
    if wanted:
        st.switch_page(wanted)
