"""The GitHub Actions workflows: what they run, on what, with which permissions, and zizmor's audit.

Each check is a small function from a parsed workflow to a list of problems (empty when fine), run
once on the real file and once on a workflow with a planted fault, which it must report.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, missing_tool

WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
LINKS = WORKFLOWS / "links.yml"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
LYCHEE_CONFIG = ROOT / ".lychee.toml"


# ---------------------------------------------------------------- reading a workflow

def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(wf: dict) -> dict:
    """The `on:` block as a dict of event -> settings. YAML 1.1 reads the key `on` as True, and
    `on:` may be a single event name, a list of names or a mapping."""
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return dict(on or {})


def jobs(wf: dict) -> dict:
    return wf.get("jobs") or {}


def steps(wf: dict):
    """(job id, step index, step) for every step of every job."""
    for job_id, job in jobs(wf).items():
        for i, step in enumerate(job.get("steps") or []):
            yield job_id, i, step


def uses(step: dict, action: str) -> bool:
    """Whether the step uses `action` (owner/name) at any ref."""
    return str(step.get("uses", "")).split("@")[0].lower() == action.lower()


def where(job_id: str, i: int, step: dict) -> str:
    return f"job {job_id!r} step {step.get('name') or step.get('uses') or i}"


def normalise(expression: str) -> str:
    """An `if:` expression without ${{ }}, spaces, or the difference between ' and "."""
    expression = str(expression).strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2]
    return re.sub(r"\s+", "", expression).replace('"', "'")


# ---------------------------------------------------------------- the checks

def check_triggers(wf: dict, required: list[str]) -> list[str]:
    on = triggers(wf)
    return [f"does not run on {event}" for event in required if event not in on]


def check_push_branch(wf: dict, branch: str = "main") -> list[str]:
    push = triggers(wf).get("push")
    branches = (push or {}).get("branches") if isinstance(push, dict) else None
    if branches is not None and branch not in branches:
        return [f"push runs only on {branches}, not on {branch}"]
    return []


def check_checkout_history(wf: dict) -> list[str]:
    """Every actions/checkout fetches the whole history (fetch-depth: 0): a test compares
    tests/published-urls.txt with its committed versions and fails without them."""
    return [f"{where(j, i, s)}: actions/checkout without fetch-depth: 0"
            for j, i, s in steps(wf)
            if uses(s, "actions/checkout") and str((s.get("with") or {}).get("fetch-depth")) != "0"]


def check_checkout_credentials(wf: dict) -> list[str]:
    """No checkout leaves the token in .git/config, where later steps and artifacts could read it."""
    return [f"{where(j, i, s)}: actions/checkout without persist-credentials: false"
            for j, i, s in steps(wf)
            if uses(s, "actions/checkout")
            and str((s.get("with") or {}).get("persist-credentials")).lower() != "false"]


def check_no_injection(wf: dict) -> list[str]:
    """No ${{ }} expands inside a script: its value becomes code (template injection). Values
    reach scripts through env: entries instead."""
    problems = []
    for j, i, s in steps(wf):
        if "${{" in str(s.get("run", "")):
            problems.append(f"{where(j, i, s)}: ${{{{ }}}} inside run:")
        if uses(s, "actions/github-script") and "${{" in str((s.get("with") or {}).get("script", "")):
            problems.append(f"{where(j, i, s)}: ${{{{ }}}} inside github-script's script:")
    return problems


def check_permissions(wf: dict) -> list[str]:
    """Either the workflow's own permissions are empty or read-only, or every job declares its
    own (which then replace the workflow's)."""
    top = wf.get("permissions")
    if top == {} or top == "read-all" or (isinstance(top, dict)
                                          and all(v in ("read", "none") for v in top.values())):
        return []
    return [f"job {job_id!r} declares no permissions and the workflow's are "
            f"{'not set (the repository default)' if top is None else top}"
            for job_id, job in jobs(wf).items() if "permissions" not in job]


def check_no_write_at_top(wf: dict) -> list[str]:
    """A write scope belongs to the one job that needs it, never to the whole workflow."""
    top = wf.get("permissions")
    if top == "write-all":
        return ["the workflow grants write-all"]
    if isinstance(top, dict):
        return [f"the workflow grants {k}: write" for k, v in top.items() if v == "write"]
    return []


def container_image(job: dict) -> str:
    container = job.get("container")
    return str(container.get("image", "") if isinstance(container, dict) else container or "")


def check_debian_job(wf: dict) -> list[str]:
    """A job in a debian:12 container runs the tests with Debian's own Python, and installs git
    before checking out (without git, actions/checkout downloads a tarball with no history)."""
    debian = {j: job for j, job in jobs(wf).items() if container_image(job) == "debian:12"}
    if not debian:
        return ["no job runs in a debian:12 container"]
    problems = []
    for job_id, job in debian.items():
        runs = [str(s.get("run", "")) for s in job.get("steps") or []]
        if not any("PYTHON=/usr/bin/python3" in r and "scripts/test" in r for r in runs):
            problems.append(f"job {job_id!r} does not run scripts/test with PYTHON=/usr/bin/python3")
        installs = " ".join(r for r in runs if "apt-get install" in r)
        for package in ("python3", "python3-venv", "git", "chromium", "default-jre-headless"):
            if not re.search(rf"(?<![\w.-]){re.escape(package)}(?![\w.-])", installs):
                problems.append(f"job {job_id!r} does not apt-get install {package}")
        for i, step in enumerate(job.get("steps") or []):
            if uses(step, "actions/checkout"):
                before = " ".join(str(s.get("run", "")) for s in (job.get("steps") or [])[:i])
                if not re.search(r"apt-get install[^\n]*(\\\n[^\n]*)*\bgit\b", before):
                    problems.append(f"job {job_id!r} checks out before installing git")
    return problems


def deploy_jobs(wf: dict) -> dict:
    return {j: job for j, job in jobs(wf).items()
            if any(uses(s, "actions/deploy-pages") for s in job.get("steps") or [])}


def check_deploy(wf: dict) -> list[str]:
    """Pages are deployed only from a push to main, after every job that tests, with the Pages
    scopes on that job alone and in the github-pages environment."""
    deploys = deploy_jobs(wf)
    if not deploys:
        return ["no job deploys to Pages"]
    testers = {j for j, job in jobs(wf).items()
               if any(re.search(r"\.ci/run|scripts/test", str(s.get("run", ""))) for s in job.get("steps") or [])}
    problems = []
    for job_id, job in deploys.items():
        condition = normalise(job.get("if", ""))
        for part in ("github.event_name=='push'", "github.ref=='refs/heads/main'"):
            if part not in condition or "||" in condition:
                problems.append(f"job {job_id!r} deploys without `if: {part}` (it has: {job.get('if')!r})")
        needs = job.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        problems += [f"job {job_id!r} does not need the testing job {t!r}" for t in sorted(testers - set(needs))]
        permissions = job.get("permissions") or {}
        for scope in ("pages", "id-token"):
            if permissions.get(scope) != "write":
                problems.append(f"job {job_id!r} lacks {scope}: write")
        environment = job.get("environment")
        name = environment.get("name") if isinstance(environment, dict) else environment
        if name != "github-pages":
            problems.append(f"job {job_id!r} does not deploy in the github-pages environment")
    return problems


def check_deploy_concurrency(wf: dict) -> list[str]:
    """Deploys queue in one group and none is cancelled half-way."""
    problems = []
    for job_id, job in deploy_jobs(wf).items():
        concurrency = job.get("concurrency") or wf.get("concurrency") or {}
        if isinstance(concurrency, str) or not concurrency.get("group"):
            problems.append(f"job {job_id!r} deploys outside a concurrency group")
        elif concurrency.get("cancel-in-progress") not in (False, "false", None):
            problems.append(f"job {job_id!r} may cancel a deploy in progress")
    return problems


def check_tested_build_is_uploaded(wf: dict) -> list[str]:
    """Build once, test that build, publish the same files: the job that uploads the Pages
    artifact runs scripts/build (keeping its log), then the tests on that build (.ci/run with
    HANDBOOK_SITE), then checks the tests left the files unchanged, then adds the print edition
    (scripts/pdf site) and checks every link again now that it exists, then uploads site/."""
    problems = []
    uploaders = {j: job for j, job in jobs(wf).items()
                 if any(uses(s, "actions/upload-pages-artifact") for s in job.get("steps") or [])}
    if not uploaders:
        return ["no job uploads a Pages artifact"]
    for job_id, job in uploaders.items():
        order = []
        for step in job.get("steps") or []:
            run = str(step.get("run", ""))
            if re.search(r"(^|[\s;&|])scripts/build\b", run):
                order.append("build")
            if ".ci/run" in run:
                order.append("test" if re.search(r"HANDBOOK_SITE=site\b", run)
                             and "HANDBOOK_BUILD_LOG=" in run else "test-own-build")
            if "sha256sum" in run and "-c" in run.split():
                order.append("unchanged")
            if re.search(r"(^|[\s;&|])scripts/pdf site\b", run):
                order.append("pdf" if "scripts/link_check.py site" in run.split("scripts/pdf site", 1)[1]
                             else "pdf-unchecked")
            if uses(step, "actions/upload-pages-artifact"):
                order.append("upload" if (step.get("with") or {}).get("path") == "site" else "upload-other")
        if order != ["build", "test", "unchanged", "pdf", "upload"]:
            problems.append(f"job {job_id!r} does not build, test that build, check it is unchanged, "
                            f"add the print edition and check the links, and upload it: {order}")
    return problems


def check_schedule(wf: dict) -> list[str]:
    schedule = triggers(wf).get("schedule") or []
    if not any(isinstance(entry, dict) and entry.get("cron") for entry in schedule):
        return ["runs on no schedule (cron)"]
    return []


def check_runs_lychee(wf: dict) -> list[str]:
    """Some step checks links with lychee, after some step builds the site."""
    found = built = False
    for _, _, step in steps(wf):
        run = str(step.get("run", ""))
        if re.search(r"(^|[\s;&|])scripts/build\b", run):
            built = True
        if uses(step, "lycheeverse/lychee-action") or re.search(r"(^|[\s;&|(])lychee\s", run):
            if not built:
                return ["runs lychee before building the site"]
            found = True
    return [] if found else ["runs no lychee"]


ISSUE_WRITERS = ("peter-evans/create-issue-from-file", "peter-evans/create-or-update-issue",
                 "actions/github-script", "JasonEtco/create-an-issue")


def check_writes_issue(wf: dict) -> list[str]:
    """Some step opens or updates an issue, in a job allowed to (issues: write), and no other job
    or the workflow as a whole gets that scope."""
    writers = set()
    for job_id, _, step in steps(wf):
        if any(uses(step, a) for a in ISSUE_WRITERS) or re.search(r"gh issue (create|edit|comment)",
                                                                    str(step.get("run", ""))):
            writers.add(job_id)
    if not writers:
        return ["no step opens or updates an issue"]
    problems = [f"job {j!r} writes an issue without issues: write"
                for j in sorted(writers) if (jobs(wf)[j].get("permissions") or {}).get("issues") != "write"]
    problems += [f"job {j!r} has issues: write but writes no issue"
                 for j, job in jobs(wf).items()
                 if j not in writers and (job.get("permissions") or {}).get("issues") == "write"]
    if isinstance(wf.get("permissions"), dict) and wf["permissions"].get("issues") == "write":
        problems.append("the workflow as a whole has issues: write")
    return problems


def check_lychee_config(config: dict) -> list[str]:
    """lychee never checks the machine it runs on, and checks only external (http/https) links."""
    problems = []
    if not config.get("exclude_loopback") and not config.get("exclude_all_private"):
        problems.append("lychee does not exclude loopback addresses (exclude_loopback = true)")
    excludes = config.get("exclude") or []
    for host in ("http://localhost:8000/", "http://127.0.0.1/"):
        if not any(re.search(pattern, host) for pattern in excludes):
            problems.append(f"no exclude pattern matches {host}")
    if sorted(config.get("scheme") or []) != ["http", "https"]:
        problems.append(f"lychee checks schemes {config.get('scheme')}, not only http and https")
    return problems


# ---------------------------------------------------------------- the real workflows

@pytest.fixture(scope="module")
def publish() -> dict:
    return load(PUBLISH)


@pytest.fixture(scope="module")
def links() -> dict:
    return load(LINKS)


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def test_the_workflows_exist():
    assert PUBLISH.is_file() and LINKS.is_file() and ZIZMOR_CONFIG.is_file()


def test_publish_runs_on_push_to_main_and_pull_requests(publish):
    assert check_triggers(publish, ["push", "pull_request", "workflow_dispatch"]) == []
    assert check_push_branch(publish) == []


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_no_template_injection(path):
    assert check_no_injection(load(path)) == []


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_permissions_are_least(path):
    wf = load(path)
    assert check_permissions(wf) + check_no_write_at_top(wf) == []


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path):
    assert check_checkout_credentials(load(path)) == []


def test_publish_checkouts_fetch_the_whole_history(publish):
    assert any(uses(s, "actions/checkout") for _, _, s in steps(publish))
    assert check_checkout_history(publish) == []


def test_debian_job_runs_the_tests_with_debians_python(publish):
    assert check_debian_job(publish) == []


def test_deploy_only_on_push_to_main(publish):
    assert check_deploy(publish) + check_deploy_concurrency(publish) == []


def test_the_tested_build_is_uploaded(publish):
    assert check_tested_build_is_uploaded(publish) == []


def test_links_checks_external_links_weekly_and_reports_in_an_issue(links):
    assert check_schedule(links) == []
    assert check_triggers(links, ["workflow_dispatch"]) == []
    assert check_runs_lychee(links) == []
    assert check_writes_issue(links) == []


def test_lychee_config():
    assert check_lychee_config(tomllib.loads(LYCHEE_CONFIG.read_text(encoding="utf-8"))) == []


# ---------------------------------------------------------------- planted faults

@pytest.fixture
def good_publish(publish) -> dict:
    return copy.deepcopy(publish)


def first_step(wf: dict, action: str) -> dict:
    return next(s for _, _, s in steps(wf) if uses(s, action))


def test_on_parsed_as_true_is_handled():
    wf = yaml.safe_load("on:\n  push:\n    branches: [main]\n  pull_request:\njobs: {}\n")
    assert True in wf  # what PyYAML makes of the key `on`
    assert check_triggers(wf, ["push", "pull_request"]) == []
    assert check_triggers(yaml.safe_load("on: push\n"), ["push"]) == []
    assert check_triggers(yaml.safe_load("on: [push, pull_request]\n"), ["pull_request"]) == []


def test_planted_missing_trigger(good_publish):
    del good_publish[True]["pull_request"]
    assert check_triggers(good_publish, ["push", "pull_request"]) == ["does not run on pull_request"]
    good_publish[True]["push"] = {"branches": ["release"]}
    assert check_push_branch(good_publish) == ["push runs only on ['release'], not on main"]


def test_planted_shallow_checkout(good_publish):
    del first_step(good_publish, "actions/checkout")["with"]["fetch-depth"]
    assert len(check_checkout_history(good_publish)) == 1
    assert "without fetch-depth: 0" in check_checkout_history(good_publish)[0]
    first_step(good_publish, "actions/checkout").pop("with")
    assert len(check_checkout_credentials(good_publish)) == 1


def test_planted_injection(good_publish):
    good_publish["jobs"]["test"]["steps"].append({"run": 'echo "${{ github.event.issue.title }}"'})
    good_publish["jobs"]["test"]["steps"].append(
        {"uses": "actions/github-script@v7", "with": {"script": "core.info('${{ github.head_ref }}')"}})
    assert len(check_no_injection(good_publish)) == 2


def test_planted_broad_permissions(good_publish):
    good_publish["permissions"] = {"contents": "write"}
    del good_publish["jobs"]["debian"]["permissions"]
    assert check_permissions(good_publish) == [
        "job 'debian' declares no permissions and the workflow's are {'contents': 'write'}"]
    assert check_no_write_at_top(good_publish) == ["the workflow grants contents: write"]
    del good_publish["permissions"]
    assert len(check_permissions(good_publish)) == 1
    good_publish["permissions"] = {"contents": "read"}
    assert check_permissions(good_publish) == []


def test_planted_debian_faults(good_publish):
    job = good_publish["jobs"]["debian"]
    job["steps"] = [s for s in job["steps"] if "apt-get" not in str(s.get("run", ""))]
    job["steps"][-1]["run"] = 'scripts/test -m "not browser"'
    problems = check_debian_job(good_publish)
    assert "job 'debian' does not run scripts/test with PYTHON=/usr/bin/python3" in problems
    assert "job 'debian' does not apt-get install python3-venv" in problems
    assert "job 'debian' checks out before installing git" in problems
    job["container"] = "debian:11"
    assert check_debian_job(good_publish) == ["no job runs in a debian:12 container"]


def test_planted_deploy_faults(good_publish):
    job = good_publish["jobs"]["deploy"]
    job["if"] = "github.event_name == 'push' || github.ref == 'refs/heads/main'"
    job["needs"] = "test"
    job["permissions"] = {"pages": "write"}
    job["environment"] = "preview"
    job["concurrency"] = {"group": "pages", "cancel-in-progress": True}
    problems = check_deploy(good_publish)
    assert len([p for p in problems if "deploys without" in p]) == 2
    assert "job 'deploy' does not need the testing job 'debian'" in problems
    assert "job 'deploy' lacks id-token: write" in problems
    assert "job 'deploy' does not deploy in the github-pages environment" in problems
    assert check_deploy_concurrency(good_publish) == ["job 'deploy' may cancel a deploy in progress"]
    del job["if"]
    assert len([p for p in check_deploy(good_publish) if "deploys without" in p]) == 2
    assert check_deploy({"jobs": {}}) == ["no job deploys to Pages"]


def test_planted_untested_upload(good_publish):
    job = good_publish["jobs"]["test"]
    steps = job["steps"]
    job["steps"] = [s for s in steps if ".ci/run" not in str(s.get("run", ""))]
    assert len(check_tested_build_is_uploaded(good_publish)) == 1
    # the tests build their own site instead of testing the one that is uploaded
    job["steps"] = [dict(s, run="bash .ci/run") if ".ci/run" in str(s.get("run", "")) else s for s in steps]
    assert "'test-own-build'" in check_tested_build_is_uploaded(good_publish)[0]
    # the print edition is added but the links are not checked again
    job["steps"] = [dict(s, run="scripts/pdf site") if "scripts/pdf site" in str(s.get("run", "")) else s
                    for s in steps]
    assert "'pdf-unchecked'" in check_tested_build_is_uploaded(good_publish)[0]
    # nothing checks that the tests left the files as they were
    job["steps"] = [s for s in steps if "sha256sum" not in str(s.get("run", "")) or "-c" not in str(s["run"])]
    assert len(check_tested_build_is_uploaded(good_publish)) == 1
    assert check_tested_build_is_uploaded({"jobs": {}}) == ["no job uploads a Pages artifact"]


def test_planted_links_faults(links):
    wf = copy.deepcopy(links)
    del wf[True]["schedule"]
    assert check_schedule(wf) == ["runs on no schedule (cron)"]
    job = next(iter(wf["jobs"].values()))
    job["permissions"] = {"contents": "read"}
    assert len(check_writes_issue(wf)) == 1
    job["steps"] = [s for s in job["steps"]
                    if not uses(s, "peter-evans/create-issue-from-file") and "lychee " not in str(s.get("run", ""))]
    assert check_writes_issue(wf) == ["no step opens or updates an issue"]
    assert check_runs_lychee(wf) == ["runs no lychee"]
    job["steps"].insert(0, {"run": "lychee --config .lychee.toml 'site/**/*.html'"})
    assert check_runs_lychee(wf) == ["runs lychee before building the site"]


def test_planted_lychee_config_faults():
    assert len(check_lychee_config({})) == 4
    assert check_lychee_config({"exclude_loopback": True, "scheme": ["https", "http"],
                                "exclude": [r"^https?://(localhost|127\.0\.0\.1)"]}) == []


# ---------------------------------------------------------------- zizmor, offline

def zizmor_command() -> list[str] | None:
    """zizmor from the venv running the tests (pip's zizmor is a binary, not a module), else PATH."""
    beside = Path(sys.executable).with_name("zizmor")
    found = str(beside) if beside.is_file() else shutil.which("zizmor")
    return [found] if found else None


def run_zizmor(target: Path) -> tuple[int, list[dict], str]:
    """zizmor's findings on `target`, offline (no GitHub API call, so no token is needed), with
    the configuration it discovers beside the workflows (.github/zizmor.yml)."""
    command = zizmor_command()
    if command is None:
        missing_tool("zizmor is not installed (pip install zizmor==1.32.0)")
    proc = subprocess.run(command + ["--offline", "--format", "json", "--no-progress", str(target)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    try:
        findings = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        findings = []
    return proc.returncode, findings, proc.stderr


def summary(findings: list[dict]) -> list[str]:
    """One line per finding: audit, file and line (zizmor's JSON v1 format)."""
    lines = []
    for finding in findings:
        try:
            location = finding["locations"][0]
            path = next(iter(location["symbolic"]["key"].values()))["verbatim_path"]
            row = location["concrete"]["location"]["start_point"]["row"] + 1
            lines.append(f"{finding['ident']}: {path}:{row}")
        except (KeyError, IndexError, StopIteration, TypeError):
            lines.append(str(finding.get("ident", finding)))
    return lines


def test_zizmor_finds_nothing():
    code, findings, stderr = run_zizmor(WORKFLOWS)
    assert findings == [] and code == 0, (summary(findings), stderr[-2000:])


def test_zizmor_reports_planted_faults(tmp_path):
    """The configuration lets only the listed actions be pinned by tag: a planted injection and a
    third-party action pinned by tag are still found."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ZIZMOR_CONFIG, tmp_path / ".github" / "zizmor.yml")
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(
        "name: Bad\n"
        "on: issues\n"
        "permissions: {}\n"
        "jobs:\n"
        "  greet:\n"
        "    name: Greet\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: someone/some-action@v1\n"
        "      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    code, findings, stderr = run_zizmor(tmp_path / ".github" / "workflows")
    idents = {f["ident"] for f in findings}
    assert code != 0
    assert {"template-injection", "unpinned-uses"} <= idents, (summary(findings), stderr[-2000:])
