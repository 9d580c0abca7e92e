"""Exports of a frozen version: print HTML, DOCX (python-docx) and PDF (WeasyPrint from the print HTML).

Each exporter reads only the version's stored content, so a file always matches a version.
``progress`` is called once per piece written (and once per extra step), for a progress bar.
"""

from collections.abc import Callable

from .docx import export_docx
from .html import export_html, print_html
from .pdf import export_pdf

__all__ = ["FORMATS", "export", "export_steps", "piece_count", "print_html"]

Progress = Callable[[int], None] | None

FORMATS = {
    "html": ("text/html; charset=utf-8", export_html),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", export_docx),
    "pdf": ("application/pdf", export_pdf),
}


def piece_count(content: dict) -> int:
    return sum(len(section["entries"]) for volume in content["volumes"] for section in volume["sections"])


def export_steps(content: dict, fmt: str) -> int:
    """How many times the exporter calls ``progress`` (the progress bar's total)."""
    return piece_count(content) + (2 if fmt == "pdf" else 1)


def export(
    content: dict, fmt: str, *, version: int | None = None, progress: Progress = None, meta: dict | None = None
) -> bytes:
    """The file's bytes; ``meta`` (version number, content hash, freezing time) goes into its metadata only."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return FORMATS[fmt][1](content, version=version, progress=progress, meta=meta)
