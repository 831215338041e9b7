-- newsgraph store schema, version 2.  Applied by store/sqlite.py migrations.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  url TEXT, outlet TEXT, title TEXT NOT NULL,
  published TEXT, published_precision TEXT, language TEXT,
  bylines TEXT NOT NULL DEFAULT '[]',      -- JSON list of names
  source TEXT, content_hash TEXT,
  text TEXT NOT NULL,
  tone REAL,
  analysis TEXT NOT NULL,                  -- the full Analysis JSON (output contract)
  stages TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);

CREATE TABLE IF NOT EXISTS entities (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  eid TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
  actor TEXT, country TEXT, role TEXT, kb_id TEXT, n_mentions INTEGER NOT NULL,
  actor_source TEXT,
  PRIMARY KEY (article_id, eid)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor);

CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  eid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS events (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL, name TEXT, quad_class INTEGER, goldstein REAL,
  source_actor TEXT, source_entity TEXT, source_name TEXT, source_start INTEGER,
  target_actor TEXT, target_entity TEXT, target_name TEXT, target_start INTEGER,
  date TEXT, date_precision TEXT, date_anchor TEXT,
  place_name TEXT, place_country TEXT, lat REAL, lon REAL,
  negated INTEGER NOT NULL DEFAULT 0, modality TEXT, confidence REAL,
  sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS events_code ON events(code);
CREATE INDEX IF NOT EXISTS events_source ON events(source_actor);
CREATE INDEX IF NOT EXISTS events_target ON events(target_actor);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT NOT NULL, kind TEXT,
  speaker_entity TEXT, speaker_name TEXT, speaker_actor TEXT, cue TEXT, channel TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);

CREATE TABLE IF NOT EXISTS timexes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, type TEXT, value TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS amounts (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, value REAL, unit TEXT, kind TEXT,
  measure TEXT, date TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS places (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, name TEXT, country TEXT,
  lat REAL, lon REAL, geonames_id INTEGER,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS themes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  code TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (article_id, code)
);

-- documents already processed (source + content hash), so an interrupted run resumes
CREATE TABLE IF NOT EXISTS sources (
  key TEXT PRIMARY KEY, source TEXT NOT NULL, article_id TEXT, status TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS rejects (
  source TEXT PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL, run_id INTEGER,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT, started TEXT NOT NULL, finished TEXT,
  n_ok INTEGER DEFAULT 0, n_rejected INTEGER DEFAULT 0, n_skipped INTEGER DEFAULT 0
);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(article_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(article_id UNINDEXED, idx UNINDEXED, text, speaker);
