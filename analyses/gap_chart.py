"""The benchmark gaps as one chart: each rate's or percentage's distance from one comparator, as a %
of the comparator, better or worse by polarity (the word is in the tooltip and the table; colour
and shape only repeat it). Counts are left out: a council's count against a neighbour's, its
region's or England's total says more about size than performance (their rates per 10,000 are
compared instead)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.style import OKABE_ITO

COMPARABLE_UNITS = ("rate_per_10k", "percent")
# What a standing says to the reader: better or worse by polarity; an indicator with no good
# direction says so.
STANDING_WORDS = {
    "better": "better",
    "worse": "worse",
    "same": "the same",
    "higher": "higher (neither better nor worse)",
    "lower": "lower (neither better nor worse)",
}
STANDING_STYLE = {
    "better": (OKABE_ITO["bluish_green"], "circle"),
    "worse": (OKABE_ITO["vermillion"], "square"),
    "the same": ("#777777", "diamond"),
    STANDING_WORDS["higher"]: (OKABE_ITO["blue"], "triangle-up"),
    STANDING_WORDS["lower"]: (OKABE_ITO["blue"], "triangle-down"),
}


def comparable(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps of rates and percentages only, each standing in words (`STANDING_WORDS`)."""
    rows = gaps[gaps["unit"].isin(COMPARABLE_UNITS)]
    return rows.assign(standing=rows["standing"].map(lambda s: STANDING_WORDS.get(s, s)))


def gap_frame(gaps: pd.DataFrame, comparator: str = "stat_neighbour_mean") -> pd.DataFrame:
    """One row per rate or percentage against `comparator`: value, comparator value, % difference
    and standing."""
    gaps = comparable(gaps)
    rows = gaps[
        (gaps["comparator"] == comparator)
        & gaps["comparator_value"].notna()
        & gaps["value"].notna()
    ]
    rows = rows[rows["comparator_value"] != 0]
    pct = 100 * (rows["value"] - rows["comparator_value"]) / rows["comparator_value"].abs()
    frame = rows.assign(difference_pct=pct.round(1))[
        [
            "indicator_id",
            "indicator_name",
            "unit",
            "value",
            "comparator_label",
            "comparator_value",
            "difference",
            "difference_pct",
            "standing",
        ]
    ]
    return frame.sort_values("difference_pct").reset_index(drop=True)


def gap_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    """Dots at each indicator's % difference from the comparator, a rule at zero; words in the
    tooltip."""
    present = [s for s in STANDING_STYLE if s in set(frame["standing"])]
    dots = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X(
                "difference_pct:Q", title="difference from the comparator (% of the comparator)"
            ),
            y=alt.Y(
                "indicator_name:N",
                sort=alt.EncodingSortField("difference_pct"),
                title=None,
                axis=alt.Axis(labelLimit=420),
            ),
            color=alt.Color(
                "standing:N",
                title="standing",
                scale=alt.Scale(domain=present, range=[STANDING_STYLE[s][0] for s in present]),
            ),
            shape=alt.Shape(
                "standing:N",
                scale=alt.Scale(domain=present, range=[STANDING_STYLE[s][1] for s in present]),
            ),
            tooltip=[
                "indicator_name:N",
                "standing:N",
                alt.Tooltip("value:Q", format=",.1f"),
                "comparator_label:N",
                alt.Tooltip("comparator_value:Q", format=",.1f"),
                alt.Tooltip("difference_pct:Q", format="+.1f", title="difference %"),
            ],
        )
    )
    zero = (
        alt.Chart(pd.DataFrame({"difference_pct": [0]}))
        .mark_rule(color="#555555")
        .encode(x="difference_pct:Q")
    )
    return alt.layer(zero, dots).properties(title=title, height=max(120, 22 * len(frame)))
