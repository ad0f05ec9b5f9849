"""A reader run in a forked child with a memory ceiling: a file that drives the parser past it
(a damaged .xls can make calamine ask for 4 GB and abort) ends the child, not the server."""

import faulthandler
import multiprocessing
import resource
from collections.abc import Callable
from pathlib import Path

from loaders.issues import UnreadableFile

CHILD_MEMORY_MB = 1024  # above what the reader itself already maps
CHILD_SECONDS = 60


def _virtual_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _child(pipe, reader: Callable, args: tuple) -> None:
    faulthandler.disable()  # an abort in the parser is expected here, not a crash to report
    ceiling = int((_virtual_mb() + CHILD_MEMORY_MB) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        pipe.send(("ok", reader(*args)))
    except UnreadableFile as exc:
        pipe.send(("refused", exc.reason))
    except BaseException:  # MemoryError, or a panic of the Rust parser (not an Exception)
        pipe.send(("refused", None))
    pipe.close()


def isolated(reader: Callable, data: bytes, name: str, fmt: str):
    """reader(data, name, fmt) in a child process; UnreadableFile if the child fails or dies."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, reader, (data, name, fmt)), daemon=True)
    child.start()
    send.close()
    try:
        answer = receive.recv() if receive.poll(CHILD_SECONDS) else None
    except EOFError:  # the child died before answering
        answer = None
    child.join(5)
    if child.is_alive():
        child.kill()
        child.join()
    if answer is not None and answer[0] == "ok":
        return answer[1]
    reason = answer[1] if answer is not None and answer[1] else None
    raise UnreadableFile(
        name,
        reason
        or "el archivo está dañado: leerlo exigía más memoria o tiempo de lo que puede pedir "
        "una planilla; ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx",
    )
