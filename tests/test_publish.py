"""Tests of the publish stage: JSON (schema, round trip), HTML (order, citations, safety), Markdown, files."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from warbrief.publish import (
    briefing_from_dict,
    briefing_to_dict,
    render_html,
    render_json,
    render_markdown,
    write_briefing,
)
from warbrief.publish.markdown import escape_md
from warbrief.records import (
    Briefing,
    BriefingItem,
    Citation,
    CitedSentence,
    CivilianCasualties,
    LossCount,
    Section,
    SourceRef,
)

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"

KI_URL = "https://kyivindependent.com/alabuga-drones/"
ISW_URL = (
    "https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-december-27-2024"
)
KP_URL = "https://www.kyivpost.com/post/44000"


def cite(
    article_id: str, quote: str, start: int, url: str | None, outlet: str | None, title: str
) -> Citation:
    return Citation(
        article_id=article_id,
        quote=quote,
        start=start,
        end=start + len(quote),
        outlet=outlet,
        url=url,
        origin=f"file:{article_id}.html",
        title=title,
    )


C_DRONES = cite(
    "art_ki1",
    "The Alabuga facility doubled its Shahed production, reaching 5,760 units.",
    0,
    KI_URL,
    "The Kyiv Independent",
    "Alabuga doubles drone output",
)
C_POKROVSK = cite(
    "art_isw1",
    "Russian forces advanced south of Pokrovsk and captured Novoyeliyzavetivka.",
    120,
    ISW_URL,
    "Institute for the Study of War",
    "Russian Offensive Campaign Assessment, December 27, 2024",
)
C_XSS = cite(
    "art_evil",
    f"Officials said {XSS_SCRIPT} the talks | [continue] {XSS_IMG}.",
    10,
    JS_URL,
    f"Evil {XSS_IMG}",
    f"# Peace {XSS_SCRIPT} talks",
)
C_LOSSES = cite(
    "art_kp1",
    "Personnel: about 784,200 (+1,690) people.",
    40,
    KP_URL,
    "Kyiv Post",
    "Russian losses as of December 27",
)
C_CIV = cite(
    "art_kp2",
    "Six civilians were killed and six injured over the past day.",
    0,
    KP_URL,
    "Kyiv Post",
    "Civilian casualties",
)

LOSSES = {
    "personnel": LossCount(today=1690, total=784200),
    "tanks": LossCount(today=7, total=9651),
    "artillery": LossCount(today=29, total=21408),
    "armored_vehicles": LossCount(today=19, total=19970),
    "aircraft": LossCount(today=None, total=369),
    "helicopters": LossCount(today=None, total=329),
    "ships": LossCount(today=None, total=28),
    "drones": LossCount(today=60, total=21000),
}


def item(story_id: str, title: str, *sentences: tuple[str, list[Citation]], corroboration: int = 1):
    return BriefingItem(
        story_id=story_id,
        title=title,
        sentences=[CitedSentence(text=t, citations=cs) for t, cs in sentences],
        corroboration=corroboration,
    )


def make_briefing() -> Briefing:
    """A small day: summary, peace (with hostile source text), Donetsk front with a direction,
    victims, losses, sources, and two sections left empty."""
    return Briefing(
        date=date(2024, 12, 27),
        generated_at=datetime(2024, 12, 27, 18, 30, tzinfo=UTC),
        sections=[
            Section(
                id="summary",
                title="Summary of the Day",
                items=[
                    item(
                        "story_a",
                        "Drone production",
                        ("Russia's Alabuga plant doubled Shahed output.", [C_DRONES]),
                        ("Russian forces advanced near Pokrovsk.", [C_POKROVSK, C_DRONES]),
                        corroboration=2,
                    )
                ],
            ),
            Section(id="beyond_ukraine", title="Beyond Ukraine – The March Towards World War"),
            Section(
                id="path_to_peace",
                title="The Path to Peace",
                preamble=f"Preamble {XSS_IMG}",
                items=[item("story_b", f"Talks {XSS_SCRIPT}", (f"Talks may resume {XSS_SCRIPT}.", [C_XSS]))],
            ),
            Section(id="donetsk_front", title="Donetsk Front"),
            Section(id="donetsk_siversk", title="Siversk", parent="donetsk_front"),
            Section(
                id="donetsk_pokrovsk",
                title="Pokrovsk",
                parent="donetsk_front",
                items=[
                    item("story_c", "Pokrovsk", ("Russian forces captured Novoyeliyzavetivka.", [C_POKROVSK]))
                ],
            ),
            Section(
                id="innocent_victims",
                title="Innocent Victims Of War",
                items=[item("story_d", "Donetsk strikes", ("Strikes killed six civilians.", [C_CIV]))],
            ),
            Section(id="russian_losses", title="Russian War Losses (Today/Total)"),
            Section(id="russia_allies", title="Russia's Allies"),
            Section(id="sources", title="Source Material"),
        ],
        losses=dict(LOSSES),
        losses_citations=[C_LOSSES],
        civilian_casualties=CivilianCasualties(killed=6, injured=6, citations=[C_CIV]),
        sources=[
            SourceRef(
                outlet="The Kyiv Independent",
                url=KI_URL,
                title="Alabuga doubles drone output",
                article_id="art_ki1",
            ),
            SourceRef(
                outlet="Institute for the Study of War",
                url=ISW_URL,
                title="Assessment",
                article_id="art_isw1",
            ),
            SourceRef(
                outlet=None,
                url=JS_URL,
                title=f"Evil {XSS_SCRIPT}",
                article_id="art_evil",
                origin="file:evil.html",
            ),
        ],
        stats={"articles": 4, "stories": 4, "day": date(2024, 12, 27)},
    )


def load_schema() -> dict:
    text = resources.files("warbrief.data").joinpath("briefing.schema.json").read_text("utf-8")
    return json.loads(text)


class LinkCollector(HTMLParser):
    """Collects every src/href attribute and every element id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.urls.append(value)
            if name == "id" and value is not None:
                self.ids.append(value)


def parse_html(page: str) -> LinkCollector:
    p = LinkCollector()
    p.feed(page)
    return p


# --- JSON -----------------------------------------------------------------------------------------


def test_json_validates_against_schema() -> None:
    data = json.loads(render_json(make_briefing()))
    jsonschema.Draft202012Validator.check_schema(load_schema())
    jsonschema.validate(data, load_schema(), cls=jsonschema.Draft202012Validator)


def test_json_shape_and_exact_losses() -> None:
    d = briefing_to_dict(make_briefing())
    assert list(d) == [
        "date",
        "generated_at",
        "title",
        "sections",
        "losses",
        "losses_citations",
        "civilian_casualties",
        "sources",
        "stats",
    ]
    assert d["date"] == "2024-12-27"
    assert d["generated_at"] == "2024-12-27T18:30:00+00:00"
    assert d["title"] == "Daily briefing — 2024-12-27"
    assert d["losses"]["personnel"] == {"today": 1690, "total": 784200}
    assert d["losses"]["tanks"] == {"today": 7, "total": 9651}
    assert d["losses"]["aircraft"] == {"today": None, "total": 369}
    assert d["losses"]["drones"] == {"today": 60, "total": 21000}
    assert list(d["losses"])[:7] == [
        "personnel",
        "tanks",
        "artillery",
        "armored_vehicles",
        "aircraft",
        "helicopters",
        "ships",
    ]
    assert d["civilian_casualties"]["killed"] == 6 and d["civilian_casualties"]["injured"] == 6
    assert d["losses_citations"][0]["quote"] == C_LOSSES.quote
    assert d["stats"] == {"articles": 4, "day": "2024-12-27", "stories": 4}


def test_json_items_text_and_citation_union() -> None:
    d = briefing_to_dict(make_briefing())
    summary = d["sections"][0]
    assert summary["id"] == "summary" and summary["parent"] is None
    it = summary["items"][0]
    assert (
        it["text"] == "Russia's Alabuga plant doubled Shahed output. Russian forces advanced near Pokrovsk."
    )
    assert it["corroboration"] == 2
    # C_DRONES is cited by both sentences but appears once in the union.
    assert [(c["article_id"], c["start"], c["end"]) for c in it["citations"]] == [
        ("art_ki1", C_DRONES.start, C_DRONES.end),
        ("art_isw1", C_POKROVSK.start, C_POKROVSK.end),
    ]
    assert set(it["citations"][0]) == {
        "article_id",
        "url",
        "outlet",
        "quote",
        "start",
        "end",
        "origin",
        "title",
    }
    pokrovsk = next(s for s in d["sections"] if s["id"] == "donetsk_pokrovsk")
    assert pokrovsk["parent"] == "donetsk_front"


def test_json_omits_empty_sections_but_keeps_data_sections() -> None:
    ids = [s["id"] for s in briefing_to_dict(make_briefing())["sections"]]
    assert ids == [
        "summary",
        "path_to_peace",
        "donetsk_front",
        "donetsk_pokrovsk",
        "innocent_victims",
        "russian_losses",
        "sources",
    ]
    assert "beyond_ukraine" not in ids and "donetsk_siversk" not in ids and "russia_allies" not in ids


def test_json_round_trip() -> None:
    b = make_briefing()
    d = briefing_to_dict(b)
    b2 = briefing_from_dict(json.loads(render_json(b)))
    assert briefing_to_dict(b2) == d
    assert b2.losses == b.losses
    assert b2.civilian_casualties == b.civilian_casualties
    assert b2.sources == b.sources
    assert b2.generated_at == b.generated_at
    assert b2.date == b.date
    kept = [s for s in b.sections if s.id in {s2.id for s2 in b2.sections}]
    assert b2.sections == kept
    assert render_html(b2) == render_html(b)
    assert render_markdown(b2) == render_markdown(b)


def test_render_json_is_stable_and_utf8() -> None:
    text = render_json(make_briefing())
    assert text == render_json(make_briefing())
    assert "Beyond" not in text
    assert "—" in text  # ensure_ascii=False keeps the em dash
    assert text.startswith('{\n  "date": "2024-12-27",')


def test_json_without_optional_data() -> None:
    b = Briefing(
        date=date(2025, 1, 2),
        sections=[
            Section(id="russian_losses", title="Losses"),
            Section(id="sources", title="Source Material"),
        ],
    )
    d = briefing_to_dict(b)
    assert d["sections"] == []
    assert d["civilian_casualties"] is None and d["generated_at"] is None
    assert d["losses"]["personnel"] == {"today": None, "total": None}
    jsonschema.validate(d, load_schema(), cls=jsonschema.Draft202012Validator)
    assert briefing_from_dict(d) == Briefing(date=date(2025, 1, 2), sections=[])


# --- HTML -----------------------------------------------------------------------------------------


def test_html_sections_in_order_with_anchors() -> None:
    page = render_html(make_briefing())
    titles = [
        "Summary of the Day",
        "The Path to Peace",
        "Donetsk Front",
        "Pokrovsk",
        "Innocent Victims Of War",
        "Russian War Losses (Today/Total)",
        "Source Material",
    ]
    main = page[page.index("<main>") :]
    positions = [main.index(f">{t}</h") for t in titles]
    assert positions == sorted(positions)
    assert "<h3>Pokrovsk</h3>" in main and "<h2>Donetsk Front</h2>" in main
    ids = parse_html(page).ids
    for sid in [
        "summary",
        "path_to_peace",
        "donetsk_front",
        "donetsk_pokrovsk",
        "innocent_victims",
        "russian_losses",
        "sources",
        "citations",
    ]:
        assert f'<section id="{sid}"' in page
        assert sid in ids
    # the table of contents links every shown section
    toc = page[page.index('<nav class="toc"') : page.index("</nav>")]
    assert '<a href="#donetsk_pokrovsk">Pokrovsk</a>' in toc


def test_html_omits_empty_sections() -> None:
    page = render_html(make_briefing())
    for gone in ["Beyond Ukraine", "Siversk", "Russia&#39;s Allies", "Russia's Allies"]:
        assert gone not in page


def test_html_losses_table_and_civilians() -> None:
    page = render_html(make_briefing())
    table = page[page.index('<table class="losses">') : page.index("</table>")]
    assert '<th scope="col">Category</th><th scope="col">Today</th><th scope="col">Total</th>' in table
    assert '<tr><th scope="row">Personnel</th><td>+1,690</td><td>784,200</td></tr>' in table
    assert '<tr><th scope="row">Tanks</th><td>+7</td><td>9,651</td></tr>' in table
    assert '<tr><th scope="row">Aircraft</th><td></td><td>369</td></tr>' in table
    assert '<tr><th scope="row">Drones</th><td>+60</td><td>21,000</td></tr>' in table
    victims = page[page.index('<section id="innocent_victims"') :]
    assert victims.index("DEATHS: 6 INJURIES: 6") < victims.index("Strikes killed six civilians.")


def test_html_citations_quotes_and_links() -> None:
    b = make_briefing()
    page = render_html(b)
    assert '<span class="s">Russia&#39;s Alabuga plant doubled Shahed output.</span>' in page
    assert '<a href="#cite-1" aria-label="citation 1">[1]</a>' in page
    cites = page[page.index('<ol class="citations">') :]
    for c in [C_DRONES, C_POKROVSK, C_LOSSES, C_CIV]:
        assert f"<blockquote>{c.quote.replace(chr(39), '&#39;')}</blockquote>" in cites
    # one entry per source sentence, even when cited several times
    assert cites.count(f"<blockquote>{C_DRONES.quote}</blockquote>") == 1
    assert cites.count('<li id="cite-') == 5
    links = parse_html(page)
    for n in range(1, 6):
        assert f"#cite-{n}" in links.urls and f"cite-{n}" in links.ids
    allowed = {KI_URL, ISW_URL, KP_URL}
    external = {u for u in links.urls if not u.startswith("#")}
    assert external == allowed


def test_html_is_self_contained_and_responsive() -> None:
    page = render_html(make_briefing())
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "max-width: 46rem" in page and "@media print" in page
    tags = parse_html(page).tags
    for tag in ["script", "link", "img", "iframe", "object", "embed"]:
        assert tag not in tags
    assert "@import" not in page and "url(" not in page


def test_html_escapes_hostile_source_text() -> None:
    page = render_html(make_briefing())
    assert XSS_SCRIPT not in page
    assert XSS_IMG not in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    links = parse_html(page)
    assert not any(u.strip().lower().startswith("javascript:") for u in links.urls)
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)
    # the javascript: URL is still shown, as text
    assert f'<span class="url">{JS_URL}</span>' in page


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_structure_table_and_footnotes() -> None:
    md = render_markdown(make_briefing())
    assert md.startswith("# Daily briefing — 2024-12-27\n")
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# Daily briefing — 2024-12-27",
        "## Summary of the Day",
        "## The Path to Peace",
        "## Donetsk Front",
        "### Pokrovsk",
        "## Innocent Victims Of War",
        "## Russian War Losses (Today/Total)",
        "## Source Material",
    ]
    assert "| Category | Today | Total |" in md
    assert "| Personnel | +1,690 | 784,200 |" in md
    assert "| Aircraft |  | 369 |" in md
    assert (
        "Russia's Alabuga plant doubled Shahed output.[^1] Russian forces advanced near Pokrovsk.[^2][^1]"
        in md
    )
    assert "**The casualty count of civilians in the past 24 hours: DEATHS: 6 INJURIES: 6**" in md
    assert (
        f"[^1]: **The Kyiv Independent**, [Alabuga doubles drone output](<{KI_URL}>): “{C_DRONES.quote}”"
        in md
    )
    footnotes = [line for line in md.splitlines() if re.match(r"\[\^\d+\]:", line)]
    assert len(footnotes) == 5
    assert "- **The Kyiv Independent** — Alabuga doubles drone output — <" + KI_URL + ">" in md


def test_markdown_escapes_source_structure() -> None:
    md = render_markdown(make_briefing())
    assert not re.search(r"(?<!\\)<(script|img|/script)", md)
    assert "](javascript:" not in md and "<javascript:" not in md
    # the hostile quote's '|' and '[...]' and the title's leading '#' are escaped
    assert r"the talks \| \[continue\]" in md
    assert r"\# Peace \<script\>" in md
    assert escape_md("# heading") == r"\# heading"
    assert escape_md("1. item") == r"1\. item"
    assert escape_md("- item") == r"\- item"
    assert escape_md("a\n\n## b") == "a ## b"  # newlines collapse, so a mid-line # is inert


def test_markdown_renders_without_raw_html() -> None:
    """Through a real CommonMark renderer (raw HTML allowed), hostile text stays text."""
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(render_markdown(make_briefing()))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<h3>Pokrovsk</h3>" in html and "<table>" not in html  # commonmark preset has no tables


def test_markdown_omits_empty_sections() -> None:
    md = render_markdown(make_briefing())
    assert "Beyond Ukraine" not in md and "Siversk" not in md and "Russia's Allies" not in md


def test_data_sections_dropped_when_their_data_is_empty() -> None:
    b = make_briefing()
    b.losses = {}
    b.losses_citations = []
    b.sources = []
    b.civilian_casualties = None
    ids = [s["id"] for s in briefing_to_dict(b)["sections"]]
    assert "russian_losses" not in ids and "sources" not in ids
    assert "innocent_victims" in ids  # it still has an item
    page = render_html(b)
    assert "<table" not in page and "Source Material" not in page and "DEATHS" not in page
    md = render_markdown(b)
    assert "| Category |" not in md and "Source Material" not in md


def test_victims_section_shown_for_the_count_alone() -> None:
    b = make_briefing()
    victims = next(s for s in b.sections if s.id == "innocent_victims")
    victims.items = []
    assert "innocent_victims" in [s["id"] for s in briefing_to_dict(b)["sections"]]
    assert "DEATHS: 6 INJURIES: 6" in render_html(b)


# --- files ----------------------------------------------------------------------------------------


def test_write_briefing_writes_three_files(tmp_path: Path) -> None:
    b = make_briefing()
    out = tmp_path / "out" / "nested"
    paths = write_briefing(b, out)
    assert set(paths) == {"html", "md", "json"}
    assert paths["html"] == out / "briefing-2024-12-27.html"
    assert paths["md"] == out / "briefing-2024-12-27.md"
    assert paths["json"] == out / "briefing-2024-12-27.json"
    assert paths["html"].read_text("utf-8") == render_html(b)
    assert paths["md"].read_text("utf-8") == render_markdown(b)
    assert json.loads(paths["json"].read_text("utf-8")) == briefing_to_dict(b)
    assert sorted(p.name for p in out.iterdir()) == [
        "briefing-2024-12-27.html",
        "briefing-2024-12-27.json",
        "briefing-2024-12-27.md",
    ]
    # writing again replaces the files and leaves no temporary file behind
    write_briefing(b, out, formats=("json",))
    assert len(list(out.iterdir())) == 3


def test_write_briefing_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_briefing(make_briefing(), tmp_path / "x", formats=("html", "pdf"))
    assert not (tmp_path / "x").exists()


class BlockquoteText(HTMLParser):
    """The text of every <blockquote>, with entities decoded as a browser would show it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.quotes: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self._inside = True
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.quotes[-1] += data


def test_html_quotes_are_verbatim_once_parsed() -> None:
    """Escaping changes the bytes, never the text a reader sees."""
    parser = BlockquoteText()
    parser.feed(render_html(make_briefing()))
    assert parser.quotes == [C_DRONES.quote, C_POKROVSK.quote, C_XSS.quote, C_CIV.quote, C_LOSSES.quote]


def test_data_sections_added_when_pipeline_left_them_out() -> None:
    b = make_briefing()
    b.sections = [s for s in b.sections if s.id not in ("innocent_victims", "russian_losses", "sources")]
    ids = [s["id"] for s in briefing_to_dict(b)["sections"]]
    assert ids[-3:] == ["innocent_victims", "russian_losses", "sources"]
    page = render_html(b)
    assert "DEATHS: 6 INJURIES: 6" in page and "<td>784,200</td>" in page


def test_direction_without_its_front_is_top_level() -> None:
    b = make_briefing()
    b.sections = [s for s in b.sections if s.id != "donetsk_front"]
    assert "## Pokrovsk" in render_markdown(b).splitlines()
    assert "<h2>Pokrovsk</h2>" in render_html(b)


# --- Sentence status (issue #6): claimed and unverified sentences in every format -----------------


def status_briefing() -> Briefing:
    """One paragraph: an unverified claim with the marker and hostile text, a claimed sentence, a sentence saying
    itself that it is unverified, and one whose source text happens to hold "(unverified)" but has no status."""
    sentences = [
        CitedSentence(f"Russia claimed it downed 42 drones {XSS_SCRIPT} over Kursk (unverified).", [C_XSS],
                      status="unverified"),
        CitedSentence("According to the General Staff, Russia lost 1,690 troops.", [C_LOSSES], status="claimed"),
        CitedSentence("The claim could not be independently verified.", [C_DRONES], status="unverified"),
        CitedSentence("Talks may resume (unverified).", [C_POKROVSK]),
    ]
    item = BriefingItem(story_id="story_s", title="Claims", sentences=sentences)
    return Briefing(date=date(2024, 12, 27), sections=[Section(id="ukraine_news", title="Ukraine News", items=[item])])


def test_json_sentence_status_validates_and_round_trips() -> None:
    b = status_briefing()
    d = json.loads(render_json(b))
    jsonschema.validate(d, load_schema(), cls=jsonschema.Draft202012Validator)
    sentences = d["sections"][0]["items"][0]["sentences"]
    assert [s["status"] for s in sentences] == ["unverified", "claimed", "unverified", None]
    assert list(sentences[0]) == ["text", "status", "citations"]
    assert sentences[0]["text"].endswith("over Kursk (unverified).")  # the prose keeps its marker
    again = briefing_from_dict(d)
    assert again.sections == b.sections
    assert render_json(again) == render_json(b)


def test_json_without_sentence_status_still_loads_and_validates() -> None:
    """Briefings stored before sentences had a status: the key is absent, the status None, the rendering the same."""
    b = make_briefing()
    d = briefing_to_dict(b)
    for section in d["sections"]:
        for it in section["items"]:
            for s in it["sentences"]:
                assert s.pop("status") is None
    jsonschema.validate(d, load_schema(), cls=jsonschema.Draft202012Validator)
    old = briefing_from_dict(d)
    assert all(s.status is None for x in old.sections for i in x.items for s in i.sentences)
    assert briefing_to_dict(old) == briefing_to_dict(b)
    assert render_html(old) == render_html(b)
    # A value this version does not know is read as no status (the schema itself refuses it).
    d["sections"][0]["items"][0]["sentences"][0]["status"] = "confirmed"
    assert briefing_from_dict(d).sections[0].items[0].sentences[0].status is None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, load_schema(), cls=jsonschema.Draft202012Validator)


def test_html_styles_claimed_and_unverified_sentences_escaped() -> None:
    page = render_html(status_briefing())
    unverified = re.search(
        r'<span class="s status-unverified" title="([^"<>]+)">Russia claimed it downed 42 drones '
        r"&lt;script&gt;alert\(1\)&lt;/script&gt; over Kursk "
        r'<span class="unverified">\(unverified\)</span>\.</span><sup class="ref">', page)
    assert unverified and "could not be independently verified" in unverified.group(1)
    assert re.search(r'<span class="s status-claimed" title="[^"<>]+">According to the General Staff, Russia lost '
                     r"1,690 troops\.</span>", page)
    # Unverified by its own words: styled, nothing to wrap.
    assert re.search(r'<span class="s status-unverified" title="[^"<>]+">The claim could not be independently '
                     r"verified\.</span>", page)
    # No status: the words are shown as written, unstyled.
    assert '<span class="s">Talks may resume (unverified).</span>' in page
    assert page.count('<span class="unverified">') == 1
    assert XSS_SCRIPT not in page and "<script" not in page.lower()
    assert ".unverified {" in page and ".status-unverified {" in page and ".status-claimed {" in page


def test_markdown_keeps_the_marker_as_text_in_italics() -> None:
    md = render_markdown(status_briefing())
    assert r"Russia claimed it downed 42 drones \<script\>alert(1)\</script\> over Kursk *(unverified)*.[^1]" in md
    assert "According to the General Staff, Russia lost 1,690 troops.[^2]" in md
    assert "The claim could not be independently verified.[^3]" in md
    assert "Talks may resume (unverified).[^4]" in md  # no status, no emphasis
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(md)
    assert "over Kursk <em>(unverified)</em>." in html
    assert "<script" not in html
