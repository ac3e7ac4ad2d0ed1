//! Matching: text in, candidate hits out, in two passes whatever the number
//! of rules.
//!
//! Adding a rule must not add a pass over the text, so every rule is
//! compiled into one of two shared automata:
//!
//! 1. **Keywords.** One Aho-Corasick automaton (ASCII case-insensitive,
//!    leftmost-longest) over every rule's context keywords, kept only on
//!    whole words ([`KeywordHit`]); a plural `s` is allowed ("Sort codes:"),
//!    and when the longest keyword at a place is not a whole word the shorter
//!    keywords it starts with are tried ("passport" in "passport numberX").
//!    An overlapping search would find those too but was measured at a
//!    quarter of the run time on prose; leftmost-longest is a fraction. Keywords serve twice: as evidence that
//!    raises a candidate's confidence, and as the prefilter for
//!    context-required patterns (dates of birth, passports, dateless VRMs
//!    ...), which then run only in small windows around their keywords
//!    ([`Matcher::scan_gated`]).
//! 2. **Identifiers.** Every free-running identifier pattern is compiled
//!    into one multi-pattern lazy DFA; each match becomes a [`Candidate`],
//!    validated on the spot.
//!
//! Folding the keywords into the identifier DFA was tried and measured: with
//! overlapping search it halves the DFA's speed (the states multiply), and
//! the two separate passes are faster (dense text: identifiers alone 171
//! MB/s, keywords alone by DFA 266 MB/s, both in one DFA 87 MB/s; the
//! Aho-Corasick keyword pass runs at 380-450 MB/s).
//!
//! The search is **overlapping**: the forward lazy DFA reports the end of
//! every match of every pattern in one scan, without restarting after each
//! match, so two rules whose shapes collide (`12/34A` is both a PNC ID and a
//! CRO number; `CR123456A` is a NINO shape with an administrative prefix)
//! are both seen and the validators decide. A backward lazy DFA, anchored
//! on the matching pattern, finds each identifier's start.
//!
//! All regexes are compiled over bytes with ASCII `\b` (see
//! [`crate::catalog::compile_regex`]); [`unicode_boundary_ok`] re-checks the
//! single characters either side of a hit so that a match glued to an
//! accented letter is still rejected.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use regex_automata::hybrid::dfa::{Cache as LazyCache, DFA as LazyDfa, OverlappingState};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, meta};

use crate::catalog::{Catalog, ContextNeed, Verdict};

/// Where a candidate came from, which the classifier needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The identifier pass over all text.
    Scan,
    /// A window around a keyword (context-required patterns).
    Keyword,
    /// A cell of a column whose header names the rule.
    Column,
    /// A lexicon term (`pattern` is the term group).
    Term,
}

/// A span some pattern matched, with its validator's verdict.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub rule: usize,
    /// Index into the rule's patterns; [`COLUMN_PATTERN`] for its column regex.
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
    pub via: Via,
    pub verdict: Verdict,
}

/// The `pattern` of a candidate found by a rule's column regex.
pub const COLUMN_PATTERN: usize = usize::MAX;

/// What the caller's check said about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Keep it.
    Accept,
    /// Not this identifier: drop it.
    Reject,
    /// Structure right, check digit wrong: kept for the classifier, which
    /// keeps it (at low confidence) only where context supports it.
    KeepIfNothingBetter,
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
    combined: Option<meta::Cache>,
    forward: Option<LazyCache>,
    backward: Option<LazyCache>,
    groups: Vec<meta::Cache>,
    columns: Vec<Option<meta::Cache>>,
    windows: Vec<(usize, usize, usize)>,
    /// Regions the lazy DFAs gave up on (expected to stay 0).
    pub fallbacks: usize,
}

/// The context-required patterns of one rule that share a window, compiled
/// together so that a window is searched once for all of them.
struct GatedGroup {
    rule: usize,
    /// group pattern id -> the rule's pattern index
    patterns: Vec<usize>,
    regex: meta::Regex,
    window: usize,
    after_keyword: bool,
}

impl GatedGroup {
    fn candidate(&self, m: &regex_automata::Match, via: Via) -> Candidate {
        Candidate {
            rule: self.rule,
            pattern: self.patterns[m.pattern().as_usize()],
            start: m.start(),
            end: m.end(),
            via,
            verdict: Verdict::Valid,
        }
    }
}

/// Above this many literals, the word-indexed search beats the automaton
/// (measured: the full pack's 7,500 literals read at about twice the speed;
/// the identifier keywords alone are faster through the automaton's
/// prefilter).
const WORD_INDEX_ABOVE: usize = 1000;

/// The literal search: keywords and lexicon terms, whole words only.
enum Literals {
    Automaton(AhoCorasick),
    Words(crate::literals::WordIndex),
}

/// The compiled matcher for a [`Catalog`]; shared read-only by all threads.
pub struct Matcher {
    /// The identifier patterns (fallback engine).
    combined: Option<meta::Regex>,
    /// Every keyword and lexicon term.
    literals: Option<Literals>,
    /// The same patterns as raw lazy DFAs: forward (all matches,
    /// overlapping) to find each match's end, and backward over the
    /// identifier patterns only, anchored per pattern, to find its start.
    /// (`combined` is the fallback should a lazy DFA ever give up.)
    forward: Option<LazyDfa>,
    backward: Option<LazyDfa>,
    /// combined pattern id -> (rule, pattern)
    combined_refs: Vec<(usize, usize)>,
    /// Context-required patterns, grouped by rule and window.
    groups: Vec<GatedGroup>,
    /// rule -> its groups
    rule_groups: Vec<Vec<usize>>,
    /// keyword id -> keyword text (lower case)
    keyword_text: Vec<String>,
    /// keyword id -> rules it supports
    keyword_rules: Vec<Vec<usize>>,
    /// keyword id -> the other keywords it starts with, longest first
    keyword_prefixes: Vec<Vec<usize>>,
    /// literal id -> the (lexicon rule, term group) it is a term of
    literal_terms: Vec<Vec<(usize, usize)>>,
    /// [rule][term group] -> (near keyword ids, not_near keyword ids), sorted
    group_context: Vec<Vec<(Vec<usize>, Vec<usize>)>>,
    /// keyword id -> the gated groups it triggers
    keyword_gated: Vec<Vec<usize>>,
    /// rule -> column regex
    column_regex: Vec<Option<meta::Regex>>,
    /// rule -> exact column header names (normalised)
    column_names: Vec<Vec<String>>,
    /// rule -> keywords (normalised), also header names
    rule_keywords: Vec<Vec<String>>,
    /// rule -> whether a column header can name it (identifier rules only)
    header_capable: Vec<bool>,
}

impl Matcher {
    pub fn new(catalog: &Catalog) -> Result<Matcher, String> {
        let mut srcs: Vec<String> = Vec::new();
        let mut combined_refs = Vec::new();
        let mut groups: Vec<GatedGroup> = Vec::new();
        let mut rule_groups = Vec::new();
        for (ri, rule) in catalog.rules.iter().enumerate() {
            let mut mine: Vec<(usize, bool, Vec<usize>)> = Vec::new();
            for (pi, p) in rule.patterns.iter().enumerate() {
                match p.context {
                    ContextNeed::Optional => {
                        srcs.push(p.source.clone());
                        combined_refs.push((ri, pi));
                    }
                    ContextNeed::Required => {
                        match mine
                            .iter_mut()
                            .find(|g| g.0 == p.window && g.1 == p.after_keyword)
                        {
                            Some(g) => g.2.push(pi),
                            None => mine.push((p.window, p.after_keyword, vec![pi])),
                        }
                    }
                }
            }
            let mut ids = Vec::new();
            for (window, after_keyword, pats) in mine {
                let sources: Vec<&str> = pats
                    .iter()
                    .map(|&pi| rule.patterns[pi].source.as_str())
                    .collect();
                ids.push(groups.len());
                groups.push(GatedGroup {
                    rule: ri,
                    patterns: pats,
                    regex: crate::catalog::compile_many(&sources)?,
                    window,
                    after_keyword,
                });
            }
            rule_groups.push(ids);
        }

        // Every literal the keyword pass looks for: context keywords and
        // lexicon terms (a literal can be both).
        let mut keyword_text: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut keyword_gated: Vec<Vec<usize>> = Vec::new();
        let mut literal_terms: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut intern = |k: &str,
                          keyword_text: &mut Vec<String>,
                          keyword_rules: &mut Vec<Vec<usize>>,
                          keyword_gated: &mut Vec<Vec<usize>>,
                          literal_terms: &mut Vec<Vec<(usize, usize)>>|
         -> usize {
            let k = k.to_ascii_lowercase();
            if let Some(&i) = index.get(&k) {
                return i;
            }
            keyword_text.push(k.clone());
            keyword_rules.push(Vec::new());
            keyword_gated.push(Vec::new());
            literal_terms.push(Vec::new());
            index.insert(k, keyword_text.len() - 1);
            keyword_text.len() - 1
        };
        // Word processors curl apostrophes: "Jehovah’s Witness" is the same
        // term as "jehovah's witness".
        let curled = |k: &str| -> Vec<String> {
            let mut v = vec![k.to_string()];
            if k.contains('\'') {
                v.push(k.replace('\'', "\u{2019}"));
            }
            v
        };
        for (ri, rule) in catalog.rules.iter().enumerate() {
            for k in rule.keywords.iter().flat_map(|k| curled(k)) {
                let k = &k;
                let id = intern(
                    k,
                    &mut keyword_text,
                    &mut keyword_rules,
                    &mut keyword_gated,
                    &mut literal_terms,
                );
                if !keyword_rules[id].contains(&ri) {
                    keyword_rules[id].push(ri);
                }
                for &g in &rule_groups[ri] {
                    keyword_gated[id].push(g);
                }
            }
            for (gi, group) in rule.term_groups.iter().enumerate() {
                for t in group.terms.iter().flat_map(|t| curled(t)) {
                    let t = &t;
                    let id = intern(
                        t,
                        &mut keyword_text,
                        &mut keyword_rules,
                        &mut keyword_gated,
                        &mut literal_terms,
                    );
                    if !literal_terms[id].contains(&(ri, gi)) {
                        literal_terms[id].push((ri, gi));
                    }
                }
            }
        }
        // Each term group's `near` / `not_near` words as keyword ids.
        let group_context: Vec<Vec<(Vec<usize>, Vec<usize>)>> = catalog
            .rules
            .iter()
            .map(|rule| {
                rule.term_groups
                    .iter()
                    .map(|g| {
                        let ids = |ws: &[String]| -> Vec<usize> {
                            let mut v: Vec<usize> = ws
                                .iter()
                                .filter_map(|w| index.get(&w.to_ascii_lowercase()).copied())
                                .collect();
                            v.sort_unstable();
                            v
                        };
                        (ids(&g.near), ids(&g.not_near))
                    })
                    .collect()
            })
            .collect();
        let literals = if keyword_text.is_empty() {
            None
        } else if keyword_text.len() > WORD_INDEX_ABOVE {
            Some(Literals::Words(crate::literals::WordIndex::new(
                &keyword_text,
            )))
        } else {
            Some(Literals::Automaton(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(AcMatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keyword_text)
                    .map_err(|e| e.to_string())?,
            ))
        };
        let refs: Vec<&str> = srcs.iter().map(String::as_str).collect();
        let (combined, forward, backward) = if srcs.is_empty() {
            (None, None, None)
        } else {
            let syn = syntax::Config::new().unicode(false).utf8(false);
            let lazy = || {
                LazyDfa::config()
                    // Never give up on a thrashing cache: fall back is slower.
                    .minimum_cache_clear_count(None)
                    .cache_capacity(8 << 20)
            };
            let forward = LazyDfa::builder()
                .configure(lazy().match_kind(MatchKind::All))
                .syntax(syn)
                .build_many(&refs)
                .map_err(|e| e.to_string())?;
            let backward = LazyDfa::builder()
                .configure(
                    lazy()
                        .match_kind(MatchKind::All)
                        .starts_for_each_pattern(true)
                        .specialize_start_states(false),
                )
                .syntax(syn)
                .thompson(thompson::Config::new().reverse(true))
                .build_many(&refs)
                .map_err(|e| e.to_string())?;
            (
                Some(crate::catalog::compile_many(&refs)?),
                Some(forward),
                Some(backward),
            )
        };
        let keyword_prefixes = keyword_text
            .iter()
            .map(|k| {
                // The shorter literals this one starts with, longest first.
                (1..k.len())
                    .rev()
                    .filter(|&i| k.is_char_boundary(i))
                    .filter_map(|i| index.get(&k[..i]).copied())
                    .collect()
            })
            .collect();
        Ok(Matcher {
            combined,
            literals,
            keyword_prefixes,
            forward,
            backward,
            combined_refs,
            groups,
            rule_groups,
            keyword_text,
            keyword_rules,
            keyword_gated,
            literal_terms,
            group_context,
            column_regex: catalog
                .rules
                .iter()
                .map(|r| r.column_regex.clone())
                .collect(),
            column_names: catalog
                .rules
                .iter()
                .map(|r| r.columns.iter().map(|c| normalise_header(c)).collect())
                .collect(),
            header_capable: catalog
                .rules
                .iter()
                .map(|r| !r.patterns.is_empty() || r.column_regex.is_some())
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
            combined: self.combined.as_ref().map(|r| r.create_cache()),
            forward: self.forward.as_ref().map(LazyCache::new),
            backward: self.backward.as_ref().map(LazyCache::new),
            groups: self.groups.iter().map(|g| g.regex.create_cache()).collect(),
            columns: self
                .column_regex
                .iter()
                .map(|r| r.as_ref().map(|r| r.create_cache()))
                .collect(),
            windows: Vec::new(),
            fallbacks: 0,
        }
    }

    /// How often the lazy DFA caches were cleared (tuning aid, `--debug`).
    pub fn cache_clears(&self, scratch: &Scratch) -> (usize, usize) {
        (
            scratch.forward.as_ref().map_or(0, |c| c.clear_count()),
            scratch.backward.as_ref().map_or(0, |c| c.clear_count()),
        )
    }

    pub fn keyword_text(&self, id: usize) -> &str {
        &self.keyword_text[id]
    }

    /// The longest keyword, in bytes.
    pub fn max_keyword_len(&self) -> usize {
        self.keyword_text.iter().map(String::len).max().unwrap_or(0)
    }

    /// A term group's `near` and `not_near` words, as sorted keyword ids.
    pub fn group_context(&self, rule: usize, group: usize) -> (&[usize], &[usize]) {
        let (n, nn) = &self.group_context[rule][group];
        (n, nn)
    }

    pub fn keyword_supports(&self, keyword: usize, rule: usize) -> bool {
        self.keyword_rules[keyword].contains(&rule)
    }

    /// The one pass over `text[span]`.
    ///
    /// Keyword hits anywhere in the span are appended to `keywords`, in
    /// order. Every identifier match that starts inside `report` is handed
    /// to `check` (which validates it and sets its verdict); those not
    /// rejected are appended to `out`. Matches are overlapping, so `out` is
    /// ordered by end, not start.
    ///
    /// Searching from before `report.start` (the caller's overlap) makes the
    /// result for a region identical to searching the whole text: a match
    /// that begins in the previous region is seen with its true start and
    /// left to that region.
    #[allow(clippy::too_many_arguments)]
    pub fn scan(
        &self,
        scratch: &mut Scratch,
        text: &[u8],
        span: Range<usize>,
        report: Range<usize>,
        keywords: &mut Vec<KeywordHit>,
        out: &mut Vec<Candidate>,
        mut check: impl FnMut(&mut Candidate) -> Decision,
    ) {
        let out0 = out.len();
        let mut on_literal = |k: usize, s: usize, e: usize| {
            if !self.keyword_rules[k].is_empty() {
                keywords.push(KeywordHit {
                    start: s,
                    end: e,
                    keyword: k,
                });
            }
            if report.contains(&s) {
                for &(rule, group) in &self.literal_terms[k] {
                    let mut cand = Candidate {
                        rule,
                        pattern: group,
                        start: s,
                        end: e,
                        via: Via::Term,
                        verdict: Verdict::Valid,
                    };
                    if check(&mut cand) != Decision::Reject {
                        out.push(cand);
                    }
                }
            }
        };
        match &self.literals {
            Some(Literals::Words(w)) => {
                w.find(
                    text,
                    span.clone(),
                    |s, e, lit| whole_word(text, s, e, lit),
                    &mut on_literal,
                );
            }
            Some(Literals::Automaton(ac)) => {
                for m in ac.find_iter(aho_corasick::Input::new(text).span(span.clone())) {
                    let s = m.start();
                    let id = m.pattern().as_usize();
                    // The longest literal here, or the longest of the
                    // literals it starts with, that stands as a whole word.
                    let found = std::iter::once(id)
                        .chain(self.keyword_prefixes[id].iter().copied())
                        .find(|&k| {
                            whole_word(
                                text,
                                s,
                                s + self.keyword_text[k].len(),
                                self.keyword_text[k].as_bytes(),
                            )
                        });
                    if let Some(k) = found {
                        on_literal(k, s, s + self.keyword_text[k].len());
                    }
                }
            }
            None => {}
        }
        // Several literals may start at one word: terms in candidate order.
        crate::classify::insertion_sort_by_key(&mut out[out0..], crate::classify::candidate_order);
        let terms_end = out.len();
        let on_match = |out: &mut Vec<Candidate>,
                        check: &mut dyn FnMut(&mut Candidate) -> Decision,
                        pid: usize,
                        start: usize,
                        end: usize| {
            if !report.contains(&start) || !unicode_boundary_ok(text, start, end) {
                return;
            }
            let (rule, pattern) = self.combined_refs[pid];
            let mut cand = Candidate {
                rule,
                pattern,
                start,
                end,
                via: Via::Scan,
                verdict: Verdict::Valid,
            };
            if check(&mut cand) != Decision::Reject {
                out.push(cand);
            }
        };
        let (Some(fwd), Some(fcache)) = (&self.forward, scratch.forward.as_mut()) else {
            return;
        };

        let (Some(bwd), Some(bcache)) = (&self.backward, scratch.backward.as_mut()) else {
            return;
        };
        let input = Input::new(text).span(span.clone());
        let mut state = OverlappingState::start();
        let completed = loop {
            if let Err(e) = fwd.try_search_overlapping_fwd(fcache, &input, &mut state) {
                log::debug!("forward lazy DFA: {e}");
                break false;
            }
            let Some(hm) = state.get_match() else {
                break true;
            };
            let pid = hm.pattern().as_usize();
            let end = hm.offset();
            // An identifier cannot start in the reporting range if it ends
            // too far past it.
            if end > report.end + crate::catalog::MAX_MATCH_LEN {
                continue;
            }
            let back = Input::new(text)
                .span(span.start..end)
                .anchored(Anchored::Pattern(hm.pattern()));
            match bwd.try_search_rev(bcache, &back) {
                Ok(Some(start)) => on_match(out, &mut check, pid, start.offset(), end),
                Ok(None) => {}
                Err(e) => {
                    log::debug!("backward lazy DFA: {e}");
                    break false;
                }
            }
        };
        if !completed {
            // The lazy DFAs gave up (not expected: their caches may grow
            // without limit): redo the span with the meta regex,
            // leftmost-first.
            log::warn!("lazy DFA gave up; falling back to the slower engine for this region");
            scratch.fallbacks += 1;
            out.truncate(terms_end);
            if let (Some(re), Some(cache)) = (&self.combined, scratch.combined.as_mut()) {
                let mut pos = span.start;
                while pos < span.end {
                    let Some(m) = re.search_with(cache, &Input::new(text).span(pos..span.end))
                    else {
                        break;
                    };
                    on_match(out, &mut check, m.pattern().as_usize(), m.start(), m.end());
                    pos = m.end().max(m.start() + 1);
                }
            }
        }
        // Identifier matches came in order of their end: put them in order
        // of start, then merge them with the terms (already in order).
        crate::classify::insertion_sort_by_key(
            &mut out[terms_end..],
            crate::classify::candidate_order,
        );
        if terms_end > out0 && out.len() > terms_end {
            let ids: Vec<Candidate> = out.drain(terms_end..).collect();
            let terms: Vec<Candidate> = out.drain(out0..).collect();
            let (mut i, mut j) = (0, 0);
            while i < terms.len() && j < ids.len() {
                if crate::classify::candidate_order(&ids[j])
                    < crate::classify::candidate_order(&terms[i])
                {
                    out.push(ids[j]);
                    j += 1;
                } else {
                    out.push(terms[i]);
                    i += 1;
                }
            }
            out.extend_from_slice(&terms[i..]);
            out.extend_from_slice(&ids[j..]);
        }
    }

    /// Runs context-required patterns in windows around `hits` (which must
    /// be sorted by position). `bounds`
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
            for &g in &self.keyword_gated[h.keyword] {
                let grp = &self.groups[g];
                let (lo, hi) = bounds(h.start);
                let e = (h.end + grp.window).min(hi).min(text.len());
                if grp.after_keyword {
                    // Straight after the keyword: skip separators, then the
                    // mark must start there (`VRM: A1`, not `vehicle parked
                    // at B12`).
                    let mut p = h.end;
                    while p < e
                        && matches!(
                            text[p],
                            b' ' | b'\t' | b':' | b'#' | b'.' | b'-' | b'(' | b'='
                        )
                    {
                        p += 1;
                    }
                    if p >= e {
                        continue;
                    }
                    let input = Input::new(text).span(p..e).anchored(Anchored::Yes);
                    if let Some(m) = grp.regex.search_with(&mut scratch.groups[g], &input)
                        && unicode_boundary_ok(text, m.start(), m.end())
                    {
                        emit(grp.candidate(&m, Via::Keyword));
                    }
                    continue;
                }
                let s = h.start.saturating_sub(grp.window).max(lo);
                if s < e {
                    windows.push((g, s, e));
                }
            }
        }
        // Merge overlapping windows of the same group so that dense
        // keywords never make us search the same bytes twice.
        windows.sort_unstable();
        let mut i = 0;
        while i < windows.len() {
            let (g, s, mut e) = windows[i];
            let mut j = i + 1;
            while j < windows.len() && windows[j].0 == g && windows[j].1 <= e {
                e = e.max(windows[j].2);
                j += 1;
            }
            let grp = &self.groups[g];
            let cache = &mut scratch.groups[g];
            let mut pos = s;
            while pos < e {
                let Some(m) = grp.regex.search_with(cache, &Input::new(text).span(pos..e)) else {
                    break;
                };
                if unicode_boundary_ok(text, m.start(), m.end()) {
                    emit(grp.candidate(&m, Via::Keyword));
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
        for ri in (0..self.rule_groups.len()).filter(|&ri| self.header_capable[ri]) {
            let named = self.column_names[ri].contains(&h)
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
        let Range { start: s, end: e } = trim_cell(text, cell);
        if s >= e {
            return;
        }
        for &g in &self.rule_groups[rule] {
            let grp = &self.groups[g];
            let cache = &mut scratch.groups[g];
            let mut pos = s;
            while pos < e {
                let Some(m) = grp.regex.search_with(cache, &Input::new(text).span(pos..e)) else {
                    break;
                };
                emit(grp.candidate(&m, Via::Column));
                pos = m.end().max(m.start() + 1);
            }
        }
        if let (Some(re), Some(cache)) = (&self.column_regex[rule], scratch.columns[rule].as_mut())
        {
            let input = Input::new(&text[s..e]).anchored(Anchored::Yes);
            if let Some(m) = re.search_with(cache, &input)
                && m.end() == e - s
            {
                emit(Candidate {
                    rule,
                    pattern: COLUMN_PATTERN,
                    start: s,
                    end: e,
                    via: Via::Column,
                    verdict: Verdict::Valid,
                });
            }
        }
    }
}

/// Whether keyword `kw` at `text[s..e]` stands as a whole word: no word
/// character glued on either side ("reg" is not in "regards", "mob" not in
/// "mother": Presidio's substring defect, DOMAIN.md §3.1), except a plural
/// `s` ("Sort codes:").
fn whole_word(text: &[u8], s: usize, e: usize, kw: &[u8]) -> bool {
    let first_word = kw.first().is_some_and(u8::is_ascii_alphanumeric);
    let last_word = kw.last().is_some_and(u8::is_ascii_alphanumeric);
    if first_word && s > 0 && is_word_byte(text[s - 1]) {
        return false;
    }
    if last_word && e < text.len() && is_word_byte(text[e]) {
        let plural =
            matches!(text[e], b's' | b'S') && text.get(e + 1).is_none_or(|&b| !is_word_byte(b));
        if !plural {
            return false;
        }
    }
    true
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// A cell's value without surrounding spaces, quotes and line ends.
pub fn trim_cell(text: &[u8], cell: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (cell.start, cell.end);
    while s < e && matches!(text[s], b' ' | b'"' | b'\t') {
        s += 1;
    }
    while e > s && matches!(text[e - 1], b' ' | b'"' | b'\t' | b'\r' | b'\n') {
        e -= 1;
    }
    s..e
}

/// Lower case, `_ . - /` as spaces, single spaces: so that `NI_Number`,
/// `ni-number` and `NI  Number` all read `ni number`.
pub fn normalise_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for c in h.trim().trim_start_matches('\u{feff}').chars() {
        let c = c.to_ascii_lowercase();
        let c = if matches!(c, '_' | '-' | '/' | ':' | '#') {
            ' '
        } else {
            c
        };
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
    if start > 0
        && text[start - 1] >= 0x80
        && text.get(start).is_some_and(u8::is_ascii_alphanumeric)
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
    if end < text.len() && text[end] >= 0x80 && end > start && text[end - 1].is_ascii_alphanumeric()
    {
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
    fn one_pass_finds_overlapping_readings_without_falling_back() {
        let catalog = Catalog::builtin().unwrap();
        let m = Matcher::new(&catalog).unwrap();
        let mut scratch = m.scratch();
        let text = b"NI number CR123456A and AB 12 34 56 C; CRO 12/34A";
        let (mut kws, mut out) = (Vec::new(), Vec::new());
        m.scan(
            &mut scratch,
            text,
            0..text.len(),
            0..text.len(),
            &mut kws,
            &mut out,
            |_| Decision::Accept,
        );
        assert_eq!(scratch.fallbacks, 0);
        let rules = |s: usize| -> Vec<&str> {
            let mut v: Vec<&str> = out
                .iter()
                .filter(|c| c.start == s)
                .map(|c| catalog.rules[c.rule].id.as_str())
                .collect();
            v.sort();
            v
        };
        // Both readings of a shape are reported; validators decide later.
        assert_eq!(rules(10), vec!["uk_nino", "uk_nino_admin"]);
        assert!(
            rules(43).contains(&"cro_number") && rules(43).contains(&"pnc_id"),
            "{:?}",
            rules(43)
        );
        assert!(
            kws.iter()
                .any(|k| m.keyword_text(k.keyword) == "ni number" && k.start == 0)
        );
        assert!(kws.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn keywords_are_whole_words_plural_or_a_shorter_prefix() {
        let catalog = Catalog::builtin().unwrap();
        let m = Matcher::new(&catalog).unwrap();
        let mut scratch = m.scratch();
        let mut found = |t: &str| -> Vec<String> {
            let (mut kws, mut out) = (Vec::new(), Vec::new());
            let b = t.as_bytes();
            m.scan(
                &mut scratch,
                b,
                0..b.len(),
                0..b.len(),
                &mut kws,
                &mut out,
                |_| Decision::Accept,
            );
            kws.iter()
                .map(|k| m.keyword_text(k.keyword).to_string())
                .collect()
        };
        // Every whole word at every word start (the second word too).
        assert_eq!(found("Sort codes: 1"), vec!["sort code", "codes"]);
        assert_eq!(found("passport numberX 1"), vec!["passport"]);
        assert_eq!(found("regards"), Vec::<String>::new());
        assert_eq!(found("motherboards"), Vec::<String>::new());
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
