"""WCAG 2.2 AA contrast of every colour perfbooks draws text or marks in, against the white
background: text 4.5:1 (1.4.3), lines, points and rules 3:1 (1.4.11); the theme in
.streamlit/config.toml agrees with analyses.style."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from analyses.gap_chart import STANDING_STYLE
from analyses.style import (
    AXIS_TEXT,
    BACKGROUND,
    EARLIER_COLOUR,
    MARK_RATIO,
    MARKS,
    NOT_JUDGED,
    OKABE_ITO,
    RAG,
    REFERENCE_COLOUR,
    SERIES_COLOURS,
    TEXT,
    TEXT_RATIO,
    TEXTS,
    chart_config,
    contrast,
    darkened,
)
from ui.frame import FOCUS

CONFIG = tomllib.loads(
    (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
)

TEXT_COLOURS = {
    "body text": TEXT,
    "axis and legend text": AXIS_TEXT,
    **{f"text {name}": c for name, c in TEXTS.items()},
}
MARK_COLOURS = {
    "earlier figures": EARLIER_COLOUR,
    "reference rules": REFERENCE_COLOUR,
    "not judged": NOT_JUDGED[2],
    "focus outline": FOCUS,
    **{f"series {i}": c for i, c in enumerate(SERIES_COLOURS)},
    **{f"RAG {status}": style[2] for status, style in RAG.items()},
    **{f"standing {s}": style[0] for s, style in STANDING_STYLE.items()},
    **{f"mark {name}": c for name, c in MARKS.items()},
}


@pytest.mark.parametrize("name, colour", TEXT_COLOURS.items())
def test_text_colours_have_4_5_to_1_on_white(name, colour):
    assert contrast(colour, BACKGROUND) >= TEXT_RATIO, f"{name} {colour}: {contrast(colour):.2f}:1"


@pytest.mark.parametrize("name, colour", MARK_COLOURS.items())
def test_line_and_point_colours_have_3_to_1_on_white(name, colour):
    assert contrast(colour, BACKGROUND) >= MARK_RATIO, f"{name} {colour}: {contrast(colour):.2f}:1"


@pytest.mark.parametrize(
    "colour, background, expected",
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),
        ("#E69F00", "#FFFFFF", 2.25),
        ("#0072B2", "#FFFFFF", 5.19),
        ("#FFFFFF", "#0072B2", 5.19),
    ],
)
def test_contrast_matches_the_wcag_formula(colour, background, expected):
    """Known ratios, e.g. the Okabe–Ito orange on white is 2.25:1 (why it is darkened for lines and
    text)."""
    assert contrast(colour, background) == pytest.approx(expected, abs=0.01)


def test_darkening_keeps_a_colour_that_passes_and_darkens_one_that_does_not():
    assert darkened(OKABE_ITO["blue"], MARK_RATIO) == OKABE_ITO["blue"]
    orange = darkened(OKABE_ITO["orange"], TEXT_RATIO)
    # the lightest shade that passes
    assert contrast(orange) >= TEXT_RATIO and contrast(orange) < TEXT_RATIO + 0.2
    red, green, blue = (int(orange[i : i + 2], 16) for i in (1, 3, 5))
    assert red > green > blue == 0  # still an orange


def test_the_app_theme_is_the_background_and_text_colour_the_contrast_was_worked_out_for():
    theme = CONFIG["theme"]
    assert theme["backgroundColor"].upper() == BACKGROUND and theme["textColor"].upper() == TEXT
    caption = blended(TEXT, 0.6)  # Streamlit draws captions and help text in the text colour at 60%
    assert contrast(caption, BACKGROUND) >= TEXT_RATIO, caption


def test_the_chart_theme_colours_axis_legend_and_title_text_dark_enough():
    config = chart_config()["config"]
    colours = [
        config["axis"]["labelColor"],
        config["axis"]["titleColor"],
        config["legend"]["labelColor"],
        config["legend"]["titleColor"],
        config["title"]["color"],
        config["header"]["labelColor"],
        config["text"]["color"],
    ]
    assert min(contrast(c, config["background"]) for c in colours) >= TEXT_RATIO, colours


def blended(colour: str, alpha: float, background: str = BACKGROUND) -> str:
    """`colour` at `alpha` opacity over `background`."""
    pairs = [(int(colour[i : i + 2], 16), int(background[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * alpha + b * (1 - alpha)):02X}" for c, b in pairs)
