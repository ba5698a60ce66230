"""prunes.py: each Python loop selects exactly what the trafilatura XPath query it replaces selects."""

from __future__ import annotations

import random

import pytest
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import xpaths
from trafilatura.htmlprocessing import convert_tags
from trafilatura.settings import Extractor

from warbrief.extract import prunes
from warbrief.extract.html import parse_html

# Attribute values that hit (or nearly hit) every clause of the translated queries.
VALUES = [
    "", "post", "entry", "text", "cell", "story", "content", "postarea", "art-postcontent", "article", "articleContent",
    "comment-list", "comments", "Comments", "commentary", "comment_box", "article-comments", "post-comments", "comol",
    "disqus_thread", "dsq-comments", "mvp-post-add-box", "mvp-post-add-wrap", "infinite-scroll", "infinitescroll",
    "article-body", "articleBody", "article__content", "entry-content", "body-text", "post-text", "ArticleContent",
    "Story-Body", "story-body", "FullText", "fulltext-wrap", "single-post", "primary", "primary-col", "x primary",
    "content-main", "content__body", "contentBody", "main-content", "Main-Content", "page-Content", "PAGE-CONTENT",
    "share-bar", "sharing", "social", "nav", "subnav", "navbar", "menu", "cookie-banner", "cookie", "related",
    "hidden", "is hidden", "reply-form", "comment-reply-link", "hide-print", "noprint", "message", "akismet",
    "reader-comments", "bottom", "footer-bottom", "Padding-bottom-lg", "link", "a link b", "links", "ad-slot",
    "x ad y", "widget", "elementor-widget", "byline", "tags", "tag-list", "teaser", "Teaser-box", "caption",
    "premium", "^ad-", "ad-top", "banner", "sidebar", "author", "meta", "timestamp", "overlay", "yin",
    "elementor-share-buttons", "photo-caption", "figcaption", "TEASER", "hero-Teaser",
]
STYLES = ["display:none", "display: none", "border: 1px solid", "color: red", "visibility:hidden"]
TAGS = ["div", "section", "article", "main", "aside", "span", "p", "ol", "ul", "li", "details", "header", "h2",
        "blockquote"]


def attributes(rng: random.Random) -> str:
    chosen = []
    for name in rng.sample(["id", "class", "style", "role", "aria-hidden", "itemprop", "data-component",
                            "data-lp-replacement-content"], k=rng.randint(0, 4)):
        if name == "style":
            value = rng.choice(STYLES)
        elif name == "role":
            value = rng.choice(["article", "Navigation", "nav", "main", "main-area", "banner"])
        elif name == "aria-hidden":
            value = rng.choice(["true", "false"])
        elif name == "itemprop":
            value = rng.choice(["articleBody", "author"])
        elif name == "data-component":
            value = rng.choice(["MostPopularStories", "Other"])
        else:
            value = rng.choice(VALUES)
        chosen.append(f'{name}="{value}"')
    return " ".join(chosen)


def random_page(seed: int, elements: int = 1500) -> str:
    """A page of randomly nested elements with attribute values from VALUES, in random attribute order."""
    rng = random.Random(seed)
    parts, open_tags = ["<html><body>"], []
    for index in range(elements):
        if open_tags and rng.random() < 0.45:
            parts.append(f"</{open_tags.pop()}>")
        tag = rng.choice(TAGS)
        parts.append(f"<{tag} {attributes(rng)}>text {index} ")
        if rng.random() < 0.05:
            parts.append("<h1>Headline</h1>")
        open_tags.append(tag)
    parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    parts.append("</body></html>")
    return "".join(parts)


def trees(seed: int) -> list[HtmlElement]:
    """The raw tree, and the tree after trafilatura's tag conversion (list, item, head ... as the later
    queries see them)."""
    raw, _ = parse_html(random_page(seed))
    converted, _ = parse_html(random_page(seed))
    assert raw is not None and converted is not None
    options = Extractor(output_format="python", fast=True, precision=True, comments=False)
    return [raw, convert_tags(converted, options)]


NAMES = ["RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH", "REMOVE_COMMENTS_XPATH", "BODY_XPATH",
         "OVERALL_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "TEASER_DISCARD_XPATH", "PRECISION_DISCARD_XPATH"]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("name", NAMES)
def test_every_loop_selects_what_its_xpath_selects(name: str, seed: int) -> None:
    ours = prunes.queries(name)
    assert prunes.translated(name), f"nothing of {name} is translated: the hash no longer matches?"
    for index in prunes.translated(name):
        assert not isinstance(ours[index], XPath), f"{name}[{index}] fell back to the XPath"
        original = getattr(xpaths, name)[index]
        for tree in trees(seed):
            for root in [tree, *tree.iter("section")][:40]:  # the whole page and subtrees, like trafilatura
                expected, got = original(root), ours[index](root)
                if name == "BODY_XPATH":  # trafilatura reads only the first match
                    assert next(iter(got), None) is next(iter(expected), None)
                else:
                    assert got == expected, (name, index)


def test_the_pages_hit_the_queries() -> None:
    # The comparison above is only worth something if the queries select elements on these pages.
    pages = [tree for seed in (1, 2, 3) for tree in trees(seed)]
    for name in NAMES:
        for index in prunes.translated(name):
            query = getattr(xpaths, name)[index]
            assert any(query(tree) for tree in pages), (name, index)


def test_attribute_order_decides_id_or_class() -> None:
    # re:test(@id|@class, ...) reads the attribute written first.
    query = prunes.queries("PRECISION_DISCARD_XPATH")[1]
    tree, _ = parse_html('<html><body><div id="bottom" class="x"></div><div class="x" id="bottom"></div>'
                         '<div class="bottom"></div></body></html>')
    assert tree is not None
    selected = query(tree)
    assert [element.get("class") for element in selected] == ["x", "bottom"]
    assert selected == xpaths.PRECISION_DISCARD_XPATH[1](tree)


def test_a_changed_query_falls_back_to_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = XPath(".//*[self::div][re:test(@class, 'other')]", namespaces={"re": "http://exslt.org/regular-expressions"})
    monkeypatch.setattr(xpaths, "REMOVE_COMMENTS_XPATH", [changed])
    assert prunes.queries("REMOVE_COMMENTS_XPATH") == [changed]


def test_a_pattern_matching_the_empty_string_is_refused() -> None:
    with pytest.raises(ValueError):
        prunes._patterns(XPath(".//*[re:test(@class, 'a|')]", namespaces={"re": "http://exslt.org/regular-expressions"}))
