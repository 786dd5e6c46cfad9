//! Record → every serializer → parsed back. Two ways in:
//!
//! * the input as a front-matter file (seeded from the corpus), read by the
//!   real reader;
//! * when the input holds a 0xFF byte: its bytes split at 0xFF (never in UTF-8), each piece (lossily
//!   decoded: control characters, `>`, `"`, newlines, bidi controls, U+FFFE
//!   all get through) assigned to one record field in turn, so every field
//!   meets every character, which YAML could not carry raw.
//!
//! Either way every output must parse back (oxttl, oxjsonld) to exactly the
//! graph's triples, and every IRI must be valid.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pfocr2rdf::internal::Diagnostics;
use pfocr2rdf::internal::FigureGraph;
use pfocr2rdf::internal::Mapper;
use pfocr2rdf::internal::frontmatter::{decode, split_file};
use pfocr2rdf::internal::{GeneRow, Record, Rows, TermRow, Text, Value, yaml};

fn check(record: &Record, schema_https: bool) {
    let mapper = Mapper::new(schema_https);
    let mut g = FigureGraph::new();
    let mut report = Diagnostics::default();
    if mapper.map(record, &mut g, &mut report).is_some() {
        g.finish();
        common::round_trip(&mapper, &g);
    }
}

fn direct(data: &[u8]) -> Record<'_> {
    let mut pieces = data
        .split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let mut line = 1;
    let mut next = || -> Value {
        line += 1;
        pieces.next().map(|s| Text::new(s, line))
    };
    let mut r = Record {
        path: "fuzz".into(),
        line: 1,
        ..Record::default()
    };
    r.figid = next();
    r.pmcid = next();
    r.caption = next();
    r.figlink = next();
    r.filename = next();
    r.doi = next();
    r.ndex = next();
    r.wpid = next();
    r.journal_nlm_ta = next();
    r.publisher_name = next();
    r.keywords = next();
    r.year = next();
    r.pathway_score = next();
    r.figtitle = next();
    r.papertitle = next();
    r.organisms = next().into_iter().collect();
    r.schema_id = next();
    let gene = GeneRow {
        line: 30,
        word: next(),
        ncbigene_id: next(),
        hgnc_symbol: next(),
        ncbigene_symbol: next(),
        organism_id: next(),
        organism_name: next(),
        count_direct: next(),
        ..GeneRow::default()
    };
    let term = TermRow {
        line: 40,
        word: next(),
        mesh: next(),
        matched: next(),
        name: next(),
        other_id: next(),
        source: next(),
    };
    r.genes.push(Rows {
        path: "fuzz".into(),
        inline: false,
        legacy_keys: false,
        rows: vec![Some(gene), None],
    });
    r.chemicals.push(Rows {
        path: "fuzz".into(),
        inline: false,
        legacy_keys: false,
        rows: vec![Some(term.clone())],
    });
    r.diseases.push(Rows {
        path: "fuzz".into(),
        inline: true,
        legacy_keys: true,
        rows: vec![Some(term)],
    });
    // Whatever is left goes to the lists.
    r.redirect_from = pieces.map(|s| Text::new(s, 50)).collect();
    r
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode(data)
        && let Ok(doc) = split_file(text)
        && let Ok(record) = yaml::parse(doc.yaml, "fuzz.md", 2)
    {
        check(&record, false);
    }
    // Without a 0xFF the whole input would be the figid, and every IRI of
    // the graph would repeat it: slow to parse back, and no new paths.
    if data.contains(&0xFF) {
        let record = direct(data);
        check(&record, data.first().is_some_and(|b| b & 1 == 1));
    }
});
