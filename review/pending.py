"""One uploaded file held for review: its extraction, the reviewer's edits, and saving it.

Every `with_*` function returns a new PendingDocument with copied observations; the one passed in is
left as it was, so a page can keep the previous state (undo) or discard it (reject).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from extractors.grid import fold
from interpreter.flags import EXCLUDED, PAIR
from interpreter.observation import Observation
from pipeline import ExtractResult
from review.decisions import RowDecision, applied, decide

# units the interpreter lets the catalogue override (interpreter/indicator_match.py)
PLAIN_NUMBERS = {"count", "average", "days"}
CONFIRMED = 1.0  # confidence of a row whose indicator a person chose

__all__ = [
    "PendingDocument",
    "accept",
    "authority_of",
    "pending_from_upload",
    "report_date_of",
    "saved_result",
    "with_authority",
    "with_indicator",
    "with_report_date",
    "with_row_decision",
]


@dataclass(frozen=True)
class PendingDocument:
    """An uploaded file not yet saved: its bytes, what was extracted, and the labels a person
    mapped."""

    name: str
    content: bytes = field(repr=False)
    result: ExtractResult = field(repr=False)
    # printed label -> indicator id chosen by a person
    confirmed: dict[str, str] = field(default_factory=dict)
    # table fingerprint -> LayoutRule a person set (review/layout.py)
    layouts: dict = field(default_factory=dict)
    # confirmed labels the person chose not to teach as aliases
    this_report_only: frozenset[str] = frozenset()
    decisions: tuple[RowDecision, ...] = ()  # row decisions, in the order they were taken

    @property
    def observations(self) -> list[Observation]:
        return self.result.observations


def pending_from_upload(name: str, content: bytes, result: ExtractResult) -> PendingDocument:
    """Hold an upload and its extraction for review."""
    return PendingDocument(name, content, result)


def authority_of(doc: PendingDocument) -> str:
    """The authority most of the document's observations name ('' when none)."""
    named = Counter(o.authority for o in doc.observations if o.authority)
    return named.most_common(1)[0][0] if named else ""


def report_date_of(doc: PendingDocument) -> date | None:
    """The latest report date (vintage) of the document's observations."""
    return max((o.report_date for o in doc.observations if o.report_date), default=None)


def with_authority(doc: PendingDocument, authority: str) -> PendingDocument:
    """Every observation given this authority and its codes; ValueError with a sentence when the
    name is unknown."""
    from authorities import resolve

    found = resolve(authority, report_date_of(doc)) if authority and authority.strip() else None
    if found is None:
        raise ValueError(
            f"'{fold(authority)}' is not an English local authority that perfbooks knows; "
            "check the spelling or choose one from the list."
        )

    def change(obs: Observation) -> None:
        obs.authority, obs.la_code, obs.old_la_code = (
            found.name,
            found.new_la_code,
            str(found.old_la_code or ""),
        )

    return _edited(doc, change)


def with_report_date(doc: PendingDocument, report_date: date) -> PendingDocument:
    """Every observation given this report date (vintage); the periods the interpreter settled stay
    as they are."""
    if isinstance(report_date, str):
        report_date = date.fromisoformat(report_date)
    if not isinstance(report_date, date):
        raise ValueError("The report date must be a date such as 2017-01-31.")

    def change(obs: Observation) -> None:
        obs.report_date = report_date

    return _edited(doc, change)


def with_indicator(
    doc: PendingDocument, label: str, indicator_id: str, catalogue, remember: bool = True
) -> PendingDocument:
    """Every row printed with this label mapped to the indicator by a person (confidence 1.0),
    remembered to learn as an alias on accepting unless `remember` is False; an empty id unmaps
    the label. ValueError with a sentence for an unknown id.

    Of a count-and-rate pair printed in one cell ("2,774 (955.6)") only the half in the indicator's
    unit changes.

    """
    if indicator_id:
        try:
            indicator = catalogue.indicator(indicator_id)
        except KeyError:
            raise ValueError(f"'{indicator_id}' is not an indicator of the catalogue.") from None
    key = fold(label)

    def change(obs: Observation) -> None:
        if fold(obs.indicator_label) != key or (indicator_id and _other_half(obs, indicator.unit)):
            return
        obs.indicator_id = indicator_id
        if indicator_id:
            if not obs.unit or (obs.unit in PLAIN_NUMBERS and indicator.unit in PLAIN_NUMBERS):
                obs.unit = indicator.unit
            obs.polarity = obs.polarity or indicator.polarity
            obs.confidence = CONFIRMED

    confirmed = {k: v for k, v in doc.confirmed.items() if fold(k) != key}
    if indicator_id:
        confirmed[key] = indicator_id
    only = (doc.this_report_only - {key}) | ({key} if indicator_id and not remember else set())
    return replace(_edited(doc, change), confirmed=confirmed, this_report_only=frozenset(only))


def with_row_decision(
    doc: PendingDocument, row: int, kind: str, new: str = "", by: str | None = None
) -> PendingDocument:
    """The row at this position excluded, or its value, measure or period changed, recorded with who
    and when; ValueError with a sentence when the new value cannot be used."""
    from settings import current_user

    decision = decide(doc.observations[row], row, kind, new, by or current_user())
    edited = _edited(doc, lambda obs: None)
    edited.observations[row] = applied(edited.observations[row], decision)
    return replace(edited, decisions=doc.decisions + (decision,))


def saved_result(doc: PendingDocument) -> ExtractResult:
    """What accepting saves: the rows not excluded, and the reader's warnings plus a sentence per
    exclusion."""
    kept = [o for o in doc.observations if EXCLUDED not in o.flags]
    excluded = [d.sentence(doc.observations[d.row]) for d in doc.decisions if d.kind == "exclude"]
    return replace(doc.result, observations=kept, warnings=[*doc.result.warnings, *excluded])


def accept(store, doc: PendingDocument):
    """Save the document and its reviewed observations in one transaction, then learn the labels a
    person mapped.

    Returns the store's IngestOutcome; a file whose content is already stored adds nothing (no
    aliases either), and its message says so in one sentence.

    """
    outcome = store.save(doc.content, saved_result(doc))
    if outcome.status == "added":
        for label, indicator_id in doc.confirmed.items():
            if label not in doc.this_report_only:
                store.learn_alias(label, indicator_id)
    return outcome


def _edited(doc: PendingDocument, change: Callable[[Observation], None]) -> PendingDocument:
    """A copy of the document whose observations are copies passed through `change`."""
    observations = [replace(o) for o in doc.observations]
    for obs in observations:
        change(obs)
    return replace(
        doc,
        result=replace(doc.result, observations=observations, warnings=list(doc.result.warnings)),
    )


def _other_half(obs: Observation, unit: str) -> bool:
    """The half of a count-and-rate pair that is not in this unit."""
    return PAIR in obs.flags and obs.unit != unit
