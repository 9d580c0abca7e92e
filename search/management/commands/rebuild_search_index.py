from django.core.management.base import BaseCommand
from tqdm import tqdm

from pilots import selectors
from search.engines import get_engine
from search.indexing import search_index_rebuild


class Command(BaseCommand):
    help = "重建全文检索索引（覆盖绕过 save() 的批量写入，如 update()、bulk_create()）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, no_progress: bool = False, **options):
        total = selectors.public_units().count()
        with tqdm(total=total, desc="索引试点单位", unit="家", disable=no_progress, file=self.stderr) as bar:
            indexed = search_index_rebuild(on_progress=bar.update)
        engine = get_engine()
        engine.optimize()
        self.stdout.write(
            f"已索引 {indexed} 家已发布的试点单位（{engine.vendor}，索引 {engine.index_bytes():,} 字节）。"
        )
