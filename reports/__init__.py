"""Informes para la mesa: a region's deck as a PowerPoint file or a PDF, for email or print."""

from reports.documents import FORMATS, build_report
from reports.errors import ChartUnavailable, EmptyReport, ReportError, UnknownFormat
from reports.pdf import pdf_report
from reports.powerpoint import pptx_report

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
