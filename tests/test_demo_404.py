"""Under `make run` (DEBUG) a missing page is the portal's own Chinese page, not Django's list of URL patterns."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_in_debug_is_the_portals_own(client, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and "URL patterns" not in page and "DEBUG" not in page
    missing_case = client.get("/cases/999999999/")
    assert missing_case.status_code == 404 and "页面不存在" in missing_case.content.decode()
    assert client.get("/api/units/999999999/").json()  # the API keeps its JSON answer
