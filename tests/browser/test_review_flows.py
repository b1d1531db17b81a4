"""The Review checks in a real browser, on reports the tests write: a scanned PDF's progress goes
page by page; a month printed ten times its neighbours is flagged; the first suggestion for a
sector synonym is the right indicator, by name; saving with rows still flagged asks first; the
Review page passes axe."""

from __future__ import annotations

import re

import pytest
import reports
from accessibility import axe_violations
from browsing import docs_shot, first_suggestion, go, no_exception, select, shoot, wait_idle

from indicators.catalogue import load_catalogue
from review.doubts import CHECK_WORDS

UPLOAD, REVIEW = "Upload reports", "Review"
# every text a progress bar shows, in order, kept in window.progressTexts
WATCH_PROGRESS = """() => {
    window.progressTexts = [];
    const bars = '[data-testid="stProgress"]';
    new MutationObserver(() => document.querySelectorAll(bars).forEach(bar => {
        const text = bar.innerText.trim(), seen = window.progressTexts;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
    })).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def review_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review_reports")
    return reports.make_scan_pdf(folder / reports.SCAN_NAME), reports.make_review_xlsx(
        folder / reports.REVIEW_NAME
    )


def test_scan_progress_flags_suggestions_and_saving_with_flags(page, review_files):
    scan, book = review_files
    go(page, UPLOAD)
    page.evaluate(WATCH_PROGRESS)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(scan), str(book)]
    )
    page.get_by_text("2 waiting for review").wait_for(state="visible")
    wait_idle(page)
    no_exception(page)
    texts = page.evaluate("() => window.progressTexts")
    pages = [t for t in texts if t.startswith(f"{reports.SCAN_NAME}: page")]
    assert pages[:2] == [
        f"{reports.SCAN_NAME}: page 1 of 2, reading scanned text",
        f"{reports.SCAN_NAME}: page 2 of 2, reading scanned text",
    ], texts

    go(page, REVIEW)
    select(page, "Document", reports.REVIEW_NAME)
    page.get_by_text("Labels to check").first.wait_for(state="visible")
    assert page.get_by_label("Authority").first.input_value() == reports.REVIEW_AUTHORITY
    catalogue = load_catalogue()
    for label, right in (
        (reports.UNMAPPED_SYNONYM, reports.SYNONYM_ID),
        (reports.JUMP_LABEL, reports.JUMP_ID),
    ):
        assert first_suggestion(page, label).startswith(catalogue.indicator(right).name), label

    page.get_by_text(re.compile(r"^Show only the \d+ rows to check")).click()
    wait_idle(page)
    flagged = flagged_rows(page)
    jumps = [row for row in flagged if CHECK_WORDS["magnitude_jump"] in row]
    assert len(jumps) == 1 and reports.JUMP_ID in jumps[0] and "⚠ check" in jumps[0], flagged
    shoot(page, "review-1-flagged")
    found = axe_violations(page)
    assert not found, "\n".join(found)

    accept_button = page.get_by_role("button", name="Accept and save")
    anyway = page.get_by_text(re.compile(r"^Save anyway with \d+ rows? still flagged"))
    anyway.wait_for(state="visible")
    count = int(re.search(r"(\d+) rows?", anyway.inner_text()).group(1))
    # the jump and the six unmapped rows
    assert count == len(flagged) >= 7, (anyway.inner_text(), flagged)
    assert accept_button.is_disabled()
    anyway.click()
    wait_idle(page)
    assert accept_button.is_enabled()
    docs_shot(page, "review_flagged_rows_save_anyway")
    accept_button.click()
    page.get_by_text(
        re.compile(rf"{re.escape(reports.REVIEW_NAME)}: \d+ observations stored as document")
    ).wait_for(state="visible")
    no_exception(page)


def flagged_rows(page) -> list[str]:
    """The rows of the 'What was read' table as its accessible grid gives them (the columns in view:
    check, why, authority, codes, indicator_id), each as its cells' text joined by ' | '."""
    return page.locator('[data-testid="stDataFrame"]').last.evaluate("""grid => Array.from(
        grid.querySelectorAll('table[role="grid"] tr[role="row"]'),
        row => Array.from(row.querySelectorAll('[role="gridcell"]'), cell => cell.innerText.trim())
            .join(' | '))
        .filter(row => row !== '')""")
