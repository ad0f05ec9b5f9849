"""The guard before any parsing: a file's size and, for zip containers (.xlsx, .xlsm, .ods), what
its central directory declares, checked without inflating anything but a few header bytes."""

import io
import os
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from loaders.issues import UnreadableFile

MB = 1024 * 1024
XML_HEAD_BYTES = 4096  # enough to see a DOCTYPE, which precedes the first element


@dataclass(frozen=True)
class Limits:
    """Past these a file is refused before it is parsed; real trackers stay far below them
    (a few hundred KB on disk, a few MB of XML, compressed about 6:1)."""

    file_mb: float = 20
    """UPLOAD_MAX_MB: the file as uploaded."""
    members: int = 2000
    """UPLOAD_MAX_MEMBERS: files inside the zip container."""
    inflated_mb: float = 200
    """UPLOAD_MAX_INFLATED_MB: all members of the container, uncompressed, as declared."""
    member_mb: float = 100
    """UPLOAD_MAX_MEMBER_MB: any one member, uncompressed, as declared."""
    ratio: float = 100
    """UPLOAD_MAX_RATIO: uncompressed / compressed size of any member over 1 MB."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Limits":
        """The limits from the environment (the variables above), defaults for what is unset."""
        env = os.environ if env is None else env
        names = {
            "file_mb": "UPLOAD_MAX_MB",
            "members": "UPLOAD_MAX_MEMBERS",
            "inflated_mb": "UPLOAD_MAX_INFLATED_MB",
            "member_mb": "UPLOAD_MAX_MEMBER_MB",
            "ratio": "UPLOAD_MAX_RATIO",
        }
        given = {field: env[var] for field, var in names.items() if env.get(var)}
        kinds = {"members": int}
        return cls(**{field: kinds.get(field, float)(value) for field, value in given.items()})


def check_size(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a file larger than the upload limit."""
    if len(data) > limits.file_mb * MB:
        raise UnreadableFile(
            name,
            f"el archivo pesa {len(data) / MB:.1f} MB y el límite es {limits.file_mb:g} MB; "
            "un seguimiento pesa mucho menos: revise que sea el archivo correcto",
        )


def check_container(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse a zip container that declares too many members, too much data once inflated, a
    member compressed beyond any spreadsheet's ratio, encrypted members, or XML with a DOCTYPE
    (entity definitions, the way of an XML bomb); only a few header bytes are inflated."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise UnreadableFile(
            name,
            f"el archivo contiene {len(members)} archivos internos (límite {limits.members}); "
            "no parece una planilla",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableFile(
            name,
            "el libro está protegido con contraseña; guárdelo sin contraseña y súbalo de nuevo",
        )
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
        if member.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, member):
            raise UnreadableFile(
                name,
                f"la parte «{member.filename}» trae una declaración DOCTYPE, que ninguna "
                "planilla usa y que sirve para bombas de entidades XML; no se abre",
            )


def _mb(size: float) -> str:
    """Whole megabytes as written in Chile: 1.024."""
    return f"{size / MB:,.0f}".replace(",", ".")


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(member) as stream:
            head = stream.read(XML_HEAD_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        return False  # the reader will report the damage in its own words
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()


def open_container(data: bytes) -> zipfile.ZipFile:
    """The zip container of an Office or OpenDocument file, read from its central directory."""
    return zipfile.ZipFile(io.BytesIO(data))
