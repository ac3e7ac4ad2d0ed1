//! Reporting: findings and the closing summary, in the user's format.
//!
//! Three formats share one [`Reporter`]:
//!
//! * `text` (default): one line per finding, `path:line:column: rule
//!   [confidence] value (categories) - reason`, then a summary for people.
//! * `jsonl`: one JSON object per line; the wire format is documented in the
//!   README ("JSON Lines output") and tested by parsing it.
//! * `csv`: one row per finding (and per unreadable file), for Excel: UTF-8
//!   BOM, formula-leading cells neutralised ([`mask::csv_safe`]).
//!
//! Worker threads format into their own buffers and hand over whole
//! batches ([`Reporter::write`]), so lines never interleave. Output to a file
//! (`--output`) goes to an owner-only temporary file in the same directory
//! and is renamed over the target only when the run finishes: a reader never
//! sees half a report, and an interrupted run leaves the old one in place.

pub mod mask;
pub mod page;
pub mod stats;

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

use crate::catalog::{Catalog, Confidence, Rule};
pub use stats::Stats;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Jsonl,
    Csv,
}

/// One finding, ready to print. Offsets are into the file as stored.
pub struct FindingRecord<'a> {
    pub path: &'a str,
    pub container: &'a [String],
    /// Inside a document: the part ("comment 2", "page 3", "Sheet1!B7");
    /// `start`/`end` are then offsets into that part's extracted text.
    pub location: Option<&'a str>,
    pub rule: &'a Rule,
    /// The categories reported (a lexicon term group may add to the rule's).
    pub categories: &'a [usize],
    pub confidence: Confidence,
    pub reason: &'a str,
    pub start: u64,
    pub end: u64,
    pub line: u64,
    pub column: u64,
    pub row: Option<u64>,
    pub field: Option<&'a str>,
    /// Already masked unless the user asked for raw values.
    pub value: &'a str,
    /// For a person name: (start, end, role) of each part (offsets only,
    /// never the text).
    pub name_parts: &'a [(u64, u64, &'a str)],
}

/// What the closing summary says besides the counts.
pub struct RunInfo {
    pub roots: Vec<String>,
    pub threads: usize,
    pub elapsed: std::time::Duration,
    pub started_at: String,
    pub as_of: String,
    pub pattern_pack: String,
    pub interrupted: bool,
    /// `--stats`: add throughput and encoding detail.
    pub detail: bool,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(b),
            Sink::File { tmp, .. } => tmp.write(b),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
}

/// Paths, each with a reason.
pub type PathReasons = Vec<(String, String)>;

/// The most unreadable files listed by path in a text summary (all are
/// counted, and all are in JSONL/CSV output).
const ERRORS_LISTED: usize = 200;

/// Paths with a message (unreadable files, files for manual review): all
/// counted, the first [`ERRORS_LISTED`] kept for the text summary.
struct Listed {
    items: Mutex<Vec<(String, String)>>,
    total: AtomicU64,
    /// How many are kept ([`ERRORS_LISTED`], or all for a search log).
    cap: usize,
}

impl Default for Listed {
    fn default() -> Self {
        Listed {
            items: Mutex::default(),
            total: AtomicU64::new(0),
            cap: ERRORS_LISTED,
        }
    }
}

impl Listed {
    fn add(&self, path: String, message: &str) {
        self.total.fetch_add(1, Ordering::Relaxed);
        let mut e = self.items.lock().unwrap_or_else(|e| e.into_inner());
        if e.len() < self.cap {
            e.push((path, message.to_string()));
        }
    }

    fn snapshot(&self) -> (Vec<(String, String)>, u64) {
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        (items.clone(), self.total.load(Ordering::Relaxed))
    }
}

pub struct Reporter {
    pub format: Format,
    pub count_only: bool,
    sink: Mutex<Sink>,
    /// Set when output cannot continue (closed pipe or write error): the
    /// scan stops.
    pub closed: AtomicBool,
    /// Set when a write failed for a reason other than a closed pipe: the
    /// report is incomplete, must not replace an earlier one, and the run
    /// exits 3.
    pub write_failed: AtomicBool,
    errors: Listed,
    /// Files and members with no text to read (images, recordings, scanned
    /// PDFs): listed for a person to look at.
    reviews: Listed,
    /// Print per-file errors on stderr.
    messages: bool,
}

impl Reporter {
    /// A reporter writing to stdout, or atomically to `output`.
    pub fn new(
        format: Format,
        count_only: bool,
        output: Option<&Path>,
        messages: bool,
    ) -> io::Result<Reporter> {
        let sink = match output {
            None => Sink::Stdout(BufWriter::with_capacity(64 * 1024, io::stdout())),
            Some(target) => {
                let dir = match target.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                // tempfile creates the file with mode 0600 on Unix.
                let tmp = tempfile::Builder::new()
                    .prefix(".trawl-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
                Sink::File {
                    tmp: BufWriter::with_capacity(64 * 1024, tmp),
                    target: target.to_path_buf(),
                }
            }
        };
        let r = Reporter {
            format,
            count_only,
            sink: Mutex::new(sink),
            closed: AtomicBool::new(false),
            write_failed: AtomicBool::new(false),
            errors: Listed::default(),
            reviews: Listed::default(),
            messages,
        };
        if format == Format::Csv {
            let mut head = Vec::new();
            head.extend_from_slice("\u{feff}".as_bytes());
            if count_only {
                head.extend_from_slice(b"section,key,label,count\r\n");
            } else {
                head.extend_from_slice(CSV_HEADER.as_bytes());
            }
            r.write(&head);
        }
        Ok(r)
    }

    /// Keeps every unreadable file and every item for review, not just
    /// the first [`ERRORS_LISTED`]: a search log must list them all.
    pub fn list_all(&mut self) {
        self.errors.cap = usize::MAX;
        self.reviews.cap = usize::MAX;
    }

    /// (unreadable files with reasons, items needing manual review).
    pub fn problems(&self) -> (PathReasons, PathReasons) {
        (self.errors.snapshot().0, self.reviews.snapshot().0)
    }

    /// Writes a formatted batch. A broken pipe marks the reporter closed.
    pub fn write(&self, buf: &[u8]) {
        if buf.is_empty() || self.closed.load(Ordering::Relaxed) {
            return;
        }
        let mut s = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = s.write_all(buf) {
            self.closed.store(true, Ordering::Relaxed);
            if e.kind() != io::ErrorKind::BrokenPipe {
                self.write_failed.store(true, Ordering::Relaxed);
                eprintln!("trawl: writing output: {e}");
            }
        }
    }

    /// Formats one finding into `buf`.
    pub fn format_finding(&self, catalog: &Catalog, f: &FindingRecord<'_>, buf: &mut Vec<u8>) {
        let cats = || {
            f.categories
                .iter()
                .map(|&c| catalog.categories[c].id.as_str())
        };
        let special = f
            .categories
            .iter()
            .any(|&c| catalog.categories[c].special_category);
        let criminal = f
            .categories
            .iter()
            .any(|&c| catalog.categories[c].criminal_offence);
        match self.format {
            Format::Text => {
                let mut s = String::with_capacity(160);
                push_shown_path(&mut s, f.path, f.container);
                if let Some(l) = f.location {
                    let _ = write!(s, " [{l}]");
                }
                let _ = write!(
                    s,
                    ":{}:{}: {} [{}] {}",
                    f.line, f.column, f.rule.id, f.confidence, f.value
                );
                if let Some(row) = f.row {
                    let _ = write!(s, " (row {row}");
                    if let Some(h) = f.field {
                        let _ = write!(s, ", column \"{h}\"");
                    }
                    s.push(')');
                }
                let _ = write!(s, " {{{}}}", cats().collect::<Vec<_>>().join(", "));
                if special {
                    s.push_str(" SPECIAL");
                }
                if criminal {
                    s.push_str(" OFFENCE");
                }
                let _ = writeln!(s, " - {}", f.reason);
                buf.extend_from_slice(s.as_bytes());
            }
            Format::Jsonl => {
                let j = JsonFinding {
                    kind: "finding",
                    path: f.path,
                    container: f.container,
                    location: f.location,
                    offsets: (!f.container.is_empty() || f.location.is_some()).then_some("part"),
                    rule: &f.rule.id,
                    categories: cats().collect(),
                    special_category: special,
                    criminal_offence: criminal,
                    confidence: f.confidence.as_str(),
                    reason: f.reason,
                    start: f.start,
                    end: f.end,
                    line: f.line,
                    column: f.column,
                    row: f.row,
                    field: f.field,
                    value: f.value,
                    name_parts: f
                        .name_parts
                        .iter()
                        .map(|&(start, end, role)| JsonPart { role, start, end })
                        .collect(),
                };
                let _ = serde_json::to_writer(&mut *buf, &j);
                buf.push(b'\n');
            }
            Format::Csv => {
                let cats: Vec<&str> = cats().collect();
                let row = f.row.map(|r| r.to_string()).unwrap_or_default();
                let cells = [
                    "finding",
                    f.path,
                    &f.container.join(" > "),
                    f.location.unwrap_or(""),
                    &f.rule.id,
                    &cats.join(";"),
                    if special { "yes" } else { "no" },
                    if criminal { "yes" } else { "no" },
                    f.confidence.as_str(),
                    f.reason,
                    &f.start.to_string(),
                    &f.end.to_string(),
                    &f.line.to_string(),
                    &f.column.to_string(),
                    &row,
                    f.field.unwrap_or(""),
                    f.value,
                ];
                csv_row(&cells, buf);
            }
        }
    }

    /// A message about a path that is not an error (a binary file named on
    /// the command line, a symlink loop not followed): stderr only, unless
    /// `--no-messages`.
    pub fn notice(&self, path: &str, message: &str) {
        if self.messages {
            eprintln!("trawl: {path}: {message}");
        }
    }

    /// Records a file that could not be read (or read fully): a message on
    /// stderr, a line in JSONL/CSV output, and a place in the summary.
    pub fn file_error(&self, path: &str, message: &str) {
        if self.messages {
            eprintln!("trawl: {path}: {message}");
        }
        self.errors.add(path.to_string(), message);
        self.side_line(
            &serde_json::json!({"type": "error", "path": path, "message": message}),
            &[(0, "error"), (1, path), (9, message)],
        );
    }

    /// Records a file (or a member of one) that has no text to read and
    /// needs a person to look at it: a line in JSONL/CSV output and a place
    /// in the summary.
    /// `categories`: the notice categories the item falls under (an image
    /// or recording: sound_visual_images).
    pub fn review(&self, path: &str, container: &[String], reason: &str, categories: &[&str]) {
        self.reviews.add(shown_path(path, container), reason);
        let joined = container.join(" > ");
        let cats = categories.join(";");
        self.side_line(
            &JsonReview {
                kind: "review",
                path,
                container,
                reason,
                categories,
            },
            &[
                (0, "review"),
                (1, path),
                (2, &joined),
                (5, &cats),
                (9, reason),
            ],
        );
    }

    /// Writes a line that is not a finding (an error, a review) to JSONL or
    /// CSV output; `csv` gives the cells by column. Text output lists these
    /// in the summary instead, and `--count` output only counts them.
    fn side_line(&self, json: &impl Serialize, csv: &[(usize, &str)]) {
        if self.count_only {
            return;
        }
        let mut buf = Vec::new();
        match self.format {
            Format::Text => return,
            Format::Jsonl => {
                let _ = serde_json::to_writer(&mut buf, json);
                buf.push(b'\n');
            }
            Format::Csv => {
                let mut cells = vec![""; CSV_COLUMNS];
                for &(i, v) in csv {
                    cells[i] = v;
                }
                csv_row(&cells, &mut buf);
            }
        }
        self.write(&buf);
    }

    /// Writes the closing summary and, for `--output`, moves the finished
    /// file into place.
    pub fn finish(self, catalog: &Catalog, stats: &Stats, info: &RunInfo) -> io::Result<()> {
        let (errors, total_errors) = self.errors.snapshot();
        let (reviews, total_reviews) = self.reviews.snapshot();
        let mut buf = Vec::new();
        match self.format {
            Format::Text => text_summary(
                catalog,
                stats,
                info,
                (&errors, total_errors),
                (&reviews, total_reviews),
                &mut buf,
            ),
            Format::Jsonl => {
                let _ = serde_json::to_writer(&mut buf, &json_summary(catalog, stats, info));
                buf.push(b'\n');
            }
            Format::Csv => {
                if self.count_only {
                    csv_summary(catalog, stats, &mut buf);
                } else {
                    // The CSV holds findings only; the summary goes to stderr.
                    let mut t = Vec::new();
                    text_summary(
                        catalog,
                        stats,
                        info,
                        (&errors, total_errors),
                        (&reviews, total_reviews),
                        &mut t,
                    );
                    eprint!("{}", String::from_utf8_lossy(&t));
                }
            }
        }
        self.write(&buf);
        if self.write_failed.load(Ordering::Relaxed) {
            // Dropping the sink deletes an --output temporary file: an
            // incomplete report never replaces the previous one.
            return Err(io::Error::other("the report could not be written in full"));
        }
        let sink = self.sink.into_inner().unwrap_or_else(|e| e.into_inner());
        match sink {
            Sink::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            },
            Sink::File { tmp, target } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                tmp.persist(&target).map_err(|e| {
                    io::Error::new(e.error.kind(), format!("{}: {}", target.display(), e.error))
                })?;
                Ok(())
            }
        }
    }
}

const CSV_COLUMNS: usize = 17;
const CSV_HEADER: &str = "type,path,container,location,rule,categories,special_category,criminal_offence,confidence,reason,start,end,line,column,row,field,value\r\n";

fn csv_row(cells: &[&str], buf: &mut Vec<u8>) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let c = mask::csv_safe(c);
        if c.contains([',', '"', '\n', '\r']) {
            buf.push(b'"');
            buf.extend_from_slice(c.replace('"', "\"\"").as_bytes());
            buf.push(b'"');
        } else {
            buf.extend_from_slice(c.as_bytes());
        }
    }
    buf.extend_from_slice(b"\r\n");
}

#[derive(Serialize)]
struct JsonReview<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    container: &'a [String],
    reason: &'a str,
    categories: &'a [&'a str],
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    container: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    /// "part" when `start`/`end` are offsets into extracted text.
    #[serde(skip_serializing_if = "Option::is_none")]
    offsets: Option<&'static str>,
    rule: &'a str,
    categories: Vec<&'a str>,
    special_category: bool,
    criminal_offence: bool,
    confidence: &'a str,
    reason: &'a str,
    start: u64,
    end: u64,
    line: u64,
    column: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    value: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    name_parts: Vec<JsonPart<'a>>,
}

#[derive(Serialize)]
struct JsonPart<'a> {
    role: &'a str,
    start: u64,
    end: u64,
}

fn json_summary(catalog: &Catalog, s: &Stats, info: &RunInfo) -> serde_json::Value {
    let by_rule: serde_json::Map<String, serde_json::Value> = catalog
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| s.by_rule.get(*i).copied().unwrap_or(0) > 0)
        .map(|(i, r)| (r.id.clone(), s.by_rule[i].into()))
        .collect();
    let labels: serde_json::Map<String, serde_json::Value> = catalog
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), catalog.label(i).into()))
        .collect();
    let by_cat: serde_json::Map<String, serde_json::Value> = catalog
        .categories
        .iter()
        .enumerate()
        .filter(|(i, _)| s.by_category.get(*i).copied().unwrap_or(0) > 0)
        .map(|(i, c)| (c.id.clone(), s.by_category[i].into()))
        .collect();
    let special: u64 = catalog
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.special_category)
        .map(|(i, _)| s.by_category.get(i).copied().unwrap_or(0))
        .sum();
    let criminal: u64 = catalog
        .categories
        .iter()
        .enumerate()
        .filter(|(_, c)| c.criminal_offence)
        .map(|(i, _)| s.by_category.get(i).copied().unwrap_or(0))
        .sum();
    let secs = info.elapsed.as_secs_f64();
    serde_json::json!({
        "type": "summary",
        "trawl_version": env!("CARGO_PKG_VERSION"),
        "paths": info.roots,
        "started_at": info.started_at,
        "as_of": info.as_of,
        "pattern_pack": info.pattern_pack,
        "notice": catalog.notice.id,
        "category_labels": labels,
        "categories_not_in_notice": catalog
            .categories
            .iter()
            .enumerate()
            .filter(|(i, _)| catalog.notice.not_listed[*i] && s.by_category.get(*i).copied().unwrap_or(0) > 0)
            .map(|(_, c)| c.id.clone())
            .collect::<Vec<_>>(),
        "threads": info.threads,
        "interrupted": info.interrupted,
        "files_seen": s.files_seen,
        "files_scanned": s.files_scanned,
        "files_skipped": s.files_skipped,
        "files_failed": s.files_failed,
        "skipped_reasons": s.skipped,
        "files_with_findings": s.files_with_findings,
        "folders_excluded": s.folders_excluded,
        "delimited_files": s.delimited_files,
        "encodings": s.encodings,
        "cp1252_fallback_files": s.cp1252_files,
        "formats": s.formats,
        "documents": s.documents,
        "members": s.members,
        "needs_review": s.needs_review,
        "needs_review_total": s.needs_review.values().sum::<u64>(),
        "unreadable": s.unreadable,
        "unreadable_total": s.unreadable.values().sum::<u64>(),
        "bytes_scanned": s.bytes_scanned,
        "text_bytes": s.text_bytes,
        "findings": s.findings,
        "findings_by_rule": by_rule,
        "findings_by_category": by_cat,
        "findings_by_confidence": {
            "high": s.by_confidence[2], "medium": s.by_confidence[1], "low": s.by_confidence[0]
        },
        "special_category_findings": special,
        "criminal_offence_findings": criminal,
        "elapsed_ms": (secs * 1000.0).round() as u64,
        "mb_per_s": if secs > 0.0 { ((s.bytes_scanned as f64 / 1e6 / secs) * 10.0).round() / 10.0 } else { 0.0 },
    })
}

fn human_bytes(n: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < units.len() {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

/// A file and the members inside it that a finding or message is about,
/// as people read it: `exports/2019.zip > custody/0142.docx`.
pub fn shown_path(path: &str, container: &[String]) -> String {
    let mut s = String::with_capacity(path.len());
    push_shown_path(&mut s, path, container);
    s
}

/// [`shown_path`] appended to `s` (the per-finding text line).
fn push_shown_path(s: &mut String, path: &str, container: &[String]) {
    s.push_str(path);
    for m in container {
        s.push_str(" > ");
        s.push_str(m);
    }
}

/// The listed paths with their messages, and how many more there are.
fn list_paths(t: &mut String, listed: &[(String, String)], total: u64) {
    for (p, m) in listed {
        let _ = writeln!(t, "  {p}: {m}");
    }
    if total as usize > listed.len() {
        let _ = writeln!(
            t,
            "  ... and {} more (see --format jsonl)",
            total as usize - listed.len()
        );
    }
}

fn text_summary(
    catalog: &Catalog,
    s: &Stats,
    info: &RunInfo,
    (errors, total_errors): (&[(String, String)], u64),
    (reviews, total_reviews): (&[(String, String)], u64),
    out: &mut Vec<u8>,
) {
    let mut t = String::new();
    let secs = info.elapsed.as_secs_f64();
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "trawl {} scanned {} file(s), {} in {:.2} s ({:.1} MB/s, {} thread(s)){}",
        env!("CARGO_PKG_VERSION"),
        s.files_scanned,
        human_bytes(s.bytes_scanned),
        secs,
        if secs > 0.0 {
            s.bytes_scanned as f64 / 1e6 / secs
        } else {
            0.0
        },
        info.threads,
        if info.interrupted {
            " - INTERRUPTED, coverage incomplete"
        } else {
            ""
        }
    );
    let _ = writeln!(
        t,
        "  skipped {}, could not read {}, {} finding(s) in {} file(s); values are masked unless --show-values",
        s.files_skipped, s.files_failed, s.findings, s.files_with_findings,
    );
    if s.findings > 0 {
        let _ = writeln!(t, "\nFindings by category ({}):", catalog.notice.name);
        for (i, c) in catalog.categories.iter().enumerate() {
            let n = s.by_category.get(i).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let flag = match (c.special_category, c.criminal_offence) {
                (true, _) => " [special category]",
                (_, true) => " [criminal offence]",
                _ => "",
            };
            let missing = if catalog.notice.not_listed[i] {
                " NOT IN THIS NOTICE"
            } else {
                ""
            };
            let _ = writeln!(
                t,
                "  {n:>9}  {}{flag}{missing}  ({})",
                catalog.label(i),
                c.id
            );
        }
        let _ = writeln!(t, "\nFindings by rule (high / medium / low):");
        for (i, r) in catalog.rules.iter().enumerate() {
            let n = s.by_rule.get(i).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let c = s.by_rule_confidence[i];
            let _ = writeln!(t, "  {n:>9}  {:<24} {} / {} / {}", r.id, c[2], c[1], c[0]);
        }
    }
    if !s.skipped.is_empty() || s.folders_excluded > 0 {
        let _ = writeln!(t, "\nSkipped:");
        for (k, v) in &s.skipped {
            let _ = writeln!(t, "  {v:>9}  {k}");
        }
        if s.folders_excluded > 0 {
            let _ = writeln!(
                t,
                "  {:>9}  folder(s) excluded by --exclude (contents not listed)",
                s.folders_excluded
            );
        }
    }
    if !s.formats.is_empty() && s.formats.keys().any(|k| *k != "text" && *k != "delimited") {
        let _ = writeln!(t, "\nFormats (files and members):");
        for (k, v) in &s.formats {
            let _ = writeln!(t, "  {v:>9}  {k}");
        }
        let _ = writeln!(
            t,
            "  {:>9}  documents read, {} member(s) of archives and emails",
            s.documents, s.members
        );
    }
    if total_reviews > 0 {
        let _ = writeln!(
            t,
            "\nNeeds manual review ({total_reviews}: no text to read, a person must look):"
        );
        list_paths(&mut t, reviews, total_reviews);
    }
    if !s.unreadable.is_empty() {
        let _ = writeln!(t, "\nUnreadable documents and members, by reason:");
        for (k, v) in &s.unreadable {
            let _ = writeln!(t, "  {v:>9}  {k}");
        }
    }
    if total_errors > 0 {
        let _ = writeln!(t, "\nCould not read ({total_errors}):");
        list_paths(&mut t, errors, total_errors);
    }
    if info.detail {
        let _ = writeln!(t, "\nStatistics:");
        let _ = writeln!(t, "  {:>12}  files seen", s.files_seen);
        let _ = writeln!(t, "  {:>12}  bytes read", s.bytes_scanned);
        let _ = writeln!(t, "  {:>12}  bytes of text matched", s.text_bytes);
        let _ = writeln!(
            t,
            "  {:>12}  files read as delimited records",
            s.delimited_files
        );
        for (k, v) in &s.encodings {
            let _ = writeln!(t, "  {v:>12}  files in {k}");
        }
        let _ = writeln!(
            t,
            "  {:>12}  files with invalid UTF-8 read as Windows-1252",
            s.cp1252_files
        );
        let _ = writeln!(
            t,
            "  {:>12.1}  MB/s",
            if secs > 0.0 {
                s.bytes_scanned as f64 / 1e6 / secs
            } else {
                0.0
            }
        );
        let _ = writeln!(t, "  {:>12}  started at", info.started_at);
    }
    let _ = writeln!(
        t,
        "\npattern pack {}, dates as of {}",
        info.pattern_pack, info.as_of
    );
    out.extend_from_slice(t.as_bytes());
}

fn csv_summary(catalog: &Catalog, s: &Stats, out: &mut Vec<u8>) {
    let mut row = |a: &str, b: &str, c: &str, n: u64| csv_row(&[a, b, c, &n.to_string()], out);
    row("files", "scanned", "files scanned", s.files_scanned);
    row("files", "skipped", "files skipped", s.files_skipped);
    row(
        "files",
        "failed",
        "files that could not be read",
        s.files_failed,
    );
    row("files", "bytes", "bytes scanned", s.bytes_scanned);
    row("findings", "total", "all findings", s.findings);
    for (i, c) in catalog.categories.iter().enumerate() {
        row(
            "category",
            &c.id,
            &c.name,
            s.by_category.get(i).copied().unwrap_or(0),
        );
    }
    for (i, r) in catalog.rules.iter().enumerate() {
        row(
            "rule",
            &r.id,
            &r.description,
            s.by_rule.get(i).copied().unwrap_or(0),
        );
    }
    for (k, v) in &s.skipped {
        row("skipped", k, k, *v);
    }
}
