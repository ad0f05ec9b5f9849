"""One entry for every kind of informe: the format's name picks the builder."""

from importlib import import_module

from reports.errors import UnknownFormat
from slides import Deck

FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
# module and function of each builder, imported on first use: the dashboard starts without
# python-pptx and fpdf2 in memory until someone asks for an informe
_BUILDERS = {"pptx": ("reports.powerpoint", "pptx_report"), "pdf": ("reports.pdf", "pdf_report")}


def build_report(deck: Deck, fmt: str, *, samples: bool = False) -> bytes:
    """The deck's informe as "pptx" or "pdf" bytes, its cover saying so when made from the
    sample data; UnknownFormat for any other format."""
    if fmt not in _BUILDERS:
        raise UnknownFormat(fmt, tuple(FORMATS))
    module, function = _BUILDERS[fmt]
    return getattr(import_module(module), function)(deck, samples=samples)
