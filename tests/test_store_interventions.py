"""Interventions are data in the store: added, listed and removed, on DuckDB and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from store import Store
from store.backends import open_backend
from store.interventions import INTERVENTION_COLUMNS, as_date
from store.migrations import MIGRATIONS, applied, migrate


@pytest.fixture
def store(store_url):
    opened = Store(store_url, reference=False)
    yield opened
    opened.close()


def test_the_interventions_migration_applies_to_an_older_store(store_url):
    assert MIGRATIONS[3].name == "0004_interventions"  # 0005_audit_and_roles and later follow it
    db = open_backend(store_url)
    migrate(db, upto="0003_reference_tables")
    assert "0004_interventions" not in applied(db)
    db.close()
    store = Store(store_url, reference=False)
    assert applied(store.db)[3] == "0004_interventions"
    assert store.interventions().empty
    store.close()


def test_add_resolves_the_authority_and_lists_what_was_added(store, monkeypatch):
    monkeypatch.setenv("PERFBOOKS_USER", "analyst one")
    first = store.add_intervention(
        "telephone triage front door",
        "Leeds City Council",
        "2011-10",
        description="  calls   triaged by social workers ",
    )
    frame = store.interventions()
    assert list(frame.columns) == INTERVENTION_COLUMNS
    row = frame.iloc[0]
    assert (row.intervention_id, row["name"], row.authority, row.la_code) == (
        first,
        "telephone triage front door",
        "Leeds",
        "E08000035",
    )
    assert row.start_date == pd.Timestamp("2011-10-01") and pd.isna(row.end_date)
    assert row.description == "calls triaged by social workers" and row.added_by == "analyst one"
    assert pd.api.types.is_datetime64_any_dtype(frame["start_date"])


def test_several_per_authority_filtered_by_name_or_code(store):
    a = store.add_intervention("front door", "Leeds", date(2011, 10, 1))
    b = store.add_intervention("restorative practice", "E08000035", "2013-04-01", end="2015-03-31")
    c = store.add_intervention("new operating model", "Wakefield", "2011-10")
    assert len({a, b, c}) == 3
    assert list(store.interventions("Leeds")["intervention_id"]) == [a, b]
    assert list(store.interventions("E08000035")["name"]) == ["front door", "restorative practice"]
    assert store.interventions("Leeds").iloc[1].end_date == pd.Timestamp("2015-03-31")
    assert list(store.interventions()["authority"]) == ["Leeds", "Leeds", "Wakefield"]
    assert store.interventions("Rotherham").empty


def test_remove_deletes_one_and_says_whether_it_did(store):
    keep = store.add_intervention("front door", "Leeds", "2011-10")
    gone = store.add_intervention("mistake", "Leeds", "2011-11")
    assert store.remove_intervention(gone) is True
    assert store.remove_intervention(gone) is False
    assert list(store.interventions()["intervention_id"]) == [keep]


def test_an_authority_outside_the_reference_list_needs_its_code(store):
    with pytest.raises(ValueError, match="unknown authority"):
        store.add_intervention("front door", "Atlantis", "2011-10")
    store.add_intervention("front door", "Atlantis", "2011-10", la_code="X99000001")
    assert store.interventions("X99000001").iloc[0].authority == "Atlantis"


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (dict(name=" ", authority="Leeds", start="2011-10"), "needs a name"),
        (dict(name="x", authority="Leeds", start=""), "needs a start"),
        (dict(name="x", authority="Leeds", start="October"), "not a date"),
        (dict(name="x", authority="Leeds", start="2011-10", end="2011-09-30"), "before the start"),
    ],
)
def test_bad_interventions_are_refused_and_nothing_is_written(store, kwargs, message):
    with pytest.raises(ValueError, match=message):
        store.add_intervention(**kwargs)
    assert store.interventions().empty


def test_dates_are_read_from_text_dates_and_timestamps():
    assert as_date("2011-10") == date(2011, 10, 1)
    assert as_date(pd.Timestamp("2012-01-15")) == date(2012, 1, 15)
    assert as_date(None) is None and as_date(" ") is None
