"""Why a story was placed where it was: the evidence the section classifier kept, in words a reader can check.

A classifier that cannot explain itself cannot be corrected; this is what ``warbrief explain`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from warbrief.records import Article, Story
from warbrief.store import Store
from warbrief.taxonomy import Taxonomy


class UnknownStory(KeyError):
    """No stored story has this id (or the prefix is ambiguous)."""


@dataclass(slots=True)
class StoryExplanation:
    story: Story
    articles: list[Article]
    titles: dict[str, str]


def find_story(store: Store, story_id: str) -> Story:
    """The stored story with this id, or the only one whose id starts with it."""
    exact = store.stories(ids=[story_id])
    if exact:
        return exact[0]
    matches = [s for s in store.stories() if s.id.startswith(story_id)]
    if len(matches) != 1:
        found = "no story" if not matches else f"{len(matches)} stories"
        raise UnknownStory(f"{found} with id {story_id!r}; list a day's stories with `warbrief explain --date D`")
    return matches[0]


def explain_story(store: Store, story_id: str, taxonomy: Taxonomy) -> StoryExplanation:
    story = find_story(store, story_id)
    titles = {s.id: s.title for s in taxonomy.sections}
    return StoryExplanation(story, store.articles(ids=story.article_ids), titles)


def format_explanation(explanation: StoryExplanation) -> str:
    story, titles = explanation.story, explanation.titles
    lines = [
        f"{story.id}  {story.day.isoformat()}  importance {story.importance:.2f}",
        f"  {story.title}",
        f"section: {titles.get(story.section, story.section)} ({story.section})",
    ]
    if story.secondary_sections:
        lines.append("also: " + ", ".join(titles.get(s, s) for s in story.secondary_sections))
    if story.status == "new":
        lines.append("thread: new today")
    else:
        since = story.first_seen.isoformat() if story.first_seen else "an earlier day"
        lines.append(f"thread: {story.status}, first reported {since} (thread {story.thread_id})")
        lines.extend(f"  {reason}" for reason in story.section_evidence.get("thread", []))
    lines.append(f"sources ({story.corroboration}):")
    lines.extend(f"  - {a.source_label}: {a.title}" for a in explanation.articles)
    lines.append("scores:")
    for section_id, score in sorted(story.section_scores.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {score:6.3f}  {titles.get(section_id, section_id)}")
        lines.extend(f"          {reason}" for reason in story.section_evidence.get(section_id, []))
    return "\n".join(lines)


def format_story_list(stories: list[Story], titles: dict[str, str]) -> str:
    return "\n".join(
        f"{s.id}  {titles.get(s.section, s.section)[:32]:32}  {s.importance:5.2f}  {s.title[:70]}" for s in stories
    )
