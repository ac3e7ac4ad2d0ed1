//! Notice taxonomies: the same categories in each force's own words.
//!
//! Category ids are stable across trawl; a notice maps them to the wording
//! of one privacy notice (`patterns/notices/`), so that summaries and
//! reports speak the force's language (`--notice staffordshire` reports
//! "Membership of extremist political parties", not "Political opinions"),
//! and marks the categories the notice does not list, so a report can flag
//! data the force holds but does not declare.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{CatalogError, Category};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeFile {
    notice: NoticeHead,
    labels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeHead {
    id: String,
    name: String,
    source: String,
    #[serde(default)]
    not_listed: Vec<String>,
}

/// A notice's wording for every category.
#[derive(Clone, Debug)]
pub struct Notice {
    pub id: String,
    pub name: String,
    pub source: String,
    /// Indexed by category.
    pub labels: Vec<String>,
    /// Indexed by category: the notice does not list it.
    pub not_listed: Vec<bool>,
}

impl Notice {
    /// Parses a notice file against `categories`; every category must have
    /// a label, and no label may name an unknown category.
    pub fn parse(file: &str, text: &str, categories: &[Category]) -> Result<Notice, CatalogError> {
        let err = |message: String| CatalogError::File {
            file: file.to_string(),
            message,
        };
        let n: NoticeFile =
            toml::from_str(text).map_err(|e| err(e.to_string().trim().replace('\n', " ")))?;
        for k in n.labels.keys().chain(&n.notice.not_listed) {
            if !categories.iter().any(|c| &c.id == k) {
                return Err(err(format!(
                    "unknown category '{k}' (see `trawl categories`)"
                )));
            }
        }
        let mut labels = Vec::new();
        for c in categories {
            match n.labels.get(&c.id) {
                Some(l) => labels.push(l.clone()),
                None => return Err(err(format!("no label for category '{}'", c.id))),
            }
        }
        Ok(Notice {
            id: n.notice.id,
            name: n.notice.name,
            source: n.notice.source,
            labels,
            not_listed: categories
                .iter()
                .map(|c| n.notice.not_listed.contains(&c.id))
                .collect(),
        })
    }
}
