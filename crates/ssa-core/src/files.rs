//! Files the app and the operator tool write (exports, backups, audit
//! exports, pepper and password files): whole or not at all. Each is written
//! to a temporary file beside where it goes, readable and writable by its
//! owner only, flushed to the disk, then renamed into place; a failure, or
//! a crash at any point, never leaves a truncated file under the name, nor
//! harms a good file that was there.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file being written. It appears under its name only through
/// [`NewFile::keep_new`] or [`NewFile::replace`]; dropped before that, the
/// temporary file is removed.
pub struct NewFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl NewFile {
    /// Begins the file that will be `path` (0600 on Unix), in its folder.
    pub fn create(path: &Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".ssa-")
            .suffix(".part")
            .tempfile_in(dir)?;
        Ok(Self {
            temp,
            path: path.to_owned(),
        })
    }

    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Where the temporary file is: for a writer that opens it by name
    /// (SQLite's `VACUUM INTO` takes an empty file).
    pub fn temporary_path(&self) -> &Path {
        self.temp.path()
    }

    /// Puts the file under its name; never over a file (or a link) that is
    /// there: that is an `AlreadyExists` error and the file there stays.
    pub fn keep_new(self) -> io::Result<()> {
        self.put(false)
    }

    /// Puts the file under its name, over one that is there.
    pub fn replace(self) -> io::Result<()> {
        self.put(true)
    }

    fn put(self, over: bool) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        let put = if over {
            self.temp.persist(&self.path)
        } else {
            self.temp.persist_noclobber(&self.path)
        };
        put.map(drop).map_err(|e| e.error)?;
        sync_folder(&self.path);
        Ok(())
    }
}

/// The rename itself reaches the disk (on Unix, where a folder can be
/// flushed); at worst the old name is still there after a power cut.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Writes `bytes` as the file `path`, whole, over one that is there.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = NewFile::create(path)?;
    file.file().write_all(bytes)?;
    file.replace()
}

/// Writes `bytes` as the new file `path`, whole; never over a file there.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = NewFile::create(path)?;
    file.file().write_all(bytes)?;
    file.keep_new()
}

/// The words for a new file that could not be put in place.
pub fn new_file_refused(path: &Path, e: &std::io::Error, what: &str) -> String {
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        format!(
            "{}: already exists; {what} go to a new file",
            path.display()
        )
    } else {
        format!("cannot write {}: {e}", path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left_over(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect()
    }

    #[test]
    fn a_file_is_replaced_whole_and_a_failure_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("statement.csv");
        std::fs::write(&path, "the good one").unwrap();
        write_whole(&path, b"the new one").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the new one");
        // A folder that does not exist: nothing is written, nothing left.
        let nowhere = dir.path().join("missing/statement.csv");
        assert!(write_whole(&nowhere, b"x").is_err());
        // A target that cannot be replaced (a folder): the folder stays as
        // it was, and no temporary file is left.
        let folder = dir.path().join("a-folder");
        std::fs::create_dir(&folder).unwrap();
        assert!(write_whole(&folder, b"x").is_err());
        assert!(folder.is_dir());
        assert_eq!(left_over(dir.path()), Vec::<String>::new());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn a_new_file_never_replaces_one_and_an_unfinished_one_never_shows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        std::fs::write(&path, "kept").unwrap();
        let e = write_new(&path, b"other").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
        // Written in part, then given up (a failure half way): no file under
        // the name, no temporary file left.
        let fresh = dir.path().join("backup.sqlite");
        {
            let mut file = NewFile::create(&fresh).unwrap();
            file.file().write_all(b"half of it").unwrap();
        }
        assert!(!fresh.exists());
        assert_eq!(left_over(dir.path()), Vec::<String>::new());
        write_new(&fresh, b"all of it").unwrap();
        assert_eq!(std::fs::read(&fresh).unwrap(), b"all of it");
    }
}
