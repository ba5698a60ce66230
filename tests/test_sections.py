"""Section placement of stories that no digest heading files: places, keywords and exemplars decide."""

from __future__ import annotations

import json
from datetime import date

import pytest

from warbrief.config import Settings
from warbrief.group.sections import direction_of_fire, first_named_side
from warbrief.pipeline import Pipeline
from warbrief.records import Fact
from warbrief.taxonomy import TaxonomyError, parse_taxonomy

DAY = date(2025, 3, 3)
REPORTS = [
    ("vremivka", "Russian forces advance near Vremivka",
     "Russian forces advanced near Vremivka and attacked toward Novodarivka on Sunday, according to Ukrainian "
     "military observers. Ukrainian units repelled two assaults near Rozdolne. Geolocated footage shows Russian "
     "armor moving along the road west of the village."),
    ("kozatskyi", "Landing attempt on Dnipro island repelled",
     "Ukrainian forces repelled a Russian attempt to land on Kozatskyi Island in the Dnipro delta, the Southern "
     "Defense Forces said. Russian troops used boats under the cover of fog and lost several of them."),
    ("sudzha", "Fighting near Sudzha",
     "Ukrainian troops continued to defend positions near Sudzha in Kursk Oblast as Russian airborne units "
     "attacked from the north. Russian milbloggers claimed advances near Martynovka that remain unconfirmed."),
    ("bonus", "Region raises enlistment bonus",
     "The Samara region increased its one-off enlistment bonus for new military contracts to 3.6 million "
     "rubles, the regional government said, as Russian authorities struggle to attract volunteers to sign "
     "contracts with the Defense Ministry."),
    ("shahed", "Air defenses down 31 Russian drones launched from Bryansk",
     "Russian forces launched 40 Shahed drones from Bryansk and Kursk oblasts overnight, the Ukrainian Air Force "
     "said. Ukrainian air defenses shot down 31 drones over Sumy, Chernihiv and Poltava oblasts, and a drone "
     "debris fire damaged a warehouse in Bryansk Oblast's border area. Two civilians were injured in Sumy."),
    ("depot", "Drones hit oil depot in Bryansk Oblast",
     "Ukrainian drones struck an oil depot in Bryansk Oblast overnight, setting fuel tanks on fire, Bryansk "
     "Governor Alexander Bogomaz said. Russia's Defense Ministry claimed that air defenses shot down 20 Ukrainian "
     "drones over Bryansk and Kursk oblasts."),
    ("kab", "Guided bomb kills two in Kupiansk",
     "A Russian guided bomb hit a residential street in Kupiansk, Kharkiv Oblast, killing two civilians and "
     "injuring four, Governor Oleh Syniehubov said. Russian forces also attacked Ukrainian positions near "
     "Petropavlivka and Kruhliakivka, where fighting continues."),
]


@pytest.fixture(scope="module")
def sections(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("sections")
    feed = work / "reports.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"url": f"https://news.test/{key}", "title": title, "date": DAY.isoformat(),
                              "outlet": "news.test", "text": text}) for key, title, text in REPORTS),
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

    assert direction_of_fire([fact("air_defense", "russia"), fact("strike", "russia"), fact("strike", None)]) == \
        "russia"
    assert direction_of_fire([fact("air_defense", "russia"), fact("air_defense", "ukraine")]) is None
    assert direction_of_fire([fact("losses", "ukraine")]) is None
    assert direction_of_fire([]) is None
    # The lead decides between a report of the other side's figures further down and the story itself.
    both = [Fact("a", "air_defense", 10, 20, {"attacker": "russia"}), Fact("a", "air_defense", 900, 910,
                                                                          {"attacker": "ukraine"})]
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


def test_each_report_is_its_own_story(sections: dict[str, str]) -> None:
    assert len(sections) == len(REPORTS)
