//! The worker's side of `trawl index update`: decide whether a file needs
//! reading at all (size and modification time, then content hash), and
//! turn what the scan found into a row set for the index writer: findings
//! with their values hashed, counts, problems and the file's terms.
//!
//! Raw values exist only in this worker's memory while the file is being
//! scanned; what leaves it is hashed.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

use super::Worker;
use crate::index::store::{FileRecord, FindingRow, Prev, Update};
use crate::index::terms::{self, TermSet};
use crate::index::values;

/// Findings kept per file with their locations; beyond this they are
/// counted only (memory stays bounded whatever the file's size).
pub const MAX_FINDINGS: usize = 100_000;

/// A file's findings counted by rule and by category, and how many were
/// in a special or a criminal-offence category: every finding, kept or
/// past [`MAX_FINDINGS`].
#[derive(Default)]
pub struct Tally {
    rules: std::collections::BTreeMap<String, i64>,
    categories: std::collections::BTreeMap<usize, i64>,
    special: i64,
    offence: i64,
}

impl Tally {
    fn add(&mut self, rule: &str, categories: &[usize], catalog: &crate::catalog::Catalog) {
        *self.rules.entry(rule.to_string()).or_insert(0) += 1;
        let (mut special, mut offence) = (false, false);
        for &c in categories {
            *self.categories.entry(c).or_insert(0) += 1;
            special |= catalog.categories[c].special_category;
            offence |= catalog.categories[c].criminal_offence;
        }
        self.special += special as i64;
        self.offence += offence as i64;
    }
}

/// Per-thread index state.
#[derive(Default)]
pub struct IndexWork {
    /// The current file's key in the index (`index::paths`).
    pub path_key: String,
    /// The current file's counts.
    pub tally: Tally,
    /// Findings past [`MAX_FINDINGS`] (counted, not kept).
    pub beyond: u64,
    pub terms: TermSet,
    /// The format class of the current file.
    pub class: &'static str,
    /// (kind, member, reason) of what could not be read or needs review.
    pub problems: Vec<(&'static str, Option<String>, String)>,
    pub failed: Option<String>,
    pub skipped: Option<String>,
    pub sender: Option<std::sync::mpsc::SyncSender<Update>>,
}

impl IndexWork {
    pub(crate) fn count_beyond_cap(
        &mut self,
        rule: &str,
        categories: &[usize],
        catalog: &crate::catalog::Catalog,
    ) {
        self.beyond += 1;
        self.tally.add(rule, categories, catalog);
    }
}

/// A reader that hashes what passes through it.
pub(crate) struct HashRead<'r> {
    pub inner: &'r mut dyn Read,
    pub hasher: Sha256,
    pub eof: bool,
}

impl Read for HashRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// The SHA-256 of a whole file (to tell a touched file from a changed one).
fn hash_file(path: &std::path::Path) -> io::Result<[u8; 32]> {
    let mut f = super::open_read_only(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

use crate::index::store::mtime_of as mtime_ns;

impl Worker<'_> {
    /// Index mode, before a file is read: `true` if the index already
    /// holds it as it is (nothing to read).
    pub(super) fn index_unchanged(
        &mut self,
        path: &std::path::Path,
        meta: &std::fs::Metadata,
    ) -> bool {
        let (Some(ix), Some(shared)) = (self.index.as_mut(), self.s.index.as_ref()) else {
            return false;
        };
        let size = meta.len();
        let mtime = mtime_ns(meta);
        ix.path_key = crate::index::paths::key_of(path);
        let key = ix.path_key.as_str();
        // A file that failed or was skipped last time is read again (it
        // may be readable now, or the flags that skipped it gone), and so
        // is everything when the scan settings changed.
        let Some(prev): Option<&Prev> = shared.prev.get(key).filter(|p| p.complete) else {
            return false;
        };
        if shared.rescan_all {
            return false;
        }
        let send = |ix: &mut IndexWork, u: Update| {
            if let Some(tx) = &ix.sender {
                let _ = tx.send(u);
            }
        };
        if prev.size == size && prev.mtime_ns == mtime {
            log::debug!("{key}: unchanged since the last update");
            send(
                ix,
                Update::Unchanged {
                    path: ix.path_key.clone(),
                },
            );
            return true;
        }
        if prev.size == size
            && let Some(old) = &prev.sha256
            && let Ok(now) = hash_file(path)
            && *old == now
        {
            let key = ix.path_key.clone();
            log::debug!("{key}: modification time changed, content the same");
            send(
                ix,
                Update::Touched {
                    path: key,
                    size,
                    mtime_ns: mtime,
                },
            );
            return true;
        }
        false
    }

    /// Index mode: a file is about to be read.
    pub(super) fn index_begin(&mut self) {
        if let Some(ix) = self.index.as_mut() {
            ix.terms.clear();
            ix.class = "text";
            ix.problems.clear();
            ix.failed = None;
            ix.skipped = None;
            ix.beyond = 0;
            ix.tally = Tally::default();
            self.collect = Some(Vec::new());
        }
    }

    pub(crate) fn index_class(&mut self, class: &'static str) {
        if let Some(ix) = self.index.as_mut() {
            ix.class = class;
        }
    }

    /// Something about the current file for its index row: `kind` is
    /// "failed", "skipped", "unreadable" or "review".
    pub(crate) fn index_note(&mut self, kind: &'static str, reason: &str) {
        let member = (!self.container.is_empty()).then(|| self.container.join(" > "));
        let Some(ix) = self.index.as_mut() else {
            return;
        };
        match kind {
            "failed" if member.is_none() => ix.failed = Some(reason.to_string()),
            // Listed for review by `for_review`, with its reason.
            "skipped" if reason.starts_with("needs manual review") => {}
            "skipped" if member.is_none() => ix.skipped = Some(reason.to_string()),
            "failed" => ix.problems.push(("unreadable", member, reason.to_string())),
            "skipped" => {}
            k => ix.problems.push((k, member, reason.to_string())),
        }
    }

    /// Text `[a, b)` of the window (context to `limit`) for the file's
    /// terms.
    pub(super) fn index_terms(&mut self, a: usize, b: usize, limit: usize) {
        if let Some(ix) = self.index.as_mut() {
            ix.terms.region(&self.window.text, a, b, limit);
        }
    }

    /// Index mode: the file is done; its row set goes to the writer.
    pub(super) fn index_end(&mut self, meta: &std::fs::Metadata, sha256: Option<String>) {
        let s = self.s;
        let (Some(ix), Some(shared)) = (self.index.as_mut(), s.index.as_ref()) else {
            return;
        };
        let collected = self.collect.take().unwrap_or_default();
        let key = &shared.key;
        let mut rec = FileRecord {
            path: std::mem::take(&mut ix.path_key),
            size: meta.len(),
            mtime_ns: mtime_ns(meta),
            sha256,
            class: ix.class.to_string(),
            status: "scanned",
            reason: None,
            findings: Vec::with_capacity(collected.len()),
            counts: Vec::new(),
            problems: std::mem::take(&mut ix.problems),
            terms: None,
            special: 0,
            offence: 0,
            beyond: 0,
        };
        rec.beyond = ix.beyond;
        if ix.beyond > 0 {
            rec.problems.push((
                "review",
                None,
                format!(
                    "{} findings: the first {MAX_FINDINGS} are indexed with their locations, the rest counted only",
                    collected.len() as u64 + ix.beyond
                ),
            ));
        }
        for c in &collected {
            let (domain, norm) = values::normalise(&c.rule, &c.value);
            let part_hashes = (c.rule == crate::catalog::PERSON_NAME).then(|| {
                values::name_parts(&c.value)
                    .iter()
                    .map(|p| terms::term_hash(key, terms::WORD, p.as_bytes()).to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            });
            ix.tally.add(&c.rule, &c.categories, &s.catalog);
            rec.findings.push(FindingRow {
                container: (!c.container.is_empty()).then(|| c.container.join(" > ")),
                location: c.location.clone(),
                line: c.line as i64,
                col: c.column as i64,
                row: c.row.map(|r| r as i64),
                field: c.field.clone(),
                offset: c.start as i64,
                rule: c.rule.clone(),
                categories: c
                    .categories
                    .iter()
                    .map(|&i| s.catalog.categories[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                confidence: c.confidence.as_str(),
                value_hash: key.hash(domain, norm.as_bytes()),
                part_hashes,
            });
        }
        let tally = std::mem::take(&mut ix.tally);
        rec.special = tally.special;
        rec.offence = tally.offence;
        rec.counts
            .extend(tally.rules.into_iter().map(|(r, n)| ("rule", r, n)));
        rec.counts.extend(
            tally
                .categories
                .into_iter()
                .map(|(c, n)| ("category", s.catalog.categories[c].id.clone(), n)),
        );
        rec.terms = ix.terms.finish();
        if rec.terms.is_none() && ix.failed.is_none() && ix.skipped.is_none() {
            rec.problems.push((
                "review",
                None,
                format!(
                    "more than {} distinct terms: no term set kept, so every subject search from the index rereads this file",
                    terms::MAX_TERMS
                ),
            ));
        }
        if let Some(r) = ix.failed.take() {
            rec.status = "failed";
            rec.reason = Some(r);
        } else if let Some(r) = ix.skipped.take() {
            rec.status = "skipped";
            rec.reason = Some(r);
        } else if let Some(p) = rec.problems.iter().find(|p| p.0 == "unreadable") {
            rec.status = "partial";
            rec.reason = Some(p.2.clone());
        } else if let Some(p) = rec.problems.iter().find(|p| p.0 == "review") {
            rec.status = "review";
            rec.reason = Some(p.2.clone());
        }
        if let Some(tx) = &ix.sender {
            let _ = tx.send(Update::File(Box::new(rec)));
        }
    }
}
