//! Escaping shared by the text formats.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_u4(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((c >> shift) & 15) as usize]);
    }
}

/// The body of an N-Triples / Turtle `STRING_LITERAL_QUOTE`: `"` and `\`
/// escaped, line breaks and tabs as `\n` `\r` `\t`, the other control
/// characters and the non-characters U+FFFE/U+FFFF as `\uXXXX`, so that no
/// parser has anything to warn about. Scans bytes: everything else is
/// copied in runs.
pub fn push_turtle_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (esc, len): (&[u8], usize) = match b {
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            b'\n' => (b"\\n", 1),
            b'\r' => (b"\\r", 1),
            b'\t' => (b"\\t", 1),
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

/// The body of a JSON string.
pub fn push_json_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            push_u4(out, b as u32);
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turtle_strings() {
        let mut out = Vec::new();
        push_turtle_string(&mut out, "a\"b\\c\nd\re\tf\u{0}g\u{7F}h\u{FFFE}κ\"\"\"");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u007Fh\\uFFFEκ\\\"\\\"\\\""
        );
    }

    #[test]
    fn json_strings() {
        let mut out = Vec::new();
        push_json_string(&mut out, "a\"b\\c\nd\u{1}κ\u{7F}");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\"b\\\\c\\nd\\u0001κ\u{7F}"
        );
    }
}
