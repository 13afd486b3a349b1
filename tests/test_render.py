"""Every edit leaves the document well-formed: rendered before and after cleaning (docutils for
reST, markdown-it-py for Markdown), the cleaned document has no new warning, error or dangling
reference. On the sample READMEs in tests/data, on a sample of ../shared's real clean documents,
and on documents with spam in the places that break a document when removed carelessly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleanpress

from conftest import ROOT

pytest.importorskip("docutils")
pytest.importorskip("markdown_it")

from render_check import new_problems, render_problems

READMES = Path(__file__).parent / "data" / "readmes" / "sample-readmes.jsonl"
REAL_CLEAN = ROOT.parent / "shared" / "corpora" / "real-clean-dev.jsonl"
# Every this-many-th Markdown record of real-clean-dev is rendered (rendering all takes minutes).
REAL_CLEAN_STRIDE = 5
AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def _records(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _damage(records: list[dict[str, str]], modes: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for record in records:
        fmt = record["format"]
        for mode in modes:
            result = cleanpress.clean(record["text"], fmt if mode == "explicit" else "auto")
            if result.removals:
                found.extend(
                    f"{record['id']} ({mode}): {p}" for p in new_problems(record["text"], result.text, fmt)
                )
    return found


def test_render_check_sees_a_dangling_reference() -> None:
    assert new_problems("See [x][y].\n\n[y]: https://a.org\n", "See [x][y].\n", "markdown") == [
        "undefined reference [y]"
    ]
    assert render_problems("T\n=\n\n|a|\n", "rst") == ['ERROR: Undefined substitution referenced: "a".']


def test_sample_readmes_stay_well_formed() -> None:
    assert _damage(_records(READMES), ("explicit", "auto")) == []


@pytest.mark.skipif(not REAL_CLEAN.exists(), reason="../shared corpora are absent")
def test_real_clean_documents_stay_well_formed() -> None:
    records = [r for r in _records(REAL_CLEAN) if r.get("format") in ("markdown", "rst")]
    assert _damage(records[::REAL_CLEAN_STRIDE], ("auto",)) == []


SPAMMED = [
    (
        "markdown",
        f"# Post\n\nBuy [pills][ad] now, see [ad], or read [docs][d].\n\n![banner][ad]\n\n"
        f"[ad]: {AD}\n[d]: https://docs.python.org/3/\n",
    ),
    ("markdown", f"# Post\n\nText.\n\n```\n{AD}\n```\n\n    {AD}\n\n<div>\n{AD}\n</div>\n\n{AD}\n\nEnd.\n"),
    (
        "rst",
        f"Title\n=====\n\nSee |badge| and `docs <https://a.org>`__ or target_.\n\n{AD}\n\n"
        f".. |badge| image:: {AD}\n   :target: {AD}\n\n.. _target: {AD}\n\nExample::\n\n    {AD}\n\nEnd.\n",
    ),
]


@pytest.mark.parametrize(("fmt", "text"), SPAMMED)
def test_spam_next_to_structure_goes_cleanly(fmt: str, text: str) -> None:
    result = cleanpress.clean(text, fmt)
    assert result.removals
    assert new_problems(text, result.text, fmt) == []
