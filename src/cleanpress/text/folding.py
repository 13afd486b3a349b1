"""Case folding as the prefilters compare text with the literals of case-insensitive patterns."""

from __future__ import annotations


def fold(text: str) -> str:
    """``text`` case-folded: ``str.casefold``, except that a dotted capital I ("İ") folds to "i",
    as the ``regex`` module matches it case-insensitively (``casefold`` gives "i" plus a combining
    dot). Folding never adds or removes a line break."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").casefold() if "\u0130" in text else text.casefold()
