//! The claims matrix: claims × sources, each cell supports / mentions / silent with the sentence
//! that decided it, linked to its place in the source.

use super::*;

/// With more sources than this, the matrix lists only sources that say something about a claim.
const ALL_ROWS_UP_TO: usize = 300;

impl Ctx<'_> {
    pub fn claims(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Claims", &d.site.language);
        #[derive(Serialize)]
        struct CellView {
            stance: &'static str,
            evidence: String,
            href: Option<String>,
            claim: usize,
        }
        #[derive(Serialize)]
        struct RowView {
            source: tera::Value,
            cells: Vec<CellView>,
        }
        #[derive(Serialize)]
        struct ClaimView {
            number: usize,
            id: String,
            statement: String,
            supports: usize,
            mentions: usize,
            silent: usize,
        }
        let stance_name = |s: Stance| match s {
            Stance::Supports => "supports",
            Stance::Mentions => "mentions",
            Stance::Silent => "silent",
        };
        let all_rows = d.documents.len() <= ALL_ROWS_UP_TO;
        let rows: Vec<RowView> = (0..d.documents.len())
            .filter(|&i| all_rows || d.claims.iter().any(|c| c.cells[i].stance != Stance::Silent))
            .map(|i| {
                let doc = &d.documents[i];
                let source = self.source_link(i);
                let source_href = self.source_href(i);
                RowView {
                    cells: d
                        .claims
                        .iter()
                        .enumerate()
                        .map(|(n, c)| {
                            let cell = &c.cells[i];
                            CellView {
                                stance: stance_name(cell.stance),
                                evidence: cell
                                    .evidence
                                    .map(|(s, e)| doc.text[s..e].replace('\n', " "))
                                    .unwrap_or_default(),
                                href: cell.evidence.map(|(s, _)| {
                                    super::entities::place_href(&source_href, doc, s)
                                }),
                                claim: n + 1,
                            }
                        })
                        .collect(),
                    source,
                }
            })
            .collect();
        let claims: Vec<ClaimView> = d
            .claims
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let count = |s: Stance| c.cells.iter().filter(|x| x.stance == s).count();
                ClaimView {
                    number: n + 1,
                    id: c.id.clone(),
                    statement: c.statement.clone(),
                    supports: count(Stance::Supports),
                    mentions: count(Stance::Mentions),
                    silent: count(Stance::Silent),
                }
            })
            .collect();
        ctx.insert("claims", &claims);
        ctx.insert("rows", &rows);
        ctx.insert("all_rows", &all_rows);
        ctx.insert("source_count", &d.documents.len());
        ctx
    }
}
