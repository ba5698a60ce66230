"""The briefing as Markdown (CommonMark + footnotes), for chat, e-mail and wikis.

All text comes from web pages, so everything a source wrote is escaped: a title starting with '#',
a quote holding '|' or '[...]', or raw HTML must not turn into structure, links or tags.
"""

from __future__ import annotations

import re

from warbrief.publish.layout import (
    LOSSES_SECTION,
    SOURCES_SECTION,
    VICTIMS_SECTION,
    CitationNumbers,
    SectionNode,
    briefing_title,
    citation_source_label,
    civilian_line,
    flatten,
    format_today,
    format_total,
    has_losses,
    is_http_url,
    loss_label,
    ordered_loss_categories,
    section_tree,
    status_note,
)
from warbrief.records import Briefing, BriefingItem, Citation, CitedSentence, SourceRef
from warbrief.write.attribution import UNVERIFIED_MARK

# Backslash-escapable ASCII punctuation that can start inline structure (CommonMark/GFM).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!])")
# Characters that open a block (heading, quote, list, rule) when they start a line.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
# The "(unverified)" marker where '*' around it makes emphasis (a space before it, no word character after it).
_UNVERIFIED = re.compile(r"(?<=\s)" + re.escape(UNVERIFIED_MARK) + r"(?!\w)")


def escape_md(text: str) -> str:
    """Escape source text for use inside a paragraph, list item, table cell or link text.

    Whitespace runs (including newlines) become one space so text cannot end a block early.
    """
    flat = " ".join(text.split())
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_block_marker(m.group(2)), escaped)


def _escape_block_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def md_url(url: str) -> str:
    """An http(s) URL as a link destination: characters that would end ``<...>`` are percent-encoded."""
    table = {" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29", "\\": "%5C"}
    return "".join(table.get(ch, ch) for ch in url)


def _markers(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def render_sentence(s: CitedSentence) -> str:
    """A sentence, escaped; the "(unverified)" marker of an unverified one in italics (the words stay as written)."""
    text = escape_md(s.text)
    if s.status == "unverified":
        text = _UNVERIFIED.sub(f"*{UNVERIFIED_MARK}*", text, count=1)
    return text


def render_item(item: BriefingItem, notes: CitationNumbers) -> str:
    """One paragraph: each sentence followed by its footnote markers."""
    parts = [render_sentence(s) + _markers(notes.numbers(s.citations)) for s in item.sentences]
    note = status_note(item)
    if note:
        parts.append(f"_({escape_md(note)})_")
    return " ".join(p for p in parts if p)


def render_losses(b: Briefing, notes: CitationNumbers) -> list[str]:
    """The losses as a Markdown table, then the footnote markers of the sentences the numbers came from."""
    if not has_losses(b):
        return []
    lines = ["| Category | Today | Total |", "| --- | ---: | ---: |"]
    for key in ordered_loss_categories(b.losses):
        v = b.losses[key]
        if v.today is None and v.total is None:
            continue
        lines.append(f"| {escape_md(loss_label(key))} | {format_today(v.today)} | {format_total(v.total)} |")
    blocks = ["\n".join(lines)]
    if b.losses_citations:
        blocks.append("Source: " + _markers(notes.numbers(b.losses_citations)))
    return blocks


def render_source(s: SourceRef) -> str:
    label = escape_md(s.outlet or s.origin or s.article_id)
    parts = [f"**{label}**"]
    if s.title:
        parts.append(escape_md(s.title))
    if s.url and is_http_url(s.url):
        parts.append(f"<{md_url(s.url)}>")
    elif s.url:
        parts.append(escape_md(s.url))
    return "- " + " — ".join(parts)


def render_section(node: SectionNode, b: Briefing, notes: CitationNumbers) -> list[str]:
    """A section's blocks: heading, preamble, the data it is home to, then its items."""
    s = node.section
    blocks = [("### " if node.depth else "## ") + escape_md(s.title)]
    if s.preamble:
        blocks.append(escape_md(s.preamble))
    if s.id == VICTIMS_SECTION:
        line = civilian_line(b)
        if line:
            cc = b.civilian_casualties
            blocks.append(f"**{escape_md(line)}**" + (_markers(notes.numbers(cc.citations)) if cc else ""))
    if s.id == LOSSES_SECTION:
        blocks.extend(render_losses(b, notes))
    blocks.extend(text for text in (render_item(i, notes) for i in s.items) if text)
    if s.id == SOURCES_SECTION and b.sources:
        blocks.append("\n".join(render_source(src) for src in b.sources))
    return blocks


def render_footnote(n: int, c: Citation) -> str:
    """A footnote quoting the source sentence verbatim, with who said it and where."""
    head = f"**{escape_md(citation_source_label(c))}**"
    if c.title:
        title = escape_md(c.title)
        head += f", [{title}](<{md_url(c.url)}>)" if c.url and is_http_url(c.url) else f", {title}"
    elif c.url and is_http_url(c.url):
        head += f", <{md_url(c.url)}>"
    if c.url and not is_http_url(c.url):
        head += f" ({escape_md(c.url)})"
    return f"[^{n}]: {head}: “{escape_md(c.quote)}”"


def render_markdown(b: Briefing) -> str:
    """The whole briefing; footnotes are numbered in reading order and collected at the end."""
    notes = CitationNumbers()
    blocks = [f"# {briefing_title(b)}"]
    for node in flatten(section_tree(b)):
        blocks.extend(render_section(node, b, notes))
    if notes.entries:
        blocks.extend(render_footnote(n, c) for n, c in notes.entries)
    return "\n\n".join(blocks) + "\n"
