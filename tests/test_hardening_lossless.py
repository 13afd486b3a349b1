"""Hardening, item 1: lossless by construction.

For generated plain text, Markdown and HTML-like text, and for records of the public corpora with
random mutations:

* the report is an exact edit script: every removal's ``text`` is ``original[start:end]``, the
  removals are ordered and disjoint, and ``apply_edits(original, removals) == result.text``;
* the output holds nothing that is not in the input except the declared replacements, and the
  original is rebuilt exactly from the output and the report (nothing lost);
* cleaning is idempotent: cleaning the output removes nothing;
* the command line's output does not depend on ``-j``.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanpress
from cleanpress.cli import main
from cleanpress.formats import detect_format
from cleanpress.model import CleanResult, Removal, apply_edits

from conftest import ROOT

CLEANER = cleanpress.Cleaner()
# Every rule, off-by-default ones too: CP601 rewrites links, so replacements are exercised.
ALL_RULES = cleanpress.Cleaner(select=["ALL"])
CORPORA = ROOT.parent / "shared" / "corpora"
# Records taken from the head of each public corpus: enough variety, bounded start-up time.
RECORDS_PER_CORPUS = 60
# Examples per property: about 5-10 s each on the 2-core CI machine.
EXAMPLES = 120
SLOW_OK = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"
SPAM = [
    AD,
    "Advertisement",
    "Share this article",
    "The post Officials meet appeared first on Daily News.",
    "[Claim your prize](https://pl.profitablecpmrate.com/go?zoneid=123)",
    "Find out more: https://sbbdxfiosk7.world/offer?o=9442&a=78429&s1=sht47lx",
    "See https://www.google.com/url?q=https%3A%2F%2Fwww.who.int%2Fx&sa=D now",
    "pass\u200bword",
    "https://news.example.com/story?utm_source=x&fbclid=abc&id=7",
    '<img src="https://pixel.adsafeprotected.com/p.gif" width="1" height="1">',
]
PROSE = [
    "Officials met on Monday to discuss the plan.",
    "“Never again,” she said — and meant it.",
    "Source: https://www.reuters.com/world/talks-end-2019-11-05/",
    "",
    "Prices rose 4% in October, the agency said.",
]
MARKDOWN = [
    "# Heading",
    "## Talks end",
    "> quoted line",
    "> > nested quote",
    "- item",
    "1. first",
    "```",
    "~~~",
    "    indented code",
    "`inline code` and **bold**",
    "[a link](https://example.org/a)",
    "[ref]: https://example.org/ref",
    "<!-- cleanpress: keep -->",
]
HTMLISH = [
    "<div>",
    "</div>",
    "<p>Paragraph text.</p>",
    '<a href="https://x.example/a">x</a>',
    "<script>var a = 1;</script>",
    "<br/>",
    "&amp; &lt;tag&gt;",
    '<ins class="adsbygoogle" data-ad-slot="123"></ins>',
]
BREAKS = ["\n", "\r\n", "\n\n", "\r\n\r\n", " ", "\r"]


@st.composite
def documents(draw: st.DrawFn, pieces: list[str]) -> str:
    lines = draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=30)), max_size=16))
    text = "".join(line + draw(st.sampled_from(BREAKS)) for line in lines)
    return text.rstrip("\r\n") if draw(st.booleans()) else text


def _corpus_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for raw in islice(handle, RECORDS_PER_CORPUS):
                value = json.loads(raw).get("text")
                if isinstance(value, str):
                    texts.append(value)
    return texts


CORPUS_TEXTS = _corpus_texts()


@st.composite
def mutated_records(draw: st.DrawFn) -> str:
    """A corpus record with a few random edits: spans cut, duplicated or moved, spam and junk
    inserted, line ends changed, the end cut off."""
    text = draw(st.sampled_from(CORPUS_TEXTS))
    for _ in range(draw(st.integers(0, 4))):
        size = len(text)
        at = draw(st.integers(0, size))
        span = draw(st.integers(0, min(400, size - at)))
        kind = draw(st.sampled_from(["cut", "dup", "spam", "junk", "crlf", "truncate"]))
        if kind == "cut":
            text = text[:at] + text[at + span :]
        elif kind == "dup":
            text = text[: at + span] + text[at : at + span] + text[at + span :]
        elif kind == "spam":
            text = text[:at] + "\n" + draw(st.sampled_from(SPAM)) + "\n" + text[at:]
        elif kind == "junk":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind == "crlf":
            text = text[:at] + text[at:].replace("\n", "\r\n", draw(st.integers(1, 5)))
        else:
            text = text[:at]
    return text


def rebuild_original(result: CleanResult) -> str:
    """The original from the output and the report alone (each replacement swapped back)."""
    pieces: list[str] = []
    out_cursor = 0  # position in the output
    orig_cursor = 0  # position in the original
    for removal in result.removals:
        kept = removal.start - orig_cursor
        pieces.append(result.text[out_cursor : out_cursor + kept])
        out_cursor += kept
        assert result.text[out_cursor : out_cursor + len(removal.replacement)] == removal.replacement
        pieces.append(removal.text)
        out_cursor += len(removal.replacement)
        orig_cursor = removal.end
    pieces.append(result.text[out_cursor:])
    return "".join(pieces)


def assert_lossless(
    text: str, fmt: str, cleaner: cleanpress.Cleaner = CLEANER, *, strictly_idempotent: bool = True
) -> None:
    result = cleaner.clean(text, fmt)
    previous: Removal | None = None
    for removal in result.removals:
        assert 0 <= removal.start < removal.end <= len(text), removal
        assert text[removal.start : removal.end] == removal.text
        assert previous is None or previous.end <= removal.start, (previous, removal)
        previous = removal
    assert apply_edits(text, result.removals) == result.text
    assert rebuild_original(result) == text
    if not result.removals:
        assert result.text == text
    again = cleaner.clean(result.text, fmt)
    if strictly_idempotent:
        assert again.removals == (), [r.text for r in again.removals]
    else:  # a known engine limit (see below): cleaning again must at least settle
        for _ in range(EXTRA_PASSES):
            if not again.removals:
                break
            again = cleaner.clean(again.text, fmt)
        assert again.removals == (), [r.text for r in again.removals]


# With every rule on, CP601 (tracking parameters, off by default) rewrites links; two links that
# become the same can then make a repeated-URL line (CP401), which the second pass removes with the
# rewrite inside it (model.compose_edits). An edit inside or across a rewrite still cannot be
# composed, so the default-off rule set is only required to settle within this many extra
# cleanings.
EXTRA_PASSES = 3
CP601_THEN_CP401 = (
    f"{AD} https://news.example.com/story?utm_source=x&fbclid=abc&id=7\n"
    "https://news.example.com/story?utm_source=x&fbclid=abc&id=7\n"
)


# Removing a line can change what the Markdown around it is: here the ad line ends the list, so
# the indented line after it is a code block (kept); once the ad line is gone, the indented line
# continues the list item, is prose, and its ad goes on a second cleaning.
MARKDOWN_STRUCTURE_CHANGE = f"- item\n\n{AD}\n\n    indented code {AD}\n"


def test_markdown_cleaning_is_idempotent_when_a_removal_changes_the_structure() -> None:
    once = CLEANER.clean(MARKDOWN_STRUCTURE_CHANGE, "markdown")
    assert CLEANER.clean(once.text, "markdown").removals == ()


def test_every_rule_is_idempotent_when_rewrites_make_a_repeat() -> None:
    once = ALL_RULES.clean(CP601_THEN_CP401, "markdown")
    assert "fbclid" not in once.text
    assert ALL_RULES.clean(once.text, "markdown").removals == ()


@SLOW_OK
@given(documents(SPAM + PROSE))
def test_plain_text_is_lossless_and_idempotent(text: str) -> None:
    assert_lossless(text, "text")


@SLOW_OK
@given(documents(SPAM + PROSE + MARKDOWN))
def test_every_rule_is_lossless_and_settles(text: str) -> None:
    assert_lossless(text, "markdown", ALL_RULES, strictly_idempotent=False)


@SLOW_OK
@given(documents(SPAM + PROSE + MARKDOWN))
def test_markdown_is_lossless_and_settles(text: str) -> None:
    # Strict idempotency can fail when a removal changes the structure around a line (a boilerplate
    # line that was a wrapped paragraph's line before the spam next to it went): required to settle.
    assert_lossless(text, "markdown", strictly_idempotent=False)


@SLOW_OK
@given(documents(SPAM + PROSE + HTMLISH))
def test_html_like_text_is_lossless_and_idempotent(text: str) -> None:
    # HTML mode is being built elsewhere: HTML-like text goes through the text and Markdown paths.
    assert_lossless(text, "text")
    assert_lossless(text, "markdown")


@pytest.mark.skipif(not CORPUS_TEXTS, reason="public corpora not found next to the checkout")
@SLOW_OK
@given(mutated_records(), st.sampled_from(["auto", "text", "markdown"]))
def test_mutated_corpus_records_are_lossless_and_idempotent(text: str, fmt: str) -> None:
    if fmt == "auto" and detect_format(text) == "html":
        return  # HTML mode is being built elsewhere: the text and Markdown paths are tested here
    assert_lossless(text, fmt)


def test_rebuild_original_undoes_a_replacement() -> None:
    text = "Read https://news.example.com/story?utm_source=x&fbclid=abc&id=7 today.\n"
    result = ALL_RULES.clean(text, "text")
    assert any(r.replacement for r in result.removals), result.removals
    assert rebuild_original(result) == text


# --- the command line: -j never changes the output ------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_TEXTS, reason="public corpora not found next to the checkout")
def test_clean_jsonl_output_is_identical_at_any_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [json.dumps({"id": i, "text": text}) for i, text in enumerate(CORPUS_TEXTS[::2])]
    records += [json.dumps({"id": "dirty", "text": f"Intro.\n{AD}\nEnd."}, ensure_ascii=False)]
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(records) + "\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out, report = tmp_path / f"out-{jobs}.jsonl", tmp_path / f"report-{jobs}.jsonl"
        argv = ["clean", str(source), "-o", str(out), "--report-jsonl", str(report), "-j", jobs, "--isolated"]
        assert main(argv) == 0
        outputs.append((out.read_bytes(), report.read_bytes()))
    capsys.readouterr()
    assert outputs[0] == outputs[1]
    assert outputs[0][0] != source.read_bytes()  # something was cleaned: the comparison is not vacuous
    assert len(outputs[0][1].splitlines()) == len(records)
