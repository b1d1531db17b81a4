"""Pack templates kept in the store: per authority and name, the template's JSON (see
`pack.template`)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from authorities import resolve
from extractors.grid import fold
from store.backends import Backend

TEMPLATE_COLUMNS = ["authority", "la_code", "name", "body", "saved_by", "saved_at"]


def save_template(db: Backend, authority: str, name: str, body: str, by: str) -> None:
    """Keep (or replace) an authority's template of this name, in one transaction."""
    name = fold(name or "")
    if not name:
        raise ValueError("a pack template needs a name")
    official, code = _authority(authority)
    with db.transaction() as cur:
        cur.execute("DELETE FROM pack_templates WHERE la_code = ? AND name = ?", [code, name])
        cur.execute(
            "INSERT INTO pack_templates VALUES (?, ?, ?, ?, ?, ?)",
            [official, code, name, body, by or "unknown", _now()],
        )


def template_body(db: Backend, authority: str, name: str) -> str | None:
    """The template's JSON, or None when the authority has none of that name."""
    _, code = _authority(authority)
    found = db.frame("SELECT body FROM pack_templates WHERE la_code = ? AND name = ?", [code, name])
    return str(found["body"].iloc[0]) if len(found) else None


def templates_frame(db: Backend, authority: str | None = None) -> pd.DataFrame:
    """Every saved template (or one authority's), by authority and name."""
    where, params = ("WHERE la_code = ?", [_authority(authority)[1]]) if authority else ("", [])
    return db.frame(
        (
            f"SELECT {', '.join(TEMPLATE_COLUMNS)} FROM pack_templates {where} ORDER BY authority, "
            "name"
        ),
        params,
    )


def delete_template(db: Backend, authority: str, name: str) -> bool:
    """Remove a template; False when there was none."""
    _, code = _authority(authority)
    with db.transaction() as cur:
        found = cur.execute(
            "SELECT COUNT(*) FROM pack_templates WHERE la_code = ? AND name = ?", [code, name]
        ).fetchone()[0]
        cur.execute("DELETE FROM pack_templates WHERE la_code = ? AND name = ?", [code, name])
    return bool(found)


def _authority(text: str) -> tuple[str, str]:
    """(official name, ONS code); an authority the reference list lacks is kept by its name."""
    found = resolve(text)
    clean = fold(text or "")
    return (found.name, found.new_la_code) if found else (clean, clean.lower())


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
