"""Build Grids for tests from lists of row lists of strings.

`grid(rows, spans={(r, c): (rowspan, colspan)})`: each string becomes a Cell at its row and column;
`None` marks a position covered by a spanning cell (no Cell is made there).
"""

from __future__ import annotations

from extractors.csvfile import column_letter  # noqa: E402  (one definition of spreadsheet column letters)
from extractors.grid import Cell, Grid


def grid(
    rows: list[list[str | None]],
    spans: dict[tuple[int, int], tuple[int, int]] | None = None,
    page: int | None = 1,
    sheet: str | None = None,
    index: int = 1,
    context: list[str] | None = None,
    values: dict[tuple[int, int], tuple[object, str]] | None = None,
) -> Grid:
    """A Grid of the strings in rows; `values` gives typed (value, number_format) for workbook
    cells."""
    spans, values = spans or {}, values or {}
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            value, fmt = values.get((r, c), (None, ""))
            ref = f"{column_letter(c)}{r + 1}" if sheet is not None else ""
            cells.append(
                Cell(
                    row=r,
                    col=c,
                    text=text,
                    value=value,
                    number_format=fmt,
                    rowspan=rowspan,
                    colspan=colspan,
                    ref=ref,
                )
            )
    return Grid(
        cells=cells,
        page=None if sheet is not None else page,
        sheet=sheet,
        index=index,
        context=list(context or []),
    )


def ruled_pdf(
    path, pages: list[list[tuple]], widths: dict[int, float] | None = None, font_size: float = 7
) -> None:
    """Write a PDF whose pages hold ruled tables drawn from the same notation as `grid`.

    Each page is a list of items: a string is a line of text printed before the next table; a tuple
    (rows, spans) is a ruled table. `widths` maps a column index to its width in mm (default 18).
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    for items in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=font_size)
        y = 12.0
        for item in items:
            if isinstance(item, str):
                pdf.set_xy(10, y)
                pdf.cell(200, 6, item)
                y += 8
            else:
                y = _ruled_table(pdf, y, *item, widths=widths or {}) + 8
    pdf.output(str(path))


def _ruled_table(pdf, y0: float, rows, spans=None, widths=None, row_h: float = 7.0) -> float:
    spans = spans or {}
    n_cols = max(len(r) for r in rows)
    xs = [10.0]
    for c in range(n_cols):
        xs.append(xs[-1] + widths.get(c, 18.0))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            pdf.set_xy(xs[c], y0 + r * row_h)
            pdf.cell(xs[c + colspan] - xs[c], rowspan * row_h, text, border=1, align="C")
    return y0 + len(rows) * row_h
