//! A fast reader for the YAML subset PFOCR writes, into the same
//! [`Node`] tree as the general reader ([`super::yaml`]).
//!
//! PFOCR front matter uses a small, regular part of YAML: block mappings
//! and sequences, plain and single-quoted scalars (folded over several
//! lines), simple double-quoted scalars, `|`/`>` block scalars, `[]` and
//! `{}`. This reader handles exactly that, line by line, and answers `None`
//! for anything else (anchors, tags, flow collections, comments, tabs,
//! ...); the caller then uses the general reader, which also produces every
//! syntax error message. `tests/yaml_oracle.rs` checks that both give the
//! same tree wherever this one accepts.

use std::borrow::Cow;

use super::tree::{Entry, Node};
use crate::swar::{any_below, any_eq, any_high, word};

/// Not in the subset: use the general reader.
struct Fallback;

type R<T> = Result<T, Fallback>;

struct Line<'a> {
    indent: usize,
    /// Without the indentation and trailing white space.
    text: &'a str,
    /// Without the indentation only (block scalars keep trailing spaces).
    full: &'a str,
    /// 1-based line in the file.
    no: u32,
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    /// Open block collections: deeper than [`MAX_DEPTH`] is not PFOCR's
    /// (and would risk the stack), so it is the general reader's to refuse.
    depth: usize,
}

const MAX_DEPTH: usize = 32;

/// The tree of front-matter YAML whose first line is file line
/// `first_line`; `None` when the text is outside the subset.
pub fn tree(yaml: &str, first_line: u32) -> Option<Node<'_>> {
    if !plain_text(yaml) {
        return None;
    }
    let mut lines = Vec::with_capacity(yaml.len() / 40);
    // Lines by bytes: the text is checked above, and every byte trimmed
    // here is ASCII, so each slice stays on character boundaries.
    let bytes = yaml.as_bytes();
    let mut start = 0;
    let mut no = first_line;
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut raw_end = end;
        if raw_end > start && bytes[raw_end - 1] == b'\r' {
            raw_end -= 1;
        }
        let body_start = start
            + bytes[start..raw_end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
        if body_start < raw_end && matches!(bytes[body_start], b'\t' | b'#') {
            return None; // tabs in indentation, comment lines
        }
        let mut text_end = raw_end;
        while text_end > body_start && matches!(bytes[text_end - 1], b' ' | b'\t') {
            text_end -= 1;
        }
        lines.push(Line {
            indent: body_start - start,
            text: &yaml[body_start..text_end],
            full: &yaml[body_start..raw_end],
            no,
        });
        if end == bytes.len() {
            break;
        }
        start = end + 1;
        no += 1;
    }
    let mut p = Parser {
        lines,
        pos: 0,
        depth: 0,
    };
    p.skip_blank();
    if p.pos == p.lines.len() {
        return None; // empty: the general reader reports it
    }
    if p.lines[p.pos].indent != 0 {
        return None;
    }
    let root = p.map(0).ok()?;
    p.skip_blank();
    if p.pos != p.lines.len() {
        return None;
    }
    Some(root)
}

/// Whether the text holds only what this reader treats as ordinary
/// characters: no control characters but tab and `\r\n` line ends, no
/// non-characters, and none of the characters YAML 1.1 takes as line
/// breaks (U+0085, U+2028, U+2029). Anything else is the general reader's
/// to judge.
fn plain_text(yaml: &str) -> bool {
    let b = yaml.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight printable ASCII bytes at a time.
        if let Some(v) = word(b, i)
            && !any_below(v, 0x20)
            && !any_high(v)
            && !any_eq(v, 0x7F)
        {
            i += 8;
            continue;
        }
        match b[i] {
            b'\t' | b'\n' => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => {}
            0..=0x1F | 0x7F => return false,
            // C1 controls and NEL: C2 80..C2 9F.
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            // U+2028, U+2029: E2 80 A8/A9.
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                return false;
            }
            // U+FFFE, U+FFFF: EF BF BE/BF; U+FEFF (a BOM inside): EF BB BF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                return false;
            }
            0xEF if b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// Splits `key: rest` (or `key:` at the end of the line).
fn split_key(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quoted) = text.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        let key = &quoted[..end];
        if key.contains('\'') {
            return None;
        }
        (key, quoted[end + 1..].strip_prefix(':')?)
    } else {
        // Keys are short: a plain loop beats a searcher's set-up.
        let colon = text.bytes().position(|b| b == b':')?;
        let key = &text[..colon];
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            || key.starts_with(['-', '.'])
        {
            return None;
        }
        (key, &text[colon + 1..])
    };
    if rest.is_empty() {
        Some((key, ""))
    } else {
        // Separation white space may hold tabs too: `source: \tx` is "x".
        rest.strip_prefix(' ')
            .map(|r| (key, r.trim_start_matches([' ', '\t'])))
    }
}

impl<'a> Parser<'a> {
    fn skip_blank(&mut self) {
        while self.pos < self.lines.len() && self.lines[self.pos].text.is_empty() {
            self.pos += 1;
        }
    }

    /// The next non-blank line, if any.
    fn peek(&mut self) -> Option<&Line<'a>> {
        self.skip_blank();
        self.lines.get(self.pos)
    }

    /// Runs `collection` one level deeper, declining past [`MAX_DEPTH`].
    fn nested<T>(
        &mut self,
        indent: usize,
        collection: impl FnOnce(&mut Self, usize) -> R<T>,
    ) -> R<T> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Fallback);
        }
        let node = collection(self, indent);
        self.depth -= 1;
        node
    }

    /// A block mapping whose keys sit at `indent`.
    fn map(&mut self, indent: usize) -> R<Node<'a>> {
        self.nested(indent, Self::map_entries)
    }

    fn map_entries(&mut self, indent: usize) -> R<Node<'a>> {
        let line = self.peek().map_or(0, |l| l.no);
        let mut entries = Vec::new();
        self.entries_into(indent, &mut entries)?;
        Ok(Node::Map {
            entries,
            tagged: false,
            line,
        })
    }

    /// Appends the entries of a block mapping whose keys sit at `indent`.
    fn entries_into(&mut self, indent: usize, entries: &mut Vec<Entry<'a>>) -> R<()> {
        while let Some(line) = self.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(Fallback);
            }
            let (text, no) = (line.text, line.no);
            let (key, rest) = split_key(text).ok_or(Fallback)?;
            self.pos += 1;
            let value = self.value(rest, indent, true, no)?;
            entries.push(Entry {
                key: Cow::Borrowed(key),
                line: no,
                value,
            });
        }
        Ok(())
    }

    /// A block sequence whose `-` sit at `indent`.
    fn seq(&mut self, indent: usize) -> R<Node<'a>> {
        self.nested(indent, Self::seq_items)
    }

    fn seq_items(&mut self, indent: usize) -> R<Node<'a>> {
        let line = self.peek().map_or(0, |l| l.no);
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent || !(line.text == "-" || line.text.starts_with("- ")) {
                if line.indent > indent {
                    return Err(Fallback);
                }
                break;
            }
            let no = line.no;
            let rest = line.text[1..].trim_start_matches(' ');
            if rest.starts_with('\t') {
                return Err(Fallback); // a tab where indentation is measured
            }
            let content_indent = indent + (line.text.len() - rest.len());
            if rest.starts_with('-') && (rest == "-" || rest.starts_with("- ")) {
                return Err(Fallback); // nested sequence on one line
            }
            let item = match split_key(rest) {
                // `- key: value`: a mapping whose keys sit under the first.
                Some((key, value_text))
                    if !rest.starts_with(['\'', '"']) || rest.contains("':") =>
                {
                    self.pos += 1;
                    let value = self.value(value_text, content_indent, true, no)?;
                    // Room for a PFOCR list item's few keys at once.
                    let mut entries = Vec::with_capacity(8);
                    entries.push(Entry {
                        key: Cow::Borrowed(key),
                        line: no,
                        value,
                    });
                    self.nested(content_indent, |p, indent| {
                        p.entries_into(indent, &mut entries)
                    })?;
                    Node::Map {
                        entries,
                        tagged: false,
                        line: no,
                    }
                }
                _ => {
                    self.pos += 1;
                    self.value(rest, indent, false, no)?
                }
            };
            items.push(item);
        }
        Ok(Node::Seq {
            items,
            tagged: false,
            line,
        })
    }

    /// The value after `key:` or `-`: `rest` is the rest of that line
    /// (file line `no`), and `indent` the indentation of the key (or dash).
    /// A value on that line takes its number; a block collection below
    /// takes the number of its first line.
    fn value(&mut self, rest: &'a str, indent: usize, in_map: bool, no: u32) -> R<Node<'a>> {
        let mut node = self.value_at(rest, indent, in_map)?;
        if !rest.is_empty() {
            node.set_line(no);
        } else if let Node::Scalar { line, .. } = &mut node {
            *line = no;
        }
        Ok(node)
    }

    fn value_at(&mut self, rest: &'a str, indent: usize, in_map: bool) -> R<Node<'a>> {
        if rest.is_empty() {
            return match self.peek() {
                Some(l) if l.indent > indent && (l.text == "-" || l.text.starts_with("- ")) => {
                    let i = l.indent;
                    self.seq(i)
                }
                Some(l) if l.indent > indent => {
                    let i = l.indent;
                    self.map(i)
                }
                // A mapping's sequence may sit at the key's own indentation.
                Some(l)
                    if in_map
                        && l.indent == indent
                        && (l.text == "-" || l.text.starts_with("- ")) =>
                {
                    self.seq(indent)
                }
                _ => Ok(Node::Scalar {
                    text: "".into(),
                    plain: true,
                    line: 0,
                }),
            };
        }
        match rest.as_bytes()[0] {
            b'\'' => self.single_quoted(rest, indent),
            b'"' => double_quoted(rest).map(|text| Node::Scalar {
                text,
                plain: false,
                line: 0,
            }),
            b'|' | b'>' => self.block_scalar(rest, indent),
            b'[' if rest == "[]" => Ok(Node::Seq {
                items: Vec::new(),
                tagged: false,
                line: 0,
            }),
            b'{' if rest == "{}" => Ok(Node::Map {
                entries: Vec::new(),
                tagged: false,
                line: 0,
            }),
            b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b',' => {
                Err(Fallback)
            }
            b'-' | b'?' | b':' if rest.len() == 1 || rest.as_bytes()[1] == b' ' => Err(Fallback),
            _ => self.plain(rest, indent),
        }
    }

    /// Continuation lines of a flow or plain scalar: deeper than `indent`,
    /// with blank lines between them kept as line breaks.
    fn continuation(&mut self, indent: usize) -> Option<(usize, &'a str)> {
        let mut look = self.pos;
        let mut blanks = 0;
        while look < self.lines.len() && self.lines[look].text.is_empty() {
            look += 1;
            blanks += 1;
        }
        let line = self.lines.get(look)?;
        if line.indent <= indent {
            return None;
        }
        self.pos = look + 1;
        Some((blanks, line.text))
    }

    fn plain(&mut self, first: &'a str, indent: usize) -> R<Node<'a>> {
        // `:` then white space is a mapping indicator, white space then `#`
        // a comment (tabs count).
        let bad = |s: &str| {
            let b = s.as_bytes();
            b.last() == Some(&b':')
                || memchr::memchr2_iter(b':', b'#', b).any(|i| match b[i] {
                    b':' => matches!(b.get(i + 1), Some(b' ' | b'\t')),
                    _ => i > 0 && matches!(b[i - 1], b' ' | b'\t'),
                })
        };
        if bad(first) {
            return Err(Fallback);
        }
        let mut text = Cow::Borrowed(first);
        while let Some((blanks, next)) = self.continuation(indent) {
            // Indicators only matter at the start of a scalar; `#` after
            // the indentation would start a comment.
            if bad(next) || next.starts_with('#') {
                return Err(Fallback);
            }
            let t = text.to_mut();
            fold(t, blanks);
            t.push_str(next);
        }
        Ok(Node::Scalar {
            text,
            plain: true,
            line: 0,
        })
    }

    fn single_quoted(&mut self, first: &'a str, indent: usize) -> R<Node<'a>> {
        let body = &first[1..];
        // One line, no escapes: borrow.
        if let Some(end) = find_quote_end(body) {
            if end + 1 != body.len() {
                return Err(Fallback); // text after the closing quote
            }
            let inner = &body[..end];
            return Ok(Node::Scalar {
                text: if inner.contains("''") {
                    inner.replace("''", "'").into()
                } else {
                    inner.into()
                },
                plain: false,
                line: 0,
            });
        }
        let mut text = String::from(body.replace("''", "'").trim_end_matches([' ', '\t']));
        loop {
            let (blanks, next) = self.continuation(indent).ok_or(Fallback)?;
            fold(&mut text, blanks);
            match find_quote_end(next) {
                Some(end) if end + 1 == next.len() => {
                    text.push_str(&next[..end].replace("''", "'"));
                    return Ok(Node::Scalar {
                        text: text.into(),
                        plain: false,
                        line: 0,
                    });
                }
                Some(_) => return Err(Fallback),
                None => text.push_str(&next.replace("''", "'")),
            }
        }
    }

    fn block_scalar(&mut self, header: &'a str, indent: usize) -> R<Node<'a>> {
        let literal = header.starts_with('|');
        let chomp = match &header[1..] {
            "" => Chomp::Clip,
            "-" => Chomp::Strip,
            "+" => Chomp::Keep,
            _ => return Err(Fallback), // indentation indicators, comments
        };
        // Content: the following lines deeper than `indent`, and blank lines.
        let start = self.pos;
        let mut end = start;
        let mut content_indent = None;
        while end < self.lines.len() {
            let l = &self.lines[end];
            if l.text.is_empty() {
                end += 1;
                continue;
            }
            if l.indent <= indent {
                break;
            }
            match content_indent {
                None => content_indent = Some(l.indent),
                Some(ci) if l.indent < ci => return Err(Fallback),
                Some(ci) if l.indent > ci && !literal => return Err(Fallback),
                _ => {}
            }
            end += 1;
        }
        // Trailing blank lines belong to the scalar only for chomping.
        let mut last = end;
        while last > start && self.lines[last - 1].text.is_empty() {
            last -= 1;
        }
        let ci = content_indent.unwrap_or(0);
        let mut text = String::new();
        let mut started = false;
        let mut breaks = 0;
        for l in &self.lines[start..last] {
            if l.text.is_empty() {
                if l.indent > ci || l.full.len() != l.text.len() {
                    return Err(Fallback); // white space beyond the indentation
                }
                breaks += 1;
                continue;
            }
            if !started {
                text.extend(std::iter::repeat_n('\n', breaks));
            } else if literal {
                text.extend(std::iter::repeat_n('\n', breaks + 1));
            } else if breaks == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', breaks));
            }
            started = true;
            breaks = 0;
            text.extend(std::iter::repeat_n(' ', l.indent - ci));
            text.push_str(l.full);
        }
        let trailing_breaks = end - last;
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => {
                if last > start {
                    text.push('\n');
                }
            }
            Chomp::Keep => {
                if last > start {
                    text.push('\n');
                }
                for _ in 0..trailing_breaks {
                    text.push('\n');
                }
            }
        }
        self.pos = end;
        Ok(Node::Scalar {
            text: text.into(),
            plain: false,
            line: 0,
        })
    }
}

enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Line folding of flow and plain scalars: one break is a space, n+1
/// breaks are n newlines.
fn fold(text: &mut String, blanks: usize) {
    if blanks == 0 {
        text.push(' ');
    } else {
        for _ in 0..blanks {
            text.push('\n');
        }
    }
}

/// The index of the closing quote of a single-quoted scalar body.
fn find_quote_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A double-quoted scalar on one line, with the common escapes.
fn double_quoted(s: &str) -> R<Cow<'_, str>> {
    let body = &s[1..];
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                if i + 1 != body.len() {
                    return Err(Fallback);
                }
                return Ok(out.into());
            }
            '\\' => {
                let (_, e) = chars.next().ok_or(Fallback)?;
                let simple = match e {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' | '\t' => '\t',
                    'n' => '\n',
                    'v' => '\u{B}',
                    'f' => '\u{C}',
                    'r' => '\r',
                    'e' => '\u{1B}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{A0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut v = 0u32;
                        for _ in 0..n {
                            let (_, h) = chars.next().ok_or(Fallback)?;
                            v = v * 16 + h.to_digit(16).ok_or(Fallback)?;
                        }
                        // Surrogates and out-of-range values: the general reader decides.
                        char::from_u32(v).ok_or(Fallback)?
                    }
                    _ => return Err(Fallback),
                };
                out.push(simple);
            }
            c => out.push(c),
        }
    }
    Err(Fallback) // no closing quote on this line
}
