"""Attribution survives the write stage (issue #6), on real two-sentence reports through the real stages.

The texts are tests/data/web's Kyiv Independent-style reports: the General Staff's losses update, whose
second sentence says only "According to the report, …", and a Kursk report whose claim the next sentence
calls unverified. Facts come from the real understand stage, vectors from the real MiniLM model.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warbrief.models import embed_texts
from warbrief.records import Article, Briefing, BriefingItem, Citation, CitedSentence, Section, Story
from warbrief.taxonomy import load_taxonomy
from warbrief.understand.stage import understand_articles
from warbrief.write.attribution import carries_attribution, frame, framing_for, mark_unverified, unframed
from warbrief.write.cleanup import is_deletion_of
from warbrief.write.compose import WriteInput, WriteSettings, build_briefing
from warbrief.write.verify import check_briefing

DAY = date(2024, 12, 29)
WEB = Path(__file__).parent / "data" / "web"


def fixture_article(name: str, raw_id: str, outlet: str) -> Article:
    title_line, _, body = (WEB / name).read_text("utf-8").partition("\n\n")
    title = title_line.split(" ", 2)[2]  # "date 2024-12-29 <title>"
    return Article(raw_id=raw_id, index=0, title=title, text=body.strip(), day=DAY, outlet=outlet)


def understood(*articles: Article) -> tuple[dict, dict, list]:
    results = understand_articles(list(articles))
    sentences = {r.article_id: r.sentences for r in results}
    facts = [f for r in results for f in r.facts]
    return {a.id: a for a in articles}, sentences, facts


def test_carried_attribution_is_a_named_source_not_a_pointer_back() -> None:
    assert carries_attribution("Russia’s defense ministry claimed it destroyed 33 Ukrainian aerial drones.")
    assert carries_attribution("A commander faces charges for allegedly abusing subordinates.")
    assert not carries_attribution("According to the report, Russia has also lost 9,657 tanks.")
    assert not carries_attribution("Russia has also lost 9,657 tanks.")


def test_the_losses_sentence_after_the_general_staff_sentence_needs_its_source() -> None:
    article = fixture_article("day2_losses.txt", "raw_losses", "The Kyiv Independent")
    _, sentences, facts = understood(article)
    first, second = sentences[article.id][:2]
    assert first.text.endswith("the General Staff of Ukraine's Armed Forces reported on Dec. 29.")
    assert second.text.startswith("According to the report, Russia has also lost 9,657 tanks")
    framing = framing_for(second, article, sentences[article.id], facts)
    assert framing is not None
    assert framing.who == "the General Staff"
    assert framing.who_span == (first.start, first.end)
    assert not framing.previous  # another paragraph: it cannot simply be written with it
    assert framing_for(first, article, sentences[article.id], facts) is None  # names its source itself
    framed = frame(second.text, framing.who)
    assert framed.startswith("According to the General Staff, Russia has also lost 9,657 tanks")
    assert "the report" not in framed


def test_a_claim_whose_attributing_sentence_was_said_elsewhere_is_written_with_its_source() -> None:
    """Another outlet's General Staff sentence is said first; the report's second sentence then stands alone."""
    losses = fixture_article("day2_losses.txt", "raw_losses", "The Kyiv Independent")
    wire = Article(raw_id="raw_wire", index=0, day=DAY, outlet="Ukrinform", title="Russian losses",
                   text="Russia has lost 785,780 troops in Ukraine since Feb. 24, 2022, including 1,580 in the past "
                        "day, Ukraine's General Staff said on Sunday morning.")
    articles, sentences, facts = understood(losses, wire)
    stories = [
        Story(day=DAY, article_ids=[wire.id], title="Russian losses", outlets=["Ukrinform"], section="ukraine_news",
              importance=2.0),
        Story(day=DAY, article_ids=[losses.id], title="General Staff: Russia has lost 785,780 troops",
              outlets=["The Kyiv Independent"], section="ukraine_news", importance=1.0),
    ]
    briefing = build_briefing(WriteInput(DAY, stories, articles, sentences, facts, embed_texts, WriteSettings()),
                              load_taxonomy())
    assert check_briefing(briefing, articles) == []
    written = [s for section in briefing.sections if section.id != "summary" for i in section.items
               for s in i.sentences]
    tanks = [s for s in written if "9,657 tanks" in s.text]
    assert len(tanks) == 1
    sentence = tanks[0]
    assert sentence.text.startswith("According to the General Staff, Russia has also lost 9,657 tanks")
    own, attributing = sentence.citations
    assert own.quote.startswith("According to the report, Russia has also lost 9,657 tanks")
    assert attributing.quote.endswith("the General Staff of Ukraine's Armed Forces reported on Dec. 29.")
    assert is_deletion_of(unframed(sentence.text), own.quote)
    assert not is_deletion_of(sentence.text, own.quote)  # the frame itself is an addition, checked by verify.py
    assert briefing.stats["claims_attributed"] == 1
    # The repeated General Staff sentence itself is not written twice.
    assert sum("785,780" in s.text for s in written) == 1


def test_an_unverified_claim_is_marked_and_cites_the_sentence_saying_so() -> None:
    article = fixture_article("day2_kursk.txt", "raw_kursk", "The Kyiv Independent")
    articles, sentences, facts = understood(article)
    claim, verdict = sentences[article.id][1:3]
    assert verdict.text == "The claim could not be independently verified."
    framing = framing_for(claim, article, sentences[article.id], facts)
    assert framing is not None and framing.unverified and framing.who is None  # "According to the General Staff"
    assert framing.unverified_span == (verdict.start, verdict.end)
    assert mark_unverified("Forty soldiers were killed.") == "Forty soldiers were killed (unverified)."

    story = Story(day=DAY, article_ids=[article.id], title=article.title, outlets=["The Kyiv Independent"],
                  section="operations_in_russia", importance=1.0)
    briefing = build_briefing(
        WriteInput(DAY, [story], articles, sentences, facts, embed_texts, WriteSettings(story_sentences=2)),
        load_taxonomy(),
    )
    assert check_briefing(briefing, articles) == []
    item = next(i for s in briefing.sections if s.id == "operations_in_russia" for i in s.items)
    texts = [s.text for s in item.sentences]
    stated = [s for s in item.sentences if "40 North Korean soldiers" in s.text]
    assert stated, texts
    marked = stated[0]
    assert marked.text.endswith("in the fighting (unverified).")
    assert [c.quote for c in marked.citations] == [claim.text, verdict.text]
    assert is_deletion_of(unframed(marked.text), claim.text)


@pytest.mark.parametrize("title_names_it", [True, False])
def test_a_frame_naming_a_source_only_the_title_names_passes_the_check_only_then(title_names_it: bool) -> None:
    text = "Russia has also lost 9,657 tanks and 19,982 armored fighting vehicles."
    title = "General Staff: Russia's losses" if title_names_it else "Russia's losses"
    article = Article(raw_id="raw_t", index=0, title=title, text=text, day=DAY)
    citation = Citation(article_id=article.id, quote=text, start=0, end=len(text), title=title)
    sentence = CitedSentence(text=frame(text, "the General Staff"), citations=[citation])
    briefing = Briefing(date=DAY, sections=[Section(id="s", title="S", items=[
        BriefingItem(story_id=None, title="t", sentences=[sentence])])])
    problems = check_briefing(briefing, {article.id: article})
    assert (problems == []) is title_names_it
