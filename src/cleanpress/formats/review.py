"""The review page of a corpus run: one self-contained HTML file showing a sample of cleaned
documents, each removal highlighted where it stood, with its rule and reason.

No external assets (styles are inline, no scripts, no fonts, no images) and every piece of text
from the corpus is HTML-escaped, so the page is safe to open whatever the documents hold.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cleanpress.model import CleanResult

# Documents kept for the page, and the longest document kept (longer ones are passed over: the page
# must stay small enough to open, and a sample does not need them).
DEFAULT_SAMPLES = 50
MAX_SAMPLE_CHARS = 50_000

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1em; margin: 2em 0 .3em; color: #555; }
pre { white-space: pre-wrap; word-wrap: break-word; background: #fafafa; border: 1px solid #ddd;
      padding: .8em; font: 13px/1.45 ui-monospace, monospace; }
del.removal { background: #ffd7d5; color: #86181d; text-decoration: line-through; }
ins.replacement { background: #d4f8db; text-decoration: none; }
span.why { font: 11px system-ui, sans-serif; background: #444; color: #fff; border-radius: 3px;
           padding: 0 .3em; margin: 0 .2em; }
""".strip()


@dataclass(frozen=True, slots=True)
class SampleRemoval:
    start: int
    end: int
    rule: str
    reason: str
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class ReviewSample:
    """One cleaned document for the page: where it came from, its original text and the removals."""

    source: str
    line: int
    record_id: str
    original: str
    removals: tuple[SampleRemoval, ...]


def sample_of(source: str, line: int, record_id: Any, result: CleanResult) -> ReviewSample | None:
    """A sample of a changed document, or ``None`` when it is too long to show."""
    if len(result.original) > MAX_SAMPLE_CHARS:
        return None
    removals = tuple(SampleRemoval(r.start, r.end, r.rule, r.reason, r.replacement) for r in result.removals)
    shown_id = "" if record_id is None else str(record_id)
    return ReviewSample(source, line, shown_id, result.original, removals)


def render_review(samples: Sequence[ReviewSample], *, title: str = "cleanpress review") -> str:
    """The whole page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_esc(title)}</h1>",
        f"<p>{len(samples)} cleaned document{'s' if len(samples) != 1 else ''}; removed text is struck"
        " through, with its rule and reason.</p>",
    ]
    for sample in samples:
        where = f"{sample.source}:{sample.line}" + (f" (id {sample.record_id})" if sample.record_id else "")
        parts.append(
            f'<section class="document"><h2>{_esc(where)}</h2><pre>{_highlight(sample)}</pre></section>'
        )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _highlight(sample: ReviewSample) -> str:
    out: list[str] = []
    position = 0
    text = sample.original
    for removal in sample.removals:  # ordered and non-overlapping: an exact edit script
        out.append(_esc(text[position : removal.start]))
        why = f"{removal.rule}: {removal.reason}" if removal.reason else removal.rule
        out.append(
            f'<span class="why">{_esc(why)}</span>'
            f'<del class="removal" data-rule="{_esc(removal.rule)}" title="{_esc(why)}">'
            f"{_esc(text[removal.start : removal.end])}</del>"
        )
        if removal.replacement:
            out.append(f'<ins class="replacement">{_esc(removal.replacement)}</ins>')
        position = removal.end
    out.append(_esc(text[position:]))
    return "".join(out)


def _esc(text: str) -> str:
    # Lone surrogates (invalid UTF-8 kept by surrogateescape) become "?" so the page encodes.
    clean = text.encode("utf-8", errors="replace").decode("utf-8") if not text.isascii() else text
    return html.escape(clean, quote=True)
