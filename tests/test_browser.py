"""The plan as people see it: Jupyter's own page for the notebook, opened in headless Chromium.

The quickstart notebook is executed, converted to HTML by nbconvert with JupyterLab's template
in its light and its dark theme, and opened at 800 px wide. A second page holds plans made to
be awkward (markup in every text, a word too long for any column, nothing to say). The tests
read what the browser computed: alignment, layout, colours. Screenshots of each page and of
each plan are written to ``test-artifacts/browser/`` for people to look at.

Chromium is Debian's (``make test`` installs it where missing); ``CHROMIUM`` names another.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from interview_recovery import recommend

from .conftest import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WIDTH = 800
THEMES = ("light", "dark")
PLAN = ".interview-recovery-plan"
LAUNCH_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LONG_WORD = "Supercalifragilistic" * 12
HOSTILE = '<script>document.title="hacked"</script><img src=x onerror="document.title=1">'

# What the page reports about each plan: every fact the tests below judge, computed by Chromium.
MEASURE = """
(selector) => {
  const chain = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      layers.push({bg: s.backgroundColor, image: s.backgroundImage, opacity: s.opacity});
    }
    return layers;
  };
  const ownText = (el) => [...el.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
  return [...document.querySelectorAll(selector)].map((root) => {
    const output = root.closest('.jp-OutputArea-output') || root.parentElement;
    const limit = output.getBoundingClientRect().right;
    const elements = [root, ...root.querySelectorAll('*')];
    return {
      text: root.textContent,
      tags: elements.map((e) => e.tagName.toLowerCase()),
      prose: [...root.querySelectorAll('td, th, caption, li, p')].map((e) => ({
        tag: e.tagName.toLowerCase(), align: getComputedStyle(e).textAlign, text: e.textContent.slice(0, 60)})),
      overflow: {
        root: [root.scrollWidth, root.clientWidth],
        output: [output.scrollWidth, output.clientWidth],
        past: elements.filter((e) => e.getBoundingClientRect().right > limit + 0.5)
          .map((e) => e.tagName.toLowerCase() + ': ' + e.textContent.slice(0, 40)),
      },
      rows: [...root.querySelectorAll('table.ir-decisions > tbody > tr')].map((tr) => ({
        judgment: [...tr.querySelectorAll('.ir-judgment')].filter((j) => j.offsetWidth > 0).length,
        badges: [...tr.querySelectorAll('.ir-badge')].map((b) => {
          const s = getComputedStyle(b);
          return {text: b.textContent, channel: b.dataset.channel, width: b.offsetWidth, height: b.offsetHeight,
                  visibility: s.visibility, border: s.borderTopColor, background: s.backgroundColor};
        }),
      })),
      texts: elements.filter((e) => ownText(e) && e.offsetWidth > 0).map((e) => ({
        text: ownText(e).slice(0, 60), color: getComputedStyle(e).color, layers: chain(e)})),
    };
  });
}
"""


def _stress_notebook() -> nbformat.NotebookNode:
    """A notebook whose outputs are plans made to be awkward, rendered here rather than in a kernel."""
    plans = {
        "Markup in every piece of text": recommend(
            [
                {"kind": "slip", "id": HOSTILE, "description": HOSTILE, "noticed": "certain"},
                {"kind": "off_target_answer", "description": "A & B", "noticed": "certain", "better_answer": HOSTILE},
                {"kind": "knowledge_gap", "description": "Quotes \" ' and <b>tags</b>"},
            ]
        ),
        "A word longer than any column": recommend(
            [{"kind": "omission", "description": LONG_WORD, "category": "skill", "id": LONG_WORD}]
        ),
        "Nothing but private things": recommend(
            [{"kind": "difficult_question", "description": "Where do you see yourself in five years?"}]
        ),
        "No incidents at all": recommend([]),
    }
    cells = []
    for title, plan in plans.items():
        cells.append(nbformat.v4.new_markdown_cell(f"## {title}"))
        output = nbformat.v4.new_output(
            "display_data", data={"text/html": plan._repr_html_(), "text/plain": str(plan)}, metadata={}
        )
        cells.append(nbformat.v4.new_code_cell("plan", outputs=[output], execution_count=len(cells)))
    return nbformat.v4.new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def _rgba(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour as (r, g, b, alpha), channels 0-255 and alpha 0-1."""
    numbers = [float(n) for n in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", css)]
    if css.startswith("rgb"):
        return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)
    if css.startswith("color(srgb"):
        return (numbers[0] * 255, numbers[1] * 255, numbers[2] * 255, numbers[3] if len(numbers) > 3 else 1.0)
    raise AssertionError(f"cannot read the computed colour {css!r}: teach _rgba this notation")


def _over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """``top`` painted over an opaque colour ``below``."""
    r, g, b, a = top
    return (r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a))


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(text: dict[str, Any]) -> float:
    """The WCAG contrast ratio of an element's text against the background it is drawn on."""
    background = (255.0, 255.0, 255.0)  # the canvas, under the root element
    for layer in reversed(text["layers"]):
        assert (layer["image"], layer["opacity"]) == ("none", "1"), f"{text['text']!r}: cannot judge {layer}"
        background = _over(_rgba(layer["bg"]), background)
    lighter, darker = sorted((_luminance(_over(_rgba(text["color"]), background)), _luminance(background)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(scope="module")
def pages(quickstart: nbformat.NotebookNode) -> Iterator[dict[tuple[str, str], list[dict[str, Any]]]]:
    """Each notebook in each theme, opened in Chromium at 800 px: what the page reports about its plans."""
    try:
        from nbconvert import HTMLExporter
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"{exc}: install the dev dependencies ('make .venv/bin/.installed' or pip install --group dev)")
    if not CHROMIUM.is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: 'make test' installs Debian's (apt-get install -y chromium); "
            "elsewhere set CHROMIUM=/path/to/chromium"
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    notebooks = {"quickstart": quickstart, "awkward": _stress_notebook()}
    reports: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_FLAGS)
        try:
            for (name, notebook), theme in ((item, theme) for item in notebooks.items() for theme in THEMES):
                body, _ = HTMLExporter(template_name="lab", theme=theme).from_notebook_node(
                    notebook, resources={"metadata": {"name": name}}
                )
                path = ARTIFACTS / f"{name}-{theme}.html"
                path.write_text(body, encoding="utf-8")
                page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
                # The template links scripts on the internet (MathJax, require.js): the view needs none.
                page.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
                page.goto(path.as_uri())
                page.screenshot(path=ARTIFACTS / f"{name}-{theme}.png", full_page=True)
                for n, plan in enumerate(page.locator(PLAN).all(), 1):
                    plan.screenshot(path=ARTIFACTS / f"{name}-{theme}-plan-{n}.png")
                reports[name, theme] = [
                    *page.evaluate(MEASURE, PLAN),
                    {"title": page.title(), "body": page.evaluate("getComputedStyle(document.body).backgroundColor")},
                ]
                page.close()
        finally:
            browser.close()
    yield reports


CASES = [(name, theme) for name in ("quickstart", "awkward") for theme in THEMES]


def _plans(pages: dict[tuple[str, str], list[dict[str, Any]]], case: tuple[str, str]) -> list[dict[str, Any]]:
    return pages[case][:-1]


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_every_prose_cell_is_left_aligned(
    pages: dict[tuple[str, str], list[dict[str, Any]]], case: tuple[str, str]
) -> None:
    """Every table cell, caption, list item and paragraph of every plan computes text-align: left."""
    prose = [p for plan in _plans(pages, case) for p in plan["prose"]]
    assert prose
    assert [p for p in prose if p["align"] != "left"] == []


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_nothing_overflows_at_800_px(pages: dict[tuple[str, str], list[dict[str, Any]]], case: tuple[str, str]) -> None:
    """At 800 px no plan is wider than its output area, none scrolls sideways, and no element sticks out."""
    overflow = [plan["overflow"] for plan in _plans(pages, case)]
    assert overflow
    assert [o for o in overflow if o["root"][0] > o["root"][1] or o["output"][0] > o["output"][1] or o["past"]] == []


@pytest.mark.parametrize("theme", THEMES)
def test_each_decision_shows_its_channel_as_a_badge(
    pages: dict[tuple[str, str], list[dict[str, Any]]], theme: str
) -> None:
    """Each decision of the quickstart plan has one visible badge naming its channel, coloured by channel."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8"))
    plan = recommend(incidents)
    words = {"note": "in the note", "call_or_email": "call or e-mail", "none": "keep private"}
    rows = _plans(pages, ("quickstart", theme))[0]["rows"]
    expected = [([(words[d.channel.value], d.channel.value)], int(d.judgment_call)) for d in plan.decisions]
    assert expected == [([(b["text"], b["channel"]) for b in row["badges"]], row["judgment"]) for row in rows]
    badges = {b["channel"]: b for row in rows for b in row["badges"]}
    assert all(b["width"] > 0 and b["height"] > 0 and b["visibility"] == "visible" for b in badges.values())
    assert len({b["border"] for b in badges.values()}) == 3, "the three channels' borders should differ"
    assert _rgba(badges["note"]["background"])[3] > 0 and _rgba(badges["call_or_email"]["background"])[3] > 0


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_text_contrast_is_at_least_4_5(
    pages: dict[tuple[str, str], list[dict[str, Any]]], case: tuple[str, str]
) -> None:
    """Every piece of text in every plan contrasts at least 4.5:1 with the background it is drawn on."""
    texts = [t for plan in _plans(pages, case) for t in plan["texts"]]
    assert texts
    low = {t["text"]: round(_contrast(t), 2) for t in texts if _contrast(t) < 4.5}
    assert low == {}


def test_dark_theme_is_dark_and_light_theme_light(pages: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    """The two themes really differ: the dark page's background is dark, the light page's light."""
    backgrounds = {
        theme: _luminance(_over(_rgba(pages["quickstart", theme][-1]["body"]), (255, 255, 255))) for theme in THEMES
    }
    assert (backgrounds["light"] > 0.9, backgrounds["dark"] < 0.05) == (True, True)


@pytest.mark.parametrize("theme", THEMES)
def test_user_text_stays_text_in_the_browser(pages: dict[tuple[str, str], list[dict[str, Any]]], theme: str) -> None:
    """Markup in descriptions, ids and answers shows as text: no script or image element, nothing ran."""
    plans = _plans(pages, ("awkward", theme))
    tags = {tag for plan in plans for tag in plan["tags"]}
    expected = (False, False, True, True, "awkward")
    assert expected == (
        "script" in tags,
        "img" in tags,
        HOSTILE in plans[0]["text"],
        LONG_WORD in plans[1]["text"],
        pages["awkward", theme][-1]["title"],
    )
