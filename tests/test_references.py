"""Markdown link reference definitions: a spam definition goes and every use of it is unlinked to
its text; a definition that is not spam never goes; no ``[text][label]`` is left dangling."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import cleanpress
from cleanpress.text.links import reference_uses

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def test_a_spam_definition_goes_with_every_use_unlinked() -> None:
    text = (
        "# Post\n\n"
        "Buy [cheap pills][ad] today, see [ad] or [Ad][] now, or read [the docs][d].\n\n"
        f"[ad]: {AD}\n"
        "[d]: https://docs.python.org/3/\n"
    )
    result = cleanpress.clean(text, "markdown")
    assert result.text == (
        "# Post\n\n"
        "Buy cheap pills today, see ad or Ad now, or read [the docs][d].\n\n"
        "[d]: https://docs.python.org/3/\n"
    )
    assert {r.rule for r in result.removals} == {"CP101"}
    assert cleanpress.clean(result.text, "markdown").removals == ()


def test_an_image_reference_inside_a_link_is_unlinked_too() -> None:
    text = f"# Post\n\nSee [![banner][ad]][home] for more.\n\n[ad]: {AD}\n[home]: https://example.org/\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "# Post\n\nSee [banner][home] for more.\n\n[home]: https://example.org/\n"


def test_a_definition_that_is_not_spam_keeps_its_uses() -> None:
    text = "Read [the guide][g] first.\n\n[g]: https://docs.python.org/3/tutorial/\n"
    assert cleanpress.clean(text, "markdown").text == text


def test_a_use_in_code_is_not_a_use() -> None:
    text = f"Write `[x][ad]` in code.\n\n[ad]: {AD}\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "Write `[x][ad]` in code.\n"


def test_reference_uses_finds_full_collapsed_and_shortcut_uses() -> None:
    text = "[a][x] [x][] [x] [x](http://y) `[x]`\n[x]: http://z\n[![i][x]][y]"
    found = [(text[u.start : u.end], u.text) for u in reference_uses(text, {"x"})]
    assert found == [("[a][x]", "a"), ("[x][]", "x"), ("[x]", "x"), ("[x]", "x"), ("![i][x]", "i")]


_HEADINGS = ["Further reading", "See also", "Sources", "References", "Links", "Quellen", "Voir aussi",
             "Fuentes", "Bibliography", "Read more about", "Indicators of compromise", "IOCs",
             "Malicious URLs", "Siehe auch", "Zie ook", "Saiba mais"]  # fmt: skip
_AROUND = ["", "## ", "**", "- ", "> ", "  ", "\t", "### **", "1. ", "[", "(", "👉 ", "_"]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_HEADINGS), st.sampled_from(_AROUND), st.sampled_from(_AROUND),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: s]), st.sampled_from(["", ":", " (2)", ":**"]))  # fmt: skip
def test_the_quick_heading_test_never_refuses_a_heading(
    heading: str, left: str, right: str, case: Callable[[str], str], tail: str
) -> None:
    from cleanpress.detect.context import REFERENCE_HEADING, _heading_starts, _may_head
    from cleanpress.text.lines import strip_line

    raw = left + case(heading) + tail + right[::-1]
    if REFERENCE_HEADING.fullmatch(strip_line(raw)):
        assert _may_head(raw, _heading_starts()), raw


def test_the_quick_heading_test_reads_the_first_word_after_decoration() -> None:
    from cleanpress.detect.context import _heading_starts, _may_head

    starts = _heading_starts()
    assert starts is not None and "further" in starts
    assert _may_head("## **Further reading:**", starts)
    assert _may_head("<h2>Sources</h2>", starts)  # tags: always read in full
    assert not _may_head("The sources are listed below.", starts)
    assert not _may_head("- Our links to other sites", starts)
