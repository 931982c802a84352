//! Where each value of the manifest sits in the file, so that problems found after parsing
//! (a missing file, a duplicate id) still point at a line and column. Built only when needed.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span, SpannedEventReceiver};

/// A node's position: the key that introduced it (for map values) and the value itself.
#[derive(Debug, Clone, Copy)]
pub struct NodeSpan {
    pub key: Option<Span>,
    pub value: Span,
}

/// Maps a YAML path such as `sources[3].file` to where that node is written.
#[derive(Debug, Default)]
pub struct SpanIndex {
    nodes: HashMap<String, NodeSpan>,
}

impl SpanIndex {
    /// Indexes `text`; a text that does not parse gives whatever was indexed before the error.
    pub fn build(text: &str) -> SpanIndex {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        // A syntax error stops indexing; serde_yaml reports the error itself.
        let _ = parser.load(&mut builder, false);
        SpanIndex {
            nodes: builder.nodes,
        }
    }

    /// The node at `path`, or the nearest enclosing node that exists.
    pub fn find(&self, path: &str) -> Option<(&str, NodeSpan)> {
        let mut p = path;
        loop {
            if let Some((k, span)) = self.nodes.get_key_value(p) {
                return Some((k.as_str(), *span));
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Span)>,
    },
    Seq {
        path: String,
        index: usize,
    },
    /// A complex key (a map or list used as a key): its contents are not indexed.
    Ignored,
}

#[derive(Default)]
struct Builder {
    nodes: HashMap<String, NodeSpan>,
    stack: Vec<Frame>,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Builder {
    /// Records a node starting at `span` and returns its path, or None inside ignored parts.
    fn node(&mut self, span: Span, scalar: Option<&str>) -> Option<Option<String>> {
        match self.stack.last_mut() {
            None => Some(Some(String::new())),
            Some(Frame::Ignored) => None,
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                self.nodes.insert(
                    p.clone(),
                    NodeSpan {
                        key: None,
                        value: span,
                    },
                );
                Some(Some(p))
            }
            Some(Frame::Map { path, key }) => match key.take() {
                None => {
                    // This node is a key.
                    match scalar {
                        Some(s) => *key = Some((s.to_string(), span)),
                        None => return Some(None),
                    }
                    None
                }
                Some((k, key_span)) => {
                    let p = join(path, &k);
                    self.nodes.insert(
                        p.clone(),
                        NodeSpan {
                            key: Some(key_span),
                            value: span,
                        },
                    );
                    Some(Some(p))
                }
            },
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        match ev {
            Event::Scalar(value, ..) => {
                self.node(span, Some(&value));
            }
            Event::Alias(_) => {
                self.node(span, Some("*alias"));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let frame = match self.node(span, None) {
                    Some(Some(path)) if is_map => Frame::Map { path, key: None },
                    Some(Some(path)) => Frame::Seq { path, index: 0 },
                    _ => Frame::Ignored,
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_values() {
        let text = "title: T\nsources:\n  - id: a\n    file: x.txt\n  - id: b\n    fiel: y.txt\n";
        let index = SpanIndex::build(text);
        let (_, s) = index.find("sources[1].fiel").unwrap();
        assert_eq!(s.key.unwrap().start.line(), 6);
        assert_eq!(s.key.unwrap().start.col(), 4);
        let (_, t) = index.find("sources[0].file").unwrap();
        assert_eq!(t.value.start.line(), 4);
        assert_eq!(t.value.start.col(), 10);
        // A path that does not exist falls back to its parent.
        let (found, _) = index.find("sources[1].missing").unwrap();
        assert_eq!(found, "sources[1]");
    }

    #[test]
    fn indexes_flow_sequences() {
        let index = SpanIndex::build("tags: [a, b]\n");
        let (_, s) = index.find("tags[1]").unwrap();
        assert_eq!(s.value.start.col(), 10);
    }
}
