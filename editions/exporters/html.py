from django.template.loader import render_to_string


def print_html(content: dict, *, version: int | None = None, for_pdf: bool = False, progress=None, **context) -> str:
    html = render_to_string(
        "editions/print.html", {"content": content, "version": version, "for_pdf": for_pdf, **context}
    )
    if progress:
        for volume in content["volumes"]:
            for section in volume["sections"]:
                for _entry in section["entries"]:
                    progress(1)
    return html


def export_html(content: dict, *, version: int | None = None, progress=None) -> bytes:
    data = print_html(content, version=version, progress=progress).encode("utf-8")
    if progress:
        progress(1)
    return data
