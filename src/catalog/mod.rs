//! The catalogue: detection rules and the category taxonomy, loaded from
//! data.
//!
//! Rules are data, not code, so that a force can add its own crime
//! reference format without a rebuild (`--patterns DIR`) and so that each
//! rule sits next to its own examples. The default pack in `patterns/` is
//! embedded in the binary ([`builtin`]) so trawl runs from any directory.
//!
//! Loading checks everything a user could get wrong and names the file and
//! rule id in the error: unknown keys, unknown categories or validators,
//! regexes that do not compile, regexes that can match unbounded text
//! (large files are scanned in chunks, so every match must have a known
//! maximum length), and rules that require context but list no keywords.

pub mod builtin;
pub mod lexicon;
pub mod notice;
pub mod validators;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use regex_automata::meta;
use regex_automata::util::syntax;
use serde::Deserialize;

pub use lexicon::TermGroup;
pub use notice::Notice;
pub use validators::{ValidationContext, Validator, Verdict};

/// The rule ids the output contract promises (issue 2); user packs add
/// more.
pub const CONTRACT_RULES: &[&str] = &[
    "uk_nino",
    "uk_vehicle_registration",
    "nhs_number",
    "uk_postcode",
    "uk_phone",
    "email",
    "date_of_birth",
    "uk_driving_licence",
    "uk_passport",
    "payment_card",
    "uk_bank_account",
    "iban",
    "ip_address",
    "pnc_id",
    "cro_number",
];

/// The longest text any pattern may match. Chunked reading of large files
/// relies on it: chunks overlap by more than this plus the widest context
/// window, so a match across a chunk boundary is still seen whole.
pub const MAX_MATCH_LEN: usize = 512;
/// The widest keyword window a rule may ask for, in bytes either side.
pub const MAX_WINDOW: usize = 1024;

/// How sure trawl is that a finding is what the rule says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a pattern may fire on its own or only near a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContextNeed {
    /// The pattern runs over all text; a keyword raises confidence.
    #[default]
    Optional,
    /// The pattern runs only in windows around the rule's keywords (and in
    /// columns whose header names the rule): too noisy alone.
    Required,
}

/// One category of personal data as the privacy notices list it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable snake_case id used in every output.
    pub id: String,
    /// The default (uk-police) wording.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// UK GDPR Art 9 / DPA 2018 s.35(8) special category.
    #[serde(default)]
    pub special_category: bool,
    /// UK GDPR Art 10 / DPA 2018 s.11(2) criminal offence data.
    #[serde(default)]
    pub criminal_offence: bool,
}

/// One regex of a rule, compiled.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub source: String,
    pub regex: meta::Regex,
    pub context: ContextNeed,
    pub confidence: Confidence,
    pub validator: Validator,
    /// Keyword window for this pattern (default: the rule's).
    pub window: usize,
    /// Context-required patterns only: the match must follow its keyword
    /// (`VRM: A1`), not merely be near it.
    pub after_keyword: bool,
}

/// A detection rule, compiled and checked.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub description: String,
    /// Indexes into [`Catalog::categories`].
    pub categories: Vec<usize>,
    pub special_category: bool,
    pub criminal_offence: bool,
    /// Lower-case context keywords, matched as whole words.
    pub keywords: Vec<String>,
    /// Lower-case column headers (besides the keywords) that say a column
    /// holds this identifier.
    pub columns: Vec<String>,
    /// Bytes either side of a match searched for keywords.
    pub window: usize,
    /// Confidence given when a keyword or column header supports a hit of
    /// an optional-context pattern.
    pub context_confidence: Confidence,
    pub patterns: Vec<Pattern>,
    /// Applied to whole cells of columns whose header names this rule: a
    /// header decides what a value is where the text alone would not.
    pub column_regex: Option<meta::Regex>,
    pub column_regex_source: Option<String>,
    pub examples: Examples,
    /// Where the rule was defined (a file path, or `builtin:` + file).
    pub origin: String,
    /// Characters that must not come just before the match (ASCII `\b`
    /// sees a boundary between `.` and a letter, but `a..b@x.uk` is not an
    /// address).
    pub not_preceded_by: Vec<u8>,
    /// Reject a match that is only part of a longer grouped number
    /// (`1234 5678 9012 3456` is not a card number ending `5678 ...`).
    pub isolated_digits: bool,
    /// Which family the rule belongs to (`--rules identifiers,lexicons`).
    pub family: Family,
    /// For lexicon rules: the term groups (group 0 holds the plain terms).
    pub term_groups: Vec<TermGroup>,
}

/// Rule families, selectable together with `--rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Regex identifiers with validators (patterns/identifiers, codes).
    Identifiers,
    /// Category vocabulary (patterns/lexicons).
    Lexicons,
    /// Person names.
    Names,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Identifiers => "identifiers",
            Family::Lexicons => "lexicons",
            Family::Names => "names",
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts in which the rule must find something. `«` and `»` mark the
    /// exact expected span; without them the whole text is the match.
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
    /// Near misses in which the rule must find nothing.
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// All rules and categories in force for a run.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub categories: Vec<Category>,
    pub rules: Vec<Rule>,
    /// Whose words the categories are reported in (`--notice`).
    pub notice: Notice,
    /// The name gazetteer, when the `person_name` rule is in force.
    pub names: Option<std::sync::Arc<crate::names::Gazetteer>>,
}

/// The rule id of person names.
pub const PERSON_NAME: &str = "person_name";

/// Words that, just before a name, say it is one (DOMAIN.md §5, issue 3):
/// labels and roles. Lower case, matched as whole words.
const NAME_LABELS: &[&str] = &[
    "name",
    "names",
    "full name",
    "surname",
    "surnames",
    "forename",
    "forenames",
    "forename(s)",
    "first name",
    "last name",
    "given name",
    "family name",
    "maiden name",
    "aka",
    "a.k.a",
    "also known as",
    "alias",
    "suspect",
    "victim",
    "witness",
    "officer",
    "complainant",
    "informant",
    "offender",
    "detainee",
    "subject",
    "nominal",
    "employee",
    "patient",
    "driver",
    "passenger",
    "defendant",
    "accused",
    "prisoner",
    "claimant",
    "caller",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "partner",
    "brother",
    "sister",
    "neighbour",
    "friend",
    "dear",
    "from",
    "to",
    "cc",
    "signed",
    "author",
    "contact",
    "applicant",
    "staff member",
];

/// A problem in a pattern file: always names the file, and the rule where
/// there is one.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{file}: rule '{rule}': {message}")]
    Rule {
        file: String,
        rule: String,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    category: Vec<Category>,
    #[serde(default)]
    rule: Vec<RuleSpec>,
    #[serde(default)]
    lexicon: Vec<lexicon::LexiconSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    description: String,
    categories: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default = "default_window")]
    window: usize,
    confidence: Confidence,
    #[serde(default = "default_context_confidence")]
    context_confidence: Confidence,
    #[serde(default = "default_validator")]
    validator: Validator,
    #[serde(default)]
    context: ContextNeed,
    regex: Option<String>,
    #[serde(default)]
    pattern: Vec<PatternSpec>,
    column_regex: Option<String>,
    #[serde(default)]
    not_preceded_by: String,
    #[serde(default)]
    isolated_digits: bool,
    /// `identifiers` (default) or `lexicons` (codes that reveal a category).
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    examples: Examples,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSpec {
    regex: String,
    context: Option<ContextNeed>,
    confidence: Option<Confidence>,
    validator: Option<Validator>,
    window: Option<usize>,
    #[serde(default)]
    after_keyword: bool,
}

fn default_window() -> usize {
    64
}
fn default_context_confidence() -> Confidence {
    Confidence::High
}
fn default_validator() -> Validator {
    Validator::None
}

/// Compiles a rule regex the way every trawl pattern is compiled: over
/// bytes, with ASCII `\b`, `\w` and `\d`. DEPENDENCIES.md §A11: Unicode word
/// boundaries make the lazy DFA give up on non-ASCII text (1 MiB/s against
/// 600 MiB/s); a pattern that needs Unicode can still say `(?u:...)`.
pub fn compile_regex(src: &str) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build(src)
        .map_err(|e| e.to_string())
}

/// Compiles several patterns into one multi-pattern regex (same syntax as
/// [`compile_regex`]).
pub fn compile_many(srcs: &[&str]) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        // Identifier shapes start with almost any letter or digit, so a
        // first-byte prefilter finds a candidate at nearly every word and
        // costs more than it saves (measured on dense records).
        .configure(meta::Config::new().auto_prefilter(false))
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build_many(srcs)
        .map_err(|e| e.to_string())
}

/// The longest text `src` can match, if bounded.
fn max_match_len(src: &str) -> Result<Option<usize>, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(src)
        .map_err(|e| e.to_string())?;
    Ok(hir.properties().maximum_len())
}

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.as_bytes()[0].is_ascii_lowercase()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl Catalog {
    /// The default pack embedded in the binary.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let mut loader = Loader::default();
        for (name, text) in builtin::FILES {
            loader.add_str(&format!("builtin:patterns/{name}"), text)?;
        }
        loader.finish()
    }

    /// The default pack plus every `*.toml` file under each directory (or
    /// each file) in `extra`.
    pub fn load(extra: &[PathBuf]) -> Result<Catalog, CatalogError> {
        let mut loader = Loader::default();
        for (name, text) in builtin::FILES {
            loader.add_str(&format!("builtin:patterns/{name}"), text)?;
        }
        for p in extra {
            for file in pack_files(p)? {
                let text = std::fs::read_to_string(&file).map_err(|e| CatalogError::File {
                    file: file.display().to_string(),
                    message: e.to_string(),
                })?;
                loader.add_str(&file.display().to_string(), &text)?;
            }
        }
        loader.finish()
    }

    /// Uses the wording of notice `name` (a builtin id, or a TOML file in
    /// the format of `patterns/notices/`).
    pub fn set_notice(&mut self, name: &str) -> Result<(), CatalogError> {
        if let Some((id, text)) = builtin::NOTICES.iter().find(|(id, _)| *id == name) {
            self.notice = Notice::parse(
                &format!("builtin:patterns/notices/{id}.toml"),
                text,
                &self.categories,
            )?;
            return Ok(());
        }
        let path = Path::new(name);
        if path.is_file() {
            let text = std::fs::read_to_string(path).map_err(|e| CatalogError::File {
                file: name.to_string(),
                message: e.to_string(),
            })?;
            self.notice = Notice::parse(name, &text, &self.categories)?;
            return Ok(());
        }
        Err(CatalogError::File {
            file: name.to_string(),
            message: format!(
                "no such notice: use one of {} or a notice TOML file",
                builtin::NOTICES
                    .iter()
                    .map(|(i, _)| *i)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }

    /// The label of category `c` in the notice in force.
    pub fn label(&self, c: usize) -> &str {
        &self.notice.labels[c]
    }

    pub fn category(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// Keeps only the rules named in `ids` (all when empty): rule ids, or
    /// the family names `identifiers`, `lexicons` and `names`. Unknown
    /// names are an error naming them.
    pub fn select(&mut self, ids: &[String]) -> Result<(), String> {
        if ids.is_empty() {
            return Ok(());
        }
        let families = [Family::Identifiers, Family::Lexicons, Family::Names];
        let unknown: Vec<&String> = ids
            .iter()
            .filter(|i| {
                self.rule(i).is_none() && !families.iter().any(|f| f.as_str() == i.as_str())
            })
            .collect();
        if !unknown.is_empty() {
            return Err(format!(
                "unknown rule id(s) or family: {} (see `trawl rules`; families: identifiers, lexicons, names)",
                unknown
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        self.rules
            .retain(|r| ids.iter().any(|i| *i == r.id || i == r.family.as_str()));
        if self.rule(PERSON_NAME).is_none() {
            self.names = None;
        }
        Ok(())
    }

    /// A stable fingerprint of the rules in force (ids, regexes, keywords,
    /// validators), for the run record: two runs with the same hash used
    /// the same pack.
    pub fn fingerprint(&self) -> String {
        // FNV-1a 64: stable across builds and platforms, unlike std's
        // hasher; this is an identity check, not a security boundary.
        let mut h: u64 = 0xcbf29ce484222325;
        let mut eat = |s: &str| {
            for b in s.bytes().chain(std::iter::once(0xff)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x100000001b3);
            }
        };
        for c in &self.categories {
            eat(&c.id);
        }
        for r in &self.rules {
            eat(&r.id);
            for p in &r.patterns {
                eat(&p.source);
                eat(&format!(
                    "{:?}{:?}{:?}{}{}",
                    p.context, p.confidence, p.validator, p.window, p.after_keyword
                ));
            }
            for k in &r.keywords {
                eat(k);
            }
            eat(&r.window.to_string());
            for &c in &r.categories {
                eat(&self.categories[c].id);
            }
            for c in &r.columns {
                eat(c);
            }
            eat(r.column_regex_source.as_deref().unwrap_or(""));
            eat(r.context_confidence.as_str());
            for g in &r.term_groups {
                for t in g
                    .terms
                    .iter()
                    .chain(&g.near)
                    .chain(&g.not_near)
                    .chain(&g.not_followed_by)
                    .chain(&g.not_preceded_by)
                {
                    eat(t);
                }
                eat(&format!(
                    "{}{:?}{:?}",
                    g.case_sensitive, g.confidence, g.categories
                ));
            }
            eat(&String::from_utf8_lossy(&r.not_preceded_by));
            eat(if r.isolated_digits { "i" } else { "-" });
        }
        format!("{h:016x}")
    }
}

fn pack_files(p: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    let meta = std::fs::metadata(p).map_err(|e| CatalogError::File {
        file: p.display().to_string(),
        message: e.to_string(),
    })?;
    if meta.is_file() {
        return Ok(vec![p.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in walkdir_sorted(p) {
        if entry.extension().is_some_and(|e| e == "toml") {
            out.push(entry);
        }
    }
    if out.is_empty() {
        return Err(CatalogError::File {
            file: p.display().to_string(),
            message: "no .toml pattern files found".into(),
        });
    }
    Ok(out)
}

fn walkdir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[derive(Default)]
struct Loader {
    categories: Vec<Category>,
    specs: Vec<(String, RuleSpec)>,
    lexicons: Vec<(String, lexicon::LexiconSpec)>,
}

impl Loader {
    fn add_str(&mut self, file: &str, text: &str) -> Result<(), CatalogError> {
        let pack: PackFile = toml::from_str(text).map_err(|e| CatalogError::File {
            file: file.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        for c in pack.category {
            if !is_snake_case(&c.id) {
                return Err(CatalogError::File {
                    file: file.into(),
                    message: format!("category id '{}' is not snake_case", c.id),
                });
            }
            if self.categories.iter().any(|x| x.id == c.id) {
                return Err(CatalogError::File {
                    file: file.into(),
                    message: format!("category '{}' is defined twice", c.id),
                });
            }
            self.categories.push(c);
        }
        for r in pack.rule {
            self.specs.push((file.to_string(), r));
        }
        for l in pack.lexicon {
            self.lexicons.push((file.to_string(), l));
        }
        Ok(())
    }

    fn finish(self) -> Result<Catalog, CatalogError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut seen = HashSet::new();
        for (file, spec) in self.specs {
            let err = |message: String| CatalogError::Rule {
                file: file.clone(),
                rule: spec.id.clone(),
                message,
            };
            if !is_snake_case(&spec.id) {
                return Err(err("rule id must be snake_case (a-z, 0-9, _)".into()));
            }
            if !seen.insert(spec.id.clone()) {
                return Err(err("rule id is defined twice".into()));
            }
            if spec.categories.is_empty() {
                return Err(err("no categories: every rule maps to at least one".into()));
            }
            let mut categories = Vec::new();
            for c in &spec.categories {
                match self.categories.iter().position(|x| &x.id == c) {
                    Some(i) => categories.push(i),
                    None => {
                        return Err(err(format!(
                            "unknown category '{c}' (see `trawl categories`)"
                        )));
                    }
                }
            }
            if spec.window > MAX_WINDOW {
                return Err(err(format!("window {} exceeds {MAX_WINDOW}", spec.window)));
            }
            let mut specs: Vec<PatternSpec> = spec.pattern;
            if let Some(r) = spec.regex {
                specs.insert(
                    0,
                    PatternSpec {
                        regex: r,
                        context: None,
                        confidence: None,
                        validator: None,
                        window: None,
                        after_keyword: false,
                    },
                );
            }
            if specs.is_empty() {
                return Err(err("no regex: give `regex` or [[rule.pattern]]".into()));
            }
            let keywords: Vec<String> = spec.keywords.iter().map(|k| k.to_lowercase()).collect();
            if keywords.iter().any(|k| k.trim().is_empty()) {
                return Err(err("empty keyword".into()));
            }
            let columns: Vec<String> = spec.columns.iter().map(|k| k.to_lowercase()).collect();
            let mut patterns = Vec::new();
            for (i, p) in specs.into_iter().enumerate() {
                let perr = |m: String| err(format!("pattern {}: {m}", i + 1));
                let regex = compile_regex(&p.regex).map_err(|e| perr(format!("regex: {e}")))?;
                match max_match_len(&p.regex).map_err(|e| perr(format!("regex: {e}")))? {
                    Some(n) if n <= MAX_MATCH_LEN => {}
                    Some(n) => {
                        return Err(perr(format!(
                            "regex can match {n} bytes; the limit is {MAX_MATCH_LEN}"
                        )));
                    }
                    None => {
                        return Err(perr(
                            "regex can match unbounded text (use bounded repeats such as {1,64} instead of + or *)"
                                .into(),
                        ));
                    }
                }
                if regex.is_match(b"") {
                    return Err(perr("regex matches the empty string".into()));
                }
                let context = p.context.unwrap_or(spec.context);
                if context == ContextNeed::Required && keywords.is_empty() && columns.is_empty() {
                    return Err(perr(
                        "context is required but the rule has no keywords".into(),
                    ));
                }
                if p.after_keyword && context != ContextNeed::Required {
                    return Err(perr(
                        "after_keyword applies only to context = \"required\" patterns".into(),
                    ));
                }
                let window = p.window.unwrap_or(spec.window);
                if window > MAX_WINDOW {
                    return Err(perr(format!("window {window} exceeds {MAX_WINDOW}")));
                }
                patterns.push(Pattern {
                    source: p.regex,
                    regex,
                    context,
                    confidence: p.confidence.unwrap_or(spec.confidence),
                    validator: p.validator.unwrap_or(spec.validator),
                    window,
                    after_keyword: p.after_keyword,
                });
            }
            let column_regex = match &spec.column_regex {
                Some(r) => Some(compile_regex(r).map_err(|e| err(format!("column_regex: {e}")))?),
                None => None,
            };
            let special_category = categories
                .iter()
                .any(|&c| self.categories[c].special_category);
            let family = match spec.family.as_deref() {
                None | Some("identifiers") => Family::Identifiers,
                Some("lexicons") => Family::Lexicons,
                Some(other) => {
                    return Err(err(format!("family '{other}': identifiers or lexicons")));
                }
            };
            let criminal_offence = categories
                .iter()
                .any(|&c| self.categories[c].criminal_offence);
            rules.push(Rule {
                id: spec.id,
                description: spec.description,
                categories,
                special_category,
                criminal_offence,
                keywords,
                columns,
                window: spec.window,
                context_confidence: spec.context_confidence,
                patterns,
                column_regex,
                column_regex_source: spec.column_regex.clone(),
                examples: spec.examples,
                origin: file,
                not_preceded_by: spec.not_preceded_by.into_bytes(),
                isolated_digits: spec.isolated_digits,
                family,
                term_groups: Vec::new(),
            });
        }
        for (file, spec) in self.lexicons {
            let err = |message: String| CatalogError::Rule {
                file: file.clone(),
                rule: spec.id.clone(),
                message,
            };
            if !is_snake_case(&spec.id) {
                return Err(err("lexicon id must be snake_case (a-z, 0-9, _)".into()));
            }
            if !seen.insert(spec.id.clone()) {
                return Err(err("id is defined twice".into()));
            }
            if spec.window > 256 {
                return Err(err(format!("window {} exceeds 256", spec.window)));
            }
            let cat = |c: &String| -> Result<usize, CatalogError> {
                self.categories
                    .iter()
                    .position(|x| &x.id == c)
                    .ok_or_else(|| err(format!("unknown category '{c}' (see `trawl categories`)")))
            };
            let categories = spec
                .categories
                .iter()
                .map(cat)
                .collect::<Result<Vec<_>, _>>()?;
            if categories.is_empty() {
                return Err(err("no categories".into()));
            }
            let lower = |v: &[String]| -> Vec<String> {
                v.iter().map(|w| w.trim().to_lowercase()).collect()
            };
            let check_terms = |terms: &[String],
                               case_sensitive: bool|
             -> Result<(), CatalogError> {
                for t in terms {
                    if t.trim().is_empty() || t.len() > 128 {
                        return Err(err(format!("term {t:?} is empty or longer than 128 bytes")));
                    }
                    if !case_sensitive && t.chars().any(char::is_uppercase) {
                        return Err(err(format!(
                            "term {t:?} has capitals: write it in lower case, or put it in a case_sensitive group"
                        )));
                    }
                }
                Ok(())
            };
            check_terms(&spec.terms, false)?;
            let mut term_groups = vec![TermGroup {
                terms: spec.terms.clone(),
                near: Vec::new(),
                not_near: Vec::new(),
                not_followed_by: Vec::new(),
                not_preceded_by: Vec::new(),
                case_sensitive: false,
                confidence: spec.confidence,
                categories: categories.clone(),
            }];
            for g in &spec.group {
                check_terms(&g.terms, g.case_sensitive)?;
                if g.terms.is_empty() {
                    return Err(err("a group with no terms".into()));
                }
                let mut cats = categories.clone();
                for c in &g.also {
                    let i = cat(c)?;
                    if !cats.contains(&i) {
                        cats.push(i);
                    }
                }
                term_groups.push(TermGroup {
                    terms: if g.case_sensitive {
                        g.terms.clone()
                    } else {
                        lower(&g.terms)
                    },
                    near: lower(&g.near),
                    not_near: lower(&g.not_near),
                    not_followed_by: lower(&g.not_followed_by),
                    not_preceded_by: lower(&g.not_preceded_by),
                    case_sensitive: g.case_sensitive,
                    confidence: g.confidence.unwrap_or(spec.confidence),
                    categories: cats,
                });
            }
            if term_groups.iter().all(|g| g.terms.is_empty()) {
                return Err(err("no terms".into()));
            }
            // `near` and `not_near` words are found by the keyword pass.
            let mut keywords: Vec<String> = Vec::new();
            for g in &term_groups {
                for w in g.near.iter().chain(&g.not_near) {
                    if !keywords.contains(w) {
                        keywords.push(w.clone());
                    }
                }
            }
            let special_category = categories
                .iter()
                .any(|&c| self.categories[c].special_category);
            let criminal_offence = categories
                .iter()
                .any(|&c| self.categories[c].criminal_offence);
            rules.push(Rule {
                id: spec.id,
                description: spec.description,
                categories,
                special_category,
                criminal_offence,
                keywords,
                columns: Vec::new(),
                window: spec.window,
                context_confidence: spec.confidence,
                patterns: Vec::new(),
                column_regex: None,
                column_regex_source: None,
                examples: spec.examples,
                origin: file,
                not_preceded_by: Vec::new(),
                isolated_digits: false,
                family: Family::Lexicons,
                term_groups,
            });
        }
        let (name, text) = builtin::NOTICES[0];
        let notice = Notice::parse(
            &format!("builtin:patterns/notices/{name}.toml"),
            text,
            &self.categories,
        )?;
        let names = builtin::names().map(std::sync::Arc::new);
        if names.is_some()
            && let Some(pd) = self
                .categories
                .iter()
                .position(|c| c.id == "personal_details")
        {
            rules.push(Rule {
                id: PERSON_NAME.into(),
                description: "Person name: forename and surname forms, initials, titles and ranks (gazetteer in patterns/names/)".into(),
                categories: vec![pd],
                special_category: false,
                criminal_offence: false,
                keywords: NAME_LABELS.iter().map(|s| s.to_string()).collect(),
                columns: Vec::new(),
                window: 24,
                context_confidence: Confidence::High,
                patterns: Vec::new(),
                column_regex: None,
                column_regex_source: None,
                examples: Examples {
                    matches: vec![
                        "Suspect «John Smith» was seen".into(),
                        "«SMITH, John Paul» arrested".into(),
                        "«Mr Black» spoke to «DC White»".into(),
                        "seen by «J. Smith»".into(),
                    ],
                    no_match: vec![
                        "Will you call back?".into(),
                        "Reading Borough Council".into(),
                        "Victoria Street".into(),
                        "Smith".into(),
                    ],
                },
                origin: "builtin:patterns/names/".into(),
                not_preceded_by: Vec::new(),
                isolated_digits: false,
                family: Family::Names,
                term_groups: Vec::new(),
            });
        }
        Ok(Catalog {
            categories: self.categories,
            rules,
            notice,
            names,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_one(text: &str) -> Result<Catalog, CatalogError> {
        let mut l = Loader::default();
        l.add_str("builtin:patterns/categories.toml", builtin::CATEGORIES)
            .unwrap();
        l.add_str("user/pack.toml", text)?;
        l.finish()
    }

    #[test]
    fn builtin_pack_loads_with_every_contract_rule() {
        let c = Catalog::builtin().unwrap();
        for id in CONTRACT_RULES {
            assert!(c.rule(id).is_some(), "missing rule {id}");
        }
    }

    #[test]
    fn bad_rules_are_rejected_with_file_and_rule() {
        let cases = [
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['nope']\nconfidence='low'\nregex='a'",
                "unknown category",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a('",
                "regex",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a+'",
                "unbounded",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a'\ncontext='required'",
                "no keywords",
            ),
            (
                "[[rule]]\nid='Bad-Id'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a'",
                "snake_case",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a'\nvalidator='nope'",
                "unknown variant",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a'\ncolour='red'",
                "unknown field",
            ),
            (
                "[[rule]]\nid='x'\ndescription='d'\ncategories=['offences']\nconfidence='low'\nregex='a?'",
                "empty string",
            ),
        ];
        for (text, want) in cases {
            let e = load_one(text).unwrap_err().to_string();
            assert!(e.contains("user/pack.toml"), "{e}");
            assert!(e.contains(want), "want {want:?} in {e}");
        }
    }

    #[test]
    fn a_good_user_rule_loads() {
        let c = load_one(
            "[[rule]]\nid='crime_ref'\ndescription='Force crime reference'\ncategories=['offences']\nconfidence='medium'\nregex='\\bCR/\\d{5}/\\d{2}\\b'\nkeywords=['crime ref']",
        )
        .unwrap();
        assert_eq!(c.rules[0].id, "crime_ref");
        assert!(c.rules[0].criminal_offence);
    }
}
