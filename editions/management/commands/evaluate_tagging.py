"""Precision and recall of practice tagging per area, against pieces labelled by reading them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editions.tagging import DEFAULT_EXPECTED, load_expected, tagging_quality


class Command(BaseCommand):
    help = "做法标注的准确率与召回率（按领域），对照人工阅读标注的篇目。"

    def add_arguments(self, parser):
        parser.add_argument("--expected", default=str(DEFAULT_EXPECTED), help="人工标注文件（YAML）")
        parser.add_argument(
            "--source",
            choices=["fixtures", "importer"],
            default="fixtures",
            help="fixtures：fixtures/cases 中随篇目记录的举措做法（综述统计所用）；importer：导入程序按提示词识别",
        )
        parser.add_argument("--details", action="store_true", help="列出漏标和多标")

    def handle(self, *args, expected, source, details=False, **options):
        path = Path(expected)
        if not path.is_file():
            raise CommandError(f"找不到标注文件 {path}")
        quality = tagging_quality(load_expected(path), source=source)
        self.stdout.write(f"篇目 {quality.pieces} 篇（{source}）")
        for name in quality.missing:
            self.stdout.write(f"  数据库中没有：{name}")
        self.stdout.write(f"{'领域':<8}{'TP':>5}{'FP':>5}{'FN':>5}{'准确率':>9}{'召回率':>9}")
        for area in quality.areas:
            self.stdout.write(
                f"{area.name:<8}{area.true_positive:>5}{area.false_positive:>5}{area.false_negative:>5}"
                f"{area.precision:>10.0%}{area.recall:>10.0%}"
            )
            if details:
                for item in area.misses:
                    self.stdout.write(f"    漏标 {item}")
                for item in area.extras:
                    self.stdout.write(f"    多标 {item}")
