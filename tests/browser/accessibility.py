"""Accessibility checks in the browser: axe-core (bundled by the axe-playwright-python package,
injected into the page, so no network), the contrast of the text and marks the charts draw (axe
does not read SVG charts), the charts' accessible names and the keyboard focus outline."""

from __future__ import annotations

import re

from analyses.style import MARK_RATIO, TEXT_RATIO, contrast

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
# Streamlit's own chrome, not perfbooks' content: each rule and the element it may flag there, and
# why.
STREAMLIT_CHROME = {
    # st.navigation draws its sections as <ul> whose children are a <header> and <li>s inside a
    # wrapper <div>:
    # Streamlit's markup, which no app can change; the links themselves are checked (names,
    # contrast, focus).
    "list": '[data-testid="stSidebarNav"]',
    "listitem": '[data-testid="stSidebarNav"]',
}
CHART = '[data-testid="stVegaLiteChart"]'


def axe_violations(page) -> list[str]:
    """The serious or critical WCAG 2.2 A/AA violations (and every colour-contrast one) axe finds on
    the page, one line each, leaving out STREAMLIT_CHROME."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    found = []
    for rule in results.response["violations"]:
        if rule["impact"] not in FAILING_IMPACTS and rule["id"] != "color-contrast":
            continue
        for node in rule["nodes"]:
            if not _in_chrome(page, rule["id"], node["target"]):
                found.append(
                    f"{rule['id']} ({rule['impact']}): {node['html'][:160]} — "
                    f"{node['failureSummary'][:300]}"
                )
    return found


def _in_chrome(page, rule: str, target: list) -> bool:
    inside = STREAMLIT_CHROME.get(rule)
    if not inside or len(target) != 1 or not isinstance(target[0], str):
        return False
    return page.evaluate(
        "([sel, inside]) => !!document.querySelector(sel)?.closest(inside)", [target[0], inside]
    )


def chart_colours(page) -> list[dict]:
    """Every visible text and line, rule or point mark in the page's charts: what it is, its colour
    (blended with white by its opacity) and the contrast it needs. Filled bands (areas) are
    decorative and left out."""
    drawn = page.evaluate(
        """(chart) => {
        const out = [];
        const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
        const add = (kind, el, paint, opacity, need) => {
            const c = rgb(paint); if (c.length < 3 || paint === 'none') return;
            const a = (c.length > 3 ? c[3] : 1) * opacity; if (a <= 0.01) return;
            out.push({kind, need, text: (el.textContent || '').slice(0, 40),
                      rgb: c.slice(0, 3).map(v => Math.round(v * a + 255 * (1 - a)))});
        };
        document.querySelectorAll(chart + ' svg').forEach(svg => {
            svg.querySelectorAll('text').forEach(t => {
                const s = getComputedStyle(t);
                add('text', t, s.fill, Number(s.opacity) * Number(s.fillOpacity), 'text');
            });
            const marks = '.mark-line path, .mark-rule line, .mark-rule path, .mark-symbol path';
            svg.querySelectorAll(marks).forEach(m => {
                // grid, ticks, domain, legend, marks hidden from screen readers: decorative
                const decorative = '.role-axis-grid, .role-axis-tick, .role-axis-domain, '
                    + '.role-legend, [aria-hidden="true"]';
                if (m.closest(decorative)) return;
                const s = getComputedStyle(m);
                const filled = s.fill !== 'none' && !m.closest('.mark-line, .mark-rule');
                add('mark', m, filled ? s.fill : s.stroke,
                    Number(s.opacity) * Number(filled ? s.fillOpacity : s.strokeOpacity), 'mark');
            });
        });
        return out;
    }""",
        CHART,
    )
    for item in drawn:
        item["colour"] = "#" + "".join(f"{v:02X}" for v in item["rgb"])
        item["ratio"] = contrast(item["colour"])
        item["needed"] = TEXT_RATIO if item["need"] == "text" else MARK_RATIO
    return drawn


def low_contrast(drawn: list[dict]) -> list[str]:
    """The chart texts and marks below the contrast they need, one line each."""
    return [
        f"{d['kind']} {d['text']!r} in {d['colour']}: {d['ratio']:.2f}:1 < {d['needed']}:1"
        for d in drawn
        if d["ratio"] < d["needed"] - 0.005
    ]


def chart_names(page) -> list[str]:
    """The accessible name of each chart on the page (vega-embed's container)."""
    return page.evaluate(
        (
            "(chart) => Array.from(document.querySelectorAll(chart), c => "
            "c.getAttribute('aria-label') || '')"
        ),
        CHART,
    )


def described(name: str) -> bool:
    """A chart's name is a summary: not Vega's default, and it states at least one figure."""
    return name.strip() != "" and name != "Vega visualization" and bool(re.search(r"\d", name))


def focus_outline(page) -> dict:
    """The focused element's outline (style, width in px, colour) and the background behind it (its
    own and its parents' backgrounds composited)."""
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e), layers = [];
        // backgrounds up to the first opaque one, then composited
        for (let p = e; p; p = p.parentElement) {
            const c = (getComputedStyle(p).backgroundColor.match(/[\\d.]+/g) || []).map(Number);
            const a = c.length > 3 ? c[3] : 1;
            if (a > 0) layers.push([c[0], c[1], c[2], a]);
            if (a >= 1) break;
        }
        let bg = [255, 255, 255];
        for (const [r, g, b, a] of layers.reverse())
            bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
        return {testid: e.getAttribute('data-testid'), text: e.textContent, style: s.outlineStyle,
                width: parseFloat(s.outlineWidth), colour: s.outlineColor,
                background: `rgb(${bg.map(Math.round).join(', ')})`};
    }""")


def hex_of(css: str) -> str:
    """'rgb(0, 114, 178)' -> '#0072B2' (an rgba's alpha ignored)."""
    return "#" + "".join(f"{int(float(v)):02X}" for v in re.findall(r"[\d.]+", css)[:3])
