//! `trawl index`, run as a scheduler would: the real binary on estates
//! made here in temporary folders. Incremental updates, the lock, crash
//! recovery (updates killed at random points), that no raw identifier or
//! name reaches the database, and that a subject search from the index
//! finds what a direct search finds.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn trawl(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(dir)
        .args(args)
        .args(["--no-progress", "--as-of", "2026-11-23"])
        .output()
        .unwrap()
}

fn trawl_info(dir: &Path, db: &str) -> Value {
    trawl_info_with(dir, db, &[])
}

fn trawl_info_with(dir: &Path, db: &str, more: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(dir)
        .args(["index", "info", "--db", db, "--json"])
        .args(more)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn update_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut a = vec!["index", "update", "--json"];
    a.extend_from_slice(args);
    let out = trawl(dir, &a);
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: exit {code}\nstdout {}\nstderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, v)
}

/// A small deterministic generator (xorshift), so estates are the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len() as u64) as usize]
    }
}

const FORENAMES: &[&str] = &[
    "Alice", "Bethan", "Connor", "Deepa", "Ewan", "Fatima", "Gareth",
];
const SURNAMES: &[&str] = &[
    "Quillfeather",
    "Ravensworth",
    "Ostrowska",
    "Thistlewood",
    "Underhay",
];
const PREFIXES: &[&str] = &["JK", "ME", "PR", "SW", "HT"];

/// Writes `n` synthetic files (notes and CSV exports, in folders) to
/// `dir`; returns the raw identifiers and names used.
fn make_estate(dir: &Path, n: usize, seed: u64) -> BTreeSet<String> {
    let mut r = Rng(seed | 1);
    let mut raw = BTreeSet::new();
    for i in 0..n {
        let folder = dir.join(format!("team{}/case{}", i % 7, i % 23));
        std::fs::create_dir_all(&folder).unwrap();
        let (f, s) = (r.pick(FORENAMES), r.pick(SURNAMES));
        let nino = format!(
            "{}{:06}{}",
            r.pick(PREFIXES),
            r.below(1_000_000),
            ["A", "B", "C", "D"][r.below(4) as usize]
        );
        let phone = format!("07700 900{:03}", r.below(1000));
        let pc = format!("B{} {}AA", 1 + r.below(9), 1 + r.below(9));
        let dob = format!(
            "{:02}/{:02}/19{:02}",
            1 + r.below(28),
            1 + r.below(12),
            50 + r.below(50)
        );
        raw.extend([
            f.to_string(),
            s.to_string(),
            nino.clone(),
            phone.clone(),
            pc.clone(),
            dob.clone(),
        ]);
        let body = if i % 3 == 0 {
            format!(
                "Forename,Surname,NI Number,Phone,Postcode,DOB\n{f},{s},{nino},{phone},{pc},{dob}\n{},{},{},{},{},{}\n",
                r.pick(FORENAMES),
                r.pick(SURNAMES),
                nino,
                phone,
                pc,
                dob
            )
        } else {
            format!(
                "Case note {i}.\nSpoke to Mr {f} {s} (DOB {dob}), NI number {nino}, tel {phone}, of {pc}.\nHe reported a burglary; no injuries. Offender arrested for theft.\n"
            )
        };
        let ext = if i % 3 == 0 { "csv" } else { "txt" };
        std::fs::write(folder.join(format!("doc{i:05}.{ext}")), body).unwrap();
    }
    raw
}

/// Everything the index holds except run numbers and times, in a stable
/// order: equal dumps mean equal indexes.
fn dump(db: &Path) -> String {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let mut out = String::new();
    let mut q = |sql: &str| {
        let mut st = c.prepare(sql).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!("{v:?}|"));
            }
            out.push('\n');
        }
    };
    q(
        "SELECT path, folder, size, mtime_ns, sha256, class, status, reason, findings, special, offence, terms FROM files ORDER BY path",
    );
    q("SELECT f.path, x.container, x.location, x.line, x.col, x.row, x.field, x.offset, x.rule, x.categories, x.confidence, x.value_hash, x.part_hashes
       FROM findings x JOIN files f ON f.id = x.file_id ORDER BY f.path, x.offset, x.rule, x.value_hash");
    q(
        "SELECT f.path, c.kind, c.name, c.n FROM counts c JOIN files f ON f.id = c.file_id ORDER BY 1, 2, 3",
    );
    q(
        "SELECT f.path, p.kind, p.member, p.reason FROM problems p JOIN files f ON f.id = p.file_id ORDER BY 1, 2, 3, 4",
    );
    q("SELECT count(*) FROM findings WHERE file_id NOT IN (SELECT id FROM files)");
    out
}

#[test]
fn updates_reread_only_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    make_estate(&est, 60, 7);
    let (code, first) = update_json(tmp.path(), &["share", "--db", "t.db"]);
    assert_eq!(code, 0, "{first}");
    assert_eq!(first["counts"]["added"], 60);
    assert!(first["findings"].as_i64().unwrap() > 300);

    let (_, again) = update_json(tmp.path(), &["share", "--db", "t.db"]);
    assert_eq!(again["counts"]["unchanged"], 60);
    assert_eq!(again["counts"]["added"], 0);
    assert_eq!(again["counts"]["changed"], 0);

    // Change one file, touch one (same content, new time), delete one, add one.
    let files: Vec<PathBuf> = walk(&est);
    std::fs::write(
        &files[0],
        "Now only Gareth Underhay, NI number PR123456A.\n",
    )
    .unwrap();
    let content = std::fs::read(&files[1]).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&files[1], content).unwrap();
    std::fs::remove_file(&files[2]).unwrap();
    std::fs::write(est.join("new.txt"), "DOB 01/02/1990 for Alice Ostrowska\n").unwrap();
    let (_, third) = update_json(tmp.path(), &["share", "--db", "t.db"]);
    let c = &third["counts"];
    assert_eq!(
        (
            &c["added"],
            &c["changed"],
            &c["touched"],
            &c["removed"],
            &c["unchanged"]
        ),
        (&1.into(), &1.into(), &1.into(), &1.into(), &57.into()),
        "{third}"
    );
    let info = trawl_info(tmp.path(), "t.db");
    assert_eq!(info["schema_version"], 1);
    assert_eq!(info["files"], 60);
    assert_eq!(info["last_complete"]["counts"]["removed"], 1);

    // Updating one folder of a share never drops the others.
    let (_, sub) = update_json(tmp.path(), &["share/team1", "--db", "t.db"]);
    assert_eq!(sub["counts"]["removed"], 0);
    assert_eq!(trawl_info(tmp.path(), "t.db")["files"], 60);

    // A share that is not there (unmounted) must not empty the index.
    let out = trawl(tmp.path(), &["index", "update", "gone", "--db", "t.db"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(trawl_info(tmp.path(), "t.db")["files"], 60);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_database_holds_no_raw_identifier_or_name() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    let raw = make_estate(&est, 40, 11);
    let out = trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut bytes = Vec::new();
    for f in ["t.db", "t.db-wal", "t.db-shm", "t.db.lock"] {
        if let Ok(b) = std::fs::read(tmp.path().join(f)) {
            bytes.extend(b);
        }
    }
    let hay = String::from_utf8_lossy(&bytes).to_lowercase();
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for v in &raw {
        for form in [v.to_lowercase(), compact(&v.to_lowercase())] {
            assert!(!hay.contains(&form), "{form:?} is in the database");
        }
    }
    // The estate's own words do not appear either (only hashes do), beyond
    // the schema's and the catalogue's vocabulary.
    for w in ["burglary", "injuries", "spoke"] {
        assert!(!hay.contains(w), "{w:?} is in the database");
    }
    // Findings were indexed, as hashes.
    let c = rusqlite::Connection::open(tmp.path().join("t.db")).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM findings WHERE rule = 'uk_nino'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n >= 40);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["t.db", "t.db.key", "t.db.lock"] {
            let mode = std::fs::metadata(tmp.path().join(f))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{f}");
        }
    }
}

#[test]
fn a_wrong_or_missing_key_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    make_estate(&tmp.path().join("share"), 3, 3);
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"])
            .status
            .success()
    );
    std::fs::rename(tmp.path().join("t.db.key"), tmp.path().join("saved.key")).unwrap();
    let out = trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("key file"));
    // Another index's key.
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "u.db"])
            .status
            .success()
    );
    let out = trawl(
        tmp.path(),
        &[
            "index",
            "update",
            "share",
            "--db",
            "t.db",
            "--key-file",
            "u.db.key",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not belong"));
    // The right key, from elsewhere.
    let out = trawl(
        tmp.path(),
        &[
            "index",
            "update",
            "share",
            "--db",
            "t.db",
            "--key-file",
            "saved.key",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A newer schema is not touched.
    let c = rusqlite::Connection::open(tmp.path().join("u.db")).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(tmp.path())
        .args(["index", "info", "--db", "u.db"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer trawl"));
}

#[test]
fn a_second_update_refuses_or_waits() {
    let tmp = tempfile::tempdir().unwrap();
    make_estate(&tmp.path().join("share"), 5, 5);
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"])
            .status
            .success()
    );
    // Hold the lock as a running update does.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(tmp.path().join("t.db.lock"))
        .unwrap();
    lock.lock().unwrap();
    let out = trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another `trawl index update`"));
    // --wait: carries on once the lock is released.
    let child = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(tmp.path())
        .args([
            "index",
            "update",
            "share",
            "--db",
            "t.db",
            "--wait",
            "--no-progress",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting for another update"));
}

#[test]
fn updates_killed_at_random_points_resume_to_the_same_index() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    make_estate(&est, 700, 99);
    let t0 = Instant::now();
    let out = trawl(
        tmp.path(),
        &["index", "update", "share", "--db", "whole.db", "-j", "2"],
    );
    let full = t0.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = dump(&tmp.path().join("whole.db"));
    let key = tmp.path().join("whole.db.key");
    let mut r = Rng(0x5eed);
    let mut killed_mid_run = 0;
    for round in 0..3 {
        let db = format!("k{round}.db");
        // One to three kills at random points, then a run to the end.
        for _ in 0..=(r.below(3)) {
            let mut child = Command::new(env!("CARGO_BIN_EXE_trawl"))
                .current_dir(tmp.path())
                .args([
                    "index",
                    "update",
                    "share",
                    "--db",
                    &db,
                    "-j",
                    "2",
                    "--no-progress",
                ])
                .arg("--key-file")
                .arg(&key)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let at = full.mul_f64(0.05 + (r.below(1000) as f64) / 1000.0 * 0.9);
            std::thread::sleep(at);
            if child.try_wait().unwrap().is_none() {
                killed_mid_run += 1;
            }
            child.kill().unwrap(); // SIGKILL: no chance to clean up
            child.wait().unwrap();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
            .current_dir(tmp.path())
            .args([
                "index",
                "update",
                "share",
                "--db",
                &db,
                "-j",
                "2",
                "--no-progress",
            ])
            .arg("--key-file")
            .arg(&key)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = dump(&tmp.path().join(&db));
        assert!(got == want, "round {round}: the resumed index differs");
        let info = trawl_info_with(tmp.path(), &db, &["--key-file", key.to_str().unwrap()]);
        assert_eq!(info["last_run"]["status"], "complete");
    }
    assert!(
        killed_mid_run > 0,
        "no kill landed during an update ({full:?})"
    );
}

#[test]
fn a_subject_search_from_the_index_finds_what_a_direct_search_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = root().join("fixtures/subjects");
    let docs = docs.to_str().unwrap();
    let out = trawl(tmp.path(), &["index", "update", docs, "--db", "s.db"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results = |args: &[&str]| -> Vec<Value> {
        let mut a = vec!["subject", "--format", "jsonl"];
        a.extend_from_slice(args);
        let out = trawl(tmp.path(), &a);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["type"] == "result")
            .collect()
    };
    let profiles = root().join("fixtures/subjects/profiles");
    let mut n = 0;
    for p in std::fs::read_dir(&profiles).unwrap() {
        let p = p.unwrap().path();
        let p = p.to_str().unwrap();
        let direct = results(&[docs, "--profile", p, "--log", "d.log"]);
        let verified = results(&["--db", "s.db", "--verify", "--profile", p, "--log", "v.log"]);
        let indexed = results(&["--db", "s.db", "--profile", p, "--log", "i.log"]);
        assert!(!direct.is_empty());
        assert_eq!(
            direct, verified,
            "{p}: --verify differs from a direct search"
        );
        let paths = |v: &[Value]| -> BTreeSet<String> {
            v.iter()
                .map(|r| r["path"].as_str().unwrap().to_string())
                .collect()
        };
        let missed: Vec<_> = paths(&direct)
            .difference(&paths(&indexed))
            .cloned()
            .collect();
        assert!(missed.is_empty(), "{p}: the index missed {missed:?}");
        let log = std::fs::read_to_string(tmp.path().join("i.log")).unwrap();
        assert!(log.contains("from the index only"), "{log}");
        n += 1;
    }
    assert_eq!(n, 5);
    // Without a complete update there is nothing to answer from.
    let out = trawl(
        tmp.path(),
        &["subject", "--db", "none.db", "--name", "Robert SMITH"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index"));
    let _ = std::io::stderr().flush();
}

#[test]
fn the_report_reads_a_real_index() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    make_estate(&est, 30, 21);
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"])
            .status
            .success()
    );
    std::fs::write(
        est.join("team0/new.txt"),
        "Offender Ewan Thistlewood, NI PR654321B, arrested.\n",
    )
    .unwrap();
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"])
            .status
            .success()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(tmp.path())
        .args(["report", "--db", "t.db", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |t: &str| lines.iter().filter(|v| v["type"] == t).collect::<Vec<_>>();
    assert_eq!(of("overview")[0]["files"], 31);
    let changes = of("change");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0]["path"].as_str().unwrap().ends_with("new.txt"));
    assert!(of("category").iter().any(|c| c["category"] == "offences"));
    let folders = of("folder");
    assert!(folders.iter().any(|f| f["files"] == 31));
}

/// Files skipped or unreadable last time are read again; a changed
/// setting rereads everything; an empty share (not mounted) drops nothing;
/// files excluded later are removed as out of scope, not deleted.
#[test]
fn what_an_update_reads_again_and_what_it_drops() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    make_estate(&est, 12, 5);
    let (_, first) = update_json(
        tmp.path(),
        &["share", "--db", "t.db", "--max-filesize", "10"],
    );
    assert_eq!(first["counts"]["skipped"], 12, "{first}");
    // The limit changed: every file is read, the skipped ones included.
    let (_, second) = update_json(tmp.path(), &["share", "--db", "t.db"]);
    assert_eq!(second["counts"]["changed"], 12, "{second}");
    assert_eq!(second["counts"]["skipped"], 0);
    let (_, third) = update_json(tmp.path(), &["share", "--db", "t.db"]);
    assert_eq!(third["counts"]["unchanged"], 12, "{third}");

    // Excluded now: removed, as out of scope.
    let (_, ex) = update_json(tmp.path(), &["share", "--db", "t.db", "--exclude", "team1"]);
    let out_of_scope = ex["counts"]["removed"].as_u64().unwrap();
    assert!(out_of_scope > 0, "{ex}");
    let c = rusqlite::Connection::open(tmp.path().join("t.db")).unwrap();
    let reasons: Vec<String> = c
        .prepare("SELECT DISTINCT reason FROM removed")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(reasons, ["out of scope"]);

    // An empty mount point: nothing dropped.
    let mnt = tmp.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    make_estate(&mnt, 4, 9);
    assert!(
        trawl(tmp.path(), &["index", "update", "mnt", "--db", "m.db"])
            .status
            .success()
    );
    for f in walk(&mnt) {
        std::fs::remove_file(f).unwrap();
    }
    for d in std::fs::read_dir(&mnt).unwrap() {
        std::fs::remove_dir_all(d.unwrap().path()).unwrap();
    }
    let out = trawl(tmp.path(), &["index", "update", "mnt", "--db", "m.db"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not mounted"));
    assert_eq!(trawl_info(tmp.path(), "m.db")["files"], 4);
}

/// Forms of a subject's details a direct search finds that an index must
/// not miss: apostrophes and accents in email addresses, references
/// written apart, a phone number spelt out, file names that are not UTF-8.
#[test]
fn verify_finds_the_awkward_forms_a_direct_search_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    std::fs::create_dir(&est).unwrap();
    std::fs::write(
        est.join("a.txt"),
        "Contact: mary.o'brien@example.com about it.\n",
    )
    .unwrap();
    std::fs::write(est.join("b.txt"), "Log INC     2023     0456 closed.\n").unwrap();
    std::fs::write(est.join("c.txt"), "Phone 0 7 7 0 0 9 0 0 1 2 3 later.\n").unwrap();
    std::fs::write(est.join("d.txt"), "ref CRIME2023000123456789X\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for (name, body) in [
            (&b"caf\xe9.txt"[..], "INC-2023-0456"),
            (&b"caf\xe8.txt"[..], "nothing"),
        ] {
            std::fs::write(est.join(std::ffi::OsStr::from_bytes(name)), body).unwrap();
        }
    }
    let out = trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let args = [
        "--email",
        "mary.o'brien@example.com",
        "--ref",
        "INC-2023-0456",
        "--phone",
        "07700 900123",
        "--ref",
        "CRIME-2023-000123456789-X",
        "--format",
        "jsonl",
    ];
    let run = |extra: &[&str]| -> BTreeSet<String> {
        let mut a = vec!["subject"];
        a.extend_from_slice(extra);
        a.extend_from_slice(&args);
        let out = trawl(tmp.path(), &a);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["type"] == "result")
            .map(|v| {
                v["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let direct = run(&["share", "--log", "d.log"]);
    let verified = run(&["--db", "t.db", "--verify", "--log", "v.log"]);
    // a, b, c, d and the file named caf\xe9.txt (shown as caf�.txt).
    assert_eq!(direct.len(), if cfg!(unix) { 5 } else { 4 }, "{direct:?}");
    assert_eq!(direct, verified);
}

/// Second review: a setting change survives an interrupted update; a name
/// in a CSV header never reaches the database; a file named like a key
/// cannot send --verify elsewhere; a first update that fails leaves no
/// unusable index.
#[test]
fn second_review_cases_stay_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let est = tmp.path().join("share");
    make_estate(&est, 6, 13);
    std::fs::write(
        est.join("h.csv"),
        "Alias Chidi Okonkwo,Ward\nx PR111111A,3\n",
    )
    .unwrap();
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "t.db"])
            .status
            .success()
    );
    let bytes = std::fs::read(tmp.path().join("t.db")).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("Okonkwo"));
    // Settings recorded only by a complete update.
    let c = rusqlite::Connection::open(tmp.path().join("t.db")).unwrap();
    let before: String = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'scan_settings'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let (_, again) = update_json(
        tmp.path(),
        &["share", "--db", "t.db", "--max-filesize", "50"],
    );
    assert!(again["counts"]["skipped"].as_u64().unwrap() > 0);
    let (_, same) = update_json(
        tmp.path(),
        &["share", "--db", "t.db", "--max-filesize", "50"],
    );
    assert_eq!(
        same["counts"]["changed"], 0,
        "a skipped file skipped again is no change: {same}"
    );
    let c = rusqlite::Connection::open(tmp.path().join("t.db")).unwrap();
    let after: String = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'scan_settings'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(before, after);
    // A first update that fails before it starts leaves nothing unusable.
    let out = trawl(
        tmp.path(),
        &[
            "index",
            "update",
            "share",
            "--db",
            "n.db",
            "--key-file",
            "no/such/k",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        trawl(tmp.path(), &["index", "update", "share", "--db", "n.db"])
            .status
            .success()
    );
}
