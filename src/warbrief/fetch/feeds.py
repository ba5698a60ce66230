"""RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds to the entries they link to.

Feeds are untrusted XML: defusedxml refuses entity declarations (billion laughs, external entities)
instead of expanding them, and a malformed feed is a ``FeedError`` naming the problem, never a crash.
Only links are kept: the pages themselves are fetched and archived like any other page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"


class FeedError(ValueError):
    """The document is not a feed we can read; the message says why."""


@dataclass(slots=True, frozen=True)
class FeedEntry:
    """A page a feed or sitemap points to, with what the listing says about it."""

    url: str
    title: str | None = None
    published: date | None = None


def parse_xml(data: bytes, what: str) -> Element:
    """The root element of untrusted XML; entities and external references are refused, not expanded."""
    try:
        return fromstring(data.lstrip(b"\xef\xbb\xbf \t\r\n"), forbid_dtd=False, forbid_entities=True,
                          forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"{what} declares XML entities or external references, refused ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise FeedError(f"{what} is not well-formed XML ({exc})") from exc


def parse_date(value: str | None) -> date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps, Dublin Core) to a date; None when unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def element_text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None


def http_url(value: str | None, base: str) -> str | None:
    if not value:
        return None
    url = urljoin(base, value.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _rss_items(root: Element, base: str) -> list[FeedEntry]:
    items = root.findall("./channel/item") or root.findall(f"./{RSS1}item") or root.findall(".//item")
    entries = []
    for item in items:
        link = element_text(item.find("link")) or element_text(item.find(f"{RSS1}link"))
        guid = item.find("guid")
        if not link and guid is not None and guid.get("isPermaLink", "true").lower() == "true":
            link = element_text(guid)
        url = http_url(link, base)
        if url:
            title = element_text(item.find("title")) or element_text(item.find(f"{RSS1}title"))
            when = element_text(item.find("pubDate")) or element_text(item.find(f"{DC}date"))
            entries.append(FeedEntry(url, title, parse_date(when)))
    return entries


def _atom_entries(root: Element, base: str) -> list[FeedEntry]:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        chosen = next((lk for lk in links if lk.get("rel", "alternate") == "alternate"), None)
        url = http_url(chosen.get("href") if chosen is not None else None, base)
        if url:
            when = element_text(entry.find(f"{ATOM}published")) or element_text(entry.find(f"{ATOM}updated"))
            entries.append(FeedEntry(url, element_text(entry.find(f"{ATOM}title")), parse_date(when)))
    return entries


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """The linked entries of an RSS or Atom feed, in feed order, without repeats."""
    root = parse_xml(data, f"feed {base_url}")
    tag = root.tag.lower()
    if tag == f"{ATOM}feed".lower():
        entries = _atom_entries(root, base_url)
    elif tag in ("rss", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}rdf") or tag.endswith("rdf"):
        entries = _rss_items(root, base_url)
    else:
        raise FeedError(f"feed {base_url}: root element <{root.tag}> is not rss, RDF or Atom")
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.url not in seen:
            seen.add(entry.url)
            unique.append(entry)
    return unique
