"""What an editor does to an imported piece: edit what was read, accept or reject it, publish.

Every write goes through here, in one transaction; a bad value changes nothing and comes back as
a Chinese message naming the piece and the field.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from importing.accept import publish_import
from importing.gazetteer import Gazetteer
from pilots.models import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Article,
    ImportRecord,
    ImportRun,
    IndicatorDefinition,
    PilotLevel,
    PilotUnit,
    ProposalKind,
    PublicationStatus,
    Qualifier,
    ReviewStatus,
)
from pilots.services import case
from pilots.text import normalise_name
from pilots.validation import parse_integer

DECISIONS = {ReviewStatus.PENDING, ReviewStatus.ACCEPTED, ReviewStatus.REJECTED}
PIECE_ACTIONS = ("save", "accept", "reject")
TEXT_FIELDS = (
    ("kicker", 100),
    ("headline", 200),
    ("subheadline", 200),
    ("reporters", 200),
    ("publication", 100),
    ("page", 20),
)


class ReviewError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


class PublishedPiece(Exception):
    """A published piece is changed in the data admin, not here (answered with 409)."""


@dataclass
class _Edit:
    proposal: object
    fields: dict


def review_piece(record: ImportRecord, *, user, data, action: str) -> None:
    """Apply one submission of a piece's form: edits, per-field decisions and the piece's decision."""
    if action not in PIECE_ACTIONS:
        raise ReviewError([_("未知的操作。")])
    if record.status == ReviewStatus.PUBLISHED:
        raise PublishedPiece(_("该篇已发布，已发布的内容请在数据管理中修改（修改会记入历史）。"))
    article = record.article
    label = _("第%(start)s–%(end)s行“%(title)s”") % {
        "start": article.start_line,
        "end": article.end_line,
        "title": article.title,
    }
    errors: list[str] = []
    texts = {}
    for name, limit in TEXT_FIELDS:
        if name in data:
            value = " ".join(str(data.get(name, "")).split())
            if len(value) > limit:
                errors.append(
                    _("%(piece)s：%(field)s不能超过 %(n)s 个字。") % {"piece": label, "field": _field(name), "n": limit}
                )
            texts[name] = value
    if "published_on" in data:
        text = str(data.get("published_on", "")).strip()
        try:
            texts["published_on"] = date.fromisoformat(text) if text else None
        except ValueError:
            errors.append(
                _("%(piece)s：发表日期应为 YYYY-MM-DD，收到“%(text)s”。") % {"piece": label, "text": text[:20]}
            )
    unit, parsed = None, None
    unit_name = normalise_name(str(data.get("unit", "")))
    current_units = list(article.units.all())
    proposed = normalise_name((record.values.get("unit") or {}).get("name") or "")
    if unit_name and not current_units and unit_name == proposed:
        unit_name = ""  # the proposed new unit (新单位) is created when the piece is published
    if unit_name and unit_name not in {u.name for u in current_units[:1]}:
        unit = case.unit_named(unit_name)
        if unit is None:
            parsed = Gazetteer.from_db().parse_unit(unit_name)
            if parsed is None:
                errors.append(
                    _("%(piece)s：单位“%(name)s”无法识别，请填写带地名的全称，如“温岭市城东街道总工会”。")
                    % {"piece": label, "name": unit_name}
                )
            else:
                unit = _draft_unit(parsed, user)
    placed = (record.values.get("unit") or {}).get("city")
    if action == "accept" and proposed and not current_units and unit is None and not placed:
        # A new unit the page names without any place: the editor gives its place before accepting.
        errors.append(
            _(
                "%(piece)s：新单位“%(name)s”原文没有写明所在的市、县（市、区），"
                "请在“单位”栏填写带地名的全称（如“温岭市城东街道总工会”）后再接受。"
            )
            % {"piece": label, "name": proposed}
        )
    edits = []
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    for proposal in record.proposals.all():
        prefix = f"p{proposal.pk}-"
        decision = data.get(prefix + "decision", proposal.status)
        if proposal.status == ReviewStatus.PUBLISHED:
            continue
        if decision not in DECISIONS:
            errors.append(_("%(piece)s：“%(item)s”的审核意见无效。") % {"piece": label, "item": proposal.label})
            continue
        fields = {"status": decision}
        value = dict(proposal.value)
        if proposal.kind == ProposalKind.FIGURE:
            problem = _figure(value, data, prefix, definitions)
            if problem is None and not value.get("year") and texts.get("published_on"):
                value["year"] = texts["published_on"].year  # the date given: its year, as a dated page's figures take
            if problem is None and decision == ReviewStatus.ACCEPTED and not value.get("indicator"):
                problem = _("请先为这个数字选择指标，再接受。")
            if problem:
                errors.append(f"{label}：{proposal.label or value.get('display', '')}：{problem}")
                continue
        elif proposal.kind == ProposalKind.MEASURE and prefix + "title" in data:
            title = " ".join(str(data[prefix + "title"]).split())
            if not title or len(title) > 100:
                errors.append(_("%(piece)s：举措标题应为 1–100 个字。") % {"piece": label})
                continue
            value["title"] = title
        elif proposal.kind == ProposalKind.POSITION and prefix + "count" in data:
            count = parse_integer(data[prefix + "count"], minimum=1, maximum=100000)
            if count is None:
                errors.append(
                    _("%(piece)s：%(item)s的数量应为 1–100000 的整数。") % {"piece": label, "item": value["name"]}
                )
                continue
            value["count"] = count
        fields["value"] = value
        edits.append(_Edit(proposal, fields))
    errors += _inconsistent(edits, action, data, label)
    if errors:
        raise ReviewError(errors)
    with transaction.atomic():
        if texts:
            for name, value in texts.items():
                setattr(article, name, value)
            article._history_user = user
            article.save()
        if unit is not None:
            article.units.set([unit])
            given = {"name": unit.name, "names": [unit.name]}
            if parsed is not None:  # a new unit the editor named: its street is added when it is published
                given.update(city=parsed.city, county=parsed.county, street=parsed.street, kind=parsed.kind)
            record.values = {**record.values, "unit": given}
        for edit in edits:
            for name, value in edit.fields.items():
                setattr(edit.proposal, name, value)
            edit.proposal.status = _final_status(edit, action, data)
            edit.proposal.save()
        if action == "accept":
            record.status = ReviewStatus.ACCEPTED
        elif action == "reject":
            record.status = ReviewStatus.REJECTED
        record.save(update_fields=["status", "values"])


def _final_status(edit: _Edit, action: str, data) -> str:
    """A proposal's decision after this submission: "accept the piece" accepts what was left pending."""
    status = edit.fields["status"]
    asked = data.get(f"p{edit.proposal.pk}-decision") in (None, ReviewStatus.PENDING)
    if action == "accept" and status == ReviewStatus.PENDING and asked:
        return ReviewStatus.ACCEPTED
    if action == "reject" and status == ReviewStatus.PENDING:
        return ReviewStatus.REJECTED
    return status


def _inconsistent(edits: list[_Edit], action: str, data, label: str) -> list[str]:
    """Decisions that would publish something other than what the screen shows: a practice accepted
    under a rejected measure (it belongs to the measure, so it would be dropped), a figure accepted
    without a year (the page stated no date)."""
    errors = []
    final = {edit.proposal.pk: _final_status(edit, action, data) for edit in edits}
    if action == "reject":
        return errors
    measures = [edit for edit in edits if edit.proposal.kind == ProposalKind.MEASURE]
    measure_rejected = bool(measures) and all(final[m.proposal.pk] == ReviewStatus.REJECTED for m in measures)
    for edit in edits:
        accepted = final[edit.proposal.pk] == ReviewStatus.ACCEPTED
        if edit.proposal.kind == ProposalKind.PRACTICE and accepted and measure_rejected:
            errors.append(
                _("%(piece)s：做法“%(item)s”属于本篇的举措，举措已驳回时不能接受做法；请先接受举措，或驳回该做法。")
                % {"piece": label, "item": edit.proposal.value.get("name", "")}
            )
        figure = edit.fields["value"] if edit.proposal.kind == ProposalKind.FIGURE else {}
        if accepted and figure.get("indicator") and not figure.get("year"):  # an unclassified one is never published
            errors.append(
                _("%(piece)s：数字“%(item)s”没有年份（原文未写明日期），请先填写年份，再接受。")
                % {"piece": label, "item": edit.fields["value"].get("display", "")}
            )
    return errors


def publish(run: ImportRun, *, user) -> int:
    """Publish every accepted piece of the import, with exactly the proposals accepted on it."""
    return publish_import(run, user=user)


def _field(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name)


def _figure(value: dict, data, prefix: str, definitions: dict) -> str | None:
    """Read an edited figure into ``value``; a message when it is not valid."""
    if prefix + "indicator" in data:
        code = str(data[prefix + "indicator"])
        if code and code not in definitions:
            return _("指标无效。")
        value["indicator"], value["indicator_name"] = code, definitions[code].name if code else ""
    definition = definitions.get(value.get("indicator"))
    if prefix + "value" in data:
        text = str(data[prefix + "value"]).strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return _("数值应为数字，收到“%(text)s”。") % {"text": text[:20]}
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            return _("数值超出范围。")
        if definition is not None:
            problem = definition.validation_error(number)
            if problem:
                return str(problem)
        value["value"] = f"{number.normalize():f}"
    if prefix + "qualifier" in data:
        qualifier = str(data[prefix + "qualifier"])
        if qualifier not in Qualifier.values:
            return _("限定词无效。")
        value["qualifier"] = qualifier
    if prefix + "year" in data:
        if not str(data[prefix + "year"]).strip():  # left empty: no year (the page stated no date)
            value["year"] = None
            return None
        year = parse_integer(data[prefix + "year"], minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
        if year is None:
            return _("年份应在 %(first)s–%(last)s 之间。") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
        value["year"] = year
    return None


def _draft_unit(parsed, user) -> PilotUnit:
    gazetteer_name = normalise_name(parsed.name)
    region, _added = case.region_by_names(parsed.city, parsed.county, parsed.street, strict=False)
    unit, _outcome = case.unit_put(
        name=gazetteer_name,
        values={
            "kind": parsed.kind,
            "region": region,
            "pilot_level": PilotLevel.NONE,
            "status": PublicationStatus.DRAFT,
        },
        user=user,
    )
    return unit
