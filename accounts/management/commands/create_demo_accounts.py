"""Demo accounts for a demonstration database: the admin, an editor and the reporting workflow's three roles.

It lives in ``accounts`` beside the memberships it creates.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import PilotLevel, PilotUnit

DEMO_ACCOUNTS = [
    # username, is_superuser, what the account is for
    ("admin", True, "超级管理员"),
    ("editor", False, "编辑：维护试点单位、文章和指标"),
]
EDITOR_GROUP = "编辑"


class Command(BaseCommand):
    help = "为演示数据库创建演示账号；密码随机生成，只在创建时显示一次。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="DEBUG 关闭时也创建（仅限演示环境）")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("演示账号只用于演示数据库：生产环境（DEBUG=false）下拒绝创建。")
        editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
        editors.permissions.set(
            Permission.objects.filter(content_type__app_label="pilots").exclude(codename__startswith="delete_region")
        )
        User = get_user_model()
        created = False
        for username, is_superuser, purpose in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"演示账号 {username} 已存在（{purpose}），密码不变。")
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username, password=password, is_staff=True, is_superuser=is_superuser)
            if not is_superuser:
                user.groups.add(editors)
            self.stdout.write(self.style.SUCCESS(f"已创建演示账号 {username}（{purpose}），密码：{password}"))
            created = True
        created |= self._create_reporting_accounts()
        if created:
            self.stdout.write("请妥善记录以上密码：它们不会再次显示。")

    def _create_reporting_accounts(self) -> bool:
        """Demo accounts of the annual-record workflow: a street union and its county."""
        User = get_user_model()
        unit = PilotUnit.objects.exclude(pilot_level=PilotLevel.NONE).filter(kind="street_federation").first()
        if unit is None:
            return False
        editor = User.objects.filter(username="editor").first()
        if editor is not None and not hasattr(editor, "membership"):
            account_setup(username="editor", role=Role.EDITOR)
        accounts = [
            ("submitter", Role.SUBMITTER, {"unit": unit}, f"填报人：{unit.name}"),
            ("reviewer", Role.REVIEWER, {"region": unit.region.county}, f"审核人：{unit.region.county}总工会"),
            ("staff", Role.STAFF, {}, "省总工会工作人员：查看全部报告和报送率"),
        ]
        created = False
        for username, role, scope, purpose in accounts:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"演示账号 {username} 已存在（{purpose}），密码不变。")
                continue
            password = secrets.token_urlsafe(12)
            account_setup(username=username, role=role, password=password, **scope)
            self.stdout.write(self.style.SUCCESS(f"已创建演示账号 {username}（{purpose}），密码：{password}"))
            created = True
        return created
