from django.db import migrations, models

# What a street union counts exactly in its own books: its staff, its stations and federations, its
# cases, files and contracts. The sources print these exact (every one of them in the seed texts is);
# the counts and rates they print as "95%以上" or "1000余人" keep the qualifier.
EXACT_ONLY = [
    "joint_unions",
    "union_federations",
    "new_unions",
    "fulltime_staff",
    "parttime_vice_chairs",
    "assistants",
    "social_workers",
    "union_cadres",
    "service_stations",
    "mediation_cases",
    "hardship_files",
    "collective_contracts",
    "matchmaking_pairs",
    "chair_allowance",
]


def exact_only(apps, schema_editor):
    definitions = apps.get_model("pilots", "IndicatorDefinition")
    definitions.objects.filter(code__in=EXACT_ONLY).update(allows_qualifier=False)


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0011_article_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatordefinition",
            name="allows_qualifier",
            field=models.BooleanField(
                default=True,
                help_text="报送时可选“以上”“左右”“近”“余”：来源常写作“95%以上”“1000余人”的数量和比率可带；本单位确切掌握的数（专职人员、站点、案件、合同）不带",
                verbose_name="可带限定词",
            ),
        ),
        migrations.RunPython(exact_only, migrations.RunPython.noop),
    ]
