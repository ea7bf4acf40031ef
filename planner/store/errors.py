"""The store's typed errors; they live in ``planner.domain.errors`` so that code without the model can raise them."""

from planner.domain.errors import RecordExists, RecordInvalid, StaleRecord, StoreError

__all__ = ["RecordExists", "RecordInvalid", "StaleRecord", "StoreError"]
