"""CSV quirks, each on a small file the test writes itself."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from extractors.csvfile import CsvFormat, column_letter
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits


def read(data: bytes, name: str = "data.csv", limits: Limits = LIMITS):
    assert CsvFormat.detect(data[:4096], name)
    return CsvFormat.extract(io.BytesIO(data), name, limits=limits)


def texts(doc) -> dict:
    return {c.ref: c.text for c in doc.grids[0].cells}


def test_semicolon_delimiter():
    """Semicolon-delimited export (European Excel) with decimal commas: split on ';', commas
    kept."""
    data = b"Indicator;Apr-21;May-21\nRe-referrals;27,5;28\nVisits;82;84\n"
    assert texts(read(data)) == {
        "A1": "Indicator",
        "B1": "Apr-21",
        "C1": "May-21",
        "A2": "Re-referrals",
        "B2": "27,5",
        "C2": "28",
        "A3": "Visits",
        "B3": "82",
        "C3": "84",
    }


def test_cp1252_pound_sign():
    """Windows-1252 file (Excel 'CSV' on Windows): the £ byte 0xA3 decodes as £, not a
    replacement."""
    data = "Indicator,Cost\nPlacement cost,£1,250\n".replace("£1,250", '"£1,250"').encode("cp1252")
    assert texts(read(data))["B2"] == "£1,250"


def test_utf8_bom_stripped():
    """UTF-8 with a byte order mark (Excel 'CSV UTF-8'): the mark does not stick to the first
    cell."""
    data = "\ufeffIndicator,Apr-21\nContacts,1469\n".encode("utf-8")
    assert texts(read(data))["A1"] == "Indicator"


def test_utf16_tab_text():
    """Excel 'Unicode Text' (.txt, UTF-16 with tabs) is read despite its NUL bytes."""
    data = "Indicator\tApr-21\r\nContacts\t1469\r\n".encode("utf-16")
    assert texts(read(data, "export.txt")) == {
        "A1": "Indicator",
        "B1": "Apr-21",
        "A2": "Contacts",
        "B2": "1469",
    }


def test_cells_folded_refs_and_document_text():
    """Quoted multi-line cells are folded; blanks are left out; refs read like spreadsheet cells;
    text is the first 5 lines."""
    rows = [["Title line", ""], ["Indicator", "Apr-21"], ["Number of\n  contacts", " 1469 "]] + [
        [f"r{n}", str(n)] for n in range(5)
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    doc = read(out.getvalue().encode())
    grid = doc.grids[0]
    assert texts(doc)["A3"] == "Number of contacts" and texts(doc)["B3"] == "1469"
    assert "B1" not in texts(doc)
    assert (grid.sheet, grid.page, grid.index) == (None, None, 1)
    assert all(c.value is None for c in grid.cells)
    assert grid.location(grid.cells[0]) == "A1"
    assert doc.text == ["Title line", "Indicator Apr-21", "Number of contacts 1469", "r0 0", "r1 1"]
    assert doc.units == 1


def test_single_column_defaults_to_comma():
    """A file the sniffer cannot decide on (one column) is read with the default comma dialect."""
    assert texts(read(b"Contacts\n1469\n1287\n")) == {"A1": "Contacts", "A2": "1469", "A3": "1287"}


@pytest.mark.parametrize(
    "head, name, expected",
    [
        (b"a,b\n1,2\n", "data.csv", True),
        (b"a\tb\n", "data.TSV", True),
        (b"a|b\n", "notes.txt", True),
        (b"a,b\n", "data.xlsx", False),
        (b"PK\x03\x04\x00\x00binary", "data.csv", False),
        (b"%PDF-1.7\x00", "report.csv", False),
    ],
)
def test_detect_by_extension_and_text(head, name, expected):
    """Detection: a csv/tsv/txt name and a head of text without NUL or control bytes."""
    assert CsvFormat.detect(head, name) is expected


def test_too_many_cells_refused():
    """Rows × widest row beyond MAX_CELLS is refused as too large."""
    with pytest.raises(UnreadableFile, match="too large"):
        read(b"a,b,c\n" * 4, limits=Limits(MAX_CELLS=10))


def test_field_too_large_unreadable():
    """A single field larger than the csv module's limit gives a plain UnreadableFile, not
    csv.Error."""
    with pytest.raises(UnreadableFile, match="could not be read as CSV"):
        read(b'"' + b"x" * 200_000 + b'"\n')


@given(st.integers(min_value=0, max_value=16383))
def test_column_letters_match_excel(col):
    """Column letters agree with Excel's for every column it allows."""
    assert column_letter(col) == get_column_letter(col + 1)


words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789 .-%£", min_size=1, max_size=12
).filter(str.strip)


@settings(max_examples=60)
@given(
    st.integers(min_value=2, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(words, min_size=width, max_size=width), min_size=2, max_size=8
        )
    ),
    st.sampled_from([",", ";", "\t", "|"]),
)
def test_round_trip(rows, delimiter):
    """Any table written with one of the four delimiters reads back to the same folded texts."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    doc = read(out.getvalue().encode("utf-8"))
    got = {(c.row, c.col): c.text for c in doc.grids[0].cells}
    assert got == {
        (r, c): " ".join(t.split()) for r, row in enumerate(rows) for c, t in enumerate(row)
    }
