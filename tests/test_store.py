"""The store keeps every figure of every report, once per file, in one transaction per file."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import extract_path
from store import Selection, Store
from store.backends import open_backend
from store.migrations import MIGRATIONS, applied, migrate

HEAD = "Rotherham Children's Services Performance Report\n\nIndicator,{months}\n"
ROWS = ["Number of referrals,{referrals}", "% of re-referrals within 12 months,{rereferrals}"]


def report(folder, name, months, referrals, rereferrals):
    """A small monthly report as CSV: two indicators over three months."""
    text = (
        HEAD.format(months=",".join(months))
        + "\n".join(
            [
                ROWS[0].format(referrals=",".join(map(str, referrals))),
                ROWS[1].format(rereferrals=",".join(f"{v}%" for v in rereferrals)),
            ]
        )
        + "\n"
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def january(tmp_path):
    return report(
        tmp_path, "jan.csv", ["Nov-16", "Dec-16", "Jan-17"], [450, 400, 420], [20.1, 21.0, 22.5]
    )


@pytest.fixture
def february(tmp_path):
    """The next month's report: January's referrals revised from 420 to 425."""
    return report(
        tmp_path, "feb.csv", ["Dec-16", "Jan-17", "Feb-17"], [400, 425, 430], [21.0, 22.5, 23.0]
    )


@pytest.fixture
def store(store_url):
    opened = Store(store_url, reference=False)
    yield opened
    opened.close()


def counts(store) -> tuple[int, int, int]:
    db = store.db
    return tuple(
        int(db.scalar(f"SELECT COUNT(*) FROM {t}"))
        for t in ("documents", "document_files", "observations")
    )


def test_a_new_store_has_every_migration(store):
    assert applied(store.db) == [m.name for m in MIGRATIONS]
    assert migrate(store.db) == []


def test_an_older_store_is_upgraded_and_keeps_its_documents(store_url, january):
    """A store made before the later migrations opens, gains them, and still holds what it had."""
    db = open_backend(store_url)
    migrate(db, upto=MIGRATIONS[0].name)
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO documents VALUES (nextval('document_ids'), 'abc', 'old.csv', 'csv', 1, "
            "'report', "
            "'Rotherham', 'E08000018', DATE '2016-12-31', 0, '', TIMESTAMP '2016-12-31 "
            "09:00:00', 'someone')"
        )
    db.close()
    store = Store(store_url, reference=False)
    assert applied(store.db) == [m.name for m in MIGRATIONS]
    assert list(store.documents()["file_name"]) == ["old.csv"]
    assert store.ingest(january).status == "added"
    store.close()


def test_ingest_keeps_exactly_what_extract_reads(store, january):
    extracted = extract_path(january).observations
    outcome = store.ingest(january)
    assert (outcome.status, outcome.observations) == ("added", len(extracted))
    stored = store.observations(Selection(source="reports", vintage="all"))
    assert list(stored["value"]) == [o.value for o in extracted]
    assert list(stored["source_location"]) == [o.source_location for o in extracted]
    assert store.document_content(outcome.document_id) == january.read_bytes()


def test_the_same_file_twice_adds_nothing(store, january):
    store.ingest(january)
    before = counts(store)
    again = store.ingest(january)
    assert again.status == "duplicate" and "already in the store" in again.message
    assert counts(store) == before


def test_a_failed_file_adds_nothing_and_says_why(store, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    outcome = store.ingest(bad)
    assert outcome.status == "failed" and outcome.message.startswith("broken.pdf")
    assert counts(store) == (0, 0, 0)


def test_document_records_authority_vintage_and_who(store, january, monkeypatch):
    monkeypatch.setenv("PERFBOOKS_USER", "analyst one")
    store.ingest(january)
    doc = store.documents().iloc[0]
    assert (doc.authority, doc.la_code, doc.format, doc.units) == (
        "Rotherham",
        "E08000018",
        "csv",
        1,
    )
    assert str(doc.report_date.date()) == "2017-01-31" and doc.ingested_by == "analyst one"
    assert len(doc.content_hash) == 64


def test_every_vintage_is_kept_and_current_takes_the_latest(store, january, february):
    """Figures revised from one month's report to the next are all kept; current = the latest
    report's."""
    store.ingest(january)
    store.ingest(february)
    every = store.observations(Selection(source="reports", vintage="all", indicator="referrals"))
    assert len(every) == 6
    current = store.observations(
        Selection(source="reports", vintage="current", indicator="referrals")
    )
    by_month = dict(zip(current["period_start"].dt.strftime("%Y-%m"), current["value"]))
    assert by_month == {"2016-11": 450, "2016-12": 400, "2017-01": 425, "2017-02": 430}


def test_revisions_list_each_changed_figure_by_how_much(store, january, february):
    store.ingest(february)  # order of ingest does not matter: vintages are report dates
    store.ingest(january)
    revised = store.revisions(authority="Rotherham")
    assert len(revised) == 1
    row = revised.iloc[0]
    assert (row.indicator_id, row.earlier_value, row.later_value, row.change) == (
        "referrals",
        420,
        425,
        5,
    )
    assert round(row.change_pct, 3) == round(100 * 5 / 420, 3)
    assert (
        str(row.earlier_report_date.date()) == "2017-01-31"
        and str(row.later_report_date.date()) == "2017-02-28"
    )


@pytest.mark.parametrize(
    "name", ["Rotherham", "rotherham metropolitan borough council", "E08000018", "372"]
)
def test_authority_filter_accepts_names_variants_and_codes(store, january, name):
    store.ingest(january)
    assert len(store.observations(Selection(vintage="all", authority=name))) == 6


def test_other_authorities_are_filtered_out(store, january):
    store.ingest(january)
    assert store.observations(Selection(authority="Leeds")).empty


@pytest.mark.parametrize("field,value", [("source", "everything"), ("vintage", "latest")])
def test_a_selection_refuses_unknown_choices(field, value):
    with pytest.raises(ValueError):
        Selection(**{field: value})


def test_learned_alias_maps_later_documents(store, tmp_path):
    """A label the catalogue cannot place is mapped once the user confirms it, for every later
    document."""
    path = tmp_path / "odd.csv"
    path.write_text(
        HEAD.format(months="Nov-16,Dec-16") + "Front door demand (all routes),900,950\n",
        encoding="utf-8",
    )
    assert extract_path(path, catalogue=store.catalogue()).observations[0].indicator_id == ""
    store.learn_alias("Front door demand (all routes)", "contacts")
    assert store.ingest(path).status == "added"
    assert set(store.observations(Selection(vintage="all"))["indicator_id"]) == {"contacts"}


def test_aliases_export_and_import_round_trip(store_url):
    first = Store(store_url, reference=False)
    first.learn_alias("Front door demand", "contacts")
    exported = first.aliases().to_csv(index=False)
    first.close()
    second = Store(store_url, reference=False)
    assert second.import_aliases(exported) == 1
    learned = second.aliases().query("origin == 'learned'")
    assert list(learned["alias"]) == ["Front door demand"]
    second.close()


def test_importing_an_unknown_indicator_changes_nothing(store):
    with pytest.raises(ValueError, match="unknown indicator ids: no_such_id"):
        store.import_aliases("alias,indicator_id\nSomething,contacts\nOther,no_such_id\n")
    assert store.aliases().query("origin == 'learned'").empty


def test_a_stored_frame_has_the_contract_columns_first(store, january):
    from interpreter.observation import COLUMNS

    store.ingest(january)
    frame = store.observations()
    assert list(frame.columns[: len(COLUMNS)]) == COLUMNS
    assert isinstance(frame, pd.DataFrame) and frame["report_date"].dtype.kind == "M"


def test_indicator_ids_and_selections_of_several_indicators_or_authorities(
    store, january, tmp_path
):
    """Indicators most observations first (ties as the rows come), and selections of several
    indicators or authorities (names, codes, names the reference list lacks): the same as filtering
    and counting the rows read back."""
    store.ingest(january)
    store.ingest(report(tmp_path, "mar.csv", ["Mar-17"], [410], [19.0]))
    for vintage in ("current", "all"):
        rows = store.observations(Selection(source="reports", vintage=vintage))
        expected = list(rows["indicator_id"].value_counts().index)
        assert store.indicator_ids(Selection(source="reports", vintage=vintage)) == expected
    ids = store.indicator_ids(Selection(source="reports"))
    assert len(ids) == 2 and store.indicator_ids(Selection(source="published")) == []
    both = store.observations(Selection(source="reports", indicators=tuple(ids)))
    one = store.observations(Selection(source="reports", indicators=(ids[0],)))
    assert len(both) == 8 and set(one["indicator_id"]) == {ids[0]} and len(one) == 4
    assert store.observations(Selection(source="reports", indicators=())).empty
    several = Selection(source="reports", authorities=("Rotherham", "Nowhere Borough", "E08000016"))
    assert len(store.observations(several)) == 8
    assert store.observations(Selection(source="reports", authorities=("Barnsley",))).empty
    assert store.observations(Selection(source="reports", authorities=())).empty
