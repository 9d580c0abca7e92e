"""One archive with the database and the attachments; restored into an empty database.

The database is copied by the engine's own tools — SQLite's online backup API, ``pg_dump`` /
``pg_restore`` (custom format) on PostgreSQL — so every row, every timestamp to the microsecond,
the search index (FTS5 table or tsvector columns) and the migration state travel unchanged;
``dumpdata`` would lose attachments and round timestamps. ``MEDIA_ROOT`` (the records'
attachments) goes beside it. ``manifest.json`` lists each table's row count and each file's
SHA-256. The restore checks both before it changes anything, restores the database in one
transaction and switches the attachments in by renaming a staging folder: all or nothing.

Archive layout (a tar file, gzip-compressed)::

    manifest.json
    database.sqlite3 | database.pgdump
    media/...
"""

import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT_VERSION = 1
PG_BIN_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/bin"]


class BackupError(Exception):
    pass


def table_counts() -> dict[str, int]:
    """Rows of every table of the database (Django's and the search index's alike)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path | None = None) -> dict[str, str]:
    """Every attachment under MEDIA_ROOT by relative path, with its SHA-256."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {str(path.relative_to(root)): _sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def _pg_tool(name: str) -> str:
    for directory in PG_BIN_DIRS:
        candidate = Path(directory) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found (install postgresql-client)")
    return found


def _pg_env_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, [*args, "--dbname", str(db["NAME"])]


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while the portal keeps running.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3"
    if connection.vendor == "postgresql":
        env, args = _pg_env_args()
        subprocess.run(
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
            env=env,
            check=True,
        )
        return "database.pgdump"
    raise BackupError(f"unsupported database engine: {connection.vendor}")


def backup_create(path: Path, *, on_file=None) -> dict:
    """Write the archive to ``path``; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "tables": table_counts(),
        "media": files,
    }
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        manifest["database"] = _dump_database(dump)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=manifest["database"])
            for name in files:
                archive.add(media_root / name, arcname=f"media/{name}")
                if on_file:
                    on_file()
        partial.replace(path)
    return manifest


# Rows a fresh ``migrate`` writes (content types and permissions; the migration log and the search
# index's own FTS bookkeeping are not models): a database holding only these is empty for a restore.
MIGRATE_ROWS = {("contenttypes", "contenttype"), ("auth", "permission")}


def database_is_empty() -> bool:
    """No model table holds a row beyond what ``migrate`` writes (a fresh file, or a migrated database)."""
    tables = set(table_counts())
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if (model._meta.app_label, model._meta.model_name) in MIGRATE_ROWS or model._meta.db_table not in tables:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"归档中有不安全的路径：{member.name}")
        yield member


def _crash_point(stage: str) -> None:
    """Tests kill the restore at a stage (``PORTAL_RESTORE_KILL_AT``) as a power cut or kill -9 would."""
    if os.environ.get("PORTAL_RESTORE_KILL_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def _unpack(path: Path, scratch: Path, staging: Path, on_file=None) -> dict:
    """The archive read whole into ``scratch`` (database, manifest) and ``staging`` (attachments), checked.

    Every attachment of the manifest must be there with its SHA-256, and nothing else; the target is
    not touched. A truncated or corrupt archive is refused here.
    """
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = list(_safe_members(archive))
            names = {member.name for member in members}
            if "manifest.json" not in names:
                raise BackupError("归档中没有 manifest.json：不是 portal_backup 生成的归档。")
            for member in members:
                if member.name.startswith("media/"):
                    if member.isfile():
                        archive.extract(member, staging, filter="data")
                        if on_file:
                            on_file()
                        _crash_point("media")
                else:
                    archive.extract(member, scratch, filter="data")
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"归档文件不完整或已损坏（{error}），未做任何改动。") from None
    manifest = json.loads((scratch / "manifest.json").read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"不认识的归档格式 {manifest.get('format')!r}")
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"归档中是 {manifest['engine']} 数据库，本门户使用 {connection.vendor}。")
    if not (scratch / manifest["database"]).is_file():
        raise BackupError(f"归档中缺少数据库文件 {manifest['database']}。")
    media = staging / "media"
    found = media_files(media)
    problems = [f"缺少附件 {name}" for name in manifest["media"] if name not in found]
    problems += [
        f"附件 {name} 的 SHA-256 与清单不符（{found[name][:12]}…，清单 {digest[:12]}…）"
        for name, digest in manifest["media"].items()
        if name in found and found[name] != digest
    ]
    problems += [f"附件 {name} 不在清单中" for name in found if name not in manifest["media"]]
    if problems:
        shown = "；".join(problems[:5]) + (f"；等共 {len(problems)} 处" if len(problems) > 5 else "")
        raise BackupError(f"归档与清单不符，未做任何改动：{shown}。")
    return manifest


def _sqlite_counts(path: Path) -> dict[str, int]:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: source.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        source.close()


def _check_counts(manifest: dict, counts: dict[str, int]) -> None:
    differing = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if differing:
        shown = "；".join(f"{t}：清单 {n} 行，归档中 {m} 行" for t, (n, m) in list(differing.items())[:5])
        raise BackupError(f"归档中的数据库与清单的行数不符，未做任何改动：{shown}。")


def _restore_sqlite(dump: Path, manifest: dict) -> None:
    # The archive's database is checked where it lies, then copied into the live file in one
    # transaction of SQLite's backup API: a kill -9 midway leaves a hot journal that rolls it back.
    _check_counts(manifest, _sqlite_counts(dump))
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection, pages=256, progress=lambda *_: _crash_point("database"))
    finally:
        source.close()


_VERIFY = """DO $$ DECLARE found bigint; BEGIN
  SELECT COUNT(*) INTO found FROM {table};
  IF found <> {count} THEN
    RAISE EXCEPTION 'restore: table % has % rows, the manifest % ', {name}, found, {count};
  END IF;
END $$;
"""


def _restore_postgresql(dump: Path, scratch: Path, manifest: dict) -> None:
    # The dump as SQL, then one psql transaction: the restore and a check of every table's count
    # against the manifest; any error (or a kill) and PostgreSQL rolls the whole of it back.
    env, args = _pg_env_args()
    script = scratch / "restore.sql"
    subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(script),
            str(dump),
        ],
        env=env,
        check=True,
    )
    verify = scratch / "verify.sql"
    # The dump's script empties search_path; the manifest's names are those of the default one.
    verify.write_text(
        "RESET search_path;\n"
        + "".join(
            _VERIFY.format(table=_pg_ident(table), count=int(count), name="'" + table.replace("'", "''") + "'")
            for table, count in manifest["tables"].items()
        )
    )
    files = ["--file", str(script), "--file", str(verify)]
    if os.environ.get("PORTAL_RESTORE_KILL_AT") == "database":
        # The test's kill must land before the commit however fast the restore is: hold it open a moment.
        hold = scratch / "hold.sql"
        hold.write_text("SELECT pg_sleep(2);\n")
        files += ["--file", str(hold)]
    connection.close()
    command = [_pg_tool("psql"), "--quiet", "--no-psqlrc", "--set", "ON_ERROR_STOP=1", "--single-transaction"]
    process = subprocess.Popen(
        [*command, *files, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if os.environ.get("PORTAL_RESTORE_KILL_AT") == "database":
        time.sleep(0.5)
        process.kill()
        _crash_point("database")
    _, errors = process.communicate()
    if process.returncode != 0:
        raise BackupError(f"数据库恢复失败，已整体回滚，数据库保持原样：{errors.strip()[-500:]}")


def _pg_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def backup_restore(path: Path, *, on_file=None) -> dict:
    """Restore the archive at ``path`` into the (empty) database and MEDIA_ROOT, all or nothing.

    1. The archive is unpacked into scratch space and a staging folder beside ``MEDIA_ROOT``;
       every attachment's SHA-256 and every table's row count are checked against the manifest,
       and the manifest is kept in the staging folder (it is then a checked, complete copy).
    2. The database is restored in one transaction that fails as a whole.
    3. Only then is the staging folder renamed into place (the former ``MEDIA_ROOT`` set aside and
       removed once the new one is in place).

    Any failure before the database's commit leaves the database and ``MEDIA_ROOT`` as they were. A
    kill between the commit and the rename leaves the staging folder with its manifest: the next
    ``portal_restore`` finishes the switch (:func:`backup_resume`) instead of refusing the database.
    """
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _staging_folders(media_root):
        shutil.rmtree(leftover, ignore_errors=True)  # what a killed restore left beside MEDIA_ROOT
    staging = Path(tempfile.mkdtemp(prefix=f".{media_root.name}.restore-", dir=media_root.parent))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            manifest = _unpack(path, Path(scratch), staging, on_file)
            (staging / "media").mkdir(exist_ok=True)
            shutil.copy(Path(scratch) / "manifest.json", staging / "manifest.json")
            dump = Path(scratch) / manifest["database"]
            if connection.vendor == "sqlite":
                _restore_sqlite(dump, manifest)
            else:
                _restore_postgresql(dump, Path(scratch), manifest)
            _crash_point("switch")
            _switch_media(staging, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _staging_folders(media_root: Path) -> list[Path]:
    return sorted(media_root.parent.glob(f".{media_root.name}.restore-*"))


def _switch_media(staging: Path, media_root: Path) -> None:
    """The checked attachments in ``staging/media`` become ``MEDIA_ROOT`` (the former one set aside)."""
    aside = staging / "before"
    if media_root.exists():
        media_root.rename(aside)
    try:
        (staging / "media").rename(media_root)
    except OSError:
        if aside.exists():
            aside.rename(media_root)
        raise


def backup_resume() -> dict | None:
    """Finish a restore killed after its database committed and before its attachments were switched.

    Such a restore left a staging folder holding a checked copy of the attachments and the manifest,
    and a database whose row counts are the manifest's: the switch is done now and the manifest
    returned. Anything else (no leftover, or a database that is not the archive's) returns None and
    changes nothing here.
    """
    media_root = Path(settings.MEDIA_ROOT)
    for staging in reversed(_staging_folders(media_root)):
        if not (staging / "manifest.json").is_file() or not (staging / "media").is_dir():
            continue
        manifest = json.loads((staging / "manifest.json").read_text())
        if manifest.get("engine") != connection.vendor or media_files(staging / "media") != manifest.get("media"):
            continue
        counts = table_counts()
        if any(counts.get(table) != count for table, count in manifest.get("tables", {}).items()):
            continue
        _switch_media(staging, media_root)
        shutil.rmtree(staging, ignore_errors=True)
        return manifest
    return None
