//! Entity mentions: names from the manifest's gazetteer (with aliases in any language) found with
//! one Aho-Corasick pass over the text, each resolved to its canonical entity.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Block, BlockKind, Mention};
use crate::manifest::{EntityDef, EntityKind};

/// One canonical entity the gazetteer knows.
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

/// The manifest's entities, compiled for fast matching.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    matcher: Option<AhoCorasick>,
    /// For each pattern, the entries it may name (an alias such as "Moreau" can be shared).
    pattern_entries: Vec<Vec<usize>>,
}

impl Gazetteer {
    /// Compiles the gazetteer from the manifest's `entities:`.
    pub fn new(defs: &[EntityDef]) -> Gazetteer {
        let entries: Vec<GazetteerEntry> = defs
            .iter()
            .map(|d| GazetteerEntry {
                name: d.name.clone(),
                kind: d.kind,
                aliases: d.aliases.clone(),
            })
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entries: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for surface in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let surface = surface.trim();
                if surface.chars().count() < 2 {
                    continue;
                }
                match index.get(surface) {
                    Some(&p) => {
                        if !pattern_entries[p].contains(&i) {
                            pattern_entries[p].push(i);
                        }
                    }
                    None => {
                        index.insert(surface.to_string(), patterns.len());
                        patterns.push(surface.to_string());
                        pattern_entries.push(vec![i]);
                    }
                }
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("gazetteer patterns compile")
        });
        Gazetteer {
            entries,
            matcher,
            pattern_entries,
        }
    }

    /// Whether the gazetteer is empty (extraction without a manifest).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose name or alias is exactly `surface`.
    pub fn lookup(&self, surface: &str) -> Option<&GazetteerEntry> {
        let m = self.matcher.as_ref()?.find(surface)?;
        (m.start() == 0 && m.end() == surface.len())
            .then(|| &self.entries[self.pattern_entries[m.pattern().as_usize()][0]])
    }
}

/// Every gazetteer name in the text's blocks (the headline excluded), resolved to one entity:
/// a shared alias goes to the entity whose full name the text used last.
pub fn find_mentions(
    text: &str,
    blocks: &[Block],
    gazetteer: &Gazetteer,
    _language: &str,
) -> Vec<Mention> {
    let Some(matcher) = &gazetteer.matcher else {
        return Vec::new();
    };
    let mut out: Vec<Mention> = Vec::new();
    let mut last_seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Title) {
        let block = &text[b.start..b.end];
        for m in matcher.find_iter(block) {
            let before = block[..m.start()].chars().next_back();
            let after = block[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let candidates = &gazetteer.pattern_entries[m.pattern().as_usize()];
            let entry = if candidates.len() == 1 {
                candidates[0]
            } else {
                *candidates
                    .iter()
                    .max_by_key(|c| last_seen.get(c).copied().unwrap_or(0))
                    .unwrap()
            };
            last_seen.insert(entry, b.start + m.start() + 1);
            let e = &gazetteer.entries[entry];
            out.push(Mention {
                start: b.start + m.start(),
                end: b.start + m.end(),
                entity: e.name.clone(),
                kind: e.kind,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        let def = |name: &str, kind, aliases: &[&str]| EntityDef {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: None,
        };
        Gazetteer::new(&[
            def(
                "Vladimir Putin",
                EntityKind::Person,
                &["Putin", "Wladimir Putin"],
            ),
            def("Yevgeny Moreau", EntityKind::Person, &["Moreau"]),
            def("David Moreau", EntityKind::Person, &["Moreau"]),
            def("Kremlin", EntityKind::Organization, &["Kreml"]),
        ])
    }

    #[test]
    fn aliases_resolve_to_the_canonical_name() {
        let text = "Wladimir Putin sprach im Kreml. Putin lobte die Kremlin-Linie nicht.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        let m = find_mentions(text, &blocks, &gaz(), "de");
        let names: Vec<&str> = m.iter().map(|m| m.entity.as_str()).collect();
        // "Kremlin-Linie" counts: a hyphen is a word boundary.
        assert_eq!(
            names,
            ["Vladimir Putin", "Kremlin", "Vladimir Putin", "Kremlin"]
        );
        assert_eq!(&text[m[0].start..m[0].end], "Wladimir Putin");
    }

    #[test]
    fn shared_aliases_follow_the_last_full_name() {
        let text = "David Moreau arrived. Later, Moreau spoke.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        let m = find_mentions(text, &blocks, &gaz(), "en");
        assert_eq!(m[1].entity, "David Moreau");
    }

    #[test]
    fn matches_whole_words_only() {
        let text = "Putinism is not Putin.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        assert_eq!(find_mentions(text, &blocks, &gaz(), "en").len(), 1);
    }
}
