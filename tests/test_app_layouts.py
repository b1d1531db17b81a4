"""AppTests of teaching a layout (issue 11): correct a table's reading on the Review page, remember
it, see it listed and removed on the Catalogue page."""

from __future__ import annotations

from pathlib import Path

from monthly_family import write_month
from test_app import app_store, review_page, run_page  # noqa: F401  (the module's store)

from zoo.score import prepare, score


def pending_month(folder: Path, month: int, seed: int = 0):
    from pipeline import extract_bytes
    from review.pending import pending_from_upload
    from ui.cached_store import layout_rules

    path, truth = write_month(folder, month, seed)
    content = path.read_bytes()
    return pending_from_upload(
        path.name, content, extract_bytes(content, path.name, rules=layout_rules())
    ), truth


def scored(doc, truth) -> dict:
    return score(prepare(truth), prepare([o.as_row() for o in doc.observations]))


def test_review_corrects_a_table_remembers_it_and_next_month_is_read_with_it(tmp_path):
    from ui.cached_store import shared_store

    doc, truth = pending_month(tmp_path, 1)
    assert scored(doc, truth)["recall"] < 0.5
    at = review_page(doc)
    assert at.markdown[0].value.startswith("**12** numbers read")
    next(m for m in at.multiselect if m.label == "Columns").set_value(list(range(2, 14)))
    next(s for s in at.selectbox if s.label == "Measure").select("actual")
    next(s for s in at.selectbox if s.label == "Period").select("fy_month")
    next(b for b in at.button if b.label == "Set these columns").click().run()
    assert not at.exception, at.exception
    corrected = at.session_state["pending_documents"]["k1"]
    s = scored(corrected, truth)
    assert s["recall"] == 1.0 and s["precision"] == 1.0, (s["missed"], s["extra"])
    assert at.markdown[0].value.startswith("**18** numbers read")
    # months are no codes
    assert not any(o.code and not o.code.startswith("CS") for o in corrected.observations)
    assert any(
        "read with the layout corrected here (not yet remembered)" in w
        for w in corrected.result.warnings
    )
    assert any(
        m.value.startswith("**0** of 18 numbers of this table not read") for m in at.markdown
    )
    next(b for b in at.button if b.label == "Remember this layout").click().run()
    assert not at.exception, at.exception
    assert len(shared_store().layout_rules()) == 1
    next(b for b in at.button if b.label == "Accept and save").click().run()
    assert "stored as document" in at.success[0].value

    following, truth = pending_month(tmp_path, 2, seed=4)
    s = scored(following, truth)
    assert s["recall"] >= 0.99 and s["precision"] >= 0.99
    assert any("read with the layout taught on" in w for w in following.result.warnings)


def test_catalogue_lists_and_removes_a_taught_layout(tmp_path):
    from ui.cached_store import shared_store

    doc, _ = pending_month(tmp_path, 1)
    at = review_page(doc)
    next(b for b in at.button if b.label == "Remember this layout").click().run()
    assert shared_store().layout_rules()
    at = run_page("pages/catalogue.py")
    assert any(
        "layout_rules" not in d.value.columns and "fingerprint" in d.value.columns
        for d in at.dataframe
    )
    while any(b.label == "Remove layout" for b in at.button):
        next(b for b in at.button if b.label == "Remove layout").click().run()
        assert not at.exception, at.exception
    assert not shared_store().layout_rules()
