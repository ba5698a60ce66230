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
# A call to action, a contact line or a copyright notice.
_PROMPT = re.compile(
    r"^(subscribe|sign up|follow|get (the|our)|click here|share|join|listen|like this|have a tip|"
    r"email \w+( \w+)? at|write to|reach the)\b|newsletter|all rights reserved|^©|^copyright|"
    r"follow (us|him|her|them) on",
    re.IGNORECASE,
)
# Teaser headlines tagged like "Plane passengers quarantined [NEWS]".
_BRACKET_TAG = re.compile(r"\[[A-Z][A-Z ]{2,}\]\W*$")
_LABEL_WORDS, _PROMPT_WORDS, _TAG_WORDS = 25, 30, 30
BLOCK_TAGS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 blockquote pre td th dd dt div figcaption caption section article ul ol table tr "
    "header footer aside main nav form".split()
)


def _normalised(text: str) -> str:
    return " ".join(words(text))


def is_boilerplate(paragraph: str) -> bool:
    """True for a short teaser label, call to action, copyright line or tagged teaser headline."""
    text = paragraph.strip()
    count = len(words(text))
    if count == 0:
        return True
    return (
        (count < _LABEL_WORDS and _TEASER_LABEL.match(text) is not None)
        or (count < _PROMPT_WORDS and _PROMPT.search(text) is not None)
        or (count < _TAG_WORDS and _BRACKET_TAG.search(text) is not None)
    )


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
