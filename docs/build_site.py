"""Build the documentation site strictly (``make docs``): any warning fails the build.

Usage: ``python docs/build_site.py [SOURCE [OUTPUT]]`` (by default ``docs`` into ``site``).
A broken link, a reference that resolves to nothing or a docstring that does not render is a
warning, and every warning is reported (``--keep-going``) before the build fails.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# html; warnings are errors (-W), all of them reported (--keep-going); every reference must
# resolve (-n, nitpicky); a fresh environment (-E), so the warnings of unchanged pages come
# back on every build; only warnings printed (-q).
STRICT = ["-b", "html", "-W", "--keep-going", "-n", "-E", "-q"]


def build(source: Path, output: Path) -> int:
    """Build the site from ``source`` into ``output`` and return sphinx-build's exit code (0: no warning)."""
    with tempfile.TemporaryDirectory(prefix="doctrees-") as doctrees:
        command = [sys.executable, "-m", "sphinx", *STRICT, "-d", doctrees, str(source), str(output)]
        return subprocess.run(command, check=False).returncode


def main(argv: list[str]) -> int:
    """Build the site named by the command line; print where it is on success."""
    source = Path(argv[0]) if argv else ROOT / "docs"
    output = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    code = build(source, output)
    if code == 0:
        print(f"built {output / 'index.html'}")
    else:
        print(f"the documentation did not build cleanly from {source}: fix the warnings above", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
