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
