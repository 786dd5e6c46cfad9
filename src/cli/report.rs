//! The `--report` JSON: every failed record, warnings per kind, unmapped
//! keys and totals. Its shape is documented in the README ("The report").

use std::collections::BTreeMap;

use pfocr2rdf::{Diagnostic, Severity, Summary};

/// What `--report` collects: every error, and warnings counted per kind.
#[derive(Default)]
pub struct ReportCollector {
    errors: Vec<Diagnostic>,
    warnings: BTreeMap<String, u64>,
}

/// The kind of a warning: its field with list indices and row numbers
/// taken out (`genes[3].entrez` → `genes[].entrez`,
/// `genes.tsv row 2: ncbigene_id` → `genes.tsv: ncbigene_id`).
pub fn warning_kind(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(end) = rest.find(']')
                && rest[1..end].bytes().all(|b| b.is_ascii_digit())
            {
                out.push_str("[]");
                rest = &rest[end + 1..];
                continue;
            }
        } else if let Some(after) = rest.strip_prefix(" row ") {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                rest = &after[digits..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if out.is_empty() {
        "(record)".into()
    } else {
        out
    }
}

impl ReportCollector {
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors.push(d.clone()),
            Severity::Warning => *self.warnings.entry(warning_kind(&d.field)).or_default() += 1,
        }
    }

    pub fn json(
        self,
        summary: &Summary,
        status: u8,
        written: bool,
        target: &str,
        output_error: Option<String>,
    ) -> serde_json::Value {
        use serde_json::json;
        let failed: Vec<_> = self
            .errors
            .iter()
            .map(|d| {
                json!({
                    "path": d.path,
                    "line": d.line,
                    "field": d.field,
                    "message": d.message,
                })
            })
            .collect();
        let unmapped: Vec<_> = summary
            .unmapped
            .iter()
            .map(|(k, u)| json!({"key": k, "count": u.count, "first_path": u.first_path}))
            .collect();
        json!({
            "pfocr2rdf": env!("CARGO_PKG_VERSION"),
            "exit_status": status,
            "totals": {
                "records": summary.converted + summary.failed,
                "converted": summary.converted,
                "failed": summary.failed,
                "triples": summary.triples,
                "warnings": summary.warnings,
                "errors": failed.len(),
                "unmapped_keys": summary.unmapped.len(),
                "stopped_by_strict": summary.stopped,
                "no_records_found": summary.empty,
            },
            "output": {
                "target": target,
                "written": written,
                "error": output_error,
            },
            "failed": failed,
            "warnings": self.warnings,
            "unmapped": unmapped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_kinds() {
        assert_eq!(warning_kind("genes[3].entrez"), "genes[].entrez");
        assert_eq!(
            warning_kind("genes.tsv row 12: ncbigene_id"),
            "genes.tsv: ncbigene_id"
        );
        assert_eq!(warning_kind("year"), "year");
        assert_eq!(warning_kind(""), "(record)");
        assert_eq!(warning_kind("a[x]"), "a[x]");
    }
}
