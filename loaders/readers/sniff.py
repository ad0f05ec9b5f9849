"""The real format of a file, from its bytes and never its name; a zip container is checked by the
guard (against the parts its format's readers parse) before anything in it is parsed."""

import zipfile
from posixpath import basename

from loaders.guard import DAMAGED, PASSWORD, ZIP_ERRORS, Limits, check_container, open_container
from loaders.issues import UnknownFormat, UnreadableFile
from loaders.readers.delimited import TEXT_BOMS
from loaders.readers.ooxml import Parts, Unmeasurable, folder_of, main_part
from loaders.readers.workbook import unknown_reason

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ODS_PARSED = {"content.xml", "META-INF/manifest.xml"}
"""The parts of an .ods that are parsed; macros (Basic/, Scripts/) and the rest never are."""
_NOT_SPREADSHEETS = (
    (b"%PDF", "es un PDF, no una planilla"),
    (b"\x89PNG", "es una imagen PNG, no una planilla"),
    (b"\xff\xd8\xff", "es una imagen JPEG, no una planilla"),
)


def sniff_format(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The real format of a file from its first bytes, or UnreadableFile saying what it is."""
    if not data:
        raise UnreadableFile(name, "el archivo está vacío (0 bytes)")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, name, limits or Limits.from_settings())
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_OOXML in data:
            raise UnreadableFile(name, PASSWORD)
        return "xls"
    for magic, reason in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise UnknownFormat(name, reason)
    if data.startswith(tuple(bom for bom, _ in TEXT_BOMS)):
        return "csv"  # UTF-16 and UTF-32 text is full of zero bytes
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
        raise UnknownFormat(
            name,
            "es una página HTML o XML con nombre de planilla; ábrala y guárdela como .xlsx",
        )
    if b"\x00" in data[:65536]:
        raise UnknownFormat(name, unknown_reason())
    return "csv"


def _sniff_zip(data: bytes, name: str, limits: Limits) -> str:
    archive = open_container(data, name)
    parts = Parts(archive)
    mimetype = _mimetype(archive, name)
    names = set(archive.namelist())
    if mimetype.startswith(_ODS_MIME) or ("content.xml" in names and not mimetype):
        check_container(archive, name, limits, parsed=_ODS_PARSED.__contains__)
        return "ods"
    check_container(archive, name, limits, parsed=_ooxml_parsed)
    try:
        main = main_part(parts, name)
    except Unmeasurable:
        main = None
    if main is None or parts.find(main) is None:
        main = next(
            (path for path in ("xl/workbook.xml", "xl/workbook.bin", "word/document.xml",
                               "ppt/presentation.xml") if parts.find(path)),
            None,
        )  # fmt: skip
    if main is None:
        raise UnknownFormat(name, "es un archivo comprimido (.zip) que no contiene una planilla")
    book = basename(main).lower()
    if book == "document.xml":
        raise UnknownFormat(name, "es un documento de Word, no una planilla")
    if book == "presentation.xml":
        raise UnknownFormat(name, "es una presentación de PowerPoint, no una planilla")
    if book.endswith(".bin"):
        raise UnknownFormat(name, "es un libro binario de Excel (.xlsb); guárdelo como .xlsx")
    return "xlsm" if parts.find(folder_of(main) + "vbaProject.bin") else "xlsx"


def _mimetype(archive: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of the mimetype member an OpenDocument file starts with, or b''."""
    if "mimetype" not in archive.NameToInfo:
        return b""
    try:
        with archive.open("mimetype") as stream:
            return stream.read(80)
    except ZIP_ERRORS as exc:
        raise UnreadableFile(name, DAMAGED) from exc


def _ooxml_parsed(path: str) -> bool:
    """Every XML part of an Office package may be parsed: its format forbids DTDs in all."""
    return path.lower().endswith((".xml", ".rels"))
