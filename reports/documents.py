"""One entry for every kind of informe: the format's name picks the builder."""

from collections.abc import Callable

from reports.errors import UnknownFormat
from reports.pdf import pdf_report
from reports.powerpoint import pptx_report
from slides import Deck

FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
_BUILDERS: dict[str, Callable[[Deck], bytes]] = {"pptx": pptx_report, "pdf": pdf_report}


def build_report(deck: Deck, fmt: str) -> bytes:
    """The deck's informe as "pptx" or "pdf" bytes; UnknownFormat for any other format."""
    if fmt not in _BUILDERS:
        raise UnknownFormat(fmt, tuple(FORMATS))
    return _BUILDERS[fmt](deck)
