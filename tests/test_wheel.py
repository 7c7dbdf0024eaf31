"""The package as users get it: the sdist and wheel ``python -m build`` makes, checked as PyPI would, and installed.

The distributions are built once per run (``python -m build`` makes the sdist, then the wheel
from the sdist, so a file the sdist leaves out breaks the wheel too) and shared by the tests.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

# Files that are never part of a distribution, wherever they sit.
_LEFT_OUT = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _files(folder: str) -> set[str]:
    """The files of a folder of this tree that a distribution should carry, relative to the root."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and not _LEFT_OUT & set(path.relative_to(ROOT).parts) and path.suffix != ".pyc"
    }


def _version(wheel: Path) -> str:
    """The version a wheel's file name carries."""
    return wheel.name.split("-")[1]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the sdist and the wheel that ``python -m build`` makes from this tree."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    """The wheel."""
    (path,) = dist.glob("interview_recovery-*-py3-none-any.whl")
    return path


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    """The source distribution."""
    (path,) = dist.glob("interview_recovery-*.tar.gz")
    return path


def test_twine_check_strict_passes_both(dist: Path, wheel: Path, sdist: Path) -> None:
    """``twine check --strict`` finds nothing wrong with the sdist or the wheel (metadata, README rendering)."""
    output = _run(sys.executable, "-m", "twine", "--no-color", "check", "--strict", sdist.name, wheel.name, cwd=dist)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    assert sorted([f"Checking {sdist.name}: PASSED", f"Checking {wheel.name}: PASSED"]) == sorted(lines)


def test_wheel_carries_the_package_rules_types_and_licence(wheel: Path) -> None:
    """The wheel holds every module, rule, phrasing and schema file, ``py.typed`` and the licence, and no tests."""
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = f"interview_recovery-{_version(wheel)}.dist-info"
    expected = {
        *(name for name in _files("interview_recovery")),
        *(f"interview_recovery/{name}" for name in _files("rules")),
        f"{dist_info}/licenses/LICENSE",
    }
    assert "interview_recovery/py.typed" in expected
    assert {
        "interview_recovery/rules/phrasings/default.yaml",
        "interview_recovery/rules/schemas/rules.schema.json",
    } <= expected
    assert set() == expected - names
    assert sorted(name for name in names if name.startswith(("tests/", "docs/", "benchmarks/"))) == []
    licence = zipfile.ZipFile(wheel).read(f"{dist_info}/licenses/LICENSE").decode()
    assert (ROOT / "LICENSE").read_text(encoding="utf-8") == licence


def test_wheel_metadata_declares_licence_and_classifiers(wheel: Path) -> None:
    """The wheel's METADATA carries the licence expression and file and the classifiers, and no
    project link that would lead nowhere."""
    dist_info = f"interview_recovery-{_version(wheel)}.dist-info"
    metadata = HeaderParser().parsestr(zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode())
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata.get_all("Project-URL") is None
    assert "License :: OSI Approved :: MIT License" in (metadata.get_all("Classifier") or [])


def test_sdist_carries_what_downstream_needs_to_run_the_suite(sdist: Path) -> None:
    """The sdist holds the package, rules, tests, docs, benchmarks, licence, changelog, README, Makefile, pyproject."""
    with tarfile.open(sdist) as archive:
        root = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(f"{root}/") for name in archive.getnames()}
    expected = {
        *(_files("interview_recovery")),
        *(_files("rules")),
        *(_files("tests")),
        *(_files("docs")),
        *(_files("benchmarks")),
        "LICENSE",
        "CHANGELOG.md",
        "README.md",
        "Makefile",
        "pyproject.toml",
    }
    assert {"tests/test_wheel.py", "docs/conf.py", "docs/quickstart.md"} <= expected
    assert set() == expected - names


def test_installed_wheel_finds_its_rules_and_knows_its_version(tmp_path: Path, wheel: Path) -> None:
    """A wheel installed in a clean virtualenv decides from the rule files it ships, and reports its own version."""
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)

    script = (
        "from interview_recovery import recommend; print(recommend([{'kind': 'slip', 'description': "
        "'Called her Mary', 'noticed': 'certain', 'realised_later': True}]).decisions[0].action)"
    )
    assert _run(python, "-c", script, cwd=tmp_path) == "apologise\n"

    where = "from interview_recovery._rules.ruleset import rules_dir; print(rules_dir())"
    rules = Path(_run(python, "-c", where, cwd=tmp_path).strip())
    assert env in rules.parents
    assert (rules / "default" / "pack.yaml").is_file()

    version = "import interview_recovery as ir, importlib.metadata as m; print(ir.__version__, m.version(ir.__name__))"
    assert f"{_version(wheel)} {_version(wheel)}\n" == _run(python, "-c", version, cwd=tmp_path)
