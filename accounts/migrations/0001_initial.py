# The membership moves here from ``reports`` without touching the database: its table keeps its name
# (``reports_membership``), this migration takes over the model's state and reports.0003 lets it go.
# Only the content type follows (so permissions granted on memberships and the admin's history keep
# pointing at the model); a fresh database has none yet.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="accounts", model="membership").exists():
        ContentType.objects.using(db).filter(app_label="reports", model="membership").update(app_label="accounts")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="reports", model="membership").exists():
        ContentType.objects.using(db).filter(app_label="accounts", model="membership").update(app_label="reports")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pilots", "0001_initial"),
        ("reports", "0002_record_lists_published"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("submitter", "填报人"),
                                    ("reviewer", "审核人"),
                                    ("staff", "省总工会工作人员"),
                                    ("editor", "编辑"),
                                    ("admin", "管理员"),
                                ],
                                max_length=12,
                                verbose_name="角色",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memberships",
                                to="pilots.region",
                                verbose_name="负责区域",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memberships",
                                to="pilots.pilotunit",
                                verbose_name="所属试点单位",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="membership",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="账号",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "账号角色",
                        "verbose_name_plural": "账号角色",
                        "db_table": "reports_membership",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("role", "submitter"), ("unit__isnull", False), ("region__isnull", True)),
                                    models.Q(("role", "reviewer"), ("region__isnull", False), ("unit__isnull", True)),
                                    models.Q(
                                        ("role__in", ["staff", "editor", "admin"]),
                                        ("unit__isnull", True),
                                        ("region__isnull", True),
                                    ),
                                    _connector="OR",
                                ),
                                name="membership_scope_matches_role",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
