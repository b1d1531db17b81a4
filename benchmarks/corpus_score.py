"""Score perfbooks on every corpus document that has a truth file: `python -m
benchmarks.corpus_score`."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import time
from pathlib import Path

from cli import extract_file, write_csv
from extractors.errors import UnreadableFile

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "benchmarks" / "results"
TARGETS = {"recall": 0.97, "precision": 0.98, "indicator_id_accuracy": 0.90}
SCAN_TARGETS = {"recall": 0.90, "precision": 0.97}  # scans are read by OCR
SCAN = "scan (OCR)"
PROGRESS = re.compile(r": \d+/\d+ \w+ read$")
HEADER = [
    "document",
    "kind",
    "truth rows",
    "found",
    "output value rows",
    "recall",
    "precision",
    "indicator_id",
    "unit",
    "seconds",
    "targets",
]


def documents(corpus: Path) -> list[Path]:
    """The corpus documents that have a `<doc>.truth.csv` beside them."""
    return sorted(p for p in corpus.iterdir() if p.is_file() and truth_of(p).is_file())


def truth_of(doc: Path) -> Path:
    return doc.with_name(doc.name + ".truth.csv")


def kind(doc: Path) -> str:
    """pdf, xlsx or docx by suffix; a PDF with no text layer is a scan."""
    suffix = doc.suffix.lower().lstrip(".")
    if suffix == "pdf" and not has_text(doc):
        return SCAN
    return suffix


def has_text(pdf: Path, pages: int = 3) -> bool:
    """True when any of the first pages carries text characters."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return any(
            document[i].get_textpage().count_chars() > 0 for i in range(min(pages, len(document)))
        )
    finally:
        document.close()


def load_scorer(corpus: Path):
    """The scorer module from the corpus's sibling tools/ folder."""
    path = corpus.parent / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(doc: Path, out: Path) -> tuple[float, str, str]:
    """Run the CLI's pipeline on one document into `out`: seconds, its stderr, and why it failed if
    it did."""
    log, rows, error = io.StringIO(), [], ""
    start = time.perf_counter()
    with contextlib.redirect_stderr(log):
        try:
            rows = extract_file(doc, None, None)
        except UnreadableFile as exc:
            error = str(exc)
        # a crash in the pipeline is a result to report, not the end of the report
        except Exception as exc:
            error = f"pipeline crashed: {type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    write_csv(rows, out)
    return seconds, without_progress(log.getvalue()), error


def without_progress(log: str) -> str:
    """The pipeline's stderr less its `n/m pages read` lines."""
    return "\n".join(line for line in log.splitlines() if not PROGRESS.search(line))


def score_one(doc: Path, out_dir: Path, scorer) -> dict:
    """Extraction, score and target check of one document."""
    out = out_dir / f"{doc.name}.csv"
    seconds, log, error = extract(doc, out)
    truth, got = scorer.read(str(truth_of(doc))), scorer.read(str(out))
    result = scorer.score(truth, got)
    result.update(
        document=doc.name,
        kind=kind(doc),
        seconds=seconds,
        log=log,
        error=error,
        **id_counts(scorer, truth, got),
    )
    result["misses"] = misses(result)
    return result


def id_counts(scorer, truth: list[dict], got: list[dict]) -> dict[str, int]:
    """Found rows whose truth has an indicator id, and how many of those the output gives the same
    id."""
    matched = scorer.match(truth, got)
    with_id = [
        (i, j)
        for i, j in matched.items()
        if truth[i]["_id"] and str(truth[i].get("scored", "1")).strip() != "0"
    ]
    return {
        "with_id": len(with_id),
        "id_right": sum(1 for i, j in with_id if got[j]["_id"] == truth[i]["_id"]),
    }


def pooled(results: list[dict]) -> str:
    """Recall, precision and indicator-id accuracy over every row of every document, and documents
    below 0.90 recall."""
    truth = sum(r["truth_rows"] for r in results)
    found = sum(r["found"] for r in results)
    output = sum(r["output_value_rows"] for r in results)
    right = sum(round(r["precision"] * r["output_value_rows"]) for r in results)
    with_id, id_right = sum(r["with_id"] for r in results), sum(r["id_right"] for r in results)
    low = sum(1 for r in results if r["recall"] < 0.90)
    return (
        f"Pooled over {len(results)} documents ({truth} scored rows): recall "
        f"{found / max(1, truth):.3f}, "
        f"precision {right / max(1, output):.3f}, indicator_id "
        f"{id_right / max(1, with_id):.3f}; "
        f"{low} documents below recall 0.90"
    )


def targets(result: dict) -> dict[str, float]:
    return SCAN_TARGETS if result["kind"] == SCAN else TARGETS


def misses(result: dict) -> list[str]:
    """The targets a document falls short of (scans have their own, lower, targets)."""
    return [
        name
        for name, target in targets(result).items()
        if result[name] is not None and result[name] < target
    ]


def fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def verdict(result: dict) -> str:
    return "FAIL: " + ", ".join(result["misses"]) if result["misses"] else "PASS"


def score_cells(r: dict) -> list[str]:
    """A scored file's counts (truth rows, found, value rows written) and its three scores."""
    counts = [str(r[k]) for k in ("truth_rows", "found", "output_value_rows")]
    return counts + [fmt(r[k]) for k in ("recall", "precision", "indicator_id_accuracy")]


def row(r: dict) -> list[str]:
    return [
        r["document"],
        r["kind"],
        *score_cells(r),
        fmt(r["unit_accuracy"]),
        f"{r['seconds']:.1f}",
        verdict(r),
    ]


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def summary(results: list[dict]) -> str:
    """Minimums over the non-scanned documents and the overall verdict."""
    text = [r for r in results if r["kind"] != SCAN]
    mins = {
        name: min((r[name] for r in text if r[name] is not None), default=None) for name in TARGETS
    }
    failed = [r["document"] for r in text if r["misses"]]
    scans = [r for r in results if r["kind"] == SCAN]
    scan_failed = [r["document"] for r in scans if r["misses"]]
    return (
        f"Non-scanned documents ({len(text)}): min recall {fmt(mins['recall'])}, "
        f"min precision {fmt(mins['precision'])}, min indicator_id "
        f"{fmt(mins['indicator_id_accuracy'])}. "
        f"Targets recall >= {TARGETS['recall']}, precision >= {TARGETS['precision']}, "
        f"indicator_id >= {TARGETS['indicator_id_accuracy']}: "
        + (f"FAIL ({len(failed)} of {len(text)})" if failed else "PASS")
        + f"\nScanned documents ({len(scans)}), targets recall >= {SCAN_TARGETS['recall']}, "
        f"precision >= {SCAN_TARGETS['precision']}: "
        + (f"FAIL ({len(scan_failed)} of {len(scans)})" if scan_failed else "PASS")
    )


def report(results: list[dict]) -> str:
    failed = [f"- {r['document']}: {r['error']}" for r in results if r["error"]]
    notes = "\n\nErrors:\n" + "\n".join(failed) if failed else ""
    return (
        markdown(HEADER, [row(r) for r in results])
        + "\n\n"
        + summary(results)
        + "\n"
        + pooled(results)
        + notes
        + "\n"
    )


def save(results: list[dict], text: str, out_dir: Path) -> None:
    """The table as corpus_score.md, the missed/extra examples as corpus_score.json."""
    (out_dir / "corpus_score.md").write_text(text, encoding="utf-8")
    keep = ("document", "kind", "misses", "error", "missed_examples", "extra_examples", "log")
    examples = [{k: r[k] for k in keep} for r in results]
    (out_dir / "corpus_score.json").write_text(json.dumps(examples, indent=2), encoding="utf-8")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder of documents and <doc>.truth.csv files"
    )
    ap.add_argument(
        "--out-dir", type=Path, default=RESULTS, help="where output CSVs and the report go"
    )
    ap.add_argument(
        "--strict", action="store_true", help="exit 1 when a non-scanned document misses a target"
    )
    ap.add_argument(
        "--strict-scans",
        action="store_true",
        help="exit 1 when a scanned document misses its targets too",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    scorer = load_scorer(args.corpus)
    results = [score_one(doc, args.out_dir, scorer) for doc in documents(args.corpus)]
    text = report(results)
    print(text)
    save(results, text, args.out_dir)
    strict = [
        r
        for r in results
        if (args.strict and r["kind"] != SCAN) or (args.strict_scans and r["kind"] == SCAN)
    ]
    return 1 if any(r["misses"] for r in strict) else 0


if __name__ == "__main__":
    sys.exit(main())
