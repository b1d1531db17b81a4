"""The Rotherham sample pack in docs/: a new store with the national figures and the Rotherham
sample report, its January 2017 pack as PDF, Word and Excel, and images of two PDF pages for the
README.

    .venv/bin/python -m pack.sample [--out docs]

"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pack.assemble import build_pack
from pack.preview import page_images
from pack.render import charts, render_pack
from samples.build import FOLDER

SAMPLE = FOLDER / "rotherham_2017-01_monthly_performance_sample.xlsx"
STEM = "rotherham_2017-01_board_pack"


def write_sample(out: Path) -> list[Path]:
    from store import Store

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "store.duckdb"))
        store.ingest(SAMPLE)
        pack = build_pack(store, "Rotherham", "2017-01")
        store.close()
    pngs = charts(pack)
    written = []
    for fmt in ("pdf", "docx", "xlsx"):
        written.append(out / f"{STEM}.{fmt}")
        written[-1].write_bytes(render_pack(pack, fmt, pngs))
    pages = page_images(written[0].read_bytes(), pages=4, scale=1.4)
    for name, image in (("summary", pages[1]), ("indicator", pages[3])):
        written.append(out / f"{STEM}_{name}_page.png")
        written[-1].write_bytes(image)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="docs", type=Path)
    for path in write_sample(ap.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
