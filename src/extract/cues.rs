//! Word lists that attribution and term detection share, per language (en, de, fr, es, pt, cs,
//! zh): verbs and phrases that attribute words to someone, words that mark a quoted term, role
//! nouns that can head a speaker ("a government spokesman", "Kremlsprecher"), titles, pronouns.
//! Kept as data so that a language is added by adding lines, not code.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Attribution verbs as they stand in running text, all languages together (lowercase). Languages
/// share almost none of these forms, so one list serves mixed and mis-detected texts too.
pub const SPEECH_VERBS: &[&str] = &[
    // en
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "noted",
    "notes", "noting", "stated", "states", "wrote", "writes", "explained", "explains", "asserted",
    "insisted", "insists", "argued", "argues", "warned", "warns", "claimed", "claims", "announced",
    "confirmed", "replied", "replies", "responded", "answered", "continued", "remarked",
    "commented", "stressed", "stresses", "emphasised", "emphasized", "acknowledged", "admitted",
    "conceded", "recalled", "recalls", "tweeted", "posted", "urged", "asked", "asks", "suggested",
    "observed", "pointed out", "concluded", "maintained", "predicted", "promised", "vowed",
    "pledged", "testified", "complained", "lamented", "quipped", "joked", "cautioned", "countered",
    "alleged", "reiterated", "assured", "declared", "told reporters", "wrote on", "according to",
    "as saying", "in a statement", "in an interview",
    // de
    "sagte", "sagt", "sagten", "sagen", "erklärte", "erklärt", "erklärten", "betonte", "betont",
    "betonten", "teilte", "teilt", "teilten", "meinte", "meint", "fügte", "ergänzte", "ergänzt",
    "warnte", "warnt", "kritisierte", "kritisiert", "schrieb", "schreibt", "twitterte",
    "bestätigte", "berichtete", "äußerte", "unterstrich", "forderte", "versicherte",
    "bekräftigte", "räumte", "antwortete", "verkündete", "mahnte", "zufolge", "hieß es",
    "heißt es", "nach angaben", "laut",
    // fr
    "a déclaré", "a dit", "a affirmé", "a indiqué", "a expliqué", "a ajouté", "a souligné",
    "a estimé", "a assuré", "a précisé", "a annoncé", "a averti", "a déploré", "a insisté",
    "a martelé", "a lancé", "a confié", "a répondu", "a reconnu", "a jugé", "a dénoncé",
    "a écrit", "a tweeté", "a prévenu", "a rappelé", "a poursuivi", "a conclu", "a commenté",
    "ont déclaré", "ont affirmé", "ont indiqué", "ont dit", "déclare", "affirme", "estime",
    "explique", "ajoute", "souligne", "assure", "précise", "indique", "rappelle", "poursuit",
    "insiste", "confie", "répond", "reconnaît", "dénonce", "prévient", "martèle", "selon",
    "d'après", "d’après", "a-t-il", "a-t-elle", "ont-ils", "dit-il", "dit-elle",
    // es
    "dijo", "afirmó", "declaró", "aseguró", "explicó", "señaló", "indicó", "añadió", "agregó",
    "advirtió", "subrayó", "destacó", "sostuvo", "manifestó", "expresó", "comentó", "apuntó",
    "precisó", "insistió", "reconoció", "admitió", "respondió", "escribió", "tuiteó", "denunció",
    "recordó", "concluyó", "anunció", "afirma", "asegura", "dice", "explica", "señala",
    "añade", "agrega", "advierte", "subraya", "sostiene", "ha dicho", "ha afirmado",
    "ha asegurado", "ha declarado", "ha señalado", "ha explicado", "según", "de acuerdo con",
    // pt
    "disse", "afirmou", "declarou", "garantiu", "explicou", "ressaltou", "destacou",
    "acrescentou", "sublinhou", "frisou", "alertou", "advertiu", "defendeu", "comentou",
    "informou", "escreveu", "respondeu", "reconheceu", "admitiu", "assegurou", "observou",
    "lembrou", "concluiu", "anunciou", "diz", "declara", "garante", "ressalta", "acrescenta",
    "segundo", "de acordo com", "conforme",
    // cs
    "řekl", "řekla", "řekli", "uvedl", "uvedla", "uvedli", "uvádí", "prohlásil", "prohlásila",
    "prohlásili", "říká", "říkal", "říkala", "sdělil", "sdělila", "sdělili", "napsal",
    "napsala", "dodal", "dodala", "dodává", "zdůraznil", "zdůraznila", "konstatoval",
    "konstatovala", "upozornil", "upozornila", "vysvětlil", "vysvětlila", "poznamenal",
    "poznamenala", "tvrdí", "tvrdil", "tvrdila", "oznámil", "oznámila", "potvrdil",
    "potvrdila", "varoval", "varovala", "odpověděl", "odpověděla", "míní", "podle",
];

/// Chinese attribution verbs and markers (matched without word boundaries).
pub const ZH_SPEECH: &[&str] = &[
    "表示", "说道", "对记者说", "告诉记者", "补充说", "指出", "强调", "宣布", "透露", "坦言",
    "回应", "写道", "声称", "认为", "称", "说", "据",
];

/// Cues that introduce the source after them ("according to X"), all languages.
pub const PREP_CUES: &[&str] = &[
    "according to", "selon", "d'après", "d’après", "según", "de acuerdo con", "segundo",
    "de acordo com", "conforme", "podle", "laut", "nach angaben von", "nach angaben des",
    "nach angaben der",
];

/// Cues whose source stands before them ("dem Kreml zufolge").
pub const POSTPOSITION_CUES: &[&str] = &["zufolge"];

/// German ", so X" and Spanish/Portuguese ", en palabras de X": cues that only mean attribution in
/// one language and would misfire elsewhere ("so" in English).
pub fn language_cues(language: &str) -> &'static [&'static str] {
    match language {
        "de" => &["so"],
        _ => &[],
    }
}

/// Words before a quotation mark that make the quoted words a term, not speech (lowercase).
pub const TERM_BEFORE: &[&str] = &[
    // en
    "so-called", "so called", "the term", "the word", "the words", "the phrase", "the expression",
    "the slogan", "the motto", "the hashtag", "the label", "the name", "the nickname", "dubbed",
    "nicknamed", "known as", "branded", "labelled", "labeled", "titled", "entitled", "the book",
    "the film", "the movie", "the show", "the song", "the novel", "the album", "the series",
    "the documentary", "the programme", "the program", "the campaign", "operation",
    "spoke of", "speak of", "speaks of", "talk of", "talked of", "referred to as",
    "reading", "chanting", "chanted", "the concept of", "the notion of", "coined",
    // de
    "sogenannte", "sogenannten", "sogenannter", "sogenanntes", "so genannte", "so genannten",
    "den begriff", "der begriff", "dem begriff", "das wort", "den ausdruck", "die formel",
    "das motto", "den slogan", "der slogan", "unter dem motto", "unter dem titel",
    "mit dem titel", "das buch", "den film", "der film", "die sendung", "die serie",
    "sprachen von", "sprechen von", "spricht von", "sprach von", "die terrormiliz",
    "der terrormiliz", "die miliz", "die gruppe", "der gruppe", "die organisation", "die partei",
    "der partei", "die operation",
    // fr
    "le terme", "le mot", "l'expression", "l’expression", "le slogan", "la formule", "dit",
    "dite", "dits", "dites", "qualifié de", "qualifiée de", "surnommé", "surnommée", "baptisé",
    "baptisée", "intitulé", "intitulée", "le livre", "le film", "l'émission", "l’émission",
    "la série", "l'opération", "l’opération", "parlent de", "parle de", "soi-disant",
    "prétendu", "prétendue", "le groupe", "l'organisation", "l’organisation", "le parti",
    "la notion de",
    // es
    "el término", "la palabra", "la expresión", "el lema", "el eslogan", "la consigna",
    "el llamado", "la llamada", "los llamados", "las llamadas", "denominado", "denominada",
    "conocido como", "conocida como", "apodado", "apodada", "bautizado", "bautizada",
    "titulado", "titulada", "el libro", "la película", "el programa", "la serie", "la operación",
    "hablan de", "habló de", "supuesto", "supuesta", "autodenominado", "autodenominada",
    "autoproclamado", "autoproclamada", "el grupo", "la organización", "el partido",
    // pt
    "o termo", "a palavra", "a expressão", "o lema", "o slogan", "o chamado", "a chamada",
    "os chamados", "as chamadas", "denominado", "conhecido como", "conhecida como",
    "apelidado", "apelidada", "batizado", "batizada", "intitulado", "intitulada", "o livro",
    "o filme", "o programa", "a série", "a operação", "falam de", "falou em", "suposto",
    "suposta", "autoproclamado", "o grupo", "a organização", "o partido",
    // cs
    "takzvaný", "takzvaná", "takzvané", "takzvaného", "takzvanou", "takzvaném", "takzvaných",
    "tzv.", "tak zvaný", "termín", "slovo", "výraz", "heslo", "slogan", "označení",
    "přezdívaný", "přezdívaná", "nazývaný", "nazývaná", "nazvaný", "nazvaná", "kniha", "film",
    "pořad", "seriál", "operace", "hovoří o", "mluví o", "samozvaný", "samozvaného",
    "samozvaná", "skupina", "skupiny", "organizace", "strana",
    // zh
    "所谓", "所谓的", "称为", "被称为", "称之为", "号称", "名为", "代号", "口号",
];

/// Words right after the closing mark that make the quoted words a term (", a term …").
pub const TERM_AFTER: &[&str] = &[
    ", a term", ", a word", ", a phrase", " is a term", ", ein begriff", ", ein wort",
    ", un terme", ", un mot", ", un término", ", una palabra", ", um termo", ", uma palavra",
    ", termín", "一词", "这个词", "这一说法", "的说法",
];

/// Nouns that head a speaker phrase: roles and offices (lowercase). German compounds are matched
/// by suffix ([`ROLE_SUFFIXES_DE`]).
pub const ROLE_NOUNS: &[&str] = &[
    // en
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "official",
    "officials", "minister", "president", "secretary", "chief", "head", "director",
    "ambassador", "envoy", "adviser", "advisor", "aide", "prosecutor", "lawyer", "attorney",
    "witness", "eyewitness", "resident", "residents", "owner", "analyst", "expert", "source",
    "sources", "diplomat", "officer", "commander", "general", "governor", "mayor", "senator",
    "lawmaker", "chancellor", "premier", "leader", "chairman", "chairwoman", "chair", "ceo",
    "founder", "professor", "researcher", "doctor", "representative", "member", "activist",
    "journalist", "correspondent", "survivor", "victim", "mother", "father", "neighbour",
    "neighbor", "teacher", "student", "worker", "farmer", "soldier", "negotiator", "judge",
    "investigator", "economist", "historian", "scientist", "manager", "executive", "candidate",
    "deputy", "inspector", "coordinator", "counsel", "colleague", "man", "woman",
    // de
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin",
    "botschafter", "botschafterin", "beamter", "beamte", "beamtin", "augenzeuge", "augenzeugin",
    "anwohner", "anwohnerin", "ladenbesitzer", "ladenbesitzerin", "diplomat", "diplomatin",
    "experte", "expertin", "chef", "chefin", "kanzler", "kanzlerin", "bürgermeister",
    "bürgermeisterin", "staatsanwalt", "staatsanwältin", "generalsekretär", "vorsitzende",
    "vorsitzender", "leiter", "leiterin", "zeuge", "zeugin", "anwalt", "anwältin", "analyst",
    "analystin", "vertreter", "vertreterin", "abgeordnete", "abgeordneter",
    // fr
    "porte-parole", "ministre", "président", "présidente", "ambassadeur", "ambassadrice",
    "secrétaire", "chef", "directeur", "directrice", "responsable", "témoin", "habitant",
    "habitante", "expert", "experte", "diplomate", "procureur", "procureure", "avocat",
    "avocate", "maire", "député", "députée", "sénateur", "sénatrice", "commissaire",
    "dirigeant", "dirigeante", "analyste", "source", "chercheur", "chercheuse",
    // es
    "portavoz", "ministro", "ministra", "presidente", "presidenta", "embajador", "embajadora",
    "secretario", "secretaria", "jefe", "jefa", "director", "directora", "testigo", "vecino",
    "vecina", "experto", "experta", "diplomático", "fiscal", "abogado", "abogada", "alcalde",
    "alcaldesa", "diputado", "diputada", "senador", "senadora", "canciller", "dirigente",
    "analista", "fuente", "vocero", "vocera", "funcionario", "funcionaria",
    // pt
    "porta-voz", "embaixador", "embaixadora", "secretário", "secretária", "chefe", "diretor",
    "diretora", "responsável", "testemunha", "morador", "moradora", "especialista",
    "diplomata", "procurador", "procuradora", "advogado", "advogada", "prefeito", "prefeita",
    "deputado", "deputada", "chanceler", "fonte", "funcionário", "funcionária",
    // cs
    "mluvčí", "ministr", "ministryně", "prezident", "prezidentka", "velvyslanec",
    "velvyslankyně", "tajemník", "šéf", "šéfka", "ředitel", "ředitelka", "svědek", "svědkyně",
    "obyvatel", "obyvatelka", "expert", "expertka", "státní zástupce", "advokát", "starosta",
    "starostka", "poslanec", "poslankyně", "senátor", "senátorka", "premiér", "premiérka",
    "předseda", "předsedkyně", "analytik", "analytička", "zdroj", "kancléř", "kancléřka",
    "ministra", "prezidenta", "mluvčího", "premiéra", "předsedy",
];

/// German compound role nouns end in these ("Kremlsprecher", "Außenministerin").
pub const ROLE_SUFFIXES_DE: &[&str] = &[
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin", "chef",
    "chefin", "kanzler", "kanzlerin", "botschafter", "botschafterin", "beamter", "leiter",
    "leiterin", "vorsitzender", "vorsitzende", "sekretär", "sekretärin",
];

/// Chinese role nouns (matched as substrings).
pub const ROLE_NOUNS_ZH: &[&str] = &[
    "发言人", "总统", "部长", "外长", "总理", "主席", "大使", "秘书长", "官员", "专家", "市长",
    "议员", "首相", "局长", "主任", "负责人", "目击者", "居民",
];

/// Role nouns that say the speaker is a woman, and those that say a man (for "she"/"he").
pub const FEMALE_ROLES: &[&str] = &[
    "spokeswoman", "chairwoman", "woman", "mother", "sprecherin", "ministerin", "präsidentin",
    "botschafterin", "beamtin", "augenzeugin", "anwohnerin", "kanzlerin", "zeugin", "présidente",
    "ministra", "presidenta", "portavoz", "prezidentka", "ministryně", "mluvčí",
];
pub const MALE_ROLES: &[&str] = &[
    "spokesman", "chairman", "man", "father", "sprecher", "präsident", "botschafter", "beamter",
    "kanzler", "ministro", "presidente", "prezident", "ministr",
];

/// Nouns that head an organisation-like speaker ("Putin's office", "the security service").
pub const BODY_NOUNS: &[&str] = &[
    "office", "ministry", "service", "agency", "government", "statement", "website", "police",
    "army", "military", "council", "committee", "party", "court", "spokespeople", "department",
    "embassy", "administration", "authorities", "prosecutors", "presidency", "cabinet",
    "regierung", "ministerium", "polizei", "behörde", "behörden", "staatsanwaltschaft",
    "gouvernement", "ministère", "police", "gobierno", "ministerio", "policía", "governo",
    "ministério", "polícia", "vláda", "ministerstvo", "policie", "úřad",
];

/// Titles stripped from a person's name for the speaker ("President", "Kremlsprecher").
pub const TITLES: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "president",
    "vice-president", "prime", "minister", "chancellor", "senator", "sen.", "rep.", "gov.",
    "governor", "mayor", "general", "gen.", "colonel", "col.", "pope", "king", "queen", "prince",
    "princess", "sheikh", "ayatollah", "judge", "justice", "ambassador", "secretary",
    "secretary-general", "chief", "deputy", "foreign", "defence", "defense", "interior",
    "finance", "press", "spokesman", "spokeswoman", "spokesperson", "state", "attorney",
    "speaker", "leader", "chairman", "chairwoman", "director", "head", "commander", "envoy",
    "lawmaker", "opposition", "former", "acting", "senior", "top", "official", "prosecutor",
    "lieutenant", "captain", "major", "admiral", "marshal", "herr", "frau", "präsident",
    "präsidentin", "kanzler", "kanzlerin", "bundeskanzler", "bundeskanzlerin", "ministerin",
    "botschafter", "botschafterin", "m.", "mme", "mme.", "président", "présidente", "ministre",
    "premier", "presidente", "presidenta", "ministro", "ministra", "señor", "señora", "sr.",
    "sra.", "don", "doña", "senhor", "senhora", "prezident", "prezidentka", "premiér",
    "premiérka", "ministr", "ministryně", "pan", "paní", "mluvčí", "vicepremiér", "předseda",
    "předsedkyně", "canciller", "chanceler", "primer", "primeiro", "primeira", "staatsanwalt",
    "porte-parole", "portavoz", "porta-voz", "chief-of-staff", "white", "house", "the",
];

/// Personal pronouns that can stand for a speaker, with whether they are feminine (`Some(true)`),
/// masculine (`Some(false)`) or either / an organisation (`None`).
pub fn pronoun(word: &str) -> Option<Option<bool>> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
        "he" | "er" | "il" | "él" | "ele" | "on" | "他" => Some(false),
        "she" | "sie" | "elle" | "ella" | "ela" | "ona" | "她" => Some(true),
        _ => return None,
    })
}

/// Determiners that start a noun phrase, all languages (lowercase).
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "der", "die", "das", "den", "dem", "des", "ein", "eine",
    "einer", "einem", "eines", "le", "la", "les", "l'", "l’", "un", "une", "du", "el", "los",
    "las", "una", "uno", "o", "os", "as", "um", "uma",
];

/// Lowercase words that may stand inside a speaker phrase before its head noun.
pub const MODIFIERS: &[&str] = &[
    "senior", "local", "former", "deputy", "chief", "foreign", "top", "state", "official",
    "government", "police", "military", "press", "security", "intelligence", "defence",
    "defense", "interior", "justice", "health", "finance", "economy", "shop", "party",
    "opposition", "regional", "federal", "national", "presidential", "public", "prosecution",
    "army", "ministry", "foreign-ministry", "white", "house", "news", "unnamed", "anonymous",
    "high-ranking", "ranking", "russian", "american", "german", "french", "british",
    "ukrainian", "chinese", "european", "israeli", "iranian", "syrian", "turkish", "spanish",
    "official", "new", "same", "two", "three", "several", "many", "some", "other", "young",
    "elderly", "retired", "veteran", "trade", "union", "human", "rights", "aid", "relief",
    "medical", "hospital", "emergency", "rescue", "fire", "city", "town", "village", "council",
    "general", "executive", "managing", "political", "legal", "independent", "leading",
];

/// The lexicon words as sets, for fast membership.
pub struct Lexicon {
    pub verbs: HashSet<&'static str>,
    pub roles: HashSet<&'static str>,
    pub bodies: HashSet<&'static str>,
    pub titles: HashSet<&'static str>,
    pub determiners: HashSet<&'static str>,
    pub modifiers: HashSet<&'static str>,
}

/// The shared lexicon, built once.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    verbs: SPEECH_VERBS.iter().copied().collect(),
    roles: ROLE_NOUNS.iter().copied().collect(),
    bodies: BODY_NOUNS.iter().copied().collect(),
    titles: TITLES.iter().copied().collect(),
    determiners: DETERMINERS.iter().copied().collect(),
    modifiers: MODIFIERS.iter().copied().collect(),
});

/// Whether a (lowercase) word is a role noun, German compounds included.
pub fn is_role(word_lower: &str) -> bool {
    LEXICON.roles.contains(word_lower)
        || (word_lower.chars().count() > 8
            && ROLE_SUFFIXES_DE.iter().any(|s| word_lower.ends_with(s)))
}

/// Whether a (lowercase) word is a role that names a woman (`Some(true)`) or a man.
pub fn role_gender(word_lower: &str) -> Option<bool> {
    if FEMALE_ROLES.contains(&word_lower) || word_lower.ends_with("sprecherin") {
        Some(true)
    } else if MALE_ROLES.contains(&word_lower) || word_lower.ends_with("sprecher") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_compound_roles_are_roles() {
        assert!(is_role("kremlsprecher"));
        assert!(is_role("außenministerin"));
        assert!(!is_role("anschlag"));
        assert_eq!(role_gender("regierungssprecherin"), Some(true));
        assert_eq!(role_gender("spokesman"), Some(false));
    }

    #[test]
    fn pronouns_carry_gender() {
        assert_eq!(pronoun("She"), Some(Some(true)));
        assert_eq!(pronoun("er"), Some(Some(false)));
        assert_eq!(pronoun("Putin"), None);
    }
}
