//! Companion TSV files (`_data/<figid>-genes.tsv`, `-chemicals.tsv`,
//! `-diseases.tsv`): header row first, columns matched by name.

use super::record::{GeneRow, Rows, TermRow, Text, Value};
use crate::diag::Report;

/// The kind of a companion file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Genes,
    Chemicals,
    Diseases,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Genes, Kind::Chemicals, Kind::Diseases];

    /// `genes`, `chemicals`, `diseases`: the file-name suffix and the
    /// record key of the inline items.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Genes => "genes",
            Kind::Chemicals => "chemicals",
            Kind::Diseases => "diseases",
        }
    }

    fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Genes => &[
                "organism_id",
                "organism_name",
                "organism_group",
                "word",
                "match",
                "ncbigene_symbol",
                "ncbigene_id",
                "source",
                "count_direct",
                "count_synonym",
                "count_match",
            ],
            Kind::Chemicals => &["word", "mesh", "match", "name", "chebi"],
            Kind::Diseases => &["word", "mesh", "match", "name", "doid"],
        }
    }

    /// A header must name this column for the file to be read.
    fn id_column(self) -> &'static str {
        match self {
            Kind::Genes => "ncbigene_id",
            Kind::Chemicals | Kind::Diseases => "mesh",
        }
    }
}

/// Rows of a companion TSV, typed by kind.
#[derive(Debug)]
pub enum Table {
    Genes(Rows<GeneRow>),
    Terms(Kind, Rows<TermRow>),
}

/// Why a TSV file could not be read at all.
#[derive(Debug)]
pub struct TsvError {
    pub line: Option<u32>,
    pub message: String,
}

/// Parses one companion file. Row-level problems (ragged rows, unknown or
/// duplicate columns) go to `report`; unknown columns to `report.unmapped`.
pub fn parse(kind: Kind, text: &str, path: &str, report: &mut Report) -> Result<Table, TsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Ok(table(kind, path, Vec::new(), Vec::new())),
        Some(Err(e)) => return Err(csv_error(e)),
        Some(Ok(h)) => h,
    };
    let known = kind.columns();
    // Column index for each known column; the first of duplicates wins.
    let mut slots: Vec<Option<usize>> = vec![None; known.len()];
    for (i, name) in header.iter().enumerate() {
        match known.iter().position(|k| *k == name) {
            Some(k) if slots[k].is_none() => slots[k] = Some(i),
            Some(_) => report.warn(
                path,
                Some(1),
                &format!("{}.tsv:{name}", kind.name()),
                format!(
                    "duplicate column {name:?} (column {}): only the first is read",
                    i + 1
                ),
            ),
            None => report.unmapped.push(format!("{}.tsv:{name}", kind.name())),
        }
    }
    let id_col = known.iter().position(|k| *k == kind.id_column()).unwrap();
    if slots[id_col].is_none() && !(kind != Kind::Genes && slots[4].is_some()) {
        return Err(TsvError {
            line: Some(1),
            message: format!(
                "missing header: the first row must name the columns (e.g. {}), found {:?}",
                known.join(", "),
                header.iter().take(12).collect::<Vec<_>>().join("\t")
            ),
        });
    }
    let width = header.len();
    let mut gene_rows = Vec::new();
    let mut term_rows = Vec::new();
    let unclosed = unclosed_quote(text);
    let mut records = records.peekable();
    while let Some(rec) = records.next() {
        let rec = rec.map_err(csv_error)?;
        let line = rec.position().map_or(0, |p| p.line() as u32);
        if rec.len() == 1 && rec.get(0) == Some("") {
            continue; // a blank line
        }
        if let Some(open) = unclosed
            && records.peek().is_none()
        {
            // The csv reader takes the rest of the file as that one cell,
            // swallowing the rows after it without a word.
            report.warn(
                path,
                Some(line),
                &format!("{}.tsv", kind.name()),
                format!(
                    "the quoted cell opened on line {open} never closes (it would hold the rest of the file); row skipped"
                ),
            );
            match kind {
                Kind::Genes => gene_rows.push(None),
                _ => term_rows.push(None),
            }
            continue;
        }
        if rec.len() != width {
            report.warn(
                path,
                Some(line),
                &format!("{}.tsv", kind.name()),
                format!(
                    "ragged row: {} cells where the header has {width}; row skipped",
                    rec.len()
                ),
            );
            // Keep the numbering: the row still takes its place.
            match kind {
                Kind::Genes => gene_rows.push(None),
                _ => term_rows.push(None),
            }
            continue;
        }
        let cell = |k: usize| -> Value {
            slots[k]
                .and_then(|i| rec.get(i))
                .map(|v| Text::new(v, line))
        };
        match kind {
            Kind::Genes => gene_rows.push(Some(GeneRow {
                line,
                organism_id: cell(0),
                organism_name: cell(1),
                organism_group: cell(2),
                word: cell(3),
                matched: cell(4),
                ncbigene_symbol: cell(5),
                ncbigene_id: cell(6),
                source: cell(7),
                count_direct: cell(8),
                count_synonym: cell(9),
                count_match: cell(10),
                ..GeneRow::default()
            })),
            _ => term_rows.push(Some(TermRow {
                line,
                word: cell(0),
                mesh: cell(1),
                matched: cell(2),
                name: cell(3),
                other_id: cell(4),
                source: None,
            })),
        }
    }
    Ok(table(kind, path, gene_rows, term_rows))
}

/// The line where a quoted cell opens and never closes, read the way the
/// csv reader reads it (RFC 4180: a `"` opens a cell only at its start;
/// `""` inside is a quote).
fn unclosed_quote(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut open = None;
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if open.is_some() {
            if c == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if c == b'"' && at_cell_start {
            open = Some(line);
        }
        if c == b'\n' {
            line += 1;
        }
        at_cell_start = open.is_none() && matches!(c, b'\t' | b'\n' | b'\r');
        i += 1;
    }
    open
}

fn table(
    kind: Kind,
    path: &str,
    genes: Vec<Option<GeneRow>>,
    terms: Vec<Option<TermRow>>,
) -> Table {
    fn rows<T>(path: &str, rows: Vec<Option<T>>) -> Rows<T> {
        Rows {
            path: path.to_owned(),
            inline: false,
            rows,
        }
    }
    match kind {
        Kind::Genes => Table::Genes(rows(path, genes)),
        _ => Table::Terms(kind, rows(path, terms)),
    }
}

fn csv_error(e: csv::Error) -> TsvError {
    TsvError {
        line: e.position().map(|p| p.line() as u32),
        message: e.to_string(),
    }
}
