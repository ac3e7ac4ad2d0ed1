//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod browser;

use trawl::catalog::{Catalog, Confidence, ValidationContext};
use trawl::report::{Format, Reporter};
use trawl::scan::{Collected, ScanOptions, Scanner};

/// The date all tests judge dates against, so that VRM age identifiers and
/// ages do not drift with the calendar.
pub fn as_of() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 23)
}

/// A scanner over the builtin pack (plus `extra` packs) that reports
/// nowhere; use `worker().scan_bytes(...)`.
pub fn scanner_with(catalog: Catalog) -> Scanner {
    let reporter = Reporter::new(Format::Jsonl, true, None, false).unwrap();
    let options = ScanOptions {
        max_filesize: None,
        show_values: true,
        min_confidence: Confidence::Low,
        vctx: ValidationContext::new(as_of()),
        limits: Default::default(),
    };
    Scanner::new(catalog, reporter, options).unwrap()
}

pub fn scanner() -> Scanner {
    scanner_with(Catalog::builtin().unwrap())
}

/// Findings of `rule` in `text` scanned as prose.
pub fn findings_of(s: &Scanner, text: &str, rule: &str) -> Vec<Collected> {
    s.worker()
        .scan_bytes("example", text.as_bytes(), None)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Splits `«` / `»` markers out of an example: the text without them and
/// the byte spans they enclosed.
pub fn parse_markers(example: &str) -> (String, Vec<(u64, u64)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for c in example.chars() {
        match c {
            '«' => open = Some(text.len() as u64),
            '»' => {
                if let Some(s) = open.take() {
                    spans.push((s, text.len() as u64));
                }
            }
            _ => text.push(c),
        }
    }
    if spans.is_empty() {
        spans.push((0, text.len() as u64));
    }
    (text, spans)
}
