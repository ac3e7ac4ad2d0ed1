//! Run statistics: a value type that adds up.
//!
//! Each worker thread keeps its own [`Stats`] and they are summed at the
//! end, so counting never takes a lock. The same counts feed the closing
//! summary of every output format and, later, the effort estimate.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use crate::catalog::Confidence;

#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Regular files the walk offered (scanned + skipped + failed).
    pub files_seen: u64,
    pub files_scanned: u64,
    pub files_skipped: u64,
    pub files_failed: u64,
    /// Why files were skipped, with counts.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Folders left out by `--exclude` (their files are not listed, so not
    /// counted as files).
    pub folders_excluded: u64,
    /// Bytes read from files that were scanned.
    pub bytes_scanned: u64,
    /// Bytes of decoded text matched.
    pub text_bytes: u64,
    /// Files read as delimited records.
    pub delimited_files: u64,
    /// Files by encoding.
    pub encodings: BTreeMap<&'static str, u64>,
    /// Files in which invalid UTF-8 was read as Windows-1252.
    pub cp1252_files: u64,
    pub findings: u64,
    /// Indexed by rule.
    pub by_rule: Vec<u64>,
    /// Indexed by rule, then confidence (low, medium, high).
    pub by_rule_confidence: Vec<[u64; 3]>,
    /// Indexed by category.
    pub by_category: Vec<u64>,
    pub by_confidence: [u64; 3],
    /// Files with at least one finding.
    pub files_with_findings: u64,
    /// Files on disk by format ("text", "csv", "docx", "zip", "image" ...).
    pub formats: BTreeMap<&'static str, u64>,
    /// Files and members read as documents (extracted text parts scanned).
    pub documents: u64,
    /// Members of containers scanned (archive entries, attachments).
    pub members: u64,
    /// Files and members with no text to read, by reason (images, audio,
    /// video, scanned PDFs): a person must look at them.
    pub needs_review: BTreeMap<String, u64>,
    /// Documents and members that could not be read (fully), by reason
    /// (encrypted, corrupt, unsupported, a limit reached).
    pub unreadable: BTreeMap<String, u64>,
}

impl Stats {
    pub fn new(rules: usize, categories: usize) -> Stats {
        Stats {
            by_rule: vec![0; rules],
            by_rule_confidence: vec![[0; 3]; rules],
            by_category: vec![0; categories],
            ..Stats::default()
        }
    }

    pub fn skip(&mut self, reason: &'static str) {
        self.files_seen += 1;
        self.files_skipped += 1;
        *self.skipped.entry(reason).or_insert(0) += 1;
    }

    /// A document or member that could not be read (fully), by class
    /// ("encrypted", "corrupt or truncated", "limit reached" ...).
    pub fn count_unreadable(&mut self, class: &str) {
        *self.unreadable.entry(class.to_string()).or_insert(0) += 1;
    }

    /// A file or member with no text to read, by class ("image", "PDF
    /// without a text layer" ...).
    pub fn count_review(&mut self, class: &str) {
        *self.needs_review.entry(class.to_string()).or_insert(0) += 1;
    }

    pub fn count_finding(&mut self, rule: usize, categories: &[usize], c: Confidence) {
        self.findings += 1;
        self.by_rule[rule] += 1;
        self.by_rule_confidence[rule][c as usize] += 1;
        for &cat in categories {
            self.by_category[cat] += 1;
        }
        self.by_confidence[c as usize] += 1;
    }
}

fn add_vec(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

impl AddAssign<&Stats> for Stats {
    fn add_assign(&mut self, o: &Stats) {
        self.files_seen += o.files_seen;
        self.files_scanned += o.files_scanned;
        self.files_skipped += o.files_skipped;
        self.files_failed += o.files_failed;
        for (k, v) in &o.skipped {
            *self.skipped.entry(k).or_insert(0) += v;
        }
        self.folders_excluded += o.folders_excluded;
        self.bytes_scanned += o.bytes_scanned;
        self.text_bytes += o.text_bytes;
        self.delimited_files += o.delimited_files;
        for (k, v) in &o.encodings {
            *self.encodings.entry(k).or_insert(0) += v;
        }
        self.cp1252_files += o.cp1252_files;
        self.findings += o.findings;
        add_vec(&mut self.by_rule, &o.by_rule);
        if self.by_rule_confidence.len() < o.by_rule_confidence.len() {
            self.by_rule_confidence
                .resize(o.by_rule_confidence.len(), [0; 3]);
        }
        for (x, y) in self
            .by_rule_confidence
            .iter_mut()
            .zip(&o.by_rule_confidence)
        {
            for i in 0..3 {
                x[i] += y[i];
            }
        }
        add_vec(&mut self.by_category, &o.by_category);
        for i in 0..3 {
            self.by_confidence[i] += o.by_confidence[i];
        }
        self.files_with_findings += o.files_with_findings;
        for (k, v) in &o.formats {
            *self.formats.entry(k).or_insert(0) += v;
        }
        self.documents += o.documents;
        self.members += o.members;
        for (k, v) in &o.needs_review {
            *self.needs_review.entry(k.clone()).or_insert(0) += v;
        }
        for (k, v) in &o.unreadable {
            *self.unreadable.entry(k.clone()).or_insert(0) += v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_add_up() {
        let mut a = Stats::new(2, 3);
        a.skip("binary");
        a.count_finding(1, &[0, 2], Confidence::High);
        let mut b = Stats::new(2, 3);
        b.skip("binary");
        b.files_scanned = 4;
        b.count_finding(0, &[0], Confidence::Low);
        a += &b;
        assert_eq!(a.files_skipped, 2);
        assert_eq!(a.skipped["binary"], 2);
        assert_eq!(a.findings, 2);
        assert_eq!(a.by_category, vec![2, 0, 1]);
        assert_eq!(a.by_rule_confidence[1], [0, 0, 1]);
        assert_eq!(a.files_scanned, 4);
    }
}
