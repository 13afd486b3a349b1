"""The pipe: cleanpress [FILE|-] > clean.txt, the report, rule tooling and error exits."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanpress.cli import main

from conftest import SEED, SEED_CLEAN


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    """The real console script, so stdin/stdout are byte streams as in a shell pipe."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from cleanpress.cli import main; sys.exit(main())", *argv],
        input=stdin,
        capture_output=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_pipe_cleans_stdin_byte_for_byte() -> None:
    code, out, err = run([], SEED.read_bytes())
    assert code == 0, err
    assert out == SEED_CLEAN.read_bytes()


def test_file_argument_and_report_on_stderr() -> None:
    code, out, err = run([str(SEED), "--report", "-"])
    assert code == 0
    assert out == SEED_CLEAN.read_bytes()
    report = json.loads(err)
    assert len(report["removals"]) == 5
    assert all(r["rule"] == "CP101" and r["reason"] for r in report["removals"])


def test_report_to_file_and_output_file(tmp_path: Path) -> None:
    out_path, report_path = tmp_path / "clean.txt", tmp_path / "report.json"
    assert main([str(SEED), "-o", str(out_path), "--report", str(report_path)]) == 0
    assert out_path.read_bytes() == SEED_CLEAN.read_bytes()
    assert json.loads(report_path.read_text())["counts"] == {"CP101": 5}


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfBOM first\r\nCRLF line\r\nno final newline",
        b"invalid \xff\xfe bytes\nkept\n",
        b"",
    ],
)
def test_untouched_bytes_survive(data: bytes) -> None:
    code, out, _ = run([], data)
    assert code == 0
    assert out == data


def test_invalid_utf8_survives_next_to_a_removal() -> None:
    ad = b"https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh\n"
    code, out, _ = run([], b"caf\xe9 one\n" + ad + b"two\xff\n")
    assert code == 0
    assert out == b"caf\xe9 one\ntwo\xff\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["/no/such/file.txt"], "no such file"),
        (["--format", "pdf"], "Invalid value"),
        (["--rules", "/no/such/pack.toml"], "no such rule pack"),
        (["rules", "show", "CP999"], "no rule 'CP999'"),
    ],
)
def test_errors_are_one_line_and_exit_2(argv: list[str], message: str) -> None:
    code, out, err = run(argv)
    assert code == 2
    assert out == b""
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanpress: error:"), err
    assert message in lines[0]


def test_bad_rule_pack_names_path_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text(
        '[[rule]]\nid = "ACME950"\nname = "x"\nkind = "url-domian"\nreason = "r"\n', encoding="utf-8"
    )
    code, _, err = run(["--rules", str(pack)], b"text")
    assert code == 2
    assert f"{pack}:4: unknown kind 'url-domian'" in err.decode()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cleanpress ")


def test_select_and_allow_domain_options() -> None:
    code, out, _ = run(["--allow-domain", "cpmrevenuegate.com"], SEED.read_bytes())
    assert code == 0 and out == SEED.read_bytes()
    code, out, _ = run(["--select", "CP3"], SEED.read_bytes())
    assert code == 0 and out == SEED.read_bytes()


def test_rules_list_show_and_test(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    listing = capsys.readouterr().out
    assert "CP101" in listing and "CP601  off" in listing
    assert main(["rules", "show", "CP101"]) == 0
    shown = capsys.readouterr().out
    assert "Why:" in shown and "Removes:" in shown and "Keeps:" in shown
    assert main(["rules", "test"]) == 0
    assert " 0 failed" in capsys.readouterr().out


def test_rules_test_fails_on_a_broken_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\nid = "ACME951"\nname = "mugs"\nkind = "line-pattern"\nreason = "r"\npattern = "buy our mugs"\n'
        'examples.remove = ["Buy our cups"]\nexamples.keep = ["fine"]\n',
        encoding="utf-8",
    )
    assert main(["rules", "test", str(pack), "--no-builtin"]) == 1
    out = capsys.readouterr().out
    assert "ACME951 remove example: nothing was removed" in out


def test_rules_import_converts_hosts_and_abp(tmp_path: Path) -> None:
    source = tmp_path / "hosts.txt"
    source.write_text("# upstream\n0.0.0.0 ads.example.com\n0.0.0.0 pop.example.net\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    assert main(["rules", "import", str(source), "--format", "hosts", "-o", str(target)]) == 0
    lines = target.read_text().splitlines()
    assert lines[0].startswith("# Imported by cleanpress")
    assert lines[1:] == ["ads.example.com", "pop.example.net"]


def test_main_reads_stdin_in_process(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Advertisement\nText.\n")))
    assert main([]) == 0
    assert capsysbinary.readouterr().out == b"Text.\n"
