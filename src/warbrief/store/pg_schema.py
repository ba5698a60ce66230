"""The PostgreSQL schema, as an ordered list of migrations numbered like the SQLite ones (schema.py).

Migration N here brings a PostgreSQL store to the same records as SQLite migration N, so both backends report
the same ``schema_version``. The version lives in the one-row table ``warbrief_schema``; migrations run under a
transaction-scoped advisory lock, so that workers opening a fresh database at the same moment migrate it once.

Differences from SQLite, and why:
- ``seq`` columns (identity) stand in for SQLite's rowid, which the store orders by; articles also keep the
  ``raw_seq`` of their raw document, because on a cluster articles are committed in whatever order workers
  finish, and ordering by (raw_seq, idx) gives the order the in-process path gives.
- Full-text search is a generated ``tsvector`` (the ``simple`` configuration: no stemming, like FTS5's unicode61
  tokenizer) with a GIN index; since revision 1 (below) the title and the text are weighted apart (A and B), as
  the two FTS5 columns are ranked apart, and ASCII punctuation separates words as it does for unicode61.
- Days are ``DATE``; JSON stays ``TEXT`` because JSONB reorders keys and a story's scores keep their order.
- ``end`` is a reserved word in PostgreSQL, so span columns are quoted.
"""

from __future__ import annotations

import string

PG_MIGRATIONS: list[str] = [
    """
    CREATE TABLE raw_documents (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        media_type TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        day DATE,
        metadata TEXT NOT NULL DEFAULT '{}',
        content BYTEA NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'extracted', 'empty', 'failed')),
        status_reason TEXT
    );
    CREATE INDEX raw_documents_day ON raw_documents(day);
    CREATE INDEX raw_documents_status ON raw_documents(status);

    CREATE TABLE articles (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        raw_seq BIGINT NOT NULL,
        id TEXT PRIMARY KEY,
        raw_id TEXT NOT NULL REFERENCES raw_documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        day DATE NOT NULL,
        outlet TEXT,
        url TEXT,
        origin TEXT NOT NULL DEFAULT '',
        published DATE,
        language TEXT,
        section_hint TEXT,
        label TEXT,
        extractor TEXT NOT NULL DEFAULT '',
        understood BOOLEAN NOT NULL DEFAULT FALSE,
        fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED,
        UNIQUE (raw_id, idx)
    );
    CREATE INDEX articles_day ON articles(day);
    CREATE INDEX articles_order ON articles(raw_seq, idx);
    CREATE INDEX articles_fts ON articles USING GIN (fts);

    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );

    CREATE TABLE facts (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        value TEXT NOT NULL,
        about DATE,
        source TEXT,
        status TEXT NOT NULL
    );
    CREATE INDEX facts_article ON facts(article_id);
    CREATE INDEX facts_kind ON facts(kind);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        extra TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (article_id, start, "end", label)
    );
    CREATE INDEX mentions_entity ON mentions(entity);

    CREATE TABLE embeddings (
        owner TEXT NOT NULL,
        model TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BYTEA NOT NULL,
        PRIMARY KEY (owner, model)
    );

    CREATE TABLE stories (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        id TEXT PRIMARY KEY,
        day DATE NOT NULL,
        title TEXT NOT NULL,
        section TEXT NOT NULL,
        secondary TEXT NOT NULL DEFAULT '[]',
        scores TEXT NOT NULL DEFAULT '{}',
        importance DOUBLE PRECISION NOT NULL DEFAULT 0,
        outlets TEXT NOT NULL DEFAULT '[]',
        first_seen DATE,
        last_seen DATE
    );
    CREATE INDEX stories_day ON stories(day);
    CREATE TABLE story_articles (
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );

    CREATE TABLE briefings (
        day DATE PRIMARY KEY,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    """
    ALTER TABLE stories ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
    """,
    """
    CREATE TABLE jobs (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );
    """,
    """
    CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id);
    CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
    CREATE INDEX IF NOT EXISTS stories_section ON stories(section, day);
    CREATE INDEX IF NOT EXISTS mentions_text ON mentions(lower(text));
    """,
    # 5: event threads across days (issue #5): the thread a story continues and whether it is new,
    # continuing or escalating.
    """
    ALTER TABLE stories ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
    CREATE INDEX IF NOT EXISTS stories_thread ON stories(thread_id, day);
    """,
]

_SEPARATORS = string.punctuation.replace("'", "''")

#: Changes only PostgreSQL needs, counted apart in ``warbrief_schema.revision`` so that both backends keep
#: reporting the same ``schema_version``. Each runs once, after the numbered migrations, in a transaction of its own.
PG_REVISIONS: list[str] = [
    # 1: search as the web archive ranks it on SQLite (bm25 with titles weighted 5:1): migration 1 indexed title
    # and text as one unweighted document, and PostgreSQL's parser reads "Estlink-2" as "estlink" and "-2",
    # "u.s." and "a/b" as one word each, where FTS5 finds the words. ``warbrief_search_text`` turns ASCII
    # punctuation into spaces, for the indexed text and for the searched words alike. The column is generated,
    # so every article the pipeline writes is indexed in the same statement.
    f"""
    CREATE OR REPLACE FUNCTION warbrief_search_text(value TEXT) RETURNS TEXT
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fn$ SELECT pg_catalog.translate(value, '{_SEPARATORS}', '{" " * len(string.punctuation)}') $fn$;
    ALTER TABLE articles DROP COLUMN IF EXISTS fts;
    ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', warbrief_search_text(title)), 'A')
        || setweight(to_tsvector('simple', warbrief_search_text(text)), 'B')) STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    """,
]
