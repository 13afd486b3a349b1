"""Configuration: discovery upward, validation with suggestions, merging with the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanpress.cli import main
from cleanpress.config import (
    Config,
    ConfigError,
    find_config,
    load_config,
    merge,
    path_matches,
    relative_parts,
    resolve_config,
)

AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_upward_from_the_working_directory(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", '[tool.cleanpress]\nselect = ["CP1"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == config.resolve()


def test_cleanpress_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleanpress]\nselect = ["CP1"]\n')
    own = write(tmp_path / "cleanpress.toml", 'select = ["CP3"]\n')
    assert find_config(tmp_path) == own.resolve()
    assert load_config(own).select == ("CP3",)


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    outer = write(tmp_path / "cleanpress.toml", 'ignore = ["CP2"]\n')
    write(tmp_path / "inner" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "inner") == outer.resolve()


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "cleanpress.toml", 'ignore = ["CP2"]\n')
    inner = write(tmp_path / "inner" / "pyproject.toml", '[tool.cleanpress]\nignore = ["CP3"]\n')
    assert find_config(tmp_path / "inner") == inner.resolve()


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cleanpress.toml",
        'rules = ["packs/mine.toml"]\nselect = ["cp1", "CP3"]\nignore = ["CP202"]\n'
        'per-file-ignores = {"drafts/*.md" = ["CP3"]}\nallow-domains = ["example.org"]\n'
        'exclude = ["legacy"]\ninclude = ["*.rst"]\nmin-confidence = "certain"\n',
    )
    config = load_config(path)
    assert config.source == path
    assert config.root == tmp_path
    assert config.rules == (str(tmp_path / "packs" / "mine.toml"),)
    assert config.select == ("CP1", "CP3")
    assert config.ignore == ("CP202",)
    assert config.per_file_ignores == (("drafts/*.md", ("CP3",)),)
    assert config.allow_domains == ("example.org",)
    assert config.exclude == ("legacy",)
    assert config.include == ("*.rst",)
    assert config.min_confidence == "certain"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["CP1"]\n', "unknown key 'selct' (did you mean 'select'?)"),
        ("per_file_ignores = {}\n", "unknown key 'per_file_ignores' (did you mean 'per-file-ignores'?)"),
        ('allow-domain = ["x.org"]\n', "unknown key 'allow-domain' (did you mean 'allow-domains'?)"),
        ("zzz = 1\n", "unknown key 'zzz' (expected one of: rules, select"),
        ('select = "CP1"\n', "select must be a list of strings"),
        ('min-confidence = "sure"\n', "min-confidence must be one of 'certain', 'suspect'"),
        ('per-file-ignores = ["x"]\n', "per-file-ignores must be a table of glob = [rule ids]"),
        ("per-file-ignores = {'a.md' = [1]}\n", "per-file-ignores.'a.md' must be a list of strings"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_files_are_errors_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "cleanpress.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_unknown_key_in_pyproject_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.cleanpress]\nexlude = ["x"]\n')
    with pytest.raises(ConfigError, match=r"unknown key 'exlude' \(did you mean 'exclude'\?\)"):
        load_config(path)


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.cleanpress\] table"):
        load_config(path)


def test_resolve_config_isolated_and_explicit(tmp_path: Path) -> None:
    write(tmp_path / "cleanpress.toml", 'ignore = ["CP2"]\n')
    other = write(tmp_path / "elsewhere" / "custom.toml", 'ignore = ["CP3"]\n')
    assert resolve_config(tmp_path).ignore == ("CP2",)
    assert resolve_config(tmp_path, isolated=True) == Config(root=tmp_path)
    assert resolve_config(tmp_path, str(other)).ignore == ("CP3",)
    with pytest.raises(ConfigError, match="cannot be used together"):
        resolve_config(tmp_path, str(other), isolated=True)
    with pytest.raises(ConfigError, match="no such configuration file"):
        resolve_config(tmp_path, str(tmp_path / "missing.toml"))


def test_command_line_over_file() -> None:
    config = Config(
        rules=("a.toml",),
        select=("CP1",),
        ignore=("CP2",),
        allow_domains=("a.org",),
        exclude=("x",),
        include=("*.md",),
        min_confidence="certain",
    )
    kept = merge(config)
    assert kept.cleaner.select == ("CP1",) and kept.cleaner.min_confidence == "certain"
    assert kept.include == ("*.md",)
    merged = merge(
        config,
        rules=["b.toml"],
        select=["CP3"],
        ignore=["CP4", "CP2"],
        allow_domains=["b.org"],
        min_confidence="suspect",
        exclude=["y"],
        include=["*.txt"],
    )
    assert merged.cleaner.rule_paths == ("a.toml", "b.toml")
    assert merged.cleaner.select == ("CP3",)  # replaces
    assert merged.cleaner.ignore == ("CP2", "CP4")  # adds
    assert merged.cleaner.allow_domains == ("a.org", "b.org")
    assert merged.cleaner.min_confidence == "suspect"
    assert merged.exclude == ("x", "y")
    assert merged.include == ("*.txt",)
    assert merge(Config()).cleaner.min_confidence == "suspect"


def test_per_file_ignores_match_relative_to_the_config(tmp_path: Path) -> None:
    config = Config(root=tmp_path, per_file_ignores=(("drafts/*.md", ("CP3",)), ("*.txt", ("CP1", "CP3"))))
    settings = merge(config)
    assert settings.ignores_for(tmp_path / "drafts" / "a.md") == ("CP3",)
    assert settings.ignores_for(tmp_path / "drafts" / "a.txt") == ("CP1", "CP3")
    assert settings.ignores_for(tmp_path / "posts" / "drafts" / "a.md") == ()
    assert settings.ignores_for(tmp_path / "posts" / "a.md") == ()


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts", "content/drafts/a.md", True),
        ("drafts", "content/drafts.md", False),
        ("*.md", "content/a.md", True),
        ("content/drafts", "content/drafts/x/a.md", True),
        ("content/drafts", "other/content/drafts/a.md", False),
        ("posts/**/draft-*.md", "posts/2024/05/draft-1.md", True),
        ("posts/**/draft-*.md", "posts/draft-1.md", True),
        ("posts/*.md", "posts/sub/a.md", False),
        ("./legacy/", "legacy/a.md", True),
        ("[ab].md", "x/a.md", True),
        ("[!ab].md", "x/a.md", False),
        ("?.md", "x/ab.md", False),
        ("", "a.md", False),
    ],
)
def test_glob_matching(pattern: str, path: str, expected: bool) -> None:
    assert path_matches(pattern, tuple(path.split("/"))) is expected


def test_relative_parts_outside_the_root(tmp_path: Path) -> None:
    assert relative_parts(tmp_path / "a" / "b.md", tmp_path) == ("a", "b.md")
    assert relative_parts("/elsewhere/b.md", tmp_path)[-2:] == ("elsewhere", "b.md")


# --- through the command line --------------------------------------------------------------------
def test_cli_reads_config_from_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path / "content" / "a.md", f"Intro.\n{AD}\nEnd.\n")
    monkeypatch.chdir(tmp_path / "content")
    assert main(["check", "a.md"]) == 1
    write(tmp_path / "pyproject.toml", '[tool.cleanpress]\nallow-domains = ["cpmrevenuegate.com"]\n')
    assert main(["check", "a.md"]) == 0
    assert main(["check", "a.md", "--isolated"]) == 1
    capsys.readouterr()
    assert main(["clean", str(article)]) == 0
    assert capsys.readouterr().out == f"Intro.\n{AD}\nEnd.\n"


def test_cli_config_option_and_its_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.md", f"Intro.\n{AD}\nEnd.\n")
    custom = write(tmp_path / "ci.toml", 'ignore = ["CP1", "CP2"]\n')
    bad = write(tmp_path / "bad.toml", 'selct = ["CP1"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md", "--config", str(custom)]) == 0
    capsys.readouterr()
    assert main(["check", "a.md", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == f"cleanpress: error: {bad}: unknown key 'selct' (did you mean 'select'?)\n"
    assert main(["check", "a.md", "--config", str(custom), "--isolated"]) == 2
    assert "cannot be used together" in capsys.readouterr().err


def test_cli_per_file_ignores_and_exclude_from_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "cleanpress.toml",
        'per-file-ignores = {"ads/*.md" = ["CP1", "CP2"]}\nexclude = ["legacy"]\n',
    )
    write(tmp_path / "ads" / "about-ad-networks.md", f"Intro.\n{AD}\nEnd.\n")
    write(tmp_path / "legacy" / "old.md", f"Intro.\n{AD}\nEnd.\n")
    dirty = write(tmp_path / "posts" / "p.md", f"Intro.\n{AD}\nEnd.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("posts/p.md:2:1: CP101 ")
    assert "ads/" not in out and "legacy/" not in out
    # Explicit file names, as pre-commit passes them: the exclude still holds.
    assert main(["check", "legacy/old.md"]) == 0
    assert "1 excluded" in capsys.readouterr().out
    assert main(["fix", "legacy/old.md", str(dirty)]) == 1
    assert (tmp_path / "legacy" / "old.md").read_text() == f"Intro.\n{AD}\nEnd.\n"
    assert dirty.read_text() == "Intro.\nEnd.\n"


def test_cli_rules_from_config_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "packs" / "mugs.toml",
        '[[rule]]\nid = "ACME951"\nname = "mugs"\nkind = "line-pattern"\nreason = "mug promo"\n'
        'pattern = "buy our mugs"\n',
    )
    write(tmp_path / "cleanpress.toml", 'rules = ["packs/mugs.toml"]\n')
    write(tmp_path / "sub" / "a.txt", "Story.\nBuy our mugs!\nEnd.\n")
    monkeypatch.chdir(tmp_path / "sub")
    assert main(["check", "a.txt"]) == 1
    assert "a.txt:2:1: ACME951 mug promo [Buy our mugs!]" in capsys.readouterr().out
