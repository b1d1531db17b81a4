"""Pack templates: kept in the store on both databases (migration 0006), edited as a table, and used
by the pack: a template's order, titles, targets and commentary change the pack, and its target
changes the RAG exactly as the trend analysis judges that rule."""

from __future__ import annotations

import pytest

from analyses.rag import rag_status
from analyses.target_bands import band_from_rules
from pack import Item, Template, build_pack, default_template
from pack.editor import editor_frame, from_editor
from pack.template import from_json, save_template, saved_template, template_for
from samples.build import FOLDER
from store import Store
from store.backends import open_backend
from store.migrations import applied, migrate

SAMPLE = FOLDER / "rotherham_2017-01_monthly_performance_sample.xlsx"


def test_the_template_migration_applies_to_an_older_store(store_url):
    db = open_backend(store_url)
    migrate(db, upto="0004_interventions")
    assert "0006_pack_templates" not in applied(db)
    db.close()
    store = Store(store_url, reference=False)
    assert "0006_pack_templates" in applied(store.db)
    assert store.pack_templates().empty
    store.close()


def test_templates_are_saved_listed_replaced_and_deleted(store_url, monkeypatch):
    monkeypatch.setenv("PERFBOOKS_USER", "analyst one")
    store = Store(store_url, reference=False)
    board = Template(
        "rotherham",
        "board",
        (
            Item("cpp_rate_10k", "Child protection", "50", "more than +/-10", "Watch."),
            Item("contacts"),
        ),
        ("summary", "indicators"),
        "Board report",
    )
    save_template(store, board)
    # replaces, one row per name
    save_template(store, Template("Rotherham", "board", (Item("contacts"),)))
    save_template(store, board)
    listed = store.pack_templates("Rotherham")
    assert list(listed["name"]) == ["board"] and listed["authority"].iloc[0] == "Rotherham"
    assert listed["saved_by"].iloc[0] == "analyst one"
    assert saved_template(store, "E08000018", "board") == board  # by code too
    assert saved_template(store, "Rotherham", "other") is None
    with pytest.raises(ValueError, match="no saved pack template named 'other'"):
        template_for(store, "Rotherham", "other")
    assert store.delete_pack_template("Rotherham", "board") and not store.delete_pack_template(
        "Rotherham", "board"
    )
    assert store.pack_templates().empty
    store.close()


def test_a_template_round_trips_through_json_and_the_editor_table():
    board = Template(
        "Rotherham", "board", (Item("cpp_rate_10k", target="+/-5 of 50"), Item("contacts"))
    )
    assert from_json(board.to_json()) == board
    frame = editor_frame(board, ["contacts", "referrals", "cpp_rate_10k"])
    assert list(frame["indicator_id"]) == ["cpp_rate_10k", "contacts", "referrals"]
    assert list(frame["include"]) == [True, True, False]
    frame.loc[2, "include"], frame.loc[2, "order"], frame.loc[2, "title"] = True, 0, "  Referrals  "
    made = from_editor(board, frame, "new", ["summary"], "")
    assert (
        made.indicators == ["referrals", "cpp_rate_10k", "contacts"]
        and made.items[0].title == "Referrals"
    )
    assert made.sections == ("summary",) and made.title == board.title
    with pytest.raises(ValueError, match="unknown pack sections"):
        Template("Rotherham", sections=("cover", "appendix"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = Store(str(tmp_path_factory.mktemp("templates") / "store.duckdb"))
    opened.ingest(SAMPLE)
    yield opened
    opened.close()


def test_the_default_template_is_the_last_reports_indicators_in_its_order(store):
    template = default_template(store, "Rotherham")
    assert template.indicators[:3] == [
        "contacts",
        "contacts_decision_1wd_pct",
        "referrals_rate_10k",
    ]
    assert len(template.indicators) == len(set(template.indicators)) >= 20


def test_a_templates_target_order_title_and_commentary_make_the_pack(store):
    board = Template(
        "Rotherham",
        "board",
        (
            Item(
                "cpp_rate_10k",
                "Child protection plans",
                "+/-5 of 60",
                "more than +/-10",
                "On a plan: our own words.",
            ),
            Item("contacts"),
        ),
    )
    pack = build_pack(store, "Rotherham", "2017-01", board)
    assert [s.row.indicator_id for s in pack.sections] == ["cpp_rate_10k", "contacts"]
    section = pack.sections[0]
    assert (
        section.title == "Child protection plans"
        and section.commentary == "On a plan: our own words."
    )
    assert (section.row.target.shown, section.row.red.shown) == ("+/-5 of 60", "more than +/-10")
    assert section.row.target.source == "pack template"
    band = band_from_rules(
        [(None, "Target Green: +/-5 of 60"), (None, "Red tolerance: more than +/-10")], "low"
    )
    assert section.row.rag == rag_status(58.5, band, "low") == "green"  # 58.5 is inside 55-65
    plain = build_pack(
        store, "Rotherham", "2017-01", Template("Rotherham", items=(Item("cpp_rate_10k"),))
    )
    assert plain.rows[0].rag == "amber" and plain.rows[0].target.shown == "+/-5 of 52.3"
