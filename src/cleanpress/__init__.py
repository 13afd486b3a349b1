"""cleanpress: remove injected ad URLs, tracking links and boilerplate from scraped articles.

>>> import cleanpress
>>> ad = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041e"
>>> result = cleanpress.clean(f"Officials met.\\n{ad}\\nTalks ended.")
>>> result.text
'Officials met.\\nTalks ended.'
>>> [r.rule for r in result.removals]
['CP101']
"""

from __future__ import annotations

from functools import lru_cache

from cleanpress._version import __version__
from cleanpress.engine import Cleaner
from cleanpress.model import CleanResult, Removal, apply_edits
from cleanpress.ruleset import Rule, RuleError, load_rules

__all__ = [
    "CleanResult",
    "Cleaner",
    "Removal",
    "Rule",
    "RuleError",
    "__version__",
    "apply_edits",
    "clean",
    "load_rules",
]


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    return Cleaner()


def clean(text: str, format: str = "auto", *, source_url: str | None = None) -> CleanResult:
    """Clean one document with the default rules. For many documents or custom rules, build a
    :class:`Cleaner` once and call its ``clean`` method."""
    return _default_cleaner().clean(text, format, source_url=source_url)
