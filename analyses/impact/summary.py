"""The Impact page's short summary: one plain sentence per finding, before the charts and tables."""

from __future__ import annotations

import pandas as pd

from analyses.impact.result import number_text


def before_after_sentences(table: pd.DataFrame) -> list[str]:
    """'Leeds: 1,429 (Aug 2011) to 1,899 (Jan 2013), +470, 33% increase.' or why there is no
    change."""
    out = []
    for _, row in table.iterrows():
        if pd.isna(row.get("change")):
            out.append(f"{row['authority']}: {row['note'] or 'no change worked out'}")
            continue
        out.append(
            f"{row['authority']}: {number_text(row['baseline_value'])} ({row['baseline_period']}) "
            "to "
            f"{number_text(row['follow_up_value'])} ({row['follow_up_period']}), "
            f"{row['change_text']}, "
            f"{row['change_pct_text']}."
        )
    return out


def result_sentences(results: pd.DataFrame, what: str) -> list[str]:
    """'<what>, Leeds (telephone triage): <caveat>' for each estimate or refusal of one method."""
    out = []
    for _, row in results.iterrows():
        who = ", ".join(
            str(p)
            for p in (row.get("authority"), row.get("intervention"))
            if isinstance(p, str) and p
        )
        out.append(
            f"{what}{', ' + who if who else ''}: "
            f"{first_sentence(row.get('caveat') or row.get('reason') or '')}"
        )
    return out


def first_sentence(text: str) -> str:
    """The first sentence of a caveat (the rest is in the detail below)."""
    text = str(text).strip()
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def impact_summary(view) -> list[str]:
    """The findings of an `ImpactView` in order: before/after, each authority's time series, the
    comparison."""
    lines = before_after_sentences(view.before_after) if len(view.before_after) else []
    lines += result_sentences(view.its, "Time series")
    if len(view.did):
        lines += result_sentences(
            view.did.assign(authority="", intervention=""),
            "Against authorities that did not change",
        )
    return lines
