//! YAML → tree → record → triples: never panics, errors name a line inside
//! the document, every mapped record serializes and parses back, and the
//! fast reader (src/read/fast_yaml.rs) agrees with its oracle, the general
//! reader (src/read/yaml.rs): whenever it accepts a text, both give the
//! same tree (lines included), so the one binding gives the same record.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use pfocr2rdf::internal::Diagnostics;
use pfocr2rdf::internal::FigureGraph;
use pfocr2rdf::internal::Mapper;
use pfocr2rdf::internal::{fast_yaml, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As if the YAML started on line 2 of a file, after the opening `---`.
    let lines = text.lines().count() as u32;
    if let Some(fast) = fast_yaml::tree(text, 2) {
        match yaml::tree(text, 2) {
            Ok(tree) => assert_eq!(fast, tree, "the fast and the general reader disagree"),
            Err(e) => panic!("the fast reader accepted what the general reader rejects: {e:?}"),
        }
    }
    match yaml::parse(text, "fuzz.md", 2) {
        Ok(record) => {
            let mapper = Mapper::new(false);
            let mut g = FigureGraph::new();
            let mut report = Diagnostics::default();
            if mapper.map(&record, &mut g, &mut report).is_some() {
                assert!(!report.has_errors(), "{:?}", report.diagnostics);
                for d in &report.diagnostics {
                    let l = d.line.expect("a warning names its line");
                    assert!((1..=lines + 2).contains(&l), "{d}");
                }
                g.finish();
                common::round_trip(&mapper, &g);
            }
        }
        Err(e) => {
            if let Some(l) = e.line {
                assert!((1..=lines + 2).contains(&l), "line {l} of {lines}: {e:?}");
            }
            assert!(!e.message.is_empty());
        }
    }
});
