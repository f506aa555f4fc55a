#!/usr/bin/env python3
"""Site benchmark (not a test): build time, Lighthouse on every page template, weight and search
index size, compared in the same run with the same docs built with Material's stock settings.

    .venv/bin/python scripts/bench_site.py            # about fifteen minutes on two cores
    .venv/bin/python scripts/bench_site.py --runs 1 --pages / /skills/sql/

Needs Node 20 and npm (installs the pinned Lighthouse in scripts/lighthouse/ on first use) and a
Chromium (CHROMIUM_PATH or the system one). Both sites are served gzip-compressed on loopback, as
a static host would. Writes reports/benchmark.md and reports/benchmark.json (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handbook import ROOT
from handbook.browser import CHROMIUM_ARGS, TEMPLATES, find_chromium  # TEMPLATES: one page per template
from handbook.static_server import serve

LIGHTHOUSE = ROOT / "scripts" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
STOCK_CONFIG = """site_name: ML Engineer Handbook (stock Material)
docs_dir: docs
theme:
  name: material
plugins:
  - search
"""
# Known, explained reasons for a score under 100, keyed by (template, category).
EXPLAINED: dict[tuple[str, str], str] = {}
TIMING_AUDITS = {"first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                 "speed-index", "interactive"}
TIMING_REASON = (
    "only timing audits lost points ({audits}). Lighthouse simulates a mid-range phone (4x CPU "
    "slowdown, slow 4G). Material's bundle is deferred and starts after the first paint, but it "
    "mounts all its components in one task, which this project cannot split without patching "
    "Material; total blocking time varied {tbt_low}-{tbt_high} ms across {runs} runs of the same "
    "page (performance {low}-{high}). Nothing waits on the network: transfer is {kib:.0f} KiB with "
    "no third-party request.")


def mkdocs_build(config_dir: Path, site: Path, env_extra=None) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=config_dir, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def build_stock(tmp: Path) -> Path:
    """The same Markdown, with nothing but theme: material and plugin: search (not strict:
    the stock build does not know this project's markers and attribute lists)."""
    project = tmp / "stock"
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("data"))
    (project / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    site = tmp / "stock-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=True, capture_output=True)
    return site


def ensure_lighthouse() -> Path:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True)
    return binary


def lighthouse(binary: Path, chromium: str, url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    proc = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True, check=False, timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {proc.stderr.strip()[-300:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    failing = {
        category: [a["id"] for a in report["categories"][category]["auditRefs"]
                   if a["weight"] and (audits[a["id"]].get("score") or 0) < 1]
        for category in CATEGORIES
    }
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "failing_audits": {c: ids for c, ids in failing.items() if ids},
    }


def median_run(binary, chromium, url, tmp: Path, runs: int) -> dict:
    """The run with the median performance score, plus the range seen over all runs."""
    results = [lighthouse(binary, chromium, url, tmp / f"lh-{i}.json") for i in range(runs)]
    results.sort(key=lambda r: r["scores"]["performance"])
    median = results[len(results) // 2]
    median["performance_range"] = [results[0]["scores"]["performance"],
                                   results[-1]["scores"]["performance"]]
    median["tbt_range_ms"] = [min(r["tbt_ms"] for r in results), max(r["tbt_ms"] for r in results)]
    return median


def index_size(site: Path) -> dict:
    raw = (site / "search/search_index.json").read_bytes()
    return {"raw_kib": round(len(raw) / 1024, 1), "gzip_kib": round(len(gzip.compress(raw, 9)) / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Build, Lighthouse and weight benchmark")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--pages", nargs="*", help="only these paths")
    args = parser.parse_args()
    chromium = find_chromium()
    if not chromium:
        print("no Chromium found: set CHROMIUM_PATH", file=sys.stderr)
        return 1
    binary = ensure_lighthouse()
    templates = {k: v for k, v in TEMPLATES.items() if not args.pages or v in args.pages}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        shutil.rmtree(ROOT / ".cache" / "previews", ignore_errors=True)
        cold = mkdocs_build(ROOT, site)  # draws every preview image
        warm = statistics.median(mkdocs_build(ROOT, site) for _ in range(3))
        # what is published: the post-build step names the search dialog, adds the CSP and more
        subprocess.run([sys.executable, str(ROOT / "scripts" / "handbook" / "postbuild.py"), str(site)],
                       cwd=ROOT, check=True, capture_output=True)
        stock = build_stock(tmp)
        result = {"build_seconds": {"cold": round(cold, 2), "warm_median_of_3": round(warm, 2)},
                  "search_index": index_size(site), "stock_search_index": index_size(stock),
                  "runs": args.runs, "pages": {}}
        ours_server, ours = serve(site, gzip=True)
        stock_server, stock_url = serve(stock, gzip=True)
        try:
            for name, path in templates.items():
                print(f"Lighthouse: {name} ({path}) ...", file=sys.stderr)
                result["pages"][name] = {
                    "path": path,
                    "handbook": median_run(binary, chromium, ours.rstrip("/") + path, tmp, args.runs),
                    "stock": median_run(binary, chromium, stock_url.rstrip("/") + path, tmp, args.runs),
                }
        finally:
            ours_server.shutdown()
            stock_server.shutdown()
    out = ROOT / "reports"
    out.mkdir(exist_ok=True)
    (out / "benchmark.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    markdown = report_markdown(result)
    (out / "benchmark.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


def span(values) -> str:
    """A low-high range from the runs, or one value when all runs agreed."""
    if not values:
        return "-"
    low, high = values
    return str(low) if low == high else f"{low}-{high}"


def report_markdown(result: dict) -> str:
    lines = ["# Site benchmark", "",
             (f"Strict build: {result['build_seconds']['cold']} s cold (every preview image drawn), "
             f"{result['build_seconds']['warm_median_of_3']} s warm (median of 3)."), "",
             (f"Search index: {result['search_index']['raw_kib']} KiB raw, "
             f"{result['search_index']['gzip_kib']} KiB gzipped "
             f"(stock: {result['stock_search_index']['gzip_kib']} KiB gzipped). "
             "It loads only when a reader opens search."), "",
             (f"Lighthouse 12.2.3, mobile, served gzipped on loopback, {result.get('runs', 1)} runs per "
             "page; the scores are the median run's. Scores: performance / accessibility / best "
             "practices / SEO. Transfer in KiB; ratio = handbook / stock."), "",
             "| Page | Handbook scores | Performance, all runs | Stock scores | LCP ms | TBT ms (all runs) | CLS | KiB (ratio) | Requests (stock) |",
             "|---|---|---|---|---|---|---|---|---|"]
    reasons, single_runs = [], []
    for name, page in result["pages"].items():
        ours, stock = page["handbook"], page["stock"]
        ratio = ours["bytes"] / stock["bytes"] if stock["bytes"] else 0
        lines.append(
            f"| {name} | {' / '.join(str(ours['scores'][c]) for c in CATEGORIES)} "
            f"| {span(ours.get('performance_range'))} "
            f"| {' / '.join(str(stock['scores'][c]) for c in CATEGORIES)} "
            f"| {ours['lcp_ms']} | {ours['tbt_ms']} ({span(ours.get('tbt_range_ms'))}) | {ours['cls']} "
            f"| {ours['bytes'] / 1024:.1f} ({ratio:.2f}) | {ours['requests']} ({stock['requests']}) |")
        for category, audits in ours["failing_audits"].items():
            if ours["scores"][category] < 100:
                why = EXPLAINED.get((name, category), "not yet explained: investigate")
                if category == "performance" and set(audits) <= TIMING_AUDITS:
                    low, high = ours.get("performance_range", [ours["scores"][category]] * 2)
                    tbt_low, tbt_high = ours.get("tbt_range_ms", [ours["tbt_ms"]] * 2)
                    why = TIMING_REASON.format(audits=", ".join(audits), low=low, high=high,
                                               tbt_low=tbt_low, tbt_high=tbt_high,
                                               runs=result.get("runs", 1), kib=ours["bytes"] / 1024)
                reasons.append(f"- {name}, {category} {ours['scores'][category]}: {why} "
                               f"(audits: {', '.join(audits)})")
        low = ours.get("performance_range", [100])[0]
        if low < 100 and ours["scores"]["performance"] == 100:
            tbt_low, tbt_high = ours.get("tbt_range_ms", [ours["tbt_ms"]] * 2)
            single_runs.append(
                f"- {name}: performance as low as {low} over {result.get('runs', 1)} runs, blocking time "
                f"{tbt_low}-{tbt_high} ms across the runs. The page scores 100 in the median run; the "
                "difference is run-to-run timing noise on this machine, in the one task Material "
                "uses to mount its components.")
    lines += ["", "## Scores under 100", ""] + (reasons or ["None."])
    if single_runs:
        lines += ["", "## Single runs under 100", ""] + single_runs
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
