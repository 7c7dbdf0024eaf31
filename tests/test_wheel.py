"""The package as users get it: a wheel built from this tree, installed in a clean virtualenv."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow
def test_installed_wheel_finds_its_rules(tmp_path: Path) -> None:
    """A wheel installed in a clean virtualenv decides from the rule files it ships, not from this checkout."""
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("interview_recovery-*.whl")
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)

    script = (
        "from interview_recovery import recommend; print(recommend([{'kind': 'slip', 'description': "
        "'Called her Mary', 'noticed': 'certain', 'realised_later': True}]).decisions[0].action)"
    )
    assert _run(python, "-c", script, cwd=tmp_path) == "apologise\n"

    where = "from interview_recovery._rules import rules_dir; print(rules_dir())"
    rules = Path(_run(python, "-c", where, cwd=tmp_path).strip())
    assert env in rules.parents
    assert (rules / "default" / "pack.yaml").is_file()
