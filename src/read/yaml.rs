//! The general YAML reader: any YAML 1.2 text → the [`Node`] tree, with
//! `saphyr-parser` (events with positions). Scalars keep their source text
//! (no type resolution); aliases share their anchor's node instead of
//! copying it; lines are counted by `\n` only, as the file's are.

use std::borrow::Cow;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use super::record::Record;
pub use super::schema::ReadError;
use super::schema::bind;
use super::tree::{Entry, Node};

/// Parses the YAML of one front-matter document into a record. `first_line`
/// is the file line of the YAML's first line.
pub fn parse<'a>(yaml: &'a str, path: &str, first_line: u32) -> Result<Record<'a>, ReadError> {
    let root = tree(yaml, first_line)?;
    bind(&root, yaml.len(), path, first_line)
}

/// The tree of one front-matter document.
pub fn tree(yaml: &str, first_line: u32) -> Result<Node<'_>, ReadError> {
    if yaml.trim().is_empty() {
        return Err(ReadError::new(
            first_line.saturating_sub(1),
            "",
            "empty front matter",
        ));
    }
    let lines = Lines::new(yaml, first_line);
    // A directive (`%YAML 1.2`, `%TAG`) can only open the YAML and must be
    // followed by `---`, which would close the front matter.
    if let Some((idx, directive)) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|(_, l)| l.starts_with('%'))
    {
        return Err(ReadError::new(
            first_line + idx as u32,
            "",
            format!(
                "YAML directive {}: a directive needs a `---` after it, which would close the front matter; directives are not supported",
                crate::diag::show(directive)
            ),
        ));
    }
    // YAML allows only printable characters (tab and line breaks aside).
    if let Some((at, c)) = yaml.char_indices().find(|&(_, c)| !printable(c)) {
        let line = first_line + newlines_before(yaml, at);
        let column = yaml[..at]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        return Err(ReadError::new(
            line,
            "",
            format!(
                "non-printable character U+{:04X} at column {column}: not allowed in YAML",
                c as u32
            ),
        ));
    }
    if let Some(at) = too_deep(yaml) {
        return Err(ReadError::new(
            first_line + newlines_before(yaml, at),
            "",
            format!(
                "more than {MAX_FLOW_DEPTH} nested `[` or `{{`: refused (no record nests this deep)"
            ),
        ));
    }
    Builder {
        lines: &lines,
        stack: Vec::new(),
        anchors: FxHashMap::default(),
        root: None,
        top_key: None,
        key_budget: yaml.len().saturating_mul(4).saturating_add(4096),
    }
    .run(yaml)
}

/// YAML 1.2's `c-printable`, with `\r` and tab.
fn printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The deepest nesting of block and flow collections (aliases counted at
/// their anchor's depth): deeper is no record's, and dropping or walking
/// such a tree would need a deep stack.
const MAX_DEPTH: usize = 256;

/// File lines of character offsets (`saphyr-parser` counts characters, and
/// also breaks lines at a lone `\r`, which the file does not).
struct Lines<'a> {
    text: Vec<&'a str>,
    /// Character offsets of each `\n`.
    breaks: Vec<usize>,
    first_line: u32,
    /// The file line of a `...` line, if any (a document end).
    end_marker: Option<u32>,
}

impl<'a> Lines<'a> {
    fn new(yaml: &'a str, first_line: u32) -> Self {
        let breaks = yaml
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i)
            .collect();
        let end_marker = yaml
            .lines()
            .position(|l| l.trim_end() == "...")
            .map(|i| first_line + i as u32);
        Lines {
            text: yaml.split('\n').collect(),
            breaks,
            first_line,
            end_marker,
        }
    }

    fn at(&self, char_index: usize) -> u32 {
        self.first_line + self.breaks.partition_point(|&b| b < char_index) as u32
    }

    /// The line of a character offset, and where on it (for messages): an
    /// offset past the last line's break is the end of the text.
    fn place(&self, char_index: usize) -> (u32, String) {
        let last_line = self.first_line + self.text.len().saturating_sub(1) as u32;
        let last_line = match self.text.last() {
            Some(l) if l.trim().is_empty() && last_line > self.first_line => last_line - 1,
            _ => last_line,
        };
        let line = self.at(char_index);
        if line > last_line {
            return (last_line, "at the end of the front matter".into());
        }
        let start = match self.breaks.partition_point(|&b| b < char_index) {
            0 => 0,
            n => self.breaks[n - 1] + 1,
        };
        (line, format!("at column {}", char_index - start + 1))
    }

    fn of(&self, span: &Span) -> u32 {
        self.at(span.start.index())
    }

    /// The line of a block scalar's `|` or `>` header, from the line its
    /// content starts on: the last non-blank line before.
    fn header(&self, content: u32) -> u32 {
        let mut i = (content - self.first_line) as usize;
        while i > 0 {
            i -= 1;
            if !self.text[i].trim().is_empty() {
                return self.first_line + i as u32;
            }
        }
        content
    }
}

const COMPLEX_KEY: &str = "a list or mapping as a mapping key: not supported";

/// A collection being read.
struct Frame<'a> {
    kind: Kind<'a>,
    anchor: usize,
    tagged: bool,
    line: u32,
    /// Depth of the deepest child collection so far.
    depth: usize,
}

enum Kind<'a> {
    Seq(Vec<Node<'a>>),
    /// The entries, and the key waiting for its value.
    Map(Vec<Entry<'a>>, Option<(Cow<'a, str>, u32)>),
}

struct Builder<'l, 'a> {
    lines: &'l Lines<'a>,
    stack: Vec<Frame<'a>>,
    /// Anchored nodes and their depths.
    anchors: FxHashMap<usize, (Rc<Node<'a>>, usize)>,
    root: Option<Node<'a>>,
    /// The top-level key being read, for error reports.
    top_key: Option<(String, u32)>,
    /// Bytes that alias keys may still copy (a key is text, not a node).
    key_budget: usize,
}

impl<'a> Builder<'_, 'a> {
    fn error(&self, line: u32, message: impl Into<String>) -> ReadError {
        let field = match &self.top_key {
            Some((key, at)) if *at <= line => key.clone(),
            _ => String::new(),
        };
        ReadError::new(line, field, message)
    }

    fn run(mut self, yaml: &'a str) -> Result<Node<'a>, ReadError> {
        let mut documents = 0;
        for event in Parser::new_from_str(yaml) {
            let (event, span) = event.map_err(|e| {
                let (line, place) = self.lines.place(e.marker().index());
                self.error(line, format!("{} {place}", e.info()))
            })?;
            let line = self.lines.of(&span);
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(ReadError::new(
                            self.lines.end_marker.unwrap_or(line),
                            "",
                            "more YAML after a `...` (end of document) line: one front matter holds one record",
                        ));
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let plain = style == ScalarStyle::Plain && tag.is_none();
                    let line = match style {
                        ScalarStyle::Literal | ScalarStyle::Folded => self.lines.header(line),
                        _ => line,
                    };
                    self.add(Node::Scalar { text, plain, line }, 0, anchor)?;
                }
                Event::Alias(id) => {
                    let Some((target, depth)) = self.anchors.get(&id) else {
                        return Err(self.error(line, "an alias to an unknown anchor"));
                    };
                    let node = Node::Alias {
                        target: Rc::clone(target),
                        line,
                    };
                    let depth = *depth;
                    self.add(node, depth, 0)?;
                }
                Event::SequenceStart(anchor, tag) => {
                    self.open(Kind::Seq(Vec::new()), anchor, tag.is_some(), line)?
                }
                Event::MappingStart(anchor, tag) => {
                    self.open(Kind::Map(Vec::new(), None), anchor, tag.is_some(), line)?
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let frame = self.stack.pop().expect("an open collection");
                    let node = match frame.kind {
                        Kind::Seq(items) => Node::Seq {
                            items,
                            tagged: frame.tagged,
                            line: frame.line,
                        },
                        Kind::Map(entries, _) => Node::Map {
                            entries,
                            tagged: frame.tagged,
                            line: frame.line,
                        },
                    };
                    self.add(node, frame.depth + 1, frame.anchor)?;
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        // Only comments: an empty document, which is null.
        Ok(self.root.unwrap_or(Node::Scalar {
            text: Cow::Borrowed(""),
            plain: true,
            line: self.lines.first_line,
        }))
    }

    fn open(
        &mut self,
        kind: Kind<'a>,
        anchor: usize,
        tagged: bool,
        line: u32,
    ) -> Result<(), ReadError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(
                line,
                format!("more than {MAX_DEPTH} nested lists and mappings: refused (no record nests this deep)"),
            ));
        }
        self.stack.push(Frame {
            kind,
            anchor,
            tagged,
            line,
            depth: 0,
        });
        Ok(())
    }

    /// A mapping key's text: a scalar, or an alias of one (copied, so
    /// charged to the key budget).
    fn key(&mut self, node: Node<'a>, line: u32) -> Result<Cow<'a, str>, ReadError> {
        match node {
            Node::Scalar { text, .. } => Ok(text),
            Node::Alias { target, .. } => match &*target {
                Node::Scalar { text, .. } => match self.key_budget.checked_sub(text.len() + 1) {
                    Some(left) => {
                        self.key_budget = left;
                        Ok(Cow::Owned(text.to_string()))
                    }
                    None => Err(self.error(line, super::schema::ALIAS_BOMB)),
                },
                _ => Err(self.error(line, COMPLEX_KEY)),
            },
            _ => Err(self.error(line, COMPLEX_KEY)),
        }
    }

    /// Places a finished node (of `depth` nested collections) in its parent.
    fn add(&mut self, node: Node<'a>, depth: usize, anchor: usize) -> Result<(), ReadError> {
        let line = node.line();
        if self.stack.len() + depth > MAX_DEPTH {
            return Err(self.error(
                line,
                format!("more than {MAX_DEPTH} nested lists and mappings: refused (no record nests this deep)"),
            ));
        }
        let node = if anchor != 0 {
            let shared = Rc::new(node);
            self.anchors.insert(anchor, (Rc::clone(&shared), depth));
            Node::Alias {
                target: shared,
                line,
            }
        } else {
            node
        };
        let top = self.stack.len() == 1;
        let is_key = matches!(
            self.stack.last(),
            Some(Frame {
                kind: Kind::Map(_, None),
                ..
            })
        );
        if is_key {
            let key = self.key(node, line)?;
            if top {
                self.top_key = Some((key.to_string(), line));
            }
            if let Some(Frame {
                kind: Kind::Map(_, pending),
                ..
            }) = self.stack.last_mut()
            {
                *pending = Some((key, line));
            }
            return Ok(());
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        parent.depth = parent.depth.max(depth);
        match &mut parent.kind {
            Kind::Map(entries, pending) => {
                let (key, key_line) = pending.take().expect("a key before its value");
                entries.push(Entry {
                    key,
                    line: key_line,
                    value: node,
                });
            }
            Kind::Seq(items) => items.push(node),
        }
        Ok(())
    }
}

/// The deepest flow nesting read, checked before parsing: YAML scanners
/// keep a stack of possible simple keys, so deep `[[[[...` may cost time
/// with the square of the depth.
const MAX_FLOW_DEPTH: usize = 128;

/// Where the flow nesting first exceeds [`MAX_FLOW_DEPTH`], counting every
/// bracket, even in quoted text: an over-estimate, so nothing deep gets by
/// (a record would need 128 unclosed brackets in its text to be refused).
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    // A bracket opens a flow collection only where a node starts: at the
    // start of a line, after `:`, `-`, `?`, `,`, or after a bracket that
    // opened one. Elsewhere (`PM{{{`, `'[x'`) it is text.
    let mut prev: Option<u8> = None;
    let mut prev_opened = false;
    for (i, b) in yaml.bytes().enumerate() {
        match b {
            b' ' | b'\t' | b'\r' => continue,
            b'[' | b'{' => {
                let opens = match prev {
                    None | Some(b'\n' | b':' | b'-' | b'?' | b',') => true,
                    Some(b'[' | b'{') => prev_opened,
                    _ => false,
                };
                if opens {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(i);
                    }
                }
                prev_opened = opens;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = Some(b);
    }
    None
}

/// Newlines in `yaml` before byte `index`.
fn newlines_before(yaml: &str, index: usize) -> u32 {
    let end = index.min(yaml.len());
    yaml.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}
