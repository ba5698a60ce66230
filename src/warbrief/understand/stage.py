"""The understand stage for a batch of articles: sentences and facts, each a pure function of one article.

Kept free of the store so that the same function runs in-process or as a task on a cluster worker.
Places are linked here (``places.place_mentions``: gazetteer id, oblast, point, front/direction); people,
organisations, institutions, weapons and units follow them (``entities.entity_mentions_batch``: one spaCy pass
over the batch, model spans over a linked place dropped). Dates mentioned in the text (issue #3) become
``event_date`` facts resolved against the publication date, else the day the article was filed under; their
``about`` is the date the event happened (None when it could not be resolved), never the article's day, so
background ("since May 2024") stays apart from the day's events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warbrief.records import Article, Fact, Mention, Sentence
from warbrief.understand.casualties import extract_civilian_casualties
from warbrief.understand.dates import extract_event_dates
from warbrief.understand.entities import entity_mentions_batch
from warbrief.understand.losses import extract_losses
from warbrief.understand.places import place_mentions
from warbrief.understand.sentences import split_sentences


@dataclass(slots=True)
class Understanding:
    article_id: str
    sentences: list[Sentence]
    facts: list[Fact]
    mentions: list[Mention]


def understand_articles(articles: Sequence[Article]) -> list[Understanding]:
    sentences = split_sentences(articles)
    results = []
    for article in articles:
        facts = extract_losses(article.id, article.text) + extract_civilian_casualties(article.id, article.text)
        for fact in facts:
            fact.about = fact.about or article.published or article.day
        facts += extract_event_dates(article.id, article.text, article.published or article.day)
        mentions = place_mentions(article.id, article.text, article.section_hint)
        results.append(Understanding(article.id, sentences[article.id], facts, mentions))
    places = {r.article_id: [(m.start, m.end) for m in r.mentions] for r in results}
    entities = entity_mentions_batch([(a.id, a.text) for a in articles], places)
    for result in results:
        result.mentions += entities[result.article_id]
    return results
