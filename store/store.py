"""One object for the app and the command line: a migrated store with its reference data loaded."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from extractors.base import Progress, no_progress
from pipeline import ExtractResult
from settings import current_user, setting
from store import aliases, documents, ingest, queries
from store.backends import open_backend
from store.migrations import migrate
from store.reference import load_reference


class Store:
    """A DuckDB file or PostgreSQL database holding perfbooks' data; opening it upgrades its schema."""

    def __init__(self, url: str | None = None, reference: bool = True):
        self.url = url or setting("PERFBOOKS_DB")
        self.db = open_backend(self.url)
        migrate(self.db)
        if reference:
            load_reference(self.db)

    def ingest(self, path: Path, name: str | None = None, progress: Progress = no_progress,
               authority: str | None = None, report_date: date | None = None) -> ingest.IngestOutcome:
        """Extract a file and store it in one step (see `store.ingest.ingest_file`)."""
        return ingest.ingest_file(self.db, Path(path), current_user(), name, progress, authority, report_date)

    def save(self, content: bytes, result: ExtractResult) -> ingest.IngestOutcome:
        """Store a reviewed extraction with its file."""
        return ingest.save_extraction(self.db, content, result, current_user())

    def stored_as(self, content: bytes) -> str | None:
        """Which stored document already holds this file, in words, or None (matched by content hash)."""
        return documents.stored_as(self.db, documents.content_hash(content))

    def observations(self, selection: queries.Selection = queries.Selection()) -> pd.DataFrame:
        return queries.observations(self.db, selection)

    def revisions(self, authority: str | None = None, indicator: str | None = None) -> pd.DataFrame:
        return queries.revisions(self.db, authority, indicator)

    def documents(self, source: str = "all") -> pd.DataFrame:
        return documents.documents_frame(self.db, source)

    def document_content(self, document_id: int) -> bytes | None:
        return documents.document_content(self.db, document_id)

    def catalogue(self):
        """The catalogue with the aliases users taught it."""
        return aliases.learning_catalogue(self.db)

    def learn_alias(self, label: str, indicator_id: str) -> None:
        aliases.learn_alias(self.db, label, indicator_id, current_user())

    def forget_alias(self, label: str) -> None:
        """Stop mapping a label a user taught (the packaged catalogue's aliases stay)."""
        aliases.forget_alias(self.db, label)

    def aliases(self) -> pd.DataFrame:
        return aliases.aliases_frame(self.db)

    def import_aliases(self, text: str) -> int:
        return aliases.import_aliases(self.db, text, current_user())

    def table(self, name: str) -> pd.DataFrame:
        """A reference table (statistical_neighbours, population) as stored."""
        if name not in ("statistical_neighbours", "population"):
            raise ValueError(f"no reference table {name!r}")
        return self.db.frame(f"SELECT * FROM {name}")

    def close(self) -> None:
        self.db.close()

    def add_intervention(self, name: str, authority: str, start, end=None, description: str = "",
                         la_code: str | None = None) -> int:
        """Record a new way of working an authority started (see `store.interventions.add_intervention`); its id."""
        from store import interventions
        return interventions.add_intervention(self.db, name, authority, start, end, description, la_code, current_user())

    def interventions(self, authority: str | None = None) -> pd.DataFrame:
        """Every recorded intervention, or one authority's (a name, variant or code)."""
        from store import interventions
        return interventions.interventions_frame(self.db, authority)

    def remove_intervention(self, intervention_id: int) -> bool:
        """Delete one intervention; False when no intervention has that id."""
        from store import interventions
        return interventions.remove_intervention(self.db, intervention_id)

    def save_pack_template(self, authority: str, name: str, body: str) -> None:
        """Keep a board pack template's JSON for an authority (see `store.pack_templates`)."""
        from store import pack_templates
        pack_templates.save_template(self.db, authority, name, body, current_user())

    def pack_template(self, authority: str, name: str) -> str | None:
        from store import pack_templates
        return pack_templates.template_body(self.db, authority, name)

    def pack_templates(self, authority: str | None = None) -> pd.DataFrame:
        from store import pack_templates
        return pack_templates.templates_frame(self.db, authority)

    def delete_pack_template(self, authority: str, name: str) -> bool:
        from store import pack_templates
        return pack_templates.delete_template(self.db, authority, name)


def open_store(url: str | None = None) -> Store:
    """The store named by the URL or the PERFBOOKS_DB setting."""
    return Store(url)
