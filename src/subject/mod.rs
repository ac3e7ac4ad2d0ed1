//! `trawl subject`: find one person's records and write a disclosure
//! schedule. (Placeholder for the HTML helper's worktree: the main engineer
//! merges this into the real module, which also holds the profile, finder,
//! scoring and the other output formats.)

pub mod html;
