"""The public-suffix split equals tldextract's (bundled list, no fetch) on real and tricky hosts."""

from __future__ import annotations

import json
import sys

import pytest

from cleanpress.text.suffixes import split_host
from cleanpress.text.urls import find_urls

from conftest import ROOT

TRICKY = [
    "1.2.3.4", "999.1.1.1", "a.b.c.d", "127.0.0.1", "[::1]", "localhost", "", ".", "a..b.com",
    "example.com.", "EXAMPLE.CO.UK", "sub.example.com:8080", "user@x.com", "ex\u3002com",
    "a.b.ck", "www.ck", "x.y.kawasaki.jp", "city.kawasaki.jp", "xn--80ak6aa92e.com", "a.xn--p1ai",
    "bücher.de", "www.xn--bcher-kva.de", "foo.bar.unknowntld", "s3.amazonaws.com", "x.blogspot.com",
    "news.bbc.co.uk", "forums.news.cnn.com", "www.gov.uk", "a.b.c.kyoto.jp", "xn--zz.com",
]  # fmt: skip


def _hosts() -> set[str]:
    hosts = set(TRICKY)
    for line in (ROOT / "rules" / "lists" / "trusted-hosts.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            hosts.add(line.split()[0])
    for line in (ROOT / "tests" / "data").glob("*.jsonl"):
        for record in line.read_text(encoding="utf-8").splitlines()[:200]:
            text = json.loads(record).get("text", "") if record.strip() else ""
            hosts.update(hit.host for hit in find_urls(text))
    return hosts


def test_split_host_is_tldextracts() -> None:
    tldextract = pytest.importorskip("tldextract")
    extract = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=False)
    hosts = _hosts()
    assert len(hosts) > 150
    theirs = {h: (r.subdomain, r.domain, r.suffix) for h in hosts for r in [extract(h)]}
    differ = {h: (split_host(h), theirs[h]) for h in hosts if split_host(h) != theirs[h]}
    assert differ == {}


def test_cleaning_does_not_import_tldextract_or_an_http_client() -> None:
    import subprocess

    code = (
        "import sys, cleanpress; cleanpress.clean('See https://news.example.co.uk/a/b and www.ads.example.com/x')\n"
        "print(sorted(m for m in ('tldextract', 'requests', 'urllib3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
