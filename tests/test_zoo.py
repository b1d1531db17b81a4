"""The layout zoo: the pipeline on synthetic reports of every layout family and format, scored
against their truth.

Each (family, format) is generated at test time (seed 0) into tmp_path, extracted with the real
pipeline and scored by the shared scorer's rules. Every case must reach recall >= 0.99, precision >=
0.99 and indicator-id
>= 0.97, except those in KNOWN_FAILURES: strict xfails carrying the numbers measured when they were
listed, so that
a case the interpreter learns to read fails as XPASS until its line is removed. A few cases at other
seeds are read too (READ_AT_OTHER_SEEDS), and every case at the seeds `ZOO_SEEDS` names.

"""

from __future__ import annotations

import csv
import os
import re
import shutil

import pytest

from interpreter.observation import MEASURES, UNITS
from zoo import FAMILIES, cases, generate, report
from zoo import pdf as zpdf
from zoo.measure import measure
from zoo.model import Break, Para, Side
from zoo.score import prepare, score

SEED = 0
TARGETS = {"recall": 0.99, "precision": 0.99, "indicator_id_accuracy": 0.97}

# (family, format): what the pipeline scored when the case was listed (seed 0), recall / precision /
# indicator-id.
# Regenerate with `python -m benchmarks.zoo_score --known-failures` when the interpreter changes.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def shortfall(result: dict) -> list[str]:
    return [
        f"{k} {result[k]:.3f}"
        for k, v in TARGETS.items()
        if result[k] is not None and result[k] < v
    ]


# more seeds to read every case at, `ZOO_SEEDS=1,2,3 pytest tests/test_zoo.py -k reads`: their cases
# carry no xfails (KNOWN_FAILURES are seed 0's), so a case below target there fails
MORE_SEEDS = [int(s) for s in os.environ.get("ZOO_SEEDS", "").split(",") if s.strip()]

# cases below target at other seeds that a general fix made readable, read at every run (about a
# second each) so that they stay read
READ_AT_OTHER_SEEDS = [
    ("authorities_rows", "pdf", 1),
    ("authorities_rows", "pdf", 3),
    ("exception_report", "xlsx", 1),
    ("exception_report", "pdf", 3),
    ("bench_note", "csv", 3),
    ("board_report", "pdf", 1),
    ("periods_as_rows", "csv", 1),
    ("periods_as_rows", "pdf", 3),
    ("side_by_side", "csv", 4),
    ("wrapped_labels", "pdf", 4),
    ("authorities_rows", "pdf", 6),
    ("n_of_n", "pdf", 6),
    # wrapped headings over one column of alike ones, not a group over three
    ("authorities_columns", "pdf", 1),
    ("several_sheets", "pdf", 1),
]


def case_params():
    out = []
    for family, fmt in cases():
        reason = KNOWN_FAILURES.get((family, fmt))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(family, fmt, SEED, marks=marks, id=f"{family}-{fmt}"))
    seeded = READ_AT_OTHER_SEEDS + [(f, fmt, s) for s in MORE_SEEDS for f, fmt in cases()]
    for family, fmt, seed in dict.fromkeys(t for t in seeded if t[2] != SEED):
        out.append(pytest.param(family, fmt, seed, id=f"{family}-{fmt}-seed{seed}"))
    return out


@pytest.mark.parametrize("family,fmt,seed", case_params())
def test_pipeline_reads_the_family(family, fmt, seed, tmp_path):
    if fmt == "scan" and not shutil.which("tesseract"):
        pytest.skip("scans are read by OCR: apt-get install tesseract-ocr tesseract-ocr-eng")
    if (
        fmt in ("pdf", "scan")
        and not zpdf.latin1(report(family, seed))
        and not zpdf.FONT_DIR.joinpath(zpdf.FONT).exists()
    ):
        pytest.skip(
            "this report prints signs outside Latin-1 (≥, arrows): apt-get install "
            "fonts-dejavu-extra"
        )
    g = generate(family, fmt, seed, tmp_path)
    result = measure(g)
    missed = "; ".join(
        f"{m['indicator_label']} {m['period_end']} {m['value']}" for m in result["missed"][:3]
    )
    extra = "; ".join(
        f"{m['indicator_label']} {m['measure']} {m['period_end']} {m['value']}"
        for m in result["extra"][:3]
    )
    assert not shortfall(result), (
        f"{family} {fmt} seed {seed}: {', '.join(shortfall(result))} {result['error']}"
        f" | missed: {missed} | extra: {extra}"
    )


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
    texts = {
        str([[c.text for c in r] for t in report("ruled_months", s).tables() for r in t.rows])
        for s in range(6)
    }
    assert len(texts) == 6
    labels = {o.label for s in range(12) for o in report("ruled_months", s).obs()}
    assert len(labels) > 40  # wording drawn from the synonym lists, not one label per indicator


NUMBER = re.compile(r"^[+-]?[\d,]+(\.\d+)?%?$")


def printed_numbers(path, skip_rows: int) -> list[str]:
    """The numeric cells of a one-table CSV report after its title lines and header rows, label
    column excluded."""
    rows = [r for r in csv.reader(path.open(encoding="utf-8")) if r]
    table = [r for r in rows if len(r) > 1][skip_rows:]
    return [c for r in table for c in r[1:] if NUMBER.match(c)]


@pytest.mark.parametrize("seed", range(4))
def test_truth_has_one_row_per_printed_number(seed, tmp_path):
    g = generate("ruled_months", "csv", seed, tmp_path)
    printed = printed_numbers(g.path, 1)
    valued = [t for t in g.truth if t["value"]]
    assert len(printed) == len(valued)
    assert sorted(float(p.rstrip("%").replace(",", "")) for p in printed) == sorted(
        float(t["value"]) for t in valued
    )


@pytest.mark.parametrize("seed", range(4))
def test_derived_columns_are_printed_but_not_truth(seed, tmp_path):
    table = report("derived_columns", seed).tables()[0]
    derived = [c for r in table.rows for c in r if c.derived and NUMBER.match(c.text)]
    assert derived and not any(c.obs for r in table.rows for c in r if c.derived)
    g = generate("derived_columns", "csv", seed, tmp_path)
    valued = [t for t in g.truth if t["value"]]
    assert len(printed_numbers(g.path, table.header_rows)) == len(valued) + len(derived)


def test_truth_follows_the_conventions():
    for family in FAMILIES:
        for o in report(family, 1).obs():
            assert o.unit in UNITS and o.measure in MEASURES, (family, o)
            assert o.period.start <= o.period.end
            if o.value is None:
                assert o.note and o.scored == 0, (family, o)  # printed text: a note, never scored
            if o.unit == "percent" and o.value is not None:
                assert 0 <= o.value <= 100, (family, o)  # percentages in points
            if o.period.type == "financial_ytd":
                assert (o.period.start.month, o.period.start.day) == (4, 1)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_truth_value_is_printed_in_its_cell(family):
    for seed in range(3):
        for t in report(family, seed).tables():
            for row in t.rows:
                for c in row:
                    printed = [
                        float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", c.text)
                    ]
                    for o in c.obs:
                        assert o.value is None or o.value in printed, (
                            family,
                            seed,
                            c.text,
                            o.value,
                        )


def test_count_and_rate_cells_give_two_rows():
    rep = report("count_rate", 0)
    pairs = [
        c
        for t in rep.tables()
        for r in t.rows
        for c in r
        if re.match(r"^[\d,]+ \([\d.]+\)$", c.text)
    ]
    assert pairs and all([o.unit for o in c.obs] == ["count", "rate_per_10k"] for c in pairs)


# -- the scorer


def rows(*specs):
    keys = [
        "authority",
        "indicator_id",
        "indicator_label",
        "measure",
        "period_end",
        "value",
        "scored",
    ]
    return prepare([dict(zip(keys, s)) for s in specs])


def test_scorer_matches_by_value_period_and_label_or_id():
    truth = rows(
        ("Leeds", "cla_children", "Children looked after", "actual", "2019-03-31", "700", "1"),
        ("Leeds", "", "Open early help episodes", "actual", "2019-03-31", "512", "1"),
        ("Leeds", "", "Local target note", "target", "2019-03-31", "", "0"),
    )
    same = score(
        truth,
        rows(
            ("leeds", "cla_children", "Our children in care", "actual", "2019-03-31", "700.04", ""),
            ("Leeds", "", "open early-help episodes", "actual", "2019-03-31", "512", ""),
        ),
    )
    assert (same["recall"], same["precision"], same["indicator_id_accuracy"]) == (1.0, 1.0, 1.0)
    off = score(
        truth,
        rows(
            ("Leeds", "cla_rate_10k", "Children looked after", "actual", "2019-03-31", "700.1", ""),
            ("Leeds", "", "Open early help episodes", "actual", "2019-02-28", "512", ""),
            ("Leeds", "", "Something else entirely", "actual", "2019-03-31", "512", ""),
        ),
    )
    assert off["recall"] == 0.0 and off["precision"] == 0.0


def test_scorer_ignores_benchmark_periods_and_counts_ids():
    truth = rows(
        ("Leeds", "cla_rate_10k", "LAC per 10,000", "england_avg", "2018-03-31", "62.0", "1"),
        ("Leeds", "cla_rate_10k", "LAC per 10,000", "actual", "2019-03-31", "70.1", "1"),
    )
    got = rows(
        ("Leeds", "", "LAC per 10,000", "england_avg", "2019-03-31", "62", ""),
        ("Leeds", "cla_rate_10k", "LAC per 10,000", "actual", "2019-03-31", "70.1", ""),
        ("Leeds", "", "LAC per 10,000", "actual", "2019-03-31", "70.1", ""),
    )
    result = score(truth, got)
    assert result["recall"] == 1.0 and result["precision"] == pytest.approx(2 / 3)
    assert result["indicator_id_accuracy"] == 0.5


# -- each family prints what it is named for, whatever the seed


def cells(rep, body=True, head=True):
    for t in rep.tables():
        for i, r in enumerate(t.rows):
            if (i < t.header_rows and head) or (i >= t.header_rows and body):
                yield from r


def spanning_rows(rep):
    return [
        r for t in rep.tables() for r in t.rows[t.header_rows :] if len(r) == 1 and r[0].span > 1
    ]


def measures(rep):
    return {o.measure for o in rep.obs()}


def types(rep):
    return {o.period.type for o in rep.obs()}


def rulings(rep):
    return {t.ruling for t in rep.tables()}


FEATURES = {
    "ruled_months": lambda r: rulings(r) == {"all"} and types(r) == {"month"},
    "horizontal_rules": lambda r: (
        rulings(r) == {"horizontal"} and {"financial_year", "financial_ytd"} <= types(r)
    ),
    "zebra": lambda r: (
        rulings(r) == {"zebra"}
        and any(c.text in ("Ref", "Code", "No.", "KPI ref") for c in cells(r, body=False))
    ),
    "whitespace": lambda r: rulings(r) == {"none"},
    "wrapped_labels": lambda r: any(
        2 <= c.text.count("\n") + 1 <= 4
        for t in r.tables()
        for row in t.rows[t.header_rows :]
        for c in row[:1]
    ),
    "wrapped_months": lambda r: any(
        re.match(r"^[A-Z][a-z]{2}\n\d{4}$", c.text) for c in cells(r, body=False)
    ),
    "months_under_fy": lambda r: (
        any(c.span > 1 and re.search(r"\d{2}[/-]\d{2}", c.text) for c in cells(r, body=False))
        and types(r) == {"month"}
    ),
    "quarters_under_fy": lambda r: (
        "quarter" in types(r) and any(c.span > 1 for c in cells(r, body=False))
    ),
    "periods_as_rows": lambda r: (
        {"target", "stat_neighbour_avg", "england_avg"} <= measures(r)
        and r.tables()[0].header_rows >= 3
    ),
    "sections_units": lambda r: (
        spanning_rows(r)
        and any(
            o.unit == "percent" and "%" not in c.text
            for c in cells(r, head=False)
            for o in c.obs
            if o.value is not None
        )
    ),
    "polarity_targets": lambda r: (
        any(o.measure == "target" and o.scored == 0 and "tolerance" in o.note for o in r.obs())
        and any(o.measure == "target" and o.scored for o in r.obs())
    ),
    "bench_grouped": lambda r: (
        "stat_neighbour_avg" in measures(r)
        and any(c.span > 1 and re.search(r"\d{2}[/-]\d{2}", c.text) for c in cells(r, body=False))
    ),
    "bench_note": lambda r: (
        {"england_avg"} <= measures(r)
        and "as_at" in types(r)
        and all(o.period.type == "financial_year" for o in r.obs() if o.measure == "england_avg")
    ),
    "prior_outturn": lambda r: {"financial_year", "financial_ytd", "month"} <= types(r),
    "derived_columns": lambda r: sum(c.derived and bool(c.text) for c in cells(r)) >= 5,
    "markers_tokens": lambda r: (
        any(o.note and o.value is not None for o in r.obs())
        and any(o.value is None for o in r.obs())
        and spanning_rows(r)
    ),
    "count_rate": lambda r: any(len(c.obs) == 2 for c in cells(r)),
    "n_of_n": lambda r: (
        any(o.numerator for o in r.obs())
        and any(o.scored == 0 and not o.indicator_id and o.unit == "count" for o in r.obs())
    ),
    "authorities_rows": lambda r: (
        len({o.authority.name for o in r.obs()}) >= 6
        and {"region_avg", "stat_neighbour_avg"} <= measures(r)
    ),
    "authorities_columns": lambda r: len({o.authority.name for o in r.obs()}) >= 4,
    "exception_report": lambda r: len(r.tables()) >= 3 and "quarter" in types(r),
    "side_by_side": lambda r: any(isinstance(b, Side) for b in r.blocks),
    "continued": lambda r: r.tables()[0].repeat_header and len(r.tables()[0].rows) >= 30,
    "stacked": lambda r: len(r.tables()) >= 3 and all(t.title for t in r.tables()),
    "narrative": lambda r: sum(isinstance(b, Para) for b in r.blocks) >= 4 and len(r.tables()) >= 2,
    "rotated": lambda r: any(isinstance(b, Break) and b.rotated for b in r.blocks),
    "years_as_rows": lambda r: types(r) == {"financial_year"},
    "xlsx_native": lambda r: r.tables()[0].native and r.tables()[0].hidden,
    "board_report": lambda r: (
        any(len(c.obs) == 2 for c in cells(r))
        and any(o.numerator for o in r.obs())
        and "quarter" in types(r)
    ),
    "scanned": lambda r: len(r.obs()) >= 12,
    "summary_detail": lambda r: any(
        not c.obs and re.match(r"^[\d,.]+%?$", c.text)
        for t in r.tables()[1:]
        for row in t.rows[t.header_rows :]
        for c in row[1:]
    ),
    "section_column": lambda r: any(c.rowspan >= 3 for c in cells(r, head=False)),
    "several_sheets": lambda r: (
        any(isinstance(b, Break) and b.sheet for b in r.blocks) and len(r.tables()) == 2
    ),
}


def test_every_family_has_a_feature_check():
    assert set(FEATURES) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("seed", range(4))
def test_family_prints_its_feature(family, seed):
    assert FEATURES[family](report(family, seed))


def test_continued_table_repeats_its_header_on_the_next_page(tmp_path):
    import pdfplumber

    g = generate("continued", "pdf", SEED, tmp_path)
    head = [c.text for c in g.report.tables()[0].rows[0] if c.text][1]
    with pdfplumber.open(g.path) as pdf:
        assert len(pdf.pages) >= 2
        assert all(head in (p.extract_text() or "") for p in pdf.pages)


def test_rotated_page_is_marked_rotate_90(tmp_path):
    import pypdfium2 as pdfium

    g = generate("rotated", "pdf", SEED, tmp_path)
    doc = pdfium.PdfDocument(str(g.path))
    assert [doc[i].get_rotation() for i in range(len(doc))] == [0, 90]


def test_scan_has_no_text_layer(tmp_path):
    import pypdfium2 as pdfium

    g = generate("scanned", "scan", SEED, tmp_path)
    doc = pdfium.PdfDocument(str(g.path))
    assert all(doc[i].get_textpage().count_chars() == 0 for i in range(len(doc)))


def test_workbook_holds_dates_fractions_hidden_columns_and_merged_titles(tmp_path):
    import datetime

    import openpyxl

    g = generate("xlsx_native", "xlsx", SEED, tmp_path)
    ws = openpyxl.load_workbook(g.path).active
    values = [c for row in ws.iter_rows() for c in row]
    assert any(
        isinstance(c.value, datetime.datetime) and c.number_format == "mmm-yy" for c in values
    )
    fractions = [c for c in values if c.number_format == "0.0%"]
    assert fractions and all(0 <= c.value <= 1 for c in fractions)
    assert any(d.hidden for d in ws.column_dimensions.values())
    # the title
    assert any(
        m.min_row == m.max_row and m.max_col - m.min_col >= 3 for m in ws.merged_cells.ranges
    )
    truth = {float(t["value"]) for t in g.truth if t["unit"] == "percent" and t["value"]}
    assert all(any(abs(100 * c.value - v) < 0.05 for v in truth) for c in fractions)


def test_docx_rotated_family_has_a_landscape_section(tmp_path):
    import docx
    from docx.enum.section import WD_ORIENT

    g = generate("rotated", "docx", SEED, tmp_path)
    assert [s.orientation for s in docx.Document(str(g.path)).sections][-1] == WD_ORIENT.LANDSCAPE


def test_benchmark_prints_the_table_and_keeps_the_files(tmp_path, capsys):
    from benchmarks import zoo_score

    assert (
        zoo_score.main(["--family", "years_as_rows", "--format", "csv", "--out-dir", str(tmp_path)])
        == 0
    )
    out = capsys.readouterr().out
    assert "| years_as_rows | csv |" in out and "**all** (1 cases)" in out
    kept = sorted(p.name for p in (tmp_path / "seed0").iterdir())
    assert (
        len(kept) == 3
        and kept[0].endswith(".csv")
        and kept[1].endswith(".got.csv")
        and kept[2].endswith(".truth.csv")
    )
