"""Excel 97-2003 (.xls): whether the workbook is password-protected, read from the start of its
Workbook stream (a FILEPASS record right after BOF) without parsing anything else."""

import struct

_FREE = 0xFFFFFFFE  # this and above: free, end of chain, FAT or DIFAT sector
_BOF = 0x0809
_FILEPASS = 0x002F
_RECORDS_LOOKED_AT = 8


def password_protected(data: bytes) -> bool:
    """Whether the compound file's Workbook stream says it is encrypted (RC4 or the older XOR
    obfuscation); False when the file cannot be followed (the reader will say it is damaged)."""
    try:
        head = _workbook_head(data)
    except (struct.error, IndexError, KeyError):
        return False
    at = 0
    for _ in range(_RECORDS_LOOKED_AT):
        if at + 4 > len(head):
            return False
        kind, length = struct.unpack_from("<HH", head, at)
        if at == 0 and kind != _BOF:
            return False
        if kind == _FILEPASS:
            return True
        at += 4 + length
    return False


def _workbook_head(data: bytes) -> bytes:
    """The first sector of the Workbook (or BIFF5 Book) stream of a compound file."""
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_directory, cutoff = struct.unpack_from("<I4xI", data, 0x30)
    fat_sectors = struct.unpack_from("<109I", data, 0x4C)

    def at(index: int) -> int:
        return (index + 1) * sector

    fat = b"".join(
        data[at(s) : at(s) + sector] for s in fat_sectors if s < _FREE and at(s) < len(data)
    )

    def chain(start: int):
        seen = set()
        while start < _FREE and start not in seen and at(start) < len(data):
            seen.add(start)
            yield start
            start = struct.unpack_from("<I", fat, start * 4)[0]

    directory = b"".join(data[at(s) : at(s) + sector] for s in chain(first_directory))
    entries = {}
    for offset in range(0, len(directory) - 127, 128):
        size = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset : offset + max(size - 2, 0)].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<II", directory, offset + 116)
        entries[name] = (start, length)
    root_start, _ = entries["Root Entry"]
    start, length = entries.get("Workbook") or entries["Book"]
    if length >= cutoff:
        return data[at(start) : at(start) + sector]
    ministream = b"".join(data[at(s) : at(s) + sector] for s in chain(root_start))
    return ministream[start * mini : start * mini + mini]
