"""The Compare page's board scorecard in a real browser at 1440 px: ten indicators by five
authorities, every text of the chart measured (it is drawn as SVG) and no two overlapping;
screenshots in tests/artifacts/ and docs/."""

from __future__ import annotations

import re
import shutil

from browsing import ARTIFACTS, ROOT, go, no_exception, shoot, wait_idle

WIDTH = 1440
ADDED_AUTHORITY = "Wakefield"
ADDED_INDICATORS = [
    "Children looked after per 10000 children",
    "% of assessments completed within 45 working days",
    "Children in need per 10000 children",
    "Number of children looked after",
]
DOC_SHOT = ROOT / "docs" / "compare_scorecard.png"

# Every <text> of the chart's SVG with its box; pairs whose boxes overlap by more than half a pixel.
OVERLAPS = """svg => {
    const boxes = Array.from(svg.querySelectorAll('text'))
        .filter(t => t.textContent.trim())
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent.trim(), left: r.left, right: r.right,
                            top: r.top, bottom: r.bottom}; })
        .filter(b => b.right - b.left > 0 && b.bottom - b.top > 0);
    const hits = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) hits.push([a.text, b.text]);
    }
    const holder = svg.closest('[data-testid="stVegaLiteChart"]') || svg.parentElement;
    return {count: boxes.length, hits: hits, right: Math.max(...boxes.map(b => b.right)),
            room: holder.getBoundingClientRect().right};
}"""


def add_to_multiselect(page, label: str, option: str) -> None:
    """Type an option's name into a multiselect and pick it from the list."""
    box = (
        page.locator('[data-testid="stMultiSelect"]')
        .filter(has=page.get_by_text(label, exact=True))
        .first
    )
    box.locator("input").first.click()
    page.keyboard.type(option)
    page.locator('[role="listbox"]').get_by_role(
        "option", name=re.compile(rf"^\s*{re.escape(option)}\s*$")
    ).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)
    no_exception(page)


def test_the_scorecard_of_ten_indicators_and_five_authorities_has_no_overlapping_text(page):
    page.set_viewport_size({"width": WIDTH, "height": 1000})
    go(page, "Compare")
    add_to_multiselect(page, "Authorities", ADDED_AUTHORITY)
    for name in ADDED_INDICATORS:
        add_to_multiselect(page, "Scorecard indicators", name)
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="Period shown").first
    chart.wait_for(state="visible")
    svg = chart.locator("svg").first
    svg.wait_for(state="attached")
    found = svg.evaluate(OVERLAPS)
    print(f"scorecard texts measured: {found['count']}, overlapping pairs: {len(found['hits'])}")
    shoot(page, "flow-compare-scorecard")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(ARTIFACTS / "compare_scorecard.png"))
    shutil.copyfile(ARTIFACTS / "compare_scorecard.png", DOC_SHOT)
    texts = svg.locator("text").all_text_contents()
    assert sum("Wakefield" in t for t in texts) == 1, "the fifth authority is not a column"
    headers = ("Indicator", "Period shown")
    rows = [t for t in texts if any(n.split()[0] in t for n in ADDED_INDICATORS)]
    assert len(rows) >= 4 and all(h in " ".join(texts) for h in ("Indicator", "Period")), headers
    # headers, names and periods, fifty cells
    assert found["count"] >= 2 + 5 + 10 * 2 + 50, found["count"]
    assert found["hits"] == [], f"overlapping texts: {found['hits'][:5]}"
    assert found["right"] <= min(found["room"], WIDTH), (
        f"a text runs past the chart's room ({found})"
    )
