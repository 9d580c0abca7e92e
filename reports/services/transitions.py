"""The workflow steps: submit, approve, return, reopen. Each is recorded as a RecordTransition."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pilots.models import IndicatorDefinition

from ..limits import MAX_FIELD_COMMENTS, check_comment, too_many
from ..models import TEXT_FIELDS, AnnualRecord, FieldComment, RecordStatus, RecordTransition, TransitionAction
from ..permissions import Action, carry_visibility, check, mark_visible
from .publication import record_publish, record_withdraw

# The fields a reviewer may pin a comment to, besides ``value:<indicator code>``.
COMMENTABLE_FIELDS = (*TEXT_FIELDS, "measures", "positions", "attachments")


def transition_record(*, record: AnnualRecord, actor, action: str, to_status: str, comment: str = "") -> AnnualRecord:
    """Move ``record`` to ``to_status`` and record who did it (callers hold the row lock and checked rights)."""
    check_comment("comment", comment)
    seen = record.__dict__.get("_visible_to") == (actor.pk, record.status)
    step = RecordTransition(
        record=record, action=action, from_status=record.status, to_status=to_status, actor=actor, comment=comment
    )
    step.full_clean()
    step.save()
    record.status = to_status
    record.version += 1
    if to_status == RecordStatus.SUBMITTED:
        record.submitted_at = timezone.now()
    if to_status == RecordStatus.APPROVED:
        record.approved_at = timezone.now()
    record._history_user = actor
    record._change_reason = str(step.get_action_display())
    record.full_clean()
    record.save()
    if seen:  # the actor saw it a moment ago and moved it itself
        mark_visible(actor, record)
    return record


def _locked(record: AnnualRecord) -> AnnualRecord:
    return carry_visibility(record, AnnualRecord.objects.select_for_update().select_related("unit").get(pk=record.pk))


def record_is_empty(record: AnnualRecord) -> bool:
    """No figure, no measure, no position and no text: nothing a reviewer could review."""
    texts = (record.highlights, record.problems, record.plans)
    return not (
        any(text.strip() for text in texts)
        or record.values.exists()
        or record.measures.exists()
        or record.positions.exists()
    )


def step_refusal(*, record: AnnualRecord, step: str, comment: str = "", reason: str = "") -> ValidationError | None:
    """What refuses ``step`` on ``record`` whoever asks, before it is taken; None when nothing does.

    The services raise it; the confirm page asks it first, so both say the same words.
    """
    if step == "return" and not (comment or "").strip():
        return ValidationError({"comment": _("退回时请填写意见。")})
    if step == "reopen" and not (reason or "").strip():
        return ValidationError({"reason": _("重新打开时请说明原因。")})
    if step == "submit" and record_is_empty(record):
        return ValidationError(
            {"values": _("报告还是空的：请至少填写一项指标、改革举措、服务阵地或工作亮点后再报送。")}
        )
    return None


def record_submit(*, actor, record: AnnualRecord, comment: str = "") -> AnnualRecord:
    """Hand the record to the reviewers. Consistency warnings do not block; invalid values cannot exist.

    An empty record is refused: it would only come back.
    """
    with transaction.atomic():
        record = _locked(record)
        check(actor, Action.SUBMIT, record)
        refusal = step_refusal(record=record, step="submit")
        if refusal:
            raise refusal
        return transition_record(
            record=record,
            actor=actor,
            action=TransitionAction.SUBMIT,
            to_status=RecordStatus.SUBMITTED,
            comment=comment.strip(),
        )


def record_approve(*, actor, record: AnnualRecord, comment: str = "") -> AnnualRecord:
    """Approve and lock the record; its values join the unit's public series."""
    with transaction.atomic():
        record = _locked(record)
        check(actor, Action.APPROVE, record)
        record = transition_record(
            record=record,
            actor=actor,
            action=TransitionAction.APPROVE,
            to_status=RecordStatus.APPROVED,
            comment=comment.strip(),
        )
        record_publish(record=record)
        return record


def record_return(
    *, actor, record: AnnualRecord, comment: str, field_comments: dict[str, str] | None = None
) -> AnnualRecord:
    """Send the record back to its unit with a general comment and comments pinned to fields."""
    with transaction.atomic():
        record = _locked(record)
        check(actor, Action.RETURN, record)
        comment = (comment or "").strip()
        pinned = {key: text.strip() for key, text in (field_comments or {}).items() if text and text.strip()}
        refusal = step_refusal(record=record, step="return", comment=comment)
        if refusal:
            raise refusal
        check_comment("comment", comment)
        message = too_many(pinned, MAX_FIELD_COMMENTS, _("字段意见"))
        if message:
            raise ValidationError({"field_comments": message})
        for text in pinned.values():
            check_comment("field_comments", text)
        codes = set(IndicatorDefinition.objects.values_list("code", flat=True))
        unknown = [key for key in pinned if key not in COMMENTABLE_FIELDS and key.removeprefix("value:") not in codes]
        if unknown:
            keys = "、".join(key[:60] for key in unknown[:10])
            raise ValidationError({"field_comments": _("没有这些字段：%(keys)s") % {"keys": keys}})
        record = transition_record(
            record=record, actor=actor, action=TransitionAction.RETURN, to_status=RecordStatus.RETURNED, comment=comment
        )
        step = record.transitions.latest("at", "id")
        FieldComment.objects.bulk_create(
            [FieldComment(transition=step, field=key, comment=text) for key, text in pinned.items()]
        )
        return record


def record_reopen(*, actor, record: AnnualRecord, reason: str) -> AnnualRecord:
    """Unlock an approved record for correction: it goes back to its unit as returned, with the reason.

    Its values leave the public series at once (they are published again on the next approval),
    so the library never shows figures that are being corrected.
    """
    with transaction.atomic():
        record = _locked(record)
        check(actor, Action.REOPEN, record)
        reason = (reason or "").strip()
        refusal = step_refusal(record=record, step="reopen", reason=reason)
        if refusal:
            raise refusal
        check_comment("reason", reason)
        record_withdraw(record=record)
        return transition_record(
            record=record, actor=actor, action=TransitionAction.REOPEN, to_status=RecordStatus.RETURNED, comment=reason
        )
