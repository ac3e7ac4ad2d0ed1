//! Normalised values: one written form per value, so that `AB 12 34 56 C`
//! found in a file and `ab123456c` typed by a disclosure officer hash the
//! same. Used for the index's findings (the `value_hash` column) and by a
//! subject search to look its identifiers up.

use crate::catalog::validators::alnum_upper;
use crate::names::fold;

/// The hash domain and normalised form of a finding of rule `rule`.
pub fn normalise(rule: &str, raw: &str) -> (&'static str, String) {
    let upper = || alnum_upper(raw).as_str().to_string();
    match rule {
        "uk_nino" => ("nino", nino(raw)),
        "uk_phone" => ("phone", phone(raw)),
        "email" => ("email", raw.trim().to_lowercase()),
        "uk_postcode" => ("postcode", upper()),
        "uk_vehicle_registration" => ("vrm", upper()),
        "uk_driving_licence" => ("driving_licence", upper().chars().take(13).collect()),
        "pnc_id" => ("pnc", upper()),
        "cro_number" => ("cro", upper()),
        "nhs_number" => ("nhs_number", upper()),
        "uk_passport" => ("uk_passport", upper()),
        "payment_card" => ("payment_card", upper()),
        "uk_bank_account" => ("uk_bank_account", upper()),
        "iban" => ("iban", upper()),
        "ip_address" => ("ip_address", raw.trim().to_lowercase()),
        "date_of_birth" => ("date", date(raw).unwrap_or_else(upper)),
        crate::catalog::PERSON_NAME => ("name", name_parts(raw).join(" ")),
        // Lexicon terms (health, offences ...) and anything else.
        _ => ("term", folded(raw)),
    }
}

/// A NI number without spaces and without its suffix letter.
pub fn nino(raw: &str) -> String {
    alnum_upper(raw).as_str().chars().take(8).collect()
}

/// A UK phone number as its national significant number (no 0, no 44).
pub fn phone(raw: &str) -> String {
    let d: String = raw.chars().filter(char::is_ascii_digit).collect();
    let d = d
        .strip_prefix("0044")
        .or_else(|| d.strip_prefix("44"))
        .unwrap_or(&d);
    d.strip_prefix('0').unwrap_or(d).to_string()
}

fn folded(raw: &str) -> String {
    let mut buf = Vec::new();
    fold(raw, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The words of a name, cleaned and folded as the index's word terms.
pub fn name_parts(raw: &str) -> Vec<String> {
    let mut buf = Vec::new();
    raw.split(|c: char| !crate::subject::find::is_word_char(c))
        .map(crate::subject::find::clean_word)
        .filter(|w| !w.is_empty())
        .map(|w| {
            fold(w, &mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
        .collect()
}

/// A date of birth as a date term (`7-3-84`), if it reads as one.
fn date(raw: &str) -> Option<String> {
    let mut t = super::terms::TermSet::default();
    let text = raw.trim().as_bytes();
    t.region(text, 0, text.len(), text.len());
    t.dates().into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_form_per_value() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("uk_nino", "ab 12 34 56 c", "nino", "AB123456"),
            ("uk_nino", "AB123456", "nino", "AB123456"),
            ("uk_phone", "+44 (0)7700 900123", "phone", "7700900123"),
            ("uk_phone", "07700 900123", "phone", "7700900123"),
            ("uk_phone", "0044 7700 900123", "phone", "7700900123"),
            (
                "email",
                "Bob.Smith@Example.com",
                "email",
                "bob.smith@example.com",
            ),
            ("uk_postcode", "b1 1aa", "postcode", "B11AA"),
            ("uk_vehicle_registration", "AB12 CDE", "vrm", "AB12CDE"),
            (
                "uk_driving_licence",
                "SMITH803074RJ9AB",
                "driving_licence",
                "SMITH803074RJ",
            ),
            ("date_of_birth", "07/03/1984", "date", "7-3-84"),
            ("date_of_birth", "7th March 1984", "date", "7-3-84"),
            ("person_name", "Robert O'Neill", "name", "robert oneill"),
            ("health", "Diabetes", "term", "diabetes"),
        ];
        for (rule, raw, domain, want) in cases {
            assert_eq!(
                normalise(rule, raw),
                (*domain, want.to_string()),
                "{rule} {raw}"
            );
        }
    }
}
