"""trafilatura's regular-expression XPath queries, evaluated as Python loops with the same result.

trafilatura selects the article container and the boilerplate to prune with XPath queries that call
``re:test(@class, '…')``. lxml implements EXSLT ``re:test`` as a Python callback, made from libxml2 for
every candidate element and every ``re:test`` of the predicate, each converting its node-set argument to
strings; on the benchmark these queries took about 10 ms of a 22 ms page, half of all the extraction time.
The same tests written as a loop over the candidate elements (``iterdescendants`` filtered by tag in C,
then ``re.search`` on the attribute values) select the same elements in the same (document) order, in
about half the time.

Each function below translates one query and is used only while that query's text is the one it was
written against (``_QUERIES``: a hash of the XPath source); if trafilatura's pin moves and a query
changes, ``queries`` hands back trafilatura's own XPath for it and logs it, so the result stays
trafilatura's. The regular expressions themselves are read from the XPath source, never retyped.
tests/test_extract_prunes.py checks every function against its XPath on pages built to hit each clause,
and tests/test_extract_primary.py the whole primary against ``bare_extraction``.

XPath semantics kept: ``re:test(@id|@class, p)`` tests the attribute that comes first in the element's
source order (a node-set's string value is its first node's), an absent attribute is the empty string
(no pattern here matches it, checked at import), ``(.//*[…])[1]`` and ``.//*[…][1]`` both give the first
match in document order as trafilatura reads them (``next(iter(result))``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from trafilatura import xpaths

log = logging.getLogger(__name__)

Query = Callable[[etree._Element], list]
_RE_TEST = re.compile(r"re:test\(\s*(@[\w|@-]+)\s*,\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)")


def _patterns(query: etree.XPath) -> list[re.Pattern[str]]:
    """The regular expressions of a query's ``re:test`` calls, in source order, compiled as lxml does."""
    found = []
    for match in _RE_TEST.finditer(query.path):
        flags = re.UNICODE | (re.IGNORECASE if match.group(3) and "i" in match.group(3) else 0)
        pattern = re.compile(match.group(2), flags)
        if pattern.search(""):  # an absent attribute would match: the loop's shortcut would be wrong
            raise ValueError(f"pattern matches the empty string: {match.group(2)!r}")
        found.append(pattern)
    return found


def _first(element: etree._Element, one: str, other: str) -> str:
    """String value of ``@one|@other``: the one of the two attributes that comes first in the element."""
    a, b = element.get(one), element.get(other)
    if a is None:
        return b or ""
    if b is None:
        return a
    keys = element.keys()
    return a if keys.index(one) < keys.index(other) else b


def _translate(value: str | None, table: dict[int, int]) -> str:
    return value.translate(table) if value else ""


_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")
_N = str.maketrans("N", "n")
_T = str.maketrans("T", "t")
_CONTAINERS = ("article", "div", "main", "section")
_BLOCKS = ("div", "item", "list", "p", "section", "span")
Match = Callable[[etree._Element], bool]


@dataclass(frozen=True, slots=True)
class Test:
    """One query as a per-element test: the tags it selects (None: any element) and the predicate."""

    tags: tuple[str, ...] | None
    match: Match


def _raw_tree_prune(p: list[re.Pattern[str]]) -> Test:
    # RAW_TREE_PRUNE_XPATH[0]: infinite-scroll containers (div, section, aside), unless they hold the h1.
    scroll_id, scroll_class, mvp_id, mvp_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        if not (i or c) or not (scroll_id.search(i) or scroll_class.search(c)):
            return False
        return next(el.iterdescendants("h1"), None) is None or bool(mvp_id.search(i) or mvp_class.search(c))

    return Test(("div", "section", "aside"), match)


def _elementor_share(p: list[re.Pattern[str]]) -> Test:
    # RAW_TREE_PRUNE_XPATH[1]: contains(@class, 'elementor-share-buttons') on div, section, aside.
    return Test(("div", "section", "aside"), lambda el: "elementor-share-buttons" in (el.get("class") or ""))


def _comments_and_lists(p: list[re.Pattern[str]]) -> Test:
    # REMOVE_COMMENTS_AND_LISTS_XPATH[0]: comment sections, and ol/ul comment lists.
    comment_id, comment_class, list_id, list_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        if not (i or c) or not (comment_id.search(i) or comment_class.search(c)):
            return False
        return el.tag not in ("ol", "ul") or bool(list_id.search(i) or list_class.search(c))

    return Test(("div", "list", "section", "details", "ol", "ul"), match)


def _comments(p: list[re.Pattern[str]]) -> Test:
    # REMOVE_COMMENTS_XPATH[0]
    comment_id, comment_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id") or "", el.get("class") or ""
        return bool((i or c) and (comment_id.search(i) or comment_class.search(c)))

    return Test(("div", "list", "section", "details"), match)


def _body_0(p: list[re.Pattern[str]]) -> Test:
    # BODY_XPATH[0]: the article-content container.
    content_id, content_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id"), el.get("class")
        if i is None and c is None:
            return el.get("itemprop") == "articleBody"
        return bool(c in ("post", "entry") or el.get("itemprop") == "articleBody" or i == "articleContent"
                    or content_id.search(i or "") or content_class.search(c or ""))

    return Test(_CONTAINERS, match)


def _body_2(p: list[re.Pattern[str]]) -> Test:
    # BODY_XPATH[2]: story containers.
    primary_id, fulltext_class, story_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id"), el.get("class")
        if i is None and c is None:
            return el.get("role") == "article"
        return bool(el.get("role") == "article" or i in ("article", "story")
                    or c in ("postarea", "art-postcontent", "text", "cell", "story")
                    or primary_id.search(i or "") or fulltext_class.search(c or "") or story_class.search(c or ""))

    return Test(_CONTAINERS, match)


def _body_3(p: list[re.Pattern[str]]) -> Test:
    # BODY_XPATH[3]: generic main-content containers.
    main_id, main_class = p

    def match(el: etree._Element) -> bool:
        i, c = el.get("id"), el.get("class")
        if i is None and c is None:
            return False
        return bool(i == "content" or c == "content" or main_id.search(i or "") or main_class.search(c or "")
                    or "main-content" in _translate(i, _CM) or "main-content" in _translate(c, _CM)
                    or "page-content" in _translate(c, _CP))

    return Test(_CONTAINERS, match)


def _overall_0(p: list[re.Pattern[str]]) -> Test:
    # OVERALL_DISCARD_XPATH[0]: navigation, sharing, ads, footers, bylines, related links ...
    cookie, discard_id, discard_class = p

    def match(el: etree._Element) -> bool:
        get = el.get
        if (get("data-lp-replacement-content") is not None or "nav" in _translate(get("role"), _N)
                or "MostPopularStories" in (get("data-component") or "")):
            return True
        i, c = get("id"), get("class")
        if i is None and c is None:
            return False
        return bool(cookie.search(_first(el, "id", "class")) or discard_id.search(i or "")
                    or discard_class.search(c or ""))

    return Test(_BLOCKS, match)


def _overall_1(p: list[re.Pattern[str]]) -> Test:
    # OVERALL_DISCARD_XPATH[1]: hidden elements, reply forms, comment titles (any element).
    hidden, reply_id, hide_class = p

    def match(el: etree._Element) -> bool:
        get = el.get
        i, c, s = get("id"), get("class"), get("style")
        if i is None and c is None and s is None:
            return get("aria-hidden") == "true"
        return bool(c == "comments-title" or _first(el, "id", "class").startswith("reply-")
                    or hidden.search(_first(el, "id", "style"))
                    or (s is not None and ("display:none" in s or "display: none" in s))
                    or reply_id.search(i or "") or hide_class.search(c or "") or get("aria-hidden") == "true")

    return Test(None, match)


def _captions(p: list[re.Pattern[str]]) -> Test:
    # DISCARD_IMAGE_ELEMENTS[0]: contains(@id, 'caption') or contains(@class, 'caption') on blocks.
    return Test(_BLOCKS, lambda el: "caption" in (el.get("id") or "") or "caption" in (el.get("class") or ""))


def _teasers(p: list[re.Pattern[str]]) -> Test:
    # TEASER_DISCARD_XPATH[0]: 'teaser' in id or class, T folded to t.
    return Test(_BLOCKS, lambda el: "teaser" in _translate(el.get("id"), _T)
                or "teaser" in _translate(el.get("class"), _T))


def _headers(p: list[re.Pattern[str]]) -> Test:
    # PRECISION_DISCARD_XPATH[0]: .//header
    return Test(("header",), lambda el: True)


def _precision_1(p: list[re.Pattern[str]]) -> Test:
    # PRECISION_DISCARD_XPATH[1]: page-bottom chrome, whole-token "link" blocks, bordered boxes.
    bottom, link = p

    def match(el: etree._Element) -> bool:
        i, c, s = el.get("id"), el.get("class"), el.get("style")
        if i is None and c is None and s is None:
            return False
        first = _first(el, "id", "class")
        return bool(bottom.search(first) or link.search(first) or (s is not None and "border" in s))

    return Test(_BLOCKS, match)


# (list name, index) -> (sha256 prefix of the XPath source it was written against, translation)
_QUERIES: dict[tuple[str, int], tuple[str, Callable[[list[re.Pattern[str]]], Test]]] = {
    ("RAW_TREE_PRUNE_XPATH", 0): ("01e7c660fd6406f2", _raw_tree_prune),
    ("RAW_TREE_PRUNE_XPATH", 1): ("3c7afe92279543d5", _elementor_share),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0): ("9cc18d34e6e2d258", _comments_and_lists),
    ("REMOVE_COMMENTS_XPATH", 0): ("5d97216ca15d0558", _comments),
    ("BODY_XPATH", 0): ("caaa561ceca17064", _body_0),
    ("BODY_XPATH", 2): ("6c9b5e1fdc092943", _body_2),
    ("BODY_XPATH", 3): ("10a7ceacc0ff8cdf", _body_3),
    ("OVERALL_DISCARD_XPATH", 0): ("a837e58a1b1ea116", _overall_0),
    ("OVERALL_DISCARD_XPATH", 1): ("c1d5b70b8cd03783", _overall_1),
    ("DISCARD_IMAGE_ELEMENTS", 0): ("cb1ab981e44913f7", _captions),
    ("TEASER_DISCARD_XPATH", 0): ("ebb02f066626551d", _teasers),
    ("PRECISION_DISCARD_XPATH", 0): ("be67925fffa9fcb2", _headers),
    ("PRECISION_DISCARD_XPATH", 1): ("53d31ea1df47920a", _precision_1),
}


def _select(test: Test) -> Query:
    tags = test.tags or ("*",)
    match = test.match

    def run(tree: etree._Element) -> list:
        return [el for el in tree.iterdescendants(*tags) if match(el)]

    return run


def _select_first(test: Test) -> Query:
    tags = test.tags or ("*",)
    match = test.match

    def run(tree: etree._Element) -> list:
        return next(([el] for el in tree.iterdescendants(*tags) if match(el)), [])

    return run


def translation(name: str, index: int) -> Test | None:
    """Our test for ``xpaths.<name>[index]``, or None when there is none or trafilatura's query changed."""
    query = getattr(xpaths, name)[index]
    known = _QUERIES.get((name, index))
    if known is None:
        return None
    if source_hash(query) != known[0]:
        log.warning("trafilatura's %s[%d] changed; using its XPath (slower) instead of our loop", name, index)
        return None
    return known[1](_patterns(query))


def queries(name: str) -> list[Query]:
    """trafilatura's query list ``xpaths.<name>``, with each query we translated replaced by its loop."""
    out: list[Query] = []
    for index, query in enumerate(getattr(xpaths, name)):
        test = translation(name, index)
        if test is None:
            out.append(query)
        else:
            out.append(_select_first(test) if name == "BODY_XPATH" else _select(test))
    return out


def source_hash(query: etree.XPath) -> str:
    return hashlib.sha256(query.path.encode("utf-8")).hexdigest()[:16]


def translated(name: str) -> list[int]:
    """Indexes of ``xpaths.<name>`` that have a translation (for the tests)."""
    return [index for (list_name, index) in _QUERIES if list_name == name]


# The query lists primary.py passes to trafilatura's prune_unwanted_nodes, and its body search.
RAW_TREE_PRUNE = queries("RAW_TREE_PRUNE_XPATH")
REMOVE_COMMENTS_AND_LISTS = queries("REMOVE_COMMENTS_AND_LISTS_XPATH")
REMOVE_COMMENTS = queries("REMOVE_COMMENTS_XPATH")
BODY = queries("BODY_XPATH")
OVERALL_DISCARD = queries("OVERALL_DISCARD_XPATH")
DISCARD_IMAGE = queries("DISCARD_IMAGE_ELEMENTS")
TEASER_DISCARD = queries("TEASER_DISCARD_XPATH")
PRECISION_DISCARD = queries("PRECISION_DISCARD_XPATH")
