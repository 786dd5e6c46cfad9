//! How a report names a field: a top-level key, an inline mention item's
//! YAML key, or a TSV column.

use std::fmt;

use crate::read::Kind;

/// Names a field in a report; formatted only when something is reported.
#[derive(Clone, Copy)]
pub(super) enum Field<'x> {
    /// A top-level key (`ndex`, `year`).
    Key(&'x str),
    /// A mention field: the YAML key of an inline item (`genes[3].entrez`)
    /// or the TSV column (`genes.tsv row 3: ncbigene_id`). `column` is the
    /// current TSV column; `legacy` names it by the legacy item key
    /// (`identifier` for `mesh`), as inline items and the older
    /// three-column TSV spell it.
    Row {
        inline: bool,
        legacy: bool,
        kind: Kind,
        n: usize,
        column: &'x str,
    },
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Field::Key(key) => f.write_str(key),
            Field::Row {
                inline,
                legacy,
                kind,
                n,
                column,
            } => {
                let name = match column {
                    "ncbigene_id" if legacy => "entrez",
                    "mesh" if legacy => "identifier",
                    other => other,
                };
                if inline {
                    write!(f, "{}[{n}].{name}", kind.name())
                } else {
                    write!(f, "{}.tsv row {n}: {name}", kind.name())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(Field::Key("year").to_string(), "year");
        let row = |inline, column| Field::Row {
            inline,
            legacy: inline,
            kind: Kind::Genes,
            n: 3,
            column,
        };
        assert_eq!(row(true, "ncbigene_id").to_string(), "genes[3].entrez");
        assert_eq!(row(true, "word").to_string(), "genes[3].word");
        assert_eq!(
            row(false, "ncbigene_id").to_string(),
            "genes.tsv row 3: ncbigene_id"
        );
        let older = Field::Row {
            inline: false,
            legacy: true,
            kind: Kind::Chemicals,
            n: 3,
            column: "mesh",
        };
        assert_eq!(older.to_string(), "chemicals.tsv row 3: identifier");
        let chem = Field::Row {
            inline: true,
            legacy: true,
            kind: Kind::Chemicals,
            n: 1,
            column: "mesh",
        };
        assert_eq!(chem.to_string(), "chemicals[1].identifier");
    }
}
