"""Section placement of stories that no digest heading files: places, keywords and exemplars decide."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from warbrief.config import Settings
from warbrief.group.sections import TermIndex, direction_of_fire, first_named_side
from warbrief.pipeline import Pipeline
from warbrief.records import Fact
from warbrief.taxonomy import TaxonomyError, parse_taxonomy

DAY = date(2025, 3, 3)
DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"
REPORTS = [
    (
        "vremivka",
        "Russian forces advance near Vremivka",
        "Russian forces advanced near Vremivka and attacked toward Novodarivka on Sunday, according to Ukrainian "
        "military observers. Ukrainian units repelled two assaults near Rozdolne. Geolocated footage shows Russian "
        "armor moving along the road west of the village.",
    ),
    (
        "kozatskyi",
        "Landing attempt on Dnipro island repelled",
        "Ukrainian forces repelled a Russian attempt to land on Kozatskyi Island in the Dnipro delta, the Southern "
        "Defense Forces said. Russian troops used boats under the cover of fog and lost several of them.",
    ),
    (
        "sudzha",
        "Fighting near Sudzha",
        "Ukrainian troops continued to defend positions near Sudzha in Kursk Oblast as Russian airborne units "
        "attacked from the north. Russian milbloggers claimed advances near Martynovka that remain unconfirmed.",
    ),
    (
        "bonus",
        "Region raises enlistment bonus",
        "The Samara region increased its one-off enlistment bonus for new military contracts to 3.6 million "
        "rubles, the regional government said, as Russian authorities struggle to attract volunteers to sign "
        "contracts with the Defense Ministry.",
    ),
    (
        "shahed",
        "Air defenses down 31 Russian drones launched from Bryansk",
        "Russian forces launched 40 Shahed drones from Bryansk and Kursk oblasts overnight, the Ukrainian Air Force "
        "said. Ukrainian air defenses shot down 31 drones over Sumy, Chernihiv and Poltava oblasts, and a drone "
        "debris fire damaged a warehouse in Bryansk Oblast's border area. Two civilians were injured in Sumy.",
    ),
    (
        "depot",
        "Drones hit oil depot in Bryansk Oblast",
        "Ukrainian drones struck an oil depot in Bryansk Oblast overnight, setting fuel tanks on fire, Bryansk "
        "Governor Alexander Bogomaz said. Russia's Defense Ministry claimed that air defenses shot down 20 Ukrainian "
        "drones over Bryansk and Kursk oblasts.",
    ),
    (
        "kab",
        "Guided bomb kills two in Kupiansk",
        "A Russian guided bomb hit a residential street in Kupiansk, Kharkiv Oblast, killing two civilians and "
        "injuring four, Governor Oleh Syniehubov said. Russian forces also attacked Ukrainian positions near "
        "Petropavlivka and Kruhliakivka, where fighting continues.",
    ),
    (
        "fortress",
        "Glide bombs hit Kostiantynivka and Druzhkivka",
        "Russian aircraft dropped glide bombs on Kostiantynivka and Druzhkivka as Russian troops tried to approach "
        "the cities from the southeast, Ukrainian officials said. The Russians also shelled the outskirts of "
        "Kramatorsk. Analysts expect the next Russian push to target the last large cities Ukraine holds in the "
        "region.",
    ),
    (
        "swap",
        "Ukraine and Russia swap prisoners",
        "Ukraine and Russia exchanged 190 prisoners of war each in a swap mediated by the United Arab Emirates, "
        "Zelensky said. Among those returned were marines captured in Mariupol in 2022. The coordination "
        "headquarters said work on the next exchange has started.",
    ),
    (
        "overnight",
        "Missile strike on the power grid forces outages",
        "Russian forces fired 43 missiles, including Kh-101 cruise missiles and Kinzhal hypersonic missiles, at "
        "Ukraine's energy infrastructure overnight, the Ukrainian Air Force said, and air defenses shot down 34 of "
        "them. Ukrenergo announced emergency power outages in several regions after two thermal power plants were "
        "damaged.",
    ),
    (
        "su25",
        "Ukrainian pilots down a Russian Su-25 over the east",
        "Ukraine's Air Force said on Thursday that its pilots shot down a Russian Su-25 attack aircraft over the "
        "eastern front, the second lost by Russia this month. Air Force spokesperson Yurii Ihnat said the downing "
        "would force Russian pilots to fire their rockets from farther away, and that Russia keeps losing "
        "aircraft to Ukraine's mobile air defense groups.",
    ),
    (
        "belgorod",
        "Drone hits apartment block in Belgorod, governor says",
        "A Ukrainian drone struck a nine-story apartment block in Belgorod on Sunday, killing one resident and "
        "injuring four, Belgorod Governor Vyacheslav Gladkov said on Telegram. Russia's Defense Ministry said its "
        "air defenses shot down 17 Ukrainian drones over Belgorod Oblast overnight.",
    ),
]


@pytest.fixture(scope="module")
def sections(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("sections")
    feed = work / "reports.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps(
                {
                    "url": f"https://news.test/{key}",
                    "title": title,
                    "date": DAY.isoformat(),
                    "outlet": "news.test",
                    "text": text,
                }
            )
            for key, title, text in REPORTS
        ),
        "utf-8",
    )
    with Pipeline.open(Settings(db=str(work / "store.db"))) as pipeline:
        pipeline.ingest([feed])
        pipeline.understand_pending(DAY)
        stories = pipeline.group(DAY)
        urls = {a.id: a.url for a in pipeline.store.articles(day=DAY)}
    return {urls[s.article_ids[0]].rsplit("/", 1)[1]: s.section for s in stories}


def test_ground_fighting_lands_in_its_front_and_direction(sections: dict[str, str]) -> None:
    assert sections["vremivka"] == "donetsk_velyka_novosilka"
    assert sections["kozatskyi"] == "kherson_front"


def test_fighting_inside_russia_lands_in_operations_in_russia(sections: dict[str, str]) -> None:
    assert sections["sudzha"] == "operations_in_russia"


def test_civilians_killed_in_a_front_town_are_innocent_victims(sections: dict[str, str]) -> None:
    """The lead states civilian casualties: the editor files it under the victims, not under the front."""
    assert sections["kab"] == "innocent_victims"


def test_recruitment_lands_in_russian_mobilization(sections: dict[str, str]) -> None:
    assert sections["bonus"] == "russia_mobilization"


def test_a_russian_attack_on_ukraine_is_not_an_operation_in_russia(sections: dict[str, str]) -> None:
    """Named Russian launch sites (Bryansk, Kursk) must not outweigh who is firing at whom."""
    assert sections["shahed"] != "operations_in_russia"
    assert sections["depot"] == "operations_in_russia"


def test_direction_of_fire_counts_attributed_strikes() -> None:
    def fact(kind: str, attacker: str | None) -> Fact:
        return Fact("a", kind, 0, 1, {"attacker": attacker})

    assert (
        direction_of_fire([fact("air_defense", "russia"), fact("strike", "russia"), fact("strike", None)]) == "russia"
    )
    assert direction_of_fire([fact("air_defense", "russia"), fact("air_defense", "ukraine")]) is None
    assert direction_of_fire([fact("losses", "ukraine")]) is None
    assert direction_of_fire([]) is None
    # The lead decides between a report of the other side's figures further down and the story itself.
    both = [
        Fact("a", "air_defense", 10, 20, {"attacker": "russia"}),
        Fact("a", "air_defense", 900, 910, {"attacker": "ukraine"}),
    ]
    assert direction_of_fire(both) is None
    assert direction_of_fire(both, {"a": 300}) == "russia"


def test_taxonomy_fire_must_name_a_side() -> None:
    text = "name: t\nsections:\n  - id: ops\n    title: Ops\n    fire: nato\n"
    with pytest.raises(TaxonomyError, match="fire must be 'russia' or 'ukraine'"):
        parse_taxonomy(text, "mine.yaml")
    assert parse_taxonomy(text.replace("nato", "ukraine"), "mine.yaml")["ops"].fire == "ukraine"


def test_taxonomy_actor_must_name_a_side_and_lead_facts_are_kinds() -> None:
    text = "name: t\nsections:\n  - id: mob\n    title: Mob\n    actor: nato\n"
    with pytest.raises(TaxonomyError, match="actor must be 'russia' or 'ukraine'"):
        parse_taxonomy(text, "mine.yaml")
    fixed = text.replace("nato", "russia") + "    lead_facts: [civilian_casualties]\n"
    spec = parse_taxonomy(fixed, "mine.yaml")["mob"]
    assert (spec.actor, spec.lead_facts) == ("russia", ["civilian_casualties"])


def test_the_side_a_lead_names_first() -> None:
    assert first_named_side("Russian occupation authorities are forming new reserve units.") == "russia"
    assert first_named_side("Ukraine's parliament lowered the mobilization age; Russia objected.") == "ukraine"
    assert first_named_side("Zelenskyy signed the law.") == "ukraine"
    assert first_named_side("The Samara region raised its bonus.") is None


def test_an_aircraft_downed_as_the_air_force_said_is_the_air_war_not_ukraine_news(
    sections: dict[str, str],
) -> None:
    """ "The Air Force said" attributes the overnight count and the air war alike: it files neither."""
    assert sections["su25"] == "land_sea_air"


def test_civilians_killed_in_russia_by_ukrainian_drones_are_an_operation_in_russia(
    sections: dict[str, str],
) -> None:
    """Innocent Victims Of War reports the victims of Russia's fire (``fire: russia``): a story whose strikes
    are Ukraine's goes with the governor's damage report, however its lead counts the dead."""
    assert sections["belgorod"] == "operations_in_russia"


def test_the_nearest_exemplars_vote_across_sections() -> None:
    """One close exemplar of a section does not outvote a neighbourhood that mostly belongs to another: the
    ``KNN_K`` nearest exemplars of all sections vote, and the evidence says how many each section had."""
    import numpy as np

    from warbrief.group import sections as module
    from warbrief.records import Article

    taxonomy = parse_taxonomy(
        "name: t\nsections:\n"
        "  - id: crowd\n    title: Crowd\n    exemplars: [c1, c2, c3]\n"
        "  - id: lone\n    title: Lone\n    exemplars: [l1]\n",
        "t.yaml",
    )

    def unit(angle: float) -> np.ndarray:
        return np.array([np.cos(angle), np.sin(angle)], dtype=np.float32)

    # The story is the x axis; the lone exemplar is slightly closer than each of the crowd's three.
    vectors = {"c1": unit(0.70), "c2": unit(-0.70), "c3": unit(0.72), "l1": unit(0.66)}

    def embed(texts: object) -> np.ndarray:
        return np.vstack([vectors[t] for t in texts])  # type: ignore[attr-defined]

    article = Article(raw_id="r", index=0, title="A story", text="Nothing that any keyword matches.", day=DAY)
    decision = module.classify_story([article], unit(0.0), taxonomy, [], embed)
    assert decision.section == "crowd"
    assert f"3 of the {module.KNN_K} nearest exemplars" in decision.evidence["crowd"]
    assert f"1 of the {module.KNN_K} nearest exemplars" in decision.evidence["lone"]
    # Without the vote, the lone exemplar's closeness would decide.
    alone = module.EXEMPLAR_WEIGHT * (float(np.cos(0.66)) - float(np.cos(0.70)))
    assert decision.scores["crowd"] - decision.scores["lone"] < module.KNN_WEIGHT
    assert alone > 0


def test_each_report_is_its_own_story(sections: dict[str, str]) -> None:
    assert len(sections) == len(REPORTS)


def test_a_front_keeps_a_story_that_names_no_place_of_its_directions(sections: dict[str, str]) -> None:
    """Kostiantynivka, Druzhkivka and Kramatorsk are Donetsk Front places outside every direction: exemplar
    similarity alone does not move the story into a direction."""
    assert sections["fortress"] == "donetsk_front"


def test_a_prisoner_exchange_in_the_lead_is_ukraine_news(sections: dict[str, str]) -> None:
    assert sections["swap"] == "ukraine_news"


def test_russian_fire_on_ukraine_is_ukraine_news_whoever_the_lead_names_first(sections: dict[str, str]) -> None:
    """The lead names Russia first, but the story counts Russia's strikes: the actor rule does not hold Ukraine
    News back."""
    assert sections["overnight"] == "ukraine_news"


def test_the_actor_rule_spares_a_section_when_the_side_named_first_is_the_one_firing() -> None:
    import numpy as np

    from warbrief.group.sections import classify_story
    from warbrief.records import Article
    from warbrief.taxonomy import load_taxonomy

    text = "Russian forces fired 43 missiles at Ukraine overnight, the Air Force said. Most were shot down."
    article = Article(raw_id="r", index=0, title="Overnight attack", text=text, day=DAY)
    fire = [
        Fact(article.id, "strike", 0, 40, {"attacker": "russia"}),
        Fact(article.id, "air_defense", 41, 80, {"attacker": "russia"}),
    ]
    held = "held back: the lead names russia first"
    taxonomy = load_taxonomy()
    without = classify_story([article], np.zeros(0), taxonomy, [], facts=[])
    assert held in without.evidence.get("ukraine_news", [])
    firing = classify_story([article], np.zeros(0), taxonomy, [], facts=fire)
    assert held not in firing.evidence.get("ukraine_news", [])
    assert firing.section == "ukraine_news"


def test_the_owner_of_the_weapons_is_not_the_side_acting() -> None:
    assert first_named_side("Russian drones attacked Kyiv for the third night in a row.") == "ukraine"
    assert first_named_side("Russian missiles hit Odesa; Russia said it struck ports.") == "russia"
    assert first_named_side("Russian forces launched 24 drones at Ukraine.") == "russia"


def test_keywords_match_their_plurals_and_the_longest_term_wins() -> None:
    index = TermIndex.build(
        {"beyond": ["undersea cable", "sabotage"], "mob": ["recruit", "recruitment"], "allies": ["new sanctions"]},
        case_sensitive=False,
    )
    found = index.matches("Two Undersea Cables were cut; recruits and recruitment; NEW SANCTIONS; sabotages.")
    assert found == {
        "beyond": {"undersea cable": 1, "sabotage": 1},
        "mob": {"recruit": 1, "recruitment": 1},
        "allies": {"new sanctions": 1},
    }
    places = TermIndex.build({"kharkiv": ["Vovchansk"], "lsa": ["Crimea"]}, case_sensitive=True)
    assert places.matches("Vovchansks and vovchansk and Vovchansk; Crimea.") == {
        "kharkiv": {"Vovchansk": 1},
        "lsa": {"Crimea": 1},
    }


# --- the shortcut of TermIndex: the same matches as the full pattern scanned over the whole text --------------

EDGE_TEXTS = [
    "",
    "Kremlin",
    "\u212aremlin said (Kelvin sign K); \u017fanctions package (long s); \u0130ran and \u0131ran; Orbán, ORBÁN",
    "Kreml\u0130n İstanbul talks; peace talks\npeace  talks; air force said: AIR FORCE SAID",
    "undersea cables, undersea cablees, undersea cable_s, kh-101s and Kh-101, f-16s, F-16 jets",
    "Купянськ Kupiansk-Vuzlovyi Kupiansk Stari Terny Terny Niu-York New York Chasiv Yar Chasiv Yarr",
    "recruitment recruit recruits recruites mobilization-law mobilization law Mobilizations",
    "Ukraine’s ‘war’ crimes — “civilians”; war-crimes; war crimes; WAR CRIMES; civilians’ homes",
]


def _full_scan(index: TermIndex, text: str) -> dict[str, dict[str, int]]:
    return dataclasses.replace(index, shortcut=None).matches(text)


@pytest.fixture(scope="module")
def demo_texts() -> list[str]:
    from warbrief.extract.articles import extract_articles
    from warbrief.ingest.files import read_paths
    from warbrief.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    texts = []
    for raw in read_paths(sorted(DEMO.glob("*.txt")), day=DAY):
        texts += [f"{a.title}\n{a.text}" for a in extract_articles(raw, taxonomy)]  # type: ignore[arg-type]
    return texts


def test_the_term_index_shortcut_finds_what_the_full_pattern_finds(demo_texts: list[str]) -> None:
    from warbrief.taxonomy import load_taxonomy

    specs = load_taxonomy().story_sections()
    keywords = TermIndex.build({s.id: s.keywords for s in specs}, case_sensitive=False)
    places = TermIndex.build({s.id: s.places for s in specs}, case_sensitive=True)
    assert keywords.shortcut is not None and places.shortcut is not None
    texts = [*EDGE_TEXTS, *demo_texts, "\n".join(demo_texts)]
    assert len(demo_texts) >= 50
    for text in texts:
        assert keywords.matches(text) == _full_scan(keywords, text), text[:80]
        assert places.matches(text) == _full_scan(places, text), text[:80]


def test_a_term_the_shortcut_cannot_vouch_for_falls_back_to_the_full_pattern() -> None:
    odd = TermIndex.build({"x": ["-minus", "plus"]}, case_sensitive=False)  # does not start with a word
    assert odd.shortcut is None
    assert odd.matches("A -minus and a plus.") == {"x": {"-minus": 1, "plus": 1}}
    dotless = TermIndex.build({"x": ["\u0131ran"]}, case_sensitive=False)  # "ı" matches an ASCII "I"
    assert dotless.shortcut is None
    assert dotless.matches("IRAN, Iran and \u0131ran") == _full_scan(dotless, "IRAN, Iran and \u0131ran")


def test_section_decisions_are_the_same_with_and_without_the_shortcut(
    demo_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every demo article as a one-article story, with its real places and facts: same section, secondary
    sections, scores and evidence whether the terms are found with the shortcut or by the full scan."""
    from warbrief.group import sections as module
    from warbrief.group.stories import article_embedding_text
    from warbrief.models import embed_texts
    from warbrief.records import Article
    from warbrief.taxonomy import load_taxonomy
    from warbrief.understand.stage import understand_articles

    taxonomy = load_taxonomy()
    articles = [
        Article(raw_id=f"demo-{i}", index=0, title=t.split("\n", 1)[0], text=t.split("\n", 1)[1], day=DAY)
        for i, t in enumerate(demo_texts)
        if "\n" in t
    ]
    understood = {u.article_id: u for u in understand_articles(articles)}
    vectors = embed_texts([article_embedding_text(a) for a in articles])

    def decide() -> list[tuple[object, ...]]:
        out = []
        for article, vector in zip(articles, vectors, strict=True):
            u = understood[article.id]
            places = [m for m in u.mentions if m.label == "PLACE"]
            for linked in (places, []):  # linked places, and the plain name matching used without them
                d = module.classify_story([article], vector, taxonomy, linked, embed_texts, u.facts)
                out.append((d.section, d.secondary, d.scores, d.evidence))
        return out

    fast = decide()
    model = module._section_model(taxonomy, embed_texts)
    slow_model = dataclasses.replace(
        model,
        keywords=dataclasses.replace(model.keywords, shortcut=None),
        places=dataclasses.replace(model.places, shortcut=None),
    )
    monkeypatch.setattr(module, "_section_model", lambda *_: slow_model)
    assert decide() == fast
    assert len({d[0] for d in fast}) >= 8
