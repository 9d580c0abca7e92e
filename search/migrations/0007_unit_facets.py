"""The facet table (search.facet_table): per published unit, the values the library's facets count.

Units already indexed get their rows here, from their records, as the index's writers write them
from now on (only the columns the facets count are read, so the fill runs on any later schema of
the units).
"""

import django.db.models.deletion
import search.models
from django.db import migrations, models


def fill(apps, schema_editor):
    if not apps.get_model("search", "SearchDocument").objects.exists():
        return  # a new database: nothing indexed yet
    from search.facet_table import write_unit_facets

    write_unit_facets()


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0015_dashboard_indexes_cover_id_and_kind"),
        ("search", "0006_pieces_without_positions"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("city", models.CharField(max_length=100, null=True, verbose_name="地级市")),
                ("county", models.CharField(max_length=100, null=True, verbose_name="县（市、区）")),
                ("kind", models.CharField(max_length=30, verbose_name="类型")),
                ("pilot_level", models.CharField(max_length=20, verbose_name="试点层级")),
                ("designated_year", models.PositiveSmallIntegerField(null=True, verbose_name="确定为试点年份")),
            ],
            options={
                "verbose_name": "筛选值组合",
                "verbose_name_plural": "筛选值组合",
            },
        ),
        migrations.CreateModel(
            name="UnitFacets",
            fields=[
                (
                    "unit",
                    search.models.UnitKeyField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="pilots.pilotunit",
                        verbose_name="试点单位",
                    ),
                ),
                (
                    "key",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="search.facetkey",
                        verbose_name="筛选值组合",
                    ),
                ),
            ],
            options={
                "verbose_name": "单位筛选值",
                "verbose_name_plural": "单位筛选值",
            },
        ),
        migrations.CreateModel(
            name="UnitFacetValue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("param", models.CharField(max_length=20, verbose_name="筛选项")),
                ("value", models.CharField(max_length=100, verbose_name="值")),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pilots.pilotunit",
                        verbose_name="试点单位",
                    ),
                ),
            ],
            options={
                "verbose_name": "单位多值筛选值",
                "verbose_name_plural": "单位多值筛选值",
                "constraints": [
                    models.UniqueConstraint(fields=("unit", "param", "value"), name="unit_facet_value_unique")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
