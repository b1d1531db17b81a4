"""perfbooks on the command line: extract, ingest, export, revisions, aliases and taught layouts
(see README)."""

from __future__ import annotations

import argparse
import resource
import sys
from datetime import date
from pathlib import Path

ENOUGH_MEMORY = 1024 * 2**20  # address space the command needs to load its libraries and read


def refuse_when_starved() -> None:
    """Under an address-space limit too small to load the libraries (`ulimit -v`), stop at once
    with one sentence: a native library whose allocation fails inside an import may hang."""
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    if limit != resource.RLIM_INFINITY and limit < ENOUGH_MEMORY:
        sys.exit(
            f"perfbooks cannot run: this process may use only {limit // 2**20:,} MB of memory "
            f"(ulimit -v), too little to load its libraries; allow at least "
            f"{ENOUGH_MEMORY // 2**20:,} MB."
        )


refuse_when_starved()

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import problem
from interpreter.observation import Observation
from pipeline import extract_path


def _progress(name: str, unit: str = "page"):
    def report(done: int, total: int, doing: str = "") -> None:
        line = f"{unit} {done + 1} of {total}, {doing}" if doing else f"{done}/{total} {unit}s read"
        print(f"{name}: {line}", file=sys.stderr, flush=True)

    return report


def extract_file(
    path: Path,
    authority: str | None,
    report_date: date | None,
    rules: dict | None = None,
    limits: Limits = LIMITS,
) -> list[Observation]:
    """Observations of one file (tables of a taught layout read with its rule) within the limits;
    UnreadableFile when it cannot be read."""
    progress = _progress(path.name)
    result = extract_path(
        path, path.name, authority, report_date, progress, rules=rules, limits=limits
    )
    for warning in result.warnings:
        print(f"{path.name}: {warning.sentence}", file=sys.stderr)
    return result.observations


def write_csv(rows: list[Observation], out: Path) -> None:
    """The extract CSV, written by the same safe writer as every export and download."""
    from exports.downloads import observations_csv

    out.write_bytes(observations_csv(rows))


def cmd_extract(args: argparse.Namespace, limits: Limits = LIMITS) -> int:
    from store.layout_rules import rules_at

    rows, failed = [], 0
    rules = rules_at(args.db) if args.db else None
    for name in args.files:
        path = Path(name)
        try:
            if not path.is_file():
                raise UnreadableFile(problem("missing", name))
            found = extract_file(path, args.authority, args.report_date, rules, limits)
            if not found:
                raise UnreadableFile(problem("no_tables", path.name))
        except UnreadableFile as exc:
            print(exc.problem.sentence, file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}: {len(found)} observations", file=sys.stderr)
        rows.extend(found)
    write_csv(rows, Path(args.out))
    return 2 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    store, failed = _store(args), 0
    for name in args.files:
        path = Path(name)
        outcome = store.ingest(
            path, path.name, _progress(path.name), args.authority, args.report_date
        )
        print(outcome.message, file=sys.stderr)
        failed += outcome.status == "failed"
    store.close()
    return 2 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from exports import export_file
    from store import Selection

    selection = Selection(
        args.source, args.vintage, args.authority, args.indicator, comparators=True
    )
    store = _store(args)
    frame = store.observations(selection)
    store.close()
    written = export_file(frame, args.format, Path(args.out), vars(selection))
    print(
        f"{len(frame)} observations written to {', '.join(str(p) for p in written)}",
        file=sys.stderr,
    )
    return 0


def cmd_revisions(args: argparse.Namespace) -> int:
    store = _store(args)
    frame = store.revisions(args.authority, args.indicator)
    store.close()
    if args.out:
        from exports import export_file

        export_file(frame, "tidy", Path(args.out))
    shown = [
        "authority",
        "indicator_id",
        "indicator_label",
        "measure",
        "period_start",
        "earlier_report_date",
        "earlier_value",
        "later_report_date",
        "later_value",
        "change",
    ]
    print(
        frame[shown].to_string(index=False)
        if len(frame)
        else "No figure was revised between reports."
    )
    return 0


def cmd_aliases(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.import_file:
        added = store.import_aliases(Path(args.import_file).read_text(encoding="utf-8-sig"))
        print(f"{added} aliases learned from {args.import_file}", file=sys.stderr)
    if args.export_file:
        from exports.downloads import frame_csv

        Path(args.export_file).write_bytes(frame_csv(store.aliases()))
        print(f"aliases written to {args.export_file}", file=sys.stderr)
    if args.import_rules:
        added = store.import_layout_rules(Path(args.import_rules).read_text(encoding="utf-8-sig"))
        print(f"{added} layout rules learned from {args.import_rules}", file=sys.stderr)
    if args.export_rules:
        Path(args.export_rules).write_text(store.export_layout_rules(), encoding="utf-8")
        print(f"layout rules written to {args.export_rules}", file=sys.stderr)
    store.close()
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    """The board pack for an authority and month, written as PDF, Word or Excel by the suffix of
    --out."""
    from pack import build_pack, write_pack
    from pack.render import FORMATS
    from pack.template import template_for

    if Path(args.out).suffix.lower().lstrip(".") not in FORMATS:
        raise ValueError(f"--out must end in .pdf, .docx or .xlsx, not {Path(args.out).name!r}")
    store = _store(args)
    try:
        pack = build_pack(
            store, args.authority, args.month, template_for(store, args.authority, args.template)
        )
    finally:
        store.close()
    if not pack.sections:
        print(
            f"perfbooks pack: no report figures for {args.authority} up to {args.month}",
            file=sys.stderr,
        )
        return 2
    write_pack(pack, Path(args.out))
    print(
        (
            f"{args.out}: board pack for {pack.authority}, {pack.month:%B %Y}, "
            f"{len(pack.sections)} "
            "indicators"
        ),
        file=sys.stderr,
    )
    return 0


def _store(args: argparse.Namespace):
    from store import Store

    return Store(args.db)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="perfbooks", description="Turn performance books into cleaned observations."
    )
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract", help="read reports and write the observations CSV (touches no store)"
    )
    ex.add_argument("files", nargs="+", metavar="FILE")
    ex.add_argument("--out", required=True, help="CSV file to write")
    ex.add_argument(
        "--db",
        help=(
            "read the layouts taught in this store (DuckDB file or postgresql:// URL); it is not "
            "changed"
        ),
    )
    _overrides(ex)
    ex.set_defaults(run=cmd_extract)
    ing = sub.add_parser(
        "ingest", help="read reports and keep them in the store (each file in one transaction)"
    )
    ing.add_argument("files", nargs="+", metavar="FILE")
    _overrides(ing)
    _db(ing).set_defaults(run=cmd_ingest)
    out = sub.add_parser(
        "export", help="write the store's observations as tidy, wide, ees, xlsx or parquet"
    )
    out.add_argument(
        "--out", required=True, help="file to write (ees: a zip of one CSV per kind of period)"
    )
    out.add_argument("--format", default="tidy", choices=["tidy", "wide", "ees", "xlsx", "parquet"])
    out.add_argument("--source", default="all", choices=["reports", "published", "all"])
    out.add_argument(
        "--vintage",
        default="current",
        choices=["current", "all"],
        help="the latest report's figure, or every report's",
    )
    _filters(_db(out)).set_defaults(run=cmd_export)
    rev = sub.add_parser(
        "revisions", help="list every reported figure a later report printed differently"
    )
    rev.add_argument("--out", help="also write the list as CSV")
    _filters(_db(rev)).set_defaults(run=cmd_revisions)
    al = sub.add_parser(
        "aliases",
        help="export or import the label aliases (the catalogue's and those users taught it)",
    )
    al.add_argument(
        "--export", dest="export_file", metavar="FILE", help="write every alias to this CSV"
    )
    al.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE",
        help="learn the aliases of this CSV (columns alias, indicator_id)",
    )
    al.add_argument(
        "--export-layouts",
        dest="export_rules",
        metavar="FILE",
        help="write every taught layout rule to this CSV",
    )
    al.add_argument(
        "--import-layouts",
        dest="import_rules",
        metavar="FILE",
        help="learn the layout rules of this CSV (as exported)",
    )
    _db(al).set_defaults(run=cmd_aliases)
    pk = sub.add_parser(
        "pack", help="write the board pack for an authority and month (.pdf, .docx or .xlsx)"
    )
    pk.add_argument("--authority", required=True, help="the authority (a name, variant or code)")
    pk.add_argument("--month", required=True, help="the report month, YYYY-MM")
    pk.add_argument(
        "--out", required=True, help="file to write: .pdf, .docx or .xlsx (the summary)"
    )
    pk.add_argument(
        "--template",
        help=(
            "a saved pack template's name (default: the saved 'default', else the last report's "
            "indicators)"
        ),
    )
    _db(pk).set_defaults(run=cmd_pack)
    return ap


def _overrides(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--authority", help="the authority the reports are about (overrides what the documents say)"
    )
    sub.add_argument(
        "--report-date",
        type=date.fromisoformat,
        help="the reports' as-at date, YYYY-MM-DD (overrides the documents)",
    )


def _db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument(
        "--db",
        help="the store: a DuckDB file or a postgresql:// URL (default: the PERFBOOKS_DB setting)",
    )
    return sub


def _filters(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--authority", help="only this authority (a name, variant or code)")
    sub.add_argument("--indicator", help="only this indicator id")
    return sub


def main(argv: list[str] | None = None) -> int:
    from store.backends import StoreError

    args = parser().parse_args(argv)
    try:
        return args.run(args)
    # a bad value or an unreachable store: one sentence
    except (StoreError, ValueError, KeyError, OSError) as exc:
        print(f"perfbooks {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
