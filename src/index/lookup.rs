//! A subject search answered from the index: the person's names and
//! identifiers are turned into the same terms the index keeps
//! ([`terms`](super::terms)), hashed with the index's key, and looked up in
//! each file's term set.
//!
//! Two uses:
//!
//! * **candidates** for `--verify`: every file a direct search would
//!   report holds all the terms of one of the person's details, so
//!   rereading the candidates gives exactly the direct search's results.
//!   With `--fuzzy` (surnames spelt differently, always with a forename),
//!   a file holding a forename is a candidate too.
//! * **index-only results**: which of the person's details each file holds.
//!   The index does not know where in the file, so a name and a date of
//!   birth in the same file make a `medium` result here where a direct
//!   search, seeing them side by side, may say `strong`; and a term may be
//!   present by coincidence. The schedule says so on every line.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, params};

use super::key::Key;
use super::terms::{self, DATE, EMAIL, PREFIX13, SKELETON, WORD, date_term};
use super::values;
use crate::subject::find::SubjectFinder;
use crate::subject::profile::Profile;
use crate::subject::score::{Matched, SubjectResult};
use crate::subject::variants::{IdKind, STREET_TYPES};

/// What an item of the profile is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A form of name `name`'s surname (or a one-word alias); `partial`:
    /// only one part of a double-barrelled surname.
    Surname {
        name: usize,
        partial: bool,
    },
    /// A forename of name `name` as given, or a nickname or cognate.
    Given {
        name: usize,
        nickname: bool,
    },
    /// The initial of a forename.
    Initial {
        name: usize,
    },
    Id(IdKind),
    /// The date of birth with day and month swapped: enough to reread a
    /// file, not a result on its own.
    SwappedDob,
}

/// One detail of the person, as terms: present when every term of one of
/// its alternatives is.
#[derive(Clone, Debug)]
pub struct Item {
    pub what: What,
    /// How it was given ("SMITH", "Bob", "7 March 1984").
    pub detail: String,
    pub alternatives: Vec<Vec<i64>>,
    /// Keyed hashes of the finding values that are this item (for
    /// locations), with the rule they belong to.
    pub finding_hashes: Vec<i64>,
}

/// The person as index lookups.
#[derive(Clone, Debug)]
pub struct Query {
    pub items: Vec<Item>,
    pub fuzzy: bool,
}

fn word(key: &Key, w: &str) -> i64 {
    terms::term_hash(key, WORD, w.as_bytes())
}

fn skel(key: &Key, s: &str) -> i64 {
    terms::term_hash(key, SKELETON, s.as_bytes())
}

/// Upper-case letters and digits of `s`.
fn upper(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Query {
    pub fn new(profile: &Profile, finder: &SubjectFinder, key: &Key, fuzzy: bool) -> Query {
        let mut items = Vec::new();
        for (n, spec) in finder.names().iter().enumerate() {
            for form in &spec.forms {
                items.push(Item {
                    what: What::Surname {
                        name: n,
                        partial: form.partial,
                    },
                    detail: format!("{} ({})", form.tokens.join(" "), form.label),
                    alternatives: vec![form.tokens.iter().map(|t| word(key, t)).collect()],
                    finding_hashes: Vec::new(),
                });
            }
            for g in &spec.given {
                items.push(Item {
                    what: What::Given {
                        name: n,
                        nickname: false,
                    },
                    detail: g.written.clone(),
                    alternatives: vec![vec![word(key, &g.folded)]],
                    finding_hashes: Vec::new(),
                });
                if !g.variants.is_empty() {
                    items.push(Item {
                        what: What::Given {
                            name: n,
                            nickname: true,
                        },
                        detail: format!("a variant of {}", g.written),
                        alternatives: g
                            .variants
                            .iter()
                            .map(|(v, _, _)| vec![word(key, v)])
                            .collect(),
                        finding_hashes: Vec::new(),
                    });
                }
                if let Some(c) = g.folded.chars().next() {
                    items.push(Item {
                        what: What::Initial { name: n },
                        detail: format!("initial {}", c.to_ascii_uppercase()),
                        alternatives: vec![vec![word(key, &c.to_string())]],
                        finding_hashes: Vec::new(),
                    });
                }
            }
        }
        let id = |kind: IdKind, detail: String, alts: Vec<Vec<i64>>, fh: Vec<i64>| Item {
            what: What::Id(kind),
            detail,
            alternatives: alts,
            finding_hashes: fh,
        };
        for d in &profile.dobs {
            let (y, m, day) = (
                d.value.year() as u32,
                d.value.month() as u32,
                d.value.day() as u32,
            );
            let t = date_term(day, m, y);
            let alts = vec![vec![terms::term_hash(key, DATE, t.as_bytes())]];
            let fh = vec![key.hash("date", t.as_bytes())];
            items.push(id(IdKind::Dob, d.written.clone(), alts, fh));
            if day <= 12 && day != m {
                let s = date_term(m, day, y);
                items.push(Item {
                    what: What::SwappedDob,
                    detail: format!("{} with day and month swapped", d.written),
                    alternatives: vec![vec![terms::term_hash(key, DATE, s.as_bytes())]],
                    finding_hashes: Vec::new(),
                });
            }
        }
        for n in &profile.ninos {
            let v = &n.value;
            let mut alts = vec![vec![skel(key, &v[..8])]];
            let suffixes: Vec<char> = if v.len() == 9 {
                v[8..].chars().collect()
            } else {
                "ABCD".chars().collect()
            };
            for c in suffixes {
                alts.push(vec![skel(key, &format!("{}{c}", &v[..8]))]);
            }
            let fh = vec![key.hash("nino", values::nino(v).as_bytes())];
            items.push(id(IdKind::Nino, n.written.clone(), alts, fh));
        }
        for x in &profile.pncs {
            let v = &x.value;
            let mut alts = Vec::new();
            let mut fh = Vec::new();
            for century in ["", "19", "20"] {
                for zeros in 0..8 {
                    let s = format!(
                        "{century}{}{}{}{}",
                        v.yy,
                        "0".repeat(zeros),
                        v.serial,
                        v.check
                    );
                    if s.len() <= 20 {
                        alts.push(vec![skel(key, &s)]);
                        fh.push(key.hash("pnc", s.as_bytes()));
                    }
                }
            }
            items.push(id(IdKind::Pnc, x.written.clone(), alts, fh));
        }
        for x in &profile.cros {
            let v = &x.value;
            let mut alts = Vec::new();
            let mut fh = Vec::new();
            for zeros in 0..8 {
                let z = "0".repeat(zeros);
                let s = if v.sf {
                    format!("SF{}{z}{}{}", v.yy, v.serial, v.check)
                } else {
                    format!("{z}{}{}{}", v.serial, v.yy, v.check)
                };
                if s.len() <= 20 {
                    alts.push(vec![skel(key, &s)]);
                    fh.push(key.hash("cro", s.as_bytes()));
                }
            }
            items.push(id(IdKind::Cro, x.written.clone(), alts, fh));
        }
        let mut licences: Vec<(String, String)> = profile
            .driving_licences
            .iter()
            .map(|g| (g.value.clone(), g.written.clone()))
            .collect();
        for (prefix, why) in profile.driver_prefixes() {
            if !licences.iter().any(|(v, _)| v.starts_with(&prefix)) {
                licences.push((prefix, format!("derived: {why}")));
            }
        }
        for (v, detail) in licences {
            let head: String = v.chars().take(13).collect();
            let alts = vec![vec![terms::term_hash(key, PREFIX13, head.as_bytes())]];
            let fh = vec![key.hash("driving_licence", head.as_bytes())];
            items.push(id(IdKind::DrivingLicence, detail, alts, fh));
        }
        for e in &profile.emails {
            let v = e.value.to_lowercase();
            let alts = vec![vec![terms::term_hash(key, EMAIL, v.as_bytes())]];
            let fh = vec![key.hash("email", v.as_bytes())];
            items.push(id(IdKind::Email, e.written.clone(), alts, fh));
        }
        for ph in &profile.phones {
            let d = &ph.value;
            let alts = ["0", "44", "440", "0044", "00440"]
                .iter()
                .map(|p| vec![skel(key, &format!("{p}{d}"))])
                .collect();
            let fh = vec![key.hash("phone", values::phone(d).as_bytes())];
            items.push(id(IdKind::Phone, ph.written.clone(), alts, fh));
        }
        for pc in &profile.postcodes {
            let v = upper(&pc.value);
            let alts = vec![vec![skel(key, &v)]];
            let fh = vec![key.hash("postcode", v.as_bytes())];
            items.push(id(IdKind::Postcode, pc.written.clone(), alts, fh));
        }
        for r in &profile.vrms {
            let v = upper(&r.value);
            let alts = vec![vec![skel(key, &v)]];
            let fh = vec![key.hash("vrm", v.as_bytes())];
            items.push(id(IdKind::Vrm, r.written.clone(), alts, fh));
        }
        for r in &profile.refs {
            let v = upper(&r.value);
            // Written as one run (a skeleton, or one word when too long
            // for a skeleton or without a digit), or as separate words.
            let mut alts = vec![words(&r.value).iter().map(|w| word(key, w)).collect()];
            if v.bytes().any(|b| b.is_ascii_digit()) && v.len() <= 20 {
                alts.push(vec![skel(key, &v)]);
            } else {
                alts.push(vec![word(key, &v.to_lowercase())]);
            }
            items.push(id(IdKind::Ref, r.written.clone(), alts, Vec::new()));
        }
        for a in &profile.addresses {
            let ws: Vec<i64> = words(&a.value)
                .iter()
                .filter(|w| {
                    !STREET_TYPES
                        .iter()
                        .any(|(f, ab)| *f == w.as_str() || ab.trim_end_matches('?') == w.as_str())
                })
                .map(|w| word(key, w))
                .collect();
            items.push(id(IdKind::Address, a.written.clone(), vec![ws], Vec::new()));
        }
        Query { items, fuzzy }
    }
}

/// The folded words of `s`, as the index keeps them.
fn words(s: &str) -> Vec<String> {
    values::name_parts(s)
}

/// Whether the sorted term blob holds `h`.
fn holds(blob: &[u8], h: i64) -> bool {
    let n = blob.len() / 8;
    let at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&blob[i * 8..i * 8 + 8]);
        i64::from_le_bytes(b)
    };
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let v = at(mid);
        if v == h {
            return true;
        }
        if v < h {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    false
}

/// A file of the index that may concern the person.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: i64,
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// Its format class.
    pub class: String,
    /// Indexes into the query's items present in the file; empty when the
    /// file has no term set (too many terms) and is a candidate anyway.
    pub present: Vec<usize>,
    pub no_terms: bool,
}

/// What the lookup saw.
#[derive(Debug, Default)]
pub struct Coverage {
    pub files: u64,
    pub bytes: u64,
    pub without_terms: u64,
    /// Files the index could not read fully, with the reason.
    pub unreadable: Vec<(String, String)>,
    pub review: Vec<(String, String)>,
}

/// Whether `path` is one of `roots` or below one.
fn under(path: &str, roots: &[String]) -> bool {
    roots.is_empty()
        || roots.iter().any(|r| {
            path == r
                || (path.starts_with(r.as_str())
                    && (r.ends_with(std::path::MAIN_SEPARATOR)
                        || path[r.len()..].starts_with(std::path::MAIN_SEPARATOR)))
        })
}

/// The files that may concern the person (below `roots`, if given).
pub fn candidates(
    conn: &Connection,
    q: &Query,
    roots: &[String],
) -> rusqlite::Result<(Vec<Candidate>, Coverage)> {
    let mut cov = Coverage::default();
    let mut out = Vec::new();
    let mut st =
        conn.prepare("SELECT id, path, size, mtime_ns, terms, status, reason, class FROM files")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let path: String = r.get(1)?;
        if !under(&path, roots) {
            continue;
        }
        cov.files += 1;
        let size = r.get::<_, i64>(2)? as u64;
        cov.bytes += size;
        let status: String = r.get(5)?;
        if matches!(status.as_str(), "failed" | "partial") {
            let reason: Option<String> = r.get(6)?;
            cov.unreadable
                .push((path.clone(), reason.unwrap_or_else(|| status.clone())));
        }
        let blob: Option<Vec<u8>> = r.get(4)?;
        let Some(blob) = blob else {
            cov.without_terms += 1;
            out.push(Candidate {
                id: r.get(0)?,
                path,
                size,
                mtime_ns: r.get(3)?,
                class: r.get(7)?,
                present: Vec::new(),
                no_terms: true,
            });
            continue;
        };
        let present: Vec<usize> = q
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| {
                it.alternatives
                    .iter()
                    .any(|alt| !alt.is_empty() && alt.iter().all(|&h| holds(&blob, h)))
            })
            .map(|(i, _)| i)
            .collect();
        let candidate = present.iter().any(|&i| match q.items[i].what {
            What::Surname { .. } | What::Id(_) | What::SwappedDob => true,
            // --fuzzy matches a misspelt surname next to a forename or
            // an initial: any file holding one is reread.
            What::Given { .. } | What::Initial { .. } => q.fuzzy,
        });
        if candidate {
            out.push(Candidate {
                id: r.get(0)?,
                path,
                size,
                mtime_ns: r.get(3)?,
                class: r.get(7)?,
                present,
                no_terms: false,
            });
        }
    }
    drop(rows);
    let mut st = conn.prepare(
        "SELECT f.path, p.member, p.reason FROM problems p JOIN files f ON f.id = p.file_id WHERE p.kind = 'review'",
    )?;
    for r in st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (path, member, reason) = r?;
        if under(&path, roots) {
            let shown = match member {
                Some(m) => format!("{path} > {m}"),
                None => path,
            };
            cov.review.push((shown, reason));
        }
    }
    Ok((out, cov))
}

/// Index-only results: one per candidate file, graded on which details
/// it holds.
pub fn results(
    conn: &Connection,
    q: &Query,
    cands: &[Candidate],
) -> rusqlite::Result<Vec<SubjectResult>> {
    let mut out = Vec::new();
    let mut loc_st = conn.prepare(
        "SELECT value_hash, container, location, line, col, row, field, rule FROM findings WHERE file_id = ?1",
    )?;
    for c in cands {
        let file_type = c.class.clone();
        let modified = jiff::Timestamp::from_nanosecond(c.mtime_ns as i128)
            .ok()
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
        if c.no_terms {
            out.push(SubjectResult {
                kind: "result",
                rank: 0,
                tier: "weak",
                score: 0,
                path: c.path.clone(),
                container: Vec::new(),
                locations: Vec::new(),
                row: None,
                record: false,
                file_type,
                size: Some(c.size),
                modified,
                pages: None,
                matched: Vec::new(),
                identifiers: Vec::new(),
                conflicts: Vec::new(),
                third_party: 0,
                why: "too many distinct terms for the index to keep: not known from the index"
                    .into(),
                review: "reread it: trawl subject --db ... --verify".into(),
                snippets: Vec::new(),
            });
            continue;
        }
        // Locations of the findings that are the person's identifiers.
        let mut locs: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for r in loc_st.query_map(params![c.id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })? {
            let (h, container, location, line, row, field) = r?;
            let mut s = String::new();
            if let Some(m) = container {
                s.push_str(&m);
                s.push_str(" > ");
            }
            if let Some(l) = location {
                s.push_str(&l);
                s.push(' ');
            }
            match (row, field) {
                (Some(r), Some(f)) => s.push_str(&format!("row {r}, {f}")),
                (Some(r), None) => s.push_str(&format!("row {r}")),
                _ => {
                    if let Some(l) = line {
                        s.push_str(&format!("line {l}"));
                    }
                }
            }
            locs.entry(h).or_default().push(s.trim().to_string());
        }
        out.extend(grade(q, c, &locs, file_type, modified));
    }
    crate::subject::score::rank(&mut out);
    Ok(out)
}

fn grade(
    q: &Query,
    c: &Candidate,
    locs: &BTreeMap<i64, Vec<String>>,
    file_type: String,
    modified: Option<String>,
) -> Option<SubjectResult> {
    let items: Vec<&Item> = c.present.iter().map(|&i| &q.items[i]).collect();
    let names: BTreeSet<usize> = items
        .iter()
        .filter_map(|it| match it.what {
            What::Surname { name, .. } => Some(name),
            _ => None,
        })
        .collect();
    // The best name level of any of the person's names.
    let mut level = 0u8; // 0 none, 1 part of surname, 2 surname, 3 initial+surname, 4 nickname+surname, 5 forename+surname
    let mut name_detail = String::new();
    let mut best_full = true;
    for &n in &names {
        let full = items.iter().any(|it| {
            it.what
                == What::Surname {
                    name: n,
                    partial: false,
                }
        });
        let mut l = if full { 2 } else { 1 };
        for it in &items {
            let lv = match it.what {
                What::Given { name, nickname } if name == n => {
                    if nickname {
                        4
                    } else {
                        5
                    }
                }
                What::Initial { name } if name == n => 3,
                _ => 0,
            };
            // A forename with only part of a double-barrelled surname
            // is a name too (graded as low as an initial).
            let lv = if full || lv == 0 { lv } else { 3 };
            if lv > l {
                l = lv;
            }
        }
        if l > level {
            level = l;
            best_full = full;
            name_detail = q
                .items
                .iter()
                .find(|it| {
                    it.what
                        == What::Surname {
                            name: n,
                            partial: !full,
                        }
                })
                .map(|it| it.detail.clone())
                .unwrap_or_default();
        }
    }
    let ids: Vec<&Item> = items
        .iter()
        .copied()
        .filter(|it| matches!(it.what, What::Id(_)))
        .collect();
    let kinds: BTreeSet<IdKind> = ids
        .iter()
        .filter_map(|it| match it.what {
            What::Id(k) => Some(k),
            _ => None,
        })
        .collect();
    let unique = kinds.iter().any(|k| k.unique());
    let named = level >= 3;
    // As in a direct search: a surname alone (or a date with day and
    // month swapped) is not a result. The file was still a candidate, so
    // --verify rereads it.
    if !named && kinds.is_empty() {
        return None;
    }
    let placed = kinds
        .iter()
        .any(|k| matches!(k, IdKind::Dob | IdKind::Postcode | IdKind::Address));
    let tier = if unique {
        "strong"
    } else if (named && !kinds.is_empty())
        || kinds
            .iter()
            .any(|k| matches!(k, IdKind::Vrm | IdKind::Ref | IdKind::Address))
    {
        "medium"
    } else {
        "weak"
    };
    let mut score: u32 = match level {
        5 => 50,
        4 => 40,
        3 => 30,
        2 => 15,
        1 => 5,
        _ => 0,
    };
    for k in &kinds {
        score += if k.unique() {
            100
        } else {
            match k {
                IdKind::Dob | IdKind::Postcode | IdKind::Address => 40,
                _ => 30,
            }
        };
    }
    let mut matched = Vec::new();
    let mut locations = Vec::new();
    if level > 0 {
        let variant = match level {
            _ if !best_full && level >= 3 => "a forename and part of the surname in the file",
            5 => "forename and surname in the file",
            4 => "a forename variant and the surname in the file",
            3 => "an initial and the surname in the file",
            2 => "the surname in the file",
            _ => "part of the surname in the file",
        };
        matched.push(Matched {
            kind: "name",
            variant: variant.into(),
            detail: name_detail.clone(),
            value: String::new(),
            location: None,
            line: None,
            column: None,
        });
    }
    for it in &ids {
        let What::Id(k) = it.what else { continue };
        let at: Vec<String> = it
            .finding_hashes
            .iter()
            .filter_map(|h| locs.get(h))
            .flatten()
            .cloned()
            .collect();
        locations.extend(at.iter().cloned());
        matched.push(Matched {
            kind: k.as_str(),
            variant: "in the file".into(),
            detail: it.detail.clone(),
            value: String::new(),
            location: at.first().cloned(),
            line: None,
            column: None,
        });
    }
    locations.sort();
    locations.dedup();
    let mut why = Vec::new();
    if level > 0 {
        why.push(matched[0].variant.clone());
    }
    for k in &kinds {
        why.push(k.label().to_string());
    }
    let mut why = why.join(" + ");
    if named && placed && !unique {
        why.push_str(
            "; from the index: in the same file, not known whether side by side (a direct search or --verify may grade it strong)",
        );
    } else {
        why.push_str("; from the index: not reread");
    }
    let review = match tier {
        "strong" => "likely the subject's: reread to confirm (--verify)",
        "medium" => "possible: reread to confirm (--verify)",
        _ => "candidate, not confirmed: reread (--verify)",
    };
    Some(SubjectResult {
        kind: "result",
        rank: 0,
        tier,
        score,
        path: c.path.clone(),
        container: Vec::new(),
        locations,
        row: None,
        record: false,
        file_type,
        size: Some(c.size),
        modified,
        pages: None,
        matched,
        identifiers: kinds.iter().map(|k| k.as_str()).collect(),
        conflicts: Vec::new(),
        third_party: 0,
        why,
        review: review.into(),
        snippets: Vec::new(),
    })
}
