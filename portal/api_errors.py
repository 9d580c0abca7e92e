"""The API's one exception handler: what the apps' own exceptions answer (settings.REST_FRAMEWORK).

DRF answers its own exceptions (400, 401, 403, 404, 405, 415, 429); the apps raise theirs from
services and forms, and this handler gives each its answer in one place, so no view overrides
``handle_exception``:

- a service's ``django.core.exceptions.ValidationError`` → 400, field by field (a record's
  indicator errors under ``values`` by code);
- ``accounts.permissions.StateConflict`` (the object's state does not allow the step) → 409;
- ``reports.services.records.VersionConflict`` (edited meanwhile) → 409 with the current version;
- the dashboards' ``InputError`` (one field) and ``FilterErrors`` (the library's FilterSet) → 400.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.permissions import StateConflict
from dashboards.forms import InputError
from dashboards.panels import FilterErrors
from reports.services.records import VersionConflict


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def validation_errors(error: DjangoValidationError) -> dict:
    """A service's ValidationError in the API's shape: indicator errors under ``values`` by code."""
    errors: dict = {}
    for key, messages in error.message_dict.items():
        if key.startswith("value:"):
            errors.setdefault("values", {})[key.removeprefix("value:")] = messages
        elif key == NON_FIELD_ERRORS:
            errors["non_field_errors"] = messages
        else:
            errors[key] = messages
    return errors


def api_exception(exc: Exception) -> Exception:
    """The DRF exception an app's exception stands for (others unchanged)."""
    if isinstance(exc, StateConflict):
        return Conflict(detail=str(exc))
    if isinstance(exc, DjangoValidationError):
        return ValidationError(detail=validation_errors(exc) if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, InputError):
        return ValidationError({exc.field: [exc.message]})
    if isinstance(exc, FilterErrors):
        return ValidationError(exc.errors)
    return exc


def handle(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, VersionConflict):
        return Response({"detail": str(exc), "version": exc.current}, status=status.HTTP_409_CONFLICT)
    return exception_handler(api_exception(exc), context)
