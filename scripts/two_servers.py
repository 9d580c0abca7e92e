#!/usr/bin/env python3
"""Two app servers behind one database and one cache: what one shows, the other shows.

Run by ``.ci/run`` against its throwaway PostgreSQL and Redis (``DATABASE_URL``, ``CACHE_URL``; the
database is loaded here). Starts two gunicorn servers as ``make serve`` runs them (production
settings, ``--preload``, 2 workers each) on two loopback ports, and one job worker
(``manage.py run_jobs``), then checks, printing one line per check:

- a unit edited through server A's admin shows at once on B: the case page, the search results
  (page and API) and a dashboard panel, each asked on B before the edit (so B had it remembered);
- an anonymous client's API throttle counts requests to A and to B together;
- a session made by logging in on A is a session on B;
- a login locked out on A is locked out on B;
- a special issue frozen on A has its PDF, DOCX and HTML built by the worker (one job of the jobs
  app) and the stored PDF is downloaded from B; a backup asked for on A is run by the worker and its
  archive downloaded from B; a worker killed with SIGKILL in mid-job leaves nothing served, and the
  job runs again to the end.

Exits non-zero at the first check that fails. Everything stays on loopback and is stopped at the end.
"""

import contextlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
WORD = f"zjscale{secrets.randbelow(10**6):06d}"  # a token no record holds
THROTTLE = 12  # anonymous API requests a minute, over both servers
LOCKOUT = 3  # failed logins before a lockout
PASSWORD = secrets.token_urlsafe(16)
# As `make serve` runs it (2 workers here).
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "portal.wsgi:application",
    "--preload",
    "--workers",
    "2",
    "--log-level",
    "warning",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


class Form(HTMLParser):
    """The fields of the first form with a given id, as a browser would submit them."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select, self._multiple, self._first = name, "multiple" in attrs, None
            self._chosen = False
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = attrs.get("value", "")
            if "selected" in attrs:
                self.fields.append([self._select, attrs.get("value", "")])
                self._chosen = True

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._chosen and not self._multiple and self._first is not None:
                self.fields.append([self._select, self._first])
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_fields(html: str, form_id: str) -> list[list[str]]:
    parser = Form(form_id)
    parser.feed(html)
    return parser.fields


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def wait_until_up(base: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/api/practices/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{base} did not answer in time")


def client(address: str) -> requests.Session:
    """A client at ``address`` (as the load balancer in front would say in X-Forwarded-For)."""
    session = requests.Session()
    session.headers["X-Forwarded-For"] = address
    return session


def login(base: str, username: str, password: str, session: requests.Session | None = None):
    session = session or client("10.0.0.4")
    page = session.get(f"{base}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        allow_redirects=False,
    )
    return session, answer


def wait_for_job(session: requests.Session, base: str, job_id: int, done, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = job_row(job_id)
        if done(row):
            return row
        time.sleep(0.3)
    raise SystemExit(f"job {job_id} did not reach the expected state: {job_row(job_id)}")


ENV: dict = {}


def job_row(job_id: int) -> dict:
    shown = manage(
        ENV,
        "shell",
        "-c",
        "import json; from jobs.models import Job; "
        f"print(json.dumps(Job.objects.filter(pk={job_id}).values('state', 'done', 'total', 'attempts', "
        "'result_file', 'message').first()))",
    )
    return json.loads(shown.strip().splitlines()[-1])


# A small special issue of three published units (one volume, one column), not frozen yet.
MAKE_EDITION = """
from pilots.models import PilotUnit
from editions import services
units = list(PilotUnit.objects.published().order_by("pk")[:3])
edition = services.edition_create(title="两台服务器 · 检查专刊", magazine="浙江工运", issue_label="2026年第1期")
volume = services.volume_create(edition=edition, name="街道活力篇")
section = services.section_create(volume=volume, title="速写")
services.entries_add_units(section=section, units=units)
print(edition.pk)
"""

EXPORT_JOB = """
import json
from editions.models import EditionExport
rows = list(EditionExport.objects.filter(version__edition_id={pk}))
files = {{r.fmt: [r.state, r.size, r.seconds] for r in rows}}
print(json.dumps({{"job": rows[0].job_id if rows else None, "files": files}}))
"""


def edition_export_check(admin: requests.Session, a: str, b: str) -> None:
    """A special issue frozen on A: the worker builds its files as one job; B serves the stored PDF."""
    edition_id = int(manage(ENV, "shell", "-c", MAKE_EDITION).split()[-1])
    freeze = f"{a}/editions/{edition_id}/freeze/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', admin.get(freeze).text)
    started = time.monotonic()
    frozen = admin.post(
        freeze,
        data={"csrfmiddlewaretoken": token.group(1), "accept": "on", "comment": "两台服务器检查"},
        headers={"Referer": freeze},
        allow_redirects=False,
    )
    answered = time.monotonic() - started
    shown = json.loads(manage(ENV, "shell", "-c", EXPORT_JOB.format(pk=edition_id)).strip().splitlines()[-1])
    check(
        frozen.status_code == 302 and shown["job"] is not None,
        f"a special issue frozen on A in {answered:.2f} s: its files queued as job {shown['job']}",
    )
    row = wait_for_job(admin, a, shown["job"], lambda r: r["state"] in ("succeeded", "failed"))
    files = json.loads(manage(ENV, "shell", "-c", EXPORT_JOB.format(pk=edition_id)).strip().splitlines()[-1])["files"]
    check(
        row["state"] == "succeeded" and {state for state, _size, _seconds in files.values()} == {"done"},
        "the worker built its PDF, DOCX and HTML ("
        + ", ".join(f"{fmt.upper()} {seconds:.1f} s" for fmt, (_state, _size, seconds) in sorted(files.items()))
        + f"; attempt {row['attempts']})",
    )
    versions = admin.get(f"{b}/editions/{edition_id}/versions/").text
    started = time.monotonic()
    download = admin.get(f"{b}/editions/{edition_id}/versions/1/download.pdf")
    took = time.monotonic() - started
    check(
        download.status_code == 200
        and download.content.startswith(b"%PDF")
        and len(download.content) == files["pdf"][1]
        and 'class="download button"' in versions,
        f"the stored PDF downloaded from B in {1000 * took:.0f} ms ({len(download.content):,} bytes), "
        "listed on B's versions page",
    )


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("CACHE_URL"):
        raise SystemExit("two_servers.py needs DATABASE_URL=postgres://... and CACHE_URL=redis://...")
    var = Path(tempfile.mkdtemp(prefix="portal-two-servers-"))
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),  # this run only, the same for both servers
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        "PORTAL_VAR_DIR": str(var),  # the jobs' files: one directory both servers and the worker see
        "STATIC_ROOT": str(var / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "API_RATE_ANONYMOUS": f"{THROTTLE}/minute",
        "API_RATE_ACCOUNT": "",
        "LOGIN_FAILURE_LIMIT": str(LOCKOUT),
        # As behind a load balancer: each check's client has its own address (X-Forwarded-For).
        "TRUSTED_PROXIES": "1",
        "JOBS_BACKEND": "database",
        "JOBS_HEARTBEAT_SECONDS": "0.5",
        "JOBS_STALE_SECONDS": "4",
        "JOBS_MAINTAIN_SECONDS": "0.5",
        "REMINDERS_AT": "",
        "BACKUP_AT": "",
    }
    ENV.update(env)
    print("== loading the portal's data into one PostgreSQL", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_portal_data")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        f"U.objects.create_superuser('root', password='{PASSWORD}'); "
        f"U.objects.create_user('clerk', password='{PASSWORD}', is_staff=True)",
    )
    unit = json.loads(
        manage(
            env,
            "shell",
            "-c",
            "import json; from pilots.models import PilotUnit; "
            "u = PilotUnit.objects.published().order_by('pk').first(); print(json.dumps([u.pk, u.name]))",
        )
        .strip()
        .splitlines()[-1]
    )
    unit_id, unit_name = unit

    ports = [free_port(), free_port()]
    servers = []
    for port in ports:
        servers.append(
            subprocess.Popen(
                [*GUNICORN, "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        )
    worker_command = [sys.executable, "manage.py", "run_jobs", "--interval", "0.2", "--no-startup-delay", "-v", "0"]
    worker = subprocess.Popen(worker_command, cwd=ROOT, env=env, start_new_session=True)
    a, b = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        for base in (a, b):
            wait_until_up(base)
        print(f"== server A {a}, server B {b} (gunicorn, 2 workers each), one worker; one PostgreSQL, one Redis")

        # 1. An edit through A shows at once on B (B asked first, so it had each answer remembered).
        viewer = client("10.0.0.1")
        case, search_page = f"{b}/cases/{unit_id}/", f"{b}/cases/?q={WORD}"
        api, panel = f"{b}/api/cases/?q={WORD}", f"{b}/api/dashboards/pilots/?q={WORD}"
        check(WORD not in viewer.get(case).text, f"B's case page of unit {unit_id} does not hold {WORD} yet")
        check(viewer.get(api).json()["count"] == 0, "B's /api/cases/?q= finds nothing yet")
        check(unit_name not in viewer.get(search_page).text, "B's results page does not list the unit yet")
        check(viewer.get(panel).json()["total"] == 0, "B's dashboard panel (pilots) counts 0 yet")
        admin, answer = login(a, "root", PASSWORD)
        check(answer.status_code == 302, "an administrator logs in on A")
        change = f"{a}/admin/pilots/pilotunit/{unit_id}/change/"
        fields = form_fields(admin.get(change).text, "pilotunit_form")
        for field in fields:
            if field[0] == "profile":
                field[1] = f"{field[1]}\n{WORD} 两台应用服务器的共同测试。"
        saved = admin.post(
            change, data=[*fields, ("_save", "保存")], headers={"Referer": change}, allow_redirects=False
        )
        check(saved.status_code == 302, f"unit {unit_id} ({unit_name}) edited through A's admin")
        check(WORD in viewer.get(case).text, "B's case page shows the edit at once")
        found = viewer.get(api).json()
        check(found["count"] == 1 and found["results"][0]["id"] == unit_id, "B's /api/cases/?q= finds the unit")
        check(unit_name in viewer.get(search_page).text, "B's results page lists the unit")
        check(viewer.get(panel).json()["total"] == 1, "B's dashboard panel (pilots) counts the unit")

        # 2. One anonymous client's throttle counts over both servers.
        throttled = client("10.0.0.2")
        answers = [throttled.get(f"{(a, b)[i % 2]}/api/practices/").status_code for i in range(THROTTLE + 2)]
        check(
            answers[:THROTTLE] == [200] * THROTTLE and answers[THROTTLE:] == [429, 429],
            f"{THROTTLE}/minute over A and B together: requests {THROTTLE + 1}, {THROTTLE + 2} answered 429 "
            f"(alternating A, B: {answers})",
        )

        # 3. A session made on A is a session on B.
        check(admin.get(f"{b}/admin/").status_code == 200, "the session made on A opens B's admin")
        check(viewer.get(f"{b}/admin/", allow_redirects=False).status_code == 302, "(without it B asks to log in)")

        # 4. A login locked out on A is locked out on B.
        for _ in range(LOCKOUT):
            login(a, "clerk", "wrong-" + PASSWORD, client("10.0.0.3"))
        _, locked = login(b, "clerk", PASSWORD, client("10.0.0.3"))
        check(locked.status_code == 429, f"after {LOCKOUT} failures on A, B refuses the right password (429)")

        # 5. An edition export asked on A (by freezing) is built by the worker and served by B; a backup
        # asked for on A likewise.
        edition_export_check(admin, a, b)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', admin.get(f"{a}/admin/jobs/job/").text)
        asked = admin.post(
            f"{a}/admin/jobs/job/ask/backup/",
            data={"csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": f"{a}/admin/jobs/job/"},
            allow_redirects=False,
        )
        job_id = int(re.search(r"/admin/jobs/job/(\d+)/change/", asked.headers["Location"]).group(1))
        check(asked.status_code == 302, f"a backup asked for on A (job {job_id})")
        row = wait_for_job(admin, a, job_id, lambda r: r["state"] in ("succeeded", "failed"))
        check(row["state"] == "succeeded", f"the worker ran it: {row}")
        download = admin.get(f"{b}/admin/jobs/job/{job_id}/file/")
        with tarfile.open(fileobj=io.BytesIO(download.content)) as archive:
            names = archive.getnames()
        check(
            download.status_code == 200 and "manifest.json" in names and "database.pgdump" in names,
            f"its archive downloaded from B ({len(download.content):,} bytes: {', '.join(names[:3])})",
        )

        # 6. A worker killed in mid-job: nothing served, the job runs again.
        manage(env, "shell", "-c", "from jobs.models import Job; Job.objects.all().delete()")
        asked = manage(
            env,
            "shell",
            "-c",
            "from jobs.services import job_enqueue; from tests.scale.slow_task import slow_export; "
            "print(job_enqueue(slow_export, kind='export', params={'pause': 1.0}).pk)",
        )
        job_id = int(asked.split()[-1])
        row = wait_for_job(admin, a, job_id, lambda r: r["state"] == "running" and r["done"] >= 3)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        row = job_row(job_id)
        served = admin.get(f"{b}/admin/jobs/job/{job_id}/file/")
        check(
            row["state"] == "running" and served.status_code == 404,
            f"worker killed (SIGKILL) at {row['done']}/{row['total']}: no file served (404)",
        )
        worker = subprocess.Popen(worker_command, cwd=ROOT, env=env, start_new_session=True)
        row = wait_for_job(admin, a, job_id, lambda r: r["state"] in ("succeeded", "failed"))
        served = admin.get(f"{b}/admin/jobs/job/{job_id}/file/")
        lines = served.content.decode().count("行")
        check(
            row["state"] == "succeeded" and row["attempts"] == 2 and lines == row["total"],
            f"a new worker ran it again (attempt {row['attempts']}): the whole file served by B "
            f"({served.status_code}, {lines} lines; {row})",
        )
        print("== two app servers: every check passed")
    finally:
        for process in [*servers, worker]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*servers, worker]:
            process.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
