//! The triples of one figure, held in one reusable arena.
//!
//! Every term is interned once per figure into a single string buffer, so
//! mapping a record allocates nothing per triple once the buffers are warm;
//! duplicate triples are dropped, and [`FigureGraph::finish`] groups the
//! triples by subject (in order of first appearance), then by predicate, so
//! every serializer can write `;`/`,` lists and JSON-LD node objects
//! without sorting again.

use std::hash::{BuildHasher, BuildHasherDefault};

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

/// Literal datatypes the mapper writes. `String` is `xsd:string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Datatype {
    String,
    Integer,
    Decimal,
    GYear,
}

impl Datatype {
    pub const fn iri(self) -> &'static str {
        match self {
            Datatype::String => "http://www.w3.org/2001/XMLSchema#string",
            Datatype::Integer => "http://www.w3.org/2001/XMLSchema#integer",
            Datatype::Decimal => "http://www.w3.org/2001/XMLSchema#decimal",
            Datatype::GYear => "http://www.w3.org/2001/XMLSchema#gYear",
        }
    }
}

/// A term of a [`FigureGraph`], borrowed from its arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term<'a> {
    Iri(&'a str),
    Literal(&'a str, Datatype),
}

impl<'a> Term<'a> {
    pub fn as_str(&self) -> &'a str {
        match self {
            Term::Iri(s) | Term::Literal(s, _) => s,
        }
    }
}

/// Handle of an interned term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(u32);

#[derive(Clone, Copy)]
struct Entry {
    /// `None` for an IRI.
    datatype: Option<Datatype>,
    start: u32,
    end: u32,
}

/// The triples of one figure. Reuse one per thread with [`FigureGraph::clear`].
#[derive(Default)]
pub struct FigureGraph {
    buf: String,
    terms: Vec<Entry>,
    /// Hash of (kind, text) → first term with that hash.
    index: FxHashMap<u64, u32>,
    triples: Vec<[Id; 3]>,
    seen: FxHashSet<[Id; 3]>,
    name: Option<Id>,
}

impl FigureGraph {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn clear(&mut self) {
        self.buf.clear();
        self.terms.clear();
        self.index.clear();
        self.triples.clear();
        self.seen.clear();
        self.name = None;
    }

    /// Interns an IRI that the caller writes into the arena with `build`.
    /// The caller is responsible for the IRI being valid (see `map::iri`).
    pub fn iri_with(&mut self, build: impl FnOnce(&mut String)) -> Id {
        let start = self.buf.len();
        build(&mut self.buf);
        self.intern_tail(start, None)
    }

    pub fn iri(&mut self, iri: &str) -> Id {
        self.iri_with(|b| b.push_str(iri))
    }

    pub fn literal(&mut self, value: &str, datatype: Datatype) -> Id {
        let start = self.buf.len();
        self.buf.push_str(value);
        self.intern_tail(start, Some(datatype))
    }

    fn intern_tail(&mut self, start: usize, datatype: Option<Datatype>) -> Id {
        let hash =
            BuildHasherDefault::<FxHasher>::default().hash_one((datatype, &self.buf[start..]));
        if let Some(&existing) = self.index.get(&hash) {
            let e = self.terms[existing as usize];
            if e.datatype == datatype
                && self.buf[e.start as usize..e.end as usize] == self.buf[start..]
            {
                self.buf.truncate(start);
                return Id(existing);
            }
            // A 64-bit hash collision: keep the term unindexed. At worst a
            // duplicate triple is written, which is harmless in RDF.
        }
        let id = self.terms.len() as u32;
        self.terms.push(Entry {
            datatype,
            start: start as u32,
            end: self.buf.len() as u32,
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
        if self.seen.insert([s, p, o]) {
            self.triples.push([s, p, o]);
        }
    }

    /// The graph name for the quad formats (the figure IRI).
    pub fn set_name(&mut self, name: Id) {
        self.name = Some(name);
    }

    pub fn name(&self) -> Option<Term<'_>> {
        self.name.map(|id| self.term(id))
    }

    /// Groups the triples by subject, then predicate, keeping first-appearance
    /// order of subjects and insertion order within a predicate.
    pub fn finish(&mut self) {
        // Term ids are handed out in order of first appearance, and the
        // sort is stable, so the result depends only on the mapper's order.
        self.triples.sort_by_key(|t| (t[0], t[1]));
    }

    pub fn term(&self, id: Id) -> Term<'_> {
        let e = self.terms[id.0 as usize];
        let s = &self.buf[e.start as usize..e.end as usize];
        match e.datatype {
            None => Term::Iri(s),
            Some(dt) => Term::Literal(s, dt),
        }
    }

    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The triples as ids (grouped once [`finish`](Self::finish) ran).
    pub fn ids(&self) -> &[[Id; 3]] {
        &self.triples
    }

    pub fn triples(&self) -> impl Iterator<Item = [Term<'_>; 3]> + '_ {
        self.triples
            .iter()
            .map(|t| [self.term(t[0]), self.term(t[1]), self.term(t[2])])
    }
}
