"""RSS 2.0, Atom and JSON Feed renderings of the briefings and of each section.

Feed readers are the main way people follow a daily product, so every feed carries full text (the cited
paragraphs as plain text, never HTML from sources) and stable ids (the day's URL, the story's URL). XML is
built with ElementTree so that untrusted text is always escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 30


@dataclass(slots=True)
class FeedEntry:
    id: str  # absolute URL
    title: str
    link: str
    text: str
    day: date
    updated: datetime | None = None

    @property
    def when(self) -> datetime:
        return self.updated or datetime.combine(self.day, time(18, 0), tzinfo=UTC)


@dataclass(slots=True)
class Feed:
    title: str
    link: str  # the HTML page the feed mirrors
    self_link: str  # the feed's own URL (without extension)
    description: str
    entries: list[FeedEntry]

    @property
    def updated(self) -> datetime:
        return max((e.when for e in self.entries), default=datetime(1970, 1, 1, tzinfo=UTC))


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters; drop them rather than emit an unreadable feed."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def render_rss(feed: Feed) -> str:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _clean(feed.title)
    ET.SubElement(channel, "link").text = feed.link
    ET.SubElement(channel, "description").text = _clean(feed.description)
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(feed.updated)
    ET.SubElement(channel, "generator").text = "warbrief"
    for e in feed.entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = _clean(e.title)
        ET.SubElement(item, "link").text = e.link
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = e.id
        ET.SubElement(item, "pubDate").text = format_datetime(e.when)
        ET.SubElement(item, "description").text = _clean(e.text)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def render_atom(feed: Feed) -> str:
    ET.register_namespace("", ATOM_NS)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = _clean(text)
        return node

    root = ET.Element(f"{{{ATOM_NS}}}feed")
    el(root, "title", feed.title)
    el(root, "id", feed.self_link + ".atom")
    el(root, "updated", feed.updated.isoformat())
    el(root, "link", href=feed.link)
    el(root, "link", rel="self", href=feed.self_link + ".atom")
    el(el(root, "author"), "name", "warbrief")
    el(root, "subtitle", feed.description)
    for e in feed.entries:
        entry = el(root, "entry")
        el(entry, "title", e.title)
        el(entry, "id", e.id)
        el(entry, "link", href=e.link)
        el(entry, "updated", e.when.isoformat())
        el(entry, "content", e.text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_json_feed(feed: Feed) -> str:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.link,
        "feed_url": feed.self_link + ".json",
        "description": feed.description,
        "items": [
            {"id": e.id, "url": e.link, "title": e.title, "content_text": e.text,
             "date_published": e.when.isoformat()}
            for e in feed.entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {
    "rss": (render_rss, "application/rss+xml; charset=utf-8"),
    "atom": (render_atom, "application/atom+xml; charset=utf-8"),
    "json": (render_json_feed, "application/feed+json; charset=utf-8"),
}
