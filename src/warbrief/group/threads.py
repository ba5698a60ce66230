"""Event threads: today's stories linked to the stories they continue from the previous days.

Grouping is per day (a briefing is about one day), but an event lives longer: a strike is reported, then
its death toll rises, then the funerals are held. Rather than re-clustering the whole archive when a day's
documents arrive, today's stories are matched against the stored stories of the last few days, so adding a
day extends yesterday's threads and leaves every earlier day as it was.

A link needs both a close match of the two stories' article embeddings (average linkage: the mean of all
cross pairs) and, unless the match is very close, a shared specific entity (a settlement or feature, a
person, organisation or unit named by both; nationalities, weapon systems, oblasts and alliances are too
common to tell events apart). Each of today's
stories continues the thread it matches best; several of today's stories may continue one thread (a day's
reports of an event from different angles can stay apart within the day and still share its thread).

Status follows from the link: ``new`` without one; ``escalating`` when the story has more outlets than the
thread's latest story, or a higher number of the same kind (a death toll, a count of drones or troops);
``continuing`` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from warbrief.records import Fact, Mention, Story

WINDOW_DAYS = 3
# Average-linkage similarity of two days' reports of one event (MiniLM, title + lead): follow-ups carry new
# facts, so they sit below the same-day merge threshold; a shared specific entity must confirm the link.
LINK_SIMILARITY = 0.70
# So close that the entity confirmation is not needed (syndicated follow-ups, re-reports).
LINK_SIMILARITY_ALONE = 0.85
# Nationalities ("Russian", "Ukrainian") are named by every story; weapon systems (Shahed, HIMARS) by every
# report of their daily use.
BROAD_LABELS = frozenset({"NORP", "WEAPON"})
# Oblasts and Russian regions: every strike on a region's towns names them.
BROAD_PREFIXES = ("oblast:", "region:")
# Alliances and governments acting as a side: named by most stories, so they identify no event.
BROAD_ENTITIES = frozenset({"institution:nato", "institution:eu", "institution:un"})
BROAD_SUFFIX = "-government"
# Added to a story's importance by its status (group/stories.py's importance counts outlets, from 1 up).
NOVELTY_WEIGHT = {"new": 0.0, "continuing": -1.0, "escalating": 0.0}
# The numbers whose rise makes a story escalate: (fact kind, value key).
ESCALATION_NUMBERS = (
    ("civilian_casualties", "killed"),
    ("civilian_casualties", "injured"),
    ("strike", "count"),
    ("air_defense", "launched"),
    ("air_defense", "destroyed"),
    ("troops", "count"),
    ("prisoner_exchange", "total"),
)


@dataclass(slots=True)
class ThreadEvidence:
    """What a story's link rests on, for ``explain`` and the eval."""

    story_id: str
    previous_id: str | None
    similarity: float = 0.0
    shared_entities: list[str] = field(default_factory=list)
    escalation: list[str] = field(default_factory=list)


def specific_entities(mentions: Iterable[Mention]) -> set[str]:
    """The entities that can tell one event from another."""
    keep = set()
    for m in mentions:
        if m.label in BROAD_LABELS or m.entity in BROAD_ENTITIES or m.entity.endswith(BROAD_SUFFIX):
            continue
        if m.entity.startswith(BROAD_PREFIXES):
            continue
        keep.add(m.entity)
    return keep


def story_numbers(facts: Iterable[Fact]) -> dict[tuple[str, str], float]:
    """The largest value of every escalation number the story states."""
    best: dict[tuple[str, str], float] = {}
    for f in facts:
        for kind, key in ESCALATION_NUMBERS:
            value = f.values.get(key) if f.kind == kind else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                best[(kind, key)] = max(best.get((kind, key), value), float(value))
    return best


def _mean_vector(story: Story, vectors: Mapping[str, np.ndarray]) -> np.ndarray | None:
    rows = [vectors[a] for a in story.article_ids if a in vectors]
    return np.mean(np.vstack(rows), axis=0) if rows else None


def link_threads(
    today: list[Story],
    previous: Sequence[Story],
    vectors: Mapping[str, np.ndarray],
    mentions: Iterable[Mention] = (),
    facts: Iterable[Fact] = (),
) -> list[ThreadEvidence]:
    """Set ``thread_id``, ``status`` and ``first_seen`` on today's stories, in place, and re-rank them.

    ``previous`` are stored stories of the days before (any order); ``vectors``, ``mentions`` and ``facts``
    cover the member articles of both. A continued story records its link in ``section_evidence["thread"]``
    (``warbrief explain`` prints it), and its importance moves by NOVELTY_WEIGHT: yesterday's news again
    ranks below today's news, a rising toll or wider coverage does not.
    """
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    facts_by_article: dict[str, list[Fact]] = {}
    for f in facts:
        facts_by_article.setdefault(f.article_id, []).append(f)
    stories = [*today, *previous]
    entities = {s.id: specific_entities(m for a in s.article_ids for m in by_article.get(a, ())) for s in stories}
    numbers = {s.id: story_numbers(f for a in s.article_ids for f in facts_by_article.get(a, ())) for s in stories}

    thread_entities: dict[str, set[str]] = {}
    latest: dict[str, Story] = {}  # what a story escalates is the thread as it last stood
    for story in sorted(previous, key=lambda s: (s.day, s.importance)):
        latest[story.thread_id or story.id] = story
        thread_entities.setdefault(story.thread_id or story.id, set()).update(entities[story.id])
    means = {s.id: m for s in stories if (m := _mean_vector(s, vectors)) is not None}
    candidates: list[tuple[float, int, str, Story, Story, list[str]]] = []
    for order, story in enumerate(today):
        own = means.get(story.id)
        if own is None:
            continue
        # Against every stored story of the window: a thread may hold several stories of one day.
        for earlier in previous:
            thread = earlier.thread_id or earlier.id
            other = means.get(earlier.id)
            if other is None:
                continue
            similarity = float(own @ other)
            if similarity < LINK_SIMILARITY:
                continue
            shared = sorted(entities[story.id] & thread_entities[thread])
            if not shared and similarity < LINK_SIMILARITY_ALONE:
                continue
            candidates.append((similarity, order, thread, story, earlier, shared))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[4].id))

    evidence = {s.id: ThreadEvidence(s.id, None) for s in today}
    for similarity, _, thread, story, earlier, shared in candidates:  # best first: a story takes its best match
        if evidence[story.id].previous_id is not None:
            continue
        rises = _escalation(story, latest[thread], numbers)
        story.thread_id = thread
        story.status = "escalating" if rises else "continuing"
        if earlier.first_seen and (story.first_seen is None or earlier.first_seen < story.first_seen):
            story.first_seen = earlier.first_seen
        found = evidence[story.id] = ThreadEvidence(story.id, earlier.id, round(similarity, 4), shared[:8], rises)
        story.section_evidence["thread"] = [
            f"continues {found.previous_id} of {earlier.day.isoformat()} (similarity {found.similarity:.2f})",
            *(f"shared: {e}" for e in found.shared_entities),
            *(f"escalation: {r}" for r in found.escalation),
        ]
        story.importance = round(story.importance + NOVELTY_WEIGHT[story.status], 4)
    for story in today:
        if evidence[story.id].previous_id is None:
            story.thread_id = story.id
            story.status = "new"
    today.sort(key=lambda s: (-s.importance, s.id))
    return [evidence[s.id] for s in today]


def _escalation(story: Story, earlier: Story, numbers: Mapping[str, dict[tuple[str, str], float]]) -> list[str]:
    """Why the story escalates its thread (empty when it does not)."""
    reasons = []
    if story.corroboration > earlier.corroboration:
        reasons.append(f"outlets {earlier.corroboration} -> {story.corroboration}")
    now, before = numbers.get(story.id, {}), numbers.get(earlier.id, {})
    for key in ESCALATION_NUMBERS:
        if key in now and key in before and now[key] > before[key]:
            reasons.append(f"{key[0]} {key[1]} {before[key]:g} -> {now[key]:g}")
    return reasons
