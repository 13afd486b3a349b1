"""The vocabulary line and link rules read: calls to action and promotional themes, in the seven
languages of the rule packs (English, German, French, Spanish, Italian, Portuguese, Dutch)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import regex

from cleanpress.text import vocabulary
from cleanpress.text.lazy import LazyPattern, lazy

CTA_FILE = "calls-to-action"
PROMO_FILE = "promotion"

# Calls to action that introduce an injected link, in the seven languages of the rule packs
# (rules/vocabulary/calls-to-action.toml). The lead-in must end with the phrase, maybe followed by
# words such as "unter", "em", "here", then punctuation or an arrow: "Find out more:", "Infos unter".
_CTA_TEMPLATE = r"(?:^|\b)(?:{phrases})(?:\s+(?:{after}))*\s*[:：.!…\-–—→»>➜➔➤►▶⇒👉]*\ufe0f?\s*$"
# A promotional theme's regex when its data gives none: its words, as whole words.
_THEME_TEMPLATE = r"\b(?:{words})\b"
# a theme's keys other than its named word lists ({off}, {currencies})
_THEME_KEYS = ("patterns", "weak", "topical", *vocabulary.LANGUAGES, vocabulary.SHARED)

# Built from the data on first use (PEP 562 ``__getattr__`` below): importing this module reads no file.
CTA: LazyPattern
"""The call-to-action regex (case-insensitive), searched in the text before a link."""
WEAK_THEMES: frozenset[str]
"""Themes whose words news uses as often as pitches do: never enough on their own."""
TOPICAL_THEMES: frozenset[str]
"""Themes that say what is sold (not how loudly): one of them on an isolated repeated line is enough."""


def __getattr__(name: str) -> Any:
    if name == "CTA":
        return cta()
    if name == "WEAK_THEMES":
        return frozenset(theme.name for theme in promo_themes() if theme.weak)
    if name == "TOPICAL_THEMES":
        return frozenset(theme.name for theme in promo_themes() if theme.topical)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def cta_source() -> str:
    """The call-to-action regex's source, built from the phrases of every language."""
    data = vocabulary.load(CTA_FILE)
    where = f"{vocabulary.FOLDER}/{CTA_FILE}.toml"
    tables = vocabulary.table(data, "cta", where)
    phrases: list[str] = []
    after: list[str] = []
    for language in tables:  # [cta.en], [cta.de], …, [cta.symbols], in the order of the file
        section = vocabulary.table(tables, language, where)
        phrases += vocabulary.words(section, "phrases", f"{where}: cta.{language}")
        after += vocabulary.words(section, "after", f"{where}: cta.{language}")
    parts = {"phrases": vocabulary.alternation(phrases), "after": vocabulary.alternation(after)}
    return vocabulary.fill(_CTA_TEMPLATE, parts, where)


@cache
def cta() -> LazyPattern:
    return lazy(cta_source(), regex.I)


def cta_start(fragment: str) -> int | None:
    """Where the call to action that ends ``fragment`` starts ("… Bekijk hier:" -> its offset)."""
    m = cta().search(fragment)
    return m.start() if m is not None else None


# --- promotional lines --------------------------------------------------------------------------
# Each theme found in a line counts once. Spam lines are sales pitches, so they show two or more
# themes ("Congratulations! You have been selected for a free …": prize + giveaway); real text that
# happens to repeat (meal-plan headings, refrains) shows none or one.
class Theme:
    """A promotional theme of rules/vocabulary/promotion.toml (a plain class: a dataclass would
    cost this module's import half a millisecond)."""

    __slots__ = ("name", "pattern", "topical", "weak")

    def __init__(self, name: str, pattern: LazyPattern, *, weak: bool, topical: bool) -> None:
        self.name = name
        self.pattern = pattern
        self.weak = weak
        self.topical = topical


def theme_source(data: dict[str, Any], where: str) -> str:
    """A theme's regex: its ``patterns`` (or the whole-word default) with the word lists filled in."""
    lists = {"words": vocabulary.alternation(vocabulary.by_language(data, where))}
    for key, value in data.items():
        if key in _THEME_KEYS:
            continue
        if isinstance(value, list):  # a list of its own ("currencies")
            lists[key] = vocabulary.alternation(vocabulary.words(data, key, where))
        else:  # a sub-table of languages ([promo.discount.off])
            sub = vocabulary.table(data, key, where)
            lists[key] = vocabulary.alternation(vocabulary.by_language(sub, f"{where}.{key}"))
    templates = vocabulary.words(data, "patterns", where) if "patterns" in data else [_THEME_TEMPLATE]
    return "|".join(vocabulary.fill(template, lists, where) for template in templates)


@cache
def promo_themes() -> tuple[Theme, ...]:
    """The promotional themes, in the order of the data (the order :func:`promo_signs` reports)."""
    where = f"{vocabulary.FOLDER}/{PROMO_FILE}.toml"
    themes = vocabulary.table(vocabulary.load(PROMO_FILE), "promo", where)
    found = []
    for name in themes:
        data = vocabulary.table(themes, name, where)
        pattern = lazy(theme_source(data, f"{where}: promo.{name}"), regex.I)
        found.append(Theme(name, pattern, weak=data.get("weak") is True, topical=data.get("topical") is True))
    return tuple(found)


@lru_cache(maxsize=4096)
def _promo_signs(line: str) -> tuple[str, ...]:
    return tuple(theme.name for theme in promo_themes() if theme.pattern.search(line))


def promo_signs(line: str) -> list[str]:
    """The promotional themes a line shows (discount, money, shouting, giveaway, prize, …)."""
    return list(_promo_signs(line))
