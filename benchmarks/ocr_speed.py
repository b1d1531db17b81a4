"""Seconds (wall and CPU) per scanned page and peak memory of OCR: `python -m
benchmarks.ocr_speed`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus_score import CORPUS, RESULTS, ROOT, SCAN, kind, markdown

TIMEOUT = 900  # seconds for one run
GOAL = 6.0  # seconds of wall time a scanned page may take
HEADER = [
    "document",
    "pages",
    "s/page (file)",
    "CPU s/page (file)",
    "slowest page s",
    "its CPU s",
    "peak MB",
    "load average",
]

# Run in a fresh interpreter: "file" times cli.extract_file (bounded reader, pages read ahead,
# interpreter);
# "pages" times extractors.pdf.ocr.boxes.read_page on each page alone. CPU = this process + every
# waited-for
# child (the bounded reader and its tesseract processes).
RUNNER = """
import json, os, resource, sys, time
from pathlib import Path

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

def timed(work):
    start, used = time.perf_counter(), cpu()
    work()
    return [time.perf_counter() - start, cpu() - used]

mode, path = sys.argv[1], sys.argv[2]
load = os.getloadavg()[0]
if mode == "file":
    from cli import extract_file
    out = {"file": timed(lambda: extract_file(Path(path), None, None))}
else:
    import pypdfium2 as pdfium
    from extractors.limits import LIMITS
    from extractors.pdf.ocr.scan import render
    from extractors.pdf.ocr.boxes import read_page
    pdf = pdfium.PdfDocument(path)
    out = {"pages": [timed(lambda: read_page(render(pdf[i], LIMITS.OCR_DPI), LIMITS.OCR_DPI, i + 1))
                     for i in range(len(pdf))]}
peak = max(resource.getrusage(who).ru_maxrss
           for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({**out, "mb": peak / 1024, "load": max(load, os.getloadavg()[0])}))
"""


def scans(corpus: Path) -> list[Path]:
    """The PDFs of the corpus with no text layer."""
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() == ".pdf" and kind(p) == SCAN)


def run(mode: str, doc: Path) -> dict:
    """One timed run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, mode, str(doc)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise SystemExit(f"{doc.name}: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
    return json.loads(lines[-1])


def measure(doc: Path, repeat: int) -> dict:
    """The fastest whole-file run, each page's fastest time alone, the highest peak memory and load
    seen."""
    files = [run("file", doc) for _ in range(repeat)]
    pages = [run("pages", doc) for _ in range(repeat)]
    fastest = min((f["file"] for f in files), key=lambda t: t[0])
    per_page = [min(times, key=lambda t: t[0]) for times in zip(*(p["pages"] for p in pages))]
    runs = files + pages
    return {
        "document": doc.name,
        "pages": len(per_page),
        "file": fastest,
        "per_page": per_page,
        "mb": max(r["mb"] for r in runs),
        "load": (min(r["load"] for r in runs), max(r["load"] for r in runs)),
    }


def row(r: dict) -> list[str]:
    wall, cpu = r["file"]
    slowest = max(r["per_page"], key=lambda t: t[0])
    return [
        r["document"],
        str(r["pages"]),
        f"{wall / r['pages']:.2f}",
        f"{cpu / r['pages']:.2f}",
        f"{slowest[0]:.2f}",
        f"{slowest[1]:.2f}",
        f"{r['mb']:.0f}",
        f"{r['load'][0]:.1f}–{r['load'][1]:.1f}",
    ]


def report(results: list[dict], repeat: int) -> str:
    cores = os.cpu_count()
    note = (
        f"Machine: {cores} cores, best of {repeat} run(s); goal under {GOAL:g} s a page. s/page "
        "(file): wall "
        "time of cli.extract_file (bounded reader, OCR with the next page prepared while "
        "tesseract reads "
        "the last, interpreter; imports excluded) over the pages. slowest page: read_page on "
        "one page alone "
        "(render to grid, nothing overlapped). CPU: the process and all its waited-for "
        "children (the bounded "
        "reader, tesseract). Peak MB: the larger peak RSS of the process and of its largest "
        "child. Load "
        "average: lowest–highest seen during the runs (other work on the machine slows wall "
        "time)."
    )
    pages = "\n".join(
        f"- {r['document']}: " + ", ".join(f"{w:.2f} s ({c:.2f} CPU)" for w, c in r["per_page"])
        for r in results
    )
    return (
        markdown(HEADER, [row(r) for r in results])
        + "\n\nPer page alone:\n"
        + pages
        + "\n\n"
        + note
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of documents")
    ap.add_argument("--repeat", type=int, default=1, help="runs per document; the fastest counts")
    ap.add_argument("--out-dir", type=Path, default=RESULTS, help="where ocr_speed.md goes")
    args = ap.parse_args(argv)
    repeat = max(1, args.repeat)
    text = report([measure(doc, repeat) for doc in scans(args.corpus)], repeat)
    print(text)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "ocr_speed.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
