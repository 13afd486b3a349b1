"""Vocabulary as data: the words the heuristics' regexes are built from, read from the TOML files
of ``rules/vocabulary/`` (beside the rule packs, not among them).

A file holds lists of words, one per language where the words are a language's (``en``, ``de``,
``fr``, ``es``, ``it``, ``pt``, ``nl``, and ``all`` for those of every language at once). The code
that reads a file keeps the regex structure around the words: a template such as
``r"\\b(?:{words})\\b"``, whose ``{name}`` placeholders :func:`fill` replaces by alternations.
A file is read once, on first use: importing a module that uses vocabulary reads nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from cleanpress.errors import RuleError
from cleanpress.text.lazy import lazy

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
SHARED = "all"
"""The key of the words of every language at once (loanwords, brand names, cross-language regexes)."""
FOLDER = "vocabulary"
# ``{words}``, ``{banner_widths}``; not a regex's own braces (``\d{1,3}``, ``\p{So}``).
_PLACEHOLDER = lazy(r"(?<!\\[pPN])\{([a-z][a-z_-]*)\}")


@cache
def load(name: str) -> dict[str, Any]:
    """The vocabulary file ``rules/vocabulary/<name>.toml``, parsed (read once)."""
    from cleanpress.ruleset import builtin_rules_dir

    path = builtin_rules_dir() / FOLDER / f"{name}.toml"
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: cannot read vocabulary: {exc}") from None


def table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    """The sub-table ``data[key]``."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise RuleError(f"{where}: [{key}] must be a table")
    return value


def words(data: Mapping[str, Any], key: str, where: str) -> list[str]:
    """The list of words ``data[key]``."""
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise RuleError(f"{where}: {key} must be a list of non-empty strings")
    return value


def by_language(data: Mapping[str, Any], where: str) -> list[str]:
    """The words of every language in ``data``, in the order of :data:`LANGUAGES` then ``all``."""
    return [word for key in (*LANGUAGES, SHARED) if key in data for word in words(data, key, where)]


def alternation(entries: Iterable[str]) -> str:
    """``a|b|c``, each entry once (a word two languages share is listed under both)."""
    return "|".join(dict.fromkeys(entries))


def fill(template: str, lists: Mapping[str, str], where: str) -> str:
    """``template`` with each ``{name}`` replaced by ``lists[name]``."""

    def replace(match: Any) -> str:
        name: str = match.group(1)
        if name not in lists:
            raise RuleError(f"{where}: no word list {name!r} for the placeholder {{{name}}}")
        return lists[name]

    filled: str = _PLACEHOLDER.sub(replace, template)
    return filled
