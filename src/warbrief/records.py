"""The typed records that flow through the pipeline.

Every stage enriches these records instead of inventing its own copies, and every derived record keeps
the ids of what it came from, so a sentence of a briefing can be traced back to the raw bytes it was
extracted from: Citation -> Sentence/Article -> RawDocument.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

ArticleKind = Literal["article", "digest_item", "digest_summary", "listing_item"]
FactStatus = Literal["reported", "claimed", "unverified", "confirmed"]
StoryStatus = Literal["new", "continuing", "escalating"]
# What a briefing sentence states, when readers must be told: a claim of one side, or a claim the source itself
# calls unverified (write/attribution.py). A subset of FactStatus; None is a sentence with neither.
SentenceStatus = Literal["claimed", "unverified"]
SENTENCE_STATUSES: tuple[SentenceStatus, ...] = ("claimed", "unverified")


def content_hash(data: bytes) -> str:
    """SHA-256 of raw bytes: the identity used to make ingest idempotent."""
    return hashlib.sha256(data).hexdigest()


def derived_id(prefix: str, *parts: object) -> str:
    """A short, stable id derived from the ids a record came from (same inputs, same id)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(slots=True)
class RawDocument:
    """Bytes exactly as collected, with where and when they came from."""

    content: bytes
    media_type: str
    origin: str
    fetched_at: datetime
    day: date | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.content)
        if not self.id:
            self.id = f"raw_{self.content_hash[:16]}"


@dataclass(slots=True)
class Article:
    """One article (or one item of a digest or listing page), cleaned of page chrome.

    ``text`` holds the paragraphs joined by blank lines; character offsets of sentences, facts and
    citations all point into it.
    """

    raw_id: str
    index: int
    title: str
    text: str
    day: date
    kind: ArticleKind = "article"
    outlet: str | None = None
    url: str | None = None
    origin: str = ""
    published: date | None = None
    language: str | None = None
    section_hint: str | None = None
    label: str | None = None
    extractor: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = derived_id("art", self.raw_id, self.index)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def source_label(self) -> str:
        """How a reader is told where this came from: the outlet, else the URL, else the file."""
        return self.outlet or self.url or self.origin or self.raw_id


@dataclass(slots=True)
class Sentence:
    """A sentence of an article, by character span into ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Mention:
    """An entity mentioned in an article: a person, organization, place, weapon system or unit."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    entity: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Fact:
    """A number that matters, with the span of text that states it and who states it.

    ``kind`` is one of ``losses`` (values: category -> {"today", "total"}), ``civilian_casualties``
    (values: {"killed", "injured", "scope"}), ``event_date``, ``strike`` ({"weapon", "count", "approximate",
    "attacker", "target"}), ``air_defense`` ({"weapon", "launched", "destroyed", "suppressed", "approximate",
    "attacker"}), ``money`` ({"amount", "currency", "text", "purpose", "donor", "approximate"}), ``troops`` ({"count",
    "approximate", "force", "role"}) or ``prisoner_exchange`` ({"returned_to_ukraine", "returned_to_russia",
    "total"}). ``status`` says how far the text itself vouches for it (understand/claims.py).
    """

    article_id: str
    kind: str
    start: int
    end: int
    values: dict[str, Any]
    about: date | None = None
    source: str | None = None
    status: FactStatus = "reported"
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = derived_id("fact", self.article_id, self.kind, self.start, self.end)


@dataclass(slots=True)
class Story:
    """The reports of one event across outlets on one day."""

    day: date
    article_ids: list[str]
    title: str = ""
    outlets: list[str] = field(default_factory=list)
    section: str = ""
    secondary_sections: list[str] = field(default_factory=list)
    section_scores: dict[str, float] = field(default_factory=dict)
    section_evidence: dict[str, list[str]] = field(default_factory=dict)
    importance: float = 0.0
    first_seen: date | None = None
    last_seen: date | None = None
    id: str = ""
    # The event thread this story continues across days (group/threads.py): the id of the thread's first
    # story, this story's own id when it starts one; empty on stories stored before threads existed.
    thread_id: str = ""
    status: StoryStatus = "new"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = derived_id("story", self.day.isoformat(), *sorted(self.article_ids))

    @property
    def corroboration(self) -> int:
        """How many distinct outlets carry the story."""
        return len(set(self.outlets))


@dataclass(slots=True)
class Citation:
    """Where a briefing sentence came from: the exact source sentence in a stored article."""

    article_id: str
    quote: str
    start: int
    end: int
    outlet: str | None = None
    url: str | None = None
    origin: str = ""
    title: str = ""


@dataclass(slots=True)
class CitedSentence:
    """A briefing sentence with its citations.

    ``status`` is the state of what it states (write/attribution.py): ``unverified`` when a fact it states is one
    the source calls unverified, else ``claimed`` when it states a claim of one side, else None. The text stays
    self-sufficient ("According to …, …", "(unverified)"); the status lets a renderer style it.
    """

    text: str
    citations: list[Citation]
    status: SentenceStatus | None = None


@dataclass(slots=True)
class BriefingItem:
    """One paragraph of a section: a story's summary, sentence by sentence, each with citations."""

    story_id: str | None
    title: str
    sentences: list[CitedSentence]
    corroboration: int = 1
    # From the story's thread: new today, continuing or escalating an event first seen on ``since``.
    status: StoryStatus | None = None
    since: date | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(slots=True)
class Section:
    """A section of a briefing: a taxonomy entry with the items placed in it."""

    id: str
    title: str
    items: list[BriefingItem] = field(default_factory=list)
    parent: str | None = None
    preamble: str | None = None


@dataclass(slots=True)
class LossCount:
    today: int | None
    total: int | None


@dataclass(slots=True)
class CivilianCasualties:
    killed: int | None
    injured: int | None
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class SourceRef:
    outlet: str | None
    url: str | None
    title: str
    article_id: str
    origin: str = ""


@dataclass(slots=True)
class Briefing:
    """A day's briefing: sections in taxonomy order plus the tables every reader looks for."""

    date: date
    sections: list[Section]
    losses: dict[str, LossCount] = field(default_factory=dict)
    losses_citations: list[Citation] = field(default_factory=list)
    civilian_casualties: CivilianCasualties | None = None
    sources: list[SourceRef] = field(default_factory=list)
    generated_at: datetime | None = None
    stats: dict[str, Any] = field(default_factory=dict)
