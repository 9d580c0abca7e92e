from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.permissions import units_known_to
from accounts.throttling import ThrottledTokenAuthentication

from ..filters import AnnualRecordFilter
from ..permissions import Action, check, has_right, mark_visible
from ..selectors import records_for
from ..services import records as record_services
from ..services import transitions
from .serializers import RecordListSerializer, RecordSerializer, RecordWriteSerializer

_COMMENT = inline_serializer("StepComment", {"comment": serializers.CharField(required=False, allow_blank=True)})
_RETURN = inline_serializer(
    "ReturnStep",
    {
        "comment": serializers.CharField(),
        "field_comments": serializers.DictField(child=serializers.CharField(), required=False),
    },
)
_REOPEN = inline_serializer("ReopenStep", {"reason": serializers.CharField()})


@extend_schema_view(
    create=extend_schema(request=RecordWriteSerializer, responses={201: RecordSerializer}),
    partial_update=extend_schema(request=RecordWriteSerializer, responses=RecordSerializer),
    submit=extend_schema(request=_COMMENT, responses=RecordSerializer),
    approve=extend_schema(request=_COMMENT, responses=RecordSerializer),
    return_=extend_schema(request=_RETURN, responses=RecordSerializer),
    reopen=extend_schema(request=_REOPEN, responses=RecordSerializer),
)
class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Annual records in the account's scope; scripts use ``Authorization: Token KEY``.

    Outside the account's scope a record answers 404, an action the role lacks 403, an action the
    record's state does not allow or a stale ``version`` 409; invalid input 400 naming the field.
    """

    authentication_classes = [ThrottledTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    serializer_class = RecordSerializer
    filterset_class = AnnualRecordFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return records_for(self.request.user)

    def get_object(self):
        # Found within the account's scope: the services' checks need not ask again.
        return mark_visible(self.request.user, super().get_object())

    def get_serializer_class(self):
        return RecordListSerializer if self.action == "list" else RecordSerializer

    def _body(self) -> dict:
        """The request's body as an object: a workflow step reads named fields from it, nothing else."""
        data = self.request.data
        if not isinstance(data, dict):
            raise ParseError(_('请求体应为 JSON 对象（例如 {"comment": "……"}），收到的不是对象。'))
        return data

    def _fresh(self, record):
        return Response(RecordSerializer(self.get_queryset().get(pk=record.pk)).data)

    def create(self, request, *args, **kwargs):
        if not has_right(request.user, Action.CREATE):
            # A role that may not create records learns that before any detail of its input.
            check(request.user, Action.CREATE)
        incoming = RecordWriteSerializer(data=request.data, units=units_known_to(request.user))
        incoming.is_valid(raise_exception=True)
        record = record_services.record_create(
            actor=request.user,
            unit=incoming.validated_data["unit"],
            year=incoming.validated_data["year"],
            changes=incoming.to_changes(),
        )
        response = self._fresh(record)
        response.status_code = status.HTTP_201_CREATED
        return response

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        check(request.user, Action.EDIT, record)
        incoming = RecordWriteSerializer(record, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        record, _changed = record_services.record_update(
            actor=request.user, record=record, version=incoming.validated_data["version"], changes=incoming.to_changes()
        )
        return self._fresh(record)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        record = transitions.record_submit(
            actor=request.user, record=self.get_object(), comment=str(self._body().get("comment", ""))
        )
        return self._fresh(record)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        record = transitions.record_approve(
            actor=request.user, record=self.get_object(), comment=str(self._body().get("comment", ""))
        )
        return self._fresh(record)

    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        body = self._body()
        record = self.get_object()
        pinned = body.get("field_comments") or {}
        if not isinstance(pinned, dict):
            raise ValidationError({"field_comments": ["应为“字段: 意见”的对象。"]})
        record = transitions.record_return(
            actor=request.user,
            record=record,
            comment=str(self._body().get("comment", "")),
            field_comments={str(k): str(v) for k, v in pinned.items()},
        )
        return self._fresh(record)

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        body = self._body()
        record = transitions.record_reopen(
            actor=request.user, record=self.get_object(), reason=str(body.get("reason", ""))
        )
        return self._fresh(record)
