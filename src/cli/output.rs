//! Where the bytes go: standard output or files, plain, gzip or zstd, one
//! document or N shards.
//!
//! A file is written to a temporary file beside it (`.NAME.pfocr2rdf-PID.tmp`,
//! same folder, so the rename cannot cross file systems) and renamed over
//! the target only by [`Output::commit`], after the compressor is finished,
//! the buffers flushed and the file synced. An [`Output`] dropped without a
//! commit removes its temporary files: a failed run never leaves a
//! truncated file that looks complete, and a previous good file stays as it
//! was.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use pfocr2rdf::Format;

/// Output compression.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Compression {
    #[default]
    None,
    /// gzip (RFC 1952), level 6.
    Gzip,
    /// Zstandard, level 3.
    Zstd,
}

impl Compression {
    /// The compression a file name implies: `.gz` or `.zst`, else none.
    pub fn from_path(path: &Path) -> Compression {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// The file-name suffix, with its dot (`""` for none).
    pub fn suffix(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => ".gz",
            Compression::Zstd => ".zst",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Compression {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "gzip" | "gz" => Compression::Gzip,
            "zstd" | "zst" => Compression::Zstd,
            "none" => Compression::None,
            _ => return Err(format!("unknown compression {s:?}: use gzip, zstd or none")),
        })
    }
}

/// The file name of shard `i`: `part-0000.nq.gz`.
pub fn shard_name(i: usize, format: Format, compression: Compression) -> String {
    format!("part-{i:04}.{}{}", format.extension(), compression.suffix())
}

/// The file name of the dataset description written beside shards.
pub fn void_name(format: Format, compression: Compression) -> String {
    format!("void.{}{}", format.extension(), compression.suffix())
}

type Raw = BufWriter<Box<dyn Write + Send>>;

/// A byte stream, compressed or not.
enum Stream {
    Plain(Raw),
    Gzip(flate2::write::GzEncoder<Raw>),
    Zstd(zstd::stream::write::Encoder<'static, Raw>),
}

impl Stream {
    fn new(inner: Box<dyn Write + Send>, c: Compression) -> io::Result<Stream> {
        let raw = BufWriter::with_capacity(64 * 1024, inner);
        Ok(match c {
            Compression::None => Stream::Plain(raw),
            Compression::Gzip => Stream::Gzip(flate2::write::GzEncoder::new(
                raw,
                flate2::Compression::new(6),
            )),
            Compression::Zstd => Stream::Zstd(zstd::stream::write::Encoder::new(raw, 3)?),
        })
    }

    /// Ends the compressed stream and flushes everything.
    fn finish(self) -> io::Result<()> {
        let mut raw = match self {
            Stream::Plain(raw) => raw,
            Stream::Gzip(z) => z.finish()?,
            Stream::Zstd(z) => z.finish()?,
        };
        raw.flush()
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(w) => w.write(buf),
            Stream::Gzip(w) => w.write(buf),
            Stream::Zstd(w) => w.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Stream::Plain(w) => w.write_all(buf),
            Stream::Gzip(w) => w.write_all(buf),
            Stream::Zstd(w) => w.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(w) => w.flush(),
            Stream::Gzip(w) => w.flush(),
            Stream::Zstd(w) => w.flush(),
        }
    }
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
    pub fn stdout(c: Compression) -> Result<Output, OutputError> {
        let stream = Stream::new(Box::new(io::stdout()), c).map_err(|error| OutputError {
            target: "standard output".into(),
            error,
        })?;
        Ok(Output {
            parts: vec![Part {
                stream: Some(stream),
                pending: None,
                name: None,
            }],
            description: false,
        })
    }

    /// Files (written through temporary files, see the module doc).
    pub fn files(paths: &[PathBuf], c: Compression) -> Result<Output, OutputError> {
        let mut out = Output {
            parts: Vec::new(),
            description: false,
        };
        for path in paths {
            out.parts.push(open(path, c)?);
        }
        Ok(out)
    }

    /// Adds the file of the dataset description (beside shards).
    pub fn add_description(&mut self, path: &Path, c: Compression) -> Result<(), OutputError> {
        assert!(!self.description, "one description");
        self.parts.push(open(path, c)?);
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

    /// Finishes every document: ends compression, flushes, syncs, and
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
            let synced = stream.finish().and_then(|()| match &part.pending {
                Some(p) => p.file.sync_all(),
                None => Ok(()),
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
            // Stop writing (a compressor's own drop would try to finish).
            if let Some(stream) = part.stream.take() {
                match stream {
                    Stream::Plain(raw) => {
                        let _ = raw.into_parts();
                    }
                    Stream::Gzip(z) => std::mem::forget(z),
                    Stream::Zstd(z) => std::mem::forget(z),
                }
            }
            if let Some(p) = part.pending.take() {
                let _ = fs::remove_file(&p.tmp);
            }
        }
    }
}

fn open(path: &Path, c: Compression) -> Result<Part, OutputError> {
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
        let stream = Stream::new(Box::new(file), c).map_err(err)?;
        return Ok(Part {
            stream: Some(stream),
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
    let stream = match Stream::new(Box::new(file), c) {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(err(e));
        }
    };
    Ok(Part {
        stream: Some(stream),
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
        assert_eq!(
            Compression::from_path(Path::new("x.nt.gz")),
            Compression::Gzip
        );
        assert_eq!(
            Compression::from_path(Path::new("x.NQ.ZST")),
            Compression::Zstd
        );
        assert_eq!(Compression::from_path(Path::new("x.nt")), Compression::None);
        assert_eq!(
            shard_name(3, Format::NQuads, Compression::Gzip),
            "part-0003.nq.gz"
        );
    }
}
