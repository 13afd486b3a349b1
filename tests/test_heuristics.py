"""Each evidence feature of the ad-URL heuristic, and the promotional-line signs, on their own."""

from __future__ import annotations

import dataclasses

import pytest

from cleanpress.detect import evidence as h
from cleanpress.text.urls import find_urls
from cleanpress.text.vocab import promo_signs

NEUTRAL = h.UrlContext(
    alone_on_line=False,
    link_sentence=False,
    link_text="",
    lead_in="",
    markup="",
    occurrences=1,
    host_occurrences=1,
    in_sentence=False,
    under_reference_heading=False,
    other_domains=frozenset(),
)


def fired(url: str, trusted: bool = False, **context: object) -> set[str]:
    (hit,) = find_urls(url)
    ctx = dataclasses.replace(NEUTRAL, **context)  # type: ignore[arg-type]
    return {f.name for f in h.url_evidence(hit, ctx, trusted)}


def test_every_feature_has_a_reason_and_a_named_weight() -> None:
    names = [f.name for f in h.URL_FEATURES]
    assert len(names) == len(set(names))
    assert all(f.why and f.weight != 0 for f in h.URL_FEATURES)


@pytest.mark.parametrize(
    ("url", "feature"),
    [
        ("https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041e", "opaque-path"),
        ("https://track.example.com/c/xpdTQQLmnlDcSvIH?pub=991501", "opaque-path"),
        ("https://x.example.com/uqcg-t0i7-o1f7?t=02fa872960b0ac5274f297e150d2a18b", "key-param"),
        ("https://x.example.com/serve?bannerid=80497&zone=9885&cb=f73179490", "ad-params"),
        ("https://x.example.com/delivery/ck.php?oaparams=2__bannerid=3388", "ad-path"),
        ("https://ads.example.com/a", "ad-host"),
        ("https://boostcash5.example.com/a", "ad-host"),
        ("https://example.qpon/a", "risky-tld"),
        ("https://kcyiegydxszco.online/a", "random-host"),
        ("hxxps://example[.]com/a", "disguised"),
        ("https://www.iea.org/reports/housing-2019", "readable-path"),
        ("https://www.cdc.gov/measles/index.html", "reputable-host"),
    ],
)
def test_url_feature_fires(url: str, feature: str) -> None:
    assert feature in fired(url)


@pytest.mark.parametrize(
    ("url", "feature"),
    [
        ("https://www.ft.com/content/51d4a7d0-89e5-38f0-0470-961beb8401de", "opaque-path"),  # a UUID is an id
        ("https://www.ft.com/content/51d4a7d0-89e5-38f0-0470-961beb8401de", "key-param"),
        ("https://www.iea.org/reports/housing-2019", "opaque-path"),
        ("https://www.reuters.com/world/talks-end", "random-host"),
        ("https://www.example.com/search?q=ads&page=2", "ad-params"),
        ("https://example.com/offer", "readable-path"),  # one endpoint word is not a slug
        ("https://www.example.com/a", "risky-tld"),
        ("https://example.com/x", "disguised"),
    ],
)
def test_url_feature_does_not_fire(url: str, feature: str) -> None:
    assert feature not in fired(url)


def test_context_features() -> None:
    url = "https://example.com/x"
    assert "alone-on-line" in fired(url, alone_on_line=True)
    assert "link-line" in fired(url, link_sentence=True)
    assert "cta-lead-in" in fired(url, lead_in="Find out more:")
    assert "cta-lead-in" in fired(url, lead_in="Saiba mais em")
    assert "cta-lead-in" not in fired(url, lead_in="Source:")
    assert "cta-lead-in" not in fired(url, lead_in="The report is posted at")
    assert "html-remnant" in fired(url, markup='<a href="x">Go</a>')
    assert "ad-markup" in fired(url, markup='<a href="x" rel="nofollow sponsored">Go</a>')
    assert "ad-markup" in fired(url, markup='<embed src="x.swf" width="468" height="60">')
    assert "ad-markup" not in fired(url, markup='<a href="x" class="article-link">Go</a>')
    assert "repeated" in fired(url, occurrences=2)
    assert "in-sentence" in fired(url, in_sentence=True)
    assert "reference-list" in fired(url, under_reference_heading=True)
    assert "foreign-host" in fired(url, other_domains=frozenset({"other.org"}))
    assert "foreign-host" not in fired(url, other_domains=frozenset({"example.com"}))
    assert "promo-text" in fired(url, link_text="Claim your free prize now")
    assert "reputable-host" in fired(url, trusted=True)
    assert "repeated-host" in fired(url, host_occurrences=3)
    assert "repeated-host" not in fired(url, occurrences=2, host_occurrences=2)
    assert "active-markup" in fired(url, markup='<script src="x.js"></script>')
    assert "active-markup" not in fired(url, markup='<a href="x">Go</a>')
    assert "ip-host" in fired("http://212.146.243.126/go.php?id=1")


@pytest.mark.parametrize(
    "token",
    [
        "vt6hstxc", "xpdTQQLmnlDcSvIH", "uqcg-t0i7-o1f7", "a453051266ede94f69a53fcf", "w6wu2O0NMllO",
        # a base64url key with dashes in it
        "5baQwEfaCu_gXyU4LErUk62cBZD9QwHR-V5LuYoJfYuFIU5HnUSy8caEZ_N-5HFD",
    ],
)  # fmt: skip
def test_random_tokens(token: str) -> None:
    assert h.is_random_token(token)


@pytest.mark.parametrize(
    "token",
    [
        "housing-2019", "reports", "index.html", "2019", "monthly-report", "iPhone11",
        # slugs with long words, in any case
        "internationalization-guide-2019", "CVE-2019-3859.html", "McDonalds-QuarterlyEarningsReport-2019", "WHO-COVID19-SituationReport",
    ],
)  # fmt: skip
def test_words_are_not_random_tokens(token: str) -> None:
    assert not h.is_random_token(token)


@pytest.mark.parametrize(
    ("line", "minimum"),
    [
        ("Hot deal: Air Fryer at 70% off, only today!!!", 3),
        ("Congratulations! You have been selected for a free Vacuum Robot", 2),
        ("Jetzt 70 % Rabatt auf alle Kopfhörer sichern!!!", 3),
        ("💰 Turn $13 into $300 overnight – guaranteed!", 3),
        ("Promo exceptionnelle : -30 % sur tout le site !", 2),
    ],
)
def test_promo_lines_show_several_signs(line: str, minimum: int) -> None:
    assert len(promo_signs(line)) >= minimum, promo_signs(line)


@pytest.mark.parametrize(
    "line",
    [
        "Eat every 2–3 hours",
        "Drink within 30 minutes after your workout",
        "Pre-Workout Meal",
        "“Never again.”",
        "___",
    ],
)
def test_plain_repeated_lines_show_at_most_one_sign(line: str) -> None:
    assert len(promo_signs(line)) <= 1
