"""The group stage: a day's articles in, stories placed in sections out.

Which articles take part: everything of the day except a digest's own summary (it restates the digest's
other items, so grouping it would double-count them; it still marks which stories the editor thought
most important) and the items filed under non-story sections (losses tables, source lists), which feed
the tables instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from warbrief.group.cluster import DEFAULT_THRESHOLD, cluster
from warbrief.group.dedup import near_duplicate_pairs
from warbrief.group.sections import Embedder, classify_story, direction_of_fire, lead_end
from warbrief.group.threads import specific_entities
from warbrief.models import embed_texts, embedding_model_key
from warbrief.records import Article, Fact, Mention, Story
from warbrief.taxonomy import Taxonomy

EDITOR_SUMMARY_SIMILARITY = 0.70
MAX_DAYS_APART = 2
# Added to two articles' similarity per specific entity (place, person, weapon, unit) both name, up to
# ENTITY_BONUS_CAP: two reports of one event name the same village, official and weapon; two same-topic
# events (drone attacks on different towns) share the words but not the names.
ENTITY_BONUS = 0.02
ENTITY_BONUS_CAP = 0.04


@dataclass(slots=True)
class GroupingInput:
    articles: Sequence[Article]
    vectors: dict[str, np.ndarray]
    facts: Sequence[Fact] = ()
    places: Sequence[Mention] = ()
    # Every entity mention (people, organisations, weapons, units, places): shared ones are evidence of one event.
    mentions: Sequence[Mention] = ()


# The clustering and editor-summary thresholds are calibrated on 120-word leads. MiniLM's cost is linear in
# tokens (about 4k tokens/s on two cores here), so this is the group stage's main cost (docs/benchmarks.md).
LEAD_WORDS = 120


def article_embedding_text(article: Article) -> str:
    """What represents an article for clustering: its title and lead."""
    lead = " ".join(article.text.split()[:LEAD_WORDS])
    return f"{article.title}. {lead}"


def article_vector_model() -> str:
    """The cache key of article vectors: the runtime's model key and the recipe of ``article_embedding_text``.

    Article vectors are cached by article id, so a change of recipe (another lead length) must not find the
    vectors of the old one: they would be silently mixed with fresh ones.
    """
    return f"{embedding_model_key()}|title+lead{LEAD_WORDS}"


def takes_part(article: Article, taxonomy: Taxonomy) -> bool:
    if article.kind == "digest_summary":
        return False
    hint = article.section_hint
    return not (hint in taxonomy and taxonomy[hint].kind not in ("stories", "victims"))


def _published_apart(articles: Sequence[Article]) -> np.ndarray:
    """Pairs of articles published more than MAX_DAYS_APART days apart (both dates known)."""
    ordinals = np.array([a.published.toordinal() if a.published else -1 for a in articles])
    known = ordinals >= 0
    apart = np.abs(ordinals[:, None] - ordinals[None, :]) > MAX_DAYS_APART
    return apart & known[:, None] & known[None, :]


def _opposite_fire(articles: Sequence[Article], facts: Sequence[Fact]) -> np.ndarray:
    """Pairs of articles whose strikes come from opposite sides: a Russian drone attack on Sumy and a Ukrainian
    drone strike on Bryansk share the words, often the places, but are never one event."""
    by_article: dict[str, list[Fact]] = {}
    for f in facts:
        by_article.setdefault(f.article_id, []).append(f)
    sides = np.array([direction_of_fire(by_article.get(a.id, []), {a.id: lead_end(a.text)}) or "" for a in articles])
    known = sides != ""
    return (sides[:, None] != sides[None, :]) & known[:, None] & known[None, :]


def _entity_affinity(articles: Sequence[Article], mentions: Sequence[Mention]) -> np.ndarray | None:
    """ENTITY_BONUS per specific entity two articles share, capped at ENTITY_BONUS_CAP."""
    if not ENTITY_BONUS or not mentions:
        return None
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    named = [specific_entities(by_article.get(a.id, ())) for a in articles]
    column = {e: i for i, e in enumerate(sorted(set().union(*named)))}
    if not column:
        return None
    incidence = np.zeros((len(articles), len(column)), dtype=np.float64)
    for row, entities in enumerate(named):
        for entity in entities:
            incidence[row, column[entity]] = 1.0
    return np.minimum(ENTITY_BONUS * (incidence @ incidence.T), ENTITY_BONUS_CAP)


def _story_title(members: Sequence[Article]) -> str:
    """A real headline when one exists (digest items only have their first sentence)."""
    titled = [a for a in members if a.kind in ("article", "listing_item")]
    return (titled or list(members))[0].title


def group_stories(
    data: GroupingInput,
    taxonomy: Taxonomy,
    threshold: float = DEFAULT_THRESHOLD,
    embed: Embedder = embed_texts,
) -> list[Story]:
    """Stories of the day, most important first."""
    participants = [a for a in data.articles if takes_part(a, taxonomy) and a.id in data.vectors]
    if not participants:
        return []
    index = {a.id: i for i, a in enumerate(participants)}
    vectors = np.vstack([data.vectors[a.id] for a in participants])
    duplicates = near_duplicate_pairs({a.id: a.text for a in participants})
    must_link = [(index[a], index[b]) for a, b in duplicates]
    clusters = cluster(vectors, [a.raw_id for a in participants], must_link, threshold,
                       cannot_link=_published_apart(participants) | _opposite_fire(participants, data.facts),
                       affinity=_entity_affinity(participants, data.mentions))

    summaries = [data.vectors[a.id] for a in data.articles if a.kind == "digest_summary" and a.id in data.vectors]
    editor_summary = np.vstack(summaries) if summaries else np.zeros((0, vectors.shape[1]), dtype=np.float32)
    casualty_articles = {f.article_id for f in data.facts if f.kind == "civilian_casualties"}

    stories = []
    for rows in clusters:
        members = [participants[i] for i in rows]
        centroid = vectors[rows].mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        member_ids = {a.id for a in members}
        places = [m for m in data.places if m.article_id in member_ids]
        story_facts = [f for f in data.facts if f.article_id in member_ids]
        decision = classify_story(members, centroid, taxonomy, places, embed, story_facts)
        outlets = sorted({a.source_label for a in members})
        days = sorted(a.published or a.day for a in members)
        in_editor_summary = bool(
            editor_summary.size and float(np.max(editor_summary @ vectors[rows].T)) >= EDITOR_SUMMARY_SIMILARITY
        )
        importance = (
            len(outlets)
            + math.log1p(len(members))
            + (2.0 if in_editor_summary else 0.0)
            + (1.0 if casualty_articles.intersection(a.id for a in members) else 0.0)
            + 0.1 * min(len(" ".join(a.text for a in members).split()) / 200, 3)
        )
        stories.append(
            Story(
                day=members[0].day,
                article_ids=[a.id for a in members],
                title=_story_title(members),
                outlets=outlets,
                section=decision.section,
                secondary_sections=decision.secondary,
                section_scores=decision.scores,
                section_evidence=decision.evidence,
                importance=round(importance, 4),
                first_seen=days[0],
                last_seen=days[-1],
            )
        )
    stories.sort(key=lambda s: (-s.importance, s.id))
    return stories
