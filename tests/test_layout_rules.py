"""Teach a layout once (issue 11): a rule taught on one month's report reads the family's later
months."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from grids import grid
from monthly_family import OTHER_LAYOUT, write_month

from interpreter.table_layout import read_layout
from interpreter.taught_layouts import (
    ColumnRule,
    LayoutRule,
    TaughtRule,
    apply_rule,
    fingerprint,
    fits,
    rule_from_json,
    rule_of,
)
from pipeline import extract_path
from zoo.score import prepare, read, score

ROOT = Path(__file__).resolve().parents[1]


def scorecard(month: int, values: list[str]):
    header = ["Ref", "Indicator", *(f"M{n}" for n in range(1, 13)), "Target"]
    return grid(
        [header, ["CS1", "Referrals", *values, *[""] * (12 - len(values)), "300"]],
        context=["Scorecard 2016/17"],
    )


def taught_table_rule(table_grid) -> LayoutRule:
    """What a person sets in Review: the M columns are months of the title's year."""
    rule = rule_of(read_layout(table_grid))
    months = {c: ColumnRule("actual", "fy_month") for c in range(2, 14)}
    return replace(rule, label_cols=(1,), code_col=0, columns={**rule.columns, **months})


def taught(rule: LayoutRule, fp: str) -> dict[str, TaughtRule]:
    return {fp: TaughtRule(1, fp, rule, "analyst", "2026-12-02T10:00:00")}


def scored(path: Path, truth: list[dict], rules=None) -> dict:
    rows = [o.as_row() for o in extract_path(path, rules=rules).observations]
    return score(prepare(truth), prepare(rows))


def test_next_months_table_has_the_same_fingerprint_and_another_layout_does_not():
    """Quirk: the monthly family prints new figures each month under the same headers."""
    one, two = scorecard(1, ["301"]), scorecard(2, ["288", "310"])
    assert fingerprint(one) == fingerprint(two)
    assert fingerprint(one) != fingerprint(grid(OTHER_LAYOUT))


def test_month_headers_abstract_to_the_same_fingerprint():
    """Quirk: a family whose headers are real months (Apr-16 one month, May-16 the next)."""
    april = grid([["Indicator", "Apr-16", "Target"], ["Referrals", "301", "300"]])
    may = grid([["Indicator", "May-16", "Target"], ["Referrals", "288", "300"]])
    assert fingerprint(april) == fingerprint(may)


def test_a_rule_reads_months_of_the_financial_year_in_the_title():
    table = scorecard(3, ["301", "288", "310"])
    layout = apply_rule(table, taught_table_rule(table))
    june = next(c for c in layout.columns if c.index == 4)
    assert (june.period.period.start.isoformat(), june.measure) == ("2016-06-01", "actual")
    assert layout.label_cols == [1] and layout.code_col == 0


def test_a_rule_round_trips_through_json():
    rule = taught_table_rule(scorecard(1, ["301"]))
    assert rule_from_json(rule.to_json()) == rule


def test_a_rule_that_names_columns_a_table_lacks_does_not_fit():
    rule = taught_table_rule(scorecard(1, ["301"]))
    assert fits(scorecard(1, ["301"]), rule)
    assert not fits(grid(OTHER_LAYOUT), rule)


def test_the_family_is_misread_without_a_rule(tmp_path):
    path, truth = write_month(tmp_path, 2)
    assert scored(path, truth)["recall"] < 0.5


@pytest.fixture
def family_rules(tmp_path) -> dict[str, TaughtRule]:
    """The rule taught on month 1's table."""
    path, _ = write_month(tmp_path, 1)
    document = extract_path(path).document
    from interpreter.blocks import table_blocks

    table = table_blocks(document.grids[0])[0]
    return taught(taught_table_rule(table), fingerprint(table))


def test_teaching_month_1_reads_month_2(tmp_path, family_rules):
    path, truth = write_month(tmp_path, 2, seed=7)
    result = extract_path(path, rules=family_rules)
    s = score(prepare(truth), prepare([o.as_row() for o in result.observations]))
    assert s["recall"] >= 0.99 and s["precision"] >= 0.99, (s["missed"][:3], s["extra"][:3])
    assert all("layout_rule:1" in o.flags for o in result.observations)
    assert (
        "sheet Scorecard, table 1 read with the layout taught on 2026-12-02 by analyst"
        in result.warnings
    )


def test_a_rule_never_changes_a_table_it_does_not_fit(tmp_path, family_rules):
    from openpyxl import Workbook

    book = Workbook()
    for row in OTHER_LAYOUT:
        book.active.append(row)
    path = tmp_path / "other.xlsx"
    book.save(path)
    before = [o.as_row() for o in extract_path(path).observations]
    after = [o.as_row() for o in extract_path(path, rules=family_rules).observations]
    assert after == before and before


def test_store_keeps_exports_and_imports_rules(store_url, family_rules):
    from store import Store

    rule = next(iter(family_rules.values()))
    store = Store(store_url, reference=False)
    rule_id = store.save_layout_rule(rule.fingerprint, rule.rule.to_json(), "Scorecard M1..M12")
    assert store.layout_rules()[rule.fingerprint].rule == rule.rule
    exported = store.export_layout_rules()
    assert store.remove_layout_rule(rule_id) and not store.layout_rules()
    assert not store.remove_layout_rule(rule_id)
    assert store.import_layout_rules(exported) == 1
    assert store.layout_rules()[rule.fingerprint].rule == rule.rule
    with pytest.raises(ValueError):
        store.import_layout_rules("fingerprint,rule\nabc,{not json\n")
    assert len(store.layout_rules()) == 1
    store.close()


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_cli_ingest_and_extract_of_month_3_use_the_stores_rules(tmp_path, family_rules):
    from store import Store

    db = tmp_path / "taught.duckdb"
    rule = next(iter(family_rules.values()))
    store = Store(str(db), reference=False)
    store.save_layout_rule(rule.fingerprint, rule.rule.to_json())
    store.close()
    path, truth = write_month(tmp_path, 3, seed=3)
    out = tmp_path / "month3.csv"
    assert cli("extract", path, "--db", db, "--out", out).returncode == 0
    s = score(prepare(truth), read(out))
    assert s["recall"] >= 0.99 and s["precision"] >= 0.99
    done = cli("ingest", path, "--db", db)
    assert done.returncode == 0, done.stderr
    store = Store(str(db), reference=False)
    stored = store.observations().astype(str).to_dict("records")
    store.close()
    s = score(prepare(truth), prepare([r for r in stored if r["source_file"] == path.name]))
    assert s["recall"] >= 0.99 and s["precision"] >= 0.99
