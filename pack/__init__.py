"""The board pack: next month's performance book generated from the store (PDF, Word and Excel)."""

from pack.assemble import Pack, Section, build_pack
from pack.figure import Figure
from pack.render import render_pack, write_pack
from pack.template import Item, Template, default_template, from_json

__all__ = [
    "Figure",
    "Item",
    "Pack",
    "Section",
    "Template",
    "build_pack",
    "default_template",
    "from_json",
    "render_pack",
    "write_pack",
]
