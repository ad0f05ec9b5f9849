"""Where an Office Open XML package keeps its parts, found the way the spreadsheet reader finds
them: the main part through _rels/.rels (not only at xl/workbook.xml), the sheets through the
workbook's relationships, any part by its name with ASCII case ignored."""

import io
import zipfile
from dataclasses import dataclass, field
from posixpath import basename

from loaders.guard import DAMAGED, ZIP_ERRORS, part_key
from loaders.issues import UnreadableFile
from loaders.xmlstream import XmlRefused, local, parse_part

OFFICE_DOCUMENT = "/relationships/officeDocument"
_RAW = ("&", "\\", "\t", "\n", "\r")
"""Characters the reader keeps as written in a relationship where an XML parser decodes them."""


class Unmeasurable(Exception):
    """A package whose parts cannot be followed here exactly as the spreadsheet reader follows
    them: it is read in a child process with a memory and time ceiling instead."""


class Parts:
    """The members of a package, found as the reader finds them."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self._by_key = {part_key(info.filename): info for info in archive.infolist()}

    def find(self, path: str) -> zipfile.ZipInfo | None:
        """The member the reader opens for path: its name with ASCII case and backslashes
        ignored."""
        return self._by_key.get(part_key(path))


def main_part(parts: Parts, name: str) -> str | None:
    """The package's main part as _rels/.rels names it (the last officeDocument relationship,
    as the reader takes it), or None without package relationships."""
    rels = parts.find("_rels/.rels")
    if rels is None:
        return None
    targets: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "Relationship" and attrs.get("Type", "").endswith(OFFICE_DOCUMENT):
            targets.append(attrs.get("Target", ""))

    _parse(parts.archive, rels, start, name)
    if not targets:
        return None
    target = targets[-1]
    if any(mark in target for mark in _RAW):
        raise Unmeasurable
    return target.removeprefix("/")


def folder_of(main: str) -> str:
    """The folder the reader takes workbook.xml, sharedStrings.xml and the sheets from."""
    return main[: main.rfind("/") + 1]


@dataclass
class Package:
    """The parts of a spreadsheet package that the reader reads."""

    folder: str
    sheets: dict[str, str] = field(default_factory=dict)
    """Each sheet's name -> its part, as the workbook's relationships say."""

    @property
    def shared_strings(self) -> str:
        """Where the reader looks for the shared strings."""
        return f"{self.folder}sharedStrings.xml"


def read_package(parts: Parts, name: str, main: str) -> Package:
    """The workbook's sheets and their parts, read from folder/workbook.xml and its relationships
    exactly where the reader reads them; Unmeasurable where an identifier or target could be read
    two ways."""
    package = Package(folder_of(main))
    rels: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def relationship(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "Relationship" and "Id" in attrs:
            rels[attrs["Id"]] = attrs.get("Target", "")

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "sheet":
            ids = [value for key, value in attrs.items() if local(key) == "id"]
            sheets.append((attrs.get("name", ""), ids[-1] if ids else ""))

    for part, start in (("_rels/workbook.xml.rels", relationship), ("workbook.xml", sheet)):
        info = parts.find(package.folder + part)
        if info is None:
            return package  # the reader stops here with its own error
        _parse(parts.archive, info, start, name)
    for sheet_name, rel_id in sheets:
        target = rels.get(rel_id, "")
        if sheet_name in package.sheets or any(
            mark in v for v in (target, rel_id) for mark in _RAW
        ):
            raise Unmeasurable  # the reader would take the first of two sheets named alike
        package.sheets[sheet_name] = (
            target[1:] if target.startswith("/") else package.folder + target
        )
    return package


def with_standard_book(parts: Parts, name: str, main: str) -> bytes | None:
    """The package rewritten so that the reader finds its main part: a workbook saved under
    another name than workbook.xml is moved there with its relationships (nothing else changes);
    None when the main part already is where the reader looks."""
    folder = folder_of(main)
    book = folder + "workbook.xml"
    if part_key(main) == part_key(book) or parts.find(main) is None or parts.find(book):
        return None
    moves = {
        part_key(main): book,
        part_key(f"{folder}_rels/{basename(main)}.rels"): f"{folder}_rels/workbook.xml.rels",
    }
    out = io.BytesIO()
    try:
        # one part inflated at a time and compressed again quickly: memory stays near one part
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
            for info in parts.archive.infolist():
                moved = moves.get(part_key(info.filename), info.filename)
                copy.writestr(moved, parts.archive.read(info))
    except ZIP_ERRORS as exc:
        raise UnreadableFile(name, DAMAGED) from exc
    return out.getvalue()


def _parse(archive: zipfile.ZipFile, info, start, name: str) -> None:
    try:
        parse_part(archive, info, start)
    except XmlRefused as exc:
        part = info.filename if isinstance(info, zipfile.ZipInfo) else info
        raise UnreadableFile(name, f"la parte «{part}» {exc.reason}; no se abre") from exc
