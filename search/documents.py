"""What text a unit is found by: its profile, measures, positions and published articles."""

from collections.abc import Iterable

from pilots.models import PilotUnit

from .segment import distinct_chars, index_tokens


def unit_text(unit: PilotUnit) -> str:
    """The original text of a unit's search document, one fact or paragraph a line.

    ``unit`` comes from :func:`pilots.selectors.public_unit_detail` (everything prefetched).
    """
    region = unit.region
    lines = [
        unit.name,
        unit.short_name,
        " ".join(filter(None, [unit.city and unit.city.name, unit.county and unit.county.name, region.name])),
        f"{unit.get_kind_display()} {unit.get_pilot_level_display()}",
        unit.profile,
    ]
    for measure in unit.measures.all():
        lines.append(" ".join(filter(None, [measure.title, measure.label])))
        lines.append("、".join(practice.name for practice in measure.practices.all()))
        lines.append(measure.summary)
    for position in unit.positions.all():
        lines.append(" ".join(filter(None, [position.name, position.get_kind_display(), position.facilities])))
    for article in unit.articles.all():
        lines += [article.headline, article.subheadline, article.body]
    return "\n".join(line.strip() for line in lines if line and line.strip())


def segmented(text: str) -> tuple[str, str]:
    """(tokens, chars) of a text, as stored in SearchDocument."""
    return " ".join(index_tokens(text)), " ".join(distinct_chars(text))


def document_fields(units: Iterable[PilotUnit]) -> Iterable[tuple[int, str, str, str]]:
    for unit in units:
        text = unit_text(unit)
        tokens, chars = segmented(text)
        yield unit.pk, text, tokens, chars
