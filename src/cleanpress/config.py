"""Project configuration: ``[tool.cleanpress]`` in ``pyproject.toml`` or a ``cleanpress.toml``.

The file is found upward from the working directory, as ruff finds its own: in each folder a
``cleanpress.toml`` wins over a ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.cleanpress]`` table is passed over. ``--config PATH`` names the file; ``--isolated``
ignores every file. Paths and globs in the file are relative to the folder that holds it.

Command-line options win over the file: ``--select`` replaces ``select``; ``--ignore``,
``--rules``, ``--allow-domain`` and ``--exclude`` add to the file's lists; ``--include`` and
``--min-confidence`` replace them.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from cleanpress.model import CONFIDENCE_LEVELS, Confidence

CONFIG_FILE = "cleanpress.toml"
PYPROJECT = "pyproject.toml"

# Each key and the type of its value: "ids" and "strings" are lists of strings, "table" maps a
# glob to a list of rule ids, "confidence" is one of CONFIDENCE_LEVELS.
KEYS: dict[str, str] = {
    "rules": "strings",
    "select": "ids",
    "ignore": "ids",
    "per-file-ignores": "table",
    "allow-domains": "strings",
    "exclude": "strings",
    "include": "strings",
    "min-confidence": "confidence",
}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message starts with its path."""


@dataclass(frozen=True, slots=True)
class Config:
    """What one configuration file says (or nothing, for ``Config()``)."""

    source: Path | None = None
    """The file read, or ``None`` when no file applies."""
    root: Path = Path()
    """The folder globs and relative rule-pack paths are resolved against."""
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    allow_domains: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None
    min_confidence: Confidence | None = None


@dataclass(frozen=True, slots=True)
class CleanerSpec:
    """Everything needed to build a :class:`cleanpress.Cleaner`; small and picklable, so worker
    processes can build their own."""

    rule_paths: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    allow_domains: tuple[str, ...] = ()
    min_confidence: Confidence = "suspect"
    page_chrome: bool = False
    """Switch on the page-chrome rules (full-page text: menus, legal lines, page head and tail)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The configuration file merged with the command line."""

    cleaner: CleanerSpec = CleanerSpec()
    root: Path = Path()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None
    source: Path | None = None

    def ignores_for(self, path: str | Path) -> tuple[str, ...]:
        """Rule ids that ``per-file-ignores`` switches off for ``path``."""
        parts = relative_parts(path, self.root)
        found: list[str] = []
        for pattern, ids in self.per_file_ignores:
            if path_matches(pattern, parts):
                found.extend(i for i in ids if i not in found)
        return tuple(found)

    def is_excluded(self, path: str | Path) -> str | None:
        """The user ``exclude`` pattern that matches ``path``, if any."""
        parts = relative_parts(path, self.root)
        return next((p for p in self.exclude if path_matches(p, parts)), None)


# --- finding and reading ---------------------------------------------------------------------------
def find_config(start: Path) -> Path | None:
    """The nearest ``cleanpress.toml`` or ``pyproject.toml`` with ``[tool.cleanpress]``, upward."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge: a broken pyproject.toml without our table is skipped
    tool = data.get("tool")
    return isinstance(tool, dict) and "cleanpress" in tool


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("cleanpress") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: no [tool.cleanpress] table")
        data = table
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate the table of one configuration file (``path`` names it in errors)."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        kind = KEYS.get(key)
        if kind is None:
            close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(KEYS)})"
            raise ConfigError(f"{path}: unknown key {key!r}{hint}")
        values[key] = _check_value(path, key, kind, value)
    root = path.parent
    return Config(
        source=path,
        root=root,
        rules=tuple(str(root / p) for p in values.get("rules", ())),
        select=values.get("select"),
        ignore=values.get("ignore", ()),
        per_file_ignores=values.get("per-file-ignores", ()),
        allow_domains=values.get("allow-domains", ()),
        exclude=values.get("exclude", ()),
        include=values.get("include"),
        min_confidence=values.get("min-confidence"),
    )


def _check_value(path: Path, key: str, kind: str, value: Any) -> Any:
    if kind in ("strings", "ids"):
        return _strings(path, key, value, upper=kind == "ids")
    if kind == "confidence":
        if value not in CONFIDENCE_LEVELS:
            raise ConfigError(f"{path}: {key} must be one of {', '.join(map(repr, CONFIDENCE_LEVELS))}")
        return value
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {key} must be a table of glob = [rule ids]")
    return tuple((glob, _strings(path, f"{key}.{glob!r}", ids, upper=True)) for glob, ids in value.items())


def _strings(path: Path, key: str, value: Any, *, upper: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return tuple(v.strip().upper() if upper else v for v in value)


def resolve_config(cwd: Path, config_path: str | None = None, *, isolated: bool = False) -> Config:
    """The configuration that applies: ``--config``, else the nearest file, else none."""
    if isolated and config_path:
        raise ConfigError("--config and --isolated cannot be used together")
    if isolated:
        return Config(root=cwd)
    if config_path:
        return load_config(Path(config_path))
    found = find_config(cwd)
    return load_config(found) if found else Config(root=cwd)


def merge(
    config: Config,
    *,
    rules: Sequence[str] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    allow_domains: Sequence[str] = (),
    min_confidence: Confidence | None = None,
    exclude: Sequence[str] = (),
    include: Sequence[str] | None = None,
) -> Settings:
    """The file's settings with the command line's on top (see the module docstring)."""
    spec = CleanerSpec(
        rule_paths=(*config.rules, *rules),
        select=tuple(select) if select else config.select,
        ignore=_unique((*config.ignore, *ignore)),
        allow_domains=_unique((*config.allow_domains, *allow_domains)),
        min_confidence=min_confidence or config.min_confidence or "suspect",
    )
    return Settings(
        cleaner=spec,
        root=config.root,
        per_file_ignores=config.per_file_ignores,
        exclude=_unique((*config.exclude, *exclude)),
        include=tuple(include) if include else config.include,
        source=config.source,
    )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --- globs ---------------------------------------------------------------------------------------
def relative_parts(path: str | Path, root: Path) -> tuple[str, ...]:
    """``path`` as posix parts relative to ``root`` (absolute parts when it lies outside)."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(os.path.abspath(root))
    except ValueError:
        relative = absolute
    return PurePosixPath(relative.as_posix()).parts


def path_matches(pattern: str, parts: tuple[str, ...]) -> bool:
    """gitignore-like matching, as ruff's ``exclude``: a pattern without ``/`` matches any one
    file or folder name (``drafts``, ``*.tmp.md``); one with ``/`` matches the path from the
    root (``content/legacy``, ``posts/**/draft-*.md``) or a folder above the file."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.strip("/")
    if not pattern:
        return False
    if "/" not in pattern:
        matcher = _compile_glob(pattern)
        return any(matcher.fullmatch(part) for part in parts)
    matcher = _compile_glob(pattern)
    return any(matcher.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1))


@lru_cache(maxsize=256)
def _compile_glob(pattern: str) -> re.Pattern[str]:
    """``**`` spans folders, ``*`` and ``?`` stay inside one name, ``[...]`` is a class."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            close = pattern.index("]", i + 2)
            body = pattern[i + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))
