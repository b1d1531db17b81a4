"""Put the sample reports and the seeds' interventions into a store, so a first run has charts to
show."""

from __future__ import annotations

from pathlib import Path

from extractors.grid import fold
from extractors.registry import SUFFIXES
from samples import FOLDER
from samples.figures_impact import INTERVENTIONS
from store.interventions import as_date


def sample_paths(folder: Path = FOLDER) -> list[Path]:
    """The sample report files in `folder`, by name."""
    folder = Path(folder)
    return (
        sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
        if folder.is_dir()
        else []
    )


def load_samples(store, folder: Path = FOLDER) -> list[str]:
    """Ingest every sample report and add the seeds' interventions; a message for each file added
    (or failed) and each intervention added.

    Idempotent: a report already stored (same content) and an intervention already recorded are
    skipped.

    """
    messages = [
        outcome.message
        for outcome in (store.ingest(path) for path in sample_paths(folder))
        if outcome.status != "duplicate"
    ]
    return messages + add_interventions(store)


def add_interventions(store) -> list[str]:
    """Record each seed intervention the store lacks (same name, authority and start); a message for
    each added."""
    known = {
        _key(row["name"], row["authority"], row["start_date"])
        for _, row in store.interventions().iterrows()
    }
    added = []
    for name, authority, start, description in INTERVENTIONS:
        if (
            _key(name, authority, start) in known
            or _key(name, _official(authority), start) in known
        ):
            continue
        store.add_intervention(name, authority, start, description=description)
        added.append(f"intervention added: {name} ({authority}, from {start})")
    return added


def ensure_samples(store, folder: Path = FOLDER) -> list[str]:
    """Load the samples only into a store that holds no report documents yet (what the app does at
    start-up)."""
    if len(store.documents(source="report")):
        return []
    return load_samples(store, folder)


def _key(name: str, authority: str, start) -> tuple:
    return fold(name).lower(), str(authority).strip().lower(), as_date(start)


def _official(authority: str) -> str:
    from authorities import resolve

    found = resolve(authority)
    return found.name if found else authority
