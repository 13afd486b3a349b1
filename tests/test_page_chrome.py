"""Page-chrome mode: full-page text loses its menus, legal lines, page head and tail, as ordinary
removals with rule ids and reasons; off by default."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanpress
from cleanpress.cli import main
from cleanpress.model import apply_edits
from cleanpress.text.chrome import chrome_spans, is_chrome_phrase

ARTICLE = [
    "The council approved the budget on Monday, after a long debate, and the mayor said the plan would fund "
    "schools.",
    "Critics said the plan relies on optimistic tax forecasts; the finance committee will review it again in "
    "spring.",
    "What happens next",
    "The budget takes effect in January, when the first payments to schools are due, officials said.",
]
PAGE = "\n".join(
    [
        "Skip to content", "Home", "News", "Sport", "Kultur", "Impressum", "Menü", "",
        *ARTICLE, "",
        "Share this", "Facebook", "Twitter", "",
        "3 Comments",
        "Great article, I have been saying this for years and nobody listens to me at all, thanks.",
        "Leave a Reply Cancel reply", "Name *", "Email *", "",
        "Kontakt", "Datenschutz", "© 2026 City News. All rights reserved.",
    ]
)  # fmt: skip
CHROME = ("Skip to content", "Impressum", "Menü", "Share this", "Leave a Reply", "Name *", "Datenschutz",
          "All rights reserved", "Great article")  # fmt: skip


def test_off_by_default() -> None:
    result = cleanpress.clean(PAGE)
    assert not any(r.rule.startswith("CP89") for r in result.removals)
    assert "Impressum" in result.text and "Skip to content" in result.text


def test_article_kept_chrome_removed_as_ordinary_removals() -> None:
    result = cleanpress.clean(PAGE, page_chrome=True)
    for para in ARTICLE:
        assert para in result.text
    for chrome in CHROME:
        assert chrome not in result.text
    assert apply_edits(PAGE, result.removals) == result.text
    assert {r.rule for r in result.removals} >= {"CP893", "CP894"}
    assert all(r.reason and r.name for r in result.removals)
    assert cleanpress.Cleaner(page_chrome=True).clean(PAGE).text == result.text


def test_ignore_and_select_work_on_page_chrome_rules() -> None:
    kept_tail = cleanpress.Cleaner(page_chrome=True, ignore=["CP894"]).clean(PAGE).text
    assert "Datenschutz" in kept_tail and "Skip to content" not in kept_tail
    assert "Skip to content" not in cleanpress.Cleaner(select=["CP89"]).clean(PAGE).text


def test_spans_are_whole_lines_ordered_and_disjoint() -> None:
    spans = chrome_spans(PAGE)
    prev_end = 0
    for start, end, part, reason in spans:
        assert start >= prev_end and end > start and reason
        assert start == 0 or PAGE[start - 1] == "\n"
        assert end == len(PAGE) or PAGE[end - 1] == "\n"
        assert part in ("phrase", "menu", "head", "tail", "comments")
        prev_end = end
    assert {"head", "tail"} <= {s[2] for s in spans}


@pytest.mark.parametrize(
    "line",
    ["Zum Inhalt springen", "Impressum", "Suche", "Login", "Sitemap", "Menü", "Home",
     "Leave a Reply Cancel reply", "Name *", "Kontakt", "Datenschutz", "Skip to content"],
)  # fmt: skip
def test_phrases_in_many_languages(line: str) -> None:
    assert is_chrome_phrase(line)


def test_a_plain_article_is_untouched() -> None:
    text = "\n\n".join(ARTICLE[:2] + ARTICLE[3:])
    assert cleanpress.clean(text, page_chrome=True).text == text
    assert not is_chrome_phrase("The home team won the match after extra time, fans said.")
    assert chrome_spans("") == []


def test_cli_page_chrome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert main(["page.txt", "--page-chrome", "--isolated"]) == 0
    out = capsys.readouterr().out
    assert ARTICLE[0] in out and "Impressum" not in out
