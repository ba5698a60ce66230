"""The charset a server declared (kept by live ingestion) guides decoding; valid UTF-8 beats a wrong claim."""

from __future__ import annotations

from datetime import UTC, date, datetime

from warbrief.extract.articles import extract_articles
from warbrief.extract.decode import decode_bytes
from warbrief.records import RawDocument
from warbrief.taxonomy import load_taxonomy

POLISH = ("Zażółć gęślą jaźń. Ukraińskie siły obrony powietrznej zestrzeliły w nocy szesnaście rosyjskich dronów, "
          "poinformowało dowództwo sił powietrznych. Władze obwodu charkowskiego podały, że dwie osoby zostały "
          "ranne, a kilka budynków mieszkalnych uszkodzonych. ") * 3


def _page(body: str) -> str:
    return f"<html><head><title>Drony nad Charkowem</title></head><body><article><h1>Drony nad Charkowem</h1>" \
           f"<p>{body}</p><p>{body}</p></article></body></html>"


def test_the_servers_charset_decodes_a_page_without_a_meta_tag() -> None:
    data = _page(POLISH).encode("iso-8859-2")
    text, encoding = decode_bytes(data, declared="iso-8859-2", markup=True)
    assert encoding == "iso-8859-2" and "Zażółć gęślą jaźń" in text
    raw = RawDocument(data, "text/html", "https://news.test/drony", datetime(2024, 12, 28, tzinfo=UTC),
                      day=date(2024, 12, 28), metadata={"charset": "iso-8859-2", "url": "https://news.test/drony"})
    (article,) = extract_articles(raw, load_taxonomy())
    assert "Zażółć gęślą jaźń" in article.text


def test_valid_utf8_wins_over_a_wrong_latin1_header() -> None:
    data = _page(POLISH).encode("utf-8")
    text, encoding = decode_bytes(data, declared="iso-8859-1", markup=True)
    assert encoding == "utf-8" and "Zażółć" in text and "Ã" not in text


def test_looks_like_text_counts_controls_and_mixed_scripts() -> None:
    from warbrief.extract.decode import looks_like_text

    prose = "Russian forces struck the port of Odesa overnight, the governor said.\n\r\t" * 20
    assert looks_like_text(prose) and looks_like_text(prose, markup=True)
    assert not looks_like_text(prose[:900] + "\x01" * 50)  # over 3% control characters
    assert looks_like_text(prose[:1400] + "\x01" * 10)  # under 3%
    cyrillic = "Удары по Одессе продолжались всю ночь, сообщил губернатор области. " * 20
    assert looks_like_text(cyrillic, markup=True)
    mojibake = cyrillic.encode("utf-8").decode("latin-1")  # "Ð£Ð´Ð°Ñ€Ñ‹": Latin letters mixed with symbols
    assert not looks_like_text(mojibake.encode("latin-1").decode("cp1252", errors="replace"), markup=True)
    mixed = "Ударыpо Одессеfor продолжалисьall " * 40  # words mixing Cyrillic and Latin letters
    assert not looks_like_text(mixed, markup=True)
