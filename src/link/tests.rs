//! The link stage on hand-made documents: entity merging, quote grouping, event clustering,
//! related sources.

use super::testing::{DocBuilder, manifest};
use super::*;
use crate::manifest::EntityKind::{Organization, Person, Place};

fn linked(m: &Manifest, docs: Vec<Document>) -> Dossier {
    link(m, docs, Vec::new()).0
}

fn entity<'a>(d: &'a Dossier, name: &str) -> &'a Entity {
    d.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:?}", names(d)))
}

fn names(d: &Dossier) -> Vec<(&str, usize)> {
    d.entities
        .iter()
        .filter(|e| !e.sources.is_empty())
        .map(|e| (e.name.as_str(), e.sources.len()))
        .collect()
}

fn ids(d: &Dossier, docs: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = docs.iter().map(|&i| d.documents[i].id.clone()).collect();
    v.sort();
    v
}

// ---- entities ----

#[test]
fn spellings_the_gazetteer_does_not_list_join_the_entity() {
    let m = manifest(&[("Vladimir Putin", Person, &["Putin"])]);
    let docs = vec![
        DocBuilder::new("en", "Vladimir Putin spoke.")
            .mention("Vladimir Putin", "Vladimir Putin", Person)
            .build(),
        // Extraction did not know this spelling: it reports the surface form.
        DocBuilder::new("de", "Wladimir Putin sprach.")
            .language("de")
            .mention("Wladimir Putin", "Wladimir Putin", Person)
            .build(),
    ];
    let d = linked(&m, docs);
    let putin = entity(&d, "Vladimir Putin");
    assert_eq!(ids(&d, &putin.sources), ["de", "en"]);
    assert!(putin.aliases.contains(&"Wladimir Putin".to_string()));
    assert!(!d.entities.iter().any(|e| e.name == "Wladimir Putin"));
}

#[test]
fn names_outside_the_gazetteer_merge_across_languages_and_surnames_join_them() {
    let m = manifest(&[]);
    let docs = vec![
        DocBuilder::new("a", "Dmitry Peskov said so.")
            .mention("Dmitry Peskov", "Dmitry Peskov", Person)
            .build(),
        DocBuilder::new("b", "Dmitri Peskow sagte das. Peskow ergänzte.")
            .language("de")
            .mention("Dmitri Peskow", "Dmitri Peskow", Person)
            .mention("Peskow ergänzte", "Peskow", Person)
            .build(),
        DocBuilder::new("c", "Later, Peskov denied it.")
            .mention("Peskov", "Peskov", Person)
            .build(),
    ];
    let d = linked(&m, docs);
    let peskov = entity(&d, "Dmitry Peskov");
    assert_eq!(ids(&d, &peskov.sources), ["a", "b", "c"]);
    assert_eq!(peskov.mentions.len(), 4);
    assert_eq!(names(&d).len(), 1, "{:?}", names(&d));
}

#[test]
fn people_who_share_a_surname_stay_apart() {
    let m = manifest(&[
        ("Yevgeny Moreau", Person, &[]),
        ("David Moreau", Person, &[]),
    ]);
    let docs = vec![
        DocBuilder::new("y", "Yevgeny Moreau arrived.")
            .mention("Yevgeny Moreau", "Yevgeny Moreau", Person)
            .build(),
        DocBuilder::new("d", "David Moreau arrived. Moreau spoke.")
            .mention("David Moreau", "David Moreau", Person)
            .mention("Moreau spoke", "Moreau", Person)
            .build(),
        DocBuilder::new("x", "Moreau spoke again.")
            .mention("Moreau", "Moreau", Person)
            .build(),
        DocBuilder::new("j", "Jewgeni Moreau kam an.")
            .language("de")
            .mention("Jewgeni Moreau", "Jewgeni Moreau", Person)
            .build(),
    ];
    let d = linked(&m, docs);
    // The surname in a source naming only David is David.
    assert_eq!(ids(&d, &entity(&d, "David Moreau").sources), ["d"]);
    assert_eq!(entity(&d, "David Moreau").mentions.len(), 2);
    // A transliteration joins Yevgeny, never David.
    assert_eq!(ids(&d, &entity(&d, "Yevgeny Moreau").sources), ["j", "y"]);
    // The bare surname elsewhere is ambiguous: its own entity, merged into neither.
    let bare = entity(&d, "Moreau");
    assert!(bare.ambiguous);
    assert_eq!(ids(&d, &bare.sources), ["x"]);
}

#[test]
fn every_mention_links_to_its_entity_and_speakers_resolve() {
    let m = manifest(&[
        ("Kremlin", Organization, &["the Kremlin"]),
        ("Moscow", Place, &[]),
    ]);
    let docs = vec![
        DocBuilder::new(
            "a",
            "In Moscow, the Kremlin said: \"we are grateful to our partners\".",
        )
        .mention("Moscow", "Moscow", Place)
        .mention("Kremlin", "Kremlin", Organization)
        .quote("we are grateful to our partners", Some("the Kremlin"))
        .build(),
    ];
    let d = linked(&m, docs);
    let l = &d.links[0];
    assert_eq!(l.mention_entities.len(), 2);
    assert_eq!(d.entities[l.mention_entities[0]].name, "Moscow");
    assert_eq!(d.entities[l.mention_entities[1]].name, "Kremlin");
    assert_eq!(
        l.quote_speakers[0].map(|e| d.entities[e].name.as_str()),
        Some("Kremlin")
    );
    assert_eq!(entity(&d, "Kremlin").quotes.len(), 1);
    let with: Vec<&str> = entity(&d, "Kremlin")
        .co_occurring
        .iter()
        .map(|&(e, _)| d.entities[e].name.as_str())
        .collect();
    assert_eq!(with, ["Moscow"]);
}

// ---- quote groups ----

fn quoted(id: &str, date: &str, text: &str, speaker: Option<&str>) -> Document {
    DocBuilder::new(id, &format!("He said \"{text}\" on the phone."))
        .published(date)
        .quote(text, speaker)
        .build()
}

fn groups_of(d: &Dossier) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = d
        .quote_groups
        .iter()
        .map(|g| {
            let mut v: Vec<String> = g
                .members
                .iter()
                .map(|r| d.documents[r.doc].id.clone())
                .collect();
            v.sort();
            v
        })
        .collect();
    out.sort();
    out
}

#[test]
fn reworded_renderings_and_fragments_are_one_group() {
    let m = manifest(&[]);
    let docs = vec![
        quoted(
            "rferl",
            "2019-12-29",
            "for information transmitted via the special services that helped prevent the commission of terrorist acts in Russia.",
            Some("The Kremlin"),
        ),
        quoted(
            "breitbart",
            "2019-12-30",
            "thanked Donald Trump for the information shared via the special services that helped prevent terrorist acts in Russia.",
            None,
        ),
        // A fragment of the first.
        quoted(
            "wire",
            "2019-12-30",
            "helped prevent the commission of terrorist acts",
            Some("The Kremlin"),
        ),
        quoted(
            "other",
            "2019-12-30",
            "nothing in common with the others at all here",
            None,
        ),
    ];
    let d = linked(&m, docs);
    assert_eq!(groups_of(&d), [["breitbart", "rferl", "wire"]]);
    let g = &d.quote_groups[0];
    assert!(
        g.text.starts_with("thanked Donald Trump"),
        "the fullest rendering is the title"
    );
    let other = d.documents.iter().position(|x| x.id == "other").unwrap();
    assert_eq!(d.links[other].quote_groups, [None]);
}

#[test]
fn different_speakers_names_numbers_and_times_keep_quotes_apart() {
    let m = manifest(&[]);
    let text = "We will not allow anyone to divide our society.";
    let docs = vec![
        quoted("a1", "2020-01-01", text, Some("Sergei Orlov")),
        quoted("a2", "2020-01-02", text, Some("Orlov")),
        // Another person, same words.
        quoted("b", "2020-01-02", text, Some("Amara Abramov")),
        // Same person, a year later: another occasion.
        quoted("c", "2021-01-02", text, Some("Sergei Orlov")),
        // A different place name is a different statement.
        quoted(
            "p1",
            "2020-01-01",
            "The people of Tehran deserve answers now.",
            Some("Dubois"),
        ),
        quoted(
            "p2",
            "2020-01-01",
            "The people of Moscow deserve answers now.",
            Some("Dubois"),
        ),
    ];
    let d = linked(&m, docs);
    assert_eq!(groups_of(&d), [["a1", "a2"]]);
}

#[test]
fn a_quotation_split_around_its_attribution_matches_the_whole() {
    let m = manifest(&[]);
    let split = DocBuilder::new(
        "split",
        "\"This is a dark day for the country,\" Khalil said. \"We owe that to the people.\"",
    )
    .published("2021-11-10")
    .quote("This is a dark day for the country,", Some("Khalil"))
    .quote("We owe that to the people.", Some("Khalil"))
    .build();
    let whole = quoted(
        "whole",
        "2021-11-11",
        "This is a dark day for the country. We owe that to the people.",
        Some("Emre Khalil"),
    );
    let d = linked(&m, vec![split, whole]);
    assert_eq!(groups_of(&d), [["split", "split", "whole"]]);
}

/// A dossier with one manifest event, `plot`, and these documents in it.
fn in_one_event(docs: Vec<DocBuilder>) -> Dossier {
    let mut m = manifest(&[]);
    m.events = serde_yaml::from_str("[{id: plot, title: The plot, date: 2020-03-01}]").unwrap();
    linked(
        &m,
        docs.into_iter().map(|b| b.event("plot").build()).collect(),
    )
}

fn quoted_in_event(id: &str, text: &str, speaker: Option<&str>) -> DocBuilder {
    DocBuilder::new(id, &format!("He said \"{text}\" on the phone."))
        .published("2020-03-01")
        .quote(text, speaker)
}

#[test]
fn a_much_quoted_statement_and_its_variants_are_one_group() {
    // Forty copies of one wording and forty of another (a synonym): every copy's bounded list
    // of matches could be filled with copies of its own wording.
    let a = "We are following the situation very closely and we will act soon.";
    let b = "We are following the situation extremely closely and we will act soon.";
    let docs: Vec<DocBuilder> = (0..80)
        .map(|i| {
            let text = if i % 2 == 0 { a } else { b };
            quoted_in_event(&format!("d{i:02}"), text, Some("Sergei Orlov"))
        })
        .collect();
    let d = in_one_event(docs);
    assert_eq!(d.quote_groups.len(), 1, "{:?}", groups_of(&d));
    assert_eq!(d.quote_groups[0].members.len(), 80);
}

#[test]
fn different_statements_with_one_stock_ending_stay_apart() {
    let tail = "and we will not stop until we know the truth";
    let docs = vec![
        quoted_in_event(
            "a1",
            &format!("We are not afraid {tail}"),
            Some("Iryna Reyes"),
        ),
        quoted_in_event("a2", &format!("We are not afraid {tail}"), Some("Reyes")),
        quoted_in_event(
            "b1",
            &format!("We categorically reject these accusations {tail}"),
            Some("Iryna Reyes"),
        ),
        quoted_in_event(
            "b2",
            &format!("We reject these accusations {tail}"),
            Some("Iryna Reyes"),
        ),
        quoted_in_event(
            "c",
            &format!("We respect the will of the voters {tail}"),
            Some("Iryna Reyes"),
        ),
    ];
    let d = in_one_event(docs);
    assert_eq!(groups_of(&d), [["a1", "a2"], ["b1", "b2"]]);
}

#[test]
fn short_quotes_group_word_for_word_with_one_speaker_in_one_event() {
    let docs = vec![
        quoted_in_event("a1", "Enough is enough!", Some("Lukas Brennan")),
        quoted_in_event("a2", "Enough is enough!", Some("Brennan")),
        // Another speaker, an unknown one, other words: apart.
        quoted_in_event("b", "Enough is enough!", Some("Nour Yegorov")),
        quoted_in_event("u", "Enough is enough!", None),
        quoted_in_event("c", "Enough, enough!", Some("Lukas Brennan")),
        // Described alike.
        quoted_in_event("w1", "Enough is enough!", Some("a witness")),
        quoted_in_event("w2", "Enough is enough!", Some("A witness")),
        quoted_in_event("r", "Enough is enough!", Some("one resident")),
    ];
    let d = in_one_event(docs);
    assert_eq!(groups_of(&d), [["a1", "a2"], ["w1", "w2"]]);
    // Outside one event (here: a year apart), short quotes are not grouped.
    let m = manifest(&[]);
    let speaker = Some("Lukas Brennan");
    let docs = vec![
        quoted("a1", "2020-03-01", "Enough is enough!", speaker),
        quoted("a2", "2021-03-01", "Enough is enough!", speaker),
    ];
    assert!(linked(&m, docs).quote_groups.is_empty());
}

#[test]
fn a_statement_quoted_in_english_and_german_is_one_group_when_nothing_else_fits() {
    let mut m = manifest(&[
        ("Dmitry Peskov", Person, &["Dmitri Peskow", "Peskow"]),
        ("Russia", Place, &["Russland"]),
        ("Donald Trump", Person, &[]),
    ]);
    m.events = serde_yaml::from_str("[{id: plot, title: The plot, date: 2020-03-01}]").unwrap();
    let doc = |id: &str, lang: &str, text: &str, speaker: &str| {
        DocBuilder::new(id, &format!("Er sagte \"{text}\" am Telefon."))
            .published("2020-03-01")
            .language(lang)
            .event("plot")
            .quote(text, Some(speaker))
            .mention("Russland", "Russia", Place)
            .mention("Russia", "Russia", Place)
            .mention("Donald Trump", "Donald Trump", Person)
    };
    let thanks_en =
        "We thank Donald Trump for the information that helped prevent terrorist acts in Russia.";
    let thanks_de = "Wir danken Donald Trump für die Informationen, die geholfen haben, Terroranschläge in Russland zu verhindern.";
    let build =
        |docs: Vec<DocBuilder>| linked(&m, docs.into_iter().map(DocBuilder::build).collect());
    let d = build(vec![
        doc("en1", "en", thanks_en, "Dmitry Peskov"),
        doc("en2", "en", thanks_en, "Peskov"),
        doc("de", "de", thanks_de, "Dmitri Peskow"),
        // Another speaker's German sentence with the same names stays apart.
        doc("other", "de", thanks_de, "Anna Schmidt"),
    ]);
    assert_eq!(groups_of(&d), [["de", "en1", "en2"]]);
    let mut languages = d.quote_groups[0].languages.clone();
    languages.sort();
    assert_eq!(languages, ["de", "en"]);

    // Another English statement of the speaker with fewer words in common: the closer one.
    let other_en = "Donald Trump knows the information about Russia was accurate.";
    let d = build(vec![
        doc("en1", "en", thanks_en, "Dmitry Peskov"),
        doc("en2", "en", thanks_en, "Dmitry Peskov"),
        doc("en3", "en", other_en, "Dmitry Peskov"),
        doc("de", "de", thanks_de, "Dmitri Peskow"),
    ]);
    assert_eq!(groups_of(&d), [["de", "en1", "en2"]]);

    // Two English statements the German one could render as well: no guess.
    let tie = "Donald Trump knows the information about terrorist acts in Russia was accurate.";
    let d = build(vec![
        doc("en1", "en", thanks_en, "Dmitry Peskov"),
        doc("en2", "en", thanks_en, "Dmitry Peskov"),
        doc("en3", "en", tie, "Dmitry Peskov"),
        doc("de", "de", thanks_de, "Dmitri Peskow"),
    ]);
    assert_eq!(groups_of(&d), [["en1", "en2"]]);

    // Other numbers: another statement.
    let d = build(vec![
        doc(
            "en",
            "en",
            "At least 40 people in Russia are still missing.",
            "Dmitry Peskov",
        ),
        doc(
            "de",
            "de",
            "Mindestens 30 Menschen in Russland werden noch vermisst.",
            "Dmitri Peskow",
        ),
    ]);
    assert!(d.quote_groups.is_empty(), "{:?}", groups_of(&d));
}

#[test]
fn grouping_scales_without_comparing_all_pairs() {
    // 3000 quotes built from a small vocabulary: frequent shingles must not make it quadratic,
    // and unrelated statements must not merge.
    let m = manifest(&[]);
    let words = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
    ];
    let docs: Vec<Document> = (0..3000)
        .map(|i| {
            let text: Vec<&str> = (0..8)
                .map(|k| words[(i * 7 + k * (i % 5 + 1)) % 8])
                .collect();
            let day = 1 + (i % 28);
            quoted(
                &format!("d{i:04}"),
                &format!("2020-02-{day:02}"),
                &format!("{} number {i}", text.join(" ")),
                Some(&format!("Speaker{}", i % 50)),
            )
        })
        .collect();
    let start = std::time::Instant::now();
    let d = linked(&m, docs);
    // Every quote names a different number: nothing groups.
    assert!(d.quote_groups.is_empty(), "{:?}", groups_of(&d).first());
    assert!(start.elapsed().as_secs() < 60);
}

// ---- events ----

fn story(id: &str, date: Option<&str>, text: &str, entities: &[(&str, EntityKind)]) -> Document {
    let mut b = DocBuilder::new(id, text);
    if let Some(date) = date {
        b = b.published(date);
    }
    for (name, kind) in entities {
        b = b.mention(name, name, *kind);
    }
    b.build()
}

#[test]
fn events_cluster_from_dates_and_content_without_the_manifest() {
    let m = manifest(&[]);
    let flood = [
        ("Baghdad", Place),
        ("Iraq", Place),
        ("Red Crescent", Organization),
    ];
    let quake = [("Ankara", Place), ("Turkey", Place), ("AFAD", Organization)];
    let docs = vec![
        story(
            "f1",
            Some("2021-11-10"),
            "Floods in Baghdad\n\nFloods hit Baghdad, Iraq. The Red Crescent helped.",
            &flood,
        ),
        story(
            "f2",
            Some("2021-11-12"),
            "Baghdad floods\n\nThe floods in Baghdad left Iraq in shock; Red Crescent teams arrived.",
            &flood,
        ),
        story(
            "q1",
            Some("2021-11-11"),
            "Earthquake near Ankara\n\nAn earthquake struck near Ankara, Turkey. AFAD responded.",
            &quake,
        ),
        story(
            "q2",
            Some("2021-11-13"),
            "Ankara earthquake\n\nAFAD said the earthquake near Ankara hit Turkey hard.",
            &quake,
        ),
        // Undated: content alone must place it.
        story(
            "f3",
            None,
            "Aftermath of the floods\n\nIn Baghdad, the Red Crescent counted the damage of the floods across Iraq.",
            &flood,
        ),
        // The same kind of story a year later is another event.
        story(
            "f4",
            Some("2022-11-10"),
            "Floods in Baghdad again\n\nFloods hit Baghdad, Iraq. The Red Crescent helped.",
            &flood,
        ),
        story(
            "f5",
            Some("2022-11-11"),
            "New floods in Baghdad\n\nBaghdad, Iraq: floods again; Red Crescent on site.",
            &flood,
        ),
    ];
    let d = linked(&m, docs);
    let mut events: Vec<Vec<String>> = d.events.iter().map(|e| ids(&d, &e.sources)).collect();
    events.sort();
    assert_eq!(
        events,
        [vec!["f1", "f2", "f3"], vec!["f4", "f5"], vec!["q1", "q2"]]
    );
    for e in &d.events {
        assert!(!e.from_manifest);
        assert!(e.date.is_some() && !e.title.is_empty() && e.id.starts_with("20"));
    }
}

#[test]
fn an_undated_source_naming_a_later_year_leaves_an_older_event_on_a_near_tie() {
    let m = manifest(&[]);
    let flood = [
        ("Baghdad", Place),
        ("Iraq", Place),
        ("Red Crescent", Organization),
    ];
    let text = "Floods in Baghdad\n\nFloods hit Baghdad, Iraq. The Red Crescent helped.";
    let docs = vec![
        story("old1", Some("2021-11-10"), text, &flood),
        story("old2", Some("2021-11-12"), text, &flood),
        story("new1", Some("2023-11-10"), text, &flood),
        story("new2", Some("2023-11-11"), text, &flood),
        // As like one event as the other; it names 2024 (the rebuilding plan's year).
        story(
            "undated",
            None,
            "Floods in Baghdad\n\nFloods hit Baghdad, Iraq. The Red Crescent helped. Rebuilding is planned for 2024.",
            &flood,
        ),
    ];
    let d = linked(&m, docs);
    let mut events: Vec<Vec<String>> = d.events.iter().map(|e| ids(&d, &e.sources)).collect();
    events.sort();
    assert_eq!(
        events,
        [vec!["new1", "new2", "undated"], vec!["old1", "old2"]]
    );
}

#[test]
fn manifest_events_keep_their_sources_and_figures_disagree() {
    let mut m = manifest(&[]);
    m.events = serde_yaml::from_str("[{id: plot, title: The plot, date: 2019-12-29}]").unwrap();
    let docs = vec![
        DocBuilder::new("a", "Police said two Russians were detained.")
            .published("2019-12-29")
            .event("plot")
            .build(),
        DocBuilder::new("b", "Seven members of the cell were arrested on Friday.")
            .published("2019-12-30")
            .event("plot")
            .build(),
    ];
    let d = linked(&m, docs);
    assert_eq!(d.events.len(), 1);
    assert!(d.events[0].from_manifest);
    assert_eq!(ids(&d, &d.events[0].sources), ["a", "b"]);
    let dis = &d.events[0].disagreements;
    assert_eq!(dis.len(), 1, "{dis:?}");
    assert_eq!(dis[0].fact, "detained");
    assert!(dis[0].from_text);
    let values: Vec<&str> = dis[0].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["2", "7"]);
    assert_eq!(
        dis[0].values[0].evidence[0].as_ref().map(|e| e.0.as_str()),
        Some("two Russians")
    );
}

// ---- related ----

#[test]
fn related_sources_rank_shared_quotes_and_events_first() {
    let m = manifest(&[]);
    let q = "the information shared via the special services helped a great deal";
    let docs = vec![
        quoted("a", "2020-01-01", q, Some("Kremlin")),
        quoted("b", "2020-01-02", q, Some("Kremlin")),
        quoted(
            "c",
            "2020-01-02",
            "an unrelated remark about the weather today",
            Some("Someone"),
        ),
    ];
    let d = linked(&m, docs);
    let a = d.documents.iter().position(|x| x.id == "a").unwrap();
    let related = &d.links[a].related;
    assert_eq!(d.documents[related[0].doc].id, "b");
    assert_eq!(related[0].shared_quotes, 1);
}
