"""One colour-blind-safe palette (Okabe–Ito), darkened where it must meet WCAG 2.2 AA contrast on
the white background, the app's text colours and chart theme, and the words and symbols that
carry RAG and direction without colour."""

from __future__ import annotations

import altair as alt

# the app's and every chart's background (.streamlit/config.toml backgroundColor)
BACKGROUND = "#FFFFFF"
# body text (config.toml textColor); Streamlit's captions are it at 60%: #707070
TEXT = "#111111"
# WCAG 2.2 AA: 1.4.3 text (small), 1.4.11 graphical objects such as lines, points
TEXT_RATIO, MARK_RATIO = 4.5, 3.0

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str = BACKGROUND) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darkened(colour: str, ratio: float, background: str = BACKGROUND) -> str:
    """`colour` itself when it has `ratio` against `background`, else the lightest shade of it (its
    channels scaled towards black, so the hue stays) that has."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{round(c * step / 100):02X}" for c in rgb)
        if contrast(shade, background) >= ratio:
            return shade
    return "#000000"


# Lines, points and rules (3:1) and text in a series' colour (4.5:1); fills behind them keep
# OKABE_ITO.
MARKS = {name: darkened(colour, MARK_RATIO) for name, colour in OKABE_ITO.items()}
TEXTS = {name: darkened(colour, TEXT_RATIO) for name, colour in OKABE_ITO.items()}
SERIES = (
    "blue",
    "orange",
    "bluish_green",
    "reddish_purple",
    "sky_blue",
    "vermillion",
    "yellow",
    "black",
)
SERIES_COLOURS = [MARKS[c] for c in SERIES]
# figures an earlier report printed, drawn hollow and small
EARLIER_COLOUR = darkened("#999999", MARK_RATIO)
REFERENCE_COLOUR = darkened("#999999", MARK_RATIO)  # reference rules (zero, index 100)
BAND_COLOUR = "#999999"  # a filled band behind the lines (decorative: its values are in the table)
# axis, legend and title text (Streamlit's own grey is 3.7:1)
AXIS_TEXT = darkened("#808495", TEXT_RATIO)

# status -> (word, symbol, colour, point shape): the word and the symbol say it; colour and shape
# only repeat it.
RAG = {
    "green": ("Green", "✓", MARKS["bluish_green"], "circle"),
    "amber": ("Amber", "!", MARKS["orange"], "triangle-up"),
    "red": ("Red", "✗", MARKS["vermillion"], "square"),
}
NOT_JUDGED = ("Not judged", "–", darkened("#BBBBBB", MARK_RATIO), "diamond")
DIRECTIONS = {"improving": "↑", "worsening": "↓", "no change": "→", "up": "↗", "down": "↘"}


def rag_word(status: str) -> str:
    """'Green', 'Amber', 'Red' or 'Not judged'."""
    return RAG.get(status, NOT_JUDGED)[0]


def rag_symbol(status: str) -> str:
    """'✓' green, '!' amber, '✗' red, '–' not judged."""
    return RAG.get(status, NOT_JUDGED)[1]


def rag_label(status: str) -> str:
    """Word and symbol together, e.g. 'Red ✗'; '' when there is no status."""
    return f"{rag_word(status)} {rag_symbol(status)}" if status else ""


def direction_label(direction: str) -> str:
    """Word and arrow together, e.g. 'improving ↑'; '' when there is no direction."""
    return f"{direction} {DIRECTIONS[direction]}" if direction in DIRECTIONS else ""


def rag_scale_domain() -> list[str]:
    """The RAG labels charts colour and shape, in a fixed order."""
    return [rag_label(s) for s in RAG] + [rag_word("")]


def rag_marks(field: str, legend) -> dict:
    """The `color` and `shape` encodings of a RAG label field (`rag_scale_domain`), colour and
    shape together so RAG never rests on colour alone."""
    colours = [RAG[s][2] for s in RAG] + [NOT_JUDGED[2]]
    shapes = [RAG[s][3] for s in RAG] + [NOT_JUDGED[3]]
    return {
        "color": alt.Color(
            field, scale=alt.Scale(domain=rag_scale_domain(), range=colours), legend=legend
        ),
        "shape": alt.Shape(
            field, scale=alt.Scale(domain=rag_scale_domain(), range=shapes), legend=legend
        ),
    }


def chart_config() -> dict:
    """The Altair theme every chart is drawn with: axis, legend, header and title text at 4.5:1 on
    white."""
    text = {"labelColor": AXIS_TEXT, "titleColor": AXIS_TEXT}
    # Altair's default sizes
    return {
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300},
            "background": BACKGROUND,
            "axis": {**text, "domainColor": AXIS_TEXT, "tickColor": AXIS_TEXT},
            "legend": text,
            "header": text,
            "title": {"color": TEXT, "subtitleColor": AXIS_TEXT},
            "text": {"color": TEXT},
            "area": {"aria": False},
            # Vega-Lite draws points at 0.7, which fades them below 3:1  # bands behind
            # the lines: decorative, their values are in the table
            "point": {"opacity": 1},
        }
    }


# Streamlit's chart theme keeps what a chart sets
alt.theme.register("perfbooks", enable=True)(chart_config)
