"""Sentence segmentation with character offsets into the article text.

Rule-based, because news text is full of abbreviations that generic splitters break on ("U.S.", "Gen.",
"Lt. Col.", "No. 5", "J.D. Vance"): spaCy's blank sentencizer splits after "Lt." and "No.", and the
statistical parser costs far more than the rest of the stage. A boundary is sentence-final punctuation
(optionally followed by closing quotes or brackets), then white space, then something that can open a
sentence, unless the word before the period is a known abbreviation or an initial ("No." and "Nos." only
before a number, and never when a closing quote follows the period: "tell yourself “no.” That's"). Paragraphs are
segmented one by one, so no sentence ever spans two paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from warbrief.records import Article, Sentence

# Abbreviations after which a period does not end a sentence (compared case-insensitively).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig gov sen rep pres amb
    st mt ft no nos vol fig pp jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp ltd co bros dept univ est approx vs etc al jr sr rev gen.-lt e.g i.e cf""".split()
)
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9\u0400-\u04FF])""")
_WORD_BEFORE = re.compile(r"""([\w.'-]+)[.!?…]*["'”’)\]]*$""")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


# Abbreviations that only precede a number ("No. 5", "Nos. 3 and 4"): before anything else they are words.
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})


def is_abbreviation(text_before: str, text_after: str = "") -> bool:
    """Whether the period that ends ``text_before`` closes an abbreviation or an initial, not a sentence
    (``text_after``: the text right after it, for "No. 5")."""
    match = _WORD_BEFORE.search(text_before)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    if word.lower() in NUMBER_ABBREVIATIONS:
        return text_after.lstrip()[:1].isdigit()
    if word.lower() in ABBREVIATIONS:
        return True
    # Initials and initialisms: "J.", "U.S", "D.C" (a lone capital letter before a period).
    return bool(_INITIALS.match(word)) and len(word.replace(".", "")) <= 3 and word[:1].isupper()


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in a paragraph, trimmed of surrounding white space."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group(0).startswith(".") and len(match.group(0).rstrip("\"'”’)]")) == 1:
            # A closing quote after the period ends the quoted sentence ("tell yourself “no.” That's"): an
            # abbreviation is never the last word of a quotation followed by a capital.
            quoted = match.group(0)[1:2] in ("\"", "”", "’", "'")
            if not quoted and is_abbreviation(text[start : match.start() + 1], text[match.end() : match.end() + 3]):
                continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are separated by blank lines."""
    position = 0
    for block in text.split("\n\n"):
        start = position
        position += len(block) + 2
        stripped = block.strip()
        if stripped:
            offset = start + block.index(stripped)
            yield offset, offset + len(stripped)


def split_sentences(articles: Sequence[Article]) -> dict[str, list[Sentence]]:
    """Sentences of each article, keyed by article id, in reading order."""
    result: dict[str, list[Sentence]] = {}
    for article in articles:
        found: list[Sentence] = []
        for number, (p_start, p_end) in enumerate(paragraph_spans(article.text)):
            for s_start, s_end in sentence_spans(article.text[p_start:p_end]):
                start, end = p_start + s_start, p_start + s_end
                found.append(Sentence(article.id, len(found), start, end, article.text[start:end], number))
        result[article.id] = found
    return result
