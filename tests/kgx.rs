//! The KGX export (`-f kgx`, `-f kgx-jsonl`): golden files, the same bytes
//! for any `-j`, agreement with the RDF output, cells that stay cells, and
//! ids that never become bad CURIEs. Regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test --test kgx` and review the diff.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;

const TABLES: [(&str, &str); 2] = [("kgx", "tsv"), ("kgx-jsonl", "jsonl")];

/// Runs the export of `input` (`-` reads `stdin`) into a fresh folder;
/// returns the folder (kept alive by the guard).
fn export(input: &str, format: &str, extra: &[&str], stdin: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("out");
    let mut args = vec![input, "-f", format, "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = run(&args, stdin);
    assert!(out.status.success(), "{format}: {}", stderr(&out));
    (tmp, dir)
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A KGX TSV table as KGX reads it (pandas' `read_csv(sep='\t',
/// quoting=QUOTE_NONE)`): a header, then one row a line, cells split at
/// tabs, quotes plain data.
fn parse_tsv(data: &[u8]) -> Vec<BTreeMap<String, String>> {
    let text = std::str::from_utf8(data).unwrap();
    assert!(text.ends_with('\n'));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            let r: Vec<&str> = l.split('\t').collect();
            assert_eq!(r.len(), header.len(), "one cell per column: {r:?}");
            header
                .iter()
                .zip(r)
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The nodes or edges of an export folder, as (column → value) maps, lists
/// `|`-joined as in TSV.
fn table(dir: &Path, format: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    if format == "kgx" {
        return parse_tsv(&read(dir, &format!("{name}.tsv")));
    }
    let data = read(dir, &format!("{name}.jsonl"));
    std::str::from_utf8(&data)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let s = match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Array(a) => a
                            .iter()
                            .map(|x| x.as_str().unwrap().to_owned())
                            .collect::<Vec<_>>()
                            .join("|"),
                        other => panic!("{k}: {other}"),
                    };
                    (k.clone(), s)
                })
                .collect()
        })
        .collect()
}

#[test]
fn examples_match_golden_files_in_both_forms() {
    let records = root().join("examples/records");
    for (format, ext) in TABLES {
        let (_tmp, dir) = export(records.to_str().unwrap(), format, &["-j", "2"], b"");
        let golden = root().join("examples/expected").join(format);
        for name in [
            format!("nodes.{ext}"),
            format!("edges.{ext}"),
            "content_metadata.json".into(),
        ] {
            let got = read(&dir, &name);
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::create_dir_all(&golden).unwrap();
                std::fs::write(golden.join(&name), &got).unwrap();
            }
            let expected = read(&golden, &name);
            assert!(
                got == expected,
                "{format}: {name} differs from {} (regenerate with UPDATE_GOLDEN=1 and review the diff)",
                golden.display()
            );
        }
    }
}

fn same_for_any_jobs(input: &Path) {
    for (format, ext) in TABLES {
        let (_t1, one) = export(input.to_str().unwrap(), format, &["-j", "1"], b"");
        let (_t4, four) = export(input.to_str().unwrap(), format, &["-j", "4"], b"");
        for name in [
            format!("nodes.{ext}"),
            format!("edges.{ext}"),
            "content_metadata.json".into(),
        ] {
            assert!(
                read(&one, &name) == read(&four, &name),
                "{format} {name} on {}",
                input.display()
            );
        }
    }
}

#[test]
fn the_same_bytes_whatever_the_number_of_threads() {
    same_for_any_jobs(&root().join("examples/records"));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn the_same_bytes_whatever_the_number_of_threads_on_the_corpus() {
    for dir in corpus_dirs() {
        same_for_any_jobs(&dir);
    }
}

const MENTIONS: &str = "<http://schema.org/mentions>";
const HAS_BODY: &str = "<http://www.w3.org/ns/oa#hasBody>";
const WP_ORGANISM: &str = "<http://vocabularies.wikipathways.org/wp#organism>";
const NCBIGENE: &str = "https://identifiers.org/ncbigene/";
const NCBITAXON: &str = "http://purl.obolibrary.org/obo/NCBITaxon_";
const FIGURE_TYPE: &str =
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#Figure>";

/// `(gene, taxon)` CURIEs of the gene mentions of N-Triples lines: `M
/// oa:hasBody <ncbigene/G>` and `M wp:organism <NCBITaxon_T>`.
fn gene_taxa(triples: &BTreeSet<String>) -> BTreeSet<(String, String)> {
    let mut body = BTreeMap::new();
    let mut taxon = BTreeMap::new();
    for t in triples {
        let [s, p, o] = [0, 1, 2].map(|i| t.split(' ').nth(i).unwrap_or_default());
        let id = |ns: &str| o.strip_prefix('<')?.strip_prefix(ns)?.strip_suffix('>');
        if p == HAS_BODY
            && let Some(g) = id(NCBIGENE)
        {
            body.insert(s, format!("NCBIGene:{g}"));
        } else if p == WP_ORGANISM
            && let Some(t) = id(NCBITAXON)
        {
            taxon.insert(s, format!("NCBITaxon:{t}"));
        }
    }
    body.iter()
        .filter_map(|(m, g)| Some((g.clone(), taxon.get(m)?.clone())))
        .collect()
}

/// KGX and the RDF output of the same input agree (MAPPING.md): as many
/// `biolink:mentions` edges as distinct `F schema:mentions X` triples, one
/// `biolink:in_taxon` edge per gene and taxon of its mentions, the genes
/// are those of the RDF, every figure is a node, every edge joins two
/// nodes, every node has a category.
fn agrees_with_rdf(input: &Path) {
    let nt = run_path(input, &["-f", "nt"]);
    assert!(nt.status.success(), "{}", stderr(&nt));
    let triples = parse("ntriples", &nt.stdout);
    let mentions = triples.iter().filter(|t| t.contains(MENTIONS)).count();
    let mut genes = BTreeSet::new();
    let mut figures = BTreeSet::new();
    for t in &triples {
        for term in t.split(' ') {
            if let Some(id) = term.strip_prefix(&format!("<{NCBIGENE}")) {
                genes.insert(format!("NCBIGene:{}", id.trim_end_matches('>')));
            }
        }
        if t.contains(FIGURE_TYPE) {
            let f = t.split(' ').next().unwrap();
            let figid = f
                .trim_start_matches("<https://pfocr.wikipathways.org/figures/")
                .trim_end_matches(".html>");
            figures.insert(format!("PFOCR:{figid}"));
        }
    }
    for format in ["kgx", "kgx-jsonl"] {
        let (_tmp, dir) = export(input.to_str().unwrap(), format, &[], b"");
        let nodes = table(&dir, format, "nodes");
        let edges = table(&dir, format, "edges");
        let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str()).collect();
        assert_eq!(ids.len(), nodes.len(), "{format}: each node once");
        assert!(
            nodes
                .iter()
                .all(|n| n.get("category").is_some_and(|c| c.starts_with("biolink:")))
        );
        let mention_edges = edges
            .iter()
            .filter(|e| e["predicate"] == "biolink:mentions")
            .count();
        assert_eq!(mention_edges, mentions, "{format} on {}", input.display());
        let taxon_edges: BTreeSet<(String, String)> = edges
            .iter()
            .filter(|e| e["predicate"] == "biolink:in_taxon")
            .map(|e| (e["subject"].clone(), e["object"].clone()))
            .collect();
        assert_eq!(
            taxon_edges.len(),
            edges
                .iter()
                .filter(|e| e["predicate"] == "biolink:in_taxon")
                .count(),
            "{format}: one in_taxon edge per gene and taxon"
        );
        assert_eq!(
            taxon_edges,
            gene_taxa(&triples),
            "{format}: the genes' taxa"
        );
        assert!(
            nodes.iter().all(|n| !n.contains_key("in_taxon")),
            "{format}: taxa are edges, not an in_taxon column"
        );
        let kgx_genes: BTreeSet<String> = ids
            .iter()
            .filter(|i| i.starts_with("NCBIGene:"))
            .map(|i| i.to_string())
            .collect();
        assert_eq!(kgx_genes, genes, "{format}: genes");
        for f in &figures {
            assert!(ids.contains(f.as_str()), "{format}: figure {f} is a node");
        }
        let edge_ids: BTreeSet<&str> = edges.iter().map(|e| e["id"].as_str()).collect();
        assert_eq!(edge_ids.len(), edges.len(), "{format}: edge ids are unique");
        for e in &edges {
            assert!(
                ids.contains(e["subject"].as_str()),
                "{format}: subject of {e:?}"
            );
            assert!(
                ids.contains(e["object"].as_str()),
                "{format}: object of {e:?}"
            );
            assert_eq!(e["primary_knowledge_source"], "infores:pfocr");
            assert_eq!(e["knowledge_level"], "not_provided");
            assert_eq!(e["agent_type"], "text_mining_agent");
            assert_eq!(
                e["id"],
                format!(
                    "{}#{}-{}",
                    e["subject"],
                    e["predicate"].trim_start_matches("biolink:"),
                    e["object"]
                ),
                "{format}: edge id"
            );
            let from_figure = e["subject"].starts_with("PFOCR:");
            assert_eq!(
                from_figure,
                e["predicate"] != "biolink:in_taxon",
                "{format}: {e:?}"
            );
            if !from_figure {
                assert!(!e.contains_key("publications"), "{format}: {e:?}");
            }
        }
        let meta: serde_json::Value =
            serde_json::from_slice(&read(&dir, "content_metadata.json")).unwrap();
        assert_eq!(meta["node_count"], nodes.len());
        assert_eq!(meta["edge_count"], edges.len());
        // Per predicate, the metadata counts the edges written, from the
        // subject's category.
        let mut counted: BTreeMap<(String, String), u64> = BTreeMap::new();
        for e in meta["edges"].as_array().unwrap() {
            let key = (
                e["subject"].as_str().unwrap().to_owned(),
                e["predicate"].as_str().unwrap().to_owned(),
            );
            *counted.entry(key).or_default() += e["count"].as_u64().unwrap();
        }
        let mut written: BTreeMap<(String, String), u64> = BTreeMap::new();
        for e in &edges {
            let subject = if e["predicate"] == "biolink:in_taxon" {
                "biolink:Gene"
            } else {
                "biolink:InformationContentEntity"
            };
            *written
                .entry((subject.to_owned(), e["predicate"].clone()))
                .or_default() += 1;
        }
        assert_eq!(counted, written, "{format}: metadata edge counts");
        assert_eq!(
            meta["curie_map"]["PFOCR"],
            "https://pfocr.wikipathways.org/figures/"
        );
    }
}

#[test]
fn examples_agree_with_the_rdf_output() {
    agrees_with_rdf(&root().join("examples/records"));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_agrees_with_the_rdf_output() {
    for dir in corpus_dirs() {
        agrees_with_rdf(&dir);
    }
}

#[test]
fn nodes_tsv_has_a_category_column() {
    let (_tmp, dir) = export(
        root().join("examples/records").to_str().unwrap(),
        "kgx",
        &[],
        b"",
    );
    let nodes = read(&dir, "nodes.tsv");
    let header = nodes.split(|&b| b == b'\n').next().unwrap();
    assert!(
        header.starts_with(b"id\tcategory\t"),
        "{}",
        String::from_utf8_lossy(header)
    );
    let edges = read(&dir, "edges.tsv");
    assert!(edges.starts_with(b"id\tsubject\tpredicate\tobject\t"));
}

const HOSTILE: &str = "---\nfigid: PMC1__f1.jpg\npmcid: PMC1\nfigtitle: \"tab\\there\\nnew line | pipe \\\"quoted\\\"\"\ncaption: \"\\\"|\"\n---\n";

#[test]
fn a_name_with_tabs_newlines_pipes_and_quotes_stays_one_value() {
    // KGX's TSV reader quotes nothing, so a tab or a line break cannot be
    // in a cell: they become spaces; it splits a cell at `|`, so a `|` in a
    // value becomes `¦`; JSON Lines keeps the value exactly.
    for (format, ext, title, caption) in [
        ("kgx", "tsv", "tab here new line ¦ pipe \"quoted\"", "\"¦"),
        (
            "kgx-jsonl",
            "jsonl",
            "tab\there\nnew line | pipe \"quoted\"",
            "\"|",
        ),
    ] {
        let (_tmp, dir) = export("-", format, &[], HOSTILE.as_bytes());
        // One line per node (and the TSV header).
        let n = lines(&read(&dir, &format!("nodes.{ext}")));
        assert_eq!(n, if ext == "tsv" { 3 } else { 2 }, "{format}");
        let nodes = table(&dir, format, "nodes");
        let figure = nodes
            .iter()
            .find(|n| n["id"] == "PFOCR:PMC1__f1.jpg")
            .unwrap();
        assert_eq!(figure["name"], title, "{format}");
        assert_eq!(figure["description"], caption, "{format}");
        assert_eq!(
            figure["iri"],
            "https://pfocr.wikipathways.org/figures/PMC1__f1.jpg.html"
        );
    }
}

#[test]
fn a_bad_id_never_reaches_a_curie() {
    let record = "---\nfigid: \"PMC2__a b|c\\td.jpg\"\npmcid: PMC2x\n---\n";
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    std::fs::create_dir_all(db.join("_figures")).unwrap();
    std::fs::create_dir_all(db.join("_data")).unwrap();
    std::fs::write(db.join("_figures/f.md"), record).unwrap();
    std::fs::write(
        db.join("_data/f-genes.tsv"),
        "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match\n\
         96x\tHomo sapiens\tmammals\tp53\tTP53\tTP53\t7157\tbe2\t1\t0\t0\n\
         9606\tHomo sapiens\tmammals\tx\tX\tX\t12|3\tbe2\t1\t0\t0\n\
         9606\tHomo sapiens\tmammals\ty\tY\tY\tNCBIGene:5\tbe2\t1\t0\t0\n",
    )
    .unwrap();
    std::fs::write(
        db.join("_data/f-chemicals.tsv"),
        "word\tmesh\tmatch\tname\tchebi\nA\tmesh:X001\tA\tA\tchebi:1 2\nB\tmesh:D000255\tATP\tATP\tchebi:15422\n",
    )
    .unwrap();
    std::fs::write(
        db.join("_data/f-diseases.tsv"),
        "word\tmesh\tmatch\tname\tdoid\nC\tmesh:C0|1\tC\tC\tdoid:DOID:1\n",
    )
    .unwrap();
    let (_t, dir) = export(db.to_str().unwrap(), "kgx", &[], b"");
    let nodes = table(&dir, "kgx", "nodes");
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str()).collect();
    // The figure has no title: held back to the end, in case a later row
    // names it.
    assert_eq!(
        ids,
        [
            "NCBIGene:7157",
            "MESH:D000255",
            "CHEBI:15422",
            "PFOCR:PMC2__a%20b%7Cc%09d.jpg"
        ]
    );
    let edges = table(&dir, "kgx", "edges");
    assert_eq!(edges.len(), 3, "96x is no taxon: no in_taxon edge");
    assert!(
        edges.iter().all(|e| !e.contains_key("publications")),
        "PMC2x is no pmcid"
    );
}

#[test]
fn a_mesh_id_is_a_chemical_or_a_disease_by_its_mention() {
    let (_tmp, dir) = export(
        root().join("examples/records").to_str().unwrap(),
        "kgx",
        &[],
        b"",
    );
    let nodes = table(&dir, "kgx", "nodes");
    for n in &nodes {
        let id = n["id"].as_str();
        let category = n["category"].as_str();
        let expected = match id.split(':').next().unwrap() {
            "NCBIGene" => "biolink:Gene",
            "CHEBI" => "biolink:ChemicalEntity",
            "DOID" => "biolink:Disease",
            "NCBITaxon" => "biolink:OrganismTaxon",
            "PMCID" => "biolink:JournalArticle",
            "PFOCR" => "biolink:InformationContentEntity",
            "MESH" => {
                assert!(
                    category == "biolink:ChemicalEntity" || category == "biolink:Disease",
                    "{n:?}"
                );
                continue;
            }
            other => panic!("prefix {other} is not in the Biolink Model prefix map"),
        };
        assert_eq!(category, expected, "{n:?}");
    }
}

#[test]
fn compressed_tables_hold_the_same_bytes() {
    let records = root().join("examples/records");
    let (_t1, plain) = export(records.to_str().unwrap(), "kgx", &[], b"");
    let (_t2, gz) = export(
        records.to_str().unwrap(),
        "kgx",
        &["--compress", "gzip"],
        b"",
    );
    for name in ["nodes.tsv", "edges.tsv"] {
        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(&read(&gz, &format!("{name}.gz"))[..]),
            &mut unzipped,
        )
        .unwrap();
        assert!(unzipped == read(&plain, name), "{name}");
    }
    assert!(gz.join("content_metadata.json").is_file());
    let names: BTreeSet<String> = std::fs::read_dir(&gz)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
}

#[test]
fn kgx_needs_a_folder_and_takes_no_split_or_void() {
    let records = root().join("examples/records");
    let r = records.to_str().unwrap();
    for args in [
        vec![r, "-f", "kgx"],
        vec![r, "-f", "kgx-jsonl", "-o", "/tmp/x", "--split", "2"],
        vec![r, "-f", "kgx", "-o", "/tmp/x", "--void"],
        vec![r, "-f", "kgx", "-o", "/tmp/x", "--void-only"],
    ] {
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

/// A genes TSV row: `organism_id, organism_name, ncbigene_id`.
type GeneRow<'a> = (&'a str, &'a str, &'a str);

/// A pfocr-database folder of figures `(figid, genes TSV rows)`.
fn database(figures: &[(&str, &[GeneRow<'_>])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["_figures", "_data"] {
        std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
    }
    for (i, (figid, rows)) in figures.iter().enumerate() {
        let name = format!("f{i}");
        std::fs::write(
            tmp.path().join(format!("_figures/{name}.md")),
            format!("---\nfigid: {figid}\npmcid: PMC{i}\nfigtitle: Figure {i}\n---\n"),
        )
        .unwrap();
        let mut tsv = String::from(
            "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match\n",
        );
        for (taxon, organism, gene) in *rows {
            tsv.push_str(&format!(
                "{taxon}\t{organism}\tg\tw\tW\tS{gene}\t{gene}\tbe2\t1\t0\t0\n"
            ));
        }
        std::fs::write(tmp.path().join(format!("_data/{name}-genes.tsv")), tsv).unwrap();
    }
    tmp
}

#[test]
fn a_genes_taxa_are_in_taxon_edges_written_once() {
    // Gene 7157 with taxon 9606 in both figures (one edge), and with 10090
    // too in the second (a second edge); 10090 is no organism of a figure,
    // yet a node, named by the row.
    let db = database(&[
        ("PMC1__f1.jpg", &[("9606", "Homo sapiens", "7157")]),
        (
            "PMC2__f2.jpg",
            &[
                ("9606", "Homo sapiens", "7157"),
                ("10090", "Mus musculus", "7157"),
                ("10090", "Mus musculus", "22059"),
            ],
        ),
    ]);
    for format in ["kgx", "kgx-jsonl"] {
        let (_t, dir) = export(db.path().to_str().unwrap(), format, &["-j", "2"], b"");
        let edges = table(&dir, format, "edges");
        let taxon: Vec<(&str, &str, &str)> = edges
            .iter()
            .filter(|e| e["predicate"] == "biolink:in_taxon")
            .map(|e| {
                (
                    e["id"].as_str(),
                    e["subject"].as_str(),
                    e["object"].as_str(),
                )
            })
            .collect();
        assert_eq!(
            taxon,
            [
                (
                    "NCBIGene:7157#in_taxon-NCBITaxon:9606",
                    "NCBIGene:7157",
                    "NCBITaxon:9606"
                ),
                (
                    "NCBIGene:7157#in_taxon-NCBITaxon:10090",
                    "NCBIGene:7157",
                    "NCBITaxon:10090"
                ),
                (
                    "NCBIGene:22059#in_taxon-NCBITaxon:10090",
                    "NCBIGene:22059",
                    "NCBITaxon:10090"
                ),
            ],
            "{format}"
        );
        for e in edges
            .iter()
            .filter(|e| e["predicate"] == "biolink:in_taxon")
        {
            assert_eq!(e["primary_knowledge_source"], "infores:pfocr");
            assert_eq!(e["knowledge_level"], "not_provided");
            assert_eq!(e["agent_type"], "text_mining_agent");
            assert!(!e.contains_key("publications"), "{e:?}");
        }
        let nodes = table(&dir, format, "nodes");
        let mouse = nodes.iter().find(|n| n["id"] == "NCBITaxon:10090").unwrap();
        assert_eq!(mouse["category"], "biolink:OrganismTaxon", "{format}");
        assert_eq!(mouse["name"], "Mus musculus", "{format}");
        let meta: serde_json::Value =
            serde_json::from_slice(&read(&dir, "content_metadata.json")).unwrap();
        assert_eq!(meta["edge_count"], edges.len());
        let counted = meta["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["predicate"] == "biolink:in_taxon")
            .unwrap();
        assert_eq!(counted["subject"], "biolink:Gene");
        assert_eq!(counted["object"], "biolink:OrganismTaxon");
        assert_eq!(counted["count"], 3, "{format}: counted once each");
    }
}

#[test]
fn a_node_takes_its_first_name_and_a_nameless_one_comes_last() {
    // 9606 is an organism of the first figure, which gives no name for it;
    // the second figure's gene row names it. The articles have no title.
    let db = database(&[
        ("PMC1__f1.jpg", &[]),
        ("PMC2__f2.jpg", &[("9606", "Homo sapiens", "7157")]),
    ]);
    std::fs::write(
        db.path().join("_figures/f0.md"),
        "---\nfigid: PMC1__f1.jpg\npmcid: PMC0\nfigtitle: Figure 0\norganisms: Homo sapiens\n---\n",
    )
    .unwrap();
    for format in ["kgx", "kgx-jsonl"] {
        let (_t, dir) = export(db.path().to_str().unwrap(), format, &["-j", "2"], b"");
        let nodes = table(&dir, format, "nodes");
        let ids: Vec<(&str, Option<&str>)> = nodes
            .iter()
            .map(|n| (n["id"].as_str(), n.get("name").map(String::as_str)))
            .collect();
        assert_eq!(
            ids,
            [
                ("PFOCR:PMC1__f1.jpg", Some("Figure 0")),
                ("PFOCR:PMC2__f2.jpg", Some("Figure 1")),
                ("NCBIGene:7157", Some("S7157")),
                ("NCBITaxon:9606", Some("Homo sapiens")),
                ("PMCID:PMC0", None),
                ("PMCID:PMC1", None),
            ],
            "{format}"
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&read(&dir, "content_metadata.json")).unwrap();
        assert_eq!(meta["node_count"], 6, "{format}");
    }
}
