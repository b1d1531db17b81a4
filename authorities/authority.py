"""The Authority record and the committed reference tables it is loaded from."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"


@dataclass(frozen=True)
class Authority:
    """One English local authority with children's services responsibility, under one ONS code."""

    name: str
    new_la_code: str
    old_la_code: str  # blank for the pre-2009 counties that the DfE never coded
    region_code: str
    region_name: str
    la_type: str
    start_date: date | None
    end_date: date | None
    variants: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The official name followed by its variants."""
        return (self.name, *self.variants)

    def days_from(self, day: date) -> int:
        """0 when the authority existed on day, else how many days before or after it did."""
        if self.start_date and day < self.start_date:
            return (self.start_date - day).days
        if self.end_date and day > self.end_date:
            return (day - self.end_date).days
        return 0


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _authority(row: dict[str, str]) -> Authority:
    return Authority(
        name=row["la_name"],
        new_la_code=row["new_la_code"],
        old_la_code=row["old_la_code"],
        region_code=row["region_code"],
        region_name=row["region_name"],
        la_type=row["la_type"],
        start_date=_day(row["start_date"]),
        end_date=_day(row["end_date"]),
        variants=tuple(v for v in row["name_variants"].split("|") if v),
    )


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, newline="", encoding="utf-8") as fp:
        return list(csv.DictReader(fp))


@cache
def all_authorities() -> tuple[Authority, ...]:
    """Every authority in data/reference/local_authorities.csv, read once."""
    return tuple(_authority(row) for row in _rows("local_authorities.csv"))


@cache
def region_names() -> tuple[str, ...]:
    """Every region name and variant in data/reference/regions.csv."""
    rows = _rows("regions.csv")
    return tuple(n for row in rows for n in (row["region_name"], *row["variants"].split("|")) if n)
