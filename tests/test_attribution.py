"""Attribution survives the write stage (issue #6), on real two-sentence reports through the real stages.

The texts are tests/data/web's Kyiv Independent-style reports: the General Staff's losses update, whose
second sentence says only "According to the report, …", and a Kursk report whose claim the next sentence
calls unverified. Facts come from the real understand stage, vectors from the real MiniLM model.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from warbrief.config import Settings
from warbrief.models import embed_texts
from warbrief.pipeline import Pipeline
from warbrief.publish import briefing_from_dict
from warbrief.records import Article, Briefing, BriefingItem, Citation, CitedSentence, Section, Story
from warbrief.store import open_store
from warbrief.taxonomy import load_taxonomy
from warbrief.understand.stage import understand_articles
from warbrief.web.app import create_app
from warbrief.write.attribution import carries_attribution, frame, framing_for, mark_unverified, unframed
from warbrief.write.cleanup import is_deletion_of
from warbrief.write.compose import WriteInput, WriteSettings, build_briefing
from warbrief.write.generate import rewrite_item
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
    assert marked.status == "unverified"
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


# -- the status of a written sentence, through every format ---------------------------------------------

# A small report whose claim the next sentence calls unverified, with markup a page could carry in its text.
DRONES_TITLE = "Drones <script>window.__xss = 1</script> over Kursk"
DRONES = (
    "Ukrainian drones attacked the Russian oblasts of Kursk and Belgorod overnight, local officials said.\n\n"
    "Russia's Ministry of Defense claimed its air defenses shot down 42 Ukrainian drones <b>&amp; two missiles</b> "
    "over the two oblasts. These claims could not be independently verified.\n\n"
    "Ukraine's General Staff said Russia has lost 1,580 troops in the past day."
)
CLAIM = "Russia's Ministry of Defense claimed its air defenses shot down 42 Ukrainian drones"
ESCAPED_CLAIM = ("Russia&#39;s Ministry of Defense claimed its air defenses shot down 42 Ukrainian drones "
                 "&lt;b&gt;&amp;amp; two missiles&lt;/b&gt; over the two oblasts")
UNVERIFIED_HTML = re.compile(
    r'<span class="s status-unverified" title="[^"<>]+">' + re.escape(ESCAPED_CLAIM)
    + r' <span class="unverified">\(unverified\)</span>\.</span>'
)
CLAIMED_HTML = ('<span class="s status-claimed" title="A claim by one side of the war, attributed as the source '
                'reports it">Ukraine&#39;s General Staff said Russia has lost 1,580 troops in the past day.</span>')


def drones_briefing(story_sentences: int) -> Briefing:
    article = Article(raw_id="raw_drones", index=0, title=DRONES_TITLE, text=DRONES, day=DAY, outlet="Outlet")
    articles, sentences, facts = understood(article)
    story = Story(day=DAY, article_ids=[article.id], title=article.title, outlets=["Outlet"],
                  section="operations_in_russia", importance=1.0)
    settings = WriteSettings(story_sentences=story_sentences)
    briefing = build_briefing(WriteInput(DAY, [story], articles, sentences, facts, embed_texts, settings),
                              load_taxonomy())
    assert check_briefing(briefing, articles) == []
    return briefing


def statuses(briefing: Briefing, section: str = "operations_in_russia") -> list[tuple[str | None, str]]:
    return [(s.status, s.text) for x in briefing.sections if x.id == section for i in x.items for s in i.sentences]


def test_every_written_sentence_carries_the_status_of_what_it_states() -> None:
    """Unverified outranks claimed; a sentence stating neither has none, whether or not a marker was written."""
    written = statuses(drones_briefing(3))
    assert [status for status, _ in written] == [None, "unverified", "claimed"]
    assert written[1][1].startswith(CLAIM) and written[1][1].endswith("over the two oblasts (unverified).")
    assert written[2][1] == "Ukraine's General Staff said Russia has lost 1,580 troops in the past day."
    # With the verdict written right after the claim, no marker is added, yet the claim stays unverified.
    written = statuses(drones_briefing(4))
    assert [status for status, _ in written] == [None, "unverified", None, "claimed"]
    assert "(unverified)" not in written[1][1]
    assert written[2][1] == "These claims could not be independently verified."


class _Echo:
    """A chat client that answers each numbered sentence as it came, "the two oblasts" shortened to "two oblasts"."""

    def complete(self, messages: list[dict[str, str]], max_tokens: int = 512) -> str:
        lines = messages[-1]["content"].splitlines()
        return "\n".join(re.sub(r" the two oblasts", " two oblasts", line) for line in lines)


def test_a_rewritten_sentence_keeps_its_status() -> None:
    item = next(i for s in drones_briefing(3).sections if s.id == "operations_in_russia" for i in s.items)
    rewritten = rewrite_item(item, _Echo())  # type: ignore[arg-type]
    assert rewritten.sentences[1].text.endswith("over two oblasts (unverified).")
    assert [s.status for s in rewritten.sentences] == [None, "unverified", "claimed"]


def test_an_unverified_claim_is_marked_in_every_format_built_by_the_real_pipeline(tmp_path: Path) -> None:
    """Ingest to publish, the store and the web app: the status survives each step and every format shows it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "drones.txt").write_text(f" date {DAY.isoformat()} {DRONES_TITLE}\n\n{DRONES}\n", "utf-8")
    db, out = tmp_path / "drones.db", tmp_path / "out"
    with Pipeline.open(Settings().with_overrides(db=str(db), story_sentences=3)) as pipeline:
        pipeline.ingest([folder], day=DAY)
        paths = pipeline.brief(DAY, out, formats=["html", "md", "json"]).paths

    document = json.loads(paths["json"].read_text("utf-8"))
    schema = json.loads(resources.files("warbrief.data").joinpath("briefing.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    written = [(s["status"], s["text"]) for x in document["sections"] if x["id"] == "operations_in_russia"
               for i in x["items"] for s in i["sentences"]]
    assert [status for status, _ in written] == [None, "unverified", "claimed"]

    html = paths["html"].read_text("utf-8")
    assert UNVERIFIED_HTML.search(html), html
    assert CLAIMED_HTML in html
    assert "<b>" not in html and "<script>window" not in html
    assert ".unverified {" in html and ".status-unverified {" in html  # styled by the page's own CSS

    markdown = paths["md"].read_text("utf-8")
    assert "\\<b\\>\\&amp; two missiles\\</b\\> over the two oblasts *(unverified)*.[^" in markdown

    with open_store(str(db)) as store:  # the stored JSON reads back with the status
        stored = briefing_from_dict(store.briefing(DAY) or {})
    assert [status for status, _ in statuses(stored)] == [None, "unverified", "claimed"]

    client = TestClient(create_app(db))
    day = client.get(f"/day/{DAY.isoformat()}").text
    assert UNVERIFIED_HTML.search(day) and CLAIMED_HTML in day
    story_id = document["sections"][0]["items"][0]["story_id"]
    story = client.get(f"/story/{story_id}").text
    assert UNVERIFIED_HTML.search(story) and CLAIMED_HTML in story
    assert "<b>" not in day + story
    assert ".status-unverified {" in client.get("/style.css").text
    summary = client.get(f"/api/stories/{story_id}").json()["summary"]
    assert [s["status"] for s in summary] == [status for status, _ in statuses(stored)]
