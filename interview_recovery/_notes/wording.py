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

import difflib
import re
from collections.abc import Sequence

from .lexicon import Label
from .lexicon import has as _label

__all__ = [
    "CLICHES",
    "activity",
    "apology",
    "cliches",
    "explanation_sentence",
    "explanation_topic",
    "mention",
    "mid_sentence",
    "misspelt_names",
    "names_of_reader",
    "question",
    "reader_names",
    "slip_of_detail",
    "third_person",
    "third_person_found",
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


def _known(word: str) -> bool:
    """True when the lexicon knows a lower-case word at all: a noun, an adjective or a verb."""
    return any(_label(word, label) for label in ("NOUN", "ADJ", "VERB"))


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


# --- the reader, named in the third person ----------------------------------------------------

_TITLES = _set("mr mrs ms miss mx dr prof professor sir dame")
_ROLE = re.compile(
    r"\bthe\s+(?:interviewers?|interview\s+panel|panel|hiring\s+manager|recruiter)(?P<s>['\u2019]s)?\b",
    re.IGNORECASE,
)
# "Was" after a pronoun that becomes "you": the verbs that change with it.
_AGREE = {
    "was": "were",
    "is": "are",
    "has": "have",
    "does": "do",
    "wasn't": "weren't",
    "isn't": "aren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "wasn\u2019t": "weren\u2019t",
    "isn\u2019t": "aren\u2019t",
}
_OBJECT = {"him": "you", "them": "you", "herself": "yourself", "himself": "yourself", "themselves": "yourselves"}
_POSSESSIVE = {"his": "your", "their": "your", "theirs": "yours", "hers": "yours"}


def reader_names(interviewer: str | None) -> tuple[str, ...]:
    """The ways a description may name the reader: their name with and without a title, and its parts.

    >>> reader_names("Ms Olena Bondarenko")
    ('Ms Olena Bondarenko', 'Olena Bondarenko', 'Ms Bondarenko', 'Bondarenko', 'Olena')
    """
    if not interviewer:
        return ()
    words = [w.strip(",.;:") for w in interviewer.split()]
    words = [w for w in words if w]
    title = [w for w in words[:1] if w.lower().rstrip(".") in _TITLES]
    names = words[len(title) :]
    if not names or not all(n[:1].isupper() for n in names):
        return ()
    found = [" ".join(words), " ".join(names)]
    if title:
        found.append(f"{title[0]} {names[-1]}")
    found.extend([names[-1], names[0]] if len(names) > 1 else [names[0]])
    return tuple(dict.fromkeys(found))


def _to_reader(text: str, reader: tuple[str, ...] = ()) -> str | None:
    """The text with the reader named as "you" ("called her Mary" -> "called you Mary", "their clients" ->
    "your clients", "the interviewer" -> "you"); None where the change is not certain ("she says")."""
    if _SOMEONE_ELSE.search(text) and _PRONOUN.search(text):
        # "Interrupted the other candidate while she was talking": "she" may not be the reader.
        return None
    names = sorted(reader, key=len, reverse=True)
    if names:
        # A name cited as a word ("her surname (Nguyen)", "spelt 'Nguyen'") stays as it is.
        pattern = (
            r"(?<![(\"'\u2018\u201c])\b(?:"
            + "|".join(re.escape(n) for n in names)
            + r")(?P<s>['\u2019]s)?\b(?![)\"\u2019\u201d])"
        )
        text = re.sub(pattern, lambda m: _reader_word(m, text), text)
    text = _ROLE.sub(lambda m: "your" if m.group("s") else "you", text)
    words = text.split()
    out: list[str] = []
    subject = False
    for i, word in enumerate(words):
        bare = _bare(word)
        nxt = _bare(words[i + 1]) if i + 1 < len(words) else ""
        if subject:
            subject = False
            if bare in _AGREE:
                word = word.replace(_bare(word), _AGREE[bare]) if word.islower() else _AGREE[bare]
            elif _verb_form(bare, "VBZ") and not _past(bare):
                return None
        if bare == "her":
            # "her name": the possessive; "called her Mary", "told her": the object.
            raw_next = words[i + 1] if i + 1 < len(words) else ""
            possessive = (raw_next[:1].islower() and bool(re.search(r"['\u2019]s\W*$", raw_next))) or (
                bool(nxt)
                and raw_next[:1].islower()
                and nxt not in _PREPOSITIONS
                and nxt not in _DETERMINERS
                and _has(nxt, "NOUN", "ADJ")
            )
            out.append(_swap(word, "your" if possessive else "you"))
        elif bare in _OBJECT:
            out.append(_swap(word, _OBJECT[bare]))
        elif bare in _POSSESSIVE:
            out.append(_swap(word, _POSSESSIVE[bare]))
        elif bare in ("she", "he", "they"):
            out.append(_swap(word, "you"))
            subject = True
        else:
            out.append(word)
    result = " ".join(out)
    return None if third_person(result) else result


_GIVEN_AS_A_NAME = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|named|spelt|spelled|spelling|pronounced)\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?$"
)


_SOMEONE_ELSE = re.compile(
    r"\b(candidates?|receptionist|colleagues?|boss|assistant|secretary|friend|partner|wife|husband|mother|father|"
    r"mum|dad|son|daughter|brother|sister|child|children|guy|woman|man|lady)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(she|he|her|him|his|hers|they|them|their|theirs)\b", re.IGNORECASE)


def _reader_word(match: re.Match[str], text: str) -> str:
    # "called you Mary instead of Marie": the right name, given as a name, stays.
    if _GIVEN_AS_A_NAME.search(text[: match.start()]):
        return match.group(0)
    return "your" if match.group("s") else "you"


def _swap(word: str, new: str) -> str:
    # Keeps what clings to the word ("her," -> "you,"); a capital only at the start, where the
    # caller lowers it.
    match = re.match(r"^([(\"'\u201c\u2018]*)(.*?)([)\"'\u201d\u2019,]*)$", word)
    if not match:
        return new
    return f"{match.group(1)}{new}{match.group(3)}"


# --- excuses ------------------------------------------------------------------------------------

_EXCUSE_TAIL = re.compile(
    r"\s*(?:,\s*)?\b(?:because|due\s+to|owing\s+to|thanks\s+to)\b.*$"
    # "as" and "since" open a reason after a comma, or before a subject ("as I missed the bus");
    # "as a team lead", "since the start" are no excuse.
    r"|\s*,\s*(?:as|since)\s+(?=(?:the|my|a|an|i|we|it|there|our|his|her|their)\b).*$"
    r"|\s+(?:as|since)\s+(?=(?:i|we|it|there|they|he|she)\s+\w+).*$",
    re.IGNORECASE,
)
_PARENTHESISED = re.compile(r"\s*\(([^()]*)\)")


def _without_excuse(text: str) -> str:
    """The text without its excuse: a because/due to/as/since clause, or a parenthesised reason (A6).

    >>> _without_excuse("Arrived late (the train was cancelled)"), _without_excuse("Misspelt your name (Nguyen)")
    ('Arrived late', 'Misspelt your name (Nguyen)')
    """

    def reason(match: re.Match[str]) -> str:
        inside = match.group(1).split()
        told = any(_bare(w) in _AUXILIARIES or _past(w) for w in inside) or _EXCUSE_TAIL.search(" " + match.group(1))
        return "" if told else match.group(0)

    return _EXCUSE_TAIL.sub("", _PARENTHESISED.sub(reason, text))


# --- what a strength or a slip is ----------------------------------------------------------------

_ACTIVITIES = _set(
    "exercise exercises test tests task tasks challenge challenges assessment assessments presentation presentations "
    "demo demos demonstration walk-through walkthrough role-play roleplay simulation tour workshop session "
    "interview case kata audition trial shift tasting"
)
_ACTIVITY_PHRASES = re.compile(
    r"\b(case\s+stud(?:y|ies)|pair\s+programming|whiteboard|live\s+coding|practical)\b", re.I
)


def activity(wording: str) -> bool:
    """True when a strength's wording names something you did there (an exercise, a test, a presentation),
    which is enjoyed, not "discussed".

    >>> activity("the live SQL exercise"), activity("the team's roadmap")
    (True, False)
    """
    head = re.split(r"\s+(?:of|on|about|for|with|in|at|from|during)\s+", wording, maxsplit=1)[0]
    words = [_bare(w) for w in head.split()]
    return bool(words) and (words[-1] in _ACTIVITIES or bool(_ACTIVITY_PHRASES.search(head)))


_DETAIL = re.compile(
    r"\bcalled\s+(?:you|her|him|them|the\s+\w+)\s+(?-i:[A-Z])|\b(names?|surname|"
    r"dates?|day|days|time|times|titles?|spell\w*|misspel\w*|mispronounc\w*|typo|figures?|numbers?|year)\b",
    re.IGNORECASE,
)


def slip_of_detail(text: str) -> bool:
    """True when a slip is one of detail (a name, a date, a figure), after which a light touch fits (A14);
    not a failure of the job's own skill.

    >>> slip_of_detail("Called her Mary instead of Marie")
    True
    >>> slip_of_detail("Answered in English when you switched to French")
    False
    """
    return bool(_DETAIL.search(text))


def third_person(text: str) -> bool:
    """True when the text names someone in the third person, as a note to the interviewer should not.

    >>> third_person("Called her Mary"), third_person("Called you Mary")
    (True, False)
    """
    return bool(_THIRD_PERSON.search(text))


def third_person_found(text: str) -> list[str]:
    """The third-person words of a text, each once: ["her", "the interviewer"]."""
    return list(dict.fromkeys(" ".join(m.group(0).lower().split()) for m in _THIRD_PERSON.finditer(text)))


def names_of_reader(text: str, reader: tuple[str, ...]) -> list[str]:
    """The reader's own names in a text addressed to them ("I called Ms Bondarenko Katrina").

    >>> names_of_reader("I called Ms Bondarenko Katrina", reader_names("Ms Bondarenko"))
    ['Ms Bondarenko']
    """
    found: list[str] = []
    # A name cited, or given as the right one ("called you Mary instead of Marie"), names no one.
    rest = _AS_A_WORD.sub(" ", _CITED.sub(" ", text))
    for name in sorted(reader, key=len, reverse=True):
        pattern = re.compile(r"\b" + re.escape(name) + r"\b")
        if pattern.search(rest):
            found.append(name)
            rest = pattern.sub(" ", rest)
    return found


_CITED = re.compile(r"\([^()]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|'[^']*'(?!\w)")
_AS_A_WORD = re.compile(
    r"\b(?:instead\s+of|rather\s+than|not|named|spelt|spelled|spelling|pronounced)\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr)?\.?\s*"
    r"[A-Z][\w'\u2019-]*"
)
_NAME_WORD = re.compile(r"\b[A-Z][a-z\u00c0-\u024f'\u2019-]{2,}\b")


def misspelt_names(text: str, names: Sequence[str]) -> list[tuple[str, str]]:
    """Words of a text that look like a listed name spelt differently: ("Bondarenco", "Bondarenko").

    >>> misspelt_names("I enjoyed meeting Ms Bondarenco", ["Ms Olena Bondarenko"])
    [('Bondarenco', 'Bondarenko')]
    """
    known = {part for name in names for part in _NAME_WORD.findall(name) if part.lower().rstrip(".") not in _TITLES}
    found: list[tuple[str, str]] = []
    for word in dict.fromkeys(_NAME_WORD.findall(text)):
        if word in known:
            continue
        close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.75)
        if close and close[0] != word:
            found.append((word, close[0]))
    return found


CLICHES: tuple[str, ...] = (
    "look forward to hearing from you",
    "bring to the table",
    "hit the ground running",
    "team player",
    "think outside the box",
    "perfect fit",
    "dream job",
    "passionate about",
    "go-getter",
    "self-starter",
    "results-driven",
    "detail-oriented",
    "hard-working",
    "above and beyond",
    "add value",
    "what i can bring to your team",
)
"""Stock phrases of thank-you notes that recruiters list as saying nothing about this conversation (B8)."""


def cliches(text: str) -> list[str]:
    """The stock phrases of :data:`CLICHES` in a text.

    >>> cliches("I am a team player who can hit the ground running")
    ['hit the ground running', 'team player']
    """
    lowered = " ".join(text.lower().split())
    return [phrase for phrase in CLICHES if re.search(r"\b" + re.escape(phrase) + r"\b", lowered)]


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


def _prepared(description: str, reader: tuple[str, ...]) -> list[str] | None:
    """The words of a description for a note to the reader: its excuse dropped, the reader named as "you";
    None when it holds more than one thought or the reader cannot be named so with certainty."""
    text = _without_excuse(" ".join(description.split()))
    converted = _to_reader(text, reader) if text else None
    if converted and reader:
        converted = _without_own_name(converted, reader)
    return _words(converted) if converted else None


def _without_own_name(text: str, reader: tuple[str, ...]) -> str:
    """The text without a bracket that only repeats the reader's name: "your surname (Nguyen)" to Ms
    Nguyen is "your surname"; a bracket citing another spelling ("(Nguen)") stays."""
    pattern = r"\s*\((?:" + "|".join(re.escape(n) for n in sorted(reader, key=len, reverse=True)) + r")\)"
    return re.sub(pattern, "", text)


def apology(description: str, reader: tuple[str, ...] = ()) -> str | None:
    """What you are sorry for, finishing "I'm sorry that I ...", or None when not certain.

    The reader named in the third person becomes "you", and an excuse is left out (A6).

    Args:
        description: the slip as you described it.
        reader: the ways the description may name the interviewer (see :func:`reader_names`).

    >>> apology("Called you Mary instead of Marie."), apology("Unprepared for the case study")
    ('called you Mary instead of Marie', 'was unprepared for the case study')
    >>> apology("Called her Mary instead of Marie"), apology("Arrived late because my train was cancelled")
    ('called you Mary instead of Marie', 'arrived late')
    >>> apology("Late arrival") is None
    True
    """
    words = _prepared(description, reader)
    if words is None:
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
        r"^(?:i\s+)?(?:rambled|blanked|waffled|stumbled|froze|struggled|dried\s+up)\s+(?:on|with|over)\s+"
        r"(?:the|your|a|one|that)\s+question\s+(?:about|on|regarding|around)\s+(?P<x>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:i\s+)?(?:rambled|waffled)\s+(?:on\s+)?(?:about|on)\s+(?P<x>.+)$", re.IGNORECASE),
    re.compile(
        r"^(?:i\s+)?(?:blanked|froze|stumbled|struggled)\s+(?:on|with|over)\s+(?P<x>(?!the\b|a\b|an\b|my\b).+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:my\s+|an?\s+|the\s+)?(?:(?:weak|poor|vague|rambling|long|short|muddled|confused|unclear)\s+)?"
        r"(?:answer|response|reply)\s+(?:to\s+(?:the|your)\s+question\s+)?"
        r"(?:about|on|regarding|around)\s+(?P<x>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+|your\s+|a\s+)?question\s+(?:about|on|regarding|around)\s+(?P<x>.+)$", re.IGNORECASE),
]


# What leads to "the X question" in a description of a misunderstood answer ("Misunderstood the
# budgeting question", "Gave a technical answer to the stakeholder question"); "" when it opens it.
_TO_NAMED_QUESTION = re.compile(
    r"^(?:"
    r"(?:i\s+)?(?:misunderstood|misread|misheard|misinterpreted|got\s+wrong)"
    r"|(?:i\s+)?(?:rambled|blanked|waffled|stumbled|froze|struggled|dried\s+up)\s+(?:on|with|over)"
    r"|(?:(?:i\s+)?gave\s+)?(?:(?:my|an?|the)\s+)?(?:[\w-]+\s+)?(?:answer|response|reply)\s+(?:to|on|for)"
    r")?\s*$",
    re.IGNORECASE,
)
# Words before "question" that say what kind of question it was, not what it was about
# ("the follow-up question"), and nouns that read wrongly after "about" in the singular.
_KIND_OF_QUESTION = _set(
    "follow-up followup trick opening closing final first last second third next other same scenario case "
    "competency behavioural behavioral situational technical hypothetical curveball bonus warm-up icebreaker "
    "brainteaser interview panel tough hard tricky difficult easy big main key open closed standard usual typical "
    "classic obvious simple long short odd strange weird wrong right whole entire yes-or-no "
    "position section station mention version mission session decision solution relationship internship "
    "instance chance city entity opportunity activity priority"
)
# Who a question may be about, named in the singular before "question" ("the stakeholder question"):
# after "about" they read in the plural ("your question about stakeholders").
_PARTIES = _set("stakeholder customer client user supplier vendor competitor investor donor")
# Endings of nouns that read after "about" on their own, in the singular ("assay validation",
# "leadership", "pricing", "security").
_TOPIC_ENDINGS = ("tion", "sion", "ment", "ship", "ism", "ics", "ing", "ance", "ity")
_OPENS_A_SUBJECT = _DETERMINERS | _PREPOSITIONS


def _named_question(words: list[str]) -> str | None:
    """What "the X question" was about, from a description that names a question by its subject:
    "the assay validation question, I talked about sample prep instead" -> "assay validation"; None
    unless the subject certainly reads after "your question about"."""
    end = next((i for i, w in enumerate(words) if _bare(w) == "question"), None)
    if end is None or (end + 1 < len(words) and not words[end].endswith(",")):
        return None
    start = end
    while start > 0 and end - start < 3 and _bare(words[start - 1]) not in _OPENS_A_SUBJECT:
        start -= 1
    subject = words[start:end]
    lead = words[:start]
    if lead and _bare(lead[-1]) in ("the", "your", "that", "one", "a"):
        lead = lead[:-1]
    elif lead:
        return None
    if not subject or not _TO_NAMED_QUESTION.match(" ".join(lead)):
        return None
    if not lead and start == 0 and not (_bare(subject[0]) in _PARTIES or _known_first(subject)):
        # "Stakeholder question": a capitalised word the lexicon does not know may be a name.
        return None
    if not lead and start == 0:
        subject = _common_first(subject)
    for word in subject:
        bare = _bare(word)
        if bare in _KIND_OF_QUESTION or (_has(bare, "ADJ") and not _has(bare, "NOUN")) or not word.strip("-"):
            return None
        if bare in _SUBJECTS or bare in _AUXILIARIES or (_past(word) and not _has(word, "NOUN")):
            return None
    head = subject[-1]
    bare = _bare(head)
    if bare in _PARTIES:
        return " ".join([*subject[:-1], head + "s"])
    named = head.isupper() or bool(re.search(r"[A-Z\d]", head[1:])) or bare in _NAMES
    plural = _verb_form(bare, "VBZ") and _has(bare, "NOUN")
    ending = bare.endswith(_TOPIC_ENDINGS) and len(bare) > 5 and (not bare.endswith("ing") or _gerund(bare))
    if named or plural or ending:
        return " ".join(subject)
    return None


def _gerund(word: str) -> bool:
    """True for a verb's -ing form ("pricing", "planning"), not a noun that ends so ("string")."""
    stem = word[:-3]
    return any(_has(verb, "VERB") for verb in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""))


def question(description: str, reader: tuple[str, ...] = ()) -> str | None:
    """What the question was about, finishing "your question about ...".

    >>> question("Misunderstood the question about budgets"), question("My answer about the budget process")
    ('budgets', 'the budget process')
    >>> question("the assay validation question, I talked about sample prep instead")
    'assay validation'
    >>> question("Gave a technical answer to the stakeholder question"), question("The follow-up question")
    ('stakeholders', None)
    """
    words = _prepared(description, reader)
    if words is None:
        return None
    text = " ".join(words)
    for pattern in _QUESTION:
        match = pattern.match(text)
        if match:
            rest = match.group("x").split()
            if _bare(rest[-1]) in ("question", "questions"):
                # "Rambled on the pricing question": not "your question about the pricing question".
                return _named_question(words)
            if _bare(rest[0]) in _DETERMINERS:
                rest = _lower_first(rest)
            return " ".join(rest)
    return _named_question(words)


_NOT_MENTIONED = re.compile(
    r"^(?:i\s+)?(?:forgot\s+to|didn't|didn\u2019t|did\s+not|never|failed\s+to|neglected\s+to)\s+"
    r"(?:mention|say|bring\s+up|talk\s+about|tell\s+you\s+about)\s+(?P<x>.+)$"
    r"|^(?:i\s+)?(?:never|forgot\s+i)\s+(?:mentioned|said|brought\s+up|talked\s+about|told\s+you\s+about)\s+(?P<y>.+)$"
    r"|^(?:i\s+)?(?:forgot|neglected)\s+(?:mentioning|saying|bringing\s+up|talking\s+about)\s+(?P<z>.+)$",
    re.IGNORECASE,
)
# A list written as people jot one down: "AWS certification / Python / Internship at Deloitte".
_LIST_SEPARATOR = re.compile(r"\s*(?:\s/|/\s|[;\n\u2022!])\s*")
# What you may have: the head of a bare noun phrase that "my" fits ("AWS certification" -> "my AWS certification").
_HELD = _set(
    "certification certificate certificates experience degree degrees skills skill work training licence license "
    "background qualification qualifications portfolio internship internships apprenticeship mba phd msc ba bsc "
    "ma diploma publication publications project projects award awards fluency knowledge volunteering placement "
    "thesis dissertation research fellowship scholarship accreditation membership registration record years "
    "contributions contribution role job time clearance website course courses blog podcast patent"
)
# Activities seen in an interview: the head a bare noun phrase takes "the" before ("Latte art test").
# Names that are also English words, kept with their capital when they open a bare noun phrase.
_NAMES = _set(
    "python java ruby rust go swift julia scala excel word access tableau airflow spark snowflake kafka hadoop "
    "docker salesforce oracle sage xero notion slack jira figma sketch illustrator photoshop outlook teams "
    "unity blender maya houdini django flask react angular vue node pandas"
)


def _common_first(words: list[str]) -> list[str]:
    # The first word of a bare noun phrase is lowered only when it is an ordinary English word
    # ("Latte art test"); a name ("Airflow experience", "Deloitte internship") keeps its capital.
    first = _bare(words[0])
    if first in _NAMES or words[0].isupper() or re.search(r"[A-Z\d]", words[0][1:]):
        return words
    return _lower_first(words)


def _known_first(words: list[str]) -> bool:
    # A capitalised word the lexicon does not know may be a name ("Deloitte internship") or an
    # ordinary word it lacks ("Barista training"): lowering it or not could be wrong, so no wording.
    word = words[0]
    bare = _bare(word)
    if not word[:1].isupper() or bare in _NAMES or bare in _DETERMINERS or bare in _NUMBERS or word.isupper():
        return True
    if re.search(r"[A-Z\d]", word[1:]):
        return True
    return _known(bare)


def _bare_noun_phrase(words: list[str], heads: frozenset[str]) -> bool:
    """True for a noun phrase without its article ("Latte art test", "Internship at Deloitte") whose head
    (the last word before a preposition) is one of ``heads``, and that holds no verb."""
    cut = next((i for i, w in enumerate(words) if _bare(w) in _PREPOSITIONS), len(words))
    if cut == 0 or _bare(words[cut - 1]) not in heads:
        return False
    for i, word in enumerate(words):
        bare = _bare(word)
        if (
            bare in _SUBJECTS
            or bare in _AUXILIARIES
            or bare in _SUBORDINATORS
            or "'" in bare.replace("'s", "")
            or "\u2019" in bare.replace("\u2019s", "")
        ):
            return False
        if i < cut and (_past(word) and not _has(word, "NOUN", "ADJ")):
            return False
    if cut < len(words) and not _noun_phrase(["the", *words[cut + 1 :]]) and not _proper(words[cut + 1 :]):
        return False
    return not (_past(words[0]) and not _has(words[0], "NOUN", "ADJ")) and _bare(words[0]) not in _DETERMINERS


def _proper(words: list[str]) -> bool:
    # "at Deloitte", "in São Paulo": names only.
    return bool(words) and all(w[:1].isupper() for w in words)


def _first_person_clause(words: list[str]) -> bool:
    # "I led the migration", "I speak Spanish", "I have a licence": "I" and a verb it can take.
    if len(words) < 2 or words[0] != "I":
        return False
    verb = _bare(words[1])
    return _past(verb) or verb in ("am", "have", "can") or (_verb_form(verb, "VBP") and not _has(verb, "ADJ"))


def _one_mention(words: list[str], in_list: bool = False) -> str | None:
    match = _NOT_MENTIONED.match(" ".join(words))
    if match:
        words = (match.group("x") or match.group("y") or match.group("z")).split()
        if _bare(words[0]) == "that" and len(words) > 1:
            words = words[1:]
    if _bare(words[0]) == "that" and _first_person_clause(words[1:]):
        words = words[1:]
    if _first_person_clause(words) or (words[0] in ("I'm", "I\u2019m") and len(words) > 1):
        return " ".join(["that", *words])
    if _noun_phrase(words):
        return " ".join(_lower_first(words))
    if _bare_noun_phrase(words, _HELD) and _known_first(words):
        return " ".join(["my", *_common_first(words)])
    if (
        in_list
        and len(words) <= 3
        and _proper(words)
        and all(not _known(_bare(w)) or _bare(w) in _NAMES for w in words)
    ):
        # A name in a list ("AWS certification / Python"): what you know, as you wrote it. Alone,
        # "I also wanted to mention Python" says too little: a placeholder asks for more.
        return " ".join(words)
    second = _bare(words[1]) if len(words) > 1 else ""
    verb_led = not _has(words[0], "ADJ", "NOUN") or second in _DETERMINERS or second in _NUMBERS
    if _past(words[0]) and verb_led and len(words) > 1:
        # "Worked at Deloitte for two years": what you did, as a that-clause about yourself.
        return " ".join(["that I", *_lower_first(words)])
    return None


def mention(description: str, reader: tuple[str, ...] = ()) -> str | None:
    """What you forgot to mention, finishing "I also wanted to mention ...".

    >>> mention("Forgot to mention my volunteer work"), mention("Didn't say I led the 2023 data migration")
    ('my volunteer work', 'that I led the 2023 data migration')
    >>> mention("Tableau certification! / Python / Internship at Deloitte")
    'my Tableau certification, Python and my internship at Deloitte'
    >>> mention("My cousin works in accounts") is None
    True
    """
    parts = [p for p in _LIST_SEPARATOR.split(description.strip()) if any(c.isalnum() for c in p)]
    found = []
    for part in parts:
        words = _prepared(part, reader)
        one = _one_mention(words, in_list=len(parts) > 1) if words else None
        if one is None:
            return None
        found.append(one)
    if not found:
        return None
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]


# A strength told as what you did with it: "Talked them through my dashboard redesign".
_TOOK_THROUGH = _set("talked walked took led guided stepped")
# A strength told as how it was received: "The team seemed to like my questions about on-call".
_RECEIVED_BY = _set("you everyone everybody")
_GROUPS = _set("team panel group room committee board")
_LIKED = _set("liked loved enjoyed appreciated")
_LIKE = _set("like love enjoy appreciate")
# "... went down well", "... was well received": what went well is the phrase before.
_WENT_WELL = tuple(
    tuple(tail.split())
    for tail in (
        "went down well",
        "went down really well",
        "went down very well",
        "went well",
        "went really well",
        "went very well",
        "seemed to go down well",
        "seemed to go well",
        "landed well",
        "was well received",
        "were well received",
    )
)
_CHATS = _set("chat chats conversation conversations discussion discussions talk exchange")
# Words that end a phrase as a comment on it, not as part of what it names ("my portfolio a lot").
_COMMENTS = _set("well too also again today yesterday there here lot much more most fast instead though anyway")
_NOT_A_TOPIC = _set("but not only except than although yet")
_JOINING = _PREPOSITIONS | _set("and or")
_NOT_A_KIND_OF_CHAT = _SUBJECTS | _AUXILIARIES | _PREPOSITIONS | _DETERMINERS


def _plain(words: list[str]) -> bool:
    """True when a phrase taken out of a sentence names a thing and no more: no second article without a
    preposition before it ("my portfolio a lot"), no "but"/"not", no adverb at its end ("clearly")."""
    if not words or words[-1].endswith(","):
        return False
    for i, word in enumerate(words):
        bare = _bare(word)
        if bare in _NOT_A_TOPIC or "n't" in bare or "n\u2019t" in bare:
            return False
        if i and bare in _DETERMINERS and _bare(words[i - 1]) not in _JOINING:
            return False
    last = _bare(words[-1])
    return last not in _COMMENTS and not (last.endswith("ly") and not _has(last, "NOUN", "ADJ"))


def _what_went_well(words: list[str]) -> list[str] | None:
    """The thing a strength names when it is told as a sentence about it: "Talked them through X",
    "They seemed to like X", "X went down well", "X, which went well"; None for any other shape."""
    bare = [_bare(w) for w in words]
    if bare[:1] == ["i"]:
        words, bare = words[1:], bare[1:]
    if len(bare) > 1 and bare[0] in ("enjoyed", "loved"):
        # "Enjoyed the chat about remote work": what you enjoyed.
        return words[1:] if _plain(words[1:]) else None
    if len(bare) > 2 and bare[0] in _TOOK_THROUGH:
        # "Talked you through X", "Walked through X".
        skip = 3 if bare[1] in _RECEIVED_BY and bare[2] == "through" else 2 if bare[1] == "through" else 0
        return words[skip:] if skip and _plain(words[skip:]) else None
    subject = 1 if bare[:1] and bare[0] in _RECEIVED_BY else 0
    if not subject and len(bare) > 1 and bare[0] in ("the", "your"):
        subject = 2 if bare[1] in _GROUPS else 3 if bare[1] == "whole" and bare[2:3] and bare[2] in _GROUPS else 0
    if subject:
        rest = bare[subject:]
        if rest[:2] == ["seemed", "to"] and rest[2:3] and rest[2] in _LIKE:
            start = subject + 3
        elif rest[:1] and rest[0] in _LIKED:
            start = subject + 1
        elif rest[:2] and rest[0] == "really" and rest[1] in _LIKED:
            start = subject + 2
        else:
            return None
        thing = words[start:]
        if [_bare(w) for w in thing[-2:]] in (["a", "lot"], ["very", "much"]):
            # "They liked my portfolio a lot": how much is not what.
            thing = thing[:-2]
        return thing if _plain(thing) else None
    if bare[-2:] == ["with", "you"]:
        words, bare = words[:-2], bare[:-2]
    for tail in _WENT_WELL:
        if len(bare) > len(tail) and tuple(bare[-len(tail) :]) == tail:
            thing = words[: -len(tail)]
            if _bare(thing[-1]) == "which" and len(thing) > 1 and thing[-2].endswith(","):
                # "The data modelling exercise, which went well".
                thing = [*thing[:-2], thing[-2].rstrip(",")]
            return thing if _plain(thing) else None
    return None


def _chat_about(words: list[str]) -> list[str] | None:
    """What a chat was about: "Our chat about the roadmap", "lab tour chat about the new mass spec" ->
    the words after "about"; None unless the words before name a chat and nothing else."""
    at = next((i for i, w in enumerate(words) if _bare(w) in _CHATS), None)
    if at is None or at + 2 >= len(words) or _bare(words[at + 1]) not in ("about", "on", "around"):
        return None
    before = words[:at]
    if before and (_bare(before[0]) in _DETERMINERS):
        before = before[1:]
    for word in before:
        bare = _bare(word)
        if len(before) > 3 or bare in _NOT_A_KIND_OF_CHAT:
            return None
        if (_past(word) or _verb_form(word, "VBN")) and not _has(word, "NOUN", "ADJ"):
            # "Enjoyed the chat about ...": a verb, not a kind of chat.
            return None
    thing = words[at + 2 :]
    opened = _bare(thing[0]) in _DETERMINERS or _bare(thing[0]) in _NUMBERS
    if not _plain(thing) or not _noun_phrase(thing if opened else ["the", *thing]):
        return None
    return thing


def topic(description: str, reader: tuple[str, ...] = ()) -> str | None:
    """A strong point as a topic ("I especially enjoyed discussing ...") or an activity ("... enjoyed ...").

    >>> topic("The pricing case study."), topic("Our chat about the team's roadmap"), topic("Latte art test")
    ('the pricing case study', "the team's roadmap", 'the latte art test')
    >>> topic("Talked them through my dashboard redesign"), topic("lab tour chat about the new mass spec")
    ('my dashboard redesign', 'the new mass spec')
    >>> topic("my poster on protein aggregation went down well")
    'my poster on protein aggregation'
    >>> topic("Walked through the pricing case study clearly") is None
    True
    """
    words = _prepared(description, reader)
    if words is None:
        return None
    told = _what_went_well(words)
    if told is not None:
        words = told
    about = _chat_about(words)
    if about is not None:
        # "Our chat about the roadmap": what you enjoyed discussing is the roadmap, not the chat.
        if [_bare(word) for word in about] == ["you"]:
            # "Our chat about him" names no topic: "enjoyed discussing you" would not be sent.
            return None
        return " ".join(_lower_first(about) if _bare(about[0]) in _DETERMINERS else about)
    if not _known_first(words):
        return None
    if _bare_noun_phrase(words, _ACTIVITIES) or (
        not _noun_phrase(words)
        and _ACTIVITY_PHRASES.search(" ".join(words))
        and _bare_noun_phrase(words, _set("study studies programming coding practical whiteboard"))
    ):
        return " ".join(["the", *_common_first(words)])
    if not _noun_phrase(words):
        return None
    return " ".join(_lower_first(words))


# Family, and the animals of a household: "Grandmother passed away" can only mean your own.
_KIN = _set(
    "mother father mum mom dad parent parents grandmother grandfather grandma grandpa granny gran nan nana "
    "grandad granddad grandparent grandparents brother sister son daughter child baby wife husband partner "
    "fiance fiancee fianc\u00e9 fianc\u00e9e uncle aunt auntie cousin niece nephew stepfather stepmother stepson "
    "stepdaughter dog cat"
)


def _own(words: list[str], possessive: bool = False) -> list[str]:
    """The words with "my" before a bare family word that opens them ("Grandmother passed away" ->
    "my grandmother passed away"; with ``possessive``, "Mother's surgery" -> "my mother's surgery")."""
    first = words[0]
    bare = _bare(first)
    if possessive:
        bare = bare[:-2] if bare.endswith(("'s", "\u2019s")) and len(words) > 1 else ""
    if bare in _KIN and not first.isupper() and (first[1:].islower() or len(first) == 1):
        return ["my", first[:1].lower() + first[1:], *words[1:]]
    return words


def explanation_sentence(description: str) -> str | None:
    """A distraction told as what happened, as a whole sentence for the employer.

    >>> explanation_sentence("My mother was taken to hospital that morning")
    'My mother was taken to hospital that morning.'
    >>> explanation_sentence("had a migraine"), explanation_sentence("Grandmother passed away two days before")
    ('I had a migraine.', 'My grandmother passed away two days before.')
    >>> explanation_sentence("Sick child at home") is None
    True
    """
    words = _words(description)
    if words is None:
        return None
    words = _own(words)
    if words[0] == "I" and len(words) > 1 and _past(words[1]):
        return " ".join(words) + "."
    subject_end = next((i for i, w in enumerate(words) if _past(w) or _bare(w) in ("was", "had")), None)
    if subject_end is not None and subject_end >= 2 and _bare(words[0]) in ("my", "our"):
        subject = words[:subject_end]
        if _noun_phrase(subject) and all(
            _has(w, "NOUN") or _bare(w) in _KIN or "'" in w or "\u2019" in w for w in subject[1:]
        ):
            text = " ".join(words)
            return text[0].upper() + text[1:] + "."
        return None
    phrase = _verb_phrase(words) if _bare(words[0]) != "i" else None
    if phrase is not None and _past(phrase[0]):
        return " ".join(["I", *phrase]) + "."
    return None


def explanation_topic(description: str) -> str | None:
    """A distraction told as a thing ("A family emergency that morning"), for "I was dealing with ...".

    >>> explanation_topic("A family emergency that morning"), explanation_topic("Mother's surgery that week")
    ('a family emergency that morning', "my mother's surgery that week")
    """
    words = _words(description)
    if words is None:
        return None
    words = _own(words, possessive=True)
    if not _noun_phrase(words):
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
