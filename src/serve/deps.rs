//! Which pages an edit of some sources affects, derived from the link data before and after the
//! edit. Everything is compared by stable names (source ids, entity slugs, group and event
//! ids, page paths), never by index, because re-linking may renumber or reorder anything.
//!
//! The rule: a page is re-rendered when it shows the edited source itself or when a link-level
//! fact it shows changed (a source's event, groups, entities or related sources; an entity's,
//! group's or event's name, members or counts; the rows of a table page). The site-wide list
//! pages are always re-rendered. `serve`'s tests check the result against a full build.

use std::collections::{HashMap, HashSet};

use crate::link::Dossier;
use crate::render::views::{self, PRINT_SOURCES_PER_PAGE};
use crate::render::{Page, PageKind};

/// Pages every edit of a source re-renders: they list, count or index every source (the
/// search index, feed, sitemap and citation lists included; `site.rs` then leaves out the
/// search and citation files whose bytes it can tell are the same). The printable dossier is
/// not among them: its parts follow the source pages they print (see [`affected_pages`]).
fn is_site_wide(kind: PageKind) -> bool {
    matches!(
        kind,
        PageKind::Index
            | PageKind::Entities
            | PageKind::Quotes(_)
            | PageKind::Events
            | PageKind::Claims
            | PageKind::Timeline
            | PageKind::Search
            | PageKind::SearchManifest
            | PageKind::SearchTerms(_)
            | PageKind::SearchDocs(_)
            | PageKind::Feed
            | PageKind::Sitemap
            | PageKind::SitemapPart(_)
            | PageKind::CiteDossier(_)
            | PageKind::CiteSources(_)
            | PageKind::DossierJson
    )
}

/// The link-level facts of a dossier, keyed by stable names.
pub struct LinkFacts {
    /// Per source id: what its page shows from the link stage.
    docs: HashMap<String, DocFacts>,
    /// Per entity slug: what other pages show of it, and the sources naming or quoting it.
    entities: HashMap<String, (EntitySummary, Vec<String>)>,
    /// Per quote group id: its members (source id, quote), text and speaker.
    groups: HashMap<String, GroupFacts>,
    /// Per event id: title, date and member source ids.
    events: HashMap<String, (String, Option<chrono::NaiveDate>, Vec<String>)>,
    /// Per source id: the sources whose pages list it as related.
    related_by: HashMap<String, Vec<String>>,
    /// Per comparison page path: the source ids of its rows.
    compare_pages: HashMap<String, Vec<String>>,
    /// The source ids in dossier order (the printable dossier's order).
    order: Vec<String>,
}

#[derive(PartialEq)]
struct DocFacts {
    event: Option<String>,
    groups: Vec<Option<String>>,
    entities: Vec<String>,
    related: Vec<(String, bool, usize, usize)>,
}

#[derive(PartialEq)]
struct EntitySummary {
    name: String,
    kind: &'static str,
    aliases: Vec<String>,
    description: Option<String>,
    sources: usize,
    quotes: usize,
}

#[derive(PartialEq)]
struct GroupFacts {
    members: Vec<(String, usize)>,
    text: String,
    speaker: Option<String>,
}

impl LinkFacts {
    /// Collects the facts in one pass over the link data (linear in its size).
    pub fn of(d: &Dossier, pages: &[Page], rows_per_page: usize) -> LinkFacts {
        let id = |doc: usize| d.documents[doc].id.clone();
        let mut docs = HashMap::with_capacity(d.documents.len());
        let mut related_by: HashMap<String, Vec<String>> = HashMap::new();
        for (i, (doc, links)) in d.documents.iter().zip(&d.links).enumerate() {
            for r in &links.related {
                related_by.entry(id(r.doc)).or_default().push(id(i));
            }
            docs.insert(
                doc.id.clone(),
                DocFacts {
                    event: links.event.map(|e| d.events[e].id.clone()),
                    groups: links
                        .quote_groups
                        .iter()
                        .map(|g| g.map(|g| d.quote_groups[g].id.clone()))
                        .collect(),
                    entities: links
                        .mention_entities
                        .iter()
                        .map(|&e| d.entities[e].slug.clone())
                        .collect(),
                    related: links
                        .related
                        .iter()
                        .map(|r| (id(r.doc), r.same_event, r.shared_quotes, r.shared_entities))
                        .collect(),
                },
            );
        }
        let entities = d
            .entities
            .iter()
            .map(|e| {
                let mut naming: Vec<String> = e.sources.iter().map(|&s| id(s)).collect();
                naming.extend(e.quotes.iter().map(|q| id(q.doc)));
                (
                    e.slug.clone(),
                    (
                        EntitySummary {
                            name: e.name.clone(),
                            kind: e.kind.plural(),
                            aliases: e.aliases.clone(),
                            description: e.description.clone(),
                            sources: e.sources.len(),
                            quotes: e.quotes.len(),
                        },
                        naming,
                    ),
                )
            })
            .collect();
        let groups = d
            .quote_groups
            .iter()
            .map(|g| {
                (
                    g.id.clone(),
                    GroupFacts {
                        members: g.members.iter().map(|m| (id(m.doc), m.quote)).collect(),
                        text: g.text.clone(),
                        speaker: g.speaker.clone(),
                    },
                )
            })
            .collect();
        let events = d
            .events
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    (
                        e.title.clone(),
                        e.date,
                        e.sources.iter().map(|&s| id(s)).collect(),
                    ),
                )
            })
            .collect();
        // The table's rows in section order, cut into its pages.
        let ordered: Vec<String> = d
            .comparison
            .sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|&r| id(r)))
            .collect();
        let compare_pages = pages
            .iter()
            .filter_map(|p| match p.kind {
                PageKind::Compare(k) => {
                    let from = (k * rows_per_page).min(ordered.len());
                    let to = ((k + 1) * rows_per_page).min(ordered.len());
                    Some((p.path.clone(), ordered[from..to].to_vec()))
                }
                _ => None,
            })
            .collect();
        LinkFacts {
            docs,
            entities,
            groups,
            events,
            related_by,
            compare_pages,
            order: d.documents.iter().map(|doc| doc.id.clone()).collect(),
        }
    }
}

impl LinkFacts {
    /// Whether the sources are the same, in the same order.
    pub fn same_order(&self, other: &LinkFacts) -> bool {
        self.order == other.order
    }
}

fn source_page(id: &str) -> String {
    views::source_path(id)
}

/// The paths of the pages to render again after `changed` sources were edited, given the
/// facts before and after, and the new plan (pages that are new are always included).
pub fn affected_pages(
    old: &LinkFacts,
    new: &LinkFacts,
    changed: &HashSet<String>,
    old_paths: &HashSet<String>,
    pages: &[Page],
) -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    for p in pages {
        if is_site_wide(p.kind) || !old_paths.contains(&p.path) {
            out.insert(p.path.clone());
        }
    }
    // The edited sources and whatever shows them.
    for facts in [old, new] {
        for s in changed {
            out.insert(source_page(s));
            if let Some(by) = facts.related_by.get(s) {
                out.extend(by.iter().map(|t| source_page(t)));
            }
            if let Some(doc) = facts.docs.get(s) {
                out.extend(doc.entities.iter().map(|e| entity_page(e)));
                out.extend(doc.groups.iter().flatten().map(|g| group_page(g)));
                out.extend(doc.event.iter().map(|e| event_page(e)));
            }
        }
        // Entities quoting an edited source (the speaker may be named nowhere else in it).
        for (slug, (_, naming)) in &facts.entities {
            if naming.iter().any(|s| changed.contains(s)) {
                out.insert(entity_page(slug));
            }
        }
        for (path, rows) in &facts.compare_pages {
            if rows.iter().any(|r| changed.contains(r)) {
                out.insert(path.clone());
            }
        }
    }
    // Link-level facts that changed anywhere (an edit can regroup, renumber or re-rank others).
    for (id, facts) in &new.docs {
        if old.docs.get(id) != Some(facts) {
            out.insert(source_page(id));
        }
    }
    diff_keyed(&old.entities, &new.entities, |slug, before, after| {
        out.insert(entity_page(slug));
        for side in [before, after].into_iter().flatten() {
            out.extend(side.1.iter().map(|s| source_page(s)));
        }
    });
    diff_keyed(&old.groups, &new.groups, |gid, before, after| {
        out.insert(group_page(gid));
        for side in [before, after].into_iter().flatten() {
            out.extend(side.members.iter().map(|(s, _)| source_page(s)));
        }
    });
    diff_keyed(&old.events, &new.events, |eid, before, after| {
        out.insert(event_page(eid));
        for side in [before, after].into_iter().flatten() {
            out.extend(side.2.iter().map(|s| source_page(s)));
        }
    });
    for (path, rows) in &new.compare_pages {
        if old.compare_pages.get(path) != Some(rows) {
            out.insert(path.clone());
        }
    }
    // An entity's further pages list more of the sources naming it: they change with its first.
    for p in pages {
        if let PageKind::Entity(_, k) = p.kind
            && k > 0
            && let Some(slug) = p
                .path
                .strip_prefix("entities/")
                .and_then(|r| r.split('/').next())
            && out.contains(&entity_page(slug))
        {
            out.insert(p.path.clone());
        }
    }
    // A part of the printable dossier shows its sources as their pages do (text, links,
    // metadata) and the number of parts: it changes when one of its sources' pages does,
    // when its sources are others or in another order, or when the number of sources does.
    let per = PRINT_SOURCES_PER_PAGE;
    for p in pages {
        if let PageKind::Print(k) = p.kind {
            let range = |order: &[String]| {
                let from = (k * per).min(order.len());
                order[from..((k + 1) * per).min(order.len())].to_vec()
            };
            let sources = range(&new.order);
            if old.order.len() != new.order.len()
                || range(&old.order) != sources
                || sources.iter().any(|s| out.contains(&source_page(s)))
            {
                out.insert(p.path.clone());
            }
        }
    }
    out
}

fn entity_page(slug: &str) -> String {
    views::entity_path(slug, 0)
}

fn group_page(id: &str) -> String {
    views::quote_group_path(id)
}

fn event_page(id: &str) -> String {
    views::event_path(id)
}

/// Calls `changed(key, before, after)` for every key whose value differs (or exists on one side).
fn diff_keyed<V: PartialEq>(
    old: &HashMap<String, V>,
    new: &HashMap<String, V>,
    mut changed: impl FnMut(&str, Option<&V>, Option<&V>),
) {
    for (k, v) in new {
        let before = old.get(k);
        if before != Some(v) {
            changed(k, before, Some(v));
        }
    }
    for (k, v) in old {
        if !new.contains_key(k) {
            changed(k, Some(v), None);
        }
    }
}
