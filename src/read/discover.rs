//! Finding the records: command-line inputs → [`Source`]s, in input order,
//! found lazily. Folders are listed one at a time (each listing sorted
//! byte-wise), so memory holds the names of the folders being walked, never
//! every record of the corpus.

use std::collections::{HashSet, VecDeque};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use super::Kind;
use crate::diag::{Diagnostic, Severity};

/// Something to convert, in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A front-matter file, with the companion TSVs found beside it.
    File {
        /// The front-matter file.
        path: PathBuf,
        /// Its companion TSVs, by kind.
        companions: Vec<(Kind, PathBuf)>,
    },
    /// Standard input: a stream of front-matter documents.
    Stdin,
}

/// What discovery finds: a source, or a problem (a missing path, a
/// companion TSV without its figure, a symlink loop), in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A record to read.
    Source(Source),
    /// A problem of the inputs (a missing path, a TSV without its figure).
    Problem(Diagnostic),
}

/// File extensions taken as records when a folder is walked (files named
/// on the command line are taken whatever their extension).
pub const RECORD_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "yml", "yaml"];

/// The number of records `inputs` name, or `None` with standard input
/// (for a progress bar). Walks the folders once more, without looking for
/// companions and without holding what it finds.
pub fn count(inputs: &[PathBuf]) -> Option<u64> {
    let mut d = Discovery::new(inputs);
    d.companions = false;
    let mut n = 0;
    for found in d {
        match found {
            Found::Source(Source::Stdin) => return None,
            Found::Source(_) => n += 1,
            Found::Problem(_) => {}
        }
    }
    Some(n)
}

/// What a folder listing says an entry is, without a `stat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntryType {
    File,
    Dir,
    /// A symlink or an unknown type: only a `stat` tells.
    Other,
}

impl EntryType {
    fn of(entry: &fs::DirEntry) -> EntryType {
        match entry.file_type() {
            Ok(t) if t.is_file() => EntryType::File,
            Ok(t) if t.is_dir() => EntryType::Dir,
            _ => EntryType::Other,
        }
    }
}

/// Sorted entry names of one folder and their types, packed in one
/// buffer: a folder of 100,000 figures costs about 5 MB (names, offsets,
/// order), never one allocation per name.
#[derive(Default)]
struct Names {
    bytes: Vec<u8>,
    /// Start of each name in `bytes`, in listing order, and the end.
    starts: Vec<u32>,
    /// Each entry's type, in listing order.
    types: Vec<EntryType>,
    /// Listing positions in byte-wise order of the names.
    order: Vec<u32>,
}

impl Names {
    fn new(names: impl IntoIterator<Item = (OsString, EntryType)>) -> Names {
        let mut packed = Names::default();
        for (n, t) in names {
            packed.starts.push(packed.bytes.len() as u32);
            packed.bytes.extend_from_slice(n.as_encoded_bytes());
            packed.types.push(t);
        }
        packed.starts.push(packed.bytes.len() as u32);
        let mut order: Vec<u32> = (0..packed.starts.len() as u32 - 1).collect();
        // Byte-wise order, whatever the platform's locale.
        order.sort_by(|&a, &b| packed.raw(a as usize).cmp(packed.raw(b as usize)));
        packed.order = order;
        packed
    }

    fn raw(&self, listed: usize) -> &[u8] {
        &self.bytes[self.starts[listed] as usize..self.starts[listed + 1] as usize]
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    /// The type of the `i`-th name in sorted order.
    fn entry_type(&self, i: usize) -> EntryType {
        self.types[self.order[i] as usize]
    }

    /// The sorted position of `name`.
    fn find(&self, name: &[u8]) -> Option<usize> {
        self.order
            .binary_search_by(|&listed| self.raw(listed as usize).cmp(name))
            .ok()
    }

    /// The `i`-th name in sorted order.
    fn get(&self, i: usize) -> &OsStr {
        // SAFETY: `bytes` concatenates whole `OsStr`s' encoded bytes, and
        // this slice is exactly one of them.
        unsafe { OsStr::from_encoded_bytes_unchecked(self.raw(self.order[i] as usize)) }
    }
}

/// One folder being walked.
struct Frame {
    dir: PathBuf,
    names: Names,
    next: usize,
    /// A pfocr-database `_figures` folder: its `_data` folder.
    data: Option<DataDir>,
}

/// A pfocr-database `_data` folder, listed once when its `_figures` folder
/// is entered: companions are looked up in the listing, not with a `stat`
/// per figure and kind.
struct DataDir {
    dir: PathBuf,
    /// Empty when the folder is missing or cannot be listed.
    names: Names,
}

impl DataDir {
    fn list(dir: PathBuf) -> DataDir {
        let names = match fs::read_dir(&dir) {
            Ok(entries) => Names::new(
                entries.filter_map(|e| e.ok().map(|e| (e.file_name(), EntryType::of(&e)))),
            ),
            Err(_) => Names::default(),
        };
        DataDir { dir, names }
    }

    /// The companion TSVs `<stem>-{genes,chemicals,diseases}.tsv` listed
    /// here as files (or as symlinks to files).
    fn companions(&self, stem: &OsStr) -> Vec<(Kind, PathBuf)> {
        Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let name = companion_name(stem, kind);
                let i = self.names.find(name.as_encoded_bytes())?;
                let tsv = self.dir.join(name);
                match self.names.entry_type(i) {
                    EntryType::File => Some((kind, tsv)),
                    EntryType::Dir => None,
                    EntryType::Other => tsv.is_file().then_some((kind, tsv)),
                }
            })
            .collect()
    }
}

/// Sources and problems, in input order, one at a time.
pub struct Discovery {
    inputs: std::vec::IntoIter<PathBuf>,
    stack: Vec<Frame>,
    /// Canonical folders already walked (symlink loops).
    visited: HashSet<PathBuf>,
    queue: VecDeque<Found>,
    /// Look for companion TSVs (not needed to count records).
    companions: bool,
    /// Files of `_data/` folders that are not companions, so far.
    skipped_data_files: u64,
}

impl Discovery {
    /// Walks `inputs` (paths, `-` for standard input; none: standard input).
    pub fn new(inputs: &[PathBuf]) -> Self {
        let inputs = if inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            inputs.to_vec()
        };
        Discovery {
            inputs: inputs.into_iter(),
            stack: Vec::new(),
            visited: HashSet::new(),
            queue: VecDeque::new(),
            companions: true,
            skipped_data_files: 0,
        }
    }

    /// How many files of the `_data/` folders walked so far are not
    /// companion TSVs (`<figid>-{genes,chemicals,diseases}.tsv`): skipped
    /// without a report. A `_data/` folder is listed when its `_figures/`
    /// has been walked, so the count is complete once the iterator ends.
    pub fn skipped_data_files(&self) -> u64 {
        self.skipped_data_files
    }

    fn problem(&mut self, severity: Severity, path: &Path, message: String) {
        self.queue.push_back(Found::Problem(Diagnostic {
            severity,
            path: path.display().to_string(),
            line: None,
            field: String::new(),
            message,
        }));
    }

    /// Sorted entry names of a folder (a problem if it cannot be listed).
    fn list(&mut self, dir: &Path) -> Names {
        match fs::read_dir(dir) {
            Ok(entries) => Names::new(
                entries.filter_map(|e| e.ok().map(|e| (e.file_name(), EntryType::of(&e)))),
            ),
            Err(e) => {
                self.problem(Severity::Error, dir, format!("cannot read folder: {e}"));
                Names::default()
            }
        }
    }

    /// Starts walking a folder: a pfocr-database (with `_figures/`) or a
    /// plain folder.
    fn enter(&mut self, dir: PathBuf) {
        // Symlinked folders are followed once: a loop is reported, not walked.
        let canonical = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !self.visited.insert(canonical) {
            self.problem(
                Severity::Warning,
                &dir,
                "folder already walked (a symlink loop?): skipped".into(),
            );
            return;
        }
        let figures = dir.join("_figures");
        if figures.is_dir() {
            self.visited
                .insert(fs::canonicalize(&figures).unwrap_or_else(|_| figures.clone()));
            let names = self.list(&figures);
            self.stack.push(Frame {
                dir: figures,
                names,
                next: 0,
                data: Some(DataDir::list(dir.join("_data"))),
            });
        } else {
            let names = self.list(&dir);
            self.stack.push(Frame {
                dir,
                names,
                next: 0,
                data: None,
            });
        }
    }

    /// Reports the companion TSVs of `data` whose figure is not in `figures`
    /// (sorted names), in name order. Other files are counted, not
    /// reported.
    fn orphans(&mut self, data: &DataDir, figures: &Names) {
        for i in 0..data.names.len() {
            if data.names.entry_type(i) == EntryType::Dir {
                continue;
            }
            let name = data.names.get(i);
            match companion_stem(name) {
                Some(stem) if has_figure(figures, stem) => {}
                Some(_) => self.problem(
                    Severity::Warning,
                    &data.dir.join(name),
                    "companion TSV without its figure in _figures/: not converted".into(),
                ),
                // Not a companion (another table, a README): skipped quietly.
                None => self.skipped_data_files += 1,
            }
        }
    }
}

/// The figid of a companion file name `<figid>-{genes,chemicals,diseases}.tsv`.
fn companion_stem(name: &OsStr) -> Option<&str> {
    let base = name.to_str()?.strip_suffix(".tsv")?;
    Kind::ALL.iter().find_map(|k| {
        base.strip_suffix(k.name())
            .and_then(|b| b.strip_suffix('-'))
    })
}

/// Whether sorted figure file names hold one whose stem is `stem`.
fn has_figure(names: &Names, stem: &str) -> bool {
    let stem = stem.as_bytes();
    // The first name not below `stem`.
    let (mut lo, mut hi) = (0, names.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if names.get(mid).as_encoded_bytes() < stem {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..names.len())
        .map(|i| names.get(i))
        .take_while(|n| n.as_encoded_bytes().starts_with(stem))
        .any(|n| {
            Path::new(n)
                .file_stem()
                .is_some_and(|s| s.as_encoded_bytes() == stem)
        })
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// The name of a figure's companion of one kind: `<stem>-genes.tsv`.
fn companion_name(stem: &OsStr, kind: Kind) -> OsString {
    let mut name = OsString::with_capacity(stem.len() + 15);
    for part in [stem, "-".as_ref(), kind.name().as_ref(), ".tsv".as_ref()] {
        name.push(part);
    }
    name
}

/// The companion TSVs `data/<stem>-{genes,chemicals,diseases}.tsv` that exist.
fn companions_in(data: &Path, stem: &OsStr) -> Vec<(Kind, PathBuf)> {
    Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let tsv = data.join(companion_name(stem, kind));
            tsv.is_file().then_some((kind, tsv))
        })
        .collect()
}

/// A record file named on its own: paired with
/// `../_data/<stem>-{genes,chemicals,diseases}.tsv` when it sits in a
/// `_figures` folder.
fn file_source(path: PathBuf, companions: bool) -> Source {
    let data = path
        .parent()
        .filter(|p| p.file_name().is_some_and(|n| n == "_figures"))
        .and_then(Path::parent)
        .map(|db| db.join("_data"));
    let found = match (data, path.file_stem(), companions) {
        (Some(data), Some(stem), true) => companions_in(&data, stem),
        _ => Vec::new(),
    };
    Source::File {
        path,
        companions: found,
    }
}

impl Iterator for Discovery {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(found) = self.queue.pop_front() {
                return Some(found);
            }
            let Some(frame) = self.stack.last_mut() else {
                let input = self.inputs.next()?;
                if input.as_os_str() == "-" {
                    return Some(Found::Source(Source::Stdin));
                }
                match fs::metadata(&input) {
                    Ok(m) if m.is_dir() => self.enter(input),
                    Ok(_) => return Some(Found::Source(file_source(input, self.companions))),
                    Err(e) => self.problem(Severity::Error, &input, format!("cannot read: {e}")),
                }
                continue;
            };
            if frame.next == frame.names.len() {
                let frame = self.stack.pop().expect("a frame");
                if let Some(data) = &frame.data {
                    self.orphans(data, &frame.names);
                }
                continue;
            }
            let (name, entry_type) = (
                frame.names.get(frame.next),
                frame.names.entry_type(frame.next),
            );
            frame.next += 1;
            if is_hidden(name) {
                continue;
            }
            let path = frame.dir.join(name);
            if let Some(data) = &frame.data {
                // A database's figures: every file, with its companions.
                let dir = match entry_type {
                    EntryType::File => false,
                    EntryType::Dir => true,
                    EntryType::Other => path.is_dir(),
                };
                if dir {
                    continue;
                }
                let Some(stem) = path.file_stem() else {
                    continue;
                };
                let companions = if self.companions {
                    data.companions(stem)
                } else {
                    Vec::new()
                };
                return Some(Found::Source(Source::File { path, companions }));
            }
            if path.is_dir() {
                self.enter(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| RECORD_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(e)))
            {
                return Some(Found::Source(file_source(path, self.companions)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_stems_are_found_by_binary_search() {
        let names = Names::new(
            ["c", "ab.md", "a.md", "a.b.md"]
                .iter()
                .map(|n| (OsString::from(n), EntryType::File)),
        );
        assert_eq!(names.find(b"ab.md"), Some(2));
        assert_eq!(names.find(b"ab"), None);
        assert_eq!(names.get(0), "a.b.md");
        assert!(has_figure(&names, "a"));
        assert!(has_figure(&names, "a.b"));
        assert!(has_figure(&names, "ab"));
        assert!(has_figure(&names, "c"));
        assert!(!has_figure(&names, "b"));
        assert!(!has_figure(&names, "a.b.md.x"));
    }

    #[test]
    fn only_figid_kind_tsv_names_are_companions() {
        fn stem(n: &str) -> Option<&str> {
            companion_stem(OsStr::new(n))
        }
        assert_eq!(stem("PMC1__f-genes.tsv"), Some("PMC1__f"));
        assert_eq!(stem("a-b-chemicals.tsv"), Some("a-b"));
        assert_eq!(stem("x-diseases.tsv"), Some("x"));
        assert_eq!(stem("wpid_map.tsv"), None);
        assert_eq!(stem("xgenes.tsv"), None);
        assert_eq!(stem("x-genes.csv"), None);
        assert_eq!(stem("README.md"), None);
    }
}
