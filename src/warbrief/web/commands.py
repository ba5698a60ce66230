"""``warbrief serve``: the web app over a store, on loopback unless told otherwise."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from warbrief.clikit import ConfigOption, DbOption, TaxonomyOption, err, settings_from
from warbrief.store import Store, StoreError, is_postgres_url, store_label
from warbrief.store.schema import SCHEMA_VERSION
from warbrief.taxonomy import TaxonomyError, load_taxonomy
from warbrief.web.archive import ArchiveError
from warbrief.web.errors import DEFAULT_QUERY_TIMEOUT


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0 exposes it)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port")] = 8000,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
    query_timeout: Annotated[float, typer.Option(
        "--query-timeout", min=0,
        help="Seconds a page's database query may run before it is stopped and the page answers 503 (0: no limit)",
    )] = DEFAULT_QUERY_TIMEOUT,
) -> None:
    """Browse and search the archive in a web browser (read-only; works offline).

    Pages: the day's briefing, the archive, stories with their sources, sections, topics, entities, places,
    losses, the day's map, search; feeds at /feeds/briefing.rss|atom|json; the JSON API at /api (schema at
    /openapi.json).

    The store is a SQLite file or a PostgreSQL URL (read through read-only transactions).

    Example: warbrief serve --db warbrief.db --port 8000
    """
    import uvicorn

    from warbrief.web.app import create_app

    settings = settings_from(config, db, taxonomy)
    try:
        upgrade_store(settings.db)
        app = create_app(settings.db, load_taxonomy(settings.taxonomy), query_timeout)
    except (ArchiveError, StoreError, TaxonomyError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: whoever reaches it can read the archive")
    err.print(f"serving {escape(store_label(settings.db))} at http://{escape(host)}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def upgrade_store(db: str) -> None:
    """Bring a store written by an older warbrief to the current schema before serving it read-only.

    The app never writes; the schema migration (new indexes, on PostgreSQL the search column) is the one write,
    made once, here. A store that is missing or unreachable is left to ``create_app`` to name."""
    if is_postgres_url(db):
        _upgrade_postgres(db)
        return
    path = Path(db)
    if not path.is_file():
        return
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as probe:
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        return  # create_app names the problem
    if version < SCHEMA_VERSION:
        Store(path).close()
        err.print(f"upgraded {escape(str(path))} to store schema v{SCHEMA_VERSION}")


def _upgrade_postgres(url: str) -> None:
    import psycopg

    from warbrief.store.pg_schema import PG_REVISIONS
    from warbrief.store.postgres import PostgresStore
    from warbrief.web.postgres_reader import connect, schema_state

    try:
        with connect(url) as probe:
            state = schema_state(probe)
    except (ArchiveError, psycopg.Error):
        return  # create_app names the problem
    if state is None or state >= (SCHEMA_VERSION, len(PG_REVISIONS)):
        return  # an empty database is not made a store by serving it; a newer one is refused by create_app
    PostgresStore(url).close()
    err.print(f"upgraded {escape(store_label(url))} to store schema v{SCHEMA_VERSION} "
              f"(PostgreSQL revision {len(PG_REVISIONS)})")


def register(app: typer.Typer) -> None:
    app.command()(serve)
