"""The print HTML of a version: the preview page, the HTML export (its stylesheet inside) and the PDF's source."""

import base64
import mimetypes
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

COVER_MAX_BYTES = 8 * 1024 * 1024


def stylesheet_path(name: str = "print.css") -> str:
    found = finders.find(f"editions/{name}")
    return found or str(Path(settings.BASE_DIR) / "static" / "editions" / name)


@cache
def _stylesheet_text(path: str, _mtime: float) -> str:
    return Path(path).read_text(encoding="utf-8")


def stylesheet(name: str = "print.css") -> str:
    path = stylesheet_path(name)
    return _stylesheet_text(path, Path(path).stat().st_mtime)


def title_lines(title: str) -> list[str]:
    """The cover title broken at its "·" (never inside a word): 丛书名 / 分册名."""
    parts = [part.strip() for part in title.replace("•", "·").split("·")]
    return [part for part in parts if part] or [title]


def cover_source(content: dict) -> str:
    """The editor's cover picture as a data: URI (the exports fetch nothing), or ""."""
    name = content.get("edition", {}).get("cover_image") or ""
    if not name:
        return ""
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / name).resolve()
    if root not in path.parents or not path.is_file() or path.stat().st_size > COVER_MAX_BYTES:
        return ""
    kind = mimetypes.guess_type(path.name)[0] or ""
    if kind not in ("image/jpeg", "image/png", "image/webp"):
        return ""
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def print_html(
    content: dict,
    *,
    version: int | None = None,
    for_pdf: bool = False,
    progress=None,
    inline_css: bool = False,
    meta: dict | None = None,
    **context,
) -> str:
    html = render_to_string(
        "editions/print.html",
        {
            "content": content,
            "version": version,
            "for_pdf": for_pdf,
            "meta": meta,
            "inline_css": stylesheet() if inline_css else "",
            "inline_phone_css": stylesheet("print-phone.css") if inline_css else "",
            "title_lines": title_lines(content["edition"]["title"]),
            "cover_src": cover_source(content),
            **context,
        },
    )
    if progress:
        for volume in content["volumes"]:
            for section in volume["sections"]:
                for _entry in section["entries"]:
                    progress(1)
    return html


def export_html(content: dict, *, version: int | None = None, progress=None, meta: dict | None = None) -> bytes:
    """Self-contained: the stylesheet inside, the cover picture as data, styled when opened from disk."""
    data = print_html(content, version=version, progress=progress, inline_css=True, meta=meta).encode("utf-8")
    if progress:
        progress(1)
    return data
