"""Score perfbooks on the layout zoo: `python -m benchmarks.zoo_score [--seeds N] [--out-dir DIR]`.

Generates every family in each of its formats (tests/zoo), runs the pipeline on each file and prints
a markdown table per family and format (truth rows, recall, precision, indicator-id) with totals.
With
--out-dir, each case's file, its truth CSV and the extractor's CSV are kept there for inspection.

"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.corpus_score import RESULTS, fmt, markdown, score_cells  # noqa: E402
from zoo import FAMILIES, cases, generate  # noqa: E402
from zoo.measure import measure  # noqa: E402

TARGETS = {"recall": 0.99, "precision": 0.99, "indicator_id_accuracy": 0.97}
HEADER = [
    "family",
    "format",
    "truth rows",
    "found",
    "output value rows",
    "recall",
    "precision",
    "indicator-id",
    "seconds",
]


def write_got(rows: list[dict], path: Path) -> None:
    from interpreter.observation import COLUMNS, EXTRA_COLUMNS

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS + EXTRA_COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def run(seeds: list[int], folder: Path, families: list[str], formats: list[str]) -> list[dict]:
    results = []
    for family, form in cases():
        if (families and family not in families) or (formats and form not in formats):
            continue
        for seed in seeds:
            sub = folder / f"seed{seed}"
            sub.mkdir(parents=True, exist_ok=True)
            g = generate(family, form, seed, sub)
            r = measure(g)
            write_got(r["got"], g.path.with_name(g.path.name + ".got.csv"))
            r["seed"] = seed
            results.append(r)
            print(
                (
                    f"{family} {form} seed {seed}: recall {r['recall']:.3f} precision "
                    f"{r['precision']:.3f}"
                )
                + (f" ({r['error']})" if r["error"] else ""),
                file=sys.stderr,
                flush=True,
            )
    return results


def pooled(results: list[dict]) -> tuple[int, int, int, float, float, float | None]:
    """(truth rows, found, output rows, recall, precision, indicator-id) over every row of the
    cases: precision weighted by output rows, indicator-id by rows found."""
    t = sum(r["truth_rows"] for r in results)
    f = sum(r["found"] for r in results)
    o = sum(r["output_value_rows"] for r in results)
    ok = sum(r["precision"] * r["output_value_rows"] for r in results)
    ids = [
        (r["indicator_id_accuracy"], r["found"])
        for r in results
        if r["indicator_id_accuracy"] is not None
    ]
    n = sum(k for _, k in ids)
    idacc = sum(a * k for a, k in ids) / n if n else None
    return t, f, o, (f / t if t else 1.0), (ok / o if o else 0.0), idacc


def case_row(r: dict) -> list[str]:
    """One case's cells of the table: family, format (and seed), counts, scores, seconds."""
    return [
        r["family"],
        r["fmt"] + (f" (seed {r['seed']})" if r["seed"] else ""),
        *score_cells(r),
        f"{r['seconds']:.1f}",
    ]


def table(results: list[dict]) -> str:
    """A row per case, the totals row, and how many cases meet the targets."""
    t, f, o, recall, precision, idacc = pooled(results)
    seconds = f"{sum(r['seconds'] for r in results):.0f}"
    totals = [f"**all** ({len(results)} cases)", "", str(t), str(f), str(o)]
    totals += [fmt(recall), fmt(precision), fmt(idacc), seconds]
    passing = sum(not shortfall(r) for r in results)
    return (
        markdown(HEADER, [case_row(r) for r in results] + [totals])
        + f"\n\n{passing} of {len(results)} cases meet recall ≥ 0.99, precision ≥ 0.99, "
        "indicator-id ≥ 0.97."
    )


def known_failures(results: list[dict]) -> str:
    """The test module's table of strict xfails, as measured now."""
    lines = []
    for r in results:
        if not shortfall(r):
            continue
        idacc = r["indicator_id_accuracy"]
        text = (
            f"recall {r['recall']:.3f}, precision {r['precision']:.3f}, id "
            f"{'-' if idacc is None else f'{idacc:.3f}'}"
        )
        lines.append(
            f'    ("{r["family"]}", "{r["fmt"]}"): "{text}'
            + (f" ({r['error']})" if r["error"] else "")
            + '",'
        )
    return "\n".join(lines)


def shortfall(r: dict) -> bool:
    return any(r[k] is not None and r[k] < v for k, v in TARGETS.items())


FORMATS = ["pdf", "xlsx", "docx", "csv", "scan"]


def scores(r: dict | None) -> str:
    """Recall / precision / indicator-id of a case to two places; blank where there is none."""
    if r is None:
        return ""
    return " / ".join(
        "-" if r[k] is None else f"{r[k]:.2f}"
        for k in ("recall", "precision", "indicator_id_accuracy")
    )


def compact(results: list[dict]) -> str:
    """One row per family, one column per format: recall / precision / indicator-id of seed 0."""
    rows = []
    for family in FAMILIES:
        got = {r["fmt"]: r for r in results if r["family"] == family and r["seed"] == 0}
        if got:
            rows.append([family] + [scores(got.get(f)) for f in FORMATS])
    return markdown(["family", *FORMATS], rows)


def by_family(results: list[dict]) -> str:
    """Each family pooled over its formats and seeds: truth rows, recall, precision,
    indicator-id."""
    rows = []
    for family in FAMILIES:
        rs = [r for r in results if r["family"] == family]
        if rs:
            t, _, _, recall, precision, idacc = pooled(rs)
            rows.append([family, str(len(rs)), str(t), fmt(recall), fmt(precision), fmt(idacc)])
    header = ["family", "cases", "truth rows", "recall", "precision", "indicator-id"]
    return markdown(header, rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--seeds", type=int, default=1, help="seeds 0..N-1 per family and format (default 1)"
    )
    ap.add_argument(
        "--seed",
        action="append",
        type=int,
        default=[],
        help="only this seed (repeatable; overrides --seeds), e.g. --seed 1 --seed 2 --seed 3",
    )
    ap.add_argument("--out-dir", help="keep each case's file, truth CSV and extractor CSV here")
    ap.add_argument(
        "--family",
        action="append",
        default=[],
        choices=sorted(FAMILIES),
        help="only this family (repeatable)",
    )
    ap.add_argument(
        "--format", action="append", default=[], choices=["pdf", "scan", "xlsx", "docx", "csv"]
    )
    ap.add_argument(
        "--misses", action="store_true", help="print a few missed and extra rows per case"
    )
    ap.add_argument(
        "--results",
        action="store_true",
        help="also write the tables to benchmarks/results/zoo_score.md",
    )
    ap.add_argument(
        "--known-failures",
        action="store_true",
        help=(
            "print the KNOWN_FAILURES lines of tests/test_zoo.py for the cases below "
            "target (seed 0)"
        ),
    )
    a = ap.parse_args(argv)
    seeds = a.seed or list(range(a.seeds))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.out_dir) if a.out_dir else Path(tmp)
        results = run(seeds, folder, a.family, a.format)
    text = (
        table(results)
        + "\n\n"
        + compact(results)
        + ("\n\n" + by_family(results) if len(seeds) > 1 else "")
    )
    print(text)
    if a.results:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "zoo_score.md").write_text(
            f"# Layout zoo, seeds {', '.join(map(str, seeds))}\n\n{text}\n", encoding="utf-8"
        )
    if a.known_failures:
        print("\n" + known_failures([r for r in results if r["seed"] == 0]))
    if a.misses:
        for r in results:
            if r["missed"] or r["extra"] or r["wrong_id"]:
                print(f"\n### {r['family']} {r['fmt']} seed {r['seed']}")
                for m in r["missed"][:4]:
                    print("- missed:", m)
                for m in r["extra"][:4]:
                    print("- extra:", m)
                for m in r["wrong_id"][:3]:
                    print("- wrong id:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
