//! Person names: a gazetteer of forenames and surnames and the forms UK
//! records write names in.
//!
//! Names are not found by the regex or keyword passes: a name is a short run
//! of capitalised words, and whether it is a name depends on the words
//! themselves (is each a known forename or surname? is it also an ordinary
//! English word?) and on what is around it (a title or rank, a label such as
//! "Name:" or "suspect", a `Surname` column). So this stage walks the words
//! of a region once, looks up only the capitalised ones, and tries the forms
//! of DOMAIN.md §5.1 at each:
//!
//! * `Forename [Middle] Surname`, with initials (`J. Smith`, `J P Smith`);
//! * `SURNAME, Forename [Middle]` and `SURNAME Forename` (custody and PNC
//!   style);
//! * `JP SMITH` (run-together initials);
//! * a single known name only with evidence: a title or rank (`Mr Black`,
//!   `DC White`), a label keyword just before, or a name column.
//!
//! Words that are also ordinary English words (Will, Mark, May, Rose,
//! Reading, Black, White ...: `patterns/names/ambiguous.txt`) never make a
//! name on their own: a run of only such words needs a title, a label or a
//! column. A run ending in a place or organisation word (Street, Road,
//! Council, Court ...) is a place, not a person.
//!
//! One finding per whole name; its parts (forename, middle, surname,
//! initial, title) are reported by offset, never by value.

use std::collections::HashMap;

/// The role of one word of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    Forename,
    Middle,
    Surname,
    Initial,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Forename => "forename",
            Part::Middle => "middle",
            Part::Surname => "surname",
            Part::Initial => "initial",
        }
    }
}

/// Why a run was taken as a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A title or rank before it.
    Title,
    /// A label keyword ("Name:", "suspect") just before it.
    Label,
    /// A column whose header names it.
    Column,
    /// A known forename followed by a known surname (or the reverse in
    /// `SURNAME, Forename` form).
    Form,
}

/// A name found: its span, parts and evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub parts: Vec<(usize, usize, Part)>,
    pub evidence: Evidence,
}

/// A fast hasher for short byte strings (FxHash's mixing): SipHash cost a
/// visible share of the run on name lookups, and these keys are not
/// attacker-chosen in a way that matters (a slow lookup, not a leak).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(v))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = std::hash::BuildHasherDefault<FxHasher>;

const FORE: u8 = 1;
const SUR: u8 = 2;
const AMB: u8 = 4;
const TITLE: u8 = 8;
const PLACE: u8 = 16;

/// Forenames, surnames, the names that are also ordinary words, titles and
/// place words: one lookup per capitalised word.
#[derive(Debug, Default)]
pub struct Gazetteer {
    words: HashMap<Vec<u8>, u8, Fx>,
    forenames: usize,
    surnames: usize,
    ambiguous: usize,
}

/// Titles and ranks (DOMAIN.md §5.1), folded.
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "miss",
    "ms",
    "mx",
    "dr",
    "prof",
    "rev",
    "fr",
    "sir",
    "dame",
    "lord",
    "lady",
    "pc",
    "dc",
    "ps",
    "ds",
    "di",
    "dci",
    "ci",
    "insp",
    "inspector",
    "sgt",
    "sergeant",
    "supt",
    "pcso",
    "det",
    "detective",
    "constable",
    "acc",
    "dcc",
    "master",
    "mstr",
];

/// Words that make a capitalised run a place or an organisation.
const PLACE_WORDS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "lane",
    "ln",
    "avenue",
    "ave",
    "close",
    "drive",
    "way",
    "place",
    "park",
    "square",
    "court",
    "hill",
    "gardens",
    "crescent",
    "terrace",
    "grove",
    "station",
    "hospital",
    "school",
    "college",
    "university",
    "council",
    "police",
    "house",
    "centre",
    "center",
    "church",
    "hotel",
    "borough",
    "county",
    "city",
    "district",
    "services",
    "service",
    "limited",
    "ltd",
    "plc",
    "group",
    "trust",
    "unit",
    "team",
    "office",
    "department",
    "act",
    "court",
    "prison",
    "surgery",
    "practice",
    "academy",
    "constabulary",
    "division",
    "estate",
    "green",
    "row",
    "walk",
    "mews",
    "wharf",
    "quay",
    "bridge",
    "cross",
    "gate",
    "valley",
    "wood",
    "farm",
    "market",
    "parade",
    "view",
    "rise",
];

/// Particles inside surnames ("de la", "van", "ap"), folded.
const PARTICLES: &[&str] = &[
    "de", "la", "le", "van", "von", "der", "den", "da", "di", "del", "ap", "ferch", "bin", "al",
    "el", "ni", "nic",
];

/// Lower case, diacritics and apostrophes removed: Siobhán → siobhan,
/// O'Neill / O’Neill → oneill.
pub fn fold(word: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in word.chars() {
        let f: &str = match c {
            '\'' | '’' | '.' => continue,
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ą' => {
                "a"
            }
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ę' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
            'ł' | 'Ł' => "l",
            'ñ' | 'ń' | 'Ñ' | 'Ń' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                "o"
            }
            'ś' | 'š' | 'Ś' | 'Š' => "s",
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
            'ý' | 'ÿ' | 'Ý' => "y",
            'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
            'ß' => "ss",
            c if c.is_ascii() => {
                out.push(c.to_ascii_lowercase() as u8);
                continue;
            }
            c => {
                let mut b = [0u8; 4];
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut b).as_bytes());
                }
                continue;
            }
        };
        out.extend_from_slice(f.as_bytes());
    }
}

impl Gazetteer {
    /// Builds the gazetteer from `name<TAB>weight` lines (forenames,
    /// surnames) and one ambiguous name per line. `#` lines are comments.
    pub fn parse(forenames: &str, surnames: &str, ambiguous: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut buf = Vec::new();
        let mut add = |g: &mut Gazetteer, text: &str, flag: u8| -> usize {
            let mut n = 0;
            for line in text.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let name = line.split('\t').next().unwrap_or("").trim();
                fold(name, &mut buf);
                if !buf.is_empty() {
                    *g.words.entry(buf.clone()).or_insert(0) |= flag;
                    n += 1;
                }
            }
            n
        };
        g.forenames = add(&mut g, forenames, FORE);
        g.surnames = add(&mut g, surnames, SUR);
        g.ambiguous = add(&mut g, ambiguous, AMB);
        for t in TITLES {
            *g.words.entry(t.as_bytes().to_vec()).or_insert(0) |= TITLE;
        }
        for p in PLACE_WORDS {
            *g.words.entry(p.as_bytes().to_vec()).or_insert(0) |= PLACE;
        }
        g
    }

    /// (forenames, surnames, ambiguous) entries.
    pub fn len(&self) -> (usize, usize, usize) {
        (self.forenames, self.surnames, self.ambiguous)
    }

    pub fn is_empty(&self) -> bool {
        self.forenames == 0 && self.surnames == 0
    }

    /// Whether a folded word is a forename or surname that is not also an
    /// ordinary word (`jane`, `bloggs`, not `brown`, `will`).
    pub fn is_person_word(&self, folded: &[u8]) -> bool {
        let f = self.flags(folded);
        f & (FORE | SUR) != 0 && f & AMB == 0
    }

    /// Whether a folded word is a known forename.
    pub fn is_forename(&self, folded: &[u8]) -> bool {
        self.flags(folded) & FORE != 0
    }

    fn flags(&self, folded: &[u8]) -> u8 {
        self.words.get(folded).copied().unwrap_or(0)
    }

    /// Surname forms not listed as such: double-barrelled (Smith-Jones when
    /// both halves are surnames) and Mc/Mac (MacDonald = McDonald).
    fn surname_variant(&self, folded: &[u8]) -> bool {
        let sur = |f: &[u8]| self.flags(f) & SUR != 0;
        if let Some(i) = folded.iter().position(|&b| b == b'-') {
            let (a, b) = (&folded[..i], &folded[i + 1..]);
            return !a.is_empty() && !b.is_empty() && sur(a) && sur(b);
        }
        if folded.len() > 4 {
            let mut m = Vec::with_capacity(folded.len() + 1);
            if let Some(rest) = folded.strip_prefix(b"mac") {
                m.extend_from_slice(b"mc");
                m.extend_from_slice(rest);
                return sur(&m);
            }
            if let Some(rest) = folded.strip_prefix(b"mc") {
                m.extend_from_slice(b"mac");
                m.extend_from_slice(rest);
                return sur(&m);
            }
        }
        false
    }
}

/// One word of the text.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    /// First letter upper case.
    cap: bool,
    /// Every letter upper case (and more than one letter).
    upper: bool,
    /// A single letter (optionally followed by a dot): an initial.
    initial: bool,
    /// The bytes between the previous word and this one are only spaces.
    spaced: bool,
    /// A comma (then spaces) separates the previous word from this one.
    comma: bool,
    /// Gazetteer facts, looked up once (capitalised words only).
    fore: bool,
    sur: bool,
    amb: bool,
    title: bool,
    place: bool,
    /// Folded length (1 for an initial).
    flen: usize,
}

/// The letter (and its byte length) at `i` of `b`, or None.
#[inline]
fn letter_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let x = *b.get(i)?;
    if x < 0x80 {
        return x.is_ascii_alphabetic().then_some((x as char, 1));
    }
    let end = (i + 4).min(b.len());
    let s = match std::str::from_utf8(&b[i..end]) {
        Ok(s) => s,
        Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&b[i..i + e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let c = s.chars().next()?;
    c.is_alphabetic().then_some((c, c.len_utf8()))
}

/// The first position from `i` holding an ASCII capital or a non-ASCII
/// byte (`b.len()` if none), eight bytes at a time.
#[inline]
fn next_capital(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while i + 8 <= b.len() {
        let x = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let low7 = x & !HIGH;
        // Per byte, without carries (low7 + 0x3f <= 0xbe): >= 'A', > 'Z'.
        let ge_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & HIGH;
        let gt_z = low7.wrapping_add(0x2525_2525_2525_2525) & HIGH;
        let hits = (x & HIGH) | (ge_a & !gt_z);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !(b[i].is_ascii_uppercase() || b[i] >= 0x80) {
        i += 1;
    }
    i
}

/// Whether position `i` of `b` continues a word (a letter, or an inner
/// apostrophe or hyphen after one, comes just before it).
fn inside_word(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = b[i - 1];
    if p.is_ascii_alphabetic() {
        return true;
    }
    if p == b'\'' || p == b'-' {
        return i >= 2 && (b[i - 2].is_ascii_alphabetic() || b[i - 2] >= 0x80);
    }
    if p >= 0x80 {
        // Back up to the start of the previous character.
        let mut s = i - 1;
        while s > 0 && i - s < 4 && (b[s] & 0xC0) == 0x80 {
            s -= 1;
        }
        if b[s..i] == *"’".as_bytes() {
            return s >= 1 && b[s - 1].is_ascii_alphabetic();
        }
        return letter_at(b, s).is_some_and(|(_, n)| s + n == i);
    }
    false
}

/// The capitalised words of `text[lo..hi]` (runs of letters with inner
/// apostrophes and hyphens: O'Brien, Smith-Jones; non-ASCII letters count),
/// and the lower-case surname particles that follow one ("ap", "de la").
/// Lower-case prose is skipped a byte at a time without decoding: only
/// capitals and non-ASCII bytes stop the scan. A skipped word still
/// separates the words around it (the gap holds letters, so they are not
/// "spaced"). Each capitalised word is looked up in the gazetteer once,
/// here.
fn split_words(
    g: &Gazetteer,
    text: &[u8],
    lo: usize,
    hi: usize,
    out: &mut Vec<Word>,
    buf: &mut Vec<u8>,
) {
    out.clear();
    let b = &text[lo..hi];
    let mut i = 0;
    let mut prev_end: Option<usize> = None;
    loop {
        i = next_capital(b, i);
        if i >= b.len() {
            break;
        }
        if inside_word(b, i) {
            i += 1;
            continue;
        }
        let Some((c0, n0)) = letter_at(b, i) else {
            i += 1;
            continue;
        };
        if !c0.is_uppercase() {
            i += n0;
            continue;
        }
        i = push_word(g, b, lo, i, true, &mut prev_end, out, buf);
        // Particles that continue a name: "Dylan ap Rhys", "Ana de la Cruz".
        loop {
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if j == i || j >= b.len() || !b[j].is_ascii_lowercase() {
                break;
            }
            let mut e = j;
            while e < b.len() && b[e].is_ascii_lowercase() {
                e += 1;
            }
            if e - j > 5 || !PARTICLES.iter().any(|p| p.as_bytes() == &b[j..e]) {
                break;
            }
            i = push_word(g, b, lo, j, false, &mut prev_end, out, buf);
        }
    }
    join_surnames(g, text, out, buf);
}

/// Reads the word starting at `start` of `b` (`text[lo..]`), pushes it with
/// its gap facts and, if capitalised, its gazetteer flags; returns its end.
#[allow(clippy::too_many_arguments)]
fn push_word(
    g: &Gazetteer,
    b: &[u8],
    lo: usize,
    start: usize,
    cap: bool,
    prev_end: &mut Option<usize>,
    out: &mut Vec<Word>,
    buf: &mut Vec<u8>,
) -> usize {
    let mut i = start;
    let mut upper = true;
    let mut letters = 0;
    let mut ascii = true;
    while i < b.len() {
        // ASCII letters, the common case, without decoding.
        let x = b[i];
        if x.is_ascii_alphabetic() {
            letters += 1;
            upper &= x.is_ascii_uppercase();
            i += 1;
            continue;
        }
        if let Some((c, n)) = letter_at(b, i) {
            letters += 1;
            if c.is_lowercase() {
                upper = false;
            }
            ascii &= n == 1;
            i += n;
        } else if (b[i] == b'\'' || b[i] == b'-') && letter_at(b, i + 1).is_some() {
            i += 1;
        } else if b[i..].starts_with("’".as_bytes()) && letter_at(b, i + 3).is_some() {
            ascii = false;
            i += 3;
        } else {
            break;
        }
    }
    let gap = prev_end.map(|p| &b[p..start]);
    let spaced = gap.is_some_and(|g| !g.is_empty() && g.iter().all(|&x| x == b' '));
    let comma = gap.is_some_and(|g| g.first() == Some(&b',') && g[1..].iter().all(|&x| x == b' '));
    let dotted = gap.is_some_and(|g| g == b". " || g == b".");
    let mut w = Word {
        start: lo + start,
        end: lo + i,
        cap,
        upper: upper && letters > 1,
        initial: letters == 1 && cap,
        spaced: spaced || dotted,
        comma,
        fore: false,
        sur: false,
        amb: false,
        title: false,
        place: false,
        flen: letters,
    };
    if cap {
        if ascii {
            buf.clear();
            buf.extend(
                b[start..i]
                    .iter()
                    .filter(|&&x| x != b'\'')
                    .map(u8::to_ascii_lowercase),
            );
        } else {
            fold(std::str::from_utf8(&b[start..i]).unwrap_or(""), buf);
        }
        let f = g.flags(buf);
        w.flen = buf.len();
        w.fore = f & FORE != 0;
        w.sur = f & SUR != 0 || g.surname_variant(buf);
        w.amb = f & AMB != 0;
        w.title = f & TITLE != 0;
        w.place = f & PLACE != 0;
    }
    out.push(w);
    *prev_end = Some(i);
    i
}

/// First words of the surnames that are written as two words.
const SURNAME_HEADS: &[&[u8]] = &[
    b"ni", b"nic", b"o", b"ua", b"mac", b"mc", b"de", b"dela", b"del", b"della", b"van", b"von",
    b"le", b"la", b"da", b"di", b"du", b"st", b"bin", b"al", b"el", b"ap", b"ab", b"ben",
];

/// Joins two-word surnames the gazetteer lists as one entry ("Ní Bhriain",
/// "Ó Súilleabháin", "Dela Cruz") into one surname word.
fn join_surnames(g: &Gazetteer, text: &[u8], words: &mut Vec<Word>, buf: &mut Vec<u8>) {
    let head = |w: &Word, buf: &mut Vec<u8>| {
        w.cap && w.flen <= 4 && {
            fold(
                std::str::from_utf8(&text[w.start..w.end]).unwrap_or(""),
                buf,
            );
            SURNAME_HEADS.contains(&buf.as_slice())
        }
    };
    let mut i = 0;
    while i + 1 < words.len() {
        let (a, b) = (words[i], words[i + 1]);
        if b.cap && b.spaced && text[a.end..b.start] == *b" " && head(&a, buf) {
            fold(
                std::str::from_utf8(&text[a.start..b.end]).unwrap_or(""),
                buf,
            );
            if g.flags(buf) & SUR != 0 {
                words[i] = Word {
                    end: b.end,
                    upper: a.upper && b.upper,
                    initial: false,
                    sur: true,
                    fore: false,
                    amb: false,
                    title: false,
                    place: false,
                    flen: buf.len(),
                    ..a
                };
                words.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// Finds names in a region; reusable per thread.
#[derive(Default)]
pub struct NameFinder {
    words: Vec<Word>,
    fold: Vec<u8>,
}

/// What the caller knows about the surroundings.
pub struct NameContext<'a> {
    /// Positions of label keywords ("name", "suspect" ...): (start, end).
    pub labels: &'a [(usize, usize)],
    /// The whole span is a cell of a name column.
    pub column: bool,
}

impl NameFinder {
    /// Finds names starting in `text[lo..hi]`, appending them to `out`.
    /// `ctx.labels` must be sorted by position.
    pub fn find(
        &mut self,
        g: &Gazetteer,
        text: &[u8],
        lo: usize,
        hi: usize,
        ctx: &NameContext<'_>,
        out: &mut Vec<NameHit>,
    ) {
        if g.is_empty() {
            return;
        }
        let mut words = std::mem::take(&mut self.words);
        split_words(g, text, lo, hi, &mut words, &mut self.fold);
        let mut i = 0;
        while i < words.len() {
            if !words[i].cap {
                i += 1;
                continue;
            }
            match name_at(text, &words, i, ctx) {
                Some((hit, next)) => {
                    out.push(hit);
                    i = next;
                }
                None => i += 1,
            }
        }
        self.words = words;
    }
}

/// Labels that name a person only as a field ("From: Jo Bloggs"), never in
/// prose ("from Poland", "to Bath").
const FIELD_ONLY_LABELS: &[&[u8]] = &[b"from", b"to", b"cc", b"contact", b"signed", b"author"];

/// Whether a label keyword ends just before `start` (within 24 bytes of
/// spaces, colons, dashes or a comma: "The suspect, Mark Rose,").
fn labelled(text: &[u8], labels: &[(usize, usize)], start: usize) -> bool {
    let k = labels.partition_point(|&(_, e)| e <= start);
    labels[..k]
        .iter()
        .rev()
        .take_while(|&&(_, e)| start - e <= 24)
        .any(|&(s, e)| {
            let gap = &text[e..start];
            gap.iter()
                .all(|&b| matches!(b, b' ' | b':' | b'-' | b'\t' | b'=' | b','))
                && (gap.contains(&b':')
                    || !FIELD_ONLY_LABELS
                        .iter()
                        .any(|l| l.eq_ignore_ascii_case(&text[s..e])))
        })
}

/// Whether the text between a rank and a name is a collar or warrant
/// number: "PC 1234 Davies".
fn collar_number(gap: &[u8]) -> bool {
    let inner = gap.strip_prefix(b" ").and_then(|g| g.strip_suffix(b" "));
    inner.is_some_and(|n| (1..=6).contains(&n.len()) && n.iter().all(u8::is_ascii_digit))
}

/// Tries every name form at word `i`; returns the hit and the index of the
/// word after it.
fn name_at(text: &[u8], ws: &[Word], i: usize, ctx: &NameContext<'_>) -> Option<(NameHit, usize)> {
    // Every form begins with a title, a known name part or an initial
    // ("The", "He", "Police" begin none).
    let w = &ws[i];
    if !(w.title || w.fore || w.sur || w.initial || (w.upper && w.end - w.start <= 3)) {
        return None;
    }
    // A title or rank, then the name.
    let mut j = i;
    let mut title = None;
    if ws[i].title
        && i + 1 < ws.len()
        && ws[i + 1].cap
        && (ws[i + 1].spaced || collar_number(&text[ws[i].end..ws[i + 1].start]))
    {
        title = Some(i);
        j = i + 1;
    }
    // Up to four name words after any title: each capitalised, an initial,
    // or a particle ("de la"), separated by spaces (or one comma after an
    // upper-case surname).
    let mut run: [usize; 4] = [0; 4];
    let mut n_run = 0;
    let mut k = j;
    while k < ws.len() && n_run < 4 {
        let w = &ws[k];
        if k > j && !(w.spaced || (w.comma && n_run == 1 && ws[j].upper)) {
            break;
        }
        let particle = k > j && !w.cap && {
            let t = &text[w.start..w.end];
            PARTICLES
                .iter()
                .any(|p| p.as_bytes().eq_ignore_ascii_case(t))
        };
        if !(w.cap || particle) {
            break;
        }
        if title.is_none() && w.place && !w.upper {
            // "Victoria Street", "Reading Borough Council": a place (but
            // "Mr Church" is a person).
            return None;
        }
        run[n_run] = k;
        n_run += 1;
        k += 1;
    }
    if n_run == 0 {
        return None;
    }
    let label = ctx.column || labelled(text, ctx.labels, ws[title.unwrap_or(j)].start);
    let evidence_outside = title.is_some() || label;
    let short_upper = |w: &Word| w.upper && w.end - w.start <= 3;

    // The longest form that fits, from the longest run down.
    for n in (1..=n_run).rev() {
        let r = &run[..n];
        let first = &ws[r[0]];
        let last = &ws[r[n - 1]];
        let all_amb = r.iter().all(|&x| ws[x].amb || ws[x].flen == 1);
        let mut parts: Vec<(usize, usize, Part)> = Vec::new();
        if let Some(t) = title {
            parts.push((ws[t].start, ws[t].end, Part::Title));
        }
        // SURNAME, Forename [Middle]
        if n >= 2
            && ws[r[1]].comma
            && first.upper
            && first.sur
            && (ws[r[1]].fore || ws[r[1]].initial)
        {
            parts.push((first.start, first.end, Part::Surname));
            for (m, &x) in r[1..].iter().enumerate() {
                let w = &ws[x];
                let role = if w.initial {
                    Part::Initial
                } else if m == 0 {
                    Part::Forename
                } else {
                    Part::Middle
                };
                parts.push((w.start, w.end, role));
            }
            if all_amb && !evidence_outside {
                continue;
            }
            return Some((hit(parts, title, label), r[n - 1] + 1));
        }
        if n >= 2 && r[1..].iter().any(|&x| ws[x].comma) {
            continue;
        }
        // SURNAME Forename (custody style): upper-case surname first.
        if n == 2 && first.upper && !last.upper && first.sur && last.fore && !first.fore {
            parts.push((first.start, first.end, Part::Surname));
            parts.push((last.start, last.end, Part::Forename));
            if all_amb && !evidence_outside {
                continue;
            }
            return Some((hit(parts, title, label), r[n - 1] + 1));
        }
        // Forename / initials [Middle] Surname
        if n >= 2 && last.sur && !last.initial {
            let head_ok = r[..n - 1].iter().enumerate().all(|(m, &x)| {
                let w = &ws[x];
                w.initial
                    || w.fore
                    || (m > 0 && (w.sur || !w.cap))
                    || (short_upper(w) && m == 0 && n == 2)
            });
            if head_ok {
                for (m, &x) in r[..n - 1].iter().enumerate() {
                    let w = &ws[x];
                    let role = if w.initial || (short_upper(w) && !w.fore) {
                        Part::Initial
                    } else if m == 0 {
                        Part::Forename
                    } else {
                        Part::Middle
                    };
                    parts.push((w.start, w.end, role));
                }
                parts.push((last.start, last.end, Part::Surname));
                let initials_only = parts
                    .iter()
                    .all(|p| matches!(p.2, Part::Initial | Part::Surname | Part::Title));
                if (all_amb || (initials_only && last.amb)) && !evidence_outside {
                    continue;
                }
                return Some((hit(parts, title, label), r[n - 1] + 1));
            }
        }
        // A single known name, only with evidence.
        if n == 1 && evidence_outside && (first.sur || first.fore) && !first.initial {
            let role = if first.sur {
                Part::Surname
            } else {
                Part::Forename
            };
            parts.push((first.start, first.end, role));
            return Some((hit(parts, title, label), r[0] + 1));
        }
    }
    None
}

fn hit(parts: Vec<(usize, usize, Part)>, title: Option<usize>, label: bool) -> NameHit {
    let start = parts.first().map(|p| p.0).unwrap_or(0);
    let end = parts.last().map(|p| p.1).unwrap_or(0);
    NameHit {
        start,
        end,
        parts,
        evidence: if title.is_some() {
            Evidence::Title
        } else if label {
            Evidence::Label
        } else {
            Evidence::Form
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::parse(
            "John\t5\nPaul\t4\nSiobhán\t3\nWill\t4\nMark\t4\nRose\t3\nVictoria\t4\nJordan\t4\nAisha\t3\nMohammed\t5\nImran\t3\nGrace\t3",
            "Smith\t5\nO'Neill\t3\nMcDonald\t3\nJones\t5\nBlack\t4\nWhite\t5\nBegum\t4\nKhan\t4\nPrice\t4\nReading\t1\nChurch\t2\nStreet\t1\nDavies\t5\nRose\t3\nNí Bhriain\t2\nPoland\t2",
            "will\nmark\nrose\nreading\nblack\nwhite\nchurch\nstreet\ngrace\nprice",
        )
    }

    fn names(t: &str) -> Vec<String> {
        names_with(t, &[], false)
    }

    fn names_with(t: &str, labels: &[(usize, usize)], column: bool) -> Vec<String> {
        let g = gaz();
        let mut f = NameFinder::default();
        let mut out = Vec::new();
        f.find(
            &g,
            t.as_bytes(),
            0,
            t.len(),
            &NameContext { labels, column },
            &mut out,
        );
        out.iter().map(|h| t[h.start..h.end].to_string()).collect()
    }

    #[test]
    fn uk_record_forms() {
        assert_eq!(names("Suspect John Smith was seen"), vec!["John Smith"]);
        assert_eq!(names("SMITH, John Paul arrested"), vec!["SMITH, John Paul"]);
        assert_eq!(names("SMITH John detained"), vec!["SMITH John"]);
        assert_eq!(
            names("seen by J. Smith and J P Smith"),
            vec!["J. Smith", "J P Smith"]
        );
        assert_eq!(names("JP SMITH charged"), vec!["JP SMITH"]);
        assert_eq!(
            names("Mr Black and DC White attended"),
            vec!["Mr Black", "DC White"]
        );
        assert_eq!(
            names("Siobhán O'Neill and Siobhan ONeill"),
            vec!["Siobhán O'Neill", "Siobhan ONeill"]
        );
        assert_eq!(
            names("Aisha BEGUM, Mohammed Imran Khan"),
            vec!["Aisha BEGUM", "Mohammed Imran Khan"]
        );
        assert_eq!(names("John MacDonald"), vec!["John MacDonald"]);
        assert_eq!(names("John Smith-Jones"), vec!["John Smith-Jones"]);
        // A collar number between rank and name.
        assert_eq!(names("PC 1234 Davies attended"), vec!["PC 1234 Davies"]);
        assert!(names("PC 1234567 Davies").is_empty());
        // Two-word surnames listed as one entry.
        assert_eq!(names("DC Ní Bhriain"), vec!["DC Ní Bhriain"]);
    }

    #[test]
    fn labels_before_names() {
        // Comma apposition after a label.
        let t = "The suspect, Mark Rose, ran";
        assert_eq!(names_with(t, &[(4, 11)], false), vec!["Mark Rose"]);
        // "from" and "to" are labels in email headers only.
        let t = "Nowak came from Poland";
        assert!(names_with(t, &[(11, 15)], false).is_empty());
        let t = "From: Poland";
        assert_eq!(names_with(t, &[(0, 4)], false), vec!["Poland"]);
    }

    #[test]
    fn ambiguous_words_need_evidence() {
        assert!(names("Will you call back? Mark the date.").is_empty());
        assert!(names("Reading Borough Council").is_empty());
        assert!(names("Victoria Street, Black Lake").is_empty());
        assert!(names("Rose Church").is_empty());
        assert_eq!(names("Mr Rose Church"), vec!["Mr Rose Church"]);
        assert!(names("Grace").is_empty());
        let t = "Name: Grace";
        assert_eq!(names_with(t, &[(0, 4)], false), vec!["Grace"]);
        assert_eq!(names_with("Price", &[], true), vec!["Price"]);
        assert!(names("Smith").is_empty(), "a lone surname needs evidence");
    }

    #[test]
    fn next_capital_finds_capitals_and_non_ascii() {
        let naive = |b: &[u8], i: usize| {
            (i..b.len())
                .find(|&j| b[j].is_ascii_uppercase() || b[j] >= 0x80)
                .unwrap_or(b.len())
        };
        let t = "the quick brown fox @[`{ jumps Over the lazy dog; zoë and Ünal and ZZ".as_bytes();
        for i in 0..t.len() {
            assert_eq!(next_capital(t, i), naive(t, i), "from {i}");
        }
        let all: Vec<u8> = (0..=255u8).collect();
        for i in 0..all.len() {
            assert_eq!(next_capital(&all, i), naive(&all, i), "from {i}");
        }
    }

    #[test]
    fn folding() {
        let mut b = Vec::new();
        fold("Siobhán", &mut b);
        assert_eq!(b, b"siobhan");
        fold("O’Neill", &mut b);
        assert_eq!(b, b"oneill");
    }
}
