"""Impact estimates as rows a board member can read: the number, its 95% interval, the model, and a
caveat.

Every estimator returns rows with these columns first (a refusal is a row too: status "not
estimated", no numbers, and the reason in plain words), then columns of its own.

"""

from __future__ import annotations

import pandas as pd

RESULT_COLUMNS = [
    "method",
    "authority",
    "la_code",
    "indicator",
    "intervention",
    "start",
    "status",
    "estimate",
    "low",
    "high",
    "effect",
    "model",
    "n_before",
    "n_after",
    "caveat",
    "reason",
]
ESTIMATED, NOT_ESTIMATED = "estimated", "not estimated"

UNIT_WORDS = {
    "percent": "percentage points",
    "rate_per_10k": "per 10,000 children",
    "count": "",
    "days": "days",
    "average": "",
    "ratio": "",
}


def results_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame with the common columns first, then any others in the order first met."""
    extra = [c for row in rows for c in row if c not in RESULT_COLUMNS]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS + list(dict.fromkeys(extra)))


def refusal(method: str, reason: str, **fields) -> dict:
    """A row that says why there is no estimate, with no numbers in it."""
    row = {c: None for c in RESULT_COLUMNS}
    row.update(
        fields,
        method=method,
        status=NOT_ESTIMATED,
        reason=reason,
        caveat=f"Not estimated: {reason[0].lower()}{reason[1:]}",
    )
    return row


def month_text(month) -> str:
    return "" if month is None or pd.isna(month) else pd.Timestamp(month).strftime("%b %Y")


def months_text(months) -> str:
    """'Mar 2020 to Mar 2021' for runs of consecutive months, joined by commas."""
    stamps = sorted(pd.Timestamp(m) for m in months)
    runs: list[list[pd.Timestamp]] = []
    for stamp in stamps:
        if runs and (stamp.to_period("M") - runs[-1][-1].to_period("M")).n == 1:
            runs[-1].append(stamp)
        else:
            runs.append([stamp])
    return ", ".join(
        month_text(r[0]) if len(r) == 1 else f"{month_text(r[0])} to {month_text(r[-1])}"
        for r in runs
    )


def number_text(value: float, unit: str = "") -> str:
    """A figure as words would print it: 3 significant figures at most, thousands separated."""
    if value is None or pd.isna(value):
        return ""
    size = abs(value)
    digits = 0 if size >= 100 else 1 if size >= 10 else 2
    text = f"{value:,.{digits}f}"
    words = UNIT_WORDS.get(unit, unit)
    return f"{text} {words}".strip()


def plural(n: int, word: str) -> str:
    """'1 month', '2 months', '3 authorities'."""
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"
