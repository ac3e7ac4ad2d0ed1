//! The scan worker: one file in, findings out.
//!
//! A [`Scanner`] holds what every thread shares read-only (catalogue,
//! matcher, reporter, settings) plus the run's totals. Each walker thread
//! makes one [`Worker`], which owns every buffer it needs (text window,
//! regex caches, finding and output buffers) and reuses them from file to
//! file: nothing is allocated per match that could be reused.
//!
//! A file is read as a sequence of regions of at most [`CHUNK`] bytes of
//! text. Each region is searched, matched and classified together with
//! [`OVERLAP`] bytes of context on both sides (longer than any match plus
//! any keyword window), and only findings that *start* inside the region are
//! reported: a match straddling a boundary is found exactly once, and the
//! keyword and dedupe decisions at an edge are those of a whole-file scan.
//! Delimited exports are cut at record boundaries instead, so that context
//! never crosses a record.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Mutex;

use crate::catalog::{Catalog, Confidence, MAX_MATCH_LEN, MAX_WINDOW, ValidationContext};
use crate::classify::{self, Classifier, Finding, Surroundings};
use crate::extract::delimited::{self, Field, Layout, Record, Splitter};
use crate::extract::{self, TextWindow, char_floor};
use crate::matcher::{Candidate, Decision, KeywordHit, Matcher, Scratch, Via};
use crate::report::{FindingRecord, Reporter, Stats, mask};

mod documents;
mod index;
mod subject;

/// Text bytes per region.
pub const CHUNK: usize = 1 << 20;
/// Context kept either side of a region: longer than any match plus any
/// keyword window, so nothing that matters is cut off.
pub const OVERLAP: usize = 4 * 1024;
const _: () = assert!(OVERLAP > MAX_MATCH_LEN + 2 * MAX_WINDOW);
/// A record longer than this is not held whole: the rest of the file is
/// read as plain text (with a warning).
pub const MAX_RECORD: usize = 8 << 20;

/// Settings for a scan, fixed before it starts.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    pub max_filesize: Option<u64>,
    pub show_values: bool,
    pub min_confidence: Confidence,
    pub vctx: ValidationContext,
    /// Work limits inside documents and archives.
    pub limits: crate::extract::document::Limits,
}

/// What every worker shares.
pub struct Scanner {
    pub catalog: Catalog,
    pub matcher: Matcher,
    pub reporter: Reporter,
    pub options: ScanOptions,
    totals: Mutex<Stats>,
    pub progress: Option<indicatif::ProgressBar>,
    /// `trawl subject`: the person searched for. Findings then feed the
    /// subject's results instead of the report.
    pub subject: Option<crate::subject::Search>,
    /// `trawl index update`: the key, what the index held, and the
    /// channel to its writer. Findings then go to the index.
    pub index: Option<crate::index::Shared>,
}

impl Scanner {
    pub fn new(
        catalog: Catalog,
        reporter: Reporter,
        options: ScanOptions,
    ) -> Result<Scanner, String> {
        let matcher = Matcher::new(&catalog)?;
        let totals = Stats::new(catalog.rules.len(), catalog.categories.len());
        Ok(Scanner {
            catalog,
            matcher,
            reporter,
            options,
            totals: Mutex::new(totals),
            progress: None,
            subject: None,
            index: None,
        })
    }

    pub fn worker(&self) -> Worker<'_> {
        Worker {
            s: self,
            classifier: Classifier {
                catalog: &self.catalog,
                matcher: &self.matcher,
                vctx: self.options.vctx,
                max_keyword_len: self.matcher.max_keyword_len(),
            },
            scratch: self.matcher.scratch(),
            window: TextWindow::default(),
            head: Vec::with_capacity(extract::decode::SNIFF_LEN),
            keywords: Vec::new(),
            candidates: Vec::new(),
            merge: Vec::new(),
            names: crate::names::NameFinder::default(),
            name_hits: Vec::new(),
            name_parts: Vec::new(),
            person_rule: self
                .catalog
                .names
                .as_ref()
                .and(self.catalog.rule(crate::catalog::PERSON_NAME)),
            name_columns: Vec::new(),
            name_labels: Vec::new(),
            name_labels_for: u64::MAX,
            findings: Vec::new(),
            out: Vec::new(),
            stats: Stats::new(self.catalog.rules.len(), self.catalog.categories.len()),
            records: Vec::new(),
            fields: Vec::new(),
            headers: Vec::new(),
            header_rules: Vec::new(),
            header_keywords: Vec::new(),
            header_row: 0,
            header_pending: None,
            path_display: String::new(),
            container: Vec::new(),
            location: None,
            sheet_part: false,
            doc_taken: 0,
            doc_members: 0,
            doc_problems: 0,
            collect: None,
            subject: self.subject.as_ref().map(|_| Box::default()),
            index: self.index.as_ref().map(|sh| {
                Box::new(index::IndexWork {
                    sender: sh.sender(),
                    terms: crate::index::terms::TermSet::keyed(&sh.key),
                    ..Default::default()
                })
            }),
        }
    }

    /// The totals so far (complete once every worker is dropped).
    pub fn totals(&self) -> Stats {
        self.totals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Counts a walk entry that never reached a worker (excluded, a
    /// symlink not followed ...).
    pub fn count_skip(&self, reason: &'static str) {
        self.totals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .skip(reason);
    }

    /// Counts folders left out by `--exclude`.
    pub fn count_folders_excluded(&self, n: u64) {
        self.totals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .folders_excluded += n;
    }

    /// Counts and reports a walk error (unreadable folder).
    pub fn walk_error(&self, path: &str, message: &str) {
        {
            let mut t = self.totals.lock().unwrap_or_else(|e| e.into_inner());
            t.files_seen += 1;
            t.files_failed += 1;
        }
        self.reporter.file_error(path, message);
    }
}

/// How a file was read, for the worker's loops.
enum Outcome {
    Done,
    /// A record too long to hold: finish the file as plain text.
    TextFromHere,
}

/// Per-thread scanning state.
pub struct Worker<'s> {
    s: &'s Scanner,
    classifier: Classifier<'s>,
    scratch: Scratch,
    window: TextWindow,
    head: Vec<u8>,
    keywords: Vec<KeywordHit>,
    candidates: Vec<Candidate>,
    /// Scratch for merging sorted candidate runs.
    merge: Vec<Candidate>,
    names: crate::names::NameFinder,
    name_hits: Vec<crate::names::NameHit>,
    /// Parts of the person-name findings of the region (by `name_parts`).
    name_parts: Vec<Vec<(usize, usize, crate::names::Part)>>,
    /// The person-name rule's index, if in force.
    person_rule: Option<usize>,
    /// Per column: its header names a person-name column.
    name_columns: Vec<bool>,
    /// Label keyword spans for names, and the region they were taken for.
    name_labels: Vec<(usize, usize)>,
    name_labels_for: u64,
    findings: Vec<Finding>,
    out: Vec<u8>,
    stats: Stats,
    records: Vec<Record>,
    fields: Vec<Field>,
    headers: Vec<String>,
    header_rules: Vec<Vec<usize>>,
    /// Per column: the keyword ids in its header (sorted).
    header_keywords: Vec<Vec<usize>>,
    /// The header's row number (0: no header).
    header_row: u64,
    /// A header to confirm once its row has been scanned (record index).
    header_pending: Option<usize>,
    path_display: String,
    /// Inside a document: the members from the outermost (archive entries,
    /// attachments) and the part being scanned ("comment 2", "page 3");
    /// `sheet_part`: the part is a sheet, so findings name their cell.
    pub(crate) container: Vec<String>,
    pub(crate) location: Option<String>,
    pub(crate) sheet_part: bool,
    /// Per file on disk: bytes extracted and members opened so far (the
    /// document limits), and what could not be read inside it.
    pub(crate) doc_taken: u64,
    pub(crate) doc_members: u64,
    pub(crate) doc_problems: u64,
    /// When set, findings are collected here instead of reported (tests,
    /// benchmarks, the examples check).
    collect: Option<Vec<Collected>>,
    /// Subject mode: this thread's units and hits.
    subject: Option<Box<subject::SubjectWork>>,
    /// Index mode: this thread's file state and its line to the writer.
    index: Option<Box<index::IndexWork>>,
}

/// A finding as collected by [`Worker::scan_bytes`]: raw value, file offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collected {
    pub rule: String,
    pub start: u64,
    pub end: u64,
    pub confidence: Confidence,
    pub line: u64,
    pub column: u64,
    pub row: Option<u64>,
    pub field: Option<String>,
    pub value: String,
    pub reason: String,
    /// For a person name: (start, end, role) of each part.
    pub parts: Vec<(u64, u64, &'static str)>,
    /// Inside a document: its members from the outermost, and where.
    pub container: Vec<String>,
    pub location: Option<String>,
    /// Notice categories (indexes into the catalogue).
    pub categories: Vec<usize>,
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let (f, b) = self.s.matcher.cache_clears(&self.scratch);
        log::debug!("worker done: lazy DFA cache cleared {f} time(s) forward, {b} backward");
        let mut t = self.s.totals.lock().unwrap_or_else(|e| e.into_inner());
        *t += &self.stats;
    }
}

/// Line and column of positions in decoded text, advanced in order.
#[derive(Clone, Copy, Debug)]
struct LineCursor {
    /// Global decoded offset reached.
    pos: u64,
    /// 1-based line.
    line: u64,
    /// Characters since the start of the line.
    col: u64,
}

impl LineCursor {
    fn new() -> Self {
        LineCursor {
            pos: 0,
            line: 1,
            col: 0,
        }
    }

    fn advance(&mut self, text: &[u8], base: u64, to: u64) {
        if to <= self.pos {
            return;
        }
        let seg = &text[(self.pos - base) as usize..(to - base) as usize];
        let mut last_nl = None;
        for i in memchr::memchr_iter(b'\n', seg) {
            self.line += 1;
            last_nl = Some(i);
        }
        let tail = match last_nl {
            Some(i) => {
                self.col = 0;
                &seg[i + 1..]
            }
            None => seg,
        };
        self.col += tail.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u64;
        self.pos = to;
    }
}

fn open_read_only(path: &Path) -> io::Result<File> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOATIME: reading a file should not change it, not even its
        // access time. Only the owner (or root) may ask for it.
        const O_NOATIME: i32 = 0o1000000;
        if let Ok(f) = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(O_NOATIME)
            .open(path)
        {
            return Ok(f);
        }
    }
    File::open(path)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "file vanished before it could be read (not found)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

impl<'s> Worker<'s> {
    /// Scans one file. `explicit` is true for a file named on the command
    /// line (a binary one gets a message instead of a quiet skip).
    pub fn scan_file(&mut self, path: &Path, explicit: bool) {
        let s = self.s;
        self.path_display.clear();
        self.path_display.push_str(&path.to_string_lossy());
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.fail(&io_reason(&e)),
        };
        if !meta.is_file() {
            log::debug!("skipping {}: not a regular file", self.path_display);
            self.skip("not a regular file (device, FIFO or socket)");
            return;
        }
        if self.index.is_some() {
            if self.index_unchanged(path, &meta) {
                if let Some(p) = &s.progress {
                    p.inc(1);
                }
                return;
            }
            self.index_begin();
            let sha256 = self.read_file(path, explicit, &meta);
            self.index_end(&meta, sha256);
            return;
        }
        self.read_file(path, explicit, &meta);
    }

    /// Reads and scans a regular file; in index mode, returns the SHA-256
    /// of its content if all of it was read.
    fn read_file(
        &mut self,
        path: &Path,
        explicit: bool,
        meta: &std::fs::Metadata,
    ) -> Option<String> {
        let s = self.s;
        if let Some(max) = s.options.max_filesize
            && meta.len() > max
        {
            log::debug!(
                "skipping {}: {} bytes is over --max-filesize {}",
                self.path_display,
                meta.len(),
                max
            );
            self.skip("larger than --max-filesize");
            return None;
        }
        let mut file = match open_read_only(path) {
            Ok(f) => f,
            Err(e) => {
                self.fail(&io_reason(&e));
                return None;
            }
        };
        if let Some(sw) = self.subject.as_mut() {
            sw.begin_file(&self.path_display, Some(meta));
        }
        let delim = delimited::delimiter_for(path);
        let sha256 = if self.index.is_some() {
            use sha2::Digest;
            let mut hr = index::HashRead {
                inner: &mut file,
                hasher: sha2::Sha256::new(),
                eof: false,
            };
            self.scan_reader(&mut hr, delim, explicit, path);
            hr.eof.then(|| crate::index::hex(&hr.hasher.finalize()))
        } else {
            self.scan_reader(&mut file, delim, explicit, path);
            None
        };
        self.subject_end_file();
        sha256
    }

    /// Counts a file left out, with the reason (and notes it for the
    /// index).
    fn skip(&mut self, reason: &'static str) {
        self.stats.skip(reason);
        self.index_note("skipped", reason);
    }

    /// Scans in-memory `bytes` as if they were a file called `name`, and
    /// returns the findings instead of reporting them: the full matching
    /// path, for tests and benchmarks.
    pub fn scan_bytes(&mut self, name: &str, bytes: &[u8], delim: Option<u8>) -> Vec<Collected> {
        self.path_display.clear();
        self.path_display.push_str(name);
        self.collect = Some(Vec::new());
        if let Some(sw) = self.subject.as_mut() {
            sw.begin_file(name, None);
        }
        let mut r = bytes;
        self.scan_reader(&mut r, delim, true, Path::new(name));
        self.subject_end_file();
        self.collect.take().unwrap_or_default()
    }

    fn scan_reader(&mut self, file: &mut dyn Read, delim: Option<u8>, explicit: bool, name: &Path) {
        let s = self.s;
        // The first bytes decide the format, the encoding and whether this
        // is text.
        self.head.clear();
        if let Err(e) = file
            .take(extract::decode::SNIFF_LEN as u64)
            .read_to_end(&mut self.head)
        {
            return self.fail(&io_reason(&e));
        }
        if self.subject.is_some() && crate::subject::is_own_output(&self.head) {
            log::debug!(
                "skipping {}: a schedule or search log trawl wrote",
                self.path_display
            );
            self.skip("trawl's own schedule or search log");
            return;
        }
        if let Some(kind) = extract::document::sniff(&self.head, name) {
            self.index_class(kind.name());
            return self.scan_document_file(kind, file);
        }
        let sniff = extract::sniff(&self.head);
        if sniff.binary && extract::document::claims_document(name) {
            self.stats.count_unreadable("corrupt or truncated");
            let ext = name
                .extension()
                .map(|e| e.to_string_lossy())
                .unwrap_or_default();
            return self.fail(&format!(
                "corrupt or truncated: the content is not a .{ext} file (not recognised)"
            ));
        }
        if sniff.binary {
            if explicit {
                s.reporter.notice(
                    &self.path_display,
                    "binary file (NUL bytes), no extractor for this format yet; not scanned",
                );
            }
            log::debug!(
                "skipping {}: binary (NUL bytes in the first {} bytes)",
                self.path_display,
                extract::decode::SNIFF_LEN
            );
            self.index_class("binary");
            self.skip("binary, no extractor for this format yet");
            return;
        }
        // Pipe, semicolon and other exports without a telling name: the
        // delimiter is sniffed from the first lines; failing that, columns
        // aligned under a header make a fixed-width export.
        let layout = delim
            .map(Layout::Delimited)
            .or_else(|| Layout::sniff(name, &self.head, sniff.encoding == extract::Encoding::Utf8));
        *self
            .stats
            .formats
            .entry(Layout::format_name(layout.as_ref()))
            .or_insert(0) += 1;
        self.index_class(Layout::format_name(layout.as_ref()));
        self.window.start(&self.head, &sniff);
        log::debug!(
            "{}: reading as {} ({})",
            self.path_display,
            match layout {
                Some(Layout::Delimited(_)) => "delimited records",
                Some(Layout::Fixed(_)) => "fixed-width records",
                None => "text",
            },
            sniff.encoding.name()
        );
        let findings_before = self.stats.findings;
        let mut cursor = LineCursor::new();
        let result = match layout {
            Some(layout) => {
                self.stats.delimited_files += 1;
                match self.scan_delimited(file, &layout, &mut cursor) {
                    Ok(Outcome::Done) => Ok(()),
                    Ok(Outcome::TextFromHere) => self.scan_text(file, &mut cursor),
                    Err(e) => Err(e),
                }
            }
            None => self.scan_text(file, &mut cursor),
        };
        if self.window.text.capacity() > 4 * CHUNK {
            self.window.shrink(2 * CHUNK);
        }
        self.stats.files_seen += 1;
        match result {
            Ok(()) => {
                self.stats.files_scanned += 1;
                self.stats.bytes_scanned += self.window.bytes_read;
                self.stats.text_bytes += cursor.pos;
                *self
                    .stats
                    .encodings
                    .entry(sniff.encoding.name())
                    .or_insert(0) += 1;
                if self.window.decoder.fallback_bytes > 0 {
                    self.stats.cp1252_files += 1;
                    log::debug!(
                        "{}: {} byte(s) of invalid UTF-8 read as Windows-1252",
                        self.path_display,
                        self.window.decoder.fallback_bytes
                    );
                }
                if self.stats.findings > findings_before {
                    self.stats.files_with_findings += 1;
                }
            }
            Err(e) => {
                self.stats.files_failed += 1;
                self.stats.bytes_scanned += self.window.bytes_read;
                let msg = format!(
                    "read error after {} bytes: {}",
                    self.window.bytes_read,
                    io_reason(&e)
                );
                self.index_note("failed", &msg);
                s.reporter.file_error(&self.path_display, &msg);
            }
        }
        if let Some(p) = &s.progress {
            p.inc(1);
        }
    }

    fn fail(&mut self, reason: &str) {
        self.index_note("failed", reason);
        self.stats.files_seen += 1;
        self.stats.files_failed += 1;
        self.s.reporter.file_error(&self.path_display, reason);
    }

    /// Plain text: regions of CHUNK bytes with OVERLAP of context.
    fn scan_text(&mut self, file: &mut dyn Read, cursor: &mut LineCursor) -> io::Result<()> {
        // Region start, relative to the window.
        let mut a = (cursor.pos - self.window.base) as usize;
        loop {
            self.window.fill(file, a + CHUNK + OVERLAP)?;
            let len = self.window.text.len();
            let b = if self.window.eof && len <= a + CHUNK {
                len
            } else {
                char_floor(&self.window.text, a + CHUNK).max(a + 1)
            };
            self.text_region(a, b, cursor);
            if self
                .s
                .reporter
                .closed
                .load(std::sync::atomic::Ordering::Relaxed)
            {
                return Ok(());
            }
            if b >= len && self.window.eof {
                return Ok(());
            }
            let keep_from = char_floor(&self.window.text, b.saturating_sub(OVERLAP));
            self.window.discard(keep_from);
            a = b - keep_from;
        }
    }

    /// Finds, classifies and reports everything starting in `[a, b)` of the
    /// window, searching the overlap on both sides for context and for
    /// matches that straddle the edges.
    fn text_region(&mut self, a: usize, b: usize, cursor: &mut LineCursor) {
        let text = &self.window.text;
        let len = text.len();
        let limit = if self.window.eof {
            len
        } else {
            (b + OVERLAP).min(len)
        };
        let classifier = &self.classifier;
        let matcher = &self.s.matcher;
        self.candidates.clear();
        self.keywords.clear();
        // Everything in the overlap is found and classified too, so that
        // keyword and dedupe decisions at the edges are the ones a
        // whole-file scan makes; only findings starting in [a, b) are
        // reported.
        let span = a.saturating_sub(OVERLAP)..limit;
        let path = &self.path_display;
        matcher.scan(
            &mut self.scratch,
            text,
            span.clone(),
            span,
            &mut self.keywords,
            &mut self.candidates,
            |c| validate_logged(classifier, path, text, c),
        );
        settle_keywords(
            &mut self.keywords,
            &mut self.candidates,
            classifier,
            text,
            path,
        );
        let n_main = self.candidates.len();
        let candidates = &mut self.candidates;
        matcher.scan_gated(
            &mut self.scratch,
            text,
            &self.keywords,
            |_| (0, len),
            |mut c| {
                if validate_logged(classifier, path, text, &mut c) != Decision::Reject {
                    candidates.push(c);
                }
            },
        );
        let sur = Surroundings {
            keywords: &self.keywords,
            lo: 0,
            hi: len,
            field: None,
            header_names_rule: false,
            header_keywords: &[],
        };
        classify::sort_candidates(&mut self.candidates, n_main, &mut self.merge);
        self.findings.clear();
        for c in &self.candidates {
            match classifier.classify(c, &sur) {
                Ok(f) => self.findings.push(f),
                Err(why) => debug_drop(&self.path_display, text, c, why, classifier.catalog),
            }
        }
        self.find_names(a, b, None);
        if self.index.is_some() {
            self.index_terms(a, b, limit);
        }
        if self.subject.is_some() {
            self.subject_text(a, b, limit, cursor);
        }
        self.emit(a, b, None, cursor);
    }

    /// Person names starting in `[a, b)` (or in the cell `cell`, which a
    /// name column vouches for), added to the region's findings.
    fn find_names(
        &mut self,
        a: usize,
        b: usize,
        cell: Option<(usize, usize, Option<usize>, bool)>,
    ) {
        let (Some(rule), Some(g)) = (self.person_rule, self.s.catalog.names.as_deref()) else {
            return;
        };
        if cell.is_none() || self.name_labels_for != self.window.base + a as u64 {
            // Label keywords ("Name:", "suspect") once per region.
            self.name_labels.clear();
            self.name_labels.extend(
                self.keywords
                    .iter()
                    .filter(|h| self.s.matcher.keyword_supports(h.keyword, rule))
                    .map(|h| (h.start, h.end)),
            );
            self.name_labels_for = self.window.base + a as u64;
        }
        let labels = std::mem::take(&mut self.name_labels);
        self.name_hits.clear();
        let (lo, hi, column, field) = match cell {
            Some((s, e, f, column)) => (s, e, column, f),
            None => (a, b, false, None),
        };
        let ctx = crate::names::NameContext {
            labels: &labels,
            column,
        };
        self.names
            .find(g, &self.window.text, lo, hi, &ctx, &mut self.name_hits);
        for h in self.name_hits.drain(..) {
            let (confidence, why) = match h.evidence {
                crate::names::Evidence::Title => (Confidence::High, "title or rank"),
                crate::names::Evidence::Label => {
                    if column {
                        (Confidence::High, "name column")
                    } else {
                        (Confidence::High, "label before it")
                    }
                }
                crate::names::Evidence::Column => (Confidence::High, "name column"),
                crate::names::Evidence::Form => (Confidence::Medium, "known forename and surname"),
            };
            self.name_parts.push(h.parts);
            self.findings.push(Finding {
                rule,
                start: h.start,
                end: h.end,
                confidence,
                check: classify::Check::Name(why),
                evidence: classify::Evidence::None,
                context_gap: u32::MAX,
                field,
                term_group: None,
                name_parts: Some(self.name_parts.len() - 1),
            });
        }
    }

    /// Delimited and fixed-width exports: regions of whole records.
    fn scan_delimited(
        &mut self,
        file: &mut dyn Read,
        layout: &Layout,
        cursor: &mut LineCursor,
    ) -> io::Result<Outcome> {
        let mut splitter = Splitter::for_layout(layout, 0);
        self.headers.clear();
        self.header_rules.clear();
        self.header_keywords.clear();
        self.header_row = 0;
        self.header_pending = None;
        self.name_columns.clear();
        let mut first = true;
        let mut target = CHUNK;
        loop {
            self.window.fill(file, target)?;
            self.records.clear();
            self.fields.clear();
            splitter.feed(
                &self.window.text,
                self.window.base,
                &mut self.records,
                &mut self.fields,
            );
            if self.window.eof {
                splitter.finish(
                    &self.window.text,
                    self.window.base,
                    &mut self.records,
                    &mut self.fields,
                );
            }
            if self.records.is_empty() {
                if self.window.eof {
                    return Ok(Outcome::Done);
                }
                if splitter.pending_len() as usize > MAX_RECORD {
                    let msg = format!(
                        "a record longer than {} MiB (unbalanced quote?): the rest of the file is read as plain text, without row numbers",
                        MAX_RECORD >> 20
                    );
                    log::warn!("{}: {msg}", self.path_display);
                    eprintln!("trawl: {}: warning: {msg}", self.path_display);
                    return Ok(Outcome::TextFromHere);
                }
                target = self.window.text.len() + CHUNK;
                continue;
            }
            if first {
                // The header is the first non-empty record, if it looks like
                // one; `delimited_region` withdraws it if the identifier
                // pass finds data in it.
                let empty = |r: &Record| {
                    self.fields[r.first..r.first + r.count]
                        .iter()
                        .all(|f| f.end <= f.start)
                };
                if let Some(hr) = self.records.iter().position(|r| !empty(r)) {
                    first = false;
                    let r = self.records[hr];
                    let cells: Vec<String> = self.fields[r.first..r.first + r.count]
                        .iter()
                        .map(|f| {
                            let s = (f.start - self.window.base) as usize;
                            let e = (f.end - self.window.base) as usize;
                            delimited::unquote(&self.window.text[s..e])
                        })
                        .collect();
                    if delimited::looks_like_header(&cells) {
                        self.name_columns = cells.iter().map(|h| is_name_header(h)).collect();
                        self.header_rules = cells
                            .iter()
                            .map(|h| self.s.matcher.header_rules(h))
                            .collect();
                        self.headers = cells;
                        self.header_row = r.row;
                        self.header_pending = Some(hr);
                    }
                }
            }
            let last = *self.records.last().expect("non-empty");
            let b = (last.end - self.window.base) as usize;
            let a = (self.records[0].start - self.window.base) as usize;
            self.delimited_region(a, b, cursor);
            if self
                .s
                .reporter
                .closed
                .load(std::sync::atomic::Ordering::Relaxed)
            {
                return Ok(Outcome::Done);
            }
            self.window.discard(b);
            target = CHUNK;
            if self.window.eof
                && splitter.position() >= self.window.base + self.window.text.len() as u64
                && self.window.text.is_empty()
            {
                return Ok(Outcome::Done);
            }
        }
    }

    fn delimited_region(&mut self, a: usize, b: usize, cursor: &mut LineCursor) {
        if self.index.is_some() {
            self.index_terms(a, b, b);
        }
        let base = self.window.base;
        let text = &self.window.text[..b];
        let classifier = &self.classifier;
        let matcher = &self.s.matcher;
        self.keywords.clear();
        self.candidates.clear();
        matcher.scan(
            &mut self.scratch,
            text,
            a..b,
            a..b,
            &mut self.keywords,
            &mut self.candidates,
            |c| validate_logged(classifier, &self.path_display, text, c),
        );
        settle_keywords(
            &mut self.keywords,
            &mut self.candidates,
            classifier,
            text,
            &self.path_display,
        );
        if let Some(hr) = self.header_pending.take() {
            // A row of names, postcodes or plates is data, not a header:
            // its cells must never be printed as column names.
            let rec = self.records[hr];
            let in_header = |c: &Candidate| {
                let g = base + c.start as u64;
                g >= rec.start && g < rec.end
            };
            // Category words are what headers are made of ("Ethnicity",
            // "DOB"): they do not make the row data.
            let holds_data = self.candidates.iter().any(|c| {
                in_header(c)
                    && c.via != Via::Term
                    && !matches!(c.verdict, crate::catalog::Verdict::ChecksumFailed(_))
            });
            if holds_data {
                log::debug!(
                    "{}: the first row holds identifiers: no header",
                    self.path_display
                );
                self.headers.clear();
                self.header_rules.clear();
                self.name_columns.clear();
                self.header_row = 0;
            } else {
                // Column names describe the data below them; the cells are
                // what is reported, under the header's context.
                self.candidates
                    .retain(|c| !(c.via == Via::Term && in_header(c)));
                // The words of each column header, as context for its cells.
                let fs = &self.fields[rec.first..rec.first + rec.count];
                self.header_keywords = fs
                    .iter()
                    .map(|f| {
                        let mut ids: Vec<usize> = self
                            .keywords
                            .iter()
                            .filter(|h| {
                                let g = base + h.start as u64;
                                g >= f.start && g < f.end
                            })
                            .map(|h| h.keyword)
                            .collect();
                        ids.sort_unstable();
                        ids.dedup();
                        ids
                    })
                    .collect();
                log::debug!(
                    "{}: header row {} with {} column(s); identifier columns: {}",
                    self.path_display,
                    self.header_row,
                    self.headers.len(),
                    self.headers
                        .iter()
                        .zip(&self.header_rules)
                        .filter(|(_, r)| !r.is_empty())
                        .map(|(h, r)| format!(
                            "{h:?}={}",
                            r.iter()
                                .map(|&i| self.s.catalog.rules[i].id.as_str())
                                .collect::<Vec<_>>()
                                .join("+")
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        let n_main = self.candidates.len();
        let records = &self.records;
        let fields = &self.fields;
        let header_rules = &self.header_rules;
        // The record and field containing window position `i`.
        let locate = |i: usize| -> (usize, Option<usize>) {
            let g = base + i as u64;
            let r = records
                .partition_point(|r| r.end <= g)
                .min(records.len() - 1);
            let rec = &records[r];
            let fs = &fields[rec.first..rec.first + rec.count];
            let f = fs
                .partition_point(|f| f.end < g)
                .min(fs.len().saturating_sub(1));
            (r, if fs.is_empty() { None } else { Some(f) })
        };
        let bounds = |i: usize| {
            let (r, _) = locate(i);
            (
                (records[r].start - base) as usize,
                ((records[r].end - base) as usize).min(b),
            )
        };
        let candidates = &mut self.candidates;
        let path = &self.path_display;
        matcher.scan_gated(&mut self.scratch, text, &self.keywords, bounds, |mut c| {
            if validate_logged(classifier, path, text, &mut c) != Decision::Reject {
                candidates.push(c);
            }
        });
        // Columns whose header names a rule: the header is the context.
        // Cells come in order of position: `at` walks the (sorted) main
        // candidates alongside.
        let mut at = 0usize;
        if header_rules.iter().any(|r| !r.is_empty()) {
            for rec in records.iter().filter(|r| r.row > self.header_row) {
                for (i, fld) in fields[rec.first..rec.first + rec.count].iter().enumerate() {
                    let Some(rules) = header_rules.get(i) else {
                        continue;
                    };
                    let s = (fld.start - base) as usize;
                    let e = (fld.end - base) as usize;
                    let value = crate::matcher::trim_cell(text, s..e);
                    for &rule in rules {
                        // The identifier pass already read the whole cell as
                        // this rule: nothing more to learn from the column.
                        let main = &candidates[..n_main];
                        while at < main.len() && main[at].start < value.start {
                            at += 1;
                        }
                        if main[at..]
                            .iter()
                            .take_while(|c| c.start == value.start)
                            .any(|c| c.rule == rule && c.end == value.end)
                        {
                            continue;
                        }
                        matcher.scan_cell(&mut self.scratch, text, s..e, rule, |mut c| {
                            if validate_logged(classifier, path, text, &mut c) != Decision::Reject {
                                candidates.push(c);
                            }
                        });
                    }
                }
            }
        }
        // Classify in order of position, walking records and fields with a
        // cursor instead of searching for each candidate.
        classify::sort_candidates(&mut self.candidates, n_main, &mut self.merge);
        self.findings.clear();
        let (mut r, mut fi) = (0usize, 0usize);
        for c in &self.candidates {
            let g = base + c.start as u64;
            while r + 1 < records.len() && records[r].end <= g {
                r += 1;
                fi = 0;
            }
            let rec = &records[r];
            let fs = &fields[rec.first..rec.first + rec.count];
            while fi + 1 < fs.len() && fs[fi].end < g {
                fi += 1;
            }
            let f = if fs.is_empty() { None } else { Some(fi) };
            let header_names_rule =
                f.is_some_and(|f| header_rules.get(f).is_some_and(|h| h.contains(&c.rule)));
            let sur = Surroundings {
                keywords: &self.keywords,
                lo: (rec.start - base) as usize,
                hi: ((rec.end - base) as usize).min(b),
                field: f,
                header_names_rule,
                header_keywords: match f {
                    Some(f) if rec.row > self.header_row => {
                        self.header_keywords.get(f).map_or(&[], Vec::as_slice)
                    }
                    _ => &[],
                },
            };
            match classifier.classify(c, &sur) {
                Ok(found) => self.findings.push(found),
                Err(why) => debug_drop(&self.path_display, text, c, why, classifier.catalog),
            }
        }
        // Names, cell by cell (a name never spans two fields); in a name
        // column the header vouches for a lone surname or forename.
        if self.person_rule.is_some() {
            let base = self.window.base;
            for ri in 0..self.records.len() {
                let rec = self.records[ri];
                if rec.row <= self.header_row {
                    continue;
                }
                for i in 0..rec.count {
                    let f = self.fields[rec.first + i];
                    let r = crate::matcher::trim_cell(
                        &self.window.text,
                        (f.start - base) as usize..(f.end - base) as usize,
                    );
                    if r.start >= r.end {
                        continue;
                    }
                    let column = self.name_columns.get(i).copied().unwrap_or(false);
                    self.find_names(a, b, Some((r.start, r.end, Some(i), column)));
                }
            }
        }
        if self.subject.is_some() {
            self.subject_records(a, b);
        }
        self.emit(a, b, Some(()), cursor);
        if self.subject.is_some() {
            self.subject_flush_records();
        }
    }

    /// Dedupes the region's findings, filters by confidence, counts and
    /// writes them, and moves the line cursor to the end of the region.
    fn emit(
        &mut self,
        region_start: usize,
        region_end: usize,
        delimited: Option<()>,
        cursor: &mut LineCursor,
    ) {
        let s = self.s;
        classify::dedupe(&mut self.findings);
        self.out.clear();
        let base = self.window.base;
        let mut reason = String::new();
        if self.subject.is_some() {
            // Subject mode: nothing is printed; each finding is someone's
            // identity, the subject's or a third party's.
            for i in 0..self.findings.len() {
                let f = &self.findings[i];
                if f.confidence < s.options.min_confidence
                    || f.start < region_start
                    || f.start >= region_end
                {
                    continue;
                }
                let (rule, start, end) = (f.rule, f.start, f.end);
                self.stats
                    .count_finding(rule, f.categories(&s.catalog), f.confidence);
                let row = delimited.and_then(|()| {
                    let g = base + start as u64;
                    let r = self.records.partition_point(|r| r.end <= g);
                    self.records
                        .get(r)
                        .map(|r| r.row)
                        .filter(|&row| row > self.header_row)
                });
                self.subject_observe(rule, start, end, row);
            }
            cursor.advance(&self.window.text, base, base + region_end as u64);
            self.name_parts.clear();
            return;
        }
        for f in &self.findings {
            if f.confidence < s.options.min_confidence
                || f.start < region_start
                || f.start >= region_end
            {
                continue;
            }
            let rule = &s.catalog.rules[f.rule];
            let categories = f.categories(&s.catalog);
            self.stats.count_finding(f.rule, categories, f.confidence);
            if s.reporter.count_only && self.collect.is_none() {
                continue;
            }
            cursor.advance(&self.window.text, base, base + f.start as u64);
            let raw = String::from_utf8_lossy(&self.window.text[f.start..f.end]);
            let value = if s.options.show_values {
                raw.to_string()
            } else {
                mask::mask(&raw)
            };
            reason.clear();
            use std::fmt::Write as _;
            let _ = write!(reason, "{}", self.classifier.reason(f, &self.headers));
            let (row, field) = if delimited.is_some() {
                let g = base + f.start as u64;
                let r = self
                    .records
                    .partition_point(|r| r.end <= g)
                    .min(self.records.len() - 1);
                let rec = self.records[r];
                // The index keeps the column's number, never its header:
                // a first row taken for a header may be data ("Chidi
                // Okonkwo,Leeds,asthma"), and a header may hold a name.
                let name = f.field.map(|i| match self.headers.get(i) {
                    Some(h) if !h.is_empty() && self.index.is_none() => h.clone(),
                    _ => format!("column {}", i + 1),
                });
                (Some(rec.row), name)
            } else {
                (None, None)
            };
            let parts: Vec<(u64, u64, &'static str)> = f
                .name_parts
                .map(|i| {
                    self.name_parts[i]
                        .iter()
                        .map(|&(ps, pe, p)| {
                            (
                                self.window.source_offset(ps),
                                self.window.source_offset(pe),
                                p.as_str(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let location = match (&self.location, self.sheet_part, row, f.field) {
                (Some(sheet), true, Some(r), Some(col)) => Some(format!(
                    "{sheet}!{}{r}",
                    extract::document::column_name(col as u32)
                )),
                (l, _, _, _) => l.clone(),
            };
            if let Some(ix) = self.index.as_mut()
                && self
                    .collect
                    .as_ref()
                    .is_some_and(|c| c.len() >= index::MAX_FINDINGS)
            {
                // Memory stays bounded: past the cap a finding is counted,
                // not kept.
                ix.count_beyond_cap(&rule.id, categories, &s.catalog);
                continue;
            }
            if let Some(c) = self.collect.as_mut() {
                c.push(Collected {
                    container: self.container.clone(),
                    categories: categories.to_vec(),
                    location: location.clone(),
                    parts: parts.clone(),
                    rule: rule.id.clone(),
                    start: self.window.source_offset(f.start),
                    end: self.window.source_offset(f.end),
                    confidence: f.confidence,
                    line: cursor.line,
                    column: cursor.col + 1,
                    row,
                    field,
                    value: raw.to_string(),
                    reason: reason.clone(),
                });
                continue;
            }
            let rec = FindingRecord {
                path: &self.path_display,
                container: &self.container,
                location: location.as_deref(),
                rule,
                categories,
                confidence: f.confidence,
                reason: &reason,
                start: self.window.source_offset(f.start),
                end: self.window.source_offset(f.end),
                line: cursor.line,
                column: cursor.col + 1,
                row,
                field: field.as_deref(),
                value: &value,
                name_parts: &parts,
            };
            s.reporter.format_finding(&s.catalog, &rec, &mut self.out);
        }
        if s.reporter.count_only && self.collect.is_none() {
            // Nothing printed: no line numbers needed.
            cursor.pos = base + region_end as u64;
        } else {
            cursor.advance(&self.window.text, base, base + region_end as u64);
        }
        self.name_parts.clear();
        s.reporter.write(&self.out);
    }
}

/// Whether a column header names people: Surname, Forename(s), First name,
/// Last name, Name, Full name, Alias, Suspect name ...
fn is_name_header(h: &str) -> bool {
    let h = crate::matcher::normalise_header(h);
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    has("surname")
        || has("forename")
        || has("forenames")
        || has("forename(s)")
        || (has("name")
            && !(has("file")
                || has("user")
                || has("street")
                || has("company")
                || has("business")
                || has("road")
                || has("place")
                || has("product")
                || has("host")))
        || has("alias")
        || h == "given names"
}

/// Reconciles keywords with identifier candidates (both in order of
/// position):
///
/// * a candidate that begins with a keyword of its own rule has swallowed
///   its label (`REG 12 X` read as a suffix-format plate): it goes, and the
///   label stays to find `12 X`;
/// * a keyword inside a valid identifier is not a keyword: the `DOB` in the
///   number plate `SA53 DOB` is not a birth-date label (a lexicon term
///   that is also a label, `Passport`, keeps its label).
fn settle_keywords(
    keywords: &mut Vec<KeywordHit>,
    candidates: &mut Vec<Candidate>,
    classifier: &Classifier<'_>,
    text: &[u8],
    path: &str,
) {
    if keywords.is_empty() {
        return;
    }
    let mut k = 0;
    candidates.retain(|c| {
        while k < keywords.len() && keywords[k].start < c.start {
            k += 1;
        }
        let swallowed = c.via != Via::Term
            && keywords[k..]
                .iter()
                .take_while(|h| h.start == c.start)
                .any(|h| h.end < c.end && classifier.matcher.keyword_supports(h.keyword, c.rule));
        if swallowed {
            debug_drop(
                path,
                text,
                c,
                "begins with its own label",
                classifier.catalog,
            );
        }
        !swallowed
    });
    let mut j = 0;
    let mut reach = 0;
    keywords.retain(|h| {
        while j < candidates.len() && candidates[j].start <= h.start {
            let c = &candidates[j];
            // A lexicon term does not hide a label: "Passport" is both.
            if c.via != Via::Term
                && !matches!(c.verdict, crate::catalog::Verdict::ChecksumFailed(_))
            {
                reach = reach.max(c.end);
            }
            j += 1;
        }
        reach < h.end
    });
}

/// Validates a candidate, saying under `--debug` why it was rejected.
fn validate_logged(
    classifier: &Classifier<'_>,
    path: &str,
    text: &[u8],
    c: &mut Candidate,
) -> Decision {
    let d = classifier.validate(text, c);
    if d == Decision::Reject
        && let crate::catalog::Verdict::Invalid(why) = c.verdict
    {
        debug_drop(path, text, c, why, classifier.catalog);
    }
    d
}

/// `--debug`: why a candidate was dropped (value masked).
fn debug_drop(path: &str, text: &[u8], c: &Candidate, why: &str, catalog: &Catalog) {
    if log::log_enabled!(log::Level::Debug) {
        let v = String::from_utf8_lossy(&text[c.start..c.end]);
        log::debug!(
            "{path}: candidate dropped: {} {}: {why}",
            catalog.rules[c.rule].id,
            mask::mask(&v)
        );
    }
}
