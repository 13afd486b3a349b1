"""The errors cleanpress raises: each message says what is wrong and where, in one line."""

from __future__ import annotations


class CleanpressError(ValueError):
    """Base class of the errors a user can act on (a subclass of ``ValueError``)."""


class UnsupportedFormat(CleanpressError):
    """A document format that is unknown, or that this installation cannot clean."""


class RuleError(CleanpressError):
    """A rule pack that cannot be used; the message starts with ``path:line:``."""
