//! Precision, recall and F1 of `person_name` and of each category lexicon
//! on a labelled synthetic corpus of police and HR documents
//! (benches/support/prose.rs), with the hard cases of DOMAIN.md §2.3-2.4 as
//! tagged negatives.
//!
//! ```text
//! cargo bench --bench lexeval -- generate DIR [--docs N] [--seed S] [--csv-share F]
//! trawl scan DIR/text DIR/csv --rules names,lexicons --format jsonl --as-of 2026-11-23 --show-values > findings.jsonl
//! cargo bench --bench lexeval -- evaluate DIR findings.jsonl [--min-confidence low|medium|high] [--samples K]
//! ```
//!
//! With no command it prints this usage and exits 0, so that a plain
//! `cargo bench` does not fail.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/prose.rs"]
mod prose;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cli::{Args, Failure, opt, with_path};
use corpus::ratio;
use prose::{KINDS, Span};

const USAGE: &str = "\
usage:
  lexeval generate DIR [--docs N] [--seed S] [--csv-share F]
      Writes labelled synthetic police and HR documents to DIR/text/<type>/*.txt
      and DIR/csv/<type>/*.csv, and their labels (positives per kind, and hard
      negatives tagged by case) to DIR/labels.jsonl (defaults: 16000 docs,
      seed 1, CSV share 0.08).
  lexeval evaluate DIR FINDINGS.jsonl [--min-confidence low|medium|high] [--samples K]
      Scores a `trawl scan DIR --rules names,lexicons --format jsonl
      --as-of 2026-11-23 --show-values` output against DIR/labels.jsonl and
      prints Markdown: a table per kind (person_name and every category),
      hard-case false positives by case, and K (default 10) sample false
      negatives and false positives per kind.
  (through cargo: cargo bench --bench lexeval -- COMMAND ...)";

fn main() -> ExitCode {
    cli::main(
        "lexeval",
        USAGE,
        &[
            cli::Command {
                name: "generate",
                positional: 1,
                options: &["--docs", "--seed", "--csv-share"],
                run: generate,
            },
            cli::Command {
                name: "evaluate",
                positional: 2,
                options: &["--min-confidence", "--samples"],
                run: evaluate,
            },
        ],
    )
}

// -------------------------------------------------------------- generate

fn generate(a: &Args) -> Result<(), Failure> {
    let dir = PathBuf::from(&a.positional[0]);
    let opts = prose::GenOptions {
        seed: opt(a, "--seed", 1)?,
        docs: opt(a, "--docs", 16000)?,
        csv_share: opt(a, "--csv-share", 0.08)?,
    };
    if opts.docs == 0 || !(0.0..=1.0).contains(&opts.csv_share) {
        return Err(Failure::Usage(
            "--docs must be positive, --csv-share within 0..1".into(),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| with_path(e, &dir))?;
    let started = Instant::now();
    let w = prose::generate(&dir, &opts).map_err(|e| with_path(e, &dir))?;
    println!(
        "wrote {} documents ({} text, {} CSV), {} bytes ({:.1} MB), {} labels to {} in {:.2} s",
        w.files,
        w.files - w.csv_files,
        w.csv_files,
        w.bytes,
        w.bytes as f64 / 1_048_576.0,
        w.spans.len(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    print!("\n{}", corpus_table(&w.spans));
    println!(
        "\nscan with: trawl scan {d}/text {d}/csv --rules names,lexicons --format jsonl --as-of 2026-11-23 --show-values > findings.jsonl",
        d = dir.display()
    );
    Ok(())
}

/// Positives and hard negatives per kind.
fn corpus_table(spans: &[Span]) -> String {
    let mut pos: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for s in spans {
        let e = pos.entry(s.kind.as_str()).or_default();
        if s.negative {
            e.1 += 1;
        } else {
            e.0 += 1;
        }
    }
    let mut out = String::from("| kind | labels | hard negatives |\n|---|---:|---:|\n");
    let (mut tp, mut tn) = (0, 0);
    for k in KINDS {
        let (p, n) = pos.get(k).copied().unwrap_or_default();
        tp += p;
        tn += n;
        let _ = writeln!(out, "| {k} | {p} | {n} |");
    }
    let _ = writeln!(out, "| **total** | {tp} | {tn} |");
    out
}

// -------------------------------------------------------------- evaluate

/// A finding as scored.
struct Finding {
    path: u32,
    kinds: Vec<u8>,
    rule: String,
    start: u64,
    end: u64,
    value: String,
}

/// Labels of one (path, kind), sorted by start, with the longest span so
/// that an overlap query can stop early.
#[derive(Default)]
struct Index {
    spans: Vec<(u64, u64, usize)>,
    max_len: u64,
}

impl Index {
    fn finish(&mut self) {
        self.spans.sort_unstable();
        self.max_len = self.spans.iter().map(|s| s.1 - s.0).max().unwrap_or(0);
    }

    /// Indices (into the span list) of every span overlapping `[a, b)`.
    fn overlapping(&self, a: u64, b: u64, out: &mut Vec<usize>) {
        out.clear();
        let mut i = self.spans.partition_point(|s| s.0 < b);
        while i > 0 {
            i -= 1;
            let s = self.spans[i];
            if s.0 + self.max_len <= a {
                break;
            }
            if s.1 > a {
                out.push(s.2);
            }
        }
    }
}

#[derive(Default, Clone)]
struct Score {
    labels: u64,
    findings: u64,
    tp: u64,
    fp: u64,
    found: u64,
}

impl Score {
    fn fn_(&self) -> u64 {
        self.labels - self.found
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.findings)
    }
    fn recall(&self) -> f64 {
        ratio(self.found, self.labels)
    }
    fn f1(&self) -> f64 {
        corpus::f1(self.precision(), self.recall())
    }
}

/// Distinct values with a count and the first context seen.
#[derive(Default)]
struct Samples(HashMap<String, (u64, String, String)>);

impl Samples {
    fn add(&mut self, value: &str, note: &str, ctx: impl FnOnce() -> String) {
        let key = value.to_string();
        match self.0.get_mut(&key) {
            Some(e) => e.0 += 1,
            None => {
                self.0.insert(key, (1, note.to_string(), ctx()));
            }
        }
    }

    fn top(&self, k: usize) -> Vec<(&String, &(u64, String, String))> {
        let mut v: Vec<_> = self.0.iter().collect();
        v.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        v.truncate(k);
        v
    }
}

/// File contents, read on demand for context snippets.
struct Files {
    dir: PathBuf,
    cache: HashMap<String, Vec<u8>>,
}

impl Files {
    fn context(&mut self, path: &str, a: u64, b: u64) -> String {
        let dir = &self.dir;
        let text = self
            .cache
            .entry(path.to_string())
            .or_insert_with(|| std::fs::read(dir.join(path)).unwrap_or_default());
        let (a, b) = (a as usize, (b as usize).min(text.len()));
        if a > b {
            return String::new();
        }
        let lo = a.saturating_sub(40);
        let hi = (b + 40).min(text.len());
        let s = |x: &[u8]| {
            String::from_utf8_lossy(x)
                .replace(['\n', '\r'], " ⏎ ")
                .replace('|', "\\|")
        };
        format!(
            "…{}**{}**{}…",
            s(&text[lo..a]),
            s(&text[a..b]),
            s(&text[b..hi])
        )
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn evaluate(a: &Args) -> Result<(), Failure> {
    let dir = Path::new(&a.positional[0]);
    let findings_path = Path::new(&a.positional[1]);
    let min: String = opt(a, "--min-confidence", "low".to_string())?;
    let k_samples: usize = opt(a, "--samples", 10)?;
    let Some(min_rank) = corpus::confidence_rank(&min) else {
        return Err(Failure::Usage(format!(
            "--min-confidence must be low, medium or high, not {min:?}"
        )));
    };
    let labels_path = dir.join("labels.jsonl");
    let spans = prose::read_spans(&labels_path).map_err(|e| with_path(e, &labels_path))?;

    // Paths and kinds as small integers.
    let mut path_ids: HashMap<String, u32> = HashMap::new();
    let mut paths: Vec<String> = Vec::new();
    let mut intern = |p: &str, ids: &mut HashMap<String, u32>| -> u32 {
        if let Some(&i) = ids.get(p) {
            return i;
        }
        let i = paths.len() as u32;
        paths.push(p.to_string());
        ids.insert(p.to_string(), i);
        i
    };
    let kind_ix = |k: &str| KINDS.iter().position(|x| *x == k).map(|i| i as u8);

    // Positive and negative indexes per (path, kind).
    let mut pos: HashMap<(u32, u8), Index> = HashMap::new();
    let mut neg: HashMap<(u32, u8), Index> = HashMap::new();
    let mut span_path: Vec<u32> = Vec::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        let p = intern(&s.path, &mut path_ids);
        span_path.push(p);
        let Some(k) = kind_ix(&s.kind) else { continue };
        let idx = if s.negative { &mut neg } else { &mut pos };
        idx.entry((p, k))
            .or_default()
            .spans
            .push((s.start, s.end, i));
    }
    for ix in pos.values_mut().chain(neg.values_mut()) {
        ix.finish();
    }

    // Findings.
    let file = std::fs::File::open(findings_path).map_err(|e| with_path(e, findings_path))?;
    let mut findings: Vec<Finding> = Vec::new();
    let (mut skipped_other, mut below_min) = (0u64, 0u64);
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            Failure::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}:{}: not JSON: {e}", findings_path.display(), n + 1),
            ))
        })?;
        if v["type"] != "finding" {
            continue;
        }
        let conf = v["confidence"]
            .as_str()
            .and_then(corpus::confidence_rank)
            .unwrap_or(0);
        if conf < min_rank {
            below_min += 1;
            continue;
        }
        let (Some(path), Some(rule), Some(start), Some(end)) = (
            v["path"].as_str(),
            v["rule"].as_str(),
            v["start"].as_u64(),
            v["end"].as_u64(),
        ) else {
            return Err(Failure::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}:{}: incomplete finding", findings_path.display(), n + 1),
            )));
        };
        let rel = corpus::relative_path(path, &a.positional[0]);
        if !(rel.starts_with("text/") || rel.starts_with("csv/")) {
            skipped_other += 1;
            continue;
        }
        let kinds: Vec<u8> = if rule == "person_name" {
            vec![0]
        } else {
            v["categories"]
                .as_array()
                .map(|cs| {
                    cs.iter()
                        .filter_map(|c| c.as_str())
                        .filter(|c| *c != "person_name")
                        .filter_map(kind_ix)
                        .collect()
                })
                .unwrap_or_default()
        };
        findings.push(Finding {
            path: intern(&rel, &mut path_ids),
            kinds,
            rule: rule.to_string(),
            start,
            end,
            value: v["value"].as_str().unwrap_or("").to_string(),
        });
    }

    // Scoring.
    let nk = KINDS.len();
    let mut scores = vec![Score::default(); nk];
    // The same per source: [text, csv].
    let mut by_src = vec![[Score::default(), Score::default()]; nk];
    let is_csv = |p: &str| usize::from(p.starts_with("csv/"));
    let mut found = vec![false; spans.len()];
    let mut neg_hit = vec![0u64; spans.len()];
    for s in &spans {
        if !s.negative
            && let Some(k) = kind_ix(&s.kind)
        {
            scores[k as usize].labels += 1;
            by_src[k as usize][is_csv(&s.path)].labels += 1;
        }
    }
    let mut files = Files {
        dir: dir.to_path_buf(),
        cache: HashMap::new(),
    };
    let mut fp_samples: Vec<Samples> = (0..nk).map(|_| Samples::default()).collect();
    let mut fp_unlabelled = vec![0u64; nk];
    let mut fp_cross = vec![0u64; nk];
    let mut hard_fp: BTreeMap<(String, String), Samples> = BTreeMap::new();
    let mut hits = Vec::new();
    let mut cross_hits = Vec::new();
    for f in &findings {
        let src = is_csv(&paths[f.path as usize]);
        for &k in &f.kinds {
            let sc = &mut scores[k as usize];
            sc.findings += 1;
            by_src[k as usize][src].findings += 1;
            match pos.get(&(f.path, k)) {
                Some(ix) => ix.overlapping(f.start, f.end, &mut hits),
                None => hits.clear(),
            }
            if !hits.is_empty() {
                sc.tp += 1;
                by_src[k as usize][src].tp += 1;
                for &h in &hits {
                    found[h] = true;
                }
                continue;
            }
            sc.fp += 1;
            by_src[k as usize][src].fp += 1;
            let path = &paths[f.path as usize];
            // A hard negative of this kind?
            if let Some(ix) = neg.get(&(f.path, k)) {
                ix.overlapping(f.start, f.end, &mut hits);
                if let Some(&h) = hits.first() {
                    for &h in &hits {
                        neg_hit[h] += 1;
                    }
                    let key = (spans[h].case.clone(), KINDS[k as usize].to_string());
                    hard_fp
                        .entry(key)
                        .or_default()
                        .add(&f.value, &f.rule, || files.context(path, f.start, f.end));
                }
            }
            // A positive of another kind (confusion) or unlabelled text?
            let mut cross = false;
            for k2 in 0..nk {
                if k2 as u8 == k {
                    continue;
                }
                if let Some(ix) = pos.get(&(f.path, k2 as u8)) {
                    ix.overlapping(f.start, f.end, &mut cross_hits);
                    if !cross_hits.is_empty() {
                        cross = true;
                        break;
                    }
                }
            }
            if cross {
                fp_cross[k as usize] += 1;
            } else {
                fp_unlabelled[k as usize] += 1;
            }
            fp_samples[k as usize].add(&f.value, &f.rule, || files.context(path, f.start, f.end));
        }
    }
    let mut fn_samples: Vec<Samples> = (0..nk).map(|_| Samples::default()).collect();
    // Per distinct phrasing (lower case, digits as 9): (labels, found).
    let mut phrasings: Vec<HashMap<String, (u64, u64)>> = vec![HashMap::new(); nk];
    for (i, s) in spans.iter().enumerate() {
        if s.negative {
            continue;
        }
        let Some(k) = kind_ix(&s.kind) else { continue };
        if k > 0 {
            let key: String = s
                .text
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            let e = phrasings[k as usize].entry(key).or_default();
            e.0 += 1;
            e.1 += u64::from(found[i]);
        }
        if found[i] {
            scores[k as usize].found += 1;
            by_src[k as usize][is_csv(&s.path)].found += 1;
        } else {
            let note = if s.kind == "person_name" {
                format!("{} / {}", s.form, s.origin)
            } else {
                s.case.clone()
            };
            fn_samples[k as usize].add(&s.text, &note, || files.context(&s.path, s.start, s.end));
        }
    }

    // Report.
    let mut out = String::new();
    let npos = spans.iter().filter(|s| !s.negative).count();
    let nneg = spans.len() - npos;
    let docs = {
        let mut p: Vec<&str> = spans.iter().map(|s| s.path.as_str()).collect();
        p.sort_unstable();
        p.dedup();
        p.len()
    };
    let _ = writeln!(
        out,
        "Findings at confidence >= {min}: {} scored ({} below the minimum, {} outside text/ and csv/), against {npos} labels and {nneg} hard negatives in {docs} labelled documents.\n",
        findings.len(),
        below_min,
        skipped_other
    );
    out.push_str("TP counts findings that overlap a label of their kind; FN counts labels that no finding of their kind overlaps; recall = (labels - FN) / labels.\n\n");
    out.push_str("| kind | labels | findings | TP | FP | FN | precision | recall | F1 |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut micro = Score::default();
    for (k, name) in KINDS.iter().enumerate() {
        let s = &scores[k];
        if k > 0 {
            micro.labels += s.labels;
            micro.findings += s.findings;
            micro.tp += s.tp;
            micro.fp += s.fp;
            micro.found += s.found;
        }
        row(&mut out, name, s);
    }
    row(&mut out, "**all categories (micro)**", &micro);
    let macro_f1 = scores[1..].iter().map(Score::f1).sum::<f64>() / (nk - 1) as f64;
    let _ = writeln!(
        out,
        "\nMacro-averaged F1 over the {} categories: {:.3}.",
        nk - 1,
        macro_f1
    );

    out.push_str("\nThe same by source (prose documents, CSV exports), and recall per distinct phrasing (macro-averaged over the distinct label texts of a kind, lower case, digits folded, so that frequent phrasings do not dominate):\n\n| kind | text P | text R | text F1 | CSV P | CSV R | CSV F1 | phrasings | phrasing recall |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (k, name) in KINDS.iter().enumerate() {
        let [t, c] = &by_src[k];
        let f = |x: &Score, v: f64| {
            if x.labels == 0 && x.findings == 0 {
                "–".to_string()
            } else {
                format!("{v:.3}")
            }
        };
        let (np, pr) = if k == 0 {
            ("–".to_string(), "–".to_string())
        } else {
            let ph = &phrasings[k];
            let r = ph.values().map(|(n, f)| *f as f64 / *n as f64).sum::<f64>()
                / ph.len().max(1) as f64;
            (ph.len().to_string(), format!("{r:.3}"))
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} | {np} | {pr} |",
            f(t, t.precision()),
            f(t, t.recall()),
            f(t, t.f1()),
            f(c, c.precision()),
            f(c, c.recall()),
            f(c, c.f1()),
        );
    }

    out.push_str("\nFalse positives by where they fall: on a label of another kind (confusion) or on unlabelled text.\n\n| kind | FP | on another kind's label | on unlabelled text |\n|---|---:|---:|---:|\n");
    for (k, name) in KINDS.iter().enumerate() {
        if scores[k].fp > 0 {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} |",
                scores[k].fp, fp_cross[k], fp_unlabelled[k]
            );
        }
    }

    // Names by form and origin.
    for (title, field) in [("form", 0), ("origin", 1)] {
        let mut by: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for (i, s) in spans.iter().enumerate() {
            if s.negative || s.kind != "person_name" {
                continue;
            }
            let key = if field == 0 { &s.form } else { &s.origin };
            let e = by.entry(key.as_str()).or_default();
            e.0 += 1;
            e.1 += u64::from(found[i]);
        }
        let _ = writeln!(
            out,
            "\n### person_name recall by {title}\n\n| {title} | labels | found | recall |\n|---|---:|---:|---:|"
        );
        for (key, (n, f)) in &by {
            let _ = writeln!(out, "| {key} | {n} | {f} | {:.3} |", ratio(*f, *n));
        }
    }

    // Hard cases.
    out.push_str("\n### Hard-case negatives (each must yield no finding of its kind)\n\n| case | kind | negatives | hit | FP findings | samples (value: context) |\n|---|---|---:|---:|---:|---|\n");
    let mut neg_stats: BTreeMap<(String, String), (u64, u64, u64)> = BTreeMap::new();
    for (i, s) in spans.iter().enumerate() {
        if s.negative {
            let e = neg_stats
                .entry((s.case.clone(), s.kind.clone()))
                .or_default();
            e.0 += 1;
            e.1 += u64::from(neg_hit[i] > 0);
            e.2 += neg_hit[i];
        }
    }
    for ((case, kind), (n, hit, nfp)) in &neg_stats {
        let samples = hard_fp
            .get(&(case.clone(), kind.clone()))
            .map(|s| {
                s.top(3)
                    .iter()
                    .map(|(v, (c, _, ctx))| format!("`{}` ×{c}: {ctx}", cell(v)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            })
            .unwrap_or_default();
        let _ = writeln!(out, "| {case} | {kind} | {n} | {hit} | {nfp} | {samples} |");
    }

    out.push_str("\n### Hard-case positives (each must be found)\n\n| case | kind | labels | found | recall | sample misses |\n|---|---|---:|---:|---:|---|\n");
    let mut pos_stats: BTreeMap<(String, String), (u64, u64, Samples)> = BTreeMap::new();
    for (i, s) in spans.iter().enumerate() {
        if s.negative || s.case.is_empty() {
            continue;
        }
        let e = pos_stats
            .entry((s.case.clone(), s.kind.clone()))
            .or_default();
        e.0 += 1;
        if found[i] {
            e.1 += 1;
        } else {
            e.2.add(&s.text, "", String::new);
        }
    }
    for ((case, kind), (n, f, miss)) in &pos_stats {
        let m = miss
            .top(3)
            .iter()
            .map(|(v, (c, _, _))| format!("`{}` ×{c}", cell(v)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "| {case} | {kind} | {n} | {f} | {:.3} | {m} |",
            ratio(*f, *n)
        );
    }

    // Samples per kind.
    let _ = writeln!(
        out,
        "\n### Samples per kind (up to {k_samples} distinct values each, most frequent first)"
    );
    for (k, name) in KINDS.iter().enumerate() {
        let fns = fn_samples[k].top(k_samples);
        let fps = fp_samples[k].top(k_samples);
        if fns.is_empty() && fps.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n#### {name}\n");
        if !fns.is_empty() {
            out.push_str("False negatives (label missed):\n\n| value | count | case | context |\n|---|---:|---|---|\n");
            for (v, (c, note, ctx)) in fns {
                let _ = writeln!(out, "| `{}` | {c} | {} | {ctx} |", cell(v), cell(note));
            }
            out.push('\n');
        }
        if !fps.is_empty() {
            out.push_str("False positives (finding on no label of this kind):\n\n| value | count | rule | context |\n|---|---:|---|---|\n");
            for (v, (c, rule, ctx)) in fps {
                let _ = writeln!(out, "| `{}` | {c} | {rule} | {ctx} |", cell(v));
            }
        }
    }
    print!("{out}");
    Ok(())
}

fn row(out: &mut String, name: &str, s: &Score) {
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
        s.labels,
        s.findings,
        s.tp,
        s.fp,
        s.fn_(),
        s.precision(),
        s.recall(),
        s.f1()
    );
}
