"""The store: documents, every vintage of every observation, learned aliases and the reference data."""
from store.store import Store, open_store
from store.ingest import IngestOutcome
from store.queries import Selection

__all__ = ["IngestOutcome", "Selection", "Store", "open_store"]
