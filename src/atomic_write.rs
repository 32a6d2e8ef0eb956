//! Atomic file replacement: write a temporary file in the target's directory, fsync it, then
//! rename it over the target (`tempfile`'s persist), so readers see the old file or the new one,
//! never a torn one.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` atomically. The rename itself is durable only after
/// [`sync_dir`] on the parent directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // The mode `fs::write` gives a new file (0o666 less the umask), not tempfile's 0o600, so
    // that e.g. a model written by one user can be served by another.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Fsyncs a directory so that a rename in it is durable.
pub fn sync_dir(dir: Option<&Path>) -> std::io::Result<()> {
    let dir = match dir {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.json");
        for content in [&b"first"[..], b"second"] {
            write_atomic(&path, content).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(fs::read(&path).ok().as_deref(), Some(content));
        }
        let names: Vec<_> = fs::read_dir(dir.path()).into_iter().flatten().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn gives_the_mode_of_a_plain_write() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (atomic, plain) = (dir.path().join("atomic"), dir.path().join("plain"));
        write_atomic(&atomic, b"x").unwrap_or_else(|e| panic!("{e}"));
        fs::write(&plain, b"x").unwrap_or_else(|e| panic!("{e}"));
        let mode = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode()).ok();
        assert_eq!(mode(&atomic), mode(&plain));
    }
}
