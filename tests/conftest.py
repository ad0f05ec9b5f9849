"""Shared test helpers: small workbooks built in memory, commands run in process, stub images."""

import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import hypothesis
import openpyxl
import pytest
from PIL import Image

# CI runs the same examples every time, keeps no example database, and prints how to
# reproduce a failure; a slow example on a busy machine is not a failure.
hypothesis.settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, deadline=None
)
if os.environ.get("CI", "").lower() in ("true", "1"):
    hypothesis.settings.load_profile("ci")


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[object]]], merged: dict[str, list[str]] | None = None
) -> bytes:
    """An .xlsx file (as bytes) with the given rows on each sheet, written by openpyxl."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for ref in (merged or {}).get(name, []):
            sheet.merge_cells(ref)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def make_xlsx():
    """The xlsx_bytes builder, as a fixture."""
    return xlsx_bytes


@dataclass(frozen=True)
class Ran:
    """What a command printed and its exit status, as a child process would give them."""

    returncode: int
    stdout: str
    stderr: str


def command_main(module: str) -> Callable[[list[str]], int | None]:
    """The main(argv) behind `python -m MODULE`: that of MODULE.__main__ when it is a package."""
    imported = importlib.import_module(module)
    if hasattr(imported, "__path__"):
        imported = importlib.import_module(f"{module}.__main__")
    return imported.main


@pytest.fixture
def command(capsys, monkeypatch):
    """A function that runs `python -m MODULE ARGS` in this process, as its main(argv): the
    store settings given replace the suite's, stdin reads the text given; a Ran."""

    def run(module: str, *args: str, env: dict[str, str], stdin: str = "") -> Ran:
        with monkeypatch.context() as patch:
            for name in ("DATABASE_URL", "DATA_DIR"):
                patch.delenv(name, raising=False)
            for name, value in env.items():
                patch.setenv(name, value)
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            capsys.readouterr()
            exit_message = ""
            try:
                code = command_main(module)(list(args))
            except SystemExit as exc:  # argparse's exits, as the interpreter would end
                code = exc.code
                if isinstance(code, str):
                    code, exit_message = 1, f"{code}\n"
            out, err = capsys.readouterr()
        return Ran(0 if code is None else code, out, err + exit_message)

    return run


def stub_image(_figure, _fmt: str, width: int, height: int, scale: float) -> bytes:
    """A blank PNG of the size asked for, in place of kaleido's drawing (no browser)."""
    out = io.BytesIO()
    Image.new("RGB", (round(width * scale), round(height * scale)), "white").save(out, "PNG")
    return out.getvalue()
