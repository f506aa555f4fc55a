"""The build as scripts/build runs it, callable from Python: `mkdocs build --strict`, then the
post-build step. The tests (tests/conftest.py), the search benchmark and the screenshots use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _then_postbuild(proc: subprocess.CompletedProcess, project: Path, site: Path, env: dict):
    """Run the post-build step after a successful engine build; the result carries both outputs."""
    if proc.returncode != 0:
        return proc
    post = subprocess.run([sys.executable, str(project / "scripts/handbook/postbuild.py"), str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    return subprocess.CompletedProcess(proc.args, post.returncode, proc.stdout + post.stdout,
                                       proc.stderr + post.stderr)


def strict_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """What scripts/build does: `mkdocs build --strict` (never -v or -q: both hide anchor checks),
    then the post-build step."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    return _then_postbuild(proc, project, site, env)


def zensical_build(project: Path) -> subprocess.CompletedProcess:
    """`zensical build` in `project` (it has no --site-dir: it writes project/site), then the same
    post-build step."""
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    return _then_postbuild(proc, project, project / "site", env)


def build_or_fail(project: Path, site: Path) -> None:
    """strict_build for the scripts: raise with the build's own output when it fails."""
    proc = strict_build(project, site)
    if proc.returncode != 0:
        raise RuntimeError("the strict build failed:\n" + (proc.stdout + proc.stderr)[-3000:])
