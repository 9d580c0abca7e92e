import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from editions import services

pytestmark = pytest.mark.django_db


def test_the_admin_lists_issues_sections_and_read_only_versions(client, small_issue):
    client.force_login(get_user_model().objects.create_superuser("ed_root", password="pw-for-tests"))
    edition = small_issue["edition"]
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    assert client.get(reverse("admin:editions_edition_changelist")).status_code == 200
    assert client.get(reverse("admin:editions_edition_change", args=[edition.pk])).status_code == 200
    assert client.get(reverse("admin:editions_section_change", args=[small_issue["sketches"].pk])).status_code == 200
    page = client.get(reverse("admin:editions_editionversion_change", args=[version.pk]))
    assert page.status_code == 200 and 'name="number"' not in page.content.decode()
    assert client.get(reverse("admin:editions_editionversion_add")).status_code == 403
