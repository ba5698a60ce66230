"""How politely and how defensively we fetch: every limit in one typed, overridable place.

Defaults suit polling news sites from a laptop; tests shrink the time-outs and back-offs so that
fault injection stays fast without timing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from warbrief import __version__

# Truthful: says what we are and what we do; `--contact` appends the operator's address, as polite crawlers do.
USER_AGENT = f"warbrief/{__version__} (daily war-news briefing; polls public feeds; honours robots.txt)"


def user_agent(contact: str | None = None) -> str:
    return f"{USER_AGENT[:-1]}; contact: {contact})" if contact else USER_AGENT

# What each kind of fetch may come back as. Feeds are often served as text/html or text/plain by
# misconfigured servers, so the feed parser (not the content type) has the last word for them.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/x-rss+xml", "text/html", "text/plain", "application/octet-stream",
)
ROBOTS_TYPES = ("text/plain",)


@dataclass(slots=True, frozen=True)
class FetchPolicy:
    """Limits and manners of the fetcher."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_body_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    per_host_concurrency: int = 2
    # Seconds between the starts of two requests to one host; a robots.txt Crawl-delay raises it (capped).
    per_host_delay: float = 1.0
    max_crawl_delay: float = 30.0
    total_concurrency: int = 8
    retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    # Hosts (host or host:port) that may be loopback or private addresses, on top of those a source names.
    allow_hosts: frozenset[str] = field(default_factory=frozenset)
    robots: bool = True

    def with_overrides(self, **values: Any) -> FetchPolicy:
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    def backoff(self, attempt: int, jitter: float) -> float:
        """Delay before retry ``attempt`` (1-based): exponential, capped, with full jitter in [0.5, 1]."""
        base = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return base * (0.5 + 0.5 * jitter)
