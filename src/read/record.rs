//! The typed record: what one PFOCR figure says, before any mapping.
//!
//! A record borrows its values from the text it was read from (the file's
//! bytes, held by the caller): a value is copied only where YAML or TSV
//! quoting changed it, so reading a record allocates per list, not per
//! value.
//!
//! Values are kept exactly as written (YAML scalars as their source text, so
//! `0.10` stays `0.10`), each with the line it came from for error reports.
//! `None` means absent or YAML null; the missing-value sentinels (`NA`, ...)
//! of scalar fields are recognised by the mapper, which decides what
//! produces a triple (a sentinel in place of a whole mention item is a
//! `None` row: see `schema.rs`).

use std::borrow::Cow;

/// A scalar value as written, with its 1-based line in the file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text<'a> {
    /// The value as written.
    pub text: Cow<'a, str>,
    /// 1-based line in its file.
    pub line: u32,
}

impl<'a> Text<'a> {
    /// A value and its line.
    pub fn new(text: impl Into<Cow<'a, str>>, line: u32) -> Self {
        Text {
            text: text.into(),
            line,
        }
    }
}

/// A value: `None` when absent or YAML null.
pub type Value<'a> = Option<Text<'a>>;

/// One gene mention: a legacy inline `genes:` item or a genes TSV row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GeneRow<'a> {
    /// Line of the item or row.
    pub line: u32,
    /// `word`: the TSV column, or the legacy item key of that name.
    pub word: Value<'a>,
    /// `source`: the TSV column, or the legacy item key of that name.
    pub source: Value<'a>,
    /// Legacy: the OCR-normalised symbol.
    pub symbol: Value<'a>,
    /// Legacy: the official HGNC symbol.
    pub hgnc_symbol: Value<'a>,
    /// Legacy `entrez` or TSV `ncbigene_id`.
    pub ncbigene_id: Value<'a>,
    /// `ncbigene_symbol`: the TSV column, or the legacy item key of that name.
    pub ncbigene_symbol: Value<'a>,
    /// TSV `match`.
    pub matched: Value<'a>,
    /// `organism_id`: the TSV column, or the legacy item key of that name.
    pub organism_id: Value<'a>,
    /// `organism_name`: the TSV column, or the legacy item key of that name.
    pub organism_name: Value<'a>,
    /// `organism_group`: the TSV column, or the legacy item key of that name.
    pub organism_group: Value<'a>,
    /// `count_direct`: the TSV column, or the legacy item key of that name.
    pub count_direct: Value<'a>,
    /// `count_synonym`: the TSV column, or the legacy item key of that name.
    pub count_synonym: Value<'a>,
    /// `count_match`: the TSV column, or the legacy item key of that name.
    pub count_match: Value<'a>,
}

/// A legacy inline mention item (`genes:`, `chemicals:`, `diseases:`),
/// filled key by key by the schema binding (`schema.rs`).
pub trait LegacyItem<'a>: Default {
    /// Sets the field of a key; false for a key the item does not have.
    fn set_legacy(&mut self, key: &str, value: Value<'a>) -> bool;
    /// Whether the item has this key.
    fn knows(key: &str) -> bool {
        Self::default().set_legacy(key, None)
    }
    /// Sets the line of the item or row.
    fn set_line(&mut self, line: u32);
}

impl<'a> LegacyItem<'a> for GeneRow<'a> {
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    fn set_legacy(&mut self, key: &str, value: Value<'a>) -> bool {
        match key {
            "word" => self.word = value,
            "symbol" => self.symbol = value,
            "source" => self.source = value,
            "hgnc_symbol" => self.hgnc_symbol = value,
            "entrez" => self.ncbigene_id = value,
            _ => return false,
        }
        true
    }
}

/// One chemical or disease mention: a legacy item or a TSV row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TermRow<'a> {
    /// Line of the item or row.
    pub line: u32,
    /// The OCR word.
    pub word: Value<'a>,
    /// Legacy `source` (e.g. `MESH`).
    pub source: Value<'a>,
    /// TSV `mesh` (`mesh:D001920`) or legacy `identifier` (`D001920`).
    pub mesh: Value<'a>,
    /// TSV `match`: the MeSH heading.
    pub matched: Value<'a>,
    /// TSV `name`: the ChEBI / DOID name.
    pub name: Value<'a>,
    /// TSV `chebi` (`chebi:3165`) or `doid` (`doid:0060239`).
    pub other_id: Value<'a>,
}

impl<'a> LegacyItem<'a> for TermRow<'a> {
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    fn set_legacy(&mut self, key: &str, value: Value<'a>) -> bool {
        match key {
            "word" => self.word = value,
            "source" => self.source = value,
            "identifier" => self.mesh = value,
            _ => return false,
        }
        true
    }
}

/// Mentions of one kind from one source (inline list or TSV file).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Rows<T> {
    /// The file the rows came from (the record's own file for inline items).
    pub path: String,
    /// Inline YAML items (legacy) rather than TSV rows: reports then name
    /// the YAML keys (`entrez`, `identifier`).
    pub inline: bool,
    /// Fields are named by the legacy item keys (`entrez`, `identifier`):
    /// inline items, and the rows of the older three-column TSV.
    pub legacy_keys: bool,
    /// `None` for a missing item (YAML null or a sentinel): it still takes
    /// its place in the numbering.
    pub rows: Vec<Option<T>>,
}

/// One PFOCR figure record.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Record<'a> {
    /// The file the front matter came from, or `<stdin>`.
    pub path: String,
    /// Line of the opening `---`.
    pub line: u32,

    /// The record's `figid` key.
    pub figid: Value<'a>,
    /// The record's `figtitle` key.
    pub figtitle: Value<'a>,
    /// The record's `caption` key.
    pub caption: Value<'a>,
    /// The record's `pmcid` key.
    pub pmcid: Value<'a>,
    /// The record's `papertitle` key.
    pub papertitle: Value<'a>,
    /// The record's `reftext` key.
    pub reftext: Value<'a>,
    /// The record's `year` key.
    pub year: Value<'a>,
    /// The record's `doi` key.
    pub doi: Value<'a>,
    /// The record's `journal_title` key.
    pub journal_title: Value<'a>,
    /// The record's `journal_nlm_ta` key.
    pub journal_nlm_ta: Value<'a>,
    /// The record's `publisher_name` key.
    pub publisher_name: Value<'a>,
    /// The record's `keywords` key.
    pub keywords: Value<'a>,
    /// The record's `figlink` key.
    pub figlink: Value<'a>,
    /// The record's `filename` key.
    pub filename: Value<'a>,
    /// The record's `number` key.
    pub number: Value<'a>,
    /// The record's `figtype` key.
    pub figtype: Value<'a>,
    /// The record's `figid_alias` key.
    pub figid_alias: Value<'a>,
    /// The record's `redirect_from` key.
    pub redirect_from: Vec<Text<'a>>,
    /// The record's `organisms` key.
    pub organisms: Vec<Text<'a>>,
    /// The record's `organisms_ner` key.
    pub organisms_ner: Vec<Text<'a>>,
    /// The record's `pathway_score` key.
    pub pathway_score: Value<'a>,
    /// The record's `automl_pathway` key.
    pub automl_pathway: Value<'a>,
    /// The record's `pmc_ranked_result_index` key.
    pub pmc_ranked_result_index: Value<'a>,
    /// The record's `ndex` key.
    pub ndex: Value<'a>,
    /// The record's `seo` key.
    pub seo: Value<'a>,
    /// The record's `wpid` key.
    pub wpid: Value<'a>,
    /// `schema-jsonld` → `@id`.
    pub schema_id: Value<'a>,
    /// `schema-jsonld` → `keywords`.
    pub schema_keywords: Vec<Text<'a>>,

    /// Legacy inline mentions, then TSV rows (in that order: TSV rows
    /// continue the inline numbering).
    pub genes: Vec<Rows<GeneRow<'a>>>,
    /// Chemical mentions: inline items, then TSV rows.
    pub chemicals: Vec<Rows<TermRow<'a>>>,
    /// Disease mentions: inline items, then TSV rows.
    pub diseases: Vec<Rows<TermRow<'a>>>,

    /// Keys the reader does not know, with the line where each was seen.
    pub unmapped: Vec<(String, u32)>,

    /// SHA-256 of the bytes the record was read from: the front-matter
    /// file (or standard-input document) and its companions
    /// ([`Inputs`](super::digest::Inputs)).
    pub inputs_digest: [u8; 32],
}
