//! Finding the subject in a piece of text: their names in any of the
//! generated forms, and their identifiers in any spacing or written form.
//!
//! Names are found from anchors: an Aho-Corasick search for the surname
//! (its longest apostrophe-free run, so O'Neill, ONEILL and O Neill all
//! hit), then the few words around each hit are tokenised and compared
//! with the generated forms: given names before the surname ("Bob
//! Smith", "R J Smith"), after it ("SMITH, Robert", "SMITH Robert J"), a
//! title ("Mr Smith") or nothing. Only the neighbourhood of a hit is
//! tokenised, so a search costs one automaton pass over text that does
//! not mention the subject. `--fuzzy` tokenises everything instead and
//! compares long words by edit distance and sound.
//!
//! Identifiers are one combined regex; each match is then attributed to
//! the pattern that produced it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use super::profile::{NameRole, Profile};
use super::variants::{IdKind, IdPattern, NameSpec, Nicknames, id_patterns};
use crate::names::{TITLES, fold};

/// How good a name match is, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameLevel {
    /// The surname alone.
    Surname,
    /// A title and the surname ("Mr Smith").
    Title,
    /// The middle name used as forename ("John Smith" for Robert John
    /// Smith): a name in its own right only next to one of the subject's
    /// identifiers, since "John Smith" alone is thousands of people.
    Middle,
    /// Initials and the surname ("R J Smith").
    Initials,
    /// A cognate (Ian for John).
    Related,
    /// A nickname or formal form (Bob for Robert).
    Nickname,
    /// The forename (and more) as given, or a one-word alias.
    Forename,
}

impl NameLevel {
    pub fn weight(self) -> u32 {
        match self {
            NameLevel::Surname => 3,
            NameLevel::Title => 6,
            NameLevel::Middle => 12,
            NameLevel::Initials => 15,
            NameLevel::Related => 18,
            NameLevel::Nickname => 25,
            NameLevel::Forename => 30,
        }
    }

    /// Good enough to count as the subject's name (not the surname alone).
    pub fn is_name(self) -> bool {
        self >= NameLevel::Initials
    }
}

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitKind {
    Name(NameLevel),
    Id(IdKind),
}

/// One place where the subject matched.
#[derive(Clone, Debug)]
pub struct Hit {
    pub kind: HitKind,
    /// Which form matched: "full name", "nickname", "surname first",
    /// "exact", "day and month swapped" ...
    pub variant: String,
    /// In words: "Bob for Robert", "7 March 1984".
    pub detail: String,
    /// Offsets in the text searched.
    pub start: usize,
    pub end: usize,
    /// The name this hit belongs to, for names.
    pub role: Option<NameRole>,
    /// For names: which of the profile's names.
    pub name: usize,
    pub fuzzy: bool,
    /// A very common surname.
    pub common: bool,
    /// Only part of the surname matched (one half of a double-barrelled
    /// name, either way round).
    pub partial: bool,
}

/// The compiled search for one subject, shared by every thread.
pub struct SubjectFinder {
    names: Vec<NameSpec>,
    /// Anchor pattern index -> the names it may belong to.
    anchor_names: Vec<Vec<usize>>,
    anchors: Option<AhoCorasick>,
    ids: Vec<IdPattern>,
    id_all: Option<Regex>,
    id_each: Vec<Regex>,
    pub fuzzy: bool,
    /// Edges in the nickname table used (for the log).
    pub nickname_edges: usize,
    /// Folded forenames known to the gazetteer (to tell "Michael Smith"
    /// from "with Smith").
    forenames: Option<std::sync::Arc<crate::names::Gazetteer>>,
    phonetic: rphonetic::DoubleMetaphone,
}

impl SubjectFinder {
    pub fn new(
        profile: &Profile,
        nick: &Nicknames,
        gazetteer: Option<std::sync::Arc<crate::names::Gazetteer>>,
        fuzzy: bool,
    ) -> Result<SubjectFinder, String> {
        let common = common_surnames();
        let is_common = |s: &str| common.iter().any(|c| c == s);
        let names: Vec<NameSpec> = profile
            .names
            .iter()
            .map(|n| NameSpec::new(n, nick, &is_common))
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut anchor_names: Vec<Vec<usize>> = Vec::new();
        for (i, (spec, name)) in names.iter().zip(&profile.names).enumerate() {
            for a in spec.anchors(name) {
                match patterns.iter().position(|p| *p == a) {
                    Some(j) => anchor_names[j].push(i),
                    None => {
                        patterns.push(a);
                        anchor_names.push(vec![i]);
                    }
                }
            }
        }
        let anchors = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| e.to_string())?,
            )
        };
        let ids = id_patterns(profile);
        let build = |src: &str| {
            RegexBuilder::new(src)
                .case_insensitive(true)
                .unicode(false)
                .size_limit(64 << 20)
                .build()
                .map_err(|e| format!("subject pattern: {e}"))
        };
        let id_all = if ids.is_empty() {
            None
        } else {
            let alt: Vec<String> = ids.iter().map(|p| format!("(?:{})", p.regex)).collect();
            Some(build(&alt.join("|"))?)
        };
        let id_each = ids
            .iter()
            .map(|p| build(&format!("^(?:{})$", p.regex)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SubjectFinder {
            names,
            anchor_names,
            anchors,
            ids,
            id_all,
            id_each,
            fuzzy,
            nickname_edges: nick.edges,
            forenames: gazetteer,
            phonetic: rphonetic::DoubleMetaphone::default(),
        })
    }

    pub fn names(&self) -> &[NameSpec] {
        &self.names
    }

    pub fn id_patterns(&self) -> &[IdPattern] {
        &self.ids
    }

    /// Finds the subject in `text[lo..hi]` (tokens are read up to `lo`
    /// and `hi`, never beyond), appending to `out` in no particular order.
    pub fn find(&self, text: &[u8], lo: usize, hi: usize, out: &mut Vec<Hit>) {
        self.find_ids(text, lo, hi, out);
        if self.fuzzy {
            self.find_names_everywhere(text, lo, hi, out);
        } else {
            self.find_names(text, lo, hi, out);
        }
    }

    fn find_ids(&self, text: &[u8], lo: usize, hi: usize, out: &mut Vec<Hit>) {
        let Some(all) = &self.id_all else {
            return;
        };
        for m in all.find_iter(&text[lo..hi]) {
            let (s, e) = (lo + m.start(), lo + m.end());
            let before = if s > 0 { text[s - 1] } else { b' ' };
            let after = if e < text.len() { text[e] } else { b' ' };
            if before.is_ascii_alphanumeric() || after.is_ascii_alphanumeric() {
                continue;
            }
            let Some(i) = self.id_each.iter().position(|r| r.is_match(&text[s..e])) else {
                continue;
            };
            let p = &self.ids[i];
            // An address continues past a dot, hyphen or underscore followed
            // by a letter or digit: bob@example.com is not bob@example.com.au.
            let continues = e + 1 < text.len()
                && matches!(after, b'.' | b'-' | b'_')
                && text[e + 1].is_ascii_alphanumeric();
            if p.kind == IdKind::Email
                && (matches!(before, b'.' | b'_' | b'%' | b'+' | b'-') || continues)
            {
                continue;
            }
            let mut variant = p.variant.to_string();
            if p.kind == IdKind::Nino
                && p.detail.len() == 9
                && !text[e - 1].eq_ignore_ascii_case(&p.detail.as_bytes()[8])
            {
                variant = "without its suffix letter".into();
            }
            if p.kind == IdKind::DrivingLicence && p.variant == "exact" {
                let got: String = text[s..e]
                    .iter()
                    .filter(|b| b.is_ascii_alphanumeric())
                    .map(|b| b.to_ascii_uppercase() as char)
                    .collect();
                if got != p.detail {
                    variant = "same first 13 characters".into();
                }
            }
            out.push(Hit {
                kind: HitKind::Id(p.kind),
                variant,
                detail: p.detail.clone(),
                start: s,
                end: e,
                role: None,
                name: 0,
                fuzzy: false,
                common: false,
                partial: false,
            });
        }
    }

    fn find_names(&self, text: &[u8], lo: usize, hi: usize, out: &mut Vec<Hit>) {
        let Some(ac) = &self.anchors else {
            return;
        };
        let mut toks: Vec<Token> = Vec::new();
        let mut done_to = lo;
        for m in ac.find_iter(&text[lo..hi]) {
            let (s, e) = (lo + m.start(), lo + m.end());
            if s < done_to {
                continue;
            }
            let Some((ts, te)) = token_bounds(text, s, e, lo, hi) else {
                continue;
            };
            if ts < done_to {
                continue;
            }
            let (ws, we) = (
                crate::extract::char_floor(text, ts.saturating_sub(WINDOW).max(lo)),
                crate::extract::char_floor(text, (te + WINDOW).min(hi)),
            );
            tokenize(text, ws, we, &mut toks);
            let Some(at) = toks.iter().position(|t| t.start == ts) else {
                continue;
            };
            let cands: &[usize] = &self.anchor_names[m.pattern().as_usize()];
            if let Some(h) = self.best_name_at(text, &toks, at, cands.iter().copied(), false) {
                // Hits come in order of position: only the last can overlap.
                if h.start >= done_to {
                    done_to = h.end;
                    out.push(h);
                }
            }
        }
    }

    /// In a record, a surname found alone may have its forename in another
    /// field that is not next to it (`Surname,DOB,Forename`): such a hit
    /// is upgraded when a field of the record holds one of the subject's
    /// forenames or their variants.
    pub fn upgrade_in_record(&self, text: &[u8], lo: usize, hi: usize, hits: &mut [Hit]) {
        if !hits
            .iter()
            .any(|h| matches!(h.kind, HitKind::Name(l) if !l.is_name()))
        {
            return;
        }
        let mut toks: Vec<Token> = Vec::new();
        tokenize(text, lo, hi, &mut toks);
        for h in hits.iter_mut() {
            if !matches!(h.kind, HitKind::Name(l) if !l.is_name()) {
                continue;
            }
            let spec = &self.names[h.name];
            let best = toks
                .iter()
                .filter(|t| t.letters && (t.end <= h.start || t.start >= h.end))
                .filter_map(|t| judge_given(&[t], spec))
                .max_by_key(|(level, _, _)| *level);
            if let Some((level, variant, detail)) = best {
                h.kind = HitKind::Name(level);
                h.variant = format!("surname and {variant} in separate fields");
                h.detail = detail;
            }
        }
    }

    /// `--fuzzy`: every word is a possible anchor.
    fn find_names_everywhere(&self, text: &[u8], lo: usize, hi: usize, out: &mut Vec<Hit>) {
        let mut toks: Vec<Token> = Vec::new();
        tokenize(text, lo, hi, &mut toks);
        let mut done_to = lo;
        for at in 0..toks.len() {
            if toks[at].start < done_to || !toks[at].letters {
                continue;
            }
            let h = self
                .best_name_at(text, &toks, at, 0..self.names.len(), false)
                .or_else(|| self.best_name_at(text, &toks, at, 0..self.names.len(), true));
            if let Some(h) = h
                && h.start >= done_to
            {
                done_to = h.end;
                out.push(h);
            }
        }
    }

    /// The best match of any of `names` with its surname covering token
    /// `at`.
    fn best_name_at(
        &self,
        text: &[u8],
        toks: &[Token],
        at: usize,
        names: impl Iterator<Item = usize>,
        fuzzy: bool,
    ) -> Option<Hit> {
        let mut best: Option<(u32, Hit)> = None;
        for ni in names {
            let spec = &self.names[ni];
            for form in &spec.forms {
                let k = form.tokens.len();
                // The form's tokens must line up with the text's, one of
                // them at `at`.
                for j in 0..k {
                    if at < j || at - j + k > toks.len() {
                        continue;
                    }
                    let s0 = at - j;
                    let mut fuzzy_note = None;
                    let lined_up = (0..k).all(|m| {
                        let t = &toks[s0 + m];
                        if m > 0 && t.gap == Gap::None {
                            return false;
                        }
                        if t.folded == form.tokens[m] {
                            return true;
                        }
                        if fuzzy && k == 1 && form.tokens[m].len() >= 6 {
                            fuzzy_note = self.fuzzy_same(&t.folded, &form.tokens[m]);
                            return fuzzy_note.is_some();
                        }
                        false
                    });
                    if !lined_up {
                        continue;
                    }
                    let (mut s_tok, mut e_tok) = (s0, s0 + k - 1);
                    // "Smith-Jones" is not Smith: a surname joined to
                    // another by a hyphen is only part of the name.
                    let mut joined = false;
                    if !form.partial {
                        if s_tok > 0 && toks[s_tok].gap == Gap::Hyphen && toks[s_tok - 1].letters {
                            s_tok -= 1;
                            joined = true;
                        }
                        if toks
                            .get(e_tok + 1)
                            .is_some_and(|t| t.gap == Gap::Hyphen && t.letters)
                        {
                            e_tok += 1;
                            joined = true;
                        }
                    }
                    let Some(mut hit) = self.given_around(text, toks, s_tok, e_tok, spec) else {
                        continue;
                    };
                    hit.name = ni;
                    hit.partial = form.partial || joined;
                    if let HitKind::Name(level) = hit.kind {
                        if fuzzy && !level.is_name() {
                            continue;
                        }
                        let mut w = level.weight() * 10;
                        if joined {
                            w = w * 6 / 10;
                            hit.variant.push_str(", part of a double-barrelled surname");
                        } else if form.partial {
                            w = w * 6 / 10;
                            hit.variant.push_str(", part of the surname");
                        } else if form.label != "as written" && form.label != "joined" {
                            w = w * 9 / 10;
                            hit.variant.push_str(&format!(", {} form", form.label));
                        }
                        if let Some(note) = fuzzy_note.take() {
                            w = w * 6 / 10;
                            hit.fuzzy = true;
                            hit.variant.push_str(", fuzzy");
                            hit.detail = format!("{}; {note}", hit.detail);
                        }
                        if spec.role == NameRole::Alias {
                            w = w * 9 / 10;
                        }
                        let better = best.as_ref().is_none_or(|(bw, bh)| {
                            w > *bw || (w == *bw && hit.end - hit.start > bh.end - bh.start)
                        });
                        if better {
                            best = Some((w, hit));
                        }
                    }
                }
            }
        }
        best.map(|(_, h)| h)
    }

    /// "Smyth" for "smith": one or two edits (by length) or the same
    /// Double Metaphone key with the same first letter.
    fn fuzzy_same(&self, word: &str, surname: &str) -> Option<String> {
        if word.len() + 2 < surname.len() || surname.len() + 2 < word.len() {
            return None;
        }
        let limit = if surname.len() >= 9 { 2 } else { 1 };
        let d = strsim::damerau_levenshtein(word, surname);
        if d <= limit {
            return Some(format!(
                "spelled {word} ({d} edit{})",
                if d == 1 { "" } else { "s" }
            ));
        }
        if word.as_bytes().first() == surname.as_bytes().first() {
            use rphonetic::Encoder;
            let (a, b) = (self.phonetic.encode(word), self.phonetic.encode(surname));
            if !a.is_empty() && a == b {
                return Some(format!("spelled {word} (sounds alike, {a})"));
            }
        }
        None
    }

    /// Whether a token is one of the subject's own words (a given name,
    /// a variant, a surname part).
    fn subject_word(&self, spec: &NameSpec, t: &Token) -> bool {
        spec.given
            .iter()
            .any(|g| g.folded == t.folded || g.variants.iter().any(|(v, _, _)| *v == t.folded))
            || spec.forms.iter().any(|f| f.tokens.contains(&t.folded))
    }

    /// A capitalised word that names someone: in the gazetteer as a
    /// forename or surname and not also an ordinary word.
    fn name_word(&self, t: &Token) -> bool {
        t.letters
            && t.capital
            && t.folded.len() > 1
            && !is_title(&t.folded)
            && self
                .forenames
                .as_ref()
                .is_some_and(|g| g.is_person_word(t.folded.as_bytes()))
    }

    /// Reads the given names around a surname at tokens `s..=e`.
    fn given_around(
        &self,
        text: &[u8],
        toks: &[Token],
        s: usize,
        e: usize,
        spec: &NameSpec,
    ) -> Option<Hit> {
        let name_hit =
            |start: usize, end: usize, level: NameLevel, variant: &str, detail: String| {
                Some(Hit {
                    kind: HitKind::Name(level),
                    variant: variant.to_string(),
                    detail,
                    start,
                    end,
                    role: Some(spec.role),
                    name: 0,
                    fuzzy: false,
                    common: spec.common,
                    partial: false,
                })
            };
        let role = match spec.role {
            NameRole::Current => "",
            NameRole::Previous => "previous name, ",
            NameRole::Alias => "alias, ",
        };
        // When the words around may be someone else's: the surname alone,
        // supporting evidence at most, never the whole match lost.
        let surname_only = || {
            name_hit(
                toks[s].start,
                toks[e].end,
                NameLevel::Surname,
                &format!("{role}surname only"),
                spec.written.clone(),
            )
        };
        if spec.single {
            // A one-word alias: the word itself.
            return name_hit(
                toks[s].start,
                toks[e].end,
                NameLevel::Forename,
                "alias",
                format!("alias {}", spec.written),
            );
        }
        // Given names before the surname: up to three name-like words in
        // the same phrase ("Doe, Robert Smith" stops at the comma), a
        // bracketed nickname skipped ("Robert (Bob) Smith").
        let mut before: Vec<usize> = Vec::new();
        let mut i = s;
        while i > 0 && before.len() < 3 && !matches!(toks[i].gap, Gap::None | Gap::CommaSpace) {
            let t = &toks[i - 1];
            if !t.letters || is_title(&t.folded) {
                break;
            }
            if !t.bracketed {
                before.push(i - 1);
            }
            i -= 1;
        }
        before.reverse();
        // Longest run ending at the surname that reads as the subject's,
        // unless the word before it belongs to the same name ("Michael
        // Robert Smith"; "BROWN,Robert" in a record).
        for k in (1..=before.len()).rev() {
            let r0 = before[before.len() - k];
            let g: Vec<&Token> = before[before.len() - k..]
                .iter()
                .map(|&i| &toks[i])
                .collect();
            let Some((level, variant, detail)) = judge_given(&g, spec) else {
                continue;
            };
            // A field separator is a column boundary: never joined.
            if r0 > 0 {
                let p = &toks[r0 - 1];
                // Another forename before the run: "Michael Robert Smith".
                let joined = matches!(toks[r0].gap, Gap::Space | Gap::Hyphen)
                    && self.name_word(p)
                    && self
                        .forenames
                        .as_ref()
                        .is_some_and(|g| g.is_forename(p.folded.as_bytes()));
                if joined && !self.subject_word(spec, p) {
                    return surname_only();
                }
            }
            return name_hit(
                g[0].start,
                toks[e].end,
                level,
                &format!("{role}{variant}"),
                detail,
            );
        }
        // Surname first: "SMITH, Robert", "SMITH Robert J"; not when the
        // surname already has someone's forename before it ("Jane Smith,
        // Robert and Amy").
        let owned = s > 0
            && matches!(toks[s].gap, Gap::Space | Gap::Line)
            && self.name_word(&toks[s - 1])
            && !self.subject_word(spec, &toks[s - 1]);
        let mut after: Vec<usize> = Vec::new();
        let mut j = e + 1;
        while !owned && j < toks.len() && after.len() < 3 && toks[j].letters {
            let ok = match toks[j].gap {
                Gap::None | Gap::Hyphen => false,
                Gap::CommaSpace => j == e + 1,
                // "Mrs Smith. Robert was ...": only an initial follows a stop.
                Gap::Period => toks[j].folded.len() == 1,
                _ => true,
            };
            if !ok || is_title(&toks[j].folded) {
                break;
            }
            if !toks[j].bracketed {
                after.push(j);
            }
            j += 1;
        }
        for k in (1..=after.len()).rev() {
            let g: Vec<&Token> = after[..k].iter().map(|&i| &toks[i]).collect();
            let Some((level, variant, detail)) = judge_given(&g, spec) else {
                continue;
            };
            // "Smith, Robert Brown": the next word is Robert's surname.
            let r1 = after[k - 1];
            if let Some(n) = toks.get(r1 + 1)
                && matches!(n.gap, Gap::Space | Gap::Hyphen)
                && self.name_word(n)
                && !self.subject_word(spec, n)
            {
                return surname_only();
            }
            return name_hit(
                toks[s].start,
                g[k - 1].end,
                level,
                &format!("{role}surname first, {variant}"),
                detail,
            );
        }
        // A title just before: "Mr Smith", "DC Smith".
        if s > 0 && toks[s].gap != Gap::None && is_title(&toks[s - 1].folded) {
            let t = &toks[s - 1];
            return name_hit(
                t.start,
                toks[e].end,
                NameLevel::Title,
                &format!("{role}title and surname"),
                format!(
                    "{} {}",
                    String::from_utf8_lossy(&text[t.start..t.end]),
                    spec.written
                ),
            );
        }
        // Another person's forename or initials just before ("Michael
        // Smith", "R K Smith" for Robert John): not the subject at all.
        if s > 0 && matches!(toks[s].gap, Gap::Space | Gap::Period) {
            let t = &toks[s - 1];
            if t.letters && t.capital && t.folded.len() == 1 {
                return None;
            }
            if t.capital
                && self
                    .forenames
                    .as_ref()
                    .is_some_and(|g| g.is_forename(t.folded.as_bytes()))
            {
                return None;
            }
        }
        name_hit(
            toks[s].start,
            toks[e].end,
            NameLevel::Surname,
            &format!("{role}surname only"),
            spec.written.clone(),
        )
    }
}

/// Whether the given-name tokens `g` (in text order) are the subject's,
/// and how.
fn judge_given(g: &[&Token], spec: &NameSpec) -> Option<(NameLevel, &'static str, String)> {
    let given = &spec.given;
    let f1 = given.first()?;
    if g.len() > given.len() {
        return None;
    }
    let initials: Vec<u8> = given
        .iter()
        .filter_map(|x| x.folded.bytes().next())
        .collect();
    let first = &g[0];
    // Initials: "R J", "RJ", "R.J."
    let mut letters: Vec<u8> = Vec::new();
    let all_initials = g.iter().all(|t| {
        let is_init = t.folded.len() == 1 || (t.folded.len() <= 3 && t.all_caps);
        if is_init {
            letters.extend(t.folded.bytes());
        }
        is_init
    });
    if all_initials && !letters.is_empty() && letters.len() <= initials.len() {
        if initials.starts_with(&letters) {
            let shown = letters
                .iter()
                .map(|&b| (b as char).to_ascii_uppercase().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            return Some((NameLevel::Initials, "initials", format!("initials {shown}")));
        }
        return None;
    }
    let rest_ok = |from: usize| {
        // Later words: the other given names, their initials or variants.
        g[from..].iter().zip(given.iter().skip(1)).all(|(t, gs)| {
            t.folded == gs.folded
                || (t.folded.len() == 1
                    && gs.folded.as_bytes().first() == t.folded.as_bytes().first())
                || gs.variants.iter().any(|(v, _, _)| *v == t.folded)
        })
    };
    if first.folded == f1.folded {
        if g.len() > 1 && !rest_ok(1) {
            return None;
        }
        let variant = if g.len() == given.len() && g.len() > 1 {
            "full name"
        } else {
            "forename and surname"
        };
        return Some((NameLevel::Forename, variant, f1.written.clone()));
    }
    if let Some((v, w, formal)) = f1.variants.iter().find(|(v, _, _)| *v == first.folded) {
        if g.len() > 1 && !rest_ok(1) {
            return None;
        }
        let shown = title_case(v);
        return Some(if *w >= 2 {
            (
                NameLevel::Nickname,
                if *formal { "formal form" } else { "nickname" },
                format!("{shown} for {}", f1.written),
            )
        } else {
            (
                NameLevel::Related,
                "cognate",
                format!("{shown} for {} (cognate)", f1.written),
            )
        });
    }
    // Known by a middle name: "John Smith" for Robert John Smith.
    if g.len() == 1
        && let Some(m) = given.iter().skip(1).find(|m| {
            m.folded == first.folded
                || m.variants
                    .iter()
                    .any(|(v, w, _)| *w >= 2 && *v == first.folded)
        })
    {
        return Some((
            NameLevel::Middle,
            "middle name as forename",
            format!("{} (middle name {})", title_case(&first.folded), m.written),
        ));
    }
    None
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn is_title(folded: &str) -> bool {
    TITLES.contains(&folded)
}

/// Characters of context tokenised either side of an anchor.
const WINDOW: usize = 96;

/// What separates a word from the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Gap {
    /// The first word, or a gap no name spans (a full stop and a line,
    /// two line breaks, a long run of punctuation).
    #[default]
    None,
    /// Spaces or tabs on one line.
    Space,
    /// Whitespace with one line break: a name broken over two lines
    /// still reads, but a capitalised word on the next line is not part
    /// of the same name ("MACDONALD, Callum James\nDate of birth").
    Line,
    /// A hyphen with nothing else: "Smith-Jones".
    Hyphen,
    /// A full stop: "R. Smith", "R.J.Smith".
    Period,
    /// A comma and a space: "SMITH, Robert", or a list "Doe, Smith".
    CommaSpace,
    /// A field separator with no space: `SMITH,Robert`, a tab, `|`, `;`,
    /// `/`, `_`.
    Delim,
    /// Brackets or quotes: "Robert (Bob) Smith".
    Bracket,
}

/// A word of the text, folded.
#[derive(Clone, Debug, Default)]
struct Token {
    start: usize,
    end: usize,
    folded: String,
    /// Letters only (no digits).
    letters: bool,
    capital: bool,
    all_caps: bool,
    /// The gap before it.
    gap: Gap,
    /// In brackets or quotes: a nickname inside a name.
    bracketed: bool,
}

/// A character of a word, for name matching (and the index's word terms).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’')
}

/// Longest word an anchor is looked for in: nothing longer is a name,
/// and expanding a long run of letters at every anchor would be
/// quadratic.
const MAX_WORD: usize = 64;

/// The token containing bytes `s..e`, within `lo..hi`; `None` for a word
/// longer than [`MAX_WORD`].
fn token_bounds(text: &[u8], s: usize, e: usize, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut a = s;
    while a > lo {
        let p = crate::extract::char_floor(text, a - 1);
        let c = std::str::from_utf8(&text[p..a])
            .ok()
            .and_then(|s| s.chars().next());
        if c.is_some_and(is_word_char) {
            a = p;
            if s - a > MAX_WORD {
                return None;
            }
        } else {
            break;
        }
    }
    let mut b = e;
    while b < hi {
        let len = utf8_len(text[b]);
        let c = std::str::from_utf8(&text[b..(b + len).min(hi)])
            .ok()
            .and_then(|s| s.chars().next());
        if c.is_some_and(is_word_char) {
            b += len;
            if b - a > MAX_WORD {
                return None;
            }
        } else {
            break;
        }
    }
    // Apostrophes at the edges are quotes, not part of the word.
    while a < b && matches!(text[a], b'\'') {
        a += 1;
    }
    Some((a, b))
}

fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Reads the gap between two words.
fn gap_kind(gap: &str) -> Gap {
    if gap.is_empty() || gap.chars().count() > 4 || gap.matches('\n').count() > 1 {
        return Gap::None;
    }
    let allowed = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | '"' | '|' | ';' | '(' | ')' | '/' | '_' | '-' | '‐' | '“' | '”'
            )
    };
    if !gap.chars().all(allowed) {
        return Gap::None;
    }
    if gap == "-" || gap == "‐" {
        return Gap::Hyphen;
    }
    // Field separators first: `"SMITH","Robert"` is two quoted fields,
    // not a bracketed word.
    if gap.contains(',') && !gap.contains('.') {
        return if gap.contains([' ', '\n']) {
            Gap::CommaSpace
        } else {
            Gap::Delim
        };
    }
    if gap.contains(['\t', '|', ';', '/', '_']) {
        return Gap::Delim;
    }
    if gap.contains(['(', ')', '"', '“', '”']) {
        return Gap::Bracket;
    }
    if gap.contains('.') {
        if gap.contains('\n') {
            return Gap::None;
        }
        return Gap::Period;
    }
    if gap.contains('\n') {
        return Gap::Line;
    }
    Gap::Space
}

/// A word as names are compared: quotes at its edges and a possessive
/// ("Smith's", "SMITH’S") taken off. Folding ([`fold`]) comes after.
pub(crate) fn clean_word(w: &str) -> &str {
    let w = w.trim_matches(['\'', '’']);
    ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|p| w.strip_suffix(p))
        .filter(|x| !x.is_empty())
        .unwrap_or(w)
}

/// Splits `text[lo..hi]` into words.
fn tokenize(text: &[u8], lo: usize, hi: usize, out: &mut Vec<Token>) {
    out.clear();
    let s = match std::str::from_utf8(&text[lo..hi]) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&text[lo..lo + e.valid_up_to()]).unwrap_or_default(),
    };
    let hi = lo + s.len();
    let mut buf = Vec::new();
    let mut gap_start = lo;
    let mut word: Option<usize> = None;
    let mut push = |out: &mut Vec<Token>, ws: usize, we: usize, gap_start: usize| {
        let w = clean_word(&s[ws - lo..we - lo]);
        if w.is_empty() {
            return;
        }
        fold(w, &mut buf);
        let gap = if out.is_empty() {
            Gap::None
        } else {
            gap_kind(&s[gap_start - lo..ws - lo])
        };
        let letters = w
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
        let mut cs = w.chars().filter(|c| c.is_alphabetic());
        let capital = cs.next().is_some_and(char::is_uppercase);
        let all_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        out.push(Token {
            start: ws,
            end: we,
            folded: String::from_utf8_lossy(&buf).into_owned(),
            letters,
            capital,
            all_caps,
            gap,
            bracketed: false,
        });
    };
    for (i, c) in s.char_indices() {
        let at = lo + i;
        if is_word_char(c) {
            if word.is_none() {
                word = Some(at);
            }
        } else if let Some(ws) = word.take() {
            push(out, ws, at, gap_start);
            gap_start = at;
        }
    }
    if let Some(ws) = word {
        push(out, ws, hi, gap_start);
    }
    // A word with brackets or quotes on both sides is bracketed.
    for i in 1..out.len() {
        let next_bracket = out.get(i + 1).is_some_and(|t| t.gap == Gap::Bracket);
        if out[i].gap == Gap::Bracket && next_bracket {
            out[i].bracketed = true;
        }
    }
}

/// Folded surnames of weight 4-5 in the shipped list (very common).
fn common_surnames() -> Vec<String> {
    let mut buf = Vec::new();
    include_str!("../../patterns/names/surnames.tsv")
        .lines()
        .filter_map(|l| {
            let (n, w) = l.split_once('\t')?;
            (w.trim().parse::<u8>().ok()? >= 4).then(|| {
                fold(n, &mut buf);
                String::from_utf8_lossy(&buf).into_owned()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::profile::Raw;

    fn finder(raw: Raw, fuzzy: bool) -> SubjectFinder {
        let today = jiff::civil::Date::new(2026, 11, 23).unwrap();
        let p = raw.build(today).unwrap();
        let g = crate::catalog::builtin::names().map(std::sync::Arc::new);
        SubjectFinder::new(&p, &Nicknames::builtin(), g, fuzzy).unwrap()
    }

    fn robert() -> Raw {
        Raw {
            names: vec!["Robert John SMITH".into()],
            aliases: vec!["Smudger".into()],
            dob: vec!["1984-03-07".into()],
            nino: vec!["AB123456C".into()],
            phone: vec!["07700 900123".into()],
            sex: Some("male".into()),
            ..Raw::default()
        }
    }

    fn names_in(f: &SubjectFinder, text: &str) -> Vec<(String, NameLevel, String)> {
        let mut out = Vec::new();
        f.find(text.as_bytes(), 0, text.len(), &mut out);
        out.sort_by_key(|h| h.start);
        out.into_iter()
            .filter_map(|h| match h.kind {
                HitKind::Name(l) => Some((text[h.start..h.end].to_string(), l, h.variant)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn name_variants_are_found_and_graded() {
        let f = finder(robert(), false);
        let cases: &[(&str, &str, NameLevel)] = &[
            (
                "Seen: Robert John Smith at noon",
                "Robert John Smith",
                NameLevel::Forename,
            ),
            ("with Robert Smith.", "Robert Smith", NameLevel::Forename),
            ("Bob Smith was there", "Bob Smith", NameLevel::Nickname),
            ("interviewed R. Smith", "R. Smith", NameLevel::Initials),
            ("R J SMITH", "R J SMITH", NameLevel::Initials),
            ("RJ SMITH", "RJ SMITH", NameLevel::Initials),
            ("SMITH, Robert", "SMITH, Robert", NameLevel::Forename),
            ("SMITH Robert J", "SMITH Robert J", NameLevel::Forename),
            (
                "Name: smith robert john",
                "smith robert john",
                NameLevel::Forename,
            ),
            ("spoke to Mr Smith", "Mr Smith", NameLevel::Title),
            ("the Smith family", "Smith", NameLevel::Surname),
            ("John Smith called", "John Smith", NameLevel::Middle),
            ("known as Smudger locally", "Smudger", NameLevel::Forename),
            (
                "SMITH,ROBERT,JOHN,07/03/1984",
                "SMITH,ROBERT,JOHN",
                NameLevel::Forename,
            ),
        ];
        for &(text, want, level) in cases {
            let got = names_in(&f, text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, want, "{text}");
            assert_eq!(got[0].1, level, "{text}: {got:?}");
        }
        // Another person with the same surname, and words that merely
        // contain the surname.
        for text in [
            "Michael Smith was arrested",
            "Smithson and Blacksmith",
            "R K Smith",
        ] {
            assert!(
                names_in(&f, text).is_empty(),
                "{text}: {:?}",
                names_in(&f, text)
            );
        }
    }

    #[test]
    fn a_forename_elsewhere_in_a_record_completes_the_surname() {
        let f = finder(robert(), false);
        let rec = "SMITH,07/03/1984,Bob,B1 1AA";
        let mut hits = Vec::new();
        f.find(rec.as_bytes(), 0, rec.len(), &mut hits);
        f.upgrade_in_record(rec.as_bytes(), 0, rec.len(), &mut hits);
        let name = hits
            .iter()
            .find(|h| matches!(h.kind, HitKind::Name(_)))
            .unwrap();
        assert_eq!(name.kind, HitKind::Name(NameLevel::Nickname), "{name:?}");
        assert!(name.variant.contains("separate fields"));
        // Someone else's forename does not.
        let rec = "SMITH,07/03/1984,Michael";
        let mut hits = Vec::new();
        f.find(rec.as_bytes(), 0, rec.len(), &mut hits);
        f.upgrade_in_record(rec.as_bytes(), 0, rec.len(), &mut hits);
        assert!(
            !hits
                .iter()
                .any(|h| matches!(h.kind, HitKind::Name(l) if l.is_name()))
        );
    }

    /// The review's reproductions: other people's names next to the
    /// subject's surname are not the subject.
    #[test]
    fn neighbouring_names_are_not_borrowed() {
        let f = finder(
            Raw {
                names: vec!["Robert SMITH".into()],
                ..Raw::default()
            },
            false,
        );
        for text in [
            "Occupants of 12 High Street: Jane Smith, Robert Brown.",
            "Present: Robert Brown, Smith (clerk).",
            "Witness: Michael Robert Smith",
            "Jane Smith, Robert and Amy attended.",
            "Spoke to Mrs Smith. Robert was born",
        ] {
            let got = names_in(&f, text);
            assert!(!got.iter().any(|g| g.1.is_name()), "{text}: {got:?}");
        }
        // Still found: lists, records, sentence starts.
        for (text, want) in [
            ("Present: Jane Doe, Robert Smith, Amy Lee", "Robert Smith"),
            ("Yesterday Robert Smith attended", "Robert Smith"),
            ("INC1,Robert,SMITH,B1 1AA", "Robert,SMITH"),
            ("Jones,Robert,Smith,07/03/1984", "Robert,Smith"),
            ("Name\tRobert Smith\tDOB", "Robert Smith"),
            ("DC JONES/ROBERT SMITH 07/03/1984", "ROBERT SMITH"),
            ("Leeds Robert Smith 07/03/1984", "Robert Smith"),
            ("SMITH ROBERT WAS ARRESTED.", "SMITH ROBERT"),
            ("SMITH, Robert Arrested", "SMITH, Robert"),
            ("Subject: SMITH Robert Custody Record", "SMITH Robert"),
            ("SMITH, Robert, JONES, Amy", "SMITH, Robert"),
            ("\"SMITH\",\"Robert\",\"07/03/1984\"", "SMITH\",\"Robert"),
            ("\"Robert\"\t\"SMITH\"", "Robert\"\t\"SMITH"),
        ] {
            let got = names_in(&f, text);
            assert!(
                got.iter().any(|g| g.0 == want && g.1.is_name()),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn possessives_brackets_and_irish_forms() {
        let f = finder(robert(), false);
        for (text, want) in [
            ("Robert Smith's car", "Robert Smith's"),
            ("ROBERT SMITH'S CAR", "ROBERT SMITH'S"),
            ("Bob SMITH’s car", "Bob SMITH’s"),
            ("Robert (Bob) Smith", "Robert (Bob) Smith"),
            ("Robert \"Bob\" Smith", "Robert \"Bob\" Smith"),
            ("SMITH/Robert", "SMITH/Robert"),
        ] {
            let got = names_in(&f, text);
            assert!(
                got.iter().any(|g| g.0 == want && g.1.is_name()),
                "{text}: {got:?}"
            );
        }
        let f = finder(
            Raw {
                names: vec!["Seán Ó BRIAIN".into()],
                ..Raw::default()
            },
            false,
        );
        for text in [
            "SEAN O'BRIAIN",
            "Sean OBriain",
            "Seán Ó Briain",
            "Sean O Briain",
        ] {
            let got = names_in(&f, text);
            assert!(
                got.iter().any(|g| g.1 == NameLevel::Forename),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn a_hyphenated_surname_is_only_partly_the_subjects() {
        let f = finder(robert(), false);
        let text = "Robert Smith-Jones attended";
        let mut out = Vec::new();
        f.find(text.as_bytes(), 0, text.len(), &mut out);
        let h = out
            .iter()
            .find(|h| matches!(h.kind, HitKind::Name(_)))
            .unwrap();
        assert!(h.partial, "{h:?}");
    }

    #[test]
    fn more_identifier_forms_and_boundaries() {
        let f = finder(
            Raw {
                names: vec!["Robert SMITH".into()],
                dob: vec!["1984-03-07".into()],
                nino: vec!["AB123456C".into()],
                phone: vec!["07700 900123".into()],
                postcode: vec!["SW1A 1AA".into()],
                email: vec!["bob.smith@example.com".into()],
                ..Raw::default()
            },
            false,
        );
        let kinds = |text: &str| -> Vec<IdKind> {
            let mut out = Vec::new();
            f.find(text.as_bytes(), 0, text.len(), &mut out);
            out.iter()
                .filter_map(|h| match h.kind {
                    HitKind::Id(k) => Some(k),
                    _ => None,
                })
                .collect()
        };
        for (text, want) in [
            ("born 07 03 1984", IdKind::Dob),
            ("ref 070384 x", IdKind::Dob),
            ("the 7th day of March 1984", IdKind::Dob),
            ("tel 447700900123", IdKind::Phone),
            ("SW1A-1AA", IdKind::Postcode),
            ("AB.12.34.56.C", IdKind::Nino),
            ("mail bob.smith@example.com.", IdKind::Email),
        ] {
            assert_eq!(kinds(text), [want], "{text}");
        }
        for text in [
            "bob.smith@example.com.au",
            "xbob.smith@example.com",
            "rob.bob.smith@example.com",
            "1070384",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn long_runs_of_the_surname_stay_linear() {
        // 400 KB of "smith" with and without spaces: one anchor per word
        // must not rescan the run (this took minutes when it did).
        let f = finder(robert(), false);
        for text in ["smith".repeat(80_000), "smith ".repeat(80_000)] {
            let mut out = Vec::new();
            f.find(text.as_bytes(), 0, text.len(), &mut out);
            assert!(out.len() <= 80_000);
        }
    }

    #[test]
    fn apostrophes_mc_and_hyphens_fold() {
        let f = finder(
            Raw {
                names: vec!["Sean O'NEILL".into()],
                aliases: vec!["Ian McDONALD".into(), "Anna SMITH-JONES".into()],
                ..Raw::default()
            },
            false,
        );
        for (text, want) in [
            ("Sean O'Neill", "Sean O'Neill"),
            ("Sean O’Neill", "Sean O’Neill"),
            ("SEAN ONEILL", "SEAN ONEILL"),
            ("Sean O Neill", "Sean O Neill"),
            ("Ian MacDonald", "Ian MacDonald"),
            ("Ian Mc Donald", "Ian Mc Donald"),
            ("Anna Smith-Jones", "Anna Smith-Jones"),
            ("Anna Smith Jones", "Anna Smith Jones"),
            ("Anna Jones", "Anna Jones"),
        ] {
            let got = names_in(&f, text);
            assert!(
                got.iter().any(|g| g.0 == want && g.1.is_name()),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn identifiers_are_found_in_any_spacing() {
        let f = finder(robert(), false);
        let text = "NI ab 12 34 56 c; tel +44 (0)7700 900123 or 07700-900-123; born 7th March 1984 \
                    (also 7.3.84); licence SMITH 803074 RJ9AB; other AB123456D";
        let mut out = Vec::new();
        f.find(text.as_bytes(), 0, text.len(), &mut out);
        let mut ids: Vec<(IdKind, String)> = out
            .iter()
            .filter_map(|h| match h.kind {
                HitKind::Id(k) => Some((k, text[h.start..h.end].to_string())),
                _ => None,
            })
            .collect();
        ids.sort();
        assert_eq!(
            ids,
            [
                (IdKind::Dob, "7.3.84".to_string()),
                (IdKind::Dob, "7th March 1984".to_string()),
                (IdKind::Nino, "ab 12 34 56 c".to_string()),
                (IdKind::DrivingLicence, "SMITH 803074 RJ9AB".to_string()),
                (IdKind::Phone, "+44 (0)7700 900123".to_string()),
                (IdKind::Phone, "07700-900-123".to_string()),
            ]
        );
    }

    #[test]
    fn fuzzy_finds_misspelt_long_surnames_only_with_a_forename() {
        let raw = || Raw {
            names: vec!["Katherine WHITTINGTON".into()],
            ..Raw::default()
        };
        let plain = finder(raw(), false);
        let fuzzy = finder(raw(), true);
        let text = "Katherine Whitington attended";
        assert!(names_in(&plain, text).is_empty());
        let got = names_in(&fuzzy, text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].2.contains("fuzzy"));
        assert!(names_in(&fuzzy, "Mr Whitington attended").is_empty());
    }
}
