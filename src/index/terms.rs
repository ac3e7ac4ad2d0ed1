//! Terms: what the index remembers of a file's text so that a subject
//! search can find the file again without reading it.
//!
//! A subject search (`trawl subject`) matches a person's names in many
//! written forms and their identifiers in any spacing. The index cannot
//! know in advance whom it will be asked about, so it keeps, per file, the
//! set of keyed hashes ([`Key`]) of every term a subject search could need,
//! and the search keeps the files holding all the terms of one of the
//! person's details. The rule is *no missed file*: every file a direct
//! search reports holds the terms below, so it is a candidate; a candidate
//! holding them by chance is what `--verify` (rereading) weeds out.
//!
//! * `w`: every word, cleaned and folded exactly as the name matcher does
//!   (`O'Neill` is `oneill`, `Smith's` is `smith`, `Ó` is `o`), numbers too
//!   (house numbers).
//! * `k`: the *skeleton* (ASCII letters and digits, upper case) of every run
//!   of one to nine letter-digit groups separated by at most three of the
//!   characters an identifier may be spaced with (spaces, `.` `-` `/` `(`
//!   `)` `_` `:` `\`), up to 20 characters long, that holds a digit: `AB 12 34 56
//!   C` gives `AB123456C`, `07700 900123` gives `07700900123`. Identifiers
//!   are matched in any spacing, and whatever the spacing, a match is such
//!   a run. `p`: the first 13 characters of a skeleton of 13 to 16 (a
//!   driving licence number is matched on its first 13).
//! * `d`: every date in a form the date-of-birth patterns accept, as day,
//!   month and two-digit year.
//! * `e`: every email address, in lower case.
//!
//! Memory is bounded: a file with more than [`MAX_TERMS`] distinct terms
//! keeps none, and is then a candidate for every search.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use regex::bytes::{Regex, RegexBuilder};

use super::key::Key;
use crate::names::fold;
use crate::subject::find::{clean_word, is_word_char};
use crate::subject::variants::MONTHS;

/// Distinct terms kept per file; beyond this the file has no term set.
pub const MAX_TERMS: usize = 1_000_000;
/// Longest word kept (the name matcher ignores longer ones).
const MAX_WORD: usize = 64;
/// Longest skeleton kept.
const MAX_SKELETON: usize = 20;
/// Most letter-digit groups in one skeleton (a driving licence number
/// spelt out character by character has sixteen).
const MAX_GROUPS: usize = 16;
/// Most characters between two groups of a skeleton.
const MAX_GAP: usize = 3;

/// Whether `c` may stand between the letters and digits of an identifier
/// as the subject search matches it (spaces, `.` `-` `/` `(` `)` `_` `:`
/// `\`); a comma, semicolon, bar or quote never does, so a skeleton
/// never runs across the fields of a record.
fn inside_identifier(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'.' | b'-' | b'/' | b'(' | b')' | b'_' | b':' | b'\\' | b'+'
        )
}

/// The kinds of term, each hashed in its own domain.
pub const WORD: u8 = b'w';
pub const SKELETON: u8 = b'k';
pub const PREFIX13: u8 = b'p';
pub const DATE: u8 = b'd';
pub const EMAIL: u8 = b'e';

/// The keyed hash of a term.
pub fn term_hash(key: &Key, kind: u8, value: &[u8]) -> i64 {
    key.term(kind, value)
}

/// The date term of day `d`, month `m`, year `y` (any number of digits).
pub fn date_term(d: u32, m: u32, y: u32) -> String {
    format!("{d}-{m}-{:02}", y % 100)
}

/// One file's distinct terms, collected region by region: hashed at once
/// with the index's key (raw terms are kept only by [`TermSet::raw`], for
/// tests and for normalising one value).
#[derive(Default)]
pub struct TermSet {
    key: Option<Key>,
    hashes: HashSet<i64, BuildHasherDefault<crate::names::FxHasher>>,
    raw: HashSet<Vec<u8>>,
    buf: Vec<u8>,
    fold: Vec<u8>,
    overflow: bool,
}

impl TermSet {
    /// A set that keeps keyed hashes.
    pub fn keyed(key: &Key) -> TermSet {
        TermSet {
            key: Some(key.clone()),
            ..Default::default()
        }
    }

    /// A set that keeps the terms themselves.
    pub fn raw() -> TermSet {
        TermSet::default()
    }

    pub fn clear(&mut self) {
        self.raw.clear();
        self.hashes.clear();
        if self.hashes.capacity() > 1 << 16 {
            self.hashes.shrink_to(1 << 12);
        }
        self.overflow = false;
    }

    fn len(&self) -> usize {
        self.raw.len() + self.hashes.len()
    }

    fn add(&mut self, kind: u8, value: &[u8]) {
        if self.overflow {
            return;
        }
        if let Some(key) = &self.key {
            let h = key.term(kind, value);
            if self.hashes.len() >= MAX_TERMS && !self.hashes.contains(&h) {
                self.overflow = true;
                self.hashes.clear();
                return;
            }
            self.hashes.insert(h);
            return;
        }
        self.buf.clear();
        self.buf.push(kind);
        self.buf.extend_from_slice(value);
        if !self.raw.contains(&self.buf) {
            if self.len() >= MAX_TERMS {
                self.overflow = true;
                self.raw.clear();
                return;
            }
            self.raw.insert(self.buf.clone());
        }
    }

    /// The date terms collected so far (raw sets only).
    pub fn dates(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .raw
            .iter()
            .filter(|t| t[0] == DATE)
            .map(|t| String::from_utf8_lossy(&t[1..]).into_owned())
            .collect();
        v.sort();
        v
    }

    /// The sorted hashes as a blob of little-endian `i64`s, or `None`
    /// when the file had too many terms to keep. Clears the set.
    pub fn finish(&mut self) -> Option<Vec<u8>> {
        if self.overflow {
            self.clear();
            return None;
        }
        let mut h: Vec<i64> = match &self.key {
            Some(_) => self.hashes.iter().copied().collect(),
            None => self.raw.iter().map(|t| raw_hash(t)).collect(),
        };
        h.sort_unstable();
        h.dedup();
        self.clear();
        Some(h.iter().flat_map(|v| v.to_le_bytes()).collect())
    }

    /// Adds the terms starting in `text[a..b]`; a term may run on to
    /// `limit` (the region's context), and one cut at `a` was taken by the
    /// region before.
    pub fn region(&mut self, text: &[u8], a: usize, b: usize, limit: usize) {
        if self.overflow || a >= b {
            return;
        }
        self.words(text, a, b, limit);
        self.skeletons_and_dates(text, a, b, limit);
        self.emails(text, a, b, limit);
    }

    fn words(&mut self, text: &[u8], a: usize, b: usize, limit: usize) {
        let s = match std::str::from_utf8(&text[a..limit]) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&text[a..a + e.valid_up_to()]).unwrap_or_default(),
        };
        let before = if a > 0 {
            let p = crate::extract::char_floor(text, a - 1);
            std::str::from_utf8(&text[p..a])
                .ok()
                .and_then(|s| s.chars().next())
        } else {
            None
        };
        // A word that began before `a` is the region before's.
        let mut skipping = before.is_some_and(is_word_char);
        let mut word: Option<usize> = None;
        let mut iter = s.char_indices().peekable();
        loop {
            let next = iter.next();
            let at = next.map_or(s.len(), |(i, _)| i);
            let is_word = next.is_some_and(|(_, c)| is_word_char(c));
            if is_word {
                if word.is_none() && !skipping {
                    if a + at >= b {
                        break;
                    }
                    word = Some(at);
                }
                continue;
            }
            skipping = false;
            if let Some(ws) = word.take() {
                let w = clean_word(&s[ws..at]);
                if !w.is_empty() && w.len() <= MAX_WORD {
                    fold(w, &mut self.fold);
                    let f = std::mem::take(&mut self.fold);
                    self.add(WORD, &f);
                    self.fold = f;
                }
            }
            if next.is_none() {
                break;
            }
        }
    }

    fn skeletons_and_dates(&mut self, text: &[u8], a: usize, b: usize, limit: usize) {
        // Letter-digit groups from `a`, and after `b` as far as a skeleton
        // starting before `b` can reach.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut i = a;
        // A group cut at `a` belongs to the region before.
        if a > 0 && text[a - 1].is_ascii_alphanumeric() {
            while i < limit && text[i].is_ascii_alphanumeric() {
                i += 1;
            }
        }
        let reach = MAX_SKELETON + MAX_GROUPS * MAX_GAP;
        let mut last_in: Option<usize> = None;
        while i < limit {
            if text[i].is_ascii_alphanumeric() {
                let s = i;
                while i < limit && text[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if s >= b {
                    match last_in {
                        Some(l) if s - l <= reach => {}
                        _ => break,
                    }
                } else {
                    last_in = Some(s);
                }
                groups.push((s, i));
            } else {
                i += 1;
            }
        }
        let mut skel = Vec::with_capacity(MAX_SKELETON + 8);
        for g in 0..groups.len() {
            let (s, e) = groups[g];
            if s >= b {
                break;
            }
            self.date_at(text, s, e, limit);
            skel.clear();
            let mut digit = false;
            for (n, &(gs, ge)) in groups[g..].iter().enumerate() {
                if n >= MAX_GROUPS {
                    break;
                }
                if n > 0 {
                    let (_, pe) = groups[g + n - 1];
                    if gs - pe > MAX_GAP || !text[pe..gs].iter().all(|&c| inside_identifier(c)) {
                        break;
                    }
                }
                if skel.len() + (ge - gs) > MAX_SKELETON {
                    break;
                }
                skel.extend(text[gs..ge].iter().map(u8::to_ascii_uppercase));
                digit |= text[gs..ge].iter().any(u8::is_ascii_digit);
                if digit {
                    let k = std::mem::take(&mut skel);
                    self.add(SKELETON, &k);
                    if (13..=16).contains(&k.len()) {
                        self.add(PREFIX13, &k[..13]);
                    }
                    skel = k;
                }
            }
        }
    }

    /// Dates starting at the letter-digit group `text[s..e]`.
    fn date_at(&mut self, text: &[u8], s: usize, e: usize, limit: usize) {
        let hay = &text[s..limit.min(s + 128)];
        let first_digit = text[s].is_ascii_digit();
        let group = &text[s..e];
        if first_digit {
            if group.iter().all(u8::is_ascii_digit) && matches!(group.len(), 6 | 8) {
                let n = |r: std::ops::Range<usize>| -> u32 {
                    std::str::from_utf8(&group[r])
                        .ok()
                        .and_then(|x| x.parse().ok())
                        .unwrap_or(0)
                };
                if group.len() == 8 {
                    self.date(n(0..2), n(2..4), n(4..8));
                    self.date(n(6..8), n(4..6), n(0..4));
                } else {
                    self.date(n(0..2), n(2..4), n(4..6));
                }
            }
            // Which patterns can start here, from the group's shape
            // (captures are the costly part).
            let lead = group.iter().take_while(|c| c.is_ascii_digit()).count();
            let all = lead == group.len();
            if all
                && lead <= 2
                && let Some(c) = NUMERIC.captures(hay)
            {
                self.date(cap_num(&c, 1), cap_num(&c, 2), cap_num(&c, 3));
            }
            if all
                && lead == 4
                && let Some(c) = ISO.captures(hay)
            {
                self.date(cap_num(&c, 3), cap_num(&c, 2), cap_num(&c, 1));
            }
            if lead <= 2
                && let Some(c) = ORDINAL_MONTH.captures(hay)
                && let Some(m) = c.get(2).and_then(|m| month(m.as_bytes()))
            {
                self.date(cap_num(&c, 1), m, cap_num(&c, 3));
            }
        } else if e - s >= 3
            && matches!(
                text[s].to_ascii_lowercase(),
                b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
            )
            && let Some(c) = MONTH_FIRST.captures(hay)
            && let Some(m) = c.get(1).and_then(|m| month(m.as_bytes()))
        {
            self.date(cap_num(&c, 2), m, cap_num(&c, 3));
        }
    }

    fn date(&mut self, d: u32, m: u32, y: u32) {
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            let t = date_term(d, m, y);
            self.add(DATE, t.as_bytes());
        }
    }

    fn emails(&mut self, text: &[u8], a: usize, b: usize, limit: usize) {
        // Where an address may start: after a character that cannot be in
        // its local part, as the subject search requires. Anything but
        // white space is read back from the `@` (apostrophes and accented
        // letters are valid in a local part), and every possible start is
        // kept.
        let stops =
            |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
        let domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
        for at in memchr::memchr_iter(b'@', &text[a..limit]) {
            let at = a + at;
            let mut e = at + 1;
            while e < limit && e - at < 256 && domain(text[e]) {
                e += 1;
            }
            while e > at + 1 && matches!(text[e - 1], b'.' | b'-') {
                e -= 1;
            }
            if e == at + 1 {
                continue;
            }
            let mut first = at;
            while first > 0 && at - first < 128 && !text[first - 1].is_ascii_whitespace() {
                first -= 1;
            }
            for s in first..at {
                // Taken by the region whose part it starts in.
                if s < a || s >= b || (s > first && stops(text[s - 1])) {
                    continue;
                }
                let v = String::from_utf8_lossy(&text[s..e]).to_lowercase();
                self.add(EMAIL, v.as_bytes());
            }
        }
    }
}

/// An unkeyed stand-in for raw sets' `finish` (tests only count them).
fn raw_hash(t: &[u8]) -> i64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = BuildHasherDefault::<crate::names::FxHasher>::default().build_hasher();
    h.write(t);
    h.finish() as i64
}

fn build(re: &str) -> Regex {
    RegexBuilder::new(re)
        .case_insensitive(true)
        .unicode(false)
        .build()
        .expect("date term pattern")
}

fn months_alt() -> String {
    MONTHS
        .iter()
        .map(|m| format!("(?:{m})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// 7/3/1984, 07.03.84, 7 3 '84, 07 - 03 - 1984.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    build(r"^(\d{1,2})(?:\s?[/.\-]\s?|\s)(\d{1,2})(?:\s?[/.\-]\s?|\s)(\d{4}|'?\d{2})")
});
/// 1984-03-07.
static ISO: LazyLock<Regex> = LazyLock::new(|| build(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})"));
/// 7th March 1984, 07-Mar-84, 7th day of March 1984.
static ORDINAL_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*(?:day\s+)?(?:of\s+)?({})\.?[\s\-/.,]*(\d{{4}}|'?\d{{2}})",
        months_alt()
    ))
});
/// March 7th, 1984.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"^({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}|'?\d{{2}})",
        months_alt()
    ))
});

/// Capture `i` as a number (a two-digit year may start with `'`); 0 if
/// absent.
fn cap_num(c: &regex::bytes::Captures<'_>, i: usize) -> u32 {
    c.get(i)
        .and_then(|m| std::str::from_utf8(m.as_bytes()).ok())
        .map(|x| x.trim_start_matches('\''))
        .and_then(|x| x.parse().ok())
        .unwrap_or(0)
}

/// The month a month name (as the patterns accept it) stands for.
fn month(name: &[u8]) -> Option<u32> {
    static EACH: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        MONTHS
            .iter()
            .map(|m| build(&format!("^(?:{m})$")))
            .collect()
    });
    EACH.iter()
        .position(|r| r.is_match(name))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut t = TermSet::default();
        t.region(text.as_bytes(), 0, text.len(), text.len());
        let mut v: Vec<String> = t
            .raw
            .iter()
            .map(|r| format!("{}:{}", r[0] as char, String::from_utf8_lossy(&r[1..])))
            .collect();
        v.sort();
        v
    }

    fn has(text: &str, want: &[&str]) {
        let got = terms(text);
        for w in want {
            assert!(got.iter().any(|g| g == w), "{text:?}: no {w} in {got:?}");
        }
    }

    #[test]
    fn words_fold_as_the_name_matcher_does() {
        let cases: &[(&str, &[&str])] = &[
            ("Robert O'Neill's file", &["w:robert", "w:oneill", "w:file"]),
            (
                "Ó Néill, SMITH-Jones",
                &["w:o", "w:neill", "w:smith", "w:jones"],
            ),
            (
                "'quoted' 12 Acacia Ave",
                &["w:quoted", "w:12", "w:acacia", "w:ave"],
            ),
        ];
        for (text, want) in cases {
            has(text, want);
        }
        assert!(!terms("Smith's").contains(&"w:smiths".to_string()));
    }

    #[test]
    fn identifiers_in_any_spacing_give_their_skeleton() {
        let cases: &[(&str, &[&str])] = &[
            ("NINO: AB 12 34 56 C.", &["k:AB123456C", "k:AB123456"]),
            ("A B 1 2 3 4 5 6 C", &["k:AB123456C"]),
            (
                "tel +44 (0)7700 900123",
                &["k:4407700900123", "k:07700900123"],
            ),
            ("07700-900-123", &["k:07700900123"]),
            ("at B1 1AA today", &["k:B11AA"]),
            ("reg ab12cde", &["k:AB12CDE"]),
            ("PNC 2001/0012345X", &["k:20010012345X"]),
            (
                "SMITH 803074 RJ9 AB",
                &["k:SMITH803074RJ9AB", "p:SMITH803074RJ"],
            ),
            ("0 7 7 0 0 9 0 0 1 2 3", &["k:07700900123"]),
        ];
        for (text, want) in cases {
            has(text, want);
        }
        // No skeleton without a digit, none over 20 characters.
        assert!(terms("John Smith").iter().all(|t| !t.starts_with("k:")));
        assert!(
            terms("1234567890 1234567890 1")
                .iter()
                .all(|t| !t.starts_with("k:") || t.len() <= 22)
        );
    }

    #[test]
    fn dates_in_every_dob_form() {
        let cases: &[(&str, &str)] = &[
            ("DOB 07/03/1984", "d:7-3-84"),
            ("dob 7.3.84", "d:7-3-84"),
            ("born 07 03 1984", "d:7-3-84"),
            ("1984-03-07", "d:7-3-84"),
            ("7th March 1984", "d:7-3-84"),
            ("07-Mar-84", "d:7-3-84"),
            ("the 7th day of March 1984", "d:7-3-84"),
            ("March 7th, 1984", "d:7-3-84"),
            ("070384", "d:7-3-84"),
            ("07031984", "d:7-3-84"),
            ("19840307", "d:7-3-84"),
            ("born '84 on 7 3 '84", "d:7-3-84"),
            (
                "7th                                               March 1984",
                "d:7-3-84",
            ),
        ];
        for (text, want) in cases {
            has(text, &[want]);
        }
    }

    #[test]
    fn emails_are_kept_whole_and_lower_case() {
        has(
            "mail Bob.Smith@Example.COM. or x@y",
            &["e:bob.smith@example.com", "e:x@y"],
        );
        has(
            "(mary.o'brien@example.com) <josé.smith@example.com>",
            &["e:mary.o'brien@example.com", "e:josé.smith@example.com"],
        );
    }

    #[test]
    fn regions_split_terms_once() {
        // A word and a skeleton cut by a region edge go to the region
        // they start in.
        let text = b"Robert AB 12 34 56 C end";
        let mut t = TermSet::default();
        t.region(text, 0, 3, text.len());
        t.region(text, 3, 10, text.len());
        t.region(text, 10, text.len(), text.len());
        let mut whole = TermSet::default();
        whole.region(text, 0, text.len(), text.len());
        assert_eq!(t.raw, whole.raw);
    }

    #[test]
    fn too_many_terms_keep_none() {
        let key = Key::from_bytes(&[7; 32]);
        let mut t = TermSet::keyed(&key);
        t.region(b"one two one", 0, 11, 11);
        let blob = t.finish().unwrap();
        assert_eq!(blob.len(), 16);
        let mut want = [term_hash(&key, WORD, b"one"), term_hash(&key, WORD, b"two")];
        want.sort();
        assert_eq!(&blob[..8], &want[0].to_le_bytes());
        t.overflow = true;
        assert_eq!(t.finish(), None);
    }
}
