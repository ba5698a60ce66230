"""Live ingestion (issue #8): sources -> polite, defensive fetching -> WARC archive -> RawDocuments.

Modules, one concern each: ``sources`` (the YAML list), ``policy`` (limits and manners), ``addresses``
(which URLs may be fetched), ``robots``, ``client`` (the fetcher), ``feeds`` and ``sitemaps`` (listings),
``archive`` (WARC writing), ``state`` (conditional GET and the page queue), ``poll`` (one pass over the
sources), ``live`` (into a pipeline), ``watch`` (on a schedule), ``commands`` (the CLI).
"""

from warbrief.fetch.client import Fetcher, FetchResult, Validators
from warbrief.fetch.live import FetchReport, fetch_sources
from warbrief.fetch.policy import FetchPolicy
from warbrief.fetch.sources import Source, SourcesError, load_sources
from warbrief.fetch.watch import watch

__all__ = [
    "FetchPolicy", "FetchReport", "FetchResult", "Fetcher", "Source", "SourcesError", "Validators",
    "fetch_sources", "load_sources", "watch",
]
