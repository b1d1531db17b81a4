"""The store's schema, changed only by named migrations recorded in `schema_migrations`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from store.backends import Backend

OBSERVATION_COLUMNS = """
    authority TEXT, la_code TEXT, old_la_code TEXT, indicator_id TEXT, indicator_label TEXT,
    measure TEXT, period_type TEXT, period_start DATE, period_end DATE,
    value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION,
    unit TEXT, polarity TEXT, note TEXT, report_date DATE, source_file TEXT, source_location TEXT,
    confidence DOUBLE PRECISION, code TEXT, flags TEXT, geographic_level TEXT"""


@dataclass(frozen=True)
class Migration:
    """One named schema change; `postgres` statements run only there (DuckDB scans need no
    indexes)."""

    name: str
    statements: tuple[str, ...]
    postgres: tuple[str, ...] = field(default=())


MIGRATIONS = (
    Migration(
        "0001_documents_and_observations",
        (
            "CREATE SEQUENCE document_ids START 1",
            """CREATE TABLE documents (
            document_id BIGINT PRIMARY KEY DEFAULT nextval('document_ids'),
            content_hash TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, format TEXT NOT NULL,
            units INTEGER, source TEXT NOT NULL, authority TEXT, la_code TEXT, report_date DATE,
            observation_count INTEGER NOT NULL, warnings TEXT,
            ingested_at TIMESTAMP NOT NULL, ingested_by TEXT NOT NULL)""",
            "CREATE TABLE document_files (document_id BIGINT PRIMARY KEY, content BYTEA NOT NULL)",
            "CREATE TABLE observations (document_id BIGINT NOT NULL, row_number INTEGER NOT NULL, "
            f"{OBSERVATION_COLUMNS})",
        ),
        postgres=(
            "CREATE INDEX observations_by_document ON observations (document_id)",
            "CREATE INDEX observations_by_indicator ON observations (indicator_id, la_code)",
            "CREATE INDEX observations_by_authority ON observations (la_code, authority)",
        ),
    ),
    Migration(
        "0002_label_aliases",
        (
            """CREATE TABLE label_aliases (
            alias TEXT PRIMARY KEY, indicator_id TEXT NOT NULL,
            decided_by TEXT NOT NULL, decided_at TIMESTAMP NOT NULL)""",
        ),
    ),
    Migration(
        "0003_reference_tables",
        (
            """CREATE TABLE reference_loads (
            name TEXT PRIMARY KEY, content_hash TEXT NOT NULL, row_count INTEGER NOT NULL, loaded_at
            TIMESTAMP NOT NULL)""",
            """CREATE TABLE statistical_neighbours (
            version TEXT NOT NULL, la_code TEXT NOT NULL, old_la_code TEXT, neighbour_rank INTEGER
            NOT NULL,
            neighbour_la_code TEXT NOT NULL, neighbour_old_la_code TEXT, closeness TEXT)""",
            "CREATE TABLE population (la_code TEXT NOT NULL, year INTEGER NOT NULL, "
            "population_0_17 "
            "DOUBLE PRECISION)",
        ),
    ),
    Migration(
        "0004_interventions",
        (
            "CREATE SEQUENCE intervention_ids START 1",
            """CREATE TABLE interventions (
            intervention_id BIGINT PRIMARY KEY DEFAULT nextval('intervention_ids'),
            name TEXT NOT NULL, authority TEXT NOT NULL, la_code TEXT, start_date DATE NOT NULL,
            end_date DATE,
            description TEXT, added_by TEXT NOT NULL, added_at TIMESTAMP NOT NULL)""",
        ),
    ),
    Migration(
        "0005_audit_and_roles",
        (
            "CREATE SEQUENCE audit_ids START 1",
            """CREATE TABLE audit_log (
            audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_ids'), done_at TIMESTAMP NOT NULL,
            done_by TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT
            NULL)""",
            """CREATE TABLE user_roles (
            user_name TEXT PRIMARY KEY, role TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at
            TIMESTAMP NOT NULL)""",
            """CREATE TABLE withdrawals (
            document_id BIGINT PRIMARY KEY, withdrawn_by TEXT NOT NULL, withdrawn_at TIMESTAMP NOT
            NULL, reason TEXT NOT NULL)""",
        ),
    ),
    Migration(
        "0006_pack_templates",
        (
            """CREATE TABLE pack_templates (
            authority TEXT NOT NULL, la_code TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
            saved_by TEXT NOT NULL, saved_at TIMESTAMP NOT NULL, PRIMARY KEY (la_code, name))""",
        ),
    ),
    Migration(
        "0007_layout_rules",
        (
            """CREATE TABLE layout_rules (
            id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, rule TEXT NOT NULL,
            description TEXT NOT NULL,
            taught_by TEXT NOT NULL, taught_at TIMESTAMP NOT NULL)""",
        ),
    ),
)


def applied(db: Backend) -> list[str]:
    """Names of the migrations this store has had, oldest first."""
    with db.transaction() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at "
            "TIMESTAMP NOT NULL)"
        )
    return list(db.frame("SELECT name FROM schema_migrations ORDER BY name")["name"])


def migrate(db: Backend, upto: str | None = None) -> list[str]:
    """Apply, each in its own transaction, the migrations this store lacks (up to `upto`); their
    names."""
    done, ran = set(applied(db)), []
    for migration in MIGRATIONS:
        if migration.name not in done:
            _apply(db, migration)
            ran.append(migration.name)
        if migration.name == upto:
            break
    return ran


def _apply(db: Backend, migration: Migration) -> None:
    statements = migration.statements + (migration.postgres if db.dialect == "postgres" else ())
    with db.transaction() as cur:
        for statement in statements:
            cur.execute(statement)
        cur.execute("INSERT INTO schema_migrations VALUES (?, ?)", [migration.name, _now()])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
