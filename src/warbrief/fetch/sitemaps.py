"""Sitemaps and news sitemaps to the pages they list, newest first.

A sitemap index points to more sitemaps; the poller follows them one level deep (bounded), so a site's
index cannot make us walk its whole archive. News sitemap fields (publication date, title) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from warbrief.fetch.feeds import FeedEntry, FeedError, element_text, http_url, parse_date, parse_xml

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(slots=True)
class Sitemap:
    pages: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(data: bytes, base_url: str) -> Sitemap:
    """The pages (newest first when dated) or child sitemaps listed by a sitemap document."""
    root = parse_xml(data, f"sitemap {base_url}")
    kind = _local(root.tag)
    result = Sitemap()
    if kind == "sitemapindex":
        for node in root:
            url = http_url(element_text(node.find(f"{SITEMAP}loc")) or element_text(node.find("loc")), base_url)
            if url:
                result.sitemaps.append(url)
        return result
    if kind != "urlset":
        raise FeedError(f"sitemap {base_url}: root element <{root.tag}> is not urlset or sitemapindex")
    for node in root:
        url = http_url(element_text(node.find(f"{SITEMAP}loc")) or element_text(node.find("loc")), base_url)
        if not url:
            continue
        news = node.find(f"{NEWS}news")
        title = element_text(news.find(f"{NEWS}title")) if news is not None else None
        when = element_text(news.find(f"{NEWS}publication_date")) if news is not None else None
        when = when or element_text(node.find(f"{SITEMAP}lastmod")) or element_text(node.find("lastmod"))
        result.pages.append(FeedEntry(url, title, parse_date(when)))
    result.pages.sort(key=lambda e: e.published or date.min, reverse=True)
    return result
