"""The Markdown docs run: every ``python``, ``pycon`` and ``console`` block in README.md and docs/.

Conventions, so that docs cannot rot:

* ``python`` blocks run in order, sharing one namespace per document, from the repository root;
* ``pycon`` blocks are doctests (``>>>`` lines and their expected output), in the same namespace;
* ``console`` blocks hold ``$ command`` lines, each followed by its exact standard output; a last
  output line ``[exit N]`` states a non-zero exit code. Commands run in bash from the
  repository root with this interpreter's ``bin`` first on ``PATH``.

Blocks in any other language (``sh``, ``text``, ``yaml``...) are shown, not run.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])


def blocks(path: Path) -> list[tuple[str, str, int]]:
    """The fenced blocks of a Markdown file: (language, body, line number)."""
    text = path.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _FENCE.finditer(text)]


def run_console(body: str, where: str) -> None:
    """Run each ``$ command`` of a console block and compare its output and exit code."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    assert commands, f"{where}: a console block needs at least one '$ command' line"
    for command, expected_lines in commands:
        code = 0
        if expected_lines and re.fullmatch(r"\[exit \d+\]", expected_lines[-1]):
            code = int(expected_lines.pop()[6:-1])
        done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        actual = "\n".join(line.rstrip() for line in done.stdout.rstrip("\n").splitlines())
        expected = "\n".join(line.rstrip() for line in expected_lines).rstrip("\n")
        assert (code, expected) == (done.returncode, actual), f"{where}: $ {command}\n{done.stderr}"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_doc_blocks_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runnable block of the document runs, and shows what it claims to show."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": f"doc:{path.name}"}
    for language, body, line in blocks(path):
        where = f"{path.relative_to(ROOT)}:{line}"
        if language == "python":
            exec(compile(body, where, "exec"), namespace)
        elif language == "pycon":
            test = doctest.DocTestParser().get_doctest(body, namespace, where, str(path), line)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            # The namespace is shared with the document's other blocks: keep it after the run.
            runner.run(test, out=lambda text, where=where: pytest.fail(f"{where}:\n{text}"), clear_globs=False)
        elif language == "console":
            run_console(body, where)


def test_console_blocks_catch_wrong_output_and_exit_codes() -> None:
    """A console block whose output or exit code differs from the command's fails the test."""
    run_console("$ echo hello\nhello\n$ exit 3\n[exit 3]\n", "example")
    with pytest.raises(AssertionError):
        run_console("$ echo hello\ngoodbye\n", "example")
    with pytest.raises(AssertionError):
        run_console("$ exit 1\n", "example")
