"""Tracker loaders: any tracker layout in, the data contract's normalized frame out."""

from loaders.api import COLUMNS, LoadResult, empty_frame, load, load_many
from loaders.issues import Issue, TrackerError, UnknownFormat, UnreadableFile

__all__ = [
    "COLUMNS",
    "Issue",
    "LoadResult",
    "TrackerError",
    "UnknownFormat",
    "UnreadableFile",
    "empty_frame",
    "load",
    "load_many",
]
