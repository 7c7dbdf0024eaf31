"""The plan and the drafts as people see them: Jupyter's own page for the notebook, in headless Chromium.

The quickstart notebook is executed, converted to HTML by nbconvert with JupyterLab's template
in its light and its dark theme, and opened at 800 px wide. A second page holds plans and notes
made to be awkward (markup in every text, a word too long for any column, nothing to say). The
tests read what the browser computed: alignment, layout, colours. Screenshots of each page and
of each view are written to ``test-artifacts/browser/`` for people to look at.

Chromium is Debian's (``make test`` installs it where missing); ``CHROMIUM`` names another.
"""

from __future__ import annotations

import json
import os
import re
import shutil
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
PLAN, NOTE = "interview-recovery-plan", "interview-recovery-note"
VIEWS = f".{PLAN}, .{NOTE}"
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

# What the page reports about each view: every fact the tests below judge, computed by Chromium.
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
    const mark = (m) => {
      const s = getComputedStyle(m);
      return {text: m.textContent, width: m.offsetWidth, height: m.offsetHeight, background: s.backgroundColor,
              border: s.borderTopStyle, underline: s.textDecorationLine + ' ' + s.textDecorationStyle};
    };
    return {
      view: root.className,
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
                  visibility: s.visibility, border: s.borderTopColor, background: s.backgroundColor,
                  around: chain(b.parentElement)};
        }),
      })),
      gaps: [...root.querySelectorAll('.ir-letter mark.ir-gap')].map(mark),
      flags: [...root.querySelectorAll('.ir-letter span.ir-flag')].map(mark),
      listed: {gaps: root.querySelectorAll('ol.ir-gaps > li').length,
               flags: root.querySelectorAll('ol.ir-flags > li').length},
      texts: elements.filter((e) => ownText(e) && e.offsetWidth > 0).map((e) => ({
        text: ownText(e).slice(0, 60), color: getComputedStyle(e).color, layers: chain(e)})),
    };
  });
}
"""


def _stress_notebook() -> nbformat.NotebookNode:
    """A notebook whose outputs are plans and notes made to be awkward, rendered here rather than in a kernel."""
    hostile = recommend(
        [
            {"kind": "slip", "id": HOSTILE, "description": HOSTILE, "noticed": "certain"},
            {"kind": "off_target_answer", "description": "A & B", "noticed": "certain", "better_answer": HOSTILE},
            {"kind": "knowledge_gap", "description": "Quotes \" ' and <b>tags</b>"},
        ]
    )
    long = recommend([{"kind": "omission", "description": LONG_WORD, "category": "skill", "id": LONG_WORD}])
    excuse = recommend(
        [
            {"kind": "slip", "description": "Late", "noticed": "certain", "apology": f"was late due to {HOSTILE}"},
            {"kind": "strength", "description": "d", "topic": LONG_WORD},
        ]
    )
    views: dict[str, Any] = {
        "Markup in every piece of text": hostile,
        "A word longer than any column": long,
        "Nothing but private things": recommend(
            [{"kind": "difficult_question", "description": "Where do you see yourself in five years?"}]
        ),
        "No incidents at all": recommend([]),
        "A note with markup in the names and a gap": hostile.draft_note(HOSTILE, candidate=HOSTILE),
        "A note with an excuse and a word longer than the letter": excuse.draft_note("Marie", candidate=LONG_WORD),
        "A note with nothing to fill in": recommend(
            [{"kind": "strength", "description": "d", "topic": "my portfolio"}]
        ).draft_note("Marie", candidate="Sam Lee"),
    }
    cells = []
    for title, view in views.items():
        cells.append(nbformat.v4.new_markdown_cell(f"## {title}"))
        output = nbformat.v4.new_output(
            "display_data", data={"text/html": view._repr_html_(), "text/plain": str(view)}, metadata={}
        )
        cells.append(nbformat.v4.new_code_cell("view", outputs=[output], execution_count=len(cells)))
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


def _contrast(color: str, layers: list[dict[str, str]]) -> float:
    """The WCAG contrast ratio of a colour against the background layers it is drawn on (innermost first)."""
    background = (255.0, 255.0, 255.0)  # the canvas, under the root element
    for layer in reversed(layers):
        assert (layer["image"], layer["opacity"]) == ("none", "1"), f"cannot judge the background {layer}"
        background = _over(_rgba(layer["bg"]), background)
    lighter, darker = sorted((_luminance(_over(_rgba(color), background)), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("color", "background", "expected"),
    [
        # black on white and white on black: the largest ratio there is
        ("rgb(0, 0, 0)", "rgb(255, 255, 255)", 21.0),
        ("rgb(255, 255, 255)", "rgb(0, 0, 0)", 21.0),
        # #767676 on white is the classic 4.5:1 threshold grey; #777 falls just short
        ("rgb(118, 118, 118)", "rgb(255, 255, 255)", 4.54),
        ("rgb(119, 119, 119)", "rgb(255, 255, 255)", 4.48),
        # Jupyter's light text (black at 87%) on white, and a translucent background over the canvas
        ("rgba(0, 0, 0, 0.87)", "rgb(255, 255, 255)", 16.07),
        ("rgb(0, 0, 0)", "color(srgb 0 0 0 / 0.5)", 5.28),
    ],
)
def test_contrast_is_computed_as_wcag_defines_it(color: str, background: str, expected: float) -> None:
    """The contrast helper gives WCAG 2's ratios, compositing translucent colours over what lies below."""
    layers = [{"bg": background, "image": "none", "opacity": "1"}]
    assert expected == round(_contrast(color, layers), 2)


@pytest.fixture(scope="module")
def pages(quickstart: nbformat.NotebookNode) -> Iterator[dict[tuple[str, str], dict[str, Any]]]:
    """Each notebook in each theme, opened in Chromium at 800 px: what the page reports about its views."""
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
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    notebooks = {"quickstart": quickstart, "awkward": _stress_notebook()}
    reports: dict[tuple[str, str], dict[str, Any]] = {}
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
                for n, view in enumerate(page.locator(VIEWS).all(), 1):
                    kind = "plan" if PLAN in (view.get_attribute("class") or "") else "note"
                    view.screenshot(path=ARTIFACTS / f"{name}-{theme}-{n}-{kind}.png")
                reports[name, theme] = {
                    "views": page.evaluate(MEASURE, VIEWS),
                    "title": page.title(),
                    "body": page.evaluate("getComputedStyle(document.body).backgroundColor"),
                }
                page.close()
        finally:
            browser.close()
    yield reports


CASES = [(name, theme) for name in ("quickstart", "awkward") for theme in THEMES]
Pages = dict[tuple[str, str], dict[str, Any]]


def _views(pages: Pages, case: tuple[str, str], kind: str | None = None) -> list[dict[str, Any]]:
    views: list[dict[str, Any]] = pages[case]["views"]
    return [v for v in views if kind is None or v["view"] == kind]


def test_both_pages_show_plans_and_notes(pages: Pages) -> None:
    """The quickstart page shows one plan and one note; the awkward page four plans and three notes."""
    counts = {case: [v["view"] for v in _views(pages, case)] for case in CASES}
    quickstart, awkward = [PLAN, NOTE], [PLAN] * 4 + [NOTE] * 3
    assert counts == {case: quickstart if case[0] == "quickstart" else awkward for case in CASES}


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_every_prose_cell_is_left_aligned(pages: Pages, case: tuple[str, str]) -> None:
    """Every table cell, caption, list item and paragraph of every plan and note computes text-align: left."""
    prose = [p for view in _views(pages, case) for p in view["prose"]]
    assert prose
    assert [p for p in prose if p["align"] != "left"] == []


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_nothing_overflows_at_800_px(pages: Pages, case: tuple[str, str]) -> None:
    """At 800 px no view is wider than its output area, none scrolls sideways, and no element sticks out."""
    overflow = [view["overflow"] for view in _views(pages, case)]
    assert overflow
    assert [o for o in overflow if o["root"][0] > o["root"][1] or o["output"][0] > o["output"][1] or o["past"]] == []


@pytest.mark.parametrize("theme", THEMES)
def test_each_decision_shows_its_channel_as_a_badge(pages: Pages, theme: str) -> None:
    """Each decision of the quickstart plan has one visible badge naming its channel, coloured by channel."""
    incidents = json.loads((ROOT / "docs" / "examples" / "bad-interview.json").read_text(encoding="utf-8"))
    plan = recommend(incidents)
    words = {"note": "in the note", "call_or_email": "call or e-mail", "none": "keep private"}
    rows = _views(pages, ("quickstart", theme), PLAN)[0]["rows"]
    expected = [([(words[d.channel.value], d.channel.value)], int(d.judgment_call)) for d in plan.decisions]
    assert expected == [([(b["text"], b["channel"]) for b in row["badges"]], row["judgment"]) for row in rows]
    badges = {b["channel"]: b for row in rows for b in row["badges"]}
    assert all(b["width"] > 0 and b["height"] > 0 and b["visibility"] == "visible" for b in badges.values())
    assert len({b["border"] for b in badges.values()}) == 3, "the three channels' borders should differ"
    # WCAG's 3:1 for the parts of a control that carry meaning: each badge's outline against its row.
    assert {c: round(_contrast(b["border"], b["around"]), 1) >= 3 for c, b in badges.items()} == dict.fromkeys(
        badges, True
    )
    assert _rgba(badges["note"]["background"])[3] > 0 and _rgba(badges["call_or_email"]["background"])[3] > 0


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_a_notes_gaps_and_questioned_wording_are_marked_and_listed(pages: Pages, case: tuple[str, str]) -> None:
    """In every note each gap in the letter is tinted and outlined, each questioned wording tinted and
    underlined, and the lists under the letter hold as many of each."""
    notes = _views(pages, case, NOTE)
    # The letter marks each gap once, and each listed warning about wording in it; a warning about
    # the whole note (too long, B6; nothing specific from the conversation, B8) is listed only.
    assert [len(n["gaps"]) for n in notes] == [n["listed"]["gaps"] for n in notes]
    assert [n for n in notes if n["flags"] and not n["listed"]["flags"]] == []
    assert (any(n["gaps"] for n in notes), any(n["flags"] for n in notes)) == (True, True)
    gaps = [g for n in notes for g in n["gaps"]]
    flags = [f for n in notes for f in n["flags"]]
    assert [g for g in gaps if not (g["width"] > 0 and _rgba(g["background"])[3] > 0 and g["border"] == "dashed")] == []
    assert [f for f in flags if not (f["width"] > 0 and f["underline"] == "underline wavy")] == []


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_text_contrast_is_at_least_4_5(pages: Pages, case: tuple[str, str]) -> None:
    """Every piece of text in every plan and note contrasts at least 4.5:1 with the background it is drawn on."""
    texts = [t for view in _views(pages, case) for t in view["texts"]]
    assert texts
    low = {
        t["text"]: round(_contrast(t["color"], t["layers"]), 2)
        for t in texts
        if _contrast(t["color"], t["layers"]) < 4.5
    }
    assert low == {}


def test_dark_theme_is_dark_and_light_theme_light(pages: Pages) -> None:
    """The two themes really differ: the dark page's background is dark, the light page's light."""
    backgrounds = {
        theme: _luminance(_over(_rgba(pages["quickstart", theme]["body"]), (255, 255, 255))) for theme in THEMES
    }
    assert (backgrounds["light"] > 0.9, backgrounds["dark"] < 0.05) == (True, True)


@pytest.mark.parametrize("theme", THEMES)
def test_user_text_stays_text_in_the_browser(pages: Pages, theme: str) -> None:
    """Markup in descriptions, ids, answers, names and wording shows as text: no script or image, nothing ran."""
    views = _views(pages, ("awkward", theme))
    tags = {tag for view in views for tag in view["tags"]}
    expected = (False, False, True, True, True, True, "awkward")
    assert expected == (
        "script" in tags,
        "img" in tags,
        HOSTILE in views[0]["text"],
        LONG_WORD in views[1]["text"],
        "Dear <script>document.title" in views[4]["text"],
        HOSTILE in views[5]["text"],
        pages["awkward", theme]["title"],
    )
