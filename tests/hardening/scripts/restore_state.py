# Run with `manage.py shell`: the target's state as JSON (every table's row count, every attachment's SHA-256).
import json

from portal.backup import media_files, table_counts

print(json.dumps({"tables": table_counts(), "media": media_files()}))
