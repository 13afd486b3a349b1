"""Hardening, item 6: a malformed JSONL line is reported with its line number, copied through
unchanged (nothing lost), and the run exits 2, as the README says; ``--on-malformed skip`` leaves
it out (still exit 2) and ``--on-malformed error`` stops with exit 2 without writing ``-o``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from cleanpress.cli import main

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
# Nesting deep enough to exceed Python's recursion limit in the JSON decoder.
DEEP = 100_000


def record(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


GOOD_DIRTY = record(id=1, text=f"Intro.\n{AD}\nEnd.")
GOOD_CLEAN = record(id=1, text="Intro.\nEnd.")
# (line number in CORPUS, the line, the start of its message)
MALFORMED: list[tuple[int, bytes, str]] = [
    (2, b"not json at all\n", "invalid JSON: Expecting value"),
    (3, b"[1, 2, 3]\n", "not a JSON object (list)"),
    (4, b'{"text": "cut off\n', "invalid JSON: Unterminated string"),
    (5, b'{"text": "bad \xff\xfe bytes", "x": \x00}\n', "invalid JSON: Expecting value"),
    (6, b"[" * DEEP + b"\r\n", "nested too deeply to read (RecursionError)"),
    (7, b'{"a":' * DEEP + b"\n", "nested too deeply to read (RecursionError)"),
]
TAIL = record(id=8, text="Clean text.") + b'{"id": 9, "text": "last line without newline'
CORPUS = GOOD_DIRTY + b"".join(raw for _, raw, _ in MALFORMED) + TAIL


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_malformed_lines_pass_through_with_line_numbers_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out, report = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    source.write_bytes(CORPUS)
    argv = ["clean", str(source), "-o", str(out), "--report-jsonl", str(report), "--isolated"]
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    for number, _, message in [*MALFORMED, (9, b"", "invalid JSON: Unterminated string")]:
        assert any(line.startswith(f"cleanpress: warning: {source}:{number}: {message}") for line in err), (
            number
        )
    # Nothing lost: every malformed byte is in the output, only the ad is gone.
    assert out.read_bytes() == GOOD_CLEAN + b"".join(raw for _, raw, _ in MALFORMED) + TAIL
    statuses = [(r["line"], r["status"]) for r in map(json.loads, report.read_bytes().splitlines())]
    assert statuses == [
        (1, "changed"),
        *((n, "malformed") for n, _, _ in MALFORMED),
        (8, "unchanged"),
        (9, "malformed"),
    ]
    assert err[-1] == f"cleanpress: {source}: 9 records, 1 changed (1 removals), 7 malformed"


def test_malformed_lines_on_stdin_pass_through_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CORPUS)))
    assert main(["clean", "--jsonl", "--quiet", "--isolated"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == GOOD_CLEAN + b"".join(raw for _, raw, _ in MALFORMED) + TAIL
    assert captured.err.count(b"cleanpress: warning: <stdin>:") == 7  # reported even with --quiet


def test_skip_leaves_malformed_lines_out_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(CORPUS)
    assert main(["clean", str(source), "-o", str(out), "--on-malformed", "skip", "--isolated"]) == 2
    assert out.read_bytes() == GOOD_CLEAN + record(id=8, text="Clean text.")
    assert capsys.readouterr().err.count("(skipped)") == 7


def test_error_stops_without_writing_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(CORPUS)
    assert main(["clean", str(source), "-o", str(out), "--on-malformed", "error", "--isolated"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cleanpress: error: {source}:2: invalid JSON") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]


def test_a_clean_corpus_still_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_bytes(GOOD_DIRTY + record(id=2, text="Fine."))
    assert main(["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--isolated"]) == 0


def test_fix_keeps_malformed_lines_and_reports_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_bytes(CORPUS)
    assert main(["fix", str(source), "--isolated"]) == 2
    assert source.read_bytes() == GOOD_CLEAN + b"".join(raw for _, raw, _ in MALFORMED) + TAIL
    err = capsys.readouterr().err
    for number, _, message in MALFORMED:
        assert f"cleanpress: error: {source}:{number}: {message}" in err
    assert "internal error" not in err and "Traceback" not in err
