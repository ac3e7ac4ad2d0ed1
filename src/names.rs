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

use std::collections::{HashMap, HashSet};

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
    /// Every word of the name is also an ordinary English word.
    pub all_ambiguous: bool,
}

/// Forenames, surnames and the names that are also ordinary words.
#[derive(Debug, Default)]
pub struct Gazetteer {
    forenames: HashMap<Vec<u8>, u8>,
    surnames: HashMap<Vec<u8>, u8>,
    ambiguous: HashSet<Vec<u8>>,
}

/// Titles and ranks (DOMAIN.md §5.1), folded.
const TITLES: &[&str] = &[
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
        let table = |text: &str, map: &mut HashMap<Vec<u8>, u8>, buf: &mut Vec<u8>| {
            for line in text.lines() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut it = line.split('\t');
                let name = it.next().unwrap_or("").trim();
                let w: u8 = it.next().and_then(|w| w.trim().parse().ok()).unwrap_or(3);
                fold(name, buf);
                if !buf.is_empty() {
                    let e = map.entry(buf.clone()).or_insert(0);
                    *e = (*e).max(w);
                }
            }
        };
        table(forenames, &mut g.forenames, &mut buf);
        table(surnames, &mut g.surnames, &mut buf);
        for line in ambiguous.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            fold(line.trim(), &mut buf);
            g.ambiguous.insert(buf.clone());
        }
        g
    }

    pub fn len(&self) -> (usize, usize, usize) {
        (
            self.forenames.len(),
            self.surnames.len(),
            self.ambiguous.len(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.forenames.is_empty() && self.surnames.is_empty()
    }

    fn forename(&self, folded: &[u8]) -> bool {
        self.forenames.contains_key(folded)
    }

    fn surname(&self, folded: &[u8]) -> bool {
        if self.surnames.contains_key(folded) {
            return true;
        }
        // Double-barrelled: Smith-Jones when both halves are surnames.
        if let Some(i) = folded.iter().position(|&b| b == b'-') {
            let (a, b) = (&folded[..i], &folded[i + 1..]);
            return !a.is_empty()
                && !b.is_empty()
                && self.surnames.contains_key(a)
                && self.surnames.contains_key(b);
        }
        // Mc/Mac forms: MacDonald and McDonald are the same surname.
        if let Some(rest) = folded.strip_prefix(b"mac") {
            let mut m = b"mc".to_vec();
            m.extend_from_slice(rest);
            return self.surnames.contains_key(&m);
        }
        if let Some(rest) = folded.strip_prefix(b"mc") {
            let mut m = b"mac".to_vec();
            m.extend_from_slice(rest);
            return self.surnames.contains_key(&m);
        }
        false
    }

    fn ambiguous(&self, folded: &[u8]) -> bool {
        self.ambiguous.contains(folded)
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
}

/// Words of `text[lo..hi]`: runs of letters with inner apostrophes and
/// hyphens (O'Brien, Smith-Jones). Non-ASCII letters count as letters.
fn split_words(text: &[u8], lo: usize, hi: usize, out: &mut Vec<Word>) {
    out.clear();
    let s = match std::str::from_utf8(&text[lo..hi]) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&text[lo..lo + e.valid_up_to()]).unwrap_or(""),
    };
    let b = s.as_bytes();
    let mut i = 0;
    let mut prev_end: Option<usize> = None;
    while i < b.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if !c.is_alphabetic() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut upper = true;
        let mut letters = 0;
        let cap = c.is_uppercase();
        while i < b.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_alphabetic() {
                letters += 1;
                if c.is_lowercase() {
                    upper = false;
                }
                i += c.len_utf8();
            } else if (c == '\'' || c == '’' || c == '-')
                && s[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        let gap = prev_end.map(|p| &b[p..start]);
        let spaced = gap.is_some_and(|g| !g.is_empty() && g.iter().all(|&x| x == b' '));
        let comma =
            gap.is_some_and(|g| g.first() == Some(&b',') && g[1..].iter().all(|&x| x == b' '));
        let dotted = gap.is_some_and(|g| g == b". " || g == b".");
        out.push(Word {
            start: lo + start,
            end: lo + i,
            cap,
            upper: upper && letters > 1,
            initial: letters == 1 && cap,
            spaced: spaced || dotted,
            comma,
        });
        prev_end = Some(i);
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
        split_words(text, lo, hi, &mut words);
        let mut i = 0;
        while i < words.len() {
            match self.name_at(g, text, &words, i, ctx) {
                Some((hit, next)) => {
                    out.push(hit);
                    i = next;
                }
                None => i += 1,
            }
        }
        self.words = words;
    }

    fn folded(&mut self, text: &[u8], w: &Word) -> Vec<u8> {
        let s = std::str::from_utf8(&text[w.start..w.end]).unwrap_or("");
        fold(s, &mut self.fold);
        self.fold.clone()
    }

    /// Tries every name form at word `i`; returns the hit and the index of
    /// the word after it.
    fn name_at(
        &mut self,
        g: &Gazetteer,
        text: &[u8],
        ws: &[Word],
        i: usize,
        ctx: &NameContext<'_>,
    ) -> Option<(NameHit, usize)> {
        if !ws[i].cap {
            return None;
        }
        // A title or rank, then the name.
        let mut j = i;
        let mut title = None;
        let f0 = self.folded(text, &ws[i]);
        if TITLES.contains(&std::str::from_utf8(&f0).unwrap_or(""))
            && i + 1 < ws.len()
            && ws[i + 1].spaced
            && ws[i + 1].cap
        {
            title = Some(i);
            j = i + 1;
        }
        // Up to four name words after any title: each capitalised, an
        // initial, or a particle ("de la"), separated by spaces (or one
        // comma after an upper-case surname).
        let mut run: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut k = j;
        while k < ws.len() && run.len() < 4 {
            let w = &ws[k];
            if k > j && !(w.spaced || (w.comma && run.len() == 1 && ws[j].upper)) {
                break;
            }
            let f = self.folded(text, w);
            let particle =
                !w.cap && PARTICLES.contains(&std::str::from_utf8(&f).unwrap_or("")) && k > j;
            if !(w.cap || particle) {
                break;
            }
            if title.is_none()
                && PLACE_WORDS.contains(&std::str::from_utf8(&f).unwrap_or(""))
                && !w.upper
            {
                // "Victoria Street", "Reading Borough Council": a place (but
                // "Mr Church" is a person).
                return None;
            }
            run.push((k, f));
            k += 1;
        }
        if run.is_empty() {
            return None;
        }
        let label = ctx.column
            || ctx.labels.iter().any(|&(_, e)| {
                let start = ws[title.unwrap_or(j)].start;
                e <= start
                    && start - e <= 24
                    && text[e..start]
                        .iter()
                        .all(|&b| matches!(b, b' ' | b':' | b'-' | b'\t' | b'='))
            });
        let evidence_outside = title.is_some() || label;
        let is_fore = |f: &[u8]| g.forename(f);
        let is_sur = |f: &[u8]| g.surname(f);
        let amb = |f: &[u8]| g.ambiguous(f);

        // Build the longest form that fits, from the longest run down.
        for n in (1..=run.len()).rev() {
            let r = &run[..n];
            let first = &ws[r[0].0];
            let last = &ws[r[n - 1].0];
            let mut parts: Vec<(usize, usize, Part)> = Vec::new();
            if let Some(t) = title {
                parts.push((ws[t].start, ws[t].end, Part::Title));
            }
            let all_amb = r.iter().all(|(_, f)| amb(f) || f.len() == 1);
            // SURNAME, Forename [Middle]
            if n >= 2
                && ws[r[1].0].comma
                && first.upper
                && is_sur(&r[0].1)
                && (is_fore(&r[1].1) || ws[r[1].0].initial)
            {
                parts.push((first.start, first.end, Part::Surname));
                for (m, (idx, _)) in r[1..].iter().enumerate() {
                    let w = &ws[*idx];
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
                return Some((hit(parts, title, label, all_amb, ws, r), r[n - 1].0 + 1));
            }
            if n >= 2 && r[1..].iter().any(|(idx, _)| ws[*idx].comma) {
                continue;
            }
            // SURNAME Forename (custody style): upper-case surname first.
            if n == 2
                && first.upper
                && !last.upper
                && is_sur(&r[0].1)
                && is_fore(&r[1].1)
                && !is_fore(&r[0].1)
            {
                parts.push((first.start, first.end, Part::Surname));
                parts.push((last.start, last.end, Part::Forename));
                if all_amb && !evidence_outside {
                    continue;
                }
                return Some((hit(parts, title, label, all_amb, ws, r), r[n - 1].0 + 1));
            }
            // Forename / initials [Middle] Surname
            if n >= 2 && is_sur(&r[n - 1].1) && !ws[r[n - 1].0].initial {
                let head_ok = r[..n - 1].iter().enumerate().all(|(m, (idx, f))| {
                    let w = &ws[*idx];
                    w.initial
                        || is_fore(f)
                        || (m > 0 && (is_sur(f) || !w.cap))
                        || (w.upper && w.end - w.start <= 3 && m == 0 && n == 2)
                });
                if head_ok {
                    for (m, (idx, _)) in r[..n - 1].iter().enumerate() {
                        let w = &ws[*idx];
                        let role = if w.initial
                            || (w.upper && w.end - w.start <= 3 && !is_fore(&r[m].1))
                        {
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
                    if (all_amb || (initials_only && amb(&r[n - 1].1))) && !evidence_outside {
                        continue;
                    }
                    return Some((hit(parts, title, label, all_amb, ws, r), r[n - 1].0 + 1));
                }
            }
            // A single known name, only with evidence.
            if n == 1 && evidence_outside && (is_sur(&r[0].1) || is_fore(&r[0].1)) && !first.initial
            {
                let role = if is_sur(&r[0].1) {
                    Part::Surname
                } else {
                    Part::Forename
                };
                parts.push((first.start, first.end, role));
                return Some((hit(parts, title, label, all_amb, ws, r), r[0].0 + 1));
            }
        }
        None
    }
}

fn hit(
    parts: Vec<(usize, usize, Part)>,
    title: Option<usize>,
    label: bool,
    all_amb: bool,
    ws: &[Word],
    r: &[(usize, Vec<u8>)],
) -> NameHit {
    let start = parts.first().map(|p| p.0).unwrap_or(ws[r[0].0].start);
    let end = parts
        .last()
        .map(|p| p.1)
        .unwrap_or(ws[r[r.len() - 1].0].end);
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
        all_ambiguous: all_amb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::parse(
            "John\t5\nPaul\t4\nSiobhán\t3\nWill\t4\nMark\t4\nRose\t3\nVictoria\t4\nJordan\t4\nAisha\t3\nMohammed\t5\nImran\t3\nGrace\t3",
            "Smith\t5\nO'Neill\t3\nMcDonald\t3\nJones\t5\nBlack\t4\nWhite\t5\nBegum\t4\nKhan\t4\nPrice\t4\nReading\t1\nChurch\t2\nStreet\t1\nDavies\t5",
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
    fn folding() {
        let mut b = Vec::new();
        fold("Siobhán", &mut b);
        assert_eq!(b, b"siobhan");
        fold("O’Neill", &mut b);
        assert_eq!(b, b"oneill");
    }
}
