-- Sessions, their append-only event logs, approvals and rules. Times are epoch milliseconds (UTC).

CREATE TABLE sessions (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  agent_type       TEXT NOT NULL,
  directory        TEXT,
  state            TEXT NOT NULL,
  approval_mode    TEXT NOT NULL,
  away             INTEGER NOT NULL DEFAULT 0,
  agent_session_id TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  started_at       INTEGER,
  ended_at         INTEGER,
  last_seq         INTEGER NOT NULL DEFAULT 0,
  input_tokens     INTEGER NOT NULL DEFAULT 0,
  output_tokens    INTEGER NOT NULL DEFAULT 0,
  cache_read_input_tokens     INTEGER NOT NULL DEFAULT 0,
  cache_creation_input_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd         REAL NOT NULL DEFAULT 0
);
CREATE INDEX sessions_created ON sessions (created_at DESC);
CREATE INDEX sessions_state ON sessions (state);

-- position orders events across sessions in commit order (the id of the all-sessions stream).
CREATE TABLE events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  ts         INTEGER NOT NULL,
  type       TEXT NOT NULL,
  data       TEXT NOT NULL,
  UNIQUE (session_id, seq)
);

CREATE TABLE approvals (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  request_id   TEXT,
  seq          INTEGER NOT NULL,
  tool_name    TEXT,
  tool_input   TEXT,
  title        TEXT,
  description  TEXT,
  options      TEXT,
  status       TEXT NOT NULL,
  decision     TEXT,
  resolved_by  TEXT,
  via          TEXT,
  reason       TEXT,
  choice       TEXT,
  rule_id      TEXT,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  decided_at   INTEGER
);
CREATE INDEX approvals_session ON approvals (session_id, status);
CREATE INDEX approvals_status ON approvals (status, created_at);

CREATE TABLE rules (
  id          TEXT PRIMARY KEY,
  pattern     TEXT NOT NULL,
  decision    TEXT NOT NULL,
  scope       TEXT NOT NULL,
  session_id  TEXT,
  directory   TEXT,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  created_by  TEXT
);
