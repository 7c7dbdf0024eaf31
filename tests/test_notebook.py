"""The quickstart notebook runs top to bottom in a real Jupyter kernel and shows what it says."""

from __future__ import annotations

import nbformat


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/html", output["data"].get("text/plain", "")))
    return "".join(parts)


def test_quickstart_notebook_executes(quickstart: nbformat.NotebookNode) -> None:
    """Every cell of the quickstart notebook runs without error in an ipykernel, and the plan,
    the explanation, the note, a note with its gaps and warnings marked, and the DataFrame show in its outputs."""
    outputs = [_text(cell) for cell in quickstart.cells if cell.cell_type == "code"]
    expected = [True, True, True, True, True, True, True]
    actual = [
        '<div class="interview-recovery-plan">' in outputs[0],
        "it would be apologised for if noticed were 'certain'" in outputs[1],
        "would be apologised for if apologised_in_person were false" in outputs[2],
        "I'm sorry that I called you Mary instead of Marie" in outputs[3] and "water" not in outputs[3],
        "a family emergency that morning" in outputs[4],
        '<mark class="ir-gap"' in outputs[5] and '<span class="ir-flag"' in outputs[5],
        "apologise-slip-realised-later" in outputs[6],
    ]
    assert expected == actual
