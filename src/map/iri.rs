//! Namespaces and IRI patterns, defined once, and the encoders that make
//! any record value safe inside an IRI.

/// Prefixes declared in Turtle and TriG output (MAPPING.md's table), in the
/// order they are written.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("foaf", FOAF),
    ("oa", OA),
    ("wp", WP),
    ("pfocr", PFOCR),
    ("ncbigene", NCBIGENE),
    ("hgnc.symbol", HGNC_SYMBOL),
    ("pmc", PMC),
    ("NCBITaxon", NCBITAXON),
    ("CHEBI", CHEBI),
    ("DOID", DOID),
    ("mesh", MESH),
    ("ndex", NDEX),
    ("skos", SKOS),
];

pub use crate::vocab::owl::NS as OWL;
pub use crate::vocab::rdf::NS as RDF;
pub use crate::vocab::rdfs::NS as RDFS;
pub use crate::vocab::xsd::NS as XSD;
/// `http://schema.org/`
pub const SCHEMA: &str = "http://schema.org/";
/// `https://schema.org/`
pub const SCHEMA_HTTPS: &str = "https://schema.org/";
/// `http://purl.org/dc/terms/`
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// `http://xmlns.com/foaf/0.1/`
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
/// `http://www.w3.org/ns/oa#`
pub const OA: &str = "http://www.w3.org/ns/oa#";
/// `http://vocabularies.wikipathways.org/wp#`
pub const WP: &str = "http://vocabularies.wikipathways.org/wp#";
/// `https://w3id.org/pfocr/vocab#`
pub const PFOCR: &str = "https://w3id.org/pfocr/vocab#";
/// `https://identifiers.org/ncbigene/`
pub const NCBIGENE: &str = "https://identifiers.org/ncbigene/";
/// `https://identifiers.org/hgnc.symbol/`
pub const HGNC_SYMBOL: &str = "https://identifiers.org/hgnc.symbol/";
/// `https://identifiers.org/pmc/`
pub const PMC: &str = "https://identifiers.org/pmc/";
/// `http://purl.obolibrary.org/obo/NCBITaxon_`
pub const NCBITAXON: &str = "http://purl.obolibrary.org/obo/NCBITaxon_";
/// `http://purl.obolibrary.org/obo/CHEBI_`
pub const CHEBI: &str = "http://purl.obolibrary.org/obo/CHEBI_";
/// `http://purl.obolibrary.org/obo/DOID_`
pub const DOID: &str = "http://purl.obolibrary.org/obo/DOID_";
/// `http://id.nlm.nih.gov/mesh/`
pub const MESH: &str = "http://id.nlm.nih.gov/mesh/";
/// `https://www.ndexbio.org/viewer/networks/`
pub const NDEX: &str = "https://www.ndexbio.org/viewer/networks/";

/// `http://www.w3.org/2004/02/skos/core#`
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// `https://identifiers.org/chebi/CHEBI:`: ChEBI as WikiPathways writes it
/// (the object of every ChEBI node's `skos:exactMatch`).
pub const CHEBI_IDENTIFIERS: &str = "https://identifiers.org/chebi/CHEBI:";

/// `https://pfocr.wikipathways.org/figures/`
pub const FIGURE: &str = "https://pfocr.wikipathways.org/figures/";
/// `.html`
pub const FIGURE_SUFFIX: &str = ".html";
/// `https://www.ncbi.nlm.nih.gov/pmc/articles/`
pub const PMC_PAGE: &str = "https://www.ncbi.nlm.nih.gov/pmc/articles/";
/// `https://www.ncbi.nlm.nih.gov`
pub const NCBI: &str = "https://www.ncbi.nlm.nih.gov";
/// `https://doi.org/`
pub const DOI: &str = "https://doi.org/";
/// `https://w3id.org/pfocr/journal/`
pub const JOURNAL: &str = "https://w3id.org/pfocr/journal/";
/// `https://w3id.org/pfocr/publisher/`
pub const PUBLISHER: &str = "https://w3id.org/pfocr/publisher/";
/// `https://identifiers.org/wikipathways/`
pub const WIKIPATHWAYS: &str = "https://identifiers.org/wikipathways/";
/// `http://creativecommons.org/publicdomain/zero/1.0/`
pub const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/";
/// `https://www.wikipathways.org/`
pub const WIKIPATHWAYS_ORG: &str = "https://www.wikipathways.org/";

/// How much of a free-form value may stay as it is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// One path segment: `/` is encoded too (figid, filename, HGNC symbol).
    Segment,
    /// A path: `/` is kept (figlink, DOI).
    Path,
}

fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// RFC 3987 `ucschar` (non-ASCII characters allowed in an IRI path).
fn is_ucschar(c: char) -> bool {
    let c = c as u32;
    matches!(c,
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
        | 0x10000..=0x1FFFD | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD
        | 0x40000..=0x4FFFD | 0x50000..=0x5FFFD | 0x60000..=0x6FFFD
        | 0x70000..=0x7FFFD | 0x80000..=0x8FFFD | 0x90000..=0x9FFFD
        | 0xA0000..=0xAFFFD | 0xB0000..=0xBFFFD | 0xC0000..=0xCFFFD
        | 0xD0000..=0xDFFFD | 0xE1000..=0xEFFFD)
}

fn push_pct(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut utf8 = [0u8; 4];
    for &b in c.encode_utf8(&mut utf8).as_bytes() {
        out.push('%');
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
}

/// Appends `value`, trimmed, as RFC 3987 `ipchar`s (plus `/` for
/// [`Part::Path`]): everything else is percent-encoded (UTF-8, upper-case
/// hex), including `?`, `#`, bidi controls, private-use characters and a
/// `%` that does not start a `%XX` escape.
pub fn push_encoded(out: &mut String, value: &str, part: Part) {
    let value = value.trim();
    let bytes = value.as_bytes();
    for (i, c) in value.char_indices() {
        let keep = match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => true,
            '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' | ':' | '@' => true,
            '/' => part == Part::Path,
            '%' => {
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit()
            }
            c if c.is_ascii() => false,
            c => is_ucschar(c) && !is_bidi_format(c),
        };
        if keep {
            out.push(c);
        } else {
            push_pct(out, c);
        }
    }
}

/// Appends `value`, trimmed, with every character but `A-Z a-z 0-9 - . _ ~`
/// percent-encoded: the journal and publisher key rule.
pub fn push_key(out: &mut String, value: &str) {
    for c in value.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
            out.push(c);
        } else {
            push_pct(out, c);
        }
    }
}

/// The figure IRI `F` for a figid.
pub fn push_figure(out: &mut String, figid: &str) {
    out.push_str(FIGURE);
    push_encoded(out, figid, Part::Segment);
    out.push_str(FIGURE_SUFFIX);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: &str, part: Part) -> String {
        let mut s = String::new();
        push_encoded(&mut s, v, part);
        s
    }

    #[test]
    fn encodes_what_an_iri_cannot_hold() {
        assert_eq!(enc(" a b ", Part::Segment), "a%20b");
        assert_eq!(
            enc("a<b>\"{}|\\^`[]", Part::Segment),
            "a%3Cb%3E%22%7B%7D%7C%5C%5E%60%5B%5D"
        );
        assert_eq!(enc("a/b?c#d", Part::Segment), "a%2Fb%3Fc%23d");
        assert_eq!(enc("10.1/x?y", Part::Path), "10.1/x%3Fy");
        assert_eq!(enc("50%2F%zz%", Part::Path), "50%2F%25zz%25");
        assert_eq!(
            enc("κβ\u{202E}\u{E000}\u{FFFE}\n", Part::Path),
            "κβ%E2%80%AE%EE%80%80%EF%BF%BE"
        );
    }

    #[test]
    fn journal_keys_are_strict() {
        let mut s = String::new();
        push_key(&mut s, " Front Immunol ");
        assert_eq!(s, "Front%20Immunol");
        s.clear();
        push_key(&mut s, "J. Biol. Chem.(x)");
        assert_eq!(s, "J.%20Biol.%20Chem.%28x%29");
    }
}
