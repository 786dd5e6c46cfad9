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
use std::path::{Path, PathBuf};

pub use discover::{Discovery, Found, Source, count};
pub use record::{GeneRow, Record, Rows, TermRow, Text, Value};
pub use tsv::Kind;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use digest::Inputs;

/// The label of the front matter's bytes in the inputs digest; companions
/// are labelled `genes.tsv`, `chemicals.tsv`, `diseases.tsv`.
const RECORD_PART: &str = "record";

/// Reads one front-matter file and its companions into a record.
pub fn load_file(
    path: &Path,
    companions: &[(Kind, PathBuf)],
    report: &mut Diagnostics,
) -> Option<Record> {
    let shown = path.display().to_string();
    let bytes = read_reported(path, &shown, report)?;
    let mut record = front_matter(&shown, &bytes, report)?;
    let mut inputs = Inputs::new();
    inputs.part(RECORD_PART, &bytes);
    drop(bytes);
    for (kind, tsv_path) in companions {
        attach(&mut record, *kind, tsv_path, &mut inputs, report);
    }
    record.inputs_digest = inputs.finish();
    Some(record)
}

/// The record of a front-matter file's bytes (without its companions).
fn front_matter(path: &str, bytes: &[u8], diags: &mut Diagnostics) -> Option<Record> {
    match frontmatter::decode(bytes).and_then(frontmatter::split_file) {
        Ok(doc) => parse_document(&doc, path, diags),
        Err(e) => {
            diags.error(path, e.line, "", e.message);
            None
        }
    }
}

/// Parses one front-matter document (of a file or of standard input).
pub fn parse_document(
    doc: &frontmatter::Document,
    path: &str,
    report: &mut Diagnostics,
) -> Option<Record> {
    // The fast reader covers what PFOCR writes; anything else (and every
    // syntax error) goes to the general reader. One binding for both.
    let first_line = doc.line + 1;
    let parsed = match fast_yaml::tree(&doc.yaml, first_line) {
        Some(tree) => schema::bind(&tree, doc.yaml.len(), path, first_line),
        None => yaml::parse(&doc.yaml, path, first_line),
    };
    match parsed {
        Ok(mut record) => {
            let mut inputs = Inputs::new();
            inputs.part(RECORD_PART, doc.yaml.as_bytes());
            record.inputs_digest = inputs.finish();
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

/// A file's bytes, or an error report naming it.
fn read_reported(path: &Path, shown: &str, report: &mut Diagnostics) -> Option<Vec<u8>> {
    fs::read(path)
        .map_err(|e| report.error(shown, None, "", format!("cannot read: {e}")))
        .ok()
}

/// Adds a companion TSV's rows to a record. A file that cannot be read, is
/// not UTF-8, is empty or has a header of no known shape is reported as a
/// warning and gives no mention: it never costs the figure.
fn attach(
    record: &mut Record,
    kind: Kind,
    path: &Path,
    inputs: &mut Inputs,
    diags: &mut Diagnostics,
) {
    let shown = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => {
            inputs.part(&companion_field(kind), &bytes);
            attach_bytes(record, kind, &bytes, &shown, diags)
        }
        Err(e) => {
            inputs.unreadable(&companion_field(kind));
            let message = format!("cannot read: {e}: no mention from this file");
            diags.warn(&shown, None, &companion_field(kind), message);
        }
    }
}

/// The field naming a whole companion file in reports: `genes.tsv`.
fn companion_field(kind: Kind) -> String {
    format!("{}.tsv", kind.name())
}

/// [`attach`] for a companion's bytes; `shown` names it in reports.
fn attach_bytes(
    record: &mut Record,
    kind: Kind,
    bytes: &[u8],
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
pub fn record_from_text(
    path: &str,
    text: &str,
    companions: &[(Kind, &str, &str)],
    diags: &mut Diagnostics,
) -> Option<Record> {
    let mut record = front_matter(path, text.as_bytes(), diags)?;
    let mut inputs = Inputs::new();
    inputs.part(RECORD_PART, text.as_bytes());
    for &(kind, tsv_path, tsv) in companions {
        inputs.part(&companion_field(kind), tsv.as_bytes());
        attach_bytes(&mut record, kind, tsv.as_bytes(), tsv_path, diags);
    }
    record.inputs_digest = inputs.finish();
    Some(record)
}
