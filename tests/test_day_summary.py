"""The Summary of the Day's choices: distinct events, short self-contained sentences, nothing said twice."""

from __future__ import annotations

from datetime import date

import numpy as np

from warbrief.records import Sentence, Story
from warbrief.write.day_summary import SUMMARY_SENTENCE_WORDS, choose_summary, summary_sentence
from warbrief.write.select import Candidate, SaidSoFar, numbers_in

DAY = date(2024, 12, 28)


def candidate(article: str, index: int, text: str, vector: list[float], rank_in_article: int = 0) -> Candidate:
    v = np.asarray(vector, dtype=np.float32)
    sentence = Sentence(article, index, 0, len(text), text)
    return Candidate(sentence, v / np.linalg.norm(v), rank_in_article, 0, numbers_in(text))


LONG_LEAD = (
    "Finnish authorities seized the Russian-owned crude oil tanker Eagle S in the Gulf of Finland for suspected "
    "involvement in damaging the Estlink 2 electricity cable between Estonia and Finland, along with other cables "
    "connecting Finland, Estonia and Germany, police said on Thursday evening."
)


def test_another_outlets_short_lead_restates_a_long_paragraph_opening() -> None:
    assert len(LONG_LEAD.split()) > SUMMARY_SENTENCE_WORDS
    long_lead = candidate("yle", 0, LONG_LEAD, [1, 0, 0])
    short_lead = candidate("reuters", 0, "Finland seized a Russian tanker suspected of cutting the Estlink 2 cable.",
                           [0.9, 0.3, 0])
    later = candidate("yle", 3, "The tanker was sailing to Port Said.", [0, 1, 0], rank_in_article=3)
    chosen = [long_lead, later]  # the paragraph prints the long lead; the short lead repeated it
    picked = summary_sentence(chosen, [long_lead, later, short_lead], SaidSoFar())
    assert picked is short_lead
    # A later sentence, however short, is never the summary: it may lean on what came before it.
    assert summary_sentence(chosen, [later, long_lead], SaidSoFar()) is long_lead


def test_without_a_short_lead_the_paragraphs_first_sentence_is_the_summary() -> None:
    long_lead = candidate("yle", 0, LONG_LEAD, [1, 0, 0])
    follow = candidate("yle", 1, "However, he cautioned against conclusions.", [0, 1, 0], rank_in_article=1)
    assert summary_sentence([long_lead, follow], [follow, long_lead], SaidSoFar()) is long_lead


def story(name: str, section: str, importance: float) -> Story:
    return Story(day=DAY, article_ids=[name], title=name, section=section, importance=importance)


def test_one_event_one_paragraph_and_the_limit_holds() -> None:
    stories = [
        story("alabuga", "russia_mobilization", 9),
        story("alabuga-2", "russia_mobilization", 8),
        story("kursk", "operations_in_russia", 7),
        story("eagle", "beyond_ukraine", 6),
        story("shoigu", "russia_news", 5),
    ]
    vectors = {"alabuga": [1, 0, 0, 0], "alabuga-2": [0.2, 1, 0, 0], "kursk": [0, 0, 1, 0], "eagle": [0, 0, 0, 1],
               "shoigu": [0.5, 0.5, 0.5, 0.5]}
    lead = {s.id: [candidate(s.article_ids[0], 0, f"The {s.title} report says what happened.", vectors[s.title])]
            for s in stories}
    topics = {"alabuga": {"Alabuga"}, "alabuga-2": {"Alabuga", "Shahed"}, "kursk": {"Kirby"}, "eagle": set(),
              "shoigu": set()}

    def related(a: Story, b: Story) -> bool:
        return bool(topics[a.title] & topics[b.title])

    picks = choose_summary(stories, lead, lead, related, limit=3)
    assert [p.story.title for p in picks] == ["alabuga", "kursk", "eagle"]
    assert len(choose_summary(stories, lead, lead, related, limit=5)) == 4


def test_the_summary_never_says_one_fact_twice_and_skips_folded_stories() -> None:
    first, second, folded = story("a", "ukraine_news", 3), story("b", "land_sea_air", 2), story("c", "russia_news", 1)
    same = [1, 0.05, 0]
    chosen = {
        first.id: [candidate("a", 0, "Ukraine shot down 16 Russian drones overnight.", same)],
        second.id: [candidate("b", 0, "Air defence downed 16 Russian drones overnight, the air force said.", same)],
    }
    picks = choose_summary([first, second, folded], chosen, chosen, lambda a, b: False, limit=5)
    assert [p.story.title for p in picks] == ["a"]
