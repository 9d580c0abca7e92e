"""portal_backup → wipe → portal_restore gives back every row, attachment and search result, timestamps exact.

Runs the commands as an administrator would, in subprocesses, on a scratch database of the same
engine as the suite's (a SQLite file, or a scratch PostgreSQL database beside the test one).
"""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SCRIPTS = Path(__file__).parent / "scripts"


def manage(env, *args, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


class Postgres:
    """A scratch database on the suite's PostgreSQL server, created empty and dropped afterwards."""

    def __init__(self):
        import psycopg2

        db = connection.settings_dict
        self.params = {k: db[v] for k, v in [("host", "HOST"), ("port", "PORT"), ("user", "USER")] if db.get(v)}
        if db.get("PASSWORD"):
            self.params["password"] = db["PASSWORD"]
        self.name = f"portal_backup_{uuid.uuid4().hex[:8]}"
        self.admin = psycopg2.connect(dbname="postgres", **self.params)
        self.admin.autocommit = True

    def url(self) -> str:
        auth = self.params.get("user", "")
        if self.params.get("password"):
            auth += ":" + self.params["password"]
        return f"postgres://{auth}@{self.params.get('host', '')}:{self.params.get('port', 5432)}/{self.name}"

    def create(self):
        with self.admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with self.admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.mark.django_db
@pytest.mark.parametrize("migrated", [False, True], ids=["empty", "freshly-migrated"])
def test_backup_wipe_restore_gives_back_everything(tmp_path, migrated):
    """Restored into an empty database or into one ``migrate`` has just created (only content types and
    permissions: defect 3 of issue 22, refused before although the command's message accepted it)."""
    env = {**os.environ, "PORTAL_VAR_DIR": str(tmp_path / "var"), "MEDIA_ROOT": str(tmp_path / "media")}
    env.pop("DATABASE_URL", None)
    postgres = Postgres() if connection.vendor == "postgresql" else None
    if postgres:
        postgres.create()
        env["DATABASE_URL"] = postgres.url()
    try:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "shell", "--no-imports", stdin=(SCRIPTS / "backup_seed.py").read_text())
        before = json.loads(manage(env, "shell", "--no-imports", stdin=(SCRIPTS / "backup_snapshot.py").read_text()))
        assert before["media"] and before["search"]["帮扶"] and sum(before["tables"].values()) > 20

        archive = tmp_path / "backup" / "portal.tar.gz"
        out = manage(env, "portal_backup", str(archive), "--no-progress")
        assert archive.is_file() and "附件 1 个" in out

        # Wipe: the database and the attachments are gone.
        if postgres:
            postgres.drop()
            postgres.create()
        else:
            (tmp_path / "var" / "portal.sqlite3").unlink()
        for path in sorted((tmp_path / "media").rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        if migrated:
            manage(env, "migrate", "--no-input", "-v0")

        out = manage(env, "portal_restore", str(archive), "--no-progress")
        assert "与备份一致" in out
        after = json.loads(manage(env, "shell", "--no-imports", stdin=(SCRIPTS / "backup_snapshot.py").read_text()))
        assert after["tables"] == before["tables"]
        assert after["media"] == before["media"]
        assert after["search"] == before["search"]
        assert after["sample"] == before["sample"]  # timestamps exact: reprs carry the microseconds
        stamps = [v for rows in after["sample"].values() for row in rows for v in row.values() if "datetime(" in v]
        assert any(re.search(r"datetime\((\d+, ){6}\d+, tzinfo", stamp) for stamp in stamps), stamps[:3]

        # A second restore over the now full database is refused, changing nothing.
        done = subprocess.run(
            [sys.executable, "manage.py", "portal_restore", str(archive), "--no-progress"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode != 0 and "不是空的" in done.stderr
    finally:
        if postgres:
            postgres.drop()
            postgres.admin.close()
