"""The Summary of the Day: which stories open the briefing, and with which of their sentences.

The reference briefing (seed 000) opens with at most five short paragraphs on the day's most important,
distinct events, each restating what its section then tells at length. Two rules follow from reading it:

* one event, one paragraph: a story that continues one already summarised (the same digest's next
  paragraph on the Alabuga drone plant, a second report of the same North Korean losses) is left to its
  section, and the next distinct story takes its place;
* short and self-contained: the summary takes, among the story's articles' opening sentences (each
  outlet's own summary of the event, which needs no sentence before it), the best-ranked one short enough
  to read at a glance; where there is none, the paragraph's first sentence. Where another outlet's lead
  is shorter, the summary restates the event in that outlet's words instead of copying the paragraph's
  opening.

The sentences are the story's own candidates, ranked, cleaned and attributed as everywhere else; the
summary's sentences never repeat each other (a fresh ``SaidSoFar``), and nothing new is said.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from warbrief.records import Story
from warbrief.write.select import Candidate, SaidSoFar, leans_on_previous

SUMMARY_SENTENCE_WORDS = 35  # seed 000's summary sentences run 20-35 words; its section sentences longer


@dataclass(frozen=True, slots=True)
class SummaryPick:
    story: Story
    sentence: Candidate


def summary_sentence(chosen: Sequence[Candidate], ranked: Sequence[Candidate], said: SaidSoFar) -> Candidate | None:
    """The story's sentence for the summary (see the module's docstring); None when everything it could
    say is already in the summary."""
    for candidate in ranked:
        if (
            candidate.rank_in_article == 0
            and candidate.words <= SUMMARY_SENTENCE_WORDS
            and not leans_on_previous(candidate.sentence)
            and not said.repeats(candidate)
        ):
            return candidate
    first = chosen[0]
    return None if said.repeats(first) else first


def choose_summary(
    stories: Sequence[Story],
    chosen: Mapping[str, Sequence[Candidate]],
    ranked: Mapping[str, Sequence[Candidate]],
    related: Callable[[Story, Story], bool],
    limit: int,
) -> list[SummaryPick]:
    """Up to ``limit`` stories, in the order given (importance), skipping any ``related`` to one already taken.

    ``chosen`` holds each written story's paragraph sentences (a story folded away as a repeat has none and
    is never summarised); ``ranked`` its candidates in ranking order.
    """
    picks: list[SummaryPick] = []
    said = SaidSoFar()
    for story in stories:
        if len(picks) >= limit:
            break
        sentences = chosen.get(story.id)
        if not sentences or any(related(story, pick.story) for pick in picks):
            continue
        sentence = summary_sentence(sentences, ranked.get(story.id, ()), said)
        if sentence is not None:
            said.add(sentence)
            picks.append(SummaryPick(story, sentence))
    return picks
