"""A Southampton-style monthly scorecard as a PDF: a ruled table per page, months across,
comparators at the right."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from samples import figures_southampton as fig
from samples.stable import STAMP

HEADER = ("Ref", "Indicator") + fig.MONTHS + fig.COMPARATORS
WIDTHS = (14, 70) + (11,) * len(fig.MONTHS) + (12.5,) * len(fig.COMPARATORS)
ALIGN = ("CENTER", "LEFT") + ("CENTER",) * (len(HEADER) - 2)
PAGES = (
    ("Front door, referrals and assessments", fig.INDICATORS[:7]),
    ("Child protection, children looked after and care leavers", fig.INDICATORS[7:]),
)


def write_scorecard(path: Path) -> Path:
    """Write the PDF to `path` (byte-identical on every run)."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_creation_date(STAMP)
    pdf.set_title("Southampton Children and Families monthly dataset, June 2018 (perfbooks sample)")
    pdf.set_author("perfbooks samples")
    pdf.set_auto_page_break(True, margin=10)
    pdf.set_margins(10, 10, 10)
    for heading, rows in PAGES:
        pdf.add_page()
        _titles(pdf, heading)
        _table(pdf, rows)
    pdf.output(str(path))
    return path


def _titles(pdf: FPDF, heading: str) -> None:
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(
        0, 7, "Southampton City Council - Children and Families", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, f"Monthly dataset: Jun-18. {heading}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 7)
    pdf.cell(
        0,
        5,
        (
            "Comparators: Stat. Neighbour, England and SE region averages (updated Nov-17, using "
            "16-17 data)."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)


def _table(pdf: FPDF, rows) -> None:
    pdf.set_font("Helvetica", "", 6)
    with pdf.table(
        col_widths=WIDTHS,
        text_align=ALIGN,
        line_height=3.2,
        first_row_as_headings=True,
        headings_style=_heading_style(),
    ) as table:
        table.row(HEADER)
        for ref, label, months, comparators in rows:
            table.row([ref, label] + [_text(v) for v in months + comparators])


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(217, 225, 242))


def _text(value) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else str(value)
