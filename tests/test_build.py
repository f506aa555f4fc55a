"""The strict build is the gate: it passes, and it fails on a planted broken link or anchor."""

import os
import shutil
import subprocess
import sys

from conftest import ROOT


def test_strict_build_passes(build_result):
    proc, site = build_result
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr[-3000:]
    assert (site / "index.html").is_file() and (site / "404.html").is_file()


def build_copy(tmp_path, page: str, extra: str) -> subprocess.CompletedProcess:
    """Strict-build a copy of the project with `extra` appended to docs/`page`."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with open(tmp_path / "docs" / page, "a", encoding="utf-8") as handle:
        handle.write("\n\n" + extra + "\n")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=tmp_path, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
    )


def test_strict_build_fails_on_planted_broken_link_and_anchor(tmp_path):
    proc = build_copy(
        tmp_path, "about.md",
        "[gone](no-such-page.md) and [lost section](index.md#no-such-section)",
    )
    assert proc.returncode != 0
    assert "about.md" in proc.stderr and "no-such-page.md" in proc.stderr
    assert "no-such-section" in proc.stderr
