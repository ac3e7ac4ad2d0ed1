//! Paths as index keys. A path is stored as text; a file name that is not
//! valid UTF-8 (possible on Unix) would lose bytes in a lossy conversion,
//! so two such files could share a key and neither could be opened again.
//! Such a path is stored as its readable form followed by its exact bytes
//! in hex, and turned back into the exact path when it is reread.

use std::path::{Path, PathBuf};

const MARK: &str = " [non-UTF-8 name, bytes ";

/// The index key of `path`.
pub fn key_of(path: &Path) -> String {
    // A valid name is kept as it is, unless it contains the marker: then
    // it too is stored with its bytes, so that a file cannot be named to
    // look like another path's key.
    if let Some(s) = path.to_str()
        && !s.contains(MARK)
    {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        format!("{}{MARK}{}]", path.to_string_lossy(), super::hex(bytes))
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The path an index key stands for.
pub fn path_of(key: &str) -> PathBuf {
    #[cfg(unix)]
    if let Some(at) = key.rfind(MARK)
        && let Some(hex) = key[at + MARK.len()..].strip_suffix(']')
        && let Some(bytes) = super::unhex(hex)
    {
        use std::os::unix::ffi::OsStringExt;
        return PathBuf::from(std::ffi::OsString::from_vec(bytes));
    }
    PathBuf::from(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        let p = Path::new("/share/a b/caf\u{e9}.txt");
        assert_eq!(key_of(p), "/share/a b/caf\u{e9}.txt");
        assert_eq!(path_of(&key_of(p)), p);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = Path::new(std::ffi::OsStr::from_bytes(b"/share/caf\xe9.txt"));
            let b = Path::new(std::ffi::OsStr::from_bytes(b"/share/caf\xe8.txt"));
            assert_ne!(key_of(a), key_of(b));
            assert_eq!(path_of(&key_of(a)), a);
            assert!(key_of(a).starts_with("/share/caf"));
            assert_eq!(Path::new(&key_of(a)).parent(), Some(Path::new("/share")));
            // A valid name that imitates a key is encoded too.
            let fake = format!("/share/x{MARK}2f6574632f706173737764]");
            assert_eq!(path_of(&key_of(Path::new(&fake))), Path::new(&fake));
        }
    }
}
