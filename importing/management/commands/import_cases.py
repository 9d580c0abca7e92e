import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from importing.decode import ImportInputError
from importing.management.commands._gazetteer import command_gazetteer
from importing.pipeline import FORMATS, parse_source, read_source
from importing.store import ImportSummary, import_store


class Command(BaseCommand):
    help = (
        "导入汇编专刊或报刊文本：拆分篇目，识别单位、地区、栏目、标题、作者和数字，"
        "写入草稿，读出的数字、举措和阵地作为待审内容，由编辑在 /imports/ 审核后发布（--publish 直接发布）。"
        "重复导入同一文件只更新，不会重复创建，也不会覆盖编辑已接受的内容。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="要导入的文本文件")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="auto",
            help="compilation：专刊汇编；article：报刊文章；auto（默认）：按内容判断",
        )
        parser.add_argument("--dry-run", action="store_true", help="只解析和校验，不写入数据库")
        parser.add_argument("--json", action="store_true", help="每篇输出一行 JSON（按文中顺序）到标准输出")
        parser.add_argument("--publish", action="store_true", help="导入后直接发布（默认存为草稿）")
        parser.add_argument("--outlet", default="", help="来源媒体名称（页面未写明时使用，如“浙江工人日报”）")
        parser.add_argument("--date", default="", help="发表日期 YYYY-MM-DD（页面未写明时使用）")

    def handle(self, *args, paths, format, dry_run, json, publish, verbosity, **options):
        outlet, given_date = options["outlet"].strip()[:100], options["date"].strip()
        if given_date:
            try:
                given_date = date.fromisoformat(given_date).isoformat()
            except ValueError as exc:
                raise CommandError(f"--date：“{given_date}”不是 YYYY-MM-DD 格式的日期。") from exc
        gazetteer = command_gazetteer()
        summary = ImportSummary()
        # The summary goes to standard error when standard output carries the JSON lines.
        report = self.stderr if json else self.stdout
        show_bar = verbosity > 0 and len(paths) > 1
        for path in tqdm(paths, desc="导入文件", unit="个", disable=not show_bar):
            try:
                parsed = parse_source(read_source(path), name=path.name, fmt=format, gazetteer=gazetteer)
                for piece in parsed.pieces:  # what the page states wins; the options fill what it does not
                    piece.outlet = piece.outlet or outlet or None
                    piece.date = piece.date or given_date or None
                import_store(parsed=parsed, summary=summary, publish=publish, dry_run=dry_run)
            except ImportInputError as exc:
                self._fail(summary, str(exc))
                continue
            except ValidationError as exc:
                self._fail(summary, f"{path.name}：数据校验失败，本文件未写入任何内容：{'；'.join(exc.messages)}")
                continue
            except DatabaseError as exc:
                self._fail(summary, f"{path.name}：写入数据库失败，本文件未写入任何内容：{exc}")
                continue
            summary.files += 1
            summary.warnings += [f"{path.name}：{warning}" for warning in parsed.warnings]
            if json:
                for piece in parsed.pieces:
                    self.stdout.write(_dumps({"file": path.name, **piece.as_json()}))
        self._summary(report, summary, dry_run=dry_run, verbosity=verbosity)
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} 个文件导入失败，见上。")

    def _fail(self, summary: ImportSummary, message: str) -> None:
        summary.failures.append(message)
        self.stderr.write(self.style.ERROR(message))

    def _summary(self, out, summary: ImportSummary, *, dry_run: bool, verbosity: int) -> None:
        if verbosity == 0:
            return
        prefix = "试运行（未写入）：" if dry_run else "导入完成："
        out.write(
            self.style.SUCCESS(
                f"{prefix}{summary.files} 个文件，{summary.pieces} 篇；新建单位 {summary.units_created} 个，"
                f"提出新单位 {summary.units_proposed} 个（编辑接受后建立），"
                f"匹配已有单位 {summary.units_matched} 次；新建文章 {summary.articles_created} 篇，"
                f"更新文章 {summary.articles_updated} 篇"
                f"（其中 {summary.articles_kept} 篇非导入所建，只补空字段）；写入指标值 {summary.indicators} 条"
                f"（另有 {summary.unclassified_figures} 个数字未归入标准指标）；新增待审内容 {summary.proposals} 条；"
                f"警告 {len(summary.warnings)} 条；失败 {len(summary.failures)} 个文件。"
            )
        )
        for message in summary.overwritten:
            out.write(self.style.WARNING(f"覆盖编辑修改：{message}"))
        for message in summary.conflicts:
            out.write(self.style.WARNING(f"冲突（未覆盖）：{message}"))
        if verbosity > 1 or summary.failures:
            for message in summary.warnings:
                out.write(self.style.WARNING(f"警告：{message}"))
        for message in summary.failures:
            out.write(self.style.ERROR(f"失败：{message}"))


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
