//! Matching: text in, candidate hits out, in a fixed number of passes.
//!
//! Adding a rule must not add a pass over the text, so every rule is
//! compiled into one of two shared automata:
//!
//! 1. **Keywords.** One Aho-Corasick automaton (ASCII case-insensitive,
//!    leftmost-longest) over every rule's context keywords. Hits are kept
//!    only on whole words. They serve twice: as evidence that raises a
//!    candidate's confidence, and as the prefilter for context-required
//!    patterns (dates of birth, passports, dateless VRMs ...), which run only
//!    in small windows around their keywords.
//! 2. **Identifiers.** Every pattern that may fire on its own is compiled
//!    into one multi-pattern lazy DFA (`regex_automata::meta::Regex`), which
//!    reports pattern id and span in one forward pass.
//!
//! The multi-pattern search is leftmost-first and non-overlapping, so two
//! rules whose shapes collide at one position (`12/34A` is both a PNC ID
//! and a CRO number) could hide each other. When the classifier rejects a
//! candidate, [`Matcher::scan`] asks each other pattern, anchored at the same
//! start, before moving on one byte: a rejected shape never hides a valid
//! one.
//!
//! All regexes are compiled over bytes with ASCII `\b` (see
//! [`crate::catalog::compile_regex`]); [`unicode_boundary_ok`] re-checks the
//! single characters either side of a hit so that a match glued to an
//! accented letter is still rejected.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_automata::{Anchored, Input, meta};

use crate::catalog::{Catalog, ContextNeed};

/// Where a candidate came from, which the classifier needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The identifier pass over all text.
    Scan,
    /// A window around a keyword (context-required patterns).
    Keyword,
    /// A cell of a column whose header names the rule.
    Column,
}

/// A span some pattern matched, not yet validated.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub rule: usize,
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
    pub via: Via,
}

/// A whole-word keyword occurrence.
#[derive(Clone, Copy, Debug)]
pub struct KeywordHit {
    pub start: usize,
    pub end: usize,
    pub keyword: usize,
}

/// Per-thread search state: regex caches and reusable buffers. Made once
/// per worker thread ([`Matcher::scratch`]); nothing is allocated per match.
pub struct Scratch {
    combined: meta::Cache,
    patterns: Vec<Vec<meta::Cache>>,
    columns: Vec<Option<meta::Cache>>,
    windows: Vec<(usize, usize, usize, usize)>,
}

/// The compiled matcher for a [`Catalog`]; shared read-only by all threads.
pub struct Matcher {
    combined: Option<meta::Regex>,
    /// combined pattern id -> (rule, pattern)
    combined_refs: Vec<(usize, usize)>,
    /// Patterns of the combined automaton, by rule, for the anchored
    /// fallback.
    patterns: Vec<Vec<meta::Regex>>,
    keywords: Option<AhoCorasick>,
    /// keyword id -> keyword text (lower case)
    keyword_text: Vec<String>,
    /// keyword id -> rules it supports
    keyword_rules: Vec<Vec<usize>>,
    /// keyword id -> context-required (rule, pattern) it triggers
    keyword_gated: Vec<Vec<(usize, usize)>>,
    /// rule -> its window
    windows: Vec<usize>,
    /// (rule, pattern) -> (window, after_keyword), for gated patterns
    gated_window: Vec<Vec<(usize, bool)>>,
    /// rule -> context-required pattern indexes
    gated: Vec<Vec<usize>>,
    /// rule -> column regex
    column_regex: Vec<Option<meta::Regex>>,
    /// rule -> exact column header names (normalised)
    column_names: Vec<Vec<String>>,
    /// rule -> keywords (normalised), also header names
    rule_keywords: Vec<Vec<String>>,
}

impl Matcher {
    pub fn new(catalog: &Catalog) -> Result<Matcher, String> {
        let mut srcs: Vec<&str> = Vec::new();
        let mut combined_refs = Vec::new();
        let mut gated = Vec::new();
        let mut patterns = Vec::new();
        for (ri, rule) in catalog.rules.iter().enumerate() {
            let mut g = Vec::new();
            let mut pats = Vec::new();
            for (pi, p) in rule.patterns.iter().enumerate() {
                pats.push(p.regex.clone());
                match p.context {
                    ContextNeed::Optional => {
                        srcs.push(&p.source);
                        combined_refs.push((ri, pi));
                    }
                    ContextNeed::Required => g.push(pi),
                }
            }
            gated.push(g);
            patterns.push(pats);
        }
        let combined = if srcs.is_empty() {
            None
        } else {
            Some(crate::catalog::compile_many(&srcs)?)
        };

        let mut keyword_text: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut keyword_gated: Vec<Vec<(usize, usize)>> = Vec::new();
        for (ri, rule) in catalog.rules.iter().enumerate() {
            for k in &rule.keywords {
                let id = match keyword_text.iter().position(|x| x == k) {
                    Some(i) => i,
                    None => {
                        keyword_text.push(k.clone());
                        keyword_rules.push(Vec::new());
                        keyword_gated.push(Vec::new());
                        keyword_text.len() - 1
                    }
                };
                if !keyword_rules[id].contains(&ri) {
                    keyword_rules[id].push(ri);
                }
                for &pi in &gated[ri] {
                    keyword_gated[id].push((ri, pi));
                }
            }
        }
        let keywords = if keyword_text.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keyword_text)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Matcher {
            combined,
            combined_refs,
            patterns,
            keywords,
            keyword_text,
            keyword_rules,
            keyword_gated,
            windows: catalog.rules.iter().map(|r| r.window).collect(),
            gated_window: catalog
                .rules
                .iter()
                .map(|r| r.patterns.iter().map(|p| (p.window, p.after_keyword)).collect())
                .collect(),
            gated,
            column_regex: catalog.rules.iter().map(|r| r.column_regex.clone()).collect(),
            column_names: catalog
                .rules
                .iter()
                .map(|r| r.columns.iter().map(|c| normalise_header(c)).collect())
                .collect(),
            rule_keywords: catalog
                .rules
                .iter()
                .map(|r| r.keywords.iter().map(|c| normalise_header(c)).collect())
                .collect(),
        })
    }

    pub fn scratch(&self) -> Scratch {
        Scratch {
            combined: self
                .combined
                .as_ref()
                .map(|r| r.create_cache())
                .unwrap_or_else(|| meta::Regex::new("a").unwrap().create_cache()),
            patterns: self
                .patterns
                .iter()
                .map(|ps| ps.iter().map(|p| p.create_cache()).collect())
                .collect(),
            columns: self
                .column_regex
                .iter()
                .map(|r| r.as_ref().map(|r| r.create_cache()))
                .collect(),
            windows: Vec::new(),
        }
    }

    pub fn keyword_text(&self, id: usize) -> &str {
        &self.keyword_text[id]
    }

    pub fn keyword_supports(&self, keyword: usize, rule: usize) -> bool {
        self.keyword_rules[keyword].contains(&rule)
    }

    /// Finds whole-word keyword hits in `text[span]`, appending to `out` in
    /// order of position.
    pub fn keywords(&self, text: &[u8], span: Range<usize>, out: &mut Vec<KeywordHit>) {
        let Some(ac) = &self.keywords else { return };
        let input = aho_corasick::Input::new(text).span(span);
        for m in ac.find_iter(input) {
            let (s, e) = (m.start(), m.end());
            let kw = self.keyword_text[m.pattern().as_usize()].as_bytes();
            let first_word = kw.first().is_some_and(|b| b.is_ascii_alphanumeric());
            let last_word = kw.last().is_some_and(|b| b.is_ascii_alphanumeric());
            if first_word && s > 0 && is_word_byte(text[s - 1]) {
                continue;
            }
            if last_word && e < text.len() && is_word_byte(text[e]) {
                continue;
            }
            out.push(KeywordHit {
                start: s,
                end: e,
                keyword: m.pattern().as_usize(),
            });
        }
    }

    /// Runs the identifier pass over `text[span]`, reporting matches that
    /// start before `stop`. `accept` classifies each candidate and says
    /// whether it was kept; a rejected candidate gives the other patterns a
    /// chance at the same start, then the search moves on by one byte rather
    /// than past the rejected text.
    ///
    /// Returns where a search of the text after `stop` must resume to give
    /// exactly the matches a search of the whole text would: past a match
    /// that straddles `stop`, else `stop`.
    pub fn scan(
        &self,
        scratch: &mut Scratch,
        text: &[u8],
        span: Range<usize>,
        stop: usize,
        mut accept: impl FnMut(Candidate) -> bool,
    ) -> usize {
        let Some(re) = &self.combined else { return stop };
        let end = span.end;
        let mut pos = span.start;
        while pos < end && pos < stop {
            let input = Input::new(text).span(pos..end);
            let Some(m) = re.search_with(&mut scratch.combined, &input) else {
                break;
            };
            if m.start() >= stop {
                break;
            }
            let (ri, pi) = self.combined_refs[m.pattern().as_usize()];
            let cand = Candidate {
                rule: ri,
                pattern: pi,
                start: m.start(),
                end: m.end(),
                via: Via::Scan,
            };
            if unicode_boundary_ok(text, cand.start, cand.end) && accept(cand) {
                pos = m.end().max(m.start() + 1);
                continue;
            }
            // Rejected: try every other free-running pattern anchored here.
            let mut taken = None;
            for &(ri2, pi2) in &self.combined_refs {
                if (ri2, pi2) == (ri, pi) {
                    continue;
                }
                let input = Input::new(text)
                    .span(m.start()..end)
                    .anchored(Anchored::Yes);
                if let Some(m2) =
                    self.patterns[ri2][pi2].search_with(&mut scratch.patterns[ri2][pi2], &input)
                {
                    let c2 = Candidate {
                        rule: ri2,
                        pattern: pi2,
                        start: m2.start(),
                        end: m2.end(),
                        via: Via::Scan,
                    };
                    if unicode_boundary_ok(text, c2.start, c2.end) && accept(c2) {
                        taken = Some(m2.end());
                        break;
                    }
                }
            }
            pos = taken.unwrap_or(m.start() + 1);
        }
        pos.max(stop)
    }

    /// Runs context-required patterns in windows around `hits`. `bounds`
    /// gives, for a position, the region context may come from (the whole
    /// buffer for prose, the record for delimited files).
    pub fn scan_gated(
        &self,
        scratch: &mut Scratch,
        text: &[u8],
        hits: &[KeywordHit],
        bounds: impl Fn(usize) -> (usize, usize),
        mut emit: impl FnMut(Candidate),
    ) {
        let windows = &mut scratch.windows;
        windows.clear();
        for h in hits {
            for &(ri, pi) in &self.keyword_gated[h.keyword] {
                let (w, after) = self.gated_window[ri][pi];
                let (lo, hi) = bounds(h.start);
                let s = if after { h.end } else { h.start.saturating_sub(w).max(lo) };
                let e = (h.end + w).min(hi).min(text.len());
                if s < e {
                    windows.push((ri, pi, s, e));
                }
            }
        }
        // Merge overlapping windows of the same pattern so that dense
        // keywords never make us search the same bytes twice.
        windows.sort_unstable();
        let mut i = 0;
        while i < windows.len() {
            let (ri, pi, s, mut e) = windows[i];
            let mut j = i + 1;
            while j < windows.len() && windows[j].0 == ri && windows[j].1 == pi && windows[j].2 <= e
            {
                e = e.max(windows[j].3);
                j += 1;
            }
            let re = &self.patterns[ri][pi];
            let cache = &mut scratch.patterns[ri][pi];
            let mut pos = s;
            while pos < e {
                let input = Input::new(text).span(pos..e);
                let Some(m) = re.search_with(cache, &input) else { break };
                if unicode_boundary_ok(text, m.start(), m.end()) {
                    emit(Candidate {
                        rule: ri,
                        pattern: pi,
                        start: m.start(),
                        end: m.end(),
                        via: Via::Keyword,
                    });
                }
                pos = m.end().max(m.start() + 1);
            }
            i = j;
        }
    }

    /// The rules a column header names: the header equals one of the rule's
    /// column names or keywords, or contains a keyword as whole words.
    pub fn header_rules(&self, header: &str) -> Vec<usize> {
        let h = normalise_header(header);
        if h.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for ri in 0..self.windows.len() {
            let named = self.column_names[ri].iter().any(|c| *c == h)
                || self.rule_keywords[ri].iter().any(|k| contains_words(&h, k));
            if named {
                out.push(ri);
            }
        }
        out
    }

    /// Runs a rule's context-required patterns and its column regex over one
    /// cell, `text[cell]`, of a column whose header names the rule.
    pub fn scan_cell(
        &self,
        scratch: &mut Scratch,
        text: &[u8],
        cell: Range<usize>,
        rule: usize,
        mut emit: impl FnMut(Candidate),
    ) {
        // Trim spaces and quotes: the column regex is anchored on the value.
        let (mut s, mut e) = (cell.start, cell.end);
        while s < e && matches!(text[s], b' ' | b'"' | b'\t') {
            s += 1;
        }
        while e > s && matches!(text[e - 1], b' ' | b'"' | b'\t' | b'\r' | b'\n') {
            e -= 1;
        }
        if s >= e {
            return;
        }
        for &pi in &self.gated[rule] {
            let re = &self.patterns[rule][pi];
            let cache = &mut scratch.patterns[rule][pi];
            let mut pos = s;
            while pos < e {
                let Some(m) = re.search_with(cache, &Input::new(text).span(pos..e)) else {
                    break;
                };
                emit(Candidate {
                    rule,
                    pattern: pi,
                    start: m.start(),
                    end: m.end(),
                    via: Via::Column,
                });
                pos = m.end().max(m.start() + 1);
            }
        }
        if let (Some(re), Some(cache)) = (&self.column_regex[rule], scratch.columns[rule].as_mut()) {
            let input = Input::new(&text[s..e]).anchored(Anchored::Yes);
            if let Some(m) = re.search_with(cache, &input)
                && m.end() == e - s
            {
                emit(Candidate {
                    rule,
                    // usize::MAX marks the column regex (no pattern index).
                    pattern: usize::MAX,
                    start: s,
                    end: e,
                    via: Via::Column,
                });
            }
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Lower case, `_ . - /` as spaces, single spaces: so that `NI_Number`,
/// `ni-number` and `NI  Number` all read `ni number`.
pub fn normalise_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for c in h.trim().trim_start_matches('\u{feff}').chars() {
        let c = c.to_ascii_lowercase();
        let c = if matches!(c, '_' | '-' | '/' | ':' | '#') { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn contains_words(hay: &str, needle: &str) -> bool {
    let needle = normalise_header(needle);
    if needle.is_empty() {
        return false;
    }
    let hb = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&needle) {
        let s = from + i;
        let e = s + needle.len();
        let left_ok = s == 0 || !hb[s - 1].is_ascii_alphanumeric();
        let right_ok = e == hb.len() || !hb[e].is_ascii_alphanumeric();
        if left_ok && right_ok {
            return true;
        }
        from = s + 1;
    }
    false
}

/// ASCII `\b` treats every non-ASCII byte as a non-word character; this
/// rejects a match whose first or last character is a word character glued
/// to a non-ASCII letter or digit (`éAB123456C`).
pub fn unicode_boundary_ok(text: &[u8], start: usize, end: usize) -> bool {
    if start > 0 && text[start - 1] >= 0x80 && text.get(start).is_some_and(u8::is_ascii_alphanumeric)
    {
        let mut i = start - 1;
        while i > 0 && (text[i] & 0xC0) == 0x80 && start - i < 4 {
            i -= 1;
        }
        if let Ok(s) = std::str::from_utf8(&text[i..start])
            && s.chars().next_back().is_some_and(char::is_alphanumeric)
        {
            return false;
        }
    }
    if end < text.len() && text[end] >= 0x80 && end > start && text[end - 1].is_ascii_alphanumeric() {
        let stop = (end + 4).min(text.len());
        let s = match std::str::from_utf8(&text[end..stop]) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&text[end..end + e.valid_up_to()]).unwrap_or(""),
        };
        if s.chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise() {
        assert_eq!(normalise_header(" NI_Number "), "ni number");
        assert_eq!(normalise_header("\u{feff}Date-of-Birth"), "date of birth");
        assert!(contains_words("date of birth", "date of birth"));
        assert!(!contains_words("date of offence", "date of birth"));
        assert!(contains_words("nhs no", "nhs"));
        assert!(!contains_words("nhsx", "nhs"));
    }

    #[test]
    fn unicode_neighbours_block_a_match() {
        let t = "éAB123456C".as_bytes();
        assert!(!unicode_boundary_ok(t, 2, t.len()));
        let t = "£AB123456C".as_bytes();
        assert!(unicode_boundary_ok(t, 2, t.len()));
        let t = "AB123456Cé".as_bytes();
        assert!(!unicode_boundary_ok(t, 0, 9));
    }
}
