//! The built-in lexicon of places and organisations (`data/lexicon.txt`): countries, major and
//! newsworthy cities, regions, international bodies and seats of government, each with its names
//! in English, German, French, Spanish, Portuguese, Czech and Chinese. It lets `dossier extract`
//! find and normalise these entities without a manifest; a gazetteer entry always wins.

use std::sync::LazyLock;

use crate::manifest::EntityKind;

/// One lexicon entity: the canonical (English) name, its kind and every other name.
#[derive(Debug, Clone)]
pub struct LexiconEntry {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

const DATA: &str = include_str!("data/lexicon.txt");

/// The parsed lexicon, built once.
pub static ENTRIES: LazyLock<Vec<LexiconEntry>> = LazyLock::new(|| parse(DATA));

fn parse(data: &str) -> Vec<LexiconEntry> {
    let mut out = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('|').collect();
        if cols.len() < 3 {
            continue;
        }
        let kind = match cols[0] {
            "P" => EntityKind::Place,
            "O" => EntityKind::Organization,
            _ => EntityKind::Person,
        };
        let name = cols[1].trim().to_string();
        let mut aliases: Vec<String> = Vec::new();
        for col in &cols[2..] {
            for alias in col.split(';') {
                let alias = alias.trim();
                if alias.is_empty()
                    || alias == "-"
                    || alias == name
                    || aliases.iter().any(|a| a == alias)
                {
                    continue;
                }
                aliases.push(alias.to_string());
            }
        }
        out.push(LexiconEntry {
            name,
            kind,
            aliases,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_with_names_in_every_language() {
        let russia = ENTRIES.iter().find(|e| e.name == "Russia").unwrap();
        assert_eq!(russia.kind, EntityKind::Place);
        for alias in ["Russland", "Russie", "Rusia", "Rússia", "Rusko", "俄罗斯"] {
            assert!(russia.aliases.iter().any(|a| a == alias), "{alias}");
        }
        let kremlin = ENTRIES.iter().find(|e| e.name == "Kremlin").unwrap();
        assert_eq!(kremlin.kind, EntityKind::Organization);
        assert!(ENTRIES.len() > 250);
    }
}
