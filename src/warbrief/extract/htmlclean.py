"""Paragraph-level clean-up of an extracted article, and paragraphs out of an lxml element.

Extractors decide by page region; what slips through is a handful of recognisable lines inside the region:
the headline repeated as the first paragraph (it is our title, not body text), "Read more: ..." teasers,
share/subscribe/follow prompts, copyright lines and headed runs of related links. Each rule here is a
phrase pattern for one of those kinds, limited to short paragraphs so that a news sentence that merely
mentions Twitter or a newsletter is never dropped.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from warbrief.extract.agreement import words

# A short line that opens with a teaser or section label: "Read more: ...", "Related: ...", "Tags".
_TEASER_LABEL = re.compile(
    r"^(read more|read also|read next|see more|see also|related( stories| articles| posts?)?|more|also|"
    r"also on \S+|don'?t miss|you may also like|you might also like|recommended|most read|trending|"
    r"leggi anche|lesen sie auch|lire aussi|читайте также|tags?|filed under|source|comments?|"
    r"share this( article| story)?|like this (story|article))\b[^.!?]{0,120}$",
    re.IGNORECASE,
)
# A call to action, a contact line or a copyright notice: opening the line (matched at its start only) or
# anywhere in it. One pattern with both kinds of alternatives cost ~40 µs a paragraph: the regex engine
# tried the anchored ones at every position.
_PROMPT_START = re.compile(
    r"(subscribe|sign up|follow|get (the|our)|click here|share|join|listen|like this|have a tip|"
    r"email \w+( \w+)? at|write to|reach the)\b|©|copyright",
    re.IGNORECASE,
)
_PROMPT_ANYWHERE = re.compile(r"newsletter|all rights reserved|follow (us|him|her|them) on", re.IGNORECASE)
_FOLLOW_ON = re.compile(r"follow (us|him|her|them) on")

# Teaser headlines tagged like "Plane passengers quarantined [NEWS]".
_BRACKET_TAG = re.compile(r"\[[A-Z][A-Z ]{2,}\]\W*$")
_LABEL_WORDS, _PROMPT_WORDS, _TAG_WORDS = 25, 30, 30
_ANY_WORD = re.compile(r"\w")
BLOCK_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 blockquote pre td th dd dt div figcaption caption section article ul ol table tr "
    "header footer aside main nav form".split()
)


def _prompt_anywhere(text: str) -> bool:
    """``_PROMPT_ANYWHERE.search(text)``; on ASCII text (half the paragraphs) by substring tests on the
    lower-cased text, which is what IGNORECASE means there, and about ten times faster than the regex."""
    if not text.isascii():
        return _PROMPT_ANYWHERE.search(text) is not None
    low = text.lower()
    return (
        "newsletter" in low or "all rights reserved" in low or ("follow " in low and _FOLLOW_ON.search(low) is not None)
    )


def _normalised(text: str) -> str:
    return " ".join(words(text))


def is_boilerplate(paragraph: str) -> bool:
    """True for a short teaser label, call to action, copyright line or tagged teaser headline."""
    text = paragraph.strip()
    # The words are counted only when a pattern matches (few paragraphs do) or to find a wordless one.
    if _ANY_WORD.search(text.lower()) is None:  # words(text) == [] without the list
        return True
    limit = max(
        _LABEL_WORDS if _TEASER_LABEL.match(text) else 0,
        _PROMPT_WORDS if _PROMPT_START.match(text) or _prompt_anywhere(text) else 0,
        _TAG_WORDS if _BRACKET_TAG.search(text) else 0,
    )
    return limit > 0 and len(words(text)) < limit


def drop_boilerplate(paragraphs: list[str], title: str | None) -> list[str]:
    """The paragraphs without boilerplate lines and without the headline repeated at the top."""
    headline = _normalised(title or "")
    kept = []
    for position, paragraph in enumerate(paragraphs):
        if position < 3 and headline and _normalised(paragraph) == headline:
            continue
        if not is_boilerplate(paragraph):
            kept.append(paragraph)
    return kept


def element_paragraphs(root: HtmlElement) -> list[str]:
    """Text of the innermost block elements under ``root``, in document order, whitespace collapsed.

    Inline markup (links, emphasis) stays inside its paragraph; text directly inside a container that
    also holds blocks becomes a paragraph of its own.
    """
    paragraphs: list[str] = []
    _collect(root, paragraphs)
    return paragraphs


def _has_block_child(element: HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in element.iterdescendants())


def _append(paragraphs: list[str], text: str | None) -> None:
    collapsed = " ".join((text or "").split())
    if collapsed:
        paragraphs.append(collapsed)


def _collect(element: HtmlElement, paragraphs: list[str]) -> None:
    if not isinstance(element.tag, str):
        return
    if element.tag in ("script", "style", "noscript", "template"):
        return
    if not _has_block_child(element):
        _append(paragraphs, element.text_content())
        return
    _append(paragraphs, element.text)
    for child in element:
        _collect(child, paragraphs)
        _append(paragraphs, child.tail)
