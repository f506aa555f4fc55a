"""Shared fixtures: one strict build per test session, a static server, and a real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # the handbook package: data model, blocks, helpers

from static_server import serve

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def strict_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """What scripts/build does: `mkdocs build --strict` (never -v or -q: both hide anchor checks),
    then the post-build step. The result carries both steps' output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    if proc.returncode == 0:
        post = subprocess.run([sys.executable, str(project / "scripts/handbook/postbuild.py"), str(site)],
                              cwd=project, env=env, capture_output=True, text=True, check=False)
        proc = subprocess.CompletedProcess(proc.args, post.returncode, proc.stdout + post.stdout,
                                           proc.stderr + post.stderr)
    return proc


def copy_project(target: Path) -> None:
    """The files a build reads: docs, overrides, scripts (the macros module) and mkdocs.yml."""
    ignore = shutil.ignore_patterns("__pycache__", "node_modules", ".cache")
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    """The gate build, once per test session."""
    site = tmp_path_factory.mktemp("site")
    return strict_build(ROOT, site), site


@pytest.fixture(scope="session")
def site_dir(build_result) -> Path:
    proc, site = build_result
    if proc.returncode != 0:
        pytest.fail("the strict build failed:\n" + proc.stderr[-3000:], pytrace=False)
    return site


def build_project_copy(tmp_path: Path, page: str, change) -> tuple[subprocess.CompletedProcess, Path]:
    """Strict-build a copy of the project after `change(text)` rewrites `page` (a path from the
    project's root, such as docs/faq.md or docs/data/skills.yml)."""
    copy_project(tmp_path)
    source = tmp_path / page
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "out"
    return strict_build(tmp_path, out), out


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve(site_dir)
    yield url
    server.shutdown()


def find_chromium() -> str | None:
    """CHROMIUM_PATH, else the system Chromium (Debian's, as in CI), else Playwright's own."""
    candidates = [os.environ.get("CHROMIUM_PATH")]
    candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")]
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            candidates.append(p.chromium.executable_path)
    except Exception:  # noqa: BLE001, S110 (no browser bundled with Playwright: the system one or nothing)
        pass
    return next((c for c in candidates if c and Path(c).is_file()), None)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_tool(reason: str):
    """Outside CI a missing optional tool skips its tests with a reason; in CI it fails them."""
    if in_ci():
        pytest.fail(f"cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def java():
    """The Nu HTML checker runs on Java."""
    if shutil.which("java") is None:
        missing_tool("no Java found for the Nu HTML checker (install default-jre-headless)")


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        missing_tool("no Chromium found (install Debian's chromium or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and page errors for the test to assert on."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(f"page error: {error}"))
    page.on("console", lambda m: m.type == "error" and page.errors.append(f"console: {m.text}"))
    yield page
    context.close()
