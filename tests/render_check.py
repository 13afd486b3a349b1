"""What a renderer says about a document: docutils for reStructuredText, markdown-it-py for
Markdown (development dependencies). Messages carry no line numbers, so that the problems of a
document before and after cleaning can be compared: :func:`new_problems`."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import regex as re


def _norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()


_MD_REF_FULL = re.compile(
    r"(?<![\\\]])\[(?P<text>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]\[(?P<label>(?:[^\[\]\\]|\\.){0,999})\]"
)
_LINE_NO = re.compile(r"\bline \d+\b")


def render_problems(text: str, fmt: str) -> list[str]:
    """Problems a renderer reports on ``text``: for reST, docutils system messages of level
    WARNING or above (no file insertion, no raw directive, nothing printed); for Markdown,
    reference-style links with no definition, links/images with an empty destination, and
    unclosed code fences (markdown-it-py). Messages carry no line numbers so that the problems
    of two versions of a document can be compared."""
    if fmt == "rst":
        return _rst_problems(text)
    if fmt == "markdown":
        return _md_problems(text)
    return []


def new_problems(before: str, after: str, fmt: str) -> list[str]:
    """Problems of ``after`` that ``before`` does not have (as a multiset difference)."""
    diff = Counter(render_problems(after, fmt)) - Counter(render_problems(before, fmt))
    return sorted(diff.elements())


def _rst_problems(text: str) -> list[str]:
    from docutils import nodes
    from docutils.core import publish_doctree
    from docutils.readers.standalone import Reader

    collected: list[nodes.system_message] = []

    class _CollectingReader(Reader):  # type: ignore[type-arg]
        def new_document(self) -> nodes.document:
            document = super().new_document()
            document.reporter.attach_observer(collected.append)
            return document

    settings = {
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": io.StringIO(),
        "file_insertion_enabled": False,
        "raw_enabled": False,
        "_disable_config": True,
        "input_encoding": "unicode",
        "traceback": True,
        "embed_stylesheet": False,
    }
    try:
        publish_doctree(text, reader=_CollectingReader(), settings_overrides=settings)
    except Exception as exc:  # a crash in the renderer is a problem too
        return [f"CRASH: {type(exc).__name__}"]
    out: list[str] = []
    for msg in collected:
        level = int(msg.get("level", 0))
        if level < 2:
            continue
        body = msg.children[0].astext() if msg.children else msg.astext()
        name = {2: "WARNING", 3: "ERROR", 4: "SEVERE"}.get(level, str(level))
        out.append(f"{name}: {_LINE_NO.sub('line N', body)}")
    return out


def _md_problems(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    defined = {_norm_label(k) for k in env.get("references", {})}
    out: list[str] = []
    src_lines = text.splitlines()
    for tok in tokens:
        if tok.type == "fence" and tok.map is not None:
            last = src_lines[tok.map[1] - 1].strip() if tok.map[1] - 1 < len(src_lines) else ""
            ch = tok.markup[:1]
            if tok.map[1] - 1 == tok.map[0] or not (last.startswith(tok.markup) and set(last) == {ch}):
                out.append(f"unclosed fence {tok.markup}")
        if tok.type != "inline" or not tok.children:
            continue
        buf: list[str] = []
        for child in [*tok.children, None]:
            if child is not None and child.type in ("text", "softbreak", "code_inline"):
                buf.append(child.content if child.type != "softbreak" else "\n")
                if child.type == "code_inline":
                    buf.append("\x00")  # code spans break reference syntax
                continue
            joined = "".join(buf)
            buf = []
            for m in _MD_REF_FULL.finditer(joined):
                label = m.group("label") if m.group("label").strip() else m.group("text")
                if _norm_label(label) not in defined and "\x00" not in m.group(0):
                    out.append(f"undefined reference [{_norm_label(label)}]")
            if child is not None and child.type in ("link_open", "image"):
                attr = "href" if child.type == "link_open" else "src"
                if not str(child.attrGet(attr) or "").strip():
                    out.append(f"empty {'link' if attr == 'href' else 'image'} destination")
    return out
