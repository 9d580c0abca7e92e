"""The review queue: statuses are checkboxes and their counts links that filter; the region picker
follows the account's scope as a tree (city, then its counties)."""

import re

import pytest

from reports.models import RecordStatus

pytestmark = pytest.mark.django_db


def test_counts_are_links_to_their_status_and_statuses_are_checkboxes(client, accounts, a_record):
    a_record(status=RecordStatus.SUBMITTED, year=2023)
    a_record(status=RecordStatus.RETURNED, year=2022)
    client.force_login(accounts["reviewer_county"])
    page = client.get("/review/").content.decode()
    links = dict(re.findall(r'<a class="chip status-(\w+)" href="\?([^"]*)"', page))
    assert links["returned"] == "status=returned"
    assert re.search(r'<input type="checkbox" name="status" value="submitted" checked>', page)
    returned = client.get("/review/?" + links["returned"]).content.decode()
    assert returned.count('class="status status-returned"') == 1 and 'status-submitted">已报送</span>' not in returned
    both = client.get("/review/?status=returned&status=submitted").content.decode()
    assert both.count("<tr><td data-label") == 2


def test_the_region_picker_is_the_scope_as_a_tree(client, accounts):
    client.force_login(accounts["staff"])
    page = client.get("/review/").content.decode()
    picker = re.search(r'<select name="region"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert "---------" not in picker
    options = re.findall(r"<option[^>]*>([^<]*)</option>", picker)
    assert options[:2] == ["全部区域", "浙江省"]  # nothing above the province
    taizhou = re.search(r'<optgroup label="台州市">(.*?)</optgroup>', picker, re.S).group(1)
    assert "台州市（全市）" in taizhou and "温岭市" in taizhou
    client.force_login(accounts["reviewer_city"])
    picker = re.search(r'<select name="region"[^>]*>(.*?)</select>', client.get("/review/").content.decode(), re.S)
    groups = re.findall(r'<optgroup label="([^"]*)"', picker.group(1))
    assert groups == ["台州市"] and "杭州" not in picker.group(1)
