"""Label mapping that learns: aliases users confirmed, kept in the store and used for later
documents."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pandas as pd

from extractors.grid import fold
from indicators.catalogue import Catalogue, load_catalogue, read_aliases
from store.backends import Backend

ALIAS_COLUMNS = ["alias", "indicator_id", "origin", "decided_by", "decided_at"]


def learned_aliases(db: Backend) -> dict[str, str]:
    """alias -> indicator id, as users decided them."""
    frame = db.frame("SELECT alias, indicator_id FROM label_aliases ORDER BY alias")
    return dict(zip(frame["alias"], frame["indicator_id"]))


def learning_catalogue(db: Backend) -> Catalogue:
    """The packaged catalogue plus what users taught it (their choices win)."""
    learned = learned_aliases(db)
    catalogue = load_catalogue()
    return catalogue.with_aliases(learned) if learned else catalogue


def learn_alias(db: Backend, label: str, indicator_id: str, by: str) -> None:
    """Remember that this printed label means this indicator (KeyError for an unknown id)."""
    label = fold(label)
    if not label:
        raise ValueError("an alias needs a label")
    load_catalogue().indicator(indicator_id)
    with db.transaction() as cur:
        cur.execute("DELETE FROM label_aliases WHERE alias = ?", [label])
        cur.execute(
            "INSERT INTO label_aliases VALUES (?, ?, ?, ?)", [label, indicator_id, by, _now()]
        )


def forget_alias(db: Backend, label: str) -> None:
    with db.transaction() as cur:
        cur.execute("DELETE FROM label_aliases WHERE alias = ?", [fold(label)])


def aliases_frame(db: Backend) -> pd.DataFrame:
    """Every alias, packaged ones and learned ones, with where each came from."""
    packaged = pd.DataFrame(read_aliases(), columns=["alias", "indicator_id"]).assign(
        origin="catalogue", decided_by="", decided_at=None
    )
    learned = db.frame(
        "SELECT alias, indicator_id, decided_by, decided_at FROM label_aliases"
    ).assign(origin="learned")
    return pd.concat([packaged, learned[packaged.columns]], ignore_index=True)[ALIAS_COLUMNS]


def import_aliases(db: Backend, text: str, by: str) -> int:
    """Learn every (alias, indicator_id) row of a CSV; a row naming an unknown id stops the import
    before any change."""
    rows = [r for r in csv.DictReader(io.StringIO(text)) if (r.get("alias") or "").strip()]
    if rows and not {"alias", "indicator_id"} <= set(rows[0]):
        raise ValueError("the alias file needs the columns alias and indicator_id")
    catalogue = load_catalogue()
    unknown = sorted({r["indicator_id"] for r in rows if r["indicator_id"] not in catalogue.ids()})
    if unknown:
        raise ValueError(f"unknown indicator ids: {', '.join(unknown[:5])}")
    learned = [r for r in rows if r.get("origin", "learned") != "catalogue"]
    for row in learned:
        learn_alias(db, row["alias"], row["indicator_id"], by)
    return len(learned)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
