//! YAML front matter → [`Record`], with `serde_yaml`.
//!
//! Scalars are read with `deserialize_str`, which hands over the scalar's
//! source text, so numbers keep their lexical form and `NO`/`On` stay
//! strings. `serde_yaml` reports no positions for values, so [`Lines`]
//! finds the line of each key and list item in the text itself.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::record::{GeneRow, Record, Rows, TermRow, Text, Value};

/// A record that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: Option<u32>,
    pub field: String,
    pub message: String,
}

/// Parses the YAML of one front-matter document. `first_line` is the
/// file line of the YAML's first line.
pub fn parse(yaml: &str, path: &str, first_line: u32) -> Result<Record, ReadError> {
    let lines = Lines::new(yaml, first_line);
    if yaml.trim().is_empty() {
        return Err(ReadError {
            line: Some(first_line.saturating_sub(1)),
            field: String::new(),
            message: "empty front matter".into(),
        });
    }
    let ctx = Ctx {
        lines: &lines,
        current: RefCell::new(None),
    };
    let de = serde_yaml::Deserializer::from_str(yaml);
    match RecordSeed(&ctx).deserialize(de) {
        Ok(mut record) => {
            record.path = path.to_owned();
            record.line = first_line.saturating_sub(1);
            Ok(record)
        }
        Err(e) => {
            let (field, key_line) = match ctx.current.borrow().as_ref() {
                Some((k, l)) => (k.clone(), Some(*l)),
                None => (String::new(), None),
            };
            let line = e
                .location()
                .map(|l| first_line + l.line() as u32 - 1)
                .or(key_line);
            let mut message = e.to_string();
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            Err(ReadError {
                line,
                field,
                message,
            })
        }
    }
}

/// Where keys and list items sit in the YAML text.
pub struct Lines<'a> {
    lines: Vec<&'a str>,
    first_line: u32,
}

impl<'a> Lines<'a> {
    fn new(yaml: &'a str, first_line: u32) -> Self {
        Lines {
            lines: yaml.lines().collect(),
            first_line,
        }
    }

    fn key_of(line: &str) -> Option<&str> {
        let (key, _) = line.split_once(':')?;
        let key = key.trim_end();
        Some(
            key.strip_prefix('\'')
                .and_then(|k| k.strip_suffix('\''))
                .or_else(|| key.strip_prefix('"').and_then(|k| k.strip_suffix('"')))
                .unwrap_or(key),
        )
    }

    /// Index of the line of a top-level key.
    fn top(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| !l.starts_with([' ', '\t', '-', '#']) && Self::key_of(l) == Some(key))
    }

    fn abs(&self, idx: usize) -> u32 {
        self.first_line + idx as u32
    }

    /// File line of a top-level key (the first line when not found).
    pub fn key_line(&self, key: &str) -> u32 {
        self.abs(self.top(key).unwrap_or(0))
    }

    /// Start indices of the block-sequence items under a top-level key.
    fn items(&self, key: &str) -> Vec<usize> {
        let Some(k) = self.top(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut indent = None;
        for (i, l) in self.lines.iter().enumerate().skip(k + 1) {
            let trimmed = l.trim_start_matches(' ');
            let ind = l.len() - trimmed.len();
            if ind == 0
                && !trimmed.starts_with('-')
                && !trimmed.is_empty()
                && !trimmed.starts_with('#')
            {
                break;
            }
            if trimmed.starts_with("- ") || trimmed == "-" {
                match indent {
                    None => {
                        indent = Some(ind);
                        out.push(i);
                    }
                    Some(n) if n == ind => out.push(i),
                    _ => {}
                }
            }
        }
        out
    }
}

/// Line lookups for the items of one list.
struct ItemLines<'a, 'b> {
    lines: &'b Lines<'a>,
    starts: Vec<usize>,
    key_line: u32,
}

impl ItemLines<'_, '_> {
    fn item(&self, i: usize) -> u32 {
        self.starts
            .get(i)
            .map_or(self.key_line, |&s| self.lines.abs(s))
    }

    fn field(&self, i: usize, key: &str) -> u32 {
        let Some(&start) = self.starts.get(i) else {
            return self.key_line;
        };
        let end = self
            .starts
            .get(i + 1)
            .copied()
            .unwrap_or(self.lines.lines.len());
        (start..end)
            .find(|&j| {
                let l = self.lines.lines[j].trim_start_matches([' ', '-']);
                Lines::key_of(l) == Some(key)
            })
            .map_or(self.item(i), |j| self.lines.abs(j))
    }
}

struct Ctx<'a, 'b> {
    lines: &'b Lines<'a>,
    /// The top-level key being read, and its line, for error reports.
    current: RefCell<Option<(String, u32)>>,
}

/// A scalar as its source text.
struct Raw(String);

impl<'de> de::Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
                Ok(Raw(v))
            }
        }
        d.deserialize_str(V)
    }
}

fn raw<'de, A: MapAccess<'de>>(map: &mut A, line: u32) -> Result<Value, A::Error> {
    Ok(map
        .next_value::<Option<Raw>>()?
        .map(|r| Text::new(r.0, line)))
}

/// A scalar or a list of scalars (`organisms` is either).
struct OneOrMany(Vec<Option<String>>);

impl<'de> de::Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar or a list of scalars")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Some(v.to_owned())]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Some(v.to_string())]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Some(v.to_string())]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Some(v.to_string())]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Some(v.to_string())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Option<Raw>>()? {
                    out.push(item.map(|r| r.0));
                }
                Ok(OneOrMany(out))
            }
        }
        // A lone scalar arrives through deserialize_any; it is only ever a
        // name, so a number here (rare) is rendered by serde_yaml.
        d.deserialize_any(V)
    }
}

fn list<'de, A: MapAccess<'de>>(map: &mut A, ctx: &Ctx, key: &str) -> Result<Vec<Text>, A::Error> {
    let items = ItemLines {
        lines: ctx.lines,
        starts: ctx.lines.items(key),
        key_line: ctx.lines.key_line(key),
    };
    let values = map
        .next_value::<Option<OneOrMany>>()?
        .map_or_else(Vec::new, |v| v.0);
    Ok(values
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|t| Text::new(t, items.item(i))))
        .collect())
}

struct RecordSeed<'c, 'a, 'b>(&'c Ctx<'a, 'b>);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_, '_> {
    type Value = Record;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_, '_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of record fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let ctx = self.0;
        let mut r = Record::default();
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let line = ctx.lines.key_line(&key);
            *ctx.current.borrow_mut() = Some((key.clone(), line));
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            match key.as_str() {
                "figid" => r.figid = raw(&mut map, line)?,
                "figtitle" => r.figtitle = raw(&mut map, line)?,
                "caption" => r.caption = raw(&mut map, line)?,
                "pmcid" => r.pmcid = raw(&mut map, line)?,
                "papertitle" => r.papertitle = raw(&mut map, line)?,
                "reftext" => r.reftext = raw(&mut map, line)?,
                "year" => r.year = raw(&mut map, line)?,
                "doi" => r.doi = raw(&mut map, line)?,
                "journal_title" => r.journal_title = raw(&mut map, line)?,
                "journal_nlm_ta" => r.journal_nlm_ta = raw(&mut map, line)?,
                "publisher_name" => r.publisher_name = raw(&mut map, line)?,
                "keywords" => r.keywords = raw(&mut map, line)?,
                "figlink" => r.figlink = raw(&mut map, line)?,
                "filename" => r.filename = raw(&mut map, line)?,
                "number" => r.number = raw(&mut map, line)?,
                "figtype" => r.figtype = raw(&mut map, line)?,
                "figid_alias" => r.figid_alias = raw(&mut map, line)?,
                "pathway_score" => r.pathway_score = raw(&mut map, line)?,
                "automl_pathway" => r.automl_pathway = raw(&mut map, line)?,
                "pmc_ranked_result_index" => r.pmc_ranked_result_index = raw(&mut map, line)?,
                "ndex" => r.ndex = raw(&mut map, line)?,
                "seo" => r.seo = raw(&mut map, line)?,
                "wpid" => r.wpid = raw(&mut map, line)?,
                "redirect_from" => r.redirect_from = list(&mut map, ctx, &key)?,
                "organisms" => r.organisms = list(&mut map, ctx, &key)?,
                "organisms_ner" => r.organisms_ner = list(&mut map, ctx, &key)?,
                "genes" => {
                    let rows = map.next_value_seed(ItemsSeed::<GeneRow> {
                        ctx,
                        key: "genes",
                        unmapped: &mut r.unmapped,
                        _row: std::marker::PhantomData,
                    })?;
                    r.genes.push(rows);
                }
                "chemicals" | "diseases" => {
                    let rows = map.next_value_seed(ItemsSeed::<TermRow> {
                        ctx,
                        key: if key == "chemicals" {
                            "chemicals"
                        } else {
                            "diseases"
                        },
                        unmapped: &mut r.unmapped,
                        _row: std::marker::PhantomData,
                    })?;
                    if key == "chemicals" {
                        r.chemicals.push(rows);
                    } else {
                        r.diseases.push(rows);
                    }
                }
                "annotations" => {
                    // None seen in the wild; a non-empty list is reported.
                    let items = map.next_value::<Option<Vec<IgnoredAny>>>()?;
                    if items.is_some_and(|v| !v.is_empty()) {
                        r.unmapped.push(("annotations".into(), line));
                    }
                }
                "schema-jsonld" => {
                    map.next_value_seed(SchemaSeed {
                        record: &mut r,
                        line,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    r.unmapped.push((key.clone(), line));
                }
            }
        }
        *ctx.current.borrow_mut() = None;
        Ok(r)
    }
}

/// The record's own `schema-jsonld`: only `@id` and `keywords` carry data
/// that the other fields do not.
struct SchemaSeed<'r> {
    record: &'r mut Record,
    line: u32,
}

impl<'de> DeserializeSeed<'de> for SchemaSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SchemaSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping (the figure's schema.org JSON-LD)")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let line = self.line;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "@id" => self.record.schema_id = raw(&mut map, line)?,
                "keywords" => {
                    let values = map
                        .next_value::<Option<OneOrMany>>()?
                        .map_or_else(Vec::new, |v| v.0);
                    self.record.schema_keywords = values
                        .into_iter()
                        .flatten()
                        .map(|t| Text::new(t, line))
                        .collect();
                }
                // These restate fields mapped elsewhere (or are site artefacts).
                "@context" | "@type" | "description" | "license" | "name" | "creator" => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    self.record
                        .unmapped
                        .push((format!("schema-jsonld.{key}"), line));
                }
            }
        }
        Ok(())
    }
}

/// One legacy mention item, read key by key.
trait Item: Default {
    const KEYS: &'static [&'static str];
    fn knows(key: &str) -> bool {
        Self::KEYS.contains(&key)
    }
    fn set(&mut self, key: &str, value: Value);
    fn set_line(&mut self, line: u32);
}

impl Item for GeneRow {
    const KEYS: &'static [&'static str] = &["word", "symbol", "source", "hgnc_symbol", "entrez"];
    fn set(&mut self, key: &str, value: Value) {
        match key {
            "word" => self.word = value,
            "symbol" => self.symbol = value,
            "source" => self.source = value,
            "hgnc_symbol" => self.hgnc_symbol = value,
            "entrez" => self.ncbigene_id = value,
            _ => {}
        }
    }
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }
}

impl Item for TermRow {
    const KEYS: &'static [&'static str] = &["word", "source", "identifier"];
    fn set(&mut self, key: &str, value: Value) {
        match key {
            "word" => self.word = value,
            "source" => self.source = value,
            "identifier" => self.mesh = value,
            _ => {}
        }
    }
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }
}

struct ItemsSeed<'c, 'a, 'b, 'u, T> {
    ctx: &'c Ctx<'a, 'b>,
    key: &'static str,
    unmapped: &'u mut Vec<(String, u32)>,
    _row: std::marker::PhantomData<T>,
}

impl<'de, T: Item> DeserializeSeed<'de> for ItemsSeed<'_, '_, '_, '_, T> {
    type Value = Rows<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Rows<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Item> Visitor<'de> for ItemsSeed<'_, '_, '_, '_, T> {
    type Value = Rows<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {} items", self.key)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Rows<T>, E> {
        Ok(Rows::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows<T>, A::Error> {
        let lines = ItemLines {
            lines: self.ctx.lines,
            starts: self.ctx.lines.items(self.key),
            key_line: self.ctx.lines.key_line(self.key),
        };
        let mut rows = Vec::new();
        loop {
            let index = rows.len();
            let seed = ItemSeed::<T> {
                lines: &lines,
                index,
                key: self.key,
                unmapped: &mut *self.unmapped,
                _row: std::marker::PhantomData,
            };
            match seq.next_element_seed(seed)? {
                Some(row) => rows.push(row),
                None => break,
            }
        }
        Ok(Rows {
            path: String::new(),
            inline: true,
            rows,
        })
    }
}

struct ItemSeed<'l, 'a, 'b, 'u, T> {
    lines: &'l ItemLines<'a, 'b>,
    index: usize,
    key: &'static str,
    unmapped: &'u mut Vec<(String, u32)>,
    _row: std::marker::PhantomData<T>,
}

impl<'de, T: Item> DeserializeSeed<'de> for ItemSeed<'_, '_, '_, '_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Item> Visitor<'de> for ItemSeed<'_, '_, '_, '_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a {} item (a mapping)", self.key)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut row = T::default();
        row.set_line(self.lines.item(self.index));
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "duplicate key `{key}` in {}[{}]",
                    self.key,
                    self.index + 1
                )));
            }
            let line = self.lines.field(self.index, &key);
            if T::knows(&key) {
                let value = map
                    .next_value::<Option<Raw>>()?
                    .map(|r| Text::new(r.0, line));
                row.set(&key, value);
            } else {
                map.next_value::<IgnoredAny>()?;
                self.unmapped.push((format!("{}[].{key}", self.key), line));
            }
        }
        Ok(Some(row))
    }
}
