"""How numbers, shares, dates and the system's errors are written for people in Chile (es-CL)."""

import datetime as dt
import errno
import math

DAY = "%d-%m-%Y"
"""A date as written in Chile and in the dashboard's URLs: 30-09-2025."""


def number(value: float, decimals: int = 0) -> str:
    """A number with a decimal comma and a thin point every three digits: 1.234,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(share: float | None, decimals: int = 0) -> str:
    """A share (0 to 1) as people read it: "45 %" ("45,0 %" with one decimal), or a dash when
    there is no data."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    try:
        if share != share:  # pandas' NA and NaT compare unequal to themselves
            return "—"
    except TypeError:
        return "—"
    return f"{number(share * 100, decimals)} %"


def day(value: dt.date | str) -> str:
    """A date (or an ISO date string) as people write it in Chile: 30-09-2025."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime(DAY)


_OS_REASONS = {
    errno.ENOENT: "no existe",
    errno.EACCES: "permiso denegado",
    errno.EPERM: "permiso denegado",
    errno.EROFS: "el disco es de solo lectura",
    errno.ENOSPC: "no queda espacio en el disco",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EISDIR: "es una carpeta",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.ELOOP: "es un enlace que no lleva a ningún archivo",
    errno.EIO: "error de lectura del disco",
}


def os_reason(exc: OSError) -> str:
    """What the operating system said, in Spanish (its own words are English)."""
    return _OS_REASONS.get(exc.errno, f"error del sistema n.º {exc.errno}")
