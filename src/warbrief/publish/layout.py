"""What every output format agrees on: which sections appear, how they nest, how citations are numbered.

The JSON, HTML and Markdown renderers must never disagree about the briefing's content, so the rules
(empty sections are dropped, the losses and sources sections are filled from the briefing's tables, a
direction is nested under its front, one source sentence gets one footnote number) live here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from warbrief.records import Briefing, BriefingItem, Citation, LossCount, Section

LOSSES_SECTION = "russian_losses"
SOURCES_SECTION = "sources"
VICTIMS_SECTION = "innocent_victims"

#: The categories every reader looks for, in the order the losses table lists them.
STANDARD_LOSS_CATEGORIES: tuple[str, ...] = (
    "personnel",
    "tanks",
    "artillery",
    "armored_vehicles",
    "aircraft",
    "helicopters",
    "ships",
)

_LOSS_LABELS = {
    "personnel": "Personnel",
    "tanks": "Tanks",
    "artillery": "Artillery",
    "armored_vehicles": "Armored vehicles",
    "aircraft": "Aircraft",
    "helicopters": "Helicopters",
    "ships": "Ships",
}

CitationKey = tuple[str, int, int]


def briefing_title(b: Briefing) -> str:
    """The one title all formats print, so a stored JSON and its HTML name the day the same way."""
    return f"Daily briefing — {b.date.isoformat()}"


def citation_key(c: Citation) -> CitationKey:
    """Two citations of the same span of the same article are the same source sentence."""
    return (c.article_id, c.start, c.end)


def dedupe_citations(citations: list[Citation]) -> list[Citation]:
    """Keep the first citation of each source sentence, in order, so a quote is never listed twice."""
    seen: set[CitationKey] = set()
    out: list[Citation] = []
    for c in citations:
        key = citation_key(c)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def is_http_url(url: str | None) -> bool:
    """Only http(s) URLs with a host may become links: anything else (javascript:, data:, file paths)
    is shown as text, because URLs come from untrusted pages."""
    if not url or url != url.strip() or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def ordered_loss_categories(losses: dict[str, LossCount]) -> list[str]:
    """Standard categories first in their usual order, then any others alphabetically (stable output)."""
    extra = sorted(k for k in losses if k not in STANDARD_LOSS_CATEGORIES)
    return [k for k in STANDARD_LOSS_CATEGORIES if k in losses] + extra


def loss_label(category: str) -> str:
    """A reader-facing name for a loss category key ("armored_vehicles" -> "Armored vehicles")."""
    if category in _LOSS_LABELS:
        return _LOSS_LABELS[category]
    words = category.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else category


def has_losses(b: Briefing) -> bool:
    """The losses table is worth printing only if at least one number is known."""
    return any(v.today is not None or v.total is not None for v in b.losses.values())


def format_today(value: int | None) -> str:
    """Today's losses as the briefing prints them: "+1,690" (display only; JSON keeps the integer)."""
    return "" if value is None else f"{value:+,}"


def format_total(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def status_note(item: BriefingItem) -> str | None:
    """How a story stands against the previous days (group/threads.py), or None for a story new today."""
    if item.status not in ("continuing", "escalating") or item.since is None:
        return None
    return f"{item.status.capitalize()} story, first reported {item.since.day} {item.since:%B %Y}."


def civilian_line(b: Briefing) -> str | None:
    """The day's civilian count line that opens the Innocent Victims section, or None if unknown."""
    cc = b.civilian_casualties
    if cc is None:
        return None

    def show(n: int | None) -> str:
        return "n/a" if n is None else f"{n:,}"

    counts = f"DEATHS: {show(cc.killed)} INJURIES: {show(cc.injured)}"
    return f"The casualty count of civilians in the past 24 hours: {counts}"


def _has_own_content(b: Briefing, s: Section) -> bool:
    """A section earns its place with items, or with the briefing data it is the home of."""
    if s.items:
        return True
    if s.id == LOSSES_SECTION:
        return has_losses(b) or bool(b.losses_citations)
    if s.id == SOURCES_SECTION:
        return bool(b.sources)
    if s.id == VICTIMS_SECTION:
        return b.civilian_casualties is not None
    return False


def visible_sections(b: Briefing) -> list[Section]:
    """The sections every output shows, in ``Briefing.sections`` order.

    A front with no items of its own is kept when one of its directions has content, because the
    directions are printed under its heading. If civilian, losses or sources data exists but the
    pipeline left out its section, that section is added (victims, then losses, then sources, at the
    end) so no data is silently dropped.
    """
    present = {s.id for s in b.sections}
    with_content = {s.id for s in b.sections if _has_own_content(b, s)}
    parents_needed = {s.parent for s in b.sections if s.id in with_content and s.parent in present}
    out = [s for s in b.sections if s.id in with_content or s.id in parents_needed]
    if VICTIMS_SECTION not in present and b.civilian_casualties is not None:
        _insert_before(out, Section(id=VICTIMS_SECTION, title="Innocent Victims Of War"), LOSSES_SECTION)
    if LOSSES_SECTION not in present and has_losses(b):
        _insert_before(out, Section(id=LOSSES_SECTION, title="Russian War Losses (Today/Total)"))
    if SOURCES_SECTION not in present and b.sources:
        out.append(Section(id=SOURCES_SECTION, title="Source Material"))
    return out


def _insert_before(sections: list[Section], new: Section, *before: str) -> None:
    """Insert a missing data section before the first of ``before`` (or the sources section), else last."""
    stops = {*before, SOURCES_SECTION}
    at = next((i for i, s in enumerate(sections) if s.id in stops), len(sections))
    sections.insert(at, new)


@dataclass(slots=True)
class SectionNode:
    """A visible section with its depth: 0 for a top-level section, 1 for a direction under a front."""

    section: Section
    depth: int
    children: list[SectionNode] = field(default_factory=list)


def section_tree(b: Briefing) -> list[SectionNode]:
    """Visible sections with each direction placed right after its front, whatever order they came in.

    A direction whose front is not shown is printed as a top-level section where it stands.
    """
    sections = visible_sections(b)
    ids = {s.id for s in sections}
    nodes: list[SectionNode] = []
    by_id: dict[str, SectionNode] = {}
    for s in sections:
        if s.parent is None or s.parent not in ids or s.parent == s.id:
            node = SectionNode(section=s, depth=0)
            nodes.append(node)
            by_id[s.id] = node
    for s in sections:
        if s.parent is not None and s.parent in by_id and s.parent != s.id and s.id not in by_id:
            by_id[s.parent].children.append(SectionNode(section=s, depth=1))
    # A direction whose parent is itself a direction: show it flat rather than lose it.
    placed = {n.section.id for n in nodes} | {c.section.id for n in nodes for c in n.children}
    nodes.extend(SectionNode(section=s, depth=0) for s in sections if s.id not in placed)
    return nodes


def flatten(nodes: list[SectionNode]) -> list[SectionNode]:
    """The tree in reading order."""
    out: list[SectionNode] = []
    for n in nodes:
        out.append(n)
        out.extend(n.children)
    return out


class CitationNumbers:
    """Numbers source sentences in order of first use, so each quote appears once in the notes."""

    def __init__(self) -> None:
        self._numbers: dict[CitationKey, int] = {}
        self.entries: list[tuple[int, Citation]] = []

    def number(self, c: Citation) -> int:
        key = citation_key(c)
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self.entries.append((self._numbers[key], c))
        return self._numbers[key]

    def numbers(self, citations: list[Citation]) -> list[int]:
        """Footnote numbers for a sentence's citations, without repeating a number."""
        out: list[int] = []
        for c in citations:
            n = self.number(c)
            if n not in out:
                out.append(n)
        return out


def citation_source_label(c: Citation) -> str:
    """Who is cited: the outlet, else the origin (file or feed), else the article id."""
    return c.outlet or c.origin or c.article_id
