//! Companion TSV files (`_data/<figid>-genes.tsv`, `-chemicals.tsv`,
//! `-diseases.tsv`): header row first, columns matched by name.

use std::borrow::Cow;

use super::record::{GeneRow, LegacyItem, Rows, TermRow, Text, Value};
use crate::diag::Diagnostics;

/// The kind of a companion file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `-genes.tsv`.
    Genes,
    /// `-chemicals.tsv`.
    Chemicals,
    /// `-diseases.tsv`.
    Diseases,
}

impl Kind {
    /// Every kind, in mention-numbering order.
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

    /// `gene`, `chemical`, `disease`: the mention IRI's fragment (`F#gene-1`).
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Genes => "gene",
            Kind::Chemicals => "chemical",
            Kind::Diseases => "disease",
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

    /// A header naming one of these columns is of the current shape.
    fn id_columns(self) -> &'static [&'static str] {
        match self {
            Kind::Genes => &["ncbigene_id"],
            Kind::Chemicals => &["mesh", "chebi"],
            Kind::Diseases => &["mesh", "doid"],
        }
    }
}

/// The older chemicals/diseases shape: its columns are the keys of a legacy
/// inline item, and each row maps as such an item does.
const OLDER_COLUMNS: &[&str] = &["word", "source", "identifier"];

/// The header shape of a companion file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Current,
    /// `word source identifier` (chemicals and diseases only).
    Older,
}

impl Shape {
    /// The shape a header names, if any: the current one when it names an
    /// id column of its kind, else the older one when it names `identifier`.
    fn of(kind: Kind, header: &[Cow<str>]) -> Option<Shape> {
        let names = |col: &str| header.iter().any(|h| h == col);
        if kind.id_columns().iter().any(|c| names(c)) {
            Some(Shape::Current)
        } else if kind != Kind::Genes && names("identifier") {
            Some(Shape::Older)
        } else {
            None
        }
    }

    fn columns(self, kind: Kind) -> &'static [&'static str] {
        match self {
            Shape::Current => kind.columns(),
            Shape::Older => OLDER_COLUMNS,
        }
    }
}

/// Rows of a companion TSV, typed by kind.
#[derive(Debug)]
pub enum Table<'a> {
    /// A genes file.
    Genes(Rows<GeneRow<'a>>),
    /// A chemicals or diseases file.
    Terms(Kind, Rows<TermRow<'a>>),
}

/// Why a TSV file gives no rows at all (an empty file, a header of no known
/// shape). The caller reports it; it costs that file only.
#[derive(Debug)]
pub struct TsvError {
    /// 1-based line, where known.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

/// Parses one companion file. Row-level problems (ragged rows, unknown or
/// duplicate columns) go to `report`; unknown columns to `report.unmapped`.
pub fn parse<'a>(
    kind: Kind,
    text: &'a str,
    path: &str,
    report: &mut Diagnostics,
) -> Result<Table<'a>, TsvError> {
    if text.trim().is_empty() {
        return Err(TsvError {
            line: None,
            message: "empty file (no header row): no mention from this file".into(),
        });
    }
    let mut records = Records::new(text);
    let mut header = Vec::new();
    records.next_into(&mut header);
    let Some(shape) = Shape::of(kind, &header) else {
        return Err(TsvError {
            line: Some(1),
            message: format!(
                "the header matches no known {} TSV shape (columns {}{}), found {}: no mention from this file",
                kind.name(),
                kind.columns().join(", "),
                if kind == Kind::Genes {
                    String::new()
                } else {
                    format!("; or {}", OLDER_COLUMNS.join(", "))
                },
                show_header(&header)
            ),
        });
    };
    let known = shape.columns(kind);
    // Column index for each known column; the first of duplicates wins.
    let mut slots: Vec<Option<usize>> = vec![None; known.len()];
    for (i, name) in header.iter().enumerate() {
        let name: &str = name;
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
    let width = header.len();
    // Sized once from the line count (rows end at line ends), not grown
    // row by row; capped, since blank lines give no row and a row is
    // hundreds of bytes.
    let lines = memchr::memchr_iter(b'\n', text.as_bytes())
        .count()
        .min(ROWS_AT_ONCE);
    let (mut gene_rows, mut term_rows) = match kind {
        Kind::Genes => (Vec::with_capacity(lines), Vec::new()),
        _ => (Vec::new(), Vec::with_capacity(lines)),
    };
    let mut rec = Vec::with_capacity(width);
    while let Some(line) = records.next_into(&mut rec) {
        if rec.len() == 1 && rec[0].is_empty() {
            continue; // a blank line
        }
        if let Some(open) = records.unclosed.take() {
            // The cell took the rest of the file: the rows after it are
            // gone, and this one is not what it says.
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
        let cell = |k: usize| -> Value<'a> { slots[k].map(|i| Text::new(rec[i].clone(), line)) };
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
            _ if shape == Shape::Older => {
                let mut row = TermRow {
                    line,
                    ..TermRow::default()
                };
                for (k, column) in known.iter().enumerate() {
                    row.set_legacy(column, cell(k));
                }
                term_rows.push(Some(row));
            }
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
    Ok(table(
        kind,
        path,
        gene_rows,
        term_rows,
        shape == Shape::Older,
    ))
}

/// Tab-separated records with RFC 4180 quoting, as R's `readr::write_tsv`
/// writes it (rows end at `\n`, `\r\n` or a lone `\r`, as the `csv` crate
/// reads them): a cell that starts with `"` runs to the next `"` not doubled
/// (and may hold tabs and line breaks); a `"` anywhere else is data.
///
/// Hand-written rather than the `csv` crate: building a `csv` reader per
/// file (its DFA) took 6.4% of a single-thread conversion of 10,000
/// make-corpus figures, more than the reading itself.
struct Records<'a> {
    text: &'a str,
    pos: usize,
    /// 1-based line where the next record starts.
    line: u32,
    /// Set when a quoted cell, opened on this line, never closed: it took
    /// the rest of the text.
    unclosed: Option<u32>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            text,
            pos: 0,
            line: 1,
            unclosed: None,
        }
    }

    /// Reads the next record's cells into `out`; returns its line.
    ///
    /// Every byte searched for is ASCII, so each cut is on a character
    /// boundary.
    fn next_into(&mut self, out: &mut Vec<Cow<'a, str>>) -> Option<u32> {
        out.clear();
        if self.pos >= self.text.len() {
            return None;
        }
        let start_line = self.line;
        let bytes = self.text.as_bytes();
        loop {
            if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                let mut value = String::new();
                let mut i = self.pos + 1;
                loop {
                    let Some(rel) = memchr::memchr(b'"', &bytes[i..]) else {
                        value.push_str(&self.text[i..]);
                        out.push(Cow::Owned(value));
                        self.unclosed = Some(open_line);
                        self.pos = self.text.len();
                        return Some(start_line);
                    };
                    let part = &self.text[i..i + rel];
                    value.push_str(part);
                    self.line += part.matches('\n').count() as u32;
                    i += rel + 1;
                    if bytes.get(i) == Some(&b'"') {
                        value.push('"');
                        i += 1;
                    } else {
                        break;
                    }
                }
                // Anything between the closing quote and the separator is data too.
                let end = cell_end(bytes, i);
                value.push_str(&self.text[i..end]);
                out.push(Cow::Owned(value));
                self.pos = end;
            } else {
                let end = cell_end(bytes, self.pos);
                out.push(Cow::Borrowed(&self.text[self.pos..end]));
                self.pos = end;
            }
            // A row ends at `\n`, `\r\n`, or a lone `\r` (old Mac files);
            // lines are counted by `\n`.
            match bytes.get(self.pos) {
                Some(b'\t') => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Some(start_line);
                }
                Some(b'\r') => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                        self.line += 1;
                    }
                    return Some(start_line);
                }
                _ => return Some(start_line),
            }
        }
    }
}

/// A header row for a report: its first cells, tab-joined, quoted and
/// escaped, cut short when long.
fn show_header(header: &[Cow<str>]) -> String {
    let joined = header
        .iter()
        .take(16)
        .map(|c| &**c)
        .collect::<Vec<_>>()
        .join("\t");
    crate::diag::show_at_most(&joined, 240)
}

fn table<'a>(
    kind: Kind,
    path: &str,
    genes: Vec<Option<GeneRow<'a>>>,
    terms: Vec<Option<TermRow<'a>>>,
    legacy_keys: bool,
) -> Table<'a> {
    fn rows<T>(path: &str, legacy_keys: bool, rows: Vec<Option<T>>) -> Rows<T> {
        Rows {
            path: path.to_owned(),
            inline: false,
            legacy_keys,
            rows,
        }
    }
    match kind {
        Kind::Genes => Table::Genes(rows(path, legacy_keys, genes)),
        _ => Table::Terms(kind, rows(path, legacy_keys, terms)),
    }
}

/// The most rows a table's vector is sized for before its first row: more
/// than any PFOCR companion has.
const ROWS_AT_ONCE: usize = 4096;

/// Where the cell starting at `from` ends: at the next tab or line end.
fn cell_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr3(b'\t', b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |r| from + r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(u32, Vec<String>)> {
        let mut r = Records::new(text);
        let mut out = Vec::new();
        let mut row = Vec::new();
        while let Some(line) = r.next_into(&mut row) {
            out.push((line, row.iter().map(|c| c.to_string()).collect()));
        }
        out
    }

    #[test]
    fn splits_tabs_and_keeps_stray_quotes() {
        assert_eq!(
            cells("a\tb\r\n5\"-AMP\t\n"),
            vec![
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["5\"-AMP".into(), "".into()])
            ]
        );
    }

    fn parsed(kind: Kind, text: &str) -> (Result<Table<'_>, TsvError>, Diagnostics) {
        let mut report = Diagnostics::default();
        (parse(kind, text, "x.tsv", &mut report), report)
    }

    #[test]
    fn the_older_form_fills_legacy_fields_by_name() {
        let (table, report) = parsed(
            Kind::Diseases,
            "source\tidentifier\tword\textra\nMESH\tD1\tw\tz\n",
        );
        let Ok(Table::Terms(Kind::Diseases, rows)) = table else {
            panic!("{table:?}")
        };
        assert!(!rows.inline);
        let row = rows.rows[0].as_ref().unwrap();
        assert_eq!(row.line, 2);
        assert_eq!(row.source, Some(Text::new("MESH", 2)));
        assert_eq!(row.mesh, Some(Text::new("D1", 2)));
        assert_eq!(row.word, Some(Text::new("w", 2)));
        assert_eq!(report.unmapped, vec!["diseases.tsv:extra".to_string()]);
        // Genes have no older form.
        let (table, report) = parsed(Kind::Genes, "word\tsource\tidentifier\nw\ts\t1\n");
        assert_eq!(table.unwrap_err().line, Some(1));
        assert!(report.unmapped.is_empty());
    }

    #[test]
    fn blank_lines_do_not_size_the_rows() {
        // Sized by its lines alone, a 200 MB file of blank lines asked for
        // tens of GB up front and the allocation aborted the run.
        let text = format!("ncbigene_id\tword\n{}1\tw\n", "\n".repeat(100_000));
        let (table, _) = parsed(Kind::Genes, &text);
        let Ok(Table::Genes(rows)) = table else {
            panic!("{table:?}")
        };
        assert_eq!(rows.rows.len(), 1);
        assert!(
            rows.rows.capacity() <= ROWS_AT_ONCE,
            "{}",
            rows.rows.capacity()
        );
    }

    #[test]
    fn blank_files_and_header_only_files() {
        for text in ["", "\n", " \r\n\n"] {
            assert_eq!(parsed(Kind::Chemicals, text).0.unwrap_err().line, None);
        }
        let (table, report) = parsed(Kind::Chemicals, "word\tmesh");
        let Ok(Table::Terms(_, rows)) = table else {
            panic!("{table:?}")
        };
        assert!(rows.rows.is_empty() && report.diagnostics.is_empty());
    }

    #[test]
    fn quoted_cells_hold_tabs_quotes_and_breaks() {
        assert_eq!(
            cells("\"a\tb\"\t\"say \"\"hi\"\"\"\n\"two\nlines\"\tx\nlast"),
            vec![
                (1, vec!["a\tb".into(), "say \"hi\"".into()]),
                (2, vec!["two\nlines".into(), "x".into()]),
                (4, vec!["last".into()]),
            ]
        );
        let mut r = Records::new("a\n\"open\tb\nc");
        let mut row = Vec::new();
        assert_eq!(r.next_into(&mut row), Some(1));
        assert_eq!(r.next_into(&mut row), Some(2));
        assert_eq!(r.unclosed, Some(2));
        assert_eq!(row, vec![Cow::Borrowed("open\tb\nc")]);
        assert_eq!(r.next_into(&mut row), None);
    }
}
