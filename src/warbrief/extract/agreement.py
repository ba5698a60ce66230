"""Paragraph-level agreement between two extractions of the same page.

trafilatura in precision mode is the most accurate single extractor we measured, but when it misjudges a
page it does so wholesale: it keeps only the standfirst of an article whose body sits in a second
container, or picks a paywall notice instead of the story. A readability-style extraction fails in other
ways (it keeps photo captions and teaser lists), so the two disagree exactly where one of them is wrong.

``reconcile`` keeps the primary extraction and restores, from the secondary one, only paragraphs that read
like article prose. It restores them inside the span the two agree on (a paragraph the primary dropped in
the middle of the story), or anywhere when the prose the primary missed is a large share of what it kept
(the primary lost a whole block). Teasers after the story are short or unpunctuated and stay out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SHINGLE = 3
# A paragraph counts as already present when this share of its shingles is in the other extraction.
PRESENT = 0.5
# Restore outside the agreed span only when the missed prose is at least this share of the kept text.
MISSED_BLOCK = 0.5
# The primary is treated as a failure (paywall notice, cookie text) below this many characters.
TINY_PRIMARY = 250
SUBSTANTIAL_SECONDARY = 500
MIN_PROSE_WORDS = 10
# The second opinion is asked for only when the primary looks incomplete: under this many characters, or
# holding less than this share of the text the page puts in <p> elements (eval/results/extraction.md).
SHORT_PRIMARY = 1000
PARAGRAPH_SHARE = 0.6

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]\s*$")
_CAPTION = re.compile(
    r"(image credit|photo credit|photograph:|photo:|\(ap photo|\(reuters|getty images|credit:|/afp\b|©)", re.I
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    """Word 3-grams: coarse enough to match a paragraph despite small whitespace or markup differences."""
    tokens = words(text)
    if len(tokens) <= SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def coverage(paragraph: str | set[tuple[str, ...]], pool: set[tuple[str, ...]]) -> float:
    """Share of the paragraph's shingles found in ``pool`` (1.0 for a paragraph without words)."""
    own = shingles(paragraph) if isinstance(paragraph, str) else paragraph
    return len(own & pool) / len(own) if own else 1.0


def is_prose(paragraph: str) -> bool:
    """A sentence-like paragraph: enough words and closing punctuation; headings, links and credits fail."""
    return (
        len(words(paragraph)) >= MIN_PROSE_WORDS
        and _SENTENCE_END.search(paragraph) is not None
        and _CAPTION.search(paragraph) is None
    )


def _best_match(own: set[tuple[str, ...]], primary_shingles: list[set[tuple[str, ...]]]) -> int:
    overlaps = [len(own & other) for other in primary_shingles]
    return max(range(len(overlaps)), key=overlaps.__getitem__) if overlaps else -1


def looks_incomplete(primary: list[str], page_paragraph_chars: Callable[[], int]) -> bool:
    """Whether the primary extraction may have missed part of the article, so a second opinion can pay.

    On the benchmark the second opinion changed 23 of 181 pages, and every large gain was a primary that was
    short or held well under half of the page's <p> text; on the other pages readability cost a third of the
    extraction time for nothing or a small loss. ``page_paragraph_chars`` is only called for a long primary.
    """
    kept = sum(map(len, primary))
    return kept < SHORT_PRIMARY or kept < PARAGRAPH_SHARE * page_paragraph_chars()


def reconcile(primary: list[str], secondary: list[str]) -> list[str]:
    """The primary paragraphs plus the secondary's prose paragraphs the primary wrongly dropped, in page order."""
    if sum(map(len, primary)) < TINY_PRIMARY and sum(len(p) for p in secondary if is_prose(p)) > SUBSTANTIAL_SECONDARY:
        return list(secondary)
    if not secondary:
        return list(primary)
    primary_shingles = [shingles(p) for p in primary]
    primary_pool: set[tuple[str, ...]] = set().union(*primary_shingles)
    secondary_shingles = [shingles(p) for p in secondary]
    present = [coverage(own, primary_pool) >= PRESENT for own in secondary_shingles]
    agreed = [i for i, hit in enumerate(present) if hit]
    missing = [i for i, hit in enumerate(present) if not hit and is_prose(secondary[i])]
    missed_chars = sum(len(secondary[i]) for i in missing)
    if missed_chars > MISSED_BLOCK * sum(map(len, primary)):
        window = range(len(secondary))
    elif agreed:
        window = range(agreed[0] + 1, agreed[-1])
    else:
        return list(primary)
    restore = {i for i in missing if i in window}
    return _interleave(primary, secondary, present, restore, primary_shingles, secondary_shingles)


def _interleave(
    primary: list[str],
    secondary: list[str],
    present: list[bool],
    restore: set[int],
    primary_shingles: list[set[tuple[str, ...]]],
    secondary_shingles: list[set[tuple[str, ...]]],
) -> list[str]:
    """Insert each restored paragraph after the primary paragraph that precedes it in the secondary order."""
    after: dict[int, list[str]] = {}
    anchor, seen = -1, set(primary)
    for index, paragraph in enumerate(secondary):
        if present[index]:
            anchor = max(anchor, _best_match(secondary_shingles[index], primary_shingles))
        elif index in restore and paragraph not in seen:
            seen.add(paragraph)
            after.setdefault(anchor, []).append(paragraph)
    merged = list(after.get(-1, []))
    for position, paragraph in enumerate(primary):
        merged.append(paragraph)
        merged.extend(after.get(position, []))
    return merged
