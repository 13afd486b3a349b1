"""Which files a batch run takes: folders walked in sorted order, by extension, with excludes."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanpress.config import Settings, path_matches, relative_parts

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in FORMAT_BY_SUFFIX)
# Folders never entered while walking a directory (ruff's list, plus build and env folders).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv",
    ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "env",
    "node_modules", "site-packages", "venv", "*.egg-info",
)  # fmt: skip
# Files a folder walk passes over whatever ``include`` says: licences, notices and dependency
# lists are not articles, and their copyright lines and URLs would go as boilerplate.
META_FILE = re.compile(
    r"(?:licen[cs]e|copying|notice|authors|contributors|changelog|requirements.*|constraints.*|"
    r"cmakelists|robots)(?:\.[^/]*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Target:
    """One file to clean: ``format`` is a document format, or ``jsonl`` for a corpus."""

    path: str
    format: str
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Discovery:
    targets: tuple[Target, ...]
    missing: tuple[str, ...] = ()
    excluded: int = 0
    """Files passed by name but matched by a user ``exclude`` pattern (as pre-commit passes them)."""


def discover(paths: Sequence[str], settings: Settings, *, fmt: str = "auto") -> Discovery:
    """Files named, and files under folders named, in order and without duplicates.

    Folders are walked recursively, in sorted order, skipping :data:`DEFAULT_EXCLUDE` and the
    user's ``exclude``; their files are taken when they match ``include`` (default: the known
    extensions). Files named explicitly are always taken (an unknown extension is cleaned with
    its format detected) unless a user ``exclude`` pattern matches them: pre-commit passes every
    staged file by name, and the project's ``exclude`` must still hold for them."""
    targets: list[Target] = []
    missing: list[str] = []
    excluded = 0
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            targets.append(_target(path, settings, fmt))

    for arg in paths:
        if os.path.isdir(arg):
            for path in _walk(arg, settings):
                add(path)
        elif os.path.lexists(arg):
            if settings.is_excluded(arg):
                excluded += 1
            else:
                add(os.path.normpath(arg))
        else:
            missing.append(arg)
    return Discovery(tuple(targets), tuple(missing), excluded)


def _walk(top: str, settings: Settings) -> Iterator[str]:
    include = settings.include or DEFAULT_INCLUDE
    for folder, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not any(path_matches(p, (name,)) for p in DEFAULT_EXCLUDE)
            and not settings.is_excluded(os.path.join(folder, name))
        )
        for name in sorted(filenames):
            if META_FILE.fullmatch(name):
                continue
            path = os.path.normpath(os.path.join(folder, name))
            parts = relative_parts(path, settings.root)
            if any(path_matches(p, parts) for p in include) and not settings.is_excluded(path):
                yield path


def _target(path: str, settings: Settings, fmt: str) -> Target:
    by_suffix = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower(), "auto")
    if by_suffix != "jsonl" and fmt != "auto":
        by_suffix = fmt
    return Target(path, by_suffix, settings.ignores_for(path))


@dataclass(frozen=True, slots=True)
class Task:
    target: Target
    write: bool = False
    diff: bool = False
    field: str = "text"
    """JSONL: the field to clean, and its document format."""
    field_format: str = "auto"
