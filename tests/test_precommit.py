"""The pre-commit hooks, for real: ``pre-commit try-repo`` installs this project into a hook
environment (pip, from PyPI or the configured index) and runs it on a temporary git repository.

``try-repo`` on a checkout with uncommitted changes commits only *tracked* files (``git add -u``)
into its shadow repository, so a new hooks file or module not yet committed would be missed, and a
source tree without ``.git`` cannot be tried at all. The test therefore copies the files a build
needs into a fresh repository and commits them: it tests exactly the working tree, in a fresh CI
clone or in a dirty checkout alike."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, SEED, SEED_CLEAN

BUILD_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rules")
AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit on this machine (pre-commit is in the dev extra: pip install -e '.[dev]')",
)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("GIT_", "PRE_COMMIT")):
            del env[name]
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        GIT_CONFIG_GLOBAL=os.devnull,  # no user hooks, templates or signing from the machine
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="cleanpress tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="cleanpress tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _commit_all(cwd: Path, env: dict[str, str]) -> None:
    _git(cwd, env, "init", "-q")
    _git(cwd, env, "add", "-A")
    _git(cwd, env, "commit", "-q", "--no-gpg-sign", "-m", "init")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _env(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    repo = tmp_path_factory.mktemp("cleanpress-hooks")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in BUILD_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    _commit_all(repo, env)
    return repo


@pytest.fixture
def site(tmp_path: Path, env: dict[str, str]) -> Iterator[Path]:
    """A content repository: one dirty article, one clean one, and files the hooks must not touch."""
    (tmp_path / "posts").mkdir()
    shutil.copy(SEED, tmp_path / "posts" / "article.txt")
    (tmp_path / "posts" / "clean.md").write_text("# Title\n\nNothing to remove.\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("MIT License\n\nCopyright (c) 2024 Someone\n", encoding="utf-8")
    (tmp_path / "tool.py").write_text(f'URL = "{AD}"\n', encoding="utf-8")
    _commit_all(tmp_path, env)
    yield tmp_path


def try_repo(site: Path, hook_repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            hook,
            "--all-files",
            "--color",
            "never",
        ],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_fix_hook_fails_fixes_and_then_passes(site: Path, hook_repo: Path, env: dict[str, str]) -> None:
    untouched = {
        p: p.read_bytes() for p in (site / "LICENSE.txt", site / "tool.py", site / "posts" / "clean.md")
    }

    first = try_repo(site, hook_repo, "cleanpress-fix", env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "cleanpress fix" in first.stdout and "Failed" in first.stdout
    assert "files were modified by this hook" in first.stdout
    assert "Fixed posts/article.txt (5 removals)" in first.stdout
    assert (site / "posts" / "article.txt").read_bytes() == SEED_CLEAN.read_bytes()
    assert {p: p.read_bytes() for p in untouched} == untouched

    second = try_repo(site, hook_repo, "cleanpress-fix", env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_check_hook_fails_without_touching_files(site: Path, hook_repo: Path, env: dict[str, str]) -> None:
    result = try_repo(site, hook_repo, "cleanpress-check", env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"posts/article.txt:2:1: CP101 URL on a known ad-server domain (EasyList) [{AD}]" in result.stdout
    assert "files were modified by this hook" not in result.stdout
    assert (site / "posts" / "article.txt").read_bytes() == SEED.read_bytes()
