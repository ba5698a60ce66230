"""Place linking against the real shipped gazetteer and taxonomy (no mocks)."""

from __future__ import annotations

from datetime import date

import pytest

from warbrief.records import Article
from warbrief.taxonomy import load_taxonomy
from warbrief.understand.gazetteer import load_gazetteer
from warbrief.understand.places import front_of, link_places, place_mentions
from warbrief.understand.stage import understand_articles
from warbrief.understand.translit import place_key


def _only(text: str, hint: str | None = None):
    links = link_places(text, hint)
    assert len(links) == 1, [(link.text, link.place.id) for link in links]
    return links[0]


@pytest.mark.parametrize(
    ("news", "official", "pcode", "oblast"),
    [
        ("Kruhlyakivka", "Kruhliakivka", "UA6308011006", "Kharkiv"),
        ("Krugliakovka", "Kruhliakivka", "UA6308011006", "Kharkiv"),
        ("Kupyansk", "Kupiansk", "UA6308009001", "Kharkiv"),
        ("Kurdyumivka", "Kurdiumivka", "UA1402011003", "Donetsk"),
        ("Myrolyubivka", "Myroliubivka", "UA1416005019", "Donetsk"),
        ("Verkhnokamyanske", "Verkhnokamianske", "UA1402003002", "Donetsk"),
        ("Oleksandro-Shultyne", "Oleksandro-Shultyne", "UA1412007014", "Donetsk"),
    ],
)
def test_spelling_variants_link_to_the_official_place(news: str, official: str, pcode: str, oblast: str) -> None:
    assert place_key(news) == place_key(official)
    link = _only(f"Russian forces attacked near {news} on Tuesday.")
    assert (link.place.id, link.place.oblast, link.place.name) == (pcode, oblast, official)
    assert link.text == news


def test_novoyeliyzavetivka_in_a_pokrovsk_context_is_the_donetsk_one() -> None:
    text = "Russian forces advanced south of Pokrovsk, capturing Novoyeliyzavetivka and Ukrainka."
    by_text = {link.text: link for link in link_places(text)}
    place = by_text["Novoyeliyzavetivka"].place
    assert (place.id, place.oblast) == ("UA1416021018", "Donetsk")
    alone = _only("Fighting continued near Novoyeliyzavetivka.", hint="donetsk_pokrovsk")
    assert alone.place.oblast == "Donetsk"


def test_an_oblast_named_nearby_picks_the_namesake() -> None:
    text = "In Kherson Oblast, Russian shelling hit Novoielyzavetivka overnight."
    by_text = {link.text: link for link in link_places(text)}
    assert by_text["Novoielyzavetivka"].place.oblast == "Kherson"


def test_front_and_direction_come_from_the_taxonomy() -> None:
    link = _only("Russian forces advanced near Vremivka.")
    assert (link.front, link.direction) == ("donetsk_front", "donetsk_velyka_novosilka")
    island = _only("Ukrainian forces held Kozatskyi Island.")
    assert island.place.id.startswith("feature:") and island.front == "kherson_front"
    assert _only("Russian forces attacked near Kozatsky Island.").place.id == island.place.id
    sudzha = _only("Fighting continued south of Sudzha.")
    assert (sudzha.front, sudzha.place.oblast) == ("operations_in_russia", "Kursk")
    kupiansk = load_gazetteer().places["UA6308009001"]
    assert front_of(kupiansk, load_taxonomy()) == ("luhansk_front", None)


def test_people_are_not_places() -> None:
    assert link_places("President Zelenskyy met Zelensky's advisers in the capital.") == []
    assert link_places("A monument to Taras Shevchenko was unveiled.") == []
    assert link_places("Spokesperson Heorhii Tykhyi said so, reading the Kyiv Post.") == []
    shevchenko = _only("Ukrainian forces counterattacked near Shevchenko.", hint="donetsk_pokrovsk")
    assert shevchenko.place.oblast == "Donetsk"


def test_oblasts_regions_and_features() -> None:
    links = link_places("Drones hit Donetsk Oblast and the Belgorod region; the Crimean Bridge was closed.")
    assert [(link.text, link.place.id) for link in links] == [
        ("Donetsk Oblast", "oblast:UA14"),
        ("Belgorod region", "region:belgorod"),
        ("Crimean Bridge", "feature:crimean-bridge"),
    ]


def test_offsets_point_at_the_mention_text() -> None:
    text = "Russian forces cut the O-0510 road near Vremivka; Kharkiv City and Chasiv Yar were shelled."
    links = link_places(text)
    assert [link.text for link in links] == ["O-0510", "Vremivka", "Kharkiv City", "Chasiv Yar"]
    for link in links:
        assert text[link.start : link.end] == link.text


def test_empty_and_huge_input() -> None:
    assert link_places("") == []
    assert link_places("   \n\n  ") == []
    huge = ("Russian forces attacked near Vremivka and Kupyansk. " + "word " * 40 + "\n\n") * 2000
    links = link_places(huge)
    assert len(links) == 4000
    assert all(huge[link.start : link.end] == link.text for link in links[:50])


def test_understand_articles_returns_place_mentions() -> None:
    article = Article(raw_id="raw_x", index=0, title="Front", day=date(2024, 12, 28), section_hint="donetsk_pokrovsk",
                      text="Russian forces advanced south of Pokrovsk, capturing Novoyeliyzavetivka.")
    [result] = understand_articles([article])
    places = [m for m in result.mentions if m.label == "PLACE"]
    assert [m.entity for m in places] == ["UA1416021001", "UA1416021018"]
    extra = places[1].extra
    assert extra["oblast"] == "Donetsk" and extra["direction"] == "donetsk_pokrovsk"
    assert set(extra) >= {"name", "oblast", "lat", "lon", "front", "direction", "confidence", "kind"}
    assert place_mentions("a", "") == []
