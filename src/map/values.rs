//! Missing-value sentinels, identifier patterns and XML Schema lexical
//! spaces.

use crate::graph::Datatype;

/// Empty, `NA`, R's `.na`, `.na.character` (and the other `.na.*`), `.nan`.
pub fn is_sentinel(value: &str) -> bool {
    // Every sentinel, trimmed, is empty or starts with `N` or `.`: a value
    // that starts with another letter or a digit (most do) is none.
    if value
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() && *b != b'N')
    {
        return false;
    }
    let v = value.trim();
    v.is_empty()
        || v == "NA"
        || v == ".na"
        || v.eq_ignore_ascii_case(".nan")
        || v.strip_prefix(".na.")
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// NCBI Gene, NCBI Taxon, ChEBI and DOID numbers: `^[0-9]+$`.
pub fn is_number_id(s: &str) -> bool {
    digits(s)
}

/// `^PMC[0-9]+$`
pub fn is_pmcid(s: &str) -> bool {
    s.strip_prefix("PMC").is_some_and(digits)
}

/// MeSH descriptor or supplementary concept: `^[CD][0-9]+$`.
pub fn is_mesh(s: &str) -> bool {
    s.strip_prefix(['C', 'D']).is_some_and(digits)
}

/// `^WP[0-9]+$`
pub fn is_wpid(s: &str) -> bool {
    s.strip_prefix("WP").is_some_and(digits)
}

/// An RFC 4122 UUID in its 8-4-4-4-12 hex form.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `xsd:integer`: `[-+]?[0-9]+`
pub fn is_integer(s: &str) -> bool {
    digits(s.strip_prefix(['+', '-']).unwrap_or(s))
}

/// `xsd:decimal`: `(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)`
pub fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    match s.split_once('.') {
        None => digits(s),
        Some((int, frac)) => {
            (digits(int) && (frac.is_empty() || digits(frac))) || (int.is_empty() && digits(frac))
        }
    }
}

/// `xsd:gYear` (XML Schema 1.1): `-?([1-9][0-9]{3,}|0[0-9]{3})` plus an
/// optional time zone `Z` or `(+|-)hh:mm` up to 14:00.
pub fn is_gyear(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let year_len = s.bytes().take_while(u8::is_ascii_digit).count();
    let (year, tz) = s.split_at(year_len);
    let year_ok = year.len() >= 4 && (year.len() == 4 || !year.starts_with('0'));
    year_ok && is_timezone(tz)
}

fn is_timezone(tz: &str) -> bool {
    if tz.is_empty() || tz == "Z" {
        return true;
    }
    let Some(rest) = tz.strip_prefix(['+', '-']) else {
        return false;
    };
    let b = rest.as_bytes();
    if b.len() != 5 || b[2] != b':' || !digits(&rest[..2]) || !digits(&rest[3..]) {
        return false;
    }
    let hh: u32 = rest[..2].parse().unwrap_or(99);
    let mm: u32 = rest[3..].parse().unwrap_or(99);
    (hh <= 13 && mm <= 59) || (hh == 14 && mm == 0)
}

/// Whether `s` is in the lexical space of `dt`. The mapper's typed
/// values are integers, decimals and years; `xsd:string` takes anything,
/// and the other datatypes are written only by the dataset description,
/// from values it formats itself.
pub fn is_lexical(dt: Datatype, s: &str) -> bool {
    match dt {
        Datatype::Integer => is_integer(s),
        Datatype::Decimal => is_decimal(s),
        Datatype::GYear => is_gyear(s),
        Datatype::String | Datatype::DateTime | Datatype::AnyUri => true,
    }
}

/// The datatype's prefixed name, for messages.
pub fn prefixed(dt: Datatype) -> &'static str {
    match dt {
        Datatype::String => "xsd:string",
        Datatype::Integer => "xsd:integer",
        Datatype::Decimal => "xsd:decimal",
        Datatype::GYear => "xsd:gYear",
        Datatype::DateTime => "xsd:dateTime",
        Datatype::AnyUri => "xsd:anyURI",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentinels() {
        for s in [
            "",
            " ",
            "NA",
            ".na",
            ".na.character",
            ".na.real",
            ".nan",
            ".NaN",
            " NA ",
            "\t.na",
            "\u{A0}NA",
        ] {
            assert!(is_sentinel(s), "{s:?}");
        }
        for s in [
            "N/A", "na", "NAN", "0", ".na.", "NA1", ".inf", "aNA", "7 NA",
        ] {
            assert!(!is_sentinel(s), "{s:?}");
        }
    }

    #[test]
    fn lexical_spaces() {
        assert!(is_gyear("2016") && is_gyear("0999") && is_gyear("-0045") && is_gyear("12016"));
        assert!(is_gyear("2016Z") && is_gyear("2016+14:00") && !is_gyear("2016+14:01"));
        assert!(!is_gyear("MMXX") && !is_gyear("16") && !is_gyear("02016") && !is_gyear("2016 "));
        assert!(
            is_decimal("0.9152256") && is_decimal("-1") && is_decimal(".5") && is_decimal("5.")
        );
        assert!(!is_decimal("n/a") && !is_decimal("1e-5") && !is_decimal(".") && !is_decimal(""));
        assert!(
            is_integer("162890") && is_integer("+01") && !is_integer("-3.5") && !is_integer("-")
        );
    }

    #[test]
    fn identifiers() {
        assert!(is_pmcid("PMC5308639") && !is_pmcid("PMC") && !is_pmcid("pmc1"));
        assert!(is_mesh("D001920") && is_mesh("C556458") && !is_mesh("Q1"));
        assert!(
            is_uuid("63b05d4f-df0e-11ea-99da-0ac135e8bacf")
                && !is_uuid("63b05d4f-df0e-11ea-99da-0ac135e8bac")
        );
        assert!(is_wpid("WP4760") && !is_wpid("WP4760_r1"));
    }
}
