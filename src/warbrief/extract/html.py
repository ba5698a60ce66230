"""Main text and metadata of an HTML page.

How a page is read, and why:

1. Parse once with lxml (trafilatura's repairs, done on the bytes: ``libxml_bytes``; a parser of our own so
   that its error log is ours, with a C-level element class lookup). When libxml2 reports that the page is
   nested past its depth limit, the rest of the page is silently missing from the tree; we strip the layout
   containers and parse again (``deep.flatten_nesting``).
2. Metadata from the tree (``metadata.page_metadata``: meta tags in one pass, JSON-LD, htmldate without
   extensive search), then scripts, styles and SVG go (``primary.strip_inert``).
3. trafilatura, precision mode, ``fast=True`` (its own extractor only, no fallback cascade), run in place on
   our tree without its copies (``primary.primary_paragraphs``; same text as ``bare_extraction``).
4. trafilatura's bundled readability on a fresh parse: a second, independent opinion, asked for only when
   trafilatura's output looks incomplete (``agreement.looks_incomplete``: under 1,000 characters, or under
   60% of the page's <p> text), which is where it pays: on the benchmark it changed 23 of 181 pages and
   every large gain was such a page; elsewhere it cost a third of the time for nothing or a small loss.
5. ``agreement.reconcile`` keeps the trafilatura paragraphs and restores the readability prose paragraphs
   trafilatura wrongly dropped; ``htmlclean.drop_boilerplate`` removes teasers, prompts and the repeated
   headline. On the public benchmark this beats trafilatura's own fallback cascade on both quality and
   speed (eval/extraction.py, eval/results/extraction.md).

Time limit: every page gets a wall-clock budget (``DEFAULT_BUDGET_SECONDS``). In the main thread a
SIGALRM interval timer interrupts the extractor when the budget is spent, and the page is read again by
``deep.stream_paragraphs`` (html.parser, linear, no tree), so a pathological page costs at most the budget
plus one linear pass. Signals only reach the main thread; elsewhere (a worker thread) the budget is
checked between the stages instead: the readability stage is skipped when trafilatura used up half the
budget. The timeout exception derives from BaseException so that the libraries' ``except Exception``
handlers cannot swallow it.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.external import try_readability
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML

from warbrief.extract.agreement import looks_incomplete, reconcile
from warbrief.extract.deep import flatten_nesting, stream_paragraphs
from warbrief.extract.htmlclean import drop_boilerplate, element_paragraphs
from warbrief.extract.metadata import PageMetadata, date_from_url, page_metadata
from warbrief.extract.primary import paragraph_chars, primary_paragraphs, strip_inert

log = logging.getLogger(__name__)

DEFAULT_BUDGET_SECONDS = 5.0
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_LANG = re.compile(r"^[a-z]{2,3}$")
_XML_FORBIDDEN = bytes(c for c in range(32) if c not in (9, 10, 13))
_LOOKUP = etree.ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction,
                                          entity=HtmlEntity)


@dataclass(slots=True)
class HtmlArticle:
    title: str
    paragraphs: list[str]
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None
    author: str | None
    canonical_url: str | None = None
    image: str | None = None
    # How the text was obtained: "trafilatura" (+"readability" when it was asked), "flattened+..." or
    # "stream:<why>".
    method: str = "trafilatura+readability"


class ExtractionTimeout(BaseException):
    """The page's wall-clock budget ran out."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after ``seconds`` (main thread only; elsewhere a no-op)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def libxml_bytes(html: str) -> bytes:
    """The page as UTF-8 bytes with trafilatura's repairs for libxml2 (``utils.repair_faulty_html``).

    The same repairs, but the C0 controls XML forbids are deleted from the bytes (single bytes in UTF-8,
    ``bytes.translate``) instead of by a regex over the text, which took a quarter of the parse time.
    """
    if "doctype" in html[:50].lower():
        end = html.find("\n")
        if end < 0:  # a one-line page: trafilatura ends it with a newline
            html = DOCTYPE_TAG.sub("", html, count=1) + "\n"
        elif DOCTYPE_TAG.match(html, 0, end):  # rare: do not copy the whole page otherwise
            html = DOCTYPE_TAG.sub("", html[:end], count=1) + html[end:]
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    # U+FFFE/U+FFFF are looked for in the text (a one-character search, ~0.05 ms) rather than as their
    # three-byte UTF-8 sequences in the bytes (~0.4 ms each on a 170 kB page).
    if "\ufffe" in html or "\uffff" in html:
        html = html.replace("\ufffe", "").replace("\uffff", "")
    return html.encode("utf-8", "surrogatepass").translate(None, _XML_FORBIDDEN)


def parse_html(html: str | bytes) -> tuple[HtmlElement | None, bool]:
    """(tree, too_deep): the lxml tree, and whether libxml2 cut it at its nesting limit. ``html`` is the page, or
    ``libxml_bytes`` of it (the readability stage parses the page a second time from the same bytes)."""
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True)
    # Every element an extractor touches becomes an HtmlElement without a Python call per element: lxml.html's
    # own lookup (form and input classes) ran ~1,900 times per page, about 8% of the extraction time.
    parser.set_element_class_lookup(_LOOKUP)
    try:
        tree = fromstring(html if isinstance(html, bytes) else libxml_bytes(html), parser=parser)
    except (etree.ParserError, ValueError, TypeError) as exc:
        log.info("lxml could not parse the page: %s", exc)
        return None, False
    too_deep = any("depth" in entry.message.lower() for entry in parser.error_log)
    return tree, too_deep


def _build(meta: PageMetadata, url: str | None, paragraphs: list[str], method: str) -> HtmlArticle:
    return HtmlArticle(
        title=meta.title or paragraphs[0][:120],
        paragraphs=paragraphs,
        outlet=meta.sitename,
        url=url or meta.canonical_url,
        published=meta.published,
        language=meta.language,
        author=meta.author,
        canonical_url=meta.canonical_url,
        image=meta.image,
        method=method,
    )


def _stream(html: str, url: str | None, why: str) -> HtmlArticle | str:
    """The cheap tree-free extraction, used when the tree-based one cannot run or ran out of time."""
    title, paragraphs = stream_paragraphs(html)
    if not paragraphs:
        return f"no main text found ({why}; the streaming fallback found no paragraph)"
    return HtmlArticle(title=title or paragraphs[0][:120], paragraphs=paragraphs, outlet=None, url=url,
                       published=date_from_url(url), language=None, author=None, method=f"stream:{why}")


def _second_opinion(markup: bytes) -> list[str]:
    """readability's paragraphs, on a fresh parse (the primary consumed the first tree)."""
    tree, _ = parse_html(markup)
    return element_paragraphs(try_readability(tree)) if tree is not None else []


def _extract(html: str, url: str | None, started: float, budget: float) -> HtmlArticle | str:
    markup = libxml_bytes(html)
    tree, too_deep = parse_html(markup)
    method = "trafilatura+readability"
    if too_deep:
        markup = libxml_bytes(flatten_nesting(html))
        tree, too_deep = parse_html(markup)
        method = "flattened+" + method
        if too_deep:
            return _stream(html, url, "nesting too deep")
    if tree is None:
        return _stream(html, url, "not parseable by lxml")
    meta = page_metadata(tree, url)
    strip_inert(tree)
    offered = paragraph_chars(tree)  # before trafilatura prunes the tree in place
    primary = primary_paragraphs(tree, url)
    secondary: list[str] = []
    if time.perf_counter() - started >= budget / 2:
        method = "trafilatura (readability skipped: time budget)"
    elif looks_incomplete(primary, lambda: offered):
        secondary = _second_opinion(markup)
    else:
        method = method.replace("+readability", "")
    paragraphs = drop_boilerplate(reconcile(primary, secondary), meta.title)
    if not paragraphs:
        return "no main text found in the HTML page (only scripts, navigation or too little text)"
    return _build(meta, url, paragraphs, method)


def extract_html_checked(html: str, url: str | None = None,
                         budget: float = DEFAULT_BUDGET_SECONDS) -> HtmlArticle | str:
    """The article in a page, or the reason there is none. Never raises on bad markup."""
    if not html or not html.strip():
        return "empty page"
    started = time.perf_counter()
    try:
        with _deadline(budget):
            return _extract(html, url, started, budget)
    except ExtractionTimeout:
        log.info("extraction of %s exceeded %.1f s; using the streaming fallback", url or "page", budget)
        return _stream(html, url, "time limit")
    except RecursionError:
        return _stream(html, url, "recursion limit")


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """The article in a page, or None when the page holds no main text."""
    result = extract_html_checked(html, url)
    if isinstance(result, str):
        log.info("%s: %s", url or "page", result)
        return None
    return result
