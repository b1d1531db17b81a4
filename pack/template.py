"""A pack template: which indicators, in what order, with what section titles, targets and
commentary."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import pandas as pd

from store import Selection

SECTIONS = ("cover", "summary", "indicators")


@dataclass(frozen=True)
class Item:
    """One indicator of the pack. `target` and `red` are rules as reports print them ('95%+',
    '<92%', '+/-5 of 52.3', 'more than +/-10'); when set they replace the report's own for the
    pack's year. `commentary` is the analyst's text (blank: the facts are offered)."""

    indicator_id: str
    title: str = ""
    target: str = ""
    red: str = ""
    commentary: str = ""


@dataclass(frozen=True)
class Template:
    """A saved pack layout for an authority."""

    authority: str
    name: str = "default"
    items: tuple[Item, ...] = ()
    sections: tuple[str, ...] = SECTIONS
    title: str = "Children's social care performance"

    def __post_init__(self):
        unknown = set(self.sections) - set(SECTIONS)
        if unknown:
            raise ValueError(
                f"unknown pack sections {sorted(unknown)}: choose from {', '.join(SECTIONS)}"
            )

    @property
    def indicators(self) -> list[str]:
        return [item.indicator_id for item in self.items]

    def item(self, indicator: str) -> Item:
        return next((i for i in self.items if i.indicator_id == indicator), Item(indicator))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def from_json(text: str) -> Template:
    """A template from its JSON (as `Template.to_json` writes it)."""
    data = json.loads(text)
    items = tuple(Item(**item) for item in data.pop("items", ()))
    return Template(**{**data, "items": items, "sections": tuple(data.get("sections", SECTIONS))})


def default_template(store, authority: str) -> Template:
    """The indicators of the authority's last report uploaded, in the order it printed them (its
    monthly figures first); no report: an empty template."""
    docs = store.documents(source="report")
    rows = store.observations(Selection(source="reports", vintage="all", authority=authority))
    mine = docs[docs["document_id"].isin(set(rows["document_id"]))]
    if mine.empty:
        return Template(authority)
    last = mine.sort_values(["ingested_at", "document_id"]).iloc[-1]["document_id"]
    printed = rows[
        (rows["document_id"] == last)
        & (rows["measure"] == "actual")
        & (rows["indicator_id"].fillna("") != "")
    ]
    return Template(authority, items=tuple(Item(i) for i in _ordered(printed)))


def _ordered(printed: pd.DataFrame) -> list[str]:
    """Indicator ids with monthly figures first, each in the order the report printed them."""
    monthly = printed["period_type"] == "month"
    first = list(dict.fromkeys(printed[monthly]["indicator_id"]))
    return first + [i for i in dict.fromkeys(printed["indicator_id"]) if i not in first]


def saved_template(store, authority: str, name: str = "default") -> Template | None:
    """The authority's saved template of this name, or None."""
    body = store.pack_template(authority, name)
    return from_json(body) if body else None


def save_template(store, template: Template) -> None:
    store.save_pack_template(template.authority, template.name, template.to_json())


def template_for(store, authority: str, name: str | None = None) -> Template:
    """The named saved template (ValueError when there is none), else the saved 'default', else the
    indicators of the last report."""
    if name:
        found = saved_template(store, authority, name)
        if found is None:
            raise ValueError(f"{authority} has no saved pack template named {name!r}")
        return found
    return saved_template(store, authority) or default_template(store, authority)
