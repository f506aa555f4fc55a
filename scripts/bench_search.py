#!/usr/bin/env python3
"""Search benchmark (not a test): time from the last keystroke to rendered results in Chromium.

    .venv/bin/python scripts/bench_search.py [--site site/] [--rounds 3]

Builds the site unless --site is given, serves it on loopback, waits for the search index to
load, then types every skill spelling and topic query from the tests. Prints a small table with
the median and 95th percentile, and the index size raw and gzipped; writes reports/search.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from search_helpers import open_search, search, watch_search
from static_server import serve


def build(target: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def index_size(site: Path) -> dict:
    raw = (site / "search/search_index.json").read_bytes()
    return {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 9))}


def measure(site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, find_chromium
    from test_search import SKILL_QUERIES, TOPIC_QUERIES

    queries = [q for q, _ in SKILL_QUERIES + TOPIC_QUERIES]
    server, url = serve(site)
    timings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch_search(page)
            page.goto(url, wait_until="networkidle")
            open_search(page)
            search(page, "warm up")  # the index is loaded and the worker is ready
            for _ in range(rounds):
                for query in queries:
                    search(page, query, pause_before_last=True)
                    s = page.evaluate("window.__search")
                    done = max(s["renderedAt"], s["answeredAt"])
                    timings.append(done - s["keyAt"])
            browser.close()
    finally:
        server.shutdown()
    return {"queries": len(queries), "samples": len(timings),
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "max_ms": round(max(timings), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Search latency and index size benchmark")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        result = {"index": index_size(site), "latency": measure(site, args.rounds)}
    size, lat = result["index"], result["latency"]
    print("| Measure | Value |\n|---|---|")
    print(f"| Queries x rounds | {lat['queries']} x {args.rounds} |")
    print(f"| Keystroke to results, median | {lat['median_ms']} ms |")
    print(f"| Keystroke to results, 95th percentile | {lat['p95_ms']} ms |")
    print(f"| search_index.json, raw | {size['raw_bytes'] / 1024:.1f} KiB |")
    print(f"| search_index.json, gzipped | {size['gzip_bytes'] / 1024:.1f} KiB |")
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports/search.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
