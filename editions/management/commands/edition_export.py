"""Export a frozen version of a special issue as DOCX, PDF or print HTML, with a progress bar."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from editions.exporters import FORMATS, export_steps
from editions.models import Edition
from editions.services import edition_export


class Command(BaseCommand):
    help = "导出专刊的定稿版本（默认最新一版）为 Word、PDF 或打印用 HTML。"

    def add_arguments(self, parser):
        parser.add_argument("edition_id", type=int, metavar="ID", help="专刊编号")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), required=True, help="docx | pdf | html")
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")
        parser.add_argument("--edition-version", dest="number", type=int, help="定稿版本号（默认最新）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, edition_id, fmt, output, number=None, no_progress=False, **options):
        edition = Edition.objects.filter(pk=edition_id).first()
        if edition is None:
            raise CommandError(f"没有编号为 {edition_id} 的专刊。")
        latest = (
            edition.versions.order_by("-number").first()
            if number is None
            else edition.versions.filter(number=number).first()
        )
        total = export_steps(latest.content, fmt) if latest else 0
        started = time.perf_counter()
        with tqdm(total=total, desc=f"导出 {fmt.upper()}", unit="步", disable=no_progress, file=self.stderr) as bar:
            try:
                version, data = edition_export(edition=edition, fmt=fmt, number=number, progress=bar.update)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {path}：{exc.strerror}") from exc
        elapsed = time.perf_counter() - started
        done = f"已导出“{edition.title}”第{version.number}版为 {fmt.upper()}"
        self.stdout.write(f"{done}：{path}（{len(data):,} 字节，{elapsed:.1f} 秒）")
