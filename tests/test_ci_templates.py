"""The CI templates of ci-templates/: each parses, needs nothing from the internet, and its steps,
run as the runner runs them in a fresh clone of this repository, review a pull request (one comment,
updated in place) and publish the main branch to a web folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from ci_forge import MARKER, NUMBER, REPOSITORY, TOKEN, StubForge, serve_forge
from helpers import REPO, git, run_bulletin

TEMPLATES = REPO / "ci-templates"
GITEA = TEMPLATES / "gitea-actions.yml"
GITLAB = TEMPLATES / "gitlab-ci.yml"
SHELL = TEMPLATES / "shell-runner.sh"
SCRIPTS = sorted((REPO / "scripts" / "ci").glob("*.sh"))
SITE_URL = "http://xxkw.example.intranet/"
PUBLISHED = "reports/2026/0105-yunling-dongji-lvyou.md"
PENDING = "reports/2026/1127-yunling-chayuan-renyang.md"
PENDING_TEXT = """---
title: {title}
unit: yunling
category: 经验做法
---
今年以来，云岭县在3个乡镇试行茶园认养，城市家庭认养茶树，茶农代管，采摘季共同制茶。
"""
# Hosts a template or CI script may name: the intranet's own (examples), never the internet.
INTRANET_HOST = re.compile(r"[a-z0-9.-]*\.intranet|127\.0\.0\.1|localhost|10(?:\.\d+){3}")


def strings_of(node: object) -> Iterator[str]:
    """Every key and value of a parsed YAML document, as text (comments are not in it)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from strings_of(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_of(item)
    elif node is not None:
        yield str(node)


# --- what the templates are made of ------------------------------------------------------------------


def test_the_gitea_template_uses_no_action_image_or_host_from_the_internet():
    template = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    assert set(template["jobs"]) == {"review", "publish"}
    assert template["env"]["PIP_INDEX_URL"] == "${{ vars.PIP_INDEX_URL }}"  # the mirror is wired into pip
    assert template["env"]["PIP_TRUSTED_HOST"] == "${{ vars.PIP_TRUSTED_HOST }}"
    for name, job in template["jobs"].items():
        assert job["runs-on"] in ("bulletin", "bulletin-deploy"), name  # a label the administrator configures
        assert "container" not in job and "services" not in job
        for step in job["steps"]:
            assert set(step) <= {"name", "if", "env", "run"}, step  # no `uses:`: no action to download
            assert "NOTIFY_URL" not in step.get("env", {}) or step["if"] == "vars.NOTIFY_URL != ''", step
    text = "\n".join(strings_of(template))
    for forbidden in ("uses", "actions/", "setup-python", "upload-artifact", "ubuntu-", "docker.io", "curl", "wget"):
        assert forbidden not in text, forbidden


def test_the_gitlab_template_uses_the_offices_image_and_mirror():
    template = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert template["variables"]["BULLETIN_CI_IMAGE"].startswith("$CI_REGISTRY_IMAGE/")  # the office's registry
    assert template["variables"]["GIT_DEPTH"] == "0"
    jobs = {name: job for name, job in template.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"review", "publish"}
    for job in jobs.values():
        assert job["image"] == "$BULLETIN_CI_IMAGE"
        assert job["script"][0] == "scripts/ci/install.sh"  # pip from PIP_INDEX_URL, set in the project's variables
    assert "merge_request_event" in jobs["review"]["rules"][0]["if"]
    assert "$CI_DEFAULT_BRANCH" in jobs["publish"]["rules"][0]["if"]
    text = "\n".join(strings_of(template))
    for forbidden in ("image: python", "docker.io", "curl", "wget", "pip install"):
        assert forbidden not in text, forbidden


def test_main_is_published_on_a_schedule_one_run_at_a_time_and_the_duty_room_told_if_configured():
    gitea = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    triggers = gitea[True]  # YAML 1.1 reads the key `on` as true
    [schedule] = triggers["schedule"]
    assert re.fullmatch(r"\*/\d+ \* \* \* \*", schedule["cron"])  # every N minutes (documented above it)
    publish = gitea["jobs"]["publish"]
    assert "github.event_name == 'schedule'" in publish["if"]
    assert publish["concurrency"] == {"group": "bulletin-publish", "cancel-in-progress": False}
    runs = [step["run"] for step in publish["steps"]]
    assert runs[2] == "scripts/ci/publish.sh" and runs[3] == "scripts/ci/notify.sh"
    assert publish["steps"][3]["env"]["NOTIFY_TOKEN"] == "${{ secrets.NOTIFY_TOKEN }}"  # a secret, not a variable

    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    rules = [rule["if"] for rule in gitlab["publish"]["rules"]]
    assert any('$CI_PIPELINE_SOURCE == "schedule"' in rule and "$CI_DEFAULT_BRANCH" in rule for rule in rules)
    assert gitlab["publish"]["resource_group"] == "bulletin-deploy"
    assert gitlab["publish"]["script"][1:] == ["scripts/ci/publish.sh", "scripts/ci/notify.sh"]

    shell = SHELL.read_text(encoding="utf-8")
    assert "scripts/ci/notify.sh" in shell and "flock" in shell
    publish_script = (REPO / "scripts" / "ci" / "publish.sh").read_text(encoding="utf-8")
    assert "BUILD_FLAGS=--if-changed" in publish_script and "--if-changed" in publish_script.split("bulletin deploy")[1]


def test_the_notify_step_does_nothing_without_its_variable_and_never_fails(tmp_path):
    notify = REPO / "scripts" / "ci" / "notify.sh"
    unset = subprocess.run([str(notify)], env=clean_environment(), capture_output=True, text=True, check=False)
    assert unset.returncode == 0 and "没有设置 NOTIFY_URL" in unset.stdout
    # a clone without the tools (.venv): the command cannot even start, and the step still passes
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "scripts" / "ci", clone / "scripts" / "ci")
    broken = subprocess.run(
        [str(clone / "scripts" / "ci" / "notify.sh")],
        env=clean_environment(NOTIFY_URL="http://duty.example.intranet/", BULLETIN_DEPLOY_DIR=str(tmp_path / "web")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken.returncode == 0 and "警告：通知值班室这一步出错" in broken.stderr


def test_every_script_is_valid_shell_and_names_only_intranet_hosts():
    for script in [*SCRIPTS, SHELL]:
        assert os.access(script, os.X_OK), script
        assert subprocess.run(["sh", "-n", str(script)], capture_output=True, check=False).returncode == 0, script
    for path in [*SCRIPTS, SHELL, GITEA, GITLAB, REPO / "scripts" / "ci" / "post_comment.py"]:
        for host in re.findall(r"https?://([^/\s\"'`)]+)", path.read_text(encoding="utf-8")):
            assert INTRANET_HOST.fullmatch(host.split(":")[0]) or "$" in host or "{" in host, (path.name, host)
    # every step the templates run is a script of the repository
    for called in re.findall(r"scripts/ci/[\w.]+", GITEA.read_text() + GITLAB.read_text() + SHELL.read_text()):
        assert (REPO / called).is_file(), called


def test_installing_says_what_is_missing(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "scripts" / "ci", clone / "scripts" / "ci")
    done = subprocess.run(
        [str(clone / "scripts" / "ci" / "install.sh")],
        env={**clean_environment(), "BULLETIN_PYTHON": "python3.9-that-is-not-there"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "需要 Python 3.11" in done.stderr and "BULLETIN_PYTHON" in done.stderr


# --- the steps, run as the runner runs them ----------------------------------------------------------


def clean_environment(**more: str) -> dict[str, str]:
    """This process's environment without what would tie a CI step to it, plus ``more``."""
    dropped = ("VIRTUAL_ENV", "SOURCE_DATE_EPOCH", "BULLETIN_VENV", "PIP_INDEX_URL", "GIT_DIR", "GIT_WORK_TREE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("PYTEST")}
    return {**environment, "LANG": "C.UTF-8", **more}


@dataclass
class Forge:
    """A forge of this repository for the runners: a bare repository served as files, a stub API."""

    root: Path  # the forge's folder: <root>/office/bulletin.git
    work: Path  # a clone where the test pushes from
    api: StubForge
    api_url: str
    runner_env: dict[str, str]

    @property
    def url(self) -> str:
        return f"file://{self.root}"

    def push(self, *refspecs: str) -> None:
        git(self.work, "push", "-q", "--force", str(self.root / f"{REPOSITORY}.git"), *refspecs)

    def sha(self, ref: str = "HEAD") -> str:
        return git(self.work, "rev-parse", ref).strip()


@pytest.fixture(scope="session")
def runner_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runners' search index cache, kept from one job to the next as a runner's own folder
    is (BULLETIN_CACHE_DIR): the sample's index is made once."""
    return tmp_path_factory.mktemp("runner-cache")


@pytest.fixture
def forge(tmp_path: Path, runner_cache: Path) -> Iterator[Forge]:
    """This repository as it is on disk, committed as main of a fresh bare repository, with a pull
    request (branch `change`, refs/pull/7/head) that adds a pending report and a 批示."""
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", "--no-local", str(REPO), str(work)], check=True)
    # the CI files as they are on disk, should they not be committed yet
    for part in ("scripts/ci", "ci-templates", ".gitignore", "Makefile"):
        source, target = REPO / part, work / part
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    git(work, "-c", "user.name=维护人员", "-c", "user.email=m@example.invalid", "add", "-A")
    git(
        work,
        "-c",
        "user.name=维护人员",
        "-c",
        "user.email=m@example.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "CI",
    )
    git(work, "config", "user.name", "信息科编辑")
    git(work, "config", "user.email", "editor@example.invalid")
    root = tmp_path / "forge"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(root / f"{REPOSITORY}.git")], check=True)
    git(work, "switch", "-q", "-C", "main")
    git(work, "checkout", "-q", "-b", "change")
    text = (work / PUBLISHED).read_text(encoding="utf-8")
    instruction = "instructions:\n  - {by: 市长, level: 市级, date: 2026-11-02, text: 请市文旅局总结推广。}\n"
    (work / PUBLISHED).write_text(text.replace("tags:", instruction + "tags:", 1), encoding="utf-8")
    (work / PENDING).write_text(PENDING_TEXT.format(title="云岭县试行“茶园认养”助农增收"), encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "新稿件和批示")
    with serve_forge("gitea") as (api, api_url):
        made = Forge(root, work, api, api_url, {})
        made.push("main:refs/heads/main", "change:refs/heads/change", f"change:refs/pull/{NUMBER}/head")
        made.runner_env = clean_environment(
            BULLETIN_CI_VENV=str(REPO / ".venv"),  # the tests' own tools: nothing is installed
            BULLETIN_CACHE_DIR=str(runner_cache),
            BULLETIN_DOCUMENTS="0",  # no PDF or Word files: these tests look at comments and pages
        )
        yield made


def expand(value: object, values: Mapping[str, str]) -> str:
    """A template value with its ``${{ … }}`` expressions as the runner fills them (an expression
    the test does not know fails the test)."""
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: values[m[1]], str(value))


def run_gitea_job(forge: Forge, job_name: str, workspace: Path, values: Mapping[str, str]) -> list[int]:
    """The steps of a job of gitea-actions.yml, each as act_runner runs a `run:` step (bash -e -o
    pipefail, the step's env), in ``workspace``; a step after a failure runs only if `always()`."""
    template = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    workspace.mkdir(exist_ok=True)
    statuses: list[int] = []
    for n, step in enumerate(template["jobs"][job_name]["steps"]):
        if any(statuses) and step.get("if") != "always()":
            continue
        environment = {k: expand(v, values) for k, v in {**template["env"], **step.get("env", {})}.items()}
        script = workspace.parent / f"{workspace.name}-step-{n}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", str(script)],
            cwd=workspace,
            env={**forge.runner_env, **environment},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        print(f"--- {step['name']}\n{done.stdout}\n{done.stderr}")
        statuses.append(done.returncode)
    return statuses


def gitea_values(forge: Forge, ref: str, sha: str, **more: str) -> dict[str, str]:
    return {
        "vars.PIP_INDEX_URL": "",
        "vars.PIP_TRUSTED_HOST": "",
        "vars.BULLETIN_PYTHON || 'python3'": sys.executable,
        "vars.BULLETIN_SITE_URL": SITE_URL,
        "vars.BULLETIN_BOT_USER": "",
        "vars.BULLETIN_DEPLOY_DIR": "",
        "vars.BULLETIN_KEEP_RELEASES || '5'": "5",
        "vars.NOTIFY_URL": "",
        "secrets.NOTIFY_TOKEN": "",
        "secrets.GITHUB_TOKEN": TOKEN,
        "secrets.BULLETIN_BOT_TOKEN || secrets.GITHUB_TOKEN": TOKEN,
        "github.server_url": forge.url,
        "github.api_url": forge.api_url,
        "github.repository": REPOSITORY,
        "github.ref": ref,
        "github.sha": sha,
        "github.base_ref": "main",
        "github.event.pull_request.number": str(NUMBER),
        **more,
    }


def only_comment(api: StubForge) -> str:
    assert len(api.comments) == 1, [c["body"][:40] for c in api.comments]
    body = api.comments[0]["body"]
    assert body.startswith(MARKER)
    return body


@pytest.mark.build
def test_gitea_review_keeps_one_comment_and_main_is_published(forge, tmp_path):
    workspace = tmp_path / "runner"  # act_runner's host mode reuses a job's workspace: so do we
    pull = f"refs/pull/{NUMBER}/head"
    statuses = run_gitea_job(forge, "review", workspace, gitea_values(forge, pull, forge.sha("change")))
    assert statuses == [0, 0, 0, 0]
    body = only_comment(forge.api)
    assert "新增待刊稿件" in body and "云岭县试行“茶园认养”助农增收" in body
    # the 批示's report is linked absolutely, so the link opens from the comment
    assert f"]({SITE_URL}reports/2026/0105-yunling-dongji-lvyou/)：市长" in body
    assert (workspace / "site" / "index.html").is_file()

    # a second push to the pull request: the same comment, updated
    (forge.work / PENDING).write_text(PENDING_TEXT.format(title="云岭县“茶园认养”带动茶农增收"), encoding="utf-8")
    git(forge.work, "commit", "-q", "-am", "改标题")
    forge.push(f"change:{pull}")
    statuses = run_gitea_job(forge, "review", workspace, gitea_values(forge, pull, forge.sha("change")))
    assert statuses == [0, 0, 0, 0]
    body = only_comment(forge.api)
    assert "云岭县“茶园认养”带动茶农增收" in body and "试行" not in body
    assert [method for method, *_ in forge.api.requests if method != "GET"] == ["POST", "PATCH"]

    # a push the check refuses: the step fails, and the comment shows the problem in its place
    (forge.work / PENDING).write_text(
        PENDING_TEXT.format(title="云岭县茶园认养").replace("经验做法", "经验作法"), encoding="utf-8"
    )
    git(forge.work, "commit", "-q", "-am", "栏目写错")
    forge.push(f"change:{pull}")
    statuses = run_gitea_job(forge, "review", workspace, gitea_values(forge, pull, forge.sha("change")))
    assert statuses[:2] == [0, 0] and statuses[2] != 0 and statuses[3] == 0
    body = only_comment(forge.api)
    assert "检查没有通过" in body
    assert f"    {PENDING}:4: category: " in body  # the problem, with its line, as an indented block

    # main: built and published to the web folder, its release named after the commit
    web = tmp_path / "srv" / "bulletin"
    values = gitea_values(forge, "refs/heads/main", forge.sha("main"), **{"vars.BULLETIN_DEPLOY_DIR": str(web)})
    assert run_gitea_job(forge, "publish", tmp_path / "deployer", values) == [0, 0, 0, 0]
    assert (web / "current" / "index.html").is_file()
    assert os.readlink(web / "current").endswith(forge.sha("main")[:12])


def run_gitlab_job(forge: Forge, job_name: str, workspace: Path, **variables: str) -> subprocess.CompletedProcess:
    """The script of a job of gitlab-ci.yml in one shell, as GitLab Runner runs it, with the
    template's variables and ``variables``, in ``workspace`` (a clone, as the runner makes it)."""
    template = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    script = "\n".join(template[job_name]["script"])
    environment = {**forge.runner_env, **template["variables"], **variables}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=workspace,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.build
def test_gitlab_review_posts_one_note_on_the_merge_request(forge, tmp_path):
    workspace = tmp_path / "gitlab-runner"
    subprocess.run(["git", "clone", "-q", f"{forge.url}/{REPOSITORY}.git", str(workspace)], check=True)
    git(workspace, "checkout", "-q", "--detach", forge.sha("change"))
    with serve_forge("gitlab") as (api, api_url):
        variables = {
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
            "CI_API_V4_URL": api_url,
            "CI_PROJECT_ID": REPOSITORY,
            "CI_MERGE_REQUEST_IID": str(NUMBER),
            "BULLETIN_BOT_TOKEN": TOKEN,
            "BULLETIN_PYTHON": sys.executable,
        }
        for _push in range(2):
            done = run_gitlab_job(forge, "review", workspace, **variables)
            assert done.returncode == 0, done.stdout + done.stderr
        body = only_comment(api)
    assert "云岭县试行“茶园认养”助农增收" in body
    assert "](/reports/2026/0105-yunling-dongji-lvyou/)" in body  # no site address configured: from the root
    assert "已更新合并请求上的评论" in done.stdout
    assert (workspace / "bulletin-diff.md").is_file()  # the job's artifact


@pytest.mark.build
def test_the_shell_runner_from_cron_publishes_main_and_nothing_when_nothing_changed(forge, tmp_path):
    web = tmp_path / "web"
    environment = {
        **forge.runner_env,
        "BULLETIN_REPO_URL": f"{forge.url}/{REPOSITORY}.git",
        "BULLETIN_CHECKOUT": str(tmp_path / "checkout"),
        "BULLETIN_DEPLOY_DIR": str(web),
        "BULLETIN_PYTHON": sys.executable,
    }

    def poll() -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(SHELL), "poll"], env=environment, capture_output=True, text=True, timeout=600, check=False
        )

    first = poll()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "已发布" in first.stdout
    release = os.readlink(web / "current")
    # main has not moved: built again (what the clock changes would be published), and nothing changed
    again = poll()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "没有新的提交" in again.stdout and "网站没有变化，未切换" in again.stdout
    assert "线上网站没有变化，未发布" in again.stdout
    assert os.readlink(web / "current") == release
    # main moves (the pull request is merged): the next poll publishes it
    git(forge.work, "switch", "-q", "main")
    git(forge.work, "merge", "-q", "--ff-only", "change")
    forge.push("main:refs/heads/main")
    third = poll()
    assert third.returncode == 0, third.stdout + third.stderr
    assert os.readlink(web / "current") != release
    assert "请市文旅局总结推广" in (web / "current" / "reports/2026/0105-yunling-dongji-lvyou/index.html").read_text(
        encoding="utf-8"
    )
    # and a rollback by hand returns to the release before
    back = run_bulletin("rollback", "--to", str(web))
    assert back.returncode == 0 and os.readlink(web / "current") == release


@pytest.mark.build
def test_the_shell_runner_reviews_a_checkout(forge, tmp_path):
    workspace = tmp_path / "jenkins-workspace"
    subprocess.run(["git", "clone", "-q", f"{forge.url}/{REPOSITORY}.git", str(workspace)], check=True)
    git(workspace, "checkout", "-q", "change")
    done = subprocess.run(
        [str(SHELL), "review", "main"],
        cwd=workspace,
        env={**forge.runner_env, "BULLETIN_SITE_URL": SITE_URL, "BULLETIN_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    summary = (workspace / "bulletin-diff.md").read_text(encoding="utf-8")
    assert "云岭县试行“茶园认养”助农增收" in summary and f"]({SITE_URL}reports/" in summary
    assert "本次变更对网站的影响" in done.stdout  # the log shows the summary too


@pytest.mark.build
def test_a_failed_build_on_main_leaves_the_live_site_as_it_was(forge, tmp_path):
    workspace = tmp_path / "main-checkout"
    subprocess.run(["git", "clone", "-q", f"{forge.url}/{REPOSITORY}.git", str(workspace)], check=True)
    web = tmp_path / "web"
    environment = {**forge.runner_env, "BULLETIN_DEPLOY_DIR": str(web), "BULLETIN_PYTHON": sys.executable}

    def publish() -> subprocess.CompletedProcess:
        for step in ("install.sh", "publish.sh"):
            done = subprocess.run(
                [str(workspace / "scripts" / "ci" / step)],
                cwd=workspace,
                env=environment,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            if done.returncode != 0:
                break
        return done

    assert publish().returncode == 0
    live = os.readlink(web / "current")
    (workspace / PENDING).write_text(PENDING_TEXT.format(title="").replace("unit: yunling", "unit: 云岭"), "utf-8")
    git(workspace, "add", PENDING)
    git(workspace, "-c", "user.name=编辑", "-c", "user.email=e@example.invalid", "commit", "-qm", "坏稿件")
    failed = publish()
    assert failed.returncode != 0
    assert f"{PENDING}:" in failed.stdout + failed.stderr  # the problem, with its file, in the log
    assert os.readlink(web / "current") == live
    assert len(list((web / "releases").iterdir())) == 1
