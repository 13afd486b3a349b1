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
from typing import TYPE_CHECKING, Any

from cleanpress._version import __version__

if TYPE_CHECKING:
    from cleanpress.engine import Cleaner
    from cleanpress.errors import CleanpressError, RuleError, UnsupportedFormat
    from cleanpress.model import CleanResult, Removal, apply_edits
    from cleanpress.ruleset import Rule, load_rules

__all__ = [
    "CleanResult",
    "Cleaner",
    "CleanpressError",
    "Removal",
    "Rule",
    "RuleError",
    "UnsupportedFormat",
    "__version__",
    "apply_edits",
    "clean",
    "load_rules",
]

# Where each public name lives. They are imported on first use, so that ``import cleanpress``
# (and ``cleanpress --version``) does not load the engine and its rule packs.
_LAZY = {
    "Cleaner": "cleanpress.engine",
    "CleanResult": "cleanpress.model",
    "Removal": "cleanpress.model",
    "apply_edits": "cleanpress.model",
    "Rule": "cleanpress.ruleset",
    "load_rules": "cleanpress.ruleset",
    "CleanpressError": "cleanpress.errors",
    "RuleError": "cleanpress.errors",
    "UnsupportedFormat": "cleanpress.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanpress' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


@lru_cache(maxsize=2)
def _default_cleaner(page_chrome: bool = False) -> Cleaner:
    from cleanpress.engine import Cleaner

    return Cleaner(page_chrome=page_chrome)


def clean(
    text: str,
    format: str = "auto",
    *,
    source_url: str | None = None,
    output: str = "text",
    page_chrome: bool = False,
) -> CleanResult:
    """Clean one document with the default rules. For many documents or custom rules, build a
    :class:`Cleaner` once and call its ``clean`` method.

    An HTML page (``format="html"`` or detected) comes back as its article: ``output`` is
    ``text``, ``markdown`` or ``html`` (``page``: the whole page, removed elements gone).
    ``page_chrome=True`` also removes page chrome (menus, legal lines, page head and tail) from
    full-page text."""
    return _default_cleaner(page_chrome).clean(text, format, source_url=source_url, output=output)
