"""Shared fixtures: the repository's folders and a factory for valid incidents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# `pytest --hypothesis-profile=thorough` runs the property tests that follow the profile (the
# differential test over generated rule packs, for one) with many more examples than CI does.
settings.register_profile("thorough", max_examples=2_000, deadline=None)
# `make mutate` (tests/mutation/run.py) runs the suite once per planted bug: the same draws every time,
# no examples replayed from an earlier run, and no deadline, since a mutant's process is slowed
# by tracing and by the other mutants beside it.
settings.register_profile("mutation", derandomize=True, database=None, deadline=None)

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
DEFAULT_PACK = RULES / "default"


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT


QUICKSTART = ROOT / "docs" / "quickstart.ipynb"


@pytest.fixture(scope="session")
def quickstart() -> Any:
    """The quickstart notebook, executed top to bottom once per run in a real ipykernel."""
    import nbformat
    from nbclient import NotebookClient

    with pytest.MonkeyPatch.context() as patch:
        # jupyter_core warns (DeprecationWarning) until told to use the platform's standard folders.
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        notebook = nbformat.read(QUICKSTART, as_version=4)
        NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(QUICKSTART.parent)}}
        ).execute()
    return notebook
