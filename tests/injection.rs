//! Injection: nothing in a record (any YAML field, any TSV cell) can forge
//! RDF or a report line. IRIs are percent-encoded, literals escaped, bad
//! identifiers reported (their value escaped, on one line) with no triple;
//! every format parses back (oxttl, oxjsonld) to the same statements as
//! N-Triples.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::*;

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

/// Rule: free-form fields become exact literals or percent-encoded IRIs;
/// identifier fields that do not match their pattern are reported and give
/// no triple.
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
    // A caption and a figlink breaking out of a literal or an IRI in a
    // plain record (`\r`, `&`, `'` and HTML too).
    let caption = "She said \"\"\"hi\"\"\" \\ then\nnew line\r\tand > <b> & 'q' \u{1}\u{7f} κ";
    let plain = format!(
        "---\nfigid: PMC3__x\npmcid: PMC3\ncaption: {}\nfiglink: /pmc/a b<c>\"d\"\n---\n",
        // YAML has no raw DEL: escape it in the double-quoted scalar.
        serde_json::to_string(caption)
            .unwrap()
            .replace('\u{7f}', "\\u007F")
    );
    fs::write(dir.path().join("m-caption.md"), &plain).unwrap();

    let (out, nt) = every_format(&[dir.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "warnings only:\n{err}");
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    assert_good_ones_survive(&raw);

    assert!(
        nt.iter().any(|t| t.ends_with(&format!(
            "<http://schema.org/description> {}",
            literal(caption)
        ))),
        "{nt:#?}"
    );
    assert!(
        nt.iter()
            .any(|t| t.contains("<https://www.ncbi.nlm.nih.gov/pmc/a%20b%3Cc%3E%22d%22>"))
    );

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
