"""The store: documents, every vintage of every observation, learned aliases and the reference
data."""

from store.ingest import IngestOutcome
from store.queries import Selection
from store.store import Store, open_store

__all__ = ["IngestOutcome", "Selection", "Store", "open_store"]
