//! Events: the index and one page per event — its sources, the statements they share, the
//! entities they name, and where they disagree, side by side.

use super::*;

/// Entities listed on an event page.
const EVENT_ENTITIES: usize = 16;
/// Shared statements listed on an event page.
const EVENT_GROUPS: usize = 50;

impl Ctx<'_> {
    pub fn events(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Events", &d.site.language);
        #[derive(Serialize)]
        struct Item {
            link: EventLink,
            clustered: bool,
            outlets: usize,
            languages: Vec<String>,
            disagreements: usize,
        }
        let mut order: Vec<usize> = (0..d.events.len())
            .filter(|&e| !d.events[e].sources.is_empty())
            .collect();
        order.sort_by_key(|&e| (d.events[e].date.is_none(), d.events[e].date, e));
        let items: Vec<Item> = order
            .into_iter()
            .map(|e| {
                let ev = &d.events[e];
                let mut outlets: Vec<String> = ev
                    .sources
                    .iter()
                    .map(|&s| field_str(&d.documents[s].metadata.outlet))
                    .filter(|o| !o.is_empty())
                    .collect();
                outlets.sort();
                outlets.dedup();
                let mut languages: Vec<String> = ev
                    .sources
                    .iter()
                    .map(|&s| field_str(&d.documents[s].metadata.language))
                    .filter(|o| !o.is_empty())
                    .collect();
                languages.sort();
                languages.dedup();
                Item {
                    link: self.event_link(e),
                    clustered: !ev.from_manifest,
                    outlets: outlets.len(),
                    languages,
                    disagreements: ev.disagreements.len(),
                }
            })
            .collect();
        let unassigned = d.links.iter().filter(|l| l.event.is_none()).count();
        ctx.insert("events", &items);
        ctx.insert("unassigned", &unassigned);
        ctx
    }

    pub fn event(&self, e: usize) -> Context {
        let d = self.dossier;
        let ev = &d.events[e];
        let mut ctx = self.base(&ev.title, &d.site.language);
        #[derive(Serialize)]
        struct Statement {
            source: tera::Value,
            /// How this source puts it ("two Russians"), for figures read from the text.
            phrase: String,
            evidence: String,
            href: Option<String>,
        }
        #[derive(Serialize)]
        struct ValueView {
            value: String,
            statements: Vec<Statement>,
        }
        #[derive(Serialize)]
        struct DisagreementView {
            fact: String,
            from_text: bool,
            values: Vec<ValueView>,
        }
        let disagreements: Vec<DisagreementView> = ev
            .disagreements
            .iter()
            .map(|dis| DisagreementView {
                fact: dis.fact.clone(),
                from_text: dis.from_text,
                values: dis
                    .values
                    .iter()
                    .map(|v| ValueView {
                        value: v.value.clone(),
                        statements: v
                            .sources
                            .iter()
                            .zip(&v.evidence)
                            .map(|(&s, evidence)| {
                                let doc = &d.documents[s];
                                let source = self.source_link(s);
                                let (phrase, evidence, href) = match evidence {
                                    Some((phrase, (a, b))) => (
                                        phrase.clone(),
                                        doc.text[*a..*b].to_string(),
                                        Some(super::entities::place_href(
                                            &self.source_href(s),
                                            doc,
                                            *a,
                                        )),
                                    ),
                                    None => (String::new(), String::new(), None),
                                };
                                Statement {
                                    source,
                                    phrase,
                                    evidence,
                                    href,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        // Statements its sources share, most-quoted first.
        let mut groups: Vec<(usize, usize)> = ev
            .quote_groups
            .iter()
            .map(|&i| {
                let g = &d.quote_groups[i];
                let mut s: Vec<usize> = g.members.iter().map(|m| m.doc).collect();
                s.dedup();
                (i, s.len())
            })
            .collect();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let more_groups = groups.len().saturating_sub(EVENT_GROUPS);
        groups.truncate(EVENT_GROUPS);
        #[derive(Serialize)]
        struct GroupView {
            href: String,
            text: String,
            speaker: String,
            sources: usize,
            lang: String,
        }
        let group_views: Vec<GroupView> = groups
            .into_iter()
            .map(|(g, n)| {
                let group = &d.quote_groups[g];
                GroupView {
                    href: self.href(&quote_group_path(&group.id)),
                    text: group.text.clone(),
                    speaker: group.speaker.clone().unwrap_or_default(),
                    sources: n,
                    lang: field_str(&d.documents[group.reference.doc].metadata.language),
                }
            })
            .collect();
        // Entities most of its sources name.
        let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for &s in &ev.sources {
            let mut seen: Vec<usize> = d.links[s].mention_entities.clone();
            seen.sort_unstable();
            seen.dedup();
            for x in seen {
                *counts.entry(x).or_default() += 1;
            }
        }
        let mut top: Vec<(usize, usize)> = counts.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(EVENT_ENTITIES);
        /// The event page's view (typed: a `json!` value was serialized twice, into JSON then
        /// into Tera's values).
        #[derive(Serialize)]
        struct EventView {
            title: String,
            date: String,
            description_html: String,
            from_manifest: bool,
            sources: Vec<tera::Value>,
            disagreements: Vec<DisagreementView>,
            groups: Vec<GroupView>,
            more_groups: usize,
            entities: Vec<EntityLink>,
        }
        ctx.insert(
            "event",
            &EventView {
                title: ev.title.clone(),
                date: ev.date.map(date).unwrap_or_default(),
                description_html: ev
                    .description
                    .as_deref()
                    .map(|t| self.renderer.markdown.render(t, "ev-").html)
                    .unwrap_or_default(),
                from_manifest: ev.from_manifest,
                sources: ev.sources.iter().map(|&s| self.source_link(s)).collect(),
                disagreements,
                groups: group_views,
                more_groups,
                entities: top
                    .into_iter()
                    .map(|(x, n)| self.entity_link(x, n))
                    .collect(),
            },
        );
        ctx
    }
}
