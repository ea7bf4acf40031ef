"""The store's typed errors; they live in ``planner.errors`` so that code without the model can raise them."""

from planner.errors import RecordExists, RecordInvalid, StaleRecord, StoreError

__all__ = ["RecordExists", "RecordInvalid", "StaleRecord", "StoreError"]
