"""A user rule pack with a pattern that backtracks catastrophically: the run ends, the rule is
reported with its pack, line and id, the other rules still apply, and the command exits 2."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import cleanpress
from cleanpress.cli import main
from cleanpress.detect.budget import PATTERN_TIME_BUDGET

from conftest import write

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
# ^(a|aa)+$ on a run of "a" with a stray last letter tries every split of the run: exponential.
HOSTILE = """
[[rule]]
id = "ACME101"
name = "runaway"
kind = "line-pattern"
reason = "a badly written pattern"
pattern = '^(a|aa)+$'
examples.remove = ["aaaa"]
examples.keep = ["b"]
"""
# Seconds a run may take here: the budget per match plus generous room for a slow machine.
RUN_BOUND = 20 * PATTERN_TIME_BUDGET
DOCUMENT = f"First paragraph of the story.\n{'a' * 60}b\n{AD}\nLast paragraph of the story.\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return write(tmp_path / "mine.toml", HOSTILE)


def test_the_runaway_rule_is_switched_off_and_the_others_still_apply(pack: Path) -> None:
    cleaner = cleanpress.Cleaner(extra_rules=[pack])
    started = time.perf_counter()
    result = cleaner.clean(DOCUMENT, "text")
    assert time.perf_counter() - started < RUN_BOUND
    assert AD not in result.text and "a" * 60 + "b" in result.text
    assert [r.rule for r in result.removals] == ["CP101"]
    (error,) = cleaner.rule_errors
    assert error.startswith(f"{pack}:2: ACME101: a pattern took more than")
    again = cleaner.clean(DOCUMENT, "text")  # switched off: no second report, no second wait
    assert again.text == result.text and len(cleaner.rule_errors) == 1


def test_the_cli_reports_it_and_exits_2(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path / "a.txt", DOCUMENT)
    started = time.perf_counter()
    code = main(["clean", str(article), "--rules", str(pack)])
    assert time.perf_counter() - started < RUN_BOUND
    out, err = capsys.readouterr()
    assert code == 2
    assert AD not in out and "Last paragraph" in out
    assert f"cleanpress: error: {pack}:2: ACME101: a pattern took more than" in err


def test_check_reports_it_per_file_and_exits_2(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", DOCUMENT)
    code = main(["check", str(tmp_path / "a.txt"), "--rules", str(pack), "-j", "1"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "ACME101: a pattern took more than" in err


def test_bundled_patterns_run_without_a_budget() -> None:
    assert all(rule.bundled for rule in cleanpress.load_rules())
