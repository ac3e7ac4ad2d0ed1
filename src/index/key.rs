//! The index key: what makes the index hold no identifier.
//!
//! Every value the index keeps (an NI number, a postcode, a word of a
//! document) is stored as the first 8 bytes of HMAC-SHA256 under a random
//! 32-byte key, never as itself. The key lives in a file beside the database
//! (`trawl.db.key`), created owner-only; whoever has the database but not
//! the key can tell that two files share a value, not what it is. A subject
//! search hashes the person's details with the same key and looks them up.
//!
//! Finding values are HMAC-SHA256, the standard an auditor will
//! recognise. The per-file term sets (hundreds of words and number runs
//! per file, see `terms.rs`) use SipHash-2-4, a keyed function designed for
//! short inputs and ten times faster, under its own key derived from the
//! index key with HMAC.

use std::io::Write;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// First line of a key file.
const MAGIC: &str = "trawl-index-key-v1";

/// A loaded key, ready to hash.
#[derive(Clone)]
pub struct Key {
    mac: Hmac<Sha256>,
    /// SipHash-2-4 keys for term sets, derived from the key.
    terms: (u64, u64),
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

/// The default key file of a database: `<db>.key`.
pub fn default_path(db: &Path) -> PathBuf {
    super::beside(db, ".key")
}

impl Key {
    pub fn from_bytes(bytes: &[u8; 32]) -> Key {
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(bytes).expect("HMAC takes any key");
        let mut m = mac.clone();
        m.update(b"trawl term set key");
        let d = m.finalize().into_bytes();
        let word = |i: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&d[i..i + 8]);
            u64::from_le_bytes(b)
        };
        Key {
            mac,
            terms: (word(0), word(8)),
        }
    }

    /// The keyed hash of a term (kind byte, then value): SipHash-2-4, a
    /// keyed function made for short inputs, under a key derived from this
    /// one. A file has hundreds of distinct terms, so HMAC-SHA256 would
    /// be most of an update's time.
    pub fn term(&self, kind: u8, value: &[u8]) -> i64 {
        use std::hash::Hasher;
        let mut h = siphasher::sip::SipHasher24::new_with_keys(self.terms.0, self.terms.1);
        h.write(&[kind, 0]);
        h.write(value);
        h.finish() as i64
    }

    /// Reads the key file at `path`.
    pub fn load(path: &Path) -> Result<Key, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
        let mut lines = text.lines();
        let bad = || format!("{} is not a trawl index key file", path.display());
        if lines.next() != Some(MAGIC) {
            return Err(bad());
        }
        let bytes: [u8; 32] = lines
            .next()
            .and_then(|l| super::unhex(l.trim()))
            .and_then(|b| b.try_into().ok())
            .ok_or_else(bad)?;
        Ok(Key::from_bytes(&bytes))
    }

    /// Creates a new random key file at `path` (owner-only; never replaces
    /// an existing file).
    pub fn create(path: &Path) -> Result<Key, String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("cannot get random bytes for a new key: {e}"))?;
        let mut f = super::create_private(path)
            .map_err(|e| format!("cannot create the key file {}: {e}", path.display()))?;
        let hex = super::hex(&bytes);
        writeln!(
            f,
            "{MAGIC}\n{hex}\n# The key of a trawl index: keep it with the index, owner-only.\n# Without it the index cannot be searched; whoever has it can test values against the index."
        )
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("cannot write the key file {}: {e}", path.display()))?;
        Ok(Key::from_bytes(&bytes))
    }

    /// The keyed hash of `value` in `domain` (a short tag keeping kinds of
    /// value apart: "w" words, "nino" NI numbers ...), as a signed 64-bit
    /// integer for SQLite.
    pub fn hash(&self, domain: &str, value: &[u8]) -> i64 {
        let mut m = self.mac.clone();
        m.update(domain.as_bytes());
        m.update(&[0]);
        m.update(value);
        let out = m.finalize().into_bytes();
        let mut b = [0u8; 8];
        b.copy_from_slice(&out[..8]);
        i64::from_le_bytes(b)
    }

    /// A value that proves a key file belongs to an index (kept in its
    /// meta table): the hash of a fixed string.
    pub fn check(&self) -> String {
        format!("{:016x}", self.hash("check", b"trawl index key") as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_key_domain_and_value() {
        let a = Key::from_bytes(&[1; 32]);
        let b = Key::from_bytes(&[2; 32]);
        assert_eq!(a.hash("w", b"smith"), a.hash("w", b"smith"));
        assert_ne!(a.hash("w", b"smith"), b.hash("w", b"smith"));
        assert_ne!(a.hash("w", b"smith"), a.hash("k", b"smith"));
        assert_ne!(a.hash("w", b"smith"), a.hash("w", b"smyth"));
        // The domain separator keeps ("ab", "c") and ("a", "bc") apart.
        assert_ne!(a.hash("ab", b"c"), a.hash("a", b"bc"));
        assert_eq!(a.term(b'w', b"smith"), a.term(b'w', b"smith"));
        assert_ne!(a.term(b'w', b"smith"), b.term(b'w', b"smith"));
        assert_ne!(a.term(b'w', b"smith"), a.term(b'k', b"smith"));
    }

    #[test]
    fn key_files_round_trip_and_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.db.key");
        let k = Key::create(&p).unwrap();
        let l = Key::load(&p).unwrap();
        assert_eq!(k.check(), l.check());
        assert!(
            Key::create(&p).is_err(),
            "an existing key is never replaced"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::write(&p, "not a key\n").unwrap();
        assert!(Key::load(&p).unwrap_err().contains("not a trawl index key"));
        assert_eq!(
            default_path(Path::new("/x/trawl.db")),
            PathBuf::from("/x/trawl.db.key")
        );
    }
}
