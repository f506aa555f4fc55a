"""Shared fixtures: one strict build per test run (shared by the xdist workers), a static server,
a real Chromium, and one visit to every page at each width and colour scheme (`page_visits`)."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # the handbook package: data model, blocks, helpers

from handbook.browser import find_chromium, launch, redirect_stubs, site_pages
from handbook.build import strict_build
from handbook.static_server import serve
from handbook.visits import visit_setting

# Every page is visited once at each of these widths and colour schemes. Tests over the visits take
# these as parameters; each setting is an xdist group, so one worker makes that setting's visits.
SETTINGS = [(width, scheme) for width in (390, 1280) for scheme in ("light", "dark")]
VISIT_SETTINGS = [pytest.param(width, scheme, id=f"{width}-{scheme}",
                               marks=pytest.mark.xdist_group(f"visits-{width}-{scheme}"))
                  for width, scheme in SETTINGS]


# Under xdist (--dist loadgroup), the tests that share one of these expensive module- or
# session-scoped fixtures run on one worker, so the fixture is made once, not once per worker.
ONE_WORKER_FIXTURES = {"zensical_site": "zensical-build", "search_page": "search-page"}


def reads_visits(item) -> bool:
    return "page_visits" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        shared = [name for name in ONE_WORKER_FIXTURES if name in getattr(item, "fixturenames", ())]
        if shared and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(ONE_WORKER_FIXTURES[shared[0]]))
    # The page visits start with the first test (visits_in_background) and the tests that read
    # them run last, so the other tests run while the visits' two browsers work (a stable sort:
    # the order within each part is kept).
    items.sort(key=reads_visits)


def copy_project(target: Path) -> None:
    """The files a build reads: docs, overrides, scripts (the macros module) and mkdocs.yml."""
    ignore = shutil.ignore_patterns("__pycache__", "node_modules", ".cache")
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def prebuilt_site(site: Path, log: str | None) -> tuple[subprocess.CompletedProcess, Path]:
    site = site.resolve()
    if not (site / "index.html").is_file():
        pytest.fail(f"HANDBOOK_SITE={site}: no index.html there; run scripts/build first", pytrace=False)
    if not log or not Path(log).is_file():
        pytest.fail("HANDBOOK_SITE is set but HANDBOOK_BUILD_LOG does not name the build's log "
                    "(scripts/build 2> build.log), so its warnings cannot be checked", pytrace=False)
    stderr = Path(log).read_text(encoding="utf-8")
    return subprocess.CompletedProcess(["scripts/build", str(site)], 0, "", stderr), site


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    """The gate build, once per test run. Under xdist the first worker builds into the run's shared
    temporary directory while the others wait on a lock, then reuse it (two builds at once would
    also race on the preview image cache).

    Build once, test that build, publish the same files: with HANDBOOK_SITE set to a directory
    that scripts/build wrote (and HANDBOOK_BUILD_LOG to that build's stderr), the tests check
    those files instead of building their own, and CI publishes them unchanged."""
    if os.environ.get("HANDBOOK_SITE"):
        return prebuilt_site(Path(os.environ["HANDBOOK_SITE"]), os.environ.get("HANDBOOK_BUILD_LOG"))
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        site = tmp_path_factory.mktemp("site")
        return strict_build(ROOT, site), site
    shared = tmp_path_factory.getbasetemp().parent
    site, record = shared / "site", shared / "site-build.json"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            proc = strict_build(ROOT, site)
            record.write_text(json.dumps({"args": proc.args, "returncode": proc.returncode,
                                          "stdout": proc.stdout, "stderr": proc.stderr}), encoding="utf-8")
    return subprocess.CompletedProcess(**json.loads(record.read_text(encoding="utf-8"))), site


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


@pytest.fixture(scope="session")
def gzip_site_url(site_dir):
    """The site served gzip-compressed, as a static host sends it: for weighing first visits."""
    server, url = serve(site_dir, gzip=True)
    yield url
    server.shutdown()


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
        browser = launch(p, executable)
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


# The setting whose visits are first visits (browser cache disabled): what the weight budget reads.
# The other settings visit with the cache on, as a reader moving from page to page would.
FIRST_VISITS = (390, "light")


class PageVisits:
    """Every page visited once per width and colour scheme: axe-core's violations, every request
    with its bytes, console errors, CSP violations and layout shifts (handbook/visits.py). The
    redirect stubs are visited once, in the FIRST_VISITS setting (no axe: they send the reader on
    at once; what they do depends on neither width nor scheme).

    The first request starts all four settings, two at a time in separate processes, each with its
    own Chromium (axe keeps a core busy; one process per core halves the wait). Under pytest-xdist
    each worker visits only the settings its tests ask for (each setting is an xdist group)."""

    def __init__(self, site: Path, base_url: str):
        self.site, self.base_url = site, base_url
        self.pending: dict[tuple[int, str], Future] = {}
        self.pool: ProcessPoolExecutor | None = None

    def _start(self, settings) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
        pages, stubs = site_pages(self.site), redirect_stubs(self.site)
        for width, scheme in settings:
            first = (width, scheme) == FIRST_VISITS
            self.pending[width, scheme] = self.pool.submit(
                visit_setting, self.base_url, width, scheme, pages, stubs if first else [], first)

    def start_all(self) -> None:
        self._start([setting for setting in SETTINGS if setting not in self.pending])

    def get(self, width: int, scheme: str) -> list:
        if (width, scheme) not in self.pending:
            under_xdist = bool(os.environ.get("PYTEST_XDIST_WORKER"))
            self._start([(width, scheme)] if under_xdist else
                        [(width, scheme)] + [x for x in SETTINGS if x != (width, scheme) and x not in self.pending])
        return self.pending[width, scheme].result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


@pytest.fixture(scope="session")
def page_visits(site_dir, gzip_site_url):
    if find_chromium() is None:  # the visits run their own browsers; the fixture reports a missing one
        missing_tool("no Chromium found (install Debian's chromium or set CHROMIUM_PATH)")
    visits = PageVisits(site_dir, gzip_site_url)
    yield visits
    visits.close()


@pytest.fixture(scope="session", autouse=True)
def visits_in_background(request):
    """Without xdist, start every setting's page visits with the first test when any collected
    test reads them: they run in their own processes while the other tests run (about 140 s of
    visits that the run no longer waits for at its start)."""
    if os.environ.get("PYTEST_XDIST_WORKER") or not any(reads_visits(i) for i in request.session.items):
        return
    if find_chromium() is None or request.getfixturevalue("build_result")[0].returncode != 0:
        return  # page_visits and site_dir report these, in the tests that need them
    visits = request.getfixturevalue("page_visits")
    visits.start_all()
