"""Daily cron job: e-mail the units that have not reported (through Django's mail settings)."""

import datetime

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reports.models import current_reporting_year
from reports.reminders import reminder_due, reminders
from reports.selectors import deadline_for


class Command(BaseCommand):
    help = "提醒尚未报送年度报告的单位（每天由 cron 运行：截止前 30/14/7/3/1/0 天和逾期后每周发送）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="报告年度（默认：当前应报年度，即去年）")
        parser.add_argument("--today", help="按这一天判断（YYYY-MM-DD，用于补发或测试）")
        parser.add_argument("--force", action="store_true", help="不论今天是否为提醒日都发送")
        parser.add_argument("--dry-run", action="store_true", help="只列出将发送的提醒，不发送")

    def handle(self, *args, year, today, force, dry_run, **options):
        year = year or current_reporting_year()
        try:
            day = datetime.date.fromisoformat(today) if today else datetime.date.today()
        except ValueError:
            raise CommandError(f"--today 应为 YYYY-MM-DD，收到 {today}。") from None
        if not force and not reminder_due(year, day):
            self.stdout.write(
                f"{day:%Y-%m-%d} 不是 {year} 年度的提醒日（截止日期 {deadline_for(year):%Y-%m-%d}），未发送。"
            )
            return
        pending = reminders(year, day)
        sent = without_address = 0
        connection = None if dry_run else get_connection()
        for reminder in tqdm(pending, desc="发送提醒", unit="家", disable=len(pending) < 20):
            if not reminder.recipients:
                without_address += 1
                self.stderr.write(f"{reminder.unit.name}：没有填写邮箱的填报账号，未能提醒。")
                continue
            if dry_run:
                self.stdout.write(f"将提醒 {reminder.unit.name}：{'、'.join(reminder.recipients)}")
            else:
                send_mail(
                    reminder.subject,
                    reminder.body,
                    settings.DEFAULT_FROM_EMAIL,
                    reminder.recipients,
                    connection=connection,
                )
            sent += 1
        verb = "将提醒" if dry_run else "已提醒"
        self.stdout.write(
            self.style.SUCCESS(
                f"{year} 年度：{len(pending)} 家未报送，{verb} {sent} 家，{without_address} 家没有邮箱。"
            )
        )
