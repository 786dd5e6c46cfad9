//! The KGX (Biolink Model) view of a figure graph: nodes and edges with
//! CURIEs of the Biolink Model prefix map, derived from the triples the
//! mapper built, so that the RDF and the KGX output always agree.
//!
//! Rules (MAPPING.md, "KGX export"):
//! * figure `PFOCR:{figid}` (the figid as encoded in `F`), article
//!   `PMCID:{pmcid}`, genes `NCBIGene:`, chemicals `CHEBI:` / `MESH:`,
//!   diseases `DOID:` / `MESH:` (a MeSH id is a chemical or a disease by the
//!   class of the mention that names it; both when both do), organisms
//!   `NCBITaxon:`;
//! * one `biolink:mentions` edge per `F schema:mentions X` triple, one
//!   `biolink:related_to` edge per organism of `F` (`wp:organism`,
//!   `pfocr:nerOrganism`); edge id `PFOCR:{figid}#{predicate}-{object}`;
//! * an IRI outside the known namespaces, or whose id fails its pattern,
//!   gives no node and no edge (the mapper never makes one).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use serde_json::json;

use super::Mapper;
use super::iri;
use super::values;
use super::vocab::Vocab;
use crate::graph::{FigureGraph, Term};
use crate::write::kgx::{Cell, Columns, Row};

/// The `PFOCR` prefix (not in the Biolink Model prefix map: declared in the
/// metadata).
pub const PFOCR_PREFIX: &str = "PFOCR";
/// Where `PFOCR:` expands to.
pub const PFOCR_EXPANSION: &str = iri::FIGURE;
/// The knowledge source of every edge.
pub const SOURCE: &str = "infores:pfocr";

/// Node columns, KGX core ones first.
pub const NODE_COLUMNS: Columns = Columns {
    names: &[
        "id",
        "category",
        "name",
        "description",
        "iri",
        "in_taxon",
        "provided_by",
    ],
    lists: &[false, true, false, false, false, false, true],
};

/// Edge columns, KGX core ones first.
pub const EDGE_COLUMNS: Columns = Columns {
    names: &[
        "id",
        "subject",
        "predicate",
        "object",
        "primary_knowledge_source",
        "knowledge_level",
        "agent_type",
        "publications",
    ],
    lists: &[false, false, false, false, false, false, false, true],
};

const MENTIONS: &str = "biolink:mentions";
const RELATED_TO: &str = "biolink:related_to";
const FIGURE: &str = "biolink:InformationContentEntity";
const ARTICLE: &str = "biolink:JournalArticle";
const GENE: &str = "biolink:Gene";
const CHEMICAL: &str = "biolink:ChemicalEntity";
const DISEASE: &str = "biolink:Disease";
const ORGANISM: &str = "biolink:OrganismTaxon";

/// One node: its id, its categories (for the counts), its row.
#[derive(Clone, Debug, Default)]
pub struct Node {
    /// The CURIE.
    pub id: String,
    /// Biolink categories.
    pub category: Vec<&'static str>,
    /// The row, in [`NODE_COLUMNS`] order.
    pub row: Row,
}

/// One edge: predicate and object category (for the counts), its row.
#[derive(Clone, Debug, Default)]
pub struct Edge {
    /// The edge id.
    pub id: String,
    /// The Biolink predicate.
    pub predicate: &'static str,
    /// The object's CURIE.
    pub object: String,
    /// The object's first category in this figure.
    pub object_category: &'static str,
}

impl Edge {
    /// The edge's cells in [`EDGE_COLUMNS`] order (the subject and the
    /// publications are the figure's): borrowed, nothing allocated.
    pub fn cells<'a>(&'a self, figure: &'a KgxFigure) -> [Cell<'a>; 8] {
        [
            Cell::One(&self.id),
            Cell::One(&figure.subject),
            Cell::One(self.predicate),
            Cell::One(&self.object),
            Cell::One(SOURCE),
            Cell::One("not_provided"),
            Cell::One("text_mining_agent"),
            Cell::List(&figure.publications),
        ]
    }
}

/// The KGX nodes and edges of one figure, in a stable order (figure,
/// article, mentioned entities, organisms; mentions, then organisms).
#[derive(Clone, Debug, Default)]
pub struct KgxFigure {
    /// Nodes (each id once in a figure).
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// The subject of every edge: the figure's CURIE.
    pub subject: String,
    /// The `publications` of every edge: the article's CURIE, if any.
    pub publications: Vec<String>,
}

/// A namespace, its Biolink prefix, the pattern of its ids, its category
/// (`None`: decided by the mention).
type Namespace = (
    &'static str,
    &'static str,
    fn(&str) -> bool,
    Option<&'static str>,
);

/// The CURIE of an entity IRI, with its category for a gene, ChEBI, DOID
/// or taxon (`None` for MeSH: the mention class decides).
fn curie(iri_: &str) -> Option<(String, Option<&'static str>)> {
    let table: [Namespace; 5] = [
        (iri::NCBIGENE, "NCBIGene", values::is_number_id, Some(GENE)),
        (iri::CHEBI, "CHEBI", values::is_number_id, Some(CHEMICAL)),
        (iri::DOID, "DOID", values::is_number_id, Some(DISEASE)),
        (iri::MESH, "MESH", values::is_mesh, None),
        (
            iri::NCBITAXON,
            "NCBITaxon",
            values::is_number_id,
            Some(ORGANISM),
        ),
    ];
    table.iter().find_map(|&(ns, prefix, valid, category)| {
        let id = iri_.strip_prefix(ns)?;
        valid(id).then(|| (format!("{prefix}:{id}"), category))
    })
}

fn one(v: Option<&str>) -> Vec<String> {
    v.map(|s| vec![s.to_owned()]).unwrap_or_default()
}

impl Mapper {
    fn term(&self, v: Vocab) -> &'static str {
        self.terms[v as usize]
    }

    /// The KGX nodes and edges of a mapped figure graph, into `out`
    /// (cleared first). Nothing when the graph has no figure.
    pub fn kgx(&self, g: &FigureGraph, out: &mut KgxFigure) {
        out.nodes.clear();
        out.edges.clear();
        out.subject.clear();
        out.publications.clear();
        let Some(Term::Iri(f)) = g.name() else { return };
        let Some(figid) = f
            .strip_prefix(iri::FIGURE)
            .and_then(|s| s.strip_suffix(iri::FIGURE_SUFFIX))
        else {
            return;
        };
        let fig = format!("{PFOCR_PREFIX}:{figid}");
        let (rdf_type, label) = (self.term(Vocab::TYPE), self.term(Vocab::LABEL));
        let (title, description) = (self.term(Vocab::DC_TITLE), self.term(Vocab::DC_DESCRIPTION));
        let part_of = self.term(Vocab::DC_IS_PART_OF);
        let mentions = self.term(Vocab::S_MENTIONS);
        let organism = self.term(Vocab::WP_ORGANISM);
        let ner_organism = self.term(Vocab::NER_ORGANISM);
        let body = self.term(Vocab::OA_BODY);
        let (chemical, disease) = (
            self.term(Vocab::CHEMICAL_MENTION),
            self.term(Vocab::DISEASE_MENTION),
        );

        // One pass over the triples (grouped by subject): what each node says.
        let mut fig_name = None;
        let mut fig_description = None;
        let mut article = None;
        let mut article_name: FxHashMap<&str, &str> = FxHashMap::default();
        // `F schema:mentions X` is one triple per X (the graph drops
        // duplicates); a taxon may be both `wp:organism` and `nerOrganism`.
        let mut entities: Vec<&str> = Vec::new();
        let mut organisms: Vec<&str> = Vec::new();
        let mut organisms_seen: FxHashSet<&str> = FxHashSet::default();
        let mut labels: FxHashMap<&str, &str> = FxHashMap::default();
        // Per mention: its class, bodies and organism.
        let mut mention_class: FxHashMap<&str, &str> = FxHashMap::default();
        let mut mention_bodies: Vec<(&str, &str)> = Vec::new();
        let mut mention_taxon: FxHashMap<&str, &str> = FxHashMap::default();
        for [s, p, o] in g.triples() {
            let (s, p) = (s.as_str(), p.as_str());
            match o {
                Term::Literal(v, _) => {
                    if s == f && p == title {
                        fig_name.get_or_insert(v);
                    } else if s == f && p == description {
                        fig_description.get_or_insert(v);
                    } else if p == label {
                        labels.entry(s).or_insert(v);
                    } else if p == title {
                        article_name.entry(s).or_insert(v);
                    }
                }
                Term::Iri(o) => {
                    if s == f {
                        if p == mentions {
                            entities.push(o);
                        } else if p == organism || p == ner_organism {
                            if organisms_seen.insert(o) {
                                organisms.push(o);
                            }
                        } else if p == part_of && o.starts_with(iri::PMC) {
                            article.get_or_insert(o);
                        }
                    } else if p == rdf_type && (o == chemical || o == disease) {
                        mention_class.insert(s, o);
                    } else if p == body {
                        mention_bodies.push((s, o));
                    } else if p == organism {
                        mention_taxon.entry(s).or_insert(o);
                    }
                }
            }
        }

        // Per body, from its mentions in order: a chemical mention names it,
        // a disease mention names it, the first valid taxon of a mention.
        let mut bodies: FxHashMap<&str, (bool, bool, Option<String>)> = FxHashMap::default();
        for &(m, b) in &mention_bodies {
            let e = bodies.entry(b).or_default();
            match mention_class.get(m) {
                Some(&c) if c == chemical => e.0 = true,
                Some(&c) if c == disease => e.1 = true,
                _ => {}
            }
            if e.2.is_none() {
                e.2 = mention_taxon
                    .get(m)
                    .and_then(|t| curie(t))
                    .filter(|(_, c)| *c == Some(ORGANISM))
                    .map(|(t, _)| t);
            }
        }

        let publication = article.and_then(|a| {
            let pmcid = a.strip_prefix(iri::PMC)?;
            values::is_pmcid(pmcid).then(|| format!("PMCID:{pmcid}"))
        });
        let provided_by = vec![SOURCE.to_owned()];
        let node = |id: String, category: Vec<&'static str>, cells: [Vec<String>; 4]| {
            let [name, description, iri_, in_taxon] = cells;
            Node {
                row: vec![
                    vec![id.clone()],
                    category.iter().map(|c| (*c).to_owned()).collect(),
                    name,
                    description,
                    iri_,
                    in_taxon,
                    provided_by.clone(),
                ],
                id,
                category,
            }
        };
        out.nodes.push(node(
            fig.clone(),
            vec![FIGURE],
            [one(fig_name), one(fig_description), one(Some(f)), vec![]],
        ));
        if let (Some(id), Some(a)) = (&publication, article) {
            out.nodes.push(node(
                id.clone(),
                vec![ARTICLE],
                [one(article_name.get(a).copied()), vec![], vec![], vec![]],
            ));
        }
        let edge = |predicate: &'static str, object: &str, object_category: &'static str| {
            let name = predicate.strip_prefix("biolink:").unwrap_or(predicate);
            Edge {
                id: format!("{fig}#{name}-{object}"),
                predicate,
                object: object.to_owned(),
                object_category,
            }
        };
        let mut edges = Vec::new();
        for x in entities {
            let Some((id, category)) = curie(x) else {
                continue;
            };
            let category = match category {
                Some(c) => vec![c],
                // MeSH: by the classes of the mentions whose body it is.
                None => {
                    let mut c = Vec::new();
                    if let Some((chem, dis, _)) = bodies.get(x) {
                        if *chem {
                            c.push(CHEMICAL);
                        }
                        if *dis {
                            c.push(DISEASE);
                        }
                    }
                    if c.is_empty() {
                        continue;
                    }
                    c
                }
            };
            // `in_taxon` is single-valued in KGX: the first taxon of the
            // gene's rows in this figure.
            let in_taxon: Vec<String> = match bodies.get(x) {
                Some((_, _, Some(t))) if category[0] == GENE => vec![t.clone()],
                _ => Vec::new(),
            };
            edges.push(edge(MENTIONS, &id, category[0]));
            out.nodes.push(node(
                id,
                category,
                [one(labels.get(x).copied()), vec![], vec![], in_taxon],
            ));
        }
        for t in organisms {
            let Some((id, Some(ORGANISM))) = curie(t) else {
                continue;
            };
            edges.push(edge(RELATED_TO, &id, ORGANISM));
            out.nodes.push(node(
                id,
                vec![ORGANISM],
                [one(labels.get(t).copied()), vec![], vec![], vec![]],
            ));
        }
        out.edges = edges;
        out.publications.extend(publication);
        out.subject = fig;
    }
}

/// Counts of a KGX export, for its metadata file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KgxCounts {
    /// Nodes written.
    pub nodes: u64,
    /// Edges written.
    pub edges: u64,
    /// Per category: nodes, and the CURIE prefixes of their ids.
    pub categories: BTreeMap<&'static str, (u64, Vec<String>)>,
    /// Per (predicate, object category): edges.
    pub predicates: BTreeMap<(&'static str, &'static str), u64>,
}

impl KgxCounts {
    /// Counts a node written: its id and categories.
    pub fn node(&mut self, id: &str, category: &[&'static str]) {
        self.nodes += 1;
        let prefix = id.split(':').next().unwrap_or_default();
        for &c in category {
            let e = self.categories.entry(c).or_default();
            e.0 += 1;
            if !e.1.iter().any(|p| p == prefix) {
                e.1.push(prefix.to_owned());
                e.1.sort();
            }
        }
    }

    /// Counts an edge written: its predicate and object category.
    pub fn edge(&mut self, predicate: &'static str, object_category: &'static str) {
        self.edges += 1;
        *self
            .predicates
            .entry((predicate, object_category))
            .or_default() += 1;
    }
}

/// The metadata file beside the KGX tables (`content_metadata.json`): the
/// shape of KGX's meta-knowledge-graph summary (`nodes` per category with
/// `id_prefixes` and `count`, `edges` per subject category, predicate and
/// object category), plus the source, the `PFOCR` prefix and the versions.
pub fn metadata(counts: &KgxCounts, tool_version: &str, vocab_version: &str) -> serde_json::Value {
    let nodes: serde_json::Map<String, serde_json::Value> = counts
        .categories
        .iter()
        .map(|(c, (n, prefixes))| {
            (
                (*c).to_owned(),
                json!({"id_prefixes": prefixes, "count": n, "count_by_source": {SOURCE: n}}),
            )
        })
        .collect();
    let edges: Vec<serde_json::Value> = counts
        .predicates
        .iter()
        .map(|((p, o), n)| {
            json!({"subject": FIGURE, "predicate": p, "object": o, "count": n,
                   "count_by_source": {SOURCE: n}})
        })
        .collect();
    json!({
        "name": "PFOCR (Pathway Figure OCR) figures",
        "source": SOURCE,
        "provided_by": [SOURCE],
        "curie_map": {PFOCR_PREFIX: PFOCR_EXPANSION},
        "prefix_map": "biolink-model biolink_model_prefix_map.json, plus curie_map",
        "file_created_by": format!("pfocr2rdf {tool_version}"),
        "pfocr2rdf_version": tool_version,
        "pfocr_vocabulary_version": vocab_version,
        "node_count": counts.nodes,
        "edge_count": counts.edges,
        "nodes": nodes,
        "edges": edges,
    })
}
