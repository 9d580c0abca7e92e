"""The union that signs an article: a union site's item is written by the union it is about, which credits itself
in the author field ("作者:某某镇总工会王明") or in brackets under the text ("（某某镇总工会）",
"（区总工会 某某街道总工会）").
The first union credited is one more piece of evidence for the article's main unit (``evidence.weigh``)."""

import re

_UNION = r"[\u4e00-\u9fff]{1,20}?(?:总工会|工会联合会|联合工会|工会)"
# "作者:某某镇总工会王明", "作者：王明（某某镇总工会）"
_AUTHOR = re.compile(
    rf"作者\s*[:：]\s*(?:(?P<before>{_UNION})[\u4e00-\u9fff]{{2,3}}|[\u4e00-\u9fff]{{2,3}}\s*[（(](?P<after>{_UNION})[）)])"
)
# A line that is nothing but the unions credited, in brackets: "（某某镇总工会）", "(区总工会 某某街道总工会)", or
# the union that supplied the text ("供稿：某某街道总工会", "（某某镇总工会供稿）").
_CREDIT_LINE = re.compile(
    rf"^\s*(?:[（(](?:供稿(?:单位)?\s*[:：]\s*)?(?P<first>{_UNION})(?:[\s、]+{_UNION})*\s*(?:供稿)?[）)]"
    rf"|(?:供稿(?:单位)?\s*[:：]\s*)(?P<supplied>{_UNION})|(?P<supplier>{_UNION})\s*供稿)\s*$"
)


def credited_union(lines: list[str], page_lines: list[str]) -> str | None:
    """The first union an article's own lines credit, else the one author field of its page (a single item's page
    prints its author above the headline), else None."""
    for text in lines:
        match = _CREDIT_LINE.match(text) or _AUTHOR.search(text)
        if match:
            return next(group for group in match.groups() if group)
    authors = [m for text in page_lines for m in _AUTHOR.finditer(text)]
    return next(group for group in authors[0].groups() if group) if len(authors) == 1 else None
