"""Writing a pack as PDF, Word or Excel, chosen by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from pack.assemble import Pack
from pack.chart import chart_png

FORMATS = ("pdf", "docx", "xlsx")


def charts(pack: Pack) -> dict[str, bytes]:
    """Each section's chart as PNG, by indicator id."""
    return {s.row.indicator_id: chart_png(s.chart) for s in pack.sections}


def render_pack(pack: Pack, fmt: str, pngs: dict[str, bytes] | None = None) -> bytes:
    """The pack as the bytes of a PDF, a Word document or an Excel workbook (the summary)."""
    if fmt == "xlsx":
        from pack.excel import pack_workbook

        return pack_workbook(pack)
    if fmt not in FORMATS:
        raise ValueError(f"a pack is written as {', '.join(FORMATS)}, not {fmt!r}")
    pngs = charts(pack) if pngs is None else pngs
    if fmt == "docx":
        from pack.word import pack_document

        return pack_document(pack, pngs)
    from pack.html import pack_html
    from pack.pdf import html_to_pdf

    return html_to_pdf(pack_html(pack, pngs))


def write_pack(pack: Pack, path: Path) -> Path:
    """Write the pack to `path`; its suffix (.pdf, .docx, .xlsx) chooses the format."""
    path = Path(path)
    path.write_bytes(render_pack(pack, path.suffix.lower().lstrip(".")))
    return path
