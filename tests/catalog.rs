//! Every rule's own examples, through the full matching path (prefilter,
//! identifier pass, context windows, validators, classifier, dedupe): the
//! `examples.match` texts must yield exactly the marked spans, and the
//! `examples.no_match` near misses must yield nothing for the rule.

mod support;

use support::*;
use trawl::catalog::Catalog;

#[test]
fn every_rule_has_examples_and_they_hold() {
    let catalog = Catalog::builtin().unwrap();
    let s = scanner_with(catalog.clone());
    let mut failures = Vec::new();
    for rule in &catalog.rules {
        if rule.examples.matches.is_empty() || rule.examples.no_match.is_empty() {
            failures.push(format!(
                "{}: needs both match and no_match examples",
                rule.id
            ));
        }
        for ex in &rule.examples.matches {
            let (text, want) = parse_markers(ex);
            let got: Vec<(u64, u64)> = findings_of(&s, &text, &rule.id)
                .iter()
                .map(|f| (f.start, f.end))
                .collect();
            for w in &want {
                if !got.contains(w) {
                    failures.push(format!(
                        "{} ({}): {ex:?}: expected a finding at {:?}, got {:?}",
                        rule.id, rule.origin, w, got
                    ));
                }
            }
        }
        for ex in &rule.examples.no_match {
            let got = findings_of(&s, ex, &rule.id);
            if !got.is_empty() {
                failures.push(format!(
                    "{} ({}): {ex:?}: expected nothing, got {:?}",
                    rule.id,
                    rule.origin,
                    got.iter()
                        .map(|f| (&f.value, f.start, f.end, &f.reason))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every plain term of every lexicon, alone in a neutral sentence, is found
/// at its exact span under its lexicon's id (through the full path: the
/// keyword automaton, whole-word checks, classification, dedupe).
#[test]
fn every_plain_lexicon_term_is_found() {
    let catalog = Catalog::builtin().unwrap();
    let s = scanner_with(catalog.clone());
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule in catalog.rules.iter().filter(|r| !r.term_groups.is_empty()) {
        for t in &rule.term_groups[0].terms {
            let text = format!("Noted: {t} here.");
            let start = 7u64;
            let got = findings_of(&s, &text, &rule.id);
            checked += 1;
            if !got
                .iter()
                .any(|f| f.start == start && f.end == start + t.len() as u64)
            {
                failures.push(format!(
                    "{} {t:?}: got {:?}",
                    rule.id,
                    got.iter().map(|f| (f.start, f.end)).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(checked > 3000, "only {checked} terms");
    assert!(
        failures.is_empty(),
        "{} of {checked} terms not found:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Word processors curl apostrophes; the terms are written with `'`.
#[test]
fn curly_apostrophes_match_straight_ones() {
    let s = scanner();
    for text in [
        "She is a Jehovah\u{2019}s Witness.",
        "She is a Jehovah's Witness.",
    ] {
        let got = findings_of(&s, text, "religious_beliefs_term");
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!((got[0].start, got[0].end), (9, text.len() as u64 - 1));
    }
}
