# The membership now belongs to ``accounts`` (accounts.0001 took over its state; its table stays).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_record_lists_published"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Membership")],
            database_operations=[],
        ),
    ]
