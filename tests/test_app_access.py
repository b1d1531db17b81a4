"""AppTests of sign-in and roles: no provider means one user with every right (and the Data page
says so); with a provider, a viewer sees no upload or accept control and a page opened by its
address refuses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.frame import FRAME

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only-cookie-secret",
    "client_id": "perfbooks",
    "client_secret": "test-only",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


@pytest.fixture(scope="module", autouse=True)
def app_store(tmp_path_factory):
    import streamlit as st

    path = tmp_path_factory.mktemp("access") / "perfbooks.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERFBOOKS_DB", str(path))
        patch.setenv("PERFBOOKS_ADMINS", "boss@council.gov.uk")
        st.cache_resource.clear()
        st.cache_data.clear()
        yield path
        st.cache_resource.clear()
        st.cache_data.clear()


def app(email: str | None = None, signed_in: bool = True, script: str = "app.py") -> AppTest:
    """The app (or one page opened by its address) for a person signed in with that e-mail; None: no
    provider."""
    if script == "app.py":
        at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    # run from the project (from_file would put pages/ first on the path, where review.py hides
    # review/)
    else:
        at = AppTest.from_string(
            f"import runpy\nrunpy.run_path({str(ROOT / script)!r})", default_timeout=TIMEOUT
        )
    if email is not None or not signed_in:
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": signed_in, "email": email or ""}
    if script != "app.py":
        at.session_state[FRAME] = True  # as if app.py had run first
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(
        str(e.value) for kind in ("caption", "markdown", "error", "title") for e in at.get(kind)
    )


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_without_a_provider_one_user_may_do_everything_and_the_data_page_says_so():
    at = app()
    assert not at.exception, at.exception
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    assert "No sign-in is configured" in texts(at)
    assert "Withdraw" in buttons(at) and "Audit log" in [h.value for h in at.subheader]
    upload = app(script="pages/upload.py")
    assert upload.get("file_uploader") and not upload.error


def test_before_sign_in_only_the_sign_in_button_shows():
    at = app(signed_in=False)
    assert not at.exception, at.exception
    assert buttons(at) == ["Sign in"] and at.title[0].value == "perfbooks"
    assert not at.get("vega_lite_chart")


def test_a_viewer_sees_no_upload_or_accept_control():
    at = app("viewer@council.gov.uk")
    assert not at.exception, at.exception
    assert at.title[0].value == "Trends" and "Signed in as viewer@council.gov.uk (viewer)" in texts(
        at
    )
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    assert "Withdraw" not in buttons(at) and "Audit log" not in [h.value for h in at.subheader]
    assert [b.label for b in at.get("download_button")][:1] == ["Download tidy CSV"]


@pytest.mark.parametrize(
    "page, refusal",
    [
        ("pages/upload.py", "may not upload reports"),
        ("pages/review.py", "may not review and accept reports"),
    ],
)
def test_a_viewer_opening_an_analyst_page_by_its_address_is_refused(page, refusal):
    at = app("viewer@council.gov.uk", script=page)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        f"viewer@council.gov.uk is a viewer and {refusal}; ask an admin for the analyst role."
    ]
    assert not at.get("file_uploader") and "Accept and save" not in buttons(at)


def test_an_admin_sets_roles_and_reads_the_audit_log():
    at = app("boss@council.gov.uk")
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    headings = [h.value for h in at.subheader]
    assert "Audit log" in headings and "Users and roles" in headings
    form_inputs = [t for t in at.text_input if t.label == "E-mail address they sign in with"]
    form_inputs[0].input("Analyst@Council.gov.uk")
    [s for s in at.selectbox if s.label == "Role"][0].select("analyst")
    [b for b in at.button if b.label == "Set role"][0].click().run()
    assert not at.exception, at.exception
    analyst = app("analyst@council.gov.uk", script="pages/upload.py")
    assert analyst.get("file_uploader") and not analyst.error
    log = app("boss@council.gov.uk")
    log.switch_page("pages/data.py").run()
    audit = [d.value for d in log.dataframe if "action" in d.value.columns][0]
    assert ("role granted", "analyst@council.gov.uk", "boss@council.gov.uk") in set(
        zip(audit["action"], audit["subject"], audit["done_by"])
    )
