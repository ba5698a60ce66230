"""Pages lxml cannot hold, and a cheap extraction that needs no tree at all.

libxml2 stops building the tree at a nesting depth of 256 ("Excessive depth in document"), silently: the
text below that depth is gone, so every lxml-based extractor (trafilatura, readability, ...) returns
nothing for a page wrapped in thousands of <div>s, whether by a broken generator or on purpose.
``flatten_nesting`` removes the layout containers (div, span, section, table cells ...), which carry no
text of their own, so that the same page parses to a shallow tree with all its paragraphs.

``stream_paragraphs`` is the fallback when even that is not enough or there is no time left: Python's
html.parser reads the page as a stream of tags with no depth limit and no tree, and we keep the text of
paragraph-like elements outside navigation, scripts and forms. It is less precise than the main
extractor but linear in the page size and never raises.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Layout containers: dropping their tags keeps every text node, just without the nesting.
_CONTAINER_TAG = re.compile(
    r"</?(?:div|span|section|article|main|font|center|table|tbody|thead|tfoot|tr|td|th|figure|b|i|em|strong)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_BREAKING = frozenset("p br li h1 h2 h3 h4 h5 h6 blockquote pre tr td th dd dt div section article figcaption".split())
_SKIPPED = frozenset("script style noscript template nav footer header aside form select button svg iframe".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MIN_FALLBACK_WORDS = 6


def flatten_nesting(html: str) -> str:
    """The page with its layout-container tags removed (text and paragraph tags kept)."""
    return _CONTAINER_TAG.sub(" ", html)


class _TextStream(HTMLParser):
    """Collects text runs separated at block boundaries, skipping non-content regions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.runs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag in _BREAKING:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BREAKING:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.skip_depth == 0:
            self.current.append(data)


def stream_paragraphs(html: str) -> tuple[str, list[str]]:
    """(title, paragraphs) read from the raw markup without building a tree.

    Paragraphs are text runs with at least a few words: menus and buttons are mostly single words.
    """
    stream = _TextStream()
    try:
        stream.feed(html)
        stream.close()
    except (AssertionError, ValueError):  # html.parser's own complaints about broken declarations
        pass
    stream._break()
    paragraphs = [run for run in stream.runs if len(run.split()) >= MIN_FALLBACK_WORDS]
    return " ".join("".join(stream.title).split()), paragraphs
