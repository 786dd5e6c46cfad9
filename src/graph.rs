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
    /// A node made by [`FigureGraph::fresh_iri_extending`]: no other term
    /// equals it, and each of its triples is added once.
    fresh: bool,
    start: u32,
    end: u32,
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
    /// Hash of (kind, text) → first term with that hash.
    index: FxHashMap<u64, u32>,
    triples: Vec<Triple>,
    seen: FxHashSet<[Id; 3]>,
    name: Option<Id>,
    /// Ids of the mapper's vocabulary terms in this figure, by slot.
    constants: Vec<u32>,
    /// Scratch space of [`FigureGraph::finish`].
    counts: Vec<u32>,
    scratch: Vec<Triple>,
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
                start: start as u32,
                end: self.buf.len() as u32,
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
        self.buf
            .extend_from_within(e.start as usize..e.end as usize);
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
            start: start as u32,
            end: self.buf.len() as u32,
        });
        Id(id)
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
            fresh: false,
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

    /// The graph name for the quad formats (the figure IRI).
    pub fn set_name(&mut self, name: Id) {
        self.name = Some(name);
    }

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
            if end - start > 1 {
                self.scratch[start..end].sort_unstable_by_key(|t| (t.p, t.seq));
            }
            start = end;
        }
        std::mem::swap(&mut self.triples, &mut self.scratch);
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
    pub fn ids(&self) -> &[Triple] {
        &self.triples
    }

    pub fn triples(&self) -> impl Iterator<Item = [Term<'_>; 3]> + '_ {
        self.triples
            .iter()
            .map(|t| [self.term(t.s), self.term(t.p), self.term(t.o)])
    }
}
