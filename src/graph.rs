//! The triples of one figure, held in one reusable arena.
//!
//! Every term is interned once per figure into a single string buffer, so
//! mapping a record allocates nothing per triple once the buffers are warm;
//! duplicate triples are dropped, and [`FigureGraph::finish`] groups the
//! triples by subject (in order of first appearance), then by predicate, so
//! every serializer can write `;`/`,` lists and JSON-LD node objects
//! without sorting again.

use std::hash::BuildHasher;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::vocab::xsd;

/// Literal datatypes. `String` is `xsd:string`, written without `^^`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Datatype {
    /// `xsd:string`.
    String,
    /// `xsd:integer`.
    Integer,
    /// `xsd:decimal`.
    Decimal,
    /// `xsd:gYear`.
    GYear,
    /// `xsd:dateTime`.
    DateTime,
    /// `xsd:anyURI`.
    AnyUri,
}

impl Datatype {
    /// The datatype IRI.
    pub const fn iri(self) -> &'static str {
        match self {
            Datatype::String => xsd::STRING,
            Datatype::Integer => xsd::INTEGER,
            Datatype::Decimal => xsd::DECIMAL,
            Datatype::GYear => xsd::G_YEAR,
            Datatype::DateTime => xsd::DATE_TIME,
            Datatype::AnyUri => xsd::ANY_URI,
        }
    }
}

/// A term of a [`FigureGraph`], borrowed from its arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term<'a> {
    /// An IRI.
    Iri(&'a str),
    /// A literal: lexical form and datatype.
    Literal(&'a str, Datatype),
}

impl<'a> Term<'a> {
    /// The IRI or the lexical form.
    pub fn as_str(&self) -> &'a str {
        match self {
            Term::Iri(s) | Term::Literal(s, _) => s,
        }
    }
}

/// Handle of an interned term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(u32);

impl Id {
    /// The term's position in [`FigureGraph::terms`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy)]
struct Entry {
    /// `None` for an IRI.
    datatype: Option<Datatype>,
    /// A node made by [`FigureGraph::fresh_iri_extending`]: no other term
    /// equals it, and each of its triples is added once.
    fresh: bool,
    start: usize,
    end: usize,
}

/// A triple of term ids, with its insertion sequence number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Triple {
    pub s: Id,
    pub p: Id,
    pub o: Id,
    seq: u32,
}

/// The triples of one figure. Reuse one per thread with [`FigureGraph::clear`].
#[derive(Default)]
pub struct FigureGraph {
    buf: String,
    terms: Vec<Entry>,
    /// Hash of (kind, text) → first term with that hash. The text comes
    /// from records, so the hash is keyed at random per graph.
    index: FxHashMap<u64, u32>,
    hasher: foldhash::fast::RandomState,
    triples: Vec<Triple>,
    seen: FxHashSet<[Id; 3]>,
    name: Option<Id>,
    /// The commit triple: see [`FigureGraph::set_last`].
    last: Option<[Id; 3]>,
    /// Ids of the mapper's vocabulary terms in this figure, by slot.
    constants: Vec<u32>,
    /// Scratch space of [`FigureGraph::finish`].
    counts: Vec<u32>,
    scratch: Vec<Triple>,
}

impl FigureGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Empties the graph, keeping its buffers.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.terms.clear();
        self.index.clear();
        self.triples.clear();
        self.seen.clear();
        self.name = None;
        self.last = None;
        self.constants.fill(u32::MAX);
    }

    /// Interns a vocabulary term by its slot (the caller gives each
    /// distinct IRI its own slot): a table look-up instead of hashing the
    /// IRI. Vocabulary IRIs never collide with record-built ones, which
    /// all have other namespaces.
    pub fn constant(&mut self, slot: usize, iri: &'static str) -> Id {
        if slot >= self.constants.len() {
            self.constants.resize(slot + 1, u32::MAX);
        }
        if self.constants[slot] == u32::MAX {
            let start = self.buf.len();
            self.buf.push_str(iri);
            self.constants[slot] = self.terms.len() as u32;
            self.terms.push(Entry {
                datatype: None,
                fresh: false,
                start,
                end: self.buf.len(),
            });
        }
        Id(self.constants[slot])
    }

    /// Interns an IRI that the caller writes into the arena with `build`.
    /// The caller is responsible for the IRI being valid (see `map::iri`).
    pub fn iri_with(&mut self, build: impl FnOnce(&mut String)) -> Id {
        let start = self.buf.len();
        build(&mut self.buf);
        self.intern_tail(start, None)
    }

    /// Interns `base` (an IRI of this graph) followed by what `suffix`
    /// writes, e.g. a fragment.
    pub fn iri_extending(&mut self, base: Id, suffix: impl FnOnce(&mut String)) -> Id {
        let start = self.write_extending(base, suffix);
        self.intern_tail(start, None)
    }

    /// Writes `base`'s text and then `suffix` at the end of the arena;
    /// returns where it starts.
    fn write_extending(&mut self, base: Id, suffix: impl FnOnce(&mut String)) -> usize {
        let e = self.terms[base.0 as usize];
        let start = self.buf.len();
        self.buf.extend_from_within(e.start..e.end);
        suffix(&mut self.buf);
        start
    }

    /// Like [`iri_extending`](Self::iri_extending), for a node the caller
    /// knows to be new in this figure (a numbered mention): it is not
    /// looked up, and the caller adds each of its triples only once, so
    /// they skip the duplicate check too.
    pub fn fresh_iri_extending(&mut self, base: Id, suffix: impl FnOnce(&mut String)) -> Id {
        let start = self.write_extending(base, suffix);
        self.push_entry(start, None, true)
    }

    /// A literal that is not looked up: for the objects of fresh nodes,
    /// where sharing the term would save nothing.
    pub fn fresh_literal(&mut self, value: &str, datatype: Datatype) -> Id {
        let start = self.buf.len();
        self.buf.push_str(value);
        self.push_entry(start, Some(datatype), false)
    }

    fn push_entry(&mut self, start: usize, datatype: Option<Datatype>, fresh: bool) -> Id {
        let id = self.terms.len() as u32;
        self.terms.push(Entry {
            datatype,
            fresh,
            start,
            end: self.buf.len(),
        });
        Id(id)
    }

    /// Interns an IRI.
    pub fn iri(&mut self, iri: &str) -> Id {
        self.iri_with(|b| b.push_str(iri))
    }

    /// Interns a literal.
    pub fn literal(&mut self, value: &str, datatype: Datatype) -> Id {
        let start = self.buf.len();
        self.buf.push_str(value);
        self.intern_tail(start, Some(datatype))
    }

    fn intern_tail(&mut self, start: usize, datatype: Option<Datatype>) -> Id {
        let hash = self.hasher.hash_one((datatype, &self.buf[start..]));
        if let Some(&existing) = self.index.get(&hash) {
            let e = self.terms[existing as usize];
            if e.datatype == datatype && self.buf[e.start..e.end] == self.buf[start..] {
                self.buf.truncate(start);
                return Id(existing);
            }
            // A 64-bit hash collision: keep the term unindexed. At worst a
            // duplicate triple is written, which is harmless in RDF.
        }
        let id = self.terms.len() as u32;
        self.terms.push(Entry {
            datatype,
            fresh: false,
            start,
            end: self.buf.len(),
        });
        self.index.entry(hash).or_insert(id);
        Id(id)
    }

    /// Adds a triple; a duplicate is ignored.
    pub fn add(&mut self, s: Id, p: Id, o: Id) {
        debug_assert!(
            self.terms[s.0 as usize].datatype.is_none(),
            "literal subject"
        );
        debug_assert!(
            self.terms[p.0 as usize].datatype.is_none(),
            "literal predicate"
        );
        let fresh = self.terms[s.0 as usize].fresh;
        // In debug builds, check the promise of fresh nodes too.
        let new = if fresh && !cfg!(debug_assertions) {
            true
        } else {
            self.seen.insert([s, p, o])
        };
        debug_assert!(new || !fresh, "a fresh node's triple added twice");
        if new {
            let seq = self.triples.len() as u32;
            self.triples.push(Triple { s, p, o, seq });
        }
    }

    /// Adds the graph's commit triple: a writer that replaces a graph in a
    /// store piece by piece sends it after all the others, so that its
    /// presence means the rest arrived. Other writers treat it as any
    /// triple.
    pub fn set_last(&mut self, s: Id, p: Id, o: Id) {
        self.add(s, p, o);
        self.last = Some([s, p, o]);
    }

    /// The commit triple, if set.
    pub fn last(&self) -> Option<[Term<'_>; 3]> {
        self.last
            .map(|[s, p, o]| [self.term(s), self.term(p), self.term(o)])
    }

    /// Whether `t` is the commit triple ([`set_last`](Self::set_last)).
    pub fn is_last(&self, t: &Triple) -> bool {
        self.last == Some([t.s, t.p, t.o])
    }

    /// The graph name for the quad formats (the figure IRI).
    pub fn set_name(&mut self, name: Id) {
        self.name = Some(name);
    }

    /// The graph name, once set.
    pub fn name(&self) -> Option<Term<'_>> {
        self.name.map(|id| self.term(id))
    }

    /// Groups the triples by subject, then predicate (each in order of
    /// first appearance: term ids are handed out in that order), keeping
    /// the insertion order of the objects, so the result depends only on
    /// the mapper's order. Sorts in place: no allocation.
    pub fn finish(&mut self) {
        // Counting sort by subject (ids are dense), then each subject's few
        // triples by predicate: no allocation once the buffers are warm.
        let n = self.terms.len();
        self.counts.clear();
        self.counts.resize(n + 1, 0);
        for t in &self.triples {
            self.counts[t.s.0 as usize + 1] += 1;
        }
        for i in 1..=n {
            self.counts[i] += self.counts[i - 1];
        }
        self.scratch.clear();
        self.scratch.resize(
            self.triples.len(),
            Triple {
                s: Id(0),
                p: Id(0),
                o: Id(0),
                seq: 0,
            },
        );
        for t in &self.triples {
            let slot = &mut self.counts[t.s.0 as usize];
            self.scratch[*slot as usize] = *t;
            *slot += 1;
        }
        // counts[s] now ends subject s's run; runs start where the last ended.
        let mut start = 0;
        for i in 0..n {
            let end = self.counts[i] as usize;
            // The counting sort kept insertion order, so a run already in
            // predicate order (the usual case: the mapper writes a node's
            // triples in one order) needs no sort.
            let run = &mut self.scratch[start..end];
            if !run.is_sorted_by_key(|t| t.p) {
                run.sort_unstable_by_key(|t| (t.p, t.seq));
            }
            start = end;
        }
        std::mem::swap(&mut self.triples, &mut self.scratch);
    }

    /// The term of an id.
    pub fn term(&self, id: Id) -> Term<'_> {
        self.entry_term(self.terms[id.0 as usize])
    }

    fn entry_term(&self, e: Entry) -> Term<'_> {
        let s = &self.buf[e.start..e.end];
        match e.datatype {
            None => Term::Iri(s),
            Some(dt) => Term::Literal(s, dt),
        }
    }

    /// The terms, by id: the `i`th is the term of the id whose
    /// [`index`](Id::index) is `i`.
    pub fn terms(&self) -> impl Iterator<Item = Term<'_>> + '_ {
        self.terms.iter().map(|&e| self.entry_term(e))
    }

    /// The graph name's id, once set.
    pub fn name_id(&self) -> Option<Id> {
        self.name
    }

    /// The number of triples.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    /// Whether the graph has no triple.
    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The triples as ids (grouped once [`finish`](Self::finish) ran).
    pub fn ids(&self) -> &[Triple] {
        &self.triples
    }

    /// The triples, in their current order.
    pub fn triples(&self) -> impl Iterator<Item = [Term<'_>; 3]> + '_ {
        self.triples
            .iter()
            .map(|t| [self.term(t.s), self.term(t.p), self.term(t.o)])
    }
}

impl<'a> Term<'a> {
    /// The term as an oxrdf term, borrowed from the arena. Every IRI of a
    /// figure graph is valid (the mapper encodes record values).
    pub fn to_oxrdf(self) -> oxrdf::TermRef<'a> {
        match self {
            Term::Iri(iri) => oxrdf::NamedNodeRef::new_unchecked(iri).into(),
            Term::Literal(value, Datatype::String) => {
                oxrdf::LiteralRef::new_simple_literal(value).into()
            }
            Term::Literal(value, dt) => oxrdf::LiteralRef::new_typed_literal(
                value,
                oxrdf::NamedNodeRef::new_unchecked(dt.iri()),
            )
            .into(),
        }
    }

    /// The term as an IRI; `None` for a literal.
    pub fn to_named_node(self) -> Option<oxrdf::NamedNodeRef<'a>> {
        match self {
            Term::Iri(iri) => Some(oxrdf::NamedNodeRef::new_unchecked(iri)),
            Term::Literal(..) => None,
        }
    }
}

impl FigureGraph {
    /// The triples as oxrdf triples, borrowed from the arena.
    pub fn oxrdf_triples(&self) -> impl Iterator<Item = oxrdf::TripleRef<'_>> + '_ {
        self.triples().map(|[s, p, o]| {
            oxrdf::TripleRef::new(
                s.to_named_node().expect("an IRI subject"),
                p.to_named_node().expect("an IRI predicate"),
                o.to_oxrdf(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_dropped_and_triples_grouped_by_subject_then_predicate() {
        let mut g = FigureGraph::new();
        let (a, b) = (g.iri("http://x/a"), g.iri("http://x/b"));
        let (p, q) = (g.iri("http://x/p"), g.iri("http://x/q"));
        let one = g.literal("1", Datatype::Integer);
        let two = g.literal("2", Datatype::String);
        g.add(a, q, one);
        g.add(b, p, two);
        g.add(a, p, two);
        g.add(a, q, two);
        g.add(a, q, one);
        assert_eq!(
            g.literal("1", Datatype::Integer),
            one,
            "a term is interned once"
        );
        assert_ne!(
            g.literal("1", Datatype::String),
            one,
            "datatypes tell literals apart"
        );
        g.finish();
        let got: Vec<String> = g
            .triples()
            .map(|[s, p, o]| format!("{} {} {}", s.as_str(), p.as_str(), o.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                "http://x/a http://x/p 2",
                "http://x/a http://x/q 1",
                "http://x/a http://x/q 2",
                "http://x/b http://x/p 2",
            ]
        );
        assert_eq!(g.oxrdf_triples().count(), 4);
        g.clear();
        assert!(g.is_empty());
    }
}
