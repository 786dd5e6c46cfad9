//! Parses any output format back into its triples, as canonical N-Triples
//! lines (graph names dropped: the union of the figure graphs is the
//! graph). Shared by the integration tests and the fuzz targets.

use std::collections::BTreeSet;

use pfocr2rdf::Format;
use pfocr2rdf::oxrdf::{Quad, Triple};

/// The triples of `data` in `format`; an error names the first statement
/// that does not parse, or a quad outside a named graph.
pub fn parse_any(format: Format, data: &[u8]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    let mut quad = |q: Quad| -> Result<(), String> {
        if !q.graph_name.is_named_node() {
            return Err(format!("{format}: a quad outside a named graph: {q}"));
        }
        out.insert(Triple::from(q).to_string());
        Ok(())
    };
    let fail = |e: &dyn std::fmt::Display| format!("{format} does not parse: {e}");
    match format {
        Format::Turtle => {
            for t in oxttl::TurtleParser::new().for_slice(data) {
                quad(t.map_err(|e| fail(&e))?.in_graph(dummy_graph()))?;
            }
        }
        Format::NTriples => {
            for t in oxttl::NTriplesParser::new().for_slice(data) {
                quad(t.map_err(|e| fail(&e))?.in_graph(dummy_graph()))?;
            }
        }
        Format::NQuads => {
            for q in oxttl::NQuadsParser::new().for_slice(data) {
                quad(q.map_err(|e| fail(&e))?)?;
            }
        }
        Format::TriG => {
            for q in oxttl::TriGParser::new().for_slice(data) {
                quad(q.map_err(|e| fail(&e))?)?;
            }
        }
        Format::JsonLd => {
            for q in oxjsonld::JsonLdParser::new().for_slice(data) {
                let q = q.map_err(|e| fail(&e))?;
                out.insert(Triple::from(q).to_string());
            }
        }
        Format::Kgx | Format::KgxJsonl => return Err(format!("{format} is not RDF")),
        // Applied to a store instead: tests/sparql_update.rs.
        Format::SparqlUpdate => return Err(format!("{format} is an update, not a document")),
    }
    Ok(out)
}

/// The graph name given to the triples of the triple formats.
fn dummy_graph() -> pfocr2rdf::oxrdf::NamedNode {
    pfocr2rdf::oxrdf::NamedNode::new_unchecked("urn:x-triples")
}
