//! Events: the index and one page per event with its disagreements.

use super::*;

impl Ctx<'_> {
    pub fn events(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Events", &d.site.language);
        ctx.insert(
            "events",
            &(0..d.events.len())
                .map(|e| self.event_link(e))
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub fn event(&self, e: usize) -> Context {
        let d = self.dossier;
        let ev = &d.events[e];
        let mut ctx = self.base(&ev.title, &d.site.language);
        #[derive(Serialize)]
        struct ValueView {
            value: String,
            sources: Vec<SourceLink>,
        }
        #[derive(Serialize)]
        struct DisagreementView {
            fact: String,
            values: Vec<ValueView>,
        }
        let disagreements: Vec<DisagreementView> = ev
            .disagreements
            .iter()
            .map(|dis| DisagreementView {
                fact: dis.fact.clone(),
                values: dis
                    .values
                    .iter()
                    .map(|v| ValueView {
                        value: v.value.clone(),
                        sources: v.sources.iter().map(|&x| self.source_link(x)).collect(),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert(
            "event",
            &serde_json::json!({
                "title": ev.title,
                "date": ev.date.map(date).unwrap_or_default(),
                "description_html": ev.description.as_deref().map(|t| self.renderer.markdown.render(t, "ev-").html).unwrap_or_default(),
                "from_manifest": ev.from_manifest,
                "sources": ev.sources.iter().map(|&s| self.source_link(s)).collect::<Vec<_>>(),
                "disagreements": disagreements,
            }),
        );
        ctx
    }
}
