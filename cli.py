"""perfbooks on the command line: `python cli.py extract FILE... --out OUT.csv`."""
from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path

from extractors.errors import UnreadableFile
from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation
from pipeline import extract_path


def _progress(name: str, unit: str = "page"):
    def report(done: int, total: int) -> None:
        print(f"{name}: {done}/{total} {unit}s read", file=sys.stderr, flush=True)
    return report


def extract_file(path: Path, authority: str | None, report_date: date | None) -> list[Observation]:
    """Observations of one file; UnreadableFile when it cannot be read."""
    result = extract_path(path, path.name, authority, report_date, _progress(path.name))
    for warning in result.warnings:
        print(f"{path.name}: {warning}", file=sys.stderr)
    return result.observations


def write_csv(rows: list[Observation], out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS + EXTRA_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(obs.as_row() for obs in rows)


def cmd_extract(args: argparse.Namespace) -> int:
    rows, failed = [], 0
    for name in args.files:
        path = Path(name)
        try:
            if not path.is_file():
                raise UnreadableFile(f"{name} does not exist or is not a file.")
            found = extract_file(path, args.authority, args.report_date)
            if not found:
                raise UnreadableFile(f"{path.name} has no tables of figures that perfbooks recognises; is it a performance report?")
        except UnreadableFile as exc:
            print(str(exc), file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}: {len(found)} observations", file=sys.stderr)
        rows.extend(found)
    write_csv(rows, Path(args.out))
    return 2 if failed else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="perfbooks", description="Turn performance books into cleaned observations.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="read reports and write the observations CSV (touches no store)")
    ex.add_argument("files", nargs="+", metavar="FILE")
    ex.add_argument("--out", required=True, help="CSV file to write")
    ex.add_argument("--authority", help="the authority the reports are about (overrides what the documents say)")
    ex.add_argument("--report-date", type=date.fromisoformat, help="the reports' as-at date, YYYY-MM-DD (overrides the documents)")
    ex.set_defaults(run=cmd_extract)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
