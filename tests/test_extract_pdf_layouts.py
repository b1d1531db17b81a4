"""PDF tables that are not fully ruled, generated with fpdf2 and read back cell by cell: zebra
shading (per-cell fills and full-row bands), horizontal rules only, whitespace only, wrapped
labels and headings, a grouped header, section rows, two tables side by side, a landscape table
on a page turned by /Rotate 90; plus the word-dict interface the scanned-page reader calls."""

from __future__ import annotations

import io
import re

from fpdf import FPDF

from extractors.pdf import PdfFormat
from extractors.pdf.text_grid import Hints, text_grids

FONT = 8
LINE = 9.6  # points between two lines of one cell
PAD = 3.0  # cell padding above and below


class Table:
    """A table drawn the way report writers print one: labels set left, figures set right, headings
    centred, cells of several lines centred in their row."""

    def __init__(
        self, widths: list[float], x: float = 30, y: float = 80, pad: float = PAD, left: int = 1
    ):
        self.widths, self.x, self.y, self.pad = widths, x, y, pad
        self.left = x + sum(widths[:left])  # cells starting before this are set left (labels)
        self.rows: list[tuple[list[str], str]] = []  # (cells, kind)

    def header(self, *cells: str) -> Table:
        self.rows.append((list(cells), "header"))
        return self

    def row(self, *cells: str) -> Table:
        self.rows.append((list(cells), "body"))
        return self

    def section(self, text: str) -> Table:
        self.rows.append(([text], "section"))
        return self

    def group(self, *spans: tuple[str, int]) -> Table:
        """A group heading row: (text, columns spanned); empty text leaves the columns blank."""
        self.rows.append(([f"{t}\x00{n}" for t, n in spans], "group"))
        return self

    def draw(self, pdf: FPDF, ruling: str) -> float:
        y = self.y
        width = sum(self.widths)
        for index, (cells, kind) in enumerate(self.rows):
            lines = max(len(c.split("\n")) for c in cells)
            height = lines * LINE + 2 * self.pad
            body_index = sum(1 for _, k in self.rows[:index] if k == "body")
            shaded = kind in ("header", "group") or (kind == "body" and body_index % 2 == 1)
            spans = self._spans(cells, kind)
            if ruling == "zebra_rows" and shaded:
                pdf.set_fill_color(235, 240, 248)
                pdf.rect(self.x, y, width, height, style="F")
            for text, x0, x1 in spans:
                if ruling == "zebra_cells" and shaded:
                    pdf.set_fill_color(220, 230, 242) if kind != "body" else pdf.set_fill_color(
                        235, 240, 248
                    )
                    pdf.rect(x0, y, x1 - x0, height, style="F")
                self._text(pdf, text, x0, x1, y, height, kind, x0 < self.left)
            if ruling == "horizontal":
                pdf.set_fill_color(100, 100, 100)
                if kind == "group":
                    for text, x0, x1 in spans:
                        if text:
                            pdf.rect(x0 + 1, y + height - 0.3, x1 - x0 - 2, 0.6, style="F")
                else:
                    pdf.rect(self.x, y + height, width, 0.7, style="F")
            y += height
        return y

    def _spans(self, cells: list[str], kind: str) -> list[tuple[str, float, float]]:
        edges = [self.x]
        for w in self.widths:
            edges.append(edges[-1] + w)
        if kind == "section":
            return [(cells[0], edges[0], edges[-1])]
        out, c = [], 0
        for cell in cells:
            text, span = (cell.split("\x00") + ["1"])[:2] if kind == "group" else (cell, "1")
            out.append((text, edges[c], edges[c + int(span)]))
            c += int(span)
        return out

    def _text(
        self,
        pdf: FPDF,
        text: str,
        x0: float,
        x1: float,
        y: float,
        height: float,
        kind: str,
        first: bool,
    ):
        parts = text.split("\n") if text else []
        top = y + (height - len(parts) * LINE) / 2
        for k, part in enumerate(parts):
            width = pdf.get_string_width(part)
            if kind in ("header", "group"):
                left = (x0 + x1 - width) / 2
            elif kind == "section" or first:
                left = x0 + 4
            else:
                left = x1 - 4 - width
            pdf.text(left, top + k * LINE + FONT * 0.85, part)


def _document(
    *tables: Table,
    ruling: str = "none",
    landscape: bool = False,
    rotate: bool = False,
    title: str = "",
):
    pdf = FPDF(orientation="L" if landscape else "P", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    # a landscape table on a portrait page turned by /Rotate 90: draw it turned the other way
    if rotate:
        with pdf.rotation(90, x=pdf.w / 2, y=pdf.w / 2):
            _draw(pdf, tables, ruling, title)
    else:
        _draw(pdf, tables, ruling, title)
    data = bytes(pdf.output())
    if rotate:
        data = re.sub(rb"/Type /Page\b(?!s)", b"/Type /Page /Rotate 90", data, count=1)
    return PdfFormat.extract(io.BytesIO(data), "generated.pdf")


def _draw(pdf: FPDF, tables, ruling: str, title: str):
    if title:
        pdf.set_font("helvetica", "B", 14)
        pdf.text(30, 50, title)
    pdf.set_font("helvetica", size=FONT)
    pdf.set_text_color(0, 0, 0)
    for table in tables:
        table.draw(pdf, ruling)


def _rows(grid) -> list[list[str]]:
    """The grid as printed rows: each cell's text at its column, spans written as `text<span>`."""
    out = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for c in grid.cells:
        out[c.row][c.col] = c.text + (f"<{c.colspan}>" if c.colspan > 1 else "")
    return out


SCORECARD = [
    ("Referrals in month", "No.", "1,204", "1,310", "1,198"),
    ("Re-referrals within 12 months", "%", "21.4%", "19.8%", "22.0%"),
    ("Children looked after", "No.", "402", "411", "-"),
    ("Assessments in 45 working days", "%", "88.1%", "n/a", "90.2%"),
]


def _scorecard() -> Table:
    table = Table([150, 50, 60, 60, 60]).header("Indicator", "Unit", "Apr-19", "May-19", "Jun-19")
    for row in SCORECARD:
        table.row(*row)
    return table


EXPECTED = [["Indicator", "Unit", "Apr-19", "May-19", "Jun-19"]] + [list(r) for r in SCORECARD]


def test_zebra_per_cell_fills_keep_the_unshaded_rows():
    """Quirk: zebra shading drawn as one fill per cell; pdfplumber takes each shaded band for a
    table of its own and the unshaded rows between them were lost to page text."""
    doc = _document(_scorecard(), ruling="zebra_cells")
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED


def test_zebra_full_row_bands():
    """Quirk: zebra shading drawn as one band per row (no cell edges): band edges separate rows."""
    doc = _document(_scorecard(), ruling="zebra_rows")
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED


def test_horizontal_rules_only():
    """Quirk: a thin rule under every row and no vertical rules: not a ruled table, read from the
    words."""
    doc = _document(_scorecard(), ruling="horizontal")
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED


def test_whitespace_only_with_title_above_as_context():
    """Quirk: no rules or shading at all; the title above the table is context, not a row."""
    doc = _document(_scorecard(), ruling="none", title="Children's social care scorecard")
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED
    assert doc.grids[0].context == ["Children's social care scorecard"]


def test_wrapped_labels_join_their_row():
    """Quirk: long indicator names wrap over 2-4 lines, the figures centred beside them; each label
    is one cell of its row, not several rows."""
    table = Table([120, 60, 60]).header("Indicator", "2018/19", "2019/20")
    table.row("Number of children\nsubject to a child\nprotection plan", "301", "322")
    table.row("Rate per 10,000", "44.1", "47.0")
    table.row("% of assessments\ncompleted in 45\nworking days of\nreferral", "81%", "85%")
    for ruling in ("none", "zebra_rows", "horizontal"):
        doc = _document(table, ruling=ruling)
        assert _rows(doc.grids[0]) == [
            ["Indicator", "2018/19", "2019/20"],
            ["Number of children subject to a child protection plan", "301", "322"],
            ["Rate per 10,000", "44.1", "47.0"],
            ["% of assessments completed in 45 working days of referral", "81%", "85%"],
        ], ruling


def test_wrapped_month_headings_are_one_heading():
    """Quirk: month headings wrapped over two lines (`Jun` / `2019`): one heading per column."""
    table = Table([130, 45, 45, 45]).header("Indicator", "Apr\n2019", "May\n2019", "Jun\n2019")
    table.row("Contacts", "1,469", "1,502", "1,388").row("Referrals", "412", "398", "405")
    doc = _document(table, ruling="none")
    assert _rows(doc.grids[0]) == [
        ["Indicator", "Apr 2019", "May 2019", "Jun 2019"],
        ["Contacts", "1,469", "1,502", "1,388"],
        ["Referrals", "412", "398", "405"],
    ]


def test_grouped_header_spans_its_columns():
    """Quirk: a financial year centred over its quarter columns (no rule under it), and a
    comparators group centred over three benchmark columns: group cells spanning those columns,
    headings beside them running down the header."""
    table = Table([120, 40, 40, 40, 40, 50, 50, 50])
    table.group(("", 1), ("2019/20", 4), ("Comparators 18/19", 3))
    table.header("Indicator", "Q1", "Q2", "Q3", "Q4", "England", "Region", "SN")
    table.row("Referrals per 10,000", "140.2", "151.0", "149.8", "155.3", "552.5", "601.2", "588.0")
    table.row("Re-referrals (%)", "21.0", "22.4", "19.9", "20.3", "22.6", "21.8", "23.1")
    for ruling in ("none", "horizontal", "zebra_cells"):
        grid = _document(table, ruling=ruling).grids[0]
        rows = _rows(grid)
        assert rows[0] == ["Indicator", "2019/20<4>", "", "", "", "Comparators 18/19<3>", "", ""], (
            ruling
        )
        assert rows[1] == ["", "Q1", "Q2", "Q3", "Q4", "England", "Region", "SN"], ruling
        assert rows[2][0] == "Referrals per 10,000" and rows[3][7] == "23.1", ruling
        assert next(c for c in grid.cells if c.text == "Indicator").rowspan == 2


def test_section_rows_are_one_cell_rows():
    """Quirk: section rows (one label across the table) between indicator rows stay one-cell
    rows."""
    table = Table([150, 60, 60]).header("Indicator", "2018/19", "2019/20")
    table.section("CHILDREN IN NEED").row("Children in need", "2,101", "2,230")
    table.section("CHILD PROTECTION").row("Children on a plan", "301", "322").row(
        "Repeat plans (%)", "18.0", "21.2"
    )
    for ruling in ("none", "zebra_rows", "horizontal"):
        rows = _rows(_document(table, ruling=ruling).grids[0])
        assert [r for r in rows if sum(1 for t in r if t) == 1] == [
            ["CHILDREN IN NEED", "", ""],
            ["CHILD PROTECTION", "", ""],
        ], ruling
        assert rows[-1] == ["Repeat plans (%)", "18.0", "21.2"], ruling
        assert len(rows) == 6, ruling


def test_two_tables_side_by_side_are_two_grids():
    """Quirk: two tables printed side by side, a wide empty gutter between them: two grids, not
    one."""
    left = Table([110, 50, 50], x=30).header("Month", "Contacts", "Referrals")
    right = Table([110, 50, 50], x=330).header("Month", "Assessments", "S47s")
    for month, a, b, c, d in [
        ("Apr-19", "1,469", "412", "388", "102"),
        ("May-19", "1,502", "398", "401", "95"),
        ("Jun-19", "1,388", "405", "379", "99"),
    ]:
        left.row(month, a, b)
        right.row(month, c, d)
    doc = _document(left, right, ruling="none", landscape=True)
    assert [_rows(g)[0] for g in doc.grids] == [
        ["Month", "Contacts", "Referrals"],
        ["Month", "Assessments", "S47s"],
    ]
    assert _rows(doc.grids[1])[3] == ["Jun-19", "379", "99"]


def test_landscape_table_on_rotated_page_reads_upright():
    """Quirk: a landscape table on a portrait page turned by /Rotate 90: read upright, rows and
    columns intact."""
    doc = _document(_scorecard(), ruling="zebra_rows", rotate=True)
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED


def test_scanned_page_words_without_hints():
    """The OCR reader passes plain word dicts (no drawing hints): a whitespace table is still
    rebuilt."""

    def line(top, *words):
        return [
            {"text": t, "x0": x, "x1": x + 6 * len(t), "top": top, "bottom": top + 10, "conf": 95}
            for t, x in words
        ]

    lines = [
        line(100, ("Indicator", 40), ("2018/19", 250), ("2019/20", 330)),
        line(116, ("Contacts", 40), ("1,469", 262), ("1,502", 342)),
        line(132, ("Referrals", 40), ("412", 274), ("398", 354)),
    ]
    grids = text_grids(lines, 3, 1)
    assert len(grids) == 1 and grids[0].page == 3
    assert _rows(grids[0]) == [
        ["Indicator", "2018/19", "2019/20"],
        ["Contacts", "1,469", "1,502"],
        ["Referrals", "412", "398"],
    ]


def _words(top: float, *phrases, char: float = 4.0, space: float = 2.0, height: float = 10.0):
    """Word dicts of one text line: each (phrase, x) set from x, `char` points a character, its
    words `space` points apart."""
    out = []
    for phrase, x in phrases:
        for text in phrase.split(" "):
            out.append(
                {
                    "text": text,
                    "x0": x,
                    "x1": x + char * len(text),
                    "top": top,
                    "bottom": top + height,
                }
            )
            x += char * len(text) + space
    return out


def test_unit_denominator_wrapped_onto_a_heading_line_is_heading():
    """Quirk: `CiN rate per` wrapped over `10,000` beside another heading's second line
    (`months`): the line's only number is the unit's denominator, so it is a header line, not the
    first body row (its words made columns of their own, the figures under no heading)."""
    lines = [
        _words(100, ("LA", 40), ("Re-referrals within 12", 120), ("CiN rate per", 230)),
        _words(111, ("months", 140), ("10,000", 240)),
        _words(126, ("Wigan", 40), ("19%", 196), ("302.5", 254)),
        _words(140, ("Sefton", 40), ("24%", 196), ("280.1", 254)),
        _words(154, ("Wirral", 40), ("21%", 196), ("311.0", 254)),
    ]
    assert _rows(text_grids(lines, 1, 1)[0]) == [
        ["LA", "Re-referrals within 12 months", "CiN rate per 10,000"],
        ["Wigan", "19%", "302.5"],
        ["Sefton", "24%", "280.1"],
        ["Wirral", "21%", "311.0"],
    ]


def test_heading_words_a_word_space_apart_on_a_tightly_spaced_scan_are_one_heading():
    """Quirk: OCR word boxes widened by their glyphs' bearings leave the page's usual space at a
    point (an eighth of the font size), so a word space of a quarter em inside a heading
    (`need  seen`) passed for a gap between cells: the heading's left part and its wrapped second
    line (`timescales`) were made a column of their own beside its figures."""
    lines = [
        _words(
            100,
            ("LA", 40),
            ("Children in need", 130),
            ("seen within", 183.6),
            ("CLA rate", 250),
            char=3.5,
            space=1.0,
            height=8.0,
        ),
        _words(110, ("timescales", 150), char=3.5, space=1.0, height=8.0),
        *(
            _words(top, (name, 40), (a, 218), (b, 258), char=3.5, space=1.0, height=8.0)
            for top, name, a, b in [
                (122, "Wigan", "80%", "61.2"),
                (134, "Sefton", "84%", "70.4"),
                (146, "Wirral", "77%", "93.0"),
            ]
        ),
    ]
    assert _rows(text_grids(lines, 1, 1)[0]) == [
        ["LA", "Children in need seen within timescales", "CLA rate"],
        ["Wigan", "80%", "61.2"],
        ["Sefton", "84%", "70.4"],
        ["Wirral", "77%", "93.0"],
    ]


def _pages(*pages: list, ruling: str = "horizontal") -> bytes:
    """A PDF of several pages, each a list of (y, title) lines and tables (drawn with horizontal
    rules unless `ruling` says otherwise)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    for items in pages:
        pdf.add_page()
        for item in items:
            pdf.set_font("helvetica", size=FONT)
            if isinstance(item, Table):
                item.draw(pdf, ruling)
            else:
                pdf.set_font("helvetica", "B", 11)
                pdf.text(30, item[0], item[1])
    return bytes(pdf.output())


def _observations(data: bytes):
    from interpreter.document import interpret

    return interpret(PdfFormat.extract(io.BytesIO(data), "benchmarking.pdf"), authority="Wirral")


def _authority_table(y: float, rows, rank: bool = False) -> Table:
    table = Table([150, 60, 60] + ([60] if rank else []), y=y).header(
        "LA", "2014/15", "2015/16", *(["Rank"] if rank else [])
    )
    for row in rows:
        table.row(*row)
    return table


def test_benchmarking_table_over_a_page_break_keeps_its_caption_and_authorities():
    """Quirk: an authorities-as-rows table cut by a page break, its header repeated at the top of
    the next page: the one row left above the break and the rows after it are all the caption's
    figures of their authorities."""
    first = _authority_table(760, [("Sefton", "64.0", "62.7")])
    rest = _authority_table(
        40,
        [
            ("St. Helens", "70.8", "69.8"),
            ("Wigan", "68.4", "66.1"),
            ("Wirral", "76.2", "74.8"),
            ("Statistical neighbour average", "67.1", "68.0"),
            ("England", "71.7", "71.2"),
        ],
    )
    observations = _observations(_pages([(720, "Long-term placement stability"), first], [rest]))
    assert {o.indicator_label for o in observations} == {"Long-term placement stability"}
    by_place = {(o.authority, o.measure, o.period_end.year): o.value for o in observations}
    assert by_place[("Sefton", "actual", 2015)] == 64.0
    assert by_place[("St. Helens", "actual", 2016)] == 69.8
    assert by_place[("Wirral", "stat_neighbour_avg", 2015)] == 67.1
    assert len(observations) == 12


def test_title_at_the_foot_of_a_page_names_the_table_opening_the_next():
    """Quirk: a table's title left alone at the bottom of a page, its table starting the next page
    (with a header of its own, so no continuation): the title is still the table's caption."""
    before = _authority_table(
        80, [("Sefton", "15.1", "15.3"), ("Wigan", "19.4", "18.5"), ("Wirral", "17.1", "17.8")]
    )
    after = _authority_table(
        40,
        [
            ("Sefton", "9.0", "9.7", "2"),
            ("Wigan", "12.4", "11.7", "3"),
            ("Wirral", "8.5", "8.0", "1"),
        ],
        rank=True,
    )
    observations = _observations(
        _pages(
            [
                (60, "Average caseload per social worker"),
                before,
                (800, ("Placement stability: 3+ placement moves in 12 months (%)")),
            ],
            [after],
        )
    )
    labels = {o.source_location.split()[0]: o.indicator_label for o in observations}
    assert labels == {
        "p1": "Average caseload per social worker",
        "p2": "Placement stability: 3+ placement moves in 12 months (%)",
    }


def test_equal_benchmarks_of_two_years_are_two_figures():
    """Quirk: a region printing the same percentage in two years: both figures are kept (the same
    benchmark printed in a second table for the same year is still one)."""
    table = _authority_table(
        80,
        [
            ("Sefton", "9.0", "12.0"),
            ("Wigan", "10.0", "13.0"),
            ("Wirral", "11.0", "14.0"),
            ("Statistical neighbour average", "10.5", "13.5"),
            ("North West", "10.0", "10.0"),
            ("England", "12.0", "12.0"),
        ],
    )
    observations = _observations(_pages([(60, "Adopted as % of CLA leaving care"), table]))
    region = sorted((o.period_end.year, o.value) for o in observations if o.measure == "region_avg")
    assert region == [(2015, 10.0), (2016, 10.0)]
    assert len([o for o in observations if o.measure == "england_avg"]) == 2


def _exception_table(y: float, actual: tuple[str, str]) -> Table:
    return Table([150, 60, 60], y=y).header("", "2016/17", "2017/18").row("Performance", *actual)


def test_exception_report_title_is_read_from_above_its_own_table_only():
    """Quirk: exception reports stack one small table per indicator; a local indicator's title (no
    catalogue name) is its table's caption, not the catalogue-named title of the table above it."""
    data = _pages(
        [
            (60, "% contacts with a decision within 1 working day"),
            _exception_table(80, ("83.5%", "87.6%")),
            (170, "Family group conferences held"),
            _exception_table(190, ("53", "46")),
        ]
    )
    labels = {o.source_location.split()[1]: o.indicator_label for o in _observations(data)}
    assert labels == {
        "t1": "% contacts with a decision within 1 working day",
        "t2": "Family group conferences held",
    }


def test_comparison_table_of_indicators_across_takes_the_year_stated_above_it():
    """Quirk: a benchmarking pack's comparison table (authorities down the rows, one indicator per
    column, no period in its header, the year in the line above it): each figure is its column's
    indicator for that year."""
    table = Table([150, 110, 110], y=80).header(
        "Local authority", "Children in need rate", "Ceased CLA - permanence"
    )
    for row in [
        ("Sefton", "15.1", "31.8%"),
        ("Wigan", "19.4", "32.7%"),
        ("Wirral", "17.1", "23.7%"),
        ("Statistical neighbour average", "17.2", "29.4%"),
        ("England", "18.6", "28.8%"),
    ]:
        table.row(*row)
    observations = _observations(
        _pages([(60, "Comparison with statistical neighbours, 2021/22"), table])
    )
    got = {
        (o.authority, o.indicator_label, o.measure): (o.value, o.period_start.isoformat())
        for o in observations
    }
    assert len(got) == 10
    assert got[("Wigan", "Children in need rate", "actual")] == (19.4, "2021-04-01")
    assert got[("Wirral", "Ceased CLA - permanence", "england_avg")] == (28.8, "2021-04-01")


def _comparison_table(y: float, rows) -> Table:
    table = Table([150, 110, 110], y=y).header(
        "Local authority", "Children in need rate", "Ceased CLA - permanence"
    )
    for row in rows:
        table.row(*row)
    return table


def test_comparison_table_cut_after_two_rows_keeps_its_year_over_the_page_break():
    """Quirk: a comparison table (one indicator per column, the year in the line above it) cut by
    a page break after two authorities, its header repeated on the next page with no year above
    it: the two rows are a comparison table still, and the rest takes their year."""
    first = _comparison_table(760, [("Sefton", "15.1", "31.8%"), ("Wigan", "19.4", "32.7%")])
    rest = _comparison_table(
        40,
        [
            ("Wirral", "17.1", "23.7%"),
            ("St. Helens", "16.0", "27.5%"),
            ("Knowsley", "21.3", "30.1%"),
            ("England", "18.6", "28.8%"),
        ],
    )
    observations = _observations(
        _pages([(740, "Comparison with statistical neighbours, 2021/22"), first], [rest])
    )
    got = {
        (o.authority, o.indicator_label, o.measure): (o.value, o.period_start.isoformat())
        for o in observations
    }
    assert len(got) == 12
    assert got[("Sefton", "Children in need rate", "actual")] == (15.1, "2021-04-01")
    assert got[("St. Helens", "Ceased CLA - permanence", "actual")] == (27.5, "2021-04-01")
    assert got[("Wirral", "Ceased CLA - permanence", "england_avg")] == (28.8, "2021-04-01")


def test_whitespace_table_with_generous_row_padding_is_one_table():
    """Quirk: a whitespace-only table whose rows are set more than two line heights apart (generous
    cell padding): the gap between rows is the table's own pitch, not the end of the table."""
    table = Table([150, 50, 60, 60, 60], pad=9.0).header(
        "Indicator", "Unit", "Apr-19", "May-19", "Jun-19"
    )
    for row in SCORECARD:
        table.row(*row)
    doc = _document(table, ruling="none", title="Quarterly performance report")
    assert len(doc.grids) == 1
    assert _rows(doc.grids[0]) == EXPECTED


def test_year_over_quarters_in_a_padded_exception_table_heads_them():
    """Quirk: an exception report's small table set with generous padding, its financial year
    printed alone over the quarter columns as far above them as the rows are apart: still the
    group heading of those quarters."""
    table = Table([120, 50, 50, 50, 50], pad=9.0)
    table.group(("", 3), ("2016-17", 2))
    table.header("", "2014-15", "2015-16", "Qtr 1", "Qtr 2")
    table.row("Value", "254.9", "402.2", "318.6", "297.9")
    table.row("SN avg", "273.2", "273.3", "", "")
    rows = _rows(
        _document(table, ruling="none", title="1. Rate of children in need per 10,000").grids[0]
    )
    assert rows[0][1:] == ["2014-15", "2015-16", "2016-17<2>", ""]
    assert rows[1][3:] == ["Qtr 1", "Qtr 2"]
    assert rows[2] == ["Value", "254.9", "402.2", "318.6", "297.9"]


def test_rows_opening_with_a_numeric_code_are_body_rows():
    """Quirk: a benchmarking table whose rows open with the authority's numeric code (`204  Hackney
    1,507 ...`) under a section row: those rows are the body, not more header lines above the
    first row without a code."""
    table = (
        Table([40, 110, 60, 60])
        .header("LA code", "Local authority", "2016/17", "2017/18")
        .section("London")
    )
    for row in [
        ("204", "Hackney", "1,507", "2,741"),
        ("309", "Haringey", "1,915", "1,154"),
        ("206", "Islington", "1,910", "2,924"),
        ("", "SN average", "1,804", "2,453"),
    ]:
        table.row(*row)
    for ruling in ("none", "zebra_cells"):
        rows = _rows(_document(table, ruling=ruling).grids[0])
        assert rows[0] == ["LA code", "Local authority", "2016/17", "2017/18"], ruling
        assert rows[1][0].startswith("London") and rows[2] == [
            "204",
            "Hackney",
            "1,507",
            "2,741",
        ], ruling
        assert rows[5] == ["", "SN average", "1,804", "2,453"], ruling


def test_rows_after_a_footnote_inside_a_table_keep_its_header():
    """Quirk: a footnote printed between two rows of a scorecard cuts the word-position table in
    two; the rows after it, in the same columns and with no header of their own, are still read
    under the table's month headings."""
    top = _scorecard()
    rest = Table([150, 50, 60, 60, 60], y=200).row(
        "Care leavers in EET (%)", "%", "52.0%", "55.5%", "51.0%"
    )
    rest.row("Children in need", "No.", "1,204", "1,310", "1,198")
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=FONT)
    top.draw(pdf, "none")
    pdf.text(
        30,
        185,
        "Footnote: the May figure reflects a change of recording system (11 records moved).",
    )
    rest.draw(pdf, "none")
    observations = _observations(bytes(pdf.output()))
    eet = sorted(
        (o.period_end.month, o.value)
        for o in observations
        if o.indicator_label == "Care leavers in EET (%)"
    )
    assert eet == [(4, 52.0), (5, 55.5), (6, 51.0)]
    assert (
        next(
            o for o in observations if o.indicator_label == "Children in need" and o.value == 1198
        ).source_location
        == "p1 t2 r2 c5"
    )


def test_wrapped_group_headings_of_different_lengths_are_one_row_of_spans():
    """Quirk: indicator names wrapped over two or three lines as group headings over their `n of N`
    / `%` columns, each centred in the one header row, so their lines sit half a line apart: one
    spanning cell per heading, all in one group row, not a header row per printed line."""
    table = Table([60, 60, 60, 60, 60])
    table.group(
        ("", 1),
        ("Care leavers aged\n19-21 in education,\nemployment or training", 2),
        ("Assessments in\n45 working days", 2),
    )
    table.header("Period", "Number", "%", "n of N", "%")
    table.row("Jul-17", "292", "52.6%", "466/500", "93.2%")
    table.row("Aug-17", "414", "56.8%", "321/345", "93.0%")
    for ruling in ("none", "horizontal"):
        rows = _rows(_document(table, ruling=ruling).grids[0])
        assert rows[0] == [
            "Period",
            "Care leavers aged 19-21 in education, employment or training<2>",
            "",
            "Assessments in 45 working days<2>",
            "",
        ], ruling
        assert rows[1] == ["", "Number", "%", "n of N", "%"] and rows[2][3] == "466/500", ruling


def test_code_line_under_a_centred_name_heads_the_figures_set_right():
    """Quirk: a heading of two lines centred in its cell, an indicator name and under it a short
    code, over figures set right: the code, narrower than the name and clear of the figures, is
    still that column's heading (not a column of its own)."""
    table = Table([80, 100, 100]).header("Month", "Number of referrals\nPI1", "Number of CIN\nPI2")
    for row in [
        ("Jan 2020", "189", "1,977"),
        ("Feb 2020", "152", "1,465"),
        ("Mar 2020", "516", "1,867"),
    ]:
        table.row(*row)
    rows = _rows(_document(table, ruling="none").grids[0])
    assert rows == [
        ["Month", "Number of referrals PI1", "Number of CIN PI2"],
        ["Jan 2020", "189", "1,977"],
        ["Feb 2020", "152", "1,465"],
        ["Mar 2020", "516", "1,867"],
    ]


def test_month_range_to_date_is_a_year_to_date_not_its_last_month():
    """Quirk: a `Apr-Oct 2019 (YTD)` column beside the months: its figures are the year to date (one
    equal to October's is still a figure of its own), not October's."""
    table = Table([150, 60, 60, 90]).header(
        "Indicator", "Sep 2019", "Oct 2019", "Apr-Oct 2019 (YTD)"
    )
    table.row("Assessments within 45 working days (%)", "88.0%", "89.0%", "89.0%")
    observations = _observations(_pages([(60, "Monthly scorecard"), table]))
    assert sorted((o.period_type, o.period_end.isoformat(), o.value) for o in observations) == [
        ("financial_ytd", "2019-10-31", 89.0),
        ("month", "2019-09-30", 88.0),
        ("month", "2019-10-31", 89.0),
    ]
    first = Table([150, 60, 60, 90]).header(
        "Indicator", "Mar 2023", "Apr 2023", "Apr-Apr 2023 (YTD)"
    )
    # April's figure is the year to date so far
    first.row("Section 47 enquiries started", "52", "61", "61")
    observations = _observations(_pages([(60, "Monthly scorecard"), first]))
    assert sorted((o.period_type, o.period_start.isoformat(), o.value) for o in observations) == [
        ("financial_ytd", "2023-04-01", 61.0),
        ("month", "2023-03-01", 52.0),
        ("month", "2023-04-01", 61.0),
    ]


def test_sub_column_under_a_code_of_its_own_is_not_the_group_before():
    """Quirk: periods down the rows, an indicator's name printed once over its `n of N` and `%`
    sub-columns, then a column with a code of its own and no name over it in that row: its label
    is its own heading, not the name of the group before it."""
    table = Table([70, 60, 60, 110]).header("Code", "M4", "M4", "M5")
    table.group(("", 1), ("Conversion: ICPC to CP plan", 2), ("", 1))
    table.header("Month", "n of N", "%", "CPP rate per 10,000")
    for row in [
        ("05/2022", "16/16", "100%", "37.1"),
        ("06/2022", "17/17", "100%", "35.5"),
        ("07/2022", "14/15", "93%", "36.2"),
    ]:
        table.row(*row)
    observations = _observations(_pages([(60, "Child protection"), table], ruling="zebra_cells"))
    rates = {(o.indicator_label, o.code) for o in observations if o.value in (37.1, 35.5, 36.2)}
    conversions = {o.indicator_label for o in observations if o.value in (100.0, 93.0)}
    assert (
        len(rates) == 1
        and "Conversion" not in next(iter(rates))[0]
        and "CPP rate per 10,000" in next(iter(rates))[0]
    )
    assert all("Conversion: ICPC to CP plan" in label for label in conversions)


def test_equal_figures_in_two_rows_of_one_table_are_both_kept():
    """Quirk: a scorecard prints a count with its rate (`194 (45.8)`) and, in the next row, the rate
    on its own: the two 45.8s are two printed figures of two rows, not one number printed twice."""
    table = Table([170, 70, 70]).header("Measure", "Jan 2023", "Feb 2023")
    table.row("Child protection plans (children)", "189 (44.7)", "191 (45.1)")
    table.row("CPP rate per 10,000 (0-17)", "44.7", "45.1")
    observations = _observations(_pages([(60, "Monthly scorecard"), table]))
    rates = sorted(
        (o.indicator_label, o.value)
        for o in observations
        if o.unit == "rate_per_10k" or o.value < 100
    )
    assert rates == [
        ("CPP rate per 10,000 (0-17)", 44.7),
        ("CPP rate per 10,000 (0-17)", 45.1),
        ("Child protection plans (children)", 44.7),
        ("Child protection plans (children)", 45.1),
    ]


def _stacked_headings(pad: float) -> Table:
    """Periods down the rows under three header rows per indicator column: a code, a name wrapped
    to its own number of lines (centred in the row), a unit."""
    table = Table([70, 90, 90, 110], pad=pad)
    table.header("", "PI1", "PI2", "M3")
    table.header(
        "Month",
        "Number of\nreferrals",
        "Number of CIN",
        "A1: average days from\nentering care to\nmoving in with\nadopters",
    )
    table.header("Unit", "No.", "No.", "Avg days")
    for row in [
        ("Jan 2020", "189", "1,977", "554"),
        ("Feb 2020", "152", "1,465", "417"),
        ("Mar 2020", "516", "1,867", "538"),
    ]:
        table.row(*row)
    return table


def test_header_rows_stacked_in_a_borderless_table_stay_rows():
    """Quirk: no rules, periods down the rows, each indicator column headed by a code, a wrapped
    name and a unit set one under the other at the rows' padding: three header rows (the wrapped
    lines of a name one heading), not one heading merged from every line, which hid the names
    behind the units and read nothing."""
    for pad in (PAD, 6.0):
        doc = _document(_stacked_headings(pad), ruling="none")
        assert _rows(doc.grids[0])[:4] == [
            ["", "PI1", "PI2", "M3"],
            [
                "Month",
                "Number of referrals",
                "Number of CIN",
                "A1: average days from entering care to moving in with adopters",
            ],
            ["Unit", "No.", "No.", "Avg days"],
            ["Jan 2020", "189", "1,977", "554"],
        ], pad
    observations = _observations(
        _pages([(60, "Key indicators"), _stacked_headings(PAD)], ruling="none")
    )
    read = {(o.indicator_id, o.period_end.isoformat(), o.value) for o in observations}
    assert {
        ("referrals", "2020-01-31", 189.0),
        ("cin_children", "2020-02-29", 1465.0),
        ("adoption_a1_days", "2020-03-31", 538.0),
    } <= read
    assert len(observations) == 9


def test_code_and_name_columns_crossed_by_section_labels_stay_two_columns():
    """Quirk: a column of authority codes and a column of names set left beyond a wide gutter, the
    region section rows and the comparator rows' labels set from the code column across that
    gutter: still two columns (the crossing labels spanning them), not `840 Durham` in one cell
    that names no authority."""
    table = Table([40, 110, 60, 60], left=2).header("LA code", "Authority", "2021-22", "2022-23")
    table.section("North East")
    for row in [
        ("840", "Durham", "674.4", "540.6"),
        ("841", "Darlington", "392.2", "325.1"),
        ("390", "Gateshead", "634.0", "618.7"),
    ]:
        table.row(*row)
    table.section("North West")
    table.row("344", "Wirral", "356.4", "514.8").row("359", "Wigan", "448.4", "676.3")
    table.row("Statistical neighbours", "", "553.9", "631.3")
    rows = _rows(_document(table, ruling="none").grids[0])
    assert rows == [
        ["LA code", "Authority", "2021-22", "2022-23"],
        ["North East", "", "", ""],
        ["840", "Durham", "674.4", "540.6"],
        ["841", "Darlington", "392.2", "325.1"],
        ["390", "Gateshead", "634.0", "618.7"],
        ["North West", "", "", ""],
        ["344", "Wirral", "356.4", "514.8"],
        ["359", "Wigan", "448.4", "676.3"],
        ["Statistical neighbours<2>", "", "553.9", "631.3"],
    ]


def test_comparator_rows_left_alone_after_a_page_break_are_the_captions_benchmarks():
    """Quirk: an authorities-as-rows table whose neighbour-average and England rows fall on the
    next page, without the header and with the change and rank columns left blank (so fewer
    columns are printed): those rows lie under the table's columns and are its caption's
    benchmarks, not indicators called `Statistical neighbours` and `England`."""
    widths = [150, 60, 60, 60, 40]
    first = Table(widths, y=640).header("LA", "2014/15", "2015/16", "Change", "Rank")
    for row in [
        ("Sefton", "64.0", "62.7", "-1.3", "3"),
        ("St. Helens", "70.8", "69.8", "-1.0", "2"),
        ("Wigan", "68.4", "66.1", "-2.3", "4"),
        ("Wirral", "76.2", "74.8", "-1.4", "1"),
    ]:
        first.row(*row)
    rest = Table(widths[:3], y=40).row("Statistical neighbours", "67.1", "68.0")
    rest.row("England", "71.7", "71.2")
    observations = _observations(_pages([(600, "Long-term placement stability"), first], [rest]))
    assert {o.indicator_label for o in observations} == {"Long-term placement stability"}
    by_place = {(o.authority, o.measure, o.period_end.year): o.value for o in observations}
    assert by_place[("Wirral", "stat_neighbour_avg", 2016)] == 68.0
    assert by_place[("Wirral", "england_avg", 2015)] == 71.7
    assert by_place[("Sefton", "actual", 2015)] == 64.0
    assert len(observations) == 12


def test_heading_under_a_group_heading_beside_its_figure_heads_it():
    """Quirk: a quarter heading centred in its cell, clear of the one figure set right under it,
    with the year centred over that quarter and the next reaching into the figure's column: the
    quarter still heads the figure (a group heading above is not the column's own heading), not a
    column of its own with the year over the wrong pair."""
    table = Table([90, 55, 55, 55, 55, 70])
    table.group(("", 3), ("2020/21", 2), ("", 1))
    table.header("", "2018-19", "2019-20", "Qtr 1", "Qtr 2", "Target 2020/21")
    table.row("Actual", "2294", "563", "198", "195", "2167")
    table.row("SN avg", "1174", "2335", "", "", "")
    table.row("National", "2069", "2093", "", "", "")
    rows = _rows(_document(table, ruling="none").grids[0])
    assert rows[:3] == [
        ["", "2018-19", "2019-20", "2020/21<2>", "", "Target 2020/21"],
        ["", "", "", "Qtr 1", "Qtr 2", ""],
        ["Actual", "2294", "563", "198", "195", "2167"],
    ]


def test_comparator_rows_opening_the_rest_of_an_indicator_table_are_its_benchmarks():
    """Quirk: an exception report's table of one indicator (quarters across, a row of figures, its
    comparators, a trend row) cut by a page break, the comparator rows and the trend row's marks
    on the next page without the header or the columns left blank there: the comparators are the
    caption's benchmarks, the marks set between the figures' columns no obstacle to placing
    them."""
    widths = [110, 60, 50, 50, 50]
    first = Table(widths, y=660).group(("", 2), ("2016/17", 3))
    first.header("", "2015-16 outturn", "Q1", "Q2", "Q3")
    first.row("Performance", "516", "872", "681", "892").row("Target", "", "850", "850", "850")
    rest = Table(widths, y=40).row("Stat. neighbours", "724", "", "", "")
    rest.row("England", "1081", "", "", "").row("Trend", "", "Up", "Down", "Up")
    observations = _observations(_pages([(620, "Our children in care"), first], [rest]))
    figures = {
        (o.indicator_label, o.measure, o.period_end.isoformat(), o.value)
        for o in observations
        if o.value is not None
    }
    assert figures == {
        ("Our children in care", "actual", "2016-03-31", 516.0),
        ("Our children in care", "actual", "2016-06-30", 872.0),
        ("Our children in care", "actual", "2016-09-30", 681.0),
        ("Our children in care", "actual", "2016-12-31", 892.0),
        ("Our children in care", "target", "2016-06-30", 850.0),
        ("Our children in care", "target", "2016-09-30", 850.0),
        ("Our children in care", "target", "2016-12-31", 850.0),
        ("Our children in care", "stat_neighbour_avg", "2016-03-31", 724.0),
        ("Our children in care", "england_avg", "2016-03-31", 1081.0),
    }


def test_year_over_one_column_beside_a_year_over_four_is_one_group_row():
    """Quirk: two financial years centred over their quarters on one line, the second over a
    single quarter (so it spans nothing): both on the group row, the headings beside them running
    down the header, not the lone year made a header row of its own."""
    table = Table([150, 50, 50, 50, 50, 50, 70])
    table.group(("", 1), ("18/19", 4), ("19/20", 1), ("", 1))
    table.header(
        "Indicator", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Quarter 1", "Target"
    )
    table.row("C&F assessments completed", "411", "188", "360", "418", "449", "6584")
    table.row(
        "Children in care reviews within timescale %",
        "82.4%",
        "88.3%",
        "84.0%",
        "80.5%",
        "96.8%",
        "75%",
    )
    for ruling in ("none", "horizontal"):
        grid = _document(table, ruling=ruling).grids[0]
        rows = _rows(grid)
        assert rows[:2] == [
            ["Indicator", "18/19<4>", "", "", "", "19/20", "Target"],
            ["", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Quarter 1", ""],
        ], ruling
        assert next(c for c in grid.cells if c.text == "Indicator").rowspan == 2
    observations = _observations(_pages([(60, "Key performance indicators"), table]))
    assert ("2019-06-30", 449.0) in {(o.period_end.isoformat(), o.value) for o in observations}


def test_long_wrapped_label_line_inside_a_table_is_no_prose():
    """Quirk: a label wrapped so that one of its lines is a long run of ordinary words (`or more
    (%) (as recorded on the case management system)`), as wide as a sentence but ending left of
    the figures: it is the label's line, not prose ending the table (the rows after it were lost
    to a table of their own, their labels to its context)."""
    table = Table([250, 50, 50, 50]).header("KPI", "May 2017", "Jun 2017", "Jul 2017")
    table.row("Number of CIN", "3,099", "1,095", "3,150")
    table.row(
        "Children in care in the same placement for 2 years\nor more (%) (as recorded on the case "
        "management system)",
        "65.3%",
        "73.5%",
        "57.6%",
    )
    table.row("Children in care with three\nor more placement moves (%)", "14.5%", "7.8%", "6.2%")
    table.row("Agency social workers (%)", "27.2%", "27.9%", "23.2%")
    doc = _document(table, ruling="none")
    assert len(doc.grids) == 1
    assert [r[0] for r in _rows(doc.grids[0])] == [
        "KPI",
        "Number of CIN",
        "Children in care in the same placement for 2 years or more (%) (as recorded on the case "
        "management system)",
        "Children in care with three or more placement moves (%)",
        "Agency social workers (%)",
    ]


def test_year_centred_over_an_odd_number_of_months_spans_them():
    """Quirk: a financial year centred over seven months, narrower than one month's column, so
    it lies over the middle month only: still a group heading spanning all seven (it headed the
    middle month alone and the other six took no year)."""
    widths = [150] + [30] * 7
    table = Table(widths).group(("", 1), ("2018/19", 7))
    table.header("Indicator", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
    table.row("Number of completed assessments", "412", "198", "371", "295", "321", "178", "351")
    table.row("Number of S47s started", "84", "52", "84", "54", "157", "192", "157")
    rows = _rows(_document(table, ruling="none").grids[0])
    assert rows[:2] == [
        ["Indicator", "2018/19<7>", "", "", "", "", "", ""],
        ["", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"],
    ]


def test_code_between_two_sub_columns_heads_them_not_a_column_of_its_own():
    """Quirk: an indicator's code centred over its `No.` and `%` sub-columns, falling in the gap
    between their figures, with the sub-headings on a line below it: a heading over both (a
    group), not a heading-only column of its own that parted the two sub-columns from their
    name."""

    def line(top, *words):
        return [
            {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 7.5} for t, x0, x1 in words
        ]

    lines = [
        line(80, ("PI1", 137, 148), ("M3", 315, 326), ("KPI4", 392, 408)),
        line(102, ("Care", 294, 310), ("leavers", 313, 338), ("in", 340, 347)),
        line(111, ("Assessments", 118, 167), ("%", 376, 383), ("ICPCs", 385, 408)),
        line(124, ("No.", 293, 304), ("%", 339, 346)),
        line(
            140,
            ("December", 35, 69),
            ("2021", 71, 88),
            ("636", 127, 139),
            ("231", 302, 314),
            ("52.7%", 337, 358),
            ("94.2%", 408, 430),
        ),
        line(
            156,
            ("January", 35, 66),
            ("2022", 68, 85),
            ("493", 127, 139),
            ("29", 306, 314),
            ("49.3%", 337, 358),
            ("90.8%", 408, 430),
        ),
    ]
    rows = _rows(text_grids(lines, 1, 1)[0])
    assert rows[0] == ["", "PI1", "M3<2>", "", "KPI4"]
    assert rows[-2:] == [
        ["December 2021", "636", "231", "52.7%", "94.2%"],
        ["January 2022", "493", "29", "49.3%", "90.8%"],
    ]


def test_one_comparator_row_left_alone_on_the_next_page_is_still_read():
    """Quirk: a page break leaves a benchmarking table's last row (`National` and its figures)
    alone at the top of the next page, above the next table's title: a one-row rest of that
    table, its figures the caption's England average (a lone line was no table at all and its
    figures went to the next table's context)."""
    widths = [150, 60, 60, 40]
    first = Table(widths, y=700).header("LA", "2014/15", "2015/16", "Rank")
    for row in [
        ("Sefton", "64.0", "62.7", "3"),
        ("Wigan", "68.4", "66.1", "2"),
        ("Wirral", "76.2", "74.8", "1"),
        ("Statistical neighbours", "67.1", "68.0", ""),
    ]:
        first.row(*row)
    rest = Table(widths[:3], y=40).row("National", "71.7", "71.2")
    after = _authority_table(110, [("Sefton", "9.0", "9.7"), ("Wigan", "12.4", "11.7")])
    observations = _observations(
        _pages([(660, "Long-term placement stability"), first], [rest, (95, "Caseloads"), after])
    )
    by_place = {
        (o.indicator_label, o.authority, o.measure, o.period_end.year): o.value
        for o in observations
    }
    stability = "Long-term placement stability"
    assert by_place[(stability, "Wirral", "england_avg", 2016)] == 71.2
    assert by_place[(stability, "Wirral", "england_avg", 2015)] == 71.7
    assert by_place[("Caseloads", "Sefton", "actual", 2015)] == 9.0
    assert len(observations) == 14


def test_first_row_whose_label_is_centred_over_two_lines_beside_its_figures_is_a_row():
    """Quirk: the first indicator's label wrapped over two lines and centred on its figures, so
    the figures' line opens with a number and its label's first line lies just above it: that
    line is the first body row (the two rows before a row with its label on the figures' line
    were read as header)."""

    def line(top, *words):
        return [
            {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 7.5} for t, x0, x1 in words
        ]

    months = [("Mar", 178, 191), ("Apr", 221, 234), ("May", 264, 278)]
    lines = [
        line(79.8, ("Measure", 34, 64), *months),
        line(99.4, ("Re-referrals", 34, 73), ("within", 75, 95), ("12", 97, 105)),
        line(103.8, ("13.6%", 189, 210), ("17.4%", 231, 253), ("26.6%", 276, 298)),
        line(108.3, ("months", 34, 58), ("(%)", 60, 72)),
        line(127.9, ("Referrals", 34, 64), ("per", 66, 77)),
        line(132.4, ("440.2", 191, 210), ("663.9", 234, 253), ("697.0", 279, 298)),
        line(136.9, ("10,000", 34, 58), ("children", 60, 90)),
        line(
            156.4,
            ("Front", 34, 54),
            ("door", 56, 72),
            ("contacts", 74, 104),
            ("2,222", 189, 210),
            ("1,973", 232, 253),
            ("1,809", 277, 298),
        ),
        line(176.0, ("Children", 34, 64), ("subject", 66, 92), ("to", 94, 101)),
        line(180.5, ("a", 34, 38), ("second", 40, 64), ("plan", 66, 82)),
        line(185.0, ("16.9%", 189, 210), ("27.4%", 231, 253), ("27.0%", 276, 298)),
        line(189.5, ("in", 34, 40), ("two", 42, 55), ("years", 57, 76)),
        line(194.0, ("(%)", 34, 46)),
    ]
    assert _rows(text_grids(lines, 1, 1)[0]) == [
        ["Measure", "Mar", "Apr", "May"],
        ["Re-referrals within 12 months (%)", "13.6%", "17.4%", "26.6%"],
        ["Referrals per 10,000 children", "440.2", "663.9", "697.0"],
        ["Front door contacts", "2,222", "1,973", "1,809"],
        ["Children subject to a second plan in two years (%)", "16.9%", "27.4%", "27.0%"],
    ]


def test_year_over_quarters_after_the_title_between_two_tables_heads_them():
    """Quirk: exception reports stack small tables, each under its title and aim; the year printed
    alone over the next table's quarter columns, right after the title, is that table's group
    heading, not the tail of the title (OCR word boxes, no drawing hints)."""

    def line(top, *words):
        return [
            {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 9, "conf": 95}
            for t, x0, x1 in words
        ]

    quarters = [("Q1", 162, 174), ("Q2", 182, 195), ("Q3", 200, 211), ("Q4", 216, 228)]
    lines = [
        line(70, ("16/17", 182, 205)),
        line(78, ("14/15", 102, 124), ("15/16", 130, 153)),
        line(86, *quarters),
        line(100, ("Value", 35, 56), ("2863", 107, 125), ("2883", 136, 154), ("2771", 160, 178)),
        line(
            123,
            ("Commentary:", 33, 83),
            ("figures", 85, 112),
            ("may", 114, 129),
            ("change.", 131, 160),
        ),
        line(142, ("CPPS", 33, 54), ("CEASED", 56, 89), ("AFTER", 90, 117), ("2", 118, 124)),
        line(157, ("Aim:", 33, 48), ("Low", 50, 64)),
        line(170, ("16/17", 182, 205)),
        line(179, ("14/15", 103, 126), ("15/16", 131, 154)),
        line(186, *quarters),
        line(200, ("Value", 36, 57), ("2.6%", 107, 125), ("2.3%", 136, 154), ("3.0%", 159, 178)),
        line(
            214, ("Stat.", 36, 53), ("Neighbours", 55, 98), ("4.3%", 107, 126), ("4.2%", 135, 154)
        ),
    ]
    grids = text_grids(lines, 2, 1)
    assert len(grids) == 2
    for grid in grids:
        assert "16/17<4>" in _rows(grid)[0]


def test_first_label_line_above_figures_centred_between_wrapped_lines_is_a_row():
    """Quirk: labels wrapped over two or four lines, their figures centred between two of them, so
    label-only lines of two rows (a row's last line, the next row's first) follow each other as
    often as the lines of one label: the gap between rows was taken for the gap between a label's
    lines, and the first row's first line was read as a header line of its own."""
    table = Table([100, 60, 60, 60], pad=5).header("KPI", "Apr 2019", "May 2019", "Jun 2019")
    rows = [
        ("Referrals to CSC\n(rolling 12 months)", "309", "432", "306"),
        ("Contacts to the\nfront door", "1,204", "1,310", "1,198"),
        ("Children in care\nreviews within\ntimescale (as\nrecorded)", "80.3%", "97.5%", "83.4%"),
        ("Children on a\nprotection plan", "412", "398", "405"),
        ("Re-referrals in\n12 months (%)", "21.4%", "19.8%", "22.0%"),
    ]
    for row in rows:
        table.row(*row)
    doc = _document(table, ruling="none")
    assert _rows(doc.grids[0]) == [["KPI", "Apr 2019", "May 2019", "Jun 2019"]] + [
        [row[0].replace("\n", " "), *row[1:]] for row in rows
    ]


def _narrow_kpi_columns() -> Table:
    """Periods down the rows, indicators across in narrow columns: each heading centred over its
    column, the wrapped names of neighbouring columns set a little more than a word space apart."""
    table = (
        Table([60, 72, 72, 72, 72, 72])
        .header("Month", "KPI1", "PI2", "KPI3", "PI4", "PI5")
        .header(
            "",
            "Front door contacts",
            "% assessments\ncompleted within 45\nworking days",
            "Children on a\nchild protection plan",
            "Repeat plans\nchild protection\n(%)",
            "Social work posts\nfilled by agency\nstaff (%)",
        )
        .header("", "Number", "Percent", "Number", "Percent", "Percent")
    )
    for row in [
        ("Apr 2022", "1,204", "88%", "412", "21%", "17%"),
        ("May 2022", "1,310", "71%", "398", "19%", "25%"),
        ("Jun 2022", "1,198", "93%", "405", "22%", "20%"),
    ]:
        table.row(*row)
    return table


def test_wrapped_names_of_neighbouring_narrow_columns_are_cut_at_their_centres():
    """Quirk: indicator names wrapped over two to three lines in narrow borderless columns; a
    one-line name sits level with its neighbour's middle line, the two strings a little over a word
    space apart with no space character between (`contactscompleted`), and the line was read as
    one heading spanning both columns. Each piece is centred over the codes and units of its own
    column, so the line is cut there."""
    doc = _document(_narrow_kpi_columns(), ruling="none")
    assert _rows(doc.grids[0])[:3] == [
        ["Month", "KPI1", "PI2", "KPI3", "PI4", "PI5"],
        [
            "",
            "Front door contacts",
            "% assessments completed within 45 working days",
            "Children on a child protection plan",
            "Repeat plans child protection (%)",
            "Social work posts filled by agency staff (%)",
        ],
        ["", "Number", "Percent", "Number", "Percent", "Percent"],
    ]


def test_group_heading_over_two_columns_is_not_cut():
    """A group heading centred over two columns is no pair of headings: its words centre on
    neither column's headings, so it still spans both."""
    table = Table([100, 60, 60]).group(("", 1), ("Children in care", 2))
    table.header("Indicator", "Number", "Rate")
    table.row("March 2022", "412", "61.2").row("March 2023", "398", "59.8")
    assert _rows(_document(table, ruling="none").grids[0])[:2] == [
        ["Indicator", "Children in care<2>", ""],
        ["", "Number", "Rate"],
    ]


def test_last_benchmark_row_and_a_row_of_marks_after_a_page_break_are_the_tables_rest():
    """Quirk: an exception report's small table cut by a page break leaves its England row (one
    figure) and a row of RAG marks at the top of the next page: one figure was too few for a
    table, so the England average was lost."""
    widths = [150, 60, 60, 60]
    first = Table(widths, y=730).header("", "2015-16", "Quarter 1", "Quarter 2")
    first.row("Performance", "516", "872", "681").row("Stat. neighbours", "724", "", "")
    rest = Table(widths, y=40).row("England", "1081", "", "").row("RAG", "G", "A", "R")
    observations = _observations(
        _pages([(700, "Our children in care"), first], [rest, (120, "The service continues.")])
    )
    by_measure = {(o.measure, o.period_end.year): o.value for o in observations}
    assert by_measure[("england_avg", 2016)] == 1081
    assert by_measure[("stat_neighbour_avg", 2016)] == 724


def test_month_headings_a_word_space_apart_over_their_own_figures_are_two_headings():
    """Quirk: on a tightly spaced scan a gap of a word space (relative to the type) joins a
    heading's words, but two month headings set that close (`Aug'21` `Sep'21`) each lie over a
    column of figures of its own: they are two headings, not one over two columns."""
    months = [("Aug'21", 200), ("Sep'21", 223.6), ("Oct'21", 255)]
    lines = [_words(100, ("Indicator", 40), *months, char=3.5, space=1.0, height=8.0)]
    for top, name, figures in [
        (112, "Re-referrals", ("6.7%", "5.3%", "5.9%")),
        (124, "Repeat plans", ("8.1%", "7.7%", "7.9%")),
        (136, "Plans over 2 years", ("3.8%", "4.0%", "4.3%")),
    ]:
        set_right = [(f, x + 21 - 3.5 * len(f)) for f, (_, x) in zip(figures, months)]
        lines.append(_words(top, (name, 40), *set_right, char=3.5, space=1.0, height=8.0))
    rows = _rows(text_grids(lines, 1, 1)[0])
    assert rows[0] == ["Indicator", "Aug'21", "Sep'21", "Oct'21"]
    assert rows[1] == ["Re-referrals", "6.7%", "5.3%", "5.9%"]


def test_a_line_of_specks_under_the_header_does_not_join_the_first_label_to_it():
    """Quirk: a scan's rule under the header, also read as a speck (`os`, a fifth of a line
    high), sat between the header and the first label line: the speck's line lay below the rule,
    so nothing parted it from the label's first line, which was joined to the header through it
    (the label lost its first half)."""

    def line(top, *words, height=8.0):
        return [
            {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + height}
            for t, x0, x1 in words
        ]

    heads = [("Indicator", 40, 76), ("Aug'21", 200, 221), ("Sep'21", 240, 261)]
    lines = [
        line(100, *heads),
        line(109.5, ("os", 215, 218), height=1.5),
        line(111.5, ("Children", 40, 68), ("becoming", 71, 102), ("subject", 105, 130)),
        line(116.5, ("6.7%", 207, 221), ("5.3%", 247, 261)),
        line(121.5, ("a", 40, 43.5), ("second", 46, 67), ("time", 70, 84)),
        line(133, ("Plans", 40, 57.5), ("over", 60, 74), ("3.8%", 207, 221), ("4.0%", 247, 261)),
        line(145, ("Repeat", 40, 61), ("plans", 64, 81.5), ("7.7%", 207, 221), ("7.9%", 247, 261)),
    ]
    rule = Hints(h_rules=[(109.6, 30.0, 300.0)])
    assert _rows(text_grids(lines, 1, 1, rule)[0])[:2] == [
        ["Indicator", "Aug'21", "Sep'21"],
        ["Children becoming subject a second time", "6.7%", "5.3%"],
    ]
