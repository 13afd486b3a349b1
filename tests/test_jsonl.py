"""JSONL corpora: one field cleaned, everything else kept, streaming, order-preserving."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import cleanpress
from cleanpress.batch.corpus import clean_jsonl, read_chunks
from cleanpress.cli import main
from cleanpress.config import CleanerSpec
from cleanpress.formats.jsonl import JsonlError, JsonlOptions, clean_record

from conftest import SEED, SEED_CLEAN

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
DIRTY = f"Intro.\n{AD}\nEnd."
OPTIONS = JsonlOptions()


def line(record: object, **dumps: object) -> bytes:
    return (json.dumps(record, **dumps) + "\n").encode()  # type: ignore[arg-type]


# --- one record ----------------------------------------------------------------------------------
def test_changed_record_keeps_every_other_field_in_order(cleaner: cleanpress.Cleaner) -> None:
    raw = line({"id": 7, "title": "T", "text": DIRTY, "meta": {"n": [1, 2.5, None]}, "z": True})
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    assert outcome.status == "changed" and outcome.record_id == 7
    assert outcome.output == line(
        {"id": 7, "title": "T", "text": "Intro.\nEnd.", "meta": {"n": [1, 2.5, None]}, "z": True}
    )
    assert list(json.loads(outcome.output)) == ["id", "title", "text", "meta", "z"]


def test_unchanged_record_is_byte_for_byte(cleaner: cleanpress.Cleaner) -> None:
    raw = b'{ "text" : "Fine.",   "n": 1.50, "u": "\\u00e9" }\r\n'
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    assert (outcome.status, outcome.output) == ("unchanged", raw)


@pytest.mark.parametrize(
    ("dumps", "ending"),
    [
        ({"separators": (",", ":")}, "\n"),
        ({}, "\r\n"),
        ({"ensure_ascii": False}, ""),
        ({"ensure_ascii": True}, "\n"),
    ],
)
def test_changed_record_keeps_the_line_style(
    cleaner: cleanpress.Cleaner, dumps: dict[str, object], ending: str
) -> None:
    before = {"title": "Café", "text": DIRTY}
    raw = json.dumps(before, **dumps).encode() + ending.encode()  # type: ignore[arg-type]
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    after = {"title": "Café", "text": "Intro.\nEnd."}
    assert outcome.output == json.dumps(after, **dumps).encode() + ending.encode()  # type: ignore[arg-type]


def test_bom_on_the_first_line_is_kept(cleaner: cleanpress.Cleaner) -> None:
    raw = b"\xef\xbb\xbf" + line({"text": DIRTY})
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    assert outcome.output == b"\xef\xbb\xbf" + line({"text": "Intro.\nEnd."})


def test_invalid_utf8_inside_the_field_survives(cleaner: cleanpress.Cleaner) -> None:
    raw = b'{"text": "caf\xe9 one\\n' + AD.encode() + b'\\ntwo"}\n'
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    assert outcome.output == b'{"text": "caf\xe9 one\\ntwo"}\n'


def test_lone_surrogate_escape_is_written_escaped(cleaner: cleanpress.Cleaner) -> None:
    raw = b'{"text": "half \\ud83d emoji \xc3\xa9\\n' + AD.encode() + b'"}\n'
    outcome = clean_record(cleaner, raw, 1, OPTIONS)
    assert outcome.status == "changed"
    assert json.loads(outcome.output) == {"text": "half \ud83d emoji é"}


@pytest.mark.parametrize(
    ("raw", "status", "message"),
    [
        (b"not json\n", "malformed", "invalid JSON: Expecting value (column 1)"),
        (b'{"text": "x"\n', "malformed", "invalid JSON: Expecting ',' delimiter"),
        (b"[1, 2]\n", "malformed", "not a JSON object (list)"),
        (b'{"body": "x"}\n', "no-field", "field 'text' missing"),
        (b'{"text": null}\n', "no-field", "field 'text' not a string (null)"),
        (b"   \n", "blank", ""),
    ],
)
def test_lines_that_are_not_records(
    cleaner: cleanpress.Cleaner, raw: bytes, status: str, message: str
) -> None:
    outcome = clean_record(cleaner, raw, 4, OPTIONS)
    assert outcome.status == status
    assert outcome.message.startswith(message)
    assert outcome.output == raw


def test_html_field_stays_html_with_its_removed_elements_gone(cleaner: cleanpress.Cleaner) -> None:
    raw = line({"text": "<html><body><p>Hi</p></body></html>"})
    outcome = clean_record(cleaner, raw, 1, JsonlOptions(format="html"))
    assert outcome.status == "unchanged" and outcome.output == raw
    raw = line({"text": "<html><body><p>Hi</p><script>ad()</script></body></html>"})
    outcome = clean_record(cleaner, raw, 1, JsonlOptions(format="html"))
    assert outcome.status == "changed"
    assert json.loads(outcome.output)["text"] == "<html><body><p>Hi</p></body></html>"


def test_other_field_and_no_id(cleaner: cleanpress.Cleaner) -> None:
    raw = line({"id": "a", "body": DIRTY})
    outcome = clean_record(cleaner, raw, 1, JsonlOptions(field="body", id_field=None))
    assert outcome.status == "changed" and outcome.record_id is None


def test_url_field_protects_the_record_own_domain(cleaner: cleanpress.Cleaner) -> None:
    raw = line({"url": "https://www.cpmrevenuegate.com/about", "text": DIRTY})
    assert clean_record(cleaner, raw, 1, JsonlOptions(url_field="url")).status == "unchanged"
    assert clean_record(cleaner, raw, 1, OPTIONS).status == "changed"


# --- streams -------------------------------------------------------------------------------------
def corpus() -> bytes:
    return b"".join(
        [
            line({"id": 1, "text": DIRTY}),
            line({"id": 2, "text": "Clean."}),
            b"\n",
            b"{broken\n",
            line({"id": 3, "title": "no text"}),
            line({"id": 4, "text": SEED.read_text(encoding="utf-8")}),
        ]
    )


def run_stream(
    data: bytes, on_malformed: str = "pass", jobs: int = 1
) -> tuple[bytes, list[dict[str, object]], list[str]]:
    out, report, warnings = io.BytesIO(), io.BytesIO(), []
    clean_jsonl(
        io.BytesIO(data),
        out,
        report,
        CleanerSpec(),
        OPTIONS,
        jobs=jobs,
        on_malformed=on_malformed,
        name="c.jsonl",
        warn=warnings.append,
    )
    return out.getvalue(), [json.loads(x) for x in report.getvalue().splitlines()], warnings


def test_stream_output_report_and_warnings() -> None:
    out, report, warnings = run_stream(corpus())
    lines = out.splitlines(keepends=True)
    assert len(lines) == 6
    assert json.loads(lines[0]) == {"id": 1, "text": "Intro.\nEnd."}
    assert lines[1:5] == corpus().splitlines(keepends=True)[1:5]
    assert json.loads(lines[5])["text"] == SEED_CLEAN.read_text(encoding="utf-8")
    assert [(r["line"], r.get("id"), r["status"]) for r in report] == [
        (1, 1, "changed"),
        (2, 2, "unchanged"),
        (4, None, "malformed"),
        (5, 3, "no-field"),
        (6, 4, "changed"),
    ]
    assert report[0]["counts"] == {"CP101": 1} and report[0]["removals"][0]["line"] == 2
    assert warnings == [
        "c.jsonl:4: invalid JSON: Expecting property name enclosed in double quotes (column 2) (passed through)"
    ]


def test_stream_skip_and_error_policies() -> None:
    out, report, warnings = run_stream(corpus(), "skip")
    assert b"{broken" not in out and len(out.splitlines()) == 5
    assert report[2]["status"] == "malformed" and warnings[0].endswith("(skipped)")
    with pytest.raises(JsonlError, match=r"^c\.jsonl:4: invalid JSON"):
        run_stream(corpus(), "error")


def test_stream_is_identical_with_two_workers() -> None:
    data = corpus() * 40
    assert run_stream(data, jobs=2) == run_stream(data, jobs=1)


def test_read_chunks_are_bounded() -> None:
    data = b"".join(b"%d\n" % i for i in range(1000))
    chunks = list(read_chunks(io.BytesIO(data), max_lines=64, max_bytes=100))
    assert max(sum(len(raw) for _, raw in chunk) for chunk in chunks) < 100 + 5
    assert [n for chunk in chunks for n, _ in chunk] == list(range(1, 1001))


# --- the command ---------------------------------------------------------------------------------
def test_cli_clean_jsonl_files_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_bytes(corpus())
    out, report = tmp_path / "clean.jsonl", tmp_path / "removed.jsonl"
    argv = [
        "clean",
        str(source),
        "--field",
        "text",
        "-o",
        str(out),
        "--report-jsonl",
        str(report),
        "--isolated",
    ]
    assert main([*argv, "-j", "1"]) == 2  # a malformed line is an input error, passed through all the same
    err = capsys.readouterr().err
    assert f"cleanpress: warning: {source}:4: invalid JSON" in err
    assert (
        f"cleanpress: {source}: 5 records, 2 changed (6 removals), 1 malformed, 1 without a string field 'text'"
        in err
    )
    first = (out.read_bytes(), report.read_bytes())
    assert len(report.read_bytes().splitlines()) == 5
    assert main([*argv, "-j", "2", "--quiet"]) == 2
    assert capsys.readouterr().err.startswith("cleanpress: warning:")  # malformed lines are never silent
    assert (out.read_bytes(), report.read_bytes()) == first


def test_cli_clean_jsonl_stdout_and_report_on_stderr(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(line({"text": DIRTY}))
    assert main(["clean", str(source), "--report-jsonl", "-", "-q", "--isolated"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == line({"text": "Intro.\nEnd."})
    assert json.loads(captured.err)["status"] == "changed"


def test_cli_clean_jsonl_error_policy_leaves_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(corpus())
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--on-malformed", "error", "--isolated"]) == 2
    assert capsys.readouterr().err == (
        f"cleanpress: error: {source}:4: invalid JSON: Expecting property name enclosed in double quotes "
        "(column 2) (use --on-malformed pass or skip to go on)\n"
    )
    assert list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--report", "-"], "--report is for one document; use --report-jsonl with JSONL input"),
        (["--on-malformed", "drop"], "Invalid value for '--on-malformed'"),
    ],
)
def test_cli_clean_jsonl_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(corpus())
    assert main(["clean", str(source), *argv]) == 2
    assert message in capsys.readouterr().err


def test_cli_report_jsonl_needs_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text("x")
    assert main(["clean", str(source), "--report-jsonl", "-"]) == 2
    assert "--report-jsonl is for JSONL input" in capsys.readouterr().err


def test_check_and_fix_a_jsonl_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(line({"id": 1, "text": DIRTY}) + line({"id": 2, "text": "Clean."}))
    assert main(["check", str(source), "--isolated"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        f"{source}:1:1: CP101 URL on a known ad-server domain (EasyList) (in the field, line 2 column 1) ["
    )
    assert main(["check", str(source), "--diff", "--isolated"]) == 1
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- {source}\n+++ {source}\n@@ -1 +1 @@\n-") and "+{" in diff
    assert main(["fix", str(source), "--isolated"]) == 1
    assert source.read_bytes() == line({"id": 1, "text": "Intro.\nEnd."}) + line({"id": 2, "text": "Clean."})
    assert main(["fix", str(source), "--isolated"]) == 0


def test_fix_a_jsonl_file_with_a_malformed_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(line({"text": DIRTY}) + b"oops\n")
    assert main(["fix", str(source), "--isolated"]) == 2
    assert source.read_bytes() == line({"text": "Intro.\nEnd."}) + b"oops\n"
    assert f"cleanpress: error: {source}:2: invalid JSON" in capsys.readouterr().err


def test_fix_leaves_an_unchanged_jsonl_file_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.jsonl"
    source.write_bytes(line({"text": "Clean."}) + line({"text": "Also clean."}))
    os.utime(source, (1_000_000, 1_000_000))
    inode = source.stat().st_ino
    assert main(["fix", str(source), "--isolated"]) == 0
    assert source.stat().st_mtime == 1_000_000 and source.stat().st_ino == inode
    assert list(tmp_path.iterdir()) == [source]
