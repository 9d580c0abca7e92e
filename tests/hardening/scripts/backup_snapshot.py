# Run with `manage.py shell`: prints what a backup must preserve, as JSON (timestamps to the microsecond).
import json

from django.apps import apps

from portal.backup import media_files, table_counts
from search.backends import get_engine
from search.query import parse_query

sample = {}
for model in apps.get_models():
    rows = model._default_manager.order_by("pk").values()[:5]
    sample[model._meta.label] = [{key: repr(value) for key, value in row.items()} for row in rows]
engine = get_engine()
print(
    json.dumps(
        {
            "tables": table_counts(),
            "sample": sample,
            "media": media_files(),
            "search": {word: sorted(engine.matching_ids(parse_query(word))) for word in ("帮扶", "职工", "城东")},
        },
        ensure_ascii=False,
        sort_keys=True,
    )
)
