"""Every page runs inside app.py's navigation.

Until some session has run `st.navigation`, Streamlit still treats `pages/` as a legacy pages
folder: the very first visit after the server starts, if it opens a page's address (say /upload),
would run that page alone, without app.py's layout, store and navigation. `inside_app()` sends such
a visit through app.py, which then opens the page that was asked for (`resume`).

"""

from pathlib import Path

import streamlit as st

from analyses.style import MARKS

FRAME = "_perfbooks_frame"
WANTED = "_perfbooks_wanted_page"
# 5.2:1 on the white page, 4.9:1 on the sidebar's grey (WCAG 2.4.7, 2.4.13 wants 3:1)
FOCUS = MARKS["blue"]
STYLE = f"""<style>
/* !important: Streamlit's own rules (outline: none), added later at run time, would
   otherwise win */
[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]:focus-visible, a:focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px; border-radius: 4px; }}
[data-testid="stDateInput"] [role="spinbutton"] {{ display: inline-flex; align-items: center;
  justify-content: center; min-width: 24px; min-height: 24px; }}
</style>"""


def mark_frame() -> None:
    """Called by app.py on every run, before the page: marks the session as inside the app and adds
    the app's style: a visible keyboard focus on the navigation links, which Streamlit draws
    without one, and date fields' day, month and year parts at least 24 px square (WCAG 2.5.8;
    Streamlit draws them 18 px wide)."""
    st.session_state[FRAME] = True
    st.html(STYLE)


def inside_app(page_file: str) -> None:
    """At the top of every page (`inside_app(__file__)`): reroute a visit that bypassed app.py
    through it."""
    if not st.session_state.get(FRAME):
        st.session_state[WANTED] = f"pages/{Path(page_file).name}"
        st.switch_page("app.py")


def resume() -> None:
    """Called by app.py after `st.navigation`: open the page a rerouted visit asked for."""
    wanted = st.session_state.pop(WANTED, None)
    if wanted:
        st.switch_page(wanted)
