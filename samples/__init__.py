"""Sample reports the project makes itself from the seeds' figures, so a first run shows real
charts."""

from pathlib import Path

# here so loading them needs no PDF writer
FOLDER = Path(__file__).resolve().parent.parent / "data" / "samples"
