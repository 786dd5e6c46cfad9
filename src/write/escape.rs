//! Escaping shared by the text formats.

use crate::swar::{any_below, any_eq, word};

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_u4(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((c >> shift) & 15) as usize]);
    }
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

/// Appends `s` with the bytes `escape` picks replaced: skips eight bytes
/// at a time while `plain` says none of them is picked, copies the rest in
/// runs. `escape(bytes, i)` gives the replacement of the character at `i`
/// and its length in bytes, or `None` to keep it; an empty replacement
/// means `\uXXXX` of the character.
fn push_escaped(
    out: &mut Vec<u8>,
    s: &str,
    plain: impl Fn(u64) -> bool,
    escape: impl Fn(&[u8], usize) -> Option<(&'static [u8], usize)>,
) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(v) = word(bytes, i)
            && plain(v)
        {
            i += 8;
            continue;
        }
        let Some((esc, len)) = escape(bytes, i) else {
            i += 1;
            continue;
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

/// The escapes both string syntaxes share: `"`, `\`, and the control
/// characters (`\n` `\r` `\t` `\b` `\f` by name, the others as `\uXXXX`).
fn common_escape(b: u8) -> Option<&'static [u8]> {
    Some(match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0C => b"\\f",
        0..=0x1F => b"",
        _ => return None,
    })
}

/// The body of an N-Triples / Turtle `STRING_LITERAL_QUOTE`: `"` and `\`
/// escaped, `\n` `\r` `\t` `\b` `\f` as oxrdf writes them, the other control
/// characters, DEL and the non-characters U+FFFE/U+FFFF as `\uXXXX`, so
/// that no parser has anything to warn about.
pub fn push_turtle_string(out: &mut Vec<u8>, s: &str) {
    let plain = |v| {
        !(any_below(v, 0x20)
            || any_eq(v, b'"')
            || any_eq(v, b'\\')
            || any_eq(v, 0x7F)
            // 0xEF starts U+FFFE/U+FFFF (EF BF BE / EF BF BF).
            || any_eq(v, 0xEF))
    };
    push_escaped(out, s, plain, |bytes, i| match bytes[i] {
        0x7F => Some((b"", 1)),
        0xEF if bytes.get(i + 1) == Some(&0xBF)
            && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
        {
            Some((b"", 3))
        }
        b => common_escape(b).map(|esc| (esc, 1)),
    });
}

/// A JSON string, quoted: `"`, `\` and the control characters escaped.
pub fn push_json_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_json_body(out, s);
    out.push(b'"');
}

/// The body of a JSON string (see [`push_json_string`]).
fn push_json_body(out: &mut Vec<u8>, s: &str) {
    let plain = |v| !(any_below(v, 0x20) || any_eq(v, b'"') || any_eq(v, b'\\'));
    push_escaped(out, s, plain, |bytes, i| {
        common_escape(bytes[i]).map(|esc| (esc, 1))
    });
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

    /// `chars` after the first `pos` letters and before ten digits, so
    /// that they fall at every offset of an eight-byte word.
    fn placed(pos: usize, chars: &[char]) -> String {
        "abcdefghijklmnopqrstuvwxyz"
            .chars()
            .take(pos)
            .chain(chars.iter().copied())
            .chain("0123456789".chars())
            .collect()
    }

    #[test]
    fn every_special_byte_in_every_position_is_escaped() {
        for special in [
            '"', '\\', '\n', '\r', '\t', '\u{8}', '\u{C}', '\u{0}', '\u{1F}', '\u{7F}', '\u{FFFE}',
            '\u{FFFF}',
        ] {
            for pos in 0..20 {
                let s = placed(pos, &[special]);
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
            "\"a\\\"b\\\\c\\nd\\u0001κ\u{7F}\\b\\f\""
        );
    }

    #[test]
    fn every_json_special_byte_in_every_position_is_escaped() {
        for special in [
            '"', '\\', '\n', '\r', '\t', '\u{8}', '\u{C}', '\u{0}', '\u{1F}',
        ] {
            for pos in 0..20 {
                let s = placed(pos, &[special, 'κ']);
                let mut out = Vec::new();
                push_json_string(&mut out, &s);
                let out = String::from_utf8(out).unwrap();
                assert!(out.contains('\\'), "{special:?} at {pos}: {out}");
                let back: String = serde_json::from_str(&out).unwrap();
                assert_eq!(back, s, "{special:?} at {pos}");
            }
        }
    }
}
