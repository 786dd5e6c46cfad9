//! The one YAML tree both readers produce (the fast subset reader of
//! [`super::fast_yaml`] and the general reader of [`super::yaml`]): scalars
//! as their text, with the file line of every node and mapping key.
//! [`super::schema`] binds it to a [`super::Record`].

use std::borrow::Cow;
use std::rc::Rc;

/// A YAML node. Scalars keep their text as written (after YAML's own
/// quoting, escaping and folding): no type resolution, so `0.10` stays
/// `0.10` and `NO` stays `NO`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    /// `plain`: unquoted, not a block scalar and untagged, so the null
    /// spellings (empty, `~`, `null`, ...) may mean null.
    Scalar {
        /// The text, unquoted and unescaped.
        text: Cow<'a, str>,
        /// Written plain (not quoted, not a block scalar).
        plain: bool,
        /// 1-based line.
        line: u32,
    },
    /// `tagged`: a `!tag` on the collection (refused where it is read).
    Seq {
        /// The items, in order.
        items: Vec<Node<'a>>,
        /// Carries an explicit tag.
        tagged: bool,
        /// 1-based line.
        line: u32,
    },
    /// A mapping, keys in order; `tagged` as for `Seq`.
    Map {
        /// The entries, in order.
        entries: Vec<Entry<'a>>,
        /// Carries an explicit tag.
        tagged: bool,
        /// 1-based line.
        line: u32,
    },
    /// An alias (`*a`) at `line`: the anchored node, shared, never copied.
    Alias {
        /// The node it refers to.
        target: Rc<Node<'a>>,
        /// 1-based line.
        line: u32,
    },
}

/// One `key: value` of a mapping; `line` is the key's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key.
    pub key: Cow<'a, str>,
    /// 1-based line.
    pub line: u32,
    /// The value.
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    /// The file line where the node starts.
    pub fn line(&self) -> u32 {
        match self {
            Node::Scalar { line, .. }
            | Node::Seq { line, .. }
            | Node::Map { line, .. }
            | Node::Alias { line, .. } => *line,
        }
    }

    /// Moves the node (and what it holds) to line `to`.
    pub fn set_line(&mut self, to: u32) {
        match self {
            Node::Scalar { line, .. }
            | Node::Seq { line, .. }
            | Node::Map { line, .. }
            | Node::Alias { line, .. } => *line = to,
        }
    }

    /// The node an alias stands for (the node itself otherwise).
    pub fn resolved(&self) -> &Node<'a> {
        let mut node = self;
        while let Node::Alias { target, .. } = node {
            node = target;
        }
        node
    }
}
