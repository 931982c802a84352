//! Shared quotes: the index and one page per group of renderings.

use super::*;

impl Ctx<'_> {
    pub fn quotes(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("The same quote across outlets", &d.site.language);
        #[derive(Serialize)]
        struct GroupLink {
            href: String,
            text: String,
            speaker: String,
            renderings: usize,
            outlets: Vec<String>,
        }
        let groups: Vec<GroupLink> = d
            .quote_groups
            .iter()
            .map(|g| {
                let mut outlets: Vec<String> = g
                    .members
                    .iter()
                    .map(|m| field_str(&d.documents[m.doc].metadata.outlet))
                    .filter(|o| !o.is_empty())
                    .collect();
                outlets.dedup();
                GroupLink {
                    href: format!("{}quotes/{}/index.html", self.root(), g.id),
                    text: g.text.clone(),
                    speaker: g.speaker.clone().unwrap_or_default(),
                    renderings: g.members.len(),
                    outlets,
                }
            })
            .collect();
        ctx.insert("groups", &groups);
        ctx
    }

    pub fn quote_group(&self, g: usize) -> Context {
        let d = self.dossier;
        let group = &d.quote_groups[g];
        let mut ctx = self.base(
            &format!("“{}”", crate::text::truncate_words(&group.text, 12)),
            &d.site.language,
        );
        #[derive(Serialize)]
        struct Rendering {
            text: String,
            speaker: String,
            cue: String,
            href: String,
            source: SourceLink,
        }
        let renderings: Vec<Rendering> = group
            .members
            .iter()
            .map(|&r| {
                let q = &d.documents[r.doc].quotes[r.quote];
                Rendering {
                    text: q.text.clone(),
                    speaker: q.speaker.clone().unwrap_or_default(),
                    cue: q.cue.clone().unwrap_or_default(),
                    href: self.quote_href(r),
                    source: self.source_link(r.doc),
                }
            })
            .collect();
        ctx.insert("group", &serde_json::json!({"text": group.text, "speaker": group.speaker, "renderings": renderings}));
        ctx
    }
}
