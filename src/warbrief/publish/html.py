"""The briefing as one self-contained HTML page, readable on a phone and on paper.

Every string shown comes from untrusted web pages. The template is rendered with autoescape always on,
nothing is ever marked safe, and a URL becomes a link only if it is http(s); the page's
Content-Security-Policy forbids scripts and any external fetch as a second line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import jinja2

from warbrief.publish.layout import (
    LOSSES_SECTION,
    SOURCES_SECTION,
    VICTIMS_SECTION,
    CitationNumbers,
    SectionNode,
    briefing_title,
    citation_source_label,
    civilian_line,
    format_today,
    format_total,
    has_losses,
    is_http_url,
    loss_label,
    ordered_loss_categories,
    section_tree,
    status_note,
)
from warbrief.records import Briefing, BriefingItem, Citation, SourceRef

TEMPLATE = "briefing.html.j2"


@dataclass(slots=True)
class SentenceView:
    """A sentence for the templates; ``status`` (CitedSentence.status) is styled by ``_sentence.html.j2``."""

    text: str
    notes: list[int]
    status: str | None = None


@dataclass(slots=True)
class ItemView:
    title: str
    story_id: str
    corroboration: int
    sentences: list[SentenceView]
    status_note: str | None = None


@dataclass(slots=True)
class LossRow:
    label: str
    today: str
    total: str


@dataclass(slots=True)
class SourceView:
    label: str
    title: str
    url: str


@dataclass(slots=True)
class SectionView:
    """A section ready for the template: only plain strings, so autoescape covers all of it."""

    id: str
    title: str
    preamble: str
    civilian_line: str = ""
    civilian_notes: list[int] = field(default_factory=list)
    loss_rows: list[LossRow] = field(default_factory=list)
    loss_notes: list[int] = field(default_factory=list)
    items: list[ItemView] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)
    children: list[SectionView] = field(default_factory=list)


@dataclass(slots=True)
class CitationView:
    number: int
    label: str
    title: str
    quote: str
    url: str
    linkable: bool
    article_id: str = ""
    start: int = 0
    end: int = 0


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Autoescape is forced on for every template (not chosen by file extension), and undefined names
    fail loudly instead of rendering as blanks."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("warbrief.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _item_view(item: BriefingItem, notes: CitationNumbers) -> ItemView:
    return ItemView(
        title=item.title,
        story_id=item.story_id or "",
        corroboration=item.corroboration,
        sentences=[SentenceView(text=s.text, notes=notes.numbers(s.citations), status=s.status)
                   for s in item.sentences],
        status_note=status_note(item),
    )


def _loss_rows(b: Briefing) -> list[LossRow]:
    rows = []
    for key in ordered_loss_categories(b.losses):
        v = b.losses[key]
        if v.today is not None or v.total is not None:
            rows.append(
                LossRow(label=loss_label(key), today=format_today(v.today), total=format_total(v.total))
            )
    return rows


def _source_view(s: SourceRef) -> SourceView:
    """Source URLs are shown as text, not links: the citations already link every quoted page, and
    the page then links to nothing a reader was not shown a quote from."""
    return SourceView(label=s.outlet or s.origin or s.article_id, title=s.title, url=s.url or "")


def _section_view(node: SectionNode, b: Briefing, notes: CitationNumbers) -> SectionView:
    """Numbers are handed out while walking in reading order, so footnotes count up down the page."""
    s = node.section
    view = SectionView(id=s.id, title=s.title, preamble=s.preamble or "")
    cc = b.civilian_casualties
    if s.id == VICTIMS_SECTION and cc is not None:
        view.civilian_line = civilian_line(b) or ""
        view.civilian_notes = notes.numbers(cc.citations)
    if s.id == LOSSES_SECTION and has_losses(b):
        view.loss_rows = _loss_rows(b)
        view.loss_notes = notes.numbers(b.losses_citations)
    view.items = [_item_view(i, notes) for i in s.items]
    if s.id == SOURCES_SECTION:
        view.sources = [_source_view(src) for src in b.sources]
    view.children = [_section_view(child, b, notes) for child in node.children]
    return view


def _citation_view(number: int, c: Citation) -> CitationView:
    url = c.url or ""
    return CitationView(
        number=number,
        label=citation_source_label(c),
        title=c.title,
        quote=c.quote,
        url=url,
        linkable=is_http_url(url),
        article_id=c.article_id,
        start=c.start,
        end=c.end,
    )


def briefing_views(b: Briefing) -> tuple[list[SectionView], list[CitationView]]:
    """The briefing as plain-string views with footnotes numbered in reading order (the web app reuses them)."""
    notes = CitationNumbers()
    sections = [_section_view(node, b, notes) for node in section_tree(b)]
    return sections, [_citation_view(n, c) for n, c in notes.entries]


def render_html(b: Briefing) -> str:
    """The page: title, table of contents, sections in order, then the numbered citations."""
    sections, citations = briefing_views(b)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            title=briefing_title(b),
            date=b.date.isoformat(),
            generated_at=b.generated_at.isoformat(timespec="minutes") if b.generated_at else "",
            sections=sections,
            citations=citations,
        )
    )
