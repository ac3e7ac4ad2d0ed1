//! Documents end to end: the real binary scans `fixtures/documents/` (made
//! by `fixtures/make_documents.py`) and must find every planted value in
//! `expected.tsv` at the right container and location, and report every
//! file in `expected-problems.tsv` with the right status.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/documents"))
}

/// Scans the document fixtures (not their manifests) with raw values, and
/// returns the JSON lines and the exit code.
fn scan(extra: &[&str]) -> (Vec<Value>, i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(fixtures())
        .args([
            "scan",
            "--format",
            "jsonl",
            "--no-progress",
            "--show-values",
            "--as-of",
            "2026-11-23",
            "--exclude",
            "*.tsv",
            "--exclude",
            "README.md",
        ])
        .args(extra)
        .arg(".")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let msgs = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
        .collect();
    (
        msgs,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rel(path: &str) -> String {
    path.trim_start_matches("./").to_string()
}

/// (file, container joined by " > ", location, rule, value)
type Key = (String, String, String, String, String);

fn finding_keys(msgs: &[Value]) -> BTreeSet<Key> {
    msgs.iter()
        .filter(|m| m["type"] == "finding")
        .map(|m| {
            let container: Vec<&str> = m["container"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            (
                rel(m["path"].as_str().unwrap_or("")),
                container.join(" > "),
                m["location"].as_str().unwrap_or("").to_string(),
                m["rule"].as_str().unwrap_or("").to_string(),
                m["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// (path, `field`) of every line of type `kind`.
fn lines(msgs: &[Value], kind: &str, field: &str) -> Vec<(String, String)> {
    msgs.iter()
        .filter(|m| m["type"] == kind)
        .map(|m| {
            (
                rel(m["path"].as_str().unwrap_or("")),
                m[field].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_planted_value_is_found_where_it_is() {
    let (msgs, code, stderr) = scan(&[]);
    // Malformed files are among the fixtures: exit 2 says some could not
    // be read in full.
    assert_eq!(code, 2, "{stderr}");
    let found = finding_keys(&msgs);
    let manifest = std::fs::read_to_string(fixtures().join("expected.tsv")).unwrap();
    let mut missing = Vec::new();
    let mut rows = 0;
    for line in manifest.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        assert_eq!(c.len(), 5, "{line}");
        rows += 1;
        let key: Key = (
            c[0].into(),
            c[1].into(),
            c[2].into(),
            c[3].into(),
            c[4].into(),
        );
        if !found.contains(&key) {
            // Say what was found in that file, to make the failure useful.
            let near: Vec<&Key> = found
                .iter()
                .filter(|k| k.0 == key.0 && (k.4 == key.4 || k.3 == key.3))
                .collect();
            missing.push(format!("{line}\n      found there: {near:?}"));
        }
    }
    assert!(rows >= 80, "manifest rows: {rows}");
    assert!(
        missing.is_empty(),
        "{} of {rows} planted values not found:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

#[test]
fn problems_are_reported_with_their_reasons() {
    let (msgs, _, stderr) = scan(&[]);
    let manifest = std::fs::read_to_string(fixtures().join("expected-problems.tsv")).unwrap();
    let errors = lines(&msgs, "error", "message");
    let reviews = lines(&msgs, "review", "reason");
    let error_for = |file: &str| -> Vec<&String> {
        errors
            .iter()
            .filter(|(p, _)| p == file || p.starts_with(&format!("{file} > ")))
            .map(|(_, m)| m)
            .collect()
    };
    let mut wrong = Vec::new();
    for line in manifest.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        let (file, status) = (c[0], c[1]);
        let errs = error_for(file);
        let ok = match status {
            "needs review" => reviews.iter().any(|(p, _)| p == file) && errs.is_empty(),
            "encrypted" => errs.iter().any(|m| m.contains("encrypted")),
            "corrupt" => errs
                .iter()
                .any(|m| m.contains("corrupt") || m.contains("truncated")),
            "limit" => errs.iter().any(|m| m.contains("limit")),
            "empty" | "text" | "recovered" => errs.is_empty(),
            other => panic!("unknown status {other}"),
        };
        if !ok {
            wrong.push(format!("{file}: want {status}; errors {errs:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}\n{stderr}", wrong.join("\n"));
    // Every file is accounted for: scanned, skipped or failed.
    let s = msgs.iter().find(|m| m["type"] == "summary").unwrap();
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("files_seen"),
        n("files_scanned") + n("files_skipped") + n("files_failed"),
        "{s}"
    );
    assert!(n("needs_review_total") >= 4, "{s}");
    for f in [
        "docx", "xlsx", "pdf", "eml", "zip", "image", "audio", "video",
    ] {
        assert!(s["formats"][f].as_u64().unwrap_or(0) > 0, "format {f}: {s}");
    }
}

#[test]
fn values_stay_masked_without_show_values() {
    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(fixtures())
        .args([
            "scan",
            "--format",
            "jsonl",
            "--no-progress",
            "--exclude",
            "*.tsv",
            "--exclude",
            "README.md",
            ".",
        ])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for raw in [
        "AB123456C",
        "HT220153D",
        "robert.smith@example.org",
        "SW1A 1AA",
    ] {
        assert!(!all.contains(raw), "{raw} leaked");
    }
}
