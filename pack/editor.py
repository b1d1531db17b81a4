"""A template as an editable table (one row per indicator, ticked if in the pack) and back."""

from __future__ import annotations

import pandas as pd

from extractors.grid import fold
from indicators import load_catalogue
from pack.template import Item, Template

EDITOR_COLUMNS = [
    "include",
    "order",
    "indicator_id",
    "name",
    "title",
    "target",
    "red",
    "commentary",
]
TEXT = ["title", "target", "red", "commentary"]


def editor_frame(template: Template, available: list[str]) -> pd.DataFrame:
    """The template's indicators in order (ticked), then the authority's other indicators
    (unticked)."""
    catalogue = load_catalogue()
    chosen = list(template.items) + [Item(i) for i in available if i not in template.indicators]
    rows = [
        {
            "include": item.indicator_id in template.indicators,
            "order": n,
            "indicator_id": item.indicator_id,
            "name": catalogue.indicator(item.indicator_id).name
            if item.indicator_id in catalogue.ids()
            else "",
            **{k: getattr(item, k) for k in TEXT},
        }
        for n, item in enumerate(chosen, start=1)
    ]
    return pd.DataFrame(rows, columns=EDITOR_COLUMNS)


def from_editor(
    template: Template, frame: pd.DataFrame, name: str, sections, title: str
) -> Template:
    """The ticked rows, by their order number (ties in the table's order), as a template of this
    name."""
    ticked = frame[frame["include"].fillna(False).astype(bool)]
    ticked = ticked.assign(_at=range(len(ticked))).sort_values(["order", "_at"], na_position="last")
    items = [
        Item(str(r["indicator_id"]), **{k: _text(r.get(k)) for k in TEXT})
        for _, r in ticked.iterrows()
    ]
    return Template(
        template.authority,
        fold(name) or "default",
        tuple(items),
        tuple(sections),
        fold(title) or template.title,
    )


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else fold(value)
