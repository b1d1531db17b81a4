"""Decisions a reviewer takes on one row: exclude it, correct its value, change its measure or
period.

Each is recorded with who took it, when, and what the row held before: a changed row keeps the
original in its note and carries the `corrected` flag into the store and every export; an excluded
row is left out of what is saved, and the document's warnings say which row it was and who excluded
it.

"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from interpreter.flags import CORRECTED, EXCLUDED
from interpreter.observation import MEASURES, Observation, add_flag, format_number
from interpreter.printed_periods import find_period

KINDS = ("exclude", "value", "measure", "period")


@dataclass(frozen=True)
class RowDecision:
    """One reviewer's decision on the row at `row` of a pending document."""

    row: int
    kind: str  # one of KINDS
    new: str  # the new value, measure or period as typed ('' for exclude)
    original: str  # what the row held: its value, measure or period
    by: str
    at: datetime

    def sentence(self, obs: Observation) -> str:
        """The decision in plain words, naming the row."""
        what = {
            "exclude": "excluded",
            "value": f"value corrected from {self.original} to {self.new}",
            "measure": f"measure changed from {self.original} to {self.new}",
            "period": f"period changed from {self.original} to {self.new}",
        }[self.kind]
        row = (
            f"{obs.indicator_label} ({period_text(obs)}, "
            f"{obs.source_location or 'row ' + str(self.row + 1)})"
        )
        return f"{row}: {what} by {self.by} at {self.at:%Y-%m-%d %H:%M} UTC"


def decide(
    obs: Observation, row: int, kind: str, new: str, by: str, now: datetime | None = None
) -> RowDecision:
    """The decision to take on a row; ValueError with a sentence when the new value cannot be
    used."""
    if kind not in KINDS:
        raise ValueError(f"'{kind}' is not a decision on a row ({', '.join(KINDS)}).")
    new = str(new or "").strip()
    if kind == "value":
        _number(new)
    elif kind == "measure" and new not in MEASURES:
        raise ValueError(f"'{new}' is not a measure; choose one of {', '.join(MEASURES)}.")
    elif kind == "period":
        _period(new)
    original = {
        "exclude": format_number(obs.value),
        "value": format_number(obs.value),
        "measure": obs.measure,
        "period": period_text(obs),
    }[kind]
    return RowDecision(row, kind, new, original, by, now or datetime.now(UTC))


def applied(obs: Observation, decision: RowDecision) -> Observation:
    """A copy of the row with the decision taken on it (an exclusion only flags it `excluded`)."""
    changed = replace(obs)
    if decision.kind == "value":
        changed.value = _number(decision.new)
    elif decision.kind == "measure":
        changed.measure = decision.new
    elif decision.kind == "period":
        period = _period(decision.new)
        changed.period_type, changed.period_start, changed.period_end = (
            period.type,
            period.start,
            period.end,
        )
    flag = EXCLUDED if decision.kind == "exclude" else CORRECTED
    add_flag(changed, flag)
    if decision.kind != "exclude":
        changed.note = "; ".join(filter(None, [obs.note, _note(decision)]))
    return changed


def period_text(obs: Observation) -> str:
    """A row's period as a reviewer reads it: `2017-01`, `2016-17`, or its dates."""
    if not obs.period_end:
        return "no period"
    if obs.period_type == "month":
        return f"{obs.period_end:%Y-%m}"
    if obs.period_type == "financial_year":
        return f"{obs.period_end.year - 1}-{obs.period_end:%y}"
    start = f"{obs.period_start.isoformat()} to " if obs.period_start else ""
    return f"{start}{obs.period_end.isoformat()}"


def _note(decision: RowDecision) -> str:
    return (
        f"{decision.kind} corrected by {decision.by} at {decision.at:%Y-%m-%d %H:%M} UTC; "
        f"printed {decision.original or 'blank'}"
    )


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "").rstrip("%"))
    except ValueError:
        raise ValueError(
            f"'{text}' is not a number; type the figure as printed, such as 7.7 or 1,204."
        ) from None


def _period(text: str):
    found = find_period(text)
    if found is None or found.period is None:
        raise ValueError(
            f"'{text}' is not a period perfbooks reads; type one such as 2017-01, Jan-17 or "
            "2016-17."
        )
    return found.period
