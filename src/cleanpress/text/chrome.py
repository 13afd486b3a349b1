"""Page chrome in already-extracted full-page text (the page-chrome rules, off by default).

Works on lines only. Each line gets a weight from line-level evidence: long sentence-like lines
are content (+ their length), short label-like lines and known chrome phrases ("Impressum",
"Skip to content", "Leave a Reply", ...) are chrome (negative). The main text is the contiguous run
of lines with the largest total weight (maximum-sum segment); lines outside it are page head/tail.
Inside it, known chrome phrases, runs of menu-like lines and a trailing comment section go too.
The phrases and patterns are data: ``rules/vocabulary/page-chrome.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cleanpress.errors import RuleError
from cleanpress.text import vocabulary

# A line at least this long (characters) with sentence punctuation is content; long lines without
# any (tag clouds, <select> option lists, teaser rows) are not.
CONTENT_MIN_CHARS = 60
# Chrome phrases/patterns are only looked for in lines shorter than this.
CONTENT_LONG_CHARS = 150
# A line shorter than this, without sentence punctuation, is label-like (menu entry, button).
SHORT_MAX_CHARS = 45
# Weight of a label-like line: a subheading inside the article costs little next to its paragraphs,
# a menu of 20 entries outweighs one stray paragraph.
SHORT_WEIGHT = -25.0
# Weight of a medium line that is neither (teaser headlines, captions): slightly negative.
MEDIUM_WEIGHT = -10.0
# Weight of a known chrome phrase line.
PHRASE_WEIGHT = -80.0
# Content lines count their length, capped so that one huge line cannot carry a whole page.
CONTENT_WEIGHT_CAP = 600.0
# Position prior: the last TAIL_SHARE of the lines is where footers, legal notices and contact
# blocks sit; content evidence there counts TAIL_FACTOR as much.
TAIL_SHARE = 0.1
TAIL_FACTOR = 0.5
# Inside the main run, this many consecutive label-like lines form a menu and are removed.
MENU_RUN_MIN = 4

_SENTENCE_END = re.compile(r"[.!?。！？…:;”\"')»」]\s*$")
_SENTENCE_MARK = re.compile(r"[.!?;,]\s")
_CJK_MARK = re.compile(r"[。！？，、；]")
VOCABULARY = "page-chrome"


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    phrases: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    comment_header: re.Pattern[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = vocabulary.load(VOCABULARY)
    where = f"vocabulary/{VOCABULARY}.toml"
    header = data.get("comment_header")
    if not isinstance(header, str):
        raise RuleError(f"{where}: comment_header must be a string")
    try:
        return _Vocabulary(
            frozenset(_norm_phrase(p) for p in vocabulary.words(data, "phrases", where)),
            tuple(re.compile(p, re.I) for p in vocabulary.words(data, "patterns", where)),
            re.compile(header, re.I),
        )
    except re.error as exc:
        raise RuleError(f"{where}: bad regex: {exc}") from None


#: Share of the main run's content weight that must come before a comment header for it to count.
COMMENT_HEADER_MIN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # exclusive, including the newline
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        out.append(_Line(pos, pos + len(raw), raw.strip()))
        pos += len(raw)
    return out


def _norm_phrase(s: str) -> str:
    return " ".join(s.casefold().strip(" \t|·•»«>›‹-–—:*.!").split())


def is_chrome_phrase(line: str) -> bool:
    vocabulary = _vocabulary()
    if _norm_phrase(line) in vocabulary.phrases:
        return True
    return len(line) < CONTENT_LONG_CHARS and any(p.search(line) for p in vocabulary.patterns)


def is_label(line: str) -> bool:
    return len(line) < SHORT_MAX_CHARS and not _SENTENCE_END.search(line)


def line_weight(line: str) -> float:
    if is_chrome_phrase(line):
        return PHRASE_WEIGHT
    n = len(line)
    punctuated = bool(_SENTENCE_END.search(line) or _SENTENCE_MARK.search(line) or _CJK_MARK.search(line))
    if n >= CONTENT_MIN_CHARS and punctuated:
        return min(float(n), CONTENT_WEIGHT_CAP)
    if is_label(line):
        return SHORT_WEIGHT
    return MEDIUM_WEIGHT


def _best_run(weights: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous segment [i, j] (inclusive); (0, -1) when nothing is positive."""
    best, best_i, best_j = 0.0, 0, -1
    cur, cur_i = 0.0, 0
    for k, w in enumerate(weights):
        if cur <= 0:
            cur, cur_i = w, k
        else:
            cur += w
        if cur > best:
            best, best_i, best_j = cur, cur_i, k
    return best_i, best_j


def _comment_start(lines: list[_Line], weights: list[float], first: int, last: int) -> int:
    total = sum(w for w in weights[first : last + 1] if w > 0)
    seen = 0.0
    for k in range(first, last + 1):
        if (
            len(lines[k].text) < SHORT_MAX_CHARS
            and _vocabulary().comment_header.match(lines[k].text)
            and (seen >= COMMENT_HEADER_MIN_SHARE * total)
        ):
            return k
        seen += max(weights[k], 0.0)
    return last + 1


def chrome_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Spans (start, end, part, reason) of whole lines of page chrome, in order, not overlapping; the
    part is ``head``, ``tail``, ``comments``, ``phrase`` or ``menu``."""
    lines = [ln for ln in _lines(text) if ln.text]
    if not lines:
        return []
    weights = [line_weight(ln.text) for ln in lines]
    tail_from = int(len(lines) * (1.0 - TAIL_SHARE))
    weights = [w * TAIL_FACTOR if k >= tail_from and w > 0 else w for k, w in enumerate(weights)]
    first, last = _best_run(weights)
    if last < first:
        return []
    comments_from = _comment_start(lines, weights, first, last)
    verdict: list[tuple[str, str] | None] = [None] * len(lines)
    for k in range(len(lines)):
        if k < first:
            verdict[k] = ("head", "page head: before the main run of text")
        elif k > last:
            verdict[k] = ("tail", "page tail: after the main run of text")
        elif k >= comments_from:
            verdict[k] = ("comments", "comment section: from a comment header to the end of the main run")
        elif weights[k] == PHRASE_WEIGHT:
            verdict[k] = ("phrase", "page-chrome phrase (menu, legal, share or comment-form line)")
    k = first
    while k <= last:
        if is_label(lines[k].text):
            j = k
            while j + 1 <= last and is_label(lines[j + 1].text):
                j += 1
            if j - k + 1 >= MENU_RUN_MIN:
                for m in range(k, j + 1):
                    verdict[m] = verdict[m] or ("menu", "run of short menu-like lines")
            k = j + 1
        else:
            k += 1
    spans: list[tuple[int, int, str, str]] = []
    for ln, v in zip(lines, verdict, strict=True):
        if v is None:
            continue
        if spans and spans[-1][2] == v[0] and text[spans[-1][1] : ln.start].strip() == "":
            spans[-1] = (spans[-1][0], ln.end, v[0], v[1])
        else:
            spans.append((ln.start, ln.end, v[0], v[1]))
    return spans
