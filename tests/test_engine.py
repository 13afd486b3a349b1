"""How removals keep the document's shape, and how the Cleaner's options act."""

from __future__ import annotations

import pytest

import cleanpress
from cleanpress.model import apply_edits

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def clean(text: str, **kwargs: object) -> cleanpress.CleanResult:
    result = cleanpress.Cleaner(**kwargs).clean(text) if kwargs else cleanpress.clean(text)  # type: ignore[arg-type]
    assert apply_edits(text, result.removals) == result.text
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"One.\n{AD}\nTwo.", "One.\nTwo."),  # single-spaced paragraphs
        (f"One.\n\n{AD}\n\nTwo.", "One.\n\nTwo."),  # blank-line paragraphs: one blank goes too
        (f"One.\r\n\r\n{AD}\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"),  # CRLF kept
        (f"One.\n{AD}", "One."),  # last line without a break owns the break before it
        (f"One.\n\n{AD}", "One."),
        (f"One.\n\n{AD}\n", "One.\n"),
        (f"{AD}\n\nOne.", "One."),  # first line
        (f"One.\n\n{AD}\n\n{AD}\n\nTwo.", "One.\n\nTwo."),  # consecutive spam lines
        (f"  {AD}  \nOne.", "One."),  # surrounding spaces
    ],
)
def test_whole_line_removal_keeps_paragraph_shape(text: str, expected: str) -> None:
    assert clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"The talks ended early. Click here: {AD}", "The talks ended early."),
        (
            f"The talks ended early. Click here: {AD} Officials left.",
            "The talks ended early. Officials left.",
        ),
        (f"The talks ended early. {AD}\nNext.", "The talks ended early.\nNext."),
        (f"The talks ended early. → {AD}", "The talks ended early."),
        (f"Implications for Global Security {AD}", "Implications for Global Security"),
        (f"It ran on {AD} for weeks.", "It ran on for weeks."),
    ],
)
def test_inline_spam_goes_with_lead_in_and_one_space(text: str, expected: str) -> None:
    assert clean(text).text == expected


@pytest.mark.parametrize(
    "line",
    [
        f"[Claim your prize]({AD})",
        f"**Sponsored:** [Claim your prize]({AD} 'Claim')",
        f"* [Claim your prize](<{AD}>)",
        f"<{AD}>",
        f"({AD})",
        f'<a href="{AD}" target="_blank">Find out more</a>',
        f"<p><a href={AD} class=x><strong>Go</strong></a></p>",
        f"&lt;a href=&quot;{AD}&quot;&gt;Go&lt;/a&gt;",
        f'<iframe data-src="{AD}" width="728" height="90"></iframe>',
        f'<script>window.location.href="{AD}";</script>',
    ],
)
def test_link_constructs_go_whole(line: str) -> None:
    assert clean(f"One.\n{line}\nTwo.").text == "One.\nTwo."


@pytest.mark.parametrize(
    "block",
    [
        f'<meta http-equiv="refresh" content="0;url={AD}">',
        f"<META HTTP-EQUIV=Refresh CONTENT='0; URL={AD}'>",
        f'<iframe src="{AD}" width="728" height="90"></iframe>',
    ],
)
def test_active_markup_blocks_in_markdown_are_judged_not_protected(block: str) -> None:
    text = f"# Story\n\nOne paragraph of the story.\n\n{block}\n\nAnother paragraph.\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == "# Story\n\nOne paragraph of the story.\n\nAnother paragraph.\n"


def test_an_html_block_in_markdown_stays_protected() -> None:
    text = f'# Story\n\nOne paragraph.\n\n<div class="note">See {AD}</div>\n\nAnother paragraph.\n'
    assert cleanpress.clean(text, "markdown").text == text


def test_reference_link_and_definition_both_go() -> None:
    text = f"One.\n[Claim your prize][sp]\n[sp]: {AD}\n\nTwo."
    assert clean(text).text == "One.\n\nTwo."


def test_code_is_never_touched_in_markdown() -> None:
    text = f"# Setup\n\nRun this:\n\n```\ncurl {AD}\n```\n\nOr use `{AD}` inline.\n"
    result = cleanpress.clean(text, "markdown")
    assert result.text == text


def test_nothing_to_remove_returns_input_unchanged() -> None:
    text = "\ufeffCafé “quotes” — fine.\r\nNo final newline"
    result = clean(text)
    assert result.text == text and result.removals == ()


def test_min_confidence_certain_reports_suspects_without_removing() -> None:
    text = "One.\nhttps://track.akjoxfsnrg.website/c/xpdTQQLmnlDcSvIH?pub=991501\nTwo."
    default = clean(text)
    assert default.text == "One.\nTwo."
    assert default.removals[0].confidence == "suspect"
    cautious = clean(text, min_confidence="certain")
    assert cautious.text == text
    assert [s.rule for s in cautious.suggestions] == [default.removals[0].rule]


def test_allow_domain_always_wins() -> None:
    text = f"One.\n{AD}\nTwo."
    assert clean(text, allow_domains=["cpmrevenuegate.com"]).text == text


def test_source_url_domain_is_never_removed() -> None:
    text = "One.\nhttps://track.akjoxfsnrg.website/c/xpdTQQLmnlDcSvIH?pub=991501\nTwo."
    result = cleanpress.Cleaner().clean(text, source_url="https://www.akjoxfsnrg.website/article/1")
    assert result.text == text


def test_select_and_ignore_by_prefix() -> None:
    text = f"One.\nAdvertisement\n{AD}\nTwo."
    assert clean(text, select=["CP3"]).text == f"One.\n{AD}\nTwo."
    assert clean(text, ignore=["CP1", "CP2", "CP4"]).text == f"One.\n{AD}\nTwo."


def test_off_by_default_rule_needs_explicit_selection() -> None:
    text = "See https://www.who.int/news?utm_source=x&id=3 today."
    assert clean(text).text == text
    rewritten = clean(text, select=["CP6"])
    assert rewritten.text == "See https://www.who.int/news?id=3 today."
    assert rewritten.removals[0].replacement == "?id=3"


def test_removal_evidence_names_the_features_for_suspects() -> None:
    text = "One.\nhttps://sbbdxfiosk7.world/offer?o=9442&a=78429&s1=sht47lx\nTwo."
    (removal,) = clean(text).removals
    assert removal.rule == "CP210"
    assert removal.evidence[0].startswith("score:")
    assert any(e.startswith("ad-path") for e in removal.evidence)


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        cleanpress.clean("x", "pdf")


def test_ad_link_inside_a_sentence_is_unlinked_to_its_text() -> None:
    text = f"Readers can [compare prices here]({AD}) before they buy.\nNext."
    result = clean(text)
    assert result.text == "Readers can compare prices here before they buy.\nNext."
    assert result.removals[0].replacement == "compare prices here"


def test_redirect_inside_a_sentence_is_unwrapped_to_its_destination() -> None:
    wrapped = "https://www.google.com/url?q=https%3A%2F%2Fwww.who.int%2Fnews%2Fitem%2Fmeasles&sa=D"
    text = f"The WHO report ({wrapped}) says cases rose.\n"
    result = clean(text)
    assert result.text == "The WHO report (https://www.who.int/news/item/measles) says cases rose.\n"
    assert "unwrapped" in result.removals[0].evidence


def test_redirect_to_spam_inside_a_sentence_is_removed() -> None:
    wrapped = "https://www.google.com/url?q=" + AD.replace(":", "%3A").replace("/", "%2F")
    text = f"Prices rose sharply in May. Details: {wrapped}\n"
    assert clean(text).text == "Prices rose sharply in May.\n"


def test_repeated_pitch_between_paragraphs_goes_with_one_sign() -> None:
    pitch = "Farmaci generici senza ricetta a prezzi bassissimi"
    paras = [f"Paragraph {n} of the article reports what the officials said on Monday." for n in range(4)]
    text = f"{paras[0]}\n{pitch}\n{paras[1]}\n{pitch}\n{paras[2]}\n{pitch}\n{paras[3]}"
    result = clean(text)
    assert result.text == "\n".join(paras)
    assert "isolated" in result.removals[0].evidence


def test_repeated_sentence_with_a_percentage_is_kept() -> None:
    line = "Prices rose 4% in October, the agency said."
    text = f"A.\n{line}\nB.\n{line}\nC.\n{line}\nD."
    assert clean(text).text == text


def test_repeated_lines_inside_a_list_structure_are_kept() -> None:
    block = "Meal 1\nEat every 2–3 hours 🍽\nMeal 2\nEat every 2–3 hours 🍽\nMeal 3\nEat every 2–3 hours 🍽\n"
    assert clean(block).text == block


def test_invisible_characters_are_exact_edits() -> None:
    # Inside a line, next to a word, the character goes as an exact edit; alone on an otherwise blank
    # line it hides nothing and stays (real scraped articles carry them there).
    text = "Para one.\n\u200b\n\nPara\u200b two."
    result = clean(text)
    assert result.text == "Para one.\n\u200b\n\nPara two."
    assert [r.text for r in result.removals] == ["\u200b"]


def test_an_unclosed_fence_does_not_switch_cleaning_off() -> None:
    text = f"Intro paragraph.\n~~~ Promotional feature ~~~\nMore text.\n{AD}\nEnd."
    result = cleanpress.clean(text, "markdown")
    assert AD not in result.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose. 🎯 https://risadelihaho.work/cgi-bin/rd.cgi?u=562982&b=16", "Prices rose."),
        ("Prices rose. http://91.39.93.33/go.php?id=50564&s=gtmt", "Prices rose."),
        (
            "One.\n<https://cdn3.sspburst7.rocks/click.php?key=hm6zqaslif4hjgp9k799&lp=37|Get it>\nTwo.",
            "One.\nTwo.",
        ),
        ("One.\n[http://212.227.152.67/go.php?id=77285&s=lwkh Seniors switch]\nTwo.", "One.\nTwo."),
    ],
)
def test_more_link_forms_and_lead_ins(text: str, expected: str) -> None:
    assert clean(text).text == expected


def test_repeated_news_headline_with_a_win_is_kept() -> None:
    line = "Burks scores 29 as Warriors end skid with win over Grizzlies"
    paras = [f"Paragraph {n} of the article reports what the coach said after the game." for n in range(4)]
    text = f"{paras[0]}\n{line}\n{paras[1]}\n{line}\n{paras[2]}\n{line}\n{paras[3]}"
    assert clean(text).text == text


def test_repeated_topical_pitch_between_short_lines_goes() -> None:
    pitch = "‼️ Cheap Ozempic without a prescription — ships worldwide"
    lines = ["[Quote one, p. 41]", "A short line.", "Another short one.", "And a fourth."]
    text = f"{lines[0]}\n{pitch}\n{lines[1]}\n{pitch}\n{lines[2]}\n{pitch}\n{lines[3]}"
    assert clean(text).text == "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"The concert is at the Amphitheatre – St. Louis, MO {AD}\nNext.",
            "The concert is at the Amphitheatre – St. Louis, MO\nNext.",
        ),
        (
            f"The mayor met Dr. Smith on Friday at the U.S. Capitol {AD}\nNext.",
            "The mayor met Dr. Smith on Friday at the U.S. Capitol\nNext.",
        ),
        (f"Tickets cost $12.50 at the door {AD}\nNext.", "Tickets cost $12.50 at the door\nNext."),
    ],
)
def test_prose_before_an_appended_ad_stays(text: str, expected: str) -> None:
    assert clean(text).text == expected


@pytest.mark.parametrize(
    ("line", "stripped"),
    [
        ("### Continue reading below ###", "Continue reading below"),
        ("## C# ##", "C#"),
        ("# Learn C#", "Learn C#"),
        ("#hashtag #news", "hashtag #news"),
    ],
)
def test_line_rules_read_an_atx_heading_without_its_closing_hashes(line: str, stripped: str) -> None:
    from cleanpress.text.lines import strip_line

    assert strip_line(line) == stripped


def test_a_boilerplate_line_written_as_a_closed_heading_goes() -> None:
    text = "One paragraph of the story.\n\n### Advertisement ###\n\nAnother paragraph.\n"
    assert cleanpress.clean(text, "text").text == "One paragraph of the story.\n\nAnother paragraph.\n"


@pytest.mark.parametrize(
    ("after", "label"),
    [
        (" — Spin the wheel and win", "Spin the wheel and win"),
        (" | Claim your prize!", "Claim your prize!"),
        (" - the source code", "the source code"),
        (" — read it. Then decide.", None),  # sentences: prose
        (" — see also https://example.org/b", None),  # another link
        (": a", "a"),
        ("", None),
        (" and more words without a separator", None),
    ],
)
def test_a_trailing_label_is_one_phrase_after_a_separator(after: str, label: str | None) -> None:
    from cleanpress.text.lines import trailing_label

    assert trailing_label(after) == label


def test_an_ad_link_with_its_label_after_it_goes_with_the_label() -> None:
    text = f"One paragraph of the story.\n\n{AD} — Spin the wheel and win\n\nAnother paragraph.\n"
    assert clean(text).text == "One paragraph of the story.\n\nAnother paragraph.\n"


def test_a_citation_with_its_label_after_it_stays() -> None:
    text = (
        "One paragraph of the story.\n\n"
        "https://www.who.int/publications/i/item/9789240061729 — WHO report on the tobacco epidemic\n\n"
        "Another paragraph.\n"
    )
    assert clean(text).text == text


def test_a_word_and_its_version_is_not_a_shortener_key() -> None:
    from cleanpress.detect import evidence
    from cleanpress.text.urls import parse_url

    hit = parse_url("https://junit.org/junit5/")
    assert hit is not None
    assert evidence.SHORT_LINK not in evidence.intrinsic_evidence(evidence.bare(hit), False)
    key = parse_url("https://zap.space/HqkPtTa")
    assert key is not None
    assert evidence.SHORT_LINK in evidence.intrinsic_evidence(evidence.bare(key), False)


def test_a_repeated_label_of_one_word_is_not_a_promotion() -> None:
    # A changelog's subsystem labels repeat between entries: "crypto" is not a pitch.
    entries = [
        f"* **crypto**:\n  * fixed the handling of case {i} in the module (#1{i}3)\n" for i in range(4)
    ]
    text = "# Changelog\n\n" + "\n".join(entries)
    assert cleanpress.clean(text).text == text


def test_a_manual_may_cite_a_url_line_twice_but_not_three_times() -> None:
    url = "https://cdn.example-net.club/x7Qp2L9w"  # unlisted, with an ad's shape
    twice = f"# Bugs\n\nReport bugs at\n\n{url}\n\nSecurity issues too, marked confidential, at\n\n{url}\n"
    assert cleanpress.clean(twice, "markdown").text == twice
    thrice = f"{twice}\nAnd again:\n\n{url}\n"
    assert {r.rule for r in cleanpress.clean(thrice, "markdown").removals} == {"CP401"}


CHANGELOG = """\
2019-03-18  Jane Doe  <jane@example.org>

    * src/session.c: fix the handling of a short packet in the key exchange.
    Reported by a researcher, see the advisory:
    https://bugs.example.org/show_bug.cgi?id=103249

    Copyright (C) 1998 Arnaud Le Hors

2019-03-11  Jane Doe  <jane@example.org>

    * src/channel.c: follow-up fix for the short packet:
    https://bugs.example.org/show_bug.cgi?id=103249
    http://git.example.org/cgit/proj.git/commit/?id=a0cab23332a254e3500cac2a3a984472d02180e5

2019-03-02  Jane Doe  <jane@example.org>

    * src/kex.c: third fix for the same report:
    https://bugs.example.org/show_bug.cgi?id=103249
    * use-after-free
    * use-after-free
    * use-after-free
"""


def test_a_changelogs_cited_urls_notices_and_labels_stay() -> None:
    # Indented under its entries, a bug report cited again and again, a quoted copyright notice,
    # a commit hash and a one-word label repeated are the changelog's.
    assert cleanpress.clean(CHANGELOG, "text").text == CHANGELOG


def test_an_ad_url_line_repeated_at_the_margin_still_goes() -> None:
    text = f"One paragraph.\n{AD}\nAnother paragraph.\n{AD}\nThe end.\n"
    assert clean(text).text == "One paragraph.\nAnother paragraph.\nThe end.\n"


def test_a_redirect_repeated_on_its_lines_goes_whatever_its_own_shape() -> None:
    wrapped = "https://www.dereferer.org/?https%3A%2F%2Fwww.example-offers.top%2FRYZps8g"
    text = f"One paragraph.\n{wrapped}\nAnother paragraph.\n{wrapped}\nThe end.\n"
    assert clean(text).text == "One paragraph.\nAnother paragraph.\nThe end.\n"


def test_promotional_words_inside_an_address_are_not_a_pitch() -> None:
    lines = [f"Entry {i}: fixed the renderer for case {i} of the layout engine, and more." for i in range(4)]
    author = "Author: Florent Rougon <f.rougon@free.fr>"
    text = "".join(f"{line}\n{author}\n\n" for line in lines)
    assert cleanpress.clean(text, "text").text == text


@pytest.mark.parametrize(
    "text",
    [
        # a URL line with a stray mark is no sentence that the next line continues
        f"{AD} /\n0 [![a](https://x.qpon/i.png)](https://y.qpon/go/Ab12Cd34Ef)\n",
        # a deletion that takes a rewritten ad link whole
        f'{AD}\n[Claim your prize](https://pl.profitablecpmrate.com/go?zoneid=123) <a href="https://x.example/a">x</a>\n',
    ],
)
def test_cleaning_twice_removes_nothing_more(text: str) -> None:
    result = clean(text)
    assert cleanpress.clean(result.text).removals == ()
