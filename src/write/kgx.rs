//! KGX tables (nodes, edges) as TSV or JSON Lines: rows of named columns,
//! each cell empty, one value or a list. Knows nothing of the vocabulary:
//! the columns and the values come from `map::kgx`.

use super::escape::push_json_string;

/// A table's columns, in the order they are written, and which are lists.
#[derive(Clone, Copy, Debug)]
pub struct Columns {
    /// Column names.
    pub names: &'static [&'static str],
    /// Whether each column is multivalued (a JSON array; `|`-joined in TSV).
    pub lists: &'static [bool],
}

/// One cell, borrowed: one value or a list (an empty list: no value).
/// Values are written as they are, but for the TSV rule of `push_tsv_cell`.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// One value.
    One(&'a str),
    /// Any number of values.
    List(&'a [String]),
    /// Any number of names known when compiling (categories).
    Names(&'a [&'static str]),
}

impl<'a> Cell<'a> {
    /// No value.
    pub const EMPTY: Cell<'static> = Cell::Names(&[]);

    fn values(self) -> impl Iterator<Item = &'a str> {
        let (one, list, names) = match self {
            Cell::One(s) => (Some(s), &[][..], &[][..]),
            Cell::List(l) => (None, l, &[][..]),
            Cell::Names(n) => (None, &[][..], n),
        };
        one.into_iter()
            .chain(list.iter().map(String::as_str))
            .chain(names.iter().copied())
    }

    fn is_empty(self) -> bool {
        matches!(self, Cell::List([]) | Cell::Names([]))
    }
}

/// The two KGX syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Tab-separated, a header line first, lists `|`-separated.
    Tsv,
    /// One JSON object a line, empty cells left out.
    Jsonl,
}

impl Syntax {
    /// Written once at the top of a table.
    pub fn header(self, cols: Columns, out: &mut Vec<u8>) {
        if self == Syntax::Tsv {
            out.extend_from_slice(cols.names.join("\t").as_bytes());
            out.push(b'\n');
        }
    }

    /// Appends one row of borrowed cells.
    pub fn cells(self, cols: Columns, row: &[Cell<'_>], out: &mut Vec<u8>) {
        debug_assert_eq!(row.len(), cols.names.len());
        match self {
            Syntax::Tsv => {
                for (i, cell) in row.iter().enumerate() {
                    if i > 0 {
                        out.push(b'\t');
                    }
                    push_tsv_cell(out, *cell);
                }
                out.push(b'\n');
            }
            Syntax::Jsonl => {
                // Keys in column order (serde_json's Map would sort them).
                out.push(b'{');
                let mut first = true;
                for ((name, list), &cell) in cols.names.iter().zip(cols.lists).zip(row) {
                    if cell.is_empty() {
                        continue;
                    }
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    push_json_string(out, name);
                    out.push(b':');
                    if *list {
                        out.push(b'[');
                        for (i, v) in cell.values().enumerate() {
                            if i > 0 {
                                out.push(b',');
                            }
                            push_json_string(out, v);
                        }
                        out.push(b']');
                    } else if let Some(v) = cell.values().next() {
                        push_json_string(out, v);
                    }
                }
                out.extend_from_slice(b"}\n");
            }
        }
    }
}

/// A TSV cell as KGX's TSV reader reads it back: values `|`-joined. That
/// reader is pandas' `read_csv(sep='\t', quoting=QUOTE_NONE)`: nothing can
/// be quoted or escaped, so a tab, CR or LF inside a value becomes a space
/// (what KGX's own TSV writer does) and the cell stays one cell; `"` is
/// plain data. KGX splits any cell at `|` (a name would become a list,
/// which `kgx validate` rejects), so a `|` inside a value becomes `¦`
/// (U+00A6). The JSON Lines form keeps every value exactly.
fn push_tsv_cell(out: &mut Vec<u8>, cell: Cell<'_>) {
    for (i, v) in cell.values().enumerate() {
        if i > 0 {
            out.push(b'|');
        }
        super::escape::push_kgx_tsv_value(out, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: Columns = Columns {
        names: &["id", "category", "name"],
        lists: &[false, true, false],
    };

    fn row(name: &str) -> [Cell<'_>; 3] {
        [
            Cell::One("X:1"),
            Cell::Names(&["a:A", "a:B"]),
            Cell::One(name),
        ]
    }

    #[test]
    fn tsv_cells_never_split() {
        let mut out = Vec::new();
        Syntax::Tsv.header(COLS, &mut out);
        Syntax::Tsv.cells(COLS, &row("plain"), &mut out);
        Syntax::Tsv.cells(COLS, &row("a\tb\n\"c\"|d"), &mut out);
        let list = ["a:A".to_owned(), "a:B".to_owned()];
        Syntax::Tsv.cells(
            COLS,
            &[Cell::One("X:2"), Cell::List(&list), Cell::EMPTY],
            &mut out,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id\tcategory\tname\nX:1\ta:A|a:B\tplain\nX:1\ta:A|a:B\ta b \"c\"¦d\nX:2\ta:A|a:B\t\n"
        );
    }

    #[test]
    fn jsonl_leaves_out_empty_cells() {
        let mut out = Vec::new();
        let mut r = row("n\"\t");
        r[2] = Cell::EMPTY;
        Syntax::Jsonl.cells(COLS, &r, &mut out);
        Syntax::Jsonl.cells(COLS, &row("n\"\t"), &mut out);
        Syntax::Jsonl.cells(
            COLS,
            &[Cell::One("X:2"), Cell::List(&[]), Cell::One("m")],
            &mut out,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":\"X:1\",\"category\":[\"a:A\",\"a:B\"]}\n{\"id\":\"X:1\",\"category\":[\"a:A\",\"a:B\"],\"name\":\"n\\\"\\t\"}\n{\"id\":\"X:2\",\"name\":\"m\"}\n"
        );
    }
}
