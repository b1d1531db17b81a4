"""The app in a real browser: every page opens cleanly; upload, review, accept, trend chart and tidy CSV download."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import reports
from browsing import go, no_exception, select, shoot, title_of, wait_idle

# Page titles (st.title) the flow goes through.
UPLOAD, REVIEW, TRENDS, DATA = "Upload reports", "Review", "Trends", "Data"


def nav_links(page) -> list[str]:
    """The page names in the sidebar navigation, in order."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    return [" ".join(text.split()) for text in links.all_inner_texts()]


def test_every_page_opens_without_an_exception(page):
    """Each page of the navigation shows its title and no exception box; a screenshot of each is kept."""
    names = nav_links(page)
    titles = {}
    for index in range(max(len(names), 1)):
        if names:
            page.locator('[data-testid="stSidebarNav"] a').nth(index).click()
            wait_idle(page)
        heading = page.locator("h1").first
        heading.wait_for(state="visible")
        wait_idle(page)
        no_exception(page)
        title = " ".join(heading.inner_text().split())
        assert title, f"page {names[index] if names else '(only page)'} shows no title"
        titles[names[index] if names else title] = title
        shoot(page, f"page-{index + 1:02d}-{title}")
    for wanted in (UPLOAD, REVIEW, TRENDS, DATA):
        assert wanted in titles.values(), f"no page titled {wanted!r} among {sorted(titles.values())}"


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wirral_reports")
    return [reports.make_pdf(folder / reports.PDF_NAME), reports.make_xlsx(folder / reports.XLSX_NAME)]


def test_upload_review_accept_trend_and_download(page, report_files, tmp_path):
    """An analyst's first session: two new reports in, one label fixed, both accepted, charted and downloaded."""
    # Upload: both files at once; each gets a progress bar and ends 'ready to review'; nothing saved yet.
    go(page, UPLOAD)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in report_files])
    page.get_by_text(f"{len(report_files)} waiting for review").wait_for(state="visible")
    wait_idle(page)
    for path in report_files:  # each file's bar ended in its message (a file read in an earlier rerun keeps no message)
        assert page.get_by_text(re.compile(rf"{re.escape(path.name)}.*ready to review")).count() <= 1
    assert page.get_by_text(re.compile("ready to review")).count() >= 1
    no_exception(page)
    shoot(page, "flow-1-upload")

    # Review the PDF: authority and report date read from it; set the unmapped label's indicator; accept.
    go(page, REVIEW)
    select(page, "Document", reports.PDF_NAME)
    page.get_by_text("Labels to check").first.wait_for(state="visible")
    assert page.get_by_label("Authority").first.input_value() == reports.AUTHORITY
    suggestion = page.get_by_role("button", name=f"Use {reports.FIXED_ID}")
    suggestion.wait_for(state="visible")  # the catalogue's ranked suggestion for the unmapped label
    select(page, "Printed label", reports.UNMAPPED_PDF)
    select(page, "Indicator", f"{reports.FIXED_ID} — ")
    page.get_by_role("button", name="Set indicator").click()
    suggestion.wait_for(state="detached")  # the label is settled, so it is no longer listed to check
    wait_idle(page)
    no_exception(page)
    shoot(page, "flow-2-review-pdf")
    page.get_by_role("button", name="Accept and save").click()
    page.get_by_text(re.compile("stored as document")).first.wait_for(state="visible")
    no_exception(page)

    # Review the workbook as it was read, and accept it.
    select(page, "Document", reports.XLSX_NAME)
    assert page.get_by_label("Authority").first.input_value() == reports.AUTHORITY
    shoot(page, "flow-3-review-xlsx")
    page.get_by_role("button", name="Accept and save").click()
    page.get_by_text(re.compile("stored as document")).first.wait_for(state="visible")
    no_exception(page)

    # Trends for Wirral: the chart (Vega-Lite) and its table alternative.
    go(page, TRENDS)
    select(page, "Authority", reports.AUTHORITY, exact=True)
    select(page, "Indicator", "referrals — ")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(state="visible")
    chart.locator("canvas, svg").first.wait_for(state="visible")
    page.get_by_text(re.compile(r"^Table: referrals")).first.wait_for(state="visible")  # the table alternative
    latest = reports.XLSX_ROWS["Number of referrals"][1][-1]
    page.locator('[data-testid="stMetricValue"]').filter(has_text=f"{latest:,}").first.wait_for(state="visible")
    no_exception(page)
    shoot(page, "flow-4-trends")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download chart data (CSV)").first.click()
    charted = pd.read_csv(download.value.path())
    values = pd.to_numeric(charted.get("value", pd.Series(dtype=float)), errors="coerce")
    wanted = reports.PDF_ROWS["Number of referrals"][1] + reports.XLSX_ROWS["Number of referrals"][1]
    assert set(wanted) <= set(values.dropna()), charted.head(20).to_string()

    # Data: the tidy CSV of the store holds the accepted observations, the fixed label with its chosen id.
    go(page, DATA)
    select(page, "Authority", reports.AUTHORITY, exact=True)
    page.get_by_text(re.compile(r"observations selected")).wait_for(state="visible")
    no_exception(page)
    shoot(page, "flow-5-data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download tidy CSV").first.click()
    saved = tmp_path / "tidy.csv"
    download.value.save_as(saved)
    tidy = pd.read_csv(saved, dtype=str, keep_default_na=False)
    check_tidy(tidy)


def check_tidy(tidy: pd.DataFrame) -> None:
    mine = tidy[(tidy["authority"] == reports.AUTHORITY) & tidy["source_file"].isin([reports.PDF_NAME, reports.XLSX_NAME])]
    got = {(r.indicator_id, r.period_start, float(r.value)) for r in mine.itertuples() if r.measure == "actual"}
    missing = [row for row in reports.expected_rows() if row not in got]
    assert not missing, f"the tidy CSV lacks {len(missing)} accepted observations, e.g. {missing[:5]}"
    fixed = mine[mine["indicator_label"] == reports.UNMAPPED_PDF]
    assert len(fixed) == 3 and set(fixed["indicator_id"]) == {reports.FIXED_ID}, fixed
    left = mine[mine["indicator_label"] == reports.UNMAPPED_XLSX]
    assert len(left) == 3 and set(left["indicator_id"]) == {""}, left
