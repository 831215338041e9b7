-- newsgraph store schema for PostgreSQL, version 2: the same tables and columns as schema.sql
-- (SQLite), with tsvector columns in place of the FTS5 tables.  Applied by store/postgres.py.
CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
  id TEXT COLLATE "C" PRIMARY KEY,
  url TEXT COLLATE "C", outlet TEXT COLLATE "C", title TEXT COLLATE "C" NOT NULL,
  published TEXT COLLATE "C", published_precision TEXT COLLATE "C", language TEXT COLLATE "C",
  bylines TEXT COLLATE "C" NOT NULL DEFAULT '[]',      -- JSON list of names
  source TEXT COLLATE "C", content_hash TEXT COLLATE "C",
  text TEXT COLLATE "C" NOT NULL,
  tone DOUBLE PRECISION,
  analysis TEXT COLLATE "C" NOT NULL,                  -- the full Analysis JSON (output contract)
  stages TEXT COLLATE "C" NOT NULL DEFAULT '',
  ingested_at TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);

CREATE TABLE IF NOT EXISTS entities (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  eid TEXT COLLATE "C" NOT NULL, type TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
  actor TEXT COLLATE "C", country TEXT COLLATE "C", role TEXT COLLATE "C", kb_id TEXT COLLATE "C", n_mentions INTEGER NOT NULL,
  actor_source TEXT COLLATE "C",
  PRIMARY KEY (article_id, eid)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor);

CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  eid TEXT COLLATE "C" NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT COLLATE "C" NOT NULL, label TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS events (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  code TEXT COLLATE "C" NOT NULL, root TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C", quad_class INTEGER, goldstein DOUBLE PRECISION,
  source_actor TEXT COLLATE "C", source_entity TEXT COLLATE "C", source_name TEXT COLLATE "C", source_start INTEGER,
  target_actor TEXT COLLATE "C", target_entity TEXT COLLATE "C", target_name TEXT COLLATE "C", target_start INTEGER,
  date TEXT COLLATE "C", date_precision TEXT COLLATE "C", date_anchor TEXT COLLATE "C",
  place_name TEXT COLLATE "C", place_country TEXT COLLATE "C", lat DOUBLE PRECISION, lon DOUBLE PRECISION,
  negated INTEGER NOT NULL DEFAULT 0, modality TEXT COLLATE "C", confidence DOUBLE PRECISION,
  sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT COLLATE "C",
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS events_code ON events(code);
CREATE INDEX IF NOT EXISTS events_source ON events(source_actor);
CREATE INDEX IF NOT EXISTS events_target ON events(target_actor);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C",
  speaker_entity TEXT COLLATE "C", speaker_name TEXT COLLATE "C", speaker_actor TEXT COLLATE "C", cue TEXT COLLATE "C", channel TEXT COLLATE "C",
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);

CREATE TABLE IF NOT EXISTS timexes (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT COLLATE "C", type TEXT COLLATE "C", value TEXT COLLATE "C",
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS amounts (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT COLLATE "C", value DOUBLE PRECISION, unit TEXT COLLATE "C", kind TEXT COLLATE "C",
  measure TEXT COLLATE "C", date TEXT COLLATE "C",
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS places (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT COLLATE "C", name TEXT COLLATE "C", country TEXT COLLATE "C",
  lat DOUBLE PRECISION, lon DOUBLE PRECISION, geonames_id INTEGER,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS themes (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  code TEXT COLLATE "C" NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (article_id, code)
);

-- documents already processed (source + content hash), so an interrupted run resumes
CREATE TABLE IF NOT EXISTS sources (
  key TEXT COLLATE "C" PRIMARY KEY, source TEXT COLLATE "C" NOT NULL, article_id TEXT COLLATE "C", status TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
CREATE TABLE IF NOT EXISTS rejects (
  source TEXT COLLATE "C" PRIMARY KEY, code TEXT COLLATE "C" NOT NULL, message TEXT COLLATE "C" NOT NULL, run_id INTEGER,
  at TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
CREATE TABLE IF NOT EXISTS runs (
  id BIGSERIAL PRIMARY KEY, command TEXT COLLATE "C", started TEXT COLLATE "C" NOT NULL, finished TEXT COLLATE "C",
  n_ok INTEGER DEFAULT 0, n_rejected INTEGER DEFAULT 0, n_skipped INTEGER DEFAULT 0
);

-- full-text search ('simple' configuration: no stemming, any language), beside the tables as in
-- SQLite's FTS5 tables, so every table above has exactly SQLite's columns
CREATE TABLE IF NOT EXISTS articles_fts (
  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  fts tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_fts_gin ON articles_fts USING gin(fts);
CREATE TABLE IF NOT EXISTS quotes_fts (
  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  fts tsvector NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_fts_gin ON quotes_fts USING gin(fts);

-- SQLite's round(real, digits), which PostgreSQL only has for numeric
CREATE OR REPLACE FUNCTION round(double precision, integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT round($1::numeric, $2)::double precision';
