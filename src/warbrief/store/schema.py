"""The SQLite schema, as an ordered list of migrations.

A store records the version it has reached in ``PRAGMA user_version``; opening an older store applies
the missing migrations in one transaction each, so a store is never left between two versions.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: raw documents, articles with full-text search, sentences, facts, mentions, embeddings,
    # stories and briefings.
    """
    CREATE TABLE raw_documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        media_type TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        day TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        content BLOB NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'extracted', 'empty', 'failed')),
        status_reason TEXT
    );
    CREATE INDEX raw_documents_day ON raw_documents(day);
    CREATE INDEX raw_documents_status ON raw_documents(status);

    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        raw_id TEXT NOT NULL REFERENCES raw_documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        day TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        origin TEXT NOT NULL DEFAULT '',
        published TEXT,
        language TEXT,
        section_hint TEXT,
        label TEXT,
        extractor TEXT NOT NULL DEFAULT '',
        understood INTEGER NOT NULL DEFAULT 0,
        UNIQUE (raw_id, idx)
    );
    CREATE INDEX articles_day ON articles(day);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );

    CREATE TABLE facts (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        value TEXT NOT NULL,
        about TEXT,
        source TEXT,
        status TEXT NOT NULL
    );
    CREATE INDEX facts_article ON facts(article_id);
    CREATE INDEX facts_kind ON facts(kind);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        extra TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (article_id, start, end, label)
    );
    CREATE INDEX mentions_entity ON mentions(entity);

    CREATE TABLE embeddings (
        owner TEXT NOT NULL,
        model TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (owner, model)
    );

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        title TEXT NOT NULL,
        section TEXT NOT NULL,
        secondary TEXT NOT NULL DEFAULT '[]',
        scores TEXT NOT NULL DEFAULT '{}',
        importance REAL NOT NULL DEFAULT 0,
        outlets TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT,
        last_seen TEXT
    );
    CREATE INDEX stories_day ON stories(day);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );

    CREATE TABLE briefings (
        day TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    # 2: why each story got its section (matched places, keywords, nearest exemplar), for `explain`.
    """
    ALTER TABLE stories ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}';
    """,
    # 3: long-running jobs (``warbrief reprocess``) keep their state here, so a stopped job resumes instead of
    # marking the archive again (issue #9).
    """
    CREATE TABLE jobs (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );
    """,
    # 4: lookups the web archive makes on every story, search filter and place (issue #7): the stories an
    # article belongs to, articles by outlet, stories by section, place mentions by the name as written.
    """
    CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id);
    CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
    CREATE INDEX IF NOT EXISTS stories_section ON stories(section, day);
    CREATE INDEX IF NOT EXISTS mentions_text ON mentions(text COLLATE NOCASE);
    """,
    # 5: event threads across days (issue #5): the thread a story continues and whether it is new,
    # continuing or escalating.
    """
    ALTER TABLE stories ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
    CREATE INDEX IF NOT EXISTS stories_thread ON stories(thread_id, day);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
