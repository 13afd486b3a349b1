"""Batch machinery: discovery, one file's outcome, atomic writes, ordered parallel map."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanpress import diagnostics
from cleanpress.batch import parallel
from cleanpress.batch.atomic import atomic_output, atomic_write
from cleanpress.batch.discover import Target, Task, discover
from cleanpress.batch.files import run_task
from cleanpress.batch.parallel import Cleaners, parallel_map, resolve_jobs
from cleanpress.config import CleanerSpec, Config, Settings, merge
from cleanpress.diagnostics import BatchReport, FileOutcome, exit_code, summarize
from cleanpress.engine import Cleaner

from conftest import SEED, SEED_CLEAN, write

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


@pytest.fixture(scope="module")
def cleaners() -> Cleaners:
    return Cleaners(CleanerSpec())


# --- discovery -----------------------------------------------------------------------------------
def test_walks_folders_by_extension_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.md", "a.txt", "sub/c.markdown", "sub/d.html", "sub/e.htm", "f.jsonl", "g.py", "h.rst"]:
        write(tmp_path / name, "x")
    found = discover([str(tmp_path)], Settings(root=tmp_path))
    names = [os.path.relpath(t.path, tmp_path) for t in found.targets]
    assert names == ["a.txt", "b.md", "f.jsonl", "h.rst", "sub/c.markdown", "sub/d.html", "sub/e.htm"]
    formats = {os.path.basename(t.path): t.format for t in found.targets}
    assert formats == {
        "a.txt": "text",
        "b.md": "markdown",
        "f.jsonl": "jsonl",
        "h.rst": "rst",
        "c.markdown": "markdown",
        "d.html": "html",
        "e.htm": "html",
    }


def test_default_excludes_and_licence_files(tmp_path: Path) -> None:
    for folder in [
        ".git",
        ".venv",
        "venv",
        "env",
        "node_modules",
        "__pycache__",
        "build",
        "dist",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        "lib/site-packages",
        "pkg.egg-info",
    ]:
        write(tmp_path / folder / "x.md", "x")
    for name in ["LICENSE.txt", "licence.md", "NOTICE.txt", "requirements-dev.txt", "CHANGELOG.md"]:
        write(tmp_path / name, "Copyright (c) 2024 Someone\n")
    write(tmp_path / "content" / "keep.md", "x")
    found = discover([str(tmp_path)], Settings(root=tmp_path))
    assert [os.path.relpath(t.path, tmp_path) for t in found.targets] == ["content/keep.md"]


def test_include_and_exclude(tmp_path: Path) -> None:
    for name in ["a.md", "b.rst", "drafts/c.md", "posts/d.md", "posts/e.md"]:
        write(tmp_path / name, "x")
    settings = merge(Config(root=tmp_path), include=["*.md", "*.rst"], exclude=["drafts", "posts/e.md"])
    found = discover([str(tmp_path)], settings)
    assert [os.path.relpath(t.path, tmp_path) for t in found.targets] == ["a.md", "b.rst", "posts/d.md"]
    assert found.targets[1].format == "rst"


def test_explicit_files_are_taken_whatever_their_extension(tmp_path: Path) -> None:
    notes = write(tmp_path / "NOTES", "x")
    page = write(tmp_path / "page.rst", "x")
    vendored = write(tmp_path / "node_modules" / "a.md", "x")
    found = discover([str(notes), str(page), str(vendored)], Settings(root=tmp_path))
    assert [t.path for t in found.targets] == [str(notes), str(page), str(vendored)]
    assert [t.format for t in found.targets] == ["auto", "rst", "markdown"]


def test_explicit_files_respect_user_excludes(tmp_path: Path) -> None:
    kept = write(tmp_path / "a.md", "x")
    dropped = write(tmp_path / "legacy" / "b.md", "x")
    found = discover([str(kept), str(dropped)], merge(Config(root=tmp_path), exclude=["legacy"]))
    assert [t.path for t in found.targets] == [str(kept)]
    assert found.excluded == 1


def test_missing_paths_and_duplicates(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "x")
    found = discover([str(article), str(tmp_path), str(tmp_path / "nope.md")], Settings(root=tmp_path))
    assert [t.path for t in found.targets] == [str(article)]
    assert found.missing == (str(tmp_path / "nope.md"),)


def test_format_option_overrides_the_extension_but_not_jsonl(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "b.jsonl", "{}")
    found = discover([str(tmp_path)], Settings(root=tmp_path), fmt="markdown")
    assert [t.format for t in found.targets] == ["markdown", "jsonl"]


def test_per_file_ignores_are_attached_to_targets(tmp_path: Path) -> None:
    write(tmp_path / "ads" / "a.md", "x")
    write(tmp_path / "b.md", "x")
    settings = Settings(root=tmp_path, per_file_ignores=(("ads/*", ("CP1",)),))
    found = discover([str(tmp_path)], settings)
    assert [t.ignore for t in found.targets] == [(), ("CP1",)]  # b.md, then ads/a.md


# --- one file ------------------------------------------------------------------------------------
def test_check_a_dirty_file_does_not_write(cleaners: Cleaners, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", SEED.read_bytes())
    outcome = run_task(cleaners, Task(Target(str(article), "text")))
    assert outcome.status == "changed" and not outcome.written
    assert outcome.removals == 5 and outcome.suggestions == 0
    first = outcome.diagnostics[0]
    assert (first.rule, first.line, first.column, first.end_line, first.end_column) == ("CP101", 2, 1, 3, 1)
    assert article.read_bytes() == SEED.read_bytes()


def test_fix_writes_and_diff_shows_it(cleaners: Cleaners, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", SEED.read_bytes())
    outcome = run_task(cleaners, Task(Target(str(article), "text"), write=True, diff=True))
    assert outcome.status == "changed" and outcome.written
    assert article.read_bytes() == SEED_CLEAN.read_bytes()
    assert outcome.diff.startswith(f"--- {article}\n+++ {article}\n@@ ")  # absolute: no a/ b/
    assert outcome.diff.count(f"\n-{AD}\n") == 5


def test_clean_file_is_not_touched(cleaners: Cleaners, tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "\ufeffNothing to see.\r\nReally.")
    os.utime(article, (1_000_000, 1_000_000))
    inode = article.stat().st_ino
    outcome = run_task(cleaners, Task(Target(str(article), "markdown"), write=True))
    assert outcome.status == "unchanged" and not outcome.written
    assert article.stat().st_mtime == 1_000_000 and article.stat().st_ino == inode


def test_bytes_around_a_removal_survive(cleaners: Cleaners, tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfcaf\xe9 one\r\n" + AD.encode() + b"\r\ntwo \xff\xfe end"
    article = write(tmp_path / "a.txt", data)
    run_task(cleaners, Task(Target(str(article), "text"), write=True))
    assert article.read_bytes() == b"\xef\xbb\xbfcaf\xe9 one\r\ntwo \xff\xfe end"


def test_binary_html_and_unreadable_files(cleaners: Cleaners, tmp_path: Path) -> None:
    binary = write(tmp_path / "a.txt", b"abc\0def")
    html = write(tmp_path / "b.html", "<html><body><p>Hi</p></body></html>")
    sniffed = write(tmp_path / "c", "<!doctype html><html><body>Hi</body></html>")
    broken = tmp_path / "d.md"
    broken.symlink_to(tmp_path / "missing.md")
    outcomes = [
        run_task(cleaners, Task(Target(str(p), f)))
        for p, f in [(binary, "text"), (html, "html"), (sniffed, "auto"), (broken, "markdown")]
    ]
    assert [o.status for o in outcomes] == ["skipped", "unchanged", "unchanged", "error"]
    assert outcomes[0].message == "binary file (NUL bytes)"
    assert outcomes[3].message == "cannot read: No such file or directory"


def test_a_crash_on_one_file_is_an_error_outcome(
    cleaners: Cleaners, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = write(tmp_path / "a.md", "x")

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("CLEANPRESS_DEBUG", raising=False)
    monkeypatch.setattr(Cleaner, "clean_or_skip", explode)
    outcome = run_task(cleaners, Task(Target(str(article), "markdown")))
    assert (outcome.status, outcome.message) == ("error", "internal error: RuntimeError: boom")


# --- atomic writes -------------------------------------------------------------------------------
def test_atomic_write_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = write(tmp_path / "a.md", "old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_atomic_write_goes_through_a_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "real.md", "old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_atomic_output_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = write(tmp_path / "a.md", "old")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_atomic_write_into_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write(tmp_path / "no" / "a.md", b"x")


# --- parallel map --------------------------------------------------------------------------------
def _make_offset(arg: int) -> int:
    return arg


def _add(offset: int, item: int) -> tuple[int, int]:
    return item, item + offset


def test_parallel_map_keeps_input_order_and_matches_serial() -> None:
    serial = list(parallel_map(_add, _make_offset, 10, range(50), jobs=1))
    parallel = list(parallel_map(_add, _make_offset, 10, range(50), jobs=2))
    assert serial == parallel == [(i, i + 10) for i in range(50)]


def test_parallel_map_pulls_input_lazily() -> None:
    pulled: list[int] = []

    def items() -> Iterator[int]:
        for i in range(10_000):
            pulled.append(i)
            yield i

    results = parallel_map(_add, _make_offset, 0, items(), jobs=2)
    assert next(results) == (0, 0)
    # Only a bounded window is in flight, not the whole input.
    assert len(pulled) <= 2 * parallel.TASKS_IN_FLIGHT_PER_WORKER + 1
    results.close()


def test_resolve_jobs() -> None:
    assert resolve_jobs(3, 0, items=10) == 3
    assert resolve_jobs(3, 0, items=2) == 2
    assert resolve_jobs(4, 0) == 4
    assert resolve_jobs(0, 10) == 1  # tiny input: no workers worth starting
    assert resolve_jobs(0, 100 * parallel.AUTO_JOBS_MIN_BYTES, items=1) == 1
    assert 1 <= resolve_jobs(0, 100 * parallel.AUTO_JOBS_MIN_BYTES) <= parallel.available_cpus()


# --- summary and exit codes ----------------------------------------------------------------------
def _outcome(status: diagnostics.Status, **kwargs: object) -> FileOutcome:
    return FileOutcome("x.md", status, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mode", "outcomes", "code"),
    [
        ("check", [_outcome("unchanged")], 0),
        ("check", [_outcome("unchanged"), _outcome("changed")], 1),
        ("check", [_outcome("changed"), _outcome("error", message="cannot read")], 2),
        ("check", [_outcome("skipped")], 0),
        ("check", [_outcome("unchanged", problems=((3, "invalid JSON"),))], 2),
        ("fix", [_outcome("changed", written=True)], 1),
        ("fix", [_outcome("unchanged")], 0),
        ("fix", [_outcome("changed", written=True), _outcome("error", message="cannot write")], 2),
    ],
)
def test_exit_codes(mode: diagnostics.Mode, outcomes: list[FileOutcome], code: int) -> None:
    assert exit_code(BatchReport(mode, tuple(outcomes))) == code


def test_summary_counts(cleaners: Cleaners, tmp_path: Path) -> None:
    dirty = write(tmp_path / "a.txt", SEED.read_bytes())
    kept = write(tmp_path / "b.md", f"Intro.\n<!-- cleanpress: keep -->\n{AD}\n")
    outcomes = tuple(run_task(cleaners, Task(Target(str(p), "auto"))) for p in (dirty, kept))
    summary = summarize(BatchReport("check", outcomes, excluded=2))
    assert (summary.files, summary.changed, summary.removals, summary.suppressed, summary.excluded) == (
        2,
        1,
        5,
        1,
        2,
    )
