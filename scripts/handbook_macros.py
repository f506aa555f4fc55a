"""The macros module both engines load (mkdocs-macros under MkDocs, Zensical's built-in macros
extension): it exposes the blocks of scripts/handbook/blocks.py as macros pages call, such as
{{ fact("data-scientists-median") }} or {{ skill_box("python") }}.

The two engines differ in what they give a macro: both have `env.page.url` and `env.page.meta`;
the page's source file is `env.page.file.src_uri` under MkDocs and `env.page.path` under Zensical.
MkDocs calls define_env once per build, Zensical once per page, so every macro reads env.page
when it is called. The data is loaded (and checked) once and again only when a data file changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook import blocks, model


def page_of(env) -> blocks.Page:
    page = env.page
    src = page.file.src_uri if getattr(page, "file", None) is not None else page.path
    site_url = os.environ.get("SITE_URL") or env.conf.get("site_url") or "/"
    citations = (page.meta or {}).get("citations", "inline")
    if citations not in ("inline", "note"):
        raise model.DataError(f"docs/{src}: front matter citations: {citations!r} is not 'inline' or 'note'")
    return blocks.Page(src=src.replace(os.sep, "/"), url=page.url, site_url=site_url.rstrip("/") + "/",
                       citations=citations)


def define_env(env):
    model.cached()  # a bad data file stops the build here, before any page renders

    def macro(name):
        def call(*args):
            page = page_of(env)
            try:
                output = getattr(blocks.Blocks(model.cached(), page), name)(*args)
            except model.DataError as error:
                arguments = ", ".join(repr(a) for a in args)
                raise model.DataError(f"docs/{page.src}: {name}({arguments}): {error}") from None
            if name == "skill_box":
                # Material's search indexes front-matter tags with a high boost: the skill's name
                # and other spellings make its page the first result for them.
                env.page.meta["tags"] = blocks.search_keywords(model.cached(), model.cached().skill(args[0]))
            return output
        call.__name__ = name
        call.__doc__ = getattr(blocks.Blocks, name).__doc__
        return call

    for name in blocks.MACROS:
        env.macro(macro(name), name)
