//! The SQLite side of the index: opening and migrating it, the update
//! lock, and the single writer that files each scanned file's rows.
//!
//! Why it stays consistent when an update is interrupted (Ctrl-C, kill,
//! power loss): every file's rows (its `files` row, findings, counts,
//! problems) are replaced inside one transaction, and transactions are
//! committed in batches; SQLite in WAL mode rolls back whatever was not
//! committed. A file whose transaction did not commit is simply not in the
//! index yet (or still as before) and is read again by the next update,
//! which therefore carries on where the interrupted one stopped. Deleted
//! files are dropped only at the end of a complete walk, so an interrupted
//! walk never drops a file it had not reached.
//!
//! One update at a time: an update holds an exclusive lock on
//! `<db>.lock`; a second one refuses (or, with `--wait`, waits). Readers
//! (`trawl subject --db`, `trawl report`) never block and see the last
//! committed state.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::key::{self, Key};

/// The schema version this build writes (PRAGMA user_version).
pub const SCHEMA_VERSION: i64 = 1;
const SCHEMA: &str = include_str!("schema.sql");
/// `MIGRATIONS[i]` takes an index from version `i + 1` to `i + 2`. Each
/// runs in the transaction that also sets the new version.
const MIGRATIONS: &[&str] = &[];
const _: () = assert!(MIGRATIONS.len() as i64 == SCHEMA_VERSION - 1);

/// Files per transaction, at most; and at most this long between commits.
const BATCH_FILES: usize = 500;
const BATCH_TIME: Duration = Duration::from_secs(2);

/// An open index.
pub struct Index {
    pub conn: Connection,
    pub key: Key,
    pub path: PathBuf,
    pub key_path: PathBuf,
}

/// A file's modification time as the index keeps it (nanoseconds since
/// the Unix epoch, 0 if unknown).
pub fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> String + '_ {
    move |e| format!("index {}: {e}", path.display())
}

/// Creates an empty file readable by its owner only, so that SQLite (which
/// gives its journal files the database's mode) never makes a readable one.
fn create_database(path: &Path) -> Result<(), String> {
    super::create_private(path)
        .map(drop)
        .map_err(|e| format!("cannot create the index {}: {e}", path.display()))
}

/// An existing index opened read-only (no migration, no write, no lock
/// needed), refused with what to do if its schema is not this trawl's.
/// For readers that need no key (`trawl report`) and, with the key, for
/// [`Index::open_reader`].
pub fn open_read_only(db: &Path) -> Result<Connection, String> {
    if !db.exists() {
        return Err(no_index(db));
    }
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql_err(db))?;
    conn.busy_timeout(Duration::from_secs(60))
        .map_err(sql_err(db))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql_err(db))?;
    if version > SCHEMA_VERSION {
        return Err(newer(db, version));
    }
    if version < SCHEMA_VERSION {
        return Err(format!(
            "the index {} is from another version of trawl: schema version {version}; run trawl index update once to bring it to version {SCHEMA_VERSION}",
            db.display()
        ));
    }
    Ok(conn)
}

fn newer(db: &Path, version: i64) -> String {
    format!(
        "the index {} is from another version of trawl: schema version {version}, made by a newer trawl (this one reads version {SCHEMA_VERSION})",
        db.display()
    )
}

fn no_index(db: &Path) -> String {
    format!(
        "there is no index at {} (make one with: trawl index update PATH --db {})",
        db.display(),
        db.display()
    )
}

fn missing_key(key_path: &Path, db: &Path) -> String {
    format!(
        "the key file {} is missing: the index {} cannot be read without the key it was made with (give it with --key-file)",
        key_path.display(),
        db.display()
    )
}

fn configure(conn: &Connection, path: &Path) -> Result<(), String> {
    conn.busy_timeout(Duration::from_secs(60))
        .map_err(sql_err(path))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sql_err(path))?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sql_err(path))?;
    Ok(())
}

impl Index {
    /// Opens the index at `db`, creating it (and its key) if `create` and
    /// it does not exist, and migrating an older schema.
    pub fn open(db: &Path, key_file: Option<&Path>, create: bool) -> Result<Index, String> {
        let key_path = key_file.map_or_else(|| key::default_path(db), Path::to_path_buf);
        // A database file left empty by a first update that failed early
        // is new too.
        let fresh = std::fs::metadata(db).map_or(true, |m| m.len() == 0);
        if fresh && !create {
            return Err(no_index(db));
        }
        if fresh && let Some(dir) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
        }
        let key = if key_path.exists() {
            Key::load(&key_path)?
        } else if fresh {
            Key::create(&key_path)?
        } else {
            return Err(missing_key(&key_path, db));
        };
        // The key first (above): a database is never made without one.
        if fresh && !db.exists() {
            create_database(db)?;
        }
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql_err(db))?;
        configure(&conn, db)?;
        let mut ix = Index {
            conn,
            key,
            path: db.to_path_buf(),
            key_path,
        };
        ix.migrate()?;
        Ok(ix)
    }

    /// Opens an existing index for reading only (subject searches,
    /// reports, info): no migration, no write, no lock needed; an index of
    /// another schema version is refused with what to do.
    pub fn open_reader(db: &Path, key_file: Option<&Path>) -> Result<Index, String> {
        let key_path = key_file.map_or_else(|| key::default_path(db), Path::to_path_buf);
        let conn = open_read_only(db)?;
        if !key_path.exists() {
            return Err(missing_key(&key_path, db));
        }
        let key = Key::load(&key_path)?;
        let ix = Index {
            conn,
            key,
            path: db.to_path_buf(),
            key_path,
        };
        ix.check_key()?;
        Ok(ix)
    }

    fn check_key(&self) -> Result<(), String> {
        let check: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'key_check'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql_err(&self.path))?;
        if check.as_deref() != Some(self.key.check().as_str()) {
            return Err(format!(
                "the key file {} does not belong to the index {} (it was made with another key)",
                self.key_path.display(),
                self.path.display()
            ));
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), String> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(&err)?;
        if version > SCHEMA_VERSION {
            return Err(newer(&path, version));
        }
        if version == 0 {
            let tx = self.conn.transaction().map_err(&err)?;
            // A database that is not empty but has no version is not ours.
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(&err)?;
            if tables > 0 {
                return Err(format!(
                    "{} is an SQLite database but not a trawl index",
                    path.display()
                ));
            }
            tx.execute_batch(SCHEMA).map_err(&err)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('key_check', ?1), ('created', ?2), ('trawl_version', ?3)",
                params![self.key.check(), now(), env!("CARGO_PKG_VERSION")],
            )
            .map_err(&err)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(&err)?;
            tx.commit().map_err(&err)?;
        }
        for v in version.max(1)..SCHEMA_VERSION {
            let tx = self.conn.transaction().map_err(&err)?;
            tx.execute_batch(MIGRATIONS[(v - 1) as usize])
                .map_err(&err)?;
            tx.pragma_update(None, "user_version", v + 1)
                .map_err(&err)?;
            tx.commit().map_err(&err)?;
        }
        self.check_key()
    }

    /// What the index knew of each file, for deciding what to reread.
    pub fn previous(&self) -> Result<HashMap<String, Prev>, String> {
        let mut st = self
            .conn
            .prepare("SELECT path, size, mtime_ns, sha256, status FROM files")
            .map_err(sql_err(&self.path))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Prev {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                        sha256: r
                            .get::<_, Option<String>>(3)?
                            .as_deref()
                            .and_then(sha_bytes),
                        complete: matches!(
                            r.get::<_, String>(4)?.as_str(),
                            "scanned" | "partial" | "review"
                        ),
                    },
                ))
            })
            .map_err(sql_err(&self.path))?;
        rows.collect::<Result<_, _>>().map_err(sql_err(&self.path))
    }

    /// Whether what decides a scan's findings (pattern pack, version,
    /// limits) differs from the last complete update's, so that every file
    /// must be read again. The new settings are recorded by
    /// [`Index::finish_run`], so an interrupted update leaves the old ones
    /// and the next update rereads everything again.
    pub fn settings_changed(&self, settings: &str) -> Result<bool, String> {
        let old: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'scan_settings'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err(&self.path))?;
        Ok(old.is_some_and(|o| o != settings))
    }

    /// Starts a run: earlier runs left 'running' were interrupted.
    pub fn begin_run(&self, roots: &[String], pattern_pack: &str) -> Result<i64, String> {
        let err = sql_err(&self.path);
        self.conn
            .execute(
                "UPDATE runs SET status = 'interrupted' WHERE status = 'running'",
                [],
            )
            .map_err(&err)?;
        self.conn
            .execute(
                "INSERT INTO runs(started, status, roots, pattern_pack, version) VALUES (?1, 'running', ?2, ?3, ?4)",
                params![
                    now(),
                    serde_json::to_string(roots).unwrap_or_default(),
                    pattern_pack,
                    env!("CARGO_PKG_VERSION")
                ],
            )
            .map_err(&err)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Ends a complete run: files under `roots` that the walk did not see
    /// are dropped (and listed as removed), except under `unreadable`
    /// (folders the walk could not list: their files are kept as they
    /// were), and the run is marked complete.
    pub fn finish_run(
        &mut self,
        run: i64,
        roots: &[String],
        unreadable: &[String],
        settings: &str,
        counts: &mut RunCounts,
    ) -> Result<bool, String> {
        let path = self.path.clone();
        let err = sql_err(&path);
        let mut kept_empty = false;
        let tx = self.conn.transaction().map_err(&err)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('scan_settings', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [settings],
        )
        .map_err(&err)?;
        let sep = std::path::MAIN_SEPARATOR.to_string();
        for root in roots {
            let prefix = if root.ends_with(&sep) {
                root.clone()
            } else {
                format!("{root}{sep}")
            };
            let gone: Vec<(i64, String, String)> = {
                let mut st = tx
                    .prepare(
                        "SELECT id, path, folder FROM files WHERE seen_run < ?1 AND (path = ?2 OR substr(path, 1, ?3) = ?4)",
                    )
                    .map_err(&err)?;
                st.query_map(
                    params![run, root, prefix.chars().count() as i64, prefix],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .map_err(&err)?
                .collect::<Result<_, _>>()
                .map_err(&err)?
            };
            // An empty mount point (the share not mounted) looks like a
            // share whose files were all deleted: nothing is dropped then.
            let seen: i64 = tx
                .query_row(
                    "SELECT count(*) FROM files WHERE seen_run = ?1 AND (path = ?2 OR substr(path, 1, ?3) = ?4)",
                    params![run, root, prefix.chars().count() as i64, prefix],
                    |r| r.get(0),
                )
                .map_err(&err)?;
            if seen == 0 && !gone.is_empty() && Path::new(root).is_dir() {
                eprintln!(
                    "trawl: {root}: no files found where the index holds {}; if the share is not mounted, mount it and update again. Nothing under it was dropped",
                    gone.len()
                );
                kept_empty = true;
                continue;
            }
            for (id, p, folder) in gone {
                let kept = unreadable.iter().any(|u| {
                    p == *u || (p.starts_with(u.as_str()) && p[u.len()..].starts_with(&sep))
                });
                if kept {
                    continue;
                }
                // Still on disk: excluded now, or no longer walked.
                let reason = if super::paths::path_of(&p).exists() {
                    "out of scope"
                } else {
                    "deleted"
                };
                delete_rows(&tx, id).map_err(&err)?;
                tx.execute("DELETE FROM files WHERE id = ?1", [id])
                    .map_err(&err)?;
                tx.execute(
                    "INSERT INTO removed(path, folder, run, reason) VALUES (?1, ?2, ?3, ?4)",
                    params![p, folder, run, reason],
                )
                .map_err(&err)?;
                counts.removed += 1;
            }
        }
        counts.store(&tx, run).map_err(&err)?;
        tx.execute(
            "UPDATE runs SET status = 'complete', finished = ?1 WHERE id = ?2",
            params![now(), run],
        )
        .map_err(&err)?;
        tx.commit().map_err(&err)?;
        // Keep the WAL file small between runs.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(kept_empty)
    }
}

fn delete_rows(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM findings WHERE file_id = ?1", [id])?;
    tx.execute("DELETE FROM counts WHERE file_id = ?1", [id])?;
    tx.execute("DELETE FROM problems WHERE file_id = ?1", [id])?;
    Ok(())
}

/// What the index held of a file.
#[derive(Clone, Debug)]
pub struct Prev {
    pub size: u64,
    pub mtime_ns: i64,
    pub sha256: Option<[u8; 32]>,
    /// Read completely last time (status scanned, partial or review): a
    /// file that failed or was skipped is read again.
    pub complete: bool,
}

/// A SHA-256 in hex to bytes.
pub fn sha_bytes(hex: &str) -> Option<[u8; 32]> {
    super::unhex(hex)?.try_into().ok()
}

/// One finding as stored: no raw value.
#[derive(Clone, Debug)]
pub struct FindingRow {
    pub container: Option<String>,
    pub location: Option<String>,
    pub line: i64,
    pub col: i64,
    pub row: Option<i64>,
    pub field: Option<String>,
    pub offset: i64,
    pub rule: String,
    pub categories: String,
    pub confidence: &'static str,
    pub value_hash: i64,
    pub part_hashes: Option<String>,
}

/// A scanned file's rows.
#[derive(Clone, Debug)]
pub struct FileRecord {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub sha256: Option<String>,
    pub class: String,
    pub status: &'static str,
    pub reason: Option<String>,
    pub findings: Vec<FindingRow>,
    /// (kind 'rule' or 'category', id, count).
    pub counts: Vec<(&'static str, String, i64)>,
    /// (kind 'unreadable' or 'review', member, reason).
    pub problems: Vec<(&'static str, Option<String>, String)>,
    pub terms: Option<Vec<u8>>,
    pub special: i64,
    pub offence: i64,
    /// Findings past the per-file cap: counted, not listed.
    pub beyond: u64,
}

/// What the workers send the writer.
#[derive(Debug)]
pub enum Update {
    /// Same size and modification time as indexed.
    Unchanged { path: String },
    /// Size or time changed, content the same.
    Touched {
        path: String,
        size: u64,
        mtime_ns: i64,
    },
    /// Read and scanned.
    File(Box<FileRecord>),
}

/// A run's counts.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct RunCounts {
    pub added: u64,
    pub changed: u64,
    pub touched: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub failed: u64,
    pub skipped: u64,
    pub findings: u64,
}

impl RunCounts {
    fn store(&self, conn: &Connection, run: i64) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE runs SET added = ?1, changed = ?2, touched = ?3, unchanged = ?4, removed = ?5, failed = ?6, skipped = ?7 WHERE id = ?8",
            params![
                self.added as i64,
                self.changed as i64,
                self.touched as i64,
                self.unchanged as i64,
                self.removed as i64,
                self.failed as i64,
                self.skipped as i64,
                run
            ],
        )?;
        Ok(())
    }
}

fn parent_folder(path: &str) -> String {
    Path::new(path)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Files the update's rows, one file per message, committing in batches.
/// Returns when every sender has gone.
pub fn write_updates(
    conn: &Connection,
    run: i64,
    rx: std::sync::mpsc::Receiver<Update>,
) -> Result<RunCounts, String> {
    let err = |e: rusqlite::Error| format!("writing the index: {e}");
    let mut counts = RunCounts::default();
    let mut pending = 0usize;
    let mut since = Instant::now();
    // Plain BEGIN/COMMIT: the batch spans many statements and a commit
    // every few hundred files; dropping out on an error rolls back.
    let t = conn;
    t.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
    let result = (|| -> rusqlite::Result<()> {
        for u in rx {
            match u {
                Update::Unchanged { path } => {
                    t.prepare_cached("UPDATE files SET seen_run = ?1 WHERE path = ?2")?
                        .execute(params![run, path])?;
                    counts.unchanged += 1;
                }
                Update::Touched {
                    path,
                    size,
                    mtime_ns,
                } => {
                    t.prepare_cached(
                        "UPDATE files SET seen_run = ?1, size = ?2, mtime_ns = ?3 WHERE path = ?4",
                    )?
                    .execute(params![run, size as i64, mtime_ns, path])?;
                    counts.touched += 1;
                }
                Update::File(rec) => {
                    match write_file(t, run, &rec)? {
                        Written::Added => counts.added += 1,
                        Written::Changed => counts.changed += 1,
                        Written::Same => counts.unchanged += 1,
                    }
                    match rec.status {
                        "failed" => counts.failed += 1,
                        "skipped" => counts.skipped += 1,
                        _ => {}
                    }
                    counts.findings += rec.findings.len() as u64 + rec.beyond;
                }
            }
            pending += 1;
            if pending >= BATCH_FILES || since.elapsed() >= BATCH_TIME {
                counts.store(t, run)?;
                t.execute_batch("COMMIT; BEGIN IMMEDIATE")?;
                pending = 0;
                since = Instant::now();
            }
        }
        counts.store(t, run)?;
        t.execute_batch("COMMIT")
    })();
    if let Err(e) = result {
        let _ = t.execute_batch("ROLLBACK");
        return Err(err(e));
    }
    Ok(counts)
}

/// What writing a file's rows did.
enum Written {
    Added,
    Changed,
    /// Read again (it failed or was skipped before) with the same outcome:
    /// not a change.
    Same,
}

/// Replaces one file's rows.
fn write_file(t: &Connection, run: i64, r: &FileRecord) -> rusqlite::Result<Written> {
    if matches!(r.status, "failed" | "skipped") {
        let before: Option<(String, Option<String>, i64, i64)> = t
            .prepare_cached("SELECT status, reason, size, mtime_ns FROM files WHERE path = ?1")?
            .query_row([&r.path], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .optional()?;
        if let Some((status, reason, size, mtime)) = before
            && status == r.status
            && reason == r.reason
            && size == r.size as i64
            && mtime == r.mtime_ns
        {
            t.prepare_cached("UPDATE files SET seen_run = ?1 WHERE path = ?2")?
                .execute(params![run, r.path])?;
            return Ok(Written::Same);
        }
    }
    // One statement for new and known files; `first_run` tells which.
    let (id, first_run): (i64, i64) = t
        .prepare_cached(
            "INSERT INTO files(path, folder, size, mtime_ns, sha256, class, status, reason, findings, special, offence,
             first_run, changed_run, seen_run, terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13)
             ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256,
             class = excluded.class, status = excluded.status, reason = excluded.reason, findings = excluded.findings,
             special = excluded.special, offence = excluded.offence, changed_run = excluded.changed_run,
             seen_run = excluded.seen_run, terms = excluded.terms
             RETURNING id, first_run",
        )?
        .query_row(
            params![
                r.path,
                parent_folder(&r.path),
                r.size as i64,
                r.mtime_ns,
                r.sha256,
                r.class,
                r.status,
                r.reason,
                r.findings.len() as i64 + r.beyond as i64,
                r.special,
                r.offence,
                run,
                r.terms
            ],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
    let existing = first_run != run;
    if existing {
        delete_rows(t, id)?;
    }
    {
        let mut st = t.prepare_cached(
            "INSERT INTO findings(file_id, container, location, line, col, row, field, offset, rule, categories, confidence, value_hash, part_hashes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for f in &r.findings {
            st.execute(params![
                id,
                f.container,
                f.location,
                f.line,
                f.col,
                f.row,
                f.field,
                f.offset,
                f.rule,
                f.categories,
                f.confidence,
                f.value_hash,
                f.part_hashes
            ])?;
        }
    }
    {
        let mut st =
            t.prepare_cached("INSERT INTO counts(file_id, kind, name, n) VALUES (?1, ?2, ?3, ?4)")?;
        for (kind, name, n) in &r.counts {
            st.execute(params![id, kind, name, n])?;
        }
    }
    {
        let mut st = t.prepare_cached(
            "INSERT INTO problems(file_id, kind, member, reason) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (kind, member, reason) in &r.problems {
            st.execute(params![id, kind, member, reason])?;
        }
    }
    Ok(if existing {
        Written::Changed
    } else {
        Written::Added
    })
}

/// The exclusive right to update one index, held until dropped.
pub struct UpdateLock {
    _file: File,
}

/// Another update holds the lock.
#[derive(Debug)]
pub struct Busy(pub String);

/// Takes the update lock of `db` (the file `<db>.lock`): waiting for it if
/// `wait`, else refusing with who holds it.
pub fn lock(db: &Path, wait: bool) -> Result<Result<UpdateLock, Busy>, String> {
    let path = super::beside(db, ".lock");
    if let Some(dir) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(&path)
        .map_err(|e| format!("cannot open the lock file {}: {e}", path.display()))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = f.read_to_string(&mut holder);
            let holder = holder.trim();
            if !wait {
                return Ok(Err(Busy(format!(
                    "another `trawl index update` is updating {} ({}); try again when it has finished, or pass --wait",
                    db.display(),
                    if holder.is_empty() {
                        "started by another process"
                    } else {
                        holder
                    }
                ))));
            }
            eprintln!(
                "trawl: waiting for another update of {} to finish ({holder})",
                db.display()
            );
            f.lock()
                .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", path.display()));
        }
    }
    let _ = f.set_len(0);
    let _ = f.rewind();
    let _ = write!(f, "process {} since {}", std::process::id(), now());
    let _ = f.flush();
    Ok(Ok(UpdateLock { _file: f }))
}

/// `trawl index info`.
#[derive(Debug, serde::Serialize)]
pub struct Info {
    pub path: String,
    pub schema_version: i64,
    pub created: Option<String>,
    pub files: i64,
    pub by_status: Vec<(String, i64)>,
    pub findings: i64,
    pub files_with_findings: i64,
    pub removed_total: i64,
    pub runs: i64,
    pub last_run: Option<RunInfo>,
    pub last_complete: Option<RunInfo>,
    pub database_bytes: u64,
}

#[derive(Debug, serde::Serialize)]
pub struct RunInfo {
    pub id: i64,
    pub started: String,
    pub finished: Option<String>,
    pub status: String,
    pub roots: String,
    pub counts: RunCounts,
}

fn run_info(conn: &Connection, filter: &str) -> rusqlite::Result<Option<RunInfo>> {
    conn.query_row(
        &format!(
            "SELECT id, started, finished, status, roots, added, changed, touched, unchanged, removed, failed, skipped
             FROM runs {filter} ORDER BY id DESC LIMIT 1"
        ),
        [],
        |r| {
            Ok(RunInfo {
                id: r.get(0)?,
                started: r.get(1)?,
                finished: r.get(2)?,
                status: r.get(3)?,
                roots: r.get(4)?,
                counts: RunCounts {
                    added: r.get::<_, i64>(5)? as u64,
                    changed: r.get::<_, i64>(6)? as u64,
                    touched: r.get::<_, i64>(7)? as u64,
                    unchanged: r.get::<_, i64>(8)? as u64,
                    removed: r.get::<_, i64>(9)? as u64,
                    failed: r.get::<_, i64>(10)? as u64,
                    skipped: r.get::<_, i64>(11)? as u64,
                    findings: 0,
                },
            })
        },
    )
    .optional()
}

impl Index {
    pub fn info(&self) -> Result<Info, String> {
        let c = &self.conn;
        let err = sql_err(&self.path);
        let one =
            |sql: &str| -> Result<i64, String> { c.query_row(sql, [], |r| r.get(0)).map_err(&err) };
        let mut by_status = Vec::new();
        {
            let mut st = c
                .prepare("SELECT status, count(*) FROM files GROUP BY status ORDER BY status")
                .map_err(&err)?;
            for r in st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(&err)?
            {
                by_status.push(r.map_err(&err)?);
            }
        }
        Ok(Info {
            path: self.path.display().to_string(),
            schema_version: c
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(&err)?,
            created: c
                .query_row("SELECT value FROM meta WHERE key = 'created'", [], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(&err)?,
            files: one("SELECT count(*) FROM files")?,
            by_status,
            findings: one("SELECT coalesce(sum(findings), 0) FROM files")?,
            files_with_findings: one("SELECT count(*) FROM files WHERE findings > 0")?,
            removed_total: one("SELECT count(*) FROM removed")?,
            runs: one("SELECT count(*) FROM runs")?,
            last_run: run_info(c, "").map_err(&err)?,
            last_complete: run_info(c, "WHERE status = 'complete'").map_err(&err)?,
            database_bytes: std::fs::metadata(&self.path).map_or(0, |m| m.len()),
        })
    }
}
