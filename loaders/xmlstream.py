"""Streaming XML for the parts the loaders read themselves: expat fed chunk by chunk (linear in
the part's size, whatever its markup), with DTDs and entity declarations forbidden."""

import zipfile
from collections.abc import Callable
from xml.parsers import expat

from loaders.guard import CHUNK, ZIP_ERRORS

Start = Callable[[str, dict[str, str]], None]
End = Callable[[str], None]
Text = Callable[[str], None]


class XmlRefused(Exception):
    """A part the loaders cannot read as XML; reason says why, in Spanish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _forbidden(*_args) -> None:
    raise XmlRefused(
        "trae una declaración DOCTYPE, que ninguna planilla usa y que sirve para bombas de "
        "entidades XML"
    )


def local(name: str) -> str:
    """An element or attribute name without its prefix (x:c -> c), as spreadsheet readers match."""
    return name.rpartition(":")[2]


def _parser(start: Start, end: End | None, text: Text | None):
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _forbidden
    parser.EntityDeclHandler = _forbidden
    parser.UnparsedEntityDeclHandler = _forbidden
    parser.ExternalEntityRefHandler = _forbidden
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def parse_part(
    archive: zipfile.ZipFile,
    part: str | zipfile.ZipInfo,
    start: Start,
    end: End | None = None,
    text: Text | None = None,
) -> None:
    """Feed one part of the archive to expat as it is inflated, calling start(name, attributes),
    end(name) and text(data); XmlRefused when it is not readable XML. The callbacks may raise
    their own exceptions to stop early (never ValueError or LookupError, which stand for the
    part's encoding); those pass through."""
    parser = _parser(start, end, text)
    try:
        stream = archive.open(part)
    except ZIP_ERRORS as exc:
        raise XmlRefused(_DAMAGED) from exc
    with stream:
        while True:
            try:
                chunk = stream.read(CHUNK * 16)
            except ZIP_ERRORS as exc:
                raise XmlRefused(_DAMAGED) from exc
            _feed(parser, chunk, final=not chunk)
            if not chunk:
                return


def parse_bytes(
    data: bytes, start: Start, end: End | None = None, text: Text | None = None
) -> None:
    """The same for a part already inflated."""
    _feed(_parser(start, end, text), data, final=True)


_DAMAGED = "no se puede descomprimir (datos dañados)"


def _feed(parser, chunk: bytes, final: bool) -> None:
    try:
        parser.Parse(chunk, final)
    except expat.ExpatError as exc:
        raise XmlRefused(f"no es XML válido (línea {exc.lineno})") from exc
    except LookupError as exc:  # an XML declaration naming an encoding Python does not know
        raise XmlRefused("declara una codificación desconocida") from exc
    except ValueError as exc:  # a multi-byte encoding expat cannot follow
        raise XmlRefused("declara una codificación que no se puede leer") from exc
