"""Claim attribution, the nineteenth session's rules (round 18, ordinary news copy): each on a sentence written for its
test, not taken from the eval data."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "expected"),
    [
        # A body's unnamed official speaks for it, as its source or spokesman does.
        ("Drones of the SBU hit a fuel depot in Bryansk, an SBU official told RBC-Ukraine.", "hit a fuel depot",
         "ukraine", ("Security Service of Ukraine", "ukraine", "claimed")),
        # A governor by surname alone.
        ("Gusev said on Telegram that nine drones were shot down over the Rossoshansky district.", "nine drones",
         "russia", ("governor:voronezh", "russia", "claimed")),
        # A verifier's map update, its analysis with its name as an adjective, and an abbreviation written in full.
        ("DeepState on Monday redrew its map to show Bilytske under Russian control.", "Bilytske under Russian control",
         "russia", ("DeepState", None, "reported")),
        ("A New York Times analysis of satellite photos shows that the strike destroyed two fuel tanks in Tuapse.",
         "destroyed two fuel tanks", "ukraine", ("New York Times", None, "confirmed")),
        ("An AP examination of hospital records shows that 14 patients were evacuated from the ward.",
         "14 patients were evacuated", None, ("Associated Press", None, "confirmed")),
        # Satellite imagery named by its operator first; a speaker in a relative clause after the fact states that
        # clause, not the fact.
        ("Maxar imagery from Sunday shows three burnt aircraft at the Saky airfield, which Ukraine says it hit on "
         "Friday.", "three burnt aircraft", "ukraine", (None, None, "confirmed")),
    ],
)
def test_sources_and_statuses(text: str, quote: str, beneficiary: str | None,
                              expected: tuple[str | None, str | None, str]) -> None:
    assert attribution_of(text, quote, beneficiary) == expected


@pytest.mark.parametrize(
    ("text", "quote", "beneficiary", "status"),
    [
        # No evidence: an arrest announced without the usual video, an account no footage supports.
        ("The FSB said it had detained a saboteur in Kursk. It did not name her or release its usual video of the "
         "detention.", "detained a saboteur", "russia", "unverified"),
        ("Russian war bloggers wrote that assault groups had entered Siversk. ISW wrote that no footage it had "
         "seen supported those reports.", "entered Siversk", "russia", "unverified"),
        # The next sentence's verdict is about a claim of its own ("claims that ...").
        ("GeoConfirmed geolocated a video of Russian troops raising a flag in Toretsk. Russian claims that the town "
         "had fallen could not be verified.", "raising a flag in Toretsk", "russia", "confirmed"),
    ],
)
def test_verdicts(text: str, quote: str, beneficiary: str | None, status: str) -> None:
    assert attribution_of(text, quote, beneficiary)[2] == status
