//! YAML front matter → [`Record`], with `serde_yaml`.
//!
//! Scalars are read with `deserialize_str`, which hands over the scalar's
//! source text, so numbers keep their lexical form and `NO`/`On` stay
//! strings. `serde_yaml` reports no positions for values, so [`Lines`]
//! finds the line of each key and list item in the text itself.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::record::{GeneRow, LegacyItem, Record, Rows, TermRow, Text, Value};

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
    // A directive (`%YAML 1.2`, `%TAG`) can only open the YAML and must be
    // followed by `---`, which would close the front matter; libyaml's own
    // message ("did not find expected <document start>") does not say so.
    if let Some((idx, directive)) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|(_, l)| l.starts_with('%'))
    {
        return Err(ReadError {
            line: Some(first_line + idx as u32),
            field: String::new(),
            message: format!(
                "YAML directive {}: a directive needs a `---` after it, which would close the front matter; directives are not supported",
                crate::diag::show(directive)
            ),
        });
    }
    if let Some(at) = too_deep(yaml) {
        return Err(ReadError {
            line: Some(first_line + newlines_before(yaml, at)),
            field: String::new(),
            message: format!(
                "more than {MAX_FLOW_DEPTH} nested `[` or `{{`: refused (no record nests this deep, and libyaml's time grows with the square of the depth)"
            ),
        });
    }
    let ctx = Ctx {
        lines: &lines,
        current: RefCell::new(None),
    };
    BUDGET.with(|b| b.set(budget_for(yaml)));
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
            let mut message = e.to_string();
            // From the byte offset, not libyaml's line: libyaml also breaks
            // lines at a lone `\r` (and NEL, U+2028, U+2029), so its line
            // numbers drift from the file's (found by the yaml_record fuzz
            // target). libyaml's reader errors (a raw control character)
            // carry no mark, only `at position N`.
            let at = message
                .rsplit_once(" at position ")
                .and_then(|(_, n)| n.parse::<usize>().ok())
                .or(e.location().map(|l| l.index()));
            // A location before the key being read is inside an anchor that
            // an alias under this key replays (an alias bomb): name the key.
            let line = match (at, key_line) {
                (Some(at), Some(k)) => Some(k.max(first_line + newlines_before(yaml, at))),
                (Some(at), None) => Some(first_line + newlines_before(yaml, at)),
                (None, k) => k,
            };
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            let message = drop_line_numbers(&message);
            // `...` ends a YAML document; more YAML after it is a second one.
            let line = match lines.lines.iter().position(|l| l.trim_end() == "...") {
                Some(i) if message.contains("more than one document") => {
                    return Err(ReadError {
                        line: Some(lines.abs(i)),
                        field: String::new(),
                        message: "more YAML after a `...` (end of document) line: one front matter holds one record".into(),
                    });
                }
                _ => line,
            };
            Err(ReadError {
                line,
                field,
                message,
            })
        }
    }
}

/// The deepest flow nesting read. libyaml's scanner walks its stack of
/// possible simple keys at every token, so `[[[[...` takes time with the
/// square of the depth: 100,000 levels took 38 s (release build). serde_yaml
/// stops at 128 levels anyway, but only after libyaml has scanned it all.
const MAX_FLOW_DEPTH: usize = 128;

/// Where the flow nesting first exceeds [`MAX_FLOW_DEPTH`], counting every
/// bracket, even in quoted text: an over-estimate, so nothing deep gets by
/// (a record would need 128 unclosed brackets in its text to be refused).
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    // A bracket opens a flow collection only where a node starts: at the
    // start of a line, after `:`, `-`, `?`, `,`, or after a bracket that
    // opened one. Elsewhere (`PM{{{`, `'[x'`) it is text, which libyaml
    // reads in linear time (found by the yaml_record fuzz target).
    let mut prev: Option<u8> = None;
    let mut prev_opened = false;
    for (i, b) in yaml.bytes().enumerate() {
        match b {
            b' ' | b'\t' | b'\r' => continue,
            b'[' | b'{' => {
                let opens = match prev {
                    None | Some(b'\n' | b':' | b'-' | b'?' | b',') => true,
                    Some(b'[' | b'{') => prev_opened,
                    _ => false,
                };
                if opens {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(i);
                    }
                }
                prev_opened = opens;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = Some(b);
    }
    None
}

/// Newlines in `yaml` before byte `index`.
fn newlines_before(yaml: &str, index: usize) -> u32 {
    let end = index.min(yaml.len());
    yaml.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

/// libyaml names positions inside the YAML, counted its own way
/// (`at line 1 column 11`); the report already names the file line, so
/// keep only the column.
fn drop_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("at line ") {
        let tail = &rest[i + "at line ".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match tail[digits..].strip_prefix(" column ") {
            Some(col) if digits > 0 => {
                out.push_str(&rest[..i]);
                out.push_str("at column ");
                rest = col;
            }
            _ => {
                out.push_str(&rest[..i + "at line ".len()]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

thread_local! {
    /// Bytes of scalar and key text the running [`parse`] may still copy out
    /// of the YAML. Without anchors and aliases a record cannot hold more
    /// than about 1.5 times its own length (escapes such as `\L` grow from
    /// 2 to 3 bytes), but an alias repeats its anchor's text for free: 20,000
    /// `- *a` lines naming a 1 MB scalar ask for 20 GB. `serde_yaml` bounds
    /// the number of alias jumps, not their size, so the reader does. (A
    /// thread-local because serde's `Deserialize` impls take no context;
    /// `parse` sets it and is not re-entrant.)
    static BUDGET: Cell<usize> = const { Cell::new(usize::MAX) };
}

const ALIAS_BOMB: &str = "anchors and aliases expand to far more text than the record holds (an alias bomb?): record not read";

fn budget_for(yaml: &str) -> usize {
    yaml.len().saturating_mul(4).saturating_add(4096)
}

/// Charges `len` bytes (plus one, so that empty values count too) to the
/// budget; an error once it is spent.
fn charge<E: de::Error>(len: usize) -> Result<(), E> {
    BUDGET.with(|b| match b.get().checked_sub(len + 1) {
        Some(left) => {
            b.set(left);
            Ok(())
        }
        None => Err(E::custom(ALIAS_BOMB)),
    })
}

/// serde_yaml hands a tagged list or mapping over as an enum; say what it is.
const TAGGED: &str = "a tagged list or mapping (`!tag`): tags are not supported here (a tagged scalar is read as its text)";

/// A mapping key, charged to the budget (a key can be an alias too).
struct Key(String);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let k = <String as de::Deserialize>::deserialize(d)?;
        charge::<D::Error>(k.len())?;
        Ok(Key(k))
    }
}

/// Where keys and list items sit in the YAML text.
pub struct Lines<'a> {
    lines: Vec<&'a str>,
    first_line: u32,
    /// Top-level key → index of its first line, built on first use: looking
    /// each key up by scanning every line took time with the square of the
    /// number of keys (100,000 keys: 60 s).
    top_keys: std::cell::OnceCell<rustc_hash::FxHashMap<&'a str, usize>>,
}

impl<'a> Lines<'a> {
    fn new(yaml: &'a str, first_line: u32) -> Self {
        Lines {
            lines: yaml.lines().collect(),
            first_line,
            top_keys: std::cell::OnceCell::new(),
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
        self.top_keys
            .get_or_init(|| {
                let mut keys = rustc_hash::FxHashMap::default();
                for (i, l) in self.lines.iter().enumerate() {
                    if !l.starts_with([' ', '\t', '-', '#'])
                        && let Some(k) = Self::key_of(l)
                    {
                        keys.entry(k).or_insert(i);
                    }
                }
                keys
            })
            .get(key)
            .copied()
    }

    /// File lines of every top-level occurrence of `key` (an error path).
    fn top_key_lines<'k>(&'k self, key: &'k str) -> impl Iterator<Item = u32> + 'k {
        self.lines
            .iter()
            .enumerate()
            .filter(move |(_, l)| {
                !l.starts_with([' ', '\t', '-', '#']) && Self::key_of(l) == Some(key)
            })
            .map(|(i, _)| self.abs(i))
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
                charge(v.len())?;
                Ok(Raw(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
                charge(v.len())?;
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
                charge(v.len())?;
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
            fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<OneOrMany, A::Error> {
                Err(de::Error::custom(TAGGED))
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
        // `any`, not `map`: a front matter that is a list or a scalar gets
        // its own message below instead of serde's "invalid type".
        d.deserialize_any(self)
    }
}

impl RecordSeed<'_, '_, '_> {
    fn not_a_mapping<E: de::Error>(what: &str) -> E {
        E::custom(format!(
            "the front matter is {what}, not a mapping of record fields (`figid: ...`, `pmcid: ...`)"
        ))
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_, '_> {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping of record fields")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Record, A::Error> {
        Err(Self::not_a_mapping("a list"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Record, E> {
        Err(Self::not_a_mapping(&format!(
            "a single scalar ({})",
            crate::diag::show(v)
        )))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Record, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Record, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Record, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Record, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        Err(Self::not_a_mapping("null"))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Record, A::Error> {
        Err(Self::not_a_mapping("a tagged value (`!tag ...`)"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let ctx = self.0;
        let mut r = Record::default();
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<Key>()?.map(|k| k.0) {
            let line = ctx.lines.key_line(&key);
            *ctx.current.borrow_mut() = Some((key.clone(), line));
            if !seen.insert(key.clone()) {
                // Report the second occurrence, not the first.
                let again = ctx.lines.top_key_lines(&key).nth(1).unwrap_or(line);
                *ctx.current.borrow_mut() = Some((key.clone(), again));
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
        while let Some(key) = map.next_key::<Key>()?.map(|k| k.0) {
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
struct ItemsSeed<'c, 'a, 'b, 'u, T> {
    ctx: &'c Ctx<'a, 'b>,
    key: &'static str,
    unmapped: &'u mut Vec<(String, u32)>,
    _row: std::marker::PhantomData<T>,
}

impl<'de, T: LegacyItem> DeserializeSeed<'de> for ItemsSeed<'_, '_, '_, '_, T> {
    type Value = Rows<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Rows<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: LegacyItem> Visitor<'de> for ItemsSeed<'_, '_, '_, '_, T> {
    type Value = Rows<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {} items", self.key)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Rows<T>, E> {
        Ok(Rows::default())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Rows<T>, A::Error> {
        Err(de::Error::custom(TAGGED))
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

impl<'de, T: LegacyItem> DeserializeSeed<'de> for ItemSeed<'_, '_, '_, '_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: LegacyItem> Visitor<'de> for ItemSeed<'_, '_, '_, '_, T> {
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
        while let Some(key) = map.next_key::<Key>()?.map(|k| k.0) {
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
                row.set_legacy(&key, value);
            } else {
                map.next_value::<IgnoredAny>()?;
                self.unmapped.push((format!("{}[].{key}", self.key), line));
            }
        }
        Ok(Some(row))
    }
}
