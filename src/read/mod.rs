//! Reading: find the records, split their front matter, parse YAML and the
//! companion TSVs into a typed [`Record`].

pub mod frontmatter;
pub mod record;
pub mod tsv;
pub mod yaml;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

pub use record::{GeneRow, Record, Rows, TermRow, Text, Value};
pub use tsv::Kind;

use crate::diag::{Diagnostic, Report, Severity};

/// Something to convert, in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A front-matter file, with the companion TSVs found beside it.
    File {
        path: PathBuf,
        companions: Vec<(Kind, PathBuf)>,
    },
    /// Standard input: a stream of front-matter documents.
    Stdin,
}

/// File extensions taken as records when a folder is walked (files named
/// on the command line are taken whatever their extension).
const RECORD_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "yml", "yaml"];

/// Turns command-line inputs into sources, in order. Problems (a missing
/// path, a companion TSV without its figure, a symlink loop) go to `report`.
pub fn discover(inputs: &[PathBuf], report: &mut Report) -> Vec<Source> {
    let mut out = Vec::new();
    if inputs.is_empty() {
        out.push(Source::Stdin);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        match fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let mut visited = HashSet::new();
                walk(input, &mut visited, &mut out, report);
            }
            Ok(_) => out.push(file_source(input.clone())),
            Err(e) => report.error(
                &input.display().to_string(),
                None,
                "",
                format!("cannot read: {e}"),
            ),
        }
    }
    out
}

/// A record file, paired with `../_data/<stem>-{genes,chemicals,diseases}.tsv`
/// when it sits in a `_figures` folder.
fn file_source(path: PathBuf) -> Source {
    let mut companions = Vec::new();
    if path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "_figures")
        && let (Some(stem), Some(db)) = (path.file_stem(), path.parent().and_then(Path::parent))
    {
        for kind in Kind::ALL {
            let mut name = stem.to_os_string();
            name.push(format!("-{}.tsv", kind.name()));
            let tsv = db.join("_data").join(name);
            if tsv.is_file() {
                companions.push((kind, tsv));
            }
        }
    }
    Source::File { path, companions }
}

fn sorted_entries(dir: &Path, report: &mut Report) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            // Byte-wise order of the paths, whatever the platform's locale.
            paths.sort_by(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            paths
        }
        Err(e) => {
            report.error(
                &dir.display().to_string(),
                None,
                "",
                format!("cannot read folder: {e}"),
            );
            Vec::new()
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, out: &mut Vec<Source>, report: &mut Report) {
    // Symlinked folders are followed once: a loop is reported, not walked.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        report.warn(
            &dir.display().to_string(),
            None,
            "",
            "folder already walked (a symlink loop?): skipped".into(),
        );
        return;
    }
    let figures = dir.join("_figures");
    if figures.is_dir() {
        database(dir, visited, out, report);
        return;
    }
    for path in sorted_entries(dir, report) {
        if is_hidden(&path) {
            continue;
        }
        if path.is_dir() {
            walk(&path, visited, out, report);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| RECORD_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(e)))
        {
            out.push(file_source(path));
        }
    }
}

/// A pfocr-database folder: every `_figures/*` file with its companions;
/// a companion TSV whose figure is missing is reported.
fn database(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    out: &mut Vec<Source>,
    report: &mut Report,
) {
    let figures = dir.join("_figures");
    visited.insert(fs::canonicalize(&figures).unwrap_or_else(|_| figures.clone()));
    let mut stems = BTreeSet::new();
    for path in sorted_entries(&figures, report) {
        if is_hidden(&path) || path.is_dir() {
            continue;
        }
        if let Some(stem) = path.file_stem() {
            stems.insert(stem.to_os_string());
        }
        out.push(file_source(path));
    }
    let data = dir.join("_data");
    if data.is_dir() {
        for path in sorted_entries(&data, report) {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(base) = name.strip_suffix(".tsv") else {
                continue;
            };
            let owner = Kind::ALL
                .iter()
                .find_map(|k| base.strip_suffix(&format!("-{}", k.name())));
            match owner {
                Some(stem) if stems.contains(std::ffi::OsStr::new(stem)) => {}
                _ => report.warn(
                    &path.display().to_string(),
                    None,
                    "",
                    "companion TSV without its figure in _figures/: not converted".into(),
                ),
            }
        }
    }
}

/// Reads one front-matter file and its companions into a record.
pub fn load_file(
    path: &Path,
    companions: &[(Kind, PathBuf)],
    report: &mut Report,
) -> Option<Record> {
    let shown = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.error(&shown, None, "", format!("cannot read: {e}"));
            return None;
        }
    };
    let doc = frontmatter::decode(&bytes).and_then(frontmatter::split_file);
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            report.error(&shown, e.line, "", e.message);
            return None;
        }
    };
    let mut record = parse_document(&doc, &shown, report)?;
    for (kind, tsv_path) in companions {
        if !attach(&mut record, *kind, tsv_path, report) {
            return None;
        }
    }
    Some(record)
}

/// Parses one front-matter document (of a file or of standard input).
pub fn parse_document(
    doc: &frontmatter::Document,
    path: &str,
    report: &mut Report,
) -> Option<Record> {
    match yaml::parse(&doc.yaml, path, doc.line + 1) {
        Ok(mut record) => {
            for rows in record.genes.iter_mut() {
                rows.path = path.to_owned();
            }
            for rows in record
                .chemicals
                .iter_mut()
                .chain(record.diseases.iter_mut())
            {
                rows.path = path.to_owned();
            }
            Some(record)
        }
        Err(e) => {
            // serde_yaml often starts its message with the path already
            // (`organisms[0]: ...`): do not name the field twice.
            let message = if e.field.is_empty() || e.message.starts_with(&e.field) {
                e.message
            } else {
                format!("{}: {}", e.field, e.message)
            };
            report.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                path: path.to_owned(),
                line: e.line,
                field: String::new(),
                message: format!("bad YAML: {message}"),
            });
            None
        }
    }
}

/// Adds a companion TSV's rows to a record; false when the file is unusable
/// (the record then fails as a whole, with the reason reported).
fn attach(record: &mut Record, kind: Kind, path: &Path, report: &mut Report) -> bool {
    let shown = path.display().to_string();
    let text = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.error(&shown, None, "", format!("cannot read: {e}"));
            return false;
        }
    };
    let text = match frontmatter::decode(&text) {
        Ok(t) => t,
        Err(e) => {
            report.error(&shown, e.line, "", e.message);
            return false;
        }
    };
    match tsv::parse(kind, text, &shown, report) {
        Ok(tsv::Table::Genes(rows)) => record.genes.push(rows),
        Ok(tsv::Table::Terms(Kind::Chemicals, rows)) => record.chemicals.push(rows),
        Ok(tsv::Table::Terms(_, rows)) => record.diseases.push(rows),
        Err(e) => {
            report.error(&shown, e.line, "", e.message);
            return false;
        }
    }
    true
}
