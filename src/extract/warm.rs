//! Builds the extractors' lazily compiled patterns and tables ahead of the first source.
//!
//! About sixty regular expressions, word sets, the built-in lexicon's automaton and the
//! language profiles are compiled on first use: a few hundred million instructions, which the
//! first sources of a build would otherwise wait for (each worker blocking on the one that
//! builds a table). [`warm_up`] extracts a small built-in sample of each source format, so
//! the pipeline can run it on an idle core while the manifest is still being read.

use super::{Document, Gazetteer, extract};
use crate::load::{SourceFormat, source_from_text};

/// A saved web page: metadata, site chrome, a dated article with quotes and attributions.
const HTML_SAMPLE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Leaders meet in Berlin | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-12-17T10:30:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Leaders meet in Berlin","datePublished":"2019-12-17"}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>Leaders meet in Berlin</h1><p class="byline">By Jane Doe</p>
<time datetime="2019-12-17">December 17, 2019</time>
<p>MOSCOW (Reuters) - Russian President Vladimir Putin thanked the United States on Sunday.
"This information helped to prevent a terrible attack," Putin said, according to the Kremlin.</p>
<p>The Federal Security Service said 3 people were detained in St. Petersburg on 15 December 2019.</p>
<figure><img src="a.jpg" alt=""><figcaption>Photo: AP</figcaption></figure>
<p>Sign up for our newsletter today. Share this on Facebook.</p></article></main>
<footer>© 2019 Example News. All rights reserved.</footer></body></html>"#;

/// Text copied out of a browser: menus, a German article with quotes, credits.
const TEXT_SAMPLE: &str = "Zum Inhalt springen\nMenü\nPolitik\n\nPutin dankt Trump für Hinweise der CIA\n\n\
Von Max Muster, Berlin\n17.12.2019, 10:30 Uhr\n\n\
Der russische Präsident Wladimir Putin hat sich bei US-Präsident Donald Trump bedankt. \
„Die Informationen haben geholfen, einen Anschlag zu verhindern“, sagte Kremlsprecher Dmitri Peskow \
am Montag in Moskau. Nach Angaben des Geheimdienstes FSB wurden am 15. Dezember 2019 zwei Verdächtige festgenommen.\n\n\
Bundeskanzlerin Angela Merkel erklärte: „Wir arbeiten eng zusammen.“\n\n\
Foto: dpa\nMit Material von dpa und AFP\nDiesen Artikel teilen\n\
Le président français a déclaré : « Nous sommes solidaires », selon l'Élysée. \
El ministro dijo que «la situación es grave». 俄罗斯总统普京说：“我们感谢美国的帮助。”\n";

/// A pasted article in Markdown with front matter.
const MARKDOWN_SAMPLE: &str = "---\ntitle: Kremlin thanks Washington\ndate: 2017-12-17\n---\n\n\
# Kremlin thanks Washington\n\nWASHINGTON — The White House said on Monday that President Donald Trump \
had spoken with Vladimir Putin. \"We will keep sharing information,\" a spokeswoman, Sarah Sanders, \
told reporters.\n\n> \"Terrorism is a common threat,\" Putin said.\n\nThe EU and NATO welcomed the call, \
officials in Brussels and London said on 18 December 2017.\n";

/// Extracts the built-in samples, discarding the results: what is left is every lazily built
/// table, ready for the real sources.
pub fn warm_up() {
    drop(sample_documents());
}

/// The built-in samples, extracted: one per source format.
fn sample_documents() -> Vec<Document> {
    let gazetteer = Gazetteer::new(&[]);
    [
        ("warm-up.html", SourceFormat::Html, HTML_SAMPLE),
        ("warm-up.txt", SourceFormat::Text, TEXT_SAMPLE),
        ("warm-up.md", SourceFormat::Markdown, MARKDOWN_SAMPLE),
    ]
    .into_iter()
    .map(|(id, format, text)| extract(&source_from_text(id, format, text), &gazetteer))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The samples reach the extractors whose tables are worth building early: cleaning,
    /// metadata, dates, quotes with speakers, the lexicon's places and organisations, and
    /// language detection (the text sample states no language).
    #[test]
    fn each_sample_exercises_the_extractors() {
        let docs = sample_documents();
        assert_eq!(docs.len(), 3);
        for d in &docs {
            assert!(d.word_count > 30, "{}: {} words", d.id, d.word_count);
            assert!(
                d.quotes.iter().any(|q| q.speaker.is_some()),
                "{}: no attributed quote in {:?}",
                d.id,
                d.quotes
            );
            assert!(!d.mentions.is_empty(), "{}: no entity", d.id);
            assert!(!d.dates.is_empty(), "{}: no date", d.id);
            assert!(
                d.metadata.published.is_some(),
                "{}: no date of publication",
                d.id
            );
        }
        let text = &docs[1];
        assert_eq!(
            text.metadata.language.as_ref().map(|l| l.value.as_str()),
            Some("de")
        );
        assert!(
            text.text.lines().all(|l| l != "Menü"),
            "site chrome left in the text dump: {}",
            text.text
        );
    }
}
