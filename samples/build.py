"""Write the sample reports into data/samples/: `python -m samples.build [--out FOLDER]`.

The figures come from samples/figures_*.py (taken from the seeds); nothing outside the repository is
read, and every file is byte-identical on every run.

"""

from __future__ import annotations

import argparse
from pathlib import Path

from samples import FOLDER, blackpool_exceptions, impact_book, rotherham_book, southampton_scorecard

WRITERS = {
    "rotherham_2017-01_monthly_performance_sample.xlsx": rotherham_book.write_book,
    "southampton_2018-06_monthly_scorecard_sample.pdf": southampton_scorecard.write_scorecard,
    "blackpool_2016-17_q1_exception_report_sample.csv": blackpool_exceptions.write_report,
    "front_door_impact_sample.xlsx": impact_book.write_book,
}


def build(folder: Path = FOLDER) -> list[Path]:
    """Write every sample report into `folder`; their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write(folder / name) for name, write in WRITERS.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=FOLDER, help="folder to write into (default data/samples)"
    )
    for path in build(parser.parse_args(argv).out):
        print(f"{path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
