"""Seconds per page and peak memory of perfbooks beside camelot and pdfplumber: `python -m
benchmarks.speed`."""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

from benchmarks.corpus_score import CORPUS, RESULTS, ROOT, SCAN, kind, markdown

TIMEOUT = 900  # seconds for one tool on one document
SUFFIXES = {".pdf", ".xlsx", ".docx", ".csv"}
HEADER = [
    "document",
    "pages",
    "perfbooks s/page",
    "perfbooks MB",
    "grids-only s/page",
    "camelot lattice s/page",
    "camelot MB",
    "pdfplumber extract_tables s/page",
    "pdfplumber MB",
]

# Each tool is a `work(path)` run in a fresh interpreter; imports sit outside the timed call.
TOOLS = {
    "perfbooks": """
from pathlib import Path
from cli import extract_file
def work(path):
    return len(extract_file(Path(path), None, None))
""",
    "grids": """
from pathlib import Path
from extractors.registry import read_document
def work(path):
    with open(path, "rb") as fp:
        return len(read_document(fp, Path(path).name).grids)
""",
    "camelot": """
import camelot
def work(path):
    return camelot.read_pdf(path, pages="all", flavor="lattice", backend="pdfium").n
""",
    "pdfplumber": """
import pdfplumber
def work(path):
    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_tables()) for page in pdf.pages)
""",
}
RUNNER = """
import json, resource, sys, time
start = time.perf_counter()
found = work(sys.argv[1])
seconds = time.perf_counter() - start
peak = max(resource.getrusage(who).ru_maxrss
           for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": seconds, "found": found, "mb": peak / 1024}))
"""
PDF_ONLY = {"camelot", "pdfplumber"}


def documents(corpus: Path, include_scans: bool) -> list[tuple[Path, str]]:
    """(document, kind) for every readable file in the corpus, scans unless told to skip them."""
    docs = sorted(
        p
        for p in corpus.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.endswith(".truth.csv")
    )
    kinds = [(doc, kind(doc)) for doc in docs]
    return [(doc, k) for doc, k in kinds if include_scans or k != SCAN]


def units(doc: Path, kind_: str) -> tuple[int, str]:
    """How many pages (PDF), sheets (xlsx) or documents (docx, csv) the timings are divided by."""
    if doc.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(doc))
        try:
            return len(pdf), "pages"
        finally:
            pdf.close()
    if kind_ == "xlsx":
        with zipfile.ZipFile(doc) as archive:
            return sum(n.startswith("xl/worksheets/sheet") for n in archive.namelist()), "sheets"
    return 1, "document"


def run(tool: str, doc: Path) -> dict:
    """One timed run of a tool in a fresh interpreter: seconds, what it found and peak RSS in MB."""
    code = TOOLS[tool] + RUNNER
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(doc)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {TIMEOUT} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def best(tool: str, doc: Path, repeat: int) -> dict:
    """Fastest of `repeat` runs, with the highest peak memory seen."""
    runs = [run(tool, doc) for _ in range(repeat)]
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0]
    return {**min(good, key=lambda r: r["seconds"]), "mb": max(r["mb"] for r in good)}


def measure(doc: Path, kind_: str, repeat: int) -> dict:
    """Every applicable tool on one document."""
    tools = [
        t for t in TOOLS if t not in PDF_ONLY or (doc.suffix.lower() == ".pdf" and kind_ != SCAN)
    ]
    count, unit = units(doc, kind_)
    return {
        "document": doc.name,
        "count": count,
        "unit": unit,
        **{t: best(t, doc, repeat) for t in tools},
    }


def per_unit(result: dict, tool: str) -> str:
    r = result.get(tool)
    if r is None:
        return "—"
    return "error" if "error" in r else f"{r['seconds'] / result['count']:.3f}"


def mb(result: dict, tool: str) -> str:
    r = result.get(tool)
    return "—" if r is None or "error" in r else f"{r['mb']:.0f}"


def row(r: dict) -> list[str]:
    return [
        r["document"],
        f"{r['count']} {r['unit']}",
        per_unit(r, "perfbooks"),
        mb(r, "perfbooks"),
        per_unit(r, "grids"),
        per_unit(r, "camelot"),
        mb(r, "camelot"),
        per_unit(r, "pdfplumber"),
        mb(r, "pdfplumber"),
    ]


def errors(results: list[dict]) -> list[str]:
    return [
        f"- {r['document']} / {tool}: {v['error']}"
        for r in results
        for tool, v in r.items()
        if isinstance(v, dict) and "error" in v
    ]


def machine(repeat: int) -> str:
    """The machine note: cores, Python and library versions, and what the numbers mean."""
    from importlib.metadata import version

    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return (
        f"Machine: nproc {cores}, Python {platform.python_version()} ({platform.machine()}), "
        f"camelot-py {version('camelot-py')} (lattice, backend pdfium), pdfplumber "
        f"{version('pdfplumber')}, "
        f"pypdfium2 {version('pypdfium2')}; best of {repeat} run(s).\n"
        "Seconds: wall time of the work alone (interpreter start-up and imports excluded), "
        "per page; "
        "xlsx per sheet; docx per document. MB: peak RSS of the fresh process running the tool "
        "(imports included; for perfbooks the larger of it and its bounded reader child). "
        "perfbooks = cli.extract_file (bounded read + interpret); grids-only = "
        "extractors.registry.read_document in-process. Scans (OCR) are timed with perfbooks "
        "only, and "
        "their MB includes the tesseract processes (waited-for children)."
    )


def report(results: list[dict], repeat: int) -> str:
    text = markdown(HEADER, [row(r) for r in results]) + "\n\n" + machine(repeat) + "\n"
    problems = errors(results)
    return text + ("\nErrors:\n" + "\n".join(problems) + "\n" if problems else "")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of documents")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs per tool and document; the fastest counts"
    )
    ap.add_argument(
        "--skip-scans",
        action="store_true",
        help="leave out documents with no text layer (read by OCR)",
    )
    ap.add_argument("--out-dir", type=Path, default=RESULTS, help="where speed.md goes")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    results = [
        measure(doc, k, max(1, args.repeat))
        for doc, k in documents(args.corpus, not args.skip_scans)
    ]
    text = report(results, max(1, args.repeat))
    print(text)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "speed.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
