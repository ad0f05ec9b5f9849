"""The guard before any parsing: a file's size, read with a bound, and for zip containers (.xlsx,
.xlsm, .ods) what its central directory declares and the prolog of every XML part a reader parses,
checked without inflating anything but those prologs."""

import codecs
import io
import lzma
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from formats import number, os_reason
from loaders.issues import UnreadableFile
from settings import Settings, load_settings

MB = 1024 * 1024
CHUNK = 64 * 1024

ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,  # bz2 reports a damaged stream as OSError
    struct.error,
    ValueError,  # "negative seek value" from offsets that point before the file
    NotImplementedError,  # zip version or compression method zipfile does not know
    RuntimeError,  # an encrypted member
    UnicodeDecodeError,  # a member name flagged UTF-8 that is not, in the directory or a header
)
"""What zipfile raises on a damaged or crafted archive (it does not wrap them in BadZipFile)."""

DAMAGED = "el archivo está dañado o incompleto (quizás se cortó al enviarlo por correo)"
PASSWORD = "el libro está protegido con contraseña; guárdelo sin contraseña y súbalo de nuevo"


@dataclass(frozen=True)
class Limits:
    """Past these a file is refused before it is parsed; real trackers stay far below them
    (a few hundred KB on disk, a few MB of XML, compressed about 6:1)."""

    file_mb: float
    """UPLOAD_MAX_MB: the file as uploaded."""
    members: int
    """UPLOAD_MAX_MEMBERS: files inside the zip container."""
    inflated_mb: float
    """UPLOAD_MAX_INFLATED_MB: all members of the container, uncompressed, as declared."""
    member_mb: float
    """UPLOAD_MAX_MEMBER_MB: any one member, uncompressed, as declared."""
    ratio: float
    """UPLOAD_MAX_RATIO: uncompressed / compressed size of any member over 1 MB."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> "Limits":
        """The limits of the settings (by default, as the environment gives them)."""
        settings = settings or load_settings()
        return cls(
            file_mb=settings.upload_max_mb,
            members=settings.upload_max_members,
            inflated_mb=settings.upload_max_inflated_mb,
            member_mb=settings.upload_max_member_mb,
            ratio=settings.upload_max_ratio,
        )

    @property
    def file_bytes(self) -> int:
        """The upload limit in bytes."""
        return int(self.file_mb * MB)


def _too_big(size: float, name: str, limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        name,
        f"el archivo pesa {size / MB:.1f} MB y el límite es {limits.file_mb:g} MB; "
        "un seguimiento pesa mucho menos: revise que sea el archivo correcto",
    )


def check_size(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a file larger than the upload limit."""
    if len(data) > limits.file_bytes:
        raise _too_big(len(data), name, limits)


def read_path(path: Path, name: str, limits: Limits) -> bytes:
    """The bytes of a regular file, never more than the upload limit: a device (/dev/zero), a
    pipe or a folder is refused before reading, and the file is opened without blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise UnreadableFile(name, f"no se pudo abrir el archivo: {os_reason(exc)}") from exc
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            kind = "una carpeta" if stat.S_ISDIR(found.st_mode) else "un dispositivo o una tubería"
            raise UnreadableFile(name, f"no es un archivo sino {kind}; indique una planilla")
        if found.st_size > limits.file_bytes:
            raise _too_big(found.st_size, name, limits)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return read_stream(handle, name, limits)
    except OSError as exc:
        raise UnreadableFile(name, f"no se pudo leer el archivo: {os_reason(exc)}") from exc
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str, limits: Limits) -> bytes:
    """At most the upload limit from a file-like object; one byte more and it is refused."""
    data = stream.read(limits.file_bytes + 1) or b""
    check_size(data, name, limits)
    return bytes(data)


def printable(name: str) -> str:
    """A file name as people can read it: bytes that are not UTF-8 (a file unzipped from an old
    Windows archive reaches Python as surrogate escapes) become replacement characters."""
    return name.encode("utf-8", "surrogateescape" if _escapes_only(name) else "replace").decode(
        "utf-8", "replace"
    )


def _escapes_only(name: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in name)


def open_container(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip container of an Office or OpenDocument file, read from its central directory;
    UnreadableFile if the directory is damaged or names two parts alike."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise UnreadableFile(name, DAMAGED) from exc
    seen: set[str] = set()
    for member in archive.infolist():
        key = part_key(member.filename)
        if key in seen:
            # readers disagree on which of two like-named parts they open; a real file has one
            raise UnreadableFile(name, f"el archivo repite la parte «{member.filename}»; {DAMAGED}")
        seen.add(key)
    return archive


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def part_key(path: str) -> str:
    """A part's name as the spreadsheet reader looks it up: ASCII case and backslashes ignored."""
    return path.replace("\\", "/").translate(_ASCII_LOWER)


def check_container(
    archive: zipfile.ZipFile, name: str, limits: Limits, parsed: Callable[[str], bool]
) -> None:
    """Refuse a zip container that declares too many members, too much data once inflated, a
    member compressed beyond any spreadsheet's ratio or encrypted, or a part that a reader parses
    whose prolog holds a DOCTYPE (entity definitions, the way of an XML bomb) or an encoding no
    spreadsheet uses; only those prologs are inflated."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise UnreadableFile(
            name,
            f"el archivo contiene {len(members)} archivos internos (límite {limits.members}); "
            "no parece una planilla",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableFile(name, PASSWORD)
    total = sum(member.file_size for member in members)
    if total > limits.inflated_mb * MB:
        raise UnreadableFile(
            name,
            f"el archivo declara {_mb(total)} MB al descomprimirse (límite "
            f"{limits.inflated_mb:g} MB): es un archivo dañado o malicioso, no se abre",
        )
    for member in members:
        if member.file_size > limits.member_mb * MB:
            raise UnreadableFile(
                name,
                f"la parte «{member.filename}» declara {_mb(member.file_size)} MB al "
                f"descomprimirse (límite {limits.member_mb:g} MB); no se abre",
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MB and ratio > limits.ratio:
            raise UnreadableFile(
                name,
                f"la parte «{member.filename}» se comprime {_mb(ratio * MB)} a 1 (una planilla real, "
                f"unas 6 a 1; límite {limits.ratio:g}): es una bomba de compresión, no se abre",
            )
    for member in members:
        if parsed(member.filename):
            problem = prolog_problem(archive, member)
            if problem:
                raise UnreadableFile(name, f"la parte «{member.filename}» {problem}")


def _mb(size: float) -> str:
    """Whole megabytes as written in Chile: 1.024."""
    return number(size / MB)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0?\0", "utf-16-le"),
    (b"\0<\0?", "utf-16-be"),
)


def _encoding_of(head: bytes) -> str:
    """How an XML part is encoded, from its first bytes (XML 1.0, appendix F); latin-1 stands for
    every encoding that writes the markup in ASCII."""
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding
    return "latin-1"


def prolog_problem(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> str | None:
    """What is wrong with the prolog of an XML part (everything before its root element, however
    long), said in Spanish, or None; the part is inflated only up to its root element."""
    try:
        with archive.open(member) as stream:
            return _scan_prolog(stream)
    except ZIP_ERRORS:
        # a part the guard cannot inflate is not handed to a parser that might
        return "no se puede descomprimir (método desconocido o datos dañados); no se abre"


def _scan_prolog(stream: BinaryIO) -> str | None:
    head = stream.read(CHUNK)
    encoding = _encoding_of(head)
    if encoding.startswith("utf-32"):
        return "está escrita en UTF-32, que ninguna planilla usa; no se abre"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(head)
    at = 1 if text.startswith("\ufeff") else 0
    first = True
    while True:
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
        if at + 4 > len(text):
            more = stream.read(CHUNK)
            if not more:
                return None  # no root element: the parser will say the part is damaged
            text = text[at:] + decoder.decode(more)
            at = 0
            continue
        if text.startswith("<?", at):
            end = _find(stream, decoder, text, at, "?>")
            if end is None:
                return None
            text, at, close = end
            if first and text.startswith("<?xml", at):
                problem = _declared_encoding_problem(text[at:close], encoding)
                if problem:
                    return problem
            at = close + 2
        elif text.startswith("<!--", at):
            end = _find(stream, decoder, text, at + 4, "-->")
            if end is None:
                return None
            text, _, close = end
            at = close + 3
        elif text.startswith("<!", at):
            return (
                "trae una declaración DOCTYPE, que ninguna planilla usa y que sirve para bombas "
                "de entidades XML; no se abre"
            )
        else:
            return None  # the root element (or text a parser will refuse)
        first = False


def _find(stream: BinaryIO, decoder, text: str, at: int, mark: str):
    """Read on until mark appears after at, dropping what was already passed: a comment of any
    length costs one pass and no more memory than a chunk."""
    while True:
        close = text.find(mark, at)
        if close != -1:
            return text, at, close
        more = stream.read(CHUNK)
        if not more:
            return None
        keep = max(at, len(text) - len(mark))
        text = text[keep:] + decoder.decode(more)
        at = 0


_UNICODE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be"}
"""The Unicode encodings the XML parser reads (UTF-32 and UTF-7 it cannot)."""


def _declared_encoding_problem(declaration: str, detected: str) -> str | None:
    """An XML declaration naming an encoding Python does not know, or a multi-byte one the XML
    parser cannot follow: only UTF-8, UTF-16 and single-byte encodings are readable."""
    found = declaration.partition("encoding")[2].lstrip(" \t\r\n=").lstrip(" \t\r\n")
    if not found or found[0] not in "\"'":
        return None
    declared = found[1:].partition(found[0])[0]
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        codec = ""
    if codec in _UNICODE or (detected == "latin-1" and _single_byte(codec)):
        return None
    return f"declara la codificación «{declared[:40]}», que ninguna planilla usa; no se abre"


def _single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(256)).decode(codec, errors="replace")) == 256
    except LookupError:  # a codec that is not a text encoding (base64, rot13)
        return False
