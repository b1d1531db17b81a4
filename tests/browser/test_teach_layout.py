"""Teach a layout in a real browser (issue 11): month 1 of a family is misread, corrected on the
Review page, remembered and accepted; month 2 is then read with the taught layout, every figure,
with no further action."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import browsing
from browsing import ROOT, docs_shot, go, no_exception, select, wait_idle
from test_browser import REVIEW, UPLOAD, accept

sys.path.insert(0, str(ROOT / "tests"))
from monthly_family import INDICATORS, write_month  # noqa: E402


def upload(page, path: Path) -> None:
    browsing.upload(page, path, UPLOAD)
    go(page, REVIEW)
    select(page, "Document", path.name)
    page.get_by_text("How each table was read").wait_for(state="visible")
    wait_idle(page)


def choose_columns(page, columns: list[int]) -> None:
    """Pick options of the 'Columns' multiselect by typing each and pressing Enter."""
    box = (
        page.locator('[data-testid="stMultiSelect"]')
        .filter(has=page.get_by_text("Columns", exact=True))
        .first
    )
    for column in columns:
        box.locator("input").first.click()
        page.keyboard.type(str(column))
        page.get_by_role("option", name=re.compile(rf"^\s*{column}\s*$")).first.click()
    page.keyboard.press("Escape")


def test_teach_month_1_then_month_2_is_read_with_it(page, tmp_path):
    first, _ = write_month(tmp_path, 1)
    second, truth = write_month(tmp_path, 2, seed=4)
    upload(page, first)
    # the months are not read
    page.get_by_text(re.compile(r"^\s*12 numbers read from")).wait_for(state="visible")
    docs_shot(page, "teach_layout_1_misread")

    choose_columns(page, list(range(2, 14)))
    select(page, "Period", "month n of the title")
    page.get_by_role("button", name="Set these columns").click()
    page.get_by_text(re.compile(r"^\s*18 numbers read from")).wait_for(state="visible")
    page.get_by_text(re.compile(r"^\s*0 of 18 numbers of this table not read")).wait_for(
        state="visible"
    )
    wait_idle(page)
    no_exception(page)
    docs_shot(page, "teach_layout_2_corrected")
    page.get_by_role("button", name="Remember this layout").click()
    page.get_by_text("is remembered for later reports").wait_for(state="visible")
    wait_idle(page)
    accept(page, first.name)

    upload(page, second)
    page.get_by_text(re.compile(rf"^\s*{len(truth)} numbers read from")).wait_for(state="visible")
    page.get_by_text(
        re.compile(r"read with the layout taught on \d{4}-\d\d-\d\d by browser-test")
    ).first.wait_for(state="visible")
    page.get_by_text("Read with a taught layout.").wait_for(state="visible")
    assert len(truth) == 2 * len(INDICATORS) + 2 * len(INDICATORS)
    no_exception(page)
    docs_shot(page, "teach_layout_3_next_month")
    accept(page, second.name)
