#!/usr/bin/env python3
"""Search benchmark (not a test): time from the last keystroke to rendered results in Chromium.

    .venv/bin/python scripts/bench_search.py [--site site/] [--rounds 3]

Builds the site (as scripts/build does) unless --site is given, serves it on loopback, opens
search and waits for the index to load, then types every skill spelling and topic query the tests
type (handbook/search.py). Prints a small table with
the median and 95th percentile, and the index size raw and gzipped; writes reports/search.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

from handbook import ROOT
from handbook.browser import launch, open_page
from handbook.build import build_or_fail
from handbook.search import SKILL_QUERIES, TOPIC_QUERIES, open_search, search, watch_search
from handbook.static_server import serve


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def index_size(site: Path) -> dict:
    raw = (site / "search/search_index.json").read_bytes()
    return {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 9))}


def measure(site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    queries = [q for q, _ in SKILL_QUERIES + TOPIC_QUERIES]
    server, url = serve(site)
    timings = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch_search(page)
            open_page(page, url)
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
            build_or_fail(ROOT, site)
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
