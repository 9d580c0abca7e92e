import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pilots import selectors
from search.backends import get_engine
from search.indexing import search_index_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引（覆盖绕过 save() 的批量写入，如 update()、bulk_create()）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument(
            "--processes", type=int, default=None, help="分词进程数（默认：1,000 家以上按 CPU 核数，最多 4 个）"
        )

    def handle(self, *args, no_progress: bool = False, processes: int | None = None, **options):
        if processes is not None and processes < 1:
            raise CommandError("--processes 应为正整数")
        total = selectors.public_units().count()
        start = time.perf_counter()
        with tqdm(total=total, desc="索引试点单位", unit="家", disable=no_progress, file=self.stderr) as bar:
            indexed = search_index_rebuild(on_progress=bar.update, processes=processes)
        seconds = time.perf_counter() - start
        engine = get_engine()
        self.stdout.write(
            f"已索引 {indexed} 家已发布的试点单位（{engine.vendor}，索引 {engine.index_bytes():,} 字节，"
            f"{seconds:.1f} 秒，每秒 {indexed / max(seconds, 1e-6):.0f} 家）。"
        )
