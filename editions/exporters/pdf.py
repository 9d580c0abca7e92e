"""PDF from the print HTML with WeasyPrint: the same template and stylesheet as the preview page.

The version number and content hash are not printed on any page: they are in the PDF's
metadata (description, keywords) and the version in the colophon line.
"""

from .html import print_html, stylesheet_path


def _fetcher():
    """Fetches data: URIs only (the cover picture): no URL in data reaches the network or the disk."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 70 takes a function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args, **kwargs):
            if url.startswith("data:"):
                return default_url_fetcher(url, *args, **kwargs)
            raise ValueError(f"外部资源不会被加载：{url}")

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def export_pdf(content: dict, *, version: int | None = None, progress=None, meta: dict | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango takes a moment

    html = print_html(content, version=version, for_pdf=True, progress=progress, meta=meta)
    document = HTML(string=html, url_fetcher=_fetcher()).render(stylesheets=[CSS(filename=stylesheet_path())])
    if progress:
        progress(1)
    data = document.write_pdf()
    if progress:
        progress(1)
    return data
