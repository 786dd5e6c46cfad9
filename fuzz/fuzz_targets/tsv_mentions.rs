//! A companion TSV → mention rows → triples. The first byte picks the kind
//! (genes, chemicals, diseases); the rest is the file.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pfocr2rdf::internal::Diagnostics;
use pfocr2rdf::internal::FigureGraph;
use pfocr2rdf::internal::Mapper;
use pfocr2rdf::internal::frontmatter::decode;
use pfocr2rdf::internal::tsv::{self, Table};
use pfocr2rdf::internal::{Kind, Record, Text};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[which as usize % 3];
    let Ok(text) = decode(rest) else { return };
    let lines = text.split('\n').count() as u32;
    // The csv reader also ends a row at a lone `\r`; its line numbers count `\n`.
    let breaks = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
    let mut report = Diagnostics::default();
    let table = match tsv::parse(kind, text, "x.tsv", &mut report) {
        Ok(t) => t,
        Err(e) => {
            assert!(e.line.is_none_or(|l| l <= lines + 1), "{e:?}");
            return;
        }
    };
    let mut record = Record {
        path: "F.md".into(),
        line: 1,
        figid: Some(Text::new("F", 2)),
        ..Record::default()
    };
    match table {
        Table::Genes(rows) => {
            assert!(rows.rows.len() <= breaks);
            record.genes.push(rows)
        }
        Table::Terms(Kind::Chemicals, rows) => record.chemicals.push(rows),
        Table::Terms(_, rows) => record.diseases.push(rows),
    }
    let mapper = Mapper::new(false);
    let mut g = FigureGraph::new();
    mapper
        .map(&record, &mut g, &mut report)
        .expect("a record with a figid maps");
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    for d in &report.diagnostics {
        assert!(d.line.is_some_and(|l| l >= 1 && l <= lines + 1), "{d}");
    }
    g.finish();
    common::round_trip(&mapper, &g);
});
