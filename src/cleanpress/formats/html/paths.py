"""CSS-like paths such as `html > body > div#main > article > p:nth-of-type(3)`."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass
class PathBuilder:
    """Caches sibling positions per parent so many paths cost O(total siblings)."""

    _positions: dict[etree._Element, dict[etree._Element, tuple[int, int]]] = field(default_factory=dict)
    _paths: dict[etree._Element, str] = field(default_factory=dict)

    def _position(self, el: etree._Element) -> tuple[int, int]:
        parent = el.getparent()
        if parent is None:
            return 1, 1
        table = self._positions.get(parent)
        if table is None:
            counts: dict[str, int] = {}
            table = {}
            for child in parent:
                tag = child.tag
                if isinstance(tag, str):
                    counts[tag] = counts.get(tag, 0) + 1
                    table[child] = (counts[tag], 0)
            table = {c: (n, counts[str(c.tag)]) for c, (n, _) in table.items()}
            self._positions[parent] = table
        return table.get(el, (1, 1))

    def step(self, el: etree._Element) -> str:
        tag = el.tag if isinstance(el.tag, str) else "#comment"
        el_id = el.get("id")
        if el_id and " " not in el_id:
            return f"{tag}#{el_id}"
        n, total = self._position(el)
        return f"{tag}:nth-of-type({n})" if total > 1 else tag

    def path(self, el: etree._Element) -> str:
        cached = self._paths.get(el)
        if cached is not None:
            return cached
        chain: list[etree._Element] = []
        node: etree._Element | None = el
        prefix = ""
        while node is not None:
            hit = self._paths.get(node)
            if hit is not None:
                prefix = hit
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            prefix = f"{prefix} > {self.step(n)}" if prefix else self.step(n)
            self._paths[n] = prefix
        return prefix
