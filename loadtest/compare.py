"""``/api/cases/?q=`` against a trivial view, at the same concurrency, on the same server.

    .venv/bin/locust -f loadtest/compare.py --host http://127.0.0.1:8000 --headless -u 10 -t 60s --tags trivial
    .venv/bin/locust -f loadtest/compare.py --host http://127.0.0.1:8000 --headless -u 10 -t 60s --tags search

The share is the second run's requests per second over the first's. ``/api/cases/`` remembers each
page until the index changes, so ``--tags search`` mostly measures remembered pages; ``--tags
search_first`` adds a number no record holds to each query (words are alternatives: the same
results), so every request is a search seen for the first time.
"""

import random

import round_robin  # noqa: F401  (LOAD_HOSTS: requests in turn over several servers)
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

    @tag("search_first")
    @task
    def search_first(self):
        query = f"{random.choice(WORDS)} {random.randrange(10**8, 10**9)}"
        self.client.get("/api/cases/", params={"q": query}, name="search seen first: /api/cases/?q=")
