"""Claim attribution, the twentieth session's rules (round 19, ordinary news copy): each on a sentence written for its
test, not taken from the eval data."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "expected"),
    [
        # A map shaded by its verifier.
        ("In its Friday update, DeepState shaded two more fields north of Siversk as Russian-held.",
         "two more fields north of Siversk", "russia", ("DeepState", None, "reported")),
        # An outlet's bureau and a body's director speak for them.
        ("A guided bomb hit a school gym in Kostiantynivka overnight, Suspilne's Donetsk bureau reported.",
         "hit a school gym", "russia", ("Suspilne", None, "reported")),
        ("Some 1,900 attacks on health care have been recorded since 2022, the World Health Organization's regional "
         "director said in Lviv.", "Some 1,900 attacks on health care", None,
         ("World Health Organization", None, "reported")),
        # An independent outlet named after its description is that outlet, not the milbloggers.
        ("A drone hit an ammunition depot near Belgorod, the Russian channel Astra reported.",
         "hit an ammunition depot", "ukraine", ("Astra", None, "reported")),
        # "he said" after a titled person is the person, with his side.
        ("Navy spokesman Dmytro Pletenchuk gave a briefing on Sunday. Two Russian landing craft were sunk near the "
         "Kinburn spit, he said.", "Two Russian landing craft were sunk", "ukraine",
         ("Dmytro Pletenchuk", "ukraine", "claimed")),
        # A known office holder named after his title is his office.
        ("Shelling damaged a bakery in Horlivka, the city's Moscow-installed mayor, Ivan Prikhodko, said.",
         "damaged a bakery", "ukraine", ("mayor:horlivka", "russia", "reported")),
        # A verifier's people placing a video; documents seen by an outlet; an outlet's own video.
        ("Conflict Intelligence Team analysts placed a clip of Ukrainian infantry in the centre of Stepove.",
         "Ukrainian infantry in the centre of Stepove", "ukraine", ("Conflict Intelligence Team", None, "confirmed")),
        ("Customs documents seen by the Financial Times show that Moscow bought $310 million of drone engines.",
         "$310 million", None, ("Financial Times", None, "confirmed")),
        ("Associated Press video shows 46 freed Ukrainian soldiers stepping off a bus in Chernihiv.",
         "46 freed Ukrainian soldiers", None, ("Associated Press", None, "confirmed")),
        # A first-person force doing the fact speaks for the side whose success it is.
        ("“Our gunners destroyed three Russian howitzers near Lyman this week,” a battery commander told reporters.",
         "three Russian howitzers", "ukraine", (None, None, "claimed")),
    ],
)
def test_sources_and_statuses(text: str, quote: str, beneficiary: str | None,
                              expected: tuple[str | None, str | None, str]) -> None:
    assert attribution_of(text, quote, beneficiary) == expected


def test_citing_no_source_leaves_the_claim_unverified() -> None:
    text = "“Moscow is losing 40 tanks a week,” Syrskyi told a briefing. He cited no source for the figure."
    assert attribution_of(text, "40 tanks a week", "ukraine")[2] == "unverified"
    # A next sentence that cites a source is no doubt.
    assert attribution_of(text.replace("cited no source", "cited intercepts"), "40 tanks a week", "ukraine")[2] == \
        "claimed"


def test_states_as_a_noun_is_no_speaker() -> None:
    text = "Maria Zakharova said Nordic states had shipped Kyiv shells worth 9 billion euros."
    # Only who speaks is asserted: the status model gives this 0.39 unverified (a known limitation: its words learned
    # that her figures are often called unsupported), which is above its 0.25 threshold.
    assert attribution_of(text, "9 billion euros", None)[:2] == ("Maria Zakharova", "russia")
