"""Wording derived from descriptions as people write them: a corpus of hand-checked expectations,
and the property that every sentence of every draft is a known frame filled with given, derived
or placeholder wording, with none of the faults pasted descriptions made."""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lemminflect import getAllLemmas

from interview_recovery import Note, recommend
from interview_recovery._model.note_fields import NOTE_FIELDS as SLOTS
from interview_recovery._notes.note import load_phrasings
from interview_recovery._notes.wording import _NAMES, cliches

from ..conftest import ROOT

CORPUS: dict[str, list[list[Any]]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "descriptions.yaml").read_text(encoding="utf-8")
)
ENTRIES: list[tuple[str, str, str | None]] = [(kind, row[0], row[1]) for kind, rows in CORPUS.items() for row in rows]
# The wording a reader finds obvious from each description: derived, or the third item of a row
# whose wording is a placeholder.
OBVIOUS: list[tuple[str, str, str | None]] = [
    (kind, row[0], row[2] if len(row) > 2 else row[1]) for kind, rows in CORPUS.items() for row in rows
]
# What makes each kind reach the note (or the message), so that its wording is drafted.
REACHES = {
    "slip": {"noticed": "certain"},
    "off_target_answer": {"noticed": "certain"},
    "omission": {"category": "experience"},
    "strength": {},
    "distraction": {"serious_life_event": True},
}
FIELD = {"slip": "apology", "off_target_answer": "question", "omission": "mention", "strength": "topic"}


def test_the_corpus_covers_every_kind_with_enough_shapes() -> None:
    """The corpus holds at least 400 descriptions, over every kind that reaches the employer, with both outcomes."""
    kinds = {kind for kind, _, _ in ENTRIES}
    outcomes = {(kind, wording is None) for kind, _, wording in ENTRIES}
    assert (True, set(REACHES), {(k, o) for k in REACHES for o in (True, False)}) == (
        len(ENTRIES) >= 400,
        kinds,
        outcomes,
    )


def test_at_least_four_fifths_of_the_obvious_wording_is_derived() -> None:
    """Of the descriptions whose wording a reader finds obvious, the drafts derive at least 80%, each kind too."""
    share = {}
    for kind in REACHES:
        obvious = [(d, o) for k, d, o in OBVIOUS if k == kind and o is not None]
        derived = [d for k, d, w in ENTRIES if k == kind and w is not None]
        share[kind] = len(derived) / len(obvious) >= 0.8
    assert {kind: True for kind in REACHES} == share


def _incident(kind: str, description: str) -> dict[str, Any]:
    return {"kind": kind, "description": description, **REACHES[kind]}


_SLOT = {
    "slip": re.compile(r"I'm sorry that I (.+)\.$"),
    "off_target_answer": re.compile(r"^I misunderstood your question about (.+)\.$"),
    "omission": re.compile(r"I also wanted to mention (.+), since I did not bring it up when we spoke\.$"),
    "strength": re.compile(
        r"^I especially enjoyed (?:discussing )?(.+?)(?:, and I hope it gave you a good sense of how I work)?\.$"
    ),
    "distraction": re.compile(r"at the time of our interview\. (.+) I would rather keep the details private"),
}


def _drafted(kind: str, description: str) -> tuple[str, Note]:
    plan = recommend([_incident(kind, description)])
    note = plan.draft_distraction_message("Marie") if kind == "distraction" else plan.draft_note("Marie")
    assert note is not None
    text = str(note)
    found = [m.group(1) for line in text.split("\n") for s in _sentences(line) for m in [_SLOT[kind].search(s)] if m]
    if kind == "distraction":
        found = [m.group(1) for m in [_SLOT[kind].search(text)] if m]
    assert len(found) == 1, text
    return found[0], note


@pytest.mark.parametrize(("kind", "description", "wording"), ENTRIES, ids=[f"{k}:{d}" for k, d, _ in ENTRIES])
def test_each_description_gives_its_expected_wording_or_a_listed_placeholder(
    kind: str, description: str, wording: str | None
) -> None:
    """A description gives exactly the hand-checked wording in its frame, or a placeholder the note lists."""
    field = FIELD.get(kind, "explanation")
    placeholder = SLOTS[field].placeholder
    slot, note = _drafted(kind, description)
    listed = [(p.index, p.field, p.text) for p in note.placeholders]
    expected = (wording or placeholder, [] if wording else [(0, field, placeholder)])
    assert expected == (slot, listed)


# --- what a draft must never hold -----------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    # A sentence ends at a stop, or at the placeholder for whole sentences, before a capital or a gap.
    return [s for s in re.split(r"(?<=[.!?\]])\s+(?=[A-Z\[])", text) if s]


@cache
def _verb(word: str) -> bool:
    lemmas = getAllLemmas(re.sub(r"n['\u2019]t$", "", word.lower()))
    return "VERB" in lemmas or "AUX" in lemmas


@cache
def _thing(word: str) -> bool:
    lemmas = getAllLemmas(word.lower())
    return "NOUN" in lemmas or "ADJ" in lemmas


@cache
def _name(word: str) -> bool:
    # A tool or a company the lexicon does not know ("Airflow", "Salesforce"), or one the derivation
    # lists as a name although it is also an English word ("Python").
    bare = word.strip(".,;:!?").lower()
    return not getAllLemmas(bare) or bare in _NAMES


@cache
def _adverb(word: str) -> bool:
    lemmas = getAllLemmas(word.lower())
    return "ADV" in lemmas and "VERB" not in lemmas


_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_CONTRACTION = re.compile(r"^(I'm|I'd|I've|I'll)$")
_DOUBLED_ARTICLE = re.compile(r"\b(the|a|an)\s+(the|a|an)\b", re.IGNORECASE)
_DOUBLED_PUNCTUATION = re.compile(r"[.,:;?!]\s*[.,:;?!]")
_AFTER = re.compile(r"\b(mention|dealing with|enjoyed discussing)\s+(\S+)")
# What may open the wording after "mention", "dealing with" and "enjoyed discussing": a noun
# phrase's article, possessive or number, a that-clause about yourself, or a placeholder.
_OPENS_A_THING = re.compile(
    r"^(\[|that$|a$|an$|the$|my$|our$|your$|this$|these$|those$|some$|any$|every$|each$|no$|several$|many$|few$|"
    r"one$|two$|three$|four$|five$|six$|seven$|eight$|nine$|ten$|eleven$|twelve$|twenty$|thirty$|\d)",
    re.IGNORECASE,
)


def faults(text: str, descriptions: list[str]) -> list[str]:
    """Every fault of a pasted description found in a draft, as readable lines (none for a good draft)."""
    found = []
    bare = _PLACEHOLDER.sub("[gap]", text)
    for description in descriptions:
        first = description.split()[0]
        if first[:1].isupper() and first[1:].islower() and first not in ("I", "I'm") and not _name(first):
            # The description as written, with its capital, anywhere but at a sentence's start.
            for match in re.finditer(re.escape(" ".join(description.split()).rstrip(".!?;:, ")), bare):
                before = bare[: match.start()].rstrip(" ")
                # A sentence starts after a stop, or after the placeholder for whole sentences.
                if before and before[-1] not in ".!?]\n":
                    found.append(f"capitalised description mid-sentence: {description!r}")
    for match in _AFTER.finditer(bare):
        word = match.group(2).strip(".,;:!?")
        pasted = word[:1].isupper() and not word.isupper() and not _OPENS_A_THING.match(word) and not _name(word)
        if pasted or (_verb(word) and not _thing(word) and not _OPENS_A_THING.match(word)):
            found.append(f"not a thing after {match.group(1)!r}: {word!r}")
    for match in re.finditer(r"\bI\s+(\S+)(?:\s+(\S+))?", bare):
        # "I also wanted": an adverb may come between "I" and its verb.
        words = [w.strip(".,;:!?") for w in match.groups() if w]
        if _adverb(words[0]) and len(words) > 1:
            words = words[1:]
        if not (_verb(words[0]) or words[0] == "[gap]"):
            found.append(f"'I' glued to a fragment: {match.group(0)!r}")
    for match in re.finditer(r"\bI'\w+", bare):
        if not _CONTRACTION.match(match.group(0)):
            found.append(f"odd contraction: {match.group(0)!r}")
    found.extend(f"doubled article: {m.group(0)!r}" for m in _DOUBLED_ARTICLE.finditer(bare))
    found.extend(f"doubled punctuation: {m.group(0)!r}" for m in _DOUBLED_PUNCTUATION.finditer(bare))
    return found


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        # What pasting descriptions used to write, one fault each.
        ("I especially enjoyed discussing Walked through the case.", "not a thing after 'enjoyed discussing'"),
        ("I'm sorry that I unprepared for the case study.", "'I' glued to a fragment: 'I unprepared"),
        ("I was dealing with my mother was taken to hospital.", None),
        ("I also wanted to mention Forgot to mention my work.", "not a thing after 'mention'"),
        ("Thank you for the the analyst role.", "doubled article: 'the the'"),
        ("What I should have said is this:.", "doubled punctuation: ':.'"),
        (
            "So My answer about budgets missed the point.",
            "capitalised description mid-sentence: 'My answer about budgets'",
        ),
    ],
)
def test_the_fault_finder_finds_the_old_faults(text: str, fault: str | None) -> None:
    """The checks would have caught each fault of the old drafter (a clause after 'dealing with' is left
    to the corpus's hand-checked wording)."""
    found = faults(text, ["My answer about budgets"])
    assert fault is None or any(line.startswith(fault) for line in found), found


@pytest.mark.parametrize(("kind", "description", "wording"), ENTRIES, ids=[f"{k}:{d}" for k, d, _ in ENTRIES])
def test_no_draft_from_a_description_has_the_faults_of_pasting(
    kind: str, description: str, wording: str | None
) -> None:
    """No draft from any description in the corpus has a fault of a pasted description."""
    _, note = _drafted(kind, description)
    assert faults(str(note), [description]) == []


# --- every sentence is a known frame, filled with known wording ---------------------------------

_LISTS = {"topics", "activities", "mentions", "questions", "apologies"}
_WORDS = {
    "it": "(?:it|them)",
    "they": "(?:it|they)",
    "question": "(?:question|questions)",
    "interviewer": r".+",
    "position": r".+",
    "reference": r".+",
    "company": r".+",
    "others": r".+",
}


@cache
def _frames() -> list[tuple[str, re.Pattern[str]]]:
    """Every sentence of the default phrasings, as a pattern whose list slots capture their wording."""
    phrasings = load_phrasings()
    frames = []
    for section in ("note", "distraction"):
        for key, template in getattr(phrasings, section).model_dump(exclude_none=True).items():
            for sentence in _sentences(" ".join(template.split())):
                pattern = ""
                for literal, name, _, _ in string.Formatter().parse(sentence):
                    pattern += re.escape(literal)
                    if name is None:
                        continue
                    if (
                        name in _LISTS
                        or name in ("what", "better_answer")
                        or (name == "question" and key == "better_answer_about")
                    ):
                        pattern += f"(?P<{name}>.+?)"
                    else:
                        pattern += _WORDS[name]
                frames.append((f"{section}.{key}", re.compile(pattern + "$")))
    return frames


def _joined(text: str, items: frozenset[str], before_each: str = "") -> bool:
    """True when the text is some of the items joined as in a sentence ("a", "a and b", "a, b and c")."""

    @cache
    def rest(start: int, count: int) -> bool:
        for item in items:
            if text.startswith(item, start):
                end = start + len(item)
                if end == len(text):
                    return True
                for separator in (", " + before_each, " and " + before_each):
                    if text.startswith(separator, end) and rest(end + len(separator), count + 1):
                        return True
        return False

    return rest(0, 0)


def unknown_sentences(note: Note, fills: frozenset[str], answers: frozenset[str]) -> list[str]:
    """The sentences of a draft that are no known frame filled with the known wording."""
    unknown = []
    text = str(note)
    body = text.split("\n\n")[2:-1]
    for paragraph in body:
        for sentence in _sentences(paragraph):
            if sentence in fills:
                continue  # wording that is whole sentences of its own (an explanation)
            ok = False
            for _, pattern in _frames():
                match = pattern.match(sentence)
                if not match:
                    continue
                groups = match.groupdict()
                ok = all(
                    _joined(value, fills, "that I " if name == "apologies" else "")
                    if name != "better_answer"
                    else value in answers
                    for name, value in groups.items()
                )
                if ok:
                    break
            if not ok:
                unknown.append(sentence)
    return unknown


@st.composite
def corpus_interviews(draw: st.DrawFn) -> list[tuple[str, str, str | None]]:
    """Up to eight corpus entries, in any mix of kinds."""
    return draw(st.lists(st.sampled_from(ENTRIES), min_size=1, max_size=8))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_interviews(), st.booleans())
def test_every_sentence_is_a_known_frame_with_known_wording(
    entries: list[tuple[str, str, str | None]], better: bool
) -> None:
    """For any mix of corpus descriptions: every sentence of the note and the message is a frame of the
    phrasings whose slots hold derived wording, placeholders or the given better answer; each placeholder
    is listed once; and no draft has a fault of a pasted description."""
    incidents = [_incident(kind, description) for kind, description, _ in entries]
    if better:
        for incident in incidents:
            if incident["kind"] == "off_target_answer":
                incident["better_answer"] = "I would ask first."
    plan = recommend(incidents)
    drafts = [d for d in (plan.draft_note("Marie"), plan.draft_distraction_message("Marie")) if d is not None]
    placeholders = {p.text for d in drafts for p in d.placeholders}
    fills = frozenset({wording for _, _, wording in entries if wording} | placeholders)
    expected: dict[str, Any] = {"unknown": [], "faults": [], "placeholders": [True] * len(drafts)}
    actual: dict[str, Any] = {
        "unknown": [s for d in drafts for s in unknown_sentences(d, fills, frozenset({"I would ask first."}))],
        "faults": [f for d in drafts for f in faults(str(d), [description for _, description, _ in entries])],
        # Every gap in the text is listed, once.
        "placeholders": [
            sorted(set(_PLACEHOLDER.findall(str(d))) - {"[Your name]"}) == sorted(p.text for p in d.placeholders)
            for d in drafts
        ],
    }
    assert expected == actual


def test_the_phrasings_hold_no_stock_phrase() -> None:
    """No sentence of the shipped phrasings is on the documented list of stock phrases."""
    phrasings = load_phrasings().model_dump(exclude_none=True)
    found = {
        f"{section}.{key}": cliches(text)
        for section, sentences in phrasings.items()
        for key, text in sentences.items()
        if cliches(text)
    }
    assert found == {}
