"""Informes para la mesa: a region's deck as a PowerPoint file or a PDF, for email or print."""

from importlib import import_module

from reports.documents import FORMATS, build_report
from reports.errors import ChartUnavailable, EmptyReport, ReportError, UnknownFormat

__all__ = [
    "FORMATS",
    "ChartUnavailable",
    "EmptyReport",
    "ReportError",
    "UnknownFormat",
    "build_report",
    "pdf_report",
    "pptx_report",
]


def __getattr__(name: str):
    """pdf_report and pptx_report, imported when first asked for (see documents._BUILDERS)."""
    if name in ("pdf_report", "pptx_report"):
        from reports.documents import _BUILDERS

        module, function = _BUILDERS[name.removesuffix("_report")]
        return getattr(import_module(module), function)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
