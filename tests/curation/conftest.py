"""An import of a newspaper page that names published units, and accounts of every role."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import ImportRun, Region
from tests.factories import a_street, a_unit

# Written for these tests: two articles about units the fixtures publish, each with figures, a
# position structure and practices.
PAGE = """工运速递

余姚市凤山街道总工会：职工之家焕新颜

本报讯 通讯员张三、李四报道 凤山街道总工会投入经费60万余元，新建职工书屋3个，服务职工1200人次。

街道建成“1+6+N”职工服务阵地，今年新建工会15家。

霞浦街道 园区职工有了调解室

本报讯 记者何晓东报道 北仑区霞浦街道总工会在工业园区设立调解室，今年调处劳动纠纷36件，调解成功率达96%。
"""


def run_import(path, *args) -> str:
    out = StringIO()
    call_command("import_cases", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "union-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def imported(page) -> ImportRun:
    run_import(page, "--date", "2024-03-01")  # the page states no date: given on import
    return ImportRun.objects.get(source_file="union-page.txt")


@pytest.fixture
def accounts(db):
    unit = a_unit("温岭市试点街道总工会", region=a_street("试点街道", "温岭市"))
    county = Region.objects.resolve_county("温岭市")
    return {
        "submitter": account_setup(username="sub1", role=Role.SUBMITTER, unit=unit)[0],
        "reviewer": account_setup(username="rev1", role=Role.REVIEWER, region=county)[0],
        "staff": account_setup(username="staff1", role=Role.STAFF)[0],
        "editor": account_setup(username="editor1", role=Role.EDITOR)[0],
        "admin": account_setup(username="admin1", role=Role.ADMIN)[0],
        "no_role": get_user_model().objects.create_user("plain", password="x-Unused-1"),
    }
