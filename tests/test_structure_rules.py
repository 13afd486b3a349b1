"""Line rules respect a document's structure: section titles, wrapped paragraphs, table cells,
reference definitions and licence sections stay, whatever their words; spam next to them goes."""

from __future__ import annotations

import pytest

import cleanpress
from cleanpress.formats import read_document

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def unchanged(text: str, fmt: str) -> None:
    result = cleanpress.clean(text, fmt)
    assert result.text == text, [(r.rule, r.text) for r in result.removals]


# --- section titles ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("# Guide\n\n## Subscribe\n\nCall `client.subscribe(topic)` to receive messages.\n", "markdown"),
        ("Guide\n\nSubscribe\n---------\n\nCall `subscribe()` to receive messages.\n", "markdown"),
        ("Guide\n=====\n\nSubscribe\n---------\n\nCall ``subscribe()`` to receive messages.\n", "rst"),
        ("=========\nSubscribe\n=========\n\nCall ``subscribe()`` to receive messages.\n", "rst"),
    ],
)
def test_a_title_heading_a_section_stays(text: str, fmt: str) -> None:
    unchanged(text, fmt)


def test_a_title_with_no_section_under_it_is_not_protected() -> None:
    # An injected "heading" with nothing under it before the next heading is not a section title.
    text = "# Story\n\nText of the story.\n\n### Advertisement\n\n## Next part\n\nMore text.\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "# Story\n\nText of the story.\n\n## Next part\n\nMore text.\n"


def test_a_title_over_a_section_of_spam_goes_with_it_in_one_pass() -> None:
    text = f"Intro text here.\n\n## Advertisement\n\n{AD}\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "Intro text here.\n"
    assert cleanpress.clean(result.text, "markdown").removals == ()


# --- wrapped paragraphs -----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "markdown", "rst"])
def test_a_line_of_a_wrapped_paragraph_stays(fmt: str) -> None:
    text = "The code of this small library is\nCopyright (c) 2020 Example Inc.\nand licensed under the MIT licence.\n"
    unchanged(text, fmt)


def test_a_hard_wrapped_readme_keeps_a_parenthesised_continuation() -> None:
    lines = [
        "This library exists to allow connecting with Happy Eyeballs, the algorithm for",
        "([RFC 8305](https://www.rfc-editor.org/rfc/rfc8305.html))",
        "when you already have a list of addresses and not a DNS name to resolve here.",
    ]
    text = "\n".join(lines * 2) + "\n"
    doc = read_document(text, "markdown")
    assert doc.structure.keeps(1) == "wrapped paragraph"
    unchanged(text, "markdown")


def test_an_article_with_a_paragraph_per_line_is_not_read_as_wrapped() -> None:
    # Each paragraph on one line, boilerplate between them with no full stop: it still goes.
    text = (
        "Noem saw the Twitter reaction and doubled down on the slogan on Monday afternoon\n"
        "Story continues below advertisement\n"
        "“Hey Twitter, the whole point of this ad campaign is to raise awareness,” Noem tweeted.\n"
    )
    result = cleanpress.clean(text)
    assert "Story continues below advertisement" not in result.text


def test_a_boilerplate_line_next_to_an_ad_line_still_goes() -> None:
    text = f"First paragraph.\n\nAdvertisement\n{AD}\n\nLast paragraph.\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "First paragraph.\n\nLast paragraph.\n"
    assert cleanpress.clean(result.text, "markdown").removals == ()


@pytest.mark.parametrize("fmt", ["text", "markdown", "rst"])
def test_wrapped_facts_read_alone_are_those_of_the_whole_structure(fmt: str) -> None:
    text = (
        "The code of this small library is\nCopyright (c) 2020 Example Inc.\nand licensed under the MIT"
        " licence.\n\n## Usage\n\nCall it like this, with a long line filled to the wrap width here\n"
        "[and a link](https://example.org/docs) that ends the sentence.\n\n| a | b |\n|---|---|\n"
    )
    direct = read_document(text, fmt).structure
    doc = read_document(text, fmt)
    first = {index: doc.wrapped[index] for index in range(len(doc.lines)) if index in doc.wrapped}
    assert first  # the wrapped lines are found without the rest of the structure
    assert doc.structure == direct  # mappings compare by their items
    assert first == dict(direct.wrapped)
    assert doc.wrapped is doc.structure.wrapped  # one set of facts, shared


# --- tables -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (
            "Codes:\n\n| code | meaning |\n|------|---------|\n| AD | Advertisement |\n| Advertisement |\n",
            "markdown",
        ),
        (
            "Codes:\n\n+---------------+\n| Advertisement |\n+---------------+\n| Sponsored     |\n"
            "+---------------+\n",
            "rst",
        ),
        (
            "Codes:\n\n=============  =====\nAdvertisement  yes\nSponsored      no\n=============  =====\n",
            "rst",
        ),
        ("<table>\n<tr>\n<td>AD</td>\n<td>Advertisement</td>\n</tr>\n</table>\n", "text"),
    ],
)
def test_table_cells_stay(text: str, fmt: str) -> None:
    unchanged(text, fmt)


# --- reference definitions and licence sections -----------------------------------------------
def test_repeated_reference_definitions_stay() -> None:
    definition = "[curl 7.51.0]: https://curl.haxx.se/changes.html\n"
    text = f"See [curl 7.51.0].\n\n{definition}\nAnd again [curl 7.51.0].\n\n{definition}"
    unchanged(text, "markdown")


def test_a_repeated_link_with_its_own_text_is_navigation_in_markdown() -> None:
    link = "[Description from February](https://blog.example.org/2022/02/22/ambitions.html)"
    text = "".join(f"## Team {n}\n\n{link}\n\nProgress was made on item {n}.\n\n" for n in range(3))
    unchanged(text, "markdown")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("# Tool\n\nDoes things.\n\n## License\n\nCopyright (c) 2014-2026 Jane Doe.\n\nMIT.\n", "markdown"),
        ("Tool\n====\n\nDoes things.\n\nLicense\n-------\n\nCopyright 2016-2023 Jane Doe\n\nMIT.\n", "rst"),
    ],
)
def test_a_copyright_notice_in_a_licence_section_stays(text: str, fmt: str) -> None:
    unchanged(text, fmt)


def test_a_copyright_footer_in_an_article_still_goes() -> None:
    text = "The council met on Monday.\n\n© 2024 Riverside Gazette. All rights reserved.\n"
    assert cleanpress.clean(text).text == "The council met on Monday.\n"


def test_a_menu_of_short_lines_is_not_a_wrapped_paragraph() -> None:
    text = "Top stories of the day\n\nMarket Update sponsored by\nAdvertisement\n\nLog In\nSign Up\n\nStory text.\n"
    result = cleanpress.clean(text)
    assert "Advertisement" not in result.text


# --- code captions ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (
            "Write code like this:\n\n**Publish**\n\n```python\nclient.publish('t', 1)\n```\n\n"
            "**Subscribe**\n\n```python\nclient.subscribe('t')\n```\n",
            "markdown",
        ),
        ("Usage:\n\nShare this article\n\n    share(article, to='team')\n\nThe end.\n", "markdown"),
        ("Usage\n\nSubscribe::\n\n    client.subscribe('t')\n\nThe end.\n", "rst"),
    ],
)
def test_a_label_over_a_code_block_stays(text: str, fmt: str) -> None:
    unchanged(text, fmt)


def test_the_same_words_away_from_code_still_go() -> None:
    text = "Write code like this:\n\n**Subscribe**\n\nCall `client.subscribe()` to receive messages.\n"
    result = cleanpress.clean(text, "markdown")
    assert [r.text for r in result.removals] == ["**Subscribe**\n\n"]


# --- copyright notices of authored documents -------------------------------------------------------
README_END = "## Usage\n\nRun `tool --help`.\n\nCopyright (c) 2025 TAHRI Ahmed R.\n"


@pytest.mark.parametrize("fmt", ["markdown", "rst"])
def test_an_authored_documents_copyright_notice_stays(fmt: str) -> None:
    unchanged(README_END if fmt == "markdown" else README_END.replace("## Usage\n", "Usage\n=====\n"), fmt)
    unchanged("Some text.\n\n*Copyright 2016-2026 Caleb Evans*  \n", fmt)


def test_a_scraped_pages_copyright_footer_goes() -> None:
    text = "The council voted on Tuesday.\n\n© 2019 Associated Press. All Rights Reserved.\n"
    result = cleanpress.clean(text, "text")
    assert [r.rule for r in result.removals] == ["CP310"]
    assert result.text == "The council voted on Tuesday.\n"


def test_a_scan_remembers_only_the_text_it_read_last() -> None:
    from cleanpress.formats.spans import last_text

    calls: list[str] = []

    @last_text
    def scan(text: str) -> int:
        calls.append(text)
        return len(calls)

    one = "".join(["a", "b"])
    same_words = "".join(["a", "b"])  # equal, but another string: read again
    assert [scan(one), scan(one), scan(same_words), scan(one)] == [1, 1, 2, 3]


# --- licence texts ------------------------------------------------------------------------------
GPL_HEAD = (
    "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n"
    " Copyright © 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
    " Everyone is permitted to copy and distribute verbatim copies\n\n"
)


def test_a_licence_file_keeps_its_notices_and_addresses() -> None:
    tail = "\n".join(f"Section {i} of the licence, with its conditions." for i in range(60))
    text = f"{GPL_HEAD}{tail}\n\n  <https://www.gnu.org/licenses/>.\n\n  <https://www.gnu.org/licenses/>.\n"
    unchanged(text, "text")


def test_a_licence_closing_a_readme_keeps_its_notice_but_not_the_readme_above_it() -> None:
    body = "\n\n".join(f"Paragraph {i} of the guide, with words of its own here." for i in range(30))
    licence = (
        "Copyright (c) 2020 Jane Doe. All rights reserved.\n\n"
        "Redistribution and use in source and binary forms, with or without\nmodification, are permitted.\n"
    )
    text = f"Advertisement\n\n{body}\n\n{licence}"
    result = cleanpress.clean(text, "text")
    assert [r.text for r in result.removals] == ["Advertisement\n\n"]
    doc = read_document(text, "text")
    notice = text.splitlines().index("Copyright (c) 2020 Jane Doe. All rights reserved.")
    assert doc.structure.keeps(notice) == "licence section"
    assert doc.structure.keeps(notice - 2) is None  # the guide's last paragraph


@pytest.mark.parametrize("word", ["share.", "related.", "subscribe)."])
def test_the_last_word_of_a_wrapped_sentence_stays_on_its_own_line(word: str) -> None:
    text = f"  The connection cache is now kept per transfer, so that handles no longer\n  {word}\n"
    unchanged(text, "text")


# --- Markdown written as such, or a page's text with Markdown links injected -------------------
@pytest.mark.parametrize(
    ("text", "authored"),
    [
        ("# filelock\n\nA platform-independent file lock.\n", True),
        ("Intro.\n\n- Fast and small\n- No dependencies\n", True),
        ("Run `tool --help` to see the options.\n", True),
        ("Some text.\n\n*Copyright 2016-2026 Caleb Evans*  \n", True),
        ("```\npip install tool\n```\n", True),
        ("The council met.\n\n### [Win big today](https://x.example/a)\n\nThe vote is next week.\n", False),
        ("The council met.\n\n- [Claim your prize](https://x.example/a)\n\nThe vote is next week.\n", False),
        (
            "The council met.\n\n> **Ad** · [Spin the wheel](https://x.example/a)\n\nThe vote is next week.\n",
            False,
        ),
    ],
)
def test_markdown_is_authored_when_it_shows_structure_beyond_links(text: str, authored: bool) -> None:
    assert read_document(text, "markdown").authored is authored


def test_a_scraped_articles_copyright_footer_goes_though_injected_links_make_it_markdown() -> None:
    text = (
        "The council met on Tuesday to discuss the new harbour plan after a long consultation.\n\n"
        "### [Win an iPhone today](https://promo.example-offers.top/c/xpdTQQLmnlDcSvIH)\n\n"
        "The vote is next week, the mayor said after the meeting in the town hall.\n\n"
        "© 2024 Lakeshore Gazette. All rights reserved.\n"
    )
    result = cleanpress.clean(text, "markdown")  # as it is read when enough links were injected
    assert any(r.rule == "CP310" for r in result.removals)
