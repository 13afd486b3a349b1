"""reStructuredText as a format: detection, discovery, and the regions no rule may touch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import cleanpress
from cleanpress.batch.discover import FORMAT_BY_SUFFIX
from cleanpress.formats import FORMATS, detect_format, read_document
from cleanpress.formats.rst import looks_like_rst, rst_protected

CLI = "import sys; from cleanpress.cli import main; sys.exit(main())"
AD = "https://www.cpmrevenuegate.com/vt6hstxc?key=785582df3563a5011d6a42a72f53041eh"

README = f"""\
Project
=======

.. image:: https://img.shields.io/pypi/v/project.svg
   :target: {AD}

Project does things. Install it::

    pip install project
    # Advertisement
    {AD}

Usage
-----

.. code-block:: python

    import project
    print("Advertisement")
    url = "{AD}"

.. _homepage: {AD}

.. |badge| image:: {AD}

.. Advertisement
   {AD}

>>> project.run()
'{AD}'

See `the docs <https://project.readthedocs.io>`_ and the homepage_.
"""


def test_rst_is_a_format_and_a_file_suffix() -> None:
    assert "rst" in FORMATS
    assert FORMAT_BY_SUFFIX[".rst"] == "rst"
    assert FORMAT_BY_SUFFIX[".rest"] == "rst"


def test_auto_detects_rst() -> None:
    assert looks_like_rst(README)
    assert detect_format(README) == "rst"
    assert cleanpress.clean(README).format == "rst"


@pytest.mark.parametrize(
    "needle",
    [
        "pip install project",  # literal block after "::"
        'print("Advertisement")',  # code-block directive
        f".. _homepage: {AD}",  # hyperlink target
        f".. |badge| image:: {AD}",  # substitution definition
        f"   {AD}\n\n>>>",  # comment body
        f"'{AD}'",  # doctest block
        f":target: {AD}",  # directive option
        "`the docs <https://project.readthedocs.io>`_",  # embedded-URI reference
    ],
)
def test_rst_regions_are_protected(needle: str) -> None:
    start = README.index(needle)
    spans = rst_protected(README)
    assert all(any(a <= k < b for a, b in spans) for k in range(start, start + len(needle.rstrip(">\n"))))


def test_nothing_in_protected_regions_is_removed() -> None:
    result = cleanpress.clean(README, "rst")
    assert result.text == README, [r.text for r in result.removals]


def test_spam_in_rst_prose_still_goes() -> None:
    text = f"Title\n=====\n\nA paragraph of text.\n\n{AD}\n\nAdvertisement\n\nAnother paragraph.\n"
    result = cleanpress.clean(text, "rst")
    assert result.text == "Title\n=====\n\nA paragraph of text.\n\nAnother paragraph.\n"


def test_a_title_underline_is_not_a_literal_block() -> None:
    text = "Usage::\n=======\n\nText.\n"
    doc = read_document(text, "rst")
    assert doc.structure.keeps(0) == "section title"


def test_rst_reader_reads_crlf() -> None:
    text = README.replace("\n", "\r\n")
    assert cleanpress.clean(text, "rst").text == text


def test_cli_takes_format_rst(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"Intro::\n\n    {AD}\n\nEnd.\n\n{AD}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", CLI, "--format", "rst", str(path)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The literal block keeps its URL (an example); the URL in the prose goes.
    assert done.stdout.decode() == f"Intro::\n\n    {AD}\n\nEnd.\n"
