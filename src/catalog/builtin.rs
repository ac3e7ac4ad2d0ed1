//! The default pattern pack, embedded so that trawl runs from any
//! directory. Every file under `patterns/` that holds rules or categories is
//! listed here; a test fails if one is added without being listed.

/// The category taxonomy (also used alone by tests).
pub const CATEGORIES: &str = include_str!("../../patterns/categories.toml");

/// The name gazetteer (`patterns/names/`: see its README and SOURCES.md).
pub fn names() -> Option<crate::names::Gazetteer> {
    Some(crate::names::Gazetteer::parse(
        include_str!("../../patterns/names/forenames.tsv"),
        include_str!("../../patterns/names/surnames.tsv"),
        include_str!("../../patterns/names/ambiguous.txt"),
    ))
}

/// The notice taxonomies (`--notice NAME`), by id; the first is the default.
pub const NOTICES: &[(&str, &str)] = &[
    (
        "uk-police",
        include_str!("../../patterns/notices/uk-police.toml"),
    ),
    (
        "west-midlands-police",
        include_str!("../../patterns/notices/west-midlands-police.toml"),
    ),
    (
        "staffordshire",
        include_str!("../../patterns/notices/staffordshire.toml"),
    ),
    (
        "cambridgeshire",
        include_str!("../../patterns/notices/cambridgeshire.toml"),
    ),
    (
        "west-midlands-pcc",
        include_str!("../../patterns/notices/west-midlands-pcc.toml"),
    ),
];

/// (path under `patterns/`, contents), in load order.
pub const FILES: &[(&str, &str)] = &[
    ("categories.toml", CATEGORIES),
    (
        "identifiers/uk_nino.toml",
        include_str!("../../patterns/identifiers/uk_nino.toml"),
    ),
    (
        "identifiers/uk_vehicle_registration.toml",
        include_str!("../../patterns/identifiers/uk_vehicle_registration.toml"),
    ),
    (
        "identifiers/nhs_number.toml",
        include_str!("../../patterns/identifiers/nhs_number.toml"),
    ),
    (
        "identifiers/uk_postcode.toml",
        include_str!("../../patterns/identifiers/uk_postcode.toml"),
    ),
    (
        "identifiers/uk_phone.toml",
        include_str!("../../patterns/identifiers/uk_phone.toml"),
    ),
    (
        "identifiers/email.toml",
        include_str!("../../patterns/identifiers/email.toml"),
    ),
    (
        "identifiers/date_of_birth.toml",
        include_str!("../../patterns/identifiers/date_of_birth.toml"),
    ),
    (
        "identifiers/uk_driving_licence.toml",
        include_str!("../../patterns/identifiers/uk_driving_licence.toml"),
    ),
    (
        "identifiers/uk_passport.toml",
        include_str!("../../patterns/identifiers/uk_passport.toml"),
    ),
    (
        "identifiers/payment_card.toml",
        include_str!("../../patterns/identifiers/payment_card.toml"),
    ),
    (
        "identifiers/uk_bank_account.toml",
        include_str!("../../patterns/identifiers/uk_bank_account.toml"),
    ),
    (
        "identifiers/iban.toml",
        include_str!("../../patterns/identifiers/iban.toml"),
    ),
    (
        "identifiers/ip_address.toml",
        include_str!("../../patterns/identifiers/ip_address.toml"),
    ),
    (
        "identifiers/pnc_cro.toml",
        include_str!("../../patterns/identifiers/pnc_cro.toml"),
    ),
    (
        "codes/police_codes.toml",
        include_str!("../../patterns/codes/police_codes.toml"),
    ),
    (
        "lexicons/complaints_incidents.toml",
        include_str!("../../patterns/lexicons/complaints_incidents.toml"),
    ),
    (
        "lexicons/criminal_intelligence.toml",
        include_str!("../../patterns/lexicons/criminal_intelligence.toml"),
    ),
    (
        "lexicons/criminal_proceedings.toml",
        include_str!("../../patterns/lexicons/criminal_proceedings.toml"),
    ),
    (
        "lexicons/education_training.toml",
        include_str!("../../patterns/lexicons/education_training.toml"),
    ),
    (
        "lexicons/employment.toml",
        include_str!("../../patterns/lexicons/employment.toml"),
    ),
    (
        "lexicons/family_lifestyle_social.toml",
        include_str!("../../patterns/lexicons/family_lifestyle_social.toml"),
    ),
    (
        "lexicons/financial.toml",
        include_str!("../../patterns/lexicons/financial.toml"),
    ),
    (
        "lexicons/goods_services.toml",
        include_str!("../../patterns/lexicons/goods_services.toml"),
    ),
    (
        "lexicons/health.toml",
        include_str!("../../patterns/lexicons/health.toml"),
    ),
    (
        "lexicons/health_safety.toml",
        include_str!("../../patterns/lexicons/health_safety.toml"),
    ),
    (
        "lexicons/licences_permits.toml",
        include_str!("../../patterns/lexicons/licences_permits.toml"),
    ),
    (
        "lexicons/manual_records_references.toml",
        include_str!("../../patterns/lexicons/manual_records_references.toml"),
    ),
    (
        "lexicons/offences.toml",
        include_str!("../../patterns/lexicons/offences.toml"),
    ),
    (
        "lexicons/personal_details.toml",
        include_str!("../../patterns/lexicons/personal_details.toml"),
    ),
    (
        "lexicons/physical_identifiers.toml",
        include_str!("../../patterns/lexicons/physical_identifiers.toml"),
    ),
    (
        "lexicons/political_opinions.toml",
        include_str!("../../patterns/lexicons/political_opinions.toml"),
    ),
    (
        "lexicons/racial_ethnic_origin.toml",
        include_str!("../../patterns/lexicons/racial_ethnic_origin.toml"),
    ),
    (
        "lexicons/religious_beliefs.toml",
        include_str!("../../patterns/lexicons/religious_beliefs.toml"),
    ),
    (
        "lexicons/sexual_life.toml",
        include_str!("../../patterns/lexicons/sexual_life.toml"),
    ),
    (
        "lexicons/sound_visual_images.toml",
        include_str!("../../patterns/lexicons/sound_visual_images.toml"),
    ),
    (
        "lexicons/trade_union.toml",
        include_str!("../../patterns/lexicons/trade_union.toml"),
    ),
];

#[cfg(test)]
mod tests {
    use super::FILES;

    #[test]
    fn every_pattern_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "toml") {
                    let rel = p
                        .strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    if !rel.starts_with("notices/") {
                        on_disk.push(rel);
                    }
                }
            }
        }
        for f in &on_disk {
            assert!(
                FILES.iter().any(|(n, _)| n == f),
                "patterns/{f} is not listed in src/catalog/builtin.rs"
            );
        }
        let notices = std::fs::read_dir(root.join("notices")).unwrap().count();
        assert_eq!(
            notices,
            super::NOTICES.len(),
            "patterns/notices/ and NOTICES differ"
        );
    }
}
