//! The record schema: binds a YAML [`Node`] tree, whichever reader made
//! it, to a [`Record`]. This is the one place that knows the keys, the
//! null spellings, scalar-or-list fields, legacy mention items, and
//! duplicate keys.

use foldhash::fast::RandomState;
use std::collections::HashSet;

use super::record::{GeneRow, LegacyItem, Record, Rows, TermRow, Text, Value};
use super::tree::{Entry, Node};
use crate::map::values::is_sentinel;

/// A record that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line, where known.
    pub line: Option<u32>,
    /// Where in the record (`caption`, `genes[2].word`); may be empty.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl ReadError {
    /// An error at `line` in `field`.
    pub fn new(line: u32, field: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            line: Some(line),
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Where each top-level key goes. Adding a key is one line here.
enum Slot {
    Scalar(for<'x, 'r> fn(&'x mut Record<'r>) -> &'x mut Value<'r>),
    /// A scalar or a list of scalars.
    List(for<'x, 'r> fn(&'x mut Record<'r>) -> &'x mut Vec<Text<'r>>),
    Genes,
    Chemicals,
    Diseases,
    Annotations,
    SchemaJsonld,
}

fn slot(key: &str) -> Option<Slot> {
    use Slot::*;
    Some(match key {
        "figid" => Scalar(|r| &mut r.figid),
        "figtitle" => Scalar(|r| &mut r.figtitle),
        "caption" => Scalar(|r| &mut r.caption),
        "pmcid" => Scalar(|r| &mut r.pmcid),
        "papertitle" => Scalar(|r| &mut r.papertitle),
        "reftext" => Scalar(|r| &mut r.reftext),
        "year" => Scalar(|r| &mut r.year),
        "doi" => Scalar(|r| &mut r.doi),
        "journal_title" => Scalar(|r| &mut r.journal_title),
        "journal_nlm_ta" => Scalar(|r| &mut r.journal_nlm_ta),
        "publisher_name" => Scalar(|r| &mut r.publisher_name),
        "keywords" => Scalar(|r| &mut r.keywords),
        "figlink" => Scalar(|r| &mut r.figlink),
        "filename" => Scalar(|r| &mut r.filename),
        "number" => Scalar(|r| &mut r.number),
        "figtype" => Scalar(|r| &mut r.figtype),
        "figid_alias" => Scalar(|r| &mut r.figid_alias),
        "pathway_score" => Scalar(|r| &mut r.pathway_score),
        "automl_pathway" => Scalar(|r| &mut r.automl_pathway),
        "pmc_ranked_result_index" => Scalar(|r| &mut r.pmc_ranked_result_index),
        "ndex" => Scalar(|r| &mut r.ndex),
        "seo" => Scalar(|r| &mut r.seo),
        "wpid" => Scalar(|r| &mut r.wpid),
        "redirect_from" => List(|r| &mut r.redirect_from),
        "organisms" => List(|r| &mut r.organisms),
        "organisms_ner" => List(|r| &mut r.organisms_ner),
        "genes" => Genes,
        "chemicals" => Chemicals,
        "diseases" => Diseases,
        "annotations" => Annotations,
        "schema-jsonld" => SchemaJsonld,
        _ => return None,
    })
}

/// `schema-jsonld` members that restate fields mapped elsewhere (or are
/// site artefacts); `@id` and `keywords` are read.
const SCHEMA_RESTATED: [&str; 6] = [
    "@context",
    "@type",
    "description",
    "license",
    "name",
    "creator",
];

/// YAML null: a plain scalar spelled empty, `~` or `null` (any of YAML's
/// three casings).
pub fn is_null(node: &Node) -> bool {
    matches!(node.resolved(), Node::Scalar { text, plain: true, .. }
        if matches!(&**text, "" | "~" | "null" | "Null" | "NULL"))
}

/// A missing value: YAML null or a sentinel scalar (`NA`, `''`, `.na.*`).
fn is_missing(node: &Node) -> bool {
    match node.resolved() {
        Node::Scalar { text, .. } => is_null(node) || is_sentinel(text),
        _ => false,
    }
}

pub(crate) const ALIAS_BOMB: &str = "anchors and aliases expand to far more text than the record holds (an alias bomb?): record not read";

const TAGGED: &str = "a tagged list or mapping (`!tag`): tags are not supported here (a tagged scalar is read as its text)";

/// Binds the tree of one front matter: `yaml_len` bytes of YAML whose
/// first line is file line `first_line`.
pub fn bind<'a>(
    root: &Node<'a>,
    yaml_len: usize,
    path: &str,
    first_line: u32,
) -> Result<Record<'a>, ReadError> {
    let entries = match root.resolved() {
        Node::Map {
            entries,
            tagged: false,
            ..
        } => entries,
        other => {
            let what = match other {
                Node::Map { .. } | Node::Seq { tagged: true, .. } => {
                    "a tagged value (`!tag ...`)".into()
                }
                Node::Seq { .. } => "a list".into(),
                _ if is_null(other) => "null".into(),
                Node::Scalar { text, .. } => {
                    format!("a single scalar ({})", crate::diag::show(text))
                }
                Node::Alias { .. } => unreachable!("resolved"),
            };
            return Err(ReadError::new(
                root.line(),
                "",
                format!(
                    "the front matter is {what}, not a mapping of record fields (`figid: ...`, `pmcid: ...`)"
                ),
            ));
        }
    };
    let mut b = Binder {
        // Without anchors and aliases a record cannot copy out more than
        // about 1.5 times its own length (escapes such as `\L` grow from 2
        // to 3 bytes); an alias repeats its anchor's text for free.
        budget: yaml_len.saturating_mul(4).saturating_add(4096),
        record: Record::default(),
    };
    b.record(entries)?;
    let mut record = b.record;
    record.path = path.to_owned();
    record.line = first_line.saturating_sub(1);
    Ok(record)
}

struct Binder<'a> {
    /// Bytes of text the binding may still take out of the tree.
    budget: usize,
    record: Record<'a>,
}

/// Duplicate keys of one mapping: the second occurrence, if any. A small
/// mapping is compared pairwise; a large one goes through a hash set,
/// randomly keyed since the keys are the input's.
fn duplicate<'e, 'a>(entries: &'e [Entry<'a>]) -> Option<&'e Entry<'a>> {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .find(|(i, e)| entries[..*i].iter().any(|f| f.key == e.key))
            .map(|(_, e)| e);
    }
    let mut seen: HashSet<&str, RandomState> =
        HashSet::with_capacity_and_hasher(entries.len(), RandomState::default());
    entries.iter().find(|e| !seen.insert(&e.key))
}

impl<'a> Binder<'a> {
    fn charge(
        &mut self,
        len: usize,
        line: u32,
        field: &dyn Fn() -> String,
    ) -> Result<(), ReadError> {
        match self.budget.checked_sub(len + 1) {
            Some(left) => {
                self.budget = left;
                Ok(())
            }
            None => Err(ReadError::new(line, field(), ALIAS_BOMB)),
        }
    }

    fn record(&mut self, entries: &[Entry<'a>]) -> Result<(), ReadError> {
        if let Some(e) = duplicate(entries) {
            return Err(ReadError::new(
                e.line,
                e.key.to_string(),
                format!("duplicate key `{}`", e.key),
            ));
        }
        for e in entries {
            let (key, line, value) = (&*e.key, e.line, &e.value);
            self.charge(key.len(), line, &|| key.to_owned())?;
            let Some(slot) = slot(key) else {
                self.record.unmapped.push((key.to_owned(), line));
                continue;
            };
            match slot {
                Slot::Scalar(field) => {
                    let v = self.scalar(value, line, &|| key.to_owned())?;
                    *field(&mut self.record) = v;
                }
                Slot::List(field) => {
                    let v = self.list(value, line, key, false)?;
                    *field(&mut self.record) = v;
                }
                Slot::Genes => {
                    let rows = self.rows::<GeneRow>(value, line, key)?;
                    self.record.genes.push(rows);
                }
                Slot::Chemicals => {
                    let rows = self.rows::<TermRow>(value, line, key)?;
                    self.record.chemicals.push(rows);
                }
                Slot::Diseases => {
                    let rows = self.rows::<TermRow>(value, line, key)?;
                    self.record.diseases.push(rows);
                }
                Slot::Annotations => {
                    // None seen in the wild: anything but missing values is
                    // reported, never read.
                    let empty = match value.resolved() {
                        Node::Seq { items, .. } => items.iter().all(is_missing),
                        other => is_missing(other),
                    };
                    if !empty {
                        self.record.unmapped.push((key.to_owned(), line));
                    }
                }
                Slot::SchemaJsonld => self.schema(value, line)?,
            }
        }
        Ok(())
    }

    /// A scalar's value (`None` for null) at `line`.
    fn scalar(
        &mut self,
        node: &Node<'a>,
        line: u32,
        field: &dyn Fn() -> String,
    ) -> Result<Value<'a>, ReadError> {
        match node.resolved() {
            n if is_null(n) => Ok(None),
            Node::Scalar { text, .. } => {
                self.charge(text.len(), line, field)?;
                Ok(Some(Text::new(text.clone(), line)))
            }
            Node::Seq { tagged: true, .. } | Node::Map { tagged: true, .. } => {
                Err(ReadError::new(line, field(), TAGGED))
            }
            Node::Seq { .. } => Err(ReadError::new(
                line,
                field(),
                "invalid type: sequence, expected a scalar",
            )),
            _ => Err(ReadError::new(
                line,
                field(),
                "invalid type: map, expected a scalar",
            )),
        }
    }

    /// A scalar or a list of scalars; null items are left out. A lone
    /// scalar takes `line`; list items their own lines unless `one_line`.
    fn list(
        &mut self,
        node: &Node<'a>,
        line: u32,
        key: &str,
        one_line: bool,
    ) -> Result<Vec<Text<'a>>, ReadError> {
        match node.resolved() {
            Node::Seq {
                items,
                tagged: false,
                ..
            } => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = if one_line { line } else { item.line() };
                    let field = || format!("{key}[{}]", i + 1);
                    if let Some(t) = self.scalar(item, at, &field)? {
                        out.push(t);
                    }
                }
                Ok(out)
            }
            Node::Map { tagged: false, .. } => Err(ReadError::new(
                line,
                key,
                "invalid type: map, expected a scalar or a list of scalars",
            )),
            _ => Ok(self
                .scalar(node, line, &|| key.to_owned())?
                .into_iter()
                .collect()),
        }
    }

    /// Legacy inline mention items. A missing value (null or a sentinel)
    /// in place of an item gives no row but keeps its place in the
    /// numbering.
    fn rows<T: LegacyItem<'a>>(
        &mut self,
        node: &Node<'a>,
        line: u32,
        list: &str,
    ) -> Result<Rows<T>, ReadError> {
        let items = match node.resolved() {
            Node::Seq {
                items,
                tagged: false,
                ..
            } => items,
            n if is_missing(n) => return Ok(Rows::default()),
            Node::Seq { .. } | Node::Map { tagged: true, .. } => {
                return Err(ReadError::new(line, list, TAGGED));
            }
            other => {
                return Err(ReadError::new(
                    line,
                    list,
                    format!(
                        "invalid type: {}, expected a list of {list} items",
                        kind(other)
                    ),
                ));
            }
        };
        let mut rows = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            let at = item.line();
            let entries = match item.resolved() {
                Node::Map {
                    entries,
                    tagged: false,
                    ..
                } => entries,
                other if is_missing(other) => {
                    rows.push(None);
                    continue;
                }
                Node::Seq { tagged: true, .. } | Node::Map { tagged: true, .. } => {
                    return Err(ReadError::new(at, format!("{list}[{n}]"), TAGGED));
                }
                other => {
                    return Err(ReadError::new(
                        at,
                        format!("{list}[{n}]"),
                        format!(
                            "invalid type: {}, expected a {list} item (a mapping)",
                            kind(other)
                        ),
                    ));
                }
            };
            if let Some(e) = duplicate(entries) {
                return Err(ReadError::new(
                    e.line,
                    format!("{list}[{n}]"),
                    format!("duplicate key `{}`", e.key),
                ));
            }
            let mut row = T::default();
            row.set_line(at);
            // An aliased item's keys sit at its anchor: name the alias instead.
            let aliased = matches!(item, Node::Alias { .. });
            for e in entries {
                let key = &*e.key;
                let e_line = if aliased { at } else { e.line };
                let field = || format!("{list}[{n}].{key}");
                self.charge(key.len(), e_line, &field)?;
                if T::knows(key) {
                    let value = self.scalar(&e.value, e_line, &field)?;
                    row.set_legacy(key, value);
                } else {
                    self.record
                        .unmapped
                        .push((format!("{list}[].{key}"), e_line));
                }
            }
            rows.push(Some(row));
        }
        Ok(Rows {
            path: String::new(),
            inline: true,
            legacy_keys: true,
            rows,
        })
    }

    /// The record's own `schema-jsonld`: only `@id` and `keywords` carry
    /// data that the other fields do not. Its values take its key's line.
    fn schema(&mut self, node: &Node<'a>, line: u32) -> Result<(), ReadError> {
        const KEY: &str = "schema-jsonld";
        let entries = match node.resolved() {
            Node::Map {
                entries,
                tagged: false,
                ..
            } => entries,
            n if is_missing(n) => return Ok(()),
            Node::Seq { tagged: true, .. } | Node::Map { tagged: true, .. } => {
                return Err(ReadError::new(line, KEY, TAGGED));
            }
            other => {
                return Err(ReadError::new(
                    line,
                    KEY,
                    format!(
                        "invalid type: {}, expected a mapping (the figure's schema.org JSON-LD)",
                        kind(other)
                    ),
                ));
            }
        };
        if let Some(e) = duplicate(entries) {
            return Err(ReadError::new(
                e.line,
                KEY,
                format!("duplicate key `{}`", e.key),
            ));
        }
        for e in entries {
            let key = &*e.key;
            self.charge(key.len(), line, &|| format!("{KEY}.{key}"))?;
            match key {
                "@id" => {
                    self.record.schema_id =
                        self.scalar(&e.value, line, &|| format!("{KEY}.@id"))?;
                }
                "keywords" => {
                    self.record.schema_keywords =
                        self.list(&e.value, line, "schema-jsonld.keywords", true)?;
                }
                k if SCHEMA_RESTATED.contains(&k) => {}
                _ => self.record.unmapped.push((format!("{KEY}.{key}"), line)),
            }
        }
        Ok(())
    }
}

/// What a node is, for "invalid type" messages.
fn kind(node: &Node) -> String {
    match node.resolved() {
        Node::Scalar { text, .. } => format!("string {}", crate::diag::show(text)),
        Node::Seq { .. } => "sequence".into(),
        Node::Map { .. } => "map".into(),
        Node::Alias { .. } => unreachable!("resolved"),
    }
}
