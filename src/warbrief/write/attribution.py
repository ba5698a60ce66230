"""Attribution survives the write stage (issue #6): a claim keeps who claims it, an unverified claim says so.

understand/claims.py gives every fact a ``source`` and a ``status``. When a written sentence states a fact
whose status is ``claimed`` or ``unverified`` and the sentence itself names no source ("Russia has also lost
9,657 tanks" after "…, the General Staff reported", or "According to the report, …"), the attribution is
carried into the briefing, in this order of preference:

1. the attributing sentence right before it, in the same paragraph of the same article, is written with it
   (``Framing.previous``: selection takes the pair, ``select.choose_sentences``);
2. otherwise the sentence is framed "According to <source>," with the source's words exactly as the same
   article writes them (the nearest sentence before it, in its paragraph or the one before, that attributes
   to that source, else the article's title), and that sentence is cited next to the fact's own sentence,
   so the names of the frame are in the quotes; only a source found in the title alone needs verify.py's
   frame rule (``verify.frame_names``).

A fact the text itself calls unverified (understand/claims.py: "could not be independently verified" in its
sentence or the next one) is marked "(unverified)" unless its own sentence already says so; the sentence
that says so is cited with it. Both additions say nothing a source did not say: the source's words and
the verdict are quoted from the same article.

Every written sentence also carries its ``status`` (``CitedSentence.status``, ``sentence_status``):
``unverified`` when it states a fact the text calls unverified, else ``claimed`` when it states a claim of one
side, else None, whether or not a frame or a marker was needed. The text stays self-sufficient (Markdown and
plain-text readers see the frame and "(unverified)"); renderers use the status to style it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warbrief.records import Article, Fact, Sentence, SentenceStatus
from warbrief.understand import claims
from warbrief.understand.claims import says_unverified, speaker_of

UNVERIFIED_MARK = "(unverified)"
FRAME = "According to {who}, "
FRAMED_STATUSES = ("claimed", "unverified")

# "According to the report, …", "the statement said": an attribution that only points back at a sentence.
_ANAPHORIC_SOURCE = re.compile(
    r"^(?:the\s+|this\s+|that\s+|its\s+)?(?:report|statement|data|figures|update|post|briefing|message|document"
    r"|summary|estimate|ministry|agency|source|it|they|he|she)s?$",
    re.IGNORECASE,
)
_ANAPHORIC_LEAD = re.compile(
    r"^According\s+to\s+(?:the|this|that|its|their)\s+(?:latest\s+|daily\s+|new\s+)?"
    r"(?:report|statement|data|figures|update|post|briefing|message|document|summary|estimate)s?,\s*"
)
_FRAMING_WORDS = re.compile(r"\b(?:claim(?:s|ed|ing)?|alleg(?:ed|edly|es|ing)|reportedly|purportedly)\b", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…]$")
# Words that open a sentence in lower case once a frame is put before them.
_LOWER_AFTER_FRAME = frozenset(
    "The A An This These That Those Its Their Some More Most Over About Around Nearly Almost Approximately Up"
    " At In On During Overnight Since".split()
)


@dataclass(frozen=True, slots=True)
class Framing:
    """What a written sentence needs so that a claim keeps its attribution.

    ``previous``: the attributing sentence is the one before (same paragraph), to be written with it.
    ``who`` and ``who_span``: the source as the article writes it, and the span of the sentence that names it
    (None when only the title names it). ``unverified``: the claim is unverified and its sentence does not
    say so; ``unverified_span`` is the span of the sentence that does (the next one or the one after).
    """

    who: str | None = None
    who_span: tuple[int, int] | None = None
    previous: bool = False
    unverified: bool = False
    unverified_span: tuple[int, int] | None = None


def carries_attribution(text: str) -> bool:
    """Whether a sentence names who says it, or frames itself as a claim ("allegedly", "claimed")."""
    if _ANAPHORIC_LEAD.match(text):
        return False
    source, _ = speaker_of(text, 0, len(text))
    if source is not None and not _ANAPHORIC_SOURCE.match(source):
        return True
    return bool(_FRAMING_WORDS.search(text))


def facts_in(sentence: Sentence, facts: Sequence[Fact]) -> list[Fact]:
    """The facts whose span overlaps the sentence's."""
    return [f for f in facts
            if f.article_id == sentence.article_id and f.start < sentence.end and f.end > sentence.start]


def sentence_status(sentence: Sentence, facts: Sequence[Fact]) -> SentenceStatus | None:
    """What a written ``sentence`` states: ``unverified`` if one of its facts is, else ``claimed`` if one is."""
    stated = {f.status for f in facts_in(sentence, facts)}
    if "unverified" in stated:
        return "unverified"
    if "claimed" in stated:
        return "claimed"
    return None


def _institution_pattern(source: str) -> re.Pattern[str] | None:
    for name, _side, pattern in claims.INSTITUTION_PATTERNS:  # the names claims.py gives institutions
        if name == source:
            return pattern
    return None


def written_source(source: str, text: str) -> str | None:
    """``source`` as ``text`` writes it ("the General Staff" for the canonical General Staff name), if it does."""
    pattern = _institution_pattern(source)
    if pattern is not None:
        match = pattern.search(text)
        return " ".join(match.group(0).split()) if match else None
    return source if source in text else None


def _names(text: str, source: str) -> str | None:
    """The source's written form when ``text`` attributes something to ``source``."""
    if speaker_of(text, 0, len(text))[0] != source:
        return None
    return written_source(source, text)


def framing_for(sentence: Sentence, article: Article, sentences: Sequence[Sentence],
                facts: Sequence[Fact]) -> Framing | None:
    """What ``sentence`` needs to keep the attribution and status of the facts it states (None: nothing)."""
    stated = [f for f in facts_in(sentence, facts) if f.status in FRAMED_STATUSES]
    if not stated:
        return None
    by_index = {s.index: s for s in sentences}
    who = who_span = None
    previous = False
    claimed = [f for f in stated if f.source]
    source = claimed[0].source if claimed else None
    if source is not None and not carries_attribution(sentence.text) and not written_source(source, sentence.text):
        # Its own paragraph or the one before (a heading, a lead): further back is another item of a digest.
        before = [s for s in sentences if s.index < sentence.index and s.paragraph >= sentence.paragraph - 1]
        for earlier in reversed(before):
            words = _names(earlier.text, source)
            if words:
                who, who_span = words, (earlier.start, earlier.end)
                previous = earlier.index == sentence.index - 1 and earlier.paragraph == sentence.paragraph
                break
        else:
            if _names(article.title, source):
                who = written_source(source, article.title)
    unverified = any(f.status == "unverified" for f in stated) and not says_unverified(sentence.text)
    unverified_span = None
    if unverified:
        for step in (1, 2):
            following = by_index.get(sentence.index + step)
            if following is not None and following.paragraph == sentence.paragraph and says_unverified(following.text):
                unverified_span = (following.start, following.end)
                break
    if who is None and not unverified:
        return None
    return Framing(who=who, who_span=who_span, previous=previous, unverified=unverified,
                   unverified_span=unverified_span)


def frame(text: str, who: str) -> str:
    """``text`` opened by "According to <who>, ", replacing an anaphoric "According to the report, "."""
    body = _ANAPHORIC_LEAD.sub("", text, count=1)
    first = body.split(" ", 1)[0]
    if first in _LOWER_AFTER_FRAME:
        body = first.lower() + body[len(first) :]
    return FRAME.format(who=who) + body


def mark_unverified(text: str) -> str:
    """``text`` with the "(unverified)" marker before its final full stop (or at its end)."""
    if _TERMINAL.search(text):
        return f"{text[:-1]} {UNVERIFIED_MARK}{text[-1]}"
    return f"{text} {UNVERIFIED_MARK}"


_WRITTEN_FRAME = re.compile(r"^According to [^,]{1,120}, ")


def unframed(text: str) -> str:
    """A written sentence without an "According to …, " frame and the "(unverified)" marker: what is left is
    a deletion of its first citation's quote (cleanup.is_deletion_of), whatever attribution.py added."""
    return _WRITTEN_FRAME.sub("", text, count=1).replace(f" {UNVERIFIED_MARK}", "")
