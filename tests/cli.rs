//! End-to-end tests: the real binary on files in fresh temporary folders.
//!
//! Each behaviour that depends on threading runs at `--threads 1` and
//! `--threads 4` (ripgrep's habit of running every test two ways). JSON
//! output is parsed into typed messages, never compared as text.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;

struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self) -> &Path {
        self.tmp.path()
    }
    fn create(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
    /// Runs `trawl` in this folder with `args`.
    fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_trawl"))
            .current_dir(self.path())
            .args(args)
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    }
    /// `trawl scan <args> --format jsonl --as-of 2026-11-23`, parsed.
    /// Scans `a.txt` under `notice`: the JSON summary, and the output.
    fn summary_with_notice(&self, notice: &str) -> (serde_json::Value, Output) {
        let out = self.run(&[
            "scan",
            "--format",
            "jsonl",
            "--no-progress",
            "--notice",
            notice,
            "a.txt",
        ]);
        let last = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .and_then(|l| serde_json::from_str(l).ok())
            .unwrap_or_else(|| panic!("no summary: {}", describe(&out)));
        (last, out)
    }

    fn jsonl(&self, args: &[&str]) -> (Vec<Msg>, Output) {
        let mut a = vec![
            "scan",
            "--format",
            "jsonl",
            "--as-of",
            "2026-11-23",
            "--no-progress",
        ];
        a.extend_from_slice(args);
        let out = self.run(&a);
        let msgs = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                serde_json::from_str::<Msg>(l)
                    .unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}\n{}", describe(&out)))
            })
            .collect();
        (msgs, out)
    }
}

fn describe(out: &Output) -> String {
    format!(
        "status: {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[allow(dead_code)]
enum Msg {
    Finding(Finding),
    Error {
        path: String,
        message: String,
    },
    Review {
        path: String,
        container: Vec<String>,
        reason: String,
        categories: Vec<String>,
    },
    Summary(Summary),
}

#[derive(Debug, Deserialize, Clone)]
#[allow(dead_code)]
struct Finding {
    path: String,
    container: Vec<String>,
    rule: String,
    categories: Vec<String>,
    special_category: bool,
    criminal_offence: bool,
    confidence: String,
    reason: String,
    start: u64,
    end: u64,
    line: u64,
    column: u64,
    row: Option<u64>,
    field: Option<String>,
    value: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Summary {
    files_seen: u64,
    files_scanned: u64,
    files_skipped: u64,
    files_failed: u64,
    skipped_reasons: std::collections::BTreeMap<String, u64>,
    findings: u64,
    findings_by_rule: std::collections::BTreeMap<String, u64>,
    findings_by_category: std::collections::BTreeMap<String, u64>,
    bytes_scanned: u64,
}

fn findings(msgs: &[Msg]) -> Vec<Finding> {
    msgs.iter()
        .filter_map(|m| match m {
            Msg::Finding(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

fn summary(msgs: &[Msg]) -> &Summary {
    match msgs.last() {
        Some(Msg::Summary(s)) => s,
        other => panic!("last message is not a summary: {other:?}"),
    }
}

const THREADS: [&str; 2] = ["1", "4"];

#[test]
fn finds_identifiers_with_exact_offsets_lines_and_masking() {
    let d = Dir::new();
    let text = "Suspect PRICE\nNI number JP 41 27 93 C, NHS 450 557 7104\nvehicle LM19 XKT\n";
    d.create("log.txt", text);
    for t in THREADS {
        let (msgs, out) = d.jsonl(&["--threads", t, "log.txt"]);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
        let f = findings(&msgs);
        let nino = f.iter().find(|f| f.rule == "uk_nino").expect("nino");
        let at = text.find("JP 41").unwrap() as u64;
        assert_eq!((nino.start, nino.end), (at, at + 13));
        assert_eq!((nino.line, nino.column), (2, 11));
        assert_eq!(nino.value, "JP ** ** ** C");
        assert_eq!(nino.confidence, "high");
        assert!(nino.reason.contains("ni number"), "{}", nino.reason);
        let nhs = f.iter().find(|f| f.rule == "nhs_number").expect("nhs");
        assert!(nhs.special_category);
        assert!(nhs.categories.contains(&"health".to_string()));
        assert!(
            f.iter()
                .any(|f| f.rule == "uk_vehicle_registration" && f.line == 3)
        );
        assert_eq!(summary(&msgs).findings, f.len() as u64);
    }
}

#[test]
fn show_values_prints_raw_values_and_nothing_raw_leaks_otherwise() {
    let d = Dir::new();
    d.create(
        "a.txt",
        "NI number JP 41 27 93 C and email jordan.price@policemail.test\n",
    );
    for fmt in ["text", "jsonl", "csv"] {
        let out = d.run(&["scan", "--format", fmt, "--no-progress", "a.txt"]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("41 27 93"), "{fmt} leaked: {all}");
        assert!(!all.contains("jordan.price"), "{fmt} leaked: {all}");
    }
    let out = d.run(&["scan", "--show-values", "--no-progress", "a.txt"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("JP 41 27 93 C"));
}

#[test]
fn csv_records_carry_row_and_column_and_headers_decide() {
    let d = Dir::new();
    let csv = "Surname,DOB,Date of offence,NI Number,Notes\r\n\"PRICE, J\",14/02/1991,02/03/2026,JP412793,\"said \"\"hi\"\"\nnext line\"\r\nBEGUM,03/03/1987,02/03/2026,SN731052A,plain\r\n";
    d.create("export.csv", csv);
    for t in THREADS {
        let (msgs, out) = d.jsonl(&["--threads", t, "export.csv"]);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
        let f = findings(&msgs);
        let dobs: Vec<&Finding> = f.iter().filter(|f| f.rule == "date_of_birth").collect();
        assert_eq!(
            dobs.len(),
            2,
            "only the DOB column holds dates of birth: {f:?}"
        );
        assert_eq!(dobs[0].row, Some(2));
        assert_eq!(dobs[0].field.as_deref(), Some("DOB"));
        assert_eq!(
            dobs[1].row,
            Some(3),
            "the quoted line break does not start a row"
        );
        assert_eq!(dobs[1].line, 4);
        let at = csv.find("14/02/1991").unwrap() as u64;
        assert_eq!((dobs[0].start, dobs[0].end), (at, at + 10));
        // A NINO without its suffix, decided by the column header.
        let ninos: Vec<&Finding> = f.iter().filter(|f| f.rule == "uk_nino").collect();
        assert_eq!(ninos.len(), 2, "{f:?}");
        assert!(
            ninos[0].reason.contains("column \"NI Number\""),
            "{}",
            ninos[0].reason
        );
    }
}

#[test]
fn csv_output_opens_cleanly_in_excel() {
    let d = Dir::new();
    d.create("=cmd.txt", "Mobile: +44 7911 123456\n");
    let out = d.run(&["scan", "--format", "csv", "--no-progress", "=cmd.txt"]);
    let s = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(s.starts_with('\u{feff}'), "UTF-8 BOM first");
    let mut rdr = csv::Reader::from_reader(s.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "type");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1, "{s}");
    let path = &rows[0][1];
    let value = &rows[0][headers.iter().position(|h| h == "value").unwrap()];
    assert_eq!(path, "'=cmd.txt", "formula-leading path neutralised");
    assert!(
        value.starts_with("'+44"),
        "formula-leading value neutralised: {value}"
    );
    for cell in rows[0].iter() {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
    }
}

#[test]
fn output_file_is_owner_only_and_written_whole() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    d.create("in/a.txt", "NI number JP 41 27 93 C\n");
    let out = d.run(&[
        "scan",
        "--format",
        "jsonl",
        "--no-progress",
        "--output",
        "report.jsonl",
        "in",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let meta = std::fs::metadata(d.path().join("report.jsonl")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    let body = std::fs::read_to_string(d.path().join("report.jsonl")).unwrap();
    assert!(
        body.lines()
            .last()
            .unwrap()
            .contains("\"type\":\"summary\"")
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // Scanning the folder that holds the report does not scan the report.
    let out = d.run(&[
        "scan",
        "--format",
        "jsonl",
        "--no-progress",
        "--output",
        "report.jsonl",
        ".",
    ]);
    let body = std::fs::read_to_string(d.path().join("report.jsonl")).unwrap();
    assert!(
        !body.contains("\"path\":\"./report.jsonl\""),
        "{}",
        describe(&out)
    );
}

#[test]
fn exit_codes_distinguish_findings_none_incomplete_and_fatal() {
    let d = Dir::new();
    d.create("hit.txt", "NI number JP 41 27 93 C\n");
    d.create("clean.txt", "nothing personal here\n");
    assert_eq!(
        d.run(&["scan", "--no-progress", "hit.txt"]).status.code(),
        Some(0)
    );
    assert_eq!(
        d.run(&["scan", "--no-progress", "clean.txt"]).status.code(),
        Some(1)
    );
    let out = d.run(&["scan", "--no-progress", "hit.txt", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    d.create("bad/rule.toml", "[[rule]]\nid = \"crime_ref\"\ndescription = \"x\"\ncategories = [\"offences\"]\nconfidence = \"low\"\nregex = 'CR/\\d+'\n");
    let out = d.run(&["scan", "--no-progress", "--patterns", "bad", "hit.txt"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad/rule.toml") && err.contains("crime_ref") && err.contains("unbounded"),
        "{err}"
    );
    assert_eq!(d.run(&["scan", "--no-such-flag"]).status.code(), Some(3));
    assert_eq!(
        d.run(&["scan", "--rules", "nope", "hit.txt"]).status.code(),
        Some(3)
    );
}

#[test]
fn a_user_pattern_pack_adds_a_force_format() {
    let d = Dir::new();
    d.create(
        "pack/crime_ref.toml",
        "[[rule]]\nid = \"wmp_crime_ref\"\ndescription = \"Crime reference\"\ncategories = [\"offences\"]\nconfidence = \"medium\"\nregex = '\\b20\\d{2}/\\d{6}/[A-Z]{2}\\b'\nkeywords = [\"crime ref\"]\n",
    );
    d.create("log.txt", "crime ref 2026/004211/WM recorded\n");
    let (msgs, out) = d.jsonl(&["--patterns", "pack", "log.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let f = findings(&msgs);
    assert!(
        f.iter()
            .any(|f| f.rule == "wmp_crime_ref" && f.confidence == "high" && f.criminal_offence),
        "{f:?}"
    );
    let (msgs, _) = d.jsonl(&["--patterns", "pack", "--rules", "wmp_crime_ref", "log.txt"]);
    assert!(findings(&msgs).iter().all(|f| f.rule == "wmp_crime_ref"));
}

#[test]
fn walk_suits_a_file_share() {
    let d = Dir::new();
    let nino = "NI number JP 41 27 93 C\n";
    d.create("share/.hidden.txt", nino);
    d.create("share/.gitignore", "ignored-by-git.txt\n");
    d.create("share/ignored-by-git.txt", nino);
    d.create("share/.trawlignore", "private/\n*.bak\n");
    d.create("share/private/x.txt", nino);
    d.create("share/old.bak", nino);
    d.create("share/archive/2019/y.txt", nino);
    d.create("share/keep.csv", "NI Number\nJP412793C\n");
    d.create(
        "share/image.jpg",
        [0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46],
    );
    for t in THREADS {
        let (msgs, _) = d.jsonl(&["--threads", t, "share"]);
        let mut paths: Vec<String> = findings(&msgs).iter().map(|f| f.path.clone()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(
            paths,
            vec![
                "share/.hidden.txt",
                "share/archive/2019/y.txt",
                "share/ignored-by-git.txt",
                "share/keep.csv"
            ],
            "threads {t}"
        );
        let s = summary(&msgs);
        assert_eq!(
            s.skipped_reasons
                .get("needs manual review (image, audio or video: no text)"),
            Some(&1)
        );
        let reviews: Vec<&Msg> = msgs
            .iter()
            .filter(|m| matches!(m, Msg::Review { path, categories, .. } if path == "share/image.jpg" && categories == &["sound_visual_images"]))
            .collect();
        assert_eq!(reviews.len(), 1, "{msgs:?}");
        let (msgs, _) = d.jsonl(&[
            "--threads",
            t,
            "--exclude",
            "archive/**",
            "--exclude",
            "*.csv",
            "share",
        ]);
        let paths: Vec<String> = findings(&msgs).iter().map(|f| f.path.clone()).collect();
        assert!(
            !paths
                .iter()
                .any(|p| p.contains("archive") || p.ends_with(".csv")),
            "{paths:?}"
        );
        let (msgs, _) = d.jsonl(&["--threads", t, "--include", "*.csv", "share"]);
        let paths: Vec<String> = findings(&msgs).iter().map(|f| f.path.clone()).collect();
        assert_eq!(paths, vec!["share/keep.csv"]);
    }
}

#[test]
fn debug_says_why_files_were_skipped() {
    let d = Dir::new();
    d.create("big.txt", "x".repeat(5000));
    d.create("image.jpg", [0xFFu8, 0xD8, 0, 0, 1]);
    let out = d.run(&[
        "scan",
        "--debug",
        "--max-filesize",
        "1K",
        "--no-progress",
        ".",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("big.txt") && err.contains("--max-filesize"),
        "{err}"
    );
    assert!(
        err.contains("image.jpg") && err.contains("manual review"),
        "{err}"
    );
}

#[test]
fn symlinks_are_not_followed_unless_asked_and_loops_are_reported() {
    let d = Dir::new();
    d.create("real/a.txt", "NI number JP 41 27 93 C\n");
    std::os::unix::fs::symlink(d.path().join("real"), d.path().join("link")).unwrap();
    std::os::unix::fs::symlink(d.path().join("real"), d.path().join("real/loop")).unwrap();
    // The identifier rules only: "NI number" is a category term as well.
    let (msgs, _) = d.jsonl(&["--rules", "identifiers", "link/../real"]);
    assert_eq!(findings(&msgs).len(), 1);
    let (msgs, _) = d.jsonl(&["--rules", "identifiers", "."]);
    assert_eq!(
        findings(&msgs).len(),
        1,
        "the symlinked folder is not scanned twice"
    );
    let (msgs, out) = d.jsonl(&["--rules", "identifiers", "--follow", "."]);
    // A loop is reported and skipped, not an unreadable file.
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("loop"),
        "{}",
        describe(&out)
    );
    let loops = summary(&msgs)
        .skipped_reasons
        .get("symbolic link loop, not followed")
        .copied();
    assert!(loops.unwrap_or(0) >= 1, "{}", describe(&out));
}

#[test]
fn encodings_map_offsets_back_to_the_file() {
    let d = Dir::new();
    let cp1252: Vec<u8> = b"Fine \xa3250 paid, NI number SN 73 10 52 A.\n".to_vec();
    d.create("legacy.txt", &cp1252);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Zoë: NI number SN 73 10 52 A\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    d.create("utf16.txt", &utf16);
    let mut utf16be_nobom = Vec::new();
    for u in "NI number SN 73 10 52 A here\n".encode_utf16() {
        utf16be_nobom.extend_from_slice(&u.to_be_bytes());
    }
    d.create("utf16be.txt", &utf16be_nobom);
    let (msgs, out) = d.jsonl(&["--rules", "identifiers", "--sort", "."]);
    let f = findings(&msgs);
    assert_eq!(f.len(), 3, "{}", describe(&out));
    let legacy = f.iter().find(|f| f.path.ends_with("legacy.txt")).unwrap();
    let at = cp1252.windows(2).position(|w| w == b"SN").unwrap() as u64;
    assert_eq!((legacy.start, legacy.end), (at, at + 13));
    let u = f.iter().find(|f| f.path.ends_with("utf16.txt")).unwrap();
    // BOM (2 bytes) + "Zoë: NI number " (15 code units).
    assert_eq!(u.start, 2 + 15 * 2);
    assert_eq!(u.end, u.start + 13 * 2);
    assert_eq!(u.column, 16, "columns count characters");
    let be = f.iter().find(|f| f.path.ends_with("utf16be.txt")).unwrap();
    assert_eq!(be.start, 10 * 2);
}

#[test]
fn large_files_stream_and_boundary_matches_are_found_once() {
    let d = Dir::new();
    // 3.5 MiB of filler with identifiers around each 1 MiB region boundary.
    let mut text = Vec::new();
    let mut planted = Vec::new();
    let line = b"the quick brown fox jumps over the lazy dog and nothing else\n";
    let mut next = 1usize << 20;
    while text.len() < (7 << 19) {
        if text.len() + 40 >= next {
            // Straddle the boundary: the NINO starts 5 bytes before it.
            while text.len() < next - 15 {
                text.push(b' ');
            }
            planted.push(text.len() as u64 + 10);
            text.extend_from_slice(b"NI number JP 41 27 93 C and more\n");
            next += 1 << 20;
        } else {
            text.extend_from_slice(line);
        }
    }
    planted.push(text.len() as u64 + 10);
    text.extend_from_slice(b"NI number JP 41 27 93 C\n");
    d.create("big.log", &text);
    let lines_before =
        |off: u64| text[..off as usize].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for t in THREADS {
        let (msgs, out) = d.jsonl(&["--threads", t, "big.log"]);
        let f = findings(&msgs);
        let starts: Vec<u64> = f
            .iter()
            .filter(|f| f.rule == "uk_nino")
            .map(|f| f.start)
            .collect();
        assert_eq!(starts, planted, "{}", describe(&out));
        for x in f.iter().filter(|f| f.rule == "uk_nino") {
            assert_eq!(x.line, lines_before(x.start));
        }
    }
}

#[test]
fn count_mode_prints_only_the_summary() {
    let d = Dir::new();
    d.create("a.txt", "NI number JP 41 27 93 C\n");
    let (msgs, _) = d.jsonl(&["--rules", "identifiers", "--count", "a.txt"]);
    assert_eq!(msgs.len(), 1);
    assert_eq!(summary(&msgs).findings_by_rule.get("uk_nino"), Some(&1));
    assert_eq!(
        summary(&msgs).findings_by_category.get("personal_details"),
        Some(&1)
    );
    let out = d.run(&[
        "scan",
        "--count",
        "--format",
        "csv",
        "--no-progress",
        "a.txt",
    ]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("rule,uk_nino,"), "{s}");
}

#[test]
fn categories_lists_the_notice_taxonomy() {
    let d = Dir::new();
    let out = d.run(&["categories", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let cats: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(cats.len(), 21);
    let health = cats.iter().find(|c| c["id"] == "health").unwrap();
    assert_eq!(health["special_category"], true);
    let offences = cats.iter().find(|c| c["id"] == "offences").unwrap();
    assert_eq!(offences["criminal_offence"], true);
}

#[test]
fn files_are_opened_read_only_and_left_unchanged() {
    use std::os::unix::fs::MetadataExt;
    let d = Dir::new();
    let p = d.create("a.txt", "NI number JP 41 27 93 C\n");
    let before = std::fs::metadata(&p).unwrap();
    let bytes_before = std::fs::read(&p).unwrap();
    d.run(&["scan", "--no-progress", "a.txt"]);
    let after = std::fs::metadata(&p).unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), bytes_before);
    assert_eq!(before.mtime(), after.mtime());
    assert_eq!(before.mode(), after.mode());
}

#[test]
fn r_review_a_headerless_export_never_prints_a_data_row_as_column_names() {
    let d = Dir::new();
    d.create(
        "people.csv",
        "Jane Smith,SW1A 2AA,AB12 CDE\nJohn Doe,M1 1AE,CD51 EFG\n",
    );
    for fmt in ["text", "jsonl", "csv"] {
        let out = d.run(&[
            "scan",
            "--format",
            fmt,
            "--no-progress",
            "--debug",
            "people.csv",
        ]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for raw in ["SW1A 2AA", "AB12 CDE", "M1 1AE", "CD51 EFG"] {
            assert!(!all.contains(raw), "{fmt} leaked {raw}: {all}");
        }
    }
    let (msgs, _) = d.jsonl(&["people.csv"]);
    let f = findings(&msgs);
    assert!(
        f.iter()
            .any(|f| f.row == Some(1) && f.rule == "uk_postcode"),
        "{f:?}"
    );
    assert!(
        f.iter()
            .all(|f| f.field.as_deref().is_some_and(|x| x.starts_with("column "))),
        "{f:?}"
    );
}

#[test]
fn r_review_a_failed_write_exits_3_and_keeps_the_old_report() {
    let d = Dir::new();
    d.create("a.txt", "NI number JP 41 27 93 C\n".repeat(20000));
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else { return };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(d.path())
        .args(["scan", "--no-progress", "a.txt"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", describe(&out));
}

#[test]
fn r_review_a_plural_label_still_counts_as_context() {
    let d = Dir::new();
    d.create(
        "a.txt",
        "Passport numbers: 123456789\nSort codes: 20-45-77\n",
    );
    let (msgs, _) = d.jsonl(&["a.txt"]);
    let rules: Vec<String> = findings(&msgs).iter().map(|f| f.rule.clone()).collect();
    assert!(rules.contains(&"uk_passport".to_string()), "{rules:?}");
    assert!(rules.contains(&"uk_bank_account".to_string()), "{rules:?}");
}

#[test]
fn r_review_dateless_marks_must_follow_their_label() {
    let d = Dir::new();
    d.create(
        "a.txt",
        "vehicle parked at B12 near the shops\nREG 12 X seen\n",
    );
    let (msgs, _) = d.jsonl(&["--show-values", "a.txt"]);
    let f = findings(&msgs);
    let values: Vec<&str> = f
        .iter()
        .filter(|f| f.rule == "uk_vehicle_registration")
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(values, vec!["12 X"], "{f:?}");
}

#[test]
fn r_review_region_edges_decide_like_a_whole_file() {
    // A plate ending in "DOB" straddles the 1 MiB region edge; the date
    // after it must not become a date of birth in the second region.
    let d = Dir::new();
    let mut text = Vec::new();
    while text.len() < (1 << 20) - 4 {
        text.extend_from_slice(b"filler words for the log line here ");
    }
    text.truncate((1 << 20) - 5);
    text.push(b' ');
    text.extend_from_slice(b"SA53 DOB seen 07/03/1984 at the scene\n");
    d.create("edge.txt", &text);
    let (msgs, _) = d.jsonl(&["--show-values", "edge.txt"]);
    let f = findings(&msgs);
    assert!(
        f.iter()
            .any(|f| f.rule == "uk_vehicle_registration" && f.value == "SA53 DOB"),
        "{f:?}"
    );
    assert!(!f.iter().any(|f| f.rule == "date_of_birth"), "{f:?}");
}

#[test]
fn notices_word_the_categories_their_own_way() {
    let d = Dir::new();
    let out = d.run(&[
        "categories",
        "--format",
        "jsonl",
        "--notice",
        "staffordshire",
    ]);
    let cats: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let political = cats
        .iter()
        .find(|c| c["id"] == "political_opinions")
        .unwrap();
    assert_eq!(
        political["name"],
        "Membership of extremist political parties"
    );
    let employment = cats.iter().find(|c| c["id"] == "employment").unwrap();
    assert_eq!(employment["listed_in_notice"], false);
    d.create("a.txt", "NI number JP 41 27 93 C\n");
    let out = d.run(&[
        "scan",
        "--no-progress",
        "--notice",
        "cambridgeshire",
        "a.txt",
    ]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Cambridgeshire Constabulary privacy notice")
    );
    let (msgs, _) = d.jsonl(&["--notice", "west-midlands-pcc", "a.txt"]);
    let Some(Msg::Summary(_)) = msgs.last() else {
        panic!()
    };
    let (last, _) = d.summary_with_notice("west-midlands-pcc");
    assert_eq!(last["notice"], "west-midlands-pcc");
    assert!(
        last["category_labels"]["personal_details"]
            .as_str()
            .unwrap()
            .starts_with("Contact details")
    );
    assert_eq!(
        d.run(&["scan", "--notice", "nowhere", "a.txt"])
            .status
            .code(),
        Some(3)
    );
}

#[test]
fn a_lexicon_pack_finds_terms_with_their_context_rules() {
    let d = Dir::new();
    d.create(
        "lex/health.toml",
        r#"
[[lexicon]]
id = "test_health_term"
description = "test"
categories = ["health"]
confidence = "medium"
window = 40
terms = ["schizophrenia", "mental health act", "sectioned"]

[[lexicon.group]]
terms = ["depression"]
near = ["diagnosed", "medication"]
not_near = ["economic"]
confidence = "low"

[[lexicon.group]]
terms = ["Labour"]
case_sensitive = true
near = ["party", "member"]
also = ["political_opinions"]

[[lexicon.group]]
terms = ["school"]
not_followed_by = ["road", "street"]
also = ["education_training"]
"#,
    );
    d.create(
        "a.txt",
        "Sectioned under the Mental Health Act.\nDiagnosed with depression last year.\nThis line keeps the two paragraphs well apart.\nThe economic depression of 1930.\nA Labour Party member. She was in labour.\nLives at 4 School Road. Left school at 16.\n",
    );
    let (msgs, out) = d.jsonl(&[
        "--patterns",
        "lex",
        "--rules",
        "test_health_term",
        "--show-values",
        "a.txt",
    ]);
    let f: Vec<Finding> = findings(&msgs)
        .into_iter()
        .filter(|f| f.rule == "test_health_term")
        .collect();
    let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        values,
        vec![
            "Sectioned",
            "Mental Health Act",
            "depression",
            "Labour",
            "school"
        ],
        "{}",
        describe(&out)
    );
    let labour = f.iter().find(|f| f.value == "Labour").unwrap();
    assert!(
        labour
            .categories
            .contains(&"political_opinions".to_string())
    );
    assert!(labour.special_category);
    let depression = f.iter().find(|f| f.value == "depression").unwrap();
    assert_eq!(depression.confidence, "low");
    assert!(
        depression.reason.contains("diagnosed"),
        "{}",
        depression.reason
    );
    // Families: identifiers only leaves the lexicon out.
    let (msgs, _) = d.jsonl(&["--patterns", "lex", "--rules", "identifiers", "a.txt"]);
    assert!(findings(&msgs).iter().all(|f| f.rule != "test_health_term"));
}

#[test]
fn person_names_are_found_in_uk_record_forms_with_their_parts() {
    let d = Dir::new();
    let text = "Suspect SMITH, John Paul was interviewed by DC White.\nWill you call Reading Borough Council?\n";
    d.create("log.txt", text);
    let (msgs, out) = d.jsonl(&["--rules", "names", "--show-values", "log.txt"]);
    let f = findings(&msgs);
    let values: Vec<&str> = f.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        values,
        vec!["SMITH, John Paul", "DC White"],
        "{}",
        describe(&out)
    );
    let raw = String::from_utf8_lossy(&out.stdout);
    let first: serde_json::Value = serde_json::from_str(raw.lines().next().unwrap()).unwrap();
    let roles: Vec<&str> = first["name_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, vec!["surname", "forename", "middle"]);
    assert_eq!(first["name_parts"][0]["start"], text.find("SMITH").unwrap());
    // Masked by default, parts by offset only.
    let (msgs, out) = d.jsonl(&["--rules", "names", "log.txt"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("SMITH"));
    assert_eq!(findings(&msgs).len(), 2);
}

#[test]
fn a_surname_column_vouches_for_a_lone_surname() {
    let d = Dir::new();
    d.create(
        "people.csv",
        "Surname,Forename,Notes\nPRICE,Jordan,seen with John Smith\n",
    );
    let (msgs, _) = d.jsonl(&["--rules", "names", "--show-values", "people.csv"]);
    let f = findings(&msgs);
    let got: Vec<(Option<String>, String)> = f
        .iter()
        .map(|f| (f.field.clone(), f.value.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Surname".into()), "PRICE".into()),
            (Some("Forename".into()), "Jordan".into()),
            (Some("Notes".into()), "John Smith".into())
        ]
    );
}

#[test]
fn a_column_header_is_context_for_the_terms_in_its_cells() {
    let d = Dir::new();
    d.create(
        "staff.csv",
        "Surname,Union,Notes\nSMITH,GMB,GMB\nJONES,Unite,Unite\n",
    );
    let (msgs, out) = d.jsonl(&["--rules", "lexicons", "--show-values", "staff.csv"]);
    let unions: Vec<(String, Option<String>)> = findings(&msgs)
        .into_iter()
        .filter(|f| f.rule == "trade_union_term")
        .map(|f| (f.value, f.field))
        .collect();
    // Only the Union column says what GMB and Unite are; the header row
    // itself is not a finding.
    assert_eq!(
        unions,
        vec![
            ("GMB".to_string(), Some("Union".to_string())),
            ("Unite".to_string(), Some("Union".to_string()))
        ],
        "{}",
        describe(&out)
    );
}

#[test]
fn a_notice_file_of_our_own_words_the_report() {
    let d = Dir::new();
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("patterns/notices/staffordshire.toml"),
    )
    .unwrap();
    let ours = shipped
        .replace("id = \"staffordshire\"", "id = \"our-force\"")
        .replace(
            "personal_details = \"Personal details such as name, address and biographical details\"",
            "personal_details = \"Who people are\"",
        );
    assert_ne!(ours, shipped);
    d.create("our-notice.toml", &ours);
    d.create("a.txt", "NI number JP 41 27 93 C\n");
    let (last, out) = d.summary_with_notice("our-notice.toml");
    assert_eq!(last["notice"], "our-force", "{}", describe(&out));
    assert_eq!(
        last["category_labels"]["personal_details"],
        "Who people are"
    );
    // A notice that leaves a category unworded is refused, naming the file.
    d.create("bad-notice.toml", ours.replace("health = ", "# health = "));
    let out = d.run(&["scan", "--notice", "bad-notice.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad-notice.toml") && err.contains("health"),
        "{err}"
    );
}

#[test]
fn fixed_width_exports_carry_row_and_column() {
    let d = Dir::new();
    let dat = "SURNAME   FORENAME  NI NUMBER  DOB\r\n\
               PRICE     JOHN      JP412793   14/02/1991\r\n\
               BEGUM     AMINA     SN731052A  03/03/1987\r\n\
               \r\n\
               JONES     MARY                 21/09/1979\r\n";
    d.create("export.dat", dat);
    for t in THREADS {
        let (msgs, out) = d.jsonl(&["--threads", t, "export.dat"]);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
        let f = findings(&msgs);
        // A NINO without its suffix, decided by the column header.
        let ninos: Vec<&Finding> = f.iter().filter(|f| f.rule == "uk_nino").collect();
        assert_eq!(ninos.len(), 2, "{f:?}");
        assert_eq!(ninos[0].row, Some(2));
        assert_eq!(ninos[0].field.as_deref(), Some("NI NUMBER"));
        assert!(
            ninos[0].reason.contains("column \"NI NUMBER\""),
            "{}",
            ninos[0].reason
        );
        let at = dat.find("JP412793").unwrap() as u64;
        assert_eq!((ninos[0].start, ninos[0].end), (at, at + 8));
        // Bare dates are dates of birth only under their header.
        let dobs: Vec<&Finding> = f.iter().filter(|f| f.rule == "date_of_birth").collect();
        assert_eq!(dobs.len(), 3, "{f:?}");
        assert_eq!(dobs[0].field.as_deref(), Some("DOB"));
        assert!(dobs[0].reason.contains("DOB"), "{}", dobs[0].reason);
        assert_eq!(
            dobs.iter().map(|f| f.row).collect::<Vec<_>>(),
            vec![Some(2), Some(3), Some(5)],
            "the empty line is a row"
        );
        let at = dat.find("21/09/1979").unwrap() as u64;
        assert_eq!((dobs[2].start, dobs[2].end), (at, at + 10));
    }
    // The same lines as prose in a .txt without a header: no rows.
    d.create("notes.txt", &dat[dat.find('\n').unwrap() + 1..]);
    let (msgs, _) = d.jsonl(&["notes.txt"]);
    assert!(findings(&msgs).iter().all(|f| f.row.is_none()));
}
