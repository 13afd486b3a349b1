"""Links as real documents write them: reference definitions, link lists, invisible characters that
hide nothing. Each of these was removed from real posts before (real-clean-dev)."""

from __future__ import annotations

from dataclasses import replace

import cleanpress

PLAYGROUND = "https://play.rust-lang.org/?version=stable&mode=debug&edition=2021&gist=0cf8e21335b38011b4911e1"


def test_a_reference_definition_and_its_use_are_one_url_not_a_repeated_one() -> None:
    text = (
        "The event is run by the organisers of [RustCon Asia][rustcon-asia], and tickets go fast.\n\n"
        "More about the talks follows below.\n\n"
        "[rustcon-asia]: https://rustcon.asia/\n"
    )
    assert cleanpress.clean(text, "markdown").removals == ()


def test_a_link_shown_with_its_own_address_is_one_url() -> None:
    url = "https://blog.rust-lang.org/2025/04/04/c-abi-changes-for-wasm32-unknown-unknown"
    text = f"It was announced in March.\n\nFor more information: [{url}]({url})\n\nThe end.\n"
    assert cleanpress.clean(text, "markdown").removals == ()


def test_playground_links_are_kept() -> None:
    text = f"The compiler rejects it ([playground]({PLAYGROUND})).\n\n[Playground]({PLAYGROUND}2)\n"
    assert cleanpress.clean(text, "markdown").removals == ()


def test_the_links_of_a_product_list_are_content() -> None:
    items = [
        ("Lego Star Wars 75188", "2iJFhRj"),
        ("Polistil 960574 Pista Elettrica", "2hZfWFJ"),
        ("Blade Runner The Final Cut", "2hWEIX7"),
        ("Ghostbusters Collection 1-2", "2B4BNPS"),
    ]
    listing = "".join(f"{n}) {name}\nhttp://amzn.to/{code}\n" for n, (name, code) in enumerate(items, 1))
    text = f"Ecco le offerte da non lasciarsi sfuggire:\n\n{listing}\nBuono shopping a tutti.\n"
    assert cleanpress.clean(text).removals == ()


def test_a_lone_affiliate_short_link_between_paragraphs_still_goes() -> None:
    text = "The talks ended early on Monday.\nhttp://amzn.to/2iJFhRj\nBoth sides will meet again.\n"
    result = cleanpress.clean(text)
    assert result.text == "The talks ended early on Monday.\nBoth sides will meet again.\n"


def test_zero_width_characters_outside_words_hide_nothing_and_stay() -> None:
    text = "First paragraph.\n\u200b\nSecond paragraph, with a joiner at its end.\u2060\u2060\n"
    assert cleanpress.clean(text).removals == ()


def test_zero_width_characters_inside_a_url_still_go() -> None:
    text = "Officials met.\nhttps://www.cpmrevenue\u200bgate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041e\nEnd.\n"
    assert cleanpress.clean(text).text == "Officials met.\nEnd.\n"


def test_a_shortened_reference_definition_is_the_target_of_prose_and_stays() -> None:
    text = (
        "Compile times dropped again, as the [graph] and the [statistics] show.\n\n"
        "[graph]: https://goo.gl/6T69T2\n[statistics]: https://goo.gl/CLIAhi\n"
    )
    assert cleanpress.clean(text, "markdown").removals == ()


def test_a_link_sentence_is_not_a_read_more_teaser() -> None:
    text = "More on that in the [GitHub issue](https://github.com/rust-lang/infra-team/issues/64).\n"
    assert cleanpress.clean(text, "markdown").removals == ()


def test_a_readme_badge_row_stays() -> None:
    text = (
        "# asn1crypto\n\n"
        "[![CircleCI](https://circleci.com/gh/wbond/asn1crypto.svg?style=shield)](https://circleci.com/gh/wbond/asn1crypto)\n"
        "[![codecov](https://codecov.io/gh/BrianPugh/cyclopts/graph/badge.svg?token=HA393WIYUK)](https://codecov.io/gh/BrianPugh/cyclopts)\n\n"
        "A fast, pure Python library for parsing and serializing ASN.1 structures.\n"
    )
    assert cleanpress.clean(text, "markdown").removals == ()


def test_a_tutorial_step_to_the_local_machine_stays() -> None:
    text = "Run the server.\n\nNow go to [http://127.0.0.1:8000/docs](http://127.0.0.1:8000/docs).\n\nSee the docs.\n"
    assert cleanpress.clean(text, "markdown").removals == ()


def test_a_link_around_a_badge_image_stays_and_a_public_ip_ad_still_goes() -> None:
    badge = "[![Docs](https://img.shields.io/badge/docs-gofastmcp.com-blue)](https://gofastmcp.com)\n\nA framework.\n"
    assert cleanpress.clean(badge, "markdown").removals == ()
    ad = "Officials met.\nhttp://185.244.31.7/go?zoneid=1234&key=785582df3563a5011d6a42a72f53041e\nTalks ended.\n"
    assert cleanpress.clean(ad).text == "Officials met.\nTalks ended.\n"


# Badges and logos of package READMEs, each removed before as an ad link (package long descriptions).
README_LINKS = [
    "[![Coverage](https://coverage-badge.samuelcolvin.workers.dev/pydantic/pydantic.svg)]"
    "(https://coverage-badge.samuelcolvin.workers.dev/redirect/pydantic/pydantic)",
    "[![Binder](https://mybinder.org/static/logo.svg?v=f9f0d927b67cc9dc99d788c822ca21c0)]"
    "(https://mybinder.org/v2/gh/uber/deck.gl/binder)",
    '<a href="https://trendshift.io/repositories/21461" target="_blank"><img '
    'src="https://trendshift.io/api/badge/repositories/21461" alt="prefecthq%2Ffastmcp | Trendshift" '
    'style="width: 250px; height: 55px;" width="250" height="55"/></a>',
    '<a href="https://explosion.ai"><img src="https://explosion.ai/assets/img/logo.svg" width="125" '
    'height="125" align="right" /></a>',
]


def test_an_authored_readmes_badges_and_logos_stay() -> None:
    """In Markdown its HTML is the author's markup, and its many links to one host are the
    project's own: neither is evidence of an ad."""
    for line in README_LINKS:
        text = (
            f"# Project\n\n{line}\n\nA library that does one thing well. See https://explosion.ai for more.\n"
        )
        assert cleanpress.clean(text, "markdown").removals == (), line


def test_the_same_markup_in_scraped_text_is_still_judged_as_a_remnant() -> None:
    from cleanpress.detect.evidence import HTML_REMNANT, REPEATED_HOST, UrlContext, url_evidence
    from cleanpress.text.urls import parse_url

    hit = parse_url("https://trendshift.io/repositories/21461")
    assert hit is not None
    context = UrlContext(
        alone_on_line=True, link_sentence=False, link_text="", lead_in="", markup="<a href>",
        occurrences=1, host_occurrences=2, in_sentence=False, under_reference_heading=False,
        other_domains=frozenset(),
    )  # fmt: skip
    scraped = url_evidence(hit, context, reputable=False)
    authored = url_evidence(hit, replace(context, authored=True), reputable=False)
    assert HTML_REMNANT in scraped and REPEATED_HOST in scraped
    assert HTML_REMNANT not in authored and REPEATED_HOST not in authored


def test_a_post_citing_a_link_twice_keeps_it() -> None:
    """A Markdown post cites an essay by reference and again, bare, in a footnote (rust blog,
    real-clean-dev): in an authored document twice is citing, not repeating; three times in
    scraped text is not."""
    url = "https://journal.stuffwithstuff.com/2015/02/01/what-color-is-your-function/"
    text = (
        "We [announced][announce] the initiative last year.\n\n"
        'The post ["What color is your function"][color] [^color] describes what happens\n'
        "when a language splits its functions in two.\n\n"
        "[announce]: https://blog.rust-lang.org/inside-rust/2022/07/27/keyword-generics.html\n"
        f"[color]: {url}\n\n"
        "[^color]: R. Nystrom, “What Color is Your Function?,” Feb. 01, 2015.\n"
        f"{url}\n(accessed Apr. 06, 2022).\n"
    )
    assert cleanpress.clean(text, "markdown").removals == ()
    injected = f"The council met.\n{url}\nIt voted.\n{url}\nIt adjourned.\n{url}\nThe end.\n"
    assert cleanpress.clean(injected, "text").text == "The council met.\nIt voted.\nIt adjourned.\nThe end.\n"
