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
            href: format!("{}quotes/{}/index.html", self.root(), group.id),
            text: group.text.clone(),
            speaker: group.speaker.clone().unwrap_or_default(),
            renderings: group.members.len(),
            sources: sources.len(),
            outlets,
            languages: group.languages.clone(),
            lang: field_str(&d.documents[group.reference.doc].metadata.language),
        }
    }

    pub fn quotes(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("The same quote across outlets", &d.site.language);
        // By event (in event order), then groups outside any event; most-quoted first.
        let mut by_event: Vec<Vec<usize>> = vec![Vec::new(); d.events.len() + 1];
        for (g, group) in d.quote_groups.iter().enumerate() {
            let e = d.links[group.reference.doc].event.unwrap_or(d.events.len());
            by_event[e].push(g);
        }
        let sources_of = |g: usize| {
            let mut s: Vec<usize> = d.quote_groups[g].members.iter().map(|m| m.doc).collect();
            s.dedup();
            s.len()
        };
        let sections: Vec<GroupSection> = by_event
            .into_iter()
            .enumerate()
            .filter(|(_, gs)| !gs.is_empty())
            .map(|(e, mut gs)| {
                gs.sort_by(|&a, &b| sources_of(b).cmp(&sources_of(a)).then(a.cmp(&b)));
                let event = (e < d.events.len()).then(|| self.event_link(e));
                GroupSection {
                    title: event
                        .as_ref()
                        .map(|l| l.title.clone())
                        .unwrap_or_else(|| "Not assigned to an event".into()),
                    href: event.as_ref().map(|l| l.href.clone()),
                    date: event.map(|l| l.date).unwrap_or_default(),
                    groups: gs.into_iter().map(|g| self.group_link(g)).collect(),
                }
            })
            .collect();
        ctx.insert("group_count", &d.quote_groups.len());
        ctx.insert("sections", &sections);
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
            source: SourceLink,
            same_language: bool,
        }
        let reference_lang = field_str(&d.documents[reference.doc].metadata.language);
        let renderings: Vec<Rendering> = group
            .members
            .iter()
            .map(|&r| {
                let q = &d.documents[r.doc].quotes[r.quote];
                let source = self.source_link(r.doc);
                let same_language = source.language == reference_lang;
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
        ctx.insert(
            "group",
            &serde_json::json!({
                "text": group.text,
                "lang": reference_lang,
                "speaker": group.speaker,
                "speaker_href": group.speaker_entity.map(|e| self.entity_link(e, 0).href),
                "reference_source": self.source_link(reference.doc),
                "source_count": sources.len(),
                "renderings": renderings,
                "event": d.links[reference.doc].event.map(|e| self.event_link(e)),
            }),
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
