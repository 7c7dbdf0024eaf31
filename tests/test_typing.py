"""The package type-checks under mypy's strict mode, so its public API is typed as documented."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_package_passes_mypy_strict() -> None:
    """mypy --strict (configured in pyproject.toml) finds no error in the package."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "interview_recovery"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    assert done.stdout.startswith("Success: no issues found")
