"""Format detection: only a page is HTML; Markdown and reST with HTML blocks stay what they are,
and detection never makes valid text raise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanpress
from cleanpress.formats import detect_format

from conftest import ROOT

REAL_CLEAN = ROOT.parent / "shared" / "corpora" / "real-clean-dev.jsonl"

MARKDOWN_WITH_HTML = (
    "# Survey results\n\nThe [survey](https://blog.example.org/survey) ran for **two weeks**.\n\n"
    + "".join(
        f'<div>\n<a href="/chart{n}.png"><img src="/chart{n}.png" alt="chart {n}"></a>\n</div>\n\n'
        f"<p>Figure {n}: answers to question {n}.</p>\n\n"
        for n in range(10)
    )
    + "That is all for this year.\n"
)


def test_markdown_with_html_blocks_is_markdown() -> None:
    assert detect_format(MARKDOWN_WITH_HTML) == "markdown"
    assert cleanpress.clean(MARKDOWN_WITH_HTML).text == MARKDOWN_WITH_HTML


def test_a_fragment_of_html_tags_never_raises() -> None:
    fragment = "".join(f"<p>Paragraph {n} of the story.</p>\n" for n in range(20))
    assert detect_format(fragment) != "html"
    assert cleanpress.clean(fragment).text == fragment


@pytest.mark.parametrize("head", ["<!DOCTYPE html>", "<html lang='en'>", "\ufeff  <!-- saved -->\n<html>"])
def test_a_page_is_html(head: str) -> None:
    page = f"{head}\n<body><p>Text.</p></body></html>\n"
    assert detect_format(page) == "html"
    result = cleanpress.clean(page)
    assert result.format == "html" and result.text == "Text." and result.page == page


@pytest.mark.skipif(not REAL_CLEAN.exists(), reason="../shared corpora are absent")
def test_no_real_document_raises_or_is_routed_to_html() -> None:
    for line in REAL_CLEAN.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("format") in ("markdown", "rst"):
            assert detect_format(record["text"]) != "html", record["id"]
            cleanpress.clean(record["text"])  # raises nothing


def test_detection_reads_the_sample_readmes_as_their_format() -> None:
    path = Path(__file__).parent / "data" / "readmes" / "sample-readmes.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    wrong = [r["id"] for r in records if detect_format(r["text"]) not in (r["format"], "text")]
    # A few short reST READMEs show more Markdown than reST; none may become HTML.
    assert len(wrong) <= len(records) // 10, wrong


_MD_PIECES = [
    "- ",
    "* ",
    "**",
    "**b**",
    "[a](b)",
    "[a]: x",
    "# ",
    "1. ",
    "> ",
    "```",
    "  ",
    "\n",
    "\r\n",
    "x",
    " ",
    "*",
    "[",
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_MD_PIECES), max_size=30).map("".join))
def test_fast_sign_count_agrees_with_the_full_scan(text: str) -> None:
    from cleanpress.formats import _MARKDOWN_SIGNS, MARKDOWN_MIN_SIGNS, _has_signs

    expected = len(_MARKDOWN_SIGNS.findall(text)) >= MARKDOWN_MIN_SIGNS
    assert _has_signs(text, MARKDOWN_MIN_SIGNS) == expected
