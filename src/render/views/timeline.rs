//! The timeline.

use super::*;

impl Ctx<'_> {
    pub fn timeline(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Timeline", &d.site.language);
        #[derive(Serialize)]
        struct Entry {
            date: String,
            kind: &'static str,
            label: String,
            href: String,
        }
        let entries: Vec<Entry> = d
            .timeline
            .entries
            .iter()
            .filter_map(|t| {
                let (kind, label, href) = match t.kind {
                    TimelineKind::Event => {
                        let l = self.event_link(t.event?);
                        ("event", l.title, l.href)
                    }
                    TimelineKind::Publication => {
                        let s = self.source_link(t.doc?);
                        (
                            "publication",
                            format!(
                                "{} publishes “{}”",
                                if s.outlet.is_empty() {
                                    "A source"
                                } else {
                                    &s.outlet
                                },
                                s.title
                            ),
                            s.href,
                        )
                    }
                    TimelineKind::Mention => {
                        let doc = &d.documents[t.doc?];
                        let (s, e) = t.span?;
                        let (a, b) = crate::link::sentence_around(&doc.text, s, e);
                        (
                            "mention",
                            doc.text[a..b].to_string(),
                            format!(
                                "{}sources/{}/index.html#{}",
                                self.root(),
                                doc.id,
                                body::block_anchor(doc, s)
                            ),
                        )
                    }
                };
                Some(Entry {
                    date: date(t.date),
                    kind,
                    label,
                    href,
                })
            })
            .collect();
        ctx.insert("entries", &entries);
        ctx
    }
}
