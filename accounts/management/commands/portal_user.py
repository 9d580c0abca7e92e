import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import account_setup, account_token
from pilots.models import PilotUnit, Region


class Command(BaseCommand):
    help = (
        "创建或更新年度报送账号（供部署脚本使用）。"
        "填报人用 --unit 指定试点单位，审核人用 --region 指定市或县（市、区）；"
        "--token 时最后一行输出该账号的 API 令牌。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--role", required=True, choices=Role.values, help="角色")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--unit", type=int, metavar="UNIT_ID", help="填报人所属试点单位的 ID")
        scope.add_argument("--region", type=int, metavar="REGION_ID", help="审核人负责区域的 ID")
        parser.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（第一行）")
        parser.add_argument("--token", action="store_true", help="最后一行输出 API 令牌")

    def handle(self, *args, username, role, unit, region, password_stdin, token, **options):
        unit_obj = self._get(PilotUnit, unit, "试点单位") if unit is not None else None
        region_obj = self._get(Region, region, "区域") if region is not None else None
        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("标准输入中没有读到密码。")
        try:
            user, created = account_setup(
                username=username, role=role, unit=unit_obj, region=region_obj, password=password
            )
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        place = f"（{unit_obj or region_obj}）" if (unit_obj or region_obj) else ""
        verb = "已创建" if created else "已更新"
        self.stdout.write(f"{verb}账号 {username}：{Role(role).label}{place}")
        if token:
            self.stdout.write(account_token(user=user))

    @staticmethod
    def _get(model, pk: int, label: str):
        try:
            return model.objects.get(pk=pk)
        except model.DoesNotExist:
            raise CommandError(f"没有 ID 为 {pk} 的{label}。") from None
