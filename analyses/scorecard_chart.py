"""The scorecard drawn as a grid a board can read at 1440 px: wrapped indicator and authority names,
a column saying which period every figure is for, and in each cell the value, RAG (word, symbol,
shape and colour) and the movement with its judgement. Every text sits in its own cell, wrapped
to fit and cut with an ellipsis (Vega's `limit`) if a word is still too long, so no two texts
overlap. Drawn as SVG, so a browser test can measure the texts."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from analyses.scorecard import change_text, value_text
from analyses.style import rag_marks, rag_word

# pixels the whole grid takes (fits the wide layout's main column at 1440 px with the sidebar)
WIDTH = 960
LABEL_WIDTH = 210  # the indicator names' column
PERIOD_WIDTH = 72  # the period column
CELL_MIN, CELL_MAX = 120, 200  # an authority's column
HEADER_HEIGHT = 48  # two lines of authority name
LINE, PAD = 15, 6  # line height and cell padding, pixels
FONT = 11
# pixels a character takes on average at FONT, a little over (wrapping; `limit` catches the rest)
CHAR = 6.2
LINES = 4  # lines a row holds: the value (up to two), RAG, movement and judgement
SYMBOL = 18  # room for the RAG symbol at a cell's left


def cell_width(authorities: int) -> float:
    """An authority column's width: the room left after the names and periods, shared, within
    limits."""
    return max(CELL_MIN, min(CELL_MAX, (WIDTH - LABEL_WIDTH - PERIOD_WIDTH) / max(authorities, 1)))


def wrapped(text: str, width: float, lines: int) -> str:
    """`text` wrapped to a column `width` pixels wide, at most `lines` lines (the last ending '…' if
    cut)."""
    chars = max(4, int((width - 2 * PAD) // CHAR))
    parts = textwrap.wrap(str(text), chars) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: chars - 1].rstrip() + "…"
    return "\n".join(parts)


def layout(card: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """(texts: x, y, text, kind; symbols: x, y, rag_shown; sizes) placing every text in its own
    cell."""
    names, authorities = (
        list(dict.fromkeys(card["indicator_name"])),
        list(dict.fromkeys(card["authority"])),
    )
    cell = cell_width(len(authorities))
    left = {a: LABEL_WIDTH + PERIOD_WIDTH + i * cell for i, a in enumerate(authorities)}
    row_height = LINES * LINE + 2 * PAD
    texts = [
        (PAD, PAD, "Indicator", "header"),
        (LABEL_WIDTH + PAD, PAD, wrapped("Period shown", PERIOD_WIDTH, 2), "header"),
    ]
    texts += [(left[a] + PAD, PAD, wrapped(a, cell, 2), "header") for a in authorities]
    symbols = []
    for i, name in enumerate(names):
        top = HEADER_HEIGHT + i * row_height + PAD
        mine = card[card["indicator_name"] == name]
        period = next(iter(mine["period"].dropna()), "")
        texts += [
            (PAD, top, wrapped(name, LABEL_WIDTH, LINES), "label"),
            (LABEL_WIDTH + PAD, top, wrapped(period, PERIOD_WIDTH, LINES), "period"),
        ]
        for _, r in mine.iterrows():
            texts.append((left[r["authority"]] + SYMBOL + PAD, top, _cell_lines(r, cell), "cell"))
            rag = (
                r["rag_label"]
                if isinstance(r["rag_label"], str) and r["rag_label"]
                else rag_word("")
            )
            symbols.append((left[r["authority"]] + PAD + 6, top + LINE * 0.5, rag))
    height = HEADER_HEIGHT + len(names) * row_height
    sizes = {
        "width": LABEL_WIDTH + PERIOD_WIDTH + cell * len(authorities),
        "height": height,
        "cell": cell,
        "row_height": row_height,
    }
    return (
        pd.DataFrame(texts, columns=["x", "y", "text", "kind"]),
        pd.DataFrame(symbols, columns=["x", "y", "rag_shown"]),
        sizes,
    )


def _cell_lines(row: pd.Series, cell: float) -> str:
    """Value, RAG word, movement and judgement: one line each, cut to the cell."""
    if pd.isna(row.get("shown")):
        return wrapped(value_text(row), cell - SYMBOL, LINES - 1)
    rag = row["rag_label"] if isinstance(row["rag_label"], str) and row["rag_label"] else "no RAG"
    return "\n".join(
        [wrapped(value_text(row), cell - SYMBOL, 2)]
        + [wrapped(t, cell - SYMBOL, 1) for t in (rag, change_text(row) or "–")]
    )


def scorecard_chart(card: pd.DataFrame, title: str = "Scorecard") -> alt.LayerChart:
    """The grid (see the module note): text marks at fixed places, RAG symbols, rules between
    rows."""
    texts, symbols, size = layout(card)
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, size["width"]], nice=False, zero=True), axis=None)
    y = alt.Y(
        "y:Q",
        scale=alt.Scale(domain=[0, size["height"]], nice=False, zero=True, reverse=True),
        axis=None,
    )
    widths = {
        "header": size["cell"],
        "label": LABEL_WIDTH,
        "period": PERIOD_WIDTH,
        "cell": size["cell"] - SYMBOL,
    }
    layers = [_rules(size, x, y)]
    for kind, width in widths.items():
        part = texts[texts["kind"] == kind]
        layers.append(
            alt.Chart(part)
            .mark_text(
                align="left",
                baseline="top",
                lineBreak="\n",
                lineHeight=LINE,
                fontSize=FONT,
                limit=width - 2 * PAD,
                fontWeight="bold" if kind == "header" else "normal",
            )
            .encode(x=x, y=y, text="text:N")
        )
    rag = alt.Legend(title="RAG", orient="bottom", direction="horizontal")
    layers.append(
        alt.Chart(symbols)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=x,
            y=y,
            tooltip=[alt.Tooltip("rag_shown:N", title="RAG")],
            **rag_marks("rag_shown:N", rag),
        )
    )
    return (
        alt.layer(*layers)
        .properties(
            title=title,
            width=size["width"],
            height=size["height"],
            usermeta={"embedOptions": {"renderer": "svg"}},
        )
        .configure_view(stroke=None)
    )


def _rules(size: dict, x: alt.X, y: alt.Y) -> alt.Chart:
    """A light line under the header and between indicator rows."""
    n = round((size["height"] - HEADER_HEIGHT) / size["row_height"])
    lines = pd.DataFrame(
        {
            "y": [HEADER_HEIGHT + i * size["row_height"] for i in range(n + 1)],
            "x": 0.0,
            "x2": float(size["width"]),
        }
    )
    # row separators: decorative, hidden from screen readers (the rows are in the table)
    return alt.Chart(lines).mark_rule(color="#DDDDDD", aria=False).encode(x=x, x2="x2:Q", y=y)
