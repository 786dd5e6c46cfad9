//! W3C terms that RDF syntax itself uses (`rdf:type`, the XML Schema
//! datatypes), each defined once. The PFOCR mapping's own vocabulary is in
//! `map`, the dataset description's in `void`.

/// RDF (`http://www.w3.org/1999/02/22-rdf-syntax-ns#`).
pub mod rdf {
    /// The namespace.
    pub const NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    /// `rdf:type`.
    pub const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
}

/// RDF Schema.
pub mod rdfs {
    /// The namespace.
    pub const NS: &str = "http://www.w3.org/2000/01/rdf-schema#";
}

/// OWL.
pub mod owl {
    /// The namespace.
    pub const NS: &str = "http://www.w3.org/2002/07/owl#";
}

/// XML Schema datatypes.
pub mod xsd {
    /// The namespace.
    pub const NS: &str = "http://www.w3.org/2001/XMLSchema#";
    /// `xsd:string`.
    pub const STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
    /// `xsd:integer`.
    pub const INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
    /// `xsd:decimal`.
    pub const DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
    /// `xsd:gYear`.
    pub const G_YEAR: &str = "http://www.w3.org/2001/XMLSchema#gYear";
    /// `xsd:dateTime`.
    pub const DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
    /// `xsd:anyURI`.
    pub const ANY_URI: &str = "http://www.w3.org/2001/XMLSchema#anyURI";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_in_their_namespaces() {
        assert_eq!(rdf::TYPE, format!("{}type", rdf::NS));
        for t in [
            xsd::STRING,
            xsd::INTEGER,
            xsd::DECIMAL,
            xsd::G_YEAR,
            xsd::DATE_TIME,
            xsd::ANY_URI,
        ] {
            assert!(t.starts_with(xsd::NS));
        }
        assert_eq!(rdf::TYPE, oxrdf::vocab::rdf::TYPE.as_str());
        assert_eq!(xsd::G_YEAR, oxrdf::vocab::xsd::G_YEAR.as_str());
    }
}
