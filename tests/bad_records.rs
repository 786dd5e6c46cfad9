//! Bad records: a record that cannot be converted (no figid, broken or
//! hostile YAML, no closing `---`, not UTF-8, a figure already given) is
//! one error naming its file, line and field, and every other record of the
//! run still converts; `--strict` stops at the first bad record instead. A
//! folder without records is an error too.
//!
//! Hostile YAML cases are generated in a temporary folder beside two good
//! records and run through the real binary; every format is parsed back
//! (oxttl, oxjsonld) to the same statements as N-Triples.

mod common;

use std::fs;
use std::os::unix::process::ExitStatusExt;

use common::*;

/// Rule: a record without figid is one error; the others convert.
#[test]
fn a_figure_without_figid_fails_alone() {
    let (out, _d) = with_bad("m-bad.md", b"---\npmcid: PMC2\nfigtitle: no id\n---\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "m-bad.md");
    assert!(line.contains("error: figid: missing figid"), "{line}");
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
    assert!(
        stderr(&out).contains("2 records converted, 1 failed"),
        "{}",
        stderr(&out)
    );
}

/// Rule: a YAML syntax error names the file and line.
#[test]
fn broken_yaml_names_the_line() {
    let (out, _d) = with_bad(
        "m-bad.md",
        b"---\nfigid: PMC2__x\ncaption: [unclosed\npmcid: PMC2\n---\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "m-bad.md");
    assert!(
        line.contains("m-bad.md:") && line.contains("bad YAML"),
        "{line}"
    );
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
}

// ---------------------------------------------------------------------------
// Hostile YAML: each case fails alone or converts, and never hangs or
// blows up memory

/// What a case must give.
enum Expect {
    /// The record fails with this report (after the file name).
    Error(&'static str),
    /// The record converts; these N-Triples statements are in the output.
    Converted(Vec<String>),
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
        // Only identifiers before the end of the file.
        (
            "fence-missing-ids.md",
            b"---\nfigid: PMC2__x\npmcid: PMC2\n".to_vec(),
            Error(
                "fence-missing-ids.md:1: error: missing closing `---`: the front matter opened here never ends",
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

/// Rule: each hostile case gives exactly its report line (or converts), the
/// good records convert, and unread keys are reported, never expanded.
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

// ---------------------------------------------------------------------------
// Runs: the same figure twice, --strict, nothing to convert

/// Rule: a figid already converted in the run is an error naming the
/// later file; the first record is written, once.
#[test]
fn the_same_figure_given_twice_is_reported_and_written_once() {
    // Two files of one folder.
    let folder = tempfile::tempdir().unwrap();
    fs::write(folder.path().join("a.md"), GOOD).unwrap();
    fs::write(folder.path().join("b.md"), GOOD).unwrap();
    let out = run_path(folder.path(), &["-f", "nt"]);
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "b.md");
    assert!(line.contains("given twice"), "{line}");
    let nt = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        nt.matches("<http://purl.org/dc/terms/identifier> \"PMC1__good\"")
            .count(),
        1
    );

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

/// Rule: by default every good record is converted and the run exits 1 if
/// any failed; `--strict` writes the records before the first bad one and
/// stops there, whatever `-j`.
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
    // A record without figid (not only bad YAML) stops --strict too.
    fs::remove_file(dir.path().join("n-bad.md")).unwrap();
    fs::write(dir.path().join("m-bad.md"), "---\npmcid: PMC2\n---\n").unwrap();
    let out = run(&[path, "-f", "nt", "--strict", "-j", "1"], b"");
    assert_eq!(out.status.code(), Some(1));
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(
        nt.contains("PMC1__good.html"),
        "records before the bad one are written"
    );
    assert!(!nt.contains("PMC1__good2.html"), "nothing after it");
    assert!(
        stderr(&out).contains("stopped by --strict"),
        "{}",
        stderr(&out)
    );
    // Every good record: exit 0.
    fs::remove_file(dir.path().join("m-bad.md")).unwrap();
    let out = run(&[path, "--strict"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.status.signal().is_none());
}

/// Rule: nothing to convert is an error (exit 1), with no triple.
#[test]
fn a_folder_without_records_is_a_clear_error() {
    // An empty folder.
    let folder = tempfile::tempdir().unwrap();
    let out = run_path(folder.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no records found"),
        "{}",
        stderr(&out)
    );
    // Other files, a hidden record and an empty subfolder: still none.
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
