"""Patterns compiled on first use, so that importing a module costs no regex compilation.

The ``regex`` module takes milliseconds per large pattern; many patterns are needed only by some
documents (a call to action, an ad-path test). ``lazy(pattern, flags)`` stands in for
``regex.compile(pattern, flags)`` and compiles on the first call of any method. From then on its
methods are the compiled pattern's own (no call in between).
"""

from __future__ import annotations

import re
from typing import Any

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    __slots__ = ("_compiled", "flags", "pattern", "stdlib", *_METHODS)

    # The compiled pattern's methods, bound on first use (see __getattr__).
    search: Any
    match: Any
    fullmatch: Any
    finditer: Any
    findall: Any
    sub: Any
    split: Any

    def __init__(self, pattern: str, flags: int = 0, stdlib: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags
        self.stdlib = stdlib
        self._compiled: Any = None

    def compiled(self) -> Any:
        if self._compiled is None:
            module: Any = re if self.stdlib else regex
            compiled = module.compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Called only while a method's slot is empty, that is before the first compilation.
        if name in _METHODS:
            return getattr(self.compiled(), name)
        raise AttributeError(name)


def lazy(pattern: str, flags: int = 0, *, stdlib: bool = False) -> LazyPattern:
    """``stdlib=True``: compiled by :mod:`re`, which scans a plain character class over a long text
    about twice as fast as ``regex`` (only for patterns both modules read alike)."""
    return LazyPattern(pattern, flags, stdlib)
