"""The primary extraction: trafilatura's own extractor, precision mode, on our tree without copying it.

``trafilatura.bare_extraction`` copies the tree it is given, then copies it again to clean it and once more
as a backup that only its fallback cascade reads; on the benchmark a copy of a parsed page costs about 2 ms,
as much as all our own work on the page. We parse every page ourselves and do not need the tree afterwards
(the rare second opinion re-parses the markup), so ``primary_paragraphs`` runs the steps of
``trafilatura.core.trafilatura_sequence`` that ``fast=True, favor_precision=True, include_comments=False``
reaches, in place. Scripts, styles and inline SVG are removed first: trafilatura's cleaning drops them
anyway, and its regex XPath passes before that cleaning walk them. JSON-LD is kept (trafilatura reads it to
recognise forum threads).

tests/test_extract_primary.py checks that the text is the same as through ``bare_extraction`` with those
options; trafilatura is pinned (constraints.txt) and that test is what to re-run when the pin moves.
"""

from __future__ import annotations

import copy
import logging
from copy import deepcopy
from datetime import date
from functools import lru_cache

from lxml import etree
from lxml.etree import Element, _Element, strip_elements, strip_tags
from lxml.html import HtmlElement
from trafilatura.core import _forum_thread_page
from trafilatura.htmlprocessing import (
    convert_tags,
    delete_by_link_density,
    link_density_test_tables,
    process_node,
    prune_unwanted_nodes,
    tree_cleaning,
)
from trafilatura.main_extractor import (
    INLINE_FORMATTABLE,
    MIN_DUPLICATE_LENGTH,
    NOT_AT_THE_END,
    REBUILT_BLOCKS,
    TAG_CATALOG,
    _elem_text,
    handle_textelem,
    recover_wild_text,
)
from trafilatura.settings import Extractor
from trafilatura.utils import SPACING_PROTECTED, text_chars_test
from trafilatura.xml import delete_element, xmltotxt

from warbrief.extract.prunes import (
    BODY,
    DISCARD_IMAGE,
    OVERALL_DISCARD,
    PRECISION_DISCARD,
    RAW_TREE_PRUNE,
    REMOVE_COMMENTS,
    REMOVE_COMMENTS_AND_LISTS,
    TEASER_DISCARD,
)

log = logging.getLogger(__name__)

_INERT = ("script", "style", "noscript", "svg", "{http://www.w3.org/2000/svg}svg")


def paragraph_chars(tree: HtmlElement) -> int:
    """Characters of text the page holds in <p> elements (whitespace collapsed): how much prose it offers."""
    return sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))


def strip_inert(tree: HtmlElement) -> None:
    """Remove scripts (except JSON-LD), styles, noscript blocks and inline SVG; their tails are kept."""
    doomed = [
        element for element in tree.iter(*_INERT)
        if not (element.tag == "script" and (element.get("type") or "").strip().lower() == "application/ld+json")
    ]
    for element in doomed:
        if element.getparent() is not None:
            delete_element(element)


def _sequence(tree: HtmlElement, options: Extractor, url: str | None) -> tuple[etree._Element, str]:
    """``trafilatura_sequence`` for precision, fast mode and no comments, on ``tree`` itself (no copies).

    With these options its escalation stages never run (baseline rescue and recall retry are for other
    focuses, the external comparison is off in fast mode), so what remains is this, with one change of
    order: trafilatura prunes comment sections and infinite-scroll containers (regex XPath over every
    element) before its tag cleaning, we after it, when navigation, footers, forms and the like are gone:
    the primary runs about 17% faster and its text is the same on all 181 benchmark pages and the tests
    (it could differ only where a form's keep-or-drop test counts the text of a comment section in it).
    """
    forum = _forum_thread_page(tree)
    tree = tree_cleaning(tree, options)
    tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE)  # type: ignore[arg-type]  # callables, like XPath objects
    tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS)  # type: ignore[arg-type]
    cleaned = convert_tags(tree, options, url)
    if not forum:
        cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS)  # type: ignore[arg-type]
    return _extract_content(cleaned, options)


# trafilatura 2.3.1's main_extractor.extract_content, _extract and prune_unwanted_sections, line for line,
# except that the queries are ``prunes``' loops instead of its re:test XPath objects (same elements, same
# order). The recovery of wild text (rare: 13 of 181 benchmark pages) is trafilatura's own, queries included.


def _prune_unwanted_sections(tree: HtmlElement, potential_tags: set[str], options: Extractor) -> HtmlElement:
    """``main_extractor.prune_unwanted_sections`` (keep_teasers=False), with our queries."""
    favor_precision = options.focus == "precision"
    tree = prune_unwanted_nodes(tree, OVERALL_DISCARD, with_backup=True)  # type: ignore[arg-type]
    if "graphic" not in potential_tags:
        tree = prune_unwanted_nodes(tree, DISCARD_IMAGE)  # type: ignore[arg-type]
    if options.focus != "recall":
        tree = prune_unwanted_nodes(tree, TEASER_DISCARD)  # type: ignore[arg-type]
        if favor_precision:
            tree = prune_unwanted_nodes(tree, PRECISION_DISCARD)  # type: ignore[arg-type]
    for _ in range(2):
        tree = delete_by_link_density(tree, "div", backtracking=True, favor_precision=favor_precision)
        tree = delete_by_link_density(tree, "list", backtracking=False, favor_precision=favor_precision)
        tree = delete_by_link_density(tree, "p", backtracking=False, favor_precision=favor_precision)
    if "table" in potential_tags or favor_precision:
        boilerplate_tables = [elem for elem in tree.iter("table") if link_density_test_tables(elem) is True]
        for elem in boilerplate_tables:
            delete_element(elem, keep_tail=False)
    if favor_precision:
        while len(tree) > 0 and (tree[-1].tag == "head"):
            delete_element(tree[-1], keep_tail=False)
        tree = delete_by_link_density(tree, "head", backtracking=False, favor_precision=True)
        tree = delete_by_link_density(tree, "quote", backtracking=False, favor_precision=True)
    strip_tags(tree, "span", *(() if "ref" in potential_tags else ("ref",)))
    return tree


def _extract(tree: HtmlElement, options: Extractor) -> tuple[_Element, str, set[str]]:
    """``main_extractor._extract``, with our queries."""
    potential_tags = set(TAG_CATALOG)
    if options.tables is True:
        potential_tags.update(["table", "td", "th", "tr"])
    if options.images is True:
        potential_tags.add("graphic")
    if options.links is True:
        potential_tags.add("ref")
    result_body = Element("body")
    for expr in BODY:
        subtree = next((s for s in expr(tree) if s is not None), None)
        if subtree is None:
            continue
        subtree = _prune_unwanted_sections(subtree, potential_tags, options)
        if len(subtree) == 0:
            continue
        ptest = subtree.xpath("//p//text()", smart_strings=False)  # only joined and measured
        factor = 1 if options.focus == "precision" else 3
        if not ptest or len("".join(ptest)) < options.min_extracted_size * factor:
            potential_tags.add("div")
        subelems = subtree.xpath(".//*")
        tags = {e.tag for e in subelems}
        if tags == {"lb"} or (subtree.tag == "div" and "div" in potential_tags and tags <= INLINE_FORMATTABLE | {"lb"}):
            subelems = [subtree]
        lead, start = None, len(result_body)
        if subelems != [subtree] and text_chars_test(subtree.text):
            lead = Element("p")
            lead.text = subtree.text
            lead = process_node(lead, options)
        for elem in subelems:
            if elem.getroottree().getroot() is result_body:
                continue
            tag, tail = elem.tag, elem.tail
            processed_elem = handle_textelem(elem, potential_tags, options)
            if processed_elem is not None:
                result_body.append(processed_elem)
                if elem.getroottree().getroot() is not result_body:
                    elem.tag = "done"
            if tag in REBUILT_BLOCKS and text_chars_test(tail) and (
                processed_elem is None or processed_elem.tail is None
            ):
                tail_elem = Element("p")
                tail_elem.text = tail
                if process_node(tail_elem, options) is not None:
                    result_body.append(tail_elem)
        while len(result_body) > 0 and (result_body[-1].tag in NOT_AT_THE_END):
            delete_element(result_body[-1], keep_tail=False)
        if sum(e.tag != "graphic" for e in result_body) > 1:
            if lead is not None:
                result_body.insert(start, lead)
            break
    temp_text = " ".join(result_body.itertext()).strip()
    return result_body, temp_text, potential_tags


def _extract_content(cleaned_tree: HtmlElement, options: Extractor) -> tuple[_Element, str]:
    """``main_extractor.extract_content``, with our ``_extract``."""
    backup_tree = deepcopy(cleaned_tree)
    order = list(cleaned_tree.iter())
    result_body, temp_text, potential_tags = _extract(cleaned_tree, options)
    if len(result_body) == 0 or len(temp_text) < options.min_extracted_size:
        consumed: set[_Element] = {
            twin for elem, twin in zip(order, backup_tree.iter(), strict=True) if elem.tag == "done"
        }
        result_body = recover_wild_text(backup_tree, result_body, options, potential_tags, consumed)
        temp_text = " ".join(result_body.itertext()).strip()
    previous = None
    for el in list(result_body):
        current = _elem_text(el)
        if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
            delete_element(el, keep_tail=False)
        else:
            previous = current
    strip_elements(result_body, "done")
    strip_tags(result_body, "div")
    for linebreak in result_body.iter("lb"):
        if (
            linebreak.tail
            and not text_chars_test(linebreak.tail)
            and not any(anc.tag in SPACING_PROTECTED for anc in linebreak.iterancestors())
        ):
            linebreak.tail = None
    return result_body, temp_text


@lru_cache(maxsize=2)
def _base_options(day: str) -> Extractor:
    """One Extractor per ``day``: it fixes its latest acceptable page date (``date_params["max_date"]``) to the day
    it is built, so a process that runs past midnight would otherwise refuse pages dated the new day."""
    return Extractor(output_format="python", fast=True, precision=True, comments=False)


def extractor_options(url: str | None) -> Extractor:
    """``Extractor(output_format="python", fast=True, precision=True, comments=False, url=url)``, copied from
    one built once a day: building one reads a dozen settings through ConfigParser (0.2-0.3 ms a page)."""
    options = copy.copy(_base_options(date.today().isoformat()))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def primary_paragraphs(tree: HtmlElement, url: str | None) -> list[str]:
    """trafilatura's paragraphs for the page; [] when it finds nothing. ``tree`` is consumed (pruned in place)."""
    options = extractor_options(url)
    try:
        body, text = _sequence(tree, options, url)
        if len(text) < options.min_output_size:
            return []
        lines = xmltotxt(body, options.formatting) or ""
    except (ValueError, TypeError, RecursionError, AttributeError, etree.LxmlError) as exc:
        # trafilatura raises a variety of errors on broken markup; readability may still read the page.
        log.info("trafilatura failed on %s: %s", url or "page", exc)
        return []
    return [line.strip() for line in lines.split("\n") if line.strip()]
