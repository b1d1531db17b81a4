"""Helpers for driving Streamlit pages with Playwright: waits, navigation, selectboxes,
screenshots."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS = ROOT / "docs"  # the screenshots the README shows, remade by the browser tests
ACTION_MS = 60_000  # any one wait in the browser
EXCEPTION = '[data-testid="stException"]'
# the served app's log (set by the app fixture): tracebacks for exception messages
app_log: Path | None = None


def wait_idle(page, timeout: int = ACTION_MS) -> None:
    """Wait until Streamlit has finished the script run: its 'Running…' status widget gone, no
    spinner left.

    A rerun starts a moment after the action that caused it, so first give the widget a short chance
    to appear (a bounded wait, not a sleep: it returns as soon as it shows).

    """
    status = page.locator('[data-testid="stStatusWidget"]')
    try:
        status.wait_for(state="visible", timeout=1500)
    except Exception:
        pass
    status.wait_for(state="hidden", timeout=timeout)
    page.locator('[data-testid="stSpinner"]').first.wait_for(state="hidden", timeout=timeout)


def go(page, title: str) -> None:
    """Open a page through the sidebar navigation (the session, and its pending uploads, stay) and
    wait for its title."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name=re.compile(rf"^\W*{re.escape(title)}\s*$")).first.click()
    title_of(page, title).or_(page.locator(EXCEPTION)).first.wait_for(state="visible")
    wait_idle(page)
    no_exception(page)
    title_of(page, title).wait_for(state="visible")


def nav_links(page) -> list[tuple[str, str]]:
    """(page name, address) of each link in the sidebar navigation, in order."""
    links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
    links.first.wait_for(state="visible")
    return [
        (
            " ".join(
                link.locator('[data-testid="stMarkdownContainer"]').first.inner_text().split()
            ),
            link.get_attribute("href") or "",
        )
        for link in links.all()
    ]


def title_of(page, title: str):
    return page.locator("h1").filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$")).first


def selectbox(page, label: str):
    """The st.selectbox whose label reads `label`."""
    return (
        page.locator('[data-testid="stSelectbox"]')
        .filter(
            has=page.locator(
                '[data-testid="stWidgetLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
            )
        )
        .first
    )


def selected(page, label: str) -> str:
    """The text shown in the st.selectbox labelled `label` (its label left out)."""
    return " ".join(selectbox(page, label).locator('[role="combobox"]').first.input_value().split())


def select(page, label: str, option: str | re.Pattern, exact: bool = False) -> None:
    """Choose `option` in the st.selectbox labelled `label`: the option's text (or part of it, or a
    pattern).

    Opens the box, types the start of the option to filter the list, and clicks the matching option;
    nothing is done when the box already shows it.

    """
    if isinstance(option, str):
        pattern = (
            re.compile(rf"^\s*{re.escape(option)}\s*$") if exact else re.compile(re.escape(option))
        )
    else:
        pattern = option
    box = selectbox(page, label)
    box.wait_for(state="visible")
    if pattern.search(selected(page, label)):
        return
    listbox = page.locator('[role="listbox"]')
    # a click that lands during a rerun's redraw can leave the list closed: try again
    for _ in range(3):
        box.locator('[role="combobox"]').first.click()
        try:
            listbox.wait_for(state="visible", timeout=5000)
            break
        except Exception:
            page.keyboard.press("Escape")
            wait_idle(page)
    else:
        listbox.wait_for(state="visible")
    # filter the list by the option's start (the box's own text selected first)
    if isinstance(option, str):
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(option.split(" — ")[0][:40])
    listbox.get_by_role("option", name=pattern).first.click()
    listbox.wait_for(state="hidden")
    wait_idle(page)
    assert pattern.search(selected(page, label)), (
        f"{label!r} shows {selected(page, label)!r}, not {option!r}"
    )


def no_exception(page) -> None:
    """No Streamlit exception box on the page (its text in the message when there is one)."""
    boxes = page.locator(EXCEPTION)
    if boxes.count():
        raise AssertionError(
            "Streamlit exception on the page:\n"
            + "\n---\n".join(boxes.all_inner_texts())
            + last_traceback()
        )


def last_traceback() -> str:
    """The last traceback in the app's log (the page shows none when error details are off)."""
    try:
        text = app_log.read_text(errors="replace") if app_log else ""
    except OSError:
        return ""
    start = text.rfind("Traceback (most recent call last)")
    return f"\n\napp log ({app_log}):\n{text[start:][:6000]}" if start >= 0 else ""


def shoot(page, name: str) -> Path:
    """A full-page screenshot in tests/artifacts/ (the test artifact of that page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    # Streamlit scrolls inside its main container, not the document, so a full-page shot would stop
    # at the
    # window's edge: make the window as tall as the content for the shot, then put it back.
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(document.body.scrollHeight,
        ...Array.from(
            document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'),
                      e => e.scrollHeight))""")
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height), 8000)})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size:
            page.set_viewport_size(size)
    return path


def docs_shot(page, name: str) -> None:
    """A screenshot in tests/artifacts/ that is also copied to docs/ for the README."""
    shutil.copy(shoot(page, name), DOCS / f"{name}.png")


def upload(page, path, title: str = "Upload reports") -> None:
    """Upload one report on the Upload page and wait until it is read and waiting for review."""
    go(page, title)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(path)])
    page.get_by_text(
        re.compile(rf"{re.escape(path.name)}: \d+ numbers read, ready to review")
    ).wait_for(state="visible")
    wait_idle(page)
    no_exception(page)


def label_heading(page, label: str):
    """The text of Review's Labels to check that names `label` and its count of rows."""
    return page.get_by_text(re.compile(rf"^{re.escape(label)} \(\d+ rows\)$"))


def label_row(page, label: str):
    """The row of Review's Labels to check that names `label` and its count of rows."""
    return (
        page.locator('[data-testid="stHorizontalBlock"]')
        .filter(has=label_heading(page, label))
        .last
    )


def first_suggestion(page, label: str) -> str:
    """The indicator named on the first 'Use: …' button offered for `label` under Labels to
    check."""
    use = label_row(page, label).get_by_role("button", name=re.compile(r"^Use: "))
    return use.first.inner_text().removeprefix("Use: ").strip()
