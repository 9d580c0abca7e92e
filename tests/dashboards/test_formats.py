"""``?format=json`` on every dashboard panel: the panel's table as an array of rows, never a 500.

The panels are found in the OpenAPI schema (every ``/api/dashboards/*`` path), so a new panel is
checked too. Each JSON answer has the CSV export's rows and columns; bad input with
``format=json`` is a 400 naming the parameter, a region out of scope a 404.
"""

import csv
import io

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import Role
from accounts.services import account_setup

from .conftest import YEAR

pytestmark = pytest.mark.django_db

EXTRA = {
    "/api/dashboards/indicators/": {"indicator": "members"},
    "/api/dashboards/compare/": {"city": "台州市", "compare_city": "湖州市"},
}


def _panels() -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(path for path in schema["paths"] if path.startswith("/api/dashboards/"))


@pytest.fixture
def staff_client(db):
    user, _ = account_setup(username="staff_formats", role=Role.STAFF)
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_panel_answers_json_as_the_rows_of_its_csv(client, staff_client, province):
    panels = _panels()
    assert len(panels) >= 5, panels
    for path in panels:
        asker = staff_client if path.endswith("/reporting/") else client
        params = {"designated_year": YEAR, **EXTRA.get(path, {})} if not path.endswith("/reporting/") else {}
        answer = asker.get(path, {**params, "format": "json"})
        assert answer.status_code == 200, (path, answer.content[:300])
        assert answer["Content-Type"].startswith("application/json"), path
        rows = answer.json()
        exported = list(
            csv.reader(io.StringIO(asker.get(path, {**params, "format": "csv"}).content.decode("utf-8-sig")))
        )
        assert isinstance(rows, list) and len(rows) == len(exported) - 1, path
        assert rows, path
        assert all(len(row) == len(exported[0]) for row in rows), path
        # Without ?format the panel's own shape is unchanged (an object).
        assert isinstance(asker.get(path, params).json(), dict), path


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/api/dashboards/map/", {"designated_year": "²"}, 400, "designated_year"),
        ("/api/dashboards/indicators/", {"indicator": "nothing"}, 400, "indicator"),
        # A NUL is refused before the database sees it (PostgreSQL raised on it: a 500; the fuzz found it).
        ("/api/dashboards/indicators/", {"indicator": "\x00"}, 400, "indicator"),
        ("/dashboards/", {"indicator": "members\x00"}, 400, None),
        ("/dashboards/", {"compare_city": "杭州市\x00"}, 400, None),
        ("/api/dashboards/reporting/", {"year": "²"}, 400, "year"),
        ("/api/dashboards/reporting/", {"region": "²"}, 400, "region"),
        ("/api/dashboards/reporting/", {"region": "99999999999999999999"}, 400, "region"),
        ("/api/dashboards/reporting/", {"region": "999999999"}, 404, None),
    ],
)
def test_bad_input_with_format_json_is_refused_cleanly(staff_client, path, params, status, field):
    answer = staff_client.get(path, {**params, "format": "json"})
    assert answer.status_code == status, answer.content[:300]
    if field:
        assert field in answer.json()


def test_the_schema_documents_the_json_table(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    for path in _panels():
        shape = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert {"type": "array"} in [{"type": option.get("type")} for option in shape["oneOf"]], path
