"""Hostile, damaged and odd-but-fine files, built byte by byte so that each test shows its class."""

import io
import struct
import zipfile
from pathlib import Path

DATE = "Fecha de corte: 30/09/2025"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


TRACKER_ROWS = (
    f'<row r="1">{_inline("A1", DATE)}</row>'
    f'<row r="2">{_inline("A2", "Comuna")}{_inline("B2", "DocDigital")}</row>'
    f'<row r="3">{_inline("A3", "Iquique")}{_inline("B3", "En uso")}</row>'
)
"""A three-row tracker (date, header, Iquique en uso) as sheetData rows."""


def sheet_xml(rows: str = TRACKER_ROWS, before: str = "", after: str = "") -> bytes:
    """A worksheet part: optional elements before sheetData, the rows, optional elements after."""
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{before}'
        f"<sheetData>{rows}</sheetData>{after}</worksheet>"
    ).encode()


def xlsx(
    sheet: bytes | None = None,
    *,
    shared: bytes | None = None,
    folder: str = "xl",
    book: str = "workbook.xml",
    extra: dict[str, bytes] | None = None,
    replace: dict[str, bytes] | None = None,
) -> bytes:
    """A minimal .xlsx written part by part: one sheet «Datos», its workbook found through
    _rels/.rels at folder/book, optional shared strings, extra parts and replaced parts."""
    sheet_path = f"{folder}/worksheets/sheet1.xml"
    rels_path = f"{folder}/_rels/{book}.rels"
    overrides = (
        f'<Override PartName="/{folder}/{book}" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/{sheet_path}" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    sst_rel = ""
    if shared is not None:
        sst_rel = (
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{overrides}</Types>"
        ).encode(),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="{folder}/{book}"/></Relationships>'
        ).encode(),
        f"{folder}/{book}": (
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Datos" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        rels_path: (
            f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>{sst_rel}</Relationships>'
        ).encode(),
        sheet_path: sheet if sheet is not None else sheet_xml(),
    }
    if shared is not None:
        parts[f"{folder}/sharedStrings.xml"] = shared
    parts.update(extra or {})
    parts.update(replace or {})
    return zipped(parts)


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The parts as a zip archive, in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def shared_strings(*texts: str) -> bytes:
    """A sharedStrings part holding the texts, in order."""
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return (
        f'{_XML}<sst xmlns="{_MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'
    ).encode()


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" office:version="1.2"'
)


def ods_cell(text: str, repeat: int = 1) -> str:
    """A text cell of an .ods table, repeated across columns."""
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def ods_row(*cells: str, repeat: int = 1) -> str:
    """A row of an .ods table, repeated down."""
    times = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{times}>{''.join(cells)}</table:table-row>"


ODS_TRACKER = (
    ods_row(ods_cell(DATE))
    + ods_row(ods_cell("Comuna"), ods_cell("DocDigital"))
    + ods_row(ods_cell("Iquique"), ods_cell("En uso"))
)
"""The same three-row tracker as .ods table rows."""


def ods_content(rows: str = ODS_TRACKER, sep: str = "") -> bytes:
    """content.xml with one table «Datos»; sep goes between elements (Gnumeric writes newlines)."""
    body = rows.replace("><", f">{sep}<") if sep else rows
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{sep}<office:document-content {_ODS_NS}>{sep}'
        f"<office:body>{sep}<office:spreadsheet>{sep}"
        f'<table:table table:name="Datos">{sep}{body}{sep}</table:table>{sep}'
        f"</office:spreadsheet>{sep}</office:body>{sep}</office:document-content>"
    ).encode()


def ods(content: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .ods: mimetype first and stored, the manifest, content.xml and extra parts."""
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {_ODS_NS}>'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content if content is not None else ods_content())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


MACRO_MODULE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC '
    b'"-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
    b'<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
    b'script:language="StarBasic">Sub Main\nEnd Sub</script:module>'
)
"""A LibreOffice Basic module as LibreOffice stores it in Basic/Standard/, DOCTYPE included."""


def with_doctype_after_comment(part: bytes, comment_bytes: int = 8192) -> bytes:
    """The XML part with a long comment and then an entity-defining DOCTYPE before its root."""
    declaration, _, body = part.partition(b"?>")
    comment = b"<!--" + b"x" * comment_bytes + b"-->"
    doctype = b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    return declaration + b"?>" + comment + doctype + body


def patched_central_directory(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """The zip with one field of the first central directory entry replaced (offset from the
    entry's signature, struct format, new value): damage as a crafted archive carries it."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    struct.pack_into(fmt, out, at + offset, value)
    return bytes(out)


def xls_with_filepass(xls: bytes, kind: int = 1) -> bytes:
    """The .xls with its Workbook stream saying it is encrypted: the record after BOF becomes a
    FILEPASS (0x002F) of the same length naming the encryption (0 XOR, 1 RC4), as Excel writes a
    password-protected workbook, so the archive around it stays valid."""
    out = bytearray(xls)
    bof = out.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # BOF, BIFF8, workbook globals
    after = bof + 4 + 16
    struct.pack_into("<HHH", out, after, 0x002F, 2, kind)
    return bytes(out)


def fixture(name: str) -> bytes:
    """A tracker of tests/fixtures/trackers, as bytes."""
    return (Path(__file__).parents[1] / "fixtures" / "trackers" / name).read_bytes()
