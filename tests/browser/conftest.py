"""Real-browser test harness: the app started as `streamlit run app.py` on a fresh store, driven by
Playwright.

The browser is Debian's Chromium (`apt-get install chromium`, which `make test` does as root);
Playwright's own browser download is not used. Without Chromium (or the playwright package) these
tests are skipped with a sentence saying what to install, unless PERFBOOKS_REQUIRE_BROWSER=1 (as in
CI), where they fail instead. Screenshots go to tests/artifacts/ (git-ignored).

"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import browsing
import pytest
from browsing import ACTION_MS, ARTIFACTS, EXCEPTION, no_exception, shoot, wait_idle

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PERFBOOKS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
# server up and the first page drawn (the first start loads the reference data and samples)
START_SECONDS = 90
REQUIRE_ENV = "PERFBOOKS_REQUIRE_BROWSER"


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "the playwright package is not installed: run `make venv` (or `.venv/bin/pip install "
            "-r requirements.txt`)"
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium is not installed at {CHROMIUM}: run `apt-get install chromium` as root "
            "(make test does it)"
        )
    return None


def _unavailable(reason: str):
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(
            f"browser tests are required here ({REQUIRE_ENV}=1) but {reason}", pytrace=False
        )
    pytest.skip(f"browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The app served by `streamlit run app.py` on a free port over a new DuckDB store; stopped at
    the end."""
    reason = _missing_browser()
    if reason:
        _unavailable(reason)
    for old in [
        *ARTIFACTS.glob("page-*.png"),
        *ARTIFACTS.glob("flow-*.png"),
        *ARTIFACTS.glob("FAILED-*.png"),
    ]:
        old.unlink()  # this run's screenshots only (the folder is git-ignored)
    with running_app(tmp_path_factory.mktemp("browser_app"), ARTIFACTS / "streamlit.log") as url:
        yield url


@contextmanager
def running_app(tmp: Path, kept_log: Path):
    """`streamlit run app.py` on a free port over a new store in `tmp`: yields its address; its log
    is copied to `kept_log` when it stops."""
    port = _free_port()
    url = f"http://localhost:{port}"
    env = dict(
        os.environ,
        PERFBOOKS_DB=str(tmp / "store.duckdb"),
        PERFBOOKS_USER="browser-test",
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    log = tmp / "streamlit.log"
    browsing.app_log = log
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _healthy(url):
            if proc.poll() is not None:
                pytest.fail(
                    f"the app exited with code {proc.returncode} before serving:\n{_tail(log)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    (
                        f"the app did not answer {url}/_stcore/health within {START_SECONDS} "
                        f"s:\n{_tail(log)}"
                    ),
                    pytrace=False,
                )
            time.sleep(0.25)
        yield url
    finally:
        _stop(proc)
        kept_log.parent.mkdir(parents=True, exist_ok=True)
        kept_log.write_bytes(log.read_bytes() if log.exists() else b"")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the app's whole process group (streamlit and any reader children)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(app_url):
    """Debian's Chromium, headless, launched by Playwright with background networking off."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def warm_app(app_url, browser):
    """Open the app once and wait, generously, for its first page: the first start fills the new
    store."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(app_url, wait_until="domcontentloaded", timeout=START_SECONDS * 1000)
        page.locator(f"h1, {EXCEPTION}").first.wait_for(
            state="visible", timeout=START_SECONDS * 1000
        )
        wait_idle(page, timeout=START_SECONDS * 1000)
        no_exception(page)
    finally:
        context.close()
    return app_url


@pytest.fixture
def page(browser, warm_app, request):
    """A new browser tab (own context, downloads accepted) on the app's first page; a screenshot if
    the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(ACTION_MS)
    tab = context.new_page()
    tab.goto(warm_app, wait_until="domcontentloaded")
    tab.locator(f"h1, {EXCEPTION}").first.wait_for(state="visible")
    wait_idle(tab)
    yield tab
    outcome = getattr(request.node, "rep_call", None)
    if outcome is not None and outcome.failed:
        shoot(tab, f"FAILED-{request.node.name}")
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
