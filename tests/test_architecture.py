"""The layering of ``src/cleanpress``, read from the import statements (no dependency needed).

* nothing outside the CLI imports the CLI;
* nothing outside the CLI and ``batch/`` imports ``batch/``;
* ``detect/`` never imports the engine;
* no import cycles among the modules (imports only for type checking do not count).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "cleanpress"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            stack.append(child)
    return found


@cache
def imports(module: str) -> frozenset[str]:
    """The cleanpress modules ``module`` imports at run time (at any depth of its code)."""
    known = modules()
    path = known[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base]).strip(".")
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names = [arg.value]
        found.update(name for name in names if name in known and name != module)
    return frozenset(found)


def _in(module: str, area: str) -> bool:
    return module == area or module.startswith(area + ".")


def test_the_module_list_is_read() -> None:
    assert {
        "cleanpress.engine",
        "cleanpress.cli",
        "cleanpress.detect.registry",
        "cleanpress.batch.files",
    } <= set(modules())
    assert "cleanpress.engine" in imports("cleanpress.batch.files")


# The command line: the click commands and the entry point that answers --version before them.
CLI = ("cleanpress.cli", "cleanpress.__main__")


def test_nothing_outside_the_cli_imports_it() -> None:
    offenders = [m for m in modules() if m not in CLI and "cleanpress.cli" in imports(m)]
    assert offenders == []


def test_only_the_cli_and_batch_import_batch() -> None:
    offenders = {
        m: sorted(i for i in imports(m) if _in(i, "cleanpress.batch"))
        for m in modules()
        if m not in CLI and not _in(m, "cleanpress.batch")
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_detectors_never_import_the_engine() -> None:
    offenders = [m for m in modules() if _in(m, "cleanpress.detect") and "cleanpress.engine" in imports(m)]
    assert offenders == []


def test_no_import_cycles() -> None:
    graph = {m: imports(m) for m in modules()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("kind", ["url-domain", "line-pattern", "repeated-line", "invisible-chars"])
def test_a_kind_is_one_module_and_one_registry_entry(kind: str) -> None:
    from cleanpress.detect.registry import KINDS, detector

    module = detector(kind)
    assert module.__name__ == f"cleanpress.detect.{KINDS[kind].module}"
    assert callable(module.compile)
    assert callable(module.judge if KINDS[kind].stage == "link" else module.find)
