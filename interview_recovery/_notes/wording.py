"""Note wording derived from a private description, only where its grammatical shape is certain.

A description is shorthand for yourself ("Late arrival", "Called her Mary"); a note needs
words that fit a sentence frame ("I'm sorry that I ..."). Each function here returns that
wording when the description's shape makes it certain, and ``None`` otherwise, so that the
drafter writes a visible placeholder rather than a broken sentence: precision over recall.

English word forms (is "spilt" a past tense? is "unprepared" a verb?) come from a table of
lemminflect's lexicon shipped inside the package (``lexicon``); the closed word classes
(articles, pronouns, auxiliaries, prepositions) are listed here.
"""

from __future__ import annotations

import re

from .lexicon import Label
from .lexicon import has as _label

__all__ = [
    "apology",
    "explanation_sentence",
    "explanation_topic",
    "mention",
    "mid_sentence",
    "question",
    "third_person",
    "third_person_words",
    "topic",
    "whole_sentences",
]


def _set(words: str) -> frozenset[str]:
    # A word list reads best as words, not as quoted items one a line.
    return frozenset(words.split())


MAX_WORDS = 20
"""A longer description is taken to hold more than one thought: nothing is derived from it."""

# Words that open a noun phrase. "that" only before a noun ("that morning"); third-person
# possessives count for the grammar, and the interviewer-facing fields refuse them separately.
_DETERMINERS = _set("a an the my our your his her their its this these those some any every each no several many few")
_NUMBERS = _set("one two three four five six seven eight nine ten eleven twelve twenty thirty")
_SUBJECTS = _set("i we he she they")
_AUXILIARIES = _set(
    "am is are was were be been has have had do does did can could will would shall should may might must"
)
_SUBORDINATORS = _set("which who whom whose because when whenever while if although though since unless")
_PREPOSITIONS = _set(
    "about above across after against along around at before behind below beside between by during for from in "
    "into near of off on onto out over past regarding through throughout to toward towards under until up upon "
    "with within without"
)
# "I" or "they" may sit inside these: they are the person you write to, named in the third person.
_THIRD_PERSON = re.compile(
    r"\b(she|he|her|hers|herself|him|his|himself|they|them|their|theirs|themselves)\b"
    r"|\bthe\s+(interviewers?|panel|hiring\s+manager|recruiter|manager)\b",
    re.IGNORECASE,
)
_NEGATED_PAST = re.compile(
    r"^(didn't|didn\u2019t|did not|wasn't|wasn\u2019t|was not|couldn't|couldn\u2019t|could not)\b", re.I
)
# Stripped with str.rstrip and str.lstrip, in time linear in the text: the regular expressions
# that did it ("[...]+$", "^[...]*(.*?)[...]*$") tried every start in a long run of these
# characters, quadratic in the run (10,000 characters of ",-" took seconds). Every text stripped
# has its whitespace collapsed to single spaces first, so a space stands for all of it.
_TRAILING = " .,;:!?\u2026\u2014\u2013-"
_SENTENCE_TRAILING = " ,;:\u2026\u2014\u2013-"
_BROKEN = re.compile(r"[?!;:\n]|\.\s|\.$")
_WORD_LEADING = "(\"'\u201c\u2018"
_WORD_TRAILING = ")\"'\u201d\u2019,"


def _bare(word: str) -> str:
    return word.lstrip(_WORD_LEADING).rstrip(_WORD_TRAILING).lower()


def _verb_form(word: str, tag: Label) -> bool:
    return _label(_bare(word), tag)


def _past(word: str) -> bool:
    """A simple past tense, as "I ..." takes it ("spilt", "forgot", "was"; not "were")."""
    return _bare(word) != "were" and _verb_form(word, "VBD")


def _has(word: str, *upos: Label) -> bool:
    bare = _bare(word)
    return any(_label(bare, u) for u in upos)


def _modifier(word: str) -> bool:
    # What may stand before a participle or plural used as a noun: an article, a possessive, a number.
    bare = _bare(word)
    return bare in _DETERMINERS or bare in _NUMBERS or bare.isdigit() or bare.endswith(("'s", "\u2019s"))


def _words(text: str) -> list[str] | None:
    """The words of a description cleaned of trailing punctuation, or None if it holds more than one thought."""
    text = " ".join(text.split()).rstrip(_TRAILING)
    if not text or _BROKEN.search(text) or text.count("(") != text.count(")"):
        return None
    words = text.split()
    return words if len(words) <= MAX_WORDS else None


def _noun_phrase(words: list[str]) -> bool:
    """True only for a phrase that is certainly a noun phrase: opened by an article, possessive or
    number, and holding no verb that could make it a clause ("my cousin works in accounts")."""
    first = _bare(words[0])
    if not (first in _DETERMINERS or first in _NUMBERS or first.isdigit()) or first == "that":
        return False
    for i, word in enumerate(words[1:], 1):
        bare = _bare(word)
        before = words[i - 1]
        if "n't" in bare or "n\u2019t" in bare or bare in _SUBJECTS or bare in _AUXILIARIES or bare in _SUBORDINATORS:
            return False
        if bare.endswith(("'m", "'re", "'ve", "'d", "'ll", "\u2019m", "\u2019re", "\u2019ve", "\u2019d", "\u2019ll")):
            return False
        if bare == "that" and not (
            i + 1 < len(words) and _has(words[i + 1], "NOUN") and not _has(words[i + 1], "VERB")
        ):
            return False
        if _past(word) or _verb_form(word, "VBN"):
            # "my printed CV": a participle straight after an article or possessive is an adjective.
            if not _modifier(before):
                return False
        elif _verb_form(word, "VBZ"):
            # "my questions", "my AWS skills": a plural noun; "my cousin works in ...": a verb.
            last = i + 1 == len(words) or _bare(words[i + 1]) in ("of", "and")
            if not (_has(word, "NOUN") and (_modifier(before) or last)):
                return False
    return True


def _lower_first(words: list[str]) -> list[str]:
    # Only a word the grammar says opens the phrase is lowered: an article, possessive or number
    # ("My certificate" -> "my certificate"), or a verb; anything else may be a name.
    first = words[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1) and first != "I":
        return [first.lower(), *words[1:]]
    return words


def third_person(text: str) -> bool:
    """True when the text names someone in the third person, as a note to the interviewer should not.

    >>> third_person("Called her Mary"), third_person("Called you Mary")
    (True, False)
    """
    return bool(_THIRD_PERSON.search(text))


def third_person_words(text: str) -> str:
    """The third-person words of a text, quoted and joined: "'her', 'the interviewer'"."""
    found = dict.fromkeys(" ".join(m.group(0).lower().split()) for m in _THIRD_PERSON.finditer(text))
    return ", ".join(repr(word) for word in found)


def _verb_phrase(words: list[str]) -> list[str] | None:
    """A phrase that finishes "I ...", from one told as what you did ("Spilt coffee", "I arrived late",
    "Didn't bring my CV", "Late for the interview"); None when its shape is not certain."""
    if _bare(words[0]) == "i" and len(words) > 1 and words[0] in ("I", "i"):
        words = words[1:]
    first = _bare(words[0])
    if _NEGATED_PAST.match(" ".join(words)):
        return _lower_first(words)
    if _past(first):
        if _has(first, "ADJ") and len(words) > 1:
            # "Mixed messages", "Lost track": an adjective before a noun, not a verb and its object.
            second = _bare(words[1])
            if not (second in _DETERMINERS or second in _PREPOSITIONS or second in ("you", "me", "myself", "it", "up")):
                return None
        return _lower_first(words)
    if _has(first, "ADJ") and not _has(first, "VERB", "NOUN") and (len(words) == 1 or _bare(words[1]) in _PREPOSITIONS):
        # "Late for the interview", "Unprepared for the case study": what you were.
        return ["was", *_lower_first(words)]
    return None


def apology(description: str) -> str | None:
    """What you are sorry for, finishing "I'm sorry that I ...", or None when not certain.

    >>> apology("Called you Mary instead of Marie."), apology("Unprepared for the case study")
    ('called you Mary instead of Marie', 'was unprepared for the case study')
    >>> apology("Called her Mary instead of Marie"), apology("Late arrival")
    (None, None)
    """
    words = _words(description)
    if words is None or third_person(description):
        return None
    phrase = _verb_phrase(words)
    return " ".join(phrase) if phrase else None


_QUESTION = [
    re.compile(
        r"^(?:i\s+)?(?:misunderstood|misread|misheard|misinterpreted|got\s+wrong)\s+"
        r"(?:the|your|a|one|that)\s+question\s+(?:about|on|regarding|around)\s+(?P<x>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:my\s+|an?\s+|the\s+)?(?:answer|response|reply)\s+(?:to\s+(?:the|your)\s+question\s+)?"
        r"(?:about|on|regarding|around)\s+(?P<x>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+|your\s+|a\s+)?question\s+(?:about|on|regarding|around)\s+(?P<x>.+)$", re.IGNORECASE),
]


def question(description: str) -> str | None:
    """What the misunderstood question was about, finishing "I misunderstood your question about ...".

    >>> question("Misunderstood the question about budgets"), question("My answer about the budget process")
    ('budgets', 'the budget process')
    >>> question("Gave a technical answer to the stakeholder question") is None
    True
    """
    words = _words(description)
    if words is None or third_person(description):
        return None
    text = " ".join(words)
    for pattern in _QUESTION:
        match = pattern.match(text)
        if match:
            rest = match.group("x").split()
            if _bare(rest[0]) in _DETERMINERS:
                rest = _lower_first(rest)
            return " ".join(rest)
    return None


_CONVERSATION = re.compile(
    r"^(?:our|the|my|an?)\s+(?:\w+\s+)?(?:chat|conversation|discussion|talk|exchange)\s+(?:about|on|around)\s+(?P<x>.+)$",
    re.IGNORECASE,
)
_NOT_MENTIONED = re.compile(
    r"^(?:i\s+)?(?:forgot\s+to|didn't|didn\u2019t|did\s+not|never|failed\s+to|neglected\s+to)\s+"
    r"(?:mention|say|bring\s+up|talk\s+about|tell\s+you\s+about)\s+(?P<x>.+)$",
    re.IGNORECASE,
)


def _first_person_clause(words: list[str]) -> bool:
    # "I led the migration", "I speak Spanish", "I have a licence": "I" and a verb it can take.
    if len(words) < 2 or words[0] != "I":
        return False
    verb = _bare(words[1])
    return _past(verb) or verb in ("am", "have", "can") or (_verb_form(verb, "VBP") and not _has(verb, "ADJ"))


def mention(description: str) -> str | None:
    """What you forgot to mention, finishing "I also wanted to mention ...".

    >>> mention("Forgot to mention my volunteer work"), mention("Didn't say I led the 2023 data migration")
    ('my volunteer work', 'that I led the 2023 data migration')
    >>> mention("My cousin works in accounts") is None
    True
    """
    words = _words(description)
    if words is None:
        return None
    match = _NOT_MENTIONED.match(" ".join(words))
    if match:
        words = match.group("x").split()
        if _bare(words[0]) == "that" and len(words) > 1:
            words = words[1:]
    if _first_person_clause(words):
        return " ".join(["that", *words])
    if _noun_phrase(words):
        return " ".join(_lower_first(words))
    return None


def topic(description: str) -> str | None:
    """A strong point as a topic, finishing "I especially enjoyed discussing ...".

    >>> topic("The pricing case study."), topic("Our chat about the team's roadmap")
    ('the pricing case study', "the team's roadmap")
    >>> topic("Walked through the pricing case study clearly") is None
    True
    """
    words = _words(description)
    if words is None or third_person(description) or not _noun_phrase(words):
        return None
    match = _CONVERSATION.match(" ".join(words))
    if match:
        # "Our chat about the roadmap": what you enjoyed discussing is the roadmap, not the chat.
        words = match.group("x").split()
    return " ".join(_lower_first(words))


def explanation_sentence(description: str) -> str | None:
    """A distraction told as what happened, as a whole sentence for the employer.

    >>> explanation_sentence("My mother was taken to hospital that morning")
    'My mother was taken to hospital that morning.'
    >>> explanation_sentence("had a migraine"), explanation_sentence("Grandmother passed away") is None
    ('I had a migraine.', True)
    """
    words = _words(description)
    if words is None:
        return None
    if words[0] == "I" and len(words) > 1 and _past(words[1]):
        return " ".join(words) + "."
    subject_end = next((i for i, w in enumerate(words) if _past(w) or _bare(w) in ("was", "had")), None)
    if subject_end is not None and subject_end >= 2 and _bare(words[0]) in ("my", "our"):
        subject = words[:subject_end]
        if _noun_phrase(subject) and all(_has(w, "NOUN") or "'" in w or "\u2019" in w for w in subject[1:]):
            text = " ".join(words)
            return text[0].upper() + text[1:] + "."
        return None
    phrase = _verb_phrase(words) if _bare(words[0]) != "i" else None
    if phrase is not None and _past(phrase[0]):
        return " ".join(["I", *phrase]) + "."
    return None


def explanation_topic(description: str) -> str | None:
    """A distraction told as a thing ("A family emergency that morning"), for "I was dealing with ...".

    >>> explanation_topic("A family emergency that morning")
    'a family emergency that morning'
    """
    words = _words(description)
    if words is None or not _noun_phrase(words):
        return None
    return " ".join(_lower_first(words))


def mid_sentence(text: str) -> str:
    """Wording for the middle of a sentence: whitespace collapsed, trailing punctuation dropped.

    >>> mid_sentence("  the budget process?.. ")
    'the budget process'
    """
    collapsed = " ".join(text.split())
    return collapsed.rstrip(_TRAILING) or collapsed


def whole_sentences(text: str) -> str:
    """Whole sentences: whitespace collapsed, ending with a full stop unless they end with one already.

    >>> whole_sentences("I would review spending monthly..."), whole_sentences("Is it fair?")
    ('I would review spending monthly.', 'Is it fair?')
    """
    collapsed = " ".join(text.split())
    stripped = collapsed.rstrip(_SENTENCE_TRAILING)
    if stripped == collapsed and len(collapsed) - len(collapsed.rstrip(".")) >= 2:
        # An ellipsis ends the sentence with one full stop ("monthly..." -> "monthly.").
        stripped = collapsed.rstrip(".")
    if re.search(r"[.!?][)\"'\u201d\u2019]*$", stripped):
        return stripped
    return stripped + "."
