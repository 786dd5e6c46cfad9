//! The typed record: what one PFOCR figure says, before any mapping.
//!
//! Values are kept exactly as written (YAML scalars as their source text, so
//! `0.10` stays `0.10`), each with the line it came from for error reports.
//! `None` means absent or YAML null; the missing-value sentinels (`NA`, ...)
//! of scalar fields are recognised by the mapper, which decides what
//! produces a triple (a sentinel in place of a whole mention item is a
//! `None` row: see `schema.rs`).

/// A scalar value as written, with its 1-based line in the file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Text {
    /// The value as written.
    pub text: String,
    /// 1-based line in its file.
    pub line: u32,
}

impl Text {
    /// A value and its line.
    pub fn new(text: impl Into<String>, line: u32) -> Self {
        Text {
            text: text.into(),
            line,
        }
    }
}

/// A value: `None` when absent or YAML null.
pub type Value = Option<Text>;

/// One gene mention: a legacy inline `genes:` item or a genes TSV row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GeneRow {
    /// Line of the item or row.
    pub line: u32,
    /// `word`: the TSV column, or the legacy item key of that name.
    pub word: Value,
    /// `source`: the TSV column, or the legacy item key of that name.
    pub source: Value,
    /// Legacy: the OCR-normalised symbol.
    pub symbol: Value,
    /// Legacy: the official HGNC symbol.
    pub hgnc_symbol: Value,
    /// Legacy `entrez` or TSV `ncbigene_id`.
    pub ncbigene_id: Value,
    /// `ncbigene_symbol`: the TSV column, or the legacy item key of that name.
    pub ncbigene_symbol: Value,
    /// TSV `match`.
    pub matched: Value,
    /// `organism_id`: the TSV column, or the legacy item key of that name.
    pub organism_id: Value,
    /// `organism_name`: the TSV column, or the legacy item key of that name.
    pub organism_name: Value,
    /// `organism_group`: the TSV column, or the legacy item key of that name.
    pub organism_group: Value,
    /// `count_direct`: the TSV column, or the legacy item key of that name.
    pub count_direct: Value,
    /// `count_synonym`: the TSV column, or the legacy item key of that name.
    pub count_synonym: Value,
    /// `count_match`: the TSV column, or the legacy item key of that name.
    pub count_match: Value,
}

/// A legacy inline mention item (`genes:`, `chemicals:`, `diseases:`),
/// filled key by key by the schema binding (`schema.rs`).
pub trait LegacyItem: Default {
    /// Sets the field of a key; false for a key the item does not have.
    fn set_legacy(&mut self, key: &str, value: Value) -> bool;
    /// Whether the item has this key.
    fn knows(key: &str) -> bool {
        Self::default().set_legacy(key, None)
    }
    /// Sets the line of the item or row.
    fn set_line(&mut self, line: u32);
}

impl LegacyItem for GeneRow {
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    fn set_legacy(&mut self, key: &str, value: Value) -> bool {
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
pub struct TermRow {
    /// Line of the item or row.
    pub line: u32,
    /// The OCR word.
    pub word: Value,
    /// Legacy `source` (e.g. `MESH`).
    pub source: Value,
    /// TSV `mesh` (`mesh:D001920`) or legacy `identifier` (`D001920`).
    pub mesh: Value,
    /// TSV `match`: the MeSH heading.
    pub matched: Value,
    /// TSV `name`: the ChEBI / DOID name.
    pub name: Value,
    /// TSV `chebi` (`chebi:3165`) or `doid` (`doid:0060239`).
    pub other_id: Value,
}

impl LegacyItem for TermRow {
    fn set_line(&mut self, line: u32) {
        self.line = line;
    }

    fn set_legacy(&mut self, key: &str, value: Value) -> bool {
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
pub struct Record {
    /// The file the front matter came from, or `<stdin>`.
    pub path: String,
    /// Line of the opening `---`.
    pub line: u32,

    /// The record's `figid` key.
    pub figid: Value,
    /// The record's `figtitle` key.
    pub figtitle: Value,
    /// The record's `caption` key.
    pub caption: Value,
    /// The record's `pmcid` key.
    pub pmcid: Value,
    /// The record's `papertitle` key.
    pub papertitle: Value,
    /// The record's `reftext` key.
    pub reftext: Value,
    /// The record's `year` key.
    pub year: Value,
    /// The record's `doi` key.
    pub doi: Value,
    /// The record's `journal_title` key.
    pub journal_title: Value,
    /// The record's `journal_nlm_ta` key.
    pub journal_nlm_ta: Value,
    /// The record's `publisher_name` key.
    pub publisher_name: Value,
    /// The record's `keywords` key.
    pub keywords: Value,
    /// The record's `figlink` key.
    pub figlink: Value,
    /// The record's `filename` key.
    pub filename: Value,
    /// The record's `number` key.
    pub number: Value,
    /// The record's `figtype` key.
    pub figtype: Value,
    /// The record's `figid_alias` key.
    pub figid_alias: Value,
    /// The record's `redirect_from` key.
    pub redirect_from: Vec<Text>,
    /// The record's `organisms` key.
    pub organisms: Vec<Text>,
    /// The record's `organisms_ner` key.
    pub organisms_ner: Vec<Text>,
    /// The record's `pathway_score` key.
    pub pathway_score: Value,
    /// The record's `automl_pathway` key.
    pub automl_pathway: Value,
    /// The record's `pmc_ranked_result_index` key.
    pub pmc_ranked_result_index: Value,
    /// The record's `ndex` key.
    pub ndex: Value,
    /// The record's `seo` key.
    pub seo: Value,
    /// The record's `wpid` key.
    pub wpid: Value,
    /// `schema-jsonld` → `@id`.
    pub schema_id: Value,
    /// `schema-jsonld` → `keywords`.
    pub schema_keywords: Vec<Text>,

    /// Legacy inline mentions, then TSV rows (in that order: TSV rows
    /// continue the inline numbering).
    pub genes: Vec<Rows<GeneRow>>,
    /// Chemical mentions: inline items, then TSV rows.
    pub chemicals: Vec<Rows<TermRow>>,
    /// Disease mentions: inline items, then TSV rows.
    pub diseases: Vec<Rows<TermRow>>,

    /// Keys the reader does not know, with the line where each was seen.
    pub unmapped: Vec<(String, u32)>,

    /// SHA-256 of the bytes the record was read from: the front-matter
    /// file (or standard-input document) and its companions
    /// ([`Inputs`](super::digest::Inputs)).
    pub inputs_digest: [u8; 32],
}
