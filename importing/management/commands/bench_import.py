import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from importing.decode import ImportInputError
from importing.management.commands._gazetteer import command_gazetteer
from importing.pipeline import parse_source, read_source
from importing.store import ImportSummary, import_store

DEFAULT_SOURCE = "000_ac4ce678d924a366.txt"


class Command(BaseCommand):
    help = "测量导入速度：解析（读取、修复、拆分、抽取）和写库各用时；写库在回滚的事务中进行，不改变数据。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=None, help="要测量的文件（默认为街道活力篇汇编）")
        parser.add_argument("--repeat", type=int, default=5, help="重复次数（默认 5）")

    def handle(self, *args, path: Path | None, repeat: int, **options):
        path = path or Path(settings.SEEDS_DIR) / DEFAULT_SOURCE
        data = read_source(path)
        started = time.perf_counter()
        gazetteer = command_gazetteer()
        gazetteer_time = time.perf_counter() - started
        parse_times, total_times = [], []
        pieces = 0
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            try:
                parsed = parse_source(data, name=path.name, gazetteer=gazetteer)
            except ImportInputError as exc:
                raise CommandError(str(exc)) from exc
            parsed_at = time.perf_counter()
            # A dry run writes every record and rolls the transaction back: the full cost, no change.
            import_store(parsed=parsed, summary=ImportSummary(), dry_run=True)
            finished = time.perf_counter()
            parse_times.append(parsed_at - started)
            total_times.append(finished - started)
            pieces = len(parsed.pieces)
        size = len(data) / 1024
        self.stdout.write(f"{path.name}：{size:.0f} KB，{pieces} 篇，重复 {len(total_times)} 次")
        self.stdout.write(f"  读取行政区划     {gazetteer_time:6.3f} s（每次运行一次）")
        self.stdout.write(
            f"  解析（不写库）   中位数 {statistics.median(parse_times):6.3f} s，最快 {min(parse_times):6.3f} s"
        )
        self.stdout.write(
            f"  解析并写库       中位数 {statistics.median(total_times):6.3f} s，最快 {min(total_times):6.3f} s"
        )
        self.stdout.write("  （导入器不使用 jieba，没有词典加载时间。）")
