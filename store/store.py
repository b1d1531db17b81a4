"""One object for the app and the command line: a migrated store with its reference data loaded.

Every change is checked against the acting person's role (`access.acting()`) and written to the
audit log.

"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from access import acting
from extractors.base import Progress, no_progress
from pipeline import ExtractResult
from settings import setting
from store import aliases, audit, documents, ingest, queries, users, withdrawals
from store.backends import open_backend
from store.migrations import migrate
from store.reference import load_reference


class Store:
    """A DuckDB file or PostgreSQL database holding perfbooks' data; opening it upgrades its
    schema."""

    def __init__(self, url: str | None = None, reference: bool = True):
        self.url = url or setting("PERFBOOKS_DB")
        self.db = open_backend(self.url)
        with self.db.exclusive():
            migrate(self.db)
            if reference:
                load_reference(self.db)

    def _changing(self, action: str) -> str:
        """The acting person's name, once their role is checked for the action (NotAllowed
        otherwise)."""
        actor = acting()
        actor.require(action)
        return actor.name

    def _log(self, action: str, subject: object, detail: str = "") -> None:
        audit.record(self.db, acting().name, action, subject, detail)

    def ingest(
        self,
        path: Path,
        name: str | None = None,
        progress: Progress = no_progress,
        authority: str | None = None,
        report_date: date | None = None,
    ) -> ingest.IngestOutcome:
        """Extract a file and store it in one step (see `store.ingest.ingest_file`)."""
        outcome = ingest.ingest_file(
            self.db, Path(path), self._changing("accept"), name, progress, authority, report_date
        )
        return self._accepted(outcome)

    def save(self, content: bytes, result: ExtractResult) -> ingest.IngestOutcome:
        """Store a reviewed extraction with its file."""
        return self._accepted(
            ingest.save_extraction(self.db, content, result, self._changing("accept"))
        )

    def _accepted(self, outcome: ingest.IngestOutcome) -> ingest.IngestOutcome:
        if outcome.status == "added":
            self._log(
                "document accepted",
                outcome.document_id,
                f"{outcome.name}: {outcome.observations} observations",
            )
        return outcome

    def stored_as(self, content: bytes) -> str | None:
        """Which stored document already holds this file, in words, or None (matched by content
        hash)."""
        return documents.stored_as(self.db, documents.content_hash(content))

    def observations(self, selection: queries.Selection = queries.Selection()) -> pd.DataFrame:
        return queries.observations(self.db, selection)

    def indicator_ids(self, selection: queries.Selection = queries.Selection()) -> list[str]:
        return queries.indicator_ids(self.db, selection)

    def revisions(self, authority: str | None = None, indicator: str | None = None) -> pd.DataFrame:
        return queries.revisions(self.db, authority, indicator)

    def documents(self, source: str = "all") -> pd.DataFrame:
        return documents.documents_frame(self.db, source)

    def document_content(self, document_id: int) -> bytes | None:
        return documents.document_content(self.db, document_id)

    def withdraw(self, document_id: int, reason: str) -> None:
        """Take a report out of every view and export (admins, or the analyst who accepted it);
        recoverable."""
        actor, owner = acting(), withdrawals.accepted_by(self.db, document_id)
        if not (actor.role == "analyst" and actor.name == owner):
            actor.require("withdraw")
        withdrawals.withdraw(self.db, document_id, actor.name, reason)
        self._log("document withdrawn", document_id, reason.strip())

    def restore(self, document_id: int) -> None:
        """Bring a withdrawn report back (admins)."""
        self._changing("withdraw")
        withdrawals.restore(self.db, document_id)
        self._log("document restored", document_id)

    def withdrawn(self) -> pd.DataFrame:
        return withdrawals.withdrawn_frame(self.db)

    def catalogue(self):
        """The catalogue with the aliases users taught it."""
        return aliases.learning_catalogue(self.db)

    def learn_alias(self, label: str, indicator_id: str) -> None:
        aliases.learn_alias(self.db, label, indicator_id, self._changing("teach"))
        self._log("alias taught", label, indicator_id)

    def forget_alias(self, label: str) -> None:
        """Stop mapping a label a user taught (the packaged catalogue's aliases stay)."""
        self._changing("teach")
        aliases.forget_alias(self.db, label)
        self._log("alias removed", label)

    def aliases(self) -> pd.DataFrame:
        return aliases.aliases_frame(self.db)

    def import_aliases(self, text: str) -> int:
        added = aliases.import_aliases(self.db, text, self._changing("teach"))
        self._log("aliases imported", f"{added} aliases")
        return added

    def role_of(self, user: str) -> str:
        return users.role_of(self.db, user)

    def set_role(self, user: str, role: str) -> None:
        """Give a signed-in person a role (admins)."""
        users.set_role(self.db, user, role, self._changing("manage"))
        self._log("role granted", user.strip().lower(), role)

    def roles(self) -> pd.DataFrame:
        return users.roles_frame(self.db)

    def audit(self) -> pd.DataFrame:
        """Every change to the store, newest first (admins)."""
        self._changing("audit")
        return audit.audit_frame(self.db)

    def table(self, name: str) -> pd.DataFrame:
        """A reference table (statistical_neighbours, population) as stored."""
        if name not in ("statistical_neighbours", "population"):
            raise ValueError(f"no reference table {name!r}")
        return self.db.frame(f"SELECT * FROM {name}")

    def save_layout_rule(self, fingerprint: str, rule_json: str, description: str = "") -> int:
        """Remember how tables of this fingerprint are read (see `store.layout_rules`); the rule's
        id."""
        from store import layout_rules

        rule_id = layout_rules.save_rule(
            self.db, fingerprint, rule_json, description, self._changing("teach")
        )
        self._log("layout taught", rule_id, description)
        return rule_id

    def layout_rules(self) -> dict:
        """Fingerprint -> taught rule, for the interpreter."""
        from store import layout_rules

        return layout_rules.taught_rules(self.db)

    def layout_rules_frame(self) -> pd.DataFrame:
        from store import layout_rules

        return layout_rules.rules_frame(self.db)

    def remove_layout_rule(self, rule_id: int) -> bool:
        from store import layout_rules

        self._changing("teach")
        removed = layout_rules.remove_rule(self.db, rule_id)
        if removed:
            self._log("layout removed", rule_id)
        return removed

    def export_layout_rules(self) -> str:
        from store import layout_rules

        return layout_rules.export_rules(self.db)

    def import_layout_rules(self, text: str) -> int:
        from store import layout_rules

        count = layout_rules.import_rules(self.db, text, self._changing("teach"))
        self._log("layouts imported", count)
        return count

    def close(self) -> None:
        self.db.close()

    def add_intervention(
        self,
        name: str,
        authority: str,
        start,
        end=None,
        description: str = "",
        la_code: str | None = None,
    ) -> int:
        """Record a new way of working an authority started (see
        `store.interventions.add_intervention`); its id."""
        from store import interventions

        found = interventions.add_intervention(
            self.db, name, authority, start, end, description, la_code, self._changing("record")
        )
        self._log("intervention recorded", found, f"{name}, {authority}, from {start}")
        return found

    def interventions(self, authority: str | None = None) -> pd.DataFrame:
        """Every recorded intervention, or one authority's (a name, variant or code)."""
        from store import interventions

        return interventions.interventions_frame(self.db, authority)

    def remove_intervention(self, intervention_id: int) -> bool:
        """Delete one intervention; False when no intervention has that id."""
        from store import interventions

        self._changing("record")
        removed = interventions.remove_intervention(self.db, intervention_id)
        if removed:
            self._log("intervention removed", intervention_id)
        return removed

    def save_pack_template(self, authority: str, name: str, body: str) -> None:
        """Keep a board pack template's JSON for an authority (see `store.pack_templates`)."""
        from store import pack_templates

        pack_templates.save_template(self.db, authority, name, body, self._changing("template"))
        self._log("pack template saved", f"{authority}: {name}")

    def pack_template(self, authority: str, name: str) -> str | None:
        from store import pack_templates

        return pack_templates.template_body(self.db, authority, name)

    def pack_templates(self, authority: str | None = None) -> pd.DataFrame:
        from store import pack_templates

        return pack_templates.templates_frame(self.db, authority)

    def delete_pack_template(self, authority: str, name: str) -> bool:
        from store import pack_templates

        self._changing("template")
        deleted = pack_templates.delete_template(self.db, authority, name)
        if deleted:
            self._log("pack template deleted", f"{authority}: {name}")
        return deleted


def open_store(url: str | None = None) -> Store:
    """The store named by the URL or the PERFBOOKS_DB setting."""
    return Store(url)
