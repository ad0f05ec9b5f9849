"""python -m loaders.fuzz [--examples N] [--seed S]: damaged workbooks at random, to show that the
loader always answers with a result or a named error, quickly and within bounded memory."""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

from loaders.api import load
from loaders.issues import UnreadableFile

FIXTURES = Path(__file__).parents[1] / "tests" / "fixtures" / "trackers"
SEEDS = ("wide_simple.xlsx", "wide_two_row_merged.xlsx", "long.xlsx", "wide.ods", "wide.xls")
MAX_SECONDS = 5.0  # one damaged file; the real ones load in well under a tenth of that


def damaged(data: bytes, rng: random.Random) -> bytes:
    """The bytes with a few random flips, cuts, repeats or insertions."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice(("flip", "cut", "repeat", "insert", "zero"))
        at = rng.randrange(len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "cut":
            del out[at:]
        elif kind == "repeat" and out:
            out[at:at] = out[at : at + rng.randint(1, 512)]
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 64))
        elif kind == "zero" and out:
            out[at : at + rng.randint(1, 256)] = bytes(min(256, len(out) - at))
    return bytes(out)


def run(examples: int, seed: int) -> dict[str, object]:
    """Load `examples` damaged files; the counts of results and refusals, and the slowest."""
    rng = random.Random(seed)
    originals = [(name, (FIXTURES / name).read_bytes()) for name in SEEDS]
    counts = {"resultado": 0, "rechazado": 0}
    slowest = 0.0
    for _ in range(examples):
        name, data = rng.choice(originals)
        started = time.perf_counter()
        try:
            load(damaged(data, rng), name=name)
            counts["resultado"] += 1
        except UnreadableFile:
            counts["rechazado"] += 1
        slowest = max(slowest, time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seed": seed, "examples": examples, **counts, "slowest_s": slowest, "peak_mb": peak_mb}


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz and say what happened; exit 1 if a file took too long."""
    parser = argparse.ArgumentParser(prog="python -m loaders.fuzz", description=__doc__)
    parser.add_argument("--examples", type=int, default=2000, help="archivos dañados a probar")
    parser.add_argument("--seed", type=int, default=None, help="semilla (por omisión, al azar)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    found = run(args.examples, seed)
    print(
        f"semilla {found['seed']}: {found['examples']} archivos dañados, {found['resultado']} "
        f"leídos, {found['rechazado']} rechazados con su motivo; el más lento "
        f"{found['slowest_s']:.2f} s; memoria máxima {found['peak_mb']:.0f} MB"
    )
    return 1 if found["slowest_s"] > MAX_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
