"""Accounts for the load test (loadtest/locustfile.py): submitters of distinct units and reviewers.

Writes their tokens and units to a JSON file that the locust scenario reads. Only for a scratch
database: the accounts are real accounts with working tokens.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.models import Role
from accounts.services import account_setup, account_token
from pilots import selectors
from pilots.models import Region


class Command(BaseCommand):
    help = "为负载测试创建填报账号和审核账号，并把令牌写入 JSON 文件（只用于测试数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="写入令牌的 JSON 文件")
        parser.add_argument("--submitters", type=int, default=20)
        parser.add_argument("--reviewers", type=int, default=5)

    def handle(self, *args, path: Path, submitters: int, reviewers: int, **options):
        units = list(selectors.public_units().order_by("pk")[:submitters])
        if len(units) < submitters:
            raise CommandError(f"只有 {len(units)} 家已发布的单位，不够 {submitters} 个填报账号。")
        cities = list(Region.objects.cities().order_by("pk"))
        people = {"submitters": [], "reviewers": []}
        for number, unit in enumerate(tqdm(units, desc="填报账号", file=self.stderr)):
            user, _ = account_setup(username=f"load_submitter_{number}", role=Role.SUBMITTER, unit=unit)
            people["submitters"].append({"token": account_token(user=user), "unit": unit.pk})
        for number in range(reviewers):
            region = cities[number % len(cities)]
            user, _ = account_setup(username=f"load_reviewer_{number}", role=Role.REVIEWER, region=region)
            people["reviewers"].append({"token": account_token(user=user), "region": region.pk})
        path.write_text(json.dumps(people, indent=1))
        self.stdout.write(f"已创建 {submitters} 个填报账号和 {reviewers} 个审核账号，令牌写入 {path}。")
