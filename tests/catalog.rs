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
