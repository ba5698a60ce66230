"""The extract stage: one RawDocument in, the clean articles it holds out.

A page may hold one article, a listing of many, or a digest with headed sections; the text-page module
decides which. Here we only decode, route by media type, and fill the metadata every Article needs.
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlsplit

from warbrief.extract.decode import DecodeError, decode_bytes
from warbrief.extract.html import extract_html_checked
from warbrief.extract.language import identify_language
from warbrief.extract.textpage import TextItem, extract_text_page
from warbrief.ingest.files import RECORD_MEDIA_TYPE
from warbrief.records import Article, RawDocument
from warbrief.taxonomy import Taxonomy


class ExtractionSkip(ValueError):
    """The document holds no article we can extract; the message says why."""


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _parse_date(value: object) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _body_of_record(raw: RawDocument) -> tuple[str, str]:
    """The (media type, text) a JSONL record carries."""
    try:
        record = json.loads(raw.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExtractionSkip(f"record is not valid JSON ({exc})") from exc
    if isinstance(record.get("html"), str) and record["html"].strip():
        return "text/html", record["html"]
    return "text/plain", str(record.get("text") or "")


def extract_articles(raw: RawDocument, taxonomy: Taxonomy) -> list[Article]:
    """Every article found in ``raw``; raises ExtractionSkip when there is none."""
    if raw.media_type == RECORD_MEDIA_TYPE:
        media_type, text = _body_of_record(raw)
    else:
        media_type = raw.media_type
        try:
            # The charset a server sent (live ingestion keeps it) comes before the page's own meta tag.
            charset = raw.metadata.get("charset")
            text, _encoding = decode_bytes(raw.content, declared=charset if isinstance(charset, str) else None,
                                           markup=media_type == "text/html")
        except DecodeError as exc:
            raise ExtractionSkip(str(exc)) from exc
    meta = raw.metadata
    url = meta.get("url")
    published_meta = _parse_date(meta.get("date"))
    outlet_meta = meta.get("outlet")

    declared_language = meta.get("language")
    if media_type == "text/html":
        page = extract_html_checked(text, url=url)
        if isinstance(page, str):
            raise ExtractionSkip(page)
        items = [
            TextItem(title=meta.get("title") or page.title, paragraphs=page.paragraphs, kind="article",
                     published=page.published, byline=page.author)
        ]
        outlet = outlet_meta or page.outlet or outlet_from_url(page.canonical_url or page.url)
        url = url or page.canonical_url or page.url
        declared_language = declared_language or page.language
        extractor = page.method
    else:
        items = extract_text_page(text, taxonomy)
        if not items:
            raise ExtractionSkip("no article text found (only page chrome or too little text)")
        if meta.get("title") and len(items) == 1:
            items[0].title = meta["title"]
        outlet = outlet_meta or outlet_from_url(url)
        extractor = "textpage"

    articles = []
    for index, item in enumerate(items):
        body = "\n\n".join(p for p in item.paragraphs if p.strip())
        if not body.strip():
            continue
        published = published_meta or item.published
        day = raw.day or published or raw.fetched_at.date()
        articles.append(
            Article(
                raw_id=raw.id,
                index=index,
                title=item.title.strip() or body[:80],
                text=body,
                day=day,
                kind=item.kind,  # type: ignore[arg-type]
                outlet=outlet,
                url=url,
                origin=raw.origin,
                published=published,
                language=declared_language or identify_language(body),
                section_hint=item.section_hint,
                label=item.label,
                extractor=extractor,
            )
        )
    if not articles:
        raise ExtractionSkip("no article text found")
    return articles
