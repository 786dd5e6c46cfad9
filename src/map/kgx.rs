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
//!   `pfocr:nerOrganism`), one `biolink:in_taxon` edge per gene and taxon
//!   of its mentions (`M oa:hasBody G; wp:organism T`; written once per
//!   export, no `publications`: not a column, as kgx 2.7.0 reads an
//!   `in_taxon` column as a list and its validator rejects a list there);
//!   edge id `{subject}#{predicate}-{object}`;
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
use crate::write::kgx::{Cell, Columns};

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
        "provided_by",
    ],
    lists: &[false, true, false, false, false, true],
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
const IN_TAXON: &str = "biolink:in_taxon";
const FIGURE: &str = "biolink:InformationContentEntity";
const ARTICLE: &str = "biolink:JournalArticle";
const GENE: &str = "biolink:Gene";
const CHEMICAL: &str = "biolink:ChemicalEntity";
const DISEASE: &str = "biolink:Disease";
const ORGANISM: &str = "biolink:OrganismTaxon";

/// One node: its id, its categories (for the counts), what its row says.
#[derive(Clone, Debug, Default)]
pub struct Node {
    /// The CURIE.
    pub id: String,
    /// Biolink categories.
    pub category: Vec<&'static str>,
    name: Option<String>,
    description: Option<String>,
    iri: Option<String>,
}

impl Node {
    /// Whether the row gives a `name`.
    pub fn named(&self) -> bool {
        self.name.is_some()
    }

    /// The node's cells in [`NODE_COLUMNS`] order: borrowed, nothing
    /// allocated.
    pub fn cells(&self) -> [Cell<'_>; 6] {
        fn opt(v: &Option<String>) -> Cell<'_> {
            v.as_deref().map_or(Cell::EMPTY, Cell::One)
        }
        [
            Cell::One(&self.id),
            Cell::Names(&self.category),
            opt(&self.name),
            opt(&self.description),
            opt(&self.iri),
            Cell::One(SOURCE),
        ]
    }
}

/// One edge of a figure (its subject is the figure): predicate and
/// object category (for the counts), its cells.
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
    /// The edge's categories and predicate, for [`KgxCounts::edge`].
    pub fn key(&self) -> (&'static str, &'static str, &'static str) {
        (FIGURE, self.predicate, self.object_category)
    }

    /// The edge's cells in [`EDGE_COLUMNS`] order (the subject and the
    /// publications are the figure's): borrowed, nothing allocated.
    pub fn cells<'a>(&'a self, figure: &'a KgxFigure) -> [Cell<'a>; 8] {
        edge_cells(
            &self.id,
            &figure.subject,
            self.predicate,
            &self.object,
            &figure.publications,
        )
    }
}

/// An edge's cells in [`EDGE_COLUMNS`] order; every edge has the same
/// source and provenance.
fn edge_cells<'a>(
    id: &'a str,
    subject: &'a str,
    predicate: &'a str,
    object: &'a str,
    publications: &'a [String],
) -> [Cell<'a>; 8] {
    [
        Cell::One(id),
        Cell::One(subject),
        Cell::One(predicate),
        Cell::One(object),
        Cell::One(SOURCE),
        Cell::One("not_provided"),
        Cell::One("text_mining_agent"),
        Cell::List(publications),
    ]
}

/// The edge `gene biolink:in_taxon taxon` (CURIEs), which holds for the
/// whole export: written once, by the first figure that gives it, with no
/// `publications`. Its id, `{gene}#in_taxon-{taxon}`, is appended to `ids`;
/// returns where in `ids` the gene ends, the taxon starts and the id ends.
pub fn push_taxon_edge_id(gene: &str, taxon: &str, ids: &mut String) -> (usize, usize, usize) {
    ids.push_str(gene);
    let gene_end = ids.len();
    ids.push_str("#in_taxon-");
    let taxon_start = ids.len();
    ids.push_str(taxon);
    (gene_end, taxon_start, ids.len())
}

/// The cells of the edge `gene biolink:in_taxon taxon` with that `id`, in
/// [`EDGE_COLUMNS`] order.
pub fn taxon_edge_cells<'a>(id: &'a str, gene: &'a str, taxon: &'a str) -> [Cell<'a>; 8] {
    edge_cells(id, gene, IN_TAXON, taxon, &[])
}

/// The categories and predicate of a taxon edge, for [`KgxCounts::edge`].
pub const TAXON_EDGE_KEY: (&str, &str, &str) = (GENE, IN_TAXON, ORGANISM);

/// The KGX nodes and edges of one figure, in a stable order (figure,
/// article, mentioned entities, organisms, the other taxa of its genes;
/// mentions, then organisms; the genes' taxa).
#[derive(Clone, Debug, Default)]
pub struct KgxFigure {
    /// Nodes (each id once in a figure).
    pub nodes: Vec<Node>,
    /// The figure's edges.
    pub edges: Vec<Edge>,
    /// The subject of every edge in `edges`: the figure's CURIE.
    pub subject: String,
    /// The `publications` of every edge in `edges`: the article's CURIE, if
    /// any.
    pub publications: Vec<String>,
    /// The genes' taxa: (gene, taxon) indices into `nodes`, each pair once,
    /// for the edges of [`push_taxon_edge_id`].
    pub taxa: Vec<(usize, usize)>,
}

/// A namespace, its Biolink prefix, the pattern of its ids, its category
/// (`None`: decided by the mention).
type Namespace = (
    &'static str,
    &'static str,
    fn(&str) -> bool,
    Option<&'static str>,
);

/// The entity namespaces KGX rows name, each with its CURIE prefix, the
/// test of a valid id, and the category for a gene, ChEBI, DOID or taxon
/// (`None` for MeSH: the mention class decides).
const NAMESPACES: [Namespace; 5] = [
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

/// The namespace of an entity IRI and its valid id.
fn entity(iri_: &str) -> Option<(&'static Namespace, &str)> {
    NAMESPACES.iter().find_map(|ns| {
        let id = iri_.strip_prefix(ns.0)?;
        (ns.2)(id).then_some((ns, id))
    })
}

/// The CURIE of an entity IRI, with its category.
fn curie(iri_: &str) -> Option<(String, Option<&'static str>)> {
    entity(iri_).map(|(&(_, prefix, _, category), id)| ([prefix, ":", id].concat(), category))
}

/// Whether an IRI is an organism's (a taxon `curie` reads), without
/// making the CURIE.
fn is_organism(iri_: &str) -> bool {
    entity(iri_).is_some_and(|(ns, _)| ns.3 == Some(ORGANISM))
}

/// What a figure's mentions say of one body: a chemical mention names it,
/// a disease mention names it, the valid taxa of its mentions (each once,
/// in row order).
#[derive(Default)]
struct Body<'a> {
    chemical: bool,
    disease: bool,
    taxa: Vec<&'a str>,
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
        out.taxa.clear();
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

        // Per body, from its mentions in order.
        let mut bodies: FxHashMap<&str, Body<'_>> = FxHashMap::default();
        for &(m, b) in &mention_bodies {
            let e = bodies.entry(b).or_default();
            match mention_class.get(m) {
                Some(&c) if c == chemical => e.chemical = true,
                Some(&c) if c == disease => e.disease = true,
                _ => {}
            }
            if let Some(&t) = mention_taxon.get(m)
                && !e.taxa.contains(&t)
                && is_organism(t)
            {
                e.taxa.push(t);
            }
        }

        let publication = article.and_then(|a| {
            let pmcid = a.strip_prefix(iri::PMC)?;
            values::is_pmcid(pmcid).then(|| format!("PMCID:{pmcid}"))
        });
        let node = |id: String, category: Vec<&'static str>, cells: [Option<&str>; 3]| {
            let [name, description, iri_] = cells.map(|c| c.map(str::to_owned));
            Node {
                id,
                category,
                name,
                description,
                iri: iri_,
            }
        };
        out.nodes.push(node(
            fig.clone(),
            vec![FIGURE],
            [fig_name, fig_description, Some(f)],
        ));
        if let (Some(id), Some(a)) = (&publication, article) {
            out.nodes.push(node(
                id.clone(),
                vec![ARTICLE],
                [article_name.get(a).copied(), None, None],
            ));
        }
        // Edge id: `{subject}#{predicate}-{object}`, unique as the triple is.
        let edge = |predicate: &'static str, object: &str, object_category: &'static str| {
            let name = predicate.strip_prefix("biolink:").unwrap_or(predicate);
            Edge {
                id: [fig.as_str(), "#", name, "-", object].concat(),
                predicate,
                object: object.to_owned(),
                object_category,
            }
        };
        let mut edges = Vec::new();
        // (gene node, taxon IRI) of the genes' rows, and the node of each
        // taxon once written.
        let mut gene_taxa: Vec<(usize, &str)> = Vec::new();
        let mut taxon_nodes: FxHashMap<&str, usize> = FxHashMap::default();
        for x in entities {
            let Some((id, category)) = curie(x) else {
                continue;
            };
            let category = match category {
                Some(c) => vec![c],
                // MeSH: by the classes of the mentions whose body it is.
                None => {
                    let mut c = Vec::new();
                    if let Some(b) = bodies.get(x) {
                        if b.chemical {
                            c.push(CHEMICAL);
                        }
                        if b.disease {
                            c.push(DISEASE);
                        }
                    }
                    if c.is_empty() {
                        continue;
                    }
                    c
                }
            };
            if category[0] == GENE
                && let Some(b) = bodies.get(x)
            {
                gene_taxa.extend(b.taxa.iter().map(|&t| (out.nodes.len(), t)));
            }
            edges.push(edge(MENTIONS, &id, category[0]));
            out.nodes
                .push(node(id, category, [labels.get(x).copied(), None, None]));
        }
        let taxon_node = |t: &str, out: &mut KgxFigure| {
            let Some((id, Some(ORGANISM))) = curie(t) else {
                return None;
            };
            out.nodes.push(node(
                id,
                vec![ORGANISM],
                [labels.get(t).copied(), None, None],
            ));
            Some(out.nodes.len() - 1)
        };
        for &t in &organisms {
            if let Some(n) = taxon_node(t, out) {
                edges.push(edge(RELATED_TO, &out.nodes[n].id, ORGANISM));
                taxon_nodes.insert(t, n);
            }
        }
        // The genes' taxa that are no organism of `F`: nodes too.
        for &(gene, t) in &gene_taxa {
            let n = match taxon_nodes.get(t) {
                Some(&n) => n,
                None => match taxon_node(t, out) {
                    Some(n) => *taxon_nodes.entry(t).or_insert(n),
                    None => continue,
                },
            };
            out.taxa.push((gene, n));
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
    /// Per (subject category, predicate, object category): edges.
    pub predicates: BTreeMap<(&'static str, &'static str, &'static str), u64>,
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

    /// Counts an edge written: its categories and predicate.
    pub fn edge(
        &mut self,
        subject_category: &'static str,
        predicate: &'static str,
        object_category: &'static str,
    ) {
        self.edges += 1;
        *self
            .predicates
            .entry((subject_category, predicate, object_category))
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
        .map(|((s, p, o), n)| {
            json!({"subject": s, "predicate": p, "object": o, "count": n,
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
