"""Patterns compiled on first use, so that importing a module costs no regex compilation.

The ``regex`` module takes milliseconds per large pattern; many patterns are needed only by some
documents (a call to action, an ad-path test). ``lazy(pattern, flags)`` stands in for
``regex.compile(pattern, flags)`` and compiles on the first call of any method.
"""

from __future__ import annotations

import re
from typing import Any

import regex


class LazyPattern:
    __slots__ = ("_compiled", "flags", "pattern", "stdlib")

    def __init__(self, pattern: str, flags: int = 0, stdlib: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags
        self.stdlib = stdlib
        self._compiled: Any = None

    def compiled(self) -> Any:
        if self._compiled is None:
            module: Any = re if self.stdlib else regex
            self._compiled = module.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().sub(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().split(*args, **kwargs)


def lazy(pattern: str, flags: int = 0, *, stdlib: bool = False) -> LazyPattern:
    """``stdlib=True``: compiled by :mod:`re`, which scans a plain character class over a long text
    about twice as fast as ``regex`` (only for patterns both modules read alike)."""
    return LazyPattern(pattern, flags, stdlib)
