//! Language detection (whatlang: small, pure Rust, 69 languages, trigram-based) mapped to
//! ISO 639-1 codes.

use whatlang::Lang;

/// The ISO 639-1 code of the text's language, or None when the text is too short or mixed to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    // The first 1,500 characters, borrowed rather than copied: trigram statistics settle well
    // before that on running text, and detection cost grows with the sample (it was 4 % of a
    // build's time at 4,000 characters).
    let cut = text.char_indices().nth(1500).map_or(text.len(), |(i, _)| i);
    let sample = &text[..cut];
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && sample.split_whitespace().count() < 20 {
        return None;
    }
    Some(iso_639_1(info.lang()))
}

/// Maps whatlang's ISO 639-3 languages to the two-letter codes the web and the gold use.
pub fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Pol => "pl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Ara => "ar",
        Lang::Tur => "tr",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Bul => "bg",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Slv => "sl",
        Lang::Ell => "el",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Cat => "ca",
        Lang::Pes => "fa",
        Lang::Tha => "th",
        Lang::Bel => "be",
        Lang::Afr => "af",
        Lang::Epo => "eo",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_news_languages() {
        assert_eq!(
            detect(
                "Russlands Präsident Putin nutzt dies für eine demonstrative Annäherung an seinen US-Kollegen Trump."
            ),
            Some("de")
        );
        assert_eq!(
            detect(
                "The Kremlin says Russian President Vladimir Putin has thanked U.S. President Donald Trump for information."
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "Le président russe a remercié son homologue américain pour les informations transmises par la CIA."
            ),
            Some("fr")
        );
    }
}
