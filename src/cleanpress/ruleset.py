"""Rule packs: TOML files of rules, validated into typed rules with ``path:line`` errors."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from cleanpress.detect.registry import KINDS
from cleanpress.errors import RuleError
from cleanpress.model import CONFIDENCE_LEVELS, Confidence
from cleanpress.text.domains import ListFormatError, read_domain_list

__all__ = [
    "BUILTIN_PREFIX",
    "Rule",
    "RuleError",
    "builtin_rules_dir",
    "load_pack",
    "load_rules",
    "pack_paths",
]

_COMMON_FIELDS = {"id", "name", "kind", "reason", "description", "confidence", "default", "examples"}
_REQUIRED = ("id", "name", "kind", "reason")
# Rule ids are a prefix of capital letters and three digits (CP101), as ruff's codes and its
# plugins' (ACME101). The prefix CP belongs to the bundled packs.
_ID = regex.compile(r"(?P<prefix>[A-Z]{1,8})\d{3}")
BUILTIN_PREFIX = "CP"
# The parts of a page that page-chrome rules remove (see cleanpress.text.chrome).
PAGE_CHROME_PARTS = ("phrase", "menu", "head", "tail", "comments")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule as declared in a pack."""

    id: str
    name: str
    kind: str
    reason: str
    params: dict[str, Any]
    confidence: Confidence = "certain"
    default: bool = True
    description: str = ""
    examples_remove: tuple[str, ...] = ()
    examples_keep: tuple[str, ...] = ()
    source: str = ""
    """``path:line`` of the rule's ``[[rule]]`` header."""
    bundled: bool = False
    """From the packs shipped with cleanpress (their patterns are trusted: no time budget)."""
    domain_source: DomainSource | None = field(default=None, repr=False, compare=False)
    """For ``url-domain`` (and ``url-shape``'s trusted hosts): where the domains come from."""

    @property
    def domains(self) -> frozenset[str]:
        """The inline domains and those of every list: a bundled pack's lists are read on first use."""
        return self.domain_source.load() if self.domain_source is not None else frozenset()

    @property
    def family(self) -> str:
        """The id's prefix and first digit (``CP6`` for ``CP601``): what ``--select`` must name
        at least to switch on a rule that is off by default."""
        prefix = _ID.fullmatch(self.id)
        return self.id[: len(prefix.group("prefix")) + 1] if prefix else self.id


def builtin_rules_dir() -> Path:
    """The rule packs shipped with cleanpress (inside the wheel, or ``rules/`` in a checkout)."""
    packaged = resources.files("cleanpress") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleError("cleanpress: the built-in rule packs are missing from this installation")


def pack_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the ``*.toml`` packs they hold, sorted by name."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            found.append(path)
        else:
            raise RuleError(f"{path}: no such rule pack")
    return found


def load_rules(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> list[Rule]:
    """Load the built-in packs (unless ``builtin=False``) and then every pack in ``paths``."""
    builtin_packs = pack_paths([builtin_rules_dir()]) if builtin else []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in [*builtin_packs, *pack_paths(paths)]:
        bundled = path in builtin_packs
        for rule in load_pack(path, bundled=bundled):
            if bundled != rule.id.startswith(BUILTIN_PREFIX):
                raise RuleError(
                    f"{rule.source}: rule id {rule.id}: the bundled packs use the prefix {BUILTIN_PREFIX}"
                    if bundled
                    else f"{rule.source}: rule id {rule.id}: the prefix {BUILTIN_PREFIX} is reserved for the "
                    "bundled packs; give your rules a prefix of your own (e.g. ACME101)"
                )
            if rule.id in seen:
                raise RuleError(f"{rule.source}: rule id {rule.id} is already defined at {seen[rule.id]}")
            seen[rule.id] = rule.source
            rules.append(rule)
    return rules


def load_pack(path: Path, *, bundled: bool = False) -> list[Rule]:
    """The rules of one pack. A user pack's patterns are compiled here, as they will run, so that a
    bad one fails at load time; the bundled packs' patterns are compiled when first needed (the
    test suite compiles every one of them)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule pack: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise RuleError(f"{path}:{line}: invalid TOML: {str(exc).split(' (at line')[0]}") from None
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(
            f"{path}:{_find_line(raw, key, 0)}: unknown top-level key {key!r}{_hint(key, ['pack', 'rule'])}"
        )
    headers = _rule_header_lines(raw)
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleError(f"{path}:1: 'rule' must be an array of tables ([[rule]])")
    return [
        _parse_rule(path, raw, entry, headers[i] if i < len(headers) else 1, check_patterns=not bundled)
        for i, entry in enumerate(entries)
    ]


def _parse_rule(
    path: Path, raw: str, entry: dict[str, Any], header_line: int, *, check_patterns: bool = True
) -> Rule:
    def fail(message: str, key: str | None = None) -> RuleError:
        line = _find_line(raw, key, header_line) if key else header_line
        return RuleError(f"{path}:{line}: {message}")

    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"rule is missing the required field {key!r}")
    rule_id = entry["id"]
    if not _ID.fullmatch(rule_id):
        raise fail(f"rule id {rule_id!r} is not capital letters and three digits (CP123, ACME101)", "id")
    kind = entry["kind"]
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r}{_hint(kind, KINDS)}", "kind")
    accepted = KINDS[kind].params
    params: dict[str, Any] = {}
    for key, value in entry.items():
        if key in _COMMON_FIELDS:
            continue
        if key not in accepted:
            raise fail(f"{rule_id}: unknown field {key!r} for kind {kind!r}{_hint(key, accepted)}", key)
        if not isinstance(value, accepted[key]):
            raise fail(f"{rule_id}: field {key!r} has the wrong type", key)
        params[key] = value
    confidence = entry.get("confidence", "certain")
    if confidence not in CONFIDENCE_LEVELS:
        raise fail(f"{rule_id}: confidence must be one of {', '.join(CONFIDENCE_LEVELS)}", "confidence")
    examples = entry.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"remove", "keep"}:
        raise fail(f"{rule_id}: examples takes only 'remove' and 'keep' lists", "examples")
    for group in ("remove", "keep"):
        items = examples.get(group, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise fail(f"{rule_id}: examples.{group} must be a list of strings", "examples")
    flags = 0 if params.get("case_sensitive") else regex.I  # as the detectors compile them
    if "pattern" in params and check_patterns:
        _check_regex(
            params["pattern"], flags, lambda msg: fail(f"{rule_id}: bad regex in 'pattern': {msg}", "pattern")
        )
    for pattern in params.get("patterns", []):
        if not isinstance(pattern, str):
            raise fail(f"{rule_id}: 'patterns' must be a list of strings", "patterns")
        if check_patterns:
            _check_regex(
                pattern, flags, lambda msg: fail(f"{rule_id}: bad regex in 'patterns': {msg}", "patterns")
            )
    if KINDS[kind].needs_pattern and not (params.get("pattern") or params.get("patterns")):
        raise fail(f"{rule_id}: kind {kind!r} needs a 'pattern'")
    if kind == "html-selector":
        params.update(_html_selector_params(path, raw, header_line, rule_id, params, check=check_patterns))
    if kind == "page-chrome" and params.get("part") not in PAGE_CHROME_PARTS:
        raise fail(f"{rule_id}: 'part' must be one of {', '.join(PAGE_CHROME_PARTS)}", "part")
    domains: DomainSource | None = None
    if kind == "url-domain" or (kind == "url-shape" and ("lists" in params or "domains" in params)):
        domains = _domain_source(path, raw, header_line, rule_id, params)
        if check_patterns:
            domains.load()  # a user's lists are read now, so that a bad one fails at load time
    return Rule(
        id=rule_id,
        name=entry["name"],
        kind=kind,
        reason=entry["reason"].strip(),
        params=params,
        confidence=confidence,
        default=bool(entry.get("default", True)),
        description=str(entry.get("description", "")).strip(),
        examples_remove=tuple(examples.get("remove", [])),
        examples_keep=tuple(examples.get("keep", [])),
        source=f"{path}:{header_line}",
        bundled=not check_patterns,
        domain_source=domains,
    )


@dataclass(slots=True)
class DomainSource:
    """A rule's inline domains and domain lists, read when first needed (once)."""

    origin: str
    """``path:line`` of the rule, for errors."""
    inline: frozenset[str]
    lists: tuple[tuple[str, Path], ...]
    """(name as written, resolved path) of each list."""
    list_format: str = "auto"
    _loaded: frozenset[str] | None = None

    def load(self) -> frozenset[str]:
        if self._loaded is None:
            domains = set(self.inline)
            for name, list_path in self.lists:
                try:
                    domains.update(read_domain_list(list_path, self.list_format))
                except OSError as exc:
                    raise RuleError(
                        f"{self.origin}: cannot read domain list {name!r}: {exc.strerror}"
                    ) from None
                except ListFormatError as exc:
                    raise RuleError(f"{list_path}:{exc.line_number}: {exc}") from None
            if not domains:
                raise RuleError(f"{self.origin}: url-domain rule lists no domains")
            self._loaded = frozenset(domains)
        return self._loaded


def _domain_source(
    path: Path, raw: str, header_line: int, rule_id: str, params: dict[str, Any]
) -> DomainSource:
    lists = tuple((str(name), (path.parent / str(name)).resolve()) for name in params.get("lists", []))
    for name, list_path in lists:
        if not list_path.is_file():
            line = _find_line(raw, "lists", header_line)
            raise RuleError(
                f"{path}:{line}: {rule_id}: cannot read domain list {name!r}: No such file or directory"
            )
    return DomainSource(
        origin=f"{path}:{_find_line(raw, 'lists', header_line)}: {rule_id}",
        inline=frozenset(str(d).lower().strip(".") for d in params.get("domains", [])),
        lists=lists,
        list_format=params.get("list_format", "auto"),
    )


def _html_selector_params(
    path: Path, raw: str, header_line: int, rule_id: str, params: dict[str, Any], *, check: bool
) -> dict[str, Any]:
    """An html-selector rule's selectors checked (user packs) and its ``lists`` resolved beside the
    pack; the lists are read when HTML mode first needs them."""
    selectors = params.get("selectors", [])
    if not all(isinstance(s, str) and s.strip() for s in selectors):
        raise RuleError(
            f"{path}:{_find_line(raw, 'selectors', header_line)}: {rule_id}: 'selectors' must be "
            "a list of non-empty strings"
        )
    if check:
        from cssselect import GenericTranslator, SelectorError  # pure Python: no lxml

        for selector in selectors:
            try:
                GenericTranslator().css_to_xpath(selector)
            except SelectorError as exc:
                line = _find_line(raw, "selectors", header_line)
                raise RuleError(f"{path}:{line}: {rule_id}: bad selector {selector!r}: {exc}") from None
    lists: list[str] = []
    for name in params.get("lists", []):
        list_path = (path.parent / str(name)).resolve()
        if not list_path.is_file():
            line = _find_line(raw, "lists", header_line)
            raise RuleError(f"{path}:{line}: {rule_id}: no such selector list {name!r}")
        lists.append(str(list_path))
    if not selectors and not lists:
        raise RuleError(f"{path}:{header_line}: {rule_id}: html-selector rule gives no selectors or lists")
    return {"lists": lists} if lists else {}


def _check_regex(pattern: str, flags: int, fail: Any) -> None:
    try:
        regex.compile(pattern, flags)  # kept in regex's cache for the detector that runs it
    except regex.error as exc:
        raise fail(str(exc)) from None


def _rule_header_lines(raw: str) -> list[int]:
    return [n for n, line in enumerate(raw.splitlines(), start=1) if line.strip() == "[[rule]]"]


def _find_line(raw: str, key: str | None, after: int) -> int:
    """The line of ``key = …`` at or after line ``after`` (the rule's header); else ``after``."""
    if key is None:
        return after
    pattern = regex.compile(rf"^\s*{regex.escape(key)}(?:\.\w+)?\s*=")
    lines = raw.splitlines()
    for number in range(max(after, 1), len(lines) + 1):
        if number > after and lines[number - 1].strip() == "[[rule]]":
            break
        if pattern.match(lines[number - 1]):
            return number
    return max(after, 1)


def _line_from_message(message: str) -> int:
    m = regex.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 1


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
