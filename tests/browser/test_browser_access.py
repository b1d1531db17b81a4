"""The single-user app in a real browser: the Data page says no sign-in is configured, and a
document is withdrawn (listed under the revisions) and restored."""

from __future__ import annotations

import re

from browsing import go, no_exception, select, shoot, wait_idle

DATA = "Data"


def test_withdraw_and_restore_a_document_without_sign_in(page):
    go(page, DATA)
    page.get_by_text(re.compile("No sign-in is configured")).first.wait_for(state="visible")
    page.get_by_text("Withdraw a document").first.click()
    select(page, "Document to withdraw", "blackpool")
    reason = page.get_by_label("Why it is withdrawn")
    reason.fill("sent by mistake")
    reason.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Withdraw", exact=True).click()
    page.get_by_text(re.compile(r"Document \d+ was withdrawn\.")).wait_for(state="visible")
    page.get_by_text(re.compile(r"Withdrawn documents \(1\)")).wait_for(state="visible")
    no_exception(page)
    shoot(page, "access-1-withdrawn")
    wait_idle(page)
    restore = page.get_by_role("button", name="Restore", exact=True)
    if not restore.is_visible():  # the expander may have closed on the rerun after withdrawing
        page.get_by_text("Withdraw a document").first.click()
    restore.wait_for(state="visible")
    restore.click()
    page.get_by_text(re.compile(r"Document \d+ was restored\.")).wait_for(state="visible")
    wait_idle(page)
    assert page.get_by_text(re.compile(r"Withdrawn documents \(")).count() == 0
    no_exception(page)
