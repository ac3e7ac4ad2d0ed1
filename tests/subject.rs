//! `trawl subject`, run as a user would: the real binary on the labelled
//! set in fixtures/subjects and on files made here in temporary folders.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn trawl(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(dir)
        .arg("subject")
        .args(args)
        .args(["--no-progress", "--as-of", "2026-11-23"])
        .output()
        .unwrap()
}

fn jsonl(out: &[u8]) -> (Vec<Value>, Value) {
    let mut results = Vec::new();
    let mut summary = Value::Null;
    for line in String::from_utf8_lossy(out).lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        match v["type"].as_str() {
            Some("result") => results.push(v),
            Some("summary") => summary = v,
            _ => panic!("unexpected line {line}"),
        }
    }
    (results, summary)
}

/// Every labelled document about a subject with a strong identifier is
/// found in the strong tier; no same-name distractor is strong, and every
/// distractor ranks below every true result.
#[test]
fn labelled_set_strong_recall_precision_and_distractor_ranks() {
    let labels = std::fs::read_to_string(root().join("fixtures/subjects/labels.tsv")).unwrap();
    let mut by_subject: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for line in labels.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let key = format!("{}|{}|{}", f[0], f[1], f[2]);
        by_subject
            .entry(f[3].to_string())
            .or_default()
            .push((key, f[4].to_string()));
    }
    assert!(by_subject.len() >= 5);
    let dir = tempfile::tempdir().unwrap();
    for (subject, labels) in &by_subject {
        let log = dir.path().join(format!("{subject}.log"));
        let profile = format!("fixtures/subjects/profiles/{subject}.toml");
        let out = trawl(
            root(),
            &[
                "fixtures/subjects",
                "--profile",
                &profile,
                "--format",
                "jsonl",
                "--log",
                log.to_str().unwrap(),
                "--no-messages",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{subject}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (results, summary) = jsonl(&out.stdout);
        assert_eq!(summary["results"], results.len());
        let key = |r: &Value| {
            format!(
                "{}|{}|{}",
                r["path"].as_str().unwrap(),
                r["container"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" > "),
                r["row"].as_u64().map(|n| n.to_string()).unwrap_or_default()
            )
        };
        let found: HashMap<String, (&str, u64)> = results
            .iter()
            .map(|r| {
                (
                    key(r),
                    (r["tier"].as_str().unwrap(), r["rank"].as_u64().unwrap()),
                )
            })
            .collect();
        let mut lowest_true = 0;
        for (k, label) in labels {
            match label.as_str() {
                "strong" => {
                    let got = found.get(k);
                    assert_eq!(
                        got.map(|g| g.0),
                        Some("strong"),
                        "{subject}: {k} should be strong"
                    );
                    lowest_true = lowest_true.max(got.unwrap().1);
                }
                "name-only" => {
                    let got = found
                        .get(k)
                        .unwrap_or_else(|| panic!("{subject}: {k} not found"));
                    lowest_true = lowest_true.max(got.1);
                }
                _ => {}
            }
        }
        for (k, label) in labels {
            if label == "distractor"
                && let Some((tier, rank)) = found.get(k)
            {
                assert_ne!(*tier, "strong", "{subject}: distractor {k} is strong");
                assert!(
                    *rank > lowest_true,
                    "{subject}: distractor {k} ranks {rank}, above a true result at {lowest_true}"
                );
            }
        }
        // Strong-tier precision: every strong result is labelled as the subject's.
        for r in results.iter().filter(|r| r["tier"] == "strong") {
            let k = key(r);
            assert!(
                labels.iter().any(|(l, lab)| *l == k && lab != "distractor"),
                "{subject}: strong result {k} is not labelled as the subject's"
            );
        }
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn flags_schedule_csv_and_search_log() {
    let share = tempfile::tempdir().unwrap();
    let s = share.path();
    write(
        s,
        "notes/visit.txt",
        "Visited Bob Smith (DOB 7.3.84) at home with his sister Jane Doe.\n",
    );
    write(
        s,
        "notes/other.txt",
        "Michael Smith, born 01/01/1990, was cautioned.\n",
    );
    write(
        s,
        "notes/stranger.txt",
        "Robert Smith, DOB 12/12/1971, reported a theft.\n",
    );
    write(
        s,
        "exports/custody.csv",
        "Surname,Forename,DOB,NI Number\nSMITH,Robert,07/03/1984,AB123456C\nJONES,Amy,02/02/1990,CE654321A\n",
    );
    // A zip whose member name would be a formula in Excel.
    {
        let f = std::fs::File::create(s.join("bundle.zip")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file(
            "=HYPERLINK(1).txt",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(b"NI number AB 12 34 56 C on file.").unwrap();
        z.finish().unwrap();
    }
    std::fs::write(s.join("broken.docx"), b"PK\x03\x04 not really a document").unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let csv = out_dir.path().join("schedule.csv");
    let out = trawl(
        s,
        &[
            ".",
            "--name",
            "Robert John SMITH",
            "--dob",
            "1984-03-07",
            "--nino",
            "AB123456C",
            "--sex",
            "male",
            "--case",
            "SAR-2026-0142",
            "--operator",
            "DC 1234 Test",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The broken document is unreadable: exit 2, and it is named.
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.docx"), "{stderr}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, trawl::subject::schedule::CSV_COLUMNS);
    let rows: Vec<HashMap<String, String>> = rdr
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    let find = |path: &str| rows.iter().find(|r| r["path"].ends_with(path));
    let visit = find("visit.txt").expect("visit.txt listed");
    assert_eq!(visit["tier"], "strong");
    assert!(visit["matched"].contains("Bob Smith") && visit["matched"].contains("nickname"));
    // The sister is someone else: counted, and masked in the snippet.
    assert_eq!(visit["third_party"], "1");
    assert!(!visit["snippet"].contains("Jane") && !visit["snippet"].contains("Doe"));
    let row = rows
        .iter()
        .find(|r| r["path"].ends_with("custody.csv"))
        .expect("custody row");
    assert_eq!((row["row"].as_str(), row["tier"].as_str()), ("2", "strong"));
    assert_eq!(
        rows.iter()
            .filter(|r| r["path"].ends_with("custody.csv"))
            .count(),
        1
    );
    assert!(
        find("other.txt").is_none(),
        "Michael Smith is not the subject"
    );
    let stranger = find("stranger.txt").expect("a same-name candidate is listed");
    assert_eq!(stranger["tier"], "weak");
    assert!(stranger["conflicts"].contains("different date of birth"));
    assert!(
        !stranger["conflicts"].contains("1971"),
        "other people's dates are masked"
    );
    let member = find("bundle.zip").expect("the zip member");
    assert_eq!(member["container"], "'=HYPERLINK(1).txt");
    // Owner-only outputs; the log sits next to the schedule.
    let log = out_dir.path().join("schedule.search-log.txt");
    #[cfg(unix)]
    {
        assert_eq!(mode(&csv), 0o600);
        assert_eq!(mode(&log), 0o600);
    }
    let log = std::fs::read_to_string(log).unwrap();
    for want in [
        "Case reference:   SAR-2026-0142",
        "Operator:         DC 1234 Test",
        "Name (as given): Robert John SMITH",
        "bob",
        "SMITH803074RJ",
        "NI number: AB123456C",
        "broken.docx",
        "Locations that could not be read (1)",
        "SHA-256",
    ] {
        assert!(log.contains(want), "search log lacks {want:?}:\n{log}");
    }
}

#[test]
fn exit_codes_and_bad_input() {
    let share = tempfile::tempdir().unwrap();
    write(share.path(), "a.txt", "Nothing about anyone here.\n");
    let out = trawl(
        share.path(),
        &[".", "--name", "Robert SMITH", "--log", "x.log"],
    );
    assert_eq!(out.status.code(), Some(1));
    for (args, needle) in [
        (
            vec![".", "--name", "Robert SMITH", "--nino", "XYZ"],
            "NI number",
        ),
        (
            vec![".", "--name", "Robert SMITH", "--dob", "31/02/1984"],
            "date of birth",
        ),
        (
            vec![".", "--name", "Robert SMITH", "--pnc", "98/123456A"],
            "PNC",
        ),
        (vec!["."], "nothing to search for"),
    ] {
        let out = trawl(share.path(), &args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    // Output that cannot be written fails before the search, not after.
    let out = trawl(
        share.path(),
        &[
            ".",
            "--name",
            "Robert SMITH",
            "--log",
            "/nonexistent/dir/log.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty(), "nothing searched or printed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dir/log.txt"));
    write(
        share.path(),
        "p.toml",
        "names = [\"Robert SMITH\"]\nshoe_size = 9\n",
    );
    let out = trawl(share.path(), &[".", "--profile", "p.toml"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("p.toml") && err.contains("shoe_size"), "{err}");
}

/// A second search in the same folder does not list the first one's
/// search log or schedule (they hold the subject's identifiers).
#[test]
fn earlier_schedules_and_logs_are_not_results() {
    let share = tempfile::tempdir().unwrap();
    let s = share.path();
    write(s, "note.txt", "NI number AB123456C seen.\n");
    let args = [
        ".",
        "--name",
        "Robert SMITH",
        "--nino",
        "AB123456C",
        "--case",
        "SAR-1",
    ];
    for (format, out) in [("csv", "s.csv"), ("jsonl", "s.jsonl"), ("html", "s.html")] {
        let mut a = args.to_vec();
        a.extend(["--format", format, "-o", out]);
        assert_eq!(trawl(s, &a).status.code(), Some(0));
    }
    // The default log goes in the current folder: search twice.
    assert_eq!(trawl(s, &args).status.code(), Some(0));
    let mut a = args.to_vec();
    a.extend(["--format", "jsonl"]);
    let out = trawl(s, &a);
    let (results, _) = jsonl(&out.stdout);
    let paths: Vec<&str> = results
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./note.txt"], "{paths:?}");
}

/// `--fuzzy` finds a misspelt long surname with the forename, and says so;
/// without it the misspelling is not a match.
#[test]
fn fuzzy_is_off_by_default_and_marked_when_on() {
    let share = tempfile::tempdir().unwrap();
    let s = share.path();
    write(
        s,
        "note.txt",
        "Katherine Whitington (DOB 02/02/1990) attended.\n",
    );
    let args = [
        ".",
        "--name",
        "Katherine WHITTINGTON",
        "--format",
        "jsonl",
        "--log",
        "l.txt",
    ];
    let out = trawl(s, &args);
    let (results, _) = jsonl(&out.stdout);
    assert!(
        results.iter().all(|r| !r["identifiers"]
            .as_array()
            .unwrap()
            .contains(&"name".into())),
        "{results:?}"
    );
    let mut a = args.to_vec();
    a.push("--fuzzy");
    let out = trawl(s, &a);
    let (results, _) = jsonl(&out.stdout);
    assert_eq!(results.len(), 1, "{results:?}");
    let m = &results[0]["matched"][0];
    assert_eq!(m["kind"], "name");
    assert!(m["variant"].as_str().unwrap().contains("fuzzy"), "{m}");
    assert!(results[0]["why"].as_str().unwrap().contains("fuzzy"));
}
