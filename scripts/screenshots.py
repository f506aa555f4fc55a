#!/usr/bin/env python3
"""Screenshots of every page at phone and desktop width, light and dark, for a human to look at.

    .venv/bin/python scripts/screenshots.py [--site site/] [--only skills/sql/]

Builds the site (as scripts/build does) unless --site is given. Writes
reports/screens/<page>--<width>-<scheme>.png (first screen only; --full for whole pages).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from handbook import ROOT
from handbook.browser import MISSING_PAGE, launch, open_page, site_pages
from handbook.build import build_or_fail
from handbook.static_server import serve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--only", action="append", help="a page path such as skills/sql/")
    parser.add_argument("--full", action="store_true", help="capture whole pages")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = ROOT / "reports" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build_or_fail(ROOT, site)
        paths = args.only or [p for p in site_pages(site) if p != MISSING_PAGE]
        server, url = serve(site)
        with sync_playwright() as p:
            browser = launch(p)
            for width, height in ((390, 844), (1280, 900)):
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    for path in paths:
                        open_page(page, url + path)
                        name = (path.strip("/").replace("/", "-") or "home") + f"--{width}-{scheme}.png"
                        page.screenshot(path=str(out / name), full_page=args.full)
                    context.close()
            browser.close()
        server.shutdown()
    print(f"{len(paths) * 4} screenshots in {out.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
