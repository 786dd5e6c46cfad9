//! The fast front-matter reader against its oracle, the general reader
//! (`saphyr-parser`): on every real record, and on generated variations of
//! them (quoting styles, folded and literal block scalars, line folding,
//! sequence indentation, flow lists, comments, CRLF), both must give the
//! same tree, with the same lines, and so the same record; where the fast
//! reader declines (`None`), the fallback is by definition the oracle.

mod common;

use common::*;
use pfocr2rdf::internal::frontmatter::{decode, split_file};
use pfocr2rdf::internal::schema::bind;
use pfocr2rdf::internal::tree::{Entry, Node};
use pfocr2rdf::internal::{fast_yaml, yaml};

/// Checks the property on one YAML text; returns whether the fast reader
/// handled it (rather than declining).
fn check(yaml_text: &str, what: &str) -> bool {
    let oracle = yaml::tree(yaml_text, 2);
    match fast_yaml::tree(yaml_text, 2) {
        None => false,
        Some(fast) => {
            let oracle = oracle.unwrap_or_else(|e| {
                panic!("{what}: fast reader accepted what the general reader rejects: {e:?}\n{yaml_text}")
            });
            assert_eq!(fast, oracle, "{what}: trees differ\n{yaml_text}");
            assert_eq!(
                bind(&fast, yaml_text.len(), "x.md", 2),
                bind(&oracle, yaml_text.len(), "x.md", 2),
                "{what}\n{yaml_text}"
            );
            true
        }
    }
}

fn records() -> Vec<(String, String)> {
    let mut files = vec![shared().join("example-seed-record.txt")];
    for dir in corpus_dirs() {
        let dir = if dir.join("_figures").is_dir() {
            dir.join("_figures")
        } else {
            dir
        };
        let mut more: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        more.sort();
        files.extend(more);
    }
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let doc = split_file(decode(&bytes).unwrap()).unwrap();
            (p.display().to_string(), doc.yaml.to_owned())
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn every_real_record_reads_the_same_and_fast() {
    let records = records();
    assert!(records.len() >= 41);
    for (path, text) in &records {
        assert!(
            check(text, path),
            "{path}: the fast reader declined a real record"
        );
    }
}

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Clone, Copy)]
struct Style {
    seq_indent: bool,
    crlf: bool,
    comments: bool,
    flow_lists: bool,
}

struct Emitter<'r> {
    rng: &'r mut Rng,
    style: Style,
    out: String,
}

fn null_like(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn plain_safe(s: &str) -> bool {
    !null_like(s)
        && !s.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\t', '\r'])
        && s.chars().all(|c| !c.is_control() && c != '\u{FEFF}')
}

impl Emitter<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out
            .push_str(if self.style.crlf { "\r\n" } else { "\n" });
    }

    fn key(s: &str) -> String {
        if s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            s.to_owned()
        } else {
            format!("'{}'", s.replace('\'', "''"))
        }
    }

    /// The scalar as one inline text, or as a multi-line layout: returns
    /// (first-line text, continuation lines at deeper indentation).
    fn scalar(&mut self, v: &Node) -> (String, Vec<String>) {
        let s = match v.resolved() {
            Node::Scalar { text, plain, .. } if *plain && null_like(text) => {
                return ("null".into(), vec![]);
            }
            Node::Scalar { text, .. } => text.to_string(),
            other => panic!("not a scalar: {other:?}"),
        };
        let single = |s: &str| format!("'{}'", s.replace('\'', "''"));
        match self.rng.pick(6) {
            // Plain, folded over several lines at single spaces.
            0 | 1 if plain_safe(&s) => {
                let words: Vec<&str> = s.split(' ').collect();
                if words.len() > 4 && !s.contains("  ") && self.rng.pick(2) == 0 {
                    let cut = words.len() / 2;
                    (words[..cut].join(" "), vec![words[cut..].join(" ")])
                } else {
                    (s, vec![])
                }
            }
            // Single-quoted, folded too when possible.
            2 if !s.contains('\n')
                && !s.contains(['\t', '\r'])
                && s.chars().all(|c| !c.is_control()) =>
            {
                let words: Vec<&str> = s.split(' ').collect();
                if words.len() > 4 && !s.contains("  ") && !s.starts_with(' ') && !s.ends_with(' ')
                {
                    let cut = words.len() / 2;
                    (
                        format!("'{}", words[..cut].join(" ").replace('\'', "''")),
                        vec![format!("{}'", words[cut..].join(" ").replace('\'', "''"))],
                    )
                } else {
                    (single(&s), vec![])
                }
            }
            // Double-quoted with escapes.
            3 => {
                let mut d = String::from("\"");
                for c in s.chars() {
                    match c {
                        '"' => d.push_str("\\\""),
                        '\\' => d.push_str("\\\\"),
                        '\n' => d.push_str("\\n"),
                        '\t' => d.push_str("\\t"),
                        c if c.is_control() => d.push_str(&format!("\\x{:02X}", c as u32)),
                        'κ' => d.push_str("\\u03BA"),
                        c => d.push(c),
                    }
                }
                d.push('"');
                (d, vec![])
            }
            // Literal block, stripped.
            4 if !s.is_empty()
                && s.lines()
                    .all(|l| !l.starts_with(' ') && !l.ends_with([' ', '\t']) && !l.is_empty())
                && !s.ends_with('\n')
                && s.chars().all(|c| !c.is_control() || c == '\n') =>
            {
                ("|-".into(), s.lines().map(str::to_owned).collect())
            }
            // Folded block.
            5 if plain_safe(&s) && s.split(' ').count() > 3 && !s.contains("  ") => {
                let words: Vec<&str> = s.split(' ').collect();
                let cut = words.len() / 2;
                (
                    ">-".into(),
                    vec![words[..cut].join(" "), words[cut..].join(" ")],
                )
            }
            _ => (single(&s), vec![]),
        }
    }

    fn value_after(&mut self, prefix: &str, v: &Node, indent: usize) {
        match v.resolved() {
            Node::Map { entries: m, .. } if m.is_empty() => {
                self.line(indent, &format!("{prefix} {{}}"))
            }
            Node::Seq { items: s, .. } if s.is_empty() => {
                self.line(indent, &format!("{prefix} []"))
            }
            Node::Map { entries: m, .. } => {
                self.line(indent, prefix);
                self.mapping(m, indent + 2);
            }
            Node::Seq { items, .. } => {
                let text = |i: &Node| match i.resolved() {
                    Node::Scalar { text, plain, .. } if !(*plain && null_like(text)) => {
                        Some(text.to_string())
                    }
                    _ => None,
                };
                let scalars = items.iter().all(|i| text(i).is_some());
                if self.style.flow_lists && scalars {
                    let flow: Vec<String> = items
                        .iter()
                        .map(|i| format!("'{}'", text(i).unwrap().replace('\'', "''")))
                        .collect();
                    self.line(indent, &format!("{prefix} [{}]", flow.join(", ")));
                } else {
                    self.line(indent, prefix);
                    let at = if self.style.seq_indent {
                        indent + 2
                    } else {
                        indent
                    };
                    self.sequence(items, at);
                }
            }
            other => {
                let (first, rest) = self.scalar(other);
                self.line(indent, &format!("{prefix} {first}"));
                let deeper = indent + 2 + self.rng.pick(3) as usize;
                for l in rest {
                    self.line(deeper, &l);
                }
            }
        }
    }

    fn mapping(&mut self, m: &[Entry], indent: usize) {
        for Entry {
            key: k, value: v, ..
        } in m
        {
            if self.style.comments && indent == 0 && self.rng.pick(4) == 0 {
                self.line(0, "# a comment line");
            }
            let prefix = format!("{}:", Self::key(k));
            self.value_after(&prefix, v, indent);
        }
    }

    fn sequence(&mut self, items: &[Node], indent: usize) {
        for item in items {
            match item.resolved() {
                Node::Map { entries: m, .. } if !m.is_empty() => {
                    let mut first = true;
                    for Entry {
                        key: k, value: v, ..
                    } in m
                    {
                        let prefix = if first {
                            format!("- {}:", Self::key(k))
                        } else {
                            format!("{}:", Self::key(k))
                        };
                        let at = if first { indent } else { indent + 2 };
                        // The first key sits after "- ": its nested content
                        // is indented from the dash's content column.
                        if first {
                            let mut sub = Emitter {
                                rng: self.rng,
                                style: self.style,
                                out: String::new(),
                            };
                            sub.value_after(&prefix, v, 0);
                            for (i, l) in sub.out.split_inclusive('\n').enumerate() {
                                let pad = if i == 0 { indent } else { indent + 2 };
                                self.out.push_str(&" ".repeat(pad));
                                self.out.push_str(l);
                            }
                        } else {
                            self.value_after(&prefix, v, at);
                        }
                        first = false;
                    }
                }
                other => self.value_after("-", other, indent),
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn generated_variations_read_the_same() {
    let records = records();
    let mut handled = 0;
    let mut total = 0;
    for (i, (path, text)) in records.iter().enumerate() {
        let value = yaml::tree(text, 2).unwrap();
        let Node::Map { entries: map, .. } = value else {
            panic!("{path}")
        };
        for variant in 0..24u64 {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((i as u64) << 8) ^ variant);
            let style = Style {
                seq_indent: variant % 2 == 0,
                crlf: variant % 3 == 0,
                comments: variant % 8 == 7,
                flow_lists: variant % 8 == 5,
            };
            let mut e = Emitter {
                rng: &mut rng,
                style,
                out: String::new(),
            };
            e.mapping(&map, 0);
            let what = format!("{path}, variant {variant}");
            // The generator must itself write valid YAML.
            assert!(
                yaml::tree(&e.out, 2).is_ok(),
                "{what}: generator wrote invalid YAML\n{}",
                e.out
            );
            total += 1;
            if check(&e.out, &what) {
                handled += 1;
            } else {
                assert!(
                    style.comments || style.flow_lists,
                    "{what}: declined a plain variation\n{}",
                    e.out
                );
            }
        }
    }
    // The supported styles really went through the fast reader.
    assert!(
        handled * 4 >= total * 3,
        "fast reader handled only {handled} of {total} variations"
    );
}

#[test]
fn hand_written_edge_cases_agree() {
    let cases = [
        "figid: a\ncaption: 'it''s\n  folded\n\n  with a break'\n",
        "figid: a\ncaption: |\n  line one\n    indented\n\n  after blank\nyear: '2016'\n",
        "figid: a\ncaption: |+\n  kept\n\n\nyear: 1\n",
        "figid: a\ncaption: >\n  folded\n  text\n",
        "figid: a\norganisms: Homo sapiens\n",
        "figid: a\norganisms: 12\n",
        "figid: a\norganisms:\n- NA\n- ''\n- ~\n-\n- Mus musculus\n",
        "figid: a\ngenes:\n- word: x\n  entrez: '1'\n  extra: [1, 2]\n-\n- word: y\n",
        "figid: a\ngenes:\n- word: x\n  word: y\n",
        "figid: a\nfigid: b\n",
        "figid: \"tab\\there \\u00e9 \\x41\"\n",
        "figid: \"\\uD800\"\n",
        "figid: a\ncaption: x: y\n",
        "figid: &anchor a\ncaption: *anchor\n",
        "figid: !!str 12\n",
        "- a\n- b\n",
        "just a scalar\n",
        "figid: a\nschema-jsonld:\n  '@id': https://pfocr.wikipathways.org/figures/a.html\n  keywords:\n  - TP53\n  other: 1\n",
        "figid: a\nannotations:\n- 1\n",
        "figid: a\n\n\ncaption: after blank lines\n",
        "figid: a\r\ncaption: crlf\r\n  folded\r\n",
        "figid:    spaced   \ncaption: trailing   \n",
        "'figid': quoted key\n",
        "figid: a\ncaption: 'unterminated\n",
        "figid: a\n  indented: wrong\n",
        "figid: RC1\ncaption: a\x01b\n",
        "figid: a\ncaption: a\x7fb\n",
        "figid: a\ncaption: a\rb\n",
        "figid: a\ncaption: a\u{85}b\n",
        "figid: a\ncaption: a\u{2028}b\n",
        "figid: a\ncaption: a\u{FEFF}b\n",
        "figid: a\ncaption: 'a\tb'\n",
        "figid: a\nx:\n a:\n  b:\n   c:\n    d: deep enough\n",
        "figid: a\ngenes:\n- word: x\n  source: \thgnc_alias_symbol\n  entrez: '1'\n",
        "figid: \t a\n",
        "figid: PMC6027`figid:\t PMC\n",
        &format!(
            "figid: PM{}x\ncaption: '{}'\n",
            "{".repeat(200),
            "[".repeat(200)
        ),
        "figid: a\tb\ncaption: x\t# not a comment?\n",
        "figid: a\norganisms:\n- \tHomo sapiens\n",
    ];
    let mut handled = 0;
    for (i, case) in cases.iter().enumerate() {
        if check(case, &format!("case {i}")) {
            handled += 1;
        }
    }
    assert!(handled >= 12, "only {handled} handled");
}

#[test]
fn adversarial_sizes_stay_linear_and_agree() {
    // A hundred thousand keys, and block nesting far deeper than a record's:
    // the fast reader must decline or agree, without quadratic time or a
    // stack overflow (timing is not asserted; a hang would show).
    let mut many = String::from("figid: a\n");
    for i in 0..100_000 {
        many.push_str(&format!("k{i}: v\n"));
    }
    check(&many, "100,000 keys");
    many.push_str("k7: again\n");
    // A duplicate key is the binding's to report, whichever reader.
    let tree = fast_yaml::tree(&many, 2).expect("in the subset");
    let e = bind(&tree, many.len(), "x.md", 2).unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (Some(100_003), "duplicate key `k7`")
    );
    check(&many, "100,000 keys and a duplicate");
    let mut deep = String::from("figid: a\nx:\n");
    for level in 1..10_000 {
        deep.push_str(&" ".repeat(level));
        deep.push_str("k:\n");
    }
    assert!(
        fast_yaml::tree(&deep, 2).is_none(),
        "deep nesting is declined"
    );
    assert!(yaml::parse(&deep, "x.md", 2).is_err(), "and refused");
}
