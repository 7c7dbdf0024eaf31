"""The public API is exactly what ``__all__`` says, sorted (as httpx tests its own)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

import interview_recovery


def test_all_is_sorted() -> None:
    """``__all__`` is kept sorted, so additions are easy to review."""
    assert sorted(interview_recovery.__all__) == interview_recovery.__all__


def test_all_is_complete() -> None:
    """Every public name the package exposes is in ``__all__``, and every name there exists."""
    public = {name for name in dir(interview_recovery) if not name.startswith("_")}
    modules = {"cli", "exceptions"}
    dunders = {"__version__"}
    assert set(interview_recovery.__all__) == (public - modules) | dunders


def test_the_lazy_homes_are_the_imports_type_checkers_read() -> None:
    """Each public name is loaded from the module its ``TYPE_CHECKING`` import names, and every name is there."""
    tree = ast.parse(Path(interview_recovery.__file__).read_text(encoding="utf-8"))
    typed = {
        alias.name: "." * node.level + (node.module or "")
        for block in tree.body
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == {name: module for module, names in interview_recovery._HOMES.items() for name in names}
    assert sorted(typed) == sorted(interview_recovery.__all__)


def test_importing_the_package_loads_no_part_of_it_until_a_name_is_used() -> None:
    """``import interview_recovery`` imports none of its modules, nor pydantic; ``recommend`` no authoring tool."""
    code = (
        "import sys, interview_recovery as ir\n"
        "print(sorted(m for m in sys.modules if m.startswith(('interview_recovery', 'pydantic'))))\n"
        "ir.recommend\n"
        "print(sorted(m for m in sys.modules if m.startswith(('interview_recovery._authoring', "
        "'interview_recovery._debrief'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "['interview_recovery']\n[]\n"


def test_public_objects_say_they_come_from_the_package() -> None:
    """Every exported class and function has ``__module__`` set to the package, and is exported under its own name."""
    objects = {name: getattr(interview_recovery, name) for name in interview_recovery.__all__}
    defined = {name: obj for name, obj in objects.items() if inspect.isclass(obj) or inspect.isfunction(obj)}
    assert len(defined) > 40
    assert {name: "interview_recovery" for name in defined} == {name: obj.__module__ for name, obj in defined.items()}
    assert {name: name for name in defined} == {name: obj.__name__ for name, obj in defined.items()}


def _namespace() -> dict[str, Any]:
    # Every name of every module of the package, for resolving annotations written as strings
    # (modules imported only when needed, too).
    names: dict[str, Any] = {"pandas": pytest.importorskip("pandas")}
    for info in pkgutil.walk_packages(interview_recovery.__path__, "interview_recovery."):
        if not info.name.endswith(".__main__"):  # which runs the command
            importlib.import_module(info.name)
    for module_name, module in sorted(sys.modules.items()):
        if module_name.startswith("interview_recovery."):
            names.update({key: value for key, value in vars(module).items() if key not in names})
    return {**names, **vars(interview_recovery)}


def _hints(obj: Any, namespace: dict[str, Any]) -> list[Any]:
    """The annotations of a class's public fields, and of its public methods' and properties' signatures
    (or of a function's signature)."""
    found: list[Any] = []
    functions: list[Any] = [obj] if inspect.isfunction(obj) else []
    if inspect.isclass(obj):
        hints = typing.get_type_hints(obj, localns=namespace)
        found.extend(value for key, value in hints.items() if not key.startswith("_"))
        for name, member in vars(obj).items():
            if name.startswith("_"):
                continue
            member = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
            if inspect.isfunction(member):
                functions.append(member)
    for function in functions:
        found.extend(typing.get_type_hints(function, globalns=function.__globals__, localns=namespace).values())
    return found


def _classes(annotation: Any) -> set[type]:
    found = {annotation} if inspect.isclass(annotation) else set()
    for part in (typing.get_origin(annotation), *typing.get_args(annotation)):
        if part is not None:
            found |= _classes(part)
    return found


def test_every_type_in_a_public_signature_or_attribute_is_exported() -> None:
    """From the exported names, public signatures and attributes lead only to exported classes of the package."""
    namespace = _namespace()
    exported = {id(getattr(interview_recovery, name)) for name in interview_recovery.__all__}
    todo = [getattr(interview_recovery, name) for name in interview_recovery.__all__]
    seen: set[int] = set()
    missing: set[str] = set()
    while todo:
        obj = todo.pop()
        if id(obj) in seen or not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        seen.add(id(obj))
        for cls in {cls for annotation in _hints(obj, namespace) for cls in _classes(annotation)}:
            if any(cls is value for value in namespace.values()) and cls.__module__.startswith("interview_recovery"):
                if id(cls) not in exported:
                    missing.add(cls.__qualname__)
                todo.append(cls)
    assert len(seen) > 40
    assert set() == missing


def test_type_hints_of_every_exported_class_resolve() -> None:
    """typing.get_type_hints() works on every exported class, though its __module__ names the package."""
    classes = [getattr(interview_recovery, name) for name in interview_recovery.__all__]
    hints = {cls.__name__: typing.get_type_hints(cls) for cls in classes if inspect.isclass(cls)}
    assert "Literal['unreadable', 'schema'" in str(hints["RuleIssue"]["code"])
