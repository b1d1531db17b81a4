"""Roles, the audit log and withdrawing a document, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import pytest

from access import Actor, NotAllowed, act_as
from exports import export_bytes
from store import Selection, Store

HEAD = (
    "Wirral Children's Services Performance Report\n\nIndicator,{months}\nNumber of "
    "referrals,{values}\n"
)
VIEWER, ANALYST, OTHER = (
    Actor("v@council.gov.uk", "viewer", True),
    Actor("a@council.gov.uk", "analyst", True),
    Actor("b@council.gov.uk", "analyst", True),
)


def report(folder, name, months, values):
    path = folder / name
    path.write_text(HEAD.format(months=",".join(months), values=",".join(map(str, values))))
    return path


@pytest.fixture
def store(store_url):
    opened = Store(store_url, reference=False)
    yield opened
    opened.close()


@pytest.fixture
def two_reports(store, tmp_path):
    first = report(tmp_path, "jan.csv", ["Nov-16", "Dec-16", "Jan-17"], [450, 400, 420])
    later = report(tmp_path, "feb.csv", ["Dec-16", "Jan-17", "Feb-17"], [401, 425, 430])
    with act_as(ANALYST):
        return store.ingest(first).document_id, store.ingest(later).document_id


def values(store, vintage="all"):
    return sorted(store.observations(Selection("reports", vintage))["value"])


def test_a_withdrawn_document_leaves_views_and_exports_and_comes_back(store, two_reports):
    first, later = two_reports
    assert len(store.revisions()) == 2
    store.withdraw(later, "sent twice by mistake")
    assert values(store) == [400, 420, 450] and values(store, "current") == [400, 420, 450]
    assert store.revisions().empty
    assert b"430" not in export_bytes(store.observations(Selection("reports", "all")), "tidy")[0]
    withdrawn = store.withdrawn()
    assert (
        list(withdrawn["document_id"]) == [later]
        and withdrawn["reason"][0] == "sent twice by mistake"
    )
    # kept
    assert store.db.scalar("SELECT COUNT(*) FROM observations WHERE document_id = ?", [later]) == 3
    store.restore(later)
    assert values(store, "current") == [401, 425, 430, 450] and store.withdrawn().empty


def test_every_change_is_in_the_audit_log(store, two_reports, monkeypatch):
    monkeypatch.setenv("PERFBOOKS_USER", "admin one")
    first, _ = two_reports
    store.learn_alias("Referrals received", "referrals")
    store.forget_alias("Referrals received")
    store.add_intervention("Front door", "Wirral", "2016-10-01")
    store.withdraw(first, "wrong authority")
    log = store.audit()
    assert list(log["action"])[::-1] == [
        "document accepted",
        "document accepted",
        "alias taught",
        "alias removed",
        "intervention recorded",
        "document withdrawn",
    ]
    assert list(log["done_by"])[::-1] == ["a@council.gov.uk"] * 2 + ["admin one"] * 4
    assert log["subject"].iloc[0] == str(first) and log["detail"].iloc[0] == "wrong authority"


def test_a_viewer_may_change_nothing(store, two_reports, tmp_path):
    first, _ = two_reports
    with act_as(VIEWER):
        for change in (
            lambda: store.ingest(report(tmp_path, "mar.csv", ["Mar-17"], [5])),
            lambda: store.learn_alias("Referrals received", "referrals"),
            lambda: store.add_intervention("Front door", "Wirral", "2016-10-01"),
            lambda: store.withdraw(first, "no"),
            lambda: store.set_role("v@council.gov.uk", "admin"),
            lambda: store.audit(),
        ):
            with pytest.raises(NotAllowed, match="^v@council.gov.uk is a viewer and may not "):
                change()
        assert len(store.observations(Selection("reports", "all"))) == 6
    assert len(store.audit()) == 2 and store.withdrawn().empty


def test_the_analyst_who_accepted_a_report_may_withdraw_it_another_may_not(store, two_reports):
    first, _ = two_reports
    with act_as(OTHER), pytest.raises(NotAllowed, match="may not withdraw documents"):
        store.withdraw(first, "not mine")
    with act_as(ANALYST):
        store.withdraw(first, "mine, sent too early")
        with pytest.raises(NotAllowed):
            store.restore(first)
    assert list(store.withdrawn()["withdrawn_by"]) == ["a@council.gov.uk"]


def test_roles_are_kept_in_the_store(store, monkeypatch):
    assert store.role_of("new@council.gov.uk") == "viewer"
    store.set_role("New@Council.gov.uk", "analyst")
    assert store.role_of("new@council.gov.uk") == "analyst"
    monkeypatch.setenv("PERFBOOKS_ADMINS", "boss@council.gov.uk, other@council.gov.uk")
    assert store.role_of("Boss@council.gov.uk") == "admin"
    with pytest.raises(ValueError, match="role must be one of viewer, analyst, admin"):
        store.set_role("x@council.gov.uk", "owner")
    assert list(store.roles()["role"]) == ["analyst"]
