"""Golden files: generated text compared with a stored copy under tests/golden/.

Run the tests with ``UPDATE_GOLDEN=1`` to rewrite the stored copies after a deliberate
change, then read the diff before committing it.
"""

from __future__ import annotations

import os

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


def check_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``, or rewrite it under UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run the tests with UPDATE_GOLDEN=1 to create it"
    assert path.read_text(encoding="utf-8") == actual
