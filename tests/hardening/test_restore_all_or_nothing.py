"""portal_restore is all or nothing: a tampered, incomplete, truncated or interrupted restore leaves
the target database and MEDIA_ROOT exactly as they were, says why, and a retry then succeeds.

One archive is made once (the backup test's seed plus a second attachment); each case restores into
a freshly migrated database (only content types and permissions: accepted) with a MEDIA_ROOT
holding one file of its own, in a subprocess as an administrator would run it.
"""

import gzip
import io
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .test_backup import SCRIPTS, Postgres, manage

EXTRA_ATTACHMENT = """
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import Membership
from reports.models import AnnualRecord
from reports.services.attachments import attachment_add
record = AnnualRecord.objects.get()
user = Membership.objects.get().user
record.status = "draft"; record.save(update_fields=["status"])
png = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256)) * 60
attachment_add(actor=user, record=record, upload=SimpleUploadedFile("照片.png", png, content_type="image/png"))
"""


def _state(env) -> dict:
    import json

    return json.loads(manage(env, "shell", "--no-imports", stdin=(SCRIPTS / "restore_state.py").read_text()))


def _restore(env, archive, **extra):
    return subprocess.run(
        [sys.executable, "manage.py", "portal_restore", str(archive), "--no-progress"],
        cwd=settings.BASE_DIR,
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=600,
    )


class Scratch:
    """Databases of the suite's engine: the source of the archive and fresh targets (migrated once)."""

    def __init__(self, root: Path):
        self.root = root
        self.postgres = Postgres() if connection.vendor == "postgresql" else None
        self.made: list[str] = []

    def env(self, name: str) -> dict:
        env = {**os.environ, "PORTAL_VAR_DIR": str(self.root / name), "MEDIA_ROOT": str(self.root / name / "media")}
        env.pop("DATABASE_URL", None)
        env.pop("PORTAL_RESTORE_KILL_AT", None)
        if self.postgres:
            env["DATABASE_URL"] = self.postgres.url().rsplit("/", 1)[0] + f"/{self._db(name)}"
        return env

    def _db(self, name: str) -> str:
        return f"{self.postgres.name}_{name}"

    def create(self, name: str, template: str | None = None) -> dict:
        (self.root / name).mkdir(parents=True, exist_ok=True)
        if self.postgres:
            with self.postgres.admin.cursor() as cursor:
                suffix = f' TEMPLATE "{self._db(template)}"' if template else ""
                cursor.execute(f'CREATE DATABASE "{self._db(name)}"{suffix}')
            self.made.append(self._db(name))
        elif template:
            shutil.copy(self.root / template / "portal.sqlite3", self.root / name / "portal.sqlite3")
        return self.env(name)

    def close(self):
        if self.postgres:
            with self.postgres.admin.cursor() as cursor:
                for name in reversed(self.made):
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.postgres.admin.close()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    root = tmp_path_factory.mktemp("restore")
    scratch = Scratch(root)
    try:
        source = scratch.create("source")
        manage(source, "migrate", "--no-input", "-v0")
        fresh = scratch.create("fresh")
        manage(fresh, "migrate", "--no-input", "-v0")
        scratch.fresh_state = _state(fresh)
        manage(source, "shell", "--no-imports", stdin=(SCRIPTS / "backup_seed.py").read_text())
        manage(source, "shell", "--no-imports", stdin=EXTRA_ATTACHMENT)
        scratch.archive = root / "portal.tar.gz"
        manage(source, "portal_backup", str(scratch.archive), "--no-progress")
        scratch.source_state = _state(source)
        assert len(scratch.source_state["media"]) == 2
        yield scratch
    finally:
        scratch.close()


@pytest.fixture
def target(scratch):
    """A freshly migrated database and a MEDIA_ROOT with one file of its own."""
    name = f"t{uuid.uuid4().hex[:6]}"
    env = scratch.create(name, template="fresh")
    media = Path(env["MEDIA_ROOT"])
    media.mkdir(parents=True)
    (media / "already-here.txt").write_text("这个文件在恢复前就在。")
    before = _state(env)
    assert before["tables"] == scratch.fresh_state["tables"]
    return env, before


def _rewrite(archive: Path, out: Path, change) -> Path:
    """A copy of the archive with ``change(name, data)`` applied to each member (None drops it)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if data is not None:
                data = change(member.name, data)
                if data is None:
                    continue
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return out


def _unchanged(env, before):
    assert _state(env) == before


def test_a_tampered_attachment_is_refused_and_changes_nothing(scratch, target, tmp_path):
    env, before = target
    first = sorted(scratch.source_state["media"])[0]
    tampered = _rewrite(
        scratch.archive,
        tmp_path / "tampered.tar.gz",
        lambda name, data: data[:-1] + b"!" if name.endswith(first) else data,
    )
    done = _restore(env, tampered)
    print(done.stderr)
    assert done.returncode != 0 and "SHA-256 与清单不符" in done.stderr and first in done.stderr
    assert "保持原样" in done.stderr
    _unchanged(env, before)


def test_a_missing_attachment_is_refused_and_changes_nothing(scratch, target, tmp_path):
    env, before = target
    gone = sorted(scratch.source_state["media"])[-1]
    missing = _rewrite(
        scratch.archive, tmp_path / "missing.tar.gz", lambda name, data: None if name.endswith(gone) else data
    )
    done = _restore(env, missing)
    print(done.stderr)
    assert done.returncode != 0 and "缺少附件" in done.stderr and gone in done.stderr
    _unchanged(env, before)
    # The retry is not refused for a database left half-restored: the proper archive restores.
    done = _restore(env, scratch.archive)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_truncated_archive_is_refused_and_changes_nothing(scratch, target, tmp_path):
    env, before = target
    data = scratch.archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    done = _restore(env, truncated)
    print(done.stderr)
    assert done.returncode != 0 and "不完整或已损坏" in done.stderr
    _unchanged(env, before)
    # A gzip that is whole but holds a cut tar is refused the same way.
    inner = gzip.decompress(data)
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(gzip.compress(inner[: len(inner) // 2]))
    done = _restore(env, cut)
    assert done.returncode != 0 and ("不完整或已损坏" in done.stderr or "缺少" in done.stderr), done.stderr
    _unchanged(env, before)


@pytest.mark.parametrize("stage", ["media", "database"])
def test_a_killed_restore_leaves_the_target_as_it_was_and_the_retry_succeeds(scratch, target, stage):
    env, before = target
    done = _restore(env, scratch.archive, PORTAL_RESTORE_KILL_AT=stage)
    assert done.returncode == -9, (done.returncode, done.stderr[-2000:])
    _unchanged(env, before)
    done = _restore(env, scratch.archive)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "与备份一致" in done.stdout
    after = _state(env)
    assert after["media"] == scratch.source_state["media"]
    assert {t: n for t, n in after["tables"].items() if not t.startswith("search_")} == {
        t: n for t, n in scratch.source_state["tables"].items() if not t.startswith("search_")
    }


def test_a_restore_killed_between_the_commit_and_the_switch_is_finished_by_the_retry(scratch, target):
    """The one step after the database's commit: the attachments' folder renamed into place. Killed
    there, the database is the archive's and MEDIA_ROOT the former one; the retry, refused before
    (the database is not empty), finds the checked staging copy and finishes the switch."""
    env, before = target
    done = _restore(env, scratch.archive, PORTAL_RESTORE_KILL_AT="switch")
    assert done.returncode == -9, (done.returncode, done.stderr[-2000:])
    assert _state(env)["media"] == before["media"]  # not switched yet
    done = _restore(env, scratch.archive)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "已完成附件目录的切换" in done.stdout and "与备份一致" in done.stdout
    after = _state(env)
    assert after["media"] == scratch.source_state["media"]
    assert {t: n for t, n in after["tables"].items() if not t.startswith("search_")} == {
        t: n for t, n in scratch.source_state["tables"].items() if not t.startswith("search_")
    }
    assert not list(Path(env["MEDIA_ROOT"]).parent.glob(".media.restore-*"))  # nothing left beside it
    done = _restore(env, scratch.archive)
    assert done.returncode != 0 and "目标数据库不是空的" in done.stderr  # and once done, done
