"""Review previews and re-readings run in the bounded child: limits give one sentence, the app stays
up; the workbook and Word previews show the row's label and the column's headers."""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import replace
from datetime import date
from functools import partial

import pytest
from test_app import app_store  # noqa: F401 (the store the AppTest opens)
from test_review import ROWS, TITLE, rows_of, workbook

import extractors.bounded
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS
from pipeline import extract_path
from review import pending_from_upload, source_preview

FILLER = 2_000_000  # shared strings of a bloated workbook: seconds to load


def vm_mb() -> int:
    """This process's address space in MB (a forked child starts with as much)."""
    line = next(x for x in open("/proc/self/status") if x.startswith("VmSize:"))
    return int(line.split()[1]) // 1024


SHARED = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def bloated(content: bytes) -> bytes:
    """The workbook with a table of two million shared strings, which openpyxl loads whole to show
    any cell."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" '
                    f'ContentType="{SHARED}"/></Types>'.encode(),
                )
            target.writestr(item, data)
        filler = "".join(f"<si><t>filler text number {n}</t></si>" for n in range(FILLER))
        target.writestr(
            "xl/sharedStrings.xml",
            (
                "<sst "
                f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{filler}</sst>'
            ),
        )
    return out.getvalue()


@pytest.fixture
def xlsx_doc(tmp_path):
    path = workbook(tmp_path / "book.xlsx")
    return pending_from_upload(path.name, path.read_bytes(), extract_path(path))


def test_a_preview_past_the_time_limit_is_one_sentence_and_this_process_is_untouched(xlsx_doc):
    """Previews opened the workbook again in the app's process, with no bound: two million shared
    strings are loaded whole before any cell is shown."""
    big = replace(xlsx_doc, name="big.xlsx", content=bloated(xlsx_doc.content))
    before, started = vm_mb(), time.monotonic()
    (obs,) = rows_of(big, "Number of referrals", date(2016, 12, 1))
    preview = source_preview(big, obs, replace(LIMITS, MAX_SECONDS=1))
    assert preview.caption == "Sheet 'Summary', cell D4" and preview.cells is None
    assert preview.problem == (
        "The source could not be shown: big.xlsx took longer than 1 seconds to read and was "
        "stopped."
    )
    assert time.monotonic() - started < 10 and vm_mb() - before < 40


def test_a_preview_is_made_in_a_child_and_cached(xlsx_doc, monkeypatch):
    (obs,) = rows_of(xlsx_doc, "Number of referrals", date(2016, 11, 1))
    forks = []
    real = extractors.bounded._bounded
    monkeypatch.setattr(extractors.bounded, "_bounded", lambda *a: forks.append(1) or real(*a))
    first = source_preview(xlsx_doc, obs)
    assert source_preview(xlsx_doc, obs) is first and len(forks) == 1
    assert first.cells.loc[4, "C"] == "450"


def test_the_workbook_preview_shows_the_row_label_and_column_header_far_from_the_cell(tmp_path):
    """A figure far right and far down showed only its neighbours, not what it is."""
    months = [date(2016, m, 1) for m in range(4, 13)]
    header = ["Indicator"] + [m.strftime("%b-%y") for m in months]
    rows = [header] + [
        [f"Indicator number {r}"] + [str(100 + r + c) for c in range(len(months))]
        for r in range(12)
    ]
    rows[9][0] = "Number of referrals"
    path = workbook(tmp_path / "wide.xlsx", rows, months)
    doc = pending_from_upload(path.name, path.read_bytes(), extract_path(path))
    (obs,) = rows_of(doc, "Number of referrals", date(2016, 12, 1))
    preview = source_preview(doc, obs)
    assert obs.source_location == "Summary!K12" and preview.marked == (12, "K")
    assert preview.cells.loc[3, "K"] == "2016-12-01" or preview.cells.loc[3, "K"].startswith("Dec")
    assert (
        preview.cells.loc[12, "B"] == "Number of referrals" and preview.cells.loc[12, "K"] == "116"
    )
    assert list(preview.cells.index) == [3, 10, 11, 12, 13, 14]
    assert list(preview.cells.columns) == ["B", "I", "J", "K", "L", "M", "N"]


def test_the_word_preview_shows_the_table_header_row(tmp_path):
    from docx import Document

    word = Document()
    word.add_paragraph(TITLE)
    table = word.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, line in enumerate(ROWS):
        for c, text in enumerate(line):
            table.cell(r, c).text = text
    word.save(tmp_path / "report.docx")
    doc = pending_from_upload(
        "report.docx",
        (tmp_path / "report.docx").read_bytes(),
        extract_path(tmp_path / "report.docx"),
    )
    (obs,) = rows_of(doc, "Number of referrals", date(2016, 12, 1))
    preview = source_preview(doc, obs)
    assert list(preview.cells.index) == [1, 2]
    assert list(preview.cells.loc[1]) == ROWS[0] and list(preview.cells.loc[2]) == ROWS[1]
    assert preview.cells.loc[preview.marked] == "400"


def _slow_interpretation(*args, **kwargs):
    time.sleep(60)


def test_reading_again_with_a_taught_layout_past_the_time_limit_is_one_sentence(
    xlsx_doc, monkeypatch
):
    """Re-reading a pending document with a corrected layout ran in the app's process, unbounded."""
    import review.layout
    from indicators import load_catalogue
    from review.layout import readings, with_layout

    monkeypatch.setattr(review.layout, "interpret_document", _slow_interpretation)
    reading = readings(xlsx_doc, {})[0]
    started = time.monotonic()
    with pytest.raises(
        UnreadableFile,
        match=r"^book.xlsx was read, but working out its tables took longer than 1 "
        r"seconds and was stopped; [^.]*\.$",
    ):
        with_layout(
            xlsx_doc,
            reading.fingerprint,
            replace(reading.rule, header_rows=2),
            {},
            load_catalogue(),
            replace(LIMITS, MAX_INTERPRET_SECONDS=1),
        )
    assert time.monotonic() - started < 10


def test_reading_again_with_a_taught_layout_runs_in_the_child(xlsx_doc, monkeypatch):
    import review.layout
    from indicators import load_catalogue
    from review.layout import readings, with_layout

    real = review.layout.interpret_document
    pids = []
    monkeypatch.setattr(
        review.layout, "interpret_document", lambda *a: pids.append(os.getpid()) or real(*a)
    )
    reading = readings(xlsx_doc, {})[0]
    again = with_layout(xlsx_doc, reading.fingerprint, reading.rule, {}, load_catalogue())
    assert not pids  # appended in the child only
    assert len(again.observations) == len(xlsx_doc.observations)


def test_the_review_page_stays_up_when_a_preview_is_refused(tmp_path, monkeypatch, app_store):  # noqa: F811
    """A selected row whose source cannot be shown within the limits: the page says so in one
    sentence."""
    from test_app import pending_report, review_page

    import review.source_view
    from ui.show import plain

    # the page's previews under a one-second limit
    quick = partial(source_preview, limits=replace(LIMITS, MAX_SECONDS=1))
    monkeypatch.setattr(review.source_view, "source_preview", quick)
    # a row that takes a minute to show
    monkeypatch.setattr(review.source_view, "row_preview", _slow_interpretation)
    doc = pending_report(tmp_path, "Sefton")
    at = review_page(doc)
    at.session_state["rows-k1"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [
        plain(
            f"The source could not be shown: {doc.name} took longer than 1 seconds to read and "
            "was stopped."
        )
    ]
    assert at.title[0].value == "Review" and at.button  # the rest of the page is there
