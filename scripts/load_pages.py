#!/usr/bin/env python3
"""Throughput of the library's pages beside a trivial endpoint, side by side in one run.

Starts gunicorn (``--preload``, 2 workers by default) on a free loopback port over the current
database, then runs ApacheBench (``ab``, from apache2-utils) against each URL in turn, several
rounds interleaved so that the machine's other work falls on every URL alike, and prints each
URL's requests per second and its share of the trivial endpoint's (the first URL) as a table and
as JSON. Nothing leaves the loopback interface; the server is stopped at the end.

    .venv/bin/python scripts/load_pages.py [--requests 300] [--concurrency 4] [--rounds 3] [URL ...]

The database must hold the demo data (``make data``): ``/cases/15/`` is the fifteenth unit.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
URLS = ["/api/practices/", "/api/cases/?q=专兼挂", "/cases/?q=调解", "/cases/15/"]
TARGETS = {"/api/cases/?q=专兼挂": 0.5, "/cases/?q=调解": 0.3, "/cases/15/": 0.3}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/practices/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def ab(url: str, requests: int, concurrency: int) -> dict:
    out = subprocess.run(
        ["ab", "-q", "-n", str(requests), "-c", str(concurrency), url], capture_output=True, text=True, check=True
    ).stdout
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    if failed or non_2xx:
        raise SystemExit(f"{url}: {failed} failed, {non_2xx and non_2xx.group(1)} non-2xx responses")
    return {
        "rps": float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1)),
        "p90_ms": float(re.search(r"^\s+90%\s+(\d+)", out, re.M).group(1)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", default=URLS)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("ab"):
        raise SystemExit("ab is missing: apt-get install apache2-utils")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),  # this run only
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        # Plain HTTP on loopback, one client address: no redirect to HTTPS, no throttling.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "API_RATE_ANONYMOUS": "",
        "API_RATE_ACCOUNT": "",
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--preload", "--workers", str(args.workers)]
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        wait_until_up(base)
        samples = {url: [] for url in args.urls}
        for _ in range(args.rounds):
            for url in args.urls:
                target = base + quote(url, safe="/?=&%")
                ab(target, max(20, args.requests // 10), args.concurrency)  # warm-up
                samples[url].append(ab(target, args.requests, args.concurrency))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    trivial = statistics.median(sample["rps"] for sample in samples[args.urls[0]])
    rows = []
    for url in args.urls:
        rps = statistics.median(sample["rps"] for sample in samples[url])
        rows.append(
            {
                "url": url,
                "rps": round(rps, 1),
                "rps_runs": [sample["rps"] for sample in samples[url]],
                "p90_ms": statistics.median(sample["p90_ms"] for sample in samples[url]),
                "share": round(rps / trivial, 2),
                "target": TARGETS.get(url),
            }
        )
    print(f"{'URL':<28} {'req/s':>8} {'p90 ms':>7} {'share':>6} {'target':>7}  runs")
    for row in rows:
        target = f"{row['target']:.0%}" if row["target"] else ""
        runs = " ".join(f"{value:.0f}" for value in row["rps_runs"])
        print(f"{row['url']:<28} {row['rps']:>8} {row['p90_ms']:>7} {row['share']:>6.0%} {target:>7}  {runs}")
    print(json.dumps({"workers": args.workers, "concurrency": args.concurrency, "urls": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
