"""Row decisions on Review: exclude a row, correct a value, change a measure or period; recorded and
exported."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from exports.tidy import tidy_csv
from pipeline import extract_bytes
from review.decisions import decide
from review.pending import accept, pending_from_upload, saved_result, with_row_decision
from store import Store

TEXT = (
    "Wirral children's services monthly report\nIndicator,Apr-16,May-16,Jun-16\n"
    "Number of contacts,1201,1187,1230\nNumber of referrals,301,3120,299\n"
)


@pytest.fixture
def doc():
    result = extract_bytes(TEXT.encode(), "wirral_2016-06.csv")
    return pending_from_upload(result.name, TEXT.encode(), result)


@pytest.fixture
def store(tmp_path):
    opened = Store(str(tmp_path / "store.duckdb"), reference=False)
    yield opened
    opened.close()


def position(doc, label, month):
    return next(
        n
        for n, o in enumerate(doc.observations)
        if o.indicator_label == label and o.period_end.month == month
    )


def test_correcting_a_value_keeps_the_original_who_and_when(doc):
    row = position(doc, "Number of referrals", 5)
    edited = with_row_decision(doc, row, "value", "312", by="alice")
    obs = edited.observations[row]
    assert obs.value == 312 and "corrected" in obs.flags
    assert "printed 3120" in obs.note and "alice" in obs.note
    assert doc.observations[row].value == 3120  # the document passed in is left as it was (undo)
    (decision,) = edited.decisions
    assert (decision.kind, decision.original, decision.new, decision.by) == (
        "value",
        "3120",
        "312",
        "alice",
    )


def test_a_corrected_row_is_no_longer_listed_to_check(doc):
    from review.doubts import review_frame

    row = position(doc, "Number of referrals", 5)
    assert review_frame(doc).loc[row, "doubtful"]  # the tenfold jump is flagged
    assert not review_frame(with_row_decision(doc, row, "value", "312", by="alice")).loc[
        row, "doubtful"
    ]


def test_changing_measure_and_period(doc):
    row = position(doc, "Number of contacts", 4)
    edited = with_row_decision(
        with_row_decision(doc, row, "measure", "target", by="bo"), row, "period", "Mar-16", by="bo"
    )
    obs = edited.observations[row]
    assert (obs.measure, obs.period_type, obs.period_start, obs.period_end) == (
        "target",
        "month",
        date(2016, 3, 1),
        date(2016, 3, 31),
    )
    assert "printed actual" in obs.note and "printed 2016-04" in obs.note
    assert obs.flags.text().split(",").count("corrected") == 1


@pytest.mark.parametrize(
    "kind, new, words",
    [
        ("value", "seven", "not a number"),
        ("measure", "guess", "not a measure"),
        ("period", "soon", "not a period"),
        ("delete", "", "not a decision"),
    ],
)
def test_an_unusable_decision_is_a_sentence(doc, kind, new, words):
    with pytest.raises(ValueError, match=words):
        with_row_decision(doc, 0, kind, new, by="alice")


def test_excluded_row_is_not_saved_and_the_document_says_who_excluded_it(doc, store):
    row = position(doc, "Number of referrals", 5)
    edited = with_row_decision(doc, row, "exclude", by="alice")
    assert len(saved_result(edited).observations) == len(doc.observations) - 1
    outcome = accept(store, edited)
    assert outcome.status == "added"
    stored = store.observations()
    assert 3120 not in set(stored["value"])
    warnings = " ".join(str(w) for w in store.documents()["warnings"])
    assert "Number of referrals" in warnings and "excluded by alice" in warnings


def test_tidy_export_shows_the_correction_and_the_original(doc, store):
    """The analyst's trail: a corrected row says so in flags and keeps what was printed in its
    note."""
    row = position(doc, "Number of referrals", 5)
    gone = position(doc, "Number of contacts", 6)
    edited = with_row_decision(
        with_row_decision(doc, row, "value", "312", by="alice"), gone, "exclude", by="alice"
    )
    accept(store, edited)
    rows = list(csv.DictReader(io.StringIO(tidy_csv(store.observations()).decode("utf-8-sig"))))
    mine = [r for r in rows if r["source_file"] == "wirral_2016-06.csv"]
    corrected = [r for r in mine if "corrected" in r["flags"]]
    assert [(r["indicator_label"], r["value"]) for r in corrected] == [
        ("Number of referrals", "312")
    ]
    assert "printed 3120" in corrected[0]["note"]
    assert not [
        r
        for r in mine
        if r["indicator_label"] == "Number of contacts" and r["period_end"] == "2016-06-30"
    ]


def test_decision_sentence_names_the_row():
    from interpreter.observation import Observation

    obs = Observation(
        indicator_label="Referrals",
        period_type="month",
        period_end=date(2017, 1, 31),
        value=77,
        source_location="p1/t1/r3/c4",
    )
    decision = decide(obs, 2, "value", "7.7", "alice", datetime(2026, 12, 2, 18, 30, tzinfo=UTC))
    assert decision.sentence(obs) == (
        "Referrals (2017-01, p1/t1/r3/c4): value corrected from 77 to 7.7 "
        "by alice at 2026-12-02 18:30 UTC"
    )
