"""Persistence: every upload with its file, report and rows; the current state and the history."""

from store.errors import (
    AliasRefused,
    NotAllowed,
    OriginalNotKept,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    UnknownAlias,
    UnknownUpload,
    UploadRefused,
)
from store.samples import open_store, seed_samples
from store.scope import within_scope
from store.store import Store
from store.writes import Prepared, Saved

__all__ = [
    "AliasRefused",
    "NotAllowed",
    "OriginalNotKept",
    "Prepared",
    "Saved",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "UnknownAlias",
    "UnknownUpload",
    "UploadRefused",
    "open_store",
    "seed_samples",
    "within_scope",
]
