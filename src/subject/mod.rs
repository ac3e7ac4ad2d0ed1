//! `trawl subject`: find every record about one person.
//!
//! A subject access request names one person; disclosure staff must find
//! everything about them, not hand over a stranger with the same name,
//! and show how they searched. This module adds the subject to the scan
//! pipeline rather than running a second one: the same walk, extractors
//! and detectors run, and at each region of text the worker also asks
//! the [`find::SubjectFinder`] where the subject is. What the detectors
//! find that is *not* the subject (other names, other dates of birth)
//! becomes the third-party count and the contradictions.
//!
//! ```text
//!  profile ──> variants ──> find ──────────┐
//!  (flags,     (forms,      (names by      ├─> score ──> schedule
//!   TOML)       nicknames,   anchor, ids   │   (units,    (csv, jsonl,
//!               patterns)    by regex)     │    tiers)     html, log)
//!  scan detectors (other people) ──────────┘
//! ```
//!
//! * [`profile`]: the subject as given, checked and normalised.
//! * [`variants`]: every form the subject may be written in.
//! * [`find`]: the subject in a piece of text.
//! * [`score`]: per document or record, the evidence graded into tiers.
//! * [`schedule`]: the disclosure schedule and the search log.
//! * [`html`]: the self-contained HTML schedule.

pub mod find;
pub mod html;
pub mod profile;
pub mod schedule;
pub mod score;
pub mod variants;

use std::sync::Mutex;

use jiff::civil::Date;

use find::SubjectFinder;
use profile::Profile;
use score::SubjectResult;

/// Whether a file's first bytes are a schedule or search log trawl wrote
/// (a previous search's output left in the searched folder): such files
/// are not searched, or every rerun would list the last run's log.
pub fn is_own_output(head: &[u8]) -> bool {
    let h = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    h.starts_with(b"trawl subject: search log")
        || h.starts_with(b"rank,tier,score,path,")
        || h.starts_with(br#"{"type":"result","rank":"#)
        || h.starts_with(br#"{"type":"summary","case":"#)
        || (h.starts_with(b"<!DOCTYPE html>")
            && memchr::memmem::find(
                &h[..h.len().min(4096)],
                b"trawl subject: disclosure schedule",
            )
            .is_some())
}

/// The search shared by every worker thread.
pub struct Search {
    pub finder: SubjectFinder,
    pub profile: Profile,
    /// Show other people's context in snippets (`--show-values`).
    pub show_values: bool,
    pub today: Date,
    results: Mutex<Vec<SubjectResult>>,
}

impl Search {
    pub fn new(finder: SubjectFinder, profile: Profile, show_values: bool, today: Date) -> Self {
        Search {
            finder,
            profile,
            show_values,
            today,
            results: Mutex::new(Vec::new()),
        }
    }

    pub fn push(&self, r: SubjectResult) {
        self.results
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(r);
    }

    /// All results so far, ranked.
    pub fn take_results(&self) -> Vec<SubjectResult> {
        let mut v = std::mem::take(&mut *self.results.lock().unwrap_or_else(|e| e.into_inner()));
        score::rank(&mut v);
        v
    }

    /// Whether `d` is one of the subject's dates of birth (or one with day
    /// and month swapped).
    pub fn is_subject_dob(&self, d: Date) -> bool {
        self.profile.dobs.iter().any(|g| {
            let s = g.value;
            s == d || (s.year() == d.year() && s.month() == d.day() && s.day() == d.month())
        })
    }
}
