"""Generate a family's report in a format, with its truth: `generate(family, fmt, seed, folder)`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zoo import truth
from zoo.build import Doc
from zoo.families import FAMILIES
from zoo.model import Report

SUFFIX = {"pdf": ".pdf", "scan": ".pdf", "xlsx": ".xlsx", "docx": ".docx", "csv": ".csv"}


@dataclass
class Generated:
    family: str
    fmt: str
    path: Path
    truth_path: Path
    truth: list[dict]
    report: Report


def report(family: str, seed: int = 0) -> Report:
    """The document a family draws for a seed (the same for every format)."""
    fam = FAMILIES[family]
    doc = Doc(family, seed)
    blocks = fam.build(doc)
    rep = Report(family, doc.auth, doc.rdate, blocks, fam.landscape)
    rep.dedupe()
    slug = re.sub(r"[^a-z0-9]+", "_", doc.auth.name.lower()).strip("_")
    # a file name that names the authority and month, or one that names neither (the title must say
    # them)
    rep.stem = doc.pick(
        [
            f"{slug}_{doc.rdate:%Y-%m}_{family}",
            f"{family}_{doc.pick(['report', 'pack', 'kpis'])}_{seed}",
        ]
    )
    return rep


def render(rep: Report, fmt: str, path: Path) -> None:
    if fmt == "csv":
        from zoo import csvfile as r
    elif fmt == "xlsx":
        from zoo import workbook as r
    elif fmt == "docx":
        from zoo import word as r
    elif fmt == "pdf":
        from zoo import pdf as r
    elif fmt == "scan":
        from zoo import scan as r
    else:
        raise ValueError(f"unknown format {fmt!r}")
    r.write(rep, path)


def generate(family: str, fmt: str, seed: int, folder: Path) -> Generated:
    rep = report(family, seed)
    name = rep.stem + ("_scan" if fmt == "scan" else "") + SUFFIX[fmt]
    path = Path(folder) / name
    render(rep, fmt, path)
    tpath = path.with_name(name + ".truth.csv")
    rows = truth.write(rep, name, tpath)
    return Generated(family, fmt, path, tpath, rows, rep)


def cases() -> list[tuple[str, str]]:
    """Every (family, format) the zoo makes."""
    return [(f.name, fmt) for f in FAMILIES.values() for fmt in f.formats]
