"""EES geography columns for an authority, a region (E12) or England (E92), from the authorities
list."""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache

from authorities import all_authorities, name_key, resolve

GEOGRAPHY_COLUMNS = [
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
]
ENGLAND = ("E92000001", "England")
NOT_AVAILABLE = ("x", "Not available")  # the standard's code and name for an unknown place


@cache
def regions() -> dict[str, str]:
    """Region code -> region name, as the authorities list gives them."""
    return {a.region_code: a.region_name for a in all_authorities() if a.region_code}


def _row(
    level: str,
    country: tuple[str, str] = ENGLAND,
    region: tuple[str, str] = ("", ""),
    la: tuple[str, str, str] = ("", "", ""),
) -> dict[str, str]:
    return dict(zip(GEOGRAPHY_COLUMNS, (level, *country, *region, *la)))


def _region_named(name: str) -> str:
    key = name_key(name)
    return next((code for code, region in regions().items() if name_key(region) == key), "")


@lru_cache(maxsize=4096)
def geography(
    la_code: str, authority: str, old_la_code: str = "", on: date | None = None
) -> dict[str, str]:
    """The geographic_level, country, region and LA columns of one row ('x' where a code is
    unknown)."""
    if la_code.startswith("E92") or (
        not la_code and name_key(authority) in ("england", "national")
    ):
        code = la_code or ENGLAND[0]
        return _row("National", (code, ENGLAND[1] if code == ENGLAND[0] else authority))
    region_code = (
        la_code if la_code.startswith("E12") else ("" if la_code else _region_named(authority))
    )
    if region_code:
        return _row("Regional", region=(region_code, regions().get(region_code, authority)))
    found = (resolve(la_code, on) if la_code else None) or (
        resolve(authority, on) if authority else None
    )
    if found is None:
        return _row(
            "Local authority",
            region=NOT_AVAILABLE,
            la=(la_code or "x", old_la_code or "x", authority or NOT_AVAILABLE[1]),
        )
    return _row(
        "Local authority",
        region=(found.region_code, found.region_name),
        la=(
            la_code or found.new_la_code or "x",
            old_la_code or found.old_la_code or "x",
            authority or found.name,
        ),
    )
