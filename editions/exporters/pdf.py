"""PDF from the print HTML with WeasyPrint: the same template and stylesheet as the preview page."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from .html import print_html


def _stylesheet() -> str:
    found = finders.find("editions/print.css")
    return found or str(Path(settings.BASE_DIR) / "static" / "editions" / "print.css")


def _no_fetch(url: str, *args, **kwargs):
    # The print HTML references nothing outside itself; never let a URL in data reach the network.
    raise ValueError(f"外部资源不会被加载：{url}")


def export_pdf(content: dict, *, version: int | None = None, progress=None) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango takes a moment

    html = print_html(content, version=version, for_pdf=True, progress=progress)
    document = HTML(string=html, url_fetcher=_no_fetch).render(stylesheets=[CSS(filename=_stylesheet())])
    if progress:
        progress(1)
    data = document.write_pdf()
    if progress:
        progress(1)
    return data
