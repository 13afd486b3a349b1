"""Inline suppression: ``cleanpress: keep`` markers keep the next line or a block, as noqa does."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanpress
from cleanpress.cli import main

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- cleanpress: keep -->",
        "<!--cleanpress:keep-->",
        "# cleanpress: keep",
        "// cleanpress: keep",
        "cleanpress: keep",
        "[//]: # (cleanpress: keep)",
        "  <!-- cleanpress: keep -->  ",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_marker_keeps_the_next_line(cleaner: cleanpress.Cleaner, marker: str, fmt: str) -> None:
    text = f"First paragraph.\n{marker}\n{AD}\nLast paragraph.\n"
    result = cleaner.clean(text, fmt)
    assert result.text == text
    assert result.removals == ()
    assert result.suppressed == 1


def test_marker_on_a_later_line_works(cleaner: cleanpress.Cleaner) -> None:
    # Regression: the marker was only recognised on the document's first line.
    text = "One.\n\nTwo.\n\nThree.\n<!-- cleanpress: keep -->\n" + AD + "\nFour.\n"
    assert cleaner.clean(text).text == text


def test_marker_skips_blank_lines_and_keeps_only_one_line(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\n<!-- cleanpress: keep -->\n\n{AD}\nBody.\nAdvertisement\nEnd.\n"
    result = cleaner.clean(text, "markdown")
    assert result.text == f"Intro.\n<!-- cleanpress: keep -->\n\n{AD}\nBody.\nEnd.\n"
    assert [r.rule for r in result.removals] == ["CP301"]
    assert result.suppressed == 1


def test_marker_naming_rules_keeps_only_those(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\ncleanpress: keep CP3\n{AD}\ncleanpress: keep CP3\nAdvertisement\nEnd.\n"
    result = cleaner.clean(text, "text")
    assert result.text == "Intro.\ncleanpress: keep CP3\ncleanpress: keep CP3\nAdvertisement\nEnd.\n"
    assert [r.rule for r in result.removals] == ["CP101"]
    assert result.suppressed == 1


def test_marker_with_several_ids_and_lower_case(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\n<!-- cleanpress: keep cp2, CP101 -->\n{AD}\nEnd.\n"
    assert cleaner.clean(text, "markdown").text == text


def test_block_keeps_every_line_until_the_end_marker(cleaner: cleanpress.Cleaner) -> None:
    text = (
        "Intro.\n<!-- cleanpress: keep-start -->\n"
        f"{AD}\nAdvertisement\n"
        "<!-- cleanpress: keep-end -->\n"
        f"{AD}\nEnd.\n"
    )
    result = cleaner.clean(text, "markdown")
    kept = f"Intro.\n<!-- cleanpress: keep-start -->\n{AD}\nAdvertisement\n<!-- cleanpress: keep-end -->\n"
    assert result.text == kept + "End.\n"
    assert [r.rule for r in result.removals] == ["CP101"]
    # The URL line is both a listed ad and (with its twin below) a repeated line: one thing kept.
    assert result.suppressed == 2


def test_unclosed_block_runs_to_the_end(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\n# cleanpress: keep-start\n{AD}\n\nAdvertisement\n"
    result = cleaner.clean(text, "text")
    assert result.text == text
    assert result.suppressed == 2


def test_block_naming_a_rule_lets_others_through(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\ncleanpress: keep-start CP301\n{AD}\nAdvertisement\ncleanpress: keep-end\nEnd.\n"
    result = cleaner.clean(text, "text")
    assert result.text == "Intro.\ncleanpress: keep-start CP301\nAdvertisement\ncleanpress: keep-end\nEnd.\n"
    assert result.suppressed == 1


def test_marker_with_crlf_line_ends(cleaner: cleanpress.Cleaner) -> None:
    text = f"Intro.\r\n<!-- cleanpress: keep -->\r\n{AD}\r\nEnd.\r\n"
    assert cleaner.clean(text, "markdown").text == text


def test_marker_inside_a_code_block_is_only_an_example(cleaner: cleanpress.Cleaner) -> None:
    text = f"How to keep a line:\n\n```\n<!-- cleanpress: keep-start -->\n```\n\n{AD}\n"
    result = cleaner.clean(text, "markdown")
    assert result.text == "How to keep a line:\n\n```\n<!-- cleanpress: keep-start -->\n```\n"
    assert result.suppressed == 0


def test_words_that_only_mention_the_marker_do_nothing(cleaner: cleanpress.Cleaner) -> None:
    text = f"Write cleanpress: keep above a line to keep it.\n{AD}\n"
    result = cleaner.clean(text, "text")
    assert result.text == "Write cleanpress: keep above a line to keep it.\n"
    assert result.suppressed == 0


def test_suppressed_count_in_report_and_check_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.md"
    article.write_text(f"Intro.\n<!-- cleanpress: keep -->\n{AD}\nEnd.\n", encoding="utf-8")
    assert main(["check", str(article), "--isolated"]) == 0
    assert "1 suppressed" in capsys.readouterr().out
    assert main(["clean", str(article), "--report", "-", "--isolated"]) == 0
    assert '"suppressed": 1' in capsys.readouterr().err
