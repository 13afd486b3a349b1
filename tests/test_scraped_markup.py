"""Scraped text that looks like Markdown: markup left over from the page and boilerplate lines next
to each other stay judged (generated stress corpora caught both being shielded)."""

from __future__ import annotations

import cleanpress

AD = "https://lantern58ads.yachts/97/40/ba/e0448f1ed937492e0e1dce84a733c898.js"
PIXEL = '<img src="https://yutwyfchk.com/pixel?pid=12016&evt=imp" width=1 height=1 alt="">'


def test_markup_glued_to_a_paragraph_does_not_shield_the_lines_after_it() -> None:
    text = (
        "# Outbreak\n\n"
        "Beijing officials admitted the city had ten times as many cases as reported.\n"
        f"{PIXEL}\n"
        "In the wake of that outbreak, China improved its detection of new diseases.\n"
        f"{AD}\n"
        "Officials said the system now reports cases within hours.\n"
        f"{AD}\n"
        "The agency publishes a weekly bulletin.\n"
    )
    result = cleanpress.clean(text, "markdown")
    assert AD not in result.text and "yutwyfchk" not in result.text
    assert "weekly bulletin" in result.text and "ten times as many cases" in result.text


def test_an_authored_html_block_after_a_blank_line_is_still_protected() -> None:
    text = "Status of the goals:\n\n<div>\n<td>AD</td>\n</div>\n\nMore text follows.\n"
    assert cleanpress.clean(text, "markdown").removals == ()


def test_two_boilerplate_lines_together_are_not_a_wrapped_paragraph() -> None:
    text = (
        "* * *\n\nA cat missing for five years was found in Santa Fe.\n\n"
        "L'ARTICLE SE POURSUIT APRÈS L'ANNONCE\n"
        "en poursuivant votre navigation, vous acceptez l'utilisation de cookies.\n\n"
        "Its owners drove to pick it up.\n"
    )
    result = cleanpress.clean(text, "markdown")
    assert "POURSUIT" not in result.text and "cookies" not in result.text
    assert "Its owners drove" in result.text


def test_a_comment_glued_to_a_paragraph_or_left_open_shields_nothing() -> None:
    ad = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041e"
    glued = (
        'Para.\n<!-- ad slot 5 --><a href="https://edge.truistmomentum.com/serve?gclid=K">x</a>\nMore text.\n'
    )
    assert cleanpress.clean(glued, "markdown").text == "Para.\nMore text.\n"
    unclosed = f"Text here.\n\n<!-- unclosed comment\n{ad}\nMore.\n"
    assert ad not in cleanpress.clean(unclosed, "markdown").text
