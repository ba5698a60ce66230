"""Stores that sit between the pipeline's stages: SQLite by default, PostgreSQL for a cluster (issue #9).

``open_store`` chooses by the ``--db`` value: a ``postgresql://`` (or ``postgres://``) URL opens the server store,
anything else is the path of a SQLite file.
"""

from __future__ import annotations

import re
from pathlib import Path

from warbrief.store.protocol import StoreBackend
from warbrief.store.sqlite import Store, StoreError

__all__ = ["Store", "StoreBackend", "StoreError", "is_postgres_url", "open_store", "store_label"]


def is_postgres_url(value: str | Path) -> bool:
    return str(value).startswith(("postgresql://", "postgres://"))


def store_label(url_or_path: str | Path) -> str:
    """How a store is named in messages and logs: a PostgreSQL URL never shows its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", str(url_or_path))


def open_store(url_or_path: str | Path) -> StoreBackend:
    """The store named by a ``--db`` value, created and migrated on first use."""
    if is_postgres_url(url_or_path):
        try:
            from warbrief.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise StoreError('a PostgreSQL store needs psycopg: pip install "psycopg[binary]"') from exc
        return PostgresStore(str(url_or_path))
    return Store(url_or_path)
