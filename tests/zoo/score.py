"""Score extracted observations against a truth file, by the shared scorer's rules.

One-to-one greedy matching, best label similarity first: same authority (case-insensitive), same
measure, same period_end for actual and target rows (benchmarks match on any period), value within
0.051, and the same indicator_id or labels whose token-set similarity is at least 85 after
normalising.

"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from interpreter.observation import BENCHMARK_MEASURES, MEASURES

LABEL_MIN = 85
VALUE_TOL = 0.051


def norm_label(s: str) -> str:
    s = (s or "").lower().replace("%", " percent ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def as_float(s) -> float | None:
    try:
        return (
            float(str(s).strip().replace(",", ""))
            if s not in (None, "") and str(s).strip()
            else None
        )
    except ValueError:
        return None


def prepare(rows: list[dict]) -> list[dict]:
    for r in rows:
        r["_authority"] = (r.get("authority") or "").strip().lower()
        r["_measure"] = (r.get("measure") or "").strip().lower()
        r["_period_end"] = (r.get("period_end") or "").strip()[:10]
        r["_value"] = as_float(r.get("value"))
        r["_label"] = norm_label(r.get("indicator_label", ""))
        r["_id"] = (r.get("indicator_id") or "").strip()
        r["_unit"] = (r.get("unit") or "").strip().lower()
    return rows


def read(path: Path | str) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return prepare(list(csv.DictReader(fh)))


def key(r: dict) -> tuple:
    return (
        r["_authority"],
        r["_measure"],
        "" if r["_measure"] in BENCHMARK_MEASURES else r["_period_end"],
    )


def match(truth: list[dict], got: list[dict]) -> dict[int, int]:
    """truth index -> output index."""
    by_key = defaultdict(list)
    for j, g in enumerate(got):
        if g["_value"] is not None and g["_measure"] in MEASURES:
            by_key[key(g)].append(j)
    pairs = []
    for i, t in enumerate(truth):
        if t["_value"] is None:
            continue
        for j in by_key.get(key(t), ()):
            g = got[j]
            if abs(g["_value"] - t["_value"]) > VALUE_TOL:
                continue
            same_id = bool(t["_id"]) and t["_id"] == g["_id"]
            sim = fuzz.token_set_ratio(t["_label"], g["_label"])
            if same_id or sim >= LABEL_MIN:
                pairs.append(
                    (-(sim + (100 if same_id else 0)), -int(t.get("scored", "1") or 1), i, j)
                )
    pairs.sort()
    used_t, used_g, out = set(), set(), {}
    for _, _, i, j in pairs:
        if i not in used_t and j not in used_g:
            used_t.add(i)
            used_g.add(j)
            out[i] = j
    return out


def score(truth: list[dict], got: list[dict]) -> dict:
    """recall, precision, indicator_id_accuracy (None without ids), unit_accuracy, and examples of
    misses."""
    m = match(truth, got)
    scored = [
        i
        for i, t in enumerate(truth)
        if t["_value"] is not None and str(t.get("scored", "1")).strip() != "0"
    ]
    found = [i for i in scored if i in m]
    value_rows = [
        j for j, g in enumerate(got) if g["_value"] is not None and g["_measure"] in MEASURES
    ]
    matched = set(m.values())
    with_id = [i for i in found if truth[i]["_id"]]
    with_unit = [i for i in found if truth[i]["_unit"]]
    keep = ("indicator_label", "indicator_id", "measure", "period_end", "value")
    return {
        "truth_rows": len(scored),
        "found": len(found),
        "output_value_rows": len(value_rows),
        "recall": len(found) / len(scored) if scored else 1.0,
        "precision": len(matched & set(value_rows)) / len(value_rows) if value_rows else 0.0,
        "indicator_id_accuracy": (
            sum(got[m[i]]["_id"] == truth[i]["_id"] for i in with_id) / len(with_id)
        )
        if with_id
        else None,
        "unit_accuracy": (
            sum(got[m[i]]["_unit"] == truth[i]["_unit"] for i in with_unit) / len(with_unit)
        )
        if with_unit
        else None,
        "missed": [{k: truth[i].get(k) for k in keep} for i in scored if i not in m],
        "extra": [{k: got[j].get(k) for k in keep} for j in value_rows if j not in matched],
        "wrong_id": [
            (truth[i]["indicator_label"], truth[i]["_id"], got[m[i]]["_id"])
            for i in with_id
            if got[m[i]]["_id"] != truth[i]["_id"]
        ],
    }
