-- Sessions Tether runs itself (claude -p, one process per turn), and how far the agent's own
-- transcript has been imported into the log (the id of its last record), for attach and sync.
ALTER TABLE sessions ADD COLUMN headless INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN sync_cursor TEXT;
