//! Escaping shared by the text formats.

use crate::swar::{any_below, any_eq, word};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_u4(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((c >> shift) & 15) as usize]);
    }
}

/// Whether eight bytes hold one [`push_turtle_string`] must look at: a
/// control character, `"`, `\`, DEL, or 0xEF (which starts U+FFFE/U+FFFF).
fn needs_turtle_escape(v: u64) -> bool {
    any_below(v, 0x20) || any_eq(v, b'"') || any_eq(v, b'\\') || any_eq(v, 0x7F) || any_eq(v, 0xEF)
}

/// A value in a KGX TSV cell: a tab, LF or CR becomes a space and `|` (the
/// list separator) `¦` (U+00A6), since KGX's TSV reader can escape nothing.
/// The test for those bytes has no early exit, so that it vectorizes: most
/// values have none and are copied as they are.
pub fn push_kgx_tsv_value(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let special = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | b'|');
    if !bytes.iter().fold(false, |any, &b| any | special(b)) {
        out.extend_from_slice(bytes);
        return;
    }
    for &b in bytes {
        match b {
            b'\t' | b'\n' | b'\r' => out.push(b' '),
            b'|' => out.extend_from_slice("\u{a6}".as_bytes()),
            _ => out.push(b),
        }
    }
}

/// The body of an N-Triples / Turtle `STRING_LITERAL_QUOTE`: `"` and `\`
/// escaped, `\n` `\r` `\t` `\b` `\f` as oxrdf writes them, the other control
/// characters and the non-characters U+FFFE/U+FFFF as `\uXXXX`, so that no
/// parser has anything to warn about. Scans bytes: everything else is
/// copied in runs.
pub fn push_turtle_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight plain bytes at a time.
        if let Some(v) = word(bytes, i)
            && !needs_turtle_escape(v)
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let (esc, len): (&[u8], usize) = match b {
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            b'\n' => (b"\\n", 1),
            b'\r' => (b"\\r", 1),
            b'\t' => (b"\\t", 1),
            0x08 => (b"\\b", 1),
            0x0C => (b"\\f", 1),
            0..=0x1F | 0x7F => (b"", 1),
            // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                (b"", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            let c = s[i..].chars().next().unwrap() as u32;
            push_u4(out, c);
        } else {
            out.extend_from_slice(esc);
        }
        i += len;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Whether eight bytes hold one [`push_json_string`] must escape: a
/// control character, `"` or `\`.
fn needs_json_escape(v: u64) -> bool {
    any_below(v, 0x20) || any_eq(v, b'"') || any_eq(v, b'\\')
}

/// The body of a JSON string. Scans bytes, eight at a time where none
/// needs escaping: everything else is copied in runs.
pub fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(v) = word(bytes, i)
            && !needs_json_escape(v)
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            push_u4(out, b as u32);
        } else {
            out.extend_from_slice(esc);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kgx_tsv_values() {
        for (value, written) in [
            ("", ""),
            ("plain κ \"quoted\" \u{b}", "plain κ \"quoted\" \u{b}"),
            ("|log2 FC|\tp\r\n", "¦log2 FC¦ p  "),
            ("a¦b", "a¦b"),
        ] {
            let mut out = Vec::new();
            push_kgx_tsv_value(&mut out, value);
            assert_eq!(String::from_utf8(out).unwrap(), written, "{value:?}");
        }
    }

    #[test]
    fn turtle_strings() {
        let mut out = Vec::new();
        push_turtle_string(
            &mut out,
            "a\"b\\c\nd\re\tf\u{0}g\u{7F}h\u{FFFE}κ\"\"\"\u{8}\u{C}",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u007Fh\\uFFFEκ\\\"\\\"\\\"\\b\\f"
        );
    }

    #[test]
    fn every_special_byte_in_every_position_is_escaped() {
        for special in [
            '"', '\\', '\n', '\r', '\t', '\u{8}', '\u{C}', '\u{0}', '\u{1F}', '\u{7F}', '\u{FFFE}',
            '\u{FFFF}',
        ] {
            for pos in 0..20 {
                let s: String = "abcdefghijklmnopqrstuvwxyz"
                    .chars()
                    .take(pos)
                    .chain([special])
                    .chain("0123456789".chars())
                    .collect();
                let mut out = Vec::new();
                push_turtle_string(&mut out, &s);
                let out = String::from_utf8(out).unwrap();
                assert!(out.contains('\\'), "{special:?} at {pos}: {out}");
                let literal = format!("<http://a> <http://b> \"{out}\" .");
                let t = oxttl::NTriplesParser::new()
                    .for_slice(literal.as_bytes())
                    .next()
                    .unwrap()
                    .unwrap();
                assert_eq!(
                    t.object,
                    oxrdf::Literal::new_simple_literal(&s).into(),
                    "{special:?} at {pos}"
                );
            }
        }
    }

    #[test]
    fn json_strings() {
        let mut out = Vec::new();
        push_json_string(&mut out, "a\"b\\c\nd\u{1}κ\u{7F}\u{8}\u{C}");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\"b\\\\c\\nd\\u0001κ\u{7F}\\b\\f"
        );
    }

    #[test]
    fn every_json_special_byte_in_every_position_is_escaped() {
        for special in [
            '"', '\\', '\n', '\r', '\t', '\u{8}', '\u{C}', '\u{0}', '\u{1F}',
        ] {
            for pos in 0..20 {
                let s: String = "abcdefghijklmnopqrstuvwxyz"
                    .chars()
                    .take(pos)
                    .chain([special, 'κ'])
                    .chain("0123456789".chars())
                    .collect();
                let mut out = b"\"".to_vec();
                push_json_string(&mut out, &s);
                out.push(b'"');
                let out = String::from_utf8(out).unwrap();
                assert!(out.contains('\\'), "{special:?} at {pos}: {out}");
                let back: String = serde_json::from_str(&out).unwrap();
                assert_eq!(back, s, "{special:?} at {pos}");
            }
        }
    }
}
