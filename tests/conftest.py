"""Shared fixtures: the repository's folders and a factory for valid incidents."""

from __future__ import annotations

import os
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


def _mutants_named_by_their_home() -> None:
    """Give mutmut's copies of a public class's methods back the name of the module that defines them.

    mutmut keeps a method's original and its mutants as members of the class (``xǁPlanǁnote__mutmut_3``)
    and names the function it sees a test reach by the original's ``__module__``. The package
    publishes its public classes under its own name, methods included (so that their doctests are
    found under the class), which would file every test of a public class's methods under a name
    no mutant has: those mutants would run against almost no test and survive for nothing.
    """
    import interview_recovery as package

    publish = package._publish

    def home_again() -> None:
        for cls in [value for value in vars(package).values() if isinstance(value, type)]:
            for name, member in vars(cls).items():
                function = getattr(member, "__func__", getattr(member, "fget", member))
                if "ǁ" in name and getattr(function, "__module__", None) == package.__name__:
                    function.__module__ = function.__globals__["__name__"]

    def published() -> None:
        publish()
        home_again()

    package._publish = published  # type: ignore[attr-defined]
    home_again()


if "MUTANT_UNDER_TEST" in os.environ:  # set by mutmut, in the processes that run a mutant's tests
    _mutants_named_by_their_home()

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
