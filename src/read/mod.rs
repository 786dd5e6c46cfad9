//! Reading: find the records, split their front matter, parse YAML and the
//! companion TSVs into a typed [`Record`].

pub mod digest;
pub mod discover;
pub mod fast_yaml;
pub mod frontmatter;
pub mod record;
pub mod schema;
pub mod tree;
pub mod tsv;
pub mod yaml;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use discover::{Discovery, Found, Source, count};
pub use record::{GeneRow, Record, Rows, TermRow, Text, Value};
pub use tsv::Kind;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use digest::Inputs;

/// The label of the front matter's bytes in the inputs digest; companions
/// are labelled `genes.tsv`, `chemicals.tsv`, `diseases.tsv`.
const RECORD_PART: &str = "record";

/// The bytes of one record's files. A record borrows its values from
/// them, so every file is read before parsing starts; one `Files` is
/// reused from record to record, keeping its buffers.
#[derive(Default)]
pub struct Files {
    record: Vec<u8>,
    /// Per companion: its bytes, or why it could not be read.
    companions: Vec<(Vec<u8>, Option<std::io::Error>)>,
}

impl Files {
    fn read(buf: &mut Vec<u8>, path: &Path) -> std::io::Result<()> {
        if buf.capacity() > crate::KEEP_BUFFER {
            *buf = Vec::new();
        }
        buf.clear();
        // Through `Take`: `File::read_to_end` asks the size first (`statx`,
        // `lseek`), which a kept buffer seldom needs: two system calls of
        // six a file.
        fs::File::open(path)?
            .take(u64::MAX)
            .read_to_end(buf)
            .map(drop)
    }
}

/// Reads one front-matter file and its companions into a record, which
/// borrows from `files`.
pub fn load_file<'f>(
    path: &Path,
    companions: &[(Kind, PathBuf)],
    files: &'f mut Files,
    report: &mut Diagnostics,
) -> Option<Record<'f>> {
    let shown = path.display().to_string();
    if let Err(e) = Files::read(&mut files.record, path) {
        report.error(&shown, None, "", format!("cannot read: {e}"));
        return None;
    }
    if files.companions.len() < companions.len() {
        files
            .companions
            .resize_with(companions.len(), Default::default);
    }
    for ((_, tsv_path), (buf, error)) in companions.iter().zip(&mut files.companions) {
        *error = Files::read(buf, tsv_path).err();
    }
    let files: &'f Files = files;
    let parts =
        companions
            .iter()
            .zip(&files.companions)
            .map(|((kind, tsv_path), (bytes, error))| {
                let bytes = match error {
                    None => Ok(&bytes[..]),
                    Some(e) => Err(e),
                };
                (*kind, tsv_path.display().to_string(), bytes)
            });
    assemble(&shown, &files.record, parts, report)
}

/// The record of a front-matter file's bytes and its companions' (kind,
/// name in reports, bytes or why they could not be read), with the digest
/// of them all.
fn assemble<'a, 'e>(
    path: &str,
    bytes: &'a [u8],
    companions: impl Iterator<Item = (Kind, String, Result<&'a [u8], &'e std::io::Error>)>,
    report: &mut Diagnostics,
) -> Option<Record<'a>> {
    let mut record = front_matter(path, bytes, report)?;
    let mut inputs = Inputs::new();
    inputs.part(RECORD_PART, bytes);
    for (kind, shown, tsv) in companions {
        let field = companion_field(kind);
        match tsv {
            Ok(tsv) => {
                inputs.part(&field, tsv);
                attach_bytes(&mut record, kind, tsv, &shown, report);
            }
            Err(e) => {
                inputs.unreadable(&field);
                let message = format!("cannot read: {e}: no mention from this file");
                report.warn(&shown, None, &field, message);
            }
        }
    }
    record.inputs_digest = inputs.finish();
    Some(record)
}

/// The record of a front-matter file's bytes (without its companions).
fn front_matter<'a>(path: &str, bytes: &'a [u8], diags: &mut Diagnostics) -> Option<Record<'a>> {
    match frontmatter::decode(bytes).and_then(frontmatter::split_file) {
        Ok(doc) => read_yaml(&doc, path, diags),
        Err(e) => {
            diags.error(path, e.line, "", e.message);
            None
        }
    }
}

/// Parses one front-matter document of standard input; its digest is
/// that of the document's YAML.
pub fn parse_document<'a>(
    doc: &frontmatter::Document<'a>,
    path: &str,
    report: &mut Diagnostics,
) -> Option<Record<'a>> {
    let mut record = read_yaml(doc, path, report)?;
    let mut inputs = Inputs::new();
    inputs.part(RECORD_PART, doc.yaml.as_bytes());
    record.inputs_digest = inputs.finish();
    Some(record)
}

/// The record of a front-matter document, without its digest.
fn read_yaml<'a>(
    doc: &frontmatter::Document<'a>,
    path: &str,
    report: &mut Diagnostics,
) -> Option<Record<'a>> {
    // The fast reader covers what PFOCR writes; anything else (and every
    // syntax error) goes to the general reader. One binding for both.
    let first_line = doc.line + 1;
    let parsed = match fast_yaml::tree(doc.yaml, first_line) {
        Some(tree) => schema::bind(&tree, doc.yaml.len(), path, first_line),
        None => yaml::parse(doc.yaml, path, first_line),
    };
    match parsed {
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
            let message = if e.field.is_empty() {
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

/// The field naming a whole companion file in reports: `genes.tsv`.
fn companion_field(kind: Kind) -> String {
    format!("{}.tsv", kind.name())
}

/// [`attach`] for a companion's bytes; `shown` names it in reports.
fn attach_bytes<'a>(
    record: &mut Record<'a>,
    kind: Kind,
    bytes: &'a [u8],
    shown: &str,
    diags: &mut Diagnostics,
) {
    let text = match frontmatter::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let message = format!("{}: no mention from this file", e.message);
            return diags.warn(shown, e.line, &companion_field(kind), message);
        }
    };
    match tsv::parse(kind, text, shown, diags) {
        Ok(tsv::Table::Genes(rows)) => record.genes.push(rows),
        Ok(tsv::Table::Terms(Kind::Chemicals, rows)) => record.chemicals.push(rows),
        Ok(tsv::Table::Terms(_, rows)) => record.diseases.push(rows),
        Err(e) => diags.warn(shown, e.line, &companion_field(kind), e.message),
    }
}

/// Reads one record from its front-matter file's text and its companion
/// TSV texts (`(kind, path, text)`; paths name them in reports).
pub fn record_from_text<'a>(
    path: &str,
    text: &'a str,
    companions: &[(Kind, &str, &'a str)],
    diags: &mut Diagnostics,
) -> Option<Record<'a>> {
    let parts = companions
        .iter()
        .map(|&(kind, tsv_path, tsv)| (kind, tsv_path.to_owned(), Ok(tsv.as_bytes())));
    assemble(path, text.as_bytes(), parts, diags)
}
