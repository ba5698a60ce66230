"""The web app: server-rendered pages, feeds and a JSON API over one store, read-only and offline.

Everything shown comes from untrusted pages. Templates autoescape everything and nothing from a source is
marked safe; the only markup built in Python is ``<mark>`` around search highlights, after escaping. Every
response carries a Content-Security-Policy that allows no scripts, no inline styles, no frames and no fetches
outside this server, so even a missed escape could not run code. Only GET and HEAD exist; the app never
fetches a URL it is given.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from warbrief.publish.html import CitationView, briefing_views
from warbrief.publish.layout import is_http_url
from warbrief.taxonomy import Taxonomy, load_taxonomy
from warbrief.web import api
from warbrief.web.archive import Archive, SearchFilters, SearchQueryError
from warbrief.web.errors import DEFAULT_QUERY_TIMEOUT
from warbrief.web.feeds import FEED_LIMIT, RENDERERS, Feed, FeedEntry
from warbrief.web.geometry import MAP_HEIGHT, MAP_WIDTH, losses_chart, outlines, projection
from warbrief.web.topics import TopicQueryError, topic_page

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Rendered day pages kept in memory (about 200 kB each).
RENDERED_DAYS = 128
SECTION_COLOURS = ("#1a4d8f", "#b03a2e", "#1e8449", "#b9770e", "#6c3483", "#117a65", "#a04000", "#2e4053")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # The briefing's own stylesheet comes from the publish templates, so the site and the files look alike.
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("warbrief.web", "templates"),
                                    jinja2.PackageLoader("warbrief.publish", "templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["thousands"] = lambda n: "" if n is None else f"{n:,}"
    env.filters["signed"] = lambda n: "" if n is None else f"+{n:,}"
    env.globals["is_http_url"] = is_http_url
    return env


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then turn its highlight markers (\\x02 … \\x03) into <mark> elements."""
    text = str(escape(snippet))
    return Markup(text.replace("\x02", "<mark>").replace("\x03", "</mark>"))


def footnote_marks(citations: list[CitationView]) -> dict[int, Markup]:
    """Each citation's footnote mark, escaped once: a day repeats marks hundreds of times, and escaping each
    occurrence in the template was a third of the page's rendering time. Every value is escaped here."""
    return {
        c.number: Markup('<sup class="ref"><a href="#cite-{0}" title="{1}: {2}">[{0}]</a></sup>').format(
            c.number, c.label, c.quote)
        for c in citations
    }


def _parse_day(value: str | None, name: str) -> date | None:
    return api.http_day(value, name) if value else None


def create_app(db: str | Path, taxonomy: Taxonomy | None = None,
               query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> FastAPI:
    """The app over the store at ``db`` (opened read-only); ``warbrief serve`` runs it with uvicorn. A page whose
    query runs longer than ``query_timeout`` seconds (0: no limit) is answered 503, not left to hold a thread."""
    archive = Archive(db, query_timeout)
    tax = taxonomy or load_taxonomy()
    section_titles = {s.id: s.title for s in tax.sections}
    colours = {s.id: SECTION_COLOURS[i % len(SECTION_COLOURS)] for i, s in enumerate(tax.sections)}
    app = FastAPI(title="warbrief", version="1", docs_url=None, redoc_url=None,
                  description="Daily war briefings with their sources: days, stories, articles and search.")
    app.state.archive = archive

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = environment().get_template(template).render(
            request_path=request.url.path, section_titles=section_titles, latest=archive.latest_day(), **context)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html.j2", status=exc.status_code, status_code=exc.status_code,
                    message=str(exc.detail))

    async def _too_slow(request: Request, exc: Exception) -> Response:
        if not archive.is_timeout(exc):
            raise exc
        message = (f"The archive took longer than {archive.query_timeout:g} s to answer. Try a narrower search or a "
                   "shorter period; the server's limit is `warbrief serve --query-timeout`.")
        if request.url.path.startswith("/api/") or request.url.path.startswith("/feeds/"):
            return JSONResponse({"detail": message}, status_code=503)
        # Not ``page``: its "latest day" query could be the next one stopped.
        html = environment().get_template("error.html.j2").render(
            request_path=request.url.path, section_titles=section_titles, latest=None, status_code=503,
            message=message)
        return HTMLResponse(html, status_code=503)

    for error in archive.timeout_errors:
        app.add_exception_handler(error, _too_slow)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug, logged by uvicorn
        return PlainTextResponse("internal error: the request was logged", status_code=500)

    # -- pages ---------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        latest = archive.latest_day()
        if latest is None:
            return page(request, "empty.html.j2")
        return RedirectResponse(f"/day/{latest.isoformat()}", status_code=307)

    @app.get("/style.css", include_in_schema=False)
    def style() -> Response:
        css = environment().get_template("style.css.j2").render()
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/oblasts.svg", include_in_schema=False)
    def oblasts_svg() -> Response:
        """The base map as its own cacheable image, so map pages carry only their markers."""
        svg = environment().get_template("oblasts.svg.j2").render(outlines=outlines(), width=MAP_WIDTH,
                                                                 height=MAP_HEIGHT)
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    @app.get("/days", response_class=HTMLResponse, include_in_schema=False)
    def days(request: Request) -> Response:
        months: dict[str, list[date]] = {}
        for d in archive.days():
            months.setdefault(d.strftime("%B %Y"), []).append(d)
        return page(request, "days.html.j2", months=months)

    rendered_days: OrderedDict[tuple[str, str | None], str] = OrderedDict()
    rendered_lock = threading.Lock()

    @app.get("/day/{day}", response_class=HTMLResponse, include_in_schema=False)
    def day_page(request: Request, day: str) -> Response:
        """A day changes only when it is rebuilt, so its page is cached by version (and sent with an ETag)."""
        when = _parse_day(day, "day")
        assert when is not None
        version = archive.briefing_version(when)
        if version is None:
            raise HTTPException(404, f"no briefing for {when.isoformat()}")
        # Previous/next links depend on which days exist, hence the count of days in the tag.
        etag = f'"{version}.{archive.day_count()}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        key = (version, etag)
        with rendered_lock:
            html = rendered_days.get(key)
        if html is None:
            html = render_day(request, when).body.decode("utf-8")
            with rendered_lock:
                rendered_days[key] = html
                while len(rendered_days) > RENDERED_DAYS:
                    rendered_days.popitem(last=False)
        return HTMLResponse(html, headers={"ETag": etag})

    def render_day(request: Request, when: date) -> HTMLResponse:
        briefing = archive.briefing(when)
        if briefing is None:
            raise HTTPException(404, f"no briefing for {when.isoformat()}")
        sections, citations = briefing_views(briefing)
        all_days = archive.days()
        earlier = [d for d in all_days if d < when]
        later = [d for d in all_days if d > when]
        return page(request, "day.html.j2", day=when, sections=sections, citations=citations,
                    marks=footnote_marks(citations),
                    previous=earlier[0] if earlier else None, next=later[-1] if later else None,
                    generated=briefing.generated_at)

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> Response:
        story = archive.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        notes: dict[tuple[str, int, int], int] = {}
        sentences = []
        for sentence in story.item.sentences if story.item else []:
            numbers = []
            for c in sentence.citations:
                numbers.append(notes.setdefault((c.article_id, c.start, c.end), len(notes) + 1))
            sentences.append((sentence.text, numbers))
        cited = {}
        for s in story.item.sentences if story.item else []:
            for c in s.citations:
                cited.setdefault(notes[(c.article_id, c.start, c.end)], c)
        return page(request, "story.html.j2", page=story, sentences=sentences,
                    citations=sorted(cited.items()), section_title=section_titles.get(story.story.section, ""))

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str,
                     start: Annotated[int | None, Query(ge=0)] = None,
                     end: Annotated[int | None, Query(ge=0)] = None) -> Response:
        article = archive.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        text = article.text
        if start is not None and end is not None and 0 <= start < end <= len(text):
            parts = (text[:start], text[start:end], text[end:])
        else:
            parts = (text, "", "")
        return page(request, "article.html.j2", article=article, before=parts[0], quote=parts[1], after=parts[2])

    @app.get("/section/{section_id}", response_class=HTMLResponse, include_in_schema=False)
    def section_page(request: Request, section_id: str) -> Response:
        if section_id not in tax:
            raise HTTPException(404, f"no section {section_id!r}; see the sections listed on any day's page")
        wanted = {section_id, *(c.id for c in tax.children(section_id))}
        entries = archive.section_entries(wanted)
        return page(request, "section.html.j2", section=tax[section_id], entries=entries)

    @app.get("/sections", response_class=HTMLResponse, include_in_schema=False)
    def sections_page(request: Request) -> Response:
        return page(request, "sections.html.j2", sections=tax.sections)

    @app.get("/topic", response_class=HTMLResponse, include_in_schema=False)
    def topic(request: Request, q: str = "", from_: Annotated[str | None, Query(alias="from")] = None,
              to: str | None = None) -> Response:
        end = _parse_day(to, "to") or archive.latest_day() or date.today()
        start = _parse_day(from_, "from") or end - timedelta(days=30)
        if not q.strip():
            return page(request, "topic.html.j2", topic=None, query=q, start=start, end=end, message="")
        try:
            result = topic_page(archive, tax, q, start, end)
        except TopicQueryError as exc:
            return page(request, "topic.html.j2", status=400, topic=None, query=q, start=start, end=end,
                        message=str(exc))
        return page(request, "topic.html.j2", topic=result, query=q, start=start, end=end, message="")

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, label: str | None = None) -> Response:
        return page(request, "entities.html.j2", rows=archive.entities(label), label=label or "")

    @app.get("/entity/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> Response:
        entity = archive.entity(entity_id)
        if entity is None:
            raise HTTPException(404, f"nothing in the archive mentions {entity_id!r}")
        if entity.label == "PLACE":
            return RedirectResponse(f"/place/{entity_id}", status_code=307)
        return page(request, "entity.html.j2", entity=entity)

    @app.get("/place/{place_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, place_id: str) -> Response:
        place = archive.entity(place_id)
        if place is None or place.label != "PLACE":
            raise HTTPException(404, f"no linked place {place_id!r} in the archive")
        marker = None
        lat, lon = place.extra.get("lat"), place.extra.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            marker = projection().point(float(lat), float(lon))
        return page(request, "place.html.j2", place=place, outlines=outlines(), marker=marker,
                    width=MAP_WIDTH, height=MAP_HEIGHT)

    @app.get("/map/{day}", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, day: str) -> Response:
        when = _parse_day(day, "day")
        assert when is not None
        day_map = archive.day_map(when)
        proj = projection()
        markers = [(p, *proj.point(p.lat, p.lon), colours.get(p.section, "#555")) for p in day_map.points]
        used = sorted({p.section for p in day_map.points}, key=lambda s: list(colours).index(s) if s in colours else 99)
        return page(request, "map.html.j2", day=when, markers=markers, outlines=outlines(), width=MAP_WIDTH,
                    height=MAP_HEIGHT, legend=[(s, section_titles.get(s, s), colours.get(s, "#555")) for s in used])

    @app.get("/losses", response_class=HTMLResponse, include_in_schema=False)
    def losses_page(request: Request, category: str = "personnel") -> Response:
        series = archive.losses_series(category)
        latest = archive.briefing(archive.latest_day()) if archive.latest_day() else None
        return page(request, "losses.html.j2", chart=losses_chart(series), series=series[-60:][::-1],
                    category=category, briefing=latest)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", from_: Annotated[str | None, Query(alias="from")] = None,
                    to: str | None = None, section: str | None = None, outlet: str | None = None,
                    place: str | None = None, page_number: Annotated[int, Query(alias="page", ge=1, le=500)] = 1,
                    ) -> Response:
        filters = SearchFilters(_parse_day(from_, "from"), _parse_day(to, "to"), section or None, outlet or None,
                                place or None)
        form = {"q": q, "from": from_ or "", "to": to or "", "section": section or "", "outlet": outlet or "",
                "place": place or ""}
        context = {"form": form, "sections": tax.sections, "outlets": archive.outlets(), "result": None,
                   "message": "", "page_number": page_number}
        if not q.strip() and not any(v for k, v in form.items() if k != "q"):
            return page(request, "search.html.j2", **context)
        try:
            context["result"] = archive.search(q, filters, limit=20, offset=(page_number - 1) * 20)
        except SearchQueryError as exc:
            context["message"] = str(exc)
            return page(request, "search.html.j2", status=400, **context)
        return page(request, "search.html.j2", **context)

    # -- feeds ---------------------------------------------------------------------------------------------

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def feed_response(feed: Feed, fmt: str) -> Response:
        if fmt not in RENDERERS:
            raise HTTPException(404, f"no {fmt!r} feed; use .rss, .atom or .json")
        render, media_type = RENDERERS[fmt]
        return Response(render(feed), media_type=media_type)

    @app.get("/feeds/briefing.{fmt}", include_in_schema=False)
    def briefing_feed(request: Request, fmt: str) -> Response:
        root = base(request)
        entries = []
        for d in archive.days()[:FEED_LIMIT]:
            briefing = archive.briefing(d)
            if briefing is None:
                continue
            summary = next((s for s in briefing.sections if s.id == "summary"), None)
            items = summary.items if summary else [i for s in briefing.sections for i in s.items][:5]
            text = "\n\n".join(i.text for i in items)
            entries.append(FeedEntry(f"{root}/day/{d.isoformat()}", f"Daily briefing — {d.isoformat()}",
                                     f"{root}/day/{d.isoformat()}", text, d, briefing.generated_at))
        feed = Feed("warbrief: daily briefings", f"{root}/days", f"{root}/feeds/briefing",
                    "The day's war news, grouped into stories, every sentence cited.", entries)
        return feed_response(feed, fmt)

    @app.get("/feeds/section/{section_id}.{fmt}", include_in_schema=False)
    def section_feed(request: Request, section_id: str, fmt: str) -> Response:
        if section_id not in tax:
            raise HTTPException(404, f"no section {section_id!r}")
        root = base(request)
        wanted = {section_id, *(c.id for c in tax.children(section_id))}
        entries = [
            FeedEntry(f"{root}/story/{e.item.story_id}" if e.item.story_id else f"{root}/day/{e.day.isoformat()}",
                      e.item.title or f"{tax[section_id].title} — {e.day.isoformat()}",
                      f"{root}/story/{e.item.story_id}" if e.item.story_id else f"{root}/day/{e.day.isoformat()}",
                      e.item.text, e.day)
            for e in archive.section_entries(wanted)[: FEED_LIMIT * 3]
        ]
        feed = Feed(f"warbrief: {tax[section_id].title}", f"{root}/section/{section_id}",
                    f"{root}/feeds/section/{section_id}", tax[section_id].description or tax[section_id].title,
                    entries)
        return feed_response(feed, fmt)

    app.include_router(api.router(archive))
    return app
