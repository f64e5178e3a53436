#include "storage/migrations.h"

namespace pavilion {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The append-only event log. local_seq is the order events were applied here; (terminal_id,
-- terminal_seq) is the order on the terminal that made them; server_seq is the global order once
-- the central server has it.
CREATE TABLE events(
  local_seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  terminal_id   TEXT NOT NULL,
  terminal_seq  INTEGER NOT NULL,
  type          TEXT NOT NULL,
  occurred_at   TEXT NOT NULL,
  payload       TEXT NOT NULL,
  server_seq    INTEGER,
  pushed        INTEGER NOT NULL DEFAULT 0,
  UNIQUE(terminal_id, terminal_seq)
);
CREATE INDEX events_unpushed ON events(terminal_id, pushed, terminal_seq);
CREATE TRIGGER events_no_update BEFORE UPDATE OF id, terminal_id, terminal_seq, type, occurred_at, payload ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Projection: issues as residents see them.
CREATE TABLE issues(
  id            TEXT PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  category      TEXT NOT NULL,
  compound      TEXT,
  building      TEXT,
  unit          TEXT,
  public_area   TEXT,
  location      TEXT NOT NULL,
  text          TEXT NOT NULL,
  phone         TEXT,
  status        TEXT NOT NULL,
  supporters    INTEGER NOT NULL DEFAULT 0,
  reported_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  terminal_id   TEXT NOT NULL
);
CREATE INDEX issues_by_place ON issues(category, compound, status);
CREATE INDEX issues_by_reported ON issues(reported_at);

CREATE TABLE issue_timeline(
  event_id  TEXT PRIMARY KEY REFERENCES events(id),
  issue_id  TEXT NOT NULL REFERENCES issues(id),
  at        TEXT NOT NULL,
  kind      TEXT NOT NULL,
  note      TEXT
);
CREATE INDEX issue_timeline_by_issue ON issue_timeline(issue_id, at);
)sql"},
        {2, R"sql(
-- Sync (sync/protocol/PROTOCOL.md). events.pushed: 0 waiting, 1 acknowledged by the server,
-- 2 refused by the server (kept here, never sent again, listed for the facilitator).
CREATE TABLE sync_state(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Events that could not take their place: pushed ones the server refused, pulled ones that clash
-- with what this terminal holds, pulled ones the projection could not apply. Never deleted.
CREATE TABLE sync_refused(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT NOT NULL,
  direction  TEXT NOT NULL,   -- 'push' or 'pull'
  reason     TEXT NOT NULL,
  at         TEXT NOT NULL,
  body       TEXT             -- the event as received, when it is not in the events table
);
CREATE INDEX events_by_server_seq ON events(server_seq);
)sql"},
    };
    return list;
}

int latestSchemaVersion() { return migrations().back().version; }

}  // namespace pavilion
