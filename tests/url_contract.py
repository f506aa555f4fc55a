"""The public URL contract: every line of tests/published-urls.txt keeps resolving, to the page
and id or to a redirect whose target page and id exist; and the list only ever grows."""

from __future__ import annotations

import functools
import posixpath
import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
LIST = "tests/published-urls.txt"
REFRESH = re.compile(r"url=([^\"'>\s]+)", re.IGNORECASE)


def read_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def page_file(site: Path, path: str) -> Path:
    return site / path.strip("/") / "index.html" if path.strip("/") else site / "index.html"


def ids_on(html: str) -> set[str]:
    return {tag["id"] for tag in BeautifulSoup(html, "lxml").find_all(id=True)}


@functools.lru_cache(maxsize=256)
def ids_in_file(file: Path, mtime_ns: int) -> frozenset[str]:
    """The ids of a built page, parsed once per run (a page carries many listed anchors)."""
    return frozenset(ids_on(file.read_text(encoding="utf-8")))


def redirect_target(html: str, path: str) -> str | None:
    """Where a mkdocs-redirects page sends the reader (its meta refresh), as a site path."""
    if "http-equiv=\"refresh\"" not in html:
        return None
    match = REFRESH.search(html)
    return posixpath.normpath(posixpath.join(path, match.group(1))) + "/" if match else None


def unresolved(site: Path, urls: list[str]) -> list[str]:
    problems = []
    for url in urls:
        path, _, anchor = url.partition("#")
        if "." in path.rsplit("/", 1)[-1]:  # a file people link to (a download, /llms.txt)
            if not (site / path.lstrip("/")).is_file():
                problems.append(f"{url}: no file at {path}")
            continue
        file = page_file(site, path)
        if not file.is_file():
            problems.append(f"{url}: no page and no redirect at {path}")
            continue
        html = file.read_text(encoding="utf-8")
        target = redirect_target(html, path)
        if target is not None:
            file = page_file(site, target)
            if not file.is_file():
                problems.append(f"{url}: redirects to {target}, which does not exist")
                continue
            html = file.read_text(encoding="utf-8")
            path = target
        if anchor and anchor not in ids_in_file(file, file.stat().st_mtime_ns):
            problems.append(f"{url}: no id '{anchor}' on {path}")
    return problems


def removed_lines(versions: list[str], current: str) -> list[str]:
    """Lines some earlier version listed that the current list no longer has."""
    now = set(read_list(current))
    return sorted({line for text in versions for line in read_list(text)} - now)


class HistoryMissing(Exception):
    """The git history needed to compare the list with its earlier versions is not there."""


def committed_versions(root: Path = ROOT) -> list[str]:
    """Every committed version of the list. Raises HistoryMissing in a shallow clone or without
    git, where the comparison would pass with nothing to compare (CI checks out full history)."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout
    try:
        if git("rev-parse", "--is-shallow-repository").strip() == "true":
            raise HistoryMissing("a shallow clone: fetch the full history (actions/checkout with "
                                 "fetch-depth: 0, or git fetch --unshallow)")
        revs = git("rev-list", "HEAD", "--", LIST).split()
        return [git("show", f"{rev}:{LIST}") for rev in revs]
    except (OSError, subprocess.CalledProcessError) as error:
        raise HistoryMissing(f"no git history of {LIST}: {error}") from None
