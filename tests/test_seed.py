"""The canonical case: five injected ad-server lines, everything else byte for byte."""

from __future__ import annotations

import cleanpress
from cleanpress.model import apply_edits

from conftest import SEED, SEED_CLEAN, read_exact

AD_LINE = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def test_seed_output_is_expected_byte_for_byte() -> None:
    original = read_exact(SEED)
    result = cleanpress.clean(original)
    assert result.text == read_exact(SEED_CLEAN)
    assert not result.text.endswith("\n")  # no final newline is added
    assert "Implications for Global Security" in result.text


def test_seed_report_lists_exactly_the_five_ad_lines() -> None:
    original = read_exact(SEED)
    result = cleanpress.clean(original)
    assert [r.text for r in result.removals] == [AD_LINE + "\n"] * 5
    assert {r.rule for r in result.removals} == {"CP101"}
    assert all(r.reason and r.confidence == "certain" for r in result.removals)
    assert apply_edits(original, result.removals) == result.text


def test_seed_report_dict() -> None:
    result = cleanpress.clean(read_exact(SEED))
    report = result.to_dict()
    assert report["schema"] == "cleanpress-report/1"
    assert report["counts"] == {"CP101": 5}
    assert [r["line"] for r in report["removals"]] == [2, 5, 8, 11, 16]
    assert all(r["column"] == 1 for r in report["removals"])
    assert report["input"]["chars"] == len(read_exact(SEED))
