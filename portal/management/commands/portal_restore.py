import subprocess
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pilots import selectors
from portal.backup import BackupError, backup_restore, backup_resume, database_is_empty, table_counts
from search.models import SearchDocument


class Command(BaseCommand):
    help = "从 portal_backup 生成的归档恢复数据库和附件（只恢复到空数据库），然后核对行数和检索索引。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="portal_backup 生成的归档文件")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, path: Path, no_progress: bool = False, **options):
        if not path.is_file():
            raise CommandError(f"找不到归档文件：{path}")
        resumed = backup_resume()
        if resumed is not None:
            self.stdout.write(
                "上次恢复在数据库提交之后、附件目录切换之前中断：数据库与清单一致，已完成附件目录的切换。"
            )
        elif not database_is_empty():
            raise CommandError(
                "目标数据库不是空的：只能恢复到空数据库（新建的数据库，或刚执行 migrate、"
                "只有权限和内容类型记录的数据库）。未做任何改动。"
            )
        try:
            if resumed is None:
                with tqdm(desc="附件", unit="个", disable=no_progress, file=self.stderr) as bar:
                    manifest = backup_restore(path, on_file=bar.update)
            else:
                manifest = resumed
        except (BackupError, OSError, subprocess.CalledProcessError) as error:
            raise CommandError(f"恢复失败，数据库和附件目录保持原样：{error}") from error
        counts = table_counts()
        differing = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
        if differing:
            raise CommandError(f"恢复后的行数与备份不符：{differing}")
        # The index travels with the database; rebuild it if it does not cover the published units.
        indexed, published = SearchDocument.objects.count(), selectors.public_units().count()
        if indexed != published:
            call_command("rebuild_search_index", no_progress=no_progress, stdout=self.stdout)
            index_note = f"检索索引已重建（原有 {indexed} 条，应有 {published} 条）"
        else:
            index_note = f"检索索引完整（{indexed} 条）"
        rows = sum(counts.values())
        self.stdout.write(
            f"已从 {path} 恢复：{manifest['engine']} 数据库 {len(counts)} 张表 {rows:,} 行（与备份一致），"
            f"附件 {len(manifest['media'])} 个；{index_note}。"
        )
