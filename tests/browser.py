"""What the browser tests share: Debian's Chromium and the switches it needs on a closed network.

The fixtures ``chromium`` and ``portal_url`` live in ``tests/conftest.py``.
"""

CHROMIUM = "/usr/bin/chromium"
# Without the network switches Chromium waits for services it cannot reach on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
