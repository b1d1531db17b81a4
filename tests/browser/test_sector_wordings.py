"""Review's suggestions for sector wordings no alias names, in a real browser: the first is the
indicator the label means, by name, never the wrong concept of its topic; choosing one asks once
whether later reports should read the label so, the next month's report is read with it, and the
taught label can be forgotten from Review."""

from __future__ import annotations

import re

import pytest
import reports
from browsing import (
    first_suggestion,
    go,
    label_heading,
    label_row,
    no_exception,
    select,
    upload,
    wait_idle,
)
from test_browser import REVIEW, UPLOAD, accept

from indicators.catalogue import load_catalogue

TAUGHT = "Children leaving care - all routes"


@pytest.fixture(scope="module")
def synonym_books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synonym_reports")
    return [
        reports.make_synonym_xlsx(folder / name, month)
        for name, month in zip(reports.SYNONYM_NAMES, (9, 10))
    ]


def test_sector_wordings_are_first_offered_their_indicator_and_taught_once(page, synonym_books):
    september, october = synonym_books
    upload(page, september, UPLOAD)
    go(page, REVIEW)
    select(page, "Document", september.name)
    page.get_by_text("Labels to check").first.wait_for(state="visible")
    catalogue = load_catalogue()
    name = {
        i: catalogue.indicator(i).name
        for _, right, wrong in reports.SYNONYMS.values()
        for i in {right} | wrong
    }
    offered = {label: first_suggestion(page, label) for label in reports.SYNONYMS}
    for label, (_, right, wrong) in reports.SYNONYMS.items():
        assert offered[label].startswith(name[right]), (label, offered[label])
        assert not any(offered[label].startswith(name[w]) for w in wrong), (label, offered[label])

    teach(page, TAUGHT, name[reports.SYNONYMS[TAUGHT][1]])
    # the other labels are still unmapped, so saving asks first
    page.get_by_text(re.compile(r"^Save anyway with \d+ rows? still flagged")).wait_for(
        state="visible"
    )
    accept(page, september.name)

    upload(page, october, UPLOAD)  # the next month: the taught label is read without asking
    go(page, REVIEW)
    select(page, "Document", october.name)
    page.get_by_text("Labels to check").first.wait_for(state="visible")
    assert not listed(page, TAUGHT)
    assert listed(page, "Contacts - all sources month total")  # only the label taught

    forget(page, TAUGHT)
    no_exception(page)


def teach(page, label: str, name: str) -> None:
    """Choose the suggestion `name` for `label` and answer 'every later report' to the one
    question; the label then leaves the labels to check."""
    row = label_row(page, label)
    row.get_by_role("button", name=re.compile(rf"^Use: {re.escape(name)}")).first.click()
    question = page.get_by_text(re.compile(r"Use this for every later report too\?"))
    question.wait_for(state="visible")
    page.get_by_role("button", name="Yes, every later report").click()
    question.wait_for(state="detached")
    wait_idle(page)
    assert not listed(page, label)
    assert not page.get_by_role("button", name="Yes, every later report").count()  # asked once


def forget(page, label: str) -> None:
    """Forget a label taught in an earlier review: the list of taught labels no longer has it."""
    page.get_by_text(re.compile(r"^Labels taught in earlier reviews \(\d+\)")).click()
    taught = page.locator('[data-testid="stHorizontalBlock"]').filter(
        has=page.get_by_text(f"“{label}” is read as")
    )
    taught.get_by_role("button", name="Forget").click()
    wait_idle(page)
    assert not page.get_by_text(f"“{label}” is read as").count()


def listed(page, label: str) -> bool:
    """Whether `label` is among the labels to check."""
    return label_heading(page, label).count() > 0
