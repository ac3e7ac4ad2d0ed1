//! Precision and recall of the real binary on a labelled synthetic corpus
//! (`benches/support/corpus.rs`): text and CSV documents dense with
//! identifiers and hard negatives.
//!
//! * every planted identifier must be found at exactly its span;
//! * at least 98% of all findings (any confidence) must be planted ones;
//! * rules with a check digit (or, for NINOs, prefix rules) must never
//!   report a hard negative.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::process::Command;

/// Rules whose validator has a check digit or checkable structure.
const CHECKED: &[&str] = &[
    "nhs_number",
    "payment_card",
    "iban",
    "pnc_id",
    "cro_number",
    "uk_nino",
];

#[test]
fn corpus_precision_and_recall() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let opts = corpus::GenOptions {
        seed: 20261123,
        total_bytes: 2 << 20,
        file_bytes: 128 << 10,
        csv_share: 0.5,
        filler: 0,
    };
    let labels = corpus::generate(dir, &opts).unwrap();
    assert!(labels.len() > 10_000, "only {} labels", labels.len());

    let out = Command::new(env!("CARGO_BIN_EXE_trawl"))
        .arg("scan")
        .arg(dir)
        .args([
            "--format",
            "jsonl",
            "--as-of",
            "2026-11-23",
            "--threads",
            "2",
            // The corpus labels identifiers; names and lexicon terms are
            // scored elsewhere.
            "--rules",
            "identifiers",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0),
        "trawl exited with {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let dir_str = dir.to_string_lossy();
    let findings = corpus::parse_findings(&stdout, &dir_str, "low").unwrap();
    let scores = corpus::score(&labels, &findings);
    eprintln!("\n{}", corpus::table(&scores));

    // Examples of what went wrong, for whoever has to fix it.
    let (fps, fns) = corpus::mismatches(&labels, &findings);
    let read = |p: &str| std::fs::read(dir.join(p)).unwrap_or_default();
    let mut shown = std::collections::BTreeMap::<String, usize>::new();
    for (p, rule, s, e) in &fps {
        let n = shown.entry(format!("FP {rule}")).or_default();
        *n += 1;
        if *n <= 5 {
            eprintln!(
                "FP {rule} {p}:{s}-{e}: {}",
                corpus::snippet(&read(p), *s, *e)
            );
        }
    }
    for l in &fns {
        let n = shown.entry(format!("FN {}", l.rule)).or_default();
        *n += 1;
        if *n <= 5 {
            let near: Vec<String> = findings
                .iter()
                .filter(|(p, _, s, e)| *p == l.path && *s < l.end + 8 && l.start < *e + 8)
                .map(|(_, r, s, e)| format!("{r} {s}-{e}"))
                .collect();
            eprintln!(
                "FN {} {}:{}-{}: {} (trawl reported nearby: {:?})",
                l.rule,
                l.path,
                l.start,
                l.end,
                corpus::snippet(&read(&l.path), l.start, l.end),
                near
            );
        }
    }

    let mut failures = Vec::new();
    for s in &scores {
        if s.labels() > 0 && s.recall() < 1.0 {
            failures.push(format!(
                "{}: recall {:.4} ({} of {} missed)",
                s.rule,
                s.recall(),
                s.fn_,
                s.labels()
            ));
        }
        if CHECKED.contains(&s.rule.as_str()) && s.precision() < 1.0 {
            failures.push(format!(
                "{}: precision {:.4} ({} false positives)",
                s.rule,
                s.precision(),
                s.fp
            ));
        }
    }
    let (tp, found) = scores
        .iter()
        .fold((0, 0), |(t, f), s| (t + s.tp, f + s.found()));
    let precision = if found == 0 {
        1.0
    } else {
        tp as f64 / found as f64
    };
    if precision < 0.98 {
        failures.push(format!(
            "overall precision {precision:.4} < 0.98 ({} of {found} findings unlabelled)",
            found - tp
        ));
    }
    for rule in corpus::RULES {
        if !scores.iter().any(|s| s.rule == *rule && s.labels() > 0) {
            failures.push(format!("{rule}: the corpus planted no labels"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
