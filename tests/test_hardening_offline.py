"""Hardening, item 7: no network, no surprises.

* In this process, every test runs under the guard of tests/conftest.py: an internet socket or a
  host name lookup raises (checked here, so the guard cannot silently stop working).
* In child processes (the command line, and its ``-j 2`` worker processes), a ``sitecustomize``
  guard on ``PYTHONPATH`` logs and refuses the same.
* ``check``, ``fix`` and ``clean`` write nothing but their targets and the report paths asked for:
  HOME, XDG_CACHE_HOME and a read-only working folder are compared before and after.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, NetworkAccess

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
RUN = "import sys; from cleanpress.cli import main; sys.exit(main())"
# Loaded by every Python process started with this folder on PYTHONPATH, workers included.
SITECUSTOMIZE = r"""
import os, socket
_LOG = os.environ["CLEANPRESS_NETWORK_LOG"]
_REAL = socket.socket
def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}: {what}\n")
    raise OSError(f"network access attempted: {what}")
class _Guarded(_REAL):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and (socket.AF_INET if family == -1 else family) in (socket.AF_INET, socket.AF_INET6):
            _refuse(f"socket({family})")
        super().__init__(family, type, proto, fileno)
socket.socket = _Guarded
socket.getaddrinfo = lambda host, *a, **k: _refuse(f"getaddrinfo({host!r})")
socket.gethostbyname = lambda host: _refuse(f"gethostbyname({host!r})")
"""


# --- the in-process guard ------------------------------------------------------------------------------
def test_the_guard_refuses_internet_sockets_and_lookups() -> None:
    with pytest.raises(NetworkAccess):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAccess):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(NetworkAccess):
        socket.getaddrinfo("example.com", 443)
    left, right = socket.socketpair()  # local IPC is not network access
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_cleaning_in_process_under_the_guard(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import cleanpress
    from cleanpress.cli import main

    result = cleanpress.clean("See https://unknown-host.example.co.uk/a and www.bbc.co.uk/news now.\n" + AD)
    assert [r.rule for r in result.removals] == ["CP101"]
    (tmp_path / "a.md").write_text(f"Intro.\n{AD}\nEnd.\n")
    assert main(["fix", str(tmp_path), "--isolated", "-q"]) == 1
    assert (tmp_path / "a.md").read_text() == "Intro.\nEnd.\n"


# --- what the command line touches -------------------------------------------------------------------------
def snapshot(root: Path, skip: tuple[Path, ...]) -> dict[str, str]:
    """Every file and folder under ``root`` (but ``skip``): path -> hash of content or ``dir``."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if any(path == s or s in path.parents for s in skip):
            continue
        key = str(path.relative_to(root))
        found[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.slow
def test_commands_write_only_their_targets_and_reports_and_never_reach_out(tmp_path: Path) -> None:
    guard, home, cache, temp = (tmp_path / name for name in ("guard", "home", "cache", "temp"))
    work, out = tmp_path / "work", tmp_path / "out"
    for folder in (guard, home, cache, temp, work / "content", out):
        folder.mkdir(parents=True)
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    (work / "content" / "dirty.txt").write_text(f"Intro.\n{AD}\nEnd.\n")
    (work / "content" / "seed.txt").write_bytes(SEED.read_bytes())
    (work / "content" / "clean.md").write_text("# Fine\n\nNothing to remove.\n")
    records = [{"id": i, "text": f"Story {i}.\n{AD}\nEnd."} for i in range(3)]
    (work / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (work / "pyproject.toml").write_text("[tool.cleanpress]\nexclude = ['drafts']\n")
    work.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)  # read-only working folder
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("TLDEXTRACT_CACHE", "PYTHONPATH")},
        "HOME": str(home),
        "XDG_CACHE_HOME": str(cache),
        "TMPDIR": str(temp),
        "PYTHONPATH": str(guard),
        "PYTHONDONTWRITEBYTECODE": "1",
        "CLEANPRESS_NETWORK_LOG": str(log),
    }
    commands = [
        (["check", "content"], 1),
        (["check", "content", "--output-format", "sarif", "-j", "2"], 1),
        (["check", "corpus.jsonl", "--diff"], 1),
        (
            ["clean", "content/dirty.txt", "-o", str(out / "dirty.txt"), "--report", str(out / "dirty.json")],
            0,
        ),
        (
            [
                "clean",
                "corpus.jsonl",
                "-o",
                str(out / "c.jsonl"),
                "--report-jsonl",
                str(out / "r.jsonl"),
                "-j",
                "2",
            ],
            0,
        ),
        (["fix", "content", "-j", "2"], 1),
    ]
    before = snapshot(tmp_path, skip=(temp, log))
    try:
        for argv, expected in commands:
            done = subprocess.run(
                [sys.executable, "-c", RUN, *argv],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == expected, (argv, done.stderr)
            assert "Traceback" not in done.stderr
    finally:
        work.chmod(0o755)
    after = snapshot(tmp_path, skip=(temp, log))
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [
        "out/c.jsonl",
        "out/dirty.json",
        "out/dirty.txt",
        "out/r.jsonl",
        "work/content/dirty.txt",
        "work/content/seed.txt",
    ]
    assert not log.exists(), log.read_text()  # no process, worker or not, tried the network
    assert list(home.iterdir()) == [] and list(cache.iterdir()) == []


# --- removed text cannot forge terminal sequences or workflow commands -------------------------------
def test_removed_text_cannot_forge_output() -> None:
    from cleanpress.diagnostics import BatchReport, Diagnostic, FileOutcome
    from cleanpress.formats import writers

    hostile = "https://ads.example.com/\x1b]0;owned\x07\x1b[2J\n::error file=x::forged\r\n"
    diagnostic = Diagnostic("CP101", "ad", "reason", "certain", 1, 1, 3, 1, hostile, "")
    report = BatchReport("check", (FileOutcome("a.txt", "changed", (diagnostic,)),), 0)
    text = writers.render_text(report)
    github = writers.render_github(report)
    assert "\x1b" not in text and "\x07" not in text and "\\u001b" in text
    assert github.count("\n") == 1 and github.startswith("::error file=a.txt,")  # no second command
    for rendered in (writers.render_json(report), writers.render_sarif(report, Path.cwd())):
        assert rendered.isascii() and "\x1b" not in rendered
