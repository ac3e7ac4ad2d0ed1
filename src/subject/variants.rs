//! Everything the subject could be written as, generated once before the
//! search: surname forms (O'Neill / ONEILL / O Neill, McDonald / MacDonald,
//! the parts of a double-barrelled name), forename variants from the
//! nickname table (Robert → Bob, Rob, Bobby ...), and the patterns that
//! find the subject's identifiers in any spacing, case or common written
//! form (dates of birth in every UK form, phone numbers with +44 ...).
//!
//! The generated lists go into the search log verbatim: a search that
//! cannot say what it looked for cannot be defended.

use std::collections::HashMap;

use jiff::civil::Date;

use super::profile::{Name, NameRole, Profile};
use crate::names::fold;

/// The shipped nickname table (`patterns/names/nicknames.tsv`): directed
/// edges from a formal name to its diminutives and variants, weight 2, and
/// to cognates in other languages, weight 1. One hop only, each way: never
/// a closure (Bill → William → Will ...).
pub struct Nicknames {
    forward: HashMap<String, Vec<(String, u8)>>,
    backward: HashMap<String, Vec<(String, u8)>>,
    pub edges: usize,
}

impl Nicknames {
    pub fn builtin() -> Nicknames {
        Nicknames::parse(include_str!("../../patterns/names/nicknames.tsv"))
    }

    pub fn parse(text: &str) -> Nicknames {
        let mut n = Nicknames {
            forward: HashMap::new(),
            backward: HashMap::new(),
            edges: 0,
        };
        let mut a = Vec::new();
        let mut b = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(formal), Some(variant)) = (f.next(), f.next()) else {
                continue;
            };
            let w: u8 = f.next().and_then(|w| w.trim().parse().ok()).unwrap_or(2);
            fold(formal.trim(), &mut a);
            fold(variant.trim(), &mut b);
            let (a, b) = (
                String::from_utf8_lossy(&a).into_owned(),
                String::from_utf8_lossy(&b).into_owned(),
            );
            if a.is_empty() || b.is_empty() || a == b {
                continue;
            }
            n.forward.entry(a.clone()).or_default().push((b.clone(), w));
            n.backward.entry(b).or_default().push((a, w));
            n.edges += 1;
        }
        n
    }

    /// Variants of a folded forename: its diminutives and, if it is itself
    /// a diminutive, its formal forms (one hop each way), best weight kept.
    pub fn variants(&self, name: &str) -> Vec<(String, u8, bool)> {
        let mut out: Vec<(String, u8, bool)> = Vec::new();
        let mut add = |v: &str, w: u8, formal: bool| {
            if v == name {
                return;
            }
            match out.iter_mut().find(|(x, _, _)| x == v) {
                Some(e) => e.1 = e.1.max(w),
                None => out.push((v.to_string(), w, formal)),
            }
        };
        for (v, w) in self.forward.get(name).into_iter().flatten() {
            add(v, *w, false);
        }
        for (v, w) in self.backward.get(name).into_iter().flatten() {
            add(v, *w, true);
        }
        out.sort();
        out
    }
}

/// How a forename was written, best first.
#[derive(Clone, Debug)]
pub struct GivenSpec {
    pub folded: String,
    pub written: String,
    /// (folded variant, weight 2 nickname / 1 cognate, is a formal form).
    pub variants: Vec<(String, u8, bool)>,
}

/// A sequence of folded tokens the surname may be written as.
#[derive(Clone, Debug)]
pub struct SurnameForm {
    pub tokens: Vec<String>,
    /// Only part of the surname (one half of a double-barrelled name).
    pub partial: bool,
    /// Why this form exists, for the explanation ("Mc/Mac").
    pub label: &'static str,
}

/// One name of the subject with everything it may be written as.
#[derive(Clone, Debug)]
pub struct NameSpec {
    pub role: NameRole,
    pub written: String,
    pub given: Vec<GivenSpec>,
    pub forms: Vec<SurnameForm>,
    /// No surname: a one-word alias, matched as it is.
    pub single: bool,
    /// A very common surname (weight 4-5 in the surname list): a name
    /// alone says little.
    pub common: bool,
}

impl NameSpec {
    pub fn new(name: &Name, nick: &Nicknames, common_surnames: &dyn Fn(&str) -> bool) -> Self {
        let mut buf = Vec::new();
        let mut f = |s: &str| {
            fold(s, &mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        };
        let given: Vec<GivenSpec> = name
            .given
            .iter()
            .map(|g| {
                let folded = f(g);
                GivenSpec {
                    variants: nick.variants(&folded),
                    folded,
                    written: g.clone(),
                }
            })
            .collect();
        if name.surname.is_empty() {
            let token = given.iter().map(|g| g.folded.as_str()).collect::<String>();
            return NameSpec {
                role: name.role,
                written: name.written.clone(),
                given: Vec::new(),
                forms: vec![SurnameForm {
                    tokens: vec![token],
                    partial: false,
                    label: "as written",
                }],
                single: true,
                common: false,
            };
        }
        let parts: Vec<&str> = name
            .surname
            .split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
            .filter(|p| !p.is_empty())
            .collect();
        let folded: Vec<String> = parts.iter().map(|p| f(p)).collect();
        let mut forms: Vec<SurnameForm> = Vec::new();
        let mut push = |tokens: Vec<String>, partial: bool, label: &'static str| {
            if tokens.iter().any(String::is_empty) || forms.iter().any(|x| x.tokens == tokens) {
                return;
            }
            forms.push(SurnameForm {
                tokens,
                partial,
                label,
            });
        };
        push(folded.clone(), false, "as written");
        if folded.len() > 1 {
            push(vec![folded.concat()], false, "joined");
        }
        // O'Neill, D'Arcy: "O Neill" and "ONeill" too (fold already drops
        // the apostrophe).
        for (i, p) in parts.iter().enumerate() {
            let chars: Vec<char> = p.chars().collect();
            if chars.len() > 3 && matches!(chars[1], '\'' | '’' | '`') {
                let mut t = folded.clone();
                let head = f(&chars[..1].iter().collect::<String>());
                let tail = f(&chars[2..].iter().collect::<String>());
                t.splice(i..=i, [head, tail]);
                push(t, false, "apostrophe");
            }
        }
        // Mc / Mac / M' are interchangeable (DOMAIN.md §5.1), as are Al- and El-.
        let single = folded.len() == 1;
        if single {
            let s = &folded[0];
            let rest = s
                .strip_prefix("mac")
                .filter(|r| r.len() >= 4)
                .or_else(|| s.strip_prefix("mc").filter(|r| r.len() >= 3));
            if let Some(rest) = rest {
                for t in [
                    vec![format!("mc{rest}")],
                    vec![format!("mac{rest}")],
                    vec!["mc".to_string(), rest.to_string()],
                    vec!["mac".to_string(), rest.to_string()],
                    vec![format!("m{rest}")],
                ] {
                    push(t, false, "Mc/Mac");
                }
            }
        }
        if folded.len() == 2 && (folded[0] == "al" || folded[0] == "el") {
            let other = if folded[0] == "al" { "el" } else { "al" };
            push(vec![other.to_string(), folded[1].clone()], false, "Al/El");
            push(vec![format!("{other}{}", folded[1])], false, "Al/El");
        }
        // Each substantial part of a double-barrelled or particle name.
        if folded.len() > 1 {
            for p in &folded {
                if p.len() >= 3 && !PARTICLES.contains(&p.as_str()) {
                    push(vec![p.clone()], true, "part of the surname");
                }
            }
        }
        let common = folded.len() == 1 && common_surnames(&folded[0]);
        NameSpec {
            role: name.role,
            written: name.written.clone(),
            given,
            forms,
            single: false,
            common,
        }
    }

    /// The strings an anchor search looks for: the longest apostrophe-free
    /// run of letters of each form's longest token, folded, plus the
    /// lower- and upper-case originals of surname parts with diacritics.
    pub fn anchors(&self, name: &Name) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for form in &self.forms {
            if let Some(t) = form.tokens.iter().max_by_key(|t| t.len()) {
                out.push(t.clone());
            }
        }
        // "O'Neill" folds to "oneill", but the text keeps its apostrophe:
        // anchor on "neill", the token check does the rest.
        let src = if self.single {
            name.given.join(" ")
        } else {
            name.surname.clone()
        };
        let mut buf = Vec::new();
        for part in src.split(|c: char| c.is_whitespace() || c == '-' || c == '‐') {
            for run in part.split(['\'', '’', '`']) {
                let lower = run.to_lowercase();
                if lower.chars().count() >= 3 {
                    fold(run, &mut buf);
                    out.push(String::from_utf8_lossy(&buf).into_owned());
                    if !run.is_ascii() {
                        out.push(lower);
                        out.push(run.to_uppercase());
                    }
                }
            }
        }
        out.retain(|a| a.chars().count() >= 2);
        out.sort();
        out.dedup();
        out
    }
}

/// Folded particles that never stand alone as a surname part.
const PARTICLES: &[&str] = &[
    "de", "la", "le", "van", "von", "der", "den", "da", "di", "del", "ap", "ab", "ferch", "bin",
    "ibn", "bint", "al", "el", "ni", "nic", "st", "dos", "das", "du", "o", "ua", "ui", "mhic",
    "mac", "mc",
];

/// What an identifier pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    Dob,
    Nino,
    Pnc,
    Cro,
    DrivingLicence,
    Email,
    Phone,
    Postcode,
    Address,
    Vrm,
    Ref,
}

impl IdKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Dob => "dob",
            IdKind::Nino => "nino",
            IdKind::Pnc => "pnc",
            IdKind::Cro => "cro",
            IdKind::DrivingLicence => "driving_licence",
            IdKind::Email => "email",
            IdKind::Phone => "phone",
            IdKind::Postcode => "postcode",
            IdKind::Address => "address",
            IdKind::Vrm => "vrm",
            IdKind::Ref => "ref",
        }
    }

    /// Words for the explanation.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Dob => "date of birth",
            IdKind::Nino => "NI number",
            IdKind::Pnc => "PNC ID",
            IdKind::Cro => "CRO number",
            IdKind::DrivingLicence => "driving licence number",
            IdKind::Email => "email address",
            IdKind::Phone => "phone number",
            IdKind::Postcode => "postcode",
            IdKind::Address => "address",
            IdKind::Vrm => "vehicle registration",
            IdKind::Ref => "reference",
        }
    }

    /// Identifiers that single out one person on their own.
    pub fn unique(self) -> bool {
        matches!(
            self,
            IdKind::Nino
                | IdKind::Pnc
                | IdKind::Cro
                | IdKind::DrivingLicence
                | IdKind::Email
                | IdKind::Phone
        )
    }
}

/// One identifier pattern: a regex source and what it means.
#[derive(Clone, Debug)]
pub struct IdPattern {
    pub kind: IdKind,
    /// "exact", "day and month swapped", "no suffix letter", "derived" ...
    pub variant: &'static str,
    /// What it stands for, in words ("7 March 1984", "AB123456C").
    pub detail: String,
    pub regex: String,
}

/// Month names as the date patterns accept them (also the index's date terms).
pub(crate) const MONTHS: [&str; 12] = [
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
];

/// Every common UK way of writing `d`, as regexes: numeric day-month-year
/// with / . - separators and two- or four-digit years, "7 March 1984",
/// "7th Mar '84", "07-Mar-1984", "March 7, 1984", ISO, and 8-digit compact
/// forms; plus month-day order marked as a swap (DOMAIN.md §3.14).
pub fn dob_patterns(d: Date) -> Vec<IdPattern> {
    let (y, m, day) = (d.year(), d.month() as i32, d.day() as i32);
    let num = |n: i32| {
        if n < 10 {
            format!("0?{n}")
        } else {
            n.to_string()
        }
    };
    let year = format!("(?:{y}|'?{:02})", y % 100);
    let dd = num(day);
    let mm = num(m);
    let ord = format!("{dd}(?:st|nd|rd|th)?");
    let mon = MONTHS[(m - 1) as usize];
    let sep = r"(?:\s?[/.\-]\s?|\s)";
    let detail = d.strftime("%-d %B %Y").to_string();
    let mut out = vec![
        IdPattern {
            kind: IdKind::Dob,
            variant: "exact",
            detail: detail.clone(),
            regex: format!("{dd}{sep}{mm}{sep}{year}"),
        },
        IdPattern {
            kind: IdKind::Dob,
            variant: "exact",
            detail: detail.clone(),
            regex: format!(r"{ord}[\s\-/.]*(?:day\s+)?(?:of\s+)?{mon}\.?[\s\-/.,]*{year}"),
        },
        IdPattern {
            kind: IdKind::Dob,
            variant: "exact",
            detail: detail.clone(),
            regex: format!(r"{mon}\.?\s+{ord},?\s+{year}"),
        },
        IdPattern {
            kind: IdKind::Dob,
            variant: "exact",
            detail: detail.clone(),
            regex: format!("{y}[/.\\-]{mm}[/.\\-]{dd}"),
        },
        IdPattern {
            kind: IdKind::Dob,
            variant: "exact",
            detail: detail.clone(),
            regex: format!(
                "{day:02}{m:02}{y}|{y}{m:02}{day:02}|{day:02}{m:02}{:02}",
                y % 100
            ),
        },
    ];
    if day <= 12 && day != m {
        out.push(IdPattern {
            kind: IdKind::Dob,
            variant: "day and month swapped",
            detail,
            regex: format!("{mm}{sep}{dd}{sep}{year}"),
        });
    }
    out
}

/// `chars` with an optional space or hyphen between each pair.
fn spaced(chars: &str) -> String {
    let mut out = String::new();
    for (i, c) in chars.chars().enumerate() {
        if i > 0 {
            out.push_str("[ .\\-]?");
        }
        out.push_str(&regex::escape(&c.to_string()));
    }
    out
}

/// The identifier patterns for the whole profile.
pub fn id_patterns(p: &Profile) -> Vec<IdPattern> {
    let mut out = Vec::new();
    for d in &p.dobs {
        out.extend(dob_patterns(d.value));
    }
    for n in &p.ninos {
        let v = &n.value;
        let regex = if v.len() == 9 {
            format!("{}(?:[ .\\-]?{})?", spaced(&v[..8]), &v[8..])
        } else {
            format!("{}(?:[ .\\-]?[A-D])?", spaced(v))
        };
        out.push(IdPattern {
            kind: IdKind::Nino,
            variant: "exact",
            detail: v.clone(),
            regex,
        });
    }
    for x in &p.pncs {
        let v = &x.value;
        out.push(IdPattern {
            kind: IdKind::Pnc,
            variant: "exact",
            detail: v.to_string(),
            regex: format!("(?:19|20)?{}/?0*{}{}", v.yy, v.serial, v.check),
        });
    }
    for x in &p.cros {
        let v = &x.value;
        let regex = if v.sf {
            format!("SF ?{}/0*{}{}", v.yy, v.serial, v.check)
        } else {
            format!("0*{}/{}{}", v.serial, v.yy, v.check)
        };
        out.push(IdPattern {
            kind: IdKind::Cro,
            variant: "exact",
            detail: v.to_string(),
            regex,
        });
    }
    let mut licences: Vec<(String, &'static str, String)> = p
        .driving_licences
        .iter()
        .map(|g| (g.value.clone(), "exact", g.value.clone()))
        .collect();
    for (prefix, why) in p.driver_prefixes() {
        if !licences.iter().any(|(v, _, _)| v.starts_with(&prefix)) {
            licences.push((prefix, "derived from name, date of birth and sex", why));
        }
    }
    for (v, variant, detail) in licences {
        let head = &v[..13.min(v.len())];
        out.push(IdPattern {
            kind: IdKind::DrivingLicence,
            variant,
            detail,
            regex: format!("{}(?:[ ]?[A-Z0-9]){{0,3}}", spaced(head)),
        });
    }
    for e in &p.emails {
        out.push(IdPattern {
            kind: IdKind::Email,
            variant: "exact",
            detail: e.value.clone(),
            regex: regex::escape(&e.value),
        });
    }
    for ph in &p.phones {
        let d = &ph.value;
        let mut body = String::new();
        for (i, c) in d.chars().enumerate() {
            if i > 0 {
                body.push_str(r"[ \-.()]{0,2}");
            }
            body.push(c);
        }
        out.push(IdPattern {
            kind: IdKind::Phone,
            variant: "exact",
            detail: format!("0{d}"),
            regex: format!(r"(?:(?:(?:\+|00)\s?)?44\s?(?:\(0\)\s?)?|\(?0)\)?\s?{body}"),
        });
    }
    for pc in &p.postcodes {
        let v = &pc.value;
        let (out_code, in_code) = v.split_at(v.len() - 3);
        out.push(IdPattern {
            kind: IdKind::Postcode,
            variant: "exact",
            detail: format!("{out_code} {in_code}"),
            regex: format!(r"{out_code}[\s\-]{{0,2}}{in_code}"),
        });
    }
    for a in &p.addresses {
        out.push(IdPattern {
            kind: IdKind::Address,
            variant: "first line",
            detail: a.value.clone(),
            regex: address_regex(&a.value),
        });
    }
    for r in &p.vrms {
        out.push(IdPattern {
            kind: IdKind::Vrm,
            variant: "exact",
            detail: r.value.clone(),
            regex: spaced(&r.value),
        });
    }
    for r in &p.refs {
        let mut regex = String::new();
        let mut gap = false;
        for c in r.value.chars() {
            if c.is_alphanumeric() {
                if !regex.is_empty() {
                    regex.push_str(if gap { r"[\s/\-_.:\\]*" } else { r"[ \-]?" });
                }
                regex.push_str(&regex::escape(&c.to_string()));
                gap = false;
            } else {
                gap = true;
            }
        }
        out.push(IdPattern {
            kind: IdKind::Ref,
            variant: "exact",
            detail: r.value.clone(),
            regex,
        });
    }
    out
}

/// "12 High Street" → `12\s*,?\s+high\s+(?:street|st\.?)`.
/// Street types and their abbreviations (`ave?`: a regex).
pub(crate) const STREET_TYPES: &[(&str, &str)] = &[
    ("street", "st"),
    ("road", "rd"),
    ("avenue", "ave?"),
    ("lane", "ln"),
    ("drive", "dr"),
    ("close", "cl"),
    ("crescent", "cres"),
    ("court", "ct"),
    ("place", "pl"),
    ("gardens", "gdns"),
    ("terrace", "terr?"),
    ("square", "sq"),
];

fn address_regex(line: &str) -> String {
    const ABBR: &[(&str, &str)] = STREET_TYPES;
    let mut parts = Vec::new();
    for w in line.split_whitespace() {
        let l = w.to_lowercase();
        let l = l.trim_end_matches([',', '.']);
        let full = ABBR
            .iter()
            .find(|(f, a)| *f == l || a.trim_end_matches('?') == l);
        parts.push(match full {
            Some((f, a)) => format!(r"(?:{f}|{a}\.?)"),
            None => regex::escape(l),
        });
    }
    parts.join(r"[\s,]+")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::profile::NameRole;

    fn spec(written: &str) -> NameSpec {
        let n = Name::parse(written, NameRole::Current).unwrap();
        NameSpec::new(&n, &Nicknames::builtin(), &|_| false)
    }

    fn forms(written: &str) -> Vec<String> {
        spec(written)
            .forms
            .iter()
            .map(|f| f.tokens.join(" "))
            .collect()
    }

    #[test]
    fn surname_forms_cover_uk_conventions() {
        let cases: &[(&str, &[&str])] = &[
            ("Sean O'NEILL", &["oneill", "o neill"]),
            ("Sean O’Neill", &["oneill", "o neill"]),
            (
                "Ian McDONALD",
                &[
                    "mcdonald",
                    "macdonald",
                    "mc donald",
                    "mac donald",
                    "mdonald",
                ],
            ),
            ("Ian MACDONALD", &["macdonald", "mcdonald"]),
            (
                "Anna SMITH-JONES",
                &["smith jones", "smithjones", "smith", "jones"],
            ),
            (
                "Omar AL-HASSAN",
                &["al hassan", "alhassan", "el hassan", "hassan"],
            ),
            ("Łukasz WÓJCIK", &["wojcik"]),
        ];
        for &(name, want) in cases {
            let got = forms(name);
            for w in want {
                assert!(got.iter().any(|g| g == w), "{name}: {w} not in {got:?}");
            }
        }
        // "Mack" is not Mc + "k".
        assert_eq!(forms("Alan MACK"), ["mack"]);
    }

    #[test]
    fn anchors_find_apostrophe_and_diacritic_spellings() {
        let n = Name::parse("Sean O'NEILL", NameRole::Current).unwrap();
        let a = spec("Sean O'NEILL").anchors(&n);
        assert!(a.contains(&"neill".to_string()), "{a:?}");
        let n = Name::parse("Łukasz WÓJCIK", NameRole::Current).unwrap();
        let a = spec("Łukasz WÓJCIK").anchors(&n);
        for want in ["wojcik", "wójcik", "WÓJCIK"] {
            assert!(a.contains(&want.to_string()), "{want} not in {a:?}");
        }
    }

    #[test]
    fn nickname_variants_go_one_hop_each_way() {
        let nick =
            Nicknames::parse("robert\tbob\t2\nrobert\trob\t2\nwilliam\tbill\t2\njohn\tian\t1\n");
        let v: Vec<String> = nick.variants("robert").into_iter().map(|x| x.0).collect();
        assert_eq!(v, ["bob", "rob"]);
        let v = nick.variants("bob");
        assert_eq!(v, [("robert".to_string(), 2, true)]);
        // No closure: bob's variants do not include rob.
        assert!(!nick.variants("bob").iter().any(|x| x.0 == "rob"));
        assert_eq!(nick.variants("john"), [("ian".to_string(), 1, false)]);
    }

    #[test]
    fn dob_patterns_match_every_uk_form() {
        let d = Date::new(1984, 3, 7).unwrap();
        let pats = dob_patterns(d);
        let re: Vec<regex::Regex> = pats
            .iter()
            .map(|p| regex::Regex::new(&format!("(?i)^(?:{})$", p.regex)).unwrap())
            .collect();
        let which = |s: &str| -> Option<&'static str> {
            re.iter()
                .zip(&pats)
                .find(|(r, _)| r.is_match(s))
                .map(|(_, p)| p.variant)
        };
        for s in [
            "07/03/1984",
            "7/3/84",
            "7.3.84",
            "07-03-1984",
            "7 March 1984",
            "7th March 1984",
            "7th of March 1984",
            "07-Mar-1984",
            "7 MAR 84",
            "March 7, 1984",
            "1984-03-07",
            "07031984",
            "19840307",
        ] {
            assert_eq!(which(s), Some("exact"), "{s}");
        }
        assert_eq!(which("03/07/1984"), Some("day and month swapped"));
        for s in ["08/03/1984", "7 March 1985", "17/03/1984", "7 May 1984"] {
            assert_eq!(which(s), None, "{s}");
        }
    }

    #[test]
    fn address_lines_accept_abbreviations() {
        let r =
            regex::Regex::new(&format!("(?i)^(?:{})$", address_regex("12 High Street"))).unwrap();
        for s in [
            "12 High Street",
            "12 high st",
            "12, High St.",
            "12 HIGH STREET",
        ] {
            assert!(r.is_match(s), "{s}");
        }
        assert!(!r.is_match("112 High Street"));
    }
}
