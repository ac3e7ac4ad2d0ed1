//! The index: what a scan found, kept in an SQLite database so that a
//! scheduled rescan reads only what changed and a subject search need not
//! reread the estate, without the index becoming a store of everyone's
//! personal data.
//!
//! * [`key`]: the keyed hash that stands in for every value;
//! * [`terms`]: what is remembered of a file's text for subject searches;
//! * [`values`]: one normalised form per identifier;
//! * [`store`]: schema, migrations, the update lock and the writer;
//! * [`lookup`]: a subject search answered from the index;
//! * [`report`]: the inventory for data-protection staff.
//!
//! The scan itself is the ordinary pipeline (walk, extract, match,
//! classify) with the worker's index hooks (`scan/index.rs`) deciding what
//! to reread and hashing what it found.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::mpsc::SyncSender;

pub mod key;
pub mod lookup;
pub mod paths;
pub mod report;
pub mod store;
pub mod terms;
pub mod values;

/// Lower-case hex of `bytes` (content hashes, the key file, non-UTF-8
/// file names).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of hex text; `None` if it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A file beside the database: `<db><suffix>` (`trawl.db.key`,
/// `trawl.db.lock`, `trawl.db-wal`).
pub fn beside(db: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    std::path::PathBuf::from(s)
}

/// Creates a new file readable by its owner only (never replacing one).
pub fn create_private(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// What the scan workers share in index mode.
pub struct Shared {
    pub key: key::Key,
    /// What the index held of each file before this update.
    pub prev: HashMap<String, store::Prev>,
    /// The scan settings changed since the last update: read every file.
    pub rescan_all: bool,
    sender: Mutex<Option<SyncSender<store::Update>>>,
}

impl Shared {
    pub fn new(
        key: key::Key,
        prev: HashMap<String, store::Prev>,
        rescan_all: bool,
        sender: SyncSender<store::Update>,
    ) -> Shared {
        Shared {
            key,
            prev,
            rescan_all,
            sender: Mutex::new(Some(sender)),
        }
    }

    /// A worker's own line to the writer.
    pub fn sender(&self) -> Option<SyncSender<store::Update>> {
        self.sender
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Closes the shared line: once the workers are gone too, the writer
    /// sees the end.
    pub fn close(&self) {
        self.sender.lock().unwrap_or_else(|e| e.into_inner()).take();
    }
}
