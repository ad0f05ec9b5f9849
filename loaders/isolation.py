"""A reader run in a forked child with a memory and a time ceiling: a file that drives the parser
past them (a damaged .xls can make calamine ask for 4 GB and abort) ends the child, not the
server, and the refusal says how the child ended."""

import faulthandler
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from formats import number
from loaders.issues import UnreadableFile

MEMORY_MB = 128  # above what the child already maps, for the smallest file; a tracker needs tens
MEMORY_MB_PER_MB = 16  # more for each MB of file: 20 MB of .xls (800.000 cells) took 150 MB
SECONDS = 2.0  # for the smallest file; a regional .xls tracker reads in a few hundredths
SECONDS_PER_MB = 0.5  # more for each MB: 20 MB of .xls took 2.4 s on a busy machine


def ceilings(size: int) -> tuple[float, float]:
    """The memory (MB) and time (s) a child may take to read a file of size bytes: a damaged
    small file is stopped early, a large real one still has room."""
    mb = size / 1024 / 1024
    return MEMORY_MB + MEMORY_MB_PER_MB * mb, SECONDS + SECONDS_PER_MB * mb


class ChildFailed(RuntimeError):
    """The reader raised an error of ours in its child process (a bug, not a damaged file)."""


def _virtual_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _child(pipe, err_fd: int, memory_mb: float, reader: Callable, args: tuple) -> None:
    faulthandler.disable()  # an abort in the parser is expected here, not a crash to report
    os.dup2(err_fd, 2)  # what the parser prints as it dies tells the parent why
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    ceiling = int((_virtual_mb() + memory_mb) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        answer = ("ok", reader(*args))
    except UnreadableFile as exc:
        answer = ("refused", exc.reason)
    except MemoryError:
        answer = ("memory", None)
    try:
        pipe.send(answer)
    except MemoryError:  # the answer itself does not fit under the ceiling
        pipe.send(("memory", None))
    pipe.close()


def isolated(reader: Callable, data: bytes, name: str, fmt: str):
    """reader(data, name, fmt) in a child process; UnreadableFile saying how if the child
    refuses the file, passes its ceiling or dies; ChildFailed if the reader itself failed."""
    memory_mb, seconds = ceilings(len(data))
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    with tempfile.TemporaryFile() as errors:
        arguments = (send, errors.fileno(), memory_mb, reader, (data, name, fmt))
        child = context.Process(target=_child, args=arguments, daemon=True)
        child.start()
        send.close()
        try:
            answer = receive.recv() if receive.poll(seconds) else "time"
        except EOFError:  # the child died before answering
            answer = None
        finally:
            receive.close()
        if child.is_alive():
            child.kill()
        child.join()
        errors.seek(0)
        said = errors.read(4096).decode("utf-8", "replace")
    if isinstance(answer, tuple) and answer[0] == "ok":
        return answer[1]
    if isinstance(answer, tuple) and answer[0] == "refused":
        raise UnreadableFile(name, answer[1])
    raise UnreadableFile(name, _death(answer, child.exitcode, said, memory_mb, seconds))


def _death(answer, exitcode: int | None, said: str, memory_mb: float, seconds: float) -> str:
    """How the child ended, for people."""
    advice = "; ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx"
    if answer == "time":
        return f"el archivo está dañado: leerlo tomaba más de {seconds:.0f} s{advice}"
    if answer == ("memory", None) or "memory allocation" in said:
        return (
            f"el archivo está dañado: leerlo exigía más de {number(memory_mb)} MB de memoria"
            f"{advice}"
        )
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else ""
        return f"el lector de planillas se detuvo con la señal {name or -exitcode}{advice}"
    if "panicked" in said:  # the parser gave up on the file (a Rust panic), not our code
        return f"el lector de planillas no pudo con este archivo{advice}"
    if "Traceback" in said:
        raise ChildFailed(said)
    return f"el lector de planillas terminó sin responder (código {exitcode}){advice}"
