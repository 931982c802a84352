//! Shared quotes: the index (by event) and one page per group, its renderings side by side with
//! a word-level diff against the fullest rendering.

use similar::{ChangeTag, TextDiff};

use super::*;

/// A rendering's words marked against the reference: words it lacks in `<del>`, words it adds
/// in `<ins>` (HTML, escaped; words separated by single spaces).
pub fn diff_html(reference: &str, rendering: &str) -> String {
    let diff = TextDiff::from_words(reference, rendering);
    // Runs of words with the same change, whitespace dropped.
    let mut runs: Vec<(ChangeTag, Vec<&str>)> = Vec::new();
    for change in diff.iter_all_changes() {
        let word = change.value().trim();
        if word.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some((tag, words)) if *tag == change.tag() => words.push(word),
            _ => runs.push((change.tag(), vec![word])),
        }
    }
    runs.iter()
        .map(|(tag, words)| {
            let text = escape_html(&words.join(" "));
            match tag {
                ChangeTag::Equal => text,
                ChangeTag::Delete => format!("<del>{text}</del>"),
                ChangeTag::Insert => format!("<ins>{text}</ins>"),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Serialize)]
struct GroupLink {
    href: String,
    text: String,
    speaker: String,
    renderings: usize,
    sources: usize,
    outlets: Vec<String>,
    languages: Vec<String>,
    lang: String,
}

#[derive(Serialize)]
struct GroupSection {
    title: String,
    href: Option<String>,
    date: String,
    groups: Vec<GroupLink>,
}

impl Ctx<'_> {
    fn group_link(&self, g: usize) -> GroupLink {
        let d = self.dossier;
        let group = &d.quote_groups[g];
        let mut outlets: Vec<String> = Vec::new();
        let mut sources: Vec<usize> = group.members.iter().map(|m| m.doc).collect();
        sources.dedup();
        for &s in &sources {
            let o = field_str(&d.documents[s].metadata.outlet);
            if !o.is_empty() && !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        GroupLink {
            href: self.href(&quote_group_path(&group.id)),
            text: group.text.clone(),
            speaker: group.speaker.clone().unwrap_or_default(),
            renderings: group.members.len(),
            sources: sources.len(),
            outlets,
            languages: group.languages.clone(),
            lang: field_str(&d.documents[group.reference.doc].metadata.language),
        }
    }

    /// Page `k` of the quotes index: statements by event (in event order, then those outside
    /// any event), most-quoted first, `rows_per_page` statements a page.
    pub fn quotes(&self, k: usize) -> Context {
        let d = self.dossier;
        let pages = self.renderer.quotes_index_pages(d);
        let title = "The same quote across outlets";
        let mut ctx = if pages > 1 {
            self.base(
                &format!("{title} (page {} of {pages})", k + 1),
                &d.site.language,
            )
        } else {
            self.base(title, &d.site.language)
        };
        let no_event = d.events.len();
        let event_of = |g: usize| {
            d.links[d.quote_groups[g].reference.doc]
                .event
                .unwrap_or(no_event)
        };
        let order = self.site.quotes_index_order(|| {
            let sources_of = |g: usize| {
                let mut s: Vec<usize> = d.quote_groups[g].members.iter().map(|m| m.doc).collect();
                s.dedup();
                s.len()
            };
            let mut order: Vec<(usize, std::cmp::Reverse<usize>, usize)> =
                (0..d.quote_groups.len())
                    .map(|g| (event_of(g), std::cmp::Reverse(sources_of(g)), g))
                    .collect();
            order.sort_unstable();
            order.into_iter().map(|(_, _, g)| g).collect()
        });
        let per_page = self.renderer.options.rows_per_page;
        let shown = &order[(k * per_page).min(order.len())..((k + 1) * per_page).min(order.len())];
        let mut sections: Vec<GroupSection> = Vec::new();
        let mut section_event = None;
        for &g in shown {
            let e = event_of(g);
            if section_event != Some(e) {
                section_event = Some(e);
                let event = (e < no_event).then(|| self.event_link(e));
                sections.push(GroupSection {
                    title: event
                        .as_ref()
                        .map(|l| l.title.clone())
                        .unwrap_or_else(|| "Not assigned to an event".into()),
                    href: event.as_ref().map(|l| l.href.clone()),
                    date: event.map(|l| l.date).unwrap_or_default(),
                    groups: Vec::new(),
                });
            }
            let section = sections.last_mut().expect("pushed above");
            section.groups.push(self.group_link(g));
        }
        ctx.insert("group_count", &d.quote_groups.len());
        ctx.insert("shown_from", &(k * per_page + 1));
        ctx.insert("shown_to", &(k * per_page + shown.len()));
        ctx.insert("sections", &sections);
        ctx.insert("pages", &self.part_links(pages, k, quotes_index_path));
        ctx
    }

    pub fn quote_group(&self, g: usize) -> Context {
        let d = self.dossier;
        let group = &d.quote_groups[g];
        let mut ctx = self.base(
            &format!("“{}”", crate::text::truncate_words(&group.text, 12)),
            &d.site.language,
        );
        let reference = group.reference;
        // The group's title is the reference rendering (both halves of a split quotation).
        let reference_text = &group.text;
        #[derive(Serialize)]
        struct Rendering {
            text: String,
            diff_html: String,
            is_reference: bool,
            speaker: String,
            cue: String,
            href: String,
            source: tera::Value,
            same_language: bool,
        }
        let reference_lang = field_str(&d.documents[reference.doc].metadata.language);
        let renderings: Vec<Rendering> = group
            .members
            .iter()
            .map(|&r| {
                let q = &d.documents[r.doc].quotes[r.quote];
                let source = self.source_link(r.doc);
                let same_language =
                    field_str(&d.documents[r.doc].metadata.language) == reference_lang;
                Rendering {
                    text: q.text.clone(),
                    // Words only compare within one language.
                    diff_html: if r == reference || !same_language {
                        escape_html(&q.text)
                    } else {
                        diff_html(reference_text, &q.text)
                    },
                    is_reference: r == reference,
                    speaker: q.speaker.clone().unwrap_or_default(),
                    cue: q.cue.clone().unwrap_or_default(),
                    href: self.quote_href(r),
                    same_language,
                    source,
                }
            })
            .collect();
        let mut sources: Vec<usize> = group.members.iter().map(|m| m.doc).collect();
        sources.dedup();
        /// The quote group page's view (typed: a `json!` value was serialized twice, into JSON
        /// then into Tera's values).
        #[derive(Serialize)]
        struct GroupView<'s> {
            text: &'s str,
            lang: String,
            speaker: Option<&'s str>,
            speaker_href: Option<String>,
            reference_source: tera::Value,
            source_count: usize,
            renderings: Vec<Rendering>,
            event: Option<EventLink>,
        }
        ctx.insert(
            "group",
            &GroupView {
                text: &group.text,
                lang: reference_lang,
                speaker: group.speaker.as_deref(),
                speaker_href: group.speaker_entity.map(|e| self.entity_link(e, 0).href),
                reference_source: self.source_link(reference.doc),
                source_count: sources.len(),
                renderings,
                event: d.links[reference.doc].event.map(|e| self.event_link(e)),
            },
        );
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::diff_html;

    #[test]
    fn marks_changed_words() {
        let html = diff_html(
            "for information transmitted via the special services",
            "for the information shared via the special services",
        );
        assert_eq!(
            html,
            "for <ins>the</ins> information <del>transmitted</del> <ins>shared</ins> via the special services"
        );
        assert_eq!(
            diff_html("thanked Donald Trump for it", "for it"),
            "<del>thanked Donald Trump</del> for it"
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(diff_html("a <b>", "a <b>"), "a &lt;b&gt;");
    }
}
