-- The trawl index, schema version 1 (kept in PRAGMA user_version).
-- No raw identifier or name is stored: values are keyed hashes (HMAC-SHA256
-- with the key in the key file beside the database, first 8 bytes as a
-- signed 64-bit integer). Paths, folder names, column headers, archive
-- member names and reasons are stored as they are.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- 'key_check': keyed hash of a fixed string (proves the key file fits);
-- 'created': RFC 3339 UTC; 'trawl_version'; 'scan_settings': what decides
-- what a scan finds (pattern pack, trawl version, limits): when it changes,
-- the next update reads every file again.

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    started      TEXT NOT NULL,            -- RFC 3339 UTC
    finished     TEXT,                     -- NULL unless complete
    status       TEXT NOT NULL,            -- 'running' | 'complete' | 'interrupted'
    roots        TEXT NOT NULL,            -- JSON array of the paths given
    pattern_pack TEXT NOT NULL,
    version      TEXT NOT NULL,
    added        INTEGER NOT NULL DEFAULT 0,  -- new files scanned
    changed      INTEGER NOT NULL DEFAULT 0,  -- content changed, rescanned
    touched      INTEGER NOT NULL DEFAULT 0,  -- mtime/size changed, content the same
    unchanged    INTEGER NOT NULL DEFAULT 0,
    removed      INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,  -- could not be read (status 'failed')
    skipped      INTEGER NOT NULL DEFAULT 0   -- skipped with a reason (status 'skipped')
);

CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    folder      TEXT NOT NULL,              -- the parent folder of path
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,           -- nanoseconds since the Unix epoch
    sha256      TEXT,                       -- content hash (hex); NULL if never read
    class       TEXT NOT NULL,              -- format: text, delimited, docx, xlsx, pdf, zip, mbox, image, binary ...
    status      TEXT NOT NULL,              -- 'scanned' | 'partial' | 'failed' | 'skipped' | 'review'
    reason      TEXT,                       -- why partial, failed, skipped or for review
    findings    INTEGER NOT NULL DEFAULT 0, -- findings in the file
    special     INTEGER NOT NULL DEFAULT 0, -- of which in a special category
    offence     INTEGER NOT NULL DEFAULT 0, -- of which in a criminal-offence category
    first_run   INTEGER NOT NULL,           -- run that first indexed it
    changed_run INTEGER NOT NULL,           -- run that last (re)scanned it
    seen_run    INTEGER NOT NULL,           -- last run that saw it on disk
    terms       BLOB                        -- sorted little-endian u64 keyed term hashes
);
CREATE INDEX files_folder ON files(folder);
CREATE INDEX files_changed ON files(changed_run);

CREATE TABLE findings (
    file_id     INTEGER NOT NULL,           -- files.id
    container   TEXT,                       -- member inside the file ("a.zip > b.docx"), NULL for the file itself
    location    TEXT,                       -- part: "page 3", "Sheet1!B4", ...
    line        INTEGER,
    col         INTEGER,
    row         INTEGER,                    -- record number in a CSV/TSV or sheet
    field       TEXT,                       -- column header
    offset      INTEGER NOT NULL,           -- byte offset of the value in the (decoded) text
    rule        TEXT NOT NULL,              -- rule id (uk_nino, person_name ...)
    categories  TEXT NOT NULL,              -- notice category ids, comma-separated
    confidence  TEXT NOT NULL,              -- 'high' | 'medium' | 'low'
    value_hash  INTEGER NOT NULL,           -- keyed hash of the normalised value
    part_hashes TEXT                        -- person_name: keyed hashes of each name part, comma-separated
);
CREATE INDEX findings_file ON findings(file_id);

CREATE TABLE counts (
    file_id INTEGER NOT NULL,
    kind    TEXT NOT NULL,                  -- 'rule' | 'category'
    name    TEXT NOT NULL,                  -- rule id or category id
    n       INTEGER NOT NULL,
    PRIMARY KEY (file_id, kind, name)
) WITHOUT ROWID;

CREATE TABLE problems (
    file_id INTEGER NOT NULL,
    kind    TEXT NOT NULL,                  -- 'unreadable' | 'review'
    member  TEXT,                           -- member inside the file, NULL for the file
    reason  TEXT NOT NULL
);
CREATE INDEX problems_file ON problems(file_id);

CREATE TABLE removed (
    path   TEXT NOT NULL,
    folder TEXT NOT NULL,
    run    INTEGER NOT NULL,                -- the run that found it gone
    reason TEXT NOT NULL DEFAULT 'deleted'  -- 'deleted' | 'out of scope' (still on disk: excluded or not walked)
);
