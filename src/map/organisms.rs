//! The organism-name → NCBI Taxon table (`vocab/organisms.tsv`), compiled
//! in: it never grows during a run, so output never depends on which other
//! records are converted alongside.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../vocab/organisms.tsv");

fn table() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, id)| (name, id.trim()))
            .collect()
    })
}

/// The NCBI Taxonomy id for an organism name (trimmed, exact spelling).
pub fn taxon(name: &str) -> Option<&'static str> {
    table().get(name.trim()).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_well_formed() {
        let mut names = std::collections::HashSet::new();
        for (i, line) in super::TABLE.lines().enumerate().skip(1) {
            let (name, id) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {}: no tab", i + 1));
            assert_eq!(name, name.trim(), "line {}", i + 1);
            assert!(
                crate::map::values::is_number_id(id),
                "line {}: {id:?}",
                i + 1
            );
            assert!(names.insert(name), "line {}: duplicate {name:?}", i + 1);
            assert!(!crate::map::values::is_sentinel(name), "line {}", i + 1);
        }
        assert_eq!(super::taxon(" Homo sapiens "), Some("9606"));
    }
}
