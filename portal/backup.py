"""One archive with the database and the attachments; restored into an empty database.

The database is copied by the engine's own tools — SQLite's online backup API, ``pg_dump`` /
``pg_restore`` (custom format) on PostgreSQL — so every row, every timestamp to the microsecond,
the search index (FTS5 table or tsvector columns) and the migration state travel unchanged;
``dumpdata`` would lose attachments and round timestamps. ``MEDIA_ROOT`` (the records'
attachments) goes beside it. ``manifest.json`` lists each table's row count and each file's
SHA-256, and the restore checks both.

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
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

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


def database_is_empty() -> bool:
    """No table holds a row (a fresh file, or a database migrated but never loaded)."""
    return not any(table_counts().values()) or not table_counts()


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unsafe path in archive: {member.name}")
        yield member


def backup_restore(path: Path, *, on_file=None) -> dict:
    """Restore the archive at ``path`` into the (empty) database and MEDIA_ROOT; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r:gz") as archive:
        members = list(_safe_members(archive))
        archive.extractall(scratch, members=members, filter="data")
        manifest = json.loads((Path(scratch) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"unknown archive format {manifest.get('format')!r}")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"the archive holds a {manifest['engine']} database; this portal uses {connection.vendor}"
            )
        dump = Path(scratch) / manifest["database"]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                # Page by page into the live database file: its schema and rows become the archive's.
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            env, args = _pg_env_args()
            subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    *args,
                    str(dump),
                ],
                env=env,
                check=True,
            )
        extracted = Path(scratch) / "media"
        for name in manifest["media"]:
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(extracted / name, target)
            if on_file:
                on_file()
    return manifest
