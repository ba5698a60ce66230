"""Claim attribution, the eighteenth session's rules (round 17, ordinary news copy): each on a sentence written for its
test, not taken from the eval data."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of
from warbrief.understand.claims import attribute, speaker_of


@pytest.mark.parametrize(
    ("text", "quote", "source"),
    [
        # When the speaker spoke may stand between the name and the verb.
        ("Dmitry Peskov on Tuesday accused Kyiv of shelling a bakery in Horlivka.", "shelling a bakery", "Kremlin"),
        ("GeoConfirmed later geolocated combat footage from the northern edge of Toretsk.", "northern edge of Toretsk",
         "GeoConfirmed"),
        # A verifier's people who arrived after the event, and a statement dated before its owner.
        ("Reuters reporters who arrived an hour later counted nine burnt-out cars outside the depot.",
         "nine burnt-out cars", "Reuters"),
        ("Nineteen civilians were wounded in Kherson over the weekend, according to a statement on Monday from the UN "
         "Human Rights Monitoring Mission.", "Nineteen civilians", "UN Human Rights Monitoring Mission"),
        # A channel speaks by the name the institutions know, also after an apposition.
        ("The Rybar channel, rarely gloomy about the Kursk front, conceded that Ukrainian units had retaken a "
         "ridge near Tetkino.", "retaken a ridge", "Russian military bloggers"),
    ],
)
def test_new_sources(text: str, quote: str, source: str) -> None:
    assert attribution_of(text, quote)[0] == source


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # Unnamed people of a place are no source, and no part of their phrase is.
        ("Residents of Taganrog reported two loud blasts near the airfield after midnight.", "two loud blasts"),
    ],
)
def test_no_source(text: str, quote: str) -> None:
    assert attribution_of(text, quote)[0] is None


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "status"),
    [
        # Evidence refused in a "neither ... nor", and a figure no one can test.
        ("Russia's defence ministry claimed six HIMARS rockets had been shot down over Belgorod, offering neither "
         "debris nor footage.", "six HIMARS rockets", "russia", "unverified"),
        ("Kyrylo Budanov said Russia was losing about 300 drones a day to interceptors, a figure outsiders have no "
         "means to test.", "about 300 drones", None, "unverified"),
        # Satellites that registered the fire are evidence.
        ("Ukrainian drones struck the Saratov refinery overnight, the General Staff said. NASA fire-detection "
         "satellites registered a blaze at the site before dawn.", "a blaze at the site", None, "confirmed"),
        # A side's own source on the other side's success is an admission, not a claim, whatever the status model
        # makes of the words.
        ("The Rybar channel, rarely gloomy about the Kursk front, conceded that Ukrainian units had retaken a "
         "ridge near Tetkino.", "retaken a ridge", "ukraine", "reported"),
    ],
)
def test_status(text: str, quote: str, beneficiary: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary)[2] == status


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Gladkov said 14 drones were downed over the Belgorod region.", "14 drones"),
        ("Ukraine's Navy gave an update on Friday. It said two landing boats were sunk near Crimea.",
         "two landing boats"),
        ("Residents of Taganrog reported two loud blasts near the airfield after midnight.", "two loud blasts"),
    ],
)
def test_speaker_of_reads_the_source_and_side_as_attribute_does(text: str, quote: str) -> None:
    # Readers that only ask who speaks (air defence, strikes, the writer) skip the status and its models.
    start = text.index(quote)
    found = attribute(text, start, start + len(quote))
    assert speaker_of(text, start, start + len(quote)) == (found.source, found.side)
