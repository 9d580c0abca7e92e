from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.backup import BackupError, backup_create, media_files


class Command(BaseCommand):
    help = "把数据库（SQLite 在线备份 / pg_dump）和附件（MEDIA_ROOT）备份到一个归档文件 PATH（.tar.gz）。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="归档文件路径，例如 backups/portal-2026-11-27.tar.gz")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, path: Path, no_progress: bool = False, **options):
        total = len(media_files())
        try:
            with tqdm(total=total, desc="附件", unit="个", disable=no_progress, file=self.stderr) as bar:
                manifest = backup_create(path, on_file=bar.update)
        except (BackupError, OSError) as error:
            raise CommandError(f"备份失败：{error}") from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"已备份到 {path}（{path.stat().st_size:,} 字节）：{manifest['engine']} 数据库 "
            f"{len(manifest['tables'])} 张表 {rows:,} 行，附件 {len(manifest['media'])} 个。"
        )
