//! The worker's side of `trawl subject`: at each region of text it asks
//! the subject finder where the subject is, files what it finds under the
//! document or record it belongs to, and notes what the detectors found
//! that belongs to someone else. Units are graded when their file is done
//! (records: when their region is done, since a record never spans two).

use super::{LineCursor, Worker};
use crate::catalog::validators::{alnum_upper, parse_uk_date};
use crate::extract::char_floor;
use crate::report::mask;
use crate::subject::find::{Hit, HitKind};
use crate::subject::score::{self, Evidence, FileFacts, Other, OtherKind, Segment, Unit, UnitKey};

/// No hit of the subject's is longer than this (names are a few words,
/// identifiers a few dozen characters).
const MAX_HIT: usize = 1024;

/// Characters of context either side of a match in a snippet.
const SNIPPET: usize = 70;

/// Rules whose findings are someone's identity: what is not the
/// subject's counts towards the third-party (redaction) flag.
const PERSONAL_RULES: &[&str] = &[
    "person_name",
    "uk_nino",
    "nhs_number",
    "uk_phone",
    "email",
    "uk_postcode",
    "uk_vehicle_registration",
    "date_of_birth",
    "uk_driving_licence",
    "uk_passport",
    "pnc_id",
    "cro_number",
    "payment_card",
    "uk_bank_account",
    "iban",
];

/// Per-thread subject state.
#[derive(Default)]
pub struct SubjectWork {
    /// The current region's hits (window offsets).
    hits: Vec<Hit>,
    scratch: Vec<Hit>,
    file: FileFacts,
    /// Document units of the current file.
    units: Vec<Unit>,
    /// Record units of the current region.
    records: Vec<Unit>,
}

impl SubjectWork {
    pub fn begin_file(&mut self, path: &str, meta: Option<&std::fs::Metadata>) {
        self.units.clear();
        self.records.clear();
        self.file = FileFacts {
            path: path.to_string(),
            size: meta.map(|m| m.len()),
            modified: meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| jiff::Timestamp::try_from(t).ok())
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
        };
    }
}

fn unit_mut<'u>(units: &'u mut Vec<Unit>, key: &UnitKey) -> &'u mut Unit {
    match units.iter().position(|u| u.key == *key) {
        Some(i) => &mut units[i],
        None => {
            units.push(Unit::new(key.clone()));
            units.last_mut().expect("just pushed")
        }
    }
}

/// Whether a hit is certainly the subject's own data, to be shown in a
/// snippet: a name with a forename (or initials), an identifier in its
/// exact form. A surname alone, a title and surname, the middle name and a
/// day/month-swapped date may be someone else's, and are masked.
fn shown(h: &Hit) -> bool {
    match h.kind {
        HitKind::Name(l) => l.is_name() && !h.partial,
        HitKind::Id(_) => !h.variant.contains("swapped"),
    }
}

/// What a snippet needs besides the text.
struct SnippetCtx<'a> {
    /// The subject's hits in this text, sorted by start.
    hits: &'a [Hit],
    show: bool,
    names: Option<&'a crate::names::Gazetteer>,
}

/// Builds a snippet of `text[lo..hi]` around `text[s..e]`, the subject's
/// data in clear and everything else masked.
fn snippet(
    text: &[u8],
    lo: usize,
    hi: usize,
    s: usize,
    e: usize,
    cx: &SnippetCtx<'_>,
) -> Vec<Segment> {
    let mut a = char_floor(text, s.saturating_sub(SNIPPET).max(lo));
    let mut b = char_floor(text, (e + SNIPPET).min(hi));
    // Cut at whitespace, so no word is shown in part (a cut-off name
    // would escape the name check).
    if a > lo {
        while a < s && !text[a - 1].is_ascii_whitespace() {
            a += 1;
        }
    }
    if b < hi {
        while b > e && !text[b].is_ascii_whitespace() {
            b -= 1;
        }
    }
    let first = cx.hits.partition_point(|h| h.start < a);
    let spans: Vec<(usize, usize)> = cx.hits[first..]
        .iter()
        .take_while(|h| h.start < b)
        .filter(|h| h.end <= b && shown(h))
        .map(|h| (h.start, h.end))
        .collect();
    let mut out: Vec<Segment> = Vec::new();
    let mut at = a;
    let push = |t: String, subject: bool, out: &mut Vec<Segment>| {
        if t.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.s == subject => last.t.push_str(&t),
            _ => out.push(Segment { t, s: subject }),
        }
    };
    if a > lo {
        push("…".into(), false, &mut out);
    }
    for (hs, he) in spans {
        if hs < at {
            continue;
        }
        let ctx = String::from_utf8_lossy(&text[at..hs]);
        push(
            score::mask_context(&ctx, cx.show, cx.names),
            false,
            &mut out,
        );
        let own = String::from_utf8_lossy(&text[hs..he]);
        push(
            own.split_whitespace().collect::<Vec<_>>().join(" "),
            true,
            &mut out,
        );
        at = he;
    }
    let ctx = String::from_utf8_lossy(&text[at..b]);
    push(
        score::mask_context(&ctx, cx.show, cx.names),
        false,
        &mut out,
    );
    if b < hi {
        push("…".into(), false, &mut out);
    }
    out
}

impl Worker<'_> {
    /// The unit key for a document part being scanned now.
    fn doc_key(&self) -> UnitKey {
        let message = self.location.as_deref().and_then(|l| {
            let rest = l.strip_prefix("message ")?;
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!n.is_empty()).then(|| format!("message {n}"))
        });
        UnitKey {
            container: self.container.clone(),
            message,
            sheet: None,
            row: None,
        }
    }

    fn part_name(&self) -> String {
        self.location.clone().unwrap_or_default()
    }

    fn note_page(unit: &mut Unit, location: Option<&str>) {
        if let Some(n) = location
            .and_then(|l| l.strip_prefix("page "))
            .and_then(|n| n.split(' ').next())
            .and_then(|n| n.parse::<u32>().ok())
        {
            unit.max_page = Some(unit.max_page.map_or(n, |m| m.max(n)));
        }
    }

    /// Plain text: the subject in `[a, b)` of the window, with context up
    /// to `limit`.
    pub(super) fn subject_text(&mut self, a: usize, b: usize, limit: usize, cursor: &LineCursor) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let key = self.doc_key();
        let part = self.part_name();
        let location = self.location.clone();
        let sw = self.subject.as_mut().expect("subject mode");
        sw.hits.clear();
        let lo = char_floor(&self.window.text, a.saturating_sub(super::OVERLAP));
        search
            .finder
            .find(&self.window.text, lo, limit, &mut sw.hits);
        // Sorted, for the overlap checks and snippets. The hits that start
        // in [a, b) are this region's; the rest were or will be another
        // region's, but stay for masking.
        sw.hits.sort_by_key(|h| h.start);
        let text = &self.window.text;
        let base = self.window.base;
        let unit = unit_mut(&mut sw.units, &key);
        Self::note_page(unit, location.as_deref());
        let cx = SnippetCtx {
            hits: &sw.hits,
            show: search.show_values,
            names: self.s.catalog.names.as_deref(),
        };
        let mut c = *cursor;
        let from = sw.hits.partition_point(|h| h.start < a);
        for h in sw.hits[from..].iter().take_while(|h| h.start < b) {
            if !unit.room() {
                unit.more += 1;
                continue;
            }
            c.advance(text, base, base + h.start as u64);
            let mut e = Evidence::of(
                h,
                text,
                part.clone(),
                base + h.start as u64,
                location.clone(),
            );
            e.line = Some(c.line);
            e.column = Some(c.col + 1);
            e.snippet = snippet(text, lo, limit, h.start, h.end, &cx);
            unit.add(e);
        }
    }

    /// Records: the subject in each record of `[a, b)`, one unit each.
    pub(super) fn subject_records(&mut self, a: usize, b: usize) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let base = self.window.base;
        let container = self.container.clone();
        let sheet = if self.sheet_part {
            self.location.clone()
        } else {
            None
        };
        let part = self.part_name();
        let sw = self.subject.as_mut().expect("subject mode");
        sw.hits.clear();
        let text = &self.window.text;
        for rec in self.records.iter() {
            if rec.row <= self.header_row {
                continue;
            }
            let rs = (rec.start - base) as usize;
            let re = ((rec.end - base) as usize).min(b);
            if rs < a || rs >= re {
                continue;
            }
            sw.scratch.clear();
            search.finder.find(text, rs, re, &mut sw.scratch);
            if sw.scratch.is_empty() {
                continue;
            }
            search
                .finder
                .upgrade_in_record(text, rs, re, &mut sw.scratch);
            sw.scratch.sort_by_key(|h| h.start);
            let key = UnitKey {
                container: container.clone(),
                message: None,
                sheet: sheet.clone(),
                row: Some(rec.row),
            };
            let fields = &self.fields[rec.first..rec.first + rec.count];
            for h in &sw.scratch {
                let g = base + h.start as u64;
                let f = fields
                    .partition_point(|f| f.end < g)
                    .min(fields.len().saturating_sub(1));
                let location = if fields.is_empty() {
                    None
                } else if let Some(s) = &sheet {
                    Some(format!(
                        "{s}!{}{}",
                        crate::extract::document::column_name(f as u32),
                        rec.row
                    ))
                } else {
                    Some(match self.headers.get(f) {
                        Some(h) if !h.is_empty() => format!("column {h}"),
                        _ => format!("column {}", f + 1),
                    })
                };
                let unit = unit_mut(&mut sw.records, &key);
                if !unit.room() {
                    unit.more += 1;
                    continue;
                }
                let mut e = Evidence::of(h, text, part.clone(), g, location);
                let cx = SnippetCtx {
                    hits: &sw.scratch,
                    show: search.show_values,
                    names: self.s.catalog.names.as_deref(),
                };
                e.snippet = snippet(text, rs, re, h.start, h.end, &cx);
                unit.add(e);
            }
            sw.hits.append(&mut sw.scratch);
        }
    }

    /// A detector's finding in subject mode: someone else's identity
    /// unless it is the subject's own.
    pub(super) fn subject_observe(
        &mut self,
        rule: usize,
        start: usize,
        end: usize,
        row: Option<u64>,
    ) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let id = self.s.catalog.rules[rule].id.as_str();
        if !PERSONAL_RULES.contains(&id) {
            return;
        }
        let sw = self.subject.as_ref().expect("subject mode");
        // The hits are sorted by start: look only at those starting before
        // this finding ends and not so far before that they cannot reach it.
        let upto = sw.hits.partition_point(|h| h.start < end);
        let overlaps = sw.hits[..upto]
            .iter()
            .rev()
            .take_while(|h| h.start + MAX_HIT >= start)
            .any(|h| start < h.end && (id != "person_name" || matches!(h.kind, HitKind::Name(_))));
        if overlaps {
            return;
        }
        let value = String::from_utf8_lossy(&self.window.text[start..end]);
        let what = match id {
            "date_of_birth" if !search.profile.dobs.is_empty() => {
                match parse_uk_date(value.trim(), search.today, false) {
                    Some(d) if search.is_subject_dob(d) => return,
                    Some(_) => Some(OtherKind::Dob(mask::mask(value.trim()))),
                    None => None,
                }
            }
            "uk_nino" if !search.profile.ninos.is_empty() => {
                let v = alnum_upper(&value);
                let v = v.as_str();
                if search
                    .profile
                    .ninos
                    .iter()
                    .any(|n| v.len() >= 8 && n.value[..8] == v[..8])
                {
                    return;
                }
                Some(OtherKind::Nino(mask::mask(value.trim())))
            }
            _ => None,
        };
        // Only now, for a finding that counts, the keys (clones) it needs.
        let pos = self.window.base + start as u64;
        let part = self.part_name();
        let doc_key = self.doc_key();
        let sheet = if self.sheet_part {
            self.location.clone()
        } else {
            None
        };
        let container = self.container.clone();
        let sw = self.subject.as_mut().expect("subject mode");
        let unit = match row {
            Some(r) => {
                let key = UnitKey {
                    container,
                    message: None,
                    sheet,
                    row: Some(r),
                };
                // Records with nothing of the subject's are never listed:
                // no unit for them.
                match sw.records.iter_mut().find(|u| u.key == key) {
                    Some(u) => u,
                    None => return,
                }
            }
            None => unit_mut(&mut sw.units, &doc_key),
        };
        match what {
            Some(w) => unit.add_other(Other { part, pos, what: w }),
            None => unit.third_party += 1,
        }
    }

    /// Grades the records of the region just scanned.
    pub(super) fn subject_flush_records(&mut self) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let sw = self.subject.as_mut().expect("subject mode");
        grade(search, &sw.file, sw.records.drain(..));
    }

    /// Grades the documents of the member just scanned (its parts are all
    /// done): memory stays bounded by one member, not by the archive.
    pub(super) fn subject_end_member(&mut self) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let Some(sw) = self.subject.as_mut() else {
            return;
        };
        let mut i = 0;
        while i < sw.units.len() {
            if sw.units[i].key.container == self.container {
                let u = sw.units.swap_remove(i);
                grade(search, &sw.file, std::iter::once(u));
            } else {
                i += 1;
            }
        }
    }

    /// Grades the documents of the file just scanned.
    pub(super) fn subject_end_file(&mut self) {
        let Some(search) = self.s.subject.as_ref() else {
            return;
        };
        let Some(sw) = self.subject.as_mut() else {
            return;
        };
        grade(
            search,
            &sw.file,
            sw.records.drain(..).chain(sw.units.drain(..)),
        );
    }
}

/// Grades finished units and hands their results to the search (a unit
/// with no evidence of the subject's grades to nothing).
fn grade(search: &crate::subject::Search, file: &FileFacts, units: impl Iterator<Item = Unit>) {
    for u in units {
        if let Some(r) = score::finish(u, file) {
            search.push(r);
        }
    }
}
