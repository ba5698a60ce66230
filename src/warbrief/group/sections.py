"""Place each story in one section of the taxonomy, and keep the evidence for why.

Four kinds of evidence, all from the taxonomy file so that another house style is a data change: the
heading a digest put the story under (an editor's own decision, the strongest signal), places named in
the story that belong to a front or direction, the section's keywords, and similarity to the section's
description and exemplar paragraphs. The scores are kept on the story so ``explain`` can show them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from warbrief.models import embed_texts
from warbrief.records import Article, Fact, Mention
from warbrief.taxonomy import SectionSpec, Taxonomy

HINT_WEIGHT = 3.0
PLACE_WEIGHT = 0.6
LINKED_PLACE_WEIGHT = 0.6
KEYWORD_WEIGHT = 0.5
FIRE_PENALTY = 1.5
#: For or against a section with an ``actor``: the side a story's lead names first is usually who acts.
ACTOR_BONUS = 0.5
ACTOR_PENALTY = 1.0
#: A fact of one of a section's ``lead_facts`` kinds in a story's lead.
LEAD_FACT_WEIGHT = 1.5
_SIDE_NAMES = re.compile(
    r"\b(?:(?P<russia>Russia|Russian|Russians|Moscow|Kremlin|Putin)|(?P<ukraine>Ukraine|Ukrainian|Ukrainians|Kyiv"
    r"|Zelensk(?:y|yy|iy)))\b")
FIRE_KINDS = ("strike", "air_defense")
#: The side firing must account for at least this share of the story's attributed strikes and interceptions.
FIRE_MAJORITY = 0.6
LEAD_VOTES = 3
EXEMPLAR_WEIGHT = 4.0
EXEMPLAR_FLOOR = 0.25
SECONDARY_RATIO = 0.8


@dataclass(slots=True)
class SectionDecision:
    section: str
    secondary: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[str]] = field(default_factory=dict)


def _term_pattern(terms: Sequence[str], case_sensitive: bool) -> re.Pattern[str] | None:
    cleaned = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternation = "|".join(re.escape(t) for t in cleaned)
    # Place names start with a capital: checking that first skips most positions of the text cheaply.
    capital = "(?=[A-Z\u0400-\u042f])" if case_sensitive and all(t[:1].isupper() for t in cleaned) else ""
    return re.compile(rf"(?<!\w){capital}(?:{alternation})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


@dataclass(slots=True)
class TermIndex:
    """Every section's terms in one pattern, so a story's text is scanned once rather than once per section.

    The longest term wins where terms overlap: "mobilization law" counts for the section that lists it, not
    also for one listing "mobilization"; "Stari Terny" is not Terny.
    """

    pattern: re.Pattern[str] | None
    owners: dict[str, list[str]]  # term as matched (case-folded unless case-sensitive) -> section ids
    case_sensitive: bool

    @classmethod
    def build(cls, terms_of: dict[str, list[str]], case_sensitive: bool) -> TermIndex:
        owners: dict[str, list[str]] = {}
        for section_id, terms in terms_of.items():
            for term in {t.strip() for t in terms if t.strip()}:
                owners.setdefault(term if case_sensitive else term.casefold(), []).append(section_id)
        return cls(_term_pattern(list(owners), case_sensitive), owners, case_sensitive)

    def matches(self, text: str) -> dict[str, Counter[str]]:
        """Section id -> the terms of that section found in ``text``, with counts."""
        found: dict[str, Counter[str]] = {}
        if self.pattern is None:
            return found
        for match in self.pattern.finditer(text):
            term = match.group(0) if self.case_sensitive else match.group(0).casefold()
            for section_id in self.owners.get(term, ()):
                found.setdefault(section_id, Counter())[match.group(0) if self.case_sensitive else term] += 1
        return found


@dataclass(slots=True)
class SectionModel:
    """What the classifier precomputes from a taxonomy: term indexes and exemplar embeddings."""

    specs: list[SectionSpec]
    keywords: TermIndex
    places: TermIndex
    exemplar_vectors: dict[str, np.ndarray]
    exemplar_texts: dict[str, list[str]]


Embedder = Callable[[Sequence[str]], np.ndarray]


@lru_cache(maxsize=4)
def _section_model(taxonomy: Taxonomy, embed: Embedder = embed_texts) -> SectionModel:
    specs = taxonomy.story_sections()
    exemplar_texts: list[str] = []
    owners: list[str] = []
    for spec in specs:
        for text in [spec.description, *spec.exemplars]:
            if text:
                exemplar_texts.append(text)
                owners.append(spec.id)
    vectors = embed(exemplar_texts)
    by_section: dict[str, list[np.ndarray]] = {}
    texts_of: dict[str, list[str]] = {}
    for owner, vector, text in zip(owners, vectors, exemplar_texts, strict=True):
        by_section.setdefault(owner, []).append(vector)
        texts_of.setdefault(owner, []).append(text)
    return SectionModel(
        specs=specs,
        keywords=TermIndex.build({s.id: s.keywords for s in specs}, case_sensitive=False),
        places=TermIndex.build({s.id: s.places for s in specs}, case_sensitive=True),
        exemplar_vectors={k: np.vstack(v) for k, v in by_section.items()},
        exemplar_texts=texts_of,
    )


def direction_of_fire(facts: Sequence[Fact], leads: dict[str, int] | None = None) -> str | None:
    """The side doing most of the story's striking ("russia" or "ukraine"), or None when unclear.

    Counts strike and air-defense facts by their attacker (an interception's attacker is the side whose
    drones or missiles were shot down). A fact in an article's lead paragraph (``leads``: article id -> end
    of its lead) counts ``LEAD_VOTES`` times: reports often quote the other side's figures further down,
    and the lead says what the story is about.
    """
    leads = leads or {}
    sides: Counter[str] = Counter()
    for f in facts:
        side = f.values.get("attacker") if f.kind in FIRE_KINDS else None
        if side:
            sides[str(side)] += LEAD_VOTES if f.start < leads.get(f.article_id, 0) else 1
    total = sum(sides.values())
    if not total:
        return None
    side, votes = sides.most_common(1)[0]
    return side if votes / total >= FIRE_MAJORITY else None


def first_named_side(text: str) -> str | None:
    """The side a text names first ("russia" or "ukraine"): in a lead, usually the one acting."""
    match = _SIDE_NAMES.search(text)
    if match is None:
        return None
    return "russia" if match.group("russia") else "ukraine"


def lead_end(text: str) -> int:
    """Where an article's lead paragraph ends (its first blank line, at most 600 characters in)."""
    cut = text.find("\n\n")
    return min(cut if cut >= 0 else len(text), 600)


def classify_story(
    members: Sequence[Article],
    story_vector: np.ndarray,
    taxonomy: Taxonomy,
    places: Sequence[Mention] = (),
    embed: Embedder = embed_texts,
    facts: Sequence[Fact] = (),
) -> SectionDecision:
    """The section for a story made of ``members`` whose mean embedding is ``story_vector``.

    ``places`` are the story's linked place mentions; each votes for the front and direction its
    location maps to. ``facts`` are its strikes and interceptions: a section that reports one side's
    attacks (``fire`` in the taxonomy) is held back when the story is mostly the other side firing, so
    that "Ukrainian air defenses down 16 Russian drones" is not filed under operations in Russia because
    the drones came from Bryansk.
    """
    model = _section_model(taxonomy, embed)
    text = "\n".join(f"{a.title}\n{a.text}" for a in members)
    scores: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {}

    located: Counter[str] = Counter()
    names: dict[str, set[str]] = {}
    for mention in places:
        for key in ("direction", "front"):
            section_id = mention.extra.get(key)
            if section_id in taxonomy:
                located[section_id] += 1
                names.setdefault(section_id, set()).add(mention.text)
                break
    for section_id, count in located.items():
        scores[section_id] += LINKED_PLACE_WEIGHT * math.log1p(count)
        parent = taxonomy[section_id].parent
        if parent:
            scores[parent] += 0.5 * LINKED_PLACE_WEIGHT * math.log1p(count)
        evidence.setdefault(section_id, []).append("linked places: " + ", ".join(sorted(names[section_id])))

    hints = Counter(a.section_hint for a in members if a.section_hint in taxonomy)
    for section_id, count in hints.items():
        if taxonomy[section_id].kind in ("stories", "victims"):
            scores[section_id] += HINT_WEIGHT * count / len(members)
            evidence.setdefault(section_id, []).append(f"digest heading x{count}")

    # Linked places (variants folded, same-named places resolved) supersede plain name matching.
    named = {} if places else model.places.matches(text)
    keywords = model.keywords.matches(text)
    for spec in model.specs:
        found = named.get(spec.id)
        if found:
            score = PLACE_WEIGHT * math.log1p(sum(found.values()))
            scores[spec.id] += score
            evidence.setdefault(spec.id, []).append("places: " + ", ".join(sorted(found)))
            if spec.parent:
                scores[spec.parent] += score * 0.5
        words = keywords.get(spec.id)
        if words:
            scores[spec.id] += KEYWORD_WEIGHT * math.log1p(sum(words.values()))
            evidence.setdefault(spec.id, []).append("keywords: " + ", ".join(sorted(words)))
        exemplars = model.exemplar_vectors.get(spec.id)
        if exemplars is not None and story_vector.size:
            similarities = exemplars @ story_vector
            nearest = int(np.argmax(similarities))
            similarity = float(similarities[nearest])
            if similarity > EXEMPLAR_FLOOR:
                scores[spec.id] += EXEMPLAR_WEIGHT * (similarity - EXEMPLAR_FLOOR)
                snippet = " ".join(model.exemplar_texts[spec.id][nearest].split()[:12])
                evidence.setdefault(spec.id, []).append(f"nearest exemplar {similarity:.2f}: {snippet} …")

    leads = {a.id: lead_end(a.text) for a in members}
    in_lead = Counter(f.kind for f in facts if f.start < leads.get(f.article_id, 0))
    actor = first_named_side(members[0].text[: leads[members[0].id]]) if members else None
    for spec in model.specs:
        stated = sorted(kind for kind in spec.lead_facts if in_lead[kind])
        if stated:
            scores[spec.id] += LEAD_FACT_WEIGHT
            evidence.setdefault(spec.id, []).append("lead states: " + ", ".join(stated))
        if spec.actor and actor and spec.id in scores:
            if spec.actor == actor:
                scores[spec.id] += ACTOR_BONUS
                evidence.setdefault(spec.id, []).append(f"the lead names {actor} first")
            else:
                scores[spec.id] -= ACTOR_PENALTY
                evidence.setdefault(spec.id, []).append(f"held back: the lead names {actor} first")

    firing = direction_of_fire(facts, leads)
    if firing is not None:
        for spec in model.specs:
            if spec.fire and spec.fire != firing and spec.id in scores:
                scores[spec.id] -= FIRE_PENALTY
                evidence.setdefault(spec.id, []).append(f"held back: the story's strikes are {firing}'s")

    if not scores:
        fallback = next(s.id for s in model.specs)
        return SectionDecision(fallback, [], {}, {fallback: ["no evidence: first story section"]})
    ranked = scores.most_common()
    best, best_score = ranked[0]
    # A front wins only through its directions when one of them is named: prefer the direction.
    children = [s.id for s in taxonomy.children(best) if scores.get(s.id, 0) > 0]
    if children:
        best = max(children, key=lambda c: scores[c])
    secondary = [s for s, v in ranked[1:4] if v >= SECONDARY_RATIO * best_score and s != best]
    top = {s: round(v, 3) for s, v in ranked[:6]}
    return SectionDecision(best, secondary, top, {k: v for k, v in evidence.items() if k in top})
