"""Invisible characters used to hide text, told apart from the ones that carry meaning.

Removed: zero-width spaces and joiners, word joiners, invisible operators, a byte-order mark
inside the text, bidi embeddings/overrides/isolates, and Unicode tag characters. Kept: a BOM at
offset 0 (an encoding signature), the soft hyphen (a hyphenation hint), left-to-right and
right-to-left marks, ZWJ inside emoji sequences, ZWNJ/ZWJ between letters of scripts that use them
(Arabic, Persian, Indic and other non-Latin scripts), ZWSP beside Thai, Lao, Khmer and Myanmar
text (where it marks word boundaries), bidi controls beside right-to-left text, and the tag
characters of emoji subdivision flags.
"""

from __future__ import annotations

import unicodedata

from cleanpress.text.lazy import lazy
from cleanpress.text.urls import may_hold_invisible

_CANDIDATES = lazy(
    "[\u180e\u200b\u200c\u200d\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]+",
    stdlib=True,
)
_JOINERS = "\u200c\u200d"
_ZWSP = "\u200b"
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TAGS = lazy("\U0001f3f4[\U000e0020-\U000e007e]{2,6}\U000e007f")
_WORD_SPACING_SCRIPTS = lazy(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_RTL = lazy(r"[\p{Hebrew}\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}]")
_EMOJI = lazy(r"[\p{Extended_Pictographic}\U0001f3fb-\U0001f3ff\ufe0f\u20e3]")


def _joining_letter(ch: str) -> bool:
    """A letter or mark of a script where ZWJ/ZWNJ change shaping (anything but Latin/Greek/Cyrillic)."""
    if not ch:
        return False
    category = unicodedata.category(ch)
    if not (category.startswith("L") or category.startswith("M")):
        return False
    return ord(ch) > 0x052F  # beyond Latin, Greek, Cyrillic and their supplements


def invisible_spans(text: str) -> list[tuple[int, int]]:
    """Spans of invisible characters that carry no meaning where they stand."""
    spans: list[tuple[int, int]] = []
    if not may_hold_invisible(text):
        return spans
    flags = [(m.start(), m.end()) for m in _TAGS.finditer(text)] if "\U0001f3f4" in text else []
    for m in _CANDIDATES.finditer(text):
        if _outside_tokens(text, m.start(), m.end()):
            continue
        for i in range(m.start(), m.end()):
            if not _keep(text, i, flags):
                if spans and spans[-1][1] == i:
                    spans[-1] = (spans[-1][0], i + 1)
                else:
                    spans.append((i, i + 1))
    return spans


# Invisible characters that hide nothing when they stand outside a word: a zero-width space on an
# otherwise empty line, word joiners after a sentence. Bidi controls and tag characters are not
# among them: they change how the text around them reads wherever they stand.
_SPACE_LIKE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _outside_tokens(text: str, start: int, end: int) -> bool:
    """The run of invisible characters ``text[start:end]`` stands on an otherwise blank line or at
    the end of a line, so it splits no word or URL, and is made only of zero-width spaces, joiners
    and word joiners."""
    if not set(text[start:end]) <= _SPACE_LIKE:
        return False
    before = text[start - 1] if start else "\n"
    after = text[end] if end < len(text) else "\n"
    return after in "\r\n" or (before.isspace() and after.isspace())


def _keep(text: str, i: int, flags: list[tuple[int, int]]) -> bool:
    ch = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == "\ufeff":
        return i == 0
    if ch in _JOINERS:
        if ch == "\u200d" and _EMOJI.match(before) and _EMOJI.match(after):
            return True
        return _joining_letter(before) and _joining_letter(after)
    if ch == _ZWSP:
        return bool(_WORD_SPACING_SCRIPTS.match(before) or _WORD_SPACING_SCRIPTS.match(after))
    if ch in _BIDI:
        window = text[max(0, i - 20) : i + 20]
        return _RTL.search(window) is not None
    if "\U000e0000" <= ch <= "\U000e007f":
        return any(start <= i < end for start, end in flags)
    return False
