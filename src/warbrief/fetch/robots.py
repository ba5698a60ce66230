"""robots.txt rules for one host, read the way RFC 9309 says.

A 4xx robots.txt (usually 404) means no rules; a 5xx or an unreachable robots.txt means "assume
everything is disallowed" for this run, because the site may be failing under load. Rules are parsed by
Protego (the robots parser Scrapy uses), which follows Google's longest-match semantics.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: crawlers must parse at least 500 KiB
PRODUCT_TOKEN = "warbrief"


@dataclass(slots=True)
class RobotsRules:
    """What one host's robots.txt lets us fetch."""

    parser: Protego | None = None
    refuse_all: str | None = None

    @classmethod
    def from_response(cls, status: int, body: bytes) -> RobotsRules:
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            return cls(parser=Protego.parse(text))
        if 400 <= status < 500:
            return cls()
        return cls(refuse_all=f"robots.txt answered HTTP {status}; assuming the site disallows crawling")

    @classmethod
    def unreachable(cls, reason: str) -> RobotsRules:
        return cls(refuse_all=f"robots.txt unreachable ({reason}); assuming the site disallows crawling")

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None if it may."""
        if self.refuse_all:
            return self.refuse_all
        if self.parser is not None and not self.parser.can_fetch(url, PRODUCT_TOKEN):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(PRODUCT_TOKEN)
        return float(delay) if delay else None
