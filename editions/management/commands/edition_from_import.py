"""Rebuild a printed volume from the published articles of its source file; the last line is the edition id."""

import unicodedata

from django.core.management.base import BaseCommand, CommandError

from editions.rebuild import RebuildError, edition_from_source


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cells(*cells: tuple[str, int, str]) -> str:
    """Cells padded to display width (Chinese characters take two columns): (text, width, "<" or ">")."""
    out = []
    for text, width, align in cells:
        pad = " " * max(width - _width(text), 0)
        out.append(text + pad if align == "<" else pad + text)
    return "  ".join(out)


class Command(BaseCommand):
    help = "从一份来源文件的已发布文章重建已印行的专刊分册，定稿为第1版，并对照印行的综述数字。最后一行为专刊编号。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="来源文件，如 ../shared/seeds/000_ac4ce678d924a366.txt")
        parser.add_argument("--title", help="专刊名称（默认：丛书名 · 分册名）")

    def handle(self, *args, path, title=None, **options):
        try:
            result = edition_from_source(path, title=title)
        except RebuildError as exc:
            raise CommandError(str(exc)) from exc
        edition, out = result.edition, self.stdout
        out.write(f"专刊：{edition.title}（{edition.magazine} {edition.issue_label}）")
        for volume in edition.volumes.all():
            out.write(f"分册：{volume.name}")
            for section in volume.sections.all():
                out.write(f"  {section.title}：{section.entries.count()} 篇")
        out.write(
            f"篇目共 {result.entries} 篇；定稿第 {result.version.number} 版（{result.version.content_hash[:12]}）"
        )
        if result.warnings:
            errors = sum(1 for w in result.warnings if w.startswith("错误"))
            notes = len(result.warnings) - errors
            out.write(f"校对：错误 {errors} 处、提示 {notes} 条（照印行原样定稿；改正后再定稿为新版本）：")
            for warning in result.warnings:
                out.write(f"  - {warning}")
        if result.figures:
            out.write("")
            out.write("综述数字对照（印行的数字出自更完整的报告，不必相同）：")
            columns = ((18, "<"), (10, ">"), (14, ">"), (6, ">"), (12, ">"))
            titles = ("做法", "印行", "本库计算", "差距", "有原文佐证")
            out.write(_cells(*((t, w, a) for t, (w, a) in zip(titles, columns, strict=True))))
            for figure in result.figures:
                printed = f"{figure.printed}%{figure.qualifier}" if figure.printed is not None else "—"
                computed = f"{figure.percent}% ({figure.count}/{figure.total})"
                distance = f"{figure.distance:+d}" if figure.distance is not None else "—"
                values = (figure.name, printed, computed, distance, str(figure.evidence_units))
                out.write(_cells(*((v, w, a) for v, (w, a) in zip(values, columns, strict=True))))
        else:
            out.write("综述文章没有记录印行的统计数字，只计算本库的数字。")
        out.write(str(edition.pk))
