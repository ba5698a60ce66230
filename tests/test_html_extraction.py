"""HTML main-text extraction: text, boilerplate, metadata, hostile pages, encodings and the time limit."""

from __future__ import annotations

import gzip
import re
import threading
from datetime import date
from pathlib import Path

import pytest

from warbrief.extract.agreement import reconcile
from warbrief.extract.decode import DecodeError, decode_bytes
from warbrief.extract.html import HtmlArticle, extract_html, extract_html_checked
from warbrief.extract.htmlclean import drop_boilerplate
from warbrief.extract.inspect import InspectError, extract_path

STORY = [
    "Russian forces struck the port of Odesa overnight with drones and missiles, the regional governor said "
    "on Tuesday, damaging grain terminals and a residential building near the harbour.",
    "Air defence units shot down most of the drones over the sea, according to the southern command, but "
    "debris fell on two warehouses and started a fire that burned until the morning.",
    "Emergency services said three people were injured and taken to hospital; none of the injuries were "
    "described as life-threatening, and rescuers finished searching the building by noon.",
    "The strike was the third on the port this month, as shipping through the Black Sea corridor continued "
    "despite the attacks, with eleven vessels leaving the harbour last week.",
]


def news_page(head: str = "", story: list[str] = STORY) -> str:
    body = "".join(f"<p>{p}</p>" for p in story)
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Drones hit Odesa port | Harbour Times</title>{head}</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our site.
By continuing to browse you accept our use of cookies. <a href="/privacy">Accept all cookies</a></p></div>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<main><article><h1>Drones hit Odesa port</h1>
<div class="byline">By Olena Petrenko</div>
<div class="article-body">{body}<p>Read more: Grain exports rise despite attacks</p></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Kyiv metro reopens after repairs to the damaged station</a></li>
<li><a href="/b">Kharkiv schools move classes underground for the winter term</a></li></ul></aside>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader42: This is terrible news, stay safe everyone in the city tonight.</p></div></section>
</main>
<footer><p>Copyright 2024 Harbour Times. All rights reserved.</p><a href="/contact">Contact us</a></footer>
</body></html>"""


METADATA_HEAD = """
<meta property="og:title" content="Drones hit Odesa port">
<meta property="og:site_name" content="Harbour Times">
<meta property="og:image" content="https://example.org/img/odesa.jpg">
<link rel="canonical" href="https://example.org/world/drones-hit-odesa-port">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Drones hit Odesa port", "datePublished": "2024-12-28T06:10:00+02:00",
 "author": {"@type": "Person", "name": "Olena Petrenko"}}</script>"""


def text_of(article: HtmlArticle | None) -> str:
    assert article is not None
    return "\n\n".join(article.paragraphs)


def test_main_text_kept_and_boilerplate_dropped() -> None:
    text = text_of(extract_html(news_page(), url="https://example.org/world/drones-hit-odesa-port"))
    for paragraph in STORY:
        assert paragraph in text
    for chrome in ("cookies", "Sport", "Share on", "Kyiv metro", "Reader42", "All rights reserved", "Read more",
                   "Contact us"):
        assert chrome not in text
    assert not text.startswith("Drones hit Odesa port")  # the headline is the title, not body text


def test_metadata_from_meta_tags_and_json_ld() -> None:
    article = extract_html(news_page(METADATA_HEAD), url="https://example.org/world/drones-hit-odesa-port?ref=rss")
    assert article is not None
    assert article.title == "Drones hit Odesa port"
    assert article.outlet == "Harbour Times"
    assert article.canonical_url == "https://example.org/world/drones-hit-odesa-port"
    assert article.author == "Olena Petrenko"
    assert article.published == date(2024, 12, 28)
    assert article.language == "en"
    assert article.image == "https://example.org/img/odesa.jpg"


def test_date_from_url_and_title_from_title_tag_when_no_meta() -> None:
    article = extract_html(news_page(), url="https://example.org/2024/12/27/drones-hit-odesa-port")
    assert article is not None
    assert article.published == date(2024, 12, 27)
    assert article.title == "Drones hit Odesa port"
    assert article.outlet == "example.org"


def test_page_nested_past_the_lxml_depth_limit_is_recovered() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = f"<html><head><title>Deep</title></head><body>{'<div>' * 10_000}{body}{'</div>' * 10_000}</body></html>"
    article = extract_html(html)
    assert article is not None
    assert article.method.startswith("flattened")
    assert STORY[0] in text_of(article) and STORY[-1] in text_of(article)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        ("   \n ", "empty page"),
        ("<html><head><script>var a = 1; function f() { return a; }</script></head><body>"
         "<script>f()</script></body></html>", "no main text"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ],
)
def test_pages_without_text_give_a_reason(html: str, reason: str) -> None:
    result = extract_html_checked(html)
    assert isinstance(result, str) and reason in result
    assert extract_html(html) is None


def test_truncated_page_still_gives_its_text() -> None:
    html = news_page()
    cut = html[: html.index(STORY[2][:40]) + 20]  # stops inside the third paragraph, mid-tag structure
    article = extract_html(cut)
    assert article is not None and STORY[0] in text_of(article)


def test_binary_and_gzip_inputs_never_crash() -> None:
    noise = bytes(range(256)) * 64
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(noise, markup=True)
    with pytest.raises(DecodeError, match="gzip"):
        decode_bytes(gzip.compress(news_page().encode())[:200], markup=True)
    result = extract_html_checked(noise.decode("latin-1"))
    assert isinstance(result, (str, HtmlArticle))
    text, _ = decode_bytes(gzip.compress(news_page().encode("utf-8")), markup=True)
    assert STORY[1] in text_of(extract_html(text))


RUSSIAN = [
    "Российские войска ночью нанесли удар по порту Одессы, сообщил глава областной администрации во вторник.",
    "Силы противовоздушной обороны сбили большую часть беспилотников над морем, но обломки упали на склады.",
    "Спасатели сообщили, что три человека получили ранения и были доставлены в больницу утром.",
    "Это уже третий удар по порту за месяц, при этом судоходство по зерновому коридору продолжается.",
]


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("declared", [True, False])
def test_cyrillic_single_byte_pages_decode(codec: str, declared: bool) -> None:
    charset = codec.replace("_", "-")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if declared else ""
    html = news_page(meta, RUSSIAN).replace('<meta charset="utf-8">', "").replace(' lang="en-GB"', ' lang="ru"')
    text, encoding = decode_bytes(html.encode(codec), markup=True)
    assert encoding.replace("-", "_").lower() == codec
    article = extract_html(text)
    assert article is not None and article.language == "ru"
    assert RUSSIAN[0] in text_of(article) and RUSSIAN[2] in text_of(article)


def big_page() -> str:
    return news_page(story=STORY * 200)


def test_time_limit_falls_back_to_the_streaming_reader() -> None:
    result = extract_html_checked(big_page(), budget=0.002)
    assert isinstance(result, HtmlArticle)
    assert result.method == "stream:time limit"
    assert STORY[0] in result.paragraphs


def test_time_limit_outside_the_main_thread_skips_the_second_opinion() -> None:
    results: list[HtmlArticle | str] = []
    worker = threading.Thread(target=lambda: results.append(extract_html_checked(big_page(), budget=0.002)))
    worker.start()
    worker.join()
    assert isinstance(results[0], HtmlArticle)
    assert "readability skipped" in results[0].method


def test_reconcile_restores_a_dropped_middle_paragraph_but_not_a_trailing_teaser() -> None:
    teaser = "More from the front line: five things to know about the winter offensive in the east this week"
    primary = [STORY[0], STORY[2], STORY[3]]
    secondary = [STORY[0], STORY[1], STORY[2], STORY[3], teaser]
    assert reconcile(primary, secondary) == STORY


def test_reconcile_replaces_a_tiny_primary_such_as_a_paywall_notice() -> None:
    assert reconcile(["Subscribe to read this article."], STORY) == STORY


def test_drop_boilerplate_keeps_news_sentences_that_mention_twitter() -> None:
    paragraphs = ["Drones hit Odesa port", "The governor said on Twitter that the fire was out by 9 a.m.",
                  "Follow us on Twitter", "Related: Kharkiv schools move underground", "© 2024 Harbour Times"]
    assert drop_boilerplate(paragraphs, "Drones hit Odesa port") == [paragraphs[1]]


def test_extract_path_reads_html_and_gzip_files(tmp_path: Path) -> None:
    page = tmp_path / "odesa.html"
    page.write_text(news_page(METADATA_HEAD), encoding="utf-8")
    packed = tmp_path / "odesa2.html.gz"
    packed.write_bytes(gzip.compress(news_page(METADATA_HEAD).encode("utf-8")))
    for path in (page, packed):
        [article] = extract_path(path)
        assert set(article) == {"title", "outlet", "url", "published", "language", "text"}
        assert article["title"] == "Drones hit Odesa port"
        assert article["published"] == "2024-12-28"
        assert article["text"].split("\n\n")[:4] == STORY


def test_extract_path_names_the_reason_for_a_file_without_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InspectError, match="no main text"):
        extract_path(empty)


_COMBINED_PROMPT = re.compile(  # the one-pattern form htmlclean's two patterns replace
    r"^(subscribe|sign up|follow|get (the|our)|click here|share|join|listen|like this|have a tip|"
    r"email \w+( \w+)? at|write to|reach the)\b|newsletter|all rights reserved|^©|^copyright|"
    r"follow (us|him|her|them) on",
    re.IGNORECASE,
)


@pytest.mark.parametrize("text", [
    "Subscribe to our newsletter", "Get the latest news", "© 2024 Harbour Times", "Copyright 2024 X",
    "Follow us on Telegram", "He said: FOLLOW THEM ON the road", "NEWSLETTER – sign up", "All Rights Reserved.",
    "follow  us on X", "Email Jane Doe at jane@example.org", "Sharebear went home", "The sharing economy",
    "Читайте нас в Telegram — newsletter", "Folgen Sie uns: Newsletter abonnieren", "ſubscribe", "Reach the front",
    "Troops reached the front line on Tuesday.", "Plane passengers quarantined [VIDEO]", "Read more: Odesa",
    "— —", "", "Copyright", "copyrighted material was shown", "A ©",
])
def test_prompt_patterns_match_as_the_single_pattern_did(text: str) -> None:
    from warbrief.extract import htmlclean

    expected = _COMBINED_PROMPT.search(text) is not None
    assert (htmlclean._PROMPT_START.match(text) is not None or htmlclean._prompt_anywhere(text)) == expected
