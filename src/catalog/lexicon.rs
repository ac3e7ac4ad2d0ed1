//! Category lexicons: the words that reveal a notice category (health,
//! religion, offences, ...), as data.
//!
//! A lexicon is a rule whose "patterns" are literal terms. Plain terms are
//! reported wherever they occur as whole words; ambiguous ones sit in groups
//! with the context that decides them (`near`, `not_near`, the next or
//! previous word, exact capitals). DOMAIN.md §2.3's ambiguity rules are
//! written this way in `patterns/lexicons/`. All terms of all lexicons go
//! into the one keyword automaton the matcher already runs, so lexicons add
//! no pass over the text.

use serde::Deserialize;

use super::{Confidence, Examples};

/// `[[lexicon]]` as written in a pack file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LexiconSpec {
    pub id: String,
    pub description: String,
    pub categories: Vec<String>,
    pub confidence: Confidence,
    #[serde(default = "default_window")]
    pub window: usize,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub group: Vec<GroupSpec>,
    #[serde(default)]
    pub examples: Examples,
}

fn default_window() -> usize {
    64
}

/// `[[lexicon.group]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupSpec {
    pub terms: Vec<String>,
    #[serde(default)]
    pub near: Vec<String>,
    #[serde(default)]
    pub not_near: Vec<String>,
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub also: Vec<String>,
}

/// A compiled group of terms with the context that decides them. The
/// lexicon's plain `terms` are group 0, with no conditions.
#[derive(Clone, Debug)]
pub struct TermGroup {
    /// As written (lower case unless `case_sensitive`).
    pub terms: Vec<String>,
    /// At least one of these whole words within the window (lower case).
    pub near: Vec<String>,
    /// None of these within the window.
    pub not_near: Vec<String>,
    pub not_followed_by: Vec<String>,
    pub not_preceded_by: Vec<String>,
    pub case_sensitive: bool,
    pub confidence: Confidence,
    /// The lexicon's categories plus the group's `also` (indexes).
    pub categories: Vec<usize>,
}

impl TermGroup {
    /// Whether the group reports every occurrence of its terms.
    pub fn is_plain(&self) -> bool {
        self.near.is_empty()
            && self.not_near.is_empty()
            && self.not_followed_by.is_empty()
            && self.not_preceded_by.is_empty()
            && !self.case_sensitive
    }
}
