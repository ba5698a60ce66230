"""One poll of the sources: listings -> queued pages -> fetched, archived pages -> RawDocuments.

``Poll.items()`` is a plain generator of ``RawDocument | Skipped`` that drives its own asyncio loop between
items, so ``Pipeline.ingest_documents(poll.items())`` stores each page as it arrives. A page is marked
stored in the fetch state only when the generator is resumed, i.e. after the consumer has committed it:
stopping at any moment leaves the page queued (and archived), so the next poll stores it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from warbrief.fetch.addresses import netloc_key
from warbrief.fetch.archive import WarcArchive
from warbrief.fetch.client import Fetcher, FetchResult, Validators
from warbrief.fetch.feeds import FeedEntry, FeedError, parse_feed
from warbrief.fetch.policy import FEED_TYPES, PAGE_TYPES, FetchPolicy
from warbrief.fetch.sitemaps import parse_sitemap
from warbrief.fetch.sources import Source
from warbrief.fetch.state import FetchState, PendingPage
from warbrief.ingest.files import Skipped
from warbrief.ingest.warc import document_from_response
from warbrief.records import RawDocument

log = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 3
# A listing queues at most this many times max_entries pages (a sitemap's newest first), so a 50,000-URL
# sitemap or a runaway feed cannot flood the queue.
QUEUE_FACTOR = 5


@dataclass(slots=True)
class SourceReport:
    """What one poll did with one source."""

    name: str
    listings_unchanged: int = 0
    queued: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class PollReport:
    started_at: str = ""
    sources: dict[str, SourceReport] = field(default_factory=dict)

    @property
    def stored(self) -> int:
        return sum(s.stored for s in self.sources.values())

    @property
    def skipped(self) -> list[Skipped]:
        return [skip for s in self.sources.values() for skip in s.skipped]


@dataclass(slots=True)
class _Emitted:
    item: RawDocument | Skipped
    source: str
    url: str
    kind: str  # "page" (queued page), "fixed" (a urls source's page) or "listing" (a feed or sitemap)
    transient: bool = False
    validators: Validators | None = None
    status: int = 0


_DONE = object()
Progress = Callable[[str, int, int | None], None]


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


class Poll:
    """Fetches the sources once. Iterate ``items()`` exactly once, then read ``report``."""

    def __init__(
        self,
        sources: Sequence[Source],
        state: FetchState,
        archive_dir: str | Path,
        policy: FetchPolicy | None = None,
        day: date | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.sources = list(sources)
        self.state = state
        self.archive = WarcArchive(archive_dir)
        self.policy = policy or FetchPolicy()
        self.day = day
        self.report = PollReport(started_at=datetime.now(UTC).isoformat(timespec="seconds"))
        self.allow_hosts = {netloc_key(url) for s in self.sources if s.allow_private for url in s.urls}
        self.progress = progress or _quiet
        self.fetched = 0

    # -- the sync face -------------------------------------------------------------------------------

    def items(self) -> Iterator[RawDocument | Skipped]:
        """Documents and skips as pages arrive; state is committed for each item once the consumer resumes."""
        loop = asyncio.new_event_loop()
        queue: asyncio.Queue[Any] = asyncio.Queue()
        task = loop.create_task(self._run(queue))
        try:
            while True:
                emitted = loop.run_until_complete(queue.get())
                if emitted is _DONE:
                    break
                yield emitted.item
                self._commit(emitted)  # reached only once the consumer has taken (and stored) the item
            loop.run_until_complete(task)  # re-raises a crash of the poll itself
            for report in self.report.sources.values():
                self.state.record_poll(report.name, self.report.started_at, report.stored, report.unchanged,
                                       len(report.skipped), report.error or "")
        finally:
            if not task.done():
                task.cancel()
                loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
            self.archive.close()
            loop.close()

    def _commit(self, emitted: _Emitted) -> None:
        report = self.report.sources[emitted.source]
        if isinstance(emitted.item, RawDocument):
            report.stored += 1
            if emitted.kind == "page":
                self.state.mark_stored(emitted.url, emitted.item.content_hash)
            elif emitted.validators is not None:
                self.state.save_validators(emitted.url, emitted.validators, emitted.status, emitted.item.content_hash)
        else:
            report.skipped.append(emitted.item)
            if emitted.kind == "page":
                self.state.mark_failed(emitted.url, emitted.item.reason, emitted.transient)

    # -- the async work ------------------------------------------------------------------------------

    async def _run(self, queue: asyncio.Queue[Any]) -> None:
        try:
            async with Fetcher(self.policy, self.archive, self.allow_hosts) as fetcher:
                await asyncio.gather(*(self._poll_source(fetcher, source, queue) for source in self.sources))
        finally:
            queue.put_nowait(_DONE)

    async def _poll_source(self, fetcher: Fetcher, source: Source, queue: asyncio.Queue[Any]) -> None:
        report = self.report.sources.setdefault(source.name, SourceReport(source.name))
        try:
            if source.kind == "urls":
                await asyncio.gather(*(self._fixed_page(fetcher, source, url, queue) for url in source.urls))
                return
            for url in source.urls:
                await self._listing(fetcher, source, url, report, queue)
            pending = self.state.pending(source.name, source.max_entries)
            await asyncio.gather(*(self._queued_page(fetcher, source, page, queue) for page in pending))
        except Exception as exc:  # a bug on one source must not stop the others; it is reported, not hidden
            log.exception("polling %s failed", source.name)
            report.error = f"{type(exc).__name__}: {exc}"
            queue.put_nowait(_Emitted(Skipped(source.name, f"poll failed: {report.error}"), source.name, "", "listing"))

    async def _listing(self, fetcher: Fetcher, source: Source, url: str, report: SourceReport,
                       queue: asyncio.Queue[Any], depth: int = 0) -> bool:
        """Fetch a feed or sitemap and queue its new pages (with its validators, in one transaction).

        Returns whether the listing was read (or unchanged), so a sitemap index keeps its validators only
        when every child it points to was read: otherwise a 304 next time would hide the failed child.
        """
        result = await fetcher.fetch(url, role=source.kind, accept=FEED_TYPES, validators=self.state.validators(url),
                                     metadata={"source": source.name})
        if result.outcome == "not_modified":
            report.listings_unchanged += 1
            return True
        if result.outcome == "skipped":
            skip = Skipped(url, f"{source.kind} not fetched: {result.reason}")
            queue.put_nowait(_Emitted(skip, source.name, url, "listing"))
            return False
        cap = source.max_entries * QUEUE_FACTOR
        try:
            if source.kind == "feed":
                entries: list[FeedEntry] = parse_feed(result.body, result.final_url)[:cap]
                children: list[str] = []
            else:
                sitemap = parse_sitemap(result.body, result.final_url)
                entries = sitemap.pages[:cap]
                children = sitemap.sitemaps[:MAX_CHILD_SITEMAPS] if depth == 0 else []
        except FeedError as exc:
            # Validators are not saved: the next poll fetches the listing again in full.
            queue.put_nowait(_Emitted(Skipped(url, str(exc)), source.name, url, "listing"))
            return False
        if not children:
            report.queued += self.state.add_listing(source.name, url, entries, result.validators, result.status)
            return True
        read = [await self._listing(fetcher, source, child, report, queue, depth + 1) for child in children]
        if all(read):
            self.state.save_validators(url, result.validators, result.status)
        return True

    def _metadata(self, source: Source, title: str | None = None, published: date | None = None) -> dict[str, Any]:
        return {"outlet": source.outlet, "side": source.side, "source": source.name, "language": source.language,
                "title": title, "date": published.isoformat() if published else None}

    async def _queued_page(self, fetcher: Fetcher, source: Source, page: PendingPage,
                           queue: asyncio.Queue[Any]) -> None:
        metadata = self._metadata(source, page.title, page.published)
        result = await fetcher.fetch(page.url, role="page", accept=PAGE_TYPES, metadata=metadata, day=self.day)
        self._fetched()
        if result.outcome == "not_modified":  # cannot happen without validators; treat as nothing new
            return
        queue.put_nowait(self._emitted(result, source, metadata, "page"))

    async def _fixed_page(self, fetcher: Fetcher, source: Source, url: str, queue: asyncio.Queue[Any]) -> None:
        """A page of a ``urls`` source: re-fetched every poll, stored again only when its bytes changed."""
        report = self.report.sources[source.name]
        metadata = self._metadata(source)
        result = await fetcher.fetch(url, role="page", accept=PAGE_TYPES, validators=self.state.validators(url),
                                     metadata=metadata, day=self.day)
        self._fetched()
        if result.outcome == "not_modified":
            report.unchanged += 1
            return
        emitted = self._emitted(result, source, metadata, "fixed")
        if isinstance(emitted.item, RawDocument):
            if self.state.last_hash(url) == emitted.item.content_hash:
                report.unchanged += 1
                self.state.save_validators(url, result.validators, result.status)
                return
            # Validators and hash are saved by _commit, once the store has the page: a poll stopped before
            # that fetches the page in full next time.
            emitted.validators, emitted.status = result.validators, result.status
        queue.put_nowait(emitted)

    def _fetched(self) -> None:
        self.fetched += 1
        self.progress("fetch", self.fetched, None)

    def _emitted(self, result: FetchResult, source: Source, metadata: dict[str, Any], kind: str) -> _Emitted:
        if result.outcome == "skipped":
            return _Emitted(Skipped(result.url, result.reason), source.name, result.url, kind, result.transient)
        document = document_from_response(result.final_url, result.status, result.content_type, result.body,
                                          result.fetched_at, metadata, self.day)
        if isinstance(document, str):
            return _Emitted(Skipped(result.url, document), source.name, result.url, kind)
        return _Emitted(document, source.name, result.url, kind)
