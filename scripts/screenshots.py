#!/usr/bin/env python3
"""Screenshots of every page at phone and desktop width, light and dark, for a human to look at.

    .venv/bin/python scripts/screenshots.py [--site site/] [--only skills/sql/]

Writes reports/screens/<page>--<width>-<scheme>.png (first screen only; --full for whole pages).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_search import build
from static_server import serve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--only", action="append", help="a page path such as skills/sql/")
    parser.add_argument("--full", action="store_true", help="capture whole pages")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, find_chromium

    out = ROOT / "reports" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        paths = args.only or sorted(
            p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
            if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8"))
        server, url = serve(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for width, height in ((390, 844), (1280, 900)):
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    for path in paths:
                        page.goto(url + path, wait_until="networkidle")
                        name = (path.strip("/").replace("/", "-") or "home") + f"--{width}-{scheme}.png"
                        page.screenshot(path=str(out / name), full_page=args.full)
                    context.close()
            browser.close()
        server.shutdown()
    print(f"{len(paths) * 4} screenshots in {out.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
