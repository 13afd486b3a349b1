"""Rule packs: validation errors point at path:line; domain lists in three formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanpress import Cleaner, RuleError, load_rules
from cleanpress.engine import select_rules
from cleanpress.text.domains import DomainSet, ListFormatError, parse_domain_list

GOOD = """
[[rule]]
id = "ACME901"
name = "house-ad"
kind = "line-pattern"
reason = "our own house ad"
pattern = "buy our mugs"
examples.remove = ["Buy our mugs"]
examples.keep = ["We did not buy their mugs."]
"""


def pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "custom.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_extra_pack_is_loaded_and_used(tmp_path: Path) -> None:
    path = pack(tmp_path, GOOD)
    cleaner = Cleaner(extra_rules=[path])
    assert cleaner.clean("One.\nBuy our mugs!\nTwo.").text == "One.\nTwo."


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (GOOD.replace('kind = "line-pattern"', 'kind = "line-patern"'), 5, "unknown kind 'line-patern' (did you mean 'line-pattern'?)"),
        (GOOD.replace('pattern = "buy our mugs"', 'pattern = "buy (our mugs"'), 7, "bad regex in 'pattern'"),
        (GOOD.replace('reason = "our own house ad"\n', ""), 2, "missing the required field 'reason'"),
        (GOOD.replace('id = "ACME901"', 'id = "X1"'), 3, "is not capital letters and three digits"),
        (GOOD.replace('pattern = "buy our mugs"', 'pattern = "x"\npatern = "y"'), 8, "unknown field 'patern'"),
        (GOOD + "[[rule]\n", 10, "invalid TOML"),
    ],
)  # fmt: skip
def test_errors_name_path_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = pack(tmp_path, body)
    with pytest.raises(RuleError) as info:
        load_rules([path])
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text


def test_duplicate_id_is_an_error(tmp_path: Path) -> None:
    path = pack(tmp_path, GOOD + "\n" + GOOD)
    with pytest.raises(RuleError, match=r"rule id ACME901 is already defined at .*custom\.toml:"):
        load_rules([path])


def test_the_cp_prefix_is_reserved_for_the_bundled_packs(tmp_path: Path) -> None:
    path = pack(tmp_path, GOOD.replace("ACME901", "CP901"))
    with pytest.raises(RuleError, match=r"custom\.toml:2: rule id CP901: the prefix CP is reserved"):
        load_rules([path])


def test_a_user_prefix_selects_like_a_bundled_family(tmp_path: Path) -> None:
    rules = load_rules([pack(tmp_path, GOOD.replace("[[rule]]", "[[rule]]\ndefault = false", 1))])
    assert [r.id for r in select_rules(rules, ["ACME9"]) if r.id.startswith("ACME")] == ["ACME901"]
    assert [r.id for r in select_rules(rules, ["ACME"]) if r.id.startswith("ACME")] == []


def test_missing_domain_list_is_an_error(tmp_path: Path) -> None:
    body = '[[rule]]\nid = "ACME902"\nname = "x"\nkind = "url-domain"\nreason = "r"\nlists = ["nope.txt"]\n'
    with pytest.raises(RuleError, match=r"custom\.toml:6: ACME902: cannot read domain list 'nope.txt'"):
        load_rules([pack(tmp_path, body)], builtin=False)


def test_domain_list_formats() -> None:
    text = "# comment\nads.example.com\n0.0.0.0 track.example.net\n127.0.0.1 localhost\n||pop.example.org^\n"
    assert parse_domain_list(text) == ["ads.example.com", "track.example.net", "pop.example.org"]
    abp = "! title\n||pop.example.org^$third-party\n##.ad-banner\n/banner/*\n"
    assert parse_domain_list(abp, "abp") == ["pop.example.org"]
    with pytest.raises(ListFormatError) as info:
        parse_domain_list("ok.example.com\nnot a domain at all\n", "plain")
    assert info.value.line_number == 2


def test_domain_set_matches_subdomains_only() -> None:
    domains = DomainSet(["example.com"])
    assert domains.match("ads.example.com") == "example.com"
    assert domains.match("example.com") == "example.com"
    assert domains.match("badexample.com") is None
    assert domains.match("example.com.evil.net") is None
