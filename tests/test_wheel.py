"""The built wheel carries the rule packs: installed into a fresh venv, it cleans the seed from stdin."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, SEED, SEED_CLEAN


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy a clean tree")
def test_wheel_installs_and_cleans_from_stdin(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("cleanpress-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies come from the environment running the tests (a fresh virtual environment
    # or the system's), as plain path entries: its own cleanpress (an editable install is a .pth
    # hook, which a path entry does not run) stays out of sight.
    inner_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(inner_site) / "cleanpress-test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    where = subprocess.run(
        [str(python), "-c", "import cleanpress.ruleset as r; print(r.builtin_rules_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert str(env_dir) in where.stdout, where.stdout
    cleaned = subprocess.run(
        [str(env_dir / "bin" / "cleanpress")],
        input=SEED.read_bytes(),
        capture_output=True,
        check=False,
        cwd=tmp_path,
    )
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == SEED_CLEAN.read_bytes()
