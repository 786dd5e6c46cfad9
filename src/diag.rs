//! Problems found in the input, reported with file, line and field.

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// One value was reported and gave no triple; the record was converted.
    Warning,
    /// The whole record could not be converted.
    Error,
}

/// One reported problem, displayed as
/// `path:line: warning: field: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The file (or `<stdin>`).
    pub path: String,
    /// 1-based line in that file, where known.
    pub line: Option<u32>,
    /// The field, e.g. `genes[3].entrez` or `genes.tsv:ncbigene_id`.
    pub field: String,
    /// What is wrong, with the offending value.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {kind}")?;
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// Collects the problems of one record, and the keys the mapping does not
/// know.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// The problems, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Keys (or TSV columns) the mapper does not know, in order of appearance.
    pub unmapped: Vec<String>,
}

impl Diagnostics {
    /// Adds a warning.
    pub fn warn(&mut self, path: &str, line: Option<u32>, field: &str, message: String) {
        self.push(Severity::Warning, path, line, field, message);
    }

    /// Adds an error.
    pub fn error(&mut self, path: &str, line: Option<u32>, field: &str, message: String) {
        self.push(Severity::Error, path, line, field, message);
    }

    fn push(
        &mut self,
        severity: Severity,
        path: &str,
        line: Option<u32>,
        field: &str,
        message: String,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            path: path.to_owned(),
            line,
            field: field.to_owned(),
            message,
        });
    }

    /// Whether an error was added.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Quotes a value for a message so that spaces, newlines and control
/// characters are visible (and cannot forge another report line); cut
/// after 80 characters.
pub fn show(value: &str) -> String {
    show_at_most(value, 80)
}

/// [`show`], cut after `max` characters.
pub fn show_at_most(value: &str, max: usize) -> String {
    let mut out = String::from("\"");
    for (i, c) in value.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.extend(c.escape_debug());
    }
    out.push('"');
    out
}
