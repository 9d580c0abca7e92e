"""Background jobs of the editions app (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_version_exports(version_id: int) -> dict[str, str]:
    """Build and store the PDF, DOCX and HTML of a frozen version (each once; done files are kept)."""
    from . import stored
    from .models import EditionExport, EditionVersion, ExportState

    version = EditionVersion.objects.filter(pk=version_id).first()
    if version is None:
        return {}
    states = {}
    for fmt in stored.FORMAT_ORDER:
        row = EditionExport.objects.filter(version=version, fmt=fmt).first()
        if row is not None and row.state == ExportState.DONE and not stored._needs_build(row):
            states[fmt] = row.state
            continue
        try:
            states[fmt] = stored.build(version, fmt).state
        except Exception:  # recorded on the row (state failed, with the error); the next format still runs
            states[fmt] = ExportState.FAILED
    return states
