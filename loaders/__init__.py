"""Tracker loaders: any tracker layout in, the data contract's normalized frame out."""

from loaders.api import (
    ACTIVITY_COLUMNS,
    COLUMNS,
    LoadResult,
    empty_activities,
    empty_frame,
    load,
    load_many,
)
from loaders.issues import Issue, TrackerError, UnknownFormat, UnreadableFile

__all__ = [
    "ACTIVITY_COLUMNS",
    "COLUMNS",
    "Issue",
    "LoadResult",
    "TrackerError",
    "UnknownFormat",
    "UnreadableFile",
    "empty_activities",
    "empty_frame",
    "load",
    "load_many",
]
