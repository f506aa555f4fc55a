"""mkdocs.yml, read the same way by the post-build step, the tests and the benchmarks.

A plain YAML loader that understands the two tags the file uses: `!ENV [NAME, default]` (the value
of the environment variable, or the default) and `!!python/name:...` (kept as the dotted name).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from handbook import ROOT


class _Loader(yaml.SafeLoader):
    pass


def _env(loader, node):
    name, *default = loader.construct_sequence(node)
    return os.environ.get(name) or (default[0] if default else None)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def load_config(root: Path = ROOT) -> dict:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


@dataclass(frozen=True)
class NavPage:
    src: str                         # "skills/sql.md"
    title: str | None                # the title the nav gives it, if any
    section: str | None              # the top-level section's title, None at the top level
    parents: tuple[tuple[str, str | None], ...]  # (section title, its index page's src or None)


def nav_pages(config: dict | None = None) -> list[NavPage]:
    """Every page in the navigation, in order, with the sections it sits in."""
    config = config if config is not None else load_config()
    pages: list[NavPage] = []

    def walk(items, parents):
        for item in items:
            if isinstance(item, str):
                pages.append(NavPage(item, None, parents[0][0] if parents else None, tuple(parents)))
                continue
            (title, value), = item.items()
            if isinstance(value, str):
                pages.append(NavPage(value, title, parents[0][0] if parents else None, tuple(parents)))
            else:
                index = next((v for v in value if isinstance(v, str) and v.endswith("index.md")), None)
                walk(value, [*parents, (title, index)])
    walk(config["nav"], [])
    return pages


@cache
def site_url() -> str:
    return load_config()["site_url"].rstrip("/") + "/"
