"""Values worked out once per shared object (a cached frame or figure) and dropped with it."""

import functools
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def per_object(func: Callable[..., T]) -> Callable[..., T]:
    """func(obj, *args) remembered for as long as obj lives: for objects shared between sessions
    and reruns and never changed once built (st.cache_resource's frames and figures)."""
    results: dict[int, dict[tuple, T]] = {}
    lock = threading.RLock()  # a finalizer may run inside the lock, on the same thread

    @functools.wraps(func)
    def remembered(obj, *args):
        with lock:
            kept = results.get(id(obj))
            if kept is not None and args in kept:
                return kept[args]
        value = func(obj, *args)  # two sessions may both work it out once; either result is right
        with lock:
            if id(obj) not in results:  # an id is reused once its object is gone: forget it then
                results[id(obj)] = {}
                weakref.finalize(obj, _forget, results, lock, id(obj))
            results[id(obj)][args] = value
        return value

    return remembered


def _forget(results: dict, lock: threading.RLock, ident: int) -> None:
    with lock:
        results.pop(ident, None)
