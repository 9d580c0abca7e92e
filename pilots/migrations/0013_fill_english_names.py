"""Every practice area, practice and indicator has its English name: the ones a database holds without
one (loaded before the fixtures carried ``name_en``, or added since by hand) take it from the fixtures,
where each is written out. A name an editor gave is never overwritten."""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import migrations


def _english_names() -> tuple[dict, dict, dict]:
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    areas, practices, indicators = {}, {}, {}
    practice_file, indicator_file = fixtures / "practices.yaml", fixtures / "indicators.yaml"
    if practice_file.is_file():
        for area in yaml.safe_load(practice_file.read_text(encoding="utf-8"))["areas"]:
            areas[area["code"]] = area.get("name_en", "")
            for practice in area.get("practices", []):
                practices[practice["code"]] = practice.get("name_en", "")
    if indicator_file.is_file():
        for indicator in yaml.safe_load(indicator_file.read_text(encoding="utf-8"))["indicators"]:
            indicators[indicator["code"]] = indicator.get("name_en", "")
    return areas, practices, indicators


def fill_english_names(apps, schema_editor):
    areas, practices, indicators = _english_names()
    for model, names in (("PracticeArea", areas), ("Practice", practices), ("IndicatorDefinition", indicators)):
        Model = apps.get_model("pilots", model)
        for row in Model.objects.filter(name_en="", code__in=[code for code, name in names.items() if name]):
            row.name_en = names[row.code]
            row.save(update_fields=["name_en"])


class Migration(migrations.Migration):
    dependencies = [("pilots", "0012_indicator_allows_qualifier")]

    operations = [migrations.RunPython(fill_english_names, migrations.RunPython.noop)]
