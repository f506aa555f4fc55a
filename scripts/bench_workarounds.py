#!/usr/bin/env python3
"""Workaround benchmark (not a test): what each way this project departs from Material's defaults
is worth (README, "Workarounds, measured"), measured by building the project without it and
running Lighthouse.

Configurations, each a copy of the project with one plain text edit:

    baseline   the project as it is
    deferred   Material's scripts not deferred: the scripts block and the head script that swaps
               no-js for js removed from main.html
    instant    navigation.instant added to theme.features
    lazy-index search index fetched on page load: the lazy-search-index.html include removed
    keyboard   docs/assets/keyboard.js removed from extra_javascript
    palette    Material's palette component back: overrides/partials/palette.html and
               overrides/partials/javascripts/palette.html removed
    none       all five of the above at once

An earlier run (27 November 2026, afternoon) measured a different palette replacement (a deferred
script file after the header); it was removed after that run. The one measured here runs inline,
before the first paint.

An edit whose expected text is missing stops the run: the benchmark must never silently measure
the baseline under another name. Each configuration is built with `mkdocs build --strict` (a
configuration that fails is reported and skipped; the post-build step runs too, as scripts/build does) and served gzip-compressed on 127.0.0.1. Lighthouse
(the pinned 12.2.3, mobile defaults, the flags of bench_site.py) then runs round-robin: for each
run, for each page, every configuration once, starting from a different configuration each run,
so load from anything else on the machine spreads evenly over the configurations.

    .venv/bin/python scripts/bench_workarounds.py             # 7 configs x 3 pages x 5 runs: ~26 min
    .venv/bin/python scripts/bench_workarounds.py --runs 1 --configs baseline none --pages /

Needs Node 20, npm and a Chromium, as bench_site.py does. Writes reports/workarounds.md and
reports/workarounds.json (git-ignored); the JSON is rewritten after every audit, so an interrupted
run keeps what it measured.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_site import CATEGORIES, ensure_lighthouse, lighthouse
from handbook import ROOT
from handbook.build import strict_build
from handbook.static_server import serve

PAGES = ["/", "/skills/sql/", "/hiring/"]
MAIN = "overrides/main.html"

SCRIPTS_BLOCK = """{% block scripts %}
  {{ super() | replace('"></script>', '" defer></script>') }}
{% endblock %}
"""
HEAD_SCRIPT = re.compile(r"  <script>\n    document\.documentElement\.classList\.replace.*?</script>\n", re.DOTALL)
LAZY_INCLUDE = """  {% include "partials/lazy-search-index.html" %}\n"""
FEATURES = "  features:\n    - navigation.tracking\n"
KEYBOARD = "extra_javascript:\n  - path: assets/keyboard.js\n    defer: true\n"


def replace_once(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    if count != 1:
        raise SystemExit(f"{relative}: expected the text below exactly once, found it {count} times; "
                         f"the project changed, update bench_workarounds.py:\n{old}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def delete(project: Path, relative: str) -> None:
    path = project / relative
    if not path.is_file():
        raise SystemExit(f"{relative}: expected this file, it is missing; update bench_workarounds.py")
    path.unlink()


def without_deferred(project: Path) -> None:
    replace_once(project, MAIN, SCRIPTS_BLOCK, "")
    text = (project / MAIN).read_text(encoding="utf-8")
    if len(HEAD_SCRIPT.findall(text)) != 1:
        raise SystemExit(f"{MAIN}: expected the head script once; update bench_workarounds.py")
    (project / MAIN).write_text(HEAD_SCRIPT.sub("", text), encoding="utf-8")


def without_instant_off(project: Path) -> None:
    replace_once(project, "mkdocs.yml", FEATURES, FEATURES.replace(
        "    - navigation.tracking\n", "    - navigation.instant\n    - navigation.tracking\n"))


def without_lazy_index(project: Path) -> None:
    replace_once(project, MAIN, LAZY_INCLUDE, "")


def without_keyboard(project: Path) -> None:
    replace_once(project, "mkdocs.yml", KEYBOARD, "")


def without_own_palette(project: Path) -> None:
    delete(project, "overrides/partials/palette.html")
    delete(project, "overrides/partials/javascripts/palette.html")


WORKAROUNDS = {
    "deferred": without_deferred,
    "instant": without_instant_off,
    "lazy-index": without_lazy_index,
    "keyboard": without_keyboard,
    "palette": without_own_palette,
}
CONFIGS = {"baseline": [], **{name: [edit] for name, edit in WORKAROUNDS.items()},
           "none": list(WORKAROUNDS.values())}
DESCRIPTIONS = {
    "baseline": "the project as it is",
    "deferred": "Material's scripts not deferred (no head no-js swap either)",
    "instant": "navigation.instant on",
    "lazy-index": "search index fetched on page load",
    "keyboard": "no keyboard.js",
    "palette": "Material's palette component",
    "none": "all five workarounds removed",
}


def prepare(tmp: Path, name: str) -> Path:
    """A copy of the project (what a build reads) with the configuration's edits applied."""
    project = tmp / name
    ignore = shutil.ignore_patterns("__pycache__", "node_modules", ".cache")
    for folder in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / folder, project / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for edit in CONFIGS[name]:
        edit(project)
    return project


def summarize(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"runs": 0, "errors": len(runs)}

    def values(key):
        return [r["scores"][key] if key in CATEGORIES else r[key] for r in ok]

    summary = {"runs": len(ok), "errors": len(runs) - len(ok)}
    for key in CATEGORIES + ["tbt_ms", "lcp_ms", "fcp_ms", "cls", "bytes", "requests"]:
        v = values(key)
        summary[key] = {"median": statistics.median(v), "min": min(v), "max": max(v)}
    return summary


def audit(binary: Path, chromium: str, url: str, out: Path) -> dict:
    """One Lighthouse run (retried once), with first contentful paint added."""
    for attempt in (1, 2):
        try:
            result = lighthouse(binary, chromium, url, out)
            report = json.loads(out.read_text(encoding="utf-8"))
            result["fcp_ms"] = round(report["audits"]["first-contentful-paint"]["numericValue"])
            return result
        except (RuntimeError, subprocess.TimeoutExpired, KeyError, ValueError) as error:
            if attempt == 2:
                return {"error": str(error)[-500:]}
            time.sleep(5)
    raise AssertionError("unreachable")


def fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value)) if isinstance(value, float) else str(value)


def rng(stat: dict) -> str:
    return fmt(stat["min"]) if stat["min"] == stat["max"] else f"{fmt(stat['min'])}-{fmt(stat['max'])}"


def report_markdown(result: dict) -> str:
    configs, pages = result["configs"], result["pages"]
    lines = ["# Start-up workarounds: Lighthouse with and without each", "",
             (f"Lighthouse {result['lighthouse']}, mobile defaults, served gzipped on 127.0.0.1, "
             f"{result['runs']} runs per configuration and page, round-robin "
             f"({result['seconds'] / 60:.0f} min). Each configuration removes one workaround from "
             "the project (`none`: all five). Medians over the runs, min-max in brackets. "
             "A11y / BP / SEO: accessibility, best practices, SEO medians (**bold** under 100)."), ""]
    if result["build_failures"]:
        lines += ["## Strict build failures", ""]
        lines += [f"- {name}: {error}" for name, error in result["build_failures"].items()] + [""]
    lines += [("| Config | Page | Perf median | Perf min-max | TBT ms median (min-max) | LCP ms median "
              "(min-max) | FCP ms median (min-max) | CLS median | Transfer KiB | Requests | A11y / BP / SEO "
              "| Errors |"),
              "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in configs:
        for page in pages:
            s = result["summary"].get(name, {}).get(page)
            if not s or not s.get("runs"):
                lines.append(f"| {name} | {page} | - | - | - | - | - | - | - | - | - | "
                             f"{s.get('errors', '-') if s else 'not built'} |")
                continue
            others = " / ".join(
                (f"**{fmt(s[c]['median'])}**" if s[c]["median"] < 100 or s[c]["min"] < 100
                 else fmt(s[c]["median"])) + (f" (min {fmt(s[c]['min'])})" if s[c]["min"] < s[c]["median"] else "")
                for c in CATEGORIES[1:])
            kib = rng({"min": round(s["bytes"]["min"] / 1024, 1), "max": round(s["bytes"]["max"] / 1024, 1)})
            lines.append(
                f"| {name} | {page} | {fmt(s['performance']['median'])} | {rng(s['performance'])} "
                f"| {fmt(s['tbt_ms']['median'])} ({rng(s['tbt_ms'])}) "
                f"| {fmt(s['lcp_ms']['median'])} ({rng(s['lcp_ms'])}) "
                f"| {fmt(s['fcp_ms']['median'])} ({rng(s['fcp_ms'])}) | {fmt(s['cls']['median'])} "
                f"| {kib} | {rng(s['requests'])} | {others} | {s['errors']} |")
    lines += ["", "## Against the baseline", "",
              ("Difference of medians (configuration minus baseline). \"Outside\": is the "
              "configuration's median outside the baseline's min-max range over its runs / do the "
              "two min-max ranges not overlap at all."), "",
              ("| Config | Page | Perf median (baseline) | Δ perf | TBT median (baseline) | Δ TBT ms | "
              "Δ LCP ms | Δ FCP ms | Δ KiB | Perf outside? | TBT outside? |"),
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in configs:
        if name == "baseline":
            continue
        for page in pages:
            s = result["summary"].get(name, {}).get(page)
            b = result["summary"].get("baseline", {}).get(page)
            if not s or not s.get("runs") or not b or not b.get("runs"):
                continue

            def outside(key, s=s, b=b):
                m = s[key]["median"]
                median_out = m < b[key]["min"] or m > b[key]["max"]
                disjoint = s[key]["min"] > b[key]["max"] or s[key]["max"] < b[key]["min"]
                return f"{'yes' if median_out else 'no'} / {'yes' if disjoint else 'no'}"

            lines.append(
                f"| {name} | {page} | {fmt(s['performance']['median'])} ({fmt(b['performance']['median'])}) "
                f"| {fmt(s['performance']['median'] - b['performance']['median'])} "
                f"| {fmt(s['tbt_ms']['median'])} ({fmt(b['tbt_ms']['median'])}) "
                f"| {fmt(s['tbt_ms']['median'] - b['tbt_ms']['median'])} "
                f"| {fmt(s['lcp_ms']['median'] - b['lcp_ms']['median'])} "
                f"| {fmt(s['fcp_ms']['median'] - b['fcp_ms']['median'])} "
                f"| {(s['bytes']['median'] - b['bytes']['median']) / 1024:.1f} "
                f"| {outside('performance')} | {outside('tbt_ms')} |")
    failing = sorted({(name, page, c, audit_id)
                      for name, per_page in result["raw"].items() for page, runs in per_page.items()
                      for r in runs if "error" not in r
                      for c, ids in r["failing_audits"].items() if c != "performance"
                      for audit_id in ids})
    if failing:
        lines += ["", "## Non-performance audits that failed in any run", ""]
        lines += [f"- {name} {page}: {c} / {audit_id}" for name, page, c, audit_id in failing]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse with and without each start-up workaround")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per configuration and page")
    parser.add_argument("--configs", nargs="*", choices=list(CONFIGS), help="only these configurations")
    parser.add_argument("--pages", nargs="*", help=f"only these paths (default: {' '.join(PAGES)})")
    parser.add_argument("--out", type=Path, default=ROOT / "reports", help="report folder")
    args = parser.parse_args()
    from handbook.browser import find_chromium

    chromium = find_chromium()
    if not chromium:
        print("no Chromium found: set CHROMIUM_PATH", file=sys.stderr)
        return 1
    binary = ensure_lighthouse()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    names = [n for n in CONFIGS if not args.configs or n in args.configs]
    pages = args.pages or PAGES
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = {"lighthouse": version, "runs": args.runs, "configs": names, "pages": pages,
              "descriptions": {n: DESCRIPTIONS[n] for n in names}, "build_seconds": {},
              "build_failures": {}, "raw": {}, "summary": {}, "seconds": 0}

    def save():
        result["seconds"] = round(time.perf_counter() - started)
        result["summary"] = {n: {p: summarize(runs) for p, runs in per_page.items()}
                             for n, per_page in result["raw"].items()}
        (args.out / "workarounds.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    servers, urls = [], {}
    with tempfile.TemporaryDirectory(prefix="bench-workarounds-") as tmp_name:
        tmp = Path(tmp_name)
        previews = None
        # Every edit is applied before anything is built or audited, so a stale edit fails fast.
        projects = {name: prepare(tmp / "projects", name) for name in names}
        try:
            for name, project in projects.items():
                if previews:  # preview images are the same in every configuration: draw them once
                    shutil.copytree(previews, project / ".cache" / "previews", dirs_exist_ok=True)
                site = tmp / "sites" / name
                print(f"build: {name} ...", file=sys.stderr)
                start = time.perf_counter()
                proc = strict_build(project, site)
                if proc.returncode != 0:
                    problems = [line for line in proc.stderr.splitlines() if "ERROR" in line or "WARNING" in line]
                    result["build_failures"][name] = "; ".join(problems[-5:]) or proc.stderr[-500:]
                    print(f"build FAILED: {name}: {result['build_failures'][name]}", file=sys.stderr)
                    continue
                result["build_seconds"][name] = round(time.perf_counter() - start, 2)
                previews = previews or project / ".cache" / "previews"
                server, url = serve(site, gzip=True)
                servers.append(server)
                urls[name] = url.rstrip("/")
                result["raw"][name] = {page: [] for page in pages}
            built = [n for n in names if n in urls]
            total, done = args.runs * len(pages) * len(built), 0
            for run in range(args.runs):
                order = built[run % len(built):] + built[:run % len(built)] if built else []
                for page in pages:
                    for name in order:
                        done += 1
                        print(f"[{done}/{total}] run {run + 1} {page} {name}", file=sys.stderr)
                        r = audit(binary, chromium, urls[name] + page, tmp / "lh.json")
                        r["run"] = run + 1
                        result["raw"][name][page].append(r)
                        if "error" in r:
                            print(f"  Lighthouse failed: {r['error']}", file=sys.stderr)
                        else:
                            print(f"  perf {r['scores']['performance']} tbt {r['tbt_ms']} "
                                  f"lcp {r['lcp_ms']} kib {r['bytes'] / 1024:.1f}", file=sys.stderr)
                        save()
        finally:
            for server in servers:
                server.shutdown()
    save()
    markdown = report_markdown(result)
    (args.out / "workarounds.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
