"""The board pack for the Rotherham sample, January 2017: built from the store, printed as PDF, Word
and Excel, read back, and every summary value, RAG, direction and commentary number checked
against the store and the analyses; the PDF read again by perfbooks' own reader gives the pack's
numbers (issue 15)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pdfplumber
import pytest

from analyses.trends import trend_table
from pack import build_pack, render_pack
from pack.pdf import RendererMissing
from pack.render import charts
from pack.text_table import summary_frame
from pipeline import extract_path
from samples.build import FOLDER
from store import Selection, Store
from views.explore import benchmark_view

MONTH = pd.Timestamp(2017, 1, 1)
SAMPLE = FOLDER / "rotherham_2017-01_monthly_performance_sample.xlsx"
MONTHS = ["Nov-16", "Dec-16", "Jan-17"]
NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?%?")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = Store(str(tmp_path_factory.mktemp("pack") / "store.duckdb"))
    opened.ingest(SAMPLE)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def pack(store):
    return build_pack(store, "Rotherham", "2017-01")


@pytest.fixture(scope="module")
def files(pack, tmp_path_factory):
    """The pack as Word and Excel, and as PDF when Chromium is installed (required in CI)."""
    pngs = charts(pack)
    folder = tmp_path_factory.mktemp("out")
    written = {}
    for fmt in ("pdf", "docx", "xlsx"):
        try:
            content = render_pack(pack, fmt, pngs)
        except RendererMissing as missing:
            if os.environ.get("PERFBOOKS_REQUIRE_BROWSER") == "1":
                pytest.fail(str(missing))
            continue
        written[fmt] = folder / f"pack.{fmt}"
        written[fmt].write_bytes(content)
    return written


@pytest.fixture(scope="module")
def observations(store):
    return store.observations(Selection(source="reports", authority="Rotherham"))


@pytest.fixture(scope="module")
def benchmarks(store, pack):
    return benchmark_view(
        store, "Rotherham", "2015-16", indicators=[r.indicator_id for r in pack.rows]
    )


@pytest.fixture(scope="module")
def pdf_summary(files) -> pd.DataFrame:
    """The summary table as read from the PDF (its header row repeated on each page it spans)."""
    if "pdf" not in files:
        pytest.skip(
            "no Chromium to print the PDF: apt-get install chromium (make test installs it)"
        )
    rows, header = [], None
    with pdfplumber.open(files["pdf"]) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                if table and table[0][0] == "Indicator" and "YTD" in table[0]:
                    header = [_joined(h) for h in table[0]]
                    rows += [[_joined(c) for c in r] for r in table[1:]]
    return pd.DataFrame(rows, columns=header)


def _joined(text) -> str:
    """A cell's lines as one line ('Nov-' + '16' -> 'Nov-16')."""
    return re.sub(r"(\d-|[a-z]-)\s+(?=\d)", r"\1", " ".join((text or "").split()))


def value_of(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


def store_value(observations, indicator, period_type, start=None, end=None):
    rows = observations[
        (observations["indicator_id"] == indicator)
        & (observations["measure"] == "actual")
        & (observations["period_type"] == period_type)
        & observations["value"].notna()
    ]
    if start is not None:
        rows = rows[pd.to_datetime(rows["period_start"]) == pd.Timestamp(start)]
    if end is not None:
        rows = rows[pd.to_datetime(rows["period_end"]) == pd.Timestamp(end)]
    return set(rows["value"].round(6))


def test_the_pack_has_every_monthly_indicator_of_the_report(pack, observations):
    monthly = observations[
        (observations["period_type"] == "month") & (observations["indicator_id"].fillna("") != "")
    ]
    assert {r.indicator_id for r in pack.rows} == set(monthly["indicator_id"])
    assert len(pack.rows) >= 20 and pack.year == "2015-16"


def test_pdf_summary_months_ytd_and_outturns_equal_the_store(pdf_summary, pack, observations):
    assert pdf_summary.values.tolist() == [
        [_joined(t) for t in r] for r in summary_frame(pack).values.tolist()
    ]
    assert len(pdf_summary) == len(pack.rows)
    assert list(pdf_summary["Indicator"]) == [" ".join(r.label.split()) for r in pack.rows]
    for (_, printed), row in zip(pdf_summary.iterrows(), pack.rows):
        for header, month in zip(MONTHS, pd.date_range(end=MONTH, periods=3, freq="MS")):
            held = store_value(observations, row.indicator_id, "month", month)
            _same(printed[header], held, f"{row.indicator_id} {header}")
        held_ytd = store_value(
            observations, row.indicator_id, "financial_ytd", "2016-04-01", "2017-01-31"
        )
        if printed["YTD"] != "—" and not held_ytd:
            assert row.ytd.source.startswith("worked out by perfbooks"), row.ytd
        elif held_ytd:
            _same(printed["YTD"], held_ytd, f"{row.indicator_id} YTD")
        for year in ("2014-15", "2015-16"):
            own = store_value(observations, row.indicator_id, "financial_year", f"{year[:4]}-04-01")
            if own:
                _same(printed[year], own, f"{row.indicator_id} {year}")


def _same(printed: str, held: set, what: str) -> None:
    """A printed number equals the store's value; a dash only where the store has none."""
    if printed == "—":
        assert not held, f"{what}: the store has {held} but the pack printed a gap"
        return
    assert round(value_of(printed), 6) in {round(v, 2) for v in held} or any(
        abs(value_of(printed) - v) < 0.05 for v in held
    ), f"{what}: printed {printed}, store {held}"


def test_pdf_comparators_equal_the_benchmark_analysis(pdf_summary, pack, benchmarks):
    gaps, standing = benchmarks.gaps, benchmarks.standing
    checked = 0
    for (_, printed), row in zip(pdf_summary.iterrows(), pack.rows):
        mine = gaps[gaps["indicator_id"] == row.indicator_id]
        for header, comparator in (
            ("Stat neighbour 2015-16", "stat_neighbour_mean"),
            ("England 2015-16", "england"),
            ("Region 2015-16", "region"),
        ):
            found = mine[mine["comparator"] == comparator]["comparator_value"]
            if row.unit == "count" or found.empty or found.isna().all():
                assert printed[header] == "—", (row.indicator_id, header)
                continue
            assert abs(value_of(printed[header]) - float(found.iloc[0])) <= 0.05, (
                row.indicator_id,
                header,
            )
            checked += 1
        band = standing[standing["indicator_id"] == row.indicator_id]["quartile_band"]
        if row.unit != "count" and len(band) and band.iloc[0]:
            assert printed["Quartile band 2015-16"] == band.iloc[0]
    # Rotherham's child protection rate: neighbours 52.1, England 43.4, region 42.0
    assert checked >= 20
    cpp = pdf_summary.iloc[[r.indicator_id for r in pack.rows].index("cpp_rate_10k")]
    assert (
        cpp["Stat neighbour 2015-16"],
        cpp["England 2015-16"],
        cpp["Region 2015-16"],
        cpp["Quartile band 2015-16"],
    ) == ("52.1", "43.4", "42.0", "D")


def test_rag_and_direction_equal_the_trend_analysis(pdf_summary, pack, store):
    every = store.observations(Selection(source="reports", vintage="all", authority="Rotherham"))
    current = store.observations(Selection(source="reports", authority="Rotherham"))
    judged = 0
    for (_, printed), row in zip(pdf_summary.iterrows(), pack.rows):
        table = trend_table(current, row.indicator_id, None, all_vintages=every)
        latest = table[pd.to_datetime(table["period_start"]) == MONTH].iloc[0]
        assert printed["RAG"] == (latest["rag_label"] or "Not judged –"), row.indicator_id
        assert printed["DoT"] == (latest["direction_label"] or "–"), row.indicator_id
        judged += bool(latest["rag"])
    assert judged >= 6
    assert (
        pdf_summary.iloc[[r.indicator_id for r in pack.rows].index("contacts_decision_1wd_pct")][
            "RAG"
        ]
        == "Red ✗"
    )


def test_every_commentary_number_is_true(pack, observations, benchmarks):
    checked = 0
    for section in pack.sections:
        truths = _truths(section.row, observations, benchmarks.gaps)
        for fact in section.facts:
            said = fact.text.replace(section.row.label, "").replace("2015-16", "")
            for number in NUMBER.findall(said):
                if re.fullmatch(r"20\d\d", number):
                    continue  # a year
                assert round(value_of(number), 1) in truths, (
                    f"{section.row.indicator_id}: {number} in {fact.text!r}"
                )
                checked += 1
            if fact.kind == "month_change":
                before, now = fact.numbers["before"], fact.numbers["now"]
                verb = "rose" if now > before else "fell" if now < before else "did not change"
                assert verb in fact.text
    assert checked > 100


def _truths(row, observations, gaps) -> set[float]:
    """Every number a sentence about the indicator may truly say, worked out here from the store
    alone."""
    held = observations[
        (observations["indicator_id"] == row.indicator_id)
        & (observations["measure"] == "actual")
        & (observations["period_type"] == "month")
    ]
    by_month = dict(zip(pd.to_datetime(held["period_start"]), held["value"]))
    now, before, then = (
        by_month.get(MONTH),
        by_month.get(MONTH - pd.DateOffset(months=1)),
        by_month.get(MONTH - pd.DateOffset(years=1)),
    )
    truths = {v for v in (now, before, then) if v is not None}
    if now is not None and before:
        change = abs(100 * (now - before) / before)
        truths |= {round(change), round(change, 1), round(abs(now - before), 1)}
    if now is not None and then is not None:
        truths.add(round(abs(now - then), 1))
    mine = gaps[gaps["indicator_id"] == row.indicator_id]
    for comparator in ("stat_neighbour_mean", "england"):
        found = mine[mine["comparator"] == comparator]["comparator_value"].dropna()
        if len(found) and now is not None:
            bench = float(found.iloc[0])
            pct = abs(100 * (now - bench) / bench)
            truths |= {round(bench, 1), round(pct), round(pct, 1)}
    truths |= {value_of(n) for n in NUMBER.findall(row.target.shown)}
    return {round(float(t), 1) for t in truths}


def test_the_pdf_read_again_gives_the_packs_numbers(files, pdf_summary, pack):
    """Round trip: perfbooks' reader on the printed pack; recall and precision against the pack's
    numbers."""
    result = extract_path(Path(files["pdf"]), "pack.pdf")
    got = pd.DataFrame([o.as_row() for o in result.observations])
    got = got[got["value"].astype(str) != ""]
    read = {
        (
            r.indicator_id,
            r.measure,
            r.period_type,
            str(r.period_start),
            str(r.period_end),
            round(float(r.value), 3),
        )
        for r in got.itertuples()
    }
    printed = _printed_numbers(pack)
    recall, precision = len(printed & read) / len(printed), len(printed & read) / len(read)
    assert len(printed) > 350
    assert recall >= 0.99 and precision >= 0.99, (
        recall,
        precision,
        sorted(printed - read)[:5],
        sorted(read - printed)[:5],
    )
    assert set(got["authority"]) == {"Rotherham"}


def _printed_numbers(pack) -> set[tuple]:
    """The numbers the pack prints in its tables, as observations (indicator, measure, period,
    value)."""

    def fy(year: str):
        first = int(year[:4])
        return str(pd.Timestamp(first, 4, 1).date()), str(pd.Timestamp(first + 1, 3, 31).date())

    def month(m):
        return str(m.date()), str((m + pd.offsets.MonthEnd(0)).date())

    out = set()
    for section in pack.sections:
        row = section.row
        shown = [(m, f.value) for m, f in row.months] + list(
            zip(section.months, section.table["value"])
        )
        out |= {
            (row.indicator_id, "actual", "month", *month(m), round(float(v), 3))
            for m, v in shown
            if v is not None and v == v
        }
        if row.ytd.value is not None:
            out.add(
                (
                    row.indicator_id,
                    "actual",
                    "financial_ytd",
                    "2016-04-01",
                    "2017-01-31",
                    round(row.ytd.value, 3),
                )
            )
        out |= {
            (row.indicator_id, "actual", "financial_year", *fy(y), round(f.value, 3))
            for y, f in row.outturns
            if f.value is not None
        }
        out |= {
            (row.indicator_id, m, "financial_year", *fy(pack.year), round(value_of(f.shown), 3))
            for m, f in row.comparators.items()
            if f.value is not None
        }
        out |= {
            (row.indicator_id, "target", "financial_year", *fy("2016-17"), round(f.value, 3))
            for f in (row.target, row.red)
            if f.value is not None
        }
    return out


def test_docx_summary_is_the_packs_and_every_figure_has_a_comment(files, pack):
    document = docx.Document(str(files["docx"]))
    table = document.tables[0]
    texts = [[c.text for c in r.cells] for r in table.rows]
    printed = summary_frame(pack)
    assert texts[0] == list(printed.columns) and texts[1:] == printed.values.tolist()
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), (
        "the header row is not marked as a header"
    )
    comments = {c.comment_id: c.text for c in document.comments}
    for r, row in enumerate(table.rows[1:], start=1):
        for c, cell in enumerate(row.cells[2:], start=2):
            if texts[0][c] in ("RAG", "DoT"):
                continue
            ids = cell._tc.xpath(".//w:commentRangeStart/@w:id")
            assert ids, f"no source for {texts[0][c]} of {texts[r][0]}"
            note = comments[int(ids[0])]
            assert (
                note.startswith("No figure: ")
                if cell.text == "—"
                else not note.startswith("No figure")
            )
    jan = texts[0].index("Jan-17")
    first_source = comments[
        int(table.rows[1].cells[jan]._tc.xpath(".//w:commentRangeStart/@w:id")[0])
    ]
    assert "rotherham_2017-01_monthly_performance_sample.xlsx, Summary!G6" in first_source
    assert all(s._inline.docPr.get("descr") for s in document.inline_shapes)
    assert len(document.inline_shapes) == len(pack.sections)


def test_xlsx_summary_holds_numbers_with_sources(files, pack):
    book = openpyxl.load_workbook(files["xlsx"])
    sheet = book["Summary"]
    header = [c.value for c in sheet[3]]
    assert header == list(summary_frame(pack).columns)
    assert "Summary" in sheet.tables
    for r, row in enumerate(pack.rows, start=4):
        jan = sheet.cell(r, header.index("Jan-17") + 1)
        value = row.months[-1][1].value
        assert (jan.value == "—") if value is None else abs(jan.value - value) < 1e-9
        for c, name in enumerate(header, start=1):
            cell = sheet.cell(r, c)
            if name not in ("Indicator", "Good performance is", "RAG", "DoT"):
                assert cell.comment is not None, (row.label, name)
                assert cell.comment.text.startswith("No figure: ") == (cell.value == "—"), (
                    row.label,
                    name,
                )
    assert book["Sources"].max_row - 1 == sum(
        1
        for _ in range(len(pack.rows))
        for n in header
        if n not in ("Indicator", "Good performance is", "RAG", "DoT")
    )


def test_the_pdf_is_tagged_with_headings_table_headers_and_chart_alt_text(files, pdf_summary, pack):
    with pdfplumber.open(files["pdf"]) as pdf:
        kinds, alts = [], []

        def walk(nodes):
            for node in nodes:
                kinds.append(node.get("type"))
                if node.get("type") == "Figure":
                    alts.append(node.get("alt_text") or node.get("alt") or "")
                walk(node.get("children", []))

        walk(pdf.structure_tree)
        assert pdf.metadata.get("Title", "").startswith("Rotherham")
    assert {"H1", "H2", "H3", "Table", "TH", "TD"} <= set(kinds)
    assert len(alts) == len(pack.sections) and all(a.startswith("Line chart of") for a in alts)


def test_gaps_say_why_and_nothing_is_filled_in(pack):
    contacts = next(r for r in pack.rows if r.indicator_id == "contacts")
    assert (
        contacts.comparators["england_avg"].missing
        and "a count" in contacts.comparators["england_avg"].gap
    )
    overdue = next(r for r in pack.rows if r.indicator_id == "assessments_open_overdue")
    assert overdue.outturns[0][1].missing and "no 2014-15 outturn" in overdue.outturns[0][1].gap
    table = summary_frame(pack)
    assert (table == "").sum().sum() == 0, "an empty cell: every gap is a dash with its reason"


def test_the_command_line_writes_the_pack_or_says_why_not(store, tmp_path, capsys):
    from cli import main

    out = tmp_path / "rotherham.xlsx"
    assert (
        main(
            [
                "pack",
                "--authority",
                "Rotherham",
                "--month",
                "2017-01",
                "--out",
                str(out),
                "--db",
                store.url,
            ]
        )
        == 0
    )
    assert (
        openpyxl.load_workbook(out)["Summary"]["A1"].value
        == "Rotherham: Children's social care performance, January 2017"
    )
    assert "board pack for Rotherham, January 2017" in capsys.readouterr().err
    assert (
        main(
            [
                "pack",
                "--authority",
                "Rotherham",
                "--month",
                "2017-01",
                "--out",
                str(tmp_path / "p.txt"),
                "--db",
                store.url,
            ]
        )
        == 2
    )
    assert "--out must end in .pdf, .docx or .xlsx" in capsys.readouterr().err
    assert (
        main(
            [
                "pack",
                "--authority",
                "Rotherham",
                "--month",
                "2017-01",
                "--out",
                str(out),
                "--template",
                "board",
                "--db",
                store.url,
            ]
        )
        == 2
    )
    assert "no saved pack template named 'board'" in capsys.readouterr().err
    assert (
        main(
            [
                "pack",
                "--authority",
                "Wirral",
                "--month",
                "2017-01",
                "--out",
                str(out),
                "--db",
                store.url,
            ]
        )
        == 2
    )
    assert "no report figures for Wirral" in capsys.readouterr().err


def test_a_month_after_the_last_report_prints_gaps_not_figures(store):
    later = build_pack(store, "Rotherham", "2017-03")
    row = next(r for r in later.rows if r.indicator_id == "contacts")
    assert [f.missing for _, f in row.months] == [False, True, True]
    assert row.months[-1][1].gap == "no report printed a figure for Mar 2017"
    assert row.rag == "" and later.sections[0].facts[0].kind == "gap"
