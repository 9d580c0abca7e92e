"""The gazetteer for the import commands, or a clear error when the places are not loaded yet."""

from django.core.management.base import CommandError
from django.db import DatabaseError

from importing.gazetteer import Gazetteer

NOT_LOADED = "数据库里还没有地区（市、县、街道）：先运行 make data（迁移并载入基础数据），再导入或评估。"


def command_gazetteer() -> Gazetteer:
    """Without the regions every place would read as unknown: the command stops before reading anything."""
    try:
        gazetteer = Gazetteer.from_db()
    except DatabaseError as exc:  # not migrated
        raise CommandError(NOT_LOADED) from exc
    if not gazetteer.cities:
        raise CommandError(NOT_LOADED)
    return gazetteer
