//! Loads PFOCR records into an in-memory Oxigraph store through the
//! library (no serialization in between), then runs one SPARQL query and
//! prints its solutions as TSV: a header of `?var` names, then one row per
//! solution, each term in N-Triples syntax (an unbound variable is an
//! empty cell).
//!
//!     cargo run --example oxigraph_store -- examples/records --query examples/queries/genes-of-figure.rq
//!     cargo run --example oxigraph_store -- records/ --query-text 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
//!
//! Each figure goes into its own named graph (the figure IRI), as in the
//! N-Quads output; the query sees the union of the graphs as its default
//! graph. Problems are printed on standard error; the exit status is 1 if
//! a record failed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use pfocr2rdf::{Converter, Options, Severity};

#[allow(dead_code)]
fn main() -> ExitCode {
    let mut inputs = Vec::new();
    let mut query = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--query" => {
                let path = args.next().expect("--query FILE");
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
                query = Some(text);
            }
            "--query-text" => query = Some(args.next().expect("--query-text QUERY")),
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    let Some(query) = query else {
        eprintln!("usage: oxigraph_store FOLDER... (--query FILE | --query-text QUERY)");
        return ExitCode::from(2);
    };
    let (store, failed) = load(&inputs, &mut std::io::stderr());
    let mut out = std::io::stdout().lock();
    if let Err(e) = select_tsv(&store, &query, &mut out) {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A store holding every figure of `inputs`, each in its named graph;
/// problems go to `log`. Also says whether a record failed.
pub fn load(inputs: &[PathBuf], log: &mut impl Write) -> (Store, bool) {
    let store = Store::new().expect("an in-memory store");
    let converter = Converter::new(&Options::default());
    let mut failed = false;
    for figure in converter.figures(inputs) {
        match figure {
            Ok(figure) => {
                for w in figure.warnings() {
                    let _ = writeln!(log, "{w}");
                }
                store
                    .extend(figure.quads())
                    .expect("the store takes the quads");
            }
            Err(e) => {
                for d in e.diagnostics() {
                    let _ = writeln!(log, "{d}");
                }
                failed |= e.error().severity == Severity::Error;
            }
        }
    }
    (store, failed)
}

/// Runs a SELECT query over the union of the store's graphs and writes
/// its solutions as TSV.
pub fn select_tsv(store: &Store, query: &str, out: &mut impl Write) -> Result<(), String> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| format!("the query does not parse: {e}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| format!("the query fails: {e}"))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err("only SELECT queries are printed as TSV".into());
    };
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.to_string())
        .collect();
    let io = |e: std::io::Error| e.to_string();
    writeln!(out, "{}", vars.join("\t")).map_err(io)?;
    for solution in solutions {
        let solution = solution.map_err(|e| e.to_string())?;
        writeln!(out, "{}", row(&solution, &vars).join("\t")).map_err(io)?;
    }
    Ok(())
}

/// One solution's cells, in the order of `vars` (`?name`).
fn row(solution: &QuerySolution, vars: &[String]) -> Vec<String> {
    vars.iter()
        .map(|v| {
            solution
                .get(&v[1..])
                .map_or(String::new(), |t| t.to_string())
        })
        .collect()
}
