"""Main text and metadata of an HTML page, via trafilatura (the strongest open extractor measured here)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import trafilatura

log = logging.getLogger(__name__)


@dataclass(slots=True)
class HtmlArticle:
    title: str
    paragraphs: list[str]
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None
    author: str | None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """The article in a page, or None when the page holds no main text."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError, AttributeError) as exc:
        # lxml and trafilatura raise a variety of errors on broken markup; a page that breaks them has
        # no extractable article for us, which the caller reports as a skip.
        log.info("trafilatura failed on %s: %s", url or "page", exc)
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    title = (doc.title or "").strip() or paragraphs[0][:120]
    return HtmlArticle(
        title=title,
        paragraphs=paragraphs,
        outlet=(doc.sitename or doc.hostname or None),
        url=doc.url or url,
        published=_parse_date(doc.date),
        language=doc.language,
        author=doc.author,
    )
