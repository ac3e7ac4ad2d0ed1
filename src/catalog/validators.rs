//! Validators: the checks that turn "looks like" into "is".
//!
//! A rule's regex only proposes a candidate; the validator named in its
//! pattern file decides what the candidate is. Every validator takes the
//! matched text exactly as found (any spacing, any case where the rule allows
//! it), normalises it itself, and returns a [`Verdict`]:
//!
//! * `Valid` – passes every check we know (check digit, prefix rules, date
//!   ranges).
//! * `TestData` – valid in form but from a range reserved for tests or drama
//!   (NHS 999 range, Ofcom drama numbers, documentation IP ranges). Reported,
//!   at low confidence, with the reason.
//! * `Weak` – plausible, but with nothing to check (a TRN, an unusual date
//!   order). The classifier keeps it at its base confidence with the note.
//! * `Doubtful` – valid, but of a shape that is often something else (a
//!   dotted quad of single digits is more often a section number than an IP
//!   address). Low confidence unless context supports it.
//! * `ChecksumFailed` – the structure is right but the check digit is wrong.
//!   DOMAIN.md §3.1: keep such hits at low confidence (typing and OCR errors
//!   are common) – the classifier does so only when context supports the hit.
//! * `Invalid` – cannot be this identifier (a NINO prefix HMRC never issues,
//!   a VRM age identifier not yet issued, 31 February). Dropped; `--debug`
//!   says why.
//!
//! The rules and test vectors come from `shared/DOMAIN.md` §3; the tables
//! at the bottom of this file are those vectors.

use jiff::civil::Date;
use serde::Deserialize;

/// What a validator decided about one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    TestData(&'static str),
    Weak(&'static str),
    Doubtful(&'static str),
    ChecksumFailed(&'static str),
    Invalid(&'static str),
}

/// Facts a validator may need beyond the value itself.
#[derive(Clone, Copy, Debug)]
pub struct ValidationContext {
    /// The date that "now" means for age checks and VRM age identifiers
    /// (`--as-of`, default today).
    pub today: Date,
}

impl ValidationContext {
    pub fn new(today: Date) -> Self {
        ValidationContext { today }
    }
}

/// The validators a pattern file can name (`validator = "..."`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    None,
    UkNino,
    UkNinoAdmin,
    UkVrm,
    NhsNumber,
    UkPostcode,
    UkPhone,
    Email,
    DateOfBirth,
    UkDrivingLicence,
    UkPassport,
    PaymentCard,
    UkSortCode,
    UkBankAccount,
    Iban,
    IpAddress,
    PncId,
    CroNumber,
    HmrcTrn,
    Luhn,
    Mod97,
}

impl Validator {
    /// Every validator name, for error messages.
    pub const NAMES: &'static [&'static str] = &[
        "none",
        "uk_nino",
        "uk_nino_admin",
        "uk_vrm",
        "nhs_number",
        "uk_postcode",
        "uk_phone",
        "email",
        "date_of_birth",
        "uk_driving_licence",
        "uk_passport",
        "payment_card",
        "uk_sort_code",
        "uk_bank_account",
        "iban",
        "ip_address",
        "pnc_id",
        "cro_number",
        "hmrc_trn",
        "luhn",
        "mod97",
    ];

    /// A short name of the check, used in confidence reasons.
    pub fn check_name(self) -> &'static str {
        match self {
            Validator::None => "format",
            Validator::UkNino | Validator::UkNinoAdmin => "HMRC prefix rules",
            Validator::UkVrm => "DVLA format and age identifier",
            Validator::NhsNumber => "mod-11 check digit",
            Validator::UkPostcode => "Royal Mail grammar and postcode area",
            Validator::UkPhone => "Ofcom numbering plan",
            Validator::Email => "address syntax",
            Validator::DateOfBirth => "calendar date, age 0-120",
            Validator::UkDrivingLicence => "DVLA structure and birth date",
            Validator::UkPassport => "passport number format",
            Validator::PaymentCard => "Luhn check and issuer prefix",
            Validator::UkSortCode | Validator::UkBankAccount => "sort code/account format",
            Validator::Iban => "IBAN length and mod-97",
            Validator::IpAddress => "IP address syntax",
            Validator::PncId | Validator::CroNumber => "mod-23 check letter",
            Validator::HmrcTrn => "TRN format",
            Validator::Luhn => "Luhn check",
            Validator::Mod97 => "mod-97 check",
        }
    }

    pub fn check(self, value: &str, ctx: &ValidationContext) -> Verdict {
        match self {
            Validator::None => Verdict::Valid,
            Validator::UkNino => uk_nino(value),
            Validator::UkNinoAdmin => uk_nino_admin(value),
            Validator::UkVrm => uk_vrm(value, ctx.today),
            Validator::NhsNumber => nhs_number(value),
            Validator::UkPostcode => uk_postcode(value),
            Validator::UkPhone => uk_phone(value),
            Validator::Email => email(value),
            Validator::DateOfBirth => date_of_birth(value, ctx.today),
            Validator::UkDrivingLicence => uk_driving_licence(value),
            Validator::UkPassport => uk_passport(value),
            Validator::PaymentCard => payment_card(value),
            Validator::UkSortCode => uk_sort_code(value),
            Validator::UkBankAccount => uk_bank_account(value),
            Validator::Iban => iban(value),
            Validator::IpAddress => ip_address(value),
            Validator::PncId => pnc_id(value),
            Validator::CroNumber => cro_number(value),
            Validator::HmrcTrn => Verdict::Weak("TRN: format only, no check digit"),
            Validator::Luhn => {
                if luhn(&digits(value)) {
                    Verdict::Valid
                } else {
                    Verdict::ChecksumFailed("Luhn check failed")
                }
            }
            Validator::Mod97 => {
                if iban_mod97(alnum_upper(value).as_str()) {
                    Verdict::Valid
                } else {
                    Verdict::ChecksumFailed("mod-97 check failed")
                }
            }
        }
    }
}

// ---------------------------------------------------------------- helpers

/// A short normalised value on the stack: validators run once per
/// candidate, millions of times a scan, so they do not allocate.
#[derive(Clone, Copy)]
pub struct Small {
    buf: [u8; 64],
    len: usize,
}

impl Small {
    fn collect(it: impl Iterator<Item = u8>) -> Small {
        let mut s = Small {
            buf: [0; 64],
            len: 0,
        };
        for b in it {
            if s.len == s.buf.len() {
                // Longer than any identifier: keep a length that fails every
                // length check.
                s.len = usize::MAX;
                break;
            }
            s.buf[s.len] = b;
            s.len += 1;
        }
        s
    }
}

impl std::ops::Deref for Small {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        if self.len == usize::MAX {
            &self.buf[..]
        } else {
            &self.buf[..self.len]
        }
    }
}

impl Small {
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        std::str::from_utf8(self).unwrap_or("")
    }
    fn full_len(&self) -> usize {
        self.len
    }
}

/// ASCII letters and digits of `s`, upper-cased: the normal form of most
/// identifiers (spacing, dashes and case carry no meaning).
pub fn alnum_upper(s: &str) -> Small {
    Small::collect(
        s.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_uppercase()),
    )
}

/// The ASCII digits of `s`, as numbers 0-9.
pub fn digits(s: &str) -> Small {
    Small::collect(s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0'))
}

fn all_same(d: &[u8]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

// ------------------------------------------------------------------- NINO

const NINO_NEVER: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];
/// Administrative prefixes (HMRC NIM39110): not NINOs, reported by
/// `uk_nino_admin` instead.
const NINO_ADMIN: &[&str] = &["OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ"];

fn uk_nino(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    // 9 characters, or 8 where a NINO column gives the number without its
    // suffix (the column regex allows that).
    if !(n.full_len() == 9 || n.full_len() == 8) {
        return Verdict::Invalid("wrong length");
    }
    let b = s.as_bytes();
    let prefix = &s[..2];
    if !b[..2].iter().all(u8::is_ascii_alphabetic) || !b[2..8].iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid("not two letters and six digits");
    }
    if s.len() == 9 && !matches!(b[8], b'A'..=b'D') {
        return Verdict::Invalid("suffix is not A-D");
    }
    if NINO_ADMIN.contains(&prefix) {
        return Verdict::Invalid("administrative prefix, not a NINO");
    }
    if NINO_NEVER.contains(&prefix) {
        return Verdict::Invalid("prefix never issued (BG GB KN NK NT TN ZZ)");
    }
    if b"DFIQUV".contains(&b[0]) || b"DFIQUVO".contains(&b[1]) {
        return Verdict::Invalid("letter never used in a NINO prefix");
    }
    Verdict::Valid
}

fn uk_nino_admin(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    if n.full_len() == 9 && NINO_ADMIN.contains(&&s[..2]) {
        Verdict::Weak("HMRC administrative reference, not a NINO")
    } else {
        Verdict::Invalid("not an administrative NINO prefix")
    }
}

// -------------------------------------------------------------------- VRM

/// Whether the current-format age identifier `n` (00-99) had been issued
/// on `today`. March marks carry the year (`26`), September marks year+50
/// (`76`); `51` (Sept 2001) was first, `01` never existed, `00` is Sept 2050.
pub fn vrm_age_issued(n: u32, today: Date) -> bool {
    let (year, month) = (i32::from(today.year()), i32::from(today.month()));
    let (issue_year, issue_month) = match n {
        0 => (2050, 9),
        1 => return false,
        2..=50 => (2000 + n as i32, 3),
        51..=99 => (2000 + n as i32 - 50, 9),
        _ => return false,
    };
    (year, month) >= (issue_year, issue_month)
}

fn uk_vrm(value: &str, today: Date) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    let b = s.as_bytes();
    // Current format: AB12CDE.
    if b.len() == 7
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphabetic)
    {
        if b[..2].iter().any(|c| b"IQZ".contains(c)) {
            return Verdict::Invalid("memory tag uses I, Q or Z");
        }
        if b[4..].iter().any(|c| b"IQ".contains(c)) {
            return Verdict::Invalid("random letters use I or Q");
        }
        let n = num(&s[2..4]).unwrap_or(1);
        if !vrm_age_issued(n, today) {
            return Verdict::Invalid("age identifier not issued by the as-of date");
        }
        return Verdict::Valid;
    }
    // Prefix (A123BCD), suffix (ABC123D), Northern Ireland and dateless
    // marks: the regexes encode the letter rules; nothing else to check.
    Verdict::Valid
}

// -------------------------------------------------------------------- NHS

/// The mod-11 check digit of the first nine digits, or None when the
/// remainder gives 10 (no valid number has those nine digits).
pub fn nhs_check_digit(d: &[u8]) -> Option<u8> {
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

fn nhs_number(value: &str) -> Verdict {
    let d = digits(value);
    if d.len() != 10 {
        return Verdict::Invalid("not 10 digits");
    }
    if all_same(&d) {
        return Verdict::Invalid("one digit repeated");
    }
    if nhs_check_digit(&d) != Some(d[9]) {
        return Verdict::ChecksumFailed("mod-11 check digit wrong");
    }
    if d[..3] == [9, 9, 9] {
        return Verdict::TestData("NHS test range 999 (never issued)");
    }
    Verdict::Valid
}

// --------------------------------------------------------------- postcode

/// The 124 postcode areas (121 UK + GY, JE, IM) plus BF (BFPO) and BX
/// (non-geographic), sorted (binary search). Royal Mail / ONS; see
/// patterns/SOURCES.md.
const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
    "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD",
    "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
    "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK",
    "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
    "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

fn uk_postcode(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    if s == "GIR0AA" {
        return Verdict::Weak("Girobank special postcode");
    }
    if s.starts_with("BFPO") {
        return Verdict::Valid;
    }
    if s.starts_with("ZZ99") {
        return Verdict::Weak("NHS pseudo-postcode (address unknown or overseas)");
    }
    let area = &s[..s.bytes().take_while(u8::is_ascii_alphabetic).count()];
    if s.len() < 5 || POSTCODE_AREAS.binary_search(&area).is_err() {
        return Verdict::Invalid("not a UK postcode area");
    }
    Verdict::Valid
}

// ------------------------------------------------------------------ phone

/// Ofcom drama ranges: national significant numbers (no trunk 0) that are
/// set aside for fiction. Only 07700 900xxx is confirmed in DOMAIN.md
/// (§3.11); the rest lower confidence only, never reject.
const DRAMA: &[&str] = &[
    "7700900", "1632960", "2079460", "1134960", "1144960", "1154960", "1164960", "1174960",
    "1184960", "1214960", "1314960", "1414960", "1514960", "1614960", "1914980", "2890180",
    "2920180", "3069990", "8081570", "9098790",
];

/// The national significant number (no trunk `0`, no `+44`) of a UK
/// phone number as written, or None when the text is not a UK form.
pub fn uk_phone_nsn(value: &str) -> Option<String> {
    phone_nsn(value).map(|n| n.as_str().to_string())
}

fn phone_nsn(value: &str) -> Option<Small> {
    let t = value.trim();
    let all = Small::collect(t.bytes().filter(u8::is_ascii_digit));
    let all: &[u8] = &all;
    let international = t.starts_with('+') || all.starts_with(b"0044");
    let rest = if international {
        let a = all.strip_prefix(b"00").unwrap_or(all);
        let a = a.strip_prefix(b"44")?;
        // "+44 (0)20 ..." writes the trunk zero in brackets.
        if t.contains("(0)") {
            a.strip_prefix(b"0")?
        } else {
            a
        }
    } else {
        all.strip_prefix(b"0")?
    };
    Some(Small::collect(rest.iter().copied()))
}

fn uk_phone(value: &str) -> Verdict {
    let Some(n) = phone_nsn(value) else {
        return Verdict::Invalid("not a UK number form");
    };
    let nsn = n.as_str();
    let b = nsn.as_bytes();
    let n = b.len();
    let ok = match b.first() {
        Some(b'1') => n == 9 || n == 10,
        Some(b'2') => n == 10,
        Some(b'3') => n == 10 && matches!(b[1], b'0' | b'3' | b'4' | b'7'),
        Some(b'5') => n == 10 && matches!(b[1], b'5' | b'6'),
        // 070 personal, 071-075/077-079 mobile, 076 pagers (07624 Isle of Man).
        Some(b'7') => n == 10,
        Some(b'8') => match b.get(1) {
            Some(b'0') => n == 9 || n == 10,
            Some(b'4') | Some(b'7') => n == 10,
            _ => false,
        },
        Some(b'9') => n == 10 && matches!(b[1], b'0' | b'1' | b'8'),
        _ => false,
    };
    if !ok {
        return Verdict::Invalid("not a number length/prefix in the Ofcom plan");
    }
    if DRAMA.iter().any(|p| nsn.starts_with(p)) {
        return Verdict::TestData("Ofcom drama range (fictional number)");
    }
    Verdict::Valid
}

// ------------------------------------------------------------------ email

fn email(value: &str) -> Verdict {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Verdict::Invalid("no @");
    };
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return Verdict::Invalid("part too long or empty");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Verdict::Invalid("misplaced dot in local part");
    }
    if domain.contains("..") || domain.starts_with('-') || !domain.contains('.') {
        return Verdict::Invalid("bad domain");
    }
    let tld = domain.rsplit('.').next().unwrap_or("");
    if tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Verdict::Invalid("bad top-level domain");
    }
    let is = |x: &str| domain.eq_ignore_ascii_case(x);
    let db = domain.as_bytes();
    let ends = db.len() >= 8 && db[db.len() - 8..].eq_ignore_ascii_case(b".example");
    if is("example.com") || is("example.org") || is("example.net") || ends {
        return Verdict::TestData("reserved example domain");
    }
    Verdict::Valid
}

// ------------------------------------------------------------------ dates

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_from_name(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.');
    if l.len() < 3 || l.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    for (d, b) in buf.iter_mut().zip(l.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    let l = std::str::from_utf8(&buf[..l.len()]).ok()?;
    // "sept" is a common UK abbreviation.
    let l = if l == "sept" { "sep" } else { l };
    MONTHS
        .iter()
        .position(|m| l.starts_with(m) && (l.len() == 3 || full_month(m).starts_with(l)))
        .map(|i| i as u32 + 1)
}

fn full_month(abbr: &str) -> &'static str {
    match abbr {
        "jan" => "january",
        "feb" => "february",
        "mar" => "march",
        "apr" => "april",
        "may" => "may",
        "jun" => "june",
        "jul" => "july",
        "aug" => "august",
        "sep" => "september",
        "oct" => "october",
        "nov" => "november",
        _ => "december",
    }
}

/// Parses the date forms found in UK records: `07/03/1984`, `7.3.84`,
/// `07-03-1984`, `1984-03-07`, `7 March 1984`, `7th Mar 1984`,
/// `07-Mar-1984`, `March 7, 1984`. Day-month order is UK; `us_order`
/// tries month-day instead for the numeric forms.
pub fn parse_uk_date(value: &str, today: Date, us_order: bool) -> Option<Date> {
    // Three parts, without allocating: this runs for every date cell.
    let mut parts = [""; 3];
    let mut n = 0;
    for p in value.split(['/', '.', '-', ' ', ',']) {
        if p.is_empty() || p.eq_ignore_ascii_case("of") || p.eq_ignore_ascii_case("the") {
            continue;
        }
        if n == 3 {
            return None;
        }
        parts[n] = p;
        n += 1;
    }
    if n != 3 {
        return None;
    }
    // "7th" -> "7".
    let strip = |p: &str| -> usize {
        let b = p.as_bytes();
        if b.len() > 2 {
            let (x, suf) = b.split_at(b.len() - 2);
            let ordinal = [b"st", b"nd", b"rd", b"th"]
                .iter()
                .any(|s| suf.eq_ignore_ascii_case(*s));
            if ordinal && x.iter().all(u8::is_ascii_digit) {
                return b.len() - 2;
            }
        }
        b.len()
    };
    let p0 = &parts[0][..strip(parts[0])];
    let p1 = &parts[1][..strip(parts[1])];
    let p2 = &parts[2][..strip(parts[2])];
    let is_num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d, ylen) = if is_num(p0) && p0.len() == 4 {
        // ISO order.
        (num(p0)?, month_num(p1)?, num(p2)?, 4)
    } else if !is_num(p0) {
        // "March 7, 1984"
        (num(p2)?, month_from_name(p0)?, num(p1)?, p2.len())
    } else if is_num(p1) {
        let (a, b) = (num(p0)?, num(p1)?);
        let (d, m) = if us_order { (b, a) } else { (a, b) };
        (num(p2)?, m, d, p2.len())
    } else {
        (num(p2)?, month_from_name(p1)?, num(p0)?, p2.len())
    };
    let make = |year: i32| -> Option<Date> {
        Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    };
    match ylen {
        4 => make(y as i32),
        2 => {
            // Two-digit years: the latest date not after today.
            let recent = make(2000 + y as i32)?;
            if recent > today {
                make(1900 + y as i32)
            } else {
                Some(recent)
            }
        }
        _ => None,
    }
}

fn month_num(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        num(s)
    } else {
        month_from_name(s)
    }
}

/// Age in whole years on `today` of someone born on `dob` (negative when
/// `dob` is in the future).
pub fn age_on(dob: Date, today: Date) -> i32 {
    let mut age = i32::from(today.year()) - i32::from(dob.year());
    if (today.month(), today.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    age
}

fn date_of_birth(value: &str, today: Date) -> Verdict {
    let plausible = |d: Date| d <= today && age_on(d, today) <= 120;
    match parse_uk_date(value, today, false) {
        Some(d) if plausible(d) => Verdict::Valid,
        Some(_) => Verdict::Invalid("implies an age outside 0-120"),
        None => match parse_uk_date(value, today, true) {
            Some(d) if plausible(d) => Verdict::Weak("month/day order (not UK order)"),
            _ => Verdict::Invalid("not a calendar date"),
        },
    }
}

// -------------------------------------------------------- driving licence

fn days_in_month_any_century(m: u32, yy: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // The century is not in the number: 29 Feb is possible whenever
        // either 19yy or 20yy is a leap year.
        _ => {
            if yy.is_multiple_of(4) {
                29
            } else {
                28
            }
        }
    }
}

fn uk_driving_licence(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    if n.full_len() != 16 && n.full_len() != 18 {
        return Verdict::Invalid("not 16 characters (plus optional issue number)");
    }
    let b = &s.as_bytes()[..16];
    let surname = &b[..5];
    let letters = surname
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if letters == 0 || !surname[letters..].iter().all(|&c| c == b'9') {
        return Verdict::Invalid("surname part is not letters padded with 9");
    }
    let dig = |i: usize| (b[i] as char).to_digit(10);
    let (Some(dec), Some(m1), Some(m2), Some(d1), Some(d2), Some(yd)) =
        (dig(5), dig(6), dig(7), dig(8), dig(9), dig(10))
    else {
        return Verdict::Invalid("birth date digits missing");
    };
    let mut month = m1 * 10 + m2;
    if month > 50 {
        month -= 50;
    }
    let day = d1 * 10 + d2;
    let yy = dec * 10 + yd;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month_any_century(month, yy) {
        return Verdict::Invalid("birth date part is not a calendar date");
    }
    if !b[11].is_ascii_alphabetic() || !(b[12].is_ascii_alphabetic() || b[12] == b'9') {
        return Verdict::Invalid("initials part malformed");
    }
    Verdict::Valid
}

// --------------------------------------------------------------- passport

fn uk_passport(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    let d = digits(s);
    match n.full_len() {
        9 if d.len() == 9 => {
            if all_same(&d) {
                Verdict::Invalid("one digit repeated")
            } else {
                Verdict::Valid
            }
        }
        7 if d.len() == 6 => Verdict::Weak("legacy 7-character passport number"),
        _ => Verdict::Invalid("not a UK passport number format"),
    }
}

// ------------------------------------------------------------------ cards

pub fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &x) in d.iter().rev().enumerate() {
        let mut v = u32::from(x);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !d.is_empty() && sum.is_multiple_of(10)
}

/// Issuer prefix ranges with their lengths (Visa, Mastercard, Amex,
/// Discover, Maestro, JCB, Diners, UnionPay).
fn card_issuer_ok(d: &[u8]) -> bool {
    let n = d.len();
    let p = |k: usize| d[..k].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    match d[0] {
        4 => matches!(n, 13 | 16 | 19),
        5 => {
            let p2 = p(2);
            (51..=55).contains(&p2) && n == 16
                || (p2 == 50 || (56..=59).contains(&p2)) && (12..=19).contains(&n)
        }
        2 => (2221..=2720).contains(&p(4)) && n == 16,
        3 => {
            let p2 = p(2);
            (p2 == 34 || p2 == 37) && n == 15
                || (3528..=3589).contains(&p(4)) && (16..=19).contains(&n)
                || ((300..=305).contains(&p(3)) || p2 == 36 || p2 == 38 || p2 == 39)
                    && (14..=19).contains(&n)
        }
        6 => (12..=19).contains(&n),
        _ => false,
    }
}

fn payment_card(value: &str) -> Verdict {
    let d = digits(value);
    if !(12..=19).contains(&d.len()) {
        return Verdict::Invalid("not 12-19 digits");
    }
    if all_same(&d) {
        return Verdict::Invalid("one digit repeated");
    }
    if !card_issuer_ok(&d) {
        return Verdict::Invalid("no known card issuer prefix for this length");
    }
    if !luhn(&d) {
        return Verdict::ChecksumFailed("Luhn check failed");
    }
    Verdict::Valid
}

// ------------------------------------------------------------------- bank

fn uk_sort_code(value: &str) -> Verdict {
    let d = digits(value);
    if d.len() != 6 || all_same(&d) {
        return Verdict::Invalid("not a sort code");
    }
    Verdict::Weak("format only: no Vocalink modulus data")
}

fn uk_bank_account(value: &str) -> Verdict {
    let d = digits(value);
    // Sort code + account together (14 digits), or an account alone (8).
    match d.len() {
        14 if !all_same(&d[..6]) && !all_same(&d[6..]) => {
            Verdict::Weak("format only: no Vocalink modulus data")
        }
        8 if !all_same(&d) => Verdict::Weak("format only: no Vocalink modulus data"),
        _ => Verdict::Invalid("not a sort code and account number"),
    }
}

/// ISO 13616 lengths for the countries common in UK records.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("GB", 22),
    ("IE", 22),
    ("GI", 23),
    ("DE", 22),
    ("FR", 27),
    ("ES", 24),
    ("IT", 27),
    ("NL", 18),
    ("BE", 16),
    ("PL", 28),
    ("PT", 25),
    ("CH", 21),
    ("AT", 20),
    ("LU", 20),
    ("DK", 18),
    ("SE", 24),
    ("NO", 15),
    ("FI", 18),
    ("LT", 20),
    ("LV", 21),
    ("RO", 24),
    ("GR", 27),
    ("CZ", 24),
    ("SK", 24),
    ("HU", 28),
    ("BG", 22),
    ("HR", 21),
    ("SI", 19),
    ("EE", 20),
    ("MT", 31),
    ("CY", 28),
];

fn iban_mod97(s: &str) -> bool {
    if s.len() < 5 {
        return false;
    }
    let rearranged = s[4..].bytes().chain(s[..4].bytes());
    let mut rem: u32 = 0;
    for b in rearranged {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn iban(value: &str) -> Verdict {
    let n = alnum_upper(value);
    let s = n.as_str();
    let Some(&(_, len)) = IBAN_LENGTHS.iter().find(|(c, _)| s.starts_with(c)) else {
        return Verdict::Invalid("country code not in the IBAN table");
    };
    if s.len() != len {
        return Verdict::Invalid("wrong length for the country");
    }
    if s == "GB82WEST12345698765432" {
        // The textbook example: checks out, but it is documentation.
        return Verdict::TestData("IBAN documentation example");
    }
    if !iban_mod97(s) {
        return Verdict::ChecksumFailed("mod-97 check failed");
    }
    Verdict::Valid
}

// --------------------------------------------------------------------- IP

fn ip_address(value: &str) -> Verdict {
    match value.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => {
            let o = a.octets();
            if a.is_unspecified() || a.is_broadcast() || a.is_loopback() {
                Verdict::TestData("loopback, broadcast or unspecified address")
            } else if matches!(
                (o[0], o[1], o[2]),
                (192, 0, 2) | (198, 51, 100) | (203, 0, 113)
            ) {
                Verdict::TestData("documentation range (RFC 5737)")
            } else if o.iter().all(|&x| x < 10) {
                Verdict::Doubtful("single-digit parts: may be a version or section number")
            } else {
                Verdict::Valid
            }
        }
        Ok(std::net::IpAddr::V6(a)) => {
            if a.is_loopback() || a.is_unspecified() {
                Verdict::TestData("loopback or unspecified address")
            } else if a.segments()[0] == 0x2001 && a.segments()[1] == 0xdb8 {
                Verdict::TestData("documentation range (RFC 3849)")
            } else {
                Verdict::Valid
            }
        }
        Err(_) => Verdict::Invalid("not an IP address"),
    }
}

// -------------------------------------------------------------- PNC / CRO

/// The mod-23 check letter table shared by PNC IDs, CRO numbers and
/// court case reference numbers (I, O and S are never used).
const MOD23: &[u8; 23] = b"ZABCDEFGHJKLMNPQRTUVWXY";

/// The check letter of the number `high` followed by `low` written in
/// `low_digits` digits (zero-padded).
fn mod23_parts(high: &str, low: &str, low_digits: u32) -> Option<u8> {
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(high) || !all_digits(low) {
        return None;
    }
    let h: u64 = high.parse().ok()?;
    let l: u64 = low.parse().ok()?;
    let n = h * 10u64.pow(low_digits) + l;
    Some(MOD23[(n % 23) as usize])
}

/// The check letter of a PNC ID with year `yy` (2 digits) and `serial`.
pub fn pnc_check_letter(yy: &str, serial: &str) -> Option<u8> {
    if serial.len() > 7 || yy.len() != 2 {
        return None;
    }
    mod23_parts(yy, serial, 7)
}

fn pnc_id(value: &str) -> Verdict {
    let s = value.trim();
    let Some((year, rest)) = s.split_once('/') else {
        return Verdict::Invalid("no slash");
    };
    let Some((&check, serial)) = rest.as_bytes().split_last() else {
        return Verdict::Invalid("empty serial");
    };
    let serial = std::str::from_utf8(serial).unwrap_or("");
    if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return Verdict::Invalid("serial is not digits");
    }
    let yy = match year.len() {
        // Display form YY/NNNNNNND: leading zeros of the serial are
        // suppressed, so `42/08X` is not a PNC ID (it reads as a CRO number).
        2 if serial.starts_with('0') => {
            return Verdict::Invalid("display form has no leading zeros");
        }
        2 => year,
        // Long form YYYY/NNNNNNND: a real year.
        4 if year.starts_with("19") || year.starts_with("20") => &year[2..],
        4 => return Verdict::Invalid("four-digit year is not 19xx or 20xx"),
        _ => return Verdict::Invalid("year is not 2 or 4 digits"),
    };
    match pnc_check_letter(yy, serial) {
        Some(c) if c == check.to_ascii_uppercase() => Verdict::Valid,
        Some(_) => Verdict::ChecksumFailed("mod-23 check letter wrong"),
        None => Verdict::Invalid("malformed"),
    }
}

fn cro_number(value: &str) -> Verdict {
    let s = value.trim();
    let Some((left, right)) = s.split_once('/') else {
        return Verdict::Invalid("no slash");
    };
    let Some((&check, middle)) = right.as_bytes().split_last() else {
        return Verdict::Invalid("empty");
    };
    let middle = std::str::from_utf8(middle).unwrap_or("");
    let expected = if let Some(yy) = left.strip_prefix("SF").or_else(|| left.strip_prefix("sf")) {
        // SF form: SFyy/serial + check, serial not padded.
        if yy.len() != 2 || middle.is_empty() || middle.len() > 6 {
            return Verdict::Invalid("malformed SF form");
        }
        mod23_parts(yy, middle, middle.len() as u32)
    } else {
        // Standard form: serial/yy + check, serial padded to 6.
        if middle.len() != 2 || left.is_empty() || left.len() > 6 {
            return Verdict::Invalid("malformed standard form");
        }
        mod23_parts(middle, left, 6)
    };
    match expected {
        Some(c) if c == check.to_ascii_uppercase() => Verdict::Valid,
        Some(_) => Verdict::ChecksumFailed("mod-23 check letter wrong"),
        None => Verdict::Invalid("not digits"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Validator as V;

    fn today() -> Date {
        jiff::civil::date(2026, 11, 23)
    }

    fn kind(v: Verdict) -> &'static str {
        match v {
            Verdict::Valid => "valid",
            Verdict::TestData(_) => "test",
            Verdict::Weak(_) => "weak",
            Verdict::Doubtful(_) => "doubtful",
            Verdict::ChecksumFailed(_) => "checksum",
            Verdict::Invalid(_) => "invalid",
        }
    }

    /// (validator, input, expected verdict kind). Sources: DOMAIN.md §3
    /// test vectors, then our own near-misses.
    const TABLE: &[(V, &str, &str)] = &[
        // NINO §3.2
        (V::UkNino, "AB 12 34 56 C", "valid"),
        (V::UkNino, "OA123456A", "valid"),
        (V::UkNino, "ab123456c", "valid"),
        (V::UkNino, "QQ123456C", "invalid"),
        (V::UkNino, "GB123456A", "invalid"),
        (V::UkNino, "AO123456A", "invalid"),
        (V::UkNino, "DA123456A", "invalid"),
        (V::UkNino, "AB123456E", "invalid"),
        (V::UkNino, "ZZ123456A", "invalid"),
        (V::UkNino, "NT123456A", "invalid"),
        (V::UkNino, "CR123456A", "invalid"),
        (V::UkNino, "AB 12 34 56", "valid"),
        (V::UkNinoAdmin, "OO 12 34 56 A", "weak"),
        (V::UkNinoAdmin, "FY123456B", "weak"),
        (V::UkNinoAdmin, "NC123456M", "weak"),
        (V::UkNinoAdmin, "PP999999P", "weak"),
        (V::UkNinoAdmin, "AB123456A", "invalid"),
        // VRM §3.3 (as of 2026-11-23: 26 and 76 issued, 27 and 77 not)
        (V::UkVrm, "AB12 CDE", "valid"),
        (V::UkVrm, "AB51 CDE", "valid"),
        (V::UkVrm, "AB26 CDE", "valid"),
        (V::UkVrm, "AB76 CDE", "valid"),
        (V::UkVrm, "AB27 CDE", "invalid"),
        (V::UkVrm, "AB77 CDE", "invalid"),
        (V::UkVrm, "AB01 CDE", "invalid"),
        (V::UkVrm, "AB00 CDE", "invalid"),
        (V::UkVrm, "AB51 AIB", "invalid"),
        (V::UkVrm, "A123 BCD", "valid"),
        (V::UkVrm, "ABC 123D", "valid"),
        // NHS §3.4
        (V::NhsNumber, "943 476 5919", "valid"),
        (V::NhsNumber, "943 476 5918", "checksum"),
        (V::NhsNumber, "401 023 2137", "valid"),
        (V::NhsNumber, "999 000 0018", "test"),
        (V::NhsNumber, "999 000 0026", "test"),
        (V::NhsNumber, "485 777 3456", "checksum"),
        (V::NhsNumber, "943-476-5870", "valid"),
        (V::NhsNumber, "9434765871", "checksum"),
        (V::NhsNumber, "0000000000", "invalid"),
        (V::NhsNumber, "1111111111", "invalid"),
        // Postcodes §3.10
        (V::UkPostcode, "SW1A 1AA", "valid"),
        (V::UkPostcode, "M1 1AE", "valid"),
        (V::UkPostcode, "B33 8TH", "valid"),
        (V::UkPostcode, "CR2 6XH", "valid"),
        (V::UkPostcode, "DN55 1PT", "valid"),
        (V::UkPostcode, "W1A 0AX", "valid"),
        (V::UkPostcode, "EC1A 1BB", "valid"),
        (V::UkPostcode, "GIR 0AA", "weak"),
        (V::UkPostcode, "BX9 1BX", "valid"),
        (V::UkPostcode, "ZZ99 3VZ", "weak"),
        (V::UkPostcode, "BFPO 801", "valid"),
        (V::UkPostcode, "FA1 1AA", "invalid"),
        // Phones §3.11
        (V::UkPhone, "07700 900461", "test"),
        (V::UkPhone, "01632 960123", "test"),
        (V::UkPhone, "020 7946 0123", "test"),
        (V::UkPhone, "07911 123456", "valid"),
        (V::UkPhone, "+44 7911 123456", "valid"),
        (V::UkPhone, "0044 7911 123456", "valid"),
        (V::UkPhone, "+44 (0)161 234 5678", "valid"),
        (V::UkPhone, "0161 234 5678", "valid"),
        (V::UkPhone, "0800 123456", "valid"),
        (V::UkPhone, "0845 123 4567", "valid"),
        (V::UkPhone, "0600 123 4567", "invalid"),
        (V::UkPhone, "020 1234 567", "invalid"),
        // Email
        (V::Email, "jane.doe@police.uk", "valid"),
        (V::Email, "a..b@police.uk", "invalid"),
        (V::Email, "someone@example.com", "test"),
        (V::Email, "a@ééééé.uk", "valid"),
        // Dates §3.14
        (V::DateOfBirth, "07/03/1984", "valid"),
        (V::DateOfBirth, "7.3.84", "valid"),
        (V::DateOfBirth, "7 March 1984", "valid"),
        (V::DateOfBirth, "7th Mar 1984", "valid"),
        (V::DateOfBirth, "1984-03-07", "valid"),
        (V::DateOfBirth, "07-Mar-1984", "valid"),
        (V::DateOfBirth, "March 7, 1984", "valid"),
        (V::DateOfBirth, "31/02/1984", "invalid"),
        (V::DateOfBirth, "03/25/1984", "weak"),
        (V::DateOfBirth, "01/01/1880", "invalid"),
        (V::DateOfBirth, "01/01/2030", "invalid"),
        (V::DateOfBirth, "23/11/2026", "valid"),
        // Driving licence §3.5
        (V::UkDrivingLicence, "MORGA753116SM9IJ", "valid"),
        (V::UkDrivingLicence, "MORGA753116SM9IJ 35", "valid"),
        (V::UkDrivingLicence, "LEE99802143J99AB", "valid"),
        (V::UkDrivingLicence, "MORGA613054SM9IJ", "invalid"),
        (V::UkDrivingLicence, "MORGA601324SM9IJ", "invalid"),
        (V::UkDrivingLicence, "MO9G9657054SM9IJ", "invalid"),
        (V::UkDrivingLicence, "99999657054SM9IJ", "invalid"),
        // Passport §3.6
        (V::UkPassport, "123456789", "valid"),
        (V::UkPassport, "A123456", "weak"),
        (V::UkPassport, "000000000", "invalid"),
        // Cards §3.12
        (V::PaymentCard, "4111 1111 1111 1111", "valid"),
        (V::PaymentCard, "4111 1111 1111 1112", "checksum"),
        (V::PaymentCard, "5500 0055 5555 5559", "valid"),
        (V::PaymentCard, "3782 822463 10005", "valid"),
        (V::PaymentCard, "9111 1111 1111 1111", "invalid"),
        (V::Luhn, "79927398713", "valid"),
        // IBAN §3.12
        (V::Iban, "GB82 WEST 1234 5698 7654 32", "test"),
        (V::Iban, "GB82 WEST 1234 5698 7654 33", "checksum"),
        (V::Iban, "GB29 NWBK 6016 1331 9268 19", "valid"),
        (V::Iban, "GB29NWBK60161331926819", "valid"),
        (V::Iban, "GB29NWBK6016133192681", "invalid"),
        // IP
        (V::IpAddress, "81.2.69.160", "valid"),
        (V::IpAddress, "127.0.0.1", "test"),
        (V::IpAddress, "2a00:1450:4009:81f::200e", "valid"),
        (V::IpAddress, "2001:db8::1", "test"),
        (V::IpAddress, "300.1.1.1", "invalid"),
        (V::IpAddress, "1.2.3.4", "doubtful"),
        (V::DateOfBirth, "7th of March 1984", "valid"),
        // PNC §3.7, CRO §3.8
        (V::PncId, "01/123456F", "valid"),
        (V::PncId, "2001/0123456F", "valid"),
        (V::PncId, "99/1234567B", "valid"),
        (V::PncId, "98/123456G", "valid"),
        (V::PncId, "98/123456A", "checksum"),
        (V::PncId, "2768/83Z", "invalid"),
        (V::PncId, "42/08X", "invalid"),
        (V::CroNumber, "012345/99N", "valid"),
        (V::CroNumber, "12345/99N", "valid"),
        (V::CroNumber, "SF05/482703J", "valid"),
        (V::CroNumber, "012345/99M", "checksum"),
        // Bank
        (V::UkSortCode, "20-00-00", "weak"),
        (V::UkSortCode, "00-00-00", "invalid"),
        (V::UkBankAccount, "20-00-00 12345678", "weak"),
    ];

    #[test]
    fn validator_table() {
        let ctx = ValidationContext::new(today());
        let mut failures = Vec::new();
        for &(v, input, want) in TABLE {
            let got = v.check(input, &ctx);
            if kind(got) != want {
                failures.push(format!("{v:?}({input:?}) = {got:?}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn postcode_areas_are_sorted_and_complete() {
        assert!(POSTCODE_AREAS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(POSTCODE_AREAS.len(), 124 + 2);
    }

    #[test]
    fn vrm_age_identifiers_follow_the_calendar() {
        let d = |y, m, dd| jiff::civil::date(y, m, dd);
        // 26 issued 1 March 2026; 76 on 1 September 2026.
        assert!(!vrm_age_issued(26, d(2026, 2, 28)));
        assert!(vrm_age_issued(26, d(2026, 3, 1)));
        assert!(!vrm_age_issued(76, d(2026, 8, 31)));
        assert!(vrm_age_issued(76, d(2026, 9, 1)));
        assert!(vrm_age_issued(51, d(2001, 9, 1)));
        assert!(!vrm_age_issued(1, d(2099, 1, 1)));
        assert!(!vrm_age_issued(0, d(2050, 8, 31)));
        assert!(vrm_age_issued(0, d(2050, 9, 1)));
    }

    #[test]
    fn pnc_check_letters_match_domain_vectors() {
        assert_eq!(pnc_check_letter("01", "123456"), Some(b'F'));
        assert_eq!(pnc_check_letter("99", "1234567"), Some(b'B'));
        assert_eq!(pnc_check_letter("98", "123456"), Some(b'G'));
    }

    #[test]
    fn two_digit_years_never_land_in_the_future() {
        let t = today();
        assert_eq!(
            parse_uk_date("7.3.84", t, false),
            Some(jiff::civil::date(1984, 3, 7))
        );
        assert_eq!(
            parse_uk_date("7.3.26", t, false),
            Some(jiff::civil::date(2026, 3, 7))
        );
        assert_eq!(
            parse_uk_date("7.3.27", t, false),
            Some(jiff::civil::date(1927, 3, 7))
        );
    }

    #[test]
    fn phone_nsn_forms_agree() {
        for s in [
            "07911 123456",
            "+44 7911 123456",
            "0044 7911 123456",
            "+44 (0)7911 123456",
        ] {
            assert_eq!(uk_phone_nsn(s).as_deref(), Some("7911123456"), "{s}");
        }
    }
}
