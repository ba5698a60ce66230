"""Page metadata from the tags publishers put there for previews and search engines.

trafilatura's metadata pass also extracts categories, tags and licences and runs its author heuristics
over the whole page; it took a third of the extraction time, for fields the briefing never uses. We read
the few fields we need from Open Graph / standard meta tags, JSON-LD and the canonical link, in that
order of trust, and let htmldate (without its extensive text search) find the publication date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—•·»]\s+|\s+-\s+")


@dataclass(slots=True)
class PageMetadata:
    title: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    image: str | None = None


def meta_index(tree: HtmlElement) -> dict[str, str]:
    """Every <meta property|name|itemprop=NAME content=...> of the page, first non-empty content per NAME.

    One walk over the meta elements instead of one XPath query over the whole tree per field looked up.
    ``http-equiv`` names are kept lower-cased under ``http-equiv:NAME``.
    """
    index: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        text = " ".join(content.split())
        if not text:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = element.get(attribute)
            if key is not None:
                index.setdefault(key, text)
        equiv = element.get("http-equiv")
        if equiv is not None:
            index.setdefault("http-equiv:" + equiv.lower(), text)
    return index


def _meta(index: dict[str, str], *names: str) -> str | None:
    """The first non-empty content among ``names``, in order of trust."""
    return next((index[name] for name in names if name in index), None)


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members included; malformed blocks are skipped."""
    objects: list[dict[str, Any]] = []
    # tree.iter rather than the XPath //script[@type='application/ld+json']/text() (same scripts, same order):
    # libxml2 evaluates "//" by collecting every node of the page first.
    for element in tree.iter("script"):
        script = element.text
        if script is None or element.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                objects.append(item)
                objects.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
    return objects


def canonical_link(tree: HtmlElement) -> str | None:
    """The href of the first <link rel="canonical" href=...> (what //link[@rel='canonical']/@href gives first)."""
    return next(
        (href for link in tree.iter("link")
         if link.get("rel") == "canonical" and (href := link.get("href")) is not None),
        None,
    )


def _name(value: Any) -> str | None:
    """A person's or organisation's name from a JSON-LD value (string, object or list of them)."""
    if isinstance(value, list):
        names = [n for n in map(_name, value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _url(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _first(objects: list[dict[str, Any]], key: str) -> Any:
    return next((o[key] for o in objects if o.get(key)), None)


def date_from_url(url: str | None) -> date | None:
    """The date many news sites put in their article paths (/2024/12/28/...)."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def page_language(tree: HtmlElement, index: dict[str, str] | None = None) -> str | None:
    """The primary language subtag the page declares (html lang, Content-Language, og:locale)."""
    index = meta_index(tree) if index is None else index
    candidates = [tree.get("lang"), tree.get("xml:lang"), index.get("http-equiv:content-language"),
                  index.get("og:locale")]
    for value in candidates:
        primary = re.split(r"[-_]", str(value or "").strip().lower())[0]
        if _LANG.match(primary):
            return primary
    return None


def _title(tree: HtmlElement, index: dict[str, str], objects: list[dict[str, Any]]) -> str | None:
    title = _meta(index, "og:title", "twitter:title") or _name(_first(objects, "headline"))
    if title:
        return title
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    if len(headings) == 1 and headings[0]:
        return headings[0]
    raw = " ".join(" ".join(text for title in tree.iter("title") for text in title.itertext()).split())
    # "Story headline | Site name": keep the longest part, which is the headline.
    return max(_TITLE_SEPARATORS.split(raw), key=len).strip() or None if raw else None


def _published(
    tree: HtmlElement, index: dict[str, str], objects: list[dict[str, Any]], url: str | None
) -> date | None:
    declared = _meta(index, "article:published_time", "datePublished", "date", "pubdate") or _first(
        objects, "datePublished"
    )
    if isinstance(declared, str):
        try:
            return date.fromisoformat(declared.strip()[:10])
        except ValueError:
            pass
    found = date_from_url(url)
    if found:
        return found
    try:
        text = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        text = None
    return date.fromisoformat(text[:10]) if text else None


def page_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    """Title, site name, canonical URL, author, publication date, language and lead image of a page."""
    objects = _json_ld(tree)
    index = meta_index(tree)
    canonical = canonical_link(tree) or _meta(index, "og:url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    if canonical and not canonical.startswith(("http://", "https://")):
        canonical = None
    author = _meta(index, "author", "article:author", "parsely-author", "dc.creator") or _name(
        _first(objects, "author")
    )
    if author and author.startswith(("http://", "https://")):  # article:author is often a profile URL
        author = _name(_first(objects, "author"))
    host = urlsplit(canonical or url or "").hostname
    return PageMetadata(
        title=_title(tree, index, objects),
        sitename=_meta(index, "og:site_name", "application-name") or _name(_first(objects, "publisher"))
        or (host.removeprefix("www.") if host else None),
        canonical_url=canonical,
        author=author,
        published=_published(tree, index, objects, canonical or url),
        language=page_language(tree, index),
        image=_meta(index, "og:image", "og:image:url", "twitter:image") or _url(_first(objects, "image")),
    )
