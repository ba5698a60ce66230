"""Extractive sentence selection: which source sentences tell a story, and which would repeat a fact.

A sentence is ranked by a learned linear score (``learned_scores``, weights in data/ranker.json, fitted by
eval/train_ranker.py on WCEP-small clusters that eval/summaries.py does not score, issue #6) over features
of where it sits and what it says: its rank among its article's candidates and its position, centrality
among the story's sentences (what most sources agree on) and similarity to its article's lead, similarity
to its article's headline and to the story's (the headline as a query only, never written; ``Headline``),
length, numbers, names, quotes and first person, a dateline in front. ``heuristic_scores`` is the hand-set score it
replaced (centrality with a lead prior), kept for comparison. Redundancy is judged against every
sentence already chosen anywhere in the briefing, so a fact reported by two articles appears once: two
sentences are redundant when their embeddings are very close, or fairly close and they share a
specific number (16 drones, 95 prisoners).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from warbrief.records import Article, Sentence
from warbrief.write.cleanup import Cleaned, clean_sentence

MIN_WORDS = 6
MAX_WORDS = 90
SAME_FACT_SIMILARITY = 0.80
SHARED_NUMBER_SIMILARITY = 0.50
_CHROME = re.compile(r"^(read more|continue reading|advertisement|share this|sign in|subscribe)\b", re.IGNORECASE)
# A number with its currency and scale, so that "$16 million" and "16 drones" are different numbers.
_NUMBER = re.compile(
    r"(?P<currency>[$€£₴₽]\s?)?(?<![\w.])(?P<value>\d[\d,.]*\d|\d)(?![\w])"
    r"(?:\s?(?P<scale>%|percent\b|per cent\b|million\b|billion\b|trillion\b|thousand\b|bn\b|m\b|km\b))?",
    re.IGNORECASE,
)
RANKER_PATH = Path(__file__).resolve().parent.parent / "data" / "ranker.json"
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")
_YEAR = re.compile(r"^(19|20)\d\d$")


def specific_numbers(numbers: set[str]) -> set[str]:
    """Numbers specific enough to identify a fact (16 drones, 95 prisoners), not "two" or "10"."""
    specific = set()
    for number in numbers:
        value = number.split(" ")[0].lstrip("$€£₴₽")
        try:
            if float(value) > 10 or number != value:
                specific.add(number)
        except ValueError:
            continue
    return specific


def numbers_in(text: str) -> set[str]:
    """Numbers a sentence states (thousands separators folded; years left out)."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group("value").replace(",", "").rstrip(".")
        if _YEAR.match(value) and not (match.group("currency") or match.group("scale")):
            continue
        prefix = (match.group("currency") or "").strip()
        scale = (match.group("scale") or "").lower()
        found.add(f"{prefix}{value}{' ' + scale if scale else ''}")
    return found


def is_candidate(sentence: Sentence) -> bool:
    """A sentence fit to stand in a summary: a full sentence of reasonable length, not page chrome."""
    words = sentence.text.split()
    if not (MIN_WORDS <= len(words) <= MAX_WORDS):
        return False
    if _CHROME.match(sentence.text) or not _TERMINAL.search(sentence.text):
        return False
    return sentence.text[:1].isupper() or sentence.text[:1] in "\"'“‘(0123456789"


@dataclass(slots=True)
class Candidate:
    """A source sentence that may be written, with where it sits and its clean-up (``text``, cleanup.py).

    ``text`` is the sentence as it would be written anywhere in a paragraph (datelines, tails and notes
    removed); a leading connective goes only once the reading order is known (``written``).
    """

    sentence: Sentence
    vector: np.ndarray
    rank_in_article: int
    article_rank: int
    numbers: set[str] = field(default_factory=set)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = clean_sentence(self.sentence.text).text

    @property
    def words(self) -> int:
        return len(self.text.split())


def story_candidates(
    sentences: Sequence[Sequence[Sentence]],
    per_article: int,
    usable: Callable[[Sentence], bool] = lambda s: True,
    fits: Callable[[str], bool] = lambda text: True,
    clean: bool = True,
) -> list[Candidate]:
    """A story's candidates: per article (in story order), the first ``per_article`` sentences that are
    ``is_candidate`` and ``usable``, whose cleaned text ``fits``. Vectors are left empty for the caller to
    embed (``Candidate.text``, all at once). ``clean=False`` keeps the source text (to measure the clean-up)."""
    found = []
    for article_rank, article_sentences in enumerate(sentences):
        kept = [s for s in article_sentences if is_candidate(s) and usable(s)]
        rank = 0
        for sentence in kept:
            if rank == per_article:
                break
            candidate = Candidate(sentence, np.zeros(0, dtype=np.float32), rank, article_rank,
                                  numbers_in(sentence.text), "" if clean else sentence.text)
            if fits(candidate.text):
                found.append(candidate)
                rank += 1
    return found


@dataclass(slots=True, frozen=True)
class Headline:
    """An article's real headline and its vector: what the ranker compares candidates to (never written)."""

    text: str
    vector: np.ndarray


_HAS_HEADLINE = ("article", "listing_item")
_TITLE_END = re.compile(r"[.…\s]+$")


def headline_text(article: Article) -> str | None:
    """The article's real headline, or None when it has none.

    A digest item's title is its first sentence (``Article.kind``, group/stories.py's ``_story_title``), and
    an article or listing item without a heading gets its first sentence as title too (extract's
    ``title_from_text``, or the first 80 characters): a title the text opens with is not a headline, so
    the ranker cannot reward a candidate for repeating the sentence it was cut from.
    """
    title = _TITLE_END.sub("", " ".join(article.title.split()))
    if article.kind not in _HAS_HEADLINE or not title:
        return None
    if " ".join(article.text[: 2 * len(article.title) + 80].split()).startswith(title):
        return None
    return article.title


def article_headlines(articles: Sequence[Article], embed: Callable[[Sequence[str]], np.ndarray]) -> dict[str, Headline]:
    """The real headlines of ``articles``, by article id, embedded in one call of ``embed`` (compose.py's
    embedder, the store-cached MiniLM in the pipeline). An article without one (``headline_text``) is left out."""
    texts = {a.id: text for a in articles if (text := headline_text(a)) is not None}
    if not texts:
        return {}
    vectors = embed(list(texts.values()))
    return {i: Headline(text, vector) for (i, text), vector in zip(texts.items(), vectors, strict=True)}


@dataclass(slots=True)
class SaidSoFar:
    """Everything the briefing has already said, for redundancy checks across sections."""

    vectors: list[np.ndarray] = field(default_factory=list)
    numbers: list[set[str]] = field(default_factory=list)
    spans: set[tuple[str, int]] = field(default_factory=set)

    def repeats(self, candidate: Candidate) -> bool:
        key = (candidate.sentence.article_id, candidate.sentence.index)
        if key in self.spans:
            return True
        if not self.vectors:
            return False
        similarities = np.vstack(self.vectors) @ candidate.vector
        for similarity, numbers in zip(similarities, self.numbers, strict=True):
            if similarity >= SAME_FACT_SIMILARITY:
                return True
            if similarity >= SHARED_NUMBER_SIMILARITY and specific_numbers(candidate.numbers & numbers):
                return True
        return False

    def add(self, candidate: Candidate) -> None:
        self.vectors.append(candidate.vector)
        self.numbers.append(candidate.numbers)
        self.spans.add((candidate.sentence.article_id, candidate.sentence.index))


_QUOTE = re.compile(r"[\"“”]")
_SAID = re.compile(r"\b(?:said|says|told|according to|stated|announced)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us)\b")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b")
_DIGIT = re.compile(r"\d")

FEATURES = (
    "lead",  # 1 / (1 + rank among the article's candidates)
    "first",  # the article's first candidate
    "position",  # log(1 + sentence index in the article), candidates or not
    "article",  # log(1 + the article's rank in the story)
    "centrality",  # cosine to the story's centroid
    "article_centrality",  # cosine to the centroid of its own article's candidates
    "lead_similarity",  # cosine to its article's first candidate
    "centrality_gap",  # centrality minus the story's best centrality
    "words",  # length in words / 40, at most 1
    "words_squared",
    "numbers",  # specific numbers stated, at most 2
    "digits",  # any digit at all
    "capitalised",  # share of capitalised words after the first (names, places, organisations)
    "quote",  # a quotation mark in it
    "question",  # ends with a question mark
    "said",  # attributed speech ("said", "told", "according to")
    "first_person",  # I, we, our: a speaker, not a report
    "weekday",  # a day named (news of an event: "on Tuesday")
    "dateline",  # the clean-up removed something in front (a dateline: a wire story's lead)
    "headline",  # cosine to its article's headline (missing: none, ``headline_text``)
    "story_headline",  # cosine to the story's headline: its first article's with one (missing: none)
    "headline_words",  # share of its article's headline words it repeats (missing: no headline)
)
# A missing feature (an article without a real headline) is NaN in ``ranking_features``; the learned score
# counts it at its training mean (standardised 0: it neither raises nor lowers a candidate).
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    """Lowercased alphanumeric words (rouge-score's tokens, without its stemming)."""
    return set(_WORD.findall(text.lower()))


def ranking_features(
    candidates: Sequence[Candidate], headlines: Sequence[Headline | None] | None = None
) -> np.ndarray:
    """One row of ``FEATURES`` per candidate (a story's candidates, vectors set): what the ranker weighs.

    ``headlines`` are the story's articles' headlines in story order (``Candidate.article_rank``), None for
    an article without one; the headline features are NaN (missing) where there is none."""
    headlines = list(headlines or ())
    story_headline = next((h for h in headlines if h is not None), None)
    if not candidates:
        return np.zeros((0, len(FEATURES)))
    matrix = np.vstack([c.vector for c in candidates]).astype(np.float64)
    centroid = matrix.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    centrality = matrix @ centroid
    by_article: dict[int, list[int]] = {}
    for i, c in enumerate(candidates):
        by_article.setdefault(c.article_rank, []).append(i)
    article_centrality = np.zeros(len(candidates))
    lead_similarity = np.zeros(len(candidates))
    for members in by_article.values():
        own = matrix[members]
        mean = own.mean(axis=0)
        mean /= np.linalg.norm(mean) or 1.0
        article_centrality[members] = own @ mean
        first = min(members, key=lambda i: candidates[i].rank_in_article)
        lead_similarity[members] = own @ matrix[first]
    rows = []
    for i, c in enumerate(candidates):
        own = headlines[c.article_rank] if c.article_rank < len(headlines) else None
        title_words = _words(own.text) if own is not None else set()
        words = c.text.split()
        later = words[1:]
        capitalised = sum(w[:1].isupper() for w in later) / len(later) if later else 0.0
        length = min(len(words), 40) / 40  # fitted on 7-40 word sentences: no extrapolation beyond
        rows.append([
            1.0 / (1.0 + c.rank_in_article),
            float(c.rank_in_article == 0),
            float(np.log1p(c.sentence.index)),
            float(np.log1p(c.article_rank)),
            float(centrality[i]),
            float(article_centrality[i]),
            float(lead_similarity[i]),
            float(centrality[i] - centrality.max()),
            length,
            length * length,
            float(min(len(specific_numbers(c.numbers)), 2)),
            float(bool(_DIGIT.search(c.text))),
            capitalised,
            float(bool(_QUOTE.search(c.text))),
            float(c.text.rstrip("\"'”’) ").endswith("?")),
            float(bool(_SAID.search(c.text))),
            float(bool(_FIRST_PERSON.search(c.text))),
            float(bool(_WEEKDAY.search(c.text))),
            float(not c.sentence.text.startswith(c.text[:20])),
            float(c.vector @ own.vector) if own is not None else np.nan,
            float(c.vector @ story_headline.vector) if story_headline is not None else np.nan,
            len(_words(c.text) & title_words) / len(title_words) if title_words else np.nan,
        ])
    return np.asarray(rows)


def heuristic_scores(candidates: Sequence[Candidate], headlines: Sequence[Headline | None] | None = None) -> np.ndarray:
    """The hand-set score: centrality to the story, a lead prior, specific numbers, earlier articles first
    (``headlines`` unused)."""
    matrix = np.vstack([c.vector for c in candidates])
    centroid = matrix.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    centrality = matrix @ centroid
    # News puts the event first (Lead-1 is the baseline to beat on WCEP), so the lead prior is as strong
    # as centrality; sentences stating specific numbers carry the facts a briefing reader wants.
    return np.asarray([
        0.5 * float(centrality[i])
        + 0.5 / (1.0 + c.rank_in_article)
        + 0.05 * min(len(specific_numbers(c.numbers)), 2)
        - 0.01 * c.article_rank
        for i, c in enumerate(candidates)
    ])


Score = Callable[[Sequence[Candidate], Sequence[Headline | None]], np.ndarray]


@cache
def _ranker(path: Path = RANKER_PATH) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
    """The ranker file: which of ``FEATURES`` it weighs (a subset, by name), their means, scales and weights."""
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = [f for f in data["features"] if f not in FEATURES]
    if unknown or len(set(data["features"])) != len(data["features"]):
        raise ValueError(f"{path}: features {data['features']} are not distinct names of select.FEATURES")
    columns = [FEATURES.index(f) for f in data["features"]]
    mean, scale, weights = (np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "weights"))
    if not len(columns) == len(mean) == len(scale) == len(weights):
        raise ValueError(f"{path}: features, mean, scale and weights differ in length")
    return columns, mean, scale, weights


def learned_scores(
    candidates: Sequence[Candidate], headlines: Sequence[Headline | None] | None = None, path: Path = RANKER_PATH
) -> np.ndarray:
    """The learned score (data/ranker.json, fitted by eval/train_ranker.py): linear in ``ranking_features``;
    a missing feature (no headline) counts as its training mean."""
    columns, mean, scale, weights = _ranker(path)
    standardised = (ranking_features(candidates, headlines)[:, columns] - mean) / scale
    return np.nan_to_num(standardised, nan=0.0) @ weights


def rank_candidates(
    candidates: Sequence[Candidate], score: Score | None = None, headlines: Sequence[Headline | None] | None = None
) -> list[Candidate]:
    """Candidates best first by ``score`` (default: ``learned_scores``); earlier candidates first on ties.

    ``headlines``: the story's articles' real headlines in story order (``article_headlines``; None for an
    article without one), which the learned score compares candidates to."""
    if not candidates:
        return []
    scores = (score or learned_scores)(candidates, list(headlines or ()))
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    return [candidates[i] for i in order]


_LEANS_ON_PREVIOUS = re.compile(
    r"^(?:(?:however|but|and|yet|still|meanwhile|moreover|additionally|also|instead|nevertheless|later|then)"
    r",?\s+)?(?:he|she|they|it|his|her|their|its|this|these|those)\b",
    re.IGNORECASE,
)


def leans_on_previous(sentence: Sentence) -> bool:
    """A sentence opening with a pronoun ("However, he cautioned …") means nothing without the one before."""
    return bool(_LEANS_ON_PREVIOUS.match(sentence.text))


def choose_sentences(
    ranked: Sequence[Candidate], said: SaidSoFar, max_sentences: int, max_words: int,
    repeats: Callable[[Candidate, Sequence[Candidate]], bool] | None = None,
    companions: Mapping[tuple[str, int], Candidate] | None = None,
) -> list[Candidate]:
    """Greedy selection under a word budget, skipping anything the briefing already said.

    A sentence that leans on the one before it is taken only once that one is chosen, so a pronoun is
    never left without its referent from the same source. A sentence whose claim is attributed by the
    sentence before it (``companions``: its key -> that sentence, attribution.py) is taken together with it
    when both fit; otherwise alone, and the write stage frames it "According to …". The chosen sentences are
    returned in reading order (article, then position), as a paragraph reads. Words are counted on the
    cleaned text; ``repeats`` is an extra redundancy rule over the sentences chosen so far (the WCEP
    protocol's bigram rule).
    """
    chosen: list[Candidate] = []
    taken: set[tuple[str, int]] = set()
    remaining = list(ranked)
    companions = companions or {}
    words = 0

    def fits(candidate: Candidate, extra: int = 0) -> bool:
        over = bool(chosen) and words + extra + candidate.words > max_words
        return not (over or said.repeats(candidate) or (repeats is not None and repeats(candidate, chosen)))

    def take(candidate: Candidate) -> None:
        nonlocal words
        chosen.append(candidate)
        taken.add((candidate.sentence.article_id, candidate.sentence.index))
        said.add(candidate)
        words += candidate.words

    while remaining and len(chosen) < max_sentences:
        for candidate in remaining:
            sentence = candidate.sentence
            leans = leans_on_previous(sentence) or _LEANS_ON_PREVIOUS.match(candidate.text)  # "MOSCOW — He …"
            if leans and (sentence.article_id, sentence.index - 1) not in taken:
                continue
            remaining.remove(candidate)
            if not fits(candidate):
                break
            companion = companions.get((sentence.article_id, sentence.index))
            if (
                companion is not None
                and (companion.sentence.article_id, companion.sentence.index) not in taken
                and len(chosen) + 2 <= max_sentences
                and fits(companion, extra=candidate.words)
            ):
                take(companion)
                if companion in remaining:
                    remaining.remove(companion)
            take(candidate)
            break
        else:
            break  # only sentences whose predecessor was not chosen are left
    return sorted(chosen, key=lambda c: (c.article_rank, c.sentence.index))


def written(chosen: Sequence[Candidate], clean: bool = True) -> list[Cleaned]:
    """The chosen sentences as written, in the order given (a paragraph's reading order).

    A leading connective ("However,", "Meanwhile,") is dropped where the sentence before it in the source
    is not the sentence written before it: its antecedent is not in the paragraph.
    """
    if not clean:
        return [Cleaned(c.sentence.text, ((0, len(c.sentence.text)),)) for c in chosen]
    out = []
    previous: tuple[str, int] | None = None
    for candidate in chosen:
        sentence = candidate.sentence
        dangling = previous != (sentence.article_id, sentence.index - 1)
        out.append(clean_sentence(sentence.text, dangling=dangling))
        previous = (sentence.article_id, sentence.index)
    return out
