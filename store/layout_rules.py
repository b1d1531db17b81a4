"""Layout rules people taught, kept in the store by table fingerprint (see
`interpreter.taught_layouts`)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pandas as pd

from interpreter.taught_layouts import TaughtRule, rule_from_json
from store.backends import Backend

RULE_COLUMNS = ["id", "fingerprint", "description", "rule", "taught_by", "taught_at"]


def save_rule(db: Backend, fingerprint: str, rule_json: str, description: str, by: str) -> int:
    """Keep (or replace) the rule for tables of this fingerprint; its id."""
    rule_from_json(rule_json)  # a rule that does not read back is refused before any change
    with db.transaction() as cur:
        cur.execute("DELETE FROM layout_rules WHERE fingerprint = ?", [fingerprint])
        new_id = cur.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM layout_rules").fetchone()[0]
        cur.execute(
            "INSERT INTO layout_rules VALUES (?, ?, ?, ?, ?, ?)",
            [new_id, fingerprint, rule_json, description, by or "unknown", _now()],
        )
    return int(new_id)


def rules_frame(db: Backend) -> pd.DataFrame:
    return db.frame(f"SELECT {', '.join(RULE_COLUMNS)} FROM layout_rules ORDER BY id")


def taught_rules(db: Backend) -> dict[str, TaughtRule]:
    """Fingerprint -> taught rule, as the interpreter takes them."""
    return {
        row.fingerprint: TaughtRule(
            int(row.id),
            row.fingerprint,
            rule_from_json(row.rule),
            row.taught_by,
            pd.Timestamp(row.taught_at).isoformat(),
        )
        for row in rules_frame(db).itertuples()
    }


def remove_rule(db: Backend, rule_id: int) -> bool:
    """Forget one rule; False when no rule has that id."""
    with db.transaction() as cur:
        found = cur.execute(
            "SELECT COUNT(*) FROM layout_rules WHERE id = ?", [int(rule_id)]
        ).fetchone()[0]
        cur.execute("DELETE FROM layout_rules WHERE id = ?", [int(rule_id)])
    return bool(found)


def export_rules(db: Backend) -> str:
    """Every rule as CSV (fingerprint, description, rule, taught_by, taught_at)."""
    return rules_frame(db).drop(columns="id").to_csv(index=False)


def import_rules(db: Backend, text: str, by: str) -> int:
    """Learn every rule of an exported CSV; a rule that does not read stops the import before any
    change."""
    rows = [r for r in csv.DictReader(io.StringIO(text)) if (r.get("fingerprint") or "").strip()]
    if rows and not {"fingerprint", "rule"} <= set(rows[0]):
        raise ValueError("the layout rules file needs the columns fingerprint and rule")
    for row in rows:
        try:
            rule_from_json(row["rule"])
        except (ValueError, TypeError, KeyError) as problem:
            raise ValueError(
                f"the layout rule for {row['fingerprint']} does not read: {problem}"
            ) from None
    for row in rows:
        save_rule(
            db,
            row["fingerprint"],
            row["rule"],
            row.get("description") or "",
            row.get("taught_by") or by,
        )
    return len(rows)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def rules_at(url: str) -> dict[str, TaughtRule]:
    """The rules of the store at this URL, read without changing it ({} when it has none or does not
    exist)."""
    from pathlib import Path

    from store.backends import StoreError, open_backend

    plain = url[len("duckdb://") :] if url.startswith("duckdb://") else url
    if not url.startswith(("postgresql://", "postgres://")) and not Path(plain).is_file():
        return {}
    db = open_backend(url)
    try:
        return taught_rules(db)
    except StoreError:
        return {}
    except Exception as problem:  # an older store without the table
        if "layout_rules" in str(problem):
            return {}
        raise
    finally:
        db.close()
