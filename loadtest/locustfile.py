"""Load scenario: the public library and API read by anonymous visitors, records edited by 20
submitters and reviewed by 5 reviewers (tokens from `manage.py create_load_accounts`).

    LOAD_ACCOUNTS=var/load_accounts.json .venv/bin/locust -f loadtest/locustfile.py \\
        --host http://127.0.0.1:8000 --headless -u 45 -r 5 -t 5m --csv var/load

``loadtest/compare.py`` compares the throughput of ``/api/cases/?q=`` with a trivial view's.
See the README's "Load test" section for the whole procedure.
"""

import json
import os
import random
from pathlib import Path

import round_robin  # noqa: F401  (LOAD_HOSTS: requests in turn over several servers)
from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ.get("LOAD_ACCOUNTS", "var/load_accounts.json")).read_text())
WORDS = ["帮扶", "职工服务中心", "工会", "温岭", "网格化", "志愿者", "点单", "集体协商", "杭州", "调解"]
YEAR = 2019


class Reader(HttpUser):
    """An anonymous visitor of the library and the public API."""

    weight = 20
    wait_time = between(0.5, 2)

    def on_start(self):
        units = self.client.get("/api/units/?page_size=500", name="/api/units/").json()["results"]
        self.unit_ids = [unit["id"] for unit in units] or [1]

    @task(4)
    def library_search(self):
        self.client.get("/cases/", params={"q": random.choice(WORDS)}, name="/cases/?q=")

    @task(2)
    def facet_page(self):
        self.client.get("/cases/", params={"city": "台州市", "kind": "street_federation"}, name="/cases/?facets")

    @task(3)
    def case_page(self):
        self.client.get(f"/cases/{random.choice(self.unit_ids)}/", name="/cases/{id}/")

    @task(3)
    def api_search(self):
        self.client.get("/api/cases/", params={"q": random.choice(WORDS)}, name="/api/cases/?q=")

    @task(1)
    def api_facets(self):
        self.client.get("/api/cases/facets/", params={"q": random.choice(WORDS)}, name="/api/cases/facets/")

    @task(2)
    def api_unit(self):
        self.client.get(f"/api/units/{random.choice(self.unit_ids)}/", name="/api/units/{id}/")


class Submitter(HttpUser):
    """A street union editing its record of the year through the API."""

    weight = 20
    fixed_count = 20
    wait_time = between(1, 3)

    def on_start(self):
        self.account = ACCOUNTS["submitters"].pop(0) if ACCOUNTS["submitters"] else random.choice(ACCOUNTS["reviewers"])
        self.client.headers["Authorization"] = f"Token {self.account['token']}"
        mine = self.client.get("/api/records/", params={"year": YEAR}, name="/api/records/?year=").json()
        if mine["results"]:
            self.record = mine["results"][0]
        else:
            created = self.client.post(
                "/api/records/", json={"unit": self.account["unit"], "year": YEAR}, name="/api/records/ (create)"
            )
            self.record = created.json()

    @task(3)
    def edit(self):
        body = {
            "version": self.record["version"],
            "values": [{"indicator": "members", "value": random.randint(100, 20000)}],
            "highlights": f"负载测试 {random.randint(1, 10**6)}",
        }
        with self.client.patch(
            f"/api/records/{self.record['id']}/", json=body, name="/api/records/{id}/ (edit)", catch_response=True
        ) as response:
            if response.status_code == 200:
                self.record = response.json()
            elif response.status_code == 409:
                # The record moved on (submitted, or edited elsewhere): read it again, not an error.
                response.success()
                self.reload()

    @task(1)
    def read(self):
        self.reload()

    def reload(self):
        response = self.client.get(f"/api/records/{self.record['id']}/", name="/api/records/{id}/")
        if response.status_code == 200:
            self.record = response.json()


class Reviewer(HttpUser):
    """A county or city federation reading its queue."""

    weight = 5
    fixed_count = 5
    wait_time = between(1, 3)

    def on_start(self):
        self.account = ACCOUNTS["reviewers"].pop(0) if ACCOUNTS["reviewers"] else None
        if self.account:
            self.client.headers["Authorization"] = f"Token {self.account['token']}"

    @task
    def queue(self):
        if self.account:
            self.client.get("/api/records/", params={"status": "submitted"}, name="/api/records/?status=")
