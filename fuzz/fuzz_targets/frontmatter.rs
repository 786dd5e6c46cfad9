//! Splitting front matter: a file's bytes (`decode` + `split_file`) and a
//! stream of documents (standard input). Never panics; what comes out is
//! the text between the fences.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pfocr2rdf::internal::frontmatter::{Stream, decode, split_file};

fn is_fence(l: &str) -> bool {
    l.trim_end_matches(['\r', '\n', ' ', '\t']) == "---"
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode(data) {
        if let Ok(doc) = split_file(text) {
            assert_eq!(doc.line, 1);
            // The YAML is the text right after the first line, and holds no fence.
            let first = text.split_inclusive('\n').next().unwrap();
            assert!(text[first.len()..].starts_with(doc.yaml));
            assert!(!doc.yaml.split_inclusive('\n').any(is_fence));
        }
    } else {
        let e = decode(data).unwrap_err();
        assert!(e.message.contains("byte offset"), "{e:?}");
    }
    let total_lines = data.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let mut last = 0;
    for doc in Stream::new(data) {
        match doc {
            Ok(d) => {
                assert!(d.line > last && d.line <= total_lines, "{d:?}");
                assert!(!d.yaml.split_inclusive('\n').any(is_fence));
                last = d.line;
            }
            Err(e) => {
                assert!(e.line.is_some_and(|l| l <= total_lines), "{e:?}");
            }
        }
    }
});
