"""How a line of text is read: its words, sentence ends, decoration, labels and lead-ins.

Shared by the detectors (is a link alone on its line, introduced by a call to action?) and by the
edit script (does a removal take the whole line, the lead-in, one space?).
"""

from __future__ import annotations

import regex

from cleanpress.text import vocab
from cleanpress.text.lazy import lazy

# A line whose text, once its spam links are taken out, is a short label ("**Sponsored:**",
# "[Ad]") goes as a whole; so does a longer lead-in, up to MAX_LINE_LEAD_IN_WORDS, that introduces
# the link (ends in a colon or arrow: "Dentists don't want you to know this:") or pitches it.
MAX_LINE_LABEL_WORDS = 3
MAX_LINE_LEAD_IN_WORDS = 12
INTRODUCES = lazy(r"[:：→⟶»›>➡➜➔➤►▶⇒👉⬇-]\ufe0f?\s*$|[-–—]\s*$")
# An ad link appended to a real paragraph takes its lead-in ("Find out more:") with it when the
# lead-in, counted from the end of the last sentence, is at most this many words.
MAX_INLINE_LEAD_IN_WORDS = 6

TAG = lazy(r"<!--.*?-->|(?:<|&lt;|&#0*60;|&#x0*3c;)/?[a-zA-Z][^<>]*?(?:>|&gt;|&#0*62;|&#x0*3e;)", regex.I)
NOT_MARKUP = lazy(r"[^\s*_>#()\[\]<>\"'.,;:!?|~=+‘’“”‹›«»「」-]")
WORD = lazy(r"[\p{L}\p{N}][\p{L}\p{N}'’_-]*")
# A full stop after an abbreviation or an initial ("St. Louis", "Dr. Smith", "U.S. Capitol") does
# not end a sentence.
_ABBREVIATION = (
    r"(?<!\b(?:St|Dr|Mr|Mrs|Ms|Mme|Jr|Sr|Prof|Gen|Gov|Sen|Rep|Inc|Ltd|Co|Corp|Mt|Ft|Ave|Blvd|Rd|No|Nr|"
    r"vs|etc|approx|ca|bzw|usw|z\.B|d\.h|Sra|Sr|Dra|Pres|\p{Lu}))"
)
SENTENCE_END = lazy(rf"(?:{_ABBREVIATION}[.]|[!?…。！？])[\"'”’»)\]]*\s+|”\s+")
# What may follow spam that forms a sentence of its own: end punctuation, then the line's end or
# the start of the next sentence.
ENDS_SENTENCE = lazy(
    r"((?:[ \t]*(?:[.,;:!?…)\]}»”’›」\"'\ufe0f]|[^\P{So}©®™]))*)(?=[ \t]*$|[ \t]+[\p{Lu}\p{N}\"'“‘«¿¡(\[])"
)
# Decoration around a line: list, heading and quote markers, emphasis, brackets, arrows, bullets
# and emoji (symbols other than ©, ® and ™, which belong to copyright lines).
# A repeated line counts as injected at paragraph breaks only between lines at least this long.
MIN_PARAGRAPH_CHARS = 60
BRACKETED = lazy(r"[\s·|•–—-]*[(\[_*]+[^()\[\]]*[)\]_*]+[\s.!]*")
_DECOR_SYMBOL = r"[^\P{So}©®™]|[\p{Sk}\ufe0f\u200d]"
LEFT_DECORATION = lazy(rf"^(?:[\s>#*+•·|_~»›▶►⇒➜➤→—–-]|{_DECOR_SYMBOL})*(?:\d{{1,3}}[.)]\s+)?[\s*_~\[(【「]*")
# Searched backwards from the end ((?r)): a forward search would try every position of the line.
# The closing sequence of an ATX heading: spaces, then hashes only, to the end.
_ATX_CLOSING = lazy(r"[ \t]+#+[ \t]*$")
_LINE_DECOR_RIGHT = lazy(rf"(?r)(?:[\s*_~\])】」.!:;…»›→⟶>|–—-]|{_DECOR_SYMBOL})*$")


def strip_line(content: str) -> str:
    """A line as line rules see it: no tags, list or heading markers, emphasis or end punctuation."""
    if "<" in content or "&lt;" in content:
        content = TAG.sub(" ", content)
    if content.lstrip().startswith("#"):
        content = _ATX_CLOSING.sub("", content, count=1)  # "### Title ###": the closing hashes
    content = LEFT_DECORATION.sub("", content, count=1)
    tail = _LINE_DECOR_RIGHT.search(content)
    if tail is not None:
        content = content[: tail.start()]
    return " ".join(content.split())


def words(fragment: str) -> list[str]:
    """The words of a fragment, markup left out."""
    found: list[str] = WORD.findall(TAG.sub(" ", fragment))
    return found


def clean_lead_in(fragment: str) -> str:
    cleaned: str = LEFT_DECORATION.sub("", TAG.sub(" ", fragment), count=1)
    return cleaned.strip()


def is_label(fragment: str) -> bool:
    """A few bracketed or emphasised words ("_(Sponsored)_", "[Ad]"), or an ad label, after a link."""
    if len(words(fragment)) > MAX_LINE_LABEL_WORDS:
        return False
    return BRACKETED.fullmatch(fragment) is not None or "ad-label" in vocab.promo_signs(fragment)


# A link's text written after it, at the start of its line: "<url> — Spin the wheel and win",
# "https://… | Claim your prize". One phrase after a dash, bar or colon, up to the line's end.
_TRAILING_LABEL = lazy(r"[ \t]*[—–|·•:-][ \t]+(?P<label>[^\s:/].*?)[ \t]*$")


def trailing_label(after: str) -> str | None:
    """The label in ``after`` (the rest of a line behind a link that starts it), or None: a
    phrase of at most MAX_LINE_LEAD_IN_WORDS words after a separator, no sentence and no link."""
    m = _TRAILING_LABEL.fullmatch(after)
    if m is None:
        return None
    label = m.group("label")
    if "://" in label or "www." in label.lower() or SENTENCE_END.search(label):
        return None  # another link, or sentences: prose, not a label
    return label if 0 < len(words(label)) <= MAX_LINE_LEAD_IN_WORDS else None


def is_lead_in(fragment: str) -> bool:
    """A short label ("Sponsored:", "[Ad]"), or a longer phrase that introduces or pitches a link."""
    fragment = clean_lead_in(fragment)
    count = len(words(fragment))
    if count <= MAX_LINE_LABEL_WORDS:
        return True
    # It must introduce the link (a colon, an arrow) or be a call to action; a sales word alone is
    # not enough ("Tickets cost $12.50 at the door" is prose).
    pitch = INTRODUCES.search(fragment) is not None or vocab.cta_start(fragment) is not None
    return pitch and count <= MAX_LINE_LEAD_IN_WORDS
