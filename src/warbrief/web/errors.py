"""What the web archive reports when it cannot serve a store or run a search, whatever the store's database."""

from __future__ import annotations


class ArchiveError(RuntimeError):
    """The store cannot be served (missing, unreachable, not a warbrief store, or from another warbrief)."""


class SearchQueryError(ValueError):
    """A search query that cannot be run; the message tells the user what to type instead."""


#: Seconds a page's query may run before the database stops it (``warbrief serve --query-timeout``; 0: no limit).
DEFAULT_QUERY_TIMEOUT = 30.0
