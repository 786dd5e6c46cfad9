//! What the store holds: every figure graph's IRI and digest, read in
//! pages ordered by graph IRI, each page starting after the last IRI of
//! the one before (no OFFSET: stores cap or slow down deep offsets).

use std::collections::HashMap;

use serde::Deserialize;

use super::http::{Client, Failure};
use crate::map::iri;

/// The `pfocr:sourceDigest` property.
pub const SOURCE_DIGEST: &str = "https://w3id.org/pfocr/vocab#sourceDigest";

/// A figure graph in the store: its digest, or `None` when it has several
/// (then it is replaced, as a changed figure is).
pub type Held = HashMap<String, Option<String>>;

#[derive(Deserialize)]
struct Results {
    results: Bindings,
}

#[derive(Deserialize)]
struct Bindings {
    bindings: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    g: Value,
    d: Value,
    n: Value,
}

#[derive(Deserialize)]
struct Value {
    value: String,
}

/// The query of the page after `last`. SPARQL orders IRIs by their
/// strings, code point by code point, as Rust compares `String`s; a store
/// that does otherwise is caught by [`held`].
fn page_query(last: &str, size: usize) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "SELECT ?g (SAMPLE(STR(?x)) AS ?d) (COUNT(?x) AS ?n) WHERE {{\n  \
         GRAPH ?g {{ ?g <{SOURCE_DIGEST}> ?x }}\n  \
         FILTER(STRSTARTS(STR(?g), \"{}\") && STR(?g) > \"{}\")\n\
         }} GROUP BY ?g ORDER BY ?g LIMIT {size}",
        escape(iri::FIGURE),
        escape(last),
    )
}

/// Every figure graph that has a digest, read `page` rows at a time.
/// Stops at the first empty page (a store may return fewer rows than
/// asked for while more remain).
pub fn held(client: &Client, url: &str, page: usize) -> Result<Held, Failure> {
    let mut held = Held::new();
    let mut last = String::new();
    loop {
        let text = client.query(url, &page_query(&last, page))?;
        let results: Results = serde_json::from_str(&text).map_err(|e| Failure {
            message: format!("{url}: not SPARQL JSON results ({e}): {}", start(&text)),
        })?;
        let rows = results.results.bindings;
        if rows.is_empty() {
            return Ok(held);
        }
        for row in rows {
            if row.g.value <= last {
                return Err(Failure {
                    message: format!(
                        "{url}: graphs not in increasing order ({} after {last}): cannot page through them",
                        row.g.value
                    ),
                });
            }
            let digest = (row.n.value.trim() == "1").then_some(row.d.value);
            last.clone_from(&row.g.value);
            held.insert(row.g.value, digest);
        }
    }
}

fn start(text: &str) -> String {
    text.chars().take(200).collect()
}
