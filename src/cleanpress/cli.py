"""The ``cleanpress`` command: parse, call the library, format, exit.

``cleanpress [FILE|-]`` is short for ``cleanpress clean [FILE|-]``. Exit codes: 0 success,
1 findings or rule-test failures (``check``, ``fix``, ``rules test``), 2 usage or input error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import click

from cleanpress._version import __version__
from cleanpress.errors import RuleError
from cleanpress.formats import FORMATS, jsonl, writers
from cleanpress.model import CONFIDENCE_LEVELS, Confidence

if TYPE_CHECKING:
    from cleanpress.batch import corpus, parallel, shards
    from cleanpress.config import Settings
    from cleanpress.diagnostics import Mode
    from cleanpress.encoding import Decoded
    from cleanpress.ruleset import Rule

# The engine, the rule packs and the batch machinery are imported by the commands that use them,
# so that ``--version`` and ``--help`` start in a few tens of milliseconds.

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
        click.option(
            "--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder)."
        ),
        click.option("--select", multiple=True, metavar="IDS", help="Run only these rule ids or prefixes."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes."),
        click.option("--allow-domain", multiple=True, metavar="DOMAIN", help="Never remove URLs on DOMAIN."),
        click.option(
            "--min-confidence",
            type=click.Choice(CONFIDENCE_LEVELS),
            default=None,
            help="'certain' applies only certain removals and reports suspect ones. [default: suspect]",
        ),
        click.option("--config", "config_path", metavar="PATH", help="Use this configuration file."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def batch_options(func: F) -> F:
    """Options of the commands that clean many files or records."""
    options = [
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            help="Worker processes; 0 picks as many as the input size makes worthwhile.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No notices, no progress bar."),
        click.option(
            "--field", metavar="NAME", default=None, help="JSONL: the field to clean. [default: text]"
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_settings(
    config_path: str | None,
    isolated: bool,
    *,
    rule_paths: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    allow_domain: Sequence[str] = (),
    min_confidence: str | None = None,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
) -> Settings:
    """The configuration file (found upward from the working directory) under the options."""
    from cleanpress.config import ConfigError, merge, resolve_config

    try:
        config = resolve_config(Path.cwd(), config_path, isolated=isolated)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    settings = merge(
        config,
        rules=rule_paths,
        select=split_ids(select) or None,
        ignore=split_ids(ignore),
        allow_domains=allow_domain,
        min_confidence=min_confidence,  # type: ignore[arg-type]
        exclude=exclude,
        include=include or None,
    )
    if settings.cleaner.rule_paths:
        _load(settings.cleaner.rule_paths, builtin=False)  # a broken pack is a usage error, up front
    return settings


def cleaners_for(settings: Settings) -> parallel.Cleaners:
    from cleanpress.batch import parallel

    try:
        return parallel.Cleaners(settings.cleaner)
    except RuleError as exc:
        raise UsageError(str(exc)) from None


@contextmanager
def progress(total: int, label: str, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when ``enabled``; otherwise a no-op update function."""
    if not enabled:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


def wants_progress(quiet: bool, items: int) -> bool:
    return not quiet and items > 1 and sys.stderr.isatty()


def read_input(path: str) -> str:
    """Read a file or stdin as UTF-8, keeping invalid bytes (surrogateescape) so they round-trip."""
    return read_bytes(path).decode("utf-8", errors="surrogateescape")


def read_document_input(path: str, *, force_text: bool) -> Decoded:
    """A file or stdin as text in its own encoding (UTF-8, or UTF-16/32 with a BOM); binary input
    (NUL bytes) is a one-line error unless ``force_text``."""
    from cleanpress.encoding import BinaryInput, decode

    try:
        return decode(read_bytes(path), force_text=force_text)
    except BinaryInput as exc:
        name = "<stdin>" if path == "-" else path
        raise UsageError(f"{name}: {exc}; not cleaned (--force-text cleans it as UTF-8 text)") from None


def read_bytes(path: str) -> bytes:
    """A file's or stdin's bytes; a missing or unreadable file is a one-line usage error."""
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory (use 'cleanpress check' or 'cleanpress fix')") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def write_json(data: Any, target: str, *, default_stream: BinaryIO) -> None:
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8", errors="surrogateescape"
    )
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
    cleanpress [FILE|-] [OPTIONS]       clean one document (or a JSONL corpus) to stdout
    cleanpress check [PATH...]          report what would be removed; exit 1 if anything
    cleanpress fix [PATH...]            rewrite files in place; exit 1 if any changed
    cleanpress rules list|show|test     inspect and test the rule packs
    """


@cli.command("clean")
@click.argument("files", nargs=-1, metavar="[FILE|-]...")
@click.option("-o", "--output", metavar="PATH", help="Write the cleaned text here instead of stdout.")
@click.option(
    "--report", metavar="PATH|-", help="Write the JSON report here ('-': stderr, or stdout with -o)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--source-url", metavar="URL", help="The document's own address; its domain is never removed.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="The input is JSONL (implied by .jsonl and --field).")
@click.option("--report-jsonl", metavar="PATH|-", help="JSONL: one report record per input record.")
@click.option(
    "--on-malformed",
    type=click.Choice(jsonl.MALFORMED_POLICIES),
    default="pass",
    show_default=True,
    help="JSONL: a line that is not a JSON object is passed through, skipped, or an error (exit 2).",
)
@click.option(
    "--id-field",
    metavar="NAME",
    default="id",
    show_default=True,
    help="JSONL: copied into each report record.",
)
@click.option(
    "--url-field", metavar="NAME", help="JSONL: the record's own address; its domain is never removed."
)
@click.option("--force-text", is_flag=True, help="Clean input with NUL bytes as UTF-8 text, not refuse it.")
@click.option(
    "--render",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="HTML input: write the article as text, Markdown or clean HTML.",
)
@click.option(
    "--page-chrome", is_flag=True, help="Also remove page chrome (menus, legal lines) from full-page text."
)
@click.option(
    "--output-dir",
    metavar="DIR",
    help="JSONL shards: write each cleaned shard to DIR under its name (--report-jsonl: a folder).",
)
@click.option(
    "--dask",
    "dask_target",
    metavar="ADDRESS|local[:N]",
    help="Shards: run on Dask, a scheduler ADDRESS or a LocalCluster of N worker processes.",
)
@click.option("--review-html", metavar="PATH", help="Shards: write an HTML page of cleaned samples.")
@batch_options
@rule_options
def clean_command(
    files: tuple[str, ...],
    output: str | None,
    report: str | None,
    fmt: str,
    source_url: str | None,
    as_jsonl: bool,
    report_jsonl: str | None,
    on_malformed: str,
    id_field: str,
    url_field: str | None,
    force_text: bool,
    render: str,
    page_chrome: bool,
    output_dir: str | None,
    dask_target: str | None,
    review_html: str | None,
    jobs: int,
    quiet: bool,
    field: str | None,
    rule_paths: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    allow_domain: Sequence[str],
    min_confidence: str | None,
    config_path: str | None,
    isolated: bool,
) -> None:
    """Clean FILE (default: stdin) and write the text to stdout.

    A JSONL corpus (FILE ending in .jsonl, or --jsonl/--field) is cleaned record by record:
    one field cleaned, every other field and the record order kept, streaming in constant
    memory, -j N worker processes, output identical whatever N is. Several JSONL shards go to
    --output-dir, one output shard each, on -j N processes or a Dask cluster (--dask)."""
    settings = load_settings(
        config_path,
        isolated,
        rule_paths=rule_paths,
        select=select,
        ignore=ignore,
        allow_domain=allow_domain,
        min_confidence=min_confidence,
    )
    if page_chrome:
        settings = replace(settings, cleaner=replace(settings.cleaner, page_chrome=True))
    if output_dir or dask_target or review_html or len(files) > 1:
        if output or report:
            raise UsageError("several shards are written with --output-dir, not -o or --report")
        options = jsonl.JsonlOptions(field or "text", fmt, id_field or None, url_field or None)
        shard_run = ShardRun(output_dir, report_jsonl, dask_target, review_html, on_malformed, jobs, quiet)
        _clean_shards(files, shard_run, settings, options)
        return
    file = files[0] if files else "-"
    ignores = settings.ignores_for(file) if file != "-" else ()
    if as_jsonl or field is not None or Path(file).suffix.lower() == ".jsonl":
        if report:
            raise UsageError("--report is for one document; use --report-jsonl with JSONL input")
        options = jsonl.JsonlOptions(field or "text", fmt, id_field or None, url_field or None)
        _clean_jsonl(file, output, report_jsonl, settings, options, ignores, on_malformed, jobs, quiet)
        return
    if report_jsonl:
        raise UsageError("--report-jsonl is for JSONL input (a .jsonl file, or --jsonl/--field)")
    cleaner = cleaners_for(settings).get(ignores)
    decoded = read_document_input(file, force_text=force_text)
    try:
        result = cleaner.clean(decoded.text, fmt, source_url=source_url, output=render)
    except ValueError as exc:
        raise UsageError(f"{file}: {exc}") from None
    if output:
        _atomic_write(Path(output), decoded.encode(result.text))  # the input's encoding and BOM
    else:
        sys.stdout.buffer.write(decoded.encode(result.text))
        sys.stdout.buffer.flush()
    if report:
        data = result.to_dict()
        data["input"]["path"] = None if file == "-" else file
        stream = sys.stdout.buffer if output else sys.stderr.buffer
        write_json(data, report, default_stream=stream)
    _exit_on_rule_errors(cleaner.rule_errors)


def _exit_on_rule_errors(errors: Sequence[str]) -> None:
    """A rule switched off during the run (a user pattern over its time budget): the output is
    written without it, each is reported, and the command exits 2."""
    for message in errors:
        click.echo(f"cleanpress: error: {message}", err=True)
    if errors:
        raise click.exceptions.Exit(EXIT_ERROR)


def _clean_jsonl(
    file: str,
    output_path: str | None,
    report_path: str | None,
    settings: Settings,
    options: jsonl.JsonlOptions,
    ignores: tuple[str, ...],
    on_malformed: str,
    jobs: int,
    quiet: bool,
) -> None:
    name = "<stdin>" if file == "-" else file
    from cleanpress.batch import corpus, parallel

    size = 0
    if file != "-":
        try:
            size = os.path.getsize(file)
        except OSError:
            read_input(file)  # raises the one-line error for a missing or unreadable file
    report_default = sys.stdout.buffer if output_path else sys.stderr.buffer
    try:
        with (
            _open_input(file) as source,
            _stream(output_path, sys.stdout.buffer) as out,
            _stream(report_path, report_default) if report_path else _nothing() as report,
            progress(size, "Cleaning", wants_progress(quiet, 2) and size > 0) as update,
        ):
            stats = corpus.clean_jsonl(
                source,
                out,
                report,
                settings.cleaner,
                options,
                ignore=ignores,
                jobs=parallel.resolve_jobs(jobs, size),
                on_malformed=on_malformed,
                name=name,
                warn=lambda message: click.echo(f"cleanpress: warning: {message}", err=True),
                progress=update,
            )
    except jsonl.JsonlError as exc:
        raise UsageError(f"{exc} (use --on-malformed pass or skip to go on)") from None
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    except BrokenPipeError:
        raise  # the reader went away (| head): main() exits quietly
    except OSError as exc:
        raise UsageError(f"{exc.filename or name}: {exc.strerror or exc}") from None
    if not quiet:
        click.echo(f"cleanpress: {name}: {_jsonl_summary(stats, options.field)}", err=True)
    if stats.status.get("malformed"):  # reported line by line above; an input error, as documented
        raise click.exceptions.Exit(EXIT_ERROR)


@dataclass(frozen=True, slots=True)
class ShardRun:
    """The options of a multi-shard ``clean`` run."""

    output_dir: str | None
    report_dir: str | None
    dask_target: str | None
    review_html: str | None
    on_malformed: str
    jobs: int
    quiet: bool


def _clean_shards(
    files: Sequence[str], run: ShardRun, settings: Settings, options: jsonl.JsonlOptions
) -> None:
    """Several shards into ``--output-dir``: one output shard each, a summary, exit 2 if any failed."""
    from cleanpress.batch import parallel, shards
    from cleanpress.corpus_summary import CorpusSummary
    from cleanpress.formats import review

    if not run.output_dir:
        raise UsageError("several shards, --dask and --review-html need --output-dir DIR")
    if not files or "-" in files:
        raise UsageError("--output-dir cleans shard files; stdin is cleaned with -o or to stdout")
    for folder in (run.output_dir, run.report_dir):
        if folder and folder != "-":
            Path(folder).mkdir(parents=True, exist_ok=True)
    if run.report_dir == "-":
        raise UsageError("with --output-dir, --report-jsonl names a folder for NAME.report.jsonl files")
    samples = review.DEFAULT_SAMPLES if run.review_html else 0

    def make_job(source: str, output: str, report: str | None) -> shards.ShardJob:
        ignores = settings.ignores_for(source)
        return shards.ShardJob(
            source, output, report, settings.cleaner, options, ignores, run.on_malformed, samples
        )

    try:
        jobs = shards.plan_shards(files, run.output_dir, run.report_dir, make_job)
    except shards.ShardError as exc:
        raise UsageError(str(exc)) from None
    total = sum(os.path.getsize(f) for f in files if os.path.isfile(f))
    with progress(total, "Cleaning", wants_progress(run.quiet, 2) and total > 0) as update:

        def done(result: shards.ShardResult) -> None:
            update(result.size)

        if run.dask_target:
            results = _run_on_dask(jobs, run, done)
        else:
            workers = parallel.resolve_jobs(run.jobs, total, len(jobs))
            results = shards.run_shards(jobs, settings.cleaner, workers=workers, on_done=done)
    summary = CorpusSummary()
    failed = 0
    for result in results:
        if not result.error:  # a failed shard wrote nothing: its partial counts would mislead
            summary.merge(result.summary)
        for warning in result.warnings:
            click.echo(f"cleanpress: warning: {warning}", err=True)
        if result.more_warnings:
            more = f"{result.source}: {result.more_warnings} more malformed lines"
            click.echo(f"cleanpress: warning: {more}", err=True)
        if result.error:
            failed += 1
            click.echo(f"cleanpress: error: {result.error}", err=True)
    if run.review_html:
        page = review.render_review([s for r in results for s in r.samples][:samples])
        _atomic_write(Path(run.review_html), encode(page))
    if not run.quiet:
        ok = len(results) - failed
        head = f"cleanpress: {ok} of {len(results)} shards written to {run.output_dir}"
        click.echo("\n".join([head, *summary.render()]), err=True)
    malformed = sum(r.summary.status["malformed"] for r in results)
    if failed or malformed:  # a malformed line is an input error, as for one file (outputs are written)
        raise click.exceptions.Exit(EXIT_ERROR)


def _run_on_dask(
    jobs: Sequence[shards.ShardJob], run: ShardRun, done: Callable[[shards.ShardResult], None]
) -> list[shards.ShardResult]:
    from cleanpress import dask as cp_dask
    from cleanpress.batch import shards

    try:
        target = cp_dask.parse_target(run.dask_target or "")
        with cp_dask.connect(target) as client:
            if not run.quiet:
                click.echo(f"cleanpress: Dask dashboard: {client.dashboard_link}", err=True)
            return shards.run_shards_dask(jobs, client, on_done=done)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:  # no scheduler at that address, or it went away
        raise UsageError(f"--dask {run.dask_target}: {exc}") from None


def _jsonl_summary(stats: corpus.JsonlStats, field: str) -> str:
    count = stats.status.get
    parts = [
        f"{stats.records} records",
        f"{count('changed', 0)} changed ({stats.removals} removals)",
    ]
    if stats.suggestions:
        parts.append(f"{stats.suggestions} suggestions")
    if stats.suppressed:
        parts.append(f"{stats.suppressed} suppressed")
    for status, label in (
        ("malformed", "malformed"),
        ("no-field", f"without a string field {field!r}"),
        ("skipped", "skipped"),
    ):
        if count(status):
            parts.append(f"{count(status)} {label}")
    return ", ".join(parts)


@contextmanager
def _open_input(file: str) -> Iterator[BinaryIO]:
    if file == "-":
        yield sys.stdin.buffer
        return
    with open(file, "rb") as handle:
        yield handle


@contextmanager
def _stream(target: str | None, default: BinaryIO) -> Iterator[BinaryIO]:
    """``target`` written atomically, or ``default`` for ``None`` and ``-``."""
    from cleanpress.batch import atomic

    if target is None or target == "-":
        yield default
        default.flush()
        return
    with atomic.atomic_output(Path(target)) as handle:
        yield handle


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


# --- check and fix --------------------------------------------------------------------------------
def files_command(mode: Mode) -> Callable[[F], F]:
    """The options ``check`` and ``fix`` share."""

    def decorate(func: F) -> F:
        options = [
            click.argument("paths", nargs=-1, metavar="[PATH...]"),
            click.option(
                "--diff",
                "show_diff",
                is_flag=True,
                help="Print a unified diff of the changes"
                + (" made." if mode == "fix" else " fix would make (nothing else on stdout)."),
            ),
            click.option(
                "--output-format",
                type=click.Choice(writers.OUTPUT_FORMATS),
                default="text",
                show_default=True,
                help="How to print the diagnostics.",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default="auto",
                help="Override the format of every file.",
            ),
            click.option(
                "--include", multiple=True, metavar="GLOB", help="Take only these files from folders."
            ),
            click.option("--exclude", multiple=True, metavar="GLOB", help="Skip these files and folders."),
        ]
        func = batch_options(rule_options(func))
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


@cli.command("check")
@files_command("check")
def check_command(**options: Any) -> None:
    """Report what would be removed from the files under PATH (default: the current folder).

    Exit 0 when nothing would be removed, 1 when something would, 2 on a usage or input error."""
    _run_files("check", **options)


@cli.command("fix")
@files_command("fix")
def fix_command(**options: Any) -> None:
    """Remove what cleanpress finds from the files under PATH, in place and atomically.

    Only files that change are written. Exit 1 when any file changed (as pre-commit expects),
    0 when none did, 2 on a usage or input error (the other files are still fixed)."""
    _run_files("fix", **options)


def _run_files(
    mode: Mode,
    *,
    paths: Sequence[str],
    show_diff: bool,
    output_format: str,
    fmt: str,
    include: Sequence[str],
    exclude: Sequence[str],
    jobs: int,
    quiet: bool,
    field: str | None,
    rule_paths: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    allow_domain: Sequence[str],
    min_confidence: Confidence | None,
    config_path: str | None,
    isolated: bool,
) -> None:
    from cleanpress.batch import discover, files
    from cleanpress.diagnostics import exit_code

    if "-" in paths:
        raise UsageError(f"{mode} works on files; clean stdin with 'cleanpress clean -'")
    if show_diff and output_format != "text":
        raise UsageError(f"--diff prints a diff; it cannot be combined with --output-format {output_format}")
    settings = load_settings(
        config_path,
        isolated,
        rule_paths=rule_paths,
        select=select,
        ignore=ignore,
        allow_domain=allow_domain,
        min_confidence=min_confidence,
        exclude=exclude,
        include=include,
    )
    discovery = discover.discover(paths or ["."], settings, fmt=fmt)
    count = len(discovery.targets)
    try:
        with progress(
            count, "Cleaning" if mode == "fix" else "Checking", wants_progress(quiet, count)
        ) as update:
            report = files.run_batch(
                discovery,
                settings.cleaner,
                mode=mode,
                diff=show_diff,
                field=field or "text",
                field_format=fmt,
                jobs=jobs,
                on_done=lambda outcome: update(1),
            )
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    for line in writers.notices(report):
        if not quiet or line.startswith("cleanpress: error:"):
            click.echo(line, err=True)
    if show_diff:
        _write_stdout(writers.render_diff(report))
        click.echo(writers.summary_line(report), err=True)
    else:
        color = output_format == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        _write_stdout(writers.render(report, output_format, color=color, root=Path.cwd()))
    raise click.exceptions.Exit(exit_code(report))


def _write_stdout(text: str) -> None:
    sys.stdout.buffer.write(encode(text))
    sys.stdout.buffer.flush()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    from cleanpress.batch import atomic

    try:
        atomic.atomic_write(path, data)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None


# --- rules ---------------------------------------------------------------------------------------
@cli.group("rules")
def rules_group() -> None:
    """List, explain, test and import rules."""


def _load(paths: Sequence[str], builtin: bool = True) -> list[Rule]:
    from cleanpress.ruleset import load_rules

    try:
        return load_rules(list(paths), builtin=builtin)
    except RuleError as exc:
        raise UsageError(str(exc)) from None


@rules_group.command("list")
@click.option(
    "--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder)."
)
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
@click.option(
    "--rules", "rule_paths", multiple=True, metavar="PATH", help="Extra rule pack (file or folder)."
)
def rules_show(rule_id: str, rule_paths: Sequence[str]) -> None:
    """What RULE_ID does, why, and its examples."""
    rules = {r.id: r for r in _load(rule_paths)}
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UsageError(f"no rule {rule_id!r} (see 'cleanpress rules list')")
    state = "on" if rule.default else "off"
    click.echo(f"{rule.id} {rule.name}  [{rule.kind}, {rule.confidence}, {state} by default]")
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
    from cleanpress.ruletest import check_examples

    rules = _load(paths, builtin=not no_builtin)
    failures = 0
    missing = 0
    for rule in rules:
        protects = bool(rule.params.get("protect"))  # a protecting html-selector rule removes nothing
        if not (rule.examples_remove or protects) or not rule.examples_keep:
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
    from cleanpress.text.domains import ListFormatError, parse_domain_list

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
        # Without standalone mode, click returns the code a command exits with instead of raising.
        code = cli.main(
            args=list(argv) if argv is not None else None, prog_name="cleanpress", standalone_mode=False
        )
        if isinstance(code, int):
            return code
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
        click.echo(
            f"cleanpress: internal error: {type(exc).__name__}: {exc} (set CLEANPRESS_DEBUG=1 for details)",
            err=True,
        )
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
