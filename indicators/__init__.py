"""The indicator catalogue and the mapping of printed labels to its ids."""

from indicators.catalogue import (
    ALIASES_CSV,
    CATALOGUE_CSV,
    Catalogue,
    Indicator,
    LabelMatch,
    MatchSettings,
    load_catalogue,
    match_label,
    read_aliases,
    read_indicators,
)

__all__ = [
    "ALIASES_CSV",
    "CATALOGUE_CSV",
    "Catalogue",
    "Indicator",
    "LabelMatch",
    "MatchSettings",
    "load_catalogue",
    "match_label",
    "read_aliases",
    "read_indicators",
]
