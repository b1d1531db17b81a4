"""The Pack and Templates pages: the pack built from the app's store with its downloads and preview;
a template saved from the editor table is kept in the store and offered on the Pack page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from test_app import app_store  # noqa: F401 (the module's store: national figures and samples)

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_templates_page_saves_a_template_the_pack_page_offers():
    at = open_page("pages/templates.py")
    assert at.title[0].value == "Templates"
    at.selectbox[0].select("Rotherham").run()
    at.text_input[0].set_value("board").run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert "Saved board for Rotherham" in at.success[0].value
    at.switch_page("pages/pack.py").run()
    at.selectbox[0].select("Rotherham").run()
    assert "board" in at.selectbox[2].options


def test_the_pack_page_builds_the_pack_with_three_downloads_and_a_preview():
    at = open_page("pages/pack.py")
    at.selectbox[0].select("Rotherham").run()
    assert at.selectbox[1].value == "2017-01"
    assert not at.get("download_button"), "the pack is built only when asked"
    at.button[0].click().run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PDF", "Word (editable)", "Excel (summary)"]
    summary = at.dataframe[0].value
    assert list(summary.columns[:5]) == [
        "Indicator",
        "Good performance is",
        "Nov-16",
        "Dec-16",
        "Jan-17",
    ]
    assert "1,651" in set(summary["Jan-17"])
    assert len(at.get("image")) == 3  # the first pages of the PDF
