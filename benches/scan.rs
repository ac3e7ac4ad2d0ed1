//! Criterion benchmarks of the whole matching path (decode, identifier and
//! keyword passes, context windows, validators, classifier, dedupe) on
//! in-memory documents from the labelled corpus generator.
//!
//! Each benchmark first checks its answer: every labelled identifier must be
//! found at its span, and nothing else, so a faster but wrong matcher fails
//! here rather than looking good.
//!
//! ```text
//! cargo bench --bench scan
//! ```

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::BTreeSet;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trawl::catalog::{Catalog, Confidence, ValidationContext};
use trawl::report::{Format, Reporter};
use trawl::scan::{ScanOptions, Scanner};

fn scanner() -> Scanner {
    let reporter = Reporter::new(Format::Jsonl, true, None, false).unwrap();
    let options = ScanOptions {
        max_filesize: None,
        show_values: false,
        min_confidence: Confidence::Low,
        vctx: ValidationContext::new(jiff::civil::date(2026, 11, 23)),
        limits: Default::default(),
    };
    Scanner::new(Catalog::builtin().unwrap(), reporter, options).unwrap()
}

fn bench(c: &mut Criterion) {
    let s = scanner();
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    let cases = [
        ("prose-dense", 0u32, false),
        ("prose-typical", 6, false),
        ("csv-export", 0, true),
    ];
    for (name, filler, csv) in cases {
        let (doc, labels) = corpus::document_with_filler(7, filler, csv, 4 << 20, name);
        let delim = if csv { Some(b',') } else { None };
        // The answer first.
        let found: BTreeSet<(String, u64, u64)> = s
            .worker()
            .scan_bytes(name, &doc, delim)
            .into_iter()
            .map(|f| (f.rule, f.start, f.end))
            .collect();
        let want: BTreeSet<(String, u64, u64)> = labels
            .iter()
            .map(|l| (l.rule.clone(), l.start, l.end))
            .collect();
        let missed = want.difference(&found).count();
        let extra = found.difference(&want).count();
        assert!(
            missed == 0 && extra <= want.len() / 10_000 + 1,
            "{name}: {missed} labelled identifiers missed, {extra} unlabelled findings"
        );
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_function(name, |b| {
            let mut w = s.worker();
            b.iter(|| w.scan_bytes(name, &doc, delim).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
