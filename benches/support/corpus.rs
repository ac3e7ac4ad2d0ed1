//! A deterministic, seeded generator of a labelled synthetic corpus of UK
//! police and HR style text and CSV exports, and a scorer that compares
//! trawl's findings with the labels.
//!
//! Everything is synthetic: names are common forenames and surnames combined
//! at random, mail domains are reserved or made up (`example.org`,
//! `mail.test`, `policemail.test`), and every identifier is generated from
//! random digits with its check digit computed per `shared/DOMAIN.md` §3 and
//! `src/catalog/validators.rs`.
//!
//! Documents mix labelled positives with unlabelled hard negatives (values
//! that look like an identifier but must not be reported: failed check
//! digits, prefixes HMRC never issues, unissued VRM age identifiers, dates
//! without a birth keyword ...). A negative is only ever placed where no
//! keyword of the rule it imitates is within reach (see [`Hazard`]): next
//! to a keyword, DOMAIN.md §3.1 wants a failed check digit kept at low
//! confidence, so there it would be a true finding, not a hard negative.
//!
//! Used by `benches/corpus.rs` and `tests/precision.rs` through
//! `#[path = ...] mod corpus;`, so it depends on `std`, `serde_json` and the
//! `trawl` library (for the contract's rule ids) only.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::OnceLock;

/// The date the corpus is generated for (ages, VRM age identifiers): scan
/// it with `--as-of 2026-11-23`.
pub const AS_OF: (i64, u32, u32) = (2026, 11, 23);

/// The rule ids the generator labels: every rule of the output contract.
pub const RULES: &[&str] = trawl::catalog::CONTRACT_RULES;

/// One planted positive: `path` relative to the corpus folder with `/`
/// separators, byte offsets into the file exactly as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub path: String,
    pub rule: String,
    pub start: u64,
    pub end: u64,
}

#[derive(Clone, Debug)]
pub struct GenOptions {
    pub seed: u64,
    pub total_bytes: u64,
    pub file_bytes: u64,
    /// Share (0..1) of files that are CSV exports.
    pub csv_share: f64,
    /// Neutral filler sentences written before each identifier sentence of
    /// prose (0 = the dense default). `--profile typical` uses 6: about one
    /// identifier per 400-500 bytes, closer to real case notes.
    pub filler: u32,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            seed: 1,
            total_bytes: 20 << 20,
            file_bytes: 2 << 20,
            csv_share: 0.5,
            filler: 0,
        }
    }
}

/// A finding as scored: (path relative to the corpus, rule, start, end).
pub type Found = (String, String, u64, u64);

/// Precision and recall counts for one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleScore {
    pub rule: String,
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl RuleScore {
    pub fn labels(&self) -> u64 {
        self.tp + self.fn_
    }
    pub fn found(&self) -> u64 {
        self.tp + self.fp
    }
    /// TP / found; 1.0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.found())
    }
    /// TP / labels; 1.0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.labels())
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// a / b; 1.0 when there was nothing to count.
pub fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean of precision and recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

// ------------------------------------------------------------------- PRNG

/// splitmix64: small, fast, and good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x6A09_E667_F3BC_C908);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    pub fn choose<T: Copy>(&mut self, xs: &[T]) -> T {
        *self.pick(xs)
    }

    fn byte_of(&mut self, set: &[u8]) -> u8 {
        *self.pick(set)
    }

    fn digit(&mut self) -> u8 {
        self.below(10) as u8
    }

    /// A number of exactly `len` digits (no leading zero).
    fn number_of_len(&mut self, len: u32) -> u64 {
        let lo = 10u64.pow(len - 1);
        self.range(if len == 1 { 1 } else { lo }, 10u64.pow(len) - 1)
    }
}

fn mix(seed: u64, i: u64) -> u64 {
    let mut r = Rng::new(seed ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    r.next_u64()
}

// ----------------------------------------------------------- check digits

/// Mod-23 check letters of PNC IDs and CRO numbers (no I, O or S).
pub const MOD23: &[u8; 23] = b"ZABCDEFGHJKLMNPQRTUVWXY";

/// NHS mod-11 check digit of nine digits; None when it would be 10.
pub fn nhs_check(d: &[u8]) -> Option<u8> {
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (10 - i as u32))
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        c => Some(c as u8),
    }
}

/// The Luhn check digit to append to `payload`.
pub fn luhn_check_digit(payload: &[u8]) -> u8 {
    let mut sum = 0u32;
    for (i, &x) in payload.iter().rev().enumerate() {
        let mut v = u32::from(x);
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    ((10 - sum % 10) % 10) as u8
}

/// ISO 7064 mod 97 of an alphanumeric string (letters A=10 ... Z=35).
pub fn mod97(s: &[u8]) -> u32 {
    let mut rem = 0u32;
    for &b in s {
        rem = match b {
            b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(b - b'A') + 10) % 97,
            _ => rem,
        };
    }
    rem
}

/// IBAN check digits for `country` + BBAN (ISO 13616).
pub fn iban_check(country: &[u8; 2], bban: &[u8]) -> u32 {
    let mut s = bban.to_vec();
    s.extend_from_slice(country);
    s.extend_from_slice(b"00");
    98 - mod97(&s)
}

pub fn pnc_letter(yy: u64, serial: u64) -> u8 {
    MOD23[((yy * 10_000_000 + serial) % 23) as usize]
}

pub fn cro_letter(yy: u64, serial: u64) -> u8 {
    MOD23[((yy * 1_000_000 + serial) % 23) as usize]
}

// ------------------------------------------------------------------ dates

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn random_date(r: &mut Rng, from: (i64, u32, u32), to: (i64, u32, u32)) -> (i64, u32, u32) {
    let a = days_from_civil(from.0, from.1, from.2);
    let b = days_from_civil(to.0, to.1, to.2);
    civil_from_days(a + r.below((b - a + 1) as u64) as i64)
}

/// A birth date giving an age of 0-100 on [`AS_OF`].
fn random_dob(r: &mut Rng) -> (i64, u32, u32) {
    random_date(r, (1927, 1, 1), (2026, 11, 22))
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn push_num(out: &mut Vec<u8>, n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    let mut n = n;
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&tmp[i..]);
}

fn push_padded(out: &mut Vec<u8>, n: u64, width: usize) {
    let mut tmp = Vec::with_capacity(20);
    push_num(&mut tmp, n);
    for _ in tmp.len()..width {
        out.push(b'0');
    }
    out.extend_from_slice(&tmp);
}

fn push_digits(out: &mut Vec<u8>, d: &[u8]) {
    out.extend(d.iter().map(|x| b'0' + x));
}

/// Writes a date in one of the forms found in UK records: `07/03/1984`,
/// `7 March 1984`, `1984-03-07`, `07-Mar-1984`.
fn push_date(out: &mut Vec<u8>, (y, m, d): (i64, u32, u32), form: u32) {
    let y = y as u64;
    match form {
        0 => {
            push_padded(out, u64::from(d), 2);
            out.push(b'/');
            push_padded(out, u64::from(m), 2);
            out.push(b'/');
            push_num(out, y);
        }
        1 => {
            push_num(out, u64::from(d));
            out.push(b' ');
            out.extend_from_slice(MONTHS[m as usize - 1].as_bytes());
            out.push(b' ');
            push_num(out, y);
        }
        2 => {
            push_num(out, y);
            out.push(b'-');
            push_padded(out, u64::from(m), 2);
            out.push(b'-');
            push_padded(out, u64::from(d), 2);
        }
        _ => {
            push_padded(out, u64::from(d), 2);
            out.push(b'-');
            out.extend_from_slice(&MONTHS[m as usize - 1].as_bytes()[..3]);
            out.push(b'-');
            push_num(out, y);
        }
    }
}

// ------------------------------------------------------------------ names

const FORENAMES_F: &[&str] = &[
    "Sarah",
    "Emma",
    "Olivia",
    "Amelia",
    "Jessica",
    "Sophie",
    "Charlotte",
    "Hannah",
    "Laura",
    "Rebecca",
    "Emily",
    "Chloe",
    "Lucy",
    "Aisha",
    "Fatima",
    "Zara",
    "Megan",
    "Rachel",
    "Claire",
    "Helen",
    "Joanne",
    "Nicola",
    "Priya",
    "Grace",
    "Katie",
];
const FORENAMES_M: &[&str] = &[
    "James",
    "Oliver",
    "Mohammed",
    "Jack",
    "Harry",
    "Thomas",
    "Daniel",
    "Matthew",
    "David",
    "Michael",
    "Christopher",
    "Ryan",
    "Liam",
    "Adam",
    "Ben",
    "Joseph",
    "Samuel",
    "Imran",
    "Connor",
    "Lewis",
    "Paul",
    "Mark",
    "Andrew",
    "Kieran",
    "Tariq",
];
const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Wright", "Robinson", "Thompson", "Evans", "Walker", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Khan", "Ali", "Hughes", "Edwards", "Hussain", "Lewis", "Harris",
    "Martin", "Cooper", "Morgan", "Ward", "Turner", "King", "Baker", "Scott", "Hill", "Moore",
    "Young", "Allen", "Mitchell", "Bell", "Murphy", "Kelly", "Campbell", "Shaw", "Price",
    "Bennett", "Lee", "O'Brien", "McDonald", "Begum", "Ahmed", "Kaur", "Singh", "Nowak",
];
const STREETS: &[&str] = &[
    "Church Lane",
    "Station Road",
    "Park Avenue",
    "Mill Street",
    "Victoria Road",
    "Queens Drive",
    "High Street",
    "Green Lane",
    "Manor Close",
    "The Crescent",
    "Oak Tree Way",
    "Albert Terrace",
    "Windsor Gardens",
    "Chapel Row",
];
const TOWNS: &[&str] = &[
    "Leeds",
    "Walsall",
    "Dudley",
    "Coventry",
    "Swindon",
    "Derby",
    "Norwich",
    "Exeter",
    "Luton",
    "Preston",
    "Bolton",
    "Wigan",
    "Stockport",
    "Sunderland",
    "Cardiff",
    "Wrexham",
    "Carlisle",
    "Lincoln",
    "Ipswich",
    "Telford",
];
const OFFICERS: &[&str] = &[
    "PC Hughes",
    "PS Khan",
    "DC Evans",
    "Sgt Patel",
    "PCSO Ward",
    "DS Murphy",
    "PC Nowak",
];
const OFFENCES: &[&str] = &[
    "theft from a shop",
    "criminal damage",
    "assault by beating",
    "burglary",
    "a public order offence",
    "harassment",
    "handling stolen goods",
];
const MAIL_DOMAINS: &[&str] = &[
    "mail.test",
    "policemail.test",
    "example.org",
    "inbox.example",
    "postbox.test",
    "westshire-police.test",
    "hr.westshire-police.test",
];
const IBAN_BANKS: &[&str] = &[
    "NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA", "ABBY", "SCBL", "CLYD", "BUKB", "MONZ", "SRLG",
    "TSBS", "COOP",
];

#[derive(Clone, Copy, Debug)]
struct Person {
    fore: &'static str,
    middle: Option<&'static str>,
    sur: &'static str,
    female: bool,
    dob: (i64, u32, u32),
}

impl Person {
    fn random(r: &mut Rng) -> Person {
        let female = r.chance(0.5);
        let names = if female { FORENAMES_F } else { FORENAMES_M };
        let fore = *r.pick(names);
        let middle = if r.chance(0.4) {
            Some(*r.pick(names))
        } else {
            None
        };
        Person {
            fore,
            middle,
            sur: r.choose(SURNAMES),
            female,
            dob: random_dob(r),
        }
    }

    fn title(&self, r: &mut Rng) -> &'static str {
        if self.female {
            r.choose(&["Ms", "Mrs", "Miss", "Dr"])
        } else {
            r.choose(&["Mr", "Mr", "Dr"])
        }
    }
}

fn push_lower_letters(out: &mut Vec<u8>, s: &str) {
    out.extend(
        s.bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| b.to_ascii_lowercase()),
    );
}

// ------------------------------------------------------ valid identifiers

const NINO_FIRST: &[u8] = b"ABCEGHJKLMNOPRSTWXYZ";
const NINO_SECOND: &[u8] = b"ABCEGHJKLMNPRSTWXYZ";
const NINO_NEVER: &[&[u8; 2]] = &[b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];
const NINO_ADMIN: &[&[u8; 2]] = &[b"OO", b"CR", b"FY", b"MW", b"NC", b"PP", b"PY", b"PZ"];

fn nino_prefix(r: &mut Rng) -> [u8; 2] {
    loop {
        let p = [r.byte_of(NINO_FIRST), r.byte_of(NINO_SECOND)];
        if !NINO_NEVER.contains(&&p) && !NINO_ADMIN.contains(&&p) {
            return p;
        }
    }
}

/// A NINO in one of the written forms; no `suffix_letter` leaves the suffix
/// letter off (as NINO columns often do).
fn push_nino(r: &mut Rng, out: &mut Vec<u8>, prefix: [u8; 2], suffix_letter: Option<u8>) {
    let spaced = r.chance(0.4);
    let lower = r.chance(0.08);
    let start = out.len();
    out.extend_from_slice(&prefix);
    for _ in 0..3 {
        if spaced {
            out.push(b' ');
        }
        push_padded(out, r.below(100), 2);
    }
    if let Some(s) = suffix_letter {
        if spaced {
            out.push(b' ');
        }
        out.push(s);
    }
    if lower {
        out[start..].make_ascii_lowercase();
    }
}

const VRM_TAG: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";
const VRM_RANDOM: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXYZ";
const VRM_PREFIX_YEAR: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY";
const VRM_PREFIX_LETTERS: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";

/// Age identifiers issued by [`AS_OF`]: March 2002 to March 2026 and
/// September 2001 to September 2026.
fn vrm_age(r: &mut Rng) -> u64 {
    if r.chance(0.5) {
        r.range(2, 26)
    } else {
        r.range(51, 76)
    }
}

fn push_vrm(r: &mut Rng, out: &mut Vec<u8>) {
    if r.chance(0.85) {
        out.push(r.byte_of(VRM_TAG));
        out.push(r.byte_of(VRM_TAG));
        push_padded(out, vrm_age(r), 2);
        if r.chance(0.8) {
            out.push(b' ');
        }
        for _ in 0..3 {
            out.push(r.byte_of(VRM_RANDOM));
        }
    } else {
        // Prefix format (1983-2001): A123 BCD.
        out.push(r.byte_of(VRM_PREFIX_YEAR));
        push_num(out, r.range(1, 999));
        out.push(b' ');
        for _ in 0..3 {
            out.push(r.byte_of(VRM_PREFIX_LETTERS));
        }
    }
}

fn nhs_digits(r: &mut Rng) -> [u8; 10] {
    loop {
        let mut d = [0u8; 10];
        d[0] = *r.pick(&[3u8, 4, 6, 7]);
        for x in d.iter_mut().take(9).skip(1) {
            *x = r.digit();
        }
        let Some(c) = nhs_check(&d) else { continue };
        d[9] = c;
        if d.windows(2).all(|w| w[0] == w[1]) {
            continue;
        }
        return d;
    }
}

fn push_nhs(r: &mut Rng, out: &mut Vec<u8>) {
    let d = nhs_digits(r);
    if r.chance(0.6) {
        push_digits(out, &d[..3]);
        out.push(b' ');
        push_digits(out, &d[3..6]);
        out.push(b' ');
        push_digits(out, &d[6..]);
    } else {
        push_digits(out, &d);
    }
}

/// The 124 postcode areas of `validators.rs`, without BF (BFPO) and BX
/// (non-geographic).
pub const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW",
    "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];
pub const POSTCODE_INWARD: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
const POSTCODE_A9A: &[u8] = b"ABCDEFGHJKPSTUW";
const POSTCODE_AA9A: &[u8] = b"ABEHMNPRVWXY";

fn push_outward(r: &mut Rng, out: &mut Vec<u8>, area: &str) {
    out.extend_from_slice(area.as_bytes());
    let single = area.len() == 1;
    match r.below(3) {
        0 => push_num(out, r.range(1, 9)),
        1 => push_num(out, r.range(10, 29)),
        _ => {
            push_num(out, r.range(1, 9));
            out.push(r.byte_of(if single { POSTCODE_A9A } else { POSTCODE_AA9A }));
        }
    }
}

fn push_postcode(r: &mut Rng, out: &mut Vec<u8>) {
    let area = *r.pick(POSTCODE_AREAS);
    push_outward(r, out, area);
    if r.chance(0.95) {
        out.push(b' ');
    }
    out.push(b'0' + r.digit());
    out.push(r.byte_of(POSTCODE_INWARD));
    out.push(r.byte_of(POSTCODE_INWARD));
}

fn push_random_digits(r: &mut Rng, out: &mut Vec<u8>, n: usize) {
    for _ in 0..n {
        out.push(b'0' + r.digit());
    }
}

fn push_phone(r: &mut Rng, out: &mut Vec<u8>) {
    match r.below(10) {
        0..=4 => {
            // 071-075, 077-079 mobiles; never the 07700 900 drama range.
            out.extend_from_slice(b"07");
            let second = *r.pick(b"12345789");
            out.push(second);
            let a = r.digit();
            let b = r.digit();
            if second == b'7' && a == 0 && b == 0 {
                out.extend_from_slice(b"12");
            } else {
                out.push(b'0' + a);
                out.push(b'0' + b);
            }
            out.push(b' ');
            push_random_digits(r, out, 6);
        }
        5..=6 => {
            // London: first local digit 3 or 8, away from 020 7946 0xxx.
            out.extend_from_slice(b"020 ");
            out.push(*r.pick(b"38"));
            push_random_digits(r, out, 3);
            out.push(b' ');
            push_random_digits(r, out, 4);
        }
        7 => {
            // Other geographic: the exchange never starts with 4 (drama 496 0xxx).
            out.extend_from_slice(
                r.pick(&["0113 ", "0121 ", "0161 ", "0117 ", "0191 "])
                    .as_bytes(),
            );
            out.push(*r.pick(b"2356789"));
            push_random_digits(r, out, 2);
            out.push(b' ');
            push_random_digits(r, out, 4);
        }
        _ => {
            out.extend_from_slice(b"+44 7");
            out.push(*r.pick(b"12345789"));
            out.push(*r.pick(b"123456789"));
            push_random_digits(r, out, 1);
            out.push(b' ');
            push_random_digits(r, out, 6);
        }
    }
}

fn push_email(r: &mut Rng, out: &mut Vec<u8>, p: Option<&Person>) {
    let own;
    let p = match p {
        Some(p) => p,
        None => {
            own = Person::random(r);
            &own
        }
    };
    match r.below(4) {
        0 => {
            push_lower_letters(out, p.fore);
            out.push(b'.');
            push_lower_letters(out, p.sur);
        }
        1 => {
            out.push(p.fore.as_bytes()[0].to_ascii_lowercase());
            out.push(b'.');
            push_lower_letters(out, p.sur);
        }
        2 => {
            push_lower_letters(out, p.fore);
            out.push(b'_');
            push_lower_letters(out, p.sur);
            push_num(out, r.range(1, 99));
        }
        _ => {
            push_lower_letters(out, p.fore);
            push_num(out, (p.dob.0 % 100) as u64);
        }
    }
    out.push(b'@');
    out.extend_from_slice(r.pick(MAIL_DOMAINS).as_bytes());
}

/// Driver number per DOMAIN.md §3.5: surname (5, padded with 9), decade,
/// month (+50 for women), day, year digit, initials (9 for none), a digit
/// and two check letters.
fn push_driving_licence(r: &mut Rng, out: &mut Vec<u8>, p: &Person) {
    let mut n = 0;
    for b in p.sur.bytes().filter(u8::is_ascii_alphabetic).take(5) {
        out.push(b.to_ascii_uppercase());
        n += 1;
    }
    for _ in n..5 {
        out.push(b'9');
    }
    let (y, m, d) = p.dob;
    out.push(b'0' + ((y / 10) % 10) as u8);
    push_padded(out, u64::from(m + if p.female { 50 } else { 0 }), 2);
    push_padded(out, u64::from(d), 2);
    out.push(b'0' + (y % 10) as u8);
    out.push(p.fore.as_bytes()[0].to_ascii_uppercase());
    out.push(
        p.middle
            .map_or(b'9', |m| m.as_bytes()[0].to_ascii_uppercase()),
    );
    out.push(if r.chance(0.6) {
        b'9'
    } else {
        b'0' + r.digit()
    });
    out.push(b'A' + r.below(26) as u8);
    out.push(b'A' + r.below(26) as u8);
}

fn passport_digits(r: &mut Rng, out: &mut Vec<u8>) {
    loop {
        let n = r.range(100_000_000, 999_999_999);
        let s = n.to_string();
        if s.bytes().all(|b| b == s.as_bytes()[0]) {
            continue;
        }
        out.extend_from_slice(s.as_bytes());
        return;
    }
}

fn card_digits(r: &mut Rng, valid: bool) -> [u8; 16] {
    loop {
        let mut d = [0u8; 16];
        d[0] = 4;
        for x in d.iter_mut().take(15).skip(1) {
            *x = r.digit();
        }
        let c = luhn_check_digit(&d[..15]);
        d[15] = if valid {
            c
        } else {
            (c + r.range(1, 9) as u8) % 10
        };
        if d == [4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
            || d[1..].iter().all(|&x| x == d[1])
        {
            continue;
        }
        return d;
    }
}

fn push_card(out: &mut Vec<u8>, d: &[u8; 16]) {
    for (i, chunk) in d.chunks(4).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        push_digits(out, chunk);
    }
}

fn six_digits_not_same(r: &mut Rng) -> [u8; 6] {
    loop {
        let mut d = [0u8; 6];
        for x in &mut d {
            *x = r.digit();
        }
        if !d.iter().all(|&x| x == d[0]) {
            return d;
        }
    }
}

fn account_digits(r: &mut Rng) -> [u8; 8] {
    loop {
        let mut d = [0u8; 8];
        d[0] = r.range(1, 9) as u8;
        for x in d.iter_mut().skip(1) {
            *x = r.digit();
        }
        if !d.iter().all(|&x| x == d[0]) {
            return d;
        }
    }
}

/// A GB IBAN, grouped in fours. With `valid` false the check digits are
/// wrong; such a negative never has a Luhn-valid 14-digit tail (which a
/// card pattern could take for a card number once the IBAN is rejected).
fn push_iban(r: &mut Rng, out: &mut Vec<u8>, valid: bool) {
    loop {
        let mut bban = Vec::with_capacity(18);
        bban.extend_from_slice(r.pick(IBAN_BANKS).as_bytes());
        push_digits(&mut bban, &six_digits_not_same(r));
        push_digits(&mut bban, &account_digits(r));
        let good = iban_check(b"GB", &bban);
        let check = if valid {
            good
        } else {
            let c = (good + r.range(1, 90) as u32) % 100;
            let tail: Vec<u8> = bban[4..].iter().map(|b| b - b'0').collect();
            let card_like = (2..=6).contains(&tail[0]) && luhn_check_digit(&tail[..13]) == tail[13];
            if c % 97 == good % 97 || card_like {
                continue;
            }
            c
        };
        let mut s = b"GB".to_vec();
        push_padded(&mut s, u64::from(check), 2);
        s.extend_from_slice(&bban);
        for (i, chunk) in s.chunks(4).enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(chunk);
        }
        return;
    }
}

fn push_ip(r: &mut Rng, out: &mut Vec<u8>) {
    let first = loop {
        let f = r.range(11, 223);
        if ![100, 127, 169, 172, 192, 198, 203].contains(&f) {
            break f;
        }
    };
    push_num(out, first);
    for _ in 0..3 {
        out.push(b'.');
        push_num(out, r.below(256));
    }
}

fn two_digit_year(r: &mut Rng) -> u64 {
    r.range(1975, 2026) % 100
}

/// PNC serial lengths: mostly 7 digits, with some shorter ones.
fn serial(r: &mut Rng, max_len: u32) -> u64 {
    let len = if r.chance(0.6) {
        max_len
    } else {
        r.range(1, u64::from(max_len - 1)) as u32
    };
    r.number_of_len(len)
}

fn push_pnc(r: &mut Rng, out: &mut Vec<u8>, valid: bool) {
    let yy = two_digit_year(r);
    let s = if valid {
        serial(r, 7)
    } else {
        let len = r.range(3, 7) as u32;
        r.number_of_len(len)
    };
    let good = pnc_letter(yy, s);
    push_padded(out, yy, 2);
    out.push(b'/');
    push_num(out, s);
    out.push(if valid {
        good
    } else {
        loop {
            let c = r.byte_of(MOD23);
            if c != good {
                break c;
            }
        }
    });
}

fn push_cro(r: &mut Rng, out: &mut Vec<u8>) {
    let yy = two_digit_year(r);
    // Any length 1-6: old records have short serials, and 2- and 4-digit
    // ones also read as PNC IDs (`1234/99L`, `12/99X`).
    let len = r.range(1, 6) as u32;
    let s = r.number_of_len(len);
    if r.chance(0.2) {
        push_padded(out, s, 6);
    } else {
        push_num(out, s);
    }
    out.push(b'/');
    push_padded(out, yy, 2);
    out.push(cro_letter(yy, s));
}

// ---------------------------------------------------------- hard negatives

fn push_bad_nino(r: &mut Rng, out: &mut Vec<u8>) {
    let spaced = r.chance(0.5);
    let (prefix, suffix) = match r.below(3) {
        // A prefix HMRC never issues.
        0 => (**r.pick(NINO_NEVER), r.byte_of(b"ABCD")),
        // A letter never used (D F I Q U V), or QQ as in HMRC's example.
        1 => {
            let bad = r.byte_of(b"DFIQUV");
            let p = match r.below(3) {
                0 => [bad, r.byte_of(NINO_SECOND)],
                1 => [r.byte_of(NINO_FIRST), bad],
                _ => *b"QQ",
            };
            (p, r.byte_of(b"ABCD"))
        }
        // A suffix other than A-D.
        _ => (nino_prefix(r), r.byte_of(b"EFGHJKLMNPRSTWXYZ")),
    };
    out.extend_from_slice(&prefix);
    for _ in 0..3 {
        if spaced {
            out.push(b' ');
        }
        push_padded(out, r.below(100), 2);
    }
    if spaced {
        out.push(b' ');
    }
    out.push(suffix);
}

/// A current-format mark with an age identifier not issued by [`AS_OF`].
fn push_unissued_vrm(r: &mut Rng, out: &mut Vec<u8>) {
    out.push(r.byte_of(VRM_TAG));
    out.push(r.byte_of(VRM_TAG));
    let age = match r.below(4) {
        0 => r.range(27, 49),
        1 => r.range(77, 99),
        2 => r.range(0, 1),
        _ => r.range(30, 45),
    };
    push_padded(out, age, 2);
    out.push(b' ');
    for _ in 0..3 {
        out.push(r.byte_of(VRM_RANDOM));
    }
}

fn push_bad_nhs(r: &mut Rng, out: &mut Vec<u8>) {
    loop {
        let mut d = [0u8; 10];
        d[0] = r.range(1, 9) as u8;
        for x in d.iter_mut().skip(1) {
            *x = r.digit();
        }
        if nhs_check(&d) == Some(d[9]) {
            continue;
        }
        push_digits(out, &d);
        return;
    }
}

fn push_bad_postcode(r: &mut Rng, out: &mut Vec<u8>) {
    match r.below(4) {
        // Valid grammar, but no such postcode area.
        0 => loop {
            let a = [
                r.byte_of(b"ABCDEFGHJKLMNOPRSTUWYZ"),
                r.byte_of(b"ABCDEFGHKLMNOPRSTUVWXY"),
            ];
            let area = std::str::from_utf8(&a).unwrap_or("");
            if POSTCODE_AREAS.contains(&area) || area == "BF" || area == "BX" || area == "GI" {
                continue;
            }
            out.extend_from_slice(&a);
            push_num(out, r.range(1, 9));
            out.push(b' ');
            out.push(b'0' + r.digit());
            out.push(r.byte_of(POSTCODE_INWARD));
            out.push(r.byte_of(POSTCODE_INWARD));
            return;
        },
        // A first letter never used (Q, V, X).
        1 => {
            out.push(r.byte_of(b"QVX"));
            out.push(r.byte_of(b"ABCDEFGHKLMNOPRSTUVWXY"));
            push_num(out, r.range(1, 9));
            out.push(b' ');
            out.push(b'0' + r.digit());
            out.push(r.byte_of(POSTCODE_INWARD));
            out.push(r.byte_of(POSTCODE_INWARD));
        }
        // An inward letter never used (C I K M O V).
        2 => {
            let area = *r.pick(POSTCODE_AREAS);
            push_outward(r, out, area);
            out.push(b' ');
            out.push(b'0' + r.digit());
            out.push(r.byte_of(POSTCODE_INWARD));
            out.push(r.byte_of(b"CIKMOV"));
        }
        _ => out.extend_from_slice(r.pick(&["QA1 1AA", "SW1A 1AC", "XX9 9XX"]).as_bytes()),
    }
}

fn push_bad_phone(r: &mut Rng, out: &mut Vec<u8>) {
    out.extend_from_slice(r.pick(&["0600 ", "0400 ", "0500 ", "0461 "]).as_bytes());
    push_random_digits(r, out, 3);
    out.push(b' ');
    push_random_digits(r, out, 4);
}

// ------------------------------------------------------------- templates

/// Hazard bits: rules with context-gated patterns, or whose failed check
/// digits are kept when a keyword is near. A block whose keywords carry bit
/// `h` never comes within [`HAZARD_GAP`] bytes of a block whose text is
/// vulnerable to `h`, and vice versa.
pub struct Hazard;

impl Hazard {
    pub const DOB: u32 = 1;
    pub const PASSPORT: u32 = 2;
    pub const BANK: u32 = 4;
    pub const VRM: u32 = 8;
    pub const NHS: u32 = 16;
    pub const CARD: u32 = 32;
    pub const PNC: u32 = 64;
    pub const CRO: u32 = 128;
    pub const IBAN: u32 = 256;
    /// Keywords of other rules (only fillers must avoid them).
    pub const OTHER: u32 = 1 << 16;
}

/// More than the widest keyword window of any rule (96 bytes).
pub const HAZARD_GAP: usize = 100;

/// Every rule's keywords (patterns/identifiers/*.toml) with the hazard bit
/// they carry.
const KEYWORDS: &[(&str, u32)] = {
    const D: u32 = Hazard::DOB;
    const P: u32 = Hazard::PASSPORT;
    const B: u32 = Hazard::BANK;
    const V: u32 = Hazard::VRM;
    const N: u32 = Hazard::NHS;
    const C: u32 = Hazard::CARD;
    const PN: u32 = Hazard::PNC;
    const CR: u32 = Hazard::CRO;
    const I: u32 = Hazard::IBAN;
    const O: u32 = Hazard::OTHER;
    &[
        ("dob", D),
        ("d.o.b", D),
        ("d.o.b.", D),
        ("date of birth", D),
        ("birth date", D),
        ("birthdate", D),
        ("born", D),
        ("born on", D),
        ("birthday", D),
        ("bday", D),
        ("b'day", D),
        ("date_of_birth", D),
        ("passport", P),
        ("passport no", P),
        ("passport number", P),
        ("passport#", P),
        ("passports", P),
        ("hmpo", P),
        ("travel document", P),
        ("british passport", P),
        ("uk passport", P),
        ("sort code", B),
        ("sortcode", B),
        ("s/c", B),
        ("account number", B),
        ("account no", B),
        ("a/c", B),
        ("a/c no", B),
        ("acc no", B),
        ("acct", B),
        ("bank account", B),
        ("bank details", B),
        ("account", B | I),
        ("vrm", V),
        ("vrn", V),
        ("reg", V),
        ("reg no", V),
        ("reg. no", V),
        ("registration", V),
        ("registration mark", V),
        ("registration number", V),
        ("vehicle", V),
        ("vehicles", V),
        ("number plate", V),
        ("licence plate", V),
        ("license plate", V),
        ("index", V),
        ("dvla", V | O),
        ("v5c", V),
        ("mot", V),
        ("keeper", V),
        ("registered keeper", V),
        ("nhs", N),
        ("nhs no", N),
        ("nhs number", N),
        ("nhs num", N),
        ("national health service", N),
        ("health service", N),
        ("chi number", N),
        ("chi no", N),
        ("patient", N),
        ("patient id", N),
        ("patient number", N),
        ("hospital number", N),
        ("gp", N),
        ("surgery", N),
        ("card", C),
        ("card number", C),
        ("card no", C),
        ("credit card", C),
        ("debit card", C),
        ("visa", C),
        ("mastercard", C),
        ("amex", C),
        ("american express", C),
        ("maestro", C),
        ("expiry", C),
        ("cvv", C),
        ("cvc", C),
        ("pan", C),
        ("pnc", PN),
        ("pnc id", PN),
        ("pnc no", PN),
        ("pnc number", PN),
        ("pncid", PN),
        ("police national computer", PN),
        ("cro", CR),
        ("cro no", CR),
        ("cro number", CR),
        ("criminal records office", CR),
        ("criminal record office", CR),
        ("iban", I),
        ("bank", I),
        // Rules without gated patterns or kept checksum failures.
        ("national insurance", O),
        ("national insurance number", O),
        ("ni number", O),
        ("ni no", O),
        ("ni num", O),
        ("nino", O),
        ("nat ins", O),
        ("n.i. number", O),
        ("n.i. no", O),
        ("insurance number", O),
        ("trn", O),
        ("temporary reference number", O),
        ("temporary reference", O),
        ("postcode", O),
        ("post code", O),
        ("postal code", O),
        ("address", O),
        ("home address", O),
        ("addr", O),
        ("resides", O),
        ("resides at", O),
        ("lives at", O),
        ("living at", O),
        ("of no fixed abode", O),
        ("tel", O),
        ("tel no", O),
        ("telephone", O),
        ("phone", O),
        ("phone number", O),
        ("mobile", O),
        ("mob", O),
        ("mobile number", O),
        ("contact number", O),
        ("landline", O),
        ("home phone", O),
        ("work phone", O),
        ("call", O),
        ("called", O),
        ("rang", O),
        ("email", O),
        ("e-mail", O),
        ("mail", O),
        ("driving licence", O),
        ("driving license", O),
        ("driver number", O),
        ("driver's licence", O),
        ("drivers licence", O),
        ("licence number", O),
        ("licence no", O),
        ("license number", O),
        ("dl no", O),
        ("dl number", O),
        ("licence", O),
        ("license", O),
        ("ip", O),
        ("ip address", O),
        ("ip addr", O),
        ("ipv4", O),
        ("ipv6", O),
        ("client ip", O),
        ("source ip", O),
        ("remote address", O),
        ("logged in from", O),
        ("host", O),
    ]
};

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The hazard bits of every keyword in `text` (whole words, any case, as
/// trawl matches them; overlapping hits included).
pub fn keyword_mask(text: &[u8]) -> u32 {
    let mut mask = 0;
    for &(kw, bits) in KEYWORDS {
        let k = kw.as_bytes();
        if k.len() > text.len() {
            continue;
        }
        for s in 0..=text.len() - k.len() {
            if !text[s..s + k.len()].eq_ignore_ascii_case(k) {
                continue;
            }
            let e = s + k.len();
            if k[0].is_ascii_alphanumeric() && s > 0 && is_word_byte(text[s - 1]) {
                continue;
            }
            if k[k.len() - 1].is_ascii_alphanumeric() && e < text.len() && is_word_byte(text[e]) {
                continue;
            }
            mask |= bits;
        }
    }
    mask
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Name,
    Fore,
    Sur,
    SurUpper,
    Title,
    Street,
    StreetName,
    Town,
    Time,
    Date,
    DateWords,
    Offence,
    Officer,
    Nino,
    Vrm,
    Nhs,
    Postcode,
    Phone,
    Email,
    /// An address of the force (complaints inbox), not of the subject.
    EmailOrg,
    Dob,
    Dl,
    Passport,
    Card,
    Bank,
    Iban,
    Ip,
    Pnc,
    Cro,
    XNino,
    XVrm,
    XPlate,
    XNhs,
    XPostcode,
    XPhone,
    XDob,
    XRef9,
    XCard,
    XPnc,
    XIban,
}

impl Slot {
    fn parse(name: &str) -> Slot {
        match name {
            "name" => Slot::Name,
            "fore" => Slot::Fore,
            "sur" => Slot::Sur,
            "SUR" => Slot::SurUpper,
            "title" => Slot::Title,
            "street" => Slot::Street,
            "streetname" => Slot::StreetName,
            "town" => Slot::Town,
            "time" => Slot::Time,
            "date" => Slot::Date,
            "date_words" => Slot::DateWords,
            "offence" => Slot::Offence,
            "officer" => Slot::Officer,
            "nino" => Slot::Nino,
            "vrm" => Slot::Vrm,
            "nhs" => Slot::Nhs,
            "postcode" => Slot::Postcode,
            "phone" => Slot::Phone,
            "email" => Slot::Email,
            "email_org" => Slot::EmailOrg,
            "dob" => Slot::Dob,
            "dl" => Slot::Dl,
            "passport" => Slot::Passport,
            "card" => Slot::Card,
            "bank" => Slot::Bank,
            "iban" => Slot::Iban,
            "ip" => Slot::Ip,
            "pnc" => Slot::Pnc,
            "cro" => Slot::Cro,
            "x_nino" => Slot::XNino,
            "x_vrm" => Slot::XVrm,
            "x_plate" => Slot::XPlate,
            "x_nhs" => Slot::XNhs,
            "x_postcode" => Slot::XPostcode,
            "x_phone" => Slot::XPhone,
            "x_dob" => Slot::XDob,
            "x_ref9" => Slot::XRef9,
            "x_card" => Slot::XCard,
            "x_pnc" => Slot::XPnc,
            "x_iban" => Slot::XIban,
            other => panic!("unknown template slot {{{other}}}"),
        }
    }

    /// Hazard bits of the keywords the slot writes itself.
    fn keywords(self) -> u32 {
        match self {
            Slot::Dob | Slot::XDob => Hazard::DOB,
            Slot::Passport => Hazard::PASSPORT,
            Slot::Bank => Hazard::BANK | Hazard::IBAN,
            Slot::Cro => Hazard::CRO,
            _ => 0,
        }
    }

    /// Hazard bits the slot's text is vulnerable to: a keyword of that
    /// rule near it would make trawl read it (or part of it) as that rule.
    fn vulnerable(self) -> u32 {
        match self {
            // "AB 12 34 56 C": "12 34 56" is a sort code, "AB 12" a dateless mark.
            Slot::Nino | Slot::XNino => Hazard::BANK | Hazard::VRM,
            Slot::XVrm | Slot::XPlate => Hazard::VRM,
            Slot::XNhs => Hazard::NHS,
            // "M1 1AE": "M1" is a dateless mark.
            Slot::Postcode | Slot::XPostcode => Hazard::VRM,
            // Ordinary dates, sort codes like 12-05-77 and dotted quads
            // like 12.5.69.160 read as dates of birth near a birth keyword.
            Slot::Date | Slot::DateWords | Slot::Bank | Slot::Ip => Hazard::DOB,
            Slot::XRef9 => Hazard::PASSPORT,
            Slot::XCard => Hazard::CARD,
            // "GB29 NWBK ...": "GB29" is a dateless mark.
            Slot::Iban => Hazard::VRM,
            // Once the IBAN is rejected, "5843 9827 1128 51" is a card
            // number whose Luhn check fails: kept near a card keyword.
            Slot::XIban => Hazard::IBAN | Hazard::VRM | Hazard::CARD,
            // "98/123456G": "123456G" is a legacy passport number.
            Slot::Pnc => Hazard::PASSPORT | Hazard::VRM,
            Slot::XPnc => Hazard::PNC | Hazard::PASSPORT | Hazard::VRM,
            // "CRO 12/99N": "CRO 12" is a dateless mark.
            Slot::Cro => Hazard::VRM,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug)]
enum Piece {
    Text(&'static str),
    Slot(Slot),
}

#[derive(Clone, Debug)]
struct Template {
    pieces: Vec<Piece>,
    kw: u32,
    vul: u32,
}

fn parse_template(t: &'static str) -> Template {
    let mut pieces = Vec::new();
    let mut rest = t;
    let (mut kw, mut vul) = (0, 0);
    while let Some(i) = rest.find('{') {
        if i > 0 {
            pieces.push(Piece::Text(&rest[..i]));
        }
        let j = rest[i..].find('}').expect("unclosed slot") + i;
        let slot = Slot::parse(&rest[i + 1..j]);
        kw |= slot.keywords();
        vul |= slot.vulnerable();
        pieces.push(Piece::Slot(slot));
        rest = &rest[j + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    for p in &pieces {
        if let Piece::Text(s) = p {
            kw |= keyword_mask(s.as_bytes());
        }
    }
    Template { pieces, kw, vul }
}

/// How the blocks of a document kind are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One line per block, each starting with a time: "14:32 ...".
    Log,
    /// Lines, no prefix.
    Lines,
    /// Sentences run into paragraphs.
    Prose,
}

struct KindSrc {
    name: &'static str,
    layout: Layout,
    headers: &'static [&'static str],
    body: &'static [&'static str],
    footers: &'static [&'static str],
}

const NEGATIVES: &[&str] = &[
    "Courier parcel Ref {x_ref9} was collected from the front desk.",
    "Order {x_nhs} was placed online that evening.",
    "Product code SKU {x_plate} was recovered from the warehouse.",
    "False plates showing {x_vrm} were found in the garage.",
    "Date of offence: {date}.",
    "Loyalty scheme number {x_card} is printed on the receipt.",
    "Old record reference {x_pnc} does not match any nominal.",
    "The NI number given, {x_nino}, was rejected as not valid.",
    "The postcode given, {x_postcode}, does not exist.",
    "The transfer quoted {x_iban} but the check digits were wrong.",
    "The number {x_phone} on the flyer is not in service.",
    "An earlier entry with {x_dob} was a typing error and has been corrected.",
    "Parcel tracking Ref {x_ref9} shows delivery on {date}.",
    "Stock item SKU {x_plate} was listed as missing on {date_words}.",
];

const KINDS: &[KindSrc] = &[
    KindSrc {
        name: "incident log",
        layout: Layout::Log,
        headers: &[
            "WESTSHIRE POLICE – INCIDENT LOG\nLog opened {date} at {time} by {officer}.\n\n",
            "Incident log – {town} neighbourhood team\nOpened by {officer} on {date_words}.\n\n",
        ],
        body: &[
            "Informant {name} reported damage to her car outside {street}, {town} {postcode}.",
            "Vehicle {vrm} stopped on {streetname}; driver identified as {name}, {dob}.",
            "{name} gave a home address of {street}, {town} {postcode}.",
            "Contact number for the informant is {phone}.",
            "Informant's mobile is {phone} and email {email}.",
            "Subject's NI number is {nino}.",
            "Checks on {name}: PNC ID {pnc}, {cro}.",
            "PNC ID {pnc} confirmed for the suspect.",
            "Photographs were sent in from {email} shortly afterwards.",
            "Driving licence produced: {dl}.",
            "Ambulance crew confirmed NHS number {nhs} for the injured party.",
            "The provider says the profile logged in from {ip} at the time.",
            "Victim's bank details for the refund: {bank}.",
            "Victim reports her debit card {card} was used at two shops.",
            "Refund requested by transfer to IBAN {iban}.",
            "Documents seized: {passport}, booked into property.",
            "{name} ({dob}) was located and spoken to.",
            "Registered keeper of {vrm} traced and informed.",
            "Witness {name} can be reached on {phone}.",
            "Suspect described as {name}, NI number {nino}, of {street}, {town}.",
        ],
        footers: &[
            "Log closed by {officer} at {time}.\n\n----------------------------------------\n\n",
        ],
    },
    KindSrc {
        name: "custody record",
        layout: Layout::Lines,
        headers: &[
            "CUSTODY RECORD – Northgate custody suite\nDetained person: {SUR}, {fore}\n{dob}\n",
            "Custody record, {town} custody suite\nDetainee: {fore} {SUR}\n",
        ],
        body: &[
            "Home address: {street}, {town} {postcode}",
            "Arrested on {date} at {time} for {offence}.",
            "Next of kin: {name}, mobile {phone}.",
            "PNC ID {pnc}; {cro}; fingerprints and DNA taken.",
            "Detainee says the GP is in {town}; NHS number {nhs}.",
            "Property: wallet, debit card {card}, keys.",
            "NI number: {nino}.",
            "Solicitor to be contacted at {email}.",
            "Vehicle seized: {vrm}.",
            "Driver number on licence: {dl}.",
            "{passport}, retained in property.",
            "Detained person confirmed {dob}.",
            "Appropriate adult {name} contactable on {phone}.",
            "Detainee's own email given as {email}.",
        ],
        footers: &["Record reviewed by {officer}.\n\n========================================\n\n"],
    },
    KindSrc {
        name: "occupational health letter",
        layout: Layout::Prose,
        headers: &[
            "Occupational Health Unit\n{street}\n{town}\n{postcode}\n\n{date_words}\n\nPrivate and confidential\n\nDear {title} {sur},\n\n",
            "Westshire Police – Occupational Health\n\n{date_words}\n\nRe: {fore} {sur}\n\n",
        ],
        body: &[
            "Thank you for referring {fore} to the unit on {date}.",
            "Their NHS number is {nhs} and their GP has been informed.",
            "I spoke with {fore} by telephone on {phone} last week.",
            "Sick pay continues into the account with {bank}.",
            "Their NI number ({nino}) is shown on the payroll record.",
            "Please send any reply to {email}.",
            "For identification, {fore} gave {dob}.",
            "Their home address is {street}, {town} {postcode}.",
            "Mileage claims should be paid by transfer to IBAN {iban}.",
            "We recommend a phased return over four weeks.",
            "The pool car {vrm} should not be driven for now.",
            "{fore} may be contacted on {phone} or at {email}.",
        ],
        footers: &["\n\nYours sincerely,\n\nDr {name}\nOccupational Health Physician\n\n"],
    },
    KindSrc {
        name: "complaint email",
        layout: Layout::Prose,
        headers: &[
            "From: {fore} {sur} <{email}>\nTo: Professional Standards <{email_org}>\nSent: {date_words} {time}\nSubject: Complaint about officer conduct\n\n",
        ],
        body: &[
            "I am writing about the stop of my car {vrm} on {date}.",
            "For your records, {dob}.",
            "You can reach me on {phone} or at {email}.",
            "My address is {street}, {town}, {postcode}.",
            "The officer took my driving licence, {dl}, and did not return it.",
            "I paid the penalty with my credit card {card} and want it back.",
            "Please refund it to {bank}.",
            "If easier, send it by transfer to IBAN {iban}.",
            "My passport was photocopied too ({passport}).",
            "My NI number is {nino}.",
            "I want to know why my NHS number {nhs} was on the form.",
            "I think my profile was accessed from {ip} after the search.",
            "My neighbour {name} saw it all and is on {phone}.",
        ],
        footers: &["\n\nRegards,\n{fore} {sur}\n\n"],
    },
];

/// Neutral sentences with no keyword of any rule and nothing that looks
/// like an identifier.
const FILLERS: &[&str] = &[
    "Officers attended and spoke with those present.",
    "The duty sergeant reviewed the log.",
    "No further concerns were raised at the time.",
    "Words of advice were given and the scene was left calm.",
    "Enquiries are ongoing and this log will be updated.",
    "The supervisor agreed the plan and signed it off.",
    "A welfare check was completed later that evening.",
    "The informant was updated on progress.",
    "Statements were taken from two witnesses.",
    "The file was passed to the investigation team for review.",
    "House-to-house enquiries found nothing of note.",
    "CCTV from nearby shops has been requested.",
    "Safeguarding referral considered and not required.",
    "Body-worn video was active throughout.",
    "The area was searched with negative result.",
    "Management review completed with no actions.",
    "Local officers will pass by on patrol tonight.",
    "A crime report has been raised and allocated.",
    "Restorative options were discussed with both parties.",
    "Forensic officers examined the door frame.",
    "The shop manager agreed to keep the footage.",
    "Interpreter services were not needed.",
    "Advice leaflets were left with the family.",
    "Damage is estimated at £350 in total.",
    "The team will review progress at the next meeting.",
];

struct Kind {
    name: &'static str,
    layout: Layout,
    headers: Vec<Template>,
    body: Vec<Template>,
    footers: Vec<Template>,
}

struct Tables {
    kinds: Vec<Kind>,
    negatives: Vec<Template>,
    fillers: Vec<Template>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        kinds: KINDS
            .iter()
            .map(|k| Kind {
                name: k.name,
                layout: k.layout,
                headers: k.headers.iter().map(|t| parse_template(t)).collect(),
                body: k.body.iter().map(|t| parse_template(t)).collect(),
                footers: k.footers.iter().map(|t| parse_template(t)).collect(),
            })
            .collect(),
        negatives: NEGATIVES.iter().map(|t| parse_template(t)).collect(),
        fillers: FILLERS.iter().map(|t| parse_template(t)).collect(),
    })
}

// -------------------------------------------------------------- documents

/// A block already written: where it ends and its hazard bits.
#[derive(Clone, Copy, Debug)]
struct Placed {
    end: usize,
    kw: u32,
    vul: u32,
}

struct Gen<'a> {
    r: Rng,
    buf: &'a mut Vec<u8>,
    labels: &'a mut Vec<Label>,
    path: &'a str,
    person: Person,
    recent: Vec<Placed>,
    filler: u32,
}

impl Gen<'_> {
    fn label(&mut self, rule: &str, start: usize) {
        self.labels.push(Label {
            path: self.path.to_string(),
            rule: rule.to_string(),
            start: start as u64,
            end: self.buf.len() as u64,
        });
    }

    fn text(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn time(&mut self) {
        let (h, m) = (self.r.range(0, 23), self.r.range(0, 59));
        push_padded(self.buf, h, 2);
        self.buf.push(b':');
        push_padded(self.buf, m, 2);
    }

    fn slot(&mut self, slot: Slot) {
        let r = &mut self.r;
        let start = self.buf.len();
        match slot {
            Slot::Name => {
                let p = Person::random(r);
                self.buf.extend_from_slice(p.fore.as_bytes());
                self.buf.push(b' ');
                self.buf.extend_from_slice(p.sur.as_bytes());
            }
            Slot::Fore => self.buf.extend_from_slice(self.person.fore.as_bytes()),
            Slot::Sur => self.buf.extend_from_slice(self.person.sur.as_bytes()),
            Slot::SurUpper => self
                .buf
                .extend(self.person.sur.bytes().map(|b| b.to_ascii_uppercase())),
            Slot::Title => {
                let t = self.person.title(r);
                self.buf.extend_from_slice(t.as_bytes());
            }
            Slot::Street => {
                push_num(self.buf, r.range(1, 199));
                self.buf.push(b' ');
                self.buf.extend_from_slice(r.pick(STREETS).as_bytes());
            }
            Slot::StreetName => self.buf.extend_from_slice(r.pick(STREETS).as_bytes()),
            Slot::Town => self.buf.extend_from_slice(r.pick(TOWNS).as_bytes()),
            Slot::Time => self.time(),
            Slot::Date => {
                let d = random_date(r, (2015, 1, 1), (2026, 11, 22));
                push_date(self.buf, d, if r.chance(0.7) { 0 } else { 3 });
            }
            Slot::DateWords => {
                let d = random_date(r, (2015, 1, 1), (2026, 11, 22));
                push_date(self.buf, d, 1);
            }
            Slot::Offence => self.buf.extend_from_slice(r.pick(OFFENCES).as_bytes()),
            Slot::Officer => self.buf.extend_from_slice(r.pick(OFFICERS).as_bytes()),
            Slot::Nino => {
                let p = nino_prefix(r);
                let s = r.byte_of(b"ABCD");
                push_nino(r, self.buf, p, Some(s));
                self.label("uk_nino", start);
            }
            Slot::Vrm => {
                push_vrm(r, self.buf);
                self.label("uk_vehicle_registration", start);
            }
            Slot::Nhs => {
                push_nhs(r, self.buf);
                self.label("nhs_number", start);
            }
            Slot::Postcode => {
                push_postcode(r, self.buf);
                self.label("uk_postcode", start);
            }
            Slot::Phone => {
                push_phone(r, self.buf);
                self.label("uk_phone", start);
            }
            Slot::Email => {
                let p = self.person;
                let own = r.chance(0.7);
                push_email(r, self.buf, if own { Some(&p) } else { None });
                self.label("email", start);
            }
            Slot::EmailOrg => {
                let local = *r.pick(&["psd", "complaints", "professional.standards", "feedback"]);
                self.buf.extend_from_slice(local.as_bytes());
                self.buf.extend_from_slice(b"@westshire-police.test");
                self.label("email", start);
            }
            Slot::Dob => {
                let kw = *r.pick(&[
                    "DOB: ",
                    "D.O.B. ",
                    "Date of birth: ",
                    "date of birth ",
                    "born on ",
                    "DOB ",
                ]);
                self.buf.extend_from_slice(kw.as_bytes());
                let s = self.buf.len();
                let form = r.below(4) as u32;
                push_date(self.buf, self.person.dob, form);
                self.label("date_of_birth", s);
            }
            Slot::XDob => {
                // Dates no one can be born on: 31 February, or the future.
                self.buf
                    .extend_from_slice(r.pick(&["DOB: ", "D.O.B. ", "date of birth "]).as_bytes());
                if r.chance(0.5) {
                    self.buf.extend_from_slice(b"3");
                    self.buf.push(*r.pick(b"01"));
                    self.buf.extend_from_slice(b"/02/");
                    push_num(self.buf, r.range(1950, 2010));
                } else {
                    push_date(self.buf, random_date(r, (2027, 1, 1), (2040, 12, 31)), 0);
                }
            }
            Slot::Dl => {
                let p = self.person;
                push_driving_licence(r, self.buf, &p);
                self.label("uk_driving_licence", start);
            }
            Slot::Passport => {
                let kw = *r.pick(&["Passport number: ", "passport no. "]);
                self.buf.extend_from_slice(kw.as_bytes());
                let s = self.buf.len();
                passport_digits(r, self.buf);
                self.label("uk_passport", s);
            }
            Slot::Card => {
                let d = card_digits(r, true);
                push_card(self.buf, &d);
                self.label("payment_card", start);
            }
            Slot::Bank => {
                self.buf.extend_from_slice(b"sort code ");
                let s = self.buf.len();
                let sc = six_digits_not_same(r);
                for (i, pair) in sc.chunks(2).enumerate() {
                    if i > 0 {
                        self.buf.push(b'-');
                    }
                    push_digits(self.buf, pair);
                }
                self.label("uk_bank_account", s);
                self.buf.extend_from_slice(b", account number ");
                let s = self.buf.len();
                let acct = account_digits(&mut self.r);
                push_digits(self.buf, &acct);
                self.label("uk_bank_account", s);
            }
            Slot::Iban => {
                push_iban(r, self.buf, true);
                self.label("iban", start);
            }
            Slot::Ip => {
                push_ip(r, self.buf);
                self.label("ip_address", start);
            }
            Slot::Pnc => {
                push_pnc(r, self.buf, true);
                self.label("pnc_id", start);
            }
            Slot::Cro => {
                let kw = *r.pick(&["CRO ", "CRO number "]);
                self.buf.extend_from_slice(kw.as_bytes());
                let s = self.buf.len();
                push_cro(&mut self.r, self.buf);
                self.label("cro_number", s);
            }
            Slot::XNino => push_bad_nino(r, self.buf),
            Slot::XVrm => push_unissued_vrm(r, self.buf),
            Slot::XPlate => push_unissued_vrm(r, self.buf),
            Slot::XNhs => push_bad_nhs(r, self.buf),
            Slot::XPostcode => push_bad_postcode(r, self.buf),
            Slot::XPhone => push_bad_phone(r, self.buf),
            Slot::XRef9 => passport_digits(r, self.buf),
            Slot::XCard => {
                let d = card_digits(r, false);
                push_card(self.buf, &d);
            }
            Slot::XPnc => push_pnc(r, self.buf, false),
            Slot::XIban => push_iban(r, self.buf, false),
        }
    }

    fn template(&mut self, t: &Template) {
        for p in &t.pieces {
            match p {
                Piece::Text(s) => self.text(s),
                Piece::Slot(s) => self.slot(*s),
            }
        }
    }

    /// Writes neutral filler until a block with hazard bits `kw`/`vul`
    /// may be placed here.
    fn make_room(&mut self, kw: u32, vul: u32, layout: Layout) {
        loop {
            let pos = self.buf.len();
            self.recent.retain(|b| b.end + HAZARD_GAP > pos);
            if !self.recent.iter().any(|b| (b.kw & vul) | (b.vul & kw) != 0) {
                return;
            }
            let f = self.r.pick(&tables().fillers).clone();
            self.framed(&f, layout);
        }
    }

    fn framed(&mut self, t: &Template, layout: Layout) {
        match layout {
            Layout::Log => {
                self.time();
                self.buf.push(b' ');
                self.template(t);
                self.buf.push(b'\n');
            }
            Layout::Lines => {
                self.template(t);
                self.buf.push(b'\n');
            }
            Layout::Prose => {
                self.template(t);
                self.buf
                    .extend_from_slice(if self.r.chance(0.3) { b"\n\n" } else { b" " });
            }
        }
    }

    /// Places a block: filler first if it would come too near a block it
    /// conflicts with.
    fn block(&mut self, t: &Template, layout: Option<Layout>) {
        let l = layout.unwrap_or(Layout::Lines);
        self.make_room(t.kw, t.vul, l);
        match layout {
            Some(l) => self.framed(t, l),
            None => self.template(t),
        }
        self.recent.push(Placed {
            end: self.buf.len(),
            kw: t.kw,
            vul: t.vul,
        });
    }

    fn prose(&mut self, approx: usize) {
        let t = tables();
        while self.buf.len() < approx {
            let kind = self.r.pick(&t.kinds);
            self.person = Person::random(&mut self.r);
            let h = self.r.pick(&kind.headers);
            self.block(h, None);
            let n = self.r.range(6, 16);
            for _ in 0..n {
                for _ in 0..self.filler {
                    let f = self.r.pick(&t.fillers).clone();
                    self.framed(&f, kind.layout);
                }
                let tpl = if self.r.chance(0.28) {
                    self.r.pick(&t.negatives)
                } else {
                    self.r.pick(&kind.body)
                };
                self.block(tpl, Some(kind.layout));
            }
            let f = self.r.pick(&kind.footers);
            self.block(f, None);
        }
    }

    // ------------------------------------------------------------ CSV

    fn csv(&mut self, approx: usize) {
        let headers: &[&str] = if self.r.chance(0.5) {
            &[
                "Surname",
                "Forename",
                "DOB",
                "NI Number",
                "Postcode",
                "Phone",
                "Email",
                "VRM",
                "NHS No",
                "Notes",
            ]
        } else {
            &[
                "Surname",
                "Forename",
                "Date of Birth",
                "NINO",
                "Post Code",
                "Mobile",
                "E-mail",
                "Vehicle Reg",
                "NHS Number",
                "Notes",
            ]
        };
        self.text(&headers.join(","));
        self.text("\r\n");
        let mut cell: Vec<u8> = Vec::with_capacity(256);
        let mut cell_labels: Vec<(&'static str, usize, usize)> = Vec::new();
        while self.buf.len() < approx {
            self.person = Person::random(&mut self.r);
            for col in 0..headers.len() {
                if col > 0 {
                    self.buf.push(b',');
                }
                cell.clear();
                cell_labels.clear();
                self.csv_cell(col, &mut cell, &mut cell_labels);
                self.write_field(&cell, &cell_labels);
            }
            self.text("\r\n");
        }
    }

    fn csv_cell(
        &mut self,
        col: usize,
        out: &mut Vec<u8>,
        labels: &mut Vec<(&'static str, usize, usize)>,
    ) {
        let p = self.person;
        let r = &mut self.r;
        let s = out.len();
        match col {
            0 => out.extend_from_slice(p.sur.as_bytes()),
            1 => out.extend_from_slice(p.fore.as_bytes()),
            2 => {
                if r.chance(0.04) {
                    out.extend_from_slice(b"31/02/");
                    push_num(out, r.range(1950, 2010));
                } else {
                    push_date(out, p.dob, *r.pick(&[0, 0, 0, 1, 2, 3]));
                    labels.push(("date_of_birth", s, out.len()));
                }
            }
            3 => {
                if r.chance(0.04) {
                    push_bad_nino(r, out);
                } else {
                    let prefix = nino_prefix(r);
                    let suffix = if r.chance(0.3) {
                        None
                    } else {
                        Some(r.byte_of(b"ABCD"))
                    };
                    push_nino(r, out, prefix, suffix);
                    labels.push(("uk_nino", s, out.len()));
                }
            }
            4 => {
                if r.chance(0.04) {
                    push_bad_postcode(r, out);
                } else {
                    push_postcode(r, out);
                    labels.push(("uk_postcode", s, out.len()));
                }
            }
            5 => match r.below(25) {
                0..=2 => {}
                3 => push_bad_phone(r, out),
                _ => {
                    push_phone(r, out);
                    labels.push(("uk_phone", s, out.len()));
                }
            },
            6 => {
                if r.chance(0.85) {
                    push_email(r, out, Some(&p));
                    labels.push(("email", s, out.len()));
                }
            }
            7 => {
                if r.chance(0.7) {
                    push_vrm(r, out);
                    labels.push(("uk_vehicle_registration", s, out.len()));
                }
            }
            8 => {
                if r.chance(0.8) {
                    push_nhs(r, out);
                    labels.push(("nhs_number", s, out.len()));
                }
            }
            _ => self.csv_notes(out, labels),
        }
    }

    fn csv_notes(&mut self, out: &mut Vec<u8>, labels: &mut Vec<(&'static str, usize, usize)>) {
        let r = &mut self.r;
        match r.below(14) {
            0..=2 => {}
            3 => out.extend_from_slice(b"No concerns"),
            4 => out.extend_from_slice(b"Seen at home, no concerns"),
            5 => out.extend_from_slice(b"Said \"not me\", then left"),
            6 => out.extend_from_slice(b"First visit done\nSecond visit booked"),
            7 => out.extend_from_slice(b"Moved out of area; forwarding details awaited"),
            8 => {
                out.extend_from_slice(b"Alt number ");
                let s = out.len();
                push_phone(r, out);
                labels.push(("uk_phone", s, out.len()));
                out.extend_from_slice(b", evenings only");
            }
            9 => {
                out.extend_from_slice(b"Work email ");
                let s = out.len();
                push_email(r, out, None);
                labels.push(("email", s, out.len()));
            }
            10 => {
                out.extend_from_slice(b"Order ");
                push_bad_nhs(r, out);
                out.extend_from_slice(b" pending");
            }
            11 => {
                out.extend_from_slice(b"Ref ");
                passport_digits(r, out);
            }
            12 => {
                out.extend_from_slice(b"Loyalty scheme ");
                let d = card_digits(r, false);
                push_card(out, &d);
            }
            _ => {
                out.extend_from_slice(b"Stock item SKU ");
                push_unissued_vrm(r, out);
                out.extend_from_slice(b", \"returned\"\r\nto supplier");
            }
        }
    }

    /// Writes one CSV field (RFC 4180: quoted when it holds a comma, quote
    /// or line break; quotes doubled), moving its labels to file offsets.
    fn write_field(&mut self, cell: &[u8], labels: &[(&'static str, usize, usize)]) {
        let quote = cell
            .iter()
            .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
        let base = self.buf.len();
        if !quote {
            self.buf.extend_from_slice(cell);
            for &(rule, s, e) in labels {
                self.labels.push(Label {
                    path: self.path.to_string(),
                    rule: rule.to_string(),
                    start: (base + s) as u64,
                    end: (base + e) as u64,
                });
            }
            return;
        }
        // Offset of cell byte i in the file: opening quote + doubled quotes before it.
        let at = |i: usize| base + 1 + i + cell[..i].iter().filter(|&&b| b == b'"').count();
        for &(rule, s, e) in labels {
            self.labels.push(Label {
                path: self.path.to_string(),
                rule: rule.to_string(),
                start: at(s) as u64,
                end: at(e) as u64,
            });
        }
        self.buf.push(b'"');
        for &b in cell {
            if b == b'"' {
                self.buf.push(b'"');
            }
            self.buf.push(b);
        }
        self.buf.push(b'"');
    }
}

fn document_into(
    seed: u64,
    filler: u32,
    csv: bool,
    approx_bytes: usize,
    name: &str,
    buf: &mut Vec<u8>,
    labels: &mut Vec<Label>,
) {
    buf.clear();
    let mut r = Rng::new(seed);
    let person = Person::random(&mut r);
    let mut g = Gen {
        r,
        buf,
        labels,
        path: name,
        person,
        recent: Vec::new(),
        filler,
    };
    if csv {
        g.csv(approx_bytes);
    } else {
        g.prose(approx_bytes);
    }
}

/// Generates one document in memory (for unit tests and benches): returns
/// (bytes, labels with path = name).
pub fn document(seed: u64, csv: bool, approx_bytes: usize, name: &str) -> (Vec<u8>, Vec<Label>) {
    document_with_filler(seed, 0, csv, approx_bytes, name)
}

/// [`document`] with `filler` neutral sentences before each identifier
/// sentence of prose (see [`GenOptions::filler`]).
pub fn document_with_filler(
    seed: u64,
    filler: u32,
    csv: bool,
    approx_bytes: usize,
    name: &str,
) -> (Vec<u8>, Vec<Label>) {
    let mut buf = Vec::with_capacity(approx_bytes + 4096);
    let mut labels = Vec::new();
    document_into(seed, filler, csv, approx_bytes, name, &mut buf, &mut labels);
    (buf, labels)
}

/// The files [`generate`] writes: (relative path, is CSV, approximate size).
pub fn plan(opts: &GenOptions) -> Vec<(String, bool, u64)> {
    let file_bytes = opts.file_bytes.max(1);
    let n = opts.total_bytes.div_ceil(file_bytes);
    let share = opts.csv_share.clamp(0.0, 1.0);
    (0..n)
        .map(|i| {
            // Exactly floor(n * share) CSV files, spread evenly.
            let csv = ((i + 1) as f64 * share).floor() > (i as f64 * share).floor();
            let size = file_bytes.min(opts.total_bytes - i * file_bytes);
            let path = if csv {
                format!("csv/doc-{i:05}.csv")
            } else {
                format!("text/doc-{i:05}.txt")
            };
            (path, csv, size)
        })
        .collect()
}

/// Writes the corpus under `dir` (creating `dir/text/*.txt` and
/// `dir/csv/*.csv`) and `dir/labels.jsonl`; returns the labels. Documents
/// of an earlier corpus in `dir` (`text/doc-*.txt`, `csv/doc-*.csv`) are
/// removed first, so that none is left unlabelled; nothing else is touched.
pub fn generate(dir: &Path, opts: &GenOptions) -> io::Result<Vec<Label>> {
    for (sub, ext) in [("text", "txt"), ("csv", "csv")] {
        let p = dir.join(sub);
        fs::create_dir_all(&p)?;
        for e in fs::read_dir(&p)? {
            let e = e?;
            let name = e.file_name();
            let name = name.to_string_lossy();
            let stale = name
                .strip_prefix("doc-")
                .and_then(|n| n.strip_suffix(ext))
                .and_then(|n| n.strip_suffix('.'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if stale && e.file_type()?.is_file() {
                fs::remove_file(e.path())?;
            }
        }
    }
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(dir.join("labels.jsonl"))?);
    let mut labels = Vec::new();
    let mut buf = Vec::with_capacity(opts.file_bytes as usize + 4096);
    let mut line = Vec::with_capacity(256);
    for (i, (path, csv, size)) in plan(opts).into_iter().enumerate() {
        let first = labels.len();
        document_into(
            mix(opts.seed, i as u64),
            opts.filler,
            csv,
            size as usize,
            &path,
            &mut buf,
            &mut labels,
        );
        let mut f = BufWriter::with_capacity(1 << 20, fs::File::create(dir.join(&path))?);
        f.write_all(&buf)?;
        f.flush()?;
        let jpath = serde_json::to_string(&path).map_err(io::Error::other)?;
        for l in &labels[first..] {
            line.clear();
            line.extend_from_slice(b"{\"path\":");
            line.extend_from_slice(jpath.as_bytes());
            line.extend_from_slice(b",\"rule\":\"");
            line.extend_from_slice(l.rule.as_bytes());
            line.extend_from_slice(b"\",\"start\":");
            push_num(&mut line, l.start);
            line.extend_from_slice(b",\"end\":");
            push_num(&mut line, l.end);
            line.extend_from_slice(b"}\n");
            out.write_all(&line)?;
        }
    }
    out.flush()?;
    Ok(labels)
}

/// Reads a `labels.jsonl` written by [`generate`].
pub fn read_labels(path: &Path) -> io::Result<Vec<Label>> {
    let text = fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}:{}: not a label", path.display(), n + 1),
            )
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|_| bad())?;
        out.push(Label {
            path: v["path"].as_str().ok_or_else(bad)?.to_string(),
            rule: v["rule"].as_str().ok_or_else(bad)?.to_string(),
            start: v["start"].as_u64().ok_or_else(bad)?,
            end: v["end"].as_u64().ok_or_else(bad)?,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- scoring

/// Scores findings `(path, rule, start, end)` against labels: a finding is
/// a true positive when a label has the same path, rule, start and end.
/// Returns one score per rule (sorted by rule id), covering every rule that
/// appears in either list.
pub fn score(labels: &[Label], findings: &[(String, String, u64, u64)]) -> Vec<RuleScore> {
    let mut per: BTreeMap<String, RuleScore> = BTreeMap::new();
    let mut want: HashSet<(&str, &str, u64, u64)> = HashSet::with_capacity(labels.len());
    for l in labels {
        if want.insert((l.path.as_str(), l.rule.as_str(), l.start, l.end)) {
            entry(&mut per, &l.rule).fn_ += 1;
        }
    }
    let mut seen: HashSet<(&str, &str, u64, u64)> = HashSet::with_capacity(findings.len());
    for (p, rule, s, e) in findings {
        let key = (p.as_str(), rule.as_str(), *s, *e);
        let sc = entry(&mut per, rule);
        if want.contains(&key) && seen.insert(key) {
            sc.tp += 1;
            sc.fn_ -= 1;
        } else {
            sc.fp += 1;
        }
    }
    per.into_values().collect()
}

fn entry<'m>(per: &'m mut BTreeMap<String, RuleScore>, rule: &str) -> &'m mut RuleScore {
    if !per.contains_key(rule) {
        per.insert(
            rule.to_string(),
            RuleScore {
                rule: rule.to_string(),
                tp: 0,
                fp: 0,
                fn_: 0,
            },
        );
    }
    per.get_mut(rule).expect("just inserted")
}

/// Findings that match no label (a repeated finding counts again, as in
/// [`score`]), and labels no finding matched.
pub fn mismatches<'a>(
    labels: &'a [Label],
    findings: &'a [(String, String, u64, u64)],
) -> (Vec<&'a Found>, Vec<&'a Label>) {
    let want: HashSet<(&str, &str, u64, u64)> = labels
        .iter()
        .map(|l| (l.path.as_str(), l.rule.as_str(), l.start, l.end))
        .collect();
    let mut seen: HashSet<(&str, &str, u64, u64)> = HashSet::with_capacity(findings.len());
    let mut fps = Vec::new();
    for f in findings {
        let key = (f.0.as_str(), f.1.as_str(), f.2, f.3);
        if !(want.contains(&key) && seen.insert(key)) {
            fps.push(f);
        }
    }
    let fns = labels
        .iter()
        .filter(|l| !seen.contains(&(l.path.as_str(), l.rule.as_str(), l.start, l.end)))
        .collect();
    (fps, fns)
}

/// Confidence rank of trawl's levels (`low` < `medium` < `high`).
pub fn confidence_rank(c: &str) -> Option<u8> {
    match c {
        "low" => Some(0),
        "medium" => Some(1),
        "high" => Some(2),
        _ => None,
    }
}

/// A path as trawl printed it, made relative to the corpus folder `dir`
/// (as given to trawl) with `/` separators.
pub fn relative_path(printed: &str, dir: &str) -> String {
    let p = printed.replace('\\', "/");
    let d = dir.replace('\\', "/");
    let d = d.trim_end_matches('/');
    let rel = if !d.is_empty() && d != "." {
        match p.strip_prefix(d) {
            Some(rest) if rest.starts_with('/') => rest.trim_start_matches('/').to_string(),
            _ => {
                // Printed differently (another spelling of the folder):
                // fall back on the corpus layout.
                let cut = p.rfind("/text/").or_else(|| p.rfind("/csv/"));
                match cut {
                    Some(i) => p[i + 1..].to_string(),
                    None => p.clone(),
                }
            }
        }
    } else {
        p.clone()
    };
    let mut rel = rel.as_str();
    while let Some(r) = rel.strip_prefix("./") {
        rel = r;
    }
    rel.trim_start_matches('/').to_string()
}

/// The findings in trawl `--format jsonl` output at or above
/// `min_confidence`, with paths relative to `dir`.
pub fn parse_findings(
    jsonl: &str,
    dir: &str,
    min_confidence: &str,
) -> io::Result<Vec<(String, String, u64, u64)>> {
    let min = confidence_rank(min_confidence).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unknown confidence {min_confidence:?}"),
        )
    })?;
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line {}: not JSON: {e}", n + 1),
            )
        })?;
        if v["type"] != "finding" {
            continue;
        }
        let conf = v["confidence"]
            .as_str()
            .and_then(confidence_rank)
            .unwrap_or(0);
        if conf < min {
            continue;
        }
        let (Some(path), Some(rule), Some(start), Some(end)) = (
            v["path"].as_str(),
            v["rule"].as_str(),
            v["start"].as_u64(),
            v["end"].as_u64(),
        ) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line {}: incomplete finding", n + 1),
            ));
        };
        out.push((relative_path(path, dir), rule.to_string(), start, end));
    }
    Ok(out)
}

/// The scores as a Markdown table with a total row.
pub fn table(scores: &[RuleScore]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    s.push_str("| rule | labels | found | TP | FP | FN | precision | recall | F1 |\n");
    s.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut total = RuleScore {
        rule: "**total**".into(),
        tp: 0,
        fp: 0,
        fn_: 0,
    };
    for r in scores {
        total.tp += r.tp;
        total.fp += r.fp;
        total.fn_ += r.fn_;
    }
    for r in scores.iter().chain(std::iter::once(&total)) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {:.4} | {:.4} | {:.4} |",
            r.rule,
            r.labels(),
            r.found(),
            r.tp,
            r.fp,
            r.fn_,
            r.precision(),
            r.recall(),
            r.f1()
        );
    }
    s
}

/// `text[start..end]` with some context, on one line, for reports.
pub fn snippet(text: &[u8], start: u64, end: u64) -> String {
    let (s, e) = (start as usize, (end as usize).min(text.len()));
    let lo = s.saturating_sub(40);
    let hi = (e + 40).min(text.len());
    let show = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace('\r', "\\r")
            .replace('\n', "\\n")
    };
    format!(
        "{}[[{}]]{}",
        show(&text[lo..s.min(text.len())]),
        show(&text[s.min(e)..e]),
        show(&text[e..hi])
    )
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;

    /// Independent NHS check: weights 10..1 over all ten digits, sum mod 11 == 0.
    fn nhs_ok(s: &str) -> bool {
        let d: Vec<u32> = s
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| u32::from(b - b'0'))
            .collect();
        d.len() == 10
            && d.iter()
                .enumerate()
                .map(|(i, x)| x * (10 - i as u32))
                .sum::<u32>()
                % 11
                == 0
            && !d.iter().all(|&x| x == d[0])
    }

    /// Independent Luhn: double every second digit from the right.
    fn luhn_ok(s: &str) -> bool {
        let d: Vec<u32> = s
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| u32::from(b - b'0'))
            .collect();
        let sum: u32 = d
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &x)| {
                if i % 2 == 1 {
                    if x * 2 > 9 { x * 2 - 9 } else { x * 2 }
                } else {
                    x
                }
            })
            .sum();
        !d.is_empty() && sum.is_multiple_of(10)
    }

    /// Independent IBAN check with u128 arithmetic on the rearranged digits.
    fn iban_ok(s: &str) -> bool {
        let c: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let re = format!("{}{}", &c[4..], &c[..4]);
        let mut digits = String::new();
        for ch in re.chars() {
            if ch.is_ascii_digit() {
                digits.push(ch);
            } else {
                digits.push_str(&((ch as u32) - ('A' as u32) + 10).to_string());
            }
        }
        let mut rem: u128 = 0;
        for chunk in digits.as_bytes().chunks(9) {
            let part: u128 = std::str::from_utf8(chunk).unwrap().parse().unwrap();
            rem = (rem * 10u128.pow(chunk.len() as u32) + part) % 97;
        }
        rem == 1
    }

    fn table_letter(n: u64) -> char {
        "ZABCDEFGHJKLMNPQRTUVWXY"
            .chars()
            .nth((n % 23) as usize)
            .unwrap()
    }

    fn pnc_ok(s: &str) -> bool {
        let (yy, rest) = s.split_once('/').unwrap();
        let (serial, check) = rest.split_at(rest.len() - 1);
        let n: u64 = format!("{yy}{serial:0>7}").parse().unwrap();
        table_letter(n).to_string() == check
    }

    fn cro_ok(s: &str) -> bool {
        let (serial, rest) = s.split_once('/').unwrap();
        let (yy, check) = rest.split_at(2);
        let n: u64 = format!("{yy}{serial:0>6}").parse().unwrap();
        table_letter(n).to_string() == check
    }

    fn samples(f: impl Fn(&mut Rng, &mut Vec<u8>)) -> Vec<String> {
        let mut r = Rng::new(7);
        (0..2000)
            .map(|_| {
                let mut v = Vec::new();
                f(&mut r, &mut v);
                String::from_utf8(v).unwrap()
            })
            .collect()
    }

    #[test]
    fn known_vectors() {
        assert!(nhs_ok("943 476 5919"));
        assert!(!nhs_ok("943 476 5918"));
        assert_eq!(nhs_check(&[9, 4, 3, 4, 7, 6, 5, 9, 1]), Some(9));
        assert!(luhn_ok("4111 1111 1111 1111"));
        assert!(luhn_ok("79927398713"));
        assert_eq!(luhn_check_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
        assert!(iban_ok("GB82 WEST 1234 5698 7654 32"));
        assert!(!iban_ok("GB82 WEST 1234 5698 7654 33"));
        assert_eq!(iban_check(b"GB", b"WEST12345698765432"), 82);
        assert_eq!(iban_check(b"GB", b"NWBK60161331926819"), 29);
        assert_eq!(pnc_letter(1, 123_456), b'F');
        assert_eq!(pnc_letter(99, 1_234_567), b'B');
        assert_eq!(pnc_letter(98, 123_456), b'G');
        assert_eq!(cro_letter(99, 12_345), b'N');
        assert!(pnc_ok("01/123456F") && pnc_ok("98/123456G") && !pnc_ok("98/123456A"));
        assert!(cro_ok("012345/99N") && cro_ok("12345/99N") && !cro_ok("012345/99M"));
    }

    #[test]
    fn dates_round_trip() {
        for z in [-1_000_000i64, -1, 0, 1, 19_000, 20_780, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            civil_from_days(days_from_civil(2026, 11, 23)),
            (2026, 11, 23)
        );
        let mut r = Rng::new(3);
        for _ in 0..10_000 {
            let d = random_dob(&mut r);
            assert!(d >= (1926, 11, 24) && d <= AS_OF, "{d:?}");
        }
    }

    #[test]
    fn nhs_numbers_pass_mod_11_and_negatives_fail() {
        for s in samples(push_nhs) {
            assert!(nhs_ok(&s), "{s}");
            assert!(!s.starts_with("999") && !s.starts_with('0'), "{s}");
        }
        for s in samples(push_bad_nhs) {
            assert!(!nhs_ok(&s) && s.len() == 10 && !s.starts_with('0'), "{s}");
        }
    }

    #[test]
    fn cards_pass_luhn_and_negatives_fail() {
        for s in samples(|r, v| push_card(v, &card_digits(r, true))) {
            assert!(luhn_ok(&s), "{s}");
            assert!(
                s.starts_with('4') && s.len() == 19 && s != "4111 1111 1111 1111",
                "{s}"
            );
        }
        for s in samples(|r, v| push_card(v, &card_digits(r, false))) {
            assert!(!luhn_ok(&s), "{s}");
        }
    }

    #[test]
    fn ibans_pass_mod_97_and_negatives_fail() {
        for s in samples(|r, v| push_iban(r, v, true)) {
            assert!(iban_ok(&s), "{s}");
            assert_eq!(s.len(), 27, "{s}");
        }
        for s in samples(|r, v| push_iban(r, v, false)) {
            assert!(!iban_ok(&s), "{s}");
            let tail: String = s[10..].chars().filter(char::is_ascii_digit).collect();
            assert!(
                !(tail.starts_with(['2', '3', '4', '5', '6']) && luhn_ok(&tail)),
                "{s}"
            );
        }
    }

    #[test]
    fn pnc_and_cro_check_letters_match_the_table() {
        for s in samples(|r, v| push_pnc(r, v, true)) {
            assert!(pnc_ok(&s), "{s}");
            let serial = s.split_once('/').unwrap().1;
            assert!(!serial.starts_with('0') && serial.len() <= 8, "{s}");
        }
        for s in samples(|r, v| push_pnc(r, v, false)) {
            assert!(!pnc_ok(&s), "{s}");
        }
        for s in samples(push_cro) {
            assert!(cro_ok(&s), "{s}");
            assert!(s.split_once('/').unwrap().0.len() <= 6, "{s}");
        }
    }

    fn nino_ok(s: &str) -> bool {
        let c: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let b = c.as_bytes();
        if !(c.len() == 9 || c.len() == 8) {
            return false;
        }
        let p = &c[..2];
        !b"DFIQUV".contains(&b[0])
            && !b"DFIQUVO".contains(&b[1])
            && ![
                "BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "OO", "CR", "FY", "MW", "NC", "PP", "PY",
                "PZ",
            ]
            .contains(&p)
            && b[2..8].iter().all(u8::is_ascii_digit)
            && (c.len() == 8 || b"ABCD".contains(&b[8]))
    }

    #[test]
    fn ninos_follow_the_prefix_rules() {
        for s in samples(|r, v| {
            let p = nino_prefix(r);
            push_nino(r, v, p, Some(b'C'))
        }) {
            assert!(nino_ok(&s), "{s}");
        }
        for s in samples(push_bad_nino) {
            assert!(!nino_ok(&s), "{s}");
        }
    }

    #[test]
    fn vrms_use_issued_age_identifiers() {
        for s in samples(push_vrm) {
            let c: String = s.chars().filter(|c| *c != ' ').collect();
            let b = c.as_bytes();
            if b[1].is_ascii_alphabetic() {
                let age: u32 = c[2..4].parse().unwrap();
                assert!((2..=26).contains(&age) || (51..=76).contains(&age), "{s}");
                assert!(
                    !b[..2].iter().any(|x| b"IQZ".contains(x))
                        && !b[4..].iter().any(|x| b"IQ".contains(x)),
                    "{s}"
                );
            } else {
                assert!(
                    !b"IOQUZ".contains(&b[0])
                        && !b[b.len() - 3..].iter().any(|x| b"IQZ".contains(x)),
                    "{s}"
                );
            }
        }
        for s in samples(push_unissued_vrm) {
            let age: u32 = s[2..4].parse().unwrap();
            assert!(
                !((2..=26).contains(&age) || (51..=76).contains(&age)),
                "{s}"
            );
        }
    }

    fn postcode_ok(s: &str) -> bool {
        let (out, inw) = match s.split_once(' ') {
            Some(x) => x,
            None => s.split_at(s.len() - 3),
        };
        let area: String = out.chars().take_while(char::is_ascii_alphabetic).collect();
        let rest = &out[area.len()..];
        let ib = inw.as_bytes();
        let grammar = match (area.len(), rest.len()) {
            (1 | 2, 1) => rest.as_bytes()[0].is_ascii_digit(),
            (1 | 2, 2) => {
                let r = rest.as_bytes();
                r[0].is_ascii_digit()
                    && (r[1].is_ascii_digit()
                        || (area.len() == 1 && b"ABCDEFGHJKPSTUW".contains(&r[1]))
                        || (area.len() == 2 && b"ABEHMNPRVWXY".contains(&r[1])))
            }
            _ => false,
        };
        grammar
            && POSTCODE_AREAS.contains(&area.as_str())
            && ib.len() == 3
            && ib[0].is_ascii_digit()
            && ib[1..].iter().all(|c| b"ABDEFGHJLNPQRSTUWXYZ".contains(c))
    }

    #[test]
    fn postcodes_follow_the_grammar() {
        for s in samples(push_postcode) {
            assert!(postcode_ok(&s), "{s}");
        }
        for s in samples(push_bad_postcode) {
            assert!(!postcode_ok(&s), "{s}");
        }
    }

    #[test]
    fn phones_avoid_drama_ranges() {
        for s in samples(push_phone) {
            let d: String = s.chars().filter(char::is_ascii_digit).collect();
            let nsn = if s.starts_with("+44") {
                d[2..].to_string()
            } else {
                d[1..].to_string()
            };
            assert_eq!(nsn.len(), 10, "{s}");
            for p in [
                "7700900", "1632960", "2079460", "1134960", "1614960", "1914980", "1214960",
            ] {
                assert!(!nsn.starts_with(p), "{s}");
            }
            assert!(!nsn.starts_with("76") && !nsn.starts_with("70"), "{s}");
        }
    }

    #[test]
    fn driving_licences_follow_the_structure() {
        let mut r = Rng::new(11);
        for _ in 0..2000 {
            let p = Person::random(&mut r);
            let mut v = Vec::new();
            push_driving_licence(&mut r, &mut v, &p);
            let s = String::from_utf8(v).unwrap();
            assert_eq!(s.len(), 16, "{s}");
            let sur: String = p
                .sur
                .chars()
                .filter(char::is_ascii_alphabetic)
                .take(5)
                .collect::<String>()
                .to_uppercase();
            assert!(s.starts_with(&sur), "{s}");
            let month: u32 = s[6..8].parse().unwrap();
            assert_eq!(month, p.dob.1 + if p.female { 50 } else { 0 }, "{s}");
            assert_eq!(s[8..10].parse::<u32>().unwrap(), p.dob.2, "{s}");
            assert_eq!(
                format!("{}{}", &s[5..6], &s[10..11]),
                format!("{:02}", p.dob.0 % 100),
                "{s}"
            );
            assert!(s.as_bytes()[14..].iter().all(u8::is_ascii_uppercase), "{s}");
        }
    }

    #[test]
    fn ips_are_public_and_not_single_digit() {
        for s in samples(push_ip) {
            let o: Vec<u32> = s.split('.').map(|x| x.parse().unwrap()).collect();
            assert_eq!(o.len(), 4);
            assert!(o.iter().all(|&x| x < 256));
            assert!(![0, 10, 127].contains(&o[0]) && o[0] < 224, "{s}");
            assert!(!o.iter().all(|&x| x < 10), "{s}");
            assert!(
                !matches!(
                    (o[0], o[1], o[2]),
                    (192, 0, 2) | (198, 51, 100) | (203, 0, 113)
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn fillers_have_no_keywords_and_templates_no_self_conflicts() {
        let t = tables();
        for f in FILLERS {
            assert_eq!(keyword_mask(f.as_bytes()), 0, "filler has a keyword: {f}");
        }
        let all = t
            .kinds
            .iter()
            .flat_map(|k| k.headers.iter().chain(&k.body).chain(&k.footers))
            .chain(&t.negatives);
        for tpl in all {
            assert_eq!(
                tpl.kw & tpl.vul & !Hazard::OTHER,
                0,
                "template conflicts with itself: {tpl:?}"
            );
        }
        for n in &t.negatives {
            // A negative must carry no keyword of what it imitates.
            assert_eq!(n.kw & n.vul, 0, "{n:?}");
        }
        assert_eq!(keyword_mask(b"sort code 20-45-77"), Hazard::BANK);
        assert_eq!(keyword_mask(b"an account"), Hazard::BANK | Hazard::IBAN);
        assert_eq!(keyword_mask(b"emailed the caller"), 0);
        assert_eq!(keyword_mask(b"D.O.B. 7 March"), Hazard::DOB);
    }

    #[test]
    fn documents_are_deterministic_and_labels_point_at_identifiers() {
        for csv in [false, true] {
            let (a, la) = document(42, csv, 200_000, "x");
            let (b, lb) = document(42, csv, 200_000, "x");
            assert_eq!(a, b);
            assert_eq!(la, lb);
            assert!(a.len() >= 200_000 && a.len() < 210_000);
            assert!(std::str::from_utf8(&a).is_ok());
            let mut rules = HashSet::new();
            for l in &la {
                let v = std::str::from_utf8(&a[l.start as usize..l.end as usize]).unwrap();
                rules.insert(l.rule.as_str());
                assert!(!v.is_empty() && v.trim() == v, "{l:?} {v:?}");
                match l.rule.as_str() {
                    "nhs_number" => assert!(nhs_ok(v), "{v}"),
                    "payment_card" => assert!(luhn_ok(v), "{v}"),
                    "iban" => assert!(iban_ok(v), "{v}"),
                    "pnc_id" => assert!(pnc_ok(v), "{v}"),
                    "cro_number" => {
                        assert!(cro_ok(v), "{v}");
                        let before = &a[..l.start as usize];
                        assert!(
                            before.ends_with(b"CRO ") || before.ends_with(b"CRO number "),
                            "{v}"
                        );
                    }
                    "uk_nino" => assert!(nino_ok(v), "{v}"),
                    "uk_postcode" => assert!(postcode_ok(v), "{v}"),
                    "uk_passport" => {
                        assert!(v.len() == 9 && v.bytes().all(|b| b.is_ascii_digit()), "{v}");
                        let lo = (l.start as usize).saturating_sub(20);
                        let before = String::from_utf8_lossy(&a[lo..l.start as usize]).to_string();
                        assert!(
                            before.contains("Passport number: ")
                                || before.contains("passport no. "),
                            "{v}"
                        );
                    }
                    "date_of_birth" if !csv => {
                        let lo = (l.start as usize).saturating_sub(16);
                        let before =
                            String::from_utf8_lossy(&a[lo..l.start as usize]).to_ascii_lowercase();
                        assert!(
                            ["dob", "d.o.b.", "date of birth", "born on"]
                                .iter()
                                .any(|k| before.contains(k)),
                            "{v}: {before}"
                        );
                    }
                    "email" => assert!(v.contains('@') && !v.ends_with('.'), "{v}"),
                    _ => {}
                }
            }
            let expect: &[&str] = if csv {
                &[
                    "uk_nino",
                    "uk_vehicle_registration",
                    "nhs_number",
                    "uk_postcode",
                    "uk_phone",
                    "email",
                    "date_of_birth",
                ]
            } else {
                RULES
            };
            for r in expect {
                assert!(rules.contains(r), "csv={csv}: no {r} labels");
            }
        }
    }

    /// A minimal RFC 4180 reader: records of (field start, field end) raw spans.
    fn csv_records(t: &[u8]) -> Vec<Vec<(usize, usize)>> {
        let mut recs = Vec::new();
        let mut rec = Vec::new();
        let (mut i, mut start) = (0, 0);
        let mut quoted = false;
        while i < t.len() {
            let c = t[i];
            if quoted {
                if c == b'"' {
                    if t.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        quoted = false;
                    }
                }
            } else if c == b'"' {
                quoted = true;
            } else if c == b',' {
                rec.push((start, i));
                start = i + 1;
            } else if c == b'\n' {
                let end = if i > 0 && t[i - 1] == b'\r' { i - 1 } else { i };
                rec.push((start, end));
                recs.push(std::mem::take(&mut rec));
                start = i + 1;
            }
            i += 1;
        }
        recs
    }

    #[test]
    fn csv_is_well_formed_and_labels_sit_in_their_columns() {
        let (a, labels) = document(5, true, 300_000, "c");
        assert!(a.ends_with(b"\r\n"));
        let recs = csv_records(&a);
        assert!(recs.len() > 1000);
        assert!(
            recs.iter().all(|r| r.len() == 10),
            "every record has 10 fields"
        );
        let mut quoted_break = false;
        for (s, e) in recs.iter().flatten() {
            if a[*s] == b'"' && a[*s..*e].contains(&b'\n') {
                quoted_break = true;
            }
        }
        assert!(quoted_break, "some Notes field holds a line break");
        let col_of = |pos: u64| -> usize {
            let pos = pos as usize;
            for r in &recs {
                for (i, (s, e)) in r.iter().enumerate() {
                    if *s <= pos && pos < *e {
                        return i;
                    }
                }
            }
            usize::MAX
        };
        let mut no_suffix = 0;
        for l in labels.iter().step_by(7) {
            let col = col_of(l.start);
            let want: &[usize] = match l.rule.as_str() {
                "date_of_birth" => &[2],
                "uk_nino" => &[3],
                "uk_postcode" => &[4],
                "uk_phone" => &[5, 9],
                "email" => &[6, 9],
                "uk_vehicle_registration" => &[7],
                "nhs_number" => &[8],
                r => panic!("unexpected rule {r} in CSV"),
            };
            assert!(want.contains(&col), "{l:?} in column {col}");
            if l.rule == "uk_nino" && (a[l.end as usize - 1]).is_ascii_digit() {
                no_suffix += 1;
            }
        }
        assert!(no_suffix > 0, "some NINOs come without their suffix");
    }

    #[test]
    fn score_counts_hand_made_example() {
        let l = |p: &str, r: &str, s, e| Label {
            path: p.into(),
            rule: r.into(),
            start: s,
            end: e,
        };
        let labels = vec![
            l("a", "uk_nino", 0, 9),
            l("a", "uk_nino", 20, 29),
            l("b", "uk_nino", 0, 9),
            l("a", "email", 40, 60),
            l("a", "iban", 70, 97),
        ];
        let f = |p: &str, r: &str, s, e| (p.to_string(), r.to_string(), s, e);
        let findings = vec![
            f("a", "uk_nino", 0, 9),   // TP
            f("a", "uk_nino", 0, 9),   // duplicate: FP
            f("a", "uk_nino", 21, 29), // wrong span: FP (and the label is a FN)
            f("b", "uk_nino", 0, 9),   // TP
            f("a", "email", 40, 60),   // TP
            f("a", "uk_phone", 1, 5),  // rule without labels: FP
            f("c", "email", 40, 60),   // wrong path: FP
        ];
        let s = score(&labels, &findings);
        let get = |r: &str| s.iter().find(|x| x.rule == r).unwrap().clone();
        assert_eq!(
            s.iter().map(|x| x.rule.as_str()).collect::<Vec<_>>(),
            vec!["email", "iban", "uk_nino", "uk_phone"]
        );
        assert_eq!(
            (get("uk_nino").tp, get("uk_nino").fp, get("uk_nino").fn_),
            (2, 2, 1)
        );
        assert_eq!(
            (get("email").tp, get("email").fp, get("email").fn_),
            (1, 1, 0)
        );
        assert_eq!((get("iban").tp, get("iban").fp, get("iban").fn_), (0, 0, 1));
        assert_eq!(
            (get("uk_phone").tp, get("uk_phone").fp, get("uk_phone").fn_),
            (0, 1, 0)
        );
        assert_eq!(get("iban").precision(), 1.0);
        assert_eq!(get("iban").recall(), 0.0);
        assert!((get("uk_nino").precision() - 0.5).abs() < 1e-12);
        let t = table(&s);
        assert!(t.contains("| **total** | 5 | 7 | 3 | 4 | 2 |"), "{t}");
        let (fps, fns) = mismatches(&labels, &findings);
        assert_eq!(fps.len(), 4);
        assert_eq!(fns.len(), 2);
    }

    #[test]
    fn paths_are_made_relative() {
        assert_eq!(
            relative_path("/tmp/c/text/doc-00001.txt", "/tmp/c"),
            "text/doc-00001.txt"
        );
        assert_eq!(
            relative_path("/tmp/c/text/doc-00001.txt", "/tmp/c/"),
            "text/doc-00001.txt"
        );
        assert_eq!(
            relative_path("C:\\c\\csv\\doc-00002.csv", "C:\\c"),
            "csv/doc-00002.csv"
        );
        assert_eq!(
            relative_path("./c/csv/doc-00002.csv", "elsewhere"),
            "csv/doc-00002.csv"
        );
        assert_eq!(relative_path("./text/doc-1.txt", "."), "text/doc-1.txt");
        let out = "{\"type\":\"finding\",\"path\":\"/d/text/a.txt\",\"rule\":\"uk_nino\",\"start\":1,\"end\":10,\"confidence\":\"low\"}\n{\"type\":\"finding\",\"path\":\"/d/csv/b.csv\",\"rule\":\"email\",\"start\":3,\"end\":9,\"confidence\":\"high\"}\n{\"type\":\"summary\",\"findings\":2}\n";
        let all = parse_findings(out, "/d", "low").unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0],
            ("text/a.txt".to_string(), "uk_nino".to_string(), 1, 10)
        );
        assert_eq!(parse_findings(out, "/d", "medium").unwrap().len(), 1);
    }

    #[test]
    fn plan_splits_files_and_shares() {
        let o = GenOptions {
            seed: 1,
            total_bytes: 10_500,
            file_bytes: 1_000,
            csv_share: 0.5,
            filler: 0,
        };
        let p = plan(&o);
        assert_eq!(p.len(), 11);
        assert_eq!(p.iter().filter(|x| x.1).count(), 5);
        assert_eq!(p.iter().map(|x| x.2).sum::<u64>(), 10_500);
        assert!(
            p.iter()
                .all(|(path, csv, _)| path.ends_with(if *csv { ".csv" } else { ".txt" }))
        );
    }
}
