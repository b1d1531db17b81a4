"""How well match_label maps the labels of the truth corpus to catalogue ids, and how fast.

Usage: python benchmarks/label_matching.py [--corpus DIR] [--verbose] [--sweep]

For each distinct (indicator_label, unit) of every `*.truth.csv`, compares match_label's id with the
truth id (a blank truth means "should be None"). The truth only uses the core ids, so an added
(non-core) id on a blank-truth row counts as an extension, not an error; with --verbose they are
listed for review. Three catalogues are scored: with aliases.csv; leave-one-family-out (aliases
that copy a label of only that document family are removed while scoring it); names only.
--sweep prints the leave-one-family-out score over a grid of thresholds.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indicators.catalogue import Catalogue, MatchSettings, _penalty, read_aliases, read_indicators  # noqa: E402
from indicators.label_words import read_label  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Case:
    """One distinct label of the corpus."""

    label: str
    unit: str
    truth: str
    family: str


def read_cases(corpus: Path) -> list[Case]:
    """Distinct (label, unit, truth id) with the document family (file name up to the second
    '_')."""
    cases = {}
    for path in sorted(corpus.glob("*.truth.csv")):
        family = "_".join(path.name.split("_")[:2])
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                case = Case(row["indicator_label"], row["unit"], row["indicator_id"], family)
                cases.setdefault((case.label, case.unit), case)
    return list(cases.values())


def core_ids(corpus: Path, cases: list[Case]) -> set[str]:
    """The core ids (spec/indicators-core.csv beside the corpus), else those the truth uses."""
    spec = corpus.parent / "spec" / "indicators-core.csv"
    if spec.is_file():
        with open(spec, newline="", encoding="utf-8") as f:
            return {row["indicator_id"] for row in csv.DictReader(f)}
    return {c.truth for c in cases if c.truth}


def tally(pairs: list[tuple[Case, str | None]], core: set[str]) -> dict[str, float]:
    """Accuracy on id rows, wrong ids, and what happened on blank rows."""
    named = [(c, got) for c, got in pairs if c.truth]
    blank = [(c, got) for c, got in pairs if not c.truth]
    return {
        "id rows": len(named),
        "right": sum(got == c.truth for c, got in named),
        "wrong id": sum(got is not None and got != c.truth for c, got in named),
        "blank rows": len(blank),
        "blank->core id": sum(got in core for _, got in blank),
        "blank->added id": sum(got is not None and got not in core for _, got in blank),
    }


def run(catalogue_for, cases: list[Case]) -> list[tuple[Case, str | None]]:
    """Each case with the id its catalogue (chosen per case) gives."""
    return [(c, catalogue_for(c).match_label(c.label, c.unit or None).indicator_id) for c in cases]


def leave_family_out(cases: list[Case], settings: MatchSettings):
    """A function giving, per case, a catalogue without the aliases copied from only its own
    family."""
    indicators, aliases = read_indicators(), read_aliases()
    keys: dict[str, set[str]] = {}
    for c in cases:
        keys.setdefault(read_label(c.label).key, set()).add(c.family)
    catalogues = {}
    for family in {c.family for c in cases}:
        kept = [
            (a, i)
            for a, i in aliases
            if keys.get(read_label(a).key, set()) - {family}
            or family not in keys.get(read_label(a).key, set())
        ]
        catalogues[family] = Catalogue(indicators, kept, settings=settings)
    return lambda case: catalogues[case.family]


def modes(cases: list[Case], settings: MatchSettings) -> dict:
    """The three catalogues, each as a function of the case."""
    full = Catalogue(read_indicators(), read_aliases(), settings=settings)
    names = Catalogue(read_indicators(), (), settings=settings)
    return {
        "with aliases": lambda c: full,
        "leave family out": leave_family_out(cases, settings),
        "names only": lambda c: names,
    }


def print_table(results: dict[str, dict]) -> None:
    """One line per mode."""
    print(
        f"{'mode':<18}{'acc(id rows)':>13}{'right':>7}{'wrong':>7}{'blank':>7}"
        f"{'->core':>8}{'->added':>9}"
    )
    for mode, t in results.items():
        accuracy = t["right"] / t["id rows"] if t["id rows"] else 0
        print(
            f"{mode:<18}{accuracy:>13.3f}{t['right']:>7}{t['wrong id']:>7}{t['blank rows']:>7}"
            f"{t['blank->core id']:>8}{t['blank->added id']:>9}"
        )


def print_errors(pairs, core: set[str]) -> None:
    """Wrong ids, misses and blank rows given an id."""
    for case, got in pairs:
        if got != (case.truth or None):
            kind = (
                "ADDED"
                if not case.truth and got not in core
                else "MISS"
                if got is None
                else "WRONG"
            )
            print(
                "  "
                f"{kind:<6}{case.unit:<13}{case.truth or '-':<36}{got or '-':<36}{case.label[:90]}"
            )


def timing(cases: list[Case]) -> None:
    """Time 5,000 labels (the corpus labels repeated) on a fresh catalogue, and per distinct
    label."""
    catalogue = Catalogue(read_indicators(), read_aliases())
    labels = [(c.label, c.unit or None) for c in itertools.islice(itertools.cycle(cases), 5000)]
    read_label.cache_clear()
    _penalty.cache_clear()
    start = time.perf_counter()
    for label, unit in labels:
        catalogue.match_label(label, unit)
    total = time.perf_counter() - start
    print(
        f"time: 5,000 labels ({len(cases)} distinct, cold cache) {total:.3f} s; "
        f"{1000 * total / len(cases):.2f} ms per distinct label"
    )


def decide(found, accept: float, margin: float) -> str | None:
    """The id a match computed with zero thresholds would give under these thresholds."""
    if found.indicator_id is None or found.score == 1.0:
        return found.indicator_id
    runner_up = found.candidates[1][1] if len(found.candidates) > 1 else 0.0
    return (
        found.indicator_id if found.score >= accept and found.score - runner_up >= margin else None
    )


def sweep(cases: list[Case], core: set[str]) -> None:
    """Right and wrong counts (leave family out / names only) over a grid of thresholds, fewest
    errors first."""
    rows = []
    for mild, weight in itertools.product((0.04, 0.06, 0.08, 0.1), (0.3, 0.5, 0.7)):
        settings = MatchSettings(ACCEPT=0, MARGIN=0, MILD=mild, DICE_WEIGHT=weight)
        found = {
            mode: [(c, modes_[mode](c).match_label(c.label, c.unit or None)) for c in cases]
            for modes_ in [modes(cases, settings)]
            for mode in ("leave family out", "names only")
        }
        for accept, margin in itertools.product(
            (0.6, 0.65, 0.7, 0.75, 0.8, 0.85), (0.02, 0.04, 0.06, 0.08, 0.1)
        ):
            t = {
                m: tally([(c, decide(f, accept, margin)) for c, f in pairs], core)
                for m, pairs in found.items()
            }
            errors = sum(t[m]["wrong id"] + t[m]["blank->core id"] for m in t)
            rows.append((errors, -sum(t[m]["right"] for m in t), accept, margin, mild, weight, t))
    print(
        "ACCEPT MARGIN MILD DICE_W | leave-out right wrong blank->core | names-only right "
        "wrong "
        "blank->core"
    )
    for _, _, accept, margin, mild, weight, t in sorted(rows, key=lambda r: r[:2])[:25]:
        lo, no = t["leave family out"], t["names only"]
        print(
            f"{accept:>6}{margin:>7}{mild:>5}{weight:>7} |{lo['right']:>16}{lo['wrong id']:>6}"
            f"{lo['blank->core id']:>11} "
            f"|{no['right']:>17}{no['wrong id']:>6}{no['blank->core id']:>11}"
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--sweep", action="store_true", help="score a grid of thresholds")
    args = parser.parse_args(argv)
    cases = read_cases(args.corpus)
    if not cases:
        sys.exit(f"label_matching: no *.truth.csv under {args.corpus}")
    core = core_ids(args.corpus, cases)
    if args.sweep:
        return sweep(cases, core)
    results = {}
    for mode, catalogue_for in modes(cases, MatchSettings()).items():
        pairs = run(catalogue_for, cases)
        results[mode] = tally(pairs, core)
        if args.verbose:
            print(f"{mode}:")
            print_errors(pairs, core)
    print_table(results)
    timing(cases)


if __name__ == "__main__":
    main()
