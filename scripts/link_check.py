#!/usr/bin/env python3
"""Check every link in a built site: the strict build cannot see links in templates or raw HTML.

    python scripts/link_check.py site/          # exit 1 and one line per problem

Reports, naming the page and the target:
- an internal href/src that resolves to no file;
- a #fragment that matches no element id on the target page;
- an external link that is not https://;
- a page that loads a script, stylesheet, font, image or frame from another origin.

The checker itself is handbook/link_check.py, which the tests import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handbook.link_check import check_site


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: link_check.py SITE_DIR", file=sys.stderr)
        return 2
    problems = check_site(Path(argv[1]))
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
