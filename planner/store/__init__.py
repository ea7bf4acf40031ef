"""The store: one TOML file per record under ``events/``, read with problems collected, written atomically."""

from planner.store.errors import RecordExists, RecordInvalid, StaleRecord, StoreError
from planner.store.store import Store

__all__ = ["RecordExists", "RecordInvalid", "StaleRecord", "Store", "StoreError"]
