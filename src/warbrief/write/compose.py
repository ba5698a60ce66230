"""The write stage: stories placed in sections in, a cited Briefing out.

Order of writing matters for redundancy: stories are written in order of importance, each skipping what
the briefing has already said, so a fact two outlets report lands once, with its most important story.
A story whose every sentence was already said elsewhere is folded away (counted in the stats). The
Summary of the Day then restates the most important distinct stories, a short sentence each (day_summary.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np

from warbrief.group.dedup import repeated_paragraphs
from warbrief.records import (
    Article,
    Briefing,
    BriefingItem,
    Citation,
    CitedSentence,
    Fact,
    Section,
    Sentence,
    Story,
)
from warbrief.taxonomy import Taxonomy
from warbrief.write.attribution import FRAMED_STATUSES, Framing, frame, framing_for, mark_unverified, sentence_status
from warbrief.write.cleanup import Cleaned
from warbrief.write.day_summary import choose_summary
from warbrief.write.select import (
    Candidate,
    SaidSoFar,
    article_headlines,
    choose_sentences,
    rank_candidates,
    story_candidates,
    written,
)
from warbrief.write.tables import civilian_casualties, losses_table, source_list, span_citation

# The first sentences of an article carry its news; embedding every sentence of long articles costs more
# than the rest of the stage together (bench/pipeline.py), for candidates the lead prior rarely picks.
CANDIDATES_PER_ARTICLE = 8
Embedder = Callable[[Sequence[str]], np.ndarray]


@dataclass(slots=True)
class WriteSettings:
    summary_stories: int = 5
    story_sentences: int = 4
    story_words: int = 100


@dataclass(slots=True)
class WriteInput:
    day: date
    stories: Sequence[Story]
    articles: Mapping[str, Article]
    sentences: Mapping[str, Sequence[Sentence]]
    facts: Sequence[Fact]
    embed: Embedder
    settings: WriteSettings = field(default_factory=WriteSettings)
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)  # article embeddings, by article id


def citation_for(sentence: Sentence, article: Article) -> Citation:
    return Citation(article_id=article.id, quote=sentence.text, start=sentence.start, end=sentence.end,
                    outlet=article.outlet, url=article.url, origin=article.origin, title=article.title)


def _story_candidates(data: WriteInput, story: Story, skip: set[tuple[str, int]]) -> list[Candidate]:
    return story_candidates(
        [data.sentences.get(article_id, ()) for article_id in story.article_ids],
        CANDIDATES_PER_ARTICLE,
        usable=lambda s: (s.article_id, s.paragraph) not in skip,
    )


def _framed_facts(data: WriteInput) -> dict[str, list[Fact]]:
    """The claimed and unverified facts, by article: what attribution.py frames, marks and gives a status."""
    by_article: dict[str, list[Fact]] = {}
    for fact in data.facts:
        if fact.status in FRAMED_STATUSES:
            by_article.setdefault(fact.article_id, []).append(fact)
    return by_article


def _framings(
    data: WriteInput, candidates: Sequence[Candidate], by_article: Mapping[str, Sequence[Fact]]
) -> dict[tuple[str, int], Framing]:
    """What each candidate stating a claimed or unverified fact needs to keep its attribution (attribution.py)."""
    found = {}
    for candidate in candidates:
        sentence = candidate.sentence
        facts = by_article.get(sentence.article_id)
        if not facts:
            continue
        framing = framing_for(sentence, data.articles[sentence.article_id], data.sentences[sentence.article_id], facts)
        if framing is not None:
            found[(sentence.article_id, sentence.index)] = framing
    return found


def _attributing_previous(
    data: WriteInput, framings: Mapping[tuple[str, int], Framing], candidates: Sequence[Candidate]
) -> dict[tuple[str, int], Candidate]:
    """For a sentence whose attribution is the sentence before it, that sentence as a candidate, if it is one."""
    keyed = {(c.sentence.article_id, c.sentence.index): c for c in candidates}
    return {
        key: keyed[(key[0], key[1] - 1)]
        for key, framing in framings.items()
        if framing.previous and (key[0], key[1] - 1) in keyed
    }


def _repeated_paragraph_keys(data: WriteInput) -> set[tuple[str, int]]:
    """Paragraphs that repeat one seen earlier in the day (syndication, digests pasting wire copy)."""
    keyed = []
    for story in data.stories:
        for article_id in story.article_ids:
            for number, paragraph in enumerate(data.articles[article_id].paragraphs):
                keyed.append((f"{article_id}\x1f{number}", paragraph))
    repeats = repeated_paragraphs(keyed)
    return {(key.split("\x1f")[0], int(key.split("\x1f")[1])) for key in repeats}


CONTINUATION_SIMILARITY = 0.60
RARE_NAME_MAX_ARTICLES = 3
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w’'-]{3,}")


def _rare_names(articles: Mapping[str, Article]) -> dict[str, set[str]]:
    """Names (capitalised words inside sentences) of each article that at most three of the day's articles use."""
    names = {a.id: set(_NAME.findall(a.text)) for a in articles.values()}
    frequency: dict[str, int] = {}
    for found in names.values():
        for name in found:
            frequency[name] = frequency.get(name, 0) + 1
    return {i: {n for n in found if frequency[n] <= RARE_NAME_MAX_ARTICLES} for i, found in names.items()}


def _close(data: WriteInput, first: str, second: str) -> bool:
    """Whether two articles' embeddings are close enough to tell one event (both must have one)."""
    a, b = data.vectors.get(first), data.vectors.get(second)
    return a is not None and b is not None and float(a @ b) >= CONTINUATION_SIMILARITY


def _related_stories(data: WriteInput, rare: Mapping[str, set[str]]) -> Callable[[Story, Story], bool]:
    """Whether two stories tell one event, for the Summary of the Day: they share a name few articles use,
    or they sit in one section with close embeddings (``_continuation_order``'s tests, across pages)."""

    def names(story: Story) -> set[str]:
        return set().union(*(rare.get(i, set()) for i in story.article_ids))

    def related(a: Story, b: Story) -> bool:
        if names(a) & names(b):
            return True
        return a.section == b.section and _close(data, a.article_ids[0], b.article_ids[0])

    return related


def _continuation_order(
    items: list[BriefingItem], data: WriteInput, rare: Mapping[str, set[str]]
) -> list[BriefingItem]:
    """Importance order, except that a paragraph continuing the one before it on the same page follows it.

    A digest often tells one event over consecutive paragraphs under one heading ("… crashed in Aktau" then
    "… Yadrov may be covering up"); printed by importance alone, the second could come first. A paragraph
    continues the one before it when their embeddings are close or they share a name few articles use.
    """
    stories = {s.id: s for s in data.stories}

    def lead(item: BriefingItem) -> Article | None:
        story = stories.get(item.story_id or "")
        return data.articles[story.article_ids[0]] if story else None

    leads = [lead(item) for item in items]
    at_page = {(a.raw_id, a.index): i for i, a in enumerate(leads) if a is not None}
    follows: dict[int, int] = {}
    for i, article in enumerate(leads):
        previous = at_page.get((article.raw_id, article.index - 1)) if article else None
        if previous is None or article is None:
            continue
        before = leads[previous]
        assert before is not None
        if before.section_hint != article.section_hint:
            continue
        if _close(data, before.id, article.id) or rare[before.id] & rare[article.id]:
            follows[i] = previous

    # A chain of continuations is printed in page order where its most important paragraph stands. Page
    # indices fall along a chain, so walking to its first paragraph always ends.
    successor = {previous: i for i, previous in follows.items()}
    ordered: list[int] = []
    for i in range(len(items)):
        first = i
        while first in follows:
            first = follows[first]
        if first in ordered:
            continue
        ordered.append(first)
        while ordered[-1] in successor:
            ordered.append(successor[ordered[-1]])
    return [items[i] for i in ordered]


def build_briefing(data: WriteInput, taxonomy: Taxonomy) -> Briefing:
    settings = data.settings
    skip = _repeated_paragraph_keys(data)
    candidates = {s.id: _story_candidates(data, s, skip) for s in data.stories}
    flat = [c for cs in candidates.values() for c in cs]
    # Embedded as written: a dateline or a "Read more" tail is not what the sentence is about.
    vectors = data.embed([c.text for c in flat]) if flat else np.zeros((0, 384), dtype=np.float32)
    for candidate, vector in zip(flat, vectors, strict=True):
        candidate.vector = vector
    # Headlines are queries for the ranker, never written; an article without a real one (a digest item) has none.
    headlines = article_headlines([data.articles[i] for s in data.stories for i in s.article_ids], data.embed)
    ranked = {
        s.id: rank_candidates(candidates[s.id], headlines=[headlines.get(i) for i in s.article_ids])
        for s in data.stories
    }
    framed_facts = _framed_facts(data)
    framings = _framings(data, flat, framed_facts)
    companions = _attributing_previous(data, framings, flat)

    said = SaidSoFar()
    cited_articles: list[Article] = []
    framed = {"attributed": 0, "marked_unverified": 0, "cleaned": 0}

    def cited(chosen: Sequence[Candidate], text: Sequence[Cleaned], count: bool) -> list[CitedSentence]:
        sentences = []
        previous: tuple[str, int] | None = None
        for number, (c, cleaned) in enumerate(zip(chosen, text, strict=True)):
            following = chosen[number + 1].sentence if number + 1 < len(chosen) else None
            article = data.articles[c.sentence.article_id]
            cited_articles.append(article)
            key = (c.sentence.article_id, c.sentence.index)
            words, citations = cleaned.text, [citation_for(c.sentence, article)]
            framed["cleaned"] += count and cleaned.changed
            framing = framings.get(key)
            if framing is not None and framing.who and previous != (key[0], key[1] - 1):
                words = frame(words, framing.who)
                framed["attributed"] += count
                if framing.who_span is not None:
                    citations.append(span_citation(article, *framing.who_span))
            verdict_follows = (
                following is not None and framing is not None and following.article_id == key[0]
                and (following.start, following.end) == framing.unverified_span
            )
            if framing is not None and framing.unverified and not verdict_follows:
                words = mark_unverified(words)
                framed["marked_unverified"] += count
                if framing.unverified_span is not None:
                    citations.append(span_citation(article, *framing.unverified_span))
            status = sentence_status(c.sentence, framed_facts.get(key[0], ()))
            sentences.append(CitedSentence(text=words, citations=citations, status=status))
            previous = key
        return sentences

    def item_for(story: Story, chosen: Sequence[Candidate], count: bool = True) -> BriefingItem:
        return BriefingItem(story_id=story.id, title=story.title, sentences=cited(chosen, written(chosen), count),
                            corroboration=story.corroboration)

    stories = sorted(data.stories, key=lambda s: (-s.importance, s.id))
    by_section: dict[str, list[BriefingItem]] = {}
    chosen_of: dict[str, list[Candidate]] = {}
    folded = 0
    for story in stories:
        chosen = choose_sentences(ranked[story.id], said, settings.story_sentences, settings.story_words,
                                  companions=companions)
        if not chosen:
            folded += 1
            continue
        chosen_of[story.id] = chosen
        by_section.setdefault(story.section, []).append(item_for(story, chosen))

    rare = _rare_names(data.articles)
    by_section = {section: _continuation_order(items, data, rare) for section, items in by_section.items()}

    # The Summary of the Day restates the most important distinct stories, one short sentence each, as the
    # reference briefing does; it is the only place a sentence of the sections may appear again.
    summary_items = [
        item_for(pick.story, [pick.sentence], count=False)
        for pick in choose_summary(stories, chosen_of, ranked, _related_stories(data, rare), settings.summary_stories)
    ]

    day_articles = list(data.articles.values())
    losses, losses_citations = losses_table(data.facts, data.articles)
    casualties = civilian_casualties(data.facts, data.articles)
    source_items = [
        a for a in day_articles if a.section_hint in taxonomy and taxonomy[a.section_hint].kind == "sources"
    ]
    for citation in losses_citations + (casualties.citations if casualties else []):
        cited_articles.append(data.articles[citation.article_id])

    sections = []
    for spec in taxonomy.sections:
        items = summary_items if spec.kind == "summary" else by_section.get(spec.id, [])
        sections.append(Section(id=spec.id, title=spec.title, items=items, parent=spec.parent))
    return Briefing(
        date=data.day,
        sections=sections,
        losses=losses,
        losses_citations=losses_citations,
        civilian_casualties=casualties,
        sources=source_list(cited_articles, source_items),
        generated_at=datetime.now(UTC).replace(microsecond=0),
        stats={
            "articles": len(day_articles),
            "stories": len(data.stories),
            "stories_folded_as_repeats": folded,
            "sentences_considered": len(flat),
            "sentences_cleaned": framed["cleaned"],
            "claims_attributed": framed["attributed"],
            "claims_marked_unverified": framed["marked_unverified"],
            "outlets": len({a.source_label for a in day_articles}),
        },
    )
