"""``/api/cases/?q=`` against a trivial view, at the same concurrency, on the same server.

    .venv/bin/locust -f loadtest/compare.py --host http://127.0.0.1:8000 --headless -u 10 -t 60s --tags trivial
    .venv/bin/locust -f loadtest/compare.py --host http://127.0.0.1:8000 --headless -u 10 -t 60s --tags search

The share is the second run's requests per second over the first's.
"""

import random

from locust import HttpUser, constant, tag, task

WORDS = ["帮扶", "职工服务中心", "工会", "温岭", "网格化", "志愿者", "点单", "集体协商", "杭州", "调解"]


class Comparison(HttpUser):
    wait_time = constant(0)

    @tag("trivial")
    @task
    def trivial(self):
        self.client.get("/api/practice-areas/", name="trivial: /api/practice-areas/")

    @tag("search")
    @task
    def search(self):
        self.client.get("/api/cases/", params={"q": random.choice(WORDS)}, name="search: /api/cases/?q=")
