"""The ``cleanpress`` command: parse, call the library, format, exit.

``cleanpress [FILE|-]`` is short for ``cleanpress clean [FILE|-]``. Exit codes: 0 success,
1 findings or rule-test failures (``check``, ``fix``, ``rules test``), 2 usage or input error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click

from cleanpress._version import __version__
from cleanpress.document import FORMATS
from cleanpress.domains import ListFormatError, parse_domain_list
from cleanpress.engine import Cleaner
from cleanpress.model import CONFIDENCE_LEVELS, CleanResult
from cleanpress.ruleset import Rule, RuleError, load_rules
from cleanpress.ruletest import check_examples

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"cleanpress: error: {self.format_message()}", err=True)


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command, is a file for ``clean``."""

    default_command = "clean"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def split_ids(values: Sequence[str]) -> list[str]:
    """``--select CP1,CP3 --select CP402`` -> ``["CP1", "CP3", "CP402"]``."""
    return [part.strip().upper() for value in values for part in value.split(",") if part.strip()]


def rule_options(func: F) -> F:
    """Options shared by every command that cleans: which rules, which domains, how sure."""
    options = [
        click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder)."),
        click.option("--select", multiple=True, metavar="IDS", help="Run only these rule ids or prefixes."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes."),
        click.option("--allow-domain", multiple=True, metavar="DOMAIN", help="Never remove URLs on DOMAIN."),
        click.option(
            "--min-confidence",
            type=click.Choice(CONFIDENCE_LEVELS),
            default="suspect",
            show_default=True,
            help="'certain' applies only certain removals and reports suspect ones.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_cleaner(
    rule_paths: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    allow_domain: Sequence[str],
    min_confidence: str,
) -> Cleaner:
    try:
        return Cleaner(
            extra_rules=list(rule_paths),
            select=split_ids(select) or None,
            ignore=split_ids(ignore),
            allow_domains=allow_domain,
            min_confidence=min_confidence,  # type: ignore[arg-type]
        )
    except RuleError as exc:
        raise UsageError(str(exc)) from None


def read_input(path: str) -> str:
    """Read a file or stdin as UTF-8, keeping invalid bytes (surrogateescape) so they round-trip."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory (use 'cleanpress check' or 'cleanpress fix')") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    return data.decode("utf-8", errors="surrogateescape")


def encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def write_json(data: Any, target: str, *, default_stream: BinaryIO) -> None:
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8", errors="surrogateescape")
    if target == "-":
        default_stream.write(payload)
        default_stream.flush()
        return
    try:
        Path(target).write_bytes(payload)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write report: {exc.strerror}") from None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cleanpress", message="%(prog)s %(version)s")
def cli() -> None:
    """Remove injected ad URLs, tracking links and boilerplate from scraped articles.

    \b
    cleanpress [FILE|-] [OPTIONS]       clean one document to stdout (same as 'clean')
    cleanpress rules list|show|test     inspect and test the rule packs
    """


@cli.command("clean")
@click.argument("file", default="-", metavar="[FILE|-]")
@click.option("-o", "--output", metavar="PATH", help="Write the cleaned text here instead of stdout.")
@click.option("--report", metavar="PATH|-", help="Write the JSON report here ('-': stderr, or stdout with -o).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--source-url", metavar="URL", help="The document's own address; its domain is never removed.")
@rule_options
def clean_command(
    file: str,
    output: str | None,
    report: str | None,
    fmt: str,
    source_url: str | None,
    rule_paths: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    allow_domain: Sequence[str],
    min_confidence: str,
) -> None:
    """Clean FILE (default: stdin) and write the text to stdout."""
    cleaner = build_cleaner(rule_paths, select, ignore, allow_domain, min_confidence)
    text = read_input(file)
    try:
        result: CleanResult = cleaner.clean(text, fmt, source_url=source_url)
    except ValueError as exc:
        raise UsageError(f"{file}: {exc}") from None
    if output:
        _atomic_write(Path(output), encode(result.text))
    else:
        sys.stdout.buffer.write(encode(result.text))
        sys.stdout.buffer.flush()
    if report:
        data = result.to_dict()
        data["input"]["path"] = None if file == "-" else file
        stream = sys.stdout.buffer if output else sys.stderr.buffer
        write_json(data, report, default_stream=stream)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None


# --- rules ---------------------------------------------------------------------------------------
@cli.group("rules")
def rules_group() -> None:
    """List, explain, test and import rules."""


def _load(paths: Sequence[str], builtin: bool = True) -> list[Rule]:
    try:
        return load_rules(list(paths), builtin=builtin)
    except RuleError as exc:
        raise UsageError(str(exc)) from None


@rules_group.command("list")
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def rules_list(rule_paths: Sequence[str], as_json: bool) -> None:
    """Every rule: id, kind, confidence, on/off by default, reason."""
    rules = sorted(_load(rule_paths), key=lambda r: r.id)
    if as_json:
        data = [
            {"id": r.id, "name": r.name, "kind": r.kind, "confidence": r.confidence, "default": r.default,
             "reason": r.reason}
            for r in rules
        ]  # fmt: skip
        click.echo(json.dumps(data, indent=2))
        return
    for r in rules:
        state = "on " if r.default else "off"
        click.echo(f"{r.id}  {state}  {r.confidence:<7}  {r.kind:<15} {r.name}: {r.reason}")


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder).")
def rules_show(rule_id: str, rule_paths: Sequence[str]) -> None:
    """What RULE_ID does, why, and its examples."""
    rules = {r.id: r for r in _load(rule_paths)}
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UsageError(f"no rule {rule_id!r} (see 'cleanpress rules list')")
    click.echo(f"{rule.id} {rule.name}  [{rule.kind}, {rule.confidence}, {'on' if rule.default else 'off'} by default]")
    click.echo(f"defined at {rule.source}\n")
    click.echo(f"Why: {rule.reason}")
    if rule.description:
        click.echo(f"\nWhat it does:\n{rule.description}")
    params = {k: v for k, v in rule.params.items() if k not in ("domains",)}
    if rule.domains:
        params["domains"] = f"{len(rule.domains)} domains"
    if params:
        click.echo("\nParameters:")
        for key, value in params.items():
            click.echo(f"  {key} = {value!r}")
    for title, examples in (("Removes", rule.examples_remove), ("Keeps", rule.examples_keep)):
        if examples:
            click.echo(f"\n{title}:")
            for example in examples:
                click.echo(f"  {example!r}")


@rules_group.command("test")
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@click.option("--no-builtin", is_flag=True, help="Test only the packs given.")
def rules_test(paths: Sequence[str], no_builtin: bool) -> None:
    """Run every rule's remove/keep examples; exit 1 on any failure."""
    rules = _load(paths, builtin=not no_builtin)
    failures = 0
    missing = 0
    for rule in rules:
        if not rule.examples_remove or not rule.examples_keep:
            missing += 1
            click.echo(f"{rule.source}: {rule.id} needs at least one remove and one keep example")
        for failure in check_examples(rule, rules):
            failures += 1
            click.echo(f"{rule.source}: {rule.id} {failure.group} example: {failure.message}")
            click.echo(failure.diff() or f"  {failure.example!r}")
    examples = sum(len(r.examples_remove) + len(r.examples_keep) for r in rules)
    click.echo(f"{len(rules)} rules, {examples} examples: {failures} failed, {missing} rules lack examples")
    if failures or missing:
        sys.exit(EXIT_FINDINGS)


@rules_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["plain", "hosts", "abp", "auto"]), default="auto")
@click.option("-o", "--output", required=True, metavar="PATH", help="Where to write the plain domain list.")
@click.option("--source", metavar="TEXT", help="Provenance line for the header (URL, licence).")
def rules_import(file: str, fmt: str, output: str, source: str | None) -> None:
    """Convert a downloaded plain, hosts-file or Adblock list into a plain domain list."""
    text = read_input(file)
    try:
        domains = parse_domain_list(text, fmt)
    except ListFormatError as exc:
        raise UsageError(f"{file}:{exc.line_number}: {exc}") from None
    header = [f"# Imported by cleanpress {__version__} from {Path(file).name} ({fmt} format)."]
    if source:
        header.append(f"# Source: {source}")
    _atomic_write(Path(output), encode("\n".join([*header, *domains]) + "\n"))
    click.echo(f"{output}: {len(domains)} domains", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code instead of raising (tests call ``main([...])``)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="cleanpress", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("cleanpress: aborted", err=True)
        return EXIT_ERROR
    except UsageError as exc:
        exc.show()
        return EXIT_ERROR
    except click.ClickException as exc:
        click.echo(f"cleanpress: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int | None) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line, not a traceback, unless debugging
        if os.environ.get("CLEANPRESS_DEBUG"):
            raise
        click.echo(f"cleanpress: internal error: {type(exc).__name__}: {exc} (set CLEANPRESS_DEBUG=1 for details)", err=True)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
