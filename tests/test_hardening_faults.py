"""Hardening, item 5: faults during ``fix`` never cost the original.

A crash mid-write (an exception, ``kill -9``, a file-size limit, a full disk) leaves the original
intact; a file deleted or edited by someone else during the run, and a target that cannot be
written, are reported per file while the rest are fixed, and the run exits 2. Two ``fix`` runs on
one tree at once never corrupt a file.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

import cleanpress
from cleanpress.batch import atomic
from cleanpress.cli import main
from cleanpress.engine import Cleaner

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
# A file large enough that a half-written copy is obviously not the original.
PARAGRAPH = "Officials met on Monday to discuss the plan, and the talks went on late into the night.\n"
BIG = (PARAGRAPH * 2000 + AD + "\n" + PARAGRAPH * 2000).encode()
BIG_CLEAN = (PARAGRAPH * 4000).encode()
DIRTY = f"Intro.\n{AD}\nEnd.\n".encode()
CLEAN = b"Intro.\nEnd.\n"
# How long a subprocess may take to reach the point where the test interferes with it.
SUBPROCESS_TIMEOUT_S = 60
RUN = "import sys; from cleanpress.cli import main; sys.exit(main())"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class FailingWriter:
    """A file handle that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, handle: BinaryIO, error: BaseException) -> None:
        self.handle = handle
        self.error = error

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise self.error

    def close(self) -> None:
        self.handle.close()


def fail_writes_to(monkeypatch: pytest.MonkeyPatch, name: str, error: BaseException) -> None:
    real_init = atomic.AtomicFile.__init__

    def init(self: atomic.AtomicFile, path: Path) -> None:
        real_init(self, path)
        if Path(path).name == name:
            self.handle = FailingWriter(self.handle, error)  # type: ignore[assignment]

    monkeypatch.setattr(atomic.AtomicFile, "__init__", init)


# --- a crash mid-write ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "cannot write: No space left on device"),
        (OSError(errno.EIO, os.strerror(errno.EIO)), "cannot write: Input/output error"),
        (RuntimeError("boom"), "internal error: RuntimeError: boom"),
    ],
)
@pytest.mark.parametrize("stuck", ["b.txt", "b.jsonl"])
def test_a_failed_write_keeps_the_original_and_the_others_are_fixed(
    stuck: str,
    error: BaseException,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dirty_record = b'{"text": "Intro.\\n' + AD.encode() + b'\\nEnd."}\n'
    originals = {"a.txt": DIRTY, stuck: dirty_record if stuck.endswith("jsonl") else BIG, "c.md": DIRTY}
    for name, data in originals.items():
        (tmp_path / name).write_bytes(data)
    fail_writes_to(monkeypatch, stuck, error)
    assert main(["fix", ".", "-j", "1", "--isolated"]) == 2
    err = capsys.readouterr().err
    assert f"cleanpress: error: {stuck}: " in err and message.split(":")[-1] in err, err
    assert (tmp_path / stuck).read_bytes() == originals[stuck]
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "c.md").read_bytes() == CLEAN
    assert leftovers(tmp_path) == []


def _child_env() -> dict[str, str]:
    # No .pyc writes: under a file-size limit they would be the first thing to fail.
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}


STALL_THEN_WAIT = r"""
import sys, time
from pathlib import Path
from cleanpress.batch import atomic
from cleanpress.cli import main
signal_file = Path(sys.argv[1])
real_init = atomic.AtomicFile.__init__
class Stalling:
    def __init__(self, handle): self.handle = handle
    def write(self, data):
        self.handle.write(data[: len(data) // 2]); self.handle.flush()
        signal_file.write_text("half written")
        time.sleep(120)
    def close(self): self.handle.close()
def init(self, path):
    real_init(self, path)
    self.handle = Stalling(self.handle)
atomic.AtomicFile.__init__ = init
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
def test_kill_9_mid_write_keeps_the_original(tmp_path: Path) -> None:
    target, ready = tmp_path / "article.txt", tmp_path / "ready.flag"
    target.write_bytes(BIG)
    child = subprocess.Popen(
        [sys.executable, "-c", STALL_THEN_WAIT, str(ready), "fix", str(target), "--isolated", "-j", "1"],
        env=_child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + SUBPROCESS_TIMEOUT_S
        while not ready.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), "the child never reached the write"
        temporary = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert len(temporary) == 1 and 0 < temporary[0].stat().st_size < len(BIG_CLEAN)  # mid-write
    finally:
        child.kill()  # SIGKILL: no handler, no cleanup
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == BIG  # the original, whole
    # The stale temporary file (a dot file ending in .tmp) is not an article: the next run ignores it.
    assert main(["fix", str(tmp_path), "--isolated", "-q"]) == 1
    assert target.read_bytes() == BIG_CLEAN


def _limit_file_size(limit: int) -> None:
    # Python ignores SIGXFSZ at start-up, so a write past the limit fails with EFBIG instead of
    # the kernel killing the process; either way the target is never opened for writing.
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
def test_a_file_size_limit_mid_write_keeps_the_original(tmp_path: Path) -> None:
    target, small = tmp_path / "big.txt", tmp_path / "small.txt"
    target.write_bytes(BIG)
    small.write_bytes(DIRTY)
    limit = len(BIG_CLEAN) // 3
    done = subprocess.run(
        [sys.executable, "-c", RUN, "fix", str(small), str(target), "--isolated", "-j", "1"],
        env=_child_env(),
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        preexec_fn=lambda: _limit_file_size(limit),
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"cleanpress: error: {target}: cannot write: File too large" in done.stderr
    assert target.read_bytes() == BIG
    assert small.read_bytes() == CLEAN  # the other file is fixed
    assert leftovers(tmp_path) == []


# --- files that change under the run ---------------------------------------------------------------
def test_files_deleted_or_edited_during_the_run_are_reported_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_bytes(DIRTY)
    real = Cleaner.clean_or_skip
    edited = b"Someone else's edit.\n"

    def meddling(self: Cleaner, text: str, *args: Any, **kwargs: Any) -> Any:
        result = real(self, text, *args, **kwargs)
        if not (tmp_path / "done-a").exists():  # while a.txt is being cleaned:
            (tmp_path / "done-a").touch()
            (tmp_path / "a.txt").unlink()  # deleted after it was read
            (tmp_path / "b.txt").unlink()  # deleted before it is read
        elif not (tmp_path / "done-c").exists():  # while c.txt is being cleaned:
            (tmp_path / "done-c").touch()
            time.sleep(0.01)  # a later modification time, even on coarse clocks
            (tmp_path / "c.txt").write_bytes(edited)
        return result

    monkeypatch.setattr(Cleaner, "clean_or_skip", meddling)
    assert main(["fix", "a.txt", "b.txt", "c.txt", "d.txt", "-j", "1", "--isolated"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "cleanpress: error: a.txt: deleted during the run; not written" in err
    assert any(line.startswith("cleanpress: error: b.txt: cannot read: No such file") for line in err)
    assert (
        "cleanpress: error: c.txt: changed by another program during the run; not written (run again)" in err
    )
    assert not (tmp_path / "a.txt").exists() and not (tmp_path / "b.txt").exists()  # not brought back
    assert (tmp_path / "c.txt").read_bytes() == edited  # the other program's edit wins
    assert (tmp_path / "d.txt").read_bytes() == CLEAN  # the rest is fixed
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_reported_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked, free = tmp_path / "locked.txt", tmp_path / "free.txt"
    locked.write_bytes(DIRTY)
    free.write_bytes(DIRTY)
    locked.chmod(0o444)
    if os.access(locked, os.W_OK):
        pytest.skip("running as root: see test_unwritable_targets_as_an_unprivileged_user")
    assert main(["fix", ".", "--isolated"]) == 2
    assert "cleanpress: error: locked.txt: cannot write: Permission denied" in capsys.readouterr().err
    assert (locked.read_bytes(), free.read_bytes()) == (DIRTY, CLEAN)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="cleanpress-faults-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


NOBODY = 65534
# Start as root (the interpreter may live in a folder only root can read), load everything, then
# drop to an unprivileged user for the run itself.
AS_NOBODY = r"""
import os, sys
from cleanpress.cli import main
import cleanpress.batch.files, cleanpress.batch.discover, cleanpress.diagnostics, cleanpress.formats.writers
import cleanpress.config, cleanpress.encoding, difflib, json
cleanpress.Cleaner().clean("warm-up https://example.com/x")
os.setgid(int(os.environ["AS_UID"]))
os.setuid(int(os.environ["AS_UID"]))
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a child as an unprivileged user")
def test_unwritable_targets_as_an_unprivileged_user(shared_dir: Path) -> None:
    """Root writes anything; an ordinary user is refused a read-only file and a read-only folder."""
    writable, readonly_dir = shared_dir / "ok", shared_dir / "locked-dir"
    writable.mkdir()
    readonly_dir.mkdir()
    files = {
        writable / "a.txt": 0o666,
        writable / "read-only.txt": 0o444,
        readonly_dir / "in-locked-folder.txt": 0o666,
    }
    for path, mode in files.items():
        path.write_bytes(DIRTY)
        path.chmod(mode)
    writable.chmod(0o777)
    readonly_dir.chmod(0o555)
    done = subprocess.run(
        [sys.executable, "-c", AS_NOBODY, "fix", str(shared_dir), "--isolated", "-j", "1"],
        env={**_child_env(), "AS_UID": str(NOBODY)},
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    err = done.stderr
    assert f"{writable / 'read-only.txt'}: cannot write: Permission denied (read-only file)" in err
    assert f"{readonly_dir / 'in-locked-folder.txt'}: cannot write: Permission denied" in err
    assert (writable / "a.txt").read_bytes() == CLEAN
    assert (writable / "read-only.txt").read_bytes() == DIRTY
    assert (readonly_dir / "in-locked-folder.txt").read_bytes() == DIRTY
    assert leftovers(writable) == leftovers(readonly_dir) == []


# --- two runs at once --------------------------------------------------------------------------------
FILES_IN_TREE = 40


@pytest.mark.slow
def test_two_concurrent_fix_runs_never_corrupt_a_file(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    expected: dict[Path, bytes] = {}
    for i in range(FILES_IN_TREE):
        path = tree / f"sub{i % 4}" / f"{i:02}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"# Story {i}\n\n" + (f"{AD}\n\n" if i % 2 else "") + PARAGRAPH * (i + 1)
        path.write_text(text, encoding="utf-8")
        expected[path] = cleanpress.clean(text, "markdown").text.encode()
    assert sum(expected[p] != p.read_bytes() for p in expected) == FILES_IN_TREE // 2
    argv = [sys.executable, "-c", RUN, "fix", str(tree), "--isolated", "-j", "1", "-q"]
    runs = [
        subprocess.Popen(argv, env=_child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=SUBPROCESS_TIMEOUT_S * 2), run.communicate()[1]) for run in runs]
    for code, err in outcomes:
        assert code in (0, 1, 2), err  # 0: the other run had fixed everything before this one read it
        for line in err.splitlines():  # the only error: a file the other run had already fixed
            assert line.endswith("changed by another program during the run; not written (run again)"), line
    assert any(code != 0 for code, _ in outcomes)
    assert {path: path.read_bytes() for path in expected} == expected
    assert sorted(p.name for p in tree.rglob("*") if p.is_file()) == sorted(p.name for p in expected)
    done = subprocess.run(argv, env=_child_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr  # nothing left to fix
