//! Turning the places where the subject matched into ranked, explained
//! results: one per document (or per member of a container, or message of
//! a mailbox), and one per record of a tabular export.
//!
//! The rules follow DOMAIN.md §5.4 and §6.6: recall first when gathering
//! candidates, then evidence, not similarity, when grading them.
//!
//! * `strong`: an identifier that singles out one person (NI number, PNC
//!   ID, CRO number, driving licence, email, phone), or the subject's name
//!   with their date of birth, address or postcode next to it (within
//!   [`NEAR`] characters, or in the same record) — and nothing that says
//!   it is someone else.
//! * `medium`: the name with another of the subject's identifiers further
//!   away, a vehicle registration, a reference, or the address.
//! * `weak`: the name alone (a candidate for a person to check, never a
//!   confirmation), a date of birth or postcode alone, or a match that
//!   something contradicts: a different date of birth or NI number next
//!   to the name ranks below every result with the subject's own, and
//!   says why.
//!
//! A surname alone, or with only a title, is not a result by itself: it
//! supports other evidence.

use std::collections::BTreeSet;

use serde::Serialize;

use super::find::{HitKind, NameLevel};
use super::profile::NameRole;
use super::variants::IdKind;

/// Characters within which two matches count as together.
pub const NEAR: u64 = 300;
/// Evidence kept per unit (more are counted, not kept).
pub const MAX_EVIDENCE: usize = 40;
/// Snippets kept per result.
const MAX_SNIPPETS: usize = 5;
/// Other people's dates of birth and NI numbers kept per unit for the
/// contradiction check.
const MAX_OTHERS: usize = 2000;

/// What a unit is, within its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitKey {
    pub container: Vec<String>,
    /// A message of a mailbox ("message 3").
    pub message: Option<String>,
    /// For a record: its sheet (if any) and row.
    pub sheet: Option<String>,
    pub row: Option<u64>,
}

/// A piece of snippet text; `s`: the subject's own data, shown in clear.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Segment {
    pub t: String,
    pub s: bool,
}

/// One match kept as evidence.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub kind: HitKind,
    pub variant: String,
    pub detail: String,
    pub value: String,
    pub role: Option<NameRole>,
    pub fuzzy: bool,
    pub common: bool,
    /// Only part of the surname matched.
    pub partial: bool,
    /// The part (page, comment, sheet ...) and the position in its text.
    pub part: String,
    pub pos: u64,
    pub location: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub snippet: Vec<Segment>,
}

impl Evidence {
    /// Evidence of hit `h` in `text` (its value with whitespace runs made
    /// single spaces); line, column and snippet are the caller's to add.
    pub fn of(
        h: &super::find::Hit,
        text: &[u8],
        part: String,
        pos: u64,
        location: Option<String>,
    ) -> Evidence {
        Evidence {
            kind: h.kind,
            variant: h.variant.clone(),
            detail: h.detail.clone(),
            value: String::from_utf8_lossy(&text[h.start..h.end])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            role: h.role,
            fuzzy: h.fuzzy,
            common: h.common,
            partial: h.partial,
            part,
            pos,
            location,
            line: None,
            column: None,
            snippet: Vec::new(),
        }
    }
}

/// Something in the unit that is not the subject's.
#[derive(Clone, Debug)]
pub struct Other {
    pub part: String,
    pub pos: u64,
    pub what: OtherKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OtherKind {
    /// A date of birth that is not the subject's (masked for display).
    Dob(String),
    /// An NI number that is not the subject's.
    Nino(String),
}

/// Everything found in one document or record so far.
#[derive(Clone, Debug)]
pub struct Unit {
    pub key: UnitKey,
    pub evidence: Vec<Evidence>,
    /// Matches beyond those kept.
    pub more: u64,
    pub others: Vec<Other>,
    pub third_party: u64,
    pub locations: Vec<String>,
    pub max_page: Option<u32>,
}

impl Unit {
    pub fn new(key: UnitKey) -> Unit {
        Unit {
            key,
            evidence: Vec::new(),
            more: 0,
            others: Vec::new(),
            third_party: 0,
            locations: Vec::new(),
            max_page: None,
        }
    }

    pub fn add(&mut self, e: Evidence) {
        if let Some(l) = &e.location {
            let part = l.split('!').next().unwrap_or(l).to_string();
            if !self.locations.contains(&part) && self.locations.len() < 50 {
                self.locations.push(part);
            }
        }
        if self.evidence.len() < MAX_EVIDENCE {
            self.evidence.push(e);
        } else {
            // Keep the best of each kind: replace a weaker duplicate kind.
            self.more += 1;
        }
    }

    /// Whether another piece of evidence would be kept.
    pub fn room(&self) -> bool {
        self.evidence.len() < MAX_EVIDENCE
    }

    pub fn add_other(&mut self, o: Other) {
        self.third_party += 1;
        if self.others.len() < MAX_OTHERS {
            self.others.push(o);
        }
    }
}

/// Facts about the file a unit is in.
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub path: String,
    pub size: Option<u64>,
    pub modified: Option<String>,
}

/// A matched item of a result, as output.
#[derive(Clone, Debug, Serialize)]
pub struct Matched {
    pub kind: &'static str,
    pub variant: String,
    pub detail: String,
    pub value: String,
    pub location: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
}

/// One ranked result: a line of the disclosure schedule.
#[derive(Clone, Debug, Serialize)]
pub struct SubjectResult {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub rank: usize,
    pub tier: &'static str,
    pub score: u32,
    pub path: String,
    pub container: Vec<String>,
    pub locations: Vec<String>,
    pub row: Option<u64>,
    pub record: bool,
    pub file_type: String,
    pub size: Option<u64>,
    pub modified: Option<String>,
    pub pages: Option<u32>,
    pub matched: Vec<Matched>,
    pub identifiers: Vec<&'static str>,
    pub conflicts: Vec<String>,
    pub third_party: u64,
    pub why: String,
    pub review: String,
    pub snippets: Vec<Vec<Segment>>,
}

impl SubjectResult {
    /// 0 strong, 1 medium, 2 weak: the first sort key.
    pub fn tier_rank(&self) -> u8 {
        match self.tier {
            "strong" => 0,
            "medium" => 1,
            _ => 2,
        }
    }
}

fn kind_str(k: HitKind) -> &'static str {
    match k {
        HitKind::Name(_) => "name",
        HitKind::Id(i) => i.as_str(),
    }
}

fn id_weight(k: IdKind) -> u32 {
    match k {
        IdKind::Nino | IdKind::Pnc | IdKind::Cro | IdKind::DrivingLicence => 60,
        IdKind::Email => 50,
        IdKind::Phone => 45,
        IdKind::Ref => 35,
        IdKind::Dob => 30,
        IdKind::Address | IdKind::Vrm => 25,
        IdKind::Postcode => 20,
    }
}

/// Grades a unit; `None` when nothing in it is enough to list.
pub fn finish(unit: Unit, file: &FileFacts) -> Option<SubjectResult> {
    let ev = &unit.evidence;
    if ev.is_empty() {
        return None;
    }
    let record = unit.key.row.is_some();
    let near =
        |a: &Evidence, b: &Evidence| record || (a.part == b.part && a.pos.abs_diff(b.pos) <= NEAR);
    let near_other =
        |a: &Evidence, o: &Other| record || (a.part == o.part && a.pos.abs_diff(o.pos) <= NEAR);
    let names: Vec<&Evidence> = ev
        .iter()
        .filter(|e| matches!(e.kind, HitKind::Name(l) if l.is_name()))
        .collect();
    let weak_names: Vec<&Evidence> = ev
        .iter()
        .filter(|e| matches!(e.kind, HitKind::Name(l) if !l.is_name()))
        .collect();
    let ids: Vec<&Evidence> = ev
        .iter()
        .filter(|e| matches!(e.kind, HitKind::Id(_)))
        .collect();
    let id_kinds: BTreeSet<IdKind> = ids
        .iter()
        .filter_map(|e| match e.kind {
            HitKind::Id(k) if !e.variant.contains("swapped") => Some(k),
            _ => None,
        })
        .collect();
    let swapped_dob = ids.iter().any(|e| e.variant.contains("swapped"));
    let unique: Vec<IdKind> = id_kinds.iter().copied().filter(|k| k.unique()).collect();
    // Each name match: is it next to the subject's date of birth, or to
    // someone else's?
    let dob_ev: Vec<&Evidence> = ids
        .iter()
        .copied()
        .filter(|e| e.kind == HitKind::Id(IdKind::Dob) && !e.variant.contains("swapped"))
        .collect();
    let nino_ev: Vec<&Evidence> = ids
        .iter()
        .copied()
        .filter(|e| e.kind == HitKind::Id(IdKind::Nino))
        .collect();
    let mut conflicts: Vec<String> = Vec::new();
    let mut best_name: Option<(&Evidence, bool, bool)> = None; // (e, supported, contradicted)
    let level = |e: &Evidence| match e.kind {
        HitKind::Name(l) => l,
        _ => NameLevel::Surname,
    };
    let all_names: Vec<&Evidence> = names.iter().chain(weak_names.iter()).copied().collect();
    for &n in &all_names {
        let with_dob = dob_ev.iter().any(|d| near(n, d));
        let with_nino = nino_ev.iter().any(|d| near(n, d));
        let other_dob = unit
            .others
            .iter()
            .find(|o| matches!(o.what, OtherKind::Dob(_)) && near_other(n, o));
        let other_nino = unit
            .others
            .iter()
            .find(|o| matches!(o.what, OtherKind::Nino(_)) && near_other(n, o));
        let mut contradicted = false;
        if let (Some(o), false) = (other_dob, with_dob) {
            contradicted = true;
            if let OtherKind::Dob(m) = &o.what {
                let c = format!("a different date of birth ({m}) next to the name");
                if !conflicts.contains(&c) {
                    conflicts.push(c);
                }
            }
        }
        if let (Some(o), false) = (other_nino, with_nino) {
            contradicted = true;
            if let OtherKind::Nino(m) = &o.what {
                let c = format!("a different NI number ({m}) next to the name");
                if !conflicts.contains(&c) {
                    conflicts.push(c);
                }
            }
        }
        let supported = with_dob || with_nino;
        let better = match best_name {
            None => true,
            Some((b, bs, bc)) => (supported, !contradicted, level(n)) > (bs, !bc, level(b)),
        };
        if better {
            best_name = Some((n, supported, contradicted));
        }
    }
    let contradicted = best_name.is_some_and(|(_, _, c)| c);
    // Which identifiers sit next to the best name.
    let near_ids: BTreeSet<IdKind> = match best_name {
        Some((n, _, _)) => ids
            .iter()
            .filter(|e| near(n, e) && !e.variant.contains("swapped"))
            .filter_map(|e| match e.kind {
                HitKind::Id(k) => Some(k),
                _ => None,
            })
            .collect(),
        None => BTreeSet::new(),
    };
    // The middle name as forename counts only next to an identifier.
    let name_ok = best_name.filter(|(e, _, _)| {
        level(e).is_name() || (level(e) == NameLevel::Middle && !near_ids.is_empty())
    });
    let has_name = name_ok.is_some();
    // Nothing but a surname (or a title, or the middle name) and no
    // identifier: not a result; nor is a date that is the date of birth
    // with day and month swapped, on its own.
    if !has_name && id_kinds.is_empty() {
        return None;
    }
    // Score.
    let mut score: u32 = 0;
    if let Some((e, _, _)) = best_name {
        let mut w = level(e).weight();
        if e.fuzzy {
            w = w * 6 / 10;
        }
        if e.common {
            w = w * 7 / 10;
        }
        score += w;
    }
    for k in &id_kinds {
        score += id_weight(*k);
    }
    if swapped_dob && !id_kinds.contains(&IdKind::Dob) {
        score += 8;
    }
    if has_name {
        if near_ids.contains(&IdKind::Dob) {
            score += 30;
        }
        score += 15
            * near_ids
                .iter()
                .filter(|k| **k != IdKind::Dob)
                .count()
                .min(2) as u32;
    }
    score += (ev.len() as u32 + unit.more as u32)
        .saturating_sub(1)
        .min(5);
    if contradicted {
        score = score.saturating_sub(40).max(1);
    }
    // Tier.
    // Half a double-barrelled surname ("Smith" in "Smith-Jones") with a
    // date of birth next to it may be a relative: not enough for strong.
    let partial = name_ok.is_some_and(|(e, _, _)| e.partial);
    let name_near = |k: IdKind| has_name && !partial && near_ids.contains(&k);
    let strong = !unique.is_empty()
        || name_near(IdKind::Dob)
        || name_near(IdKind::Postcode)
        || name_near(IdKind::Address);
    let medium = (has_name && !id_kinds.is_empty())
        || id_kinds.contains(&IdKind::Vrm)
        || id_kinds.contains(&IdKind::Ref)
        || id_kinds.contains(&IdKind::Address)
        || (id_kinds.contains(&IdKind::Dob) && id_kinds.contains(&IdKind::Postcode));
    let tier = if contradicted && unique.is_empty() {
        "weak"
    } else if strong {
        "strong"
    } else if medium {
        "medium"
    } else {
        "weak"
    };
    // Explanation.
    let mut why: Vec<String> = Vec::new();
    for k in &unique {
        why.push(format!("the subject's {} matches", k.label()));
    }
    if let Some((e, _, _)) = name_ok {
        let mut s = format!("name ({})", e.variant);
        let together: Vec<&str> = near_ids
            .iter()
            .filter(|k| !k.unique())
            .map(|k| k.label())
            .collect();
        if !together.is_empty() {
            s.push_str(&format!(
                " with the {} {}",
                together.join(" and "),
                if record {
                    "in the same record"
                } else {
                    "next to it"
                }
            ));
        }
        why.push(s);
    }
    let others: Vec<&str> = id_kinds
        .iter()
        .filter(|k| !k.unique() && !near_ids.contains(k))
        .map(|k| k.label())
        .collect();
    if !others.is_empty() {
        why.push(format!(
            "{} elsewhere in the {}",
            others.join(", "),
            if record { "record" } else { "document" }
        ));
    }
    if swapped_dob && !id_kinds.contains(&IdKind::Dob) {
        why.push("a date that is the date of birth with day and month swapped".into());
    }
    if name_ok.is_none() && !weak_names.is_empty() {
        why.push("the surname".into());
    }
    if let Some((e, _, _)) = name_ok
        && e.common
    {
        why.push("a very common surname".into());
    }
    if let Some((e, _, _)) = name_ok
        && e.fuzzy
    {
        why.push("a fuzzy spelling match".into());
    }
    let why = why.join("; ");
    let review = if tier == "weak" && contradicted {
        "probably a different person with the same name: check before including".to_string()
    } else if tier == "weak" && has_name && id_kinds.is_empty() {
        "name only: a candidate, not confirmed; check it is the subject".to_string()
    } else if tier == "weak" {
        "little evidence: check it is the subject".to_string()
    } else if !conflicts.is_empty() {
        "identifiers match but something contradicts: check it is the subject".to_string()
    } else {
        "confirm it is the subject before disclosure".to_string()
    };
    let mut identifiers: Vec<&'static str> = Vec::new();
    if has_name {
        identifiers.push("name");
    }
    identifiers.extend(id_kinds.iter().map(|k| k.as_str()));
    // Matched items: names first, then identifiers, each kind once per
    // variant and value.
    let mut matched: Vec<Matched> = Vec::new();
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut ordered: Vec<&Evidence> = ev.iter().collect();
    ordered.sort_by_key(|e| (matches!(e.kind, HitKind::Id(_)), e.part.clone(), e.pos));
    for e in &ordered {
        let k = (
            kind_str(e.kind).to_string(),
            e.variant.clone(),
            e.value.clone(),
        );
        if seen.insert(k) && matched.len() < 20 {
            matched.push(Matched {
                kind: kind_str(e.kind),
                variant: e.variant.clone(),
                detail: e.detail.clone(),
                value: e.value.clone(),
                location: e.location.clone(),
                line: e.line,
                column: e.column,
            });
        }
    }
    // Snippets: the best name first, then unique identifiers, then the rest.
    let mut by_importance: Vec<&Evidence> = ev.iter().collect();
    by_importance.sort_by_key(|e| match e.kind {
        HitKind::Name(l) => (0u8, std::cmp::Reverse(l.weight())),
        HitKind::Id(k) if k.unique() => (1, std::cmp::Reverse(id_weight(k))),
        HitKind::Id(k) => (2, std::cmp::Reverse(id_weight(k))),
    });
    let mut snippets: Vec<Vec<Segment>> = Vec::new();
    for e in by_importance {
        if snippets.len() >= MAX_SNIPPETS {
            break;
        }
        if !e.snippet.is_empty() && !snippets.contains(&e.snippet) {
            snippets.push(e.snippet.clone());
        }
    }
    let last = unit
        .key
        .container
        .last()
        .map(String::as_str)
        .unwrap_or(file.path.as_str());
    let file_type = std::path::Path::new(last)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "text".into());
    let mut locations = unit.locations.clone();
    if let Some(m) = &unit.key.message
        && !locations.iter().any(|l| l.starts_with(m.as_str()))
    {
        locations.insert(0, m.clone());
    }
    if let Some(s) = &unit.key.sheet
        && !locations.contains(s)
    {
        locations.insert(0, s.clone());
    }
    Some(SubjectResult {
        kind: "result",
        rank: 0,
        tier,
        score,
        path: file.path.clone(),
        container: unit.key.container.clone(),
        locations,
        row: unit.key.row,
        record,
        file_type,
        size: if unit.key.container.is_empty() {
            file.size
        } else {
            None
        },
        modified: file.modified.clone(),
        pages: unit.max_page,
        matched,
        identifiers,
        conflicts,
        third_party: unit.third_party,
        why,
        review,
        snippets,
    })
}

/// Sorts results best first and numbers them: tier, then score, then
/// path and row (stable across runs).
pub fn rank(results: &mut [SubjectResult]) {
    results.sort_by(|a, b| {
        a.tier_rank()
            .cmp(&b.tier_rank())
            .then(b.score.cmp(&a.score))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.container.cmp(&b.container))
            .then_with(|| a.row.cmp(&b.row))
    });
    for (i, r) in results.iter_mut().enumerate() {
        r.rank = i + 1;
    }
}

/// Context text with everything that could identify someone else
/// masked: words in lower case stay (they carry the sense) unless they
/// are a forename or surname (`jane`, `bloggs`); in those, and in anything
/// capitalised or holding a digit or `@`, every letter and digit becomes
/// `*` (punctuation stays, so the shape reads). `--show-values` shows it as it is.
pub fn mask_context(text: &str, show: bool, names: Option<&crate::names::Gazetteer>) -> String {
    if show {
        return text.to_string();
    }
    let mut buf = Vec::new();
    let mut is_name = |w: &str| {
        names.is_some_and(|g| {
            crate::names::fold(w.trim_matches(|c: char| !c.is_alphanumeric()), &mut buf);
            g.is_person_word(&buf)
        })
    };
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let plain = word.chars().all(|c| {
            c.is_lowercase() || matches!(c, '\'' | '’' | ',' | '.' | ';' | ':' | '!' | '?')
        }) && !is_name(word);
        if plain {
            out.push_str(word);
        } else {
            for c in word.chars() {
                out.push(if c.is_alphanumeric() { '*' } else { c });
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        } else if c.is_control() {
            flush(&mut word, &mut out);
            out.push(' ');
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: HitKind, part: &str, pos: u64) -> Evidence {
        Evidence {
            kind,
            variant: "exact".into(),
            detail: String::new(),
            value: "v".into(),
            role: None,
            fuzzy: false,
            common: false,
            partial: false,
            part: part.into(),
            pos,
            location: None,
            line: None,
            column: None,
            snippet: Vec::new(),
        }
    }

    fn unit(evs: Vec<Evidence>, others: Vec<Other>, row: Option<u64>) -> Unit {
        let mut u = Unit::new(UnitKey {
            container: Vec::new(),
            message: None,
            sheet: None,
            row,
        });
        for e in evs {
            u.add(e);
        }
        for o in others {
            u.add_other(o);
        }
        u
    }

    fn grade(u: Unit) -> Option<(&'static str, u32)> {
        let f = FileFacts {
            path: "x.txt".into(),
            ..FileFacts::default()
        };
        finish(u, &f).map(|r| (r.tier, r.score))
    }

    const FORENAME: HitKind = HitKind::Name(NameLevel::Forename);

    #[test]
    fn tiers_follow_the_evidence() {
        let dob = HitKind::Id(IdKind::Dob);
        let nino = HitKind::Id(IdKind::Nino);
        let pc = HitKind::Id(IdKind::Postcode);
        // Name alone: weak.
        assert_eq!(
            grade(unit(vec![ev(FORENAME, "", 0)], vec![], None))
                .unwrap()
                .0,
            "weak"
        );
        // Name with the DOB next to it: strong; far away: medium.
        assert_eq!(
            grade(unit(
                vec![ev(FORENAME, "", 0), ev(dob, "", 40)],
                vec![],
                None
            ))
            .unwrap()
            .0,
            "strong"
        );
        assert_eq!(
            grade(unit(
                vec![ev(FORENAME, "", 0), ev(dob, "", 4000)],
                vec![],
                None
            ))
            .unwrap()
            .0,
            "medium"
        );
        // In a record, everything is together.
        assert_eq!(
            grade(unit(
                vec![ev(FORENAME, "", 0), ev(pc, "", 9000)],
                vec![],
                Some(3)
            ))
            .unwrap()
            .0,
            "strong"
        );
        // A NINO alone: strong.
        assert_eq!(
            grade(unit(vec![ev(nino, "", 0)], vec![], None)).unwrap().0,
            "strong"
        );
        // A surname alone: nothing.
        assert_eq!(
            grade(unit(
                vec![ev(HitKind::Name(NameLevel::Surname), "", 0)],
                vec![],
                None
            )),
            None
        );
    }

    #[test]
    fn a_different_dob_next_to_the_name_ranks_below_the_subjects() {
        let dob = HitKind::Id(IdKind::Dob);
        let other = Other {
            part: String::new(),
            pos: 30,
            what: OtherKind::Dob("**/**/1979".into()),
        };
        let theirs = grade(unit(vec![ev(FORENAME, "", 0)], vec![other.clone()], None)).unwrap();
        let name_only = grade(unit(vec![ev(FORENAME, "", 0)], vec![], None)).unwrap();
        let ours = grade(unit(
            vec![ev(FORENAME, "", 0), ev(dob, "", 40)],
            vec![],
            None,
        ))
        .unwrap();
        assert_eq!(theirs.0, "weak");
        assert!(
            theirs.1 < name_only.1 && name_only.1 < ours.1,
            "{theirs:?} {name_only:?} {ours:?}"
        );
        let f = FileFacts::default();
        let r = finish(unit(vec![ev(FORENAME, "", 0)], vec![other], None), &f).unwrap();
        assert!(
            r.conflicts[0].contains("different date of birth"),
            "{:?}",
            r.conflicts
        );
        assert!(r.review.contains("different person"));
    }

    #[test]
    fn context_is_masked_except_lower_case_words() {
        assert_eq!(
            mask_context("arrested Jane DOE at 12 High St, jane@x.com", false, None),
            "arrested **** *** at ** **** **, ****@*.***"
        );
        assert_eq!(mask_context("a\tb\nc", false, None), "a b c");
        assert_eq!(mask_context("Jane", true, None), "Jane");
        let g = crate::catalog::builtin::names().unwrap();
        assert_eq!(
            mask_context(
                "spoke to jane doe and fred patel, then left",
                false,
                Some(&g)
            ),
            "spoke to **** doe and **** *****, then left"
        );
    }
}
