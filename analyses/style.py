"""One colour-blind-safe palette (Okabe–Ito) and the words and symbols that carry RAG and direction without colour."""
from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
SERIES_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue",
                                         "vermillion", "yellow", "black")]
EARLIER_COLOUR = "#999999"  # figures an earlier report printed, drawn faintly

# status -> (word, symbol, colour, point shape): the word and the symbol say it; colour and shape only repeat it.
RAG = {
    "green": ("Green", "✓", OKABE_ITO["bluish_green"], "circle"),
    "amber": ("Amber", "!", OKABE_ITO["orange"], "triangle-up"),
    "red": ("Red", "✗", OKABE_ITO["vermillion"], "square"),
}
NOT_JUDGED = ("Not judged", "–", "#BBBBBB", "diamond")
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


def rag_scale_colours() -> list[str]:
    return [RAG[s][2] for s in RAG] + [NOT_JUDGED[2]]


def rag_scale_shapes() -> list[str]:
    return [RAG[s][3] for s in RAG] + [NOT_JUDGED[3]]
