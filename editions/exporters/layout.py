"""Layout rules the PDF (print HTML) and the DOCX share, so both print the same issue."""


def closing_line(entry: dict) -> str:
    """The unit line that closes a piece, as the compilation prints it; "" for a piece whose headline
    is already its unit's name (a sketch printed without a headline of its own): it is not set twice."""
    unit_line = entry.get("unit_line") or ""
    return "" if unit_line == (entry.get("headline") or "") else unit_line
