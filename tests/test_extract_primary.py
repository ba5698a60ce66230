"""The fast HTML path: trafilatura run in place, the gated second opinion, one-pass metadata, the byte repairs."""

from __future__ import annotations

import pytest
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from warbrief.extract.agreement import looks_incomplete
from warbrief.extract.html import extract_html, libxml_bytes, parse_html
from warbrief.extract.metadata import meta_index, page_language
from warbrief.extract.primary import paragraph_chars, primary_paragraphs, strip_inert

STORY = [
    "Russian forces struck the port of Odesa overnight with drones and missiles, the regional governor said "
    "on Tuesday, damaging grain terminals and a residential building near the harbour.",
    "Air defence units shot down most of the drones over the sea, according to the southern command, but "
    "debris fell on two warehouses and started a fire that burned until the morning.",
    "Emergency services said three people were injured and taken to hospital; none of the injuries were "
    "described as life-threatening, and rescuers finished searching the building by noon.",
]
METADATA_HEAD = """<meta property="og:title" content="Drones hit Odesa port">
<link rel="canonical" href="https://example.org/world/drones-hit-odesa-port">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-12-28T06:10:00+02:00"}</script>"""


def news_page(head: str = "", story: list[str] = STORY) -> str:
    body = "".join(f"<p>{p}</p>" for p in story)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Drones hit Odesa port | Harbour Times</title>{head}
</head><body><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<main><article><h1>Drones hit Odesa port</h1><div class="article-body">{body}</div>
<div class="share"><a href="#">Share on Facebook</a></div></article>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>Reader42: stay safe, everyone
in the city tonight.</p></div></section></main><footer><p>Copyright 2024 Harbour Times.</p></footer></body></html>"""


SCRIPTS = """<script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
<noscript><p>Please enable JavaScript to read this site properly.</p></noscript>
<svg viewBox="0 0 10 10"><path d="M0 0L10 10"/><text>icon</text></svg>"""
FORUM = """<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Odesa"}</script>"""


def tree_of(html: str) -> HtmlElement:
    tree, too_deep = parse_html(html)
    assert tree is not None and not too_deep
    return tree


def through_bare_extraction(html: str, url: str | None) -> list[str]:
    doc = trafilatura.bare_extraction(tree_of(html), url=url, fast=True, favor_precision=True,
                                      include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    return [line.strip() for line in text.split("\n") if line.strip()]


PAGES = [
    news_page(),
    news_page(METADATA_HEAD),
    news_page(SCRIPTS),
    news_page(FORUM),
    news_page(story=STORY[:1]),
    news_page(story=[p.replace("drones", "<b>drones</b>") + "<br>" for p in STORY]),
    "<html><body><div>" + "".join(f"<div>{p}</div>" for p in STORY) + "</div></body></html>",
]


@pytest.mark.parametrize("html", PAGES)
def test_primary_is_what_bare_extraction_gives(html: str) -> None:
    tree = tree_of(html)
    strip_inert(tree)
    assert primary_paragraphs(tree, "https://example.org/a") == through_bare_extraction(html, "https://example.org/a")


def test_strip_inert_keeps_json_ld_and_tails() -> None:
    tree = tree_of(f"<html><head>{FORUM}</head><body><p>before{SCRIPTS}after</p></body></html>")
    strip_inert(tree)
    assert not tree.xpath("//style|//noscript|//svg|//script[not(@type='application/ld+json')]")
    assert len(tree.xpath("//script[@type='application/ld+json']")) == 1
    assert "before" in tree.text_content() and "after" in tree.text_content()
    assert "not text" not in tree.text_content()


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html/>\n<html><p>a\x00b\x0bc\x1fd\ufffe\uffffe</p></html>",
        '<html lang="en"/>\n<body><p>self-closed html</p></body>',
        "<!DOCTYPE html/><p>one line</p>",
        "<!doctype html>\n<p>a plain doctype</p>",
        "<p>tab\tand\r\nnewlines stay, ünïcödé too — and U+FFFD \ufffd</p>",
        "",
    ],
)
def test_libxml_bytes_repairs_like_trafilatura(html: str) -> None:
    assert libxml_bytes(html) == repair_faulty_html(html, html[:50].lower()).encode("utf-8", "surrogatepass")


def test_meta_index_keeps_the_first_non_empty_value_per_name() -> None:
    tree = tree_of("""<html><head><meta property="og:title" content="  ">
<meta property="og:title" content="First  title"><meta name="og:title" content="Second">
<meta itemprop="datePublished" content="2024-12-28"><meta http-equiv="Content-Language" content="uk-UA">
</head><body><p>x</p></body></html>""")
    index = meta_index(tree)
    assert index["og:title"] == "First title"
    assert index["datePublished"] == "2024-12-28"
    assert page_language(tree, index) == "uk"


def test_second_opinion_only_when_the_primary_looks_incomplete() -> None:
    long_primary = ["x" * 600, "y" * 600]
    assert not looks_incomplete(long_primary, lambda: 1500)
    assert looks_incomplete(long_primary, lambda: 5000)  # the page offers far more paragraph text
    assert looks_incomplete(["short"], lambda: pytest.fail("not needed for a short primary"))
    assert paragraph_chars(tree_of("<p>a  b</p><div><p> c </p></div>")) == 4


def test_method_says_whether_readability_was_asked() -> None:
    article = extract_html(news_page(story=[p + " " + p for p in STORY * 2]))
    assert article is not None and article.method == "trafilatura"
    article = extract_html(news_page(story=STORY[:1]))  # under 1,000 characters: worth a second opinion
    assert article is not None and article.method == "trafilatura+readability"


def test_extractor_options_are_a_fresh_extractor() -> None:
    from trafilatura.settings import Extractor

    from warbrief.extract.primary import extractor_options

    for url in ("https://example.org/a", None, "https://example.org/ünï"):
        fresh = Extractor(output_format="python", fast=True, precision=True, comments=False, url=url)
        copied = extractor_options(url)
        assert all(getattr(copied, slot) == getattr(fresh, slot) for slot in Extractor.__slots__)
    assert extractor_options("https://a.example/x").url != extractor_options("https://b.example/y").url


def test_canonical_link_is_what_the_xpath_gives() -> None:
    from warbrief.extract.metadata import canonical_link

    for head, expected in [
        ('<link rel="canonical"><link rel="canonical" href="https://a.example/1"><link rel="canonical" href="/2">',
         "https://a.example/1"),
        ('<link rel="Canonical" href="https://a.example/x"><link rel="alternate" href="https://a.example/y">', None),
        ('<link rel="canonical" href="">', ""),
    ]:
        tree = tree_of(f"<html><head>{head}</head><body><p>x</p></body></html>")
        assert canonical_link(tree) == expected == next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)


def test_json_ld_blocks_are_read_from_every_script_of_that_type() -> None:
    from warbrief.extract.metadata import _json_ld

    tree = tree_of("""<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "A"}</script>
<script type="application/ld+json">not json</script><script type="text/javascript">{"headline": "B"}</script>
<script type="application/ld+json">[{"@graph": [{"headline": "C"}]}]</script></head><body><p>x</p></body></html>""")
    assert [o.get("headline") for o in _json_ld(tree)] == ["A", None, "C"]


def test_parse_html_takes_the_page_or_its_repaired_bytes() -> None:
    page = news_page()
    from_text, _ = parse_html(page)
    from_bytes, _ = parse_html(libxml_bytes(page))
    assert from_text is not None and from_bytes is not None
    assert from_text.text_content() == from_bytes.text_content()


def test_extractor_options_follow_the_day() -> None:
    """A process that runs past midnight must accept pages dated the new day: the base Extractor is built per day
    (a CI run that crossed midnight compared a new day's fresh Extractor with the old day's copy)."""
    from datetime import date

    from warbrief.extract import primary

    today = date.today().isoformat()
    assert primary.extractor_options(None).date_params["max_date"] == primary._base_options(today).date_params[
        "max_date"]
    assert primary._base_options("2000-01-01") is not primary._base_options(today)
    assert primary._base_options(today) is primary._base_options(today)
