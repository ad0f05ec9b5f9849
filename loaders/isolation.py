"""A reader run in a forked child with a memory and a time ceiling: a file that drives the parser
past them (a damaged .xls can make calamine ask for 4 GB and abort) ends the child, not the
server, and the refusal says how the child ended."""

import faulthandler
import multiprocessing
import os
import resource
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from formats import number
from loaders.issues import UnreadableFile

CHILD_MEMORY_MB = 512  # above what the child already maps; a tracker needs a few tens of MB
CHILD_SECONDS = 4.0  # a national .xls tracker reads in well under a second


class ChildFailed(RuntimeError):
    """The reader raised an error of ours in its child process (a bug, not a damaged file)."""


def _virtual_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _child(pipe, err_fd: int, reader: Callable, args: tuple) -> None:
    faulthandler.disable()  # an abort in the parser is expected here, not a crash to report
    os.dup2(err_fd, 2)  # what the parser prints as it dies tells the parent why
    ceiling = int((_virtual_mb() + CHILD_MEMORY_MB) * 1024 * 1024)
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
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    with tempfile.TemporaryFile() as errors:
        child = context.Process(
            target=_child, args=(send, errors.fileno(), reader, (data, name, fmt)), daemon=True
        )
        child.start()
        send.close()
        try:
            answer = receive.recv() if receive.poll(CHILD_SECONDS) else "time"
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
    raise UnreadableFile(name, _death(answer, child.exitcode, said))


def _death(answer, exitcode: int | None, said: str) -> str:
    """How the child ended, for people."""
    advice = "; ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx"
    if answer == "time":
        return f"el archivo está dañado: leerlo tomaba más de {CHILD_SECONDS:g} s{advice}"
    if answer == ("memory", None) or "memory allocation" in said:
        return (
            "el archivo está dañado: leerlo exigía más de "
            f"{number(CHILD_MEMORY_MB)} MB de memoria{advice}"
        )
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else ""
        return f"el lector de planillas se detuvo con la señal {name or -exitcode}{advice}"
    if "panicked" in said:  # the parser gave up on the file (a Rust panic), not our code
        return f"el lector de planillas no pudo con este archivo{advice}"
    if "Traceback" in said:
        raise ChildFailed(said)
    return f"el lector de planillas terminó sin responder (código {exitcode}){advice}"
