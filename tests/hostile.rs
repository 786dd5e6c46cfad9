//! Hostile input (issue #5): whatever arrives, the tool never panics,
//! hangs or runs out of memory, never emits a term that breaks out of its
//! syntax, and never loses a good record because of a bad one.
//!
//! Every case is generated here in a temporary folder, run through the
//! real binary beside two good records, and asserted exactly: the report
//! line (file, line, field), the triples that exist or not, every format
//! parsed back (oxttl, oxjsonld) to the same triples as N-Triples, and the
//! good records still converted.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

const GOOD: &str = "---\nfigid: PMC1__good\npmcid: PMC1\nfigtitle: A good figure\n---\n";

/// Writes the two good records (`a-good.md`, `z-good.md`) into `dir`.
fn good_records(dir: &Path) {
    fs::write(dir.join("a-good.md"), GOOD).unwrap();
    fs::write(
        dir.join("z-good.md"),
        GOOD.replace("PMC1__good", "PMC1__good2"),
    )
    .unwrap();
}

fn assert_good_ones_survive(nt: &str) {
    for id in ["PMC1__good", "PMC1__good2"] {
        assert!(
            nt.contains(&format!(
                "<https://pfocr.wikipathways.org/figures/{id}.html> <http://purl.org/dc/terms/identifier> \"{id}\" ."
            )),
            "{id} missing from the output"
        );
    }
}

/// A YAML double-quoted scalar holding `s` exactly: every character outside
/// printable ASCII as an escape, so the file itself stays plain.
fn yq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Every statement of an output as an N-Triples line (graph names of the
/// quad formats dropped), sorted, duplicates kept: the same input must give
/// the same multiset in every format.
fn statements(format: &str, data: &[u8]) -> Vec<String> {
    let fail = |e: &dyn std::fmt::Display| -> ! {
        panic!(
            "{format} output does not parse: {e}\n{}",
            String::from_utf8_lossy(data)
        )
    };
    let mut out: Vec<String> = match format {
        "turtle" => oxttl::TurtleParser::new()
            .for_slice(data)
            .map(|t| t.unwrap_or_else(|e| fail(&e)).to_string())
            .collect(),
        "ntriples" => oxttl::NTriplesParser::new()
            .for_slice(data)
            .map(|t| t.unwrap_or_else(|e| fail(&e)).to_string())
            .collect(),
        "nquads" => oxttl::NQuadsParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        "trig" => oxttl::TriGParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        "jsonld" => oxjsonld::JsonLdParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        other => panic!("unknown format {other}"),
    };
    out.sort();
    out
}

/// Runs `args` in every format; asserts that each output parses back to
/// the same statements as N-Triples (one line per statement), that the
/// reports and exit status do not depend on the format, and returns the
/// N-Triples run and its statements.
fn every_format(args: &[&str]) -> (Output, Vec<String>) {
    let mut nt_args = args.to_vec();
    nt_args.extend(["-f", "nt"]);
    let nt = run(&nt_args, b"");
    let reference = statements("ntriples", &nt.stdout);
    assert_eq!(reference.len(), lines(&nt.stdout), "one statement a line");
    for format in FORMATS {
        let mut a = args.to_vec();
        a.extend(["-f", format]);
        let out = run(&a, b"");
        assert_eq!(out.status.code(), nt.status.code(), "{format}");
        assert_eq!(stderr(&out), stderr(&nt), "{format}: the same reports");
        assert!(
            statements(format, &out.stdout) == reference,
            "{format} gives other statements than N-Triples"
        );
    }
    (nt, reference)
}

/// The report lines naming `file` (as the last path component).
fn reports<'a>(err: &'a str, file: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| {
            l.split(": ")
                .next()
                .is_some_and(|p| p.rsplit('/').next().unwrap().split(':').next() == Some(file))
        })
        .collect()
}

/// The one report line about `file`, without its folder.
fn report(err: &str, file: &str) -> String {
    let found = reports(err, file);
    assert_eq!(found.len(), 1, "expected one report for {file}:\n{err}");
    let line = found[0];
    line[line.find(file).unwrap()..].to_owned()
}

fn literal(s: &str) -> String {
    oxrdf::Literal::new_simple_literal(s).to_string()
}

// ---------------------------------------------------------------------------
// Injection through every field

/// Every character that can break a term: `>`, `<`, space, `"`, `"""`,
/// `\`, newline, tab, C0 controls, DEL, U+FFFE, bidi controls, `%` not
/// starting an escape, `?`, `#`, `/`, and a non-ASCII letter.
const H: &str =
    "x>y<z w\"q\"\"\"r\\s\nt\tu\u{0}\u{1}\u{1F}\u{7F}v\u{FFFE}w\u{202E}x\u{2066}y%zz?#/€";
/// `H` as one IRI path segment (RFC 3987 `ipchar`, MAPPING.md).
const H_SEGMENT: &str = "x%3Ey%3Cz%20w%22q%22%22%22r%5Cs%0At%09u%00%01%1F%7Fv%EF%BF%BEw%E2%80%AEx%E2%81%A6y%25zz%3F%23%2F€";
/// `H` as an IRI path (`/` kept).
const H_PATH: &str = "x%3Ey%3Cz%20w%22q%22%22%22r%5Cs%0At%09u%00%01%1F%7Fv%EF%BF%BEw%E2%80%AEx%E2%81%A6y%25zz%3F%23/€";
/// `H` as a journal or publisher key (everything but `A-Za-z0-9-._~`).
const H_KEY: &str = "x%3Ey%3Cz%20w%22q%22%22%22r%5Cs%0At%09u%00%01%1F%7Fv%EF%BF%BEw%E2%80%AEx%E2%81%A6y%25zz%3F%23%2F%E2%82%AC";

#[test]
fn injection_through_every_yaml_field() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    let h = yq(H);
    // Free-form fields: literals kept exactly, IRIs percent-encoded.
    let free = format!(
        "---\nfigid: {fig}\npmcid: PMC42\nfigtitle: {h}\ncaption: {h}\npapertitle: {h}\n\
         reftext: {h}\njournal_title: {h}\njournal_nlm_ta: {h}\npublisher_name: {h}\n\
         keywords: {h}\nfiglink: {h}\nfilename: {h}\ndoi: {h}\nnumber: {h}\nfigtype: {h}\n\
         figid_alias: {h}\nseo: {h}\norganisms:\n- {h}\nredirect_from:\n- {h}\ngenes:\n\
         - word: {h}\n  symbol: {h}\n  source: {h}\n  hgnc_symbol: {h}\n  entrez: '7157'\n\
         chemicals:\n- word: {h}\n  source: {h}\n  identifier: D001920\n---\n",
        // Surrounding white space is trimmed from identifiers.
        fig = yq(&format!(" \t{H} "))
    );
    fs::write(dir.path().join("m-free.md"), &free).unwrap();
    // Identifier fields: checked against their pattern, reported, no triple.
    let ids = format!(
        "---\nfigid: PMC43__ids\npmcid: {h}\nndex: {h}\nwpid: {h}\nyear: {h}\n\
         pathway_score: {h}\npmc_ranked_result_index: {h}\ngenes:\n- word: w\n  entrez: {h}\n\
         chemicals:\n- word: c\n  identifier: {h}\n---\n"
    );
    fs::write(dir.path().join("m-ids.md"), &ids).unwrap();

    let (out, nt) = every_format(&[dir.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "warnings only:\n{err}");
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    assert_good_ones_survive(&raw);

    let f = format!("<https://pfocr.wikipathways.org/figures/{H_SEGMENT}.html>");
    let a = "<https://identifiers.org/pmc/PMC42>";
    let has = |t: String| assert!(nt.contains(&t), "missing {t}");
    has(format!(
        "{f} <http://purl.org/dc/terms/identifier> {}",
        literal(H)
    ));
    has(format!(
        "{f} <http://schema.org/url> <https://www.ncbi.nlm.nih.gov/{H_PATH}>"
    ));
    has(format!(
        "{f} <http://schema.org/image> <https://www.ncbi.nlm.nih.gov/pmc/articles/PMC42/bin/{H_SEGMENT}>"
    ));
    has(format!(
        "{a} <http://schema.org/sameAs> <https://doi.org/{H_PATH}>"
    ));
    has(format!(
        "{a} <http://schema.org/isPartOf> <https://w3id.org/pfocr/journal/{H_KEY}>"
    ));
    has(format!(
        "<https://w3id.org/pfocr/journal/{H_KEY}> <http://schema.org/publisher> <https://w3id.org/pfocr/publisher/{H_KEY}>"
    ));
    has(format!(
        "<https://identifiers.org/ncbigene/7157> <http://vocabularies.wikipathways.org/wp#bdbHgncSymbol> <https://identifiers.org/hgnc.symbol/{H_SEGMENT}>"
    ));
    // Every free-form literal holds H exactly, under each of its properties.
    let with_h: BTreeMap<&str, usize> = nt
        .iter()
        .filter(|t| t.ends_with(&format!(" {}", literal(H))))
        .fold(BTreeMap::new(), |mut m, t| {
            let p = t.split(' ').nth(1).unwrap();
            *m.entry(p).or_default() += 1;
            m
        });
    let expected: BTreeMap<&str, usize> = [
        ("<http://purl.org/dc/terms/identifier>", 1),
        ("<http://purl.org/dc/terms/title>", 2),
        ("<http://schema.org/name>", 4), // figure, article, journal, publisher
        ("<http://purl.org/dc/terms/description>", 1),
        ("<http://schema.org/description>", 1),
        ("<http://purl.org/dc/terms/bibliographicCitation>", 1),
        ("<http://schema.org/alternateName>", 2), // figure alias, journal
        ("<http://schema.org/keywords>", 1),
        ("<https://w3id.org/pfocr/vocab#figureNumber>", 1),
        ("<https://w3id.org/pfocr/vocab#figureType>", 1),
        ("<https://w3id.org/pfocr/vocab#seoType>", 1),
        ("<http://vocabularies.wikipathways.org/wp#organismName>", 1),
        ("<https://w3id.org/pfocr/vocab#redirectFrom>", 1),
        ("<https://w3id.org/pfocr/vocab#ocrWord>", 2),
        ("<https://w3id.org/pfocr/vocab#lexiconSource>", 2),
        ("<https://w3id.org/pfocr/vocab#symbol>", 1),
        ("<http://www.w3.org/2000/01/rdf-schema#label>", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(with_h, expected);
    // The raw N-Triples escape what must be escaped, and nothing is raw.
    assert!(raw.contains(r#""x>y<z w\"q\"\"\"r\\s\nt\tu\u0000\u0001\u001F\u007Fv\uFFFEw"#));
    assert!(!raw.contains('\u{0}') && !raw.contains('\u{FFFE}') && !raw.contains('\u{7F}'));

    // The identifier record: each bad id reported once, on its line, with
    // its field; the value shown escaped on one line; no triple.
    let found = reports(&err, "m-ids.md");
    let fields: Vec<String> = found
        .iter()
        .map(|l| {
            let l = &l[l.find("m-ids.md").unwrap()..];
            let mut parts = l.splitn(4, ": ");
            let (at, _kind, field) = (parts.next().unwrap(), parts.next(), parts.next().unwrap());
            format!("{at} {field}")
        })
        .collect();
    assert_eq!(
        fields,
        [
            "m-ids.md:3 pmcid",
            "m-ids.md:6 year",
            "m-ids.md:7 pathway_score",
            "m-ids.md:8 pmc_ranked_result_index",
            "m-ids.md:4 ndex",
            "m-ids.md:5 wpid",
            "m-ids.md:11 genes[1].entrez",
            "m-ids.md:14 chemicals[1].identifier",
            "m-ids.md:13 chemicals[1].identifier",
        ],
        "{err}"
    );
    for l in &found {
        assert!(l.contains(": warning: "), "{l}");
        assert!(
            l.contains(r#""x>y<z w\"q\"\"\"r\\s\nt\tu\0\u{1}"#) || l.contains("no MeSH"),
            "{l}"
        );
    }
    let ids_fig = "<https://pfocr.wikipathways.org/figures/PMC43__ids.html>";
    let of_ids: Vec<&String> = nt.iter().filter(|t| t.contains("PMC43__ids")).collect();
    assert!(!of_ids.is_empty());
    for t in &of_ids {
        assert!(
            !t.contains("ndexbio")
                && !t.contains("wikipathways/")
                && !t.contains("identifiers.org/pmc")
                && !t.contains("#gene-")
                && !t.contains("#chemical-")
                && !t.contains("XMLSchema#"),
            "{t}"
        );
    }
    assert!(nt.iter().any(|t| t.starts_with(ids_fig)));
}

#[test]
fn injection_through_every_tsv_cell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    // A TSV cell holds tabs and newlines only inside RFC 4180 quotes, with
    // `""` for a quote; everything else arrives raw (control bytes too).
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    fs::write(db.join("_figures/T1.md"), "---\nfigid: T1\n---\n").unwrap();
    fs::write(db.join("_figures/T2.md"), "---\nfigid: T2\n---\n").unwrap();
    fs::write(
        db.join("_data/T1-genes.tsv"),
        format!(
            "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match\n\
             9606\t{h}\t{h}\t{h}\t{h}\t{h}\t7157\t{h}\t1\t0\t1\n\
             {h}\tx\tx\tw\tm\ts\t{h}\tsrc\t{h}\t0\t1\n",
            h = q(H)
        ),
    )
    .unwrap();
    fs::write(
        db.join("_data/T2-chemicals.tsv"),
        format!(
            "word\tmesh\tmatch\tname\tchebi\n{h}\tmesh:D001920\t{h}\t{h}\tchebi:3165\nw\t{h}\tm\tn\t{h}\n",
            h = q(H)
        ),
    )
    .unwrap();
    let (out, nt) = every_format(&[db.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let f1 = "<https://pfocr.wikipathways.org/figures/T1.html>";
    let m = format!("<{}#gene-1>", &f1[1..f1.len() - 1]);
    let has = |t: String| assert!(nt.contains(&t), "missing {t}\n{nt:#?}");
    has(format!(
        "{m} <https://w3id.org/pfocr/vocab#ocrWord> {}",
        literal(H)
    ));
    has(format!(
        "{m} <https://w3id.org/pfocr/vocab#matchedText> {}",
        literal(H)
    ));
    has(format!(
        "{m} <https://w3id.org/pfocr/vocab#lexiconSource> {}",
        literal(H)
    ));
    has(format!(
        "<https://identifiers.org/ncbigene/7157> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal(H)
    ));
    has(format!(
        "<http://purl.obolibrary.org/obo/NCBITaxon_9606> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal(H)
    ));
    has(format!(
        "<http://id.nlm.nih.gov/mesh/D001920> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal(H)
    ));
    has(format!(
        "<http://purl.obolibrary.org/obo/CHEBI_3165> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal(H)
    ));
    assert!(
        !nt.iter().any(|t| t.contains("#gene-2>")),
        "a row with a bad id gives no node"
    );
    assert!(!nt.iter().any(|t| t.contains("#chemical-2>")));
    // Rows are numbered by position; the six quoted cells of row 1 hold a
    // newline each, so row 2 of T1 starts on line 9.
    let got: Vec<String> = reports(&err, "T1-genes.tsv")
        .into_iter()
        .chain(reports(&err, "T2-chemicals.tsv"))
        .map(|l| {
            let l = &l[l.find("T1-genes").or(l.find("T2-chem")).unwrap()..];
            l[..l.find(": \"").unwrap_or(l.len())].to_owned()
        })
        .collect();
    assert_eq!(
        got,
        [
            "T1-genes.tsv:9: warning: genes.tsv row 2: ncbigene_id",
            "T2-chemicals.tsv:6: warning: chemicals.tsv row 2: mesh",
            "T2-chemicals.tsv:6: warning: chemicals.tsv row 2: chebi",
            "T2-chemicals.tsv:6: warning: chemicals.tsv row 2: mesh: no MeSH or CHEBI id (word \"w\"): row gives no mention",
        ],
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// YAML

/// What a case must give.
enum Expect {
    /// The record fails with this report (after the file name).
    Error(&'static str),
    /// The record converts; these N-Triples statements are in the output.
    Converted(Vec<String>),
}

fn fig(id: &str) -> String {
    format!("<https://pfocr.wikipathways.org/figures/{id}.html>")
}

fn described(id: &str, caption: &str) -> String {
    format!(
        "{} <http://schema.org/description> {}",
        fig(id),
        literal(caption)
    )
}

fn yaml_cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    use Expect::*;
    let big = "x".repeat(1 << 20);
    let mut cases: Vec<(&'static str, Vec<u8>, Expect)> = vec![
        // 20,000 aliases of a 1 MB scalar would ask for 20 GB.
        (
            "alias-scalars.md",
            format!(
                "---\nfigid: AB1\nanchor: &a \"{big}\"\norganisms:\n{}---\n",
                "- *a\n".repeat(20_000)
            )
            .into_bytes(),
            Error(
                "alias-scalars.md:9: error: bad YAML: organisms[5]: anchors and aliases expand to far more text than the record holds (an alias bomb?): record not read",
            ),
        ),
        // The same through mapping keys and values of mention items.
        (
            "alias-items.md",
            format!(
                "---\nfigid: AB2\nanchor: &m {{word: \"{big}\", entrez: '1'}}\ngenes:\n{}---\n",
                "- *m\n".repeat(20_000)
            )
            .into_bytes(),
            Error(
                "alias-items.md:9: error: bad YAML: genes[5].word: anchors and aliases expand to far more text than the record holds (an alias bomb?): record not read",
            ),
        ),
        // Billion laughs under a key nobody reads: never expanded (the key
        // is reported as unmapped); under a read key: refused at once.
        ("alias-laughs.md", laughs("AB3", "x").into_bytes(), Converted(vec![])),
        (
            "alias-laughs-read.md",
            laughs("AB4", "organisms").into_bytes(),
            Error(
                "alias-laughs-read.md:12: error: bad YAML: organisms[1]: invalid type: sequence, expected a scalar",
            ),
        ),
        // Small aliases are fine.
        (
            "alias-small.md",
            b"---\nfigid: &f AB5\ncaption: *f\n---\n".to_vec(),
            Converted(vec![described("AB5", "AB5")]),
        ),
        // Deep flow nesting: refused before parsing (a YAML scanner's time
        // may grow with the square of the depth), read or not.
        (
            "deep-unread.md",
            format!("---\nfigid: DP1\nx: {}1{}\n---\n", "{a: ".repeat(100_000), "}".repeat(100_000))
                .into_bytes(),
            Error(
                "deep-unread.md:3: error: bad YAML: more than 128 nested `[` or `{`: refused (no record nests this deep)",
            ),
        ),
        (
            "deep-read.md",
            format!(
                "---\nfigid: DP2\ncaption: \"[[[\"\norganisms:\n- {}{}\n---\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes(),
            Error(
                "deep-read.md:5: error: bad YAML: more than 128 nested `[` or `{`: refused (no record nests this deep)",
            ),
        ),
        // 128 levels pass the check; under a key nobody reads, fine.
        (
            "deep-limit.md",
            format!("---\nfigid: DP4\nx: {}{}\n---\n", "[".repeat(128), "]".repeat(128)).into_bytes(),
            Converted(vec![]),
        ),
        // Deep block nesting: refused while building the tree (no record
        // nests this deep; dropping such a tree would need a deep stack).
        (
            "deep-genes.md",
            format!("---\nfigid: DP3\ngenes:\n{}\n---\n", "- ".repeat(50_000)).into_bytes(),
            Error(
                "deep-genes.md:4: error: bad YAML: genes: more than 256 nested lists and mappings: refused (no record nests this deep)",
            ),
        ),
        (
            "dup-top.md",
            b"---\nfigid: DK1\ncaption: a\ncaption: b\n---\n".to_vec(),
            Error("dup-top.md:4: error: bad YAML: caption: duplicate key `caption`"),
        ),
        (
            "dup-item.md",
            b"---\nfigid: DK2\ngenes:\n- word: a\n  entrez: '1'\n  entrez: '2'\n---\n".to_vec(),
            Error("dup-item.md:6: error: bad YAML: genes[1]: duplicate key `entrez`"),
        ),
        // Tags: a tagged scalar is its text (a tag is no data); a tagged
        // list or mapping is refused.
        (
            "tag-binary.md",
            b"---\nfigid: TG1\ncaption: !!binary aGVsbG8=\n---\n".to_vec(),
            Converted(vec![described("TG1", "aGVsbG8=")]),
        ),
        (
            "tag-custom.md",
            b"---\nfigid: !pfocr TG2\ncaption: !!str 0.10\n---\n".to_vec(),
            Converted(vec![described("TG2", "0.10")]),
        ),
        (
            "tag-list.md",
            b"---\nfigid: TG3\norganisms: !x [a]\n---\n".to_vec(),
            Error(
                "tag-list.md:3: error: bad YAML: organisms: a tagged list or mapping (`!tag`): tags are not supported here (a tagged scalar is read as its text)",
            ),
        ),
        // Multiple documents: `...` ends one; more YAML after it is refused;
        // a directive cannot be in front matter at all.
        (
            "docs-end.md",
            b"---\nfigid: MD1\n...\n---\n".to_vec(),
            Converted(vec![]),
        ),
        (
            "docs-two.md",
            b"---\nfigid: MD2\n...\nfigid: MD3\n---\n".to_vec(),
            Error(
                "docs-two.md:3: error: bad YAML: more YAML after a `...` (end of document) line: one front matter holds one record",
            ),
        ),
        (
            "docs-directive.md",
            b"---\n%YAML 1.2\nfigid: MD4\n---\n".to_vec(),
            Error(
                "docs-directive.md:2: error: bad YAML: YAML directive \"%YAML 1.2\": a directive needs a `---` after it, which would close the front matter; directives are not supported",
            ),
        ),
        (
            "fence-missing.md",
            b"---\nfigid: FM1\ncaption: never closed\n".to_vec(),
            Error(
                "fence-missing.md:1: error: missing closing `---`: the front matter opened here never ends",
            ),
        ),
        (
            "bom.md",
            b"\xEF\xBB\xBF---\nfigid: BM1\ncaption: after a BOM\n---\n".to_vec(),
            Converted(vec![described("BM1", "after a BOM")]),
        ),
        (
            "crlf.md",
            b"---\r\nfigid: CR1\r\ncaption: \"two\r\n  lines\"\r\nfigtitle: |\r\n  kept\r\n  break\r\n---\r\n"
                .to_vec(),
            Converted(vec![
                described("CR1", "two lines"),
                format!("{} <http://schema.org/name> {}", fig("CR1"), literal("kept\nbreak\n")),
            ]),
        ),
        // A tab inside a value is data; saphyr-parser refuses one as the
        // separator after `:` (YAML 1.2 allows it): reported, line and column.
        (
            "tab-value.md",
            b"---\nfigid: TB1\ncaption: a\tb\n---\n".to_vec(),
            Converted(vec![described("TB1", "a\tb")]),
        ),
        (
            "tab-separator.md",
            b"---\nfigid:\tTB3\n---\n".to_vec(),
            Error(
                "tab-separator.md:2: error: bad YAML: ':' must be followed by a valid YAML whitespace at column 8",
            ),
        ),
        (
            "tab-indent.md",
            b"---\nfigid: TB2\ngenes:\n\t- word: a\n---\n".to_vec(),
            Error(
                "tab-indent.md:4: error: bad YAML: genes: tabs disallowed within this context (block indentation) at column 2",
            ),
        ),
        (
            "not-utf8.md",
            b"---\nfigid: NU1\ncaption: caf\xE9\n---\n".to_vec(),
            Error("not-utf8.md:3: error: not UTF-8: invalid byte 0xE9 at byte offset 27"),
        ),
        ("empty.md", Vec::new(), Error("empty.md: error: empty file: no front matter")),
        (
            "empty-fm.md",
            b"---\n---\n".to_vec(),
            Error("empty-fm.md:1: error: bad YAML: empty front matter"),
        ),
        (
            "is-list.md",
            b"---\n- figid: LS1\n---\n".to_vec(),
            Error(
                "is-list.md:2: error: bad YAML: the front matter is a list, not a mapping of record fields (`figid: ...`, `pmcid: ...`)",
            ),
        ),
        (
            "is-scalar.md",
            b"---\nLS2\n---\n".to_vec(),
            Error(
                "is-scalar.md:2: error: bad YAML: the front matter is a single scalar (\"LS2\"), not a mapping of record fields (`figid: ...`, `pmcid: ...`)",
            ),
        ),
        (
            "is-null.md",
            b"---\n~\n---\n".to_vec(),
            Error(
                "is-null.md:2: error: bad YAML: the front matter is null, not a mapping of record fields (`figid: ...`, `pmcid: ...`)",
            ),
        ),
        // Lone surrogate escapes: refused (a pair too: YAML
        // escapes name code points, not UTF-16 units).
        (
            "surrogate.md",
            b"---\nfigid: SG1\ncaption: \"a\\uD800b\"\n---\n".to_vec(),
            Error(
                "surrogate.md:3: error: bad YAML: caption: while parsing a quoted scalar, found invalid Unicode character escape code at column 10",
            ),
        ),
        (
            "surrogate-pair.md",
            b"---\nfigid: SG2\ncaption: \"\\uD83D\\uDE00\"\n---\n".to_vec(),
            Error(
                "surrogate-pair.md:3: error: bad YAML: caption: while parsing a quoted scalar, found invalid Unicode character escape code at column 10",
            ),
        ),
        // Non-characters and controls through escapes are data: kept.
        (
            "nonchar.md",
            b"---\nfigid: NC1\ncaption: \"a\\uFFFEb\\0c\\x7F\\e\"\n---\n".to_vec(),
            Converted(vec![described("NC1", "a\u{FFFE}b\u{0}c\u{7F}\u{1B}")]),
        ),
        // A raw control character is not YAML.
        (
            "raw-control.md",
            b"---\nfigid: RC1\ncaption: a\x01b\n---\n".to_vec(),
            Error(
                "raw-control.md:3: error: bad YAML: non-printable character U+0001 at column 11: not allowed in YAML",
            ),
        ),
    ];
    // A 50 MB caption is in its own test (memory); keep this run light.
    cases.shrink_to_fit();
    cases
}

/// Ten levels of nine aliases each (9^9 items when expanded) under `key`.
fn laughs(figid: &str, key: &str) -> String {
    let mut s =
        format!("---\nfigid: {figid}\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        s.push_str(&format!(
            "l{i}: &l{i} [{}]\n",
            vec![format!("*l{}", i - 1); 9].join(", ")
        ));
    }
    s.push_str(&format!("{key}: [{}]\n---\n", ["*l8"; 9].join(", ")));
    s
}

#[test]
fn hostile_yaml_is_reported_and_the_rest_converted() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    let cases = yaml_cases();
    for (name, bytes, _) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (out, nt) = every_format(&[dir.path().to_str().unwrap(), "-j", "2"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "some records failed:\n{err}");
    let raw = String::from_utf8_lossy(&out.stdout);
    assert_good_ones_survive(&raw);
    let mut failed = 0;
    let (mut want, mut got) = (Vec::new(), Vec::new());
    for (name, _, expect) in &cases {
        match expect {
            Expect::Error(line) => {
                failed += 1;
                want.push(line.to_string());
                got.push(report(&err, name));
            }
            Expect::Converted(statements) => {
                assert!(
                    reports(&err, name).iter().all(|l| !l.contains(": error: ")),
                    "{name}:\n{err}"
                );
                for s in statements {
                    assert!(nt.contains(s), "{name}: missing {s}");
                }
            }
        }
    }
    assert_eq!(got, want);
    let converted = cases.len() - failed + 2;
    assert!(
        err.contains(&format!(
            "pfocr2rdf: {converted} records converted, {failed} failed"
        )),
        "{err}"
    );
    // Unread keys are reported, not expanded.
    assert!(err.contains("unmapped key `l8`"), "{err}");
    assert!(err.contains("unmapped key `x`"), "{err}");
    assert!(raw.contains("\"a\\uFFFEb\\u0000c\\u007F\\u001B\""));
}

/// Runs the binary with stdout and stderr to files and returns the output
/// with the child's peak resident memory in bytes (`wait4`'s `ru_maxrss`).
fn run_measured(args: &[&str]) -> (Output, u64) {
    let dir = tempfile::tempdir().unwrap();
    let (o, e) = (dir.path().join("out"), dir.path().join("err"));
    // Reaped by `wait4` below, which std does not know about.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&o).unwrap())
        .stderr(fs::File::create(&e).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std has not reaped.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let out = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: fs::read(&o).unwrap(),
        stderr: fs::read(&e).unwrap(),
    };
    (out, usage.ru_maxrss as u64 * 1024)
}

#[test]
fn a_50_mb_caption_is_converted_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    let caption: String = "Lorem \"ipsum\" \\ <b>dolor</b>\tsit\n".repeat(50 << 20 >> 5);
    let yaml = format!("---\nfigid: BIG1\ncaption: {}\n---\n", yq(&caption));
    fs::write(dir.path().join("m-big.md"), &yaml).unwrap();
    let (out, peak) = run_measured(&[dir.path().to_str().unwrap(), "-f", "nt", "-j", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let nt = String::from_utf8(out.stdout).unwrap();
    assert_good_ones_survive(&nt);
    let want = format!(
        "{} <http://schema.org/description> {} .",
        fig("BIG1"),
        literal(&caption)
    );
    assert!(nt.lines().any(|l| l == want));
    // A few copies of the file (text, parsed value, escaped output), not
    // more: measured about 4x.
    let limit = 12 * yaml.len() as u64;
    assert!(
        peak < limit,
        "peak memory {peak} bytes for a {} byte file",
        yaml.len()
    );
}

// ---------------------------------------------------------------------------
// TSV

#[test]
fn hostile_tsvs_are_reported_and_the_rest_converted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    let figure = |id: &str| {
        fs::write(
            db.join(format!("_figures/{id}.md")),
            format!("---\nfigid: {id}\n---\n"),
        )
        .unwrap()
    };
    let tsv = |name: &str, text: &[u8]| fs::write(db.join("_data").join(name), text).unwrap();
    for id in [
        "A-good", "NOHEAD", "UNKNOWN", "DUPCOL", "RAGGED", "QUOTES", "NOTUTF8", "BADQUOTE",
    ] {
        figure(id);
    }
    tsv("A-good-genes.tsv", b"ncbigene_id\tword\n7157\tp53\n");
    // No header: the first row is data.
    tsv("NOHEAD-genes.tsv", b"7157\tp53\thgnc\n");
    tsv(
        "UNKNOWN-genes.tsv",
        b"ncbigene_id\tword\tmystery\n1\tw\tz\n",
    );
    tsv(
        "DUPCOL-genes.tsv",
        b"ncbigene_id\tword\tword\n1\tfirst\tsecond\n",
    );
    tsv(
        "RAGGED-genes.tsv",
        b"ncbigene_id\tword\n1\ta\n2\n3\tc\textra\n4\td\n",
    );
    tsv(
        "QUOTES-chemicals.tsv",
        b"word\tmesh\tmatch\tname\tchebi\n\"a \"\"b\"\"\"\tD1\tm\"id\tn\t\n",
    );
    tsv("NOTUTF8-genes.tsv", b"ncbigene_id\tword\n1\t\xFFx\n");
    // A quote opened and never closed swallows the rest of the file.
    tsv(
        "BADQUOTE-genes.tsv",
        b"ncbigene_id\tword\n1\t\"open\n2\tb\n",
    );
    tsv(
        "ORPHAN-diseases.tsv",
        b"word\tmesh\tmatch\tname\tdoid\nw\tD1\tm\tn\t1\n",
    );

    let (out, nt) = every_format(&[db.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let r = |f: &str| report(&err, f);
    assert!(
        r("NOHEAD-genes.tsv").starts_with(
            "NOHEAD-genes.tsv:1: warning: genes.tsv: the header matches no known genes TSV shape"
        ),
        "{err}"
    );
    // The file gives no mention; its figure is converted.
    assert!(!nt.iter().any(|t| t.contains("NOHEAD.html#")));
    assert!(nt.iter().any(|t| t.contains("NOHEAD.html>")));
    assert!(
        err.contains("unmapped key `genes.tsv:mystery` in 1 records"),
        "{err}"
    );
    assert_eq!(
        r("DUPCOL-genes.tsv"),
        "DUPCOL-genes.tsv:1: warning: genes.tsv:word: duplicate column \"word\" (column 3): only the first is read"
    );
    let word = |id: &str, n: u32, w: &str| {
        format!(
            "<https://pfocr.wikipathways.org/figures/{id}.html#{}> <https://w3id.org/pfocr/vocab#ocrWord> {}",
            if id == "QUOTES" {
                format!("chemical-{n}")
            } else {
                format!("gene-{n}")
            },
            literal(w)
        )
    };
    assert!(nt.contains(&word("DUPCOL", 1, "first")));
    assert!(!nt.iter().any(|t| t.contains("second")));
    let ragged = reports(&err, "RAGGED-genes.tsv");
    assert_eq!(ragged.len(), 2, "{err}");
    assert!(ragged[0].ends_with(
        "RAGGED-genes.tsv:3: warning: genes.tsv: ragged row: 1 cells where the header has 2; row skipped"
    ));
    assert!(ragged[1].ends_with(
        "RAGGED-genes.tsv:4: warning: genes.tsv: ragged row: 3 cells where the header has 2; row skipped"
    ));
    // Skipped rows keep their numbers.
    assert!(nt.contains(&word("RAGGED", 1, "a")) && nt.contains(&word("RAGGED", 4, "d")));
    assert!(
        !nt.iter()
            .any(|t| t.contains("RAGGED.html#gene-2") || t.contains("RAGGED.html#gene-3"))
    );
    assert!(nt.contains(&word("QUOTES", 1, "a \"b\"")));
    assert!(nt.contains(&format!(
        "<http://id.nlm.nih.gov/mesh/D1> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal("m\"id")
    )));
    assert_eq!(
        r("NOTUTF8-genes.tsv"),
        "NOTUTF8-genes.tsv:2: warning: genes.tsv: not UTF-8: invalid byte 0xFF at byte offset 19: no mention from this file"
    );
    assert!(!nt.iter().any(|t| t.contains("NOTUTF8.html#")));
    assert!(nt.iter().any(|t| t.contains("NOTUTF8.html>")));
    // The unclosed quote would make row 2 part of row 1's cell: reported.
    assert_eq!(
        r("BADQUOTE-genes.tsv"),
        "BADQUOTE-genes.tsv:2: warning: genes.tsv: the quoted cell opened on line 2 never closes (it would hold the rest of the file); row skipped",
        "{err}"
    );
    assert!(!nt.iter().any(|t| t.contains("BADQUOTE.html#")));
    assert_eq!(
        r("ORPHAN-diseases.tsv"),
        "ORPHAN-diseases.tsv: warning: companion TSV without its figure in _figures/: not converted"
    );
    assert!(nt.contains(&word("A-good", 1, "p53")));
    assert!(err.contains("8 records converted, 0 failed"), "{err}");
}

#[test]
fn a_million_row_tsv_is_converted_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    fs::write(db.join("_figures/M.md"), "---\nfigid: M\n---\n").unwrap();
    let mut text = String::from("ncbigene_id\tword\n");
    for i in 0..1_000_000u32 {
        text.push_str(&format!("{}\tw\n", i % 1000 + 1));
    }
    fs::write(db.join("_data/M-genes.tsv"), &text).unwrap();
    let (out, peak) = run_measured(&[db.to_str().unwrap(), "-f", "nt", "-j", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // 5 triples a row (2 types, target, body, OCR word), 2 per gene (its
    // identifier, F mentions it), 8 for the figure.
    assert!(
        err.contains("1 records converted, 0 failed, 5002008 triples written"),
        "{err}"
    );
    assert_eq!(lines(&out.stdout), 5_002_008);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.contains(
        "<https://pfocr.wikipathways.org/figures/M.html#gene-1000000> <http://www.w3.org/ns/oa#hasBody> <https://identifiers.org/ncbigene/1000> .\n"
    ));
    // One figure is held whole (its graph and its serialized chunk): memory
    // grows with the output, never beyond a small multiple of it.
    let limit = 3 * out.stdout.len() as u64 + (256 << 20);
    assert!(
        peak < limit,
        "peak memory {peak} bytes for {} bytes of output",
        out.stdout.len()
    );
}

// ---------------------------------------------------------------------------
// Files

#[test]
fn unreadable_files_and_symlink_loops_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    fs::create_dir_all(root.join("sub")).unwrap();
    good_records(&root);
    fs::write(root.join("sub/s.md"), "---\nfigid: SUB1\n---\n").unwrap();
    // A dangling symlink cannot be read (root can read any mode bits).
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("m-dangling.md")).unwrap();
    // A loop back to the top folder, and one to itself.
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("self"), root.join("self")).unwrap();
    let out = run(&[root.to_str().unwrap(), "-f", "nt"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        report(&err, "m-dangling.md")
            .starts_with("m-dangling.md: error: cannot read: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("sub/loop: warning: folder already walked (a symlink loop?): skipped"),
        "{err}"
    );
    let nt = String::from_utf8_lossy(&out.stdout);
    assert_good_ones_survive(&nt);
    assert_eq!(
        nt.matches("<http://purl.org/dc/terms/identifier> \"SUB1\"")
            .count(),
        1
    );
    assert!(err.contains("3 records converted, 1 failed"), "{err}");
}

#[test]
fn a_folder_without_records_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.csv"), "a,b\n").unwrap();
    fs::write(dir.path().join(".hidden.md"), GOOD).unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let out = run(&[dir.path().to_str().unwrap(), "-f", "nt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(": error: no records found (front-matter files: .md, .markdown, .txt, .yml, .yaml; or a folder with _figures/)"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no triple");
    assert!(err.contains("0 records converted, 0 failed"), "{err}");
}

#[test]
fn the_same_figure_given_twice_is_reported_and_written_once() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    let a = dir.path().join("a-good.md");
    let a = a.to_str().unwrap();
    // The same file twice, and another file with the same figid (trimmed).
    fs::write(
        dir.path().join("twin.md"),
        "---\nfigid: ' PMC1__good '\n---\n",
    )
    .unwrap();
    let twin = dir.path().join("twin.md");
    let (out, nt) = every_format(&[a, a, twin.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let dup: Vec<&str> = err.lines().filter(|l| l.contains("given twice")).collect();
    assert_eq!(dup.len(), 2, "{err}");
    assert!(dup[0].ends_with(
        "a-good.md: error: figid: figure \"PMC1__good\" given twice: only the first is converted"
    ));
    assert!(dup[1].ends_with(
        "twin.md: error: figid: figure \"PMC1__good\" given twice: only the first is converted"
    ));
    assert_eq!(
        nt.iter()
            .filter(|t| t.ends_with("<http://purl.org/dc/terms/identifier> \"PMC1__good\""))
            .count(),
        1
    );
}

// ---------------------------------------------------------------------------
// Reports: default mode and --strict

#[test]
fn default_mode_converts_every_good_record_and_strict_stops_at_the_first_bad() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    fs::write(dir.path().join("m-bad.md"), "---\n- not a mapping\n---\n").unwrap();
    fs::write(dir.path().join("n-bad.md"), "---\nfigid: [x\n---\n").unwrap();
    let path = dir.path().to_str().unwrap();
    for jobs in ["1", "4"] {
        let out = run(&[path, "-f", "nt", "-j", jobs], b"");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
        assert!(report(&err, "m-bad.md").starts_with("m-bad.md:2: error: bad YAML"));
        assert!(report(&err, "n-bad.md").starts_with("n-bad.md:"));
        assert!(err.contains("2 records converted, 2 failed"), "{err}");

        let out = run(&[path, "-f", "nt", "-j", jobs, "--strict"], b"");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let nt = String::from_utf8_lossy(&out.stdout);
        assert!(
            nt.contains("PMC1__good.html"),
            "records before the bad one are written"
        );
        assert!(
            !nt.contains("PMC1__good2.html"),
            "nothing after it (-j {jobs})"
        );
        assert!(reports(&err, "n-bad.md").is_empty(), "{err}");
        assert!(err.contains("1 records converted, 1 failed"), "{err}");
        assert!(err.contains("(stopped by --strict)"), "{err}");
        assert!(statements("ntriples", &out.stdout).len() == lines(&out.stdout));
    }
    // Every good record: exit 0.
    fs::remove_file(dir.path().join("m-bad.md")).unwrap();
    fs::remove_file(dir.path().join("n-bad.md")).unwrap();
    let out = run(&[path, "--strict"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.status.signal().is_none());
}

// ---------------------------------------------------------------------------
// Regressions found by fuzzing (tests/FUZZING.md)

/// record_rdf: with `--schema-https`, Turtle and TriG declared
/// `@prefix schema: <http://schema.org/>` and wrote `schema:name`, so they
/// meant other triples than N-Triples.
#[test]
fn fuzz_regression_schema_https_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    fs::write(&path, "---\nfigid: X\npmcid: PMC1\nfigtitle: t\n---\n").unwrap();
    let (out, nt) = every_format(&[path.to_str().unwrap(), "--schema-https"]);
    assert!(out.status.success());
    assert!(nt.contains(&format!("{} <https://schema.org/name> \"t\"", fig("X"))));
    assert!(!nt.iter().any(|t| t.contains("http://schema.org/")));
    let ttl = run(
        &[path.to_str().unwrap(), "--schema-https", "-f", "ttl"],
        b"",
    );
    assert!(
        String::from_utf8_lossy(&ttl.stdout).contains("@prefix schema: <https://schema.org/> .")
    );
}

/// yaml_record: YAML parsers break lines at a lone `\r` too, so an error after
/// one was reported on a line past the end of the file.
#[test]
fn fuzz_regression_lone_cr_in_yaml_keeps_file_lines() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    fs::write(
        dir.path().join("m-cr.md"),
        "---\nfigid: CR2\norganisms:\n- Homo\r\n- x\r- y\ncaption: [unclosed\n---\n",
    )
    .unwrap();
    let out = run(&[dir.path().to_str().unwrap(), "-f", "nt"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = report(&err, "m-cr.md");
    // `caption` is on file line 6 (a parser counting the lone `\r` says 7).
    assert_eq!(
        line,
        "m-cr.md:6: error: bad YAML: caption: while parsing a flow sequence, expected ',' or ']' at the end of the front matter"
    );
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
}

/// tsv_mentions: the csv reader ends a row at a lone `\r` (old Mac line
/// ends); rows keep their numbers and reports name `\n`-counted lines.
#[test]
fn fuzz_regression_lone_cr_in_tsv_ends_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    fs::write(db.join("_figures/R.md"), "---\nfigid: R\n---\n").unwrap();
    fs::write(
        db.join("_data/R-genes.tsv"),
        "ncbigene_id\tword\n1\ta\r2\tb\nx\tc\n",
    )
    .unwrap();
    let (out, nt) = every_format(&[db.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let m = |n: u32, w: &str| {
        format!(
            "<https://pfocr.wikipathways.org/figures/R.html#gene-{n}> <https://w3id.org/pfocr/vocab#ocrWord> {}",
            literal(w)
        )
    };
    assert!(
        nt.contains(&m(1, "a")) && nt.contains(&m(2, "b")),
        "{nt:#?}"
    );
    assert_eq!(
        report(&err, "R-genes.tsv"),
        "R-genes.tsv:3: warning: genes.tsv row 3: ncbigene_id: \"x\" is not a valid NCBI Gene id: no triple"
    );
}
