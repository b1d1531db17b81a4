"""AppTests: the app and every page run without an exception on a store holding the national figures
and the sample reports; focused tests for review decisions and downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
TIMEOUT = 180  # the first run loads the national figures into a new store


@pytest.fixture(scope="module", autouse=True)
def app_store(tmp_path_factory):
    """One store for the module (what `make run` opens on a new machine: reference data and
    samples)."""
    import streamlit as st

    path = tmp_path_factory.mktemp("app") / "perfbooks.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERFBOOKS_DB", str(path))
        st.cache_resource.clear()
        st.cache_data.clear()
        yield path
        st.cache_resource.clear()
        st.cache_data.clear()


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    return at


def test_app_opens_on_trends_with_the_sample_reports():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Trends"
    assert at.selectbox[0].value in ("Blackpool", "Leeds", "Rotherham", "Southampton")
    assert at.get("vega_lite_chart"), "no chart on the first page"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_runs(page):
    at = run_page(f"pages/{page.name}")
    assert not at.exception, at.exception
    titles = {"upload": "Upload reports"}
    assert at.title[0].value == titles.get(page.stem, page.stem.capitalize())


def test_benchmarks_for_rotherham_2015_16_show_the_gap_tables():
    at = run_page("pages/benchmarks.py")
    at.selectbox[0].select("Rotherham").run()
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 3


def pending_report(tmp_path, authority="Wirral", label="Widgets counted at the front door"):
    """A CSV report with one label the catalogue maps and one it cannot, held for review as the
    Upload page does."""
    from pipeline import extract_bytes
    from review.pending import pending_from_upload

    months = ["Apr-16", "May-16", "Jun-16"]
    text = (
        f"{authority} children's services monthly report\nIndicator,{','.join(months)}\n"
        f"Number of contacts,1201,1187,1230\n{label},17,19,23\n"
    )
    content = text.encode("utf-8")
    result = extract_bytes(content, f"{authority.lower()}_2016-06.csv")
    return pending_from_upload(result.name, content, result)


def review_page(doc) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.session_state["pending_documents"] = {"k1": doc}
    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    return at


def test_review_sets_a_label_s_indicator_then_accept_saves_it_and_learns_the_alias(tmp_path):
    from ui.cached_store import shared_store

    doc = pending_report(tmp_path)
    assert any(not o.indicator_id for o in doc.observations)
    at = review_page(doc)
    by_label = {s.label: s for s in at.selectbox}
    by_label["Printed label"].select("Widgets counted at the front door")
    by_label["Indicator"].select("referrals")
    next(b for b in at.button if b.label == "Set indicator").click().run()
    assert not at.exception, at.exception
    edited = at.session_state["pending_documents"]["k1"]
    assert {
        o.indicator_id for o in edited.observations if o.indicator_label.startswith("Widgets")
    } == {"referrals"}
    next(b for b in at.button if b.label == "Accept and save").click().run()
    assert not at.exception, at.exception
    assert "stored as document" in at.success[0].value
    stored = shared_store().observations()
    mine = stored[stored["source_file"] == "wirral_2016-06.csv"]
    assert len(mine) == 6 and set(mine["indicator_id"]) == {"contacts", "referrals"}
    assert (
        shared_store().catalogue().match_label("Widgets counted at the front door").indicator_id
        == "referrals"
    )


def test_reject_discards_the_document_and_saves_nothing(tmp_path):
    from ui.cached_store import shared_store

    doc = pending_report(tmp_path, "Sefton")
    at = review_page(doc)
    next(b for b in at.button if b.label == "Reject").click().run()
    assert not at.exception, at.exception
    assert at.session_state["pending_documents"] == {}
    assert "nothing was saved" in at.success[0].value
    assert not (shared_store().observations()["source_file"] == "sefton_2016-06.csv").any()


def test_data_page_offers_every_export_of_the_selection():
    at = run_page("pages/data.py")
    labels = [b.label for b in at.get("download_button")]
    assert {
        "Download tidy CSV",
        "Download wide CSV",
        "Download EES zip",
        "Download Excel workbook",
        "Download Parquet",
    } <= set(labels)


def test_one_click_on_a_suggestion_maps_the_doubtful_label(tmp_path):
    doc = pending_report(tmp_path, "Halton", "Gizmos counted at the front door")
    at = review_page(doc)
    use = [b for b in at.button if b.label.startswith("Use: ")]
    assert use, "no suggestion offered for the unmapped label"
    chosen = use[0].help.split(",")[0]
    assert f": {chosen}" not in use[0].label  # the reader sees the indicator's name, not its id
    from indicators.catalogue import load_catalogue

    assert use[0].label.removeprefix("Use: ").startswith(load_catalogue().indicator(chosen).name)
    use[0].click().run()
    assert not at.exception, at.exception
    # nothing changes before the question is answered
    assert at.session_state["pending_documents"]["k1"].confirmed == {}
    next(b for b in at.button if b.label == "Yes, every later report").click().run()
    assert not at.exception, at.exception
    edited = at.session_state["pending_documents"]["k1"]
    assert {
        o.indicator_id for o in edited.observations if o.indicator_label.startswith("Gizmos")
    } == {chosen}
    assert edited.confirmed == {"Gizmos counted at the front door": chosen}
    assert edited.this_report_only == frozenset()
    assert not [b for b in at.button if b.label == "Yes, every later report"]  # asked once


def test_a_suggestion_for_this_report_only_is_not_learned(tmp_path):
    from ui.cached_store import shared_store

    at = review_page(pending_report(tmp_path, "Bury", "Sprockets counted at the front door"))
    next(b for b in at.button if b.label.startswith("Use: ")).click().run()
    next(b for b in at.button if b.label == "Only this report").click().run()
    assert not at.exception, at.exception
    edited = at.session_state["pending_documents"]["k1"]
    assert edited.this_report_only == {"Sprockets counted at the front door"}
    next(b for b in at.button if b.label == "Accept and save").click().run()
    assert not at.exception, at.exception
    assert "Sprockets counted at the front door" not in set(shared_store().aliases()["alias"])


def test_a_taught_alias_can_be_forgotten_from_review(tmp_path):
    from ui.cached_store import shared_store

    shared_store().learn_alias("Gadgets counted at the door", "contacts")
    at = review_page(pending_report(tmp_path, "Wigan"))
    forget = [b for b in at.button if b.label == "Forget"]
    assert forget
    texts = [m.value for m in at.markdown]
    index = next(n for n, t in enumerate(t for t in texts if "is read as" in t) if "Gadgets" in t)
    forget[index].click().run()
    assert not at.exception, at.exception
    assert "Gadgets counted at the door" not in set(shared_store().aliases()["alias"])


def test_the_table_can_show_only_the_rows_to_check(tmp_path):
    at = review_page(pending_report(tmp_path, "Knowsley"))
    only = next(t for t in at.toggle if t.label == "Show only the 3 rows to check")
    only.set_value(True).run()
    assert not at.exception, at.exception
    table = next(d for d in at.dataframe if "check" in d.value.columns)
    assert len(table.value) == 3 and set(table.value["check"]) == {"⚠ check"}


def test_trends_can_draw_other_authorities_beside_the_chosen_one():
    at = run_page("pages/trends.py")
    # the trend, and (issue 12) the control chart and published lines
    alone = len(at.get("vega_lite_chart"))
    at.multiselect[0].select("Leeds").run()
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == alone + 1


def test_a_store_that_cannot_be_opened_is_one_sentence_not_a_traceback(tmp_path, monkeypatch):
    import streamlit as st

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the store's folder should be")
    monkeypatch.setenv("PERFBOOKS_DB", str(blocker / "store.duckdb"))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
        assert not at.exception, at.exception
        assert at.error[0].value.startswith("cannot open the store")
    finally:
        st.cache_resource.clear()


def test_impact_records_an_intervention_and_refuses_one_without_a_start():
    from datetime import date

    at = run_page("pages/impact.py")
    texts = {t.label: t for t in at.text_input}
    texts["Name of the intervention"].input("family hubs")
    next(s for s in at.selectbox if s.label == "Authority of the intervention").select("Wirral")
    next(b for b in at.button if b.label == "Add intervention").click().run()
    assert not at.exception, at.exception
    assert at.error[0].value == "An intervention needs a start date."
    texts = {t.label: t for t in at.text_input}
    texts["Name of the intervention"].input("family hubs")
    next(s for s in at.selectbox if s.label == "Authority of the intervention").select("Wirral")
    # before Streamlit's default range
    next(d for d in at.date_input if d.label == "Started").set_value(date(2011, 10, 1))
    next(b for b in at.button if b.label == "Add intervention").click().run()
    assert not at.exception, at.exception
    from ui.cached_store import shared_store

    added = shared_store().interventions("Wirral")
    assert (
        list(added["name"]) == ["family hubs"]
        and str(added["start_date"].iloc[0].date()) == "2011-10-01"
    )


def test_impact_page_reproduces_the_leeds_slide_from_the_sample_report():
    """The sample's Leeds contacts (Aug 2011 1429, Jan 2013 1899) give the slide's +470, 33%
    increase."""
    from datetime import date

    at = run_page("pages/impact.py")
    spells = next(m for m in at.multiselect if m.label == "Interventions to study")
    ids = list(spells.value)  # every intervention, in the order of the options
    spells.set_value(
        [i for i, label in zip(ids, spells.options) if label.startswith("Leeds")]
    ).run()
    next(s for s in at.selectbox if s.label == "Indicator").select("contacts").run()
    next(d for d in at.date_input if d.key == "baseline").set_value(
        (date(2011, 8, 1), date(2011, 8, 31))
    ).run()
    next(d for d in at.date_input if d.key == "follow_up").set_value(
        (date(2013, 1, 1), date(2013, 1, 31))
    ).run()
    assert not at.exception, at.exception
    table = next(
        d.value for d in at.dataframe if "% change as the slides print it" in d.value.columns
    )
    row = table[table["Authority"] == "Leeds"].iloc[0]
    assert row["Baseline period"] == "Aug 2011" and row["Follow up period"] == "Jan 2013", (
        row.to_dict()
    )
    assert (row["Baseline value"], row["Follow up value"]) == ("1,429", "1,899")
    assert (row["Change as the slides print it"], row["% change as the slides print it"]) == (
        "+470",
        "33% increase",
    )


def test_catalogue_teaches_and_forgets_an_alias():
    from ui.cached_store import shared_store

    at = run_page("pages/catalogue.py")
    next(t for t in at.text_input if t.label == "Printed label").input(
        "Front door demand (all routes)"
    )
    next(s for s in at.selectbox if s.label == "Maps to").select("contacts")
    next(b for b in at.button if b.label == "Learn alias").click().run()
    assert not at.exception, at.exception
    assert (
        shared_store().catalogue().match_label("Front door demand (all routes)").indicator_id
        == "contacts"
    )
    next(s for s in at.selectbox if s.label == "Forget a learned alias").select(
        "Front door demand (all routes)"
    )
    next(b for b in at.button if b.label == "Forget alias").click().run()
    assert not at.exception, at.exception
    assert "Front door demand (all routes)" not in set(shared_store().aliases()["alias"])


def test_trends_draw_every_published_year_against_neighbours_with_rank():
    """Issue 12: the published SN mean and median, region and England lines every year, the band,
    the rank."""
    at = run_page("pages/trends.py")
    at.selectbox[0].select("Rotherham").run()
    at.radio[0].set_value("published").run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Every published year") for h in at.subheader)
    # the trend, the published lines with their band, the rank
    assert len(at.get("vega_lite_chart")) >= 3


def test_benchmarks_show_an_indicator_over_time():
    at = run_page("pages/benchmarks.py")
    at.selectbox[0].select("Rotherham").run()
    assert not at.exception, at.exception
    past = at.dataframe[-1].value
    assert {"Neighbours' mean", "England", "Quartile band", "Rank in England"} <= set(
        past.columns
    ) and len(past) >= 5


def test_all_authorities_page_ranks_every_council():
    at = run_page("pages/authorities.py")
    at.selectbox[0].select("cpp_starts_rate_10k").run()
    at.selectbox[1].select("2018-19").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert len(table) >= 145 and list(table["rank"].head(3)) == [1, 2, 3]
    assert {"change", "quartile_band", "previous", "ci_low", "ci_high"} <= set(table.columns)
    assert (
        table["ci_low"].dropna() <= table["value"].reindex(table["ci_low"].dropna().index)
    ).all()
    # exact Poisson from the population for every council
    assert table["ci_low"].notna().sum() >= 140
    assert (
        any(h.value.startswith("Funnel plot") for h in at.subheader)
        and len(at.get("vega_lite_chart")) == 1
    )


def test_all_authorities_page_says_why_a_year_is_left_out():
    at = run_page("pages/authorities.py")
    at.selectbox[0].select("cla_school_moves_pct").run()
    at.selectbox[1].select("2018-19").run()
    assert not at.exception, at.exception
    assert any("England's value to every council" in w.value for w in at.warning)


def test_trends_show_a_control_chart_for_a_monthly_series():
    at = run_page("pages/trends.py")
    at.selectbox[0].select("Rotherham").run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Is a month's change") for h in at.subheader)
    spc = next(d.value for d in at.dataframe if "Signal" in d.value.columns)
    upper, mean, lower = (
        float(spc[c].iloc[0].replace(",", "")) for c in ("Upper", "Mean", "Lower")
    )
    assert len(spc) >= 12 and upper > mean > lower


def test_review_lists_the_row_decisions_and_saves_them(tmp_path):
    from review.pending import with_row_decision
    from ui.cached_store import shared_store

    doc = pending_report(tmp_path, "Oldham", "Number of referrals")
    row = next(
        n for n, o in enumerate(doc.observations) if o.indicator_label == "Number of referrals"
    )
    doc = with_row_decision(
        with_row_decision(doc, row, "value", "170", by="alice"), row + 1, "exclude", by="alice"
    )
    at = review_page(doc)
    listed = " ".join(m.value for m in at.markdown)
    assert "value corrected from 17 to 170 by alice" in listed and "excluded by alice" in listed
    next(b for b in at.button if b.label == "Accept and save").click().run()
    assert not at.exception, at.exception
    stored = shared_store().observations()
    mine = stored[stored["source_file"] == "oldham_2016-06.csv"]
    assert len(mine) == 5 and "corrected" in set(
        mine.loc[mine["value"] == 170, "flags"].str.split(",").sum()
    )


def test_accepting_with_flagged_rows_asks_first_and_says_how_many(tmp_path):
    from ui.cached_store import shared_store

    at = review_page(pending_report(tmp_path, "Trafford", "Thingamajigs tallied"))
    anyway = next(c for c in at.checkbox if c.label.startswith("Save anyway with"))
    assert anyway.label == "Save anyway with 3 rows still flagged"
    accept_button = next(b for b in at.button if b.label == "Accept and save")
    assert accept_button.disabled
    anyway.check().run()
    assert not next(b for b in at.button if b.label == "Accept and save").disabled
    next(b for b in at.button if b.label == "Accept and save").click().run()
    assert not at.exception, at.exception
    assert (shared_store().observations()["source_file"] == "trafford_2016-06.csv").any()


def test_the_store_names_the_document_that_already_holds_a_file(tmp_path):
    """What the Upload page says of a file already stored, before reading it (the browser test
    uploads one)."""
    from ui.cached_store import shared_store

    doc = pending_report(tmp_path, "Stockport")
    assert shared_store().stored_as(doc.content) is None
    shared_store().save(doc.content, doc.result)
    assert shared_store().stored_as(doc.content).startswith("stockport_2016-06.csv, document ")
    assert shared_store().stored_as(doc.content + b" ") is None


def test_review_corrects_a_value_and_excludes_a_row_from_the_form(tmp_path):
    at = review_page(pending_report(tmp_path, "Bolton", "Number of referrals"))
    row = next(s for s in at.selectbox if s.label == "Row")
    row.select(next(o for o in row.options if o.startswith("Number of referrals · 2016-05")))
    next(r for r in at.radio if r.label == "Decision").set_value("value")
    next(t for t in at.text_input if t.label == "New value").input("190")
    next(b for b in at.button if b.label == "Record decision").click().run()
    assert not at.exception, at.exception
    edited = at.session_state["pending_documents"]["k1"]
    (changed,) = [o for o in edited.observations if "corrected" in o.flags]
    assert (changed.indicator_label, changed.value) == (
        "Number of referrals",
        190,
    ) and "printed 19" in changed.note
    row = next(s for s in at.selectbox if s.label == "Row")
    row.select(next(o for o in row.options if o.startswith("Number of contacts · 2016-04")))
    next(r for r in at.radio if r.label == "Decision").set_value("exclude")
    next(b for b in at.button if b.label == "Record decision").click().run()
    assert not at.exception, at.exception
    assert [d.kind for d in at.session_state["pending_documents"]["k1"].decisions] == [
        "value",
        "exclude",
    ]
    listed = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Number of contacts (2016-04, B3): excluded by" in listed


def test_an_unusable_row_decision_is_one_sentence(tmp_path):
    at = review_page(pending_report(tmp_path, "Bolton", "Number of referrals"))
    next(r for r in at.radio if r.label == "Decision").set_value("period")
    next(t for t in at.text_input if t.label.startswith("New period")).input("soon")
    next(b for b in at.button if b.label == "Record decision").click().run()
    assert not at.exception, at.exception
    assert any("not a period" in e.value for e in at.error)
