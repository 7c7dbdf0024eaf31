"""Sphinx configuration: the Markdown pages of docs/ (MyST) and an API reference generated from the docstrings.

The build is strict (``make docs`` runs docs/build_site.py): a broken link, a reference
that resolves to nothing, or a docstring that does not render is an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from interview_recovery import __version__

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "interview-recovery"
author = "the interview-recovery authors"
copyright = f"%Y, {author}"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "public_api",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "examples"]
# Headings become link targets, so pages can link to [a section](page.md#a-section).
myst_heading_anchors = 3

# Every reference must resolve (to this package, or to a real object of the standard library
# or a dependency: see _ext/public_api.py).
nitpicky = True

autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
    "show-inheritance": True,
    # pydantic's own configuration and the hook it adds for private attributes; the fields are
    # listed from the model instead.
    "exclude-members": "model_config,model_post_init",
}
autodoc_typehints = "signature"
# The widget takes any debrief through a protocol of its own floor, since it may not import the
# debrief above it; people meet it as the Debrief it is given.
autodoc_type_aliases = {"Consultation": "interview_recovery.Debrief"}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = f"interview-recovery {release}"
html_show_sourcelink = False
html_copy_source = False
