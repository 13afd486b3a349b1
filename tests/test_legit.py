"""Tried as a new user would: an article with legitimate citations and links comes back unchanged."""

from __future__ import annotations

import cleanpress

ARTICLE = """Health officials warned on Tuesday that measles cases rose sharply in 2019.

Source: https://www.reuters.com/article/us-health-measles/measles-cases-surge-idUSKBN1XX2AB

The World Health Organization said in its report (https://www.who.int/news/item/05-12-2019-more-than-140-000-die-from-measles-as-cases-surge) that vaccination rates had stalled.

The slides are at https://bit.ly/3xYz9Qa and the recording will follow next week.

Further reading:
https://www.cdc.gov/measles/cases-outbreaks.html
https://ourworldindata.org/vaccination
https://github.com/owid/covid-19-data/blob/master/README.md

Questions can be sent to press@who.int.

“Vaccines save lives.”

Researchers posted a preprint at https://www.medrxiv.org/content/10.1101/2019.12.03.19013755v1 last month.

Source: Financial Times, https://www.ft.com/content/51d4a7d0-89e5-38f0-0470-961beb8401de

“Vaccines save lives.”
"""


def test_citations_and_reference_links_are_kept() -> None:
    result = cleanpress.clean(ARTICLE)
    assert result.removals == (), [(r.rule, r.text) for r in result.removals]
    assert result.text == ARTICLE


def test_lookalike_sentences_are_kept() -> None:
    text = (
        "The advertisement, which aired during the cup final, drew 300 complaints.\n"
        "Share prices fell 4 per cent in early trading.\n"
        "Copyright lawyers say the ruling could change how archives are licensed.\n"
        "Sponsored by three local unions, the bill now heads to the senate.\n"
        "Die Familie erstattete Anzeige bei der Polizei.\n"
    )
    assert cleanpress.clean(text).text == text


def test_tweet_links_after_emoji_are_kept() -> None:
    text = (
        "The senator posted a video on Tuesday night.\n"
        "⬇️⬇️⬇️ https://t.co/hopPjqa95w\n"
        "— Jane Doe (@janedoe) November 5, 2019 https://t.co/AbCdE12345\n"
        "Critics responded within the hour.\n"
    )
    assert cleanpress.clean(text).text == text


def test_defanged_indicators_under_an_ioc_heading_are_kept() -> None:
    text = (
        "The campaign loaded its payload from several servers.\n\n"
        "Indicators of compromise:\n"
        "hxxps://cdn-lvqqg[.]example/72f5d07b.js\n"
        "hxxps://cdn-innov[.]example/33b2bb75.js\n\n"
        "Researchers said the servers went offline on Friday.\n"
    )
    assert cleanpress.clean(text).text == text
