"""Material partials this project stands in for stay in step with the installed Material.

Two partials are copies with one documented change each, and one is replaced outright. When an
upgrade changes Material's own version, these tests fail and name the file, so the change is
re-applied to (or the replacement reviewed against) the new version instead of silently keeping an
old template.
"""

import hashlib
import re
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

# partial -> (Material's text, this project's text): the one change each copy makes.
CHANGES = {
    "partials/search.html": (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ),
    "partials/palette.html": (
        '<form class="md-header__option" data-md-component="palette">',
        '<form class="md-header__option" data-handbook-palette>',
    ),
}
JINJA_COMMENT = re.compile(r"\{#-?.*?-?#\}", re.DOTALL)
# Replaced outright: overrides/partials/javascripts/palette.html outputs nothing because
# partials/palette-toggle.js does what Material's inline script did (re-apply a saved palette).
# The digest is of the Material version that was reviewed (9.8.2), comments removed.
REPLACED = {
    "partials/javascripts/palette.html": "795419066501238f2ed536e64a23723fd6f9641718c7f3104beba913d12bc528",
}


def without_comments(text: str) -> str:
    return JINJA_COMMENT.sub("", text).strip()


def drift(upstream: str, ours: str, change: tuple[str, str]) -> str | None:
    """None when `ours` is `upstream` with exactly the documented change, else what differs."""
    theirs, mine = change
    upstream, ours = without_comments(upstream), without_comments(ours)
    if upstream.count(theirs) != 1:
        return f"Material's copy no longer contains {theirs!r} once"
    if ours.count(mine) != 1:
        return f"our copy no longer contains {mine!r} once"
    if upstream.replace(theirs, mine) != ours:
        return "Material's copy changed elsewhere: re-copy it and re-apply the change"
    return None


def test_copied_partials_match_installed_material_apart_from_their_one_change():
    problems = []
    for partial, change in CHANGES.items():
        found = drift((MATERIAL_TEMPLATES / partial).read_text(encoding="utf-8"),
                      (ROOT / "overrides" / partial).read_text(encoding="utf-8"), change)
        if found:
            problems.append(f"overrides/{partial}: {found}")
    assert not problems, "\n".join(problems)


def test_drift_check_reports_an_upstream_change_and_a_lost_change():
    upstream = "{#- generated -#}\n<form a>\n  <input>\n</form>\n"
    ours = "{#- ours -#}\n<form b>\n  <input>\n</form>\n"
    change = ("<form a>", "<form b>")
    assert drift(upstream, ours, change) is None
    assert "changed elsewhere" in drift(upstream.replace("<input>", "<input new>"), ours, change)
    assert "our copy" in drift(upstream, ours.replace("<form b>", "<form a>"), change)
    assert "Material's copy" in drift(upstream.replace("<form a>", "<form c>"), ours, change)


def fingerprint(text: str) -> str:
    return hashlib.sha256(without_comments(text).encode("utf-8")).hexdigest()


def test_replaced_partials_are_the_versions_that_were_reviewed():
    changed = [f"overrides/{partial}: Material's version changed; review what it does now and "
               "update the replacement and this digest"
               for partial, digest in REPLACED.items()
               if fingerprint((MATERIAL_TEMPLATES / partial).read_text(encoding="utf-8")) != digest]
    assert not changed, "\n".join(changed)


def test_fingerprint_ignores_comments_but_not_code():
    script = "{#- generated -#}\n<script>a()</script>\n"
    assert fingerprint(script) == fingerprint("{#- other words -#}<script>a()</script>")
    assert fingerprint(script) != fingerprint(script.replace("a()", "b()"))
