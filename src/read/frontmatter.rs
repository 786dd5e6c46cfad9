//! Splitting front matter: YAML between a first line `---` and the next
//! line `---`. A body after it is ignored.

use std::io::BufRead;

/// The YAML of one front-matter document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// 1-based line of the opening `---` in its file or stream.
    pub line: u32,
}

/// A [`Document`] read from a stream, which owns its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamDocument {
    /// The YAML text between the fences.
    pub yaml: String,
    /// 1-based line of the opening `---` in its stream.
    pub line: u32,
}

impl StreamDocument {
    /// The document, borrowed.
    pub fn as_document(&self) -> Document<'_> {
        Document {
            yaml: &self.yaml,
            line: self.line,
        }
    }
}

/// Why a file holds no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// 1-based line, where known.
    pub line: Option<u32>,
    /// What is wrong.
    pub message: String,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n', ' ', '\t']) == "---"
}

/// Decodes a file's bytes as UTF-8, without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, SplitError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        SplitError {
            line: Some(line),
            message: format!(
                "not UTF-8: invalid byte 0x{:02X} at byte offset {offset}",
                bytes[offset]
            ),
        }
    })
}

/// The front matter of one file: its first line must be `---`.
pub fn split_file(text: &str) -> Result<Document<'_>, SplitError> {
    match text.split_inclusive('\n').next() {
        Some(first) if is_fence(first) => {}
        None => {
            return Err(SplitError {
                line: None,
                message: "empty file: no front matter".into(),
            });
        }
        Some(_) => {
            return Err(SplitError {
                line: Some(1),
                message: "no front matter: the first line is not `---`".into(),
            });
        }
    }
    let start = text.split_inclusive('\n').next().map_or(0, str::len);
    let body = &text[start..];
    // Only a line that starts with `---` can close: jump from one to the
    // next with a substring search instead of walking every line.
    let mut at = 0;
    loop {
        if body[at..].starts_with("---") {
            let end = body[at..].find('\n').map_or(body.len(), |i| at + i + 1);
            if is_fence(&body[at..end]) {
                return Ok(Document {
                    yaml: &body[..at],
                    line: 1,
                });
            }
        }
        match memchr::memmem::find(&body.as_bytes()[at..], b"\n---") {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    Err(SplitError {
        line: Some(1),
        message: "missing closing `---`: the front matter opened here never ends".into(),
    })
}

/// Front-matter documents from a stream (standard input), one at a time:
/// each opens with a `---` line and closes with the next; anything between
/// a closing fence and the next opening one (a body) is skipped.
pub struct Stream<R> {
    reader: R,
    line_no: u32,
    done: bool,
}

impl<R: BufRead> Stream<R> {
    /// Reads documents from `reader`.
    pub fn new(reader: R) -> Self {
        Stream {
            reader,
            line_no: 0,
            done: false,
        }
    }

    fn next_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, SplitError> {
        buf.clear();
        match self.reader.read_until(b'\n', buf) {
            Ok(0) => Ok(false),
            Ok(_) => {
                self.line_no += 1;
                if self.line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
                Ok(true)
            }
            Err(e) => Err(SplitError {
                line: Some(self.line_no + 1),
                message: format!("read error: {e}"),
            }),
        }
    }
}

impl<R: BufRead> Iterator for Stream<R> {
    type Item = Result<StreamDocument, SplitError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        // Find the opening fence.
        loop {
            match self.next_line(&mut buf) {
                Ok(true) if is_fence(&String::from_utf8_lossy(&buf)) => break,
                Ok(true) => continue,
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        let open = self.line_no;
        let mut yaml = Vec::new();
        loop {
            match self.next_line(&mut buf) {
                Ok(true) if is_fence(&String::from_utf8_lossy(&buf)) => break,
                Ok(true) => yaml.extend_from_slice(&buf),
                Ok(false) => {
                    self.done = true;
                    return Some(Err(SplitError {
                        line: Some(open),
                        message: "missing closing `---`: the front matter opened here never ends"
                            .into(),
                    }));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        Some(match String::from_utf8(yaml) {
            Ok(yaml) => Ok(StreamDocument { yaml, line: open }),
            Err(e) => {
                let bytes = e.as_bytes();
                let offset = e.utf8_error().valid_up_to();
                let line =
                    open + 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32;
                Err(SplitError {
                    line: Some(line),
                    message: format!(
                        "not UTF-8: invalid byte 0x{:02X} at byte offset {offset} of this document's YAML",
                        bytes[offset]
                    ),
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_file_and_ignores_the_body() {
        let d = split_file("---\na: 1\n---\nbody\n---\n").unwrap();
        assert_eq!(d.yaml, "a: 1\n");
    }

    #[test]
    fn crlf_and_bom() {
        let text = decode(b"\xEF\xBB\xBF---\r\na: 1\r\n---\r\n").unwrap();
        assert_eq!(split_file(text).unwrap().yaml, "a: 1\r\n");
    }

    #[test]
    fn only_a_whole_fence_line_closes() {
        let yaml = |t| split_file(t).map(|d| d.yaml);
        assert_eq!(yaml("---\n---\n"), Ok(""));
        assert_eq!(yaml("---\na: 1\n---"), Ok("a: 1\n"), "no newline after");
        assert_eq!(
            yaml("---\na: ---\n----\n--- x\nb: 2\n--- \t\r\nbody\n"),
            Ok("a: ---\n----\n--- x\nb: 2\n")
        );
        assert!(yaml("---\na: 1\n----\n").is_err());
    }

    #[test]
    fn missing_closing_fence() {
        let e = split_file("---\na: 1\n").unwrap_err();
        assert!(e.message.contains("missing closing"), "{e:?}");
    }

    #[test]
    fn not_utf8_names_the_offset() {
        let e = decode(b"---\na: \xff\n---\n").unwrap_err();
        assert!(e.message.contains("byte offset 7"), "{e:?}");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn stream_of_documents() {
        let input = "---\na: 1\n---\nbody\n---\nb: 2\n---\n---\nc: 3\n";
        let docs: Vec<_> = Stream::new(input.as_bytes()).collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().yaml, "a: 1\n");
        assert_eq!(docs[1].as_ref().unwrap().line, 5);
        assert!(docs[2].is_err());
    }
}
