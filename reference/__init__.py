"""The official reference tables in data/reference/: statistical neighbours, under-18 population,
published figures."""

from reference.neighbours import Neighbour, neighbour_versions, statistical_neighbours
from reference.population import population_frame, under18_population
from reference.published import (
    PUBLISHED_PATH,
    published_frame,
    published_measures,
    published_omissions,
)

__all__ = [
    "PUBLISHED_PATH",
    "Neighbour",
    "neighbour_versions",
    "population_frame",
    "published_frame",
    "published_measures",
    "published_omissions",
    "statistical_neighbours",
    "under18_population",
]
