"""The JSON API (documented by FastAPI's OpenAPI schema at /openapi.json): days, stories, articles, search.

Responses are typed models so that the schema tells a client exactly what it gets; the day endpoint returns
the stored briefing document itself, whose format is docs/json-schema.md.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from warbrief.records import SentenceStatus
from warbrief.textdates import parse_iso_day
from warbrief.web.archive import Archive, ArticleRef, SearchFilters, SearchQueryError, StoryRef


class ArticleOut(BaseModel):
    id: str
    title: str
    day: date
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None


class ArticleFull(ArticleOut):
    text: str
    origin: str
    story_ids: list[str]


class StoryOut(BaseModel):
    id: str
    day: date
    title: str
    section: str
    outlets: list[str]
    corroboration: int
    importance: float
    thread_id: str = Field(description="The event thread: the id of its first story (this story's own when new).")
    status: Literal["new", "continuing", "escalating"]
    first_seen: date | None = Field(description="The day the thread's event was first reported.")


class CitationOut(BaseModel):
    article_id: str
    start: int
    end: int
    quote: str
    outlet: str | None
    url: str | None


class SentenceOut(BaseModel):
    text: str
    # What the sentence states, as the briefing JSON's sentences[].status: "unverified", "claimed" or null.
    status: SentenceStatus | None = None
    citations: list[CitationOut]


class StoryFull(StoryOut):
    section_title: str
    summary: list[SentenceOut]
    articles: list[ArticleOut]
    timeline: list[StoryOut]


class DayOut(BaseModel):
    day: date
    url: str


class SearchHitOut(BaseModel):
    article: ArticleOut
    snippet: str
    story_ids: list[str]


class SearchOut(BaseModel):
    query: str
    total: int
    total_is_lower_bound: bool
    articles: list[SearchHitOut]
    stories: list[StoryOut]


def _article(a: ArticleRef) -> ArticleOut:
    return ArticleOut(id=a.id, title=a.title, day=a.day, outlet=a.outlet, url=a.url, published=a.published,
                      language=a.language)


def _story(s: StoryRef) -> StoryOut:
    return StoryOut(id=s.id, day=s.day, title=s.title, section=s.section, outlets=s.outlets,
                    corroboration=s.corroboration, importance=s.importance, thread_id=s.thread_id,
                    status=s.status if s.status in ("continuing", "escalating") else "new", first_seen=s.first_seen)


def http_day(value: str, name: str = "day") -> date:
    """A day from a URL; HTTP 400 naming the parameter when it is not YYYY-MM-DD."""
    try:
        return parse_iso_day(value)
    except ValueError as exc:
        raise HTTPException(400, f"{name}: {exc}") from exc


def router(archive: Archive) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["api"])

    @api.get("/days", response_model=list[DayOut])
    def days() -> list[DayOut]:
        """Days with a stored briefing, newest first."""
        return [DayOut(day=d, url=f"/api/days/{d.isoformat()}") for d in archive.days()]

    @api.get("/days/{day}")
    def day(day: str) -> dict[str, Any]:
        """The day's briefing document (format: docs/json-schema.md)."""
        document = archive.briefing_document(http_day(day))
        if document is None:
            raise HTTPException(404, f"no briefing for {day}")
        return document

    @api.get("/days/{day}/stories", response_model=list[StoryOut])
    def day_stories(day: str) -> list[StoryOut]:
        """The day's stories, most important first."""
        return [_story(s) for s in archive.stories_of_day(http_day(day))]

    @api.get("/stories/{story_id}", response_model=StoryFull)
    def story(story_id: str) -> StoryFull:
        """A story: its cited summary, its source articles and the same story on other days."""
        found = archive.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        summary = [
            SentenceOut(text=s.text, status=s.status, citations=[
                CitationOut(article_id=c.article_id, start=c.start, end=c.end, quote=c.quote, outlet=c.outlet,
                            url=c.url) for c in s.citations])
            for s in (found.item.sentences if found.item else [])
        ]
        base = _story(found.story)
        return StoryFull(**base.model_dump(), section_title=found.section_title, summary=summary,
                         articles=[_article(a) for a in found.articles], timeline=[_story(s) for s in found.timeline])

    @api.get("/articles/{article_id}", response_model=ArticleFull)
    def article(article_id: str) -> ArticleFull:
        """An article's clean text and metadata, and the stories it belongs to."""
        found = archive.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return ArticleFull(**_article(found.ref).model_dump(), text=found.text, origin=found.origin,
                           story_ids=found.story_ids)

    @api.get("/search", response_model=SearchOut)
    def search(
        q: str,
        from_: Annotated[date | None, Query(alias="from")] = None,
        to: date | None = None,
        section: str | None = None,
        outlet: str | None = None,
        place: str | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=10000)] = 0,
    ) -> SearchOut:
        """Ranked full-text search; snippets mark matches with \\u0002 … \\u0003."""
        try:
            result = archive.search(q, SearchFilters(from_, to, section, outlet, place), limit=limit, offset=offset)
        except SearchQueryError as exc:
            raise HTTPException(400, str(exc)) from exc
        return SearchOut(
            query=result.query, total=result.total, total_is_lower_bound=result.total_is_lower_bound,
            articles=[SearchHitOut(article=_article(h.article), snippet=h.snippet, story_ids=h.story_ids)
                      for h in result.articles],
            stories=[_story(s.story) for s in result.stories])

    return api
