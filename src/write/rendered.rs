//! A figure's terms, each written once in a format's syntax: the formats
//! that repeat terms (every line of N-Triples names its subject and
//! predicate; Turtle and JSON-LD repeat objects and predicates across
//! subjects) then copy bytes instead of escaping and abbreviating again.

use std::cell::RefCell;

use crate::graph::{FigureGraph, Id, Term};

/// Every term of one figure as the format writes it, by term id.
#[derive(Default)]
pub(crate) struct Rendered {
    text: Vec<u8>,
    /// Where each term's text starts, and then where the last one ends:
    /// term `i` is `bounds[i]..bounds[i + 1]`.
    bounds: Vec<usize>,
}

thread_local! {
    static RENDERED: RefCell<Rendered> = RefCell::default();
}

impl Rendered {
    /// Calls `f` with the terms of `g`, each written by `push` (this
    /// thread's buffers, reused from figure to figure).
    pub(crate) fn with<R>(
        g: &FigureGraph,
        push: impl Fn(&mut Vec<u8>, Term<'_>),
        f: impl FnOnce(&Rendered) -> R,
    ) -> R {
        RENDERED.with_borrow_mut(|r| {
            r.text.clear();
            r.bounds.clear();
            r.bounds.push(0);
            for term in g.terms() {
                push(&mut r.text, term);
                r.bounds.push(r.text.len());
            }
            let result = f(r);
            if r.text.capacity() > crate::KEEP_BUFFER {
                *r = Rendered::default();
            }
            result
        })
    }

    /// The text of term `id`.
    pub(crate) fn get(&self, id: Id) -> &[u8] {
        let i = id.index();
        &self.text[self.bounds[i]..self.bounds[i + 1]]
    }
}
