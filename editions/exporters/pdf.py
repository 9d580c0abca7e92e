"""PDF from the print HTML with WeasyPrint: the same template and stylesheet as the preview page.

The version number and content hash are not printed on any page: they are in the PDF's
metadata (description, keywords) and the version in the colophon line.
"""

from .html import print_html, stylesheet_path


def _no_fetch(url: str, *args, **kwargs):
    # The print HTML references nothing outside itself; never let a URL in data reach the network.
    raise ValueError(f"外部资源不会被加载：{url}")


def export_pdf(content: dict, *, version: int | None = None, progress=None, meta: dict | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango takes a moment

    html = print_html(content, version=version, for_pdf=True, progress=progress, meta=meta)
    document = HTML(string=html, url_fetcher=_no_fetch).render(stylesheets=[CSS(filename=stylesheet_path())])
    if progress:
        progress(1)
    data = document.write_pdf()
    if progress:
        progress(1)
    return data
