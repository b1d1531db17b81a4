"""An observation's flags: the remarks on how its figure was printed, read, checked or decided.

In memory they are one immutable `Flags`; only the store and the exports see them as text, the
comma-joined `flags` column (`Flags.text`, read back with `Flags.parse`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# what the cell printed beside or around its number (interpreter/values.py)
REVISED = "revised"  # marked revised: `(r)`
PROVISIONAL = "provisional"  # marked provisional: `(p)`, `prov.`
ESTIMATE = "estimate"  # marked an estimate: `(e)`, `est.`
FOOTNOTE = "footnote"  # a footnote mark after the number: `*`, `¹`, `†`
OF = "of"  # printed as counts, `206 of 492`: the percentage is worked out from them
PAIR = "pair"  # one of two figures printed as `2,774 (955.6)`: a number and its rate
TOLERANCE = "tolerance"  # a target printed with its tolerance: `+/- 5% of 60`
COMPARATOR = "comparator"  # a threshold rather than a figure: `< 20`, `60%+`
PER_PERIOD = "per_period"  # a figure for each period: `12 per month`
SUFFIX = "suffix"  # words printed after the number: `591 LAC`
# a count printed beside its percentage under one label (interpreter/table_observations.py)
COUNT_BESIDE_PERCENT = "count_beside_percent"

# how the interpreter read the figure
TABLE_NUMBERS_NOT_READ = "table_numbers_not_read"  # its table prints numbers that were not read
YEAR_FROM_REPORT_DATE = "year_from_report_date"  # a month printed without its year: the report's
LAYOUT_RULE = "layout_rule:"  # read with a taught layout: this prefix, then the rule's id

# checks the figure failed (interpreter/checks.py)
PERCENT_OVER_100 = "percent_over_100"  # a percentage above 100
RATE_DISAGREES = "rate_disagrees"  # a rate its own printed count and denominator contradict
COUNT_SAYS_PERCENT = "count_says_percent"  # a count whose label or indicator says percent
BENCHMARK_LABEL = "benchmark_label"  # an actual whose label names a benchmark
MAGNITUDE_JUMP = "magnitude_jump"  # ten times above or below the months around it
BENCHMARK_AS_ACTUAL = "benchmark_as_actual"  # an actual equal to its printed benchmark, repeatedly

# what a reviewer decided (review/decisions.py)
CORRECTED = "corrected"  # its value, measure or period corrected by a person
EXCLUDED = "excluded"  # left out by a person: not saved


def layout_rule(rule_id: int) -> str:
    """The flag of a figure read with the taught layout rule `rule_id`."""
    return f"{LAYOUT_RULE}{rule_id}"


@dataclass(frozen=True)
class Flags:
    """Flag names, once each, in the order the stored text lists them: what was printed and how it
    was read in order of name (`|`), then the checks failed in the order they ran (`then`)."""

    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, *names: str) -> Flags:
        """These flags in order of name."""
        return cls(tuple(sorted(set(names))))

    @classmethod
    def parse(cls, text: str | None) -> Flags:
        """The flags a stored or exported `flags` cell lists, in its order."""
        return cls(tuple(dict.fromkeys(filter(None, (text or "").split(",")))))

    def text(self) -> str:
        """The comma-joined text the store and the exports keep."""
        return ",".join(self.names)

    def __or__(self, other: Iterable[str]) -> Flags:
        """These flags and others, all in order of name (as a flag is added)."""
        return Flags.of(*self.names, *other)

    def __and__(self, other: Iterable[str]) -> frozenset[str]:
        return frozenset(self.names) & frozenset(other)

    def then(self, names: Iterable[str]) -> Flags:
        """These flags followed by those of `names` not yet among them, in the order given."""
        return Flags(tuple(dict.fromkeys((*self.names, *names))))

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)
