"""Time to the first chart painted on /dashboards/ in Debian's Chromium, and the bytes of chart code.

    .venv/bin/python scripts/dashboard_paint.py http://127.0.0.1:8000/dashboards/ [--runs 5]

Prints one JSON object: the bytes of the vendored chart code and map (static/vendor/), and for a
desktop profile (1280×900) and a phone profile (390×844, 4× CPU slowdown through the DevTools
protocol's Emulation.setCPUThrottlingRate) the median milliseconds from navigation start to the
first chart whose canvas holds a painted pixel, each run in a fresh browser profile (nothing cached).
"""

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Polled on every animation frame: the first canvas with a non-transparent pixel.
FIRST_PAINT = """() => {
  for (const canvas of document.querySelectorAll('[data-chart] canvas')) {
    if (!canvas.width) continue;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 64) { if (data[i] !== 0) return performance.now(); }
  }
  return false;
}"""

PROFILES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "cpu": 1},
    "phone": {"viewport": {"width": 390, "height": 844}, "cpu": 4, "mobile": True},
}


def vendored_bytes() -> dict:
    vendor = ROOT / "static" / "vendor"
    code = sum(p.stat().st_size for p in (vendor / "echarts").glob("*.js"))
    geo = sum(p.stat().st_size for p in (vendor / "zhejiang").glob("*.json"))
    return {"chart_code": code, "map": geo, "total": code + geo}


def first_paint(playwright, url: str, profile: dict) -> float:
    with tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch_persistent_context(
            folder,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=profile["viewport"],
            is_mobile=profile.get("mobile", False),
            device_scale_factor=3 if profile.get("mobile") else 1,
            locale="zh-CN",
        )
        try:
            page = browser.new_page()
            session = browser.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
            page.goto(url, wait_until="commit")
            handle = page.wait_for_function(FIRST_PAINT, polling="raf", timeout=60_000)
            return round(handle.json_value(), 1)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    result = {"bytes": vendored_bytes(), "first_chart_ms": {}}
    with sync_playwright() as playwright:
        first_paint(playwright, args.url, PROFILES["desktop"])  # the server's own first request
        for name, profile in PROFILES.items():
            samples = [first_paint(playwright, args.url, profile) for _ in range(args.runs)]
            result["first_chart_ms"][name] = {"median": statistics.median(samples), "samples": samples}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
