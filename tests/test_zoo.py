"""The layout zoo: the pipeline on synthetic reports of every layout family and format, scored against their truth.

Each (family, format) is generated at test time (seed 0) into tmp_path, extracted with the real pipeline and
scored by the shared scorer's rules. Every case must reach recall >= 0.99, precision >= 0.99 and indicator-id
>= 0.97, except those in KNOWN_FAILURES: strict xfails carrying the numbers measured when they were listed, so that
a case the interpreter learns to read fails as XPASS until its line is removed.
"""
from __future__ import annotations

import csv
import re
import shutil

import pytest

from zoo import FAMILIES, cases, generate, report
from zoo.measure import measure
from zoo.score import prepare, score

SEED = 0
TARGETS = {"recall": 0.99, "precision": 0.99, "indicator_id_accuracy": 0.97}

# (family, format): what the pipeline scored when the case was listed (seed 0), recall / precision / indicator-id.
# Regenerate with `python -m benchmarks.zoo_score --known-failures` when the interpreter changes.
KNOWN_FAILURES: dict[tuple[str, str], str] = {
    ("ruled_months", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("ruled_months", "xlsx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("ruled_months", "csv"): "recall 0.000, precision 0.000, id - (no observations)",
    ("ruled_months", "docx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("horizontal_rules", "pdf"): "recall 0.115, precision 1.000, id 0.875",
    ("horizontal_rules", "docx"): "recall 1.000, precision 1.000, id 0.884",
    ("zebra", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("whitespace", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("wrapped_labels", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("wrapped_labels", "docx"): "recall 1.000, precision 1.000, id 0.750",
    ("wrapped_labels", "xlsx"): "recall 1.000, precision 1.000, id 0.750",
    ("wrapped_months", "pdf"): "recall 1.000, precision 1.000, id 0.889",
    ("wrapped_months", "docx"): "recall 1.000, precision 1.000, id 0.889",
    ("wrapped_months", "xlsx"): "recall 1.000, precision 1.000, id 0.889",
    ("months_under_fy", "pdf"): "recall 0.000, precision 0.000, id -",
    ("months_under_fy", "xlsx"): "recall 0.182, precision 0.186, id 1.000",
    ("months_under_fy", "csv"): "recall 0.000, precision 0.000, id -",
    ("quarters_under_fy", "pdf"): "recall 0.000, precision 0.000, id -",
    ("quarters_under_fy", "csv"): "recall 0.333, precision 0.333, id 1.000",
    ("periods_as_rows", "xlsx"): "recall 1.000, precision 1.000, id 0.680",
    ("periods_as_rows", "csv"): "recall 1.000, precision 1.000, id 0.680",
    ("periods_as_rows", "pdf"): "recall 0.149, precision 1.000, id 1.000",
    ("sections_units", "pdf"): "recall 1.000, precision 1.000, id 0.857",
    ("sections_units", "xlsx"): "recall 1.000, precision 1.000, id 0.857",
    ("sections_units", "docx"): "recall 1.000, precision 1.000, id 0.857",
    ("polarity_targets", "pdf"): "recall 0.300, precision 0.757, id 0.750",
    ("polarity_targets", "xlsx"): "recall 1.000, precision 1.000, id 0.741",
    ("polarity_targets", "csv"): "recall 1.000, precision 1.000, id 0.741",
    ("bench_grouped", "pdf"): "recall 0.161, precision 0.538, id 0.600",
    ("bench_grouped", "xlsx"): "recall 0.920, precision 0.920, id 0.614",
    ("bench_grouped", "docx"): "recall 0.920, precision 0.920, id 0.614",
    ("bench_note", "pdf"): "recall 0.919, precision 1.000, id 0.814",
    ("bench_note", "csv"): "recall 0.919, precision 1.000, id 0.814",
    ("bench_note", "docx"): "recall 0.919, precision 1.000, id 0.814",
    ("prior_outturn", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("prior_outturn", "xlsx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("prior_outturn", "csv"): "recall 0.000, precision 0.000, id - (no observations)",
    ("derived_columns", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("count_rate", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("n_of_n", "xlsx"): "recall 0.833, precision 1.000, id 1.000",
    ("n_of_n", "csv"): "recall 0.583, precision 1.000, id 1.000",
    ("n_of_n", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("authorities_rows", "pdf"): "recall 0.000, precision 0.000, id -",
    ("authorities_rows", "xlsx"): "recall 0.000, precision 0.000, id -",
    ("authorities_rows", "csv"): "recall 0.000, precision 0.000, id -",
    ("authorities_columns", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("authorities_columns", "xlsx"): "recall 0.333, precision 1.000, id 0.833",
    ("authorities_columns", "docx"): "recall 0.333, precision 1.000, id 0.833",
    ("exception_report", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("exception_report", "docx"): "recall 0.000, precision 0.000, id -",
    ("exception_report", "xlsx"): "recall 0.000, precision 0.000, id -",
    ("side_by_side", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("side_by_side", "xlsx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("side_by_side", "csv"): "recall 0.000, precision 0.000, id - (no observations)",
    ("side_by_side", "docx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("continued", "pdf"): "recall 0.037, precision 1.000, id 1.000",
    ("continued", "docx"): "recall 1.000, precision 1.000, id 0.875",
    ("continued", "xlsx"): "recall 1.000, precision 1.000, id 0.875",
    ("stacked", "xlsx"): "recall 1.000, precision 1.000, id 0.723",
    ("stacked", "csv"): "recall 1.000, precision 1.000, id 0.723",
    ("stacked", "pdf"): "recall 0.187, precision 0.560, id 0.571",
    ("narrative", "pdf"): "recall 0.300, precision 1.000, id 1.000",
    ("rotated", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("years_as_rows", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("board_report", "pdf"): "recall 0.100, precision 0.211, id 1.000",
    ("board_report", "docx"): "recall 0.850, precision 1.000, id 1.000",
    ("board_report", "csv"): "recall 0.350, precision 0.412, id 1.000",
    ("summary_detail", "pdf"): "recall 0.000, precision 0.000, id - (no observations)",
    ("summary_detail", "xlsx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("summary_detail", "docx"): "recall 0.000, precision 0.000, id - (no observations)",
    ("several_sheets", "xlsx"): "recall 1.000, precision 1.000, id 0.660",
    ("several_sheets", "pdf"): "recall 1.000, precision 1.000, id 0.660",
    ("several_sheets", "docx"): "recall 1.000, precision 1.000, id 0.660",
}


def shortfall(result: dict) -> list[str]:
    return [f"{k} {result[k]:.3f}" for k, v in TARGETS.items() if result[k] is not None and result[k] < v]


def case_params():
    out = []
    for family, fmt in cases():
        reason = KNOWN_FAILURES.get((family, fmt))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(family, fmt, marks=marks, id=f"{family}-{fmt}"))
    return out


@pytest.mark.parametrize("family,fmt", case_params())
def test_pipeline_reads_the_family(family, fmt, tmp_path):
    if fmt == "scan" and not shutil.which("tesseract"):
        pytest.skip("scans are read by OCR: apt-get install tesseract-ocr tesseract-ocr-eng")
    g = generate(family, fmt, SEED, tmp_path)
    result = measure(g)
    missed = "; ".join(f"{m['indicator_label']} {m['period_end']} {m['value']}" for m in result["missed"][:3])
    extra = "; ".join(f"{m['indicator_label']} {m['measure']} {m['period_end']} {m['value']}" for m in result["extra"][:3])
    assert not shortfall(result), (f"{family} {fmt}: {', '.join(shortfall(result))} {result['error']}"
                                   f" | missed: {missed} | extra: {extra}")


# -- the generator itself

def test_the_zoo_has_25_families_in_all_five_formats():
    assert len(FAMILIES) >= 25
    assert {fmt for _, fmt in cases()} == {"pdf", "scan", "xlsx", "docx", "csv"}
    single = [f.name for f in FAMILIES.values() if len(f.formats) < 2]
    assert single == ["xlsx_native"], single  # a workbook's own features have no other format


def test_generation_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for family in FAMILIES:
        a, b = (generate(family, "csv", 3, tmp_path / d) for d in "ab")
        assert a.path.read_bytes() == b.path.read_bytes(), family
        assert a.truth_path.read_bytes() == b.truth_path.read_bytes(), family


def test_seeds_vary_the_document():
    texts = {str([[c.text for c in r] for t in report("ruled_months", s).tables() for r in t.rows]) for s in range(6)}
    assert len(texts) == 6
    labels = {o.label for s in range(12) for o in report("ruled_months", s).obs()}
    assert len(labels) > 40  # wording drawn from the synonym lists, not one label per indicator


NUMBER = re.compile(r"^[+-]?[\d,]+(\.\d+)?%?$")


def printed_numbers(path, skip_rows: int) -> list[str]:
    """The numeric cells of a one-table CSV report after its title lines and header rows, label column excluded."""
    rows = [r for r in csv.reader(path.open(encoding="utf-8")) if r]
    table = [r for r in rows if len(r) > 1][skip_rows:]
    return [c for r in table for c in r[1:] if NUMBER.match(c)]


@pytest.mark.parametrize("seed", range(4))
def test_truth_has_one_row_per_printed_number(seed, tmp_path):
    g = generate("ruled_months", "csv", seed, tmp_path)
    printed = printed_numbers(g.path, 1)
    valued = [t for t in g.truth if t["value"]]
    assert len(printed) == len(valued)
    assert sorted(float(p.rstrip("%").replace(",", "")) for p in printed) == sorted(float(t["value"]) for t in valued)


@pytest.mark.parametrize("seed", range(4))
def test_derived_columns_are_printed_but_not_truth(seed, tmp_path):
    table = report("derived_columns", seed).tables()[0]
    derived = [c for r in table.rows for c in r if c.derived and NUMBER.match(c.text)]
    assert derived and not any(c.obs for r in table.rows for c in r if c.derived)
    g = generate("derived_columns", "csv", seed, tmp_path)
    valued = [t for t in g.truth if t["value"]]
    assert len(printed_numbers(g.path, table.header_rows)) == len(valued) + len(derived)


def test_truth_follows_the_conventions():
    units = {"count", "percent", "rate_per_10k", "days", "average", "ratio"}
    measures = {"actual", "target", "stat_neighbour_avg", "stat_neighbour_best", "england_avg",
                "england_top_quartile", "region_avg"}
    for family in FAMILIES:
        for o in report(family, 1).obs():
            assert o.unit in units and o.measure in measures, (family, o)
            assert o.period.start <= o.period.end
            if o.value is None:
                assert o.note and o.scored == 0, (family, o)  # printed text: a note, never scored
            if o.unit == "percent" and o.value is not None:
                assert 0 <= o.value <= 100, (family, o)  # percentages in points
            if o.period.type == "financial_ytd":
                assert (o.period.start.month, o.period.start.day) == (4, 1)


def test_count_and_rate_cells_give_two_rows():
    rep = report("count_rate", 0)
    pairs = [c for t in rep.tables() for r in t.rows for c in r if re.match(r"^[\d,]+ \([\d.]+\)$", c.text)]
    assert pairs and all([o.unit for o in c.obs] == ["count", "rate_per_10k"] for c in pairs)


# -- the scorer

def rows(*specs):
    keys = ["authority", "indicator_id", "indicator_label", "measure", "period_end", "value", "scored"]
    return prepare([dict(zip(keys, s)) for s in specs])


def test_scorer_matches_by_value_period_and_label_or_id():
    truth = rows(("Leeds", "cla_children", "Children looked after", "actual", "2019-03-31", "700", "1"),
                 ("Leeds", "", "Open early help episodes", "actual", "2019-03-31", "512", "1"),
                 ("Leeds", "", "Local target note", "target", "2019-03-31", "", "0"))
    same = score(truth, rows(("leeds", "cla_children", "Our children in care", "actual", "2019-03-31", "700.04", ""),
                             ("Leeds", "", "open early-help episodes", "actual", "2019-03-31", "512", "")))
    assert (same["recall"], same["precision"], same["indicator_id_accuracy"]) == (1.0, 1.0, 1.0)
    off = score(truth, rows(("Leeds", "cla_rate_10k", "Children looked after", "actual", "2019-03-31", "700.1", ""),
                            ("Leeds", "", "Open early help episodes", "actual", "2019-02-28", "512", ""),
                            ("Leeds", "", "Something else entirely", "actual", "2019-03-31", "512", "")))
    assert off["recall"] == 0.0 and off["precision"] == 0.0


def test_scorer_ignores_benchmark_periods_and_counts_ids():
    truth = rows(("Leeds", "cla_rate_10k", "LAC per 10,000", "england_avg", "2018-03-31", "62.0", "1"),
                 ("Leeds", "cla_rate_10k", "LAC per 10,000", "actual", "2019-03-31", "70.1", "1"))
    got = rows(("Leeds", "", "LAC per 10,000", "england_avg", "2019-03-31", "62", ""),
               ("Leeds", "cla_rate_10k", "LAC per 10,000", "actual", "2019-03-31", "70.1", ""),
               ("Leeds", "", "LAC per 10,000", "actual", "2019-03-31", "70.1", ""))
    result = score(truth, got)
    assert result["recall"] == 1.0 and result["precision"] == pytest.approx(2 / 3)
    assert result["indicator_id_accuracy"] == 0.5
