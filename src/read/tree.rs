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
        text: Cow<'a, str>,
        plain: bool,
        line: u32,
    },
    /// `tagged`: a `!tag` on the collection (refused where it is read).
    Seq {
        items: Vec<Node<'a>>,
        tagged: bool,
        line: u32,
    },
    Map {
        entries: Vec<Entry<'a>>,
        tagged: bool,
        line: u32,
    },
    /// An alias (`*a`) at `line`: the anchored node, shared, never copied.
    Alias { target: Rc<Node<'a>>, line: u32 },
}

/// One `key: value` of a mapping; `line` is the key's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub line: u32,
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
