"""The understand stage for a batch of articles: sentences and facts, each a pure function of one article.

Kept free of the store so that the same function runs in-process or as a task on a cluster worker.
Places are linked here (``places.place_mentions``: gazetteer id, oblast, point, front/direction); people,
organisations, institutions, weapons and units follow them (``entities.entity_mentions_batch``: one spaCy pass
over the batch, model spans over a linked place dropped). Dates mentioned in the text (issue #3) become
``event_date`` facts resolved against the publication date, else the day the article was filed under; their
``about`` is the date the event happened (None when it could not be resolved), never the article's day, so
background ("since May 2024") stays apart from the day's events.

Issue #4's fact kinds follow the losses and casualties: strikes, air defence, money, troops and prisoner
exchanges (one module each), then ``claims.attribute_facts`` gives every fact its source and status. A
troops count inside a losses report ("784,200 troops") is the report's, so it is dropped as troops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warbrief.records import Article, Fact, Mention, Sentence
from warbrief.understand.air_defense import extract_air_defense
from warbrief.understand.casualties import extract_civilian_casualties
from warbrief.understand.claims import attribute_facts
from warbrief.understand.dates import extract_event_dates
from warbrief.understand.entities import entity_mentions_batch
from warbrief.understand.exchanges import extract_prisoner_exchanges
from warbrief.understand.losses import extract_losses
from warbrief.understand.money import extract_money
from warbrief.understand.places import place_mentions
from warbrief.understand.sentences import split_sentences
from warbrief.understand.strike_model import extract_strikes
from warbrief.understand.troops import extract_troops, prefetch_parses


@dataclass(slots=True)
class Understanding:
    article_id: str
    sentences: list[Sentence]
    facts: list[Fact]
    mentions: list[Mention]


def _numeric_facts(article: Article) -> list[Fact]:
    """Every number-bearing fact of one article, attributed; ``about`` is left to the caller."""
    text = article.text
    losses = extract_losses(article.id, text)
    exchanges = extract_prisoner_exchanges(article.id, text)  # read once: troops leaves their people to them
    troops = [
        fact
        for fact in extract_troops(article.id, text, exchanged=[(f.start, f.end) for f in exchanges])
        if not any(fact.start < report.end and report.start < fact.end for report in losses)
    ]
    strikes = extract_strikes(article.id, text)
    facts = (
        losses
        + extract_civilian_casualties(article.id, text)
        + strikes
        + extract_air_defense(article.id, text, strikes)
        + extract_money(article.id, text)
        + troops
        + exchanges
    )
    attribute_facts(text, facts)
    return facts


def understand_articles(articles: Sequence[Article]) -> list[Understanding]:
    sentences = split_sentences(articles)
    prefetch_parses(article.text for article in articles)  # troops, exchange and money parses, batched
    results = []
    for article in articles:
        facts = _numeric_facts(article)
        for fact in facts:
            fact.about = fact.about or article.published or article.day
        dates = extract_event_dates(article.id, article.text, article.published or article.day)
        attribute_facts(article.text, dates)
        facts += dates
        mentions = place_mentions(article.id, article.text, article.section_hint)
        results.append(Understanding(article.id, sentences[article.id], facts, mentions))
    places = {r.article_id: [(m.start, m.end) for m in r.mentions] for r in results}
    entities = entity_mentions_batch([(a.id, a.text) for a in articles], places)
    for result in results:
        result.mentions += entities[result.article_id]
    return results
