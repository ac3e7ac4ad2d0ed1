//! trawl: find and classify UK personal data in file shares and exports.
//!
//! The library is a pipeline of small stages, each a module with one job:
//!
//! ```text
//!  walk ──> extract ──> matcher ──> classify ──> report
//!  (files)  (text +     (candidate  (findings,   (text / JSONL / CSV,
//!           offsets)     spans)      confidence)  summary)
//! ```
//!
//! * [`walk`] lists files in parallel with the rules a file share needs.
//! * [`extract`] turns bytes into a sliding window of UTF-8 text with a map
//!   back to file offsets, and finds record boundaries in CSV/TSV.
//! * [`catalog`] loads the rules and categories from `patterns/`.
//! * [`matcher`] finds candidates in a fixed number of passes
//!   ([`literals`]: whole-word lookup of thousands of terms; [`names`]: the
//!   name gazetteer and finder).
//! * [`classify`] validates candidates and grades their confidence.
//! * [`report`] masks, formats and summarises.
//! * [`scan`] ties them together per file, per thread.
//!
//! The binary (`src/main.rs`, `src/cli.rs`) only parses flags and picks a
//! mode; nothing here depends on the command line.

pub mod catalog;
pub mod classify;
pub mod extract;
pub mod index;
pub mod literals;
pub mod matcher;
pub mod names;
pub mod report;
pub mod scan;
pub mod subject;
pub mod walk;
