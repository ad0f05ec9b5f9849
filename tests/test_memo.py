"""Values remembered per shared object: worked out once, kept per argument, dropped with the object."""

import gc

import pandas as pd

from ui.memo import per_object


def test_a_value_is_worked_out_once_per_object_and_argument():
    calls = []

    @per_object
    def rows_over(frame: pd.DataFrame, limit: int) -> int:
        calls.append(limit)
        return int((frame["n"] > limit).sum())

    frame = pd.DataFrame({"n": [1, 5, 9]})
    assert [rows_over(frame, 4), rows_over(frame, 4), rows_over(frame, 0)] == [2, 2, 3]
    assert calls == [4, 0]
    other = pd.DataFrame({"n": [7]})
    assert rows_over(other, 4) == 1  # another object is another value, even at the same limit
    assert calls == [4, 0, 4]


def test_what_was_kept_for_an_object_goes_with_it():
    @per_object
    def size(frame: pd.DataFrame) -> int:
        return len(frame)

    kept = size.__wrapped__  # the function itself; the memory lives in the wrapper's closure
    results = next(c.cell_contents for c in size.__closure__ if isinstance(c.cell_contents, dict))
    frame = pd.DataFrame({"n": range(4)})
    assert size(frame) == 4 and kept(frame) == 4
    assert id(frame) in results
    ident = id(frame)
    del frame
    gc.collect()
    assert ident not in results
    # a new object that happens to get the old id is worked out afresh
    assert size(pd.DataFrame({"n": range(2)})) == 2
