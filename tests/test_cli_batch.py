"""``cleanpress check`` and ``cleanpress fix`` through ``main([...])``, as pre-commit-hooks tests do."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleanpress import cli
from cleanpress.batch import files
from cleanpress.cli import main

from conftest import SEED, SEED_CLEAN, write

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
DIRTY = f"Intro.\n{AD}\nEnd.\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tmp_path, so no configuration file of the checkout applies."""
    monkeypatch.chdir(tmp_path)


# --- check ---------------------------------------------------------------------------------------
def test_check_clean_files_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "content" / "a.md", "Fine.\n")
    write(tmp_path / "content" / "b.txt", SEED_CLEAN.read_bytes())
    assert main(["check", "content"]) == 0
    assert capsys.readouterr().out == "Nothing to remove (2 files checked).\n"


def test_check_dirty_file_exits_1_and_does_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path / "content" / "a.txt", SEED.read_bytes())
    write(tmp_path / "content" / "b.md", "Fine.\n")
    assert main(["check", "content"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"content/a.txt:2:1: CP101 URL on a known ad-server domain (EasyList) [{AD}]"
    assert [line.split(":")[1] for line in lines[:5]] == ["2", "5", "8", "11", "16"]
    assert lines[5] == "Found 5 removals in 1 file (2 files checked). Run 'cleanpress fix' to apply them."
    assert article.read_bytes() == SEED.read_bytes()


def test_check_defaults_to_the_current_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", DIRTY)
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("a.md:2:1: CP101 ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "missing.md"], "cleanpress: error: missing.md: no such file or directory"),
        (["check", "-"], "cleanpress: error: check works on files; clean stdin with 'cleanpress clean -'"),
        (["check", ".", "--diff", "--output-format", "json"], "--diff prints a diff; it cannot be combined"),
        (["check", ".", "--output-format", "xml"], "Invalid value for '--output-format'"),
        (["check", ".", "--rules", "nope.toml"], "cleanpress: error: nope.toml: no such rule pack"),
        (["fix", ".", "-j", "-1"], "Invalid value for '-j' / '--jobs'"),
    ],
)
def test_usage_and_input_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    write(tmp_path / "a.md", DIRTY)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_error_on_one_file_still_reports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.md", DIRTY)
    (tmp_path / "broken.md").symlink_to(tmp_path / "gone.md")
    assert main(["check", "a.md", "broken.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("a.md:2:1: CP101 ")
    assert "cleanpress: error: broken.md: cannot read: No such file or directory" in captured.err


def test_suggestions_warn_but_do_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Repeated promotional lines are only suspect: below --min-confidence certain they are suggestions.
    promo = "Get 50% off today only, click now to claim your free bonus!"
    write(tmp_path / "a.md", f"Intro.\n{promo}\nMiddle.\n{promo}\nMore.\n{promo}\nEnd.\n")
    assert main(["check", "a.md"]) == 1
    capsys.readouterr()
    assert main(["check", "a.md", "--min-confidence", "certain"]) == 0
    out = capsys.readouterr().out
    assert "(suggestion: suspect, not applied at this --min-confidence)" in out
    assert "3 suggestions" in out.splitlines()[-1]


def test_skipped_files_are_notices_and_quiet_hides_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", b"bin\0ary")
    write(tmp_path / "b.html", "<html><body><p>Hi</p></body></html>")
    assert main(["check", "."]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["cleanpress: a.txt: skipped: binary file (NUL bytes)"]
    assert captured.out == "Nothing to remove (1 file checked, 1 skipped).\n"
    assert main(["check", ".", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_check_diff_prints_what_fix_would_do(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    article = write(tmp_path / "a.md", b"Intro.\r\n" + AD.encode() + b"\r\ncaf\xe9")
    assert main(["check", "a.md", "--diff"]) == 1
    captured = capsysbinary.readouterr()
    assert captured.out == (
        b"--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,2 @@\n Intro.\r\n-" + AD.encode() + b"\r\n caf\xe9\n"
        b"\\ No newline at end of file\n"
    )
    assert (
        captured.err == b"Found 1 removal in 1 file (1 file checked). Run 'cleanpress fix' to apply them.\n"
    )
    assert article.read_bytes().startswith(b"Intro.\r\nhttps://")
    write(tmp_path / "a.md", "Fine.\n")
    assert main(["check", "a.md", "--diff"]) == 0
    assert capsysbinary.readouterr().out == b""


# --- output formats ------------------------------------------------------------------------------
def test_output_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", DIRTY)
    assert main(["check", "a.md", "--output-format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["removals"] == 1
    assert data["files"][0]["diagnostics"][0]["rule"] == "CP101"


def test_output_format_github(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", DIRTY)
    assert main(["check", "a.md", "--output-format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=a.md,line=2,col=1,endLine=3,endColumn=1,title=CP101 ad-server-domain"
        f"::URL on a known ad-server domain (EasyList) [{AD}]\n"
    )


def test_output_format_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.md", DIRTY)
    assert main(["check", "a.md", "--output-format", "sarif"]) == 1
    data = json.loads(capsys.readouterr().out)
    result = data["runs"][0]["results"][0]
    assert result["ruleId"] == "CP101"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "a.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_output_stays_valid_json_for_invalid_utf8(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    write(tmp_path / "a.txt", b"Intro.\n\xff " + AD.encode() + b"\nEnd.\n")
    assert main(["check", "a.txt", "--output-format", fmt]) == 1
    out = capsysbinary.readouterr().out
    assert out.isascii()
    json.loads(out)
    assert b"\\udcff https://www.cpmrevenuegate.com/" in out  # the byte 0xff, escaped


def test_text_is_plain_when_not_a_terminal(tmp_path: Path) -> None:
    write(tmp_path / "a.md", DIRTY)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cleanpress.cli import main; sys.exit(main())",
            "check",
            "a.md",
        ],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    assert b"\x1b[" not in done.stdout and done.stdout.startswith(b"a.md:2:1: CP101 ")


# --- fix -----------------------------------------------------------------------------------------
def test_fix_rewrites_dirty_files_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dirty = write(tmp_path / "content" / "a.txt", SEED.read_bytes())
    clean = write(tmp_path / "content" / "b.md", "Fine.\n")
    dirty.chmod(0o640)
    os.utime(clean, (1_000_000, 1_000_000))
    assert main(["fix", "content"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "Fixed content/a.txt (5 removals)" in out
    assert out[-1] == "Fixed 1 file, 5 removals (2 files checked)."
    assert dirty.read_bytes() == SEED_CLEAN.read_bytes()
    assert stat.S_IMODE(dirty.stat().st_mode) == 0o640
    assert clean.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["a.txt", "b.md"]
    # Idempotent: a second run finds nothing and exits 0.
    assert main(["fix", "content"]) == 0
    assert capsys.readouterr().out == "Nothing to fix (2 files checked).\n"


def test_fix_diff_shows_the_changes_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = write(tmp_path / "a.md", DIRTY)
    assert main(["fix", "a.md", "--diff"]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,2 @@\n Intro.\n-{AD}\n End.\n"
    assert captured.err == "Fixed 1 file, 1 removal (1 file checked).\n"
    assert article.read_text() == "Intro.\nEnd.\n"


def test_fix_failure_on_one_file_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path / "a.md", DIRTY)
    stuck = write(tmp_path / "b.md", DIRTY)
    last = write(tmp_path / "c.md", DIRTY)
    real_write = files.atomic_write

    def flaky_write(path: Path, data: bytes) -> None:
        if path.name == "b.md":
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(files, "atomic_write", flaky_write)
    assert main(["fix", ".", "-j", "1"]) == 2
    captured = capsys.readouterr()
    assert "cleanpress: error: b.md: cannot write: Permission denied" in captured.err
    assert first.read_text() == last.read_text() == "Intro.\nEnd.\n"
    assert stuck.read_text() == DIRTY
    assert captured.out.splitlines()[-1] == "Fixed 2 files, 2 removals (2 files checked, 1 error)."


def test_fix_with_two_workers_matches_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEED.read_text(encoding="utf-8")
    for copy in ("one", "two"):
        for i in range(12):
            write(tmp_path / copy / f"{i:02}.txt", seed if i % 3 == 0 else f"Story {i}.\n{AD}\nEnd {i}.\n")
    assert main(["fix", "one", "-j", "1", "--output-format", "json"]) == 1
    serial = json.loads(capsys.readouterr().out)
    assert main(["fix", "two", "-j", "2", "--output-format", "json"]) == 1
    parallel = json.loads(capsys.readouterr().out)
    for entry in serial["files"] + parallel["files"]:
        entry["path"] = entry["path"].split("/", 1)[1]
    assert serial == parallel
    for i in range(12):
        assert (tmp_path / "one" / f"{i:02}.txt").read_bytes() == (
            tmp_path / "two" / f"{i:02}.txt"
        ).read_bytes()


def test_fix_explicit_unknown_extension_is_cleaned(tmp_path: Path) -> None:
    article = write(tmp_path / "README", DIRTY)
    assert main(["fix", "README"]) == 1
    assert article.read_text() == "Intro.\nEnd.\n"


# --- progress ------------------------------------------------------------------------------------
def test_progress_bar_only_on_a_terminal_and_not_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(3):
        write(tmp_path / f"{i}.md", "Fine.\n")
    assert cli.wants_progress(quiet=False, items=3) is False  # captured stderr is no terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert cli.wants_progress(quiet=False, items=3) is True
    assert cli.wants_progress(quiet=True, items=3) is False
    assert cli.wants_progress(quiet=False, items=1) is False
    assert main(["check", "."]) == 0
    assert "Checking" in capsys.readouterr().err
    assert main(["check", ".", "-q"]) == 0
    assert capsys.readouterr().err == ""
