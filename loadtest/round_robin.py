"""Requests spread over several app servers, in turn: ``LOAD_HOSTS=http://127.0.0.1:8001,http://127.0.0.1:8002``.

Imported by the load scenarios; with fewer than two hosts it changes nothing (``--host`` as usual).
Every request of every simulated user goes to the next server in the list, as a round-robin load
balancer would send it; sessions and tokens are the servers' shared ones (one database, one cache).
"""

import itertools
import os

from locust.clients import HttpSession

HOSTS = [host.strip().rstrip("/") for host in os.environ.get("LOAD_HOSTS", "").split(",") if host.strip()]


def install() -> None:
    if len(HOSTS) < 2 or getattr(HttpSession, "_round_robin", False):
        return
    hosts = itertools.cycle(HOSTS)
    request = HttpSession.request

    def next_host_request(self, method, url, *args, **kwargs):
        self.base_url = next(hosts)
        return request(self, method, url, *args, **kwargs)

    HttpSession.request = next_host_request
    HttpSession._round_robin = True


install()
