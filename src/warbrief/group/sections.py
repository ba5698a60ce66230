"""Place each story in one section of the taxonomy, and keep the evidence for why.

Four kinds of evidence, all from the taxonomy file so that another house style is a data change: the
heading a digest put the story under (an editor's own decision, the strongest signal), places named in
the story that belong to a front or direction, the section's keywords, and similarity to the section's
description and exemplar paragraphs: the nearest one of each section, and the vote of the story's nearest
exemplars across all sections (the exemplars include hand-labelled paragraphs, so that the neighbourhood of
a story, not one lucky paragraph, speaks). The scores are kept on the story so ``explain`` can show them.
Then the rules the taxonomy switches on: ``lead_facts`` (a fact kind in the lead files the story), ``actor``
(the side the lead names first; not the side whose weapons strike, and no penalty when the story is that
side's fire), ``fire`` (the side whose strikes a section reports). A front hands its story to one of its
directions only when the story names that direction's places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
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
    r"|Zelensk(?:y|yy|iy)))\b"
)
_WEAPONS_AFTER = re.compile(r"\s+(?:drones|missiles|strikes|glide bombs|bombs|shelling)\b")
FIRE_KINDS = ("strike", "air_defense")
#: The side firing must account for at least this share of the story's attributed strikes and interceptions.
FIRE_MAJORITY = 0.6
LEAD_VOTES = 3
EXEMPLAR_WEIGHT = 4.0
EXEMPLAR_FLOOR = 0.25
#: The vote of the story's nearest exemplars across all sections (the taxonomy's exemplars include labelled
#: paragraphs): the ``KNN_K`` most similar vote, each by its similarity above ``EXEMPLAR_FLOOR``, and a section
#: gets ``KNN_WEIGHT`` times its share of the vote. Where the best exemplar of each section alone decides, one
#: near paragraph of a wrong section can win; a neighbourhood that mostly agrees is the steadier signal.
KNN_K = 7
KNN_WEIGHT = 1.0
SECONDARY_RATIO = 0.8
#: A front's story goes to one of its directions when that direction's places are named at least this share as
#: often as the places of the front outside any direction.
DIRECTION_SHARE = 0.5


@dataclass(slots=True)
class SectionDecision:
    section: str
    secondary: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[str]] = field(default_factory=dict)


def _ordered_terms(terms: Sequence[str]) -> list[str]:
    """Terms in the order the pattern tries them: longest first, so the longest term wins where they overlap."""
    return sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)


def _compile_terms(ordered: Sequence[str], case_sensitive: bool, capital: bool) -> re.Pattern[str]:
    alternation = "|".join(re.escape(t) for t in ordered)
    # Place names start with a capital: checking that first skips most positions of the text cheaply.
    lookahead = "(?=[A-Z\u0400-\u042f])" if capital else ""
    # A keyword also matches its plural ("undersea cables"); place names match only as written.
    plural = "" if case_sensitive else "(?:e?s)?"
    return re.compile(rf"(?<!\w){lookahead}(?:{alternation}){plural}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def _term_pattern(terms: Sequence[str], case_sensitive: bool) -> re.Pattern[str] | None:
    ordered = _ordered_terms(terms)
    if not ordered:
        return None
    return _compile_terms(ordered, case_sensitive, _capital(ordered, case_sensitive))


def _capital(ordered: Sequence[str], case_sensitive: bool) -> bool:
    return case_sensitive and all(t[:1].isupper() for t in ordered)


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w").match


@dataclass(slots=True)
class _Shortcut:
    """What lets ``TermIndex.matches`` try the pattern only where a term can match (see ``TermIndex.matches``).

    ``by_word``: a word a match can start with (case-folded unless case-sensitive; a one-word keyword also
    under its plurals) -> the pattern of just the terms that start with it, in the full pattern's order.
    ``first_char`` and ``word``: for a non-ASCII word of the text, whether it can be the first word of a term
    when case is ignored (the regex's own folding decides).
    """

    by_word: dict[str, re.Pattern[str]]
    first_char: re.Pattern[str] | None
    word: re.Pattern[str] | None

    @classmethod
    def build(cls, ordered: Sequence[str], case_sensitive: bool) -> _Shortcut | None:
        """None when a term rules the shortcut out: one that does not start with a word character, or (case
        ignored) whose first word has a non-ASCII character that the regex folds to an ASCII one (Kelvin K)."""
        capital = _capital(ordered, case_sensitive)
        groups: dict[str, list[str]] = {}
        singles: list[str] = []
        firsts: list[str] = []
        for term in ordered:
            first = _WORD.match(term)
            if first is None:
                return None
            word = first.group()
            one_word = first.end() == len(term)
            keys = [word]
            if not case_sensitive:
                if any(not c.isascii() and re.fullmatch("[a-z0-9_]", c, re.IGNORECASE) for c in word):
                    return None
                key = word.lower()
                keys = [key, key + "s", key + "es"] if one_word else [key]
                (singles if one_word else firsts).append(word)
            for key in keys:
                if term not in groups.setdefault(key, []):
                    groups[key].append(term)
        compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
        by_word: dict[str, re.Pattern[str]] = {}
        for key, terms in groups.items():
            if tuple(terms) not in compiled:
                compiled[tuple(terms)] = _compile_terms(terms, case_sensitive, capital)
            by_word[key] = compiled[tuple(terms)]
        if case_sensitive:
            return cls(by_word, None, None)
        words = [*(re.escape(w) + "(?:e?s)?" for w in singles), *(re.escape(w) for w in firsts)]
        initials = "".join(sorted({re.escape(w[0]) for w in singles + firsts}))
        return cls(
            by_word,
            re.compile(f"[{initials}]", re.IGNORECASE) if initials else None,
            re.compile("|".join(words), re.IGNORECASE) if words else None,
        )


def _matches_at(text: str, starts: Sequence[tuple[int, re.Pattern[str]]]) -> Iterator[re.Match[str]]:
    """What the full pattern's ``finditer(text)`` yields when matches can only start at ``starts`` (each with a
    pattern that decides there as the full one would): the leftmost match, then the next from where it ends."""
    end = 0
    for start, pattern in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            end = match.end()
            yield match


@lru_cache(maxsize=8192)
def _word_finder(word: str) -> re.Pattern[str]:
    """``word`` not followed by a word character (a literal first: the regex engine's fast search)."""
    return re.compile(re.escape(word) + r"(?!\w)")


def _run_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a whole run of word characters."""
    for match in _word_finder(word).finditer(text):
        at = match.start()
        if at == 0 or not _WORD_CHAR(text, at - 1):
            yield at


@dataclass(slots=True)
class TermIndex:
    """Every section's terms in one pattern, so a story's text is scanned once rather than once per section.

    The longest term wins where terms overlap: "mobilization law" counts for the section that lists it, not
    also for one listing "mobilization"; "Stari Terny" is not Terny.
    """

    pattern: re.Pattern[str] | None
    owners: dict[str, list[str]]  # term as matched (case-folded unless case-sensitive) -> section ids
    case_sensitive: bool
    shortcut: _Shortcut | None = None

    @classmethod
    def build(cls, terms_of: dict[str, list[str]], case_sensitive: bool) -> TermIndex:
        owners: dict[str, list[str]] = {}
        for section_id, terms in terms_of.items():
            for term in {t.strip() for t in terms if t.strip()}:
                owners.setdefault(term if case_sensitive else term.casefold(), []).append(section_id)
        ordered = _ordered_terms(list(owners))
        if not ordered:
            return cls(None, owners, case_sensitive)
        return cls(
            _compile_terms(ordered, case_sensitive, _capital(ordered, case_sensitive)),
            owners,
            case_sensitive,
            _Shortcut.build(ordered, case_sensitive),
        )

    def _starts(self, text: str, shortcut: _Shortcut) -> list[tuple[int, re.Pattern[str]]]:
        """Every position where a match can start, with the pattern that decides there, in order.

        A match starts where a run of word characters of the text starts that is a term's first word (for a
        one-word keyword: the word or its plural). The text's distinct words are intersected with those first
        words as sets, so only the positions of the words in common are tried, each with only the terms that
        start with it (the full pattern tries every term at every position of a long story: that was the cost).
        Case ignored, the text is lowercased for the lookup when that keeps every character in place (each
        character's lowercase is one character, and one that is a word character exactly when it is); a word
        with non-ASCII characters, whose case folding is the regex's business, is tried with the full pattern
        when it can be a first word at all.
        """
        assert self.pattern is not None
        by_word = shortcut.by_word
        found: dict[int, re.Pattern[str]] = {}
        if self.case_sensitive:
            for word in set(_WORD.findall(text)).intersection(by_word):
                found.update((at, by_word[word]) for at in _run_starts(text, word))
            return sorted(found.items())
        words = set(_WORD.findall(text))
        lowered = text.lower()
        if len(lowered) == len(text):  # the lowercase text's words are the words' lowercase, in place
            for word in {w.lower() for w in words}.intersection(by_word):
                found.update((at, by_word[word]) for at in _run_starts(lowered, word))
        else:  # a character whose lowercase is longer ("İ"): look each ASCII word up
            for word in words:
                if word.isascii() and word.lower() in by_word:
                    found.update((at, by_word[word.lower()]) for at in _run_starts(text, word))
        if not text.isascii() and shortcut.first_char is not None and shortcut.word is not None:
            for word in words:
                if not word.isascii() and shortcut.first_char.match(word) and shortcut.word.fullmatch(word):
                    found.update((at, self.pattern) for at in _run_starts(text, word))
        return sorted(found.items())

    def matches(self, text: str) -> dict[str, Counter[str]]:
        """Section id -> the terms of that section found in ``text``, with counts."""
        found: dict[str, Counter[str]] = {}
        if self.pattern is None:
            return found
        shortcut = self.shortcut
        hits = self.pattern.finditer(text) if shortcut is None else _matches_at(text, self._starts(text, shortcut))
        for match in hits:
            term = match.group(0) if self.case_sensitive else self._singular(match.group(0).casefold())
            for section_id in self.owners.get(term, ()):
                found.setdefault(section_id, Counter())[match.group(0) if self.case_sensitive else term] += 1
        return found

    def _singular(self, term: str) -> str:
        """The listed term a case-folded match stands for: itself, or the term it is the plural of."""
        if term in self.owners:
            return term
        for cut in (1, 2):
            if term[:-cut] in self.owners:
                return term[:-cut]
        return term


@dataclass(slots=True)
class SectionModel:
    """What the classifier precomputes from a taxonomy: term indexes and exemplar embeddings."""

    specs: list[SectionSpec]
    keywords: TermIndex
    places: TermIndex
    exemplar_vectors: dict[str, np.ndarray]
    exemplar_texts: dict[str, list[str]]
    #: Every exemplar of every section in one matrix (rows in ``neighbour_owners`` order), for the vote of the
    #: story's nearest exemplars across sections.
    neighbour_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    neighbour_owners: list[str] = field(default_factory=list)


Embedder = Callable[[Sequence[str]], np.ndarray]


#: Exemplar embeddings by embedder and text: a taxonomy that differs from another by a few exemplars (the
#: evaluation removes the item's own copy from each item's taxonomy) embeds only the texts not seen before.
_EXEMPLAR_VECTORS: dict[tuple[Embedder, str], np.ndarray] = {}
_EXEMPLAR_CACHE_LIMIT = 20_000


def _exemplar_vectors(texts: Sequence[str], embed: Embedder) -> np.ndarray:
    missing = list(dict.fromkeys(t for t in texts if (embed, t) not in _EXEMPLAR_VECTORS))
    if missing:
        if len(_EXEMPLAR_VECTORS) + len(missing) > _EXEMPLAR_CACHE_LIMIT:
            _EXEMPLAR_VECTORS.clear()
        _EXEMPLAR_VECTORS.update(((embed, t), v) for t, v in zip(missing, embed(missing), strict=True))
    return np.vstack([_EXEMPLAR_VECTORS[(embed, t)] for t in texts])


@lru_cache(maxsize=64)
def _term_index(terms_of: tuple[tuple[str, tuple[str, ...]], ...], case_sensitive: bool) -> TermIndex:
    """A term index per distinct term lists (taxonomies that differ only in exemplars share theirs)."""
    return TermIndex.build({k: list(v) for k, v in terms_of}, case_sensitive=case_sensitive)


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
    vectors = _exemplar_vectors(exemplar_texts, embed) if exemplar_texts else np.zeros((0, 0), np.float32)
    by_section: dict[str, list[np.ndarray]] = {}
    texts_of: dict[str, list[str]] = {}
    for owner, vector, text in zip(owners, vectors, exemplar_texts, strict=True):
        by_section.setdefault(owner, []).append(vector)
        texts_of.setdefault(owner, []).append(text)
    return SectionModel(
        specs=specs,
        keywords=_term_index(tuple((s.id, tuple(s.keywords)) for s in specs), False),
        places=_term_index(tuple((s.id, tuple(s.places)) for s in specs), True),
        exemplar_vectors={k: np.vstack(v) for k, v in by_section.items()},
        exemplar_texts=texts_of,
        neighbour_vectors=vectors,
        neighbour_owners=owners,
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
    """The side a text names first ("russia" or "ukraine"): in a lead, usually the one acting.

    A side named as the owner of the drones, missiles or bombs that strike ("Russian drones attacked Kyiv")
    is skipped: such a lead is told from the side struck.
    """
    for match in _SIDE_NAMES.finditer(text):
        if _WEAPONS_AFTER.match(text, match.end()):
            continue
        return "russia" if match.group("russia") else "ukraine"
    return None


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
    placed: Counter[str] = located + Counter({k: sum(v.values()) for k, v in named.items()})
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

    if KNN_WEIGHT and story_vector.size and len(model.neighbour_owners):
        similarities = model.neighbour_vectors @ story_vector
        neighbours = [int(row) for row in np.argsort(-similarities)[:KNN_K]]
        votes: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for row in neighbours:
            votes[model.neighbour_owners[row]] += max(float(similarities[row]) - EXEMPLAR_FLOOR, 0.0)
            counts[model.neighbour_owners[row]] += 1
        total = sum(votes.values())
        for section_id, vote in votes.items():
            if total and vote:
                scores[section_id] += KNN_WEIGHT * vote / total
                evidence.setdefault(section_id, []).append(f"{counts[section_id]} of the {KNN_K} nearest exemplars")

    leads = {a.id: lead_end(a.text) for a in members}
    in_lead = Counter(f.kind for f in facts if f.start < leads.get(f.article_id, 0))
    actor = first_named_side(members[0].text[: leads[members[0].id]]) if members else None
    firing = direction_of_fire(facts, leads)
    for spec in model.specs:
        stated = sorted(kind for kind in spec.lead_facts if in_lead[kind])
        if stated:
            scores[spec.id] += LEAD_FACT_WEIGHT
            evidence.setdefault(spec.id, []).append("lead states: " + ", ".join(stated))
        if spec.actor and actor and spec.id in scores:
            if spec.actor == actor:
                scores[spec.id] += ACTOR_BONUS
                evidence.setdefault(spec.id, []).append(f"the lead names {actor} first")
            elif actor != firing:
                scores[spec.id] -= ACTOR_PENALTY
                evidence.setdefault(spec.id, []).append(f"held back: the lead names {actor} first")
            # A lead naming first the side whose strikes the story counts is told from the side struck
            # ("Russian forces launched 24 drones ..." is Ukraine News): no penalty for it.

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
    # A front wins through a direction only when the story names that direction's places, and about as often
    # as the places of the front outside its directions (Kostiantynivka, Kramatorsk): prefer the direction.
    children = [s.id for s in taxonomy.children(best) if scores.get(s.id, 0) > 0 and placed[s.id]]
    if children:
        child = max(children, key=lambda c: scores[c])
        if DIRECTION_SHARE * placed[best] <= placed[child]:
            best = child
    secondary = [s for s, v in ranked[1:4] if v >= SECONDARY_RATIO * best_score and s != best]
    top = {s: round(v, 3) for s, v in ranked[:6]}
    return SectionDecision(best, secondary, top, {k: v for k, v in evidence.items() if k in top})
