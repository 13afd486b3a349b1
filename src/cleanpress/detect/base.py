"""What detectors share: a compiled rule, the context of one document, and what they find."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleanpress.document import Document
from cleanpress.ruleset import Rule
from cleanpress.text.domains import DomainSet
from cleanpress.text.links import Link


@dataclass(frozen=True, slots=True)
class Compiled:
    """A rule with what its kind compiled from its parameters (a pattern, a domain set, …)."""

    rule: Rule
    matcher: Any = None


@dataclass(slots=True)
class Finding:
    """A span some rule wants gone; ``whole_line`` findings take their line(s) with them."""

    rule: Rule
    start: int
    end: int
    whole_line: bool = False
    evidence: tuple[str, ...] = ()
    replacement: str | None = None
    """For rewrites (tracking parameters, unwrapped redirects): the text that replaces the span."""
    anchor: str = ""
    """A link's visible text: an ad link inside a sentence is unlinked to it, not deleted."""
    link: Link | None = field(default=None, repr=False)
    """The link a link verdict is about (so later detectors can tell judged links apart)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What every detector may read about the document besides its text."""

    doc: Document
    links: list[Link]
    """Every link outside protected regions, in order."""
    allow: DomainSet
    """Domains never removed (``--allow-domain``, the document's own domain)."""
    trusted: DomainSet
    """Well-known hosts (the url-shape rules' lists): never judged ad links by shape or repetition."""
    verdicts: dict[Any, Any] = field(default_factory=dict)
    """What detectors learn about a line's text, whatever its place (a line rule's verdict on it),
    kept for the cleaning of one document: its second pass reads most lines unchanged."""
    known: dict[Any, Any] = field(default_factory=dict)
    """What an earlier pass over the document learned (read, never written)."""
