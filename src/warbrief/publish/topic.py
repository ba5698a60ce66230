"""A topic page as Markdown and as one self-contained HTML page, in the shape of seed 004.

Each story is its title, its one-paragraph summary, a "Read more" link to the story in its day's briefing
(``briefing-DAY.html#story-ID``, written next to the topic page) and its sources.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from warbrief.publish.html import environment
from warbrief.publish.layout import is_http_url
from warbrief.records import SourceRef
from warbrief.write.topic import TopicEntry, TopicPage


@dataclass(slots=True)
class SourceLine:
    label: str
    title: str
    url: str
    linkable: bool


@dataclass(slots=True)
class EntryView:
    story_id: str
    title: str
    day: str
    section: str
    text: str
    story_link: str
    sources: list[SourceLine]


def topic_slug(query: str) -> str:
    slug = re.sub(r"[^\w]+", "-", query.casefold()).strip("-")
    return slug[:60] or "topic"


def _source_line(source: SourceRef) -> SourceLine:
    url = source.url or ""
    return SourceLine(source.outlet or source.origin or source.article_id, source.title, url, is_http_url(url))


def _entry_view(entry: TopicEntry) -> EntryView:
    story_id = entry.item.story_id or ""
    return EntryView(
        story_id=story_id,
        title=entry.item.title,
        day=entry.day.isoformat(),
        section=entry.section_title,
        text=entry.item.text,
        story_link=f"briefing-{entry.day.isoformat()}.html#story-{story_id}",
        sources=[_source_line(s) for s in entry.sources],
    )


def _title(page: TopicPage) -> str:
    return f"{page.query} — {page.start.isoformat()} to {page.end.isoformat()}"


def render_topic_html(page: TopicPage) -> str:
    return environment().get_template("topic.html.j2").render(
        title=_title(page), start=page.start.isoformat(), end=page.end.isoformat(), matched_by=page.matched_by,
        entries=[_entry_view(e) for e in page.entries],
    )


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def render_topic_markdown(page: TopicPage) -> str:
    lines = [f"# {_markdown_text(_title(page))}", ""]
    if not page.entries:
        lines.append("No stored story matches this topic in these days.")
    for entry in map(_entry_view, page.entries):
        lines += [f"## {_markdown_text(entry.title)}", "", f"*{entry.day} · {_markdown_text(entry.section)}*", "",
                  _markdown_text(entry.text), "", f"[Read more]({entry.story_link})", ""]
        for source in entry.sources:
            where = ""
            if source.url:
                where = f" — <{source.url}>" if source.linkable else f" — {_markdown_text(source.url)}"
            lines.append(f"- **{_markdown_text(source.label)}** — {_markdown_text(source.title)}{where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_topic(page: TopicPage, out_dir: Path) -> dict[str, Path]:
    """Write topic-SLUG.{html,md} atomically; returns the paths by format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rendered = {"html": render_topic_html(page), "md": render_topic_markdown(page)}
    paths = {}
    for kind, text in rendered.items():
        path = out_dir / f"topic-{topic_slug(page.query)}.{kind}"
        handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=".topic-", suffix=f".{kind}")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        paths[kind] = path
    return paths
