from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pilots.services.portal_data import PortalDataError, portal_data_load


class Command(BaseCommand):
    help = "载入行政区划、做法分类、指标定义和种子试点案例（可重复执行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None, help="fixtures 目录（默认为项目的 fixtures/）")

    def handle(self, *args, fixtures: Path | None, verbosity: int, **options):
        with tqdm(desc="载入案例", unit="篇", disable=verbosity == 0 or None) as bar:

            def set_total(total: int) -> None:
                bar.total = total
                bar.refresh()

            try:
                report = portal_data_load(directory=fixtures, on_piece=bar.update, on_total=set_total)
            except PortalDataError as exc:
                raise CommandError("数据有误，未写入任何内容：\n" + "\n".join(exc.errors)) from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if verbosity:
            created = sum(report.created.values())
            updated = sum(report.updated.values())
            unchanged = sum(report.unchanged.values())
            self.stdout.write(self.style.SUCCESS(f"完成：新建 {created} 条，更新 {updated} 条，未变 {unchanged} 条。"))
            for label, counter in (("新建", report.created), ("更新", report.updated)):
                for name, count in sorted(counter.items()):
                    self.stdout.write(f"  {label}{name}：{count}")
