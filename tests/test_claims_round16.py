"""Claim attribution, the seventeenth session's rules (rounds 15 and 16, ordinary news copy): each on a sentence
written for its test, not taken from the eval data."""

from __future__ import annotations

import pytest

from claim_quotes import attribution_of


@pytest.mark.parametrize(
    ("text", "quote", "source", "side"),
    [
        # A title opening the sentence, the name after it.
        ("Ukraine's top commander, Oleksandr Syrskyi, told reporters that his troops had pushed Russian units out "
         "of Kindrativka.", "pushed Russian units out", "Oleksandr Syrskyi", "ukraine"),
        # A possessive speaker is no role of the body named before it.
        ("Four farmers near Tetkino were killed by Ukrainian drones, Russia's Investigative Committee said.",
         "Four farmers", "Russia's Investigative Committee", "russia"),
        # The owner of a report after "according to".
        ("About 600,000 Russian troops are fighting in Ukraine, according to the latest assessment of Lithuania's "
         "military intelligence service.", "600,000 Russian troops", "Lithuania's military intelligence service",
         None),
        # A verifier that "has recorded" losses; the UN's mission by its full name.
        ("Oryx has recorded the loss of 14 Russian Tor air-defence systems this year.", "14 Russian Tor",
         "Oryx", None),
        ("Eleven civilians died in the shelling of Kherson, a count verified by the UN's Human Rights Monitoring "
         "Mission.", "Eleven civilians died", "UN Human Rights Monitoring Mission", None),
        # Unnamed people inside a body the sentence has named.
        ("SBU drones set fire to an oil depot in Bryansk, a source in the security service told Suspilne.",
         "set fire to an oil depot", "Security Service of Ukraine", "ukraine"),
        # A subject whose ", saying" clause states the fact.
        ("Ukraine's Interior Ministry issued a statement on Friday, saying 14 people had been rescued from the "
         "rubble in Dnipro.", "14 people had been rescued", "Ukraine's Interior Ministry", "ukraine"),
    ],
)
def test_sources_named_in_ordinary_copy(text: str, quote: str, source: str, side: str | None) -> None:
    found_source, found_side, _ = attribution_of(text, quote)
    assert (found_source, found_side) == (source, side)


def test_a_pronoun_or_a_body_after_the_fact_is_the_previous_sentences_speaker() -> None:
    text = ("Mykolaiv governor Vitalii Kim reported a drone attack on the port overnight. Two dock workers were "
            "injured, he wrote on Telegram.")
    assert attribution_of(text, "Two dock workers")[:2] == ("governor:mykolaiv", "ukraine")
    # The think tank is who spoke before, not the forces its sentence names.
    text = ("ISW assessed on Sunday that Russian forces likely hold most of Kostiantynivka's eastern outskirts. "
            "Russian troops are also advancing toward Ivanopillia, the think tank wrote.")
    assert attribution_of(text, "advancing toward Ivanopillia")[0] == "Institute for the Study of War"


def test_no_imagery_having_surfaced_leaves_the_claim_unverified() -> None:
    text = ("Ukraine's General Staff reported a strike on the Engels air base. It said one Tu-160 bomber was damaged. "
            "No satellite imagery of the base had surfaced by Tuesday night.")
    assert attribution_of(text, "one Tu-160 bomber was damaged", "ukraine")[2] == "unverified"
