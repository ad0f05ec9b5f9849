"""A reader in a child process: whatever ends the child, the refusal says how, and an error of
ours is not passed off as a damaged file."""

import os
import time

import pytest

from loaders import isolation
from loaders.isolation import ChildFailed, isolated
from loaders.issues import UnreadableFile


def _greedy(data, name, fmt):
    return bytearray(4 * 1024**3)  # past the ceiling: MemoryError


def _rust_out_of_memory(data, name, fmt):
    os.write(2, b"memory allocation of 549755813888 bytes failed\n")  # as Rust says it, and aborts
    os.abort()


def _crash(data, name, fmt):
    os.abort()


def _slow(data, name, fmt):
    time.sleep(30)


def _buggy(data, name, fmt):
    raise ValueError("a bug of ours")


@pytest.mark.parametrize(
    ("reader", "reason"),
    [
        (_greedy, "exigía más de 128 MB de memoria"),
        (_rust_out_of_memory, "exigía más de 128 MB de memoria"),
        (_crash, "se detuvo con la señal SIGABRT"),
    ],
    ids=["memory-error", "allocation-abort", "abort"],
)
def test_a_child_that_dies_says_how(reader, reason):
    with pytest.raises(UnreadableFile) as caught:
        isolated(reader, b"x", "x.xls", "xls")
    assert reason in caught.value.reason


def test_a_child_past_its_time_is_ended_and_says_so(monkeypatch):
    monkeypatch.setattr(isolation, "SECONDS", 0.5)
    with pytest.raises(UnreadableFile, match=r"tomaba más de [01] s"):
        isolated(_slow, b"x", "x.xls", "xls")


def test_an_error_of_ours_in_the_child_is_not_called_a_damaged_file():
    with pytest.raises(ChildFailed, match="a bug of ours"):
        isolated(_buggy, b"x", "x.xls", "xls")


def test_the_ceilings_grow_with_the_file():
    assert isolation.ceilings(0) == (128, 2)
    assert isolation.ceilings(20 * 1024 * 1024) == (448, 12)
