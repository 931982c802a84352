//! The claims matrix.

use super::*;

impl Ctx<'_> {
    pub fn claims(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Claims", &d.site.language);
        #[derive(Serialize)]
        struct CellView {
            stance: &'static str,
            evidence: String,
            href: Option<String>,
        }
        #[derive(Serialize)]
        struct RowView {
            source: SourceLink,
            cells: Vec<CellView>,
        }
        let rows: Vec<RowView> = (0..d.documents.len())
            .map(|i| RowView {
                source: self.source_link(i),
                cells: d
                    .claims
                    .iter()
                    .map(|c| {
                        let cell = &c.cells[i];
                        let doc = &d.documents[i];
                        CellView {
                            stance: match cell.stance {
                                Stance::Supports => "supports",
                                Stance::Mentions => "mentions",
                                Stance::Silent => "silent",
                            },
                            evidence: cell
                                .evidence
                                .map(|(s, e)| doc.text[s..e].to_string())
                                .unwrap_or_default(),
                            href: cell.evidence.map(|(s, _)| {
                                format!(
                                    "{}sources/{}/index.html#{}",
                                    self.root(),
                                    doc.id,
                                    body::block_anchor(doc, s)
                                )
                            }),
                        }
                    })
                    .collect(),
            })
            .collect();
        ctx.insert(
            "claims",
            &d.claims
                .iter()
                .map(|c| serde_json::json!({"id": c.id, "statement": c.statement}))
                .collect::<Vec<_>>(),
        );
        ctx.insert("rows", &rows);
        ctx
    }
}
