"""Section placement of stories that no digest heading files: places, keywords and exemplars decide."""

from __future__ import annotations

import json
from datetime import date

import pytest

from warbrief.config import Settings
from warbrief.pipeline import Pipeline

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


def test_recruitment_lands_in_russian_mobilization(sections: dict[str, str]) -> None:
    assert sections["bonus"] == "russia_mobilization"


def test_each_report_is_its_own_story(sections: dict[str, str]) -> None:
    assert len(sections) == len(REPORTS)
