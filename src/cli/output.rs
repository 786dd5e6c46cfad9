//! Where the bytes go: standard output or files, one document or N shards.
//! The bytes arrive compressed when asked (the library compresses each
//! figure in its worker, see [`pfocr2rdf::Options::compression`]); here
//! [`Codec`] only names the files and picks the codec.
//!
//! A file is written to a temporary file beside it (`.NAME.pfocr2rdf-PID.tmp`,
//! same folder, so the rename cannot cross file systems) and renamed over
//! the target only by [`Output::commit`], after the buffers are flushed and
//! the file synced. An [`Output`] dropped without a
//! commit removes its temporary files: a failed run never leaves a
//! truncated file that looks complete, and a previous good file stays as it
//! was.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use pfocr2rdf::{Compression, Format};

/// The output's codec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Codec {
    #[default]
    None,
    /// gzip (RFC 1952).
    Gzip,
    /// Zstandard.
    Zstd,
}

impl Codec {
    /// The compression at `level` (`None`: the codec's default); an `Err`
    /// is a usage error.
    pub fn with_level(self, level: Option<i64>) -> Result<Compression, String> {
        let out_of_range =
            |l: i64, range: String| format!("--compress-level {l}: {self} levels are {range}");
        match (self, level) {
            (Codec::None, None) => Ok(Compression::None),
            (Codec::None, Some(l)) => Err(format!(
                "--compress-level {l}: the output is not compressed (use -o FILE.gz, -o FILE.zst or --compress)"
            )),
            (Codec::Gzip, l) => {
                let r = Compression::GZIP_LEVELS;
                let l = l.unwrap_or(Compression::GZIP_DEFAULT.into());
                u32::try_from(l)
                    .ok()
                    .filter(|l| r.contains(l))
                    .map(Compression::Gzip)
                    .ok_or_else(|| out_of_range(l, format!("{} to {}", r.start(), r.end())))
            }
            (Codec::Zstd, l) => {
                let r = Compression::ZSTD_LEVELS;
                let l = l.unwrap_or(Compression::ZSTD_DEFAULT.into());
                i32::try_from(l)
                    .ok()
                    .filter(|l| r.contains(l))
                    .map(Compression::Zstd)
                    .ok_or_else(|| out_of_range(l, format!("{} to {}", r.start(), r.end())))
            }
        }
    }

    /// The compression a file name implies: `.gz` or `.zst`, else none.
    pub fn from_path(path: &Path) -> Codec {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("gz") => Codec::Gzip,
            Some("zst") => Codec::Zstd,
            _ => Codec::None,
        }
    }

    /// The file-name suffix, with its dot (`""` for none).
    pub fn suffix(self) -> &'static str {
        match self {
            Codec::None => "",
            Codec::Gzip => ".gz",
            Codec::Zstd => ".zst",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Codec::None => "none",
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
        }
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Codec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "gzip" | "gz" => Codec::Gzip,
            "zstd" | "zst" => Codec::Zstd,
            "none" => Codec::None,
            _ => return Err(format!("unknown compression {s:?}: use gzip, zstd or none")),
        })
    }
}

/// The file name of shard `i`: `part-0000.nq.gz`.
pub fn shard_name(i: usize, format: Format, compression: Codec) -> String {
    format!("part-{i:04}.{}{}", format.extension(), compression.suffix())
}

/// The file name of the dataset description written beside shards.
pub fn void_name(format: Format, compression: Codec) -> String {
    format!("void.{}{}", format.extension(), compression.suffix())
}

/// A byte stream, buffered.
type Stream = BufWriter<Box<dyn Write + Send>>;

fn stream(inner: Box<dyn Write + Send>) -> Stream {
    BufWriter::with_capacity(64 * 1024, inner)
}

/// A file being written through a temporary file.
struct Pending {
    target: PathBuf,
    tmp: PathBuf,
    /// A second handle on the temporary file, to sync it before the rename.
    file: File,
}

/// One output document.
struct Part {
    stream: Option<Stream>,
    /// The temporary file to rename; `None` for standard output, a device
    /// or a pipe.
    pending: Option<Pending>,
    /// The name given (`None`: standard output).
    name: Option<PathBuf>,
}

/// An error with the file it concerns.
#[derive(Debug)]
pub struct OutputError {
    /// The file, or `standard output`.
    pub target: String,
    pub error: io::Error,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: {}", self.target, self.error)
    }
}

impl std::error::Error for OutputError {}

/// The documents of one run: standard output, one file, or shards, and
/// the dataset description's own file when it has one.
pub struct Output {
    parts: Vec<Part>,
    /// The last part is the dataset description.
    description: bool,
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        let stream = stream(Box::new(io::stdout()));
        Output {
            parts: vec![Part {
                stream: Some(stream),
                pending: None,
                name: None,
            }],
            description: false,
        }
    }

    /// Files (written through temporary files, see the module doc).
    pub fn files(paths: &[PathBuf]) -> Result<Output, OutputError> {
        let mut out = Output {
            parts: Vec::new(),
            description: false,
        };
        for path in paths {
            out.parts.push(open(path)?);
        }
        Ok(out)
    }

    /// Adds the file of the dataset description (beside shards).
    pub fn add_description(&mut self, path: &Path) -> Result<(), OutputError> {
        assert!(!self.description, "one description");
        self.parts.push(open(path)?);
        self.description = true;
        Ok(())
    }

    /// The name of document `i` for messages.
    pub fn target(&self, i: usize) -> String {
        match &self.parts[i].name {
            Some(p) => p.display().to_string(),
            None => "standard output".into(),
        }
    }

    /// The documents' writers, in order, and the description's own.
    pub fn writers(&mut self) -> (Vec<&mut dyn Write>, Option<&mut dyn Write>) {
        let mut all: Vec<&mut dyn Write> = self
            .parts
            .iter_mut()
            .map(|p| p.stream.as_mut().expect("not committed") as &mut dyn Write)
            .collect();
        let description = if self.description { all.pop() } else { None };
        (all, description)
    }

    /// Finishes every document: flushes, syncs, and
    /// renames each temporary file over its target. On an error, no file
    /// that is not complete is left under a target name (a shard already
    /// renamed before a later one failed is complete).
    pub fn commit(mut self) -> Result<(), OutputError> {
        // First finish and sync every document, then rename them all, so a
        // full disk leaves no shard renamed.
        for i in 0..self.parts.len() {
            let target = self.target(i);
            let part = &mut self.parts[i];
            let stream = part.stream.take().expect("committed once");
            let synced = stream
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|mut inner| {
                    inner.flush()?;
                    match &part.pending {
                        Some(p) => p.file.sync_all(),
                        None => Ok(()),
                    }
                });
            synced.map_err(|error| OutputError { target, error })?;
        }
        for part in &mut self.parts {
            if let Some(p) = &part.pending {
                fs::rename(&p.tmp, &p.target).map_err(|error| OutputError {
                    target: p.target.display().to_string(),
                    error,
                })?;
                part.pending = None;
            }
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        for part in &mut self.parts {
            // Stop writing: drop the buffered bytes unwritten.
            if let Some(stream) = part.stream.take() {
                let _ = stream.into_parts();
            }
            if let Some(p) = part.pending.take() {
                let _ = fs::remove_file(&p.tmp);
            }
        }
    }
}

fn open(path: &Path) -> Result<Part, OutputError> {
    let err = |error| OutputError {
        target: path.display().to_string(),
        error,
    };
    if path.is_dir() {
        return Err(err(io::Error::other(
            "is a folder (to write shards into it, use --split N)",
        )));
    }
    // A device or a pipe (`-o /dev/stdout`, a FIFO) is written as it is:
    // there is nothing to rename over.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        let file = fs::OpenOptions::new().write(true).open(path).map_err(err)?;
        return Ok(Part {
            stream: Some(stream(Box::new(file))),
            pending: None,
            name: Some(path.to_path_buf()),
        });
    }
    // A symbolic link: replace the file it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(err)?,
        _ => path.to_path_buf(),
    };
    let name = target
        .file_name()
        .ok_or_else(|| err(io::Error::other("not a file name")))?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".pfocr2rdf-{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let file = File::create(&tmp).map_err(err)?;
    let second = file.try_clone().map_err(err)?;
    Ok(Part {
        stream: Some(stream(Box::new(file))),
        pending: Some(Pending {
            target,
            tmp,
            file: second,
        }),
        name: Some(path.to_path_buf()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_by_extension() {
        assert_eq!(Codec::from_path(Path::new("x.nt.gz")), Codec::Gzip);
        assert_eq!(Codec::from_path(Path::new("x.NQ.ZST")), Codec::Zstd);
        assert_eq!(Codec::from_path(Path::new("x.nt")), Codec::None);
        assert_eq!(
            shard_name(3, Format::NQuads, Codec::Gzip),
            "part-0003.nq.gz"
        );
    }

    #[test]
    fn levels_are_checked_per_codec() {
        assert_eq!(
            Codec::Gzip.with_level(None),
            Ok(Compression::Gzip(Compression::GZIP_DEFAULT))
        );
        assert_eq!(Codec::Zstd.with_level(Some(19)), Ok(Compression::Zstd(19)));
        assert_eq!(Codec::Gzip.with_level(Some(1)), Ok(Compression::Gzip(1)));
        for (codec, bad) in [
            (Codec::Gzip, 0),
            (Codec::Gzip, 10),
            (Codec::Gzip, -1),
            (Codec::Zstd, 0),
            (Codec::Zstd, 20),
            (Codec::Zstd, 1 << 40),
        ] {
            let e = codec.with_level(Some(bad)).unwrap_err();
            assert!(
                e.starts_with(&format!("--compress-level {bad}: {codec} levels are ")),
                "{e}"
            );
        }
        assert!(
            Codec::None
                .with_level(Some(3))
                .unwrap_err()
                .contains("not compressed")
        );
    }
}
