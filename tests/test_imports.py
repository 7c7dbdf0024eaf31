"""The package's modules import one another one way only: no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import interview_recovery

PACKAGE = Path(interview_recovery.__file__).parent


def _module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement at any depth (functions, methods, try blocks), except those
    only a type checker runs (``if TYPE_CHECKING:``)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module name -> the modules of the same package it imports, read from the source with ast."""
    paths = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    stem = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    stem = node.module or ""
                # `from x import y` takes the module x.y where there is one, else the name y of x.
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in graph else stem for a in node.names]
            graph[name].update(t for t in targets if t in graph and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(found)


def test_the_package_has_no_import_cycle() -> None:
    """No module of the package imports, directly or not and at any level, a module that imports it back."""
    graph = import_graph(PACKAGE)
    assert len(graph) > 20  # the whole package was read
    assert cycles(graph) == []


def test_rule_files_and_packs_do_not_call_each_other() -> None:
    """Reading a rule file never calls back into the pack loader built on it."""
    graph = import_graph(PACKAGE)
    assert "interview_recovery._rules.ruleset" in graph["interview_recovery._rules.packs"]
    assert "interview_recovery._rules.packs" not in graph["interview_recovery._rules.ruleset"]


def test_the_data_types_import_nothing_of_the_package() -> None:
    """The incident and plan-part models sit lowest, with the limits they check text against:
    every module may use them, and the limits import nothing of the package at all."""
    graph = import_graph(PACKAGE)
    leaves = {"interview_recovery.exceptions", "interview_recovery._boundary.limits"}
    assert (set(), set()) == (
        graph["interview_recovery._model.models"] - leaves,
        graph["interview_recovery._boundary.limits"],
    )


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # a function-level import closing a circle of two
        ({"a.py": "from . import b\n", "b.py": "def f():\n    from .a import x\n"}, [["pkg.a", "pkg.b"]]),
        # a circle of three through a subpackage and its __init__
        (
            {
                "a.py": "from .sub import c\n",
                "sub/__init__.py": "",
                "sub/c.py": "from ..b import y\n",
                "b.py": "import pkg.a\n",
            },
            [["pkg.a", "pkg.b", "pkg.sub.c"]],
        ),
        # imports only a type checker runs are no circle
        (
            {
                "a.py": "from .b import x\n",
                "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n",
            },
            [],
        ),
        # an else branch of `if TYPE_CHECKING` runs, so it counts
        (
            {"a.py": "from .b import x\n", "b.py": "if TYPE_CHECKING:\n    pass\nelse:\n    from .a import y\n"},
            [["pkg.a", "pkg.b"]],
        ),
    ],
)
def test_the_cycle_finder_finds_cycles(tmp_path: Path, files: dict[str, str], expected: list[list[str]]) -> None:
    """The check itself catches circles at any depth, and leaves type-only imports out."""
    root = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    assert expected == cycles(import_graph(root))
