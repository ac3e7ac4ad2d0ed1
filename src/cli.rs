//! The command line: one clap table from which help is generated.
//!
//! `LowArgs` in ripgrep's terms: what the user typed, checked, with no I/O.
//! `main.rs` turns these into the pipeline's own types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use trawl::index::report::ReportFormat;
use trawl::report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "trawl",
    version,
    about = "Find and classify UK personal data in file shares and exported records",
    long_about = "trawl finds personal data (NI numbers, NHS numbers, vehicle registrations, \
postcodes, phone numbers, dates of birth, PNC IDs ...) in folders of files and exported \
records, and maps every finding to the data categories of UK police privacy notices. \
Values are masked in all output unless --show-values is given. trawl never opens a \
network connection and never modifies the files it reads.",
    after_help = "Exit codes: 0 findings reported, 1 no findings, 2 some files could not be \
read (coverage incomplete; findings may also have been reported), 3 trawl could not run \
(bad arguments, pattern file or output), 4 another `index update` holds the index (retry \
later or use --wait)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files and folders for personal data.
    Scan(Box<ScanArgs>),
    /// Find every record about one person (a subject access request):
    /// ranked, explained, with a search log.
    Subject(Box<SubjectArgs>),
    /// Keep an index of a share: `index update` rereads only what changed,
    /// `index info` says what it holds. Subject searches and reports read it.
    #[command(subcommand)]
    Index(IndexCommand),
    /// List the data categories of the privacy notice taxonomy.
    Categories(ListArgs),
    /// List the detection rules in force.
    Rules(RulesArgs),
    /// Inventory of an index for data-protection staff: personal data by
    /// folder and category, hotspots, files for review, what changed.
    Report(ReportArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MinConfidence {
    Low,
    Medium,
    High,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files and folders to scan (default: the current folder).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: readable text, JSON Lines, or CSV for Excel.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,

    /// Print only the summary (counts by category and rule), no findings.
    #[arg(long)]
    pub count: bool,

    /// Add run statistics (throughput, encodings, text bytes) to the summary.
    #[arg(long)]
    pub stats: bool,

    /// Write the report to FILE (owner-only permissions, replaced atomically
    /// when the run finishes) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print the values found in full. Without it values are masked
    /// (AB******C). Raw values are personal data: handle the report accordingly.
    #[arg(long)]
    pub show_values: bool,

    /// Run only these rules: comma-separated rule ids (see `trawl rules`) or
    /// families: identifiers, lexicons, names.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub rules: Vec<String>,

    /// Report categories in the words of this privacy notice: uk-police
    /// (default), west-midlands-police, staffordshire, cambridgeshire,
    /// west-midlands-pcc, or a notice TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = "uk-police")]
    pub notice: String,

    /// Report only findings at or above this confidence.
    #[arg(long, value_enum, default_value = "low")]
    pub min_confidence: MinConfidence,

    /// Walk in name order on one thread, so that output order is reproducible.
    #[arg(long)]
    pub sort: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// Formats of the disclosure schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SubjectFormat {
    /// Readable list for the terminal.
    Text,
    /// One row per document or record, for Excel.
    Csv,
    /// One JSON object per result, then a summary.
    Jsonl,
    /// A self-contained page to read, sort and filter in a browser.
    Html,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Every result is a candidate for a person to confirm; name-only \
results are never confirmed. A search log (who, when, what was searched for and every \
variant generated, paths, options, counts and every location that could not be read) is \
written next to --output, or to --log. Exit codes: 0 results found, 1 none, 2 some files \
could not be read, 3 trawl could not run."
)]
pub struct SubjectArgs {
    /// Files and folders to search (default: the current folder).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The subject's name, e.g. "Robert John SMITH" (surname in capitals,
    /// or "SMITH, Robert John"). Repeat for previous names (maiden, married).
    #[arg(long, value_name = "NAME")]
    pub name: Vec<String>,

    /// Another name the subject is known by (repeatable): "Bob Smith", "Smudger".
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,

    /// Date of birth: 1984-03-07 or 07/03/1984 (repeatable for alternative DOBs).
    #[arg(long, value_name = "DATE")]
    pub dob: Vec<String>,

    /// male or female (for the DVLA driver number; both are tried if not given).
    #[arg(long, value_name = "SEX")]
    pub sex: Option<String>,

    /// National Insurance number (repeatable).
    #[arg(long, value_name = "NINO")]
    pub nino: Vec<String>,

    /// Postcode (repeatable, current and previous).
    #[arg(long, value_name = "POSTCODE")]
    pub postcode: Vec<String>,

    /// Address (repeatable): its first line with a house number is searched,
    /// and its postcode if written.
    #[arg(long, value_name = "ADDRESS")]
    pub address: Vec<String>,

    /// Phone number, any UK form (repeatable).
    #[arg(long, value_name = "PHONE")]
    pub phone: Vec<String>,

    /// Email address (repeatable).
    #[arg(long, value_name = "EMAIL")]
    pub email: Vec<String>,

    /// Vehicle registration (repeatable).
    #[arg(long, value_name = "VRM")]
    pub vrm: Vec<String>,

    /// DVLA driving licence number (repeatable). Without it, the first 13
    /// characters are derived from name, date of birth and sex.
    #[arg(long, value_name = "NUMBER")]
    pub driving_licence: Vec<String>,

    /// PNC ID, e.g. 01/123456F (repeatable).
    #[arg(long, value_name = "ID")]
    pub pnc: Vec<String>,

    /// CRO number, e.g. 012345/99N (repeatable).
    #[arg(long, value_name = "NUMBER")]
    pub cro: Vec<String>,

    /// A crime, incident or log reference the requester gave (repeatable).
    #[arg(long = "ref", value_name = "REF")]
    pub refs: Vec<String>,

    /// A TOML file holding the subject (names, aliases, dob, nino ... as
    /// lists); flags add to it.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Case reference for the search log, e.g. SAR-2026-0142.
    #[arg(long, value_name = "REF")]
    pub case: Option<String>,

    /// Who ran the search (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub operator: Option<String>,

    /// Also match surnames of 6+ letters spelled slightly differently (one
    /// or two edits, or the same sound), only with a forename. Marked fuzzy.
    #[arg(long)]
    pub fuzzy: bool,

    /// Schedule format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: SubjectFormat,

    /// Write the schedule to FILE (owner-only) instead of standard output;
    /// the search log goes next to it (FILE.search-log.txt).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write the search log to FILE (default: next to --output, or
    /// trawl-subject-<case>-<time>.search-log.txt in the current folder).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,

    /// Show other people's words in snippets unmasked. The subject's own
    /// matched data is always shown.
    #[arg(long)]
    pub show_values: bool,

    /// Answer from this index (`trawl index update`) instead of reading
    /// the files: no PATH needed. Results say what each file holds of the
    /// subject, not where; add --verify to reread the candidate files.
    #[arg(long, value_name = "DB")]
    pub db: Option<PathBuf>,

    /// With --db: reread the files the index points to and search them as a
    /// direct search would (exact results, positions and snippets).
    #[arg(long, requires = "db")]
    pub verify: bool,

    /// The index's key file (default: DB.key).
    #[arg(long, value_name = "FILE", requires = "db")]
    pub key_file: Option<PathBuf>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Subcommand, Debug)]
pub enum IndexCommand {
    /// Create or update the index of PATHs: new and changed files are
    /// read, unchanged ones are not, deleted ones are dropped.
    Update(Box<IndexUpdateArgs>),
    /// Print the index's schema version, counts and last update.
    Info(IndexInfoArgs),
}

#[derive(Args, Debug)]
pub struct IndexUpdateArgs {
    /// Files and folders to index (default: the current folder).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The index database (created owner-only if missing).
    #[arg(long, value_name = "DB", default_value = "trawl.db")]
    pub db: PathBuf,

    /// The key file (default: DB.key, created owner-only with a new index).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// If another update of the same index is running, wait for it instead
    /// of refusing (exit 4).
    #[arg(long)]
    pub wait: bool,

    /// Print the outcome as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct IndexInfoArgs {
    /// The index database.
    #[arg(long, value_name = "DB", default_value = "trawl.db")]
    pub db: PathBuf,

    /// The key file (default: DB.key).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,

    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Flags shared by `scan` and `subject`: what is walked, how, and the
/// limits that keep hostile files from exhausting the machine.
#[derive(Args, Debug)]
pub struct CommonArgs {
    /// Worker threads (default: the number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Follow symbolic links (loops are reported, never followed forever).
    #[arg(long, short = 'L')]
    pub follow: bool,

    /// Skip files larger than SIZE (bytes, or with K, M, G suffix: 500M).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_filesize: Option<u64>,

    /// Documents and archives (Office, PDF, email, zip ...) larger than SIZE
    /// are listed as unreadable instead of read: they are read into memory
    /// whole. Plain text and CSV of any size are streamed.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "512M")]
    pub max_document_size: u64,

    /// Stop extracting from one file after SIZE of decompressed or
    /// extracted content (zip bombs).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4G")]
    pub max_extracted: u64,

    /// Largest ratio of decompressed to compressed size of an archive
    /// member (zip bombs compress far more than real files).
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_ratio: u64,

    /// Containers opened inside containers (a zip in a zip in an email: 3).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_depth: u32,

    /// Members (archive entries, attachments) opened in one file.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_members: u64,

    /// Text scanned from one document part (a body, a page, a sheet).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256M")]
    pub max_text: u64,

    /// Scan only files matching GLOB (repeatable). A glob with a '/' matches
    /// the path below the scanned folder; one without matches the file name.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching GLOB (repeatable; same matching as --include).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Add a pattern pack: a TOML file or a folder of them (repeatable).
    #[arg(long, value_name = "DIR")]
    pub patterns: Vec<PathBuf>,

    /// Judge dates (VRM age identifiers, ages from dates of birth) as of this
    /// date (YYYY-MM-DD) instead of today: for reproducible reports.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Explain on stderr why each file was skipped and each candidate dropped.
    #[arg(long)]
    pub debug: bool,

    /// Do not print per-file error messages on stderr (they are still
    /// counted and listed in the summary).
    #[arg(long)]
    pub no_messages: bool,

    /// Never draw the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The notice whose wording to show (see `scan --notice`).
    #[arg(long, value_name = "NAME|FILE", default_value = "uk-police")]
    pub notice: String,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Include a pattern pack (file or folder), as for `scan`.
    #[arg(long, value_name = "DIR")]
    pub patterns: Vec<PathBuf>,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Reads the index only (see `trawl index update`). Exit codes: 0 report \
written, 3 trawl could not run (no index at --db, an index from another version, bad \
arguments or output)."
)]
pub struct ReportArgs {
    /// The index to report on.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,

    /// Report format: a page with charts, a flat table for Excel, or JSON Lines.
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,

    /// Write the report to FILE (owner-only permissions, replaced
    /// atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Label categories in the words of this privacy notice (see `scan --notice`).
    #[arg(long, value_name = "NAME|FILE", default_value = "uk-police")]
    pub notice: String,
}

/// Parses `123`, `64K`, `500M`, `2G` (powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        Some('T') => (&t[..t.len() - 1], 1 << 40),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .map_err(|_| format!("'{s}' is not a size (examples: 1048576, 64K, 500M, 2G)"))?
        .checked_mul(mult)
        .ok_or_else(|| format!("'{s}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_table_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("123"), Ok(123));
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_size("500m"), Ok(500 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert!(parse_size("lots").is_err());
    }
}
