"""A Blackpool-style quarterly exception report as CSV (figures from its Q1 2016/17 exception
reports, seed 004)."""

from __future__ import annotations

import csv
from pathlib import Path

TITLES = (
    "Blackpool Council - Children's Services performance",
    "Appendix 9(b) - Exception Reports (Q1 2016/17)",
)
HEADER = (
    "Indicator Description",
    "Better to be?",
    "2014/15",
    "2015/16",
    "Q1 2016/17",
    "Q2 2016/17",
    "Q3 2016/17",
    "Q4 2016/17",
    "Target 2016/17",
)
ROWS = (
    (
        "No. of referrals / Rate of referral to Social Care per 10,000 children",
        "Low",
        "2,774 (955.6)",
        "2,551 (885.5)",
        "2,813 (976.4)",
        "",
        "",
        "",
        "2,291 (795.4)",
    ),
    (
        "No. of children looked after / rate of children looked after per 10,000 population",
        "Low",
        "454 (156.4)",
        "469 (162.8)",
        "487 (169)",
        "",
        "",
        "",
        "443 (153.8)",
    ),
    (
        (
            "% of children who became subject to a child protection plan for a second or "
            "subsequent "
            "time"
        ),
        "Low",
        "18.2%",
        "19.1%",
        "21.6%",
        "",
        "",
        "",
        "TBC",
    ),
)


def write_report(path: Path) -> Path:
    """Write the CSV to `path` (the same bytes every run)."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([(title,) for title in TITLES] + [(), HEADER, *ROWS])
    return path
