"""Persistence: every upload with its file, report and rows; the current state and the history."""

from store.errors import (
    NotAllowed,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    UnknownUpload,
    UploadRefused,
)
from store.store import Prepared, Saved, Store, seed_samples, within_scope

__all__ = [
    "NotAllowed",
    "Prepared",
    "Saved",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "UnknownUpload",
    "UploadRefused",
    "seed_samples",
    "within_scope",
]
