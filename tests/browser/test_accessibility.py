"""WCAG 2.2 AA in a real browser on every page: axe-core finds no serious or critical violation and
no colour-contrast one in perfbooks' content; every chart text has 4.5:1 and every line or point
3:1 on white; every chart's accessible name summarises it; the navigation links show a visible
keyboard focus."""

from __future__ import annotations

import re

from accessibility import (
    CHART,
    axe_violations,
    chart_colours,
    chart_names,
    described,
    focus_outline,
    hex_of,
    low_contrast,
)
from browsing import EXCEPTION, docs_shot, nav_links, no_exception, shoot, title_of, wait_idle

from analyses.style import MARK_RATIO, contrast

NAV_LINK = '[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]'


def test_every_page_passes_axe_and_its_charts_have_contrast_and_a_summary(page):
    problems, charts_seen = [], 0
    for index, (name, _) in enumerate(nav_links(page), start=1):
        page.locator(NAV_LINK).nth(index - 1).click()
        title_of(page, name).or_(page.locator(EXCEPTION)).first.wait_for(state="visible")
        wait_idle(page)
        no_exception(page)
        for chart in page.locator(CHART).all():  # drawn by vega-embed after the script run
            chart.locator("svg, canvas").first.wait_for(state="attached")
        problems += [f"{name}: {v}" for v in axe_violations(page)]
        drawn = chart_colours(page)
        problems += [f"{name}: chart {p}" for p in low_contrast(drawn)]
        names = chart_names(page)
        charts_seen += len(names)
        problems += [
            f"{name}: a chart named {n!r}, not a summary" for n in names if not described(n)
        ]
        if index == 1:
            docs_shot(page, "trends_chart_with_summary")
            assert any(d["kind"] == "text" for d in drawn) and any(
                d["kind"] == "mark" for d in drawn
            ), drawn[:5]
    assert charts_seen >= 5, f"only {charts_seen} charts seen across the pages"
    assert not problems, "\n".join(problems)


def test_the_navigation_links_show_a_visible_focus(page):
    """Tabbing onto a navigation link draws an outline of at least 2 px with 3:1 against the
    sidebar."""
    seen = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = focus_outline(page)
        seen.append(focused)
        if focused["testid"] == "stSidebarNavLink":
            break
    else:
        raise AssertionError(f"Tab never reached a navigation link: {seen}")
    try:  # the app's style may arrive a moment after the page's first draw
        page.wait_for_function(
            "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'", timeout=5000
        )
    except Exception:
        pass  # the assertion below says what was drawn
    focused = focus_outline(page)
    assert focused["style"] not in ("none", "hidden") and focused["width"] >= 2, focused
    ratio = contrast(hex_of(focused["colour"]), hex_of(focused["background"]))
    assert ratio >= MARK_RATIO, (
        f"focus outline {focused['colour']} on {focused['background']}: {ratio:.2f}:1"
    )
    shoot(page, "a11y-focus")
    assert re.search(r"\w", focused["text"])
