//! Classification: a candidate plus its surroundings becomes a finding with
//! a confidence and the reason for it, or is dropped with a reason.
//!
//! The confidence recipe is the one Purview, Macie, Google and Presidio
//! converge on (shared/DOMAIN.md §3.1): pattern, then validator, then a
//! keyword in a window or a column header. Concretely:
//!
//! * the pattern's own level when it fires alone (`confidence` in the rule);
//! * the rule's `context_confidence` (default high) when a keyword of the
//!   rule is within `window` bytes, or the value sits in a column whose
//!   header names the rule;
//! * low for test data (NHS 999 range, Ofcom drama numbers) and for
//!   doubtful shapes without context;
//! * a failed check digit is kept at low only when context supports it
//!   (a typing or OCR error in a labelled field), otherwise dropped;
//! * a structurally impossible value is dropped.
//!
//! Context never crosses a record of a delimited file: a `DOB` header does
//! not make the `Date of offence` in the next column a birth date.

use std::fmt;

use crate::catalog::{Catalog, Confidence, ContextNeed, ValidationContext, Verdict};
use crate::matcher::{COLUMN_PATTERN, Candidate, Decision, KeywordHit, Matcher, Via};

/// What the validator said, kept for the reason text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Validated(&'static str),
    FormatOnly,
    Note(&'static str),
    TestData(&'static str),
    ChecksumFailed(&'static str),
    /// A category term of a lexicon.
    Term,
    /// A person name, and what showed it is one.
    Name(&'static str),
}

/// The context that supported a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    None,
    Keyword(usize),
    Column(usize),
}

/// A classified hit. Offsets are into the text buffer it was found in; the
/// scanner maps them to file offsets.
#[derive(Clone, Copy, Debug)]
pub struct Finding {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub confidence: Confidence,
    pub check: Check,
    pub evidence: Evidence,
    /// How far the supporting keyword is: bytes before the value, or
    /// 10,000 plus bytes after it (labels precede values); 0 for a column
    /// header; `u32::MAX` without context. Breaks ties between two rules
    /// reading the same text ("PNC ID 10/49E; CRO number ...").
    pub context_gap: u32,
    /// Field index within its record (delimited files).
    pub field: Option<usize>,
    /// For a lexicon term: its term group (whose categories apply).
    pub term_group: Option<usize>,
    /// For a person name: the index of its parts in the worker's table.
    pub name_parts: Option<usize>,
}

impl Finding {
    /// The categories this finding is reported under.
    pub fn categories<'c>(&self, catalog: &'c Catalog) -> &'c [usize] {
        let rule = &catalog.rules[self.rule];
        match self.term_group {
            Some(g) => &rule.term_groups[g].categories,
            None => &rule.categories,
        }
    }
}

/// Where a candidate sits, as far as context goes.
#[derive(Clone, Copy, Debug)]
pub struct Surroundings<'a> {
    pub keywords: &'a [KeywordHit],
    /// Context may come only from `text[lo..hi]` (the record, or the whole
    /// buffer).
    pub lo: usize,
    pub hi: usize,
    /// The field the candidate is in, and whether its column header names
    /// the candidate's rule.
    pub field: Option<usize>,
    pub header_names_rule: bool,
    /// The keyword ids in the field's column header, sorted: context for
    /// the field's lexicon terms (a `Union` column makes `GMB` a union).
    pub header_keywords: &'a [usize],
}

pub struct Classifier<'a> {
    pub catalog: &'a Catalog,
    pub matcher: &'a Matcher,
    pub vctx: ValidationContext,
    /// `matcher.max_keyword_len()`, kept at hand.
    pub max_keyword_len: usize,
}

impl<'a> Classifier<'a> {
    /// The checks that need no context: characters touching the match, a
    /// longer grouped number, and the rule's validator. Sets the
    /// candidate's verdict and says whether the matcher should keep it.
    pub fn validate(&self, text: &[u8], cand: &mut Candidate) -> Decision {
        let rule = &self.catalog.rules[cand.rule];
        if cand.via == Via::Term {
            return self.validate_term(text, cand);
        }
        if cand.via != Via::Column {
            let before = cand.start.checked_sub(1).map(|i| text[i]);
            if !rule.not_preceded_by.is_empty()
                && before.is_some_and(|b| rule.not_preceded_by.contains(&b))
            {
                cand.verdict = Verdict::Invalid("preceded by a character that continues the token");
                return Decision::Reject;
            }
            if rule.isolated_digits && part_of_longer_number(text, cand.start, cand.end) {
                cand.verdict = Verdict::Invalid("part of a longer grouped number");
                return Decision::Reject;
            }
        }
        let validator = if cand.pattern == COLUMN_PATTERN {
            rule.patterns[0].validator
        } else {
            rule.patterns[cand.pattern].validator
        };
        let bytes = &text[cand.start..cand.end];
        cand.verdict = match std::str::from_utf8(bytes) {
            Ok(v) => validator.check(v, &self.vctx),
            Err(_) => validator.check(&String::from_utf8_lossy(bytes), &self.vctx),
        };
        match cand.verdict {
            Verdict::Invalid(_) => Decision::Reject,
            Verdict::ChecksumFailed(_) => Decision::KeepIfNothingBetter,
            _ => Decision::Accept,
        }
    }

    /// The checks of a lexicon term that need only the text: exact capitals
    /// and the neighbouring words.
    fn validate_term(&self, text: &[u8], cand: &mut Candidate) -> Decision {
        let g = &self.catalog.rules[cand.rule].term_groups[cand.pattern];
        let found = &text[cand.start..cand.end];
        let reject = |cand: &mut Candidate, why: &'static str| {
            cand.verdict = Verdict::Invalid(why);
            Decision::Reject
        };
        if g.case_sensitive && !g.terms.iter().any(|t| t.as_bytes() == found) {
            return reject(cand, "not in the capitals the term needs");
        }
        if !g.not_followed_by.is_empty() {
            let next = next_word(text, cand.end);
            if g.not_followed_by
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(next))
            {
                return reject(
                    cand,
                    "followed by a word that makes it something else (a street name ...)",
                );
            }
        }
        if !g.not_preceded_by.is_empty() {
            let prev = previous_word(text, cand.start);
            if g.not_preceded_by
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(prev))
            {
                return reject(cand, "preceded by a word that makes it something else");
            }
        }
        cand.verdict = Verdict::Valid;
        Decision::Accept
    }

    /// A lexicon term with its `near` / `not_near` context.
    fn classify_term(
        &self,
        cand: &Candidate,
        sur: &Surroundings<'_>,
    ) -> Result<Finding, &'static str> {
        let rule = &self.catalog.rules[cand.rule];
        let g = &rule.term_groups[cand.pattern];
        let (near, not_near) = self.matcher.group_context(cand.rule, cand.pattern);
        if near.is_empty() && not_near.is_empty() {
            // A plain term: nothing nearby can change it.
            return Ok(Finding {
                rule: cand.rule,
                start: cand.start,
                end: cand.end,
                confidence: g.confidence,
                check: Check::Term,
                evidence: Evidence::None,
                context_gap: u32::MAX,
                field: sur.field,
                term_group: Some(cand.pattern),
                name_parts: None,
            });
        }
        let lo = cand.start.saturating_sub(rule.window).max(sur.lo);
        let hi = (cand.end + rule.window).min(sur.hi);
        let from = lo.saturating_sub(self.max_keyword_len);
        let first = sur.keywords.partition_point(|h| h.start < from);
        let mut evidence = (Evidence::None, u32::MAX);
        if sur
            .header_keywords
            .iter()
            .any(|k| not_near.binary_search(k).is_ok())
        {
            return Err("its column header says it is something else");
        }
        if sur
            .header_keywords
            .iter()
            .any(|k| near.binary_search(k).is_ok())
        {
            evidence = (Evidence::Column(sur.field.unwrap_or(0)), 0);
        }
        for h in &sur.keywords[first..] {
            if h.start >= hi {
                break;
            }
            if h.end <= lo || (h.start >= cand.start && h.end <= cand.end) {
                continue;
            }
            if not_near.binary_search(&h.keyword).is_ok() {
                return Err("a word nearby says it is something else");
            }
            if near.binary_search(&h.keyword).is_ok() {
                let gap = if h.end <= cand.start {
                    (cand.start - h.end) as u32
                } else {
                    10_000 + h.start.saturating_sub(cand.end) as u32
                };
                if gap < evidence.1 {
                    evidence = (Evidence::Keyword(h.keyword), gap);
                }
            }
        }
        if !near.is_empty() && evidence.0 == Evidence::None {
            return Err("an ambiguous term with none of its context words nearby");
        }
        Ok(Finding {
            rule: cand.rule,
            start: cand.start,
            end: cand.end,
            confidence: g.confidence,
            check: Check::Term,
            evidence: evidence.0,
            context_gap: evidence.1,
            field: sur.field,
            term_group: Some(cand.pattern),
            name_parts: None,
        })
    }

    /// Grades a validated candidate with its context, or says why it was
    /// dropped.
    pub fn classify(
        &self,
        cand: &Candidate,
        sur: &Surroundings<'_>,
    ) -> Result<Finding, &'static str> {
        if cand.via == Via::Term {
            return self.classify_term(cand, sur);
        }
        let rule = &self.catalog.rules[cand.rule];
        let (validator, pat_conf, gated, window) = if cand.pattern == COLUMN_PATTERN {
            (
                rule.patterns[0].validator,
                rule.context_confidence,
                true,
                rule.window,
            )
        } else {
            let p = &rule.patterns[cand.pattern];
            (
                p.validator,
                p.confidence,
                p.context == ContextNeed::Required,
                p.window,
            )
        };
        let (evidence, context_gap) = if cand.via == Via::Column || sur.header_names_rule {
            (Evidence::Column(sur.field.unwrap_or(0)), 0)
        } else {
            self.keyword_near(cand, window, sur)
        };
        let has_ctx = evidence != Evidence::None;
        if gated && !has_ctx {
            return Err("context required but none found");
        }
        let conf = if gated {
            pat_conf
        } else if has_ctx {
            pat_conf.max(rule.context_confidence)
        } else {
            pat_conf
        };
        let (confidence, check) = match cand.verdict {
            Verdict::Valid => (
                conf,
                if matches!(validator, crate::catalog::Validator::None) {
                    Check::FormatOnly
                } else {
                    Check::Validated(validator.check_name())
                },
            ),
            Verdict::Weak(n) => (conf, Check::Note(n)),
            Verdict::Doubtful(n) => (if has_ctx { conf } else { Confidence::Low }, Check::Note(n)),
            Verdict::TestData(n) => (Confidence::Low, Check::TestData(n)),
            Verdict::ChecksumFailed(n) => {
                if has_ctx {
                    (Confidence::Low, Check::ChecksumFailed(n))
                } else {
                    return Err(n);
                }
            }
            Verdict::Invalid(n) => return Err(n),
        };
        Ok(Finding {
            rule: cand.rule,
            start: cand.start,
            end: cand.end,
            confidence,
            check,
            evidence,
            context_gap,
            field: sur.field,
            term_group: None,
            name_parts: None,
        })
    }

    /// The nearest keyword of the candidate's rule within its window, and
    /// its gap (see [`Finding::context_gap`]).
    fn keyword_near(
        &self,
        cand: &Candidate,
        window: usize,
        sur: &Surroundings<'_>,
    ) -> (Evidence, u32) {
        let lo = cand.start.saturating_sub(window).max(sur.lo);
        let hi = (cand.end + window).min(sur.hi);
        // Hits are sorted by start and may overlap ("nhs", "nhs number"):
        // none starting more than the longest keyword before lo can reach it.
        let from = lo.saturating_sub(self.max_keyword_len);
        let first = sur.keywords.partition_point(|h| h.start < from);
        let mut best = (Evidence::None, u32::MAX);
        for h in &sur.keywords[first..] {
            if h.start >= hi {
                break;
            }
            if h.end > lo && self.matcher.keyword_supports(h.keyword, cand.rule) {
                let gap = if h.end <= cand.start {
                    (cand.start - h.end) as u32
                } else if h.start >= cand.end {
                    10_000 + (h.start - cand.end) as u32
                } else {
                    0
                };
                if gap < best.1 {
                    best = (Evidence::Keyword(h.keyword), gap);
                }
            }
        }
        best
    }

    /// A displayable reason for a finding.
    pub fn reason<'f>(&'f self, f: &'f Finding, headers: &'f [String]) -> Reason<'f> {
        Reason {
            finding: f,
            matcher: self.matcher,
            headers,
        }
    }
}

/// The order in which candidates are classified, so that their findings
/// come out in the order [`dedupe`] wants.
pub fn candidate_order(c: &Candidate) -> (usize, usize, std::cmp::Reverse<usize>) {
    (c.start, c.rule, std::cmp::Reverse(c.end))
}

/// The word after `end`, skipping spaces (empty at the end of text).
fn next_word(text: &[u8], end: usize) -> &[u8] {
    let mut s = end;
    while s < text.len() && matches!(text[s], b' ' | b'\t') {
        s += 1;
    }
    let mut e = s;
    while e < text.len() && (text[e].is_ascii_alphanumeric() || text[e] == b'\'') {
        e += 1;
    }
    &text[s..e]
}

/// The word before `start`, skipping spaces and a short abbreviation's
/// dot ("Mr. Black", "Dr. Brown").
fn previous_word(text: &[u8], start: usize) -> &[u8] {
    let mut e = start;
    while e > 0 && matches!(text[e - 1], b' ' | b'\t') {
        e -= 1;
    }
    if e > 1 && e < start && text[e - 1] == b'.' {
        // Short words only (Mr, Mrs, Dr, St, Rev): "Brown. Road" ends a
        // sentence.
        let letters = text[..e - 1]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if (1..=4).contains(&letters) {
            e -= 1;
        }
    }
    let mut s = e;
    while s > 0 && (text[s - 1].is_ascii_alphanumeric() || text[s - 1] == b'\'') {
        s -= 1;
    }
    &text[s..e]
}

/// Whether `text[start..end]` continues a grouped number on either side:
/// a digit one space or dash away.
fn part_of_longer_number(text: &[u8], start: usize, end: usize) -> bool {
    let sep = |b: u8| b == b' ' || b == b'-';
    let left = start >= 2 && sep(text[start - 1]) && text[start - 2].is_ascii_digit();
    let right = end + 1 < text.len() && sep(text[end]) && text[end + 1].is_ascii_digit();
    left || right
}

/// Insertion sort: linear on input that is sorted but for small local
/// displacements, which is what an overlapping search produces (matches come
/// in order of their end; a match is at most 512 bytes long).
pub fn insertion_sort_by_key<T: Copy, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let x = v[i];
        let kx = key(&x);
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > kx {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Sorts `v` into [`candidate_order`] given that `v[..sorted]` already is:
/// sorts the tail and merges (linear but for the tail).
pub fn sort_candidates(v: &mut Vec<Candidate>, sorted: usize, scratch: &mut Vec<Candidate>) {
    if sorted >= v.len() {
        return;
    }
    v[sorted..].sort_unstable_by_key(candidate_order);
    if sorted == 0 || candidate_order(&v[sorted - 1]) <= candidate_order(&v[sorted]) {
        return;
    }
    scratch.clear();
    scratch.reserve(v.len());
    let (a, b) = v.split_at(sorted);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if candidate_order(&b[j]) < candidate_order(&a[i]) {
            scratch.push(b[j]);
            j += 1;
        } else {
            scratch.push(a[i]);
            i += 1;
        }
    }
    scratch.extend_from_slice(&a[i..]);
    scratch.extend_from_slice(&b[j..]);
    std::mem::swap(v, scratch);
}

/// Removes overlapping findings of the same rule, keeping the longest (then
/// the most confident): several patterns of one rule, or the keyword and
/// column routes, may find the same value. Findings come in
/// [`candidate_order`]; anything else is sorted first.
pub fn dedupe(findings: &mut Vec<Finding>) {
    let key = |f: &Finding| (f.start, f.rule, std::cmp::Reverse(f.end));
    if !findings.is_sorted_by_key(key) {
        // Stable sort: it merges the runs it is given (findings, then names)
        // in linear time.
        findings.sort_by_key(key);
    }
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    'next: for f in findings.drain(..) {
        // Only a few findings of the same rule can overlap: look back a little.
        for g in out.iter_mut().rev().take(8) {
            if g.rule == f.rule && f.start < g.end && g.start < f.end {
                let glen = g.end - g.start;
                let flen = f.end - f.start;
                // Two terms of one lexicon that only overlap ("offsite
                // storage facility"): the first reading, as in prose.
                let later_term = f.term_group.is_some() && f.start > g.start && f.end > g.end;
                if !later_term && (flen > glen || (flen == glen && f.confidence > g.confidence)) {
                    *g = f;
                }
                continue 'next;
            }
        }
        out.push(f);
    }
    // A replacement may start later than its neighbours: restore the order.
    if !out.is_sorted_by_key(|f| f.start) {
        out.sort_by_key(|f| f.start);
    }
    // A finding of another rule wholly inside this one, and no more
    // confident, is the same text read two ways (a dateless VRM inside a
    // postcode, a phone number inside an IBAN): keep the better reading.
    let n = out.len();
    let mut keep = vec![true; n];
    for i in 0..n {
        for j in (i + 1)..n {
            if out[j].start >= out[i].end {
                break;
            }
            let (a, b) = (&out[i], &out[j]);
            if a.rule == b.rule {
                continue;
            }
            if (a.start, a.end) == (b.start, b.end) {
                // Two rules read the same text: the more confident wins,
                // then the one whose keyword is nearest; else keep both.
                let valid = |f: &Finding| !matches!(f.check, Check::ChecksumFailed(_));
                let ka = (a.confidence, valid(a), std::cmp::Reverse(a.context_gap));
                let kb = (b.confidence, valid(b), std::cmp::Reverse(b.context_gap));
                if ka > kb {
                    keep[j] = false;
                } else if kb > ka {
                    keep[i] = false;
                }
            } else if b.start >= a.start && b.end <= a.end && b.confidence <= a.confidence {
                // Strictly inside a reading at least as sure: the phone
                // number inside an IBAN, the card number inside it.
                keep[j] = false;
            } else if a.start >= b.start && a.end <= b.end && a.confidence <= b.confidence {
                keep[i] = false;
            }
        }
    }
    let mut k = keep.iter();
    out.retain(|_| *k.next().unwrap_or(&true));
    *findings = out;
}

/// The human reason for a confidence level: what was checked and what
/// context was found.
pub struct Reason<'a> {
    finding: &'a Finding,
    matcher: &'a Matcher,
    headers: &'a [String],
}

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.finding.check {
            Check::Validated(n) => write!(f, "validated ({n})")?,
            Check::FormatOnly => write!(f, "format match")?,
            Check::Note(n) => write!(f, "format match ({n})")?,
            Check::TestData(n) => write!(f, "test data: {n}")?,
            Check::ChecksumFailed(n) => write!(f, "{n}, kept because of context")?,
            Check::Term => write!(f, "category term")?,
            Check::Name(why) => write!(f, "name ({why})")?,
        }
        match self.finding.evidence {
            Evidence::None if matches!(self.finding.check, Check::Name(_)) => Ok(()),
            Evidence::None => write!(f, "; no context"),
            Evidence::Keyword(k) => {
                write!(f, "; keyword \"{}\" nearby", self.matcher.keyword_text(k))
            }
            Evidence::Column(c) => match self.headers.get(c) {
                Some(h) => write!(f, "; column \"{}\"", h.trim()),
                None => write!(f, "; column header"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_words() {
        let t = b"Mr. Black and Dr Brown. Road works";
        assert_eq!(previous_word(t, 4), b"Mr");
        assert_eq!(previous_word(t, 17), b"Dr");
        assert_eq!(next_word(t, 14), b"Dr");
        // A full stop ends a sentence: "Brown" is not followed by "Road".
        assert_eq!(next_word(t, 22), b"");
        assert_eq!(previous_word(t, 24), b"");
    }
}
