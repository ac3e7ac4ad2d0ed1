//! The subject of a search as the requester described them: names,
//! aliases, dates of birth and identifiers, from flags or a TOML profile.
//!
//! Everything is kept twice: as given (for the search log, which must show
//! exactly what was searched for) and normalised (for matching: spacing,
//! case and separators carry no meaning in an identifier). Bad values are
//! refused here, with the field and the reason, before any file is read: a
//! typo in a NINO must not turn into a silently empty search.

use std::fmt;

use jiff::civil::Date;
use serde::Deserialize;

use crate::catalog::validators::{alnum_upper, parse_uk_date, pnc_check_letter, uk_phone_nsn};

/// Sex as recorded, for the DVLA driver number (month + 50 for women).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn parse(s: &str) -> Result<Sex, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "m" | "male" | "man" => Ok(Sex::Male),
            "f" | "female" | "woman" => Ok(Sex::Female),
            other => Err(format!("sex {other:?}: expected male or female")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// Which list a name came from: it changes the weight and the words used
/// to explain a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRole {
    /// The current name (the first `--name`).
    Current,
    /// A previous name: maiden, married, deed poll.
    Previous,
    /// An alias, AKA or street name.
    Alias,
}

impl NameRole {
    pub fn as_str(self) -> &'static str {
        match self {
            NameRole::Current => "name",
            NameRole::Previous => "previous name",
            NameRole::Alias => "alias",
        }
    }
}

/// A name split into given names and surname, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub given: Vec<String>,
    /// Empty for a one-word alias ("Smudger"): then `given` holds it.
    pub surname: String,
    pub written: String,
    pub role: NameRole,
}

impl Name {
    /// Splits a name: the surname is the ALL-CAPS word(s) if there are
    /// any ("Robert John SMITH", "Sean O'NEILL"), else the part before a
    /// comma ("Smith, Robert John"), else the last word. Titles go.
    pub fn parse(written: &str, role: NameRole) -> Result<Name, String> {
        let w = written.trim();
        if w.is_empty() || !w.chars().any(char::is_alphabetic) {
            return Err(format!("name {written:?}: no letters"));
        }
        let strip_titles = |words: Vec<String>| -> Vec<String> {
            let mut v: Vec<String> = words;
            while v.len() > 1 && is_title(&v[0]) {
                v.remove(0);
            }
            v
        };
        let split = |s: &str| -> Vec<String> {
            s.split(|c: char| c.is_whitespace())
                .filter(|t| !t.is_empty())
                .map(|t| t.trim_matches(|c: char| c == ',' || c == '.').to_string())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let (given, surname) = if let Some((sur, rest)) = w.split_once(',') {
            (strip_titles(split(rest)), split(sur).join(" "))
        } else {
            let words = strip_titles(split(w));
            let caps = |t: &str| {
                let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
                letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
            };
            let first_cap = words.iter().position(|t| caps(t));
            let all_caps = words.iter().all(|t| caps(t));
            match first_cap {
                Some(mut i) if !all_caps && i > 0 => {
                    // "Seán Ó BRIAIN", "Ursula von der LEYEN": the
                    // particles before the capitals belong to the surname.
                    while i > 1 && is_particle(&words[i - 1]) {
                        i -= 1;
                    }
                    (words[..i].to_vec(), words[i..].join(" "))
                }
                _ if words.len() == 1 => (words.clone(), String::new()),
                _ => {
                    let (last, rest) = words.split_last().expect("non-empty");
                    // Particles belong to the surname: "Ursula von der Leyen".
                    let mut k = rest.len();
                    while k > 0 && is_particle(&rest[k - 1]) {
                        k -= 1;
                    }
                    let mut sur = rest[k..].to_vec();
                    sur.push(last.clone());
                    (rest[..k].to_vec(), sur.join(" "))
                }
            }
        };
        if given.is_empty() && surname.is_empty() {
            return Err(format!("name {written:?}: no name left after titles"));
        }
        Ok(Name {
            given,
            surname,
            written: w.to_string(),
            role,
        })
    }

    /// First letters of the given names, upper case.
    pub fn initials(&self) -> String {
        self.given
            .iter()
            .filter_map(|g| g.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
            .collect()
    }
}

fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    matches!(
        w.as_str(),
        "mr" | "mrs"
            | "miss"
            | "ms"
            | "mx"
            | "dr"
            | "prof"
            | "rev"
            | "fr"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
    )
}

fn is_particle(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "de" | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "del"
            | "ap"
            | "ab"
            | "ferch"
            | "bin"
            | "ibn"
            | "bint"
            | "al"
            | "el"
            | "ní"
            | "ni"
            | "nic"
            | "ó"
            | "o"
            | "ua"
            | "uí"
            | "mhic"
            | "mac"
            | "mc"
            | "st"
    )
}

/// A PNC ID: two-digit year, serial without leading zeros, check letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pnc {
    pub yy: String,
    pub serial: String,
    pub check: char,
}

/// A CRO number: standard (`serial/YY` + check) or SF form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cro {
    pub sf: bool,
    pub yy: String,
    pub serial: String,
    pub check: char,
}

/// One value as given and as normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given<T> {
    pub written: String,
    pub value: T,
}

/// The subject: everything a search looks for.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub case: Option<String>,
    pub names: Vec<Name>,
    pub dobs: Vec<Given<Date>>,
    pub sex: Option<Sex>,
    /// Upper case, no spaces; 8 characters when the suffix letter was not
    /// given (any suffix then matches).
    pub ninos: Vec<Given<String>>,
    /// Upper case, no spaces.
    pub postcodes: Vec<Given<String>>,
    /// The first line of an address that has a house number and a street
    /// ("12 High Street"); its postcode, if written, joins `postcodes`.
    pub addresses: Vec<Given<String>>,
    /// National significant number (no trunk 0, no +44).
    pub phones: Vec<Given<String>>,
    /// Lower case.
    pub emails: Vec<Given<String>>,
    /// Upper case, no spaces.
    pub vrms: Vec<Given<String>>,
    /// Upper case, no spaces: 16 characters, or the first 13.
    pub driving_licences: Vec<Given<String>>,
    pub pncs: Vec<Given<Pnc>>,
    pub cros: Vec<Given<Cro>>,
    /// Requester-supplied references (crime, incident, log numbers), as written.
    pub refs: Vec<Given<String>>,
}

/// The TOML profile: every key takes a string or a list of strings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub case: Option<String>,
    #[serde(default, alias = "name")]
    pub names: OneOrMany,
    #[serde(default, alias = "alias")]
    pub aliases: OneOrMany,
    #[serde(default, alias = "dobs", alias = "date_of_birth")]
    pub dob: OneOrMany,
    pub sex: Option<String>,
    #[serde(default)]
    pub nino: OneOrMany,
    #[serde(default)]
    pub postcode: OneOrMany,
    #[serde(default)]
    pub address: OneOrMany,
    #[serde(default)]
    pub phone: OneOrMany,
    #[serde(default)]
    pub email: OneOrMany,
    #[serde(default)]
    pub vrm: OneOrMany,
    #[serde(default)]
    pub driving_licence: OneOrMany,
    #[serde(default)]
    pub pnc: OneOrMany,
    #[serde(default)]
    pub cro: OneOrMany,
    #[serde(default, alias = "refs")]
    pub r#ref: OneOrMany,
}

/// A string or a list of strings.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// What the user typed, before checking: flags and profile merged.
#[derive(Debug, Default)]
pub struct Raw {
    pub case: Option<String>,
    pub names: Vec<String>,
    pub aliases: Vec<String>,
    pub dob: Vec<String>,
    pub sex: Option<String>,
    pub nino: Vec<String>,
    pub postcode: Vec<String>,
    pub address: Vec<String>,
    pub phone: Vec<String>,
    pub email: Vec<String>,
    pub vrm: Vec<String>,
    pub driving_licence: Vec<String>,
    pub pnc: Vec<String>,
    pub cro: Vec<String>,
    pub refs: Vec<String>,
}

impl Raw {
    /// Adds a TOML profile's values (flags given on the command line come
    /// first; a case on the command line wins).
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        let f: ProfileFile = toml::from_str(text).map_err(|e| e.to_string())?;
        if self.case.is_none() {
            self.case = f.case;
        }
        if self.sex.is_none() {
            self.sex = f.sex;
        }
        self.names.extend(f.names.into_vec());
        self.aliases.extend(f.aliases.into_vec());
        self.dob.extend(f.dob.into_vec());
        self.nino.extend(f.nino.into_vec());
        self.postcode.extend(f.postcode.into_vec());
        self.address.extend(f.address.into_vec());
        self.phone.extend(f.phone.into_vec());
        self.email.extend(f.email.into_vec());
        self.vrm.extend(f.vrm.into_vec());
        self.driving_licence.extend(f.driving_licence.into_vec());
        self.pnc.extend(f.pnc.into_vec());
        self.cro.extend(f.cro.into_vec());
        self.refs.extend(f.r#ref.into_vec());
        Ok(())
    }

    /// Checks and normalises every value; the first problem is the error.
    pub fn build(self, today: Date) -> Result<Profile, String> {
        let mut p = Profile {
            case: self.case.filter(|c| !c.trim().is_empty()),
            ..Profile::default()
        };
        for (i, n) in self.names.iter().enumerate() {
            let role = if i == 0 {
                NameRole::Current
            } else {
                NameRole::Previous
            };
            p.names.push(Name::parse(n, role)?);
        }
        for n in &self.aliases {
            p.names.push(Name::parse(n, NameRole::Alias)?);
        }
        if let Some(s) = &self.sex {
            p.sex = Some(Sex::parse(s)?);
        }
        for d in self.dob {
            let date = parse_uk_date(d.trim(), today, false).ok_or_else(|| {
                format!("date of birth {d:?}: not a date (use 1984-03-07 or 07/03/1984)")
            })?;
            if date > today {
                return Err(format!("date of birth {d:?} is in the future"));
            }
            p.dobs.push(Given {
                written: d,
                value: date,
            });
        }
        for n in self.nino {
            let v = alnum_upper(&n).as_str().to_string();
            let ok = (v.len() == 8 || v.len() == 9)
                && v.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic)
                && v.as_bytes()[2..8].iter().all(u8::is_ascii_digit)
                && (v.len() == 8 || v.as_bytes()[8].is_ascii_alphabetic());
            if !ok {
                return Err(format!(
                    "NI number {n:?}: expected two letters, six digits and a letter (AB123456C)"
                ));
            }
            p.ninos.push(Given {
                written: n,
                value: v,
            });
        }
        for a in self.address {
            let (line, postcode) = address_parts(&a);
            if let Some(pc) = postcode {
                p.postcodes.push(Given {
                    written: a.clone(),
                    value: pc,
                });
            }
            match line {
                Some(l) => p.addresses.push(Given {
                    written: a,
                    value: l,
                }),
                None if p.postcodes.last().is_some_and(|g| g.written == a) => {}
                None => {
                    return Err(format!(
                        "address {a:?}: give a house number and street (\"12 High Street\") or a postcode"
                    ));
                }
            }
        }
        for pc in self.postcode {
            let v = alnum_upper(&pc).as_str().to_string();
            if !is_postcode(&v) {
                return Err(format!("postcode {pc:?}: not a UK postcode (B1 1AA)"));
            }
            p.postcodes.push(Given {
                written: pc,
                value: v,
            });
        }
        for ph in self.phone {
            let v = uk_phone_nsn(&ph)
                .filter(|n| (9..=10).contains(&n.len()))
                .ok_or_else(|| {
                    format!("phone {ph:?}: not a UK number (07700 900123, +44 20 7946 0123)")
                })?;
            p.phones.push(Given {
                written: ph,
                value: v,
            });
        }
        for e in self.email {
            let v = e.trim().to_lowercase();
            if !v.contains('@') || v.starts_with('@') || v.ends_with('@') || v.contains(' ') {
                return Err(format!("email {e:?}: not an email address"));
            }
            p.emails.push(Given {
                written: e,
                value: v,
            });
        }
        for r in self.vrm {
            let v = alnum_upper(&r).as_str().to_string();
            if !(2..=8).contains(&v.len()) {
                return Err(format!(
                    "vehicle registration {r:?}: 2 to 8 letters and digits"
                ));
            }
            p.vrms.push(Given {
                written: r,
                value: v,
            });
        }
        for d in self.driving_licence {
            let v = alnum_upper(&d).as_str().to_string();
            let v = if v.len() == 18 {
                v[..16].to_string()
            } else {
                v
            };
            if v.len() != 16 && v.len() != 13 {
                return Err(format!(
                    "driving licence {d:?}: 16 characters (MORGA753116SM9IJ) or the first 13"
                ));
            }
            p.driving_licences.push(Given {
                written: d,
                value: v,
            });
        }
        for s in self.pnc {
            let v = parse_pnc(&s).ok_or_else(|| {
                format!(
                    "PNC ID {s:?}: expected YY/NNNNNNNL with a correct check letter (01/123456F)"
                )
            })?;
            p.pncs.push(Given {
                written: s,
                value: v,
            });
        }
        for s in self.cro {
            let v = parse_cro(&s).ok_or_else(|| {
                format!("CRO number {s:?}: expected NNNNNN/YYL or SFYY/NNNNNNL with a correct check letter")
            })?;
            p.cros.push(Given {
                written: s,
                value: v,
            });
        }
        for r in self.refs {
            if r.trim().chars().filter(|c| c.is_alphanumeric()).count() < 3 {
                return Err(format!("reference {r:?}: too short to search for"));
            }
            p.refs.push(Given {
                written: r.clone(),
                value: r.trim().to_string(),
            });
        }
        // A postcode given twice (on its own and in an address) is one.
        let mut seen: Vec<String> = Vec::new();
        p.postcodes.retain(|g| {
            let new = !seen.contains(&g.value);
            seen.push(g.value.clone());
            new
        });
        if p.names.is_empty() && p.identifier_count() == 0 && p.dobs.is_empty() {
            return Err("nothing to search for: give --name, an identifier or --profile".into());
        }
        Ok(p)
    }
}

impl Profile {
    /// How many identifiers (not names, not dates of birth) were given.
    pub fn identifier_count(&self) -> usize {
        self.ninos.len()
            + self.postcodes.len()
            + self.addresses.len()
            + self.phones.len()
            + self.emails.len()
            + self.vrms.len()
            + self.driving_licences.len()
            + self.pncs.len()
            + self.cros.len()
            + self.refs.len()
    }

    /// The first 13 characters of the DVLA driver number for each name
    /// with a surname, each date of birth and the sex (both sexes when it
    /// is not known), with a description for the log. DOMAIN.md §3.5.
    pub fn driver_prefixes(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let sexes: &[Sex] = match self.sex {
            Some(Sex::Male) => &[Sex::Male],
            Some(Sex::Female) => &[Sex::Female],
            None => &[Sex::Male, Sex::Female],
        };
        for n in self.names.iter().filter(|n| n.role != NameRole::Alias) {
            for d in &self.dobs {
                for &sex in sexes {
                    if let Some(p) = driver_prefix(&n.surname, &n.initials(), d.value, sex)
                        && !out.iter().any(|(q, _)| *q == p)
                    {
                        out.push((p, format!("{}, {}, {}", n.written, d.value, sex.as_str())));
                    }
                }
            }
        }
        out
    }
}

impl fmt::Display for Pnc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}{}", self.yy, self.serial, self.check)
    }
}

impl fmt::Display for Cro {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sf {
            write!(f, "SF{}/{}{}", self.yy, self.serial, self.check)
        } else {
            write!(f, "{}/{}{}", self.serial, self.yy, self.check)
        }
    }
}

/// The first 13 characters of a driver number (DOMAIN.md §3.5): surname
/// letters padded with 9 to five, decade digit, month (+50 for women), day,
/// year digit, two initials (9 for a missing second).
pub fn driver_prefix(surname: &str, initials: &str, dob: Date, sex: Sex) -> Option<String> {
    let mut letters: String = surname
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .take(5)
        .collect();
    if letters.is_empty() {
        return None;
    }
    while letters.len() < 5 {
        letters.push('9');
    }
    let year = dob.year();
    let month = dob.month() as i32 + if sex == Sex::Female { 50 } else { 0 };
    let mut ini: String = initials
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(2)
        .collect();
    if ini.is_empty() {
        return None;
    }
    if ini.len() == 1 {
        ini.push('9');
    }
    Some(format!(
        "{letters}{}{month:02}{:02}{}{ini}",
        (year / 10) % 10,
        dob.day(),
        year % 10
    ))
}

fn is_postcode(v: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$").expect("valid")
    })
    .is_match(v)
}

/// Splits an address into its first line with a house number ("12 High
/// Street", "Flat 3, 12 High Street" gives "12 High Street") and its
/// postcode, each if present.
pub fn address_parts(a: &str) -> (Option<String>, Option<String>) {
    let mut line = None;
    let mut postcode = None;
    for seg in a.split([',', '\n']) {
        let seg = seg.trim();
        let compact = alnum_upper(seg).as_str().to_string();
        if postcode.is_none() && is_postcode(&compact) {
            postcode = Some(compact);
            continue;
        }
        // A postcode at the end of the last segment ("Leeds LS1 4AB").
        if postcode.is_none() {
            let words: Vec<&str> = seg.split_whitespace().collect();
            if words.len() >= 3 {
                let tail = format!("{}{}", words[words.len() - 2], words[words.len() - 1]);
                let tail = alnum_upper(&tail).as_str().to_string();
                if is_postcode(&tail) {
                    postcode = Some(tail);
                }
            }
        }
        if line.is_none()
            && seg.chars().next().is_some_and(|c| c.is_ascii_digit())
            && seg.chars().any(char::is_alphabetic)
            && seg.split_whitespace().count() >= 2
        {
            line = Some(seg.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    (line, postcode)
}

/// `01/123456F`, `2001/0123456F`, `01123456F`: year, serial, check letter,
/// the letter verified.
pub fn parse_pnc(s: &str) -> Option<Pnc> {
    let v = s.trim().to_ascii_uppercase();
    let (year, rest) = match v.split_once('/') {
        Some((y, r)) => (y.to_string(), r.to_string()),
        None if v.len() >= 4 => (v[..2].to_string(), v[2..].to_string()),
        None => return None,
    };
    let yy = match year.len() {
        2 => year,
        4 => year[2..].to_string(),
        _ => return None,
    };
    let (serial, check) = rest.split_at(rest.len().checked_sub(1)?);
    if !yy.bytes().all(|b| b.is_ascii_digit())
        || serial.is_empty()
        || serial.len() > 7
        || !serial.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let serial = serial.trim_start_matches('0');
    let serial = if serial.is_empty() { "0" } else { serial };
    let c = check.chars().next()?;
    if pnc_check_letter(&yy, serial)? != c as u8 {
        return None;
    }
    Some(Pnc {
        yy,
        serial: serial.to_string(),
        check: c,
    })
}

/// `012345/99N` or `SF05/482703J`, the check letter verified.
pub fn parse_cro(s: &str) -> Option<Cro> {
    let v = alnum_slash(s);
    const L: &[u8] = b"ZABCDEFGHJKLMNPQRTUVWXY";
    let (sf, yy, serial, check) = if let Some(rest) = v.strip_prefix("SF") {
        let (yy, rest) = rest.split_once('/')?;
        let (serial, check) = rest.split_at(rest.len().checked_sub(1)?);
        (true, yy, serial, check)
    } else {
        let (serial, rest) = v.split_once('/')?;
        let (yy, check) = rest.split_at(rest.len().checked_sub(1)?);
        (false, yy, serial, check)
    };
    if yy.len() != 2
        || serial.is_empty()
        || serial.len() > 6
        || !yy.bytes().chain(serial.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let c = check.chars().next()?;
    let n: u64 = if sf {
        format!("{yy}{serial}").parse().ok()?
    } else {
        format!("{yy}{serial:0>6}").parse().ok()?
    };
    if L[(n % 23) as usize] != c as u8 {
        return None;
    }
    Some(Cro {
        sf,
        yy: yy.to_string(),
        serial: serial.trim_start_matches('0').to_string(),
        check: c,
    })
}

fn alnum_slash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '/')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn names_split_into_given_names_and_surname() {
        let cases: &[(&str, &[&str], &str)] = &[
            ("Robert John SMITH", &["Robert", "John"], "SMITH"),
            ("SMITH, Robert John", &["Robert", "John"], "SMITH"),
            ("Robert John Smith", &["Robert", "John"], "Smith"),
            ("Mr Robert Smith", &["Robert"], "Smith"),
            ("Sean O'NEILL", &["Sean"], "O'NEILL"),
            ("Anna SMITH-JONES", &["Anna"], "SMITH-JONES"),
            ("Andrew Lloyd WEBBER", &["Andrew", "Lloyd"], "WEBBER"),
            ("Ursula von der Leyen", &["Ursula"], "von der Leyen"),
            ("Seán Ó BRIAIN", &["Seán"], "Ó BRIAIN"),
            ("Siobhán Ní BHRIAIN", &["Siobhán"], "Ní BHRIAIN"),
            ("Smudger", &["Smudger"], ""),
        ];
        for &(w, given, sur) in cases {
            let n = Name::parse(w, NameRole::Current).unwrap();
            assert_eq!(n.given, given, "{w}");
            assert_eq!(n.surname, sur, "{w}");
        }
        assert!(Name::parse("  ", NameRole::Current).is_err());
        assert!(Name::parse("123", NameRole::Current).is_err());
    }

    #[test]
    fn driver_number_prefixes_match_domain_vectors() {
        // DOMAIN.md §3.5 worked examples.
        let cases = [
            ("Lee", "J", date(1983, 2, 14), Sex::Male, "LEE99802143J9"),
            ("Lee", "J", date(1983, 2, 14), Sex::Female, "LEE99852143J9"),
            (
                "Morgan",
                "SM",
                date(1976, 3, 11),
                Sex::Female,
                "MORGA753116SM",
            ),
        ];
        for (sur, ini, dob, sex, want) in cases {
            assert_eq!(driver_prefix(sur, ini, dob, sex).as_deref(), Some(want));
        }
    }

    #[test]
    fn pnc_and_cro_are_checked() {
        // DOMAIN.md §3.7-3.8 vectors.
        let cases = [
            ("01/123456F", true),
            ("2001/0123456F", true),
            ("99/1234567B", true),
            ("98/123456G", true),
            ("98/123456A", false),
            ("garbage", false),
        ];
        for (s, ok) in cases {
            assert_eq!(parse_pnc(s).is_some(), ok, "{s}");
        }
        assert_eq!(
            parse_pnc("2001/0123456F").unwrap().to_string(),
            "01/123456F"
        );
        for (s, ok) in [
            ("012345/99N", true),
            ("SF05/482703J", true),
            ("012345/99A", false),
        ] {
            assert_eq!(parse_cro(s).is_some(), ok, "{s}");
        }
    }

    #[test]
    fn values_are_normalised_and_bad_ones_refused() {
        let today = date(2026, 11, 23);
        let raw = Raw {
            names: vec!["Robert John SMITH".into()],
            dob: vec!["7 March 1984".into()],
            nino: vec!["ab 12 34 56 c".into()],
            phone: vec!["+44 (0)7700 900123".into()],
            postcode: vec!["b1 1aa".into()],
            address: vec!["Flat 2, 12 High Street, Birmingham, B1 1AA".into()],
            email: vec!["Bob.Smith@Example.com".into()],
            vrm: vec!["ab12 cde".into()],
            ..Raw::default()
        };
        let p = raw.build(today).unwrap();
        assert_eq!(p.dobs[0].value, date(1984, 3, 7));
        assert_eq!(p.ninos[0].value, "AB123456C");
        assert_eq!(p.phones[0].value, "7700900123");
        assert_eq!(p.addresses[0].value, "12 High Street");
        assert_eq!(p.postcodes.len(), 1);
        assert_eq!(p.emails[0].value, "bob.smith@example.com");
        assert_eq!(p.vrms[0].value, "AB12CDE");
        for bad in [
            Raw {
                nino: vec!["A123".into()],
                ..Raw::default()
            },
            Raw {
                dob: vec!["31/02/1984".into()],
                ..Raw::default()
            },
            Raw {
                pnc: vec!["98/123456A".into()],
                ..Raw::default()
            },
            Raw::default(),
        ] {
            assert!(bad.build(today).is_err());
        }
    }

    #[test]
    fn toml_profile_takes_strings_or_lists() {
        let mut raw = Raw::default();
        raw.add_toml(
            r#"
            case = "SAR-1"
            names = ["Robert John SMITH", "Robert JONES"]
            alias = "Bob Smith"
            dob = "1984-03-07"
            sex = "male"
            "#,
        )
        .unwrap();
        let p = raw.build(date(2026, 1, 1)).unwrap();
        assert_eq!(p.case.as_deref(), Some("SAR-1"));
        assert_eq!(p.names.len(), 3);
        assert_eq!(p.names[1].role, NameRole::Previous);
        assert_eq!(p.names[2].role, NameRole::Alias);
        assert_eq!(p.driver_prefixes()[0].0, "SMITH803074RJ");
        assert!(Raw::default().add_toml("nonsense = 1").is_err());
    }
}
