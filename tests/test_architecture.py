"""The package's floors: each part imports only the parts below it, and nothing imports back.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and are checked by
import-linter, whose import graph counts imports inside functions and under ``if
TYPE_CHECKING:`` as much as those at the top of a module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import interview_recovery

from .conftest import ROOT

PACKAGE = Path(interview_recovery.__file__).parent


def _lint(root: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter in its own process, finding the package under ``root`` first."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--config",
            str(config),
            "--no-cache",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package beside a copy of pyproject.toml, to break on purpose."""
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(PACKAGE, root / "interview_recovery", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_package_keeps_its_layer_and_acyclic_contracts() -> None:
    """Every import in the package, lazy and type-only ones included, points down a floor, and no
    two modules or subpackages import each other."""
    result = _lint(ROOT, ROOT / "pyproject.toml")
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_the_top_holds_the_public_face_and_the_parts_are_subpackages() -> None:
    """At most eight modules at the top of the package, and at least eight subpackages below it."""
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    subpackages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert modules == ["__init__.py", "__main__.py", "_version.py", "cli.py", "exceptions.py"]
    assert len(subpackages) >= 8
    assert all(name.startswith("_") for name in subpackages)


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # a lower floor importing a higher one at the top of a module
        ("_model/models.py", "from ..cli import main\n", "interview_recovery._model is not allowed to import"),
        # the same inside a function, where it would only run late
        (
            "_boundary/limits.py",
            "def _late():\n    from .._planning.plan import Plan\n    return Plan\n",
            "interview_recovery._boundary is not allowed to import",
        ),
        # an import only a type checker reads still points up
        (
            "_rules/operators.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .._notes.note import Note\n",
            "interview_recovery._rules is not allowed to import",
        ),
        # two modules of one subpackage that import each other, one of them lazily
        (
            "_debrief/inquiry.py",
            "def _late():\n    from . import debrief\n    return debrief\n",
            "No cycles are allowed in interview_recovery._debrief.",
        ),
    ],
)
def test_the_contracts_fail_on_an_import_that_points_the_wrong_way(
    package_copy: Path, module: str, line: str, broken: str
) -> None:
    """An import that goes up a floor, or closes a circle, breaks a contract and fails this suite."""
    path = package_copy / "interview_recovery" / module
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "\n\n" + line, encoding="utf-8")
        result = _lint(package_copy, package_copy / "pyproject.toml")
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert broken in result.stdout, result.stdout + result.stderr
