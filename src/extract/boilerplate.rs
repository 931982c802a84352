//! What one line of a scraped page is, looked at on its own: site chrome of a known kind
//! (skip links, menus, captions and credits, "Read more" links, video-player text, share and
//! comment prompts, footers, agency credits), a byline, a dateline, a sentence or a short label.
//!
//! These are the line-level signals; `clean.rs` combines them with the line's position in the
//! page (before the headline, between paragraphs, after the last paragraph) to decide what is
//! article and what is chrome. The vocabularies are the words web pages use for their own
//! furniture in the languages we read (en, de, fr, es, pt, it, cs, zh), never phrases of
//! particular articles.

use regex::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::dates;

/// Why a line was dropped, kept with the line so metadata can still read it (outlet names in
/// footers, datelines in the article head).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeKind {
    /// Skip links, menus, section labels, buttons: the site's navigation.
    Navigation,
    /// Image captions and photo credits.
    Caption,
    /// "Read more:" lines and related headlines.
    Related,
    /// Video-player text, durations, video captions.
    Video,
    /// Share buttons, comment prompts, newsletter and subscription prompts, adverts.
    Promo,
    /// Copyright, legal links, the outlet's description of itself.
    Footer,
    /// Agency and contributor credits (`dm/tj (AP, Reuters)`, "With reporting by …").
    Credit,
    /// A byline ("By Jane Doe, Example News").
    Byline,
    /// A line that is a date or time stamp (datelines, site clocks, "Updated").
    Date,
    /// A line the page repeats (duplicated captions, repeated teasers).
    Repeated,
    /// Anything else outside the article (lines before the headline or after the last paragraph).
    Other,
}

/// Where in the page a dropped line stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Before the headline: the site header (menus, clocks, edition names).
    BeforeTitle,
    /// Between the headline and the first paragraph: bylines, datelines, captions.
    ArticleHead,
    /// Between the first and the last paragraph of the article.
    Body,
    /// After the article: credits, related stories, footers.
    Tail,
}

/// A line dropped as chrome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChromeLine {
    pub text: String,
    pub kind: ChromeKind,
    pub zone: Zone,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern")
}

/// Words pages use for their own buttons and menus. A line made only of these is navigation.
const UI_WORDS: &[&str] = &[
    // en
    "home",
    "menu",
    "search",
    "share",
    "shares",
    "this",
    "with",
    "on",
    "via",
    "tweet",
    "email",
    "e-mail",
    "mail",
    "print",
    "copy",
    "link",
    "comment",
    "comments",
    "subscribe",
    "login",
    "log",
    "in",
    "sign",
    "up",
    "out",
    "register",
    "newsletter",
    "newsletters",
    "close",
    "open",
    "next",
    "previous",
    "prev",
    "back",
    "top",
    "more",
    "less",
    "show",
    "hide",
    "sections",
    "section",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "updated",
    "live",
    "breaking",
    "news",
    "video",
    "videos",
    "audio",
    "listen",
    "watch",
    "play",
    "pause",
    "image",
    "images",
    "photo",
    "photos",
    "gallery",
    "accessibility",
    "links",
    "help",
    "cookies",
    "cookie",
    "settings",
    "privacy",
    "policy",
    "terms",
    "use",
    "of",
    "and",
    "contact",
    "us",
    "about",
    "imprint",
    "skip",
    "to",
    "content",
    "main",
    "navigation",
    "edition",
    "account",
    "my",
    "follow",
    "save",
    "saved",
    "bookmark",
    "continue",
    "reading",
    "read",
    "full",
    "article",
    "story",
    "page",
    "font",
    "size",
    "text",
    "feedback",
    "report",
    "error",
    "xs",
    "sm",
    "md",
    "lg",
    "xl",
    "toggle",
    "expand",
    "collapse",
    "sitemap",
    "rss",
    "app",
    "apps",
    "download",
    "podcast",
    "podcasts",
    "weather",
    "opinion",
    "latest",
    "trending",
    "popular",
    "most",
    "viewed",
    "top",
    "stories",
    "the",
    "a",
    "for",
    "you",
    "your",
    "accept",
    "all",
    "reject",
    "manage",
    "preferences",
    "de",
    "en",
    "fr",
    "es",
    "pt",
    "cs",
    "zh",
    "english",
    "deutsch",
    "français",
    "español",
    "português",
    "čeština",
    "中文",
    // social networks
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "telegram",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "tiktok",
    "flipboard",
    "messenger",
    "threads",
    "bluesky",
    "mastodon",
    "xing",
    "vk",
    "weibo",
    "wechat",
    "微博",
    "微信",
    // de
    "startseite",
    "menü",
    "suche",
    "suchen",
    "teilen",
    "drucken",
    "kommentar",
    "kommentare",
    "abonnieren",
    "anmelden",
    "abmelden",
    "registrieren",
    "schließen",
    "weiter",
    "zurück",
    "mehr",
    "anzeige",
    "werbung",
    "aktualisiert",
    "seitenanfang",
    "nach",
    "oben",
    "impressum",
    "datenschutz",
    "kontakt",
    "barrierefreiheit",
    "cookie-einstellungen",
    "einstellungen",
    "merken",
    "vorlesen",
    "zum",
    "inhalt",
    "hauptinhalt",
    "springen",
    "bild",
    "bilder",
    "fotos",
    "artikel",
    "lesen",
    "hören",
    "anhören",
    "nutzungsbedingungen",
    "agb",
    // fr
    "accueil",
    "rechercher",
    "recherche",
    "partager",
    "imprimer",
    "commentaire",
    "commentaires",
    "s'abonner",
    "abonnez-vous",
    "connexion",
    "se",
    "connecter",
    "fermer",
    "suivant",
    "précédent",
    "publicité",
    "pub",
    "mis",
    "à",
    "jour",
    "aller",
    "au",
    "contenu",
    "mentions",
    "légales",
    "confidentialité",
    "lire",
    "plus",
    "voir",
    "tout",
    "nous",
    "contacter",
    "écouter",
    "j'ai",
    "déjà",
    "un",
    "compte",
    // es
    "inicio",
    "buscar",
    "búsqueda",
    "compartir",
    "imprimir",
    "comentario",
    "comentarios",
    "suscríbete",
    "suscribirse",
    "iniciar",
    "sesión",
    "cerrar",
    "siguiente",
    "anterior",
    "publicidad",
    "actualizado",
    "ir",
    "al",
    "contenido",
    "principal",
    "aviso",
    "legal",
    "privacidad",
    "contacto",
    "más",
    "ver",
    "escuchar",
    "noticia",
    "portada",
    // pt
    "início",
    "pesquisar",
    "pesquisa",
    "compartilhar",
    "partilhar",
    "comentar",
    "comentários",
    "assine",
    "assinar",
    "entrar",
    "sair",
    "fechar",
    "próximo",
    "publicidade",
    "atualizado",
    "atualizada",
    "conteúdo",
    "privacidade",
    "contato",
    "contacto",
    "mais",
    "ouvir",
    "ler",
    "capa",
    // cs
    "úvod",
    "hledat",
    "vyhledávání",
    "sdílet",
    "tisk",
    "tisknout",
    "komentář",
    "komentáře",
    "diskuse",
    "předplatné",
    "předplatit",
    "přihlásit",
    "přihlášení",
    "odhlásit",
    "zavřít",
    "další",
    "předchozí",
    "reklama",
    "aktualizováno",
    "přejít",
    "na",
    "obsah",
    "hlavní",
    "kontakty",
    "více",
    "zobrazit",
    "poslechnout",
    "článek",
    // zh
    "首页",
    "搜索",
    "分享",
    "打印",
    "评论",
    "订阅",
    "登录",
    "注册",
    "关闭",
    "更多",
    "广告",
    "返回",
    "顶部",
    "上一篇",
    "下一篇",
    "点击",
    "查看",
    "导航",
    "菜单",
    "收藏",
    "字号",
    "大",
    "中",
    "小",
    "视频",
    "图片",
    "新闻",
    "推荐",
];

/// Whether every word of the line is a menu or button word ("Share this with", "Facebook
/// Twitter Email", "Menu", "Accessibility links").
pub fn is_ui_line(line: &str) -> bool {
    // Stops at the first word that is not a UI word (or the ninth word): a paragraph costs a
    // word or two, not a lowercased copy of every word.
    let mut words = 0;
    for w in line
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ',' | '›' | '»' | '>')
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-'))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if words > 8 || !is_ui_word(w) {
            return false;
        }
    }
    words > 0
}

/// Whether `word` (any case) is one of [`UI_WORDS`].
fn is_ui_word(word: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| UI_WORDS.iter().copied().collect());
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b.is_ascii())
    {
        SET.contains(word)
    } else {
        SET.contains(word.to_lowercase().as_str())
    }
}

static SKIP_LINK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\d+\.\s*)?(?:skip|jump|aller|saltar|ir|pular|přeskočit|přejít|springe|zum)\s+(?:to|next|directly|au|à|al|a|para|o|na|k|zu|zum|zur|inhalt|navigation)\b",
    )
});

static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        read\s+(?:more|also|next)|also\s+read|see\s+also|related(?:\s+(?:stories|articles|coverage|content|news))?|more\s+on\s+this(?:\s+story)?|recommended|you\s+may\s+also\s+like|more\s+from|most\s+read|most\s+popular|watch\s*:|listen\s*:
        | lesen\s+sie\s+(?:auch|mehr|hier)|mehr\s+zum\s+thema|mehr\s+dazu|auch\s+interessant|das\s+könnte\s+sie\s+auch\s+interessieren|weitere\s+artikel|meistgelesen
        | (?:à\s+)?lire\s+(?:aussi|également|la\s+suite)|voir\s+aussi|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|découvrir\s+aussi
        | le[ae]\s+(?:también|más)|leer\s+más|te\s+puede\s+interesar|le\s+puede\s+interesar|ver\s+también|más\s+noticias|lo\s+más\s+leído|noticias\s+relacionadas
        | leia\s+(?:também|mais)|veja\s+(?:também|mais)|saiba\s+mais|mais\s+lidas|notícias\s+relacionadas
        | čtěte\s+(?:také|též|více)|přečtěte\s+si\s+(?:také|též|více)|související(?:\s+články)?|nejčtenější|další\s+články
        | 相关(?:阅读|新闻|文章|报道|链接)|延伸阅读|推荐阅读|阅读更多|更多(?:新闻|报道)|热门(?:新闻|文章)
    )(?:\s*[:：\-–—»›>|]|\s*$|(?-i:\s+\p{Lu}))")
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        (?:image|images|photo|photos|photograph|picture|pic|foto|fotos|bild|bilder|bildquelle|quelle|fotografía|fotografia|imagem|obrázek|snímek|图片来源|图片|图|摄影|credit|credits|crédit|crédits|crédito|créditos|source|fuente|fonte|zdroj|copyright|illustration|ilustración|ilustração|media\s+caption|caption|légende|leyenda|legenda|bildunterschrift|popisek|video)\s*[:：].*
        | ©.* | \(c\)\s.* | copyright\s+\S.*
        | (?:ap|afp|reuters|dpa|epa|getty\s+images|picture[\s-]alliance|keystone|efe|lusa|čtk|xinhua|imago|anadolu|sipa|shutterstock|istock)(?:\s*/\s*[\w\ .-]+)*
    )$")
});

/// "… Putin. - Keystone", "… (Foto: dpa)": a caption with its credit on the same line.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)(?:
        [.!?…]\s+[-–—|]\s+(?:(?i:foto|photo|bild|image|crédit|crédito|zdroj)\s*:?\s*)?\p{L}[\p{L}\d/.&\ -]{1,40}
      | \((?i:foto|photo|bild|image|picture|crédit|crédito|imagem|zdroj|quelle)\s*:\s*[^)]{1,60}\)
      | (?i:foto|photo|bild|crédit|crédito|zdroj)\s*:\s*\p{Lu}[\p{L}\d/.&\ -]{1,40}
    )$")
});

/// A necessary condition for [`TRAILING_CREDIT`]: the start of each alternative (the sentence end
/// and dash, or the credit word and its colon). The full pattern's long counted Unicode classes
/// overflow the regex engine's DFA cache, so it runs only on the few lines that pass this.
static TRAILING_CREDIT_GATE: LazyLock<Regex> = LazyLock::new(|| re(TRAILING_CREDIT_GATE_PATTERN));
/// [`TRAILING_CREDIT_GATE`]'s pattern, also a part of [`ANY_LINE_GATE`].
const TRAILING_CREDIT_GATE_PATTERN: &str = r"[.!?…]\s+[-–—|]\s|\((?i:foto|photo|bild|image|picture|crédit|crédito|imagem|zdroj|quelle)\s*:|(?i:foto|photo|bild|crédit|crédito|zdroj)\s*:";

static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:duration|dauer|durée|duración|duração|délka|时长|video\s+length|length)\s*[:：]?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:min|mins|minutes|minuten|minutos|minut))?$",
    )
});

static PLAYER_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?:
        (?:this|your)\s+browser\s+(?:does\s+not|doesn't|cannot|can't)\s+(?:support|play)
      | media\s+playback\s+is\s+(?:not\s+)?(?:supported|unsupported)
      | ihr\s+browser\s+unterstützt | votre\s+navigateur\s+ne | tu\s+navegador\s+no | seu\s+navegador\s+não | o\s+seu\s+navegador\s+não
      | váš\s+prohlížeč\s+nepodporuje | 您的浏览器不支持 | 浏览器不支持
      | ^(?:play|watch|replay)\s+(?:video|now)$ | ^video\s+(?:player|duration) | ^(?:now\s+playing|up\s+next)\b
      | ^(?:video|vídeo|vidéo)\s*[:：]\s*\S
    )")
});

/// [`PLAYER_TEXT`] without its one `\b`: it matches wherever `PLAYER_TEXT` does, and runs on the
/// fast DFA (a Unicode `\b` keeps the regex engine on its slow NFA for any non-ASCII line).
static PLAYER_TEXT_GATE: LazyLock<Regex> = LazyLock::new(|| re(PLAYER_TEXT_GATE_PATTERN));
/// [`PLAYER_TEXT_GATE`]'s pattern, also a part of [`ANY_LINE_GATE`].
const PLAYER_TEXT_GATE_PATTERN: &str = r"(?ix)(?:
        (?:this|your)\s+browser\s+(?:does\s+not|doesn't|cannot|can't)\s+(?:support|play)
      | media\s+playback\s+is\s+(?:not\s+)?(?:supported|unsupported)
      | ihr\s+browser\s+unterstützt | votre\s+navigateur\s+ne | tu\s+navegador\s+no | seu\s+navegador\s+não | o\s+seu\s+navegador\s+não
      | váš\s+prohlížeč\s+nepodporuje | 您的浏览器不支持 | 浏览器不支持
      | ^(?:play|watch|replay)\s+(?:video|now)$ | ^video\s+(?:player|duration) | ^(?:now\s+playing|up\s+next)
      | ^(?:video|vídeo|vidéo)\s*[:：]\s*\S
    )";

/// Prompts and furniture that read like sentences: comment prompts, newsletters, cookies, apps,
/// legal lines.
///
/// Written without `\b`: each word boundary is spelled out as the character beside it, not a
/// letter or digit, or an end (`(?:^|\W)` before a word, `(?:\W|$)` after it, `\W|\W.{0,58}\W`
/// for "at most 60 characters between two words"). For a yes-or-no answer that means the same,
/// and it lets the regex engine run its DFA on any line, where a Unicode `\b` sent every
/// non-ASCII line to its NFA. The DFA's cache is 8 MB (the default 2 MB thrashed on the counted
/// gaps and gave up for the NFA too). On the lines of a generated corpus that pass
/// [`PROMO_KEYWORD`]: 117 → 6 ns a byte. The tests hold it to the same answers as the pattern
/// as first written, with `\b`s (`PROMO_WITH_BOUNDARIES`).
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    regex::RegexBuilder::new(
        r"(?ix)(?:
        (?:^|\W)(?:comment\w*|kommentar\w*|kommentier\w*|commentaire\w*|commenter|comentar\w*|comentário\w*|komentář\w*|komentov\w*|diskus\w*)(?:\W|\W.{0,58}\W)(?:issues?|problems?|rules|guidelines|closed|open|post|log\s+in|sign\s+in|policy|richtlinien|geschlossen|anmelden|angemeldet|règles|fermés|connect\w*|normas|cerrados|iniciar\s+sesión|regras|fechados|entrar|pravidla|uzavřen\w*|přihlás\w*|registr\w*)(?:\W|$)
      | (?:^|\W)(?:sign\s+up|subscribe|register)(?:\W|\W.{0,38}\W)(?:newsletter|email|briefing|updates|free|today|now|here)(?:\W|$)
      | (?:^|\W)(?:
            let\s+us\s+know|tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion)|be\s+the\s+first\s+to\s+comment|leave\s+a\s+comment|post\s+a\s+comment|show\s+comments|view\s+comments
          | (?:download|get)\s+(?:our|the)\s+(?:free\s+)?app | follow\s+us\s+on | folgen\s+sie\s+uns | suivez-nous | síguenos | siga-nos | sledujte\s+nás
          | we\s+use\s+cookies | this\s+(?:site|website)\s+uses\s+cookies | wir\s+verwenden\s+cookies | utilise\s+des\s+cookies | utiliza(?:mos)?\s+cookies | použív\w+\s+cookies
          | all\s+rights\s+reserved | alle\s+rechte\s+vorbehalten | tous\s+droits\s+réservés | todos\s+los\s+derechos\s+reservados | todos\s+os\s+direitos\s+reservados | všechna\s+práva\s+vyhrazena
        )(?:\W|$)
      | (?:^|\W)(?:newsletter\s+(?:abonnieren|bestellen)|jetzt\s+(?:abonnieren|anmelden|registrieren)|abonnez-vous|inscrivez-vous|suscríbete|suscribite|assine\s+(?:já|agora|a\s+newsletter)|přihlaste\s+se\s+k\s+odběru|订阅我们)
      | 版权所有 | 版权声明
      | ^(?:click\s+here|klicken\s+sie\s+hier|cliquez\s+ici|haz\s+clic|clique\s+aqui|klikněte\s+zde|(?:share|teilen|partager|compartir|compartilhar|partilhar|sdílet|分享)\s+(?:this|on|via|auf|sur|en|no|na|到))(?:\W|$)
      | ^to\s+find\s+out\s+more,?\s+click\s+here | ^点击(?:这里|此处|查看)
      | ^(?:skip\s+next\s+section|back\s+to\s+top|nach\s+oben|haut\s+de\s+page|volver\s+arriba|voltar\s+ao\s+topo|zpět\s+nahoru|返回顶部)
    )",
    )
    .dfa_size_limit(8 << 20)
    .build()
    .expect("built-in pattern")
});

/// A necessary condition for [`PROMO`]: the keyword each alternative starts with, without the
/// `\b`s and the `.{0,60}` tails that keep the regex engine off its fast DFA. It matches
/// wherever `PROMO` does; most lines stop here.
static PROMO_KEYWORD: LazyLock<Regex> = LazyLock::new(|| re(PROMO_KEYWORD_PATTERN));
/// [`PROMO_KEYWORD`]'s pattern, also a part of [`ANY_LINE_GATE`].
const PROMO_KEYWORD_PATTERN: &str = r"(?ix)(?:
        comment|kommentar|kommentier|comentar|comentário|komentář|komentov|diskus
      | let\s+us\s+know|tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion)
      | sign\s+up|subscribe|register
      | newsletter\s+(?:abonnieren|bestellen)|jetzt\s+(?:abonnieren|anmelden|registrieren)|abonnez-vous|inscrivez-vous|suscríbete|suscribite|assine\s+(?:já|agora|a\s+newsletter)|přihlaste\s+se\s+k\s+odběru|订阅我们
      | (?:download|get)\s+(?:our|the)\s+(?:free\s+)?app | follow\s+us\s+on | folgen\s+sie\s+uns | suivez-nous | síguenos | siga-nos | sledujte\s+nás
      | we\s+use\s+cookies | this\s+(?:site|website)\s+uses\s+cookies | wir\s+verwenden\s+cookies | utilise\s+des\s+cookies | utiliza(?:mos)?\s+cookies | použív\w+\s+cookies
      | all\s+rights\s+reserved | alle\s+rechte\s+vorbehalten | tous\s+droits\s+réservés | todos\s+los\s+derechos\s+reservados | todos\s+os\s+direitos\s+reservados | všechna\s+práva\s+vyhrazena | 版权所有 | 版权声明
      | ^to\s+find\s+out\s+more,?\s+click\s+here | ^click\s+here | ^klicken\s+sie\s+hier | ^cliquez\s+ici | ^haz\s+clic | ^clique\s+aqui | ^klikněte\s+zde | ^点击(?:这里|此处|查看)
      | ^(?:share|teilen|partager|compartir|compartilhar|partilhar|sdílet|分享)\s+(?:this|on|via|auf|sur|en|no|na|到)
      | ^(?:skip\s+next\s+section|back\s+to\s+top|nach\s+oben|haut\s+de\s+page|volver\s+arriba|voltar\s+ao\s+topo|zpět\s+nahoru|返回顶部)
    )";

/// Lines that end an article: agency and contributor credits, "Editing by".
static END_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        \(?\s*(?:with\s+|additional\s+)?reporting\s+by\b.* | \(?\s*editing\s+by\b.* | \(?\s*writing\s+by\b.* | \(?\s*compiled\s+by\b.*
      | (?:with\s+)?(?:material|information|input)\s+from\s+(?:ap|afp|reuters|dpa|agencies|wires).*
      | mit\s+material\s+(?:von|der|aus)\b.* | (?:mit\s+)?material\s+von\s+.* | mit\s+agenturen.* | quelle\s*:\s*(?:dpa|afp|ap|reuters|agenturen).*
      | avec\s+(?:l')?(?:afp|ap|reuters|agences).* | (?:avec\s+)?agences?$
      | con\s+información\s+de\b.* | con\s+(?:efe|afp|ap|reuters|agencias)\b.* | (?:fuente|fuentes)\s*:\s*(?:efe|afp|ap|reuters|agencias).*
      | com\s+(?:agências|informações\s+d[aoe]s?)\b.* | (?:fonte|fontes)\s*:\s*(?:agência|lusa|afp|ap|reuters).*
      | \(?(?:čtk|ap|afp|dpa|reuters|efe|lusa|ansa|xinhua|新华社|中新社)\)?$
      | [a-z]{1,4}(?:/[a-z]{1,4})+\s*\([\p{L}\d,\s/.-]+\)
      | （(?:记者|编辑|责任编辑)[^）]*）|责任编辑\s*[:：].*|编辑\s*[:：].*
    )$")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?x)^(?:(?i:by|von|par|por|door|di|autor|autorka|autoři|text|texte|reporting|written\s+by|story\s+by|words\s+by)\s*[:：]?\s+\p{Lu}|(?:记者|作者|文)\s*[:：|｜]?\s*\p{Han}|(?:本报记者|新华社记者)\s*\p{Han})",
    )
});

static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)^(?:published|posted|updated|last\s+updated|first\s+published|created|modified|date|dated|veröffentlicht|aktualisiert|stand|erstellt|publié|mis\s+à\s+jour|modifié|publicado|actualizado|atualizado|publicada|atualizada|publikováno|aktualizováno|vydáno|发布时间|发布日期|更新时间|时间|日期)\s*(?:on|am|le|el|em|dne|:|：)?\s*",
    )
});

/// Whether the line begins with "Updated"-like wording (a later date than publication).
pub fn is_update_stamp(line: &str) -> bool {
    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:last\s+)?(?:updated|modified|aktualisiert|stand|mis\s+à\s+jour|modifié|actualizado|atualizad[oa]|aktualizováno|更新时间)",
        )
    });
    UPDATED.is_match(line.trim())
}

/// Skip links ("1. Skip to content", "Zum Inhalt springen").
pub fn is_skip_link(line: &str) -> bool {
    SKIP_LINK.is_match(line)
}

/// "Read more:" lines, related-story headers.
pub fn is_read_more(line: &str) -> bool {
    READ_MORE.is_match(line)
}

/// Photo credits and caption labels ("Image: picture-alliance/dpa", "© Reuters", "Foto: X").
pub fn is_credit(line: &str) -> bool {
    CREDIT.is_match(line) || is_trailing_credit(line)
}

/// A caption whose credit closes the line ("… Putin. - Keystone"), the second half of
/// [`is_credit`].
fn is_trailing_credit(line: &str) -> bool {
    line.chars().count() < 300
        && TRAILING_CREDIT_GATE.is_match(line)
        && TRAILING_CREDIT.is_match(line)
}

/// Video durations ("00:49") on a line of their own.
pub fn is_timestamp(line: &str) -> bool {
    TIMESTAMP.is_match(line)
}

/// The text a video player shows ("This browser does not support the video element.").
pub fn is_player_text(line: &str) -> bool {
    PLAYER_TEXT_GATE.is_match(line) && PLAYER_TEXT.is_match(line)
}

/// Comment prompts, newsletter boxes, cookie notices, legal lines.
pub fn is_promo(line: &str) -> bool {
    is_promo_weighed(line, word_weight(line))
}

/// [`is_promo`] of a line whose [`word_weight`] is known.
fn is_promo_weighed(line: &str, weight: f32) -> bool {
    weight <= 30.0 && PROMO_KEYWORD.is_match(line) && PROMO.is_match(line)
}

/// Agency or contributor credits, which close an article.
pub fn is_end_credit(line: &str) -> bool {
    is_end_credit_weighed(line, word_weight(line))
}

/// [`is_end_credit`] of a line whose [`word_weight`] is known.
fn is_end_credit_weighed(line: &str, w: f32) -> bool {
    w <= 16.0 && !(w > 8.0 && line.trim_end().ends_with('.')) && END_CREDIT.is_match(line)
}

/// A byline: "By Jane Doe", "Von Max Muster, Berlin", "Par Jean Dupont", "记者 张三".
pub fn is_byline(line: &str) -> bool {
    is_byline_weighed(line, word_weight(line))
}

/// [`is_byline`] of a line whose [`word_weight`] is known (cleaning asks many questions of
/// each line; the weight is counted once).
pub fn is_byline_weighed(line: &str, weight: f32) -> bool {
    weight <= 14.0 && !ends_sentence(line) && BYLINE.is_match(line)
}

/// A line that is essentially a date or timestamp: "December 17, 2017", "Tue, 31 Dec 2019
/// 10:30 GMT", "Updated 17/02/2017 - 12:23", "2021年3月3日 10:00".
pub fn is_date_line(line: &str) -> bool {
    // Every date holds a digit: most lines are answered without the patterns.
    if !line.chars().any(char::is_numeric) {
        return false;
    }
    // A long line is no date line: removing the prefix ("mis à jour le": 4 words) and the date
    // ("3 de marzo de 2021": 3 words without digits) and joining what is left (one word fewer at
    // most) leaves more than six words. Paragraphs are answered without the patterns too.
    if date_line_words_reach(line, 20) {
        return false;
    }
    let rest = DATE_PREFIX.replace(line.trim(), "");
    if rest.is_empty() {
        return false;
    }
    let Some(found) = dates::find_dates(&rest, None, "").into_iter().next() else {
        return false;
    };
    // What is left besides the date: a weekday, a time, a zone, a place: a handful of words.
    let leftover = format!("{}{}", &rest[..found.start], &rest[found.end..]);
    let words = date_line_words(&leftover);
    words <= 6 && !ends_sentence(line.trim_end_matches(['.', ' '])) || words <= 3
}

/// The words of a would-be date line that hold no digit (a weekday, a place, a zone).
fn date_line_words(s: &str) -> usize {
    date_line_word_iter(s).count()
}

/// Whether `s` has at least `n` [`date_line_words`]: a paragraph is answered after `n` words.
fn date_line_words_reach(s: &str, n: usize) -> bool {
    date_line_word_iter(s).nth(n.saturating_sub(1)).is_some()
}

fn date_line_word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
}

/// Whether the line ends like a sentence (or a quotation closing one).
pub fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with([
        '.', '!', '?', '…', '"', '”', '“', '»', '«', '’', ':', ';', ')', '。', '！', '？', '」', '』', '；',
        '：', '）',
    ]) && !line.ends_with("...") // truncated teasers
        || line.ends_with("...\"")
}

/// Words, counting CJK characters as half a word each, so that length thresholds work across
/// scripts.
pub fn word_weight(line: &str) -> f32 {
    if line.is_ascii() {
        // Most lines: a word starts wherever a non-space follows a space, counted without
        // branches (three times faster than decoding each byte below).
        let mut words = 0u32;
        let mut previous_space = true;
        for &b in line.as_bytes() {
            let space = matches!(b, b'\t'..=b'\r' | b' ');
            words += u32::from(previous_space && !space);
            previous_space = space;
        }
        return words as f32;
    }
    let bytes = line.as_bytes();
    let mut words = 0.0f32;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is told apart without decoding (no CJK there; `char::is_whitespace` is
        // U+0009..U+000D and U+0020).
        let b = bytes[i];
        let (cjk, space, len) = if b < 0x80 {
            (false, matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = line[i..].chars().next().expect("a character starts here");
            (is_cjk(c), c.is_whitespace(), c.len_utf8())
        };
        if cjk {
            words += 0.5;
            in_word = false;
        } else if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1.0;
        }
        i += len;
    }
    words
}

/// Han, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// A sentence or a paragraph of several: long enough and closed like a sentence, or simply long.
pub fn is_sentence_like(line: &str) -> bool {
    is_sentence_like_weighed(line, word_weight(line))
}

/// [`is_sentence_like`] of a line whose [`word_weight`] is known.
pub fn is_sentence_like_weighed(line: &str, w: f32) -> bool {
    (w >= 5.0 && ends_sentence(line)) || w >= 16.0
}

/// Short labels: section names, city names, tags (three words at most, not a sentence).
pub fn is_short_label(line: &str) -> bool {
    word_weight(line) <= 3.0 && !ends_sentence(line)
}

/// "Picture caption" markers: (left), (L), (rechts), (à gauche), (izquierda), (vlevo), 左.
pub fn has_caption_marker(line: &str) -> bool {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\((?:left|right|centre|center|l|r|c|from\s+left|links|rechts|mitte|v\.\s*l\.|à\s+gauche|à\s+droite|au\s+centre|izquierda|derecha|centro|esquerda|direita|vlevo|vpravo|uprostřed|左|右|中)\)",
        )
    });
    MARK.is_match(line)
}

/// The kind of chrome a line is on its own, whatever its position, if any.
pub fn chrome_kind(line: &str) -> Option<ChromeKind> {
    chrome_kind_weighed(line, word_weight(line))
}

/// [`chrome_kind`] of a line whose [`word_weight`] is known.
pub fn chrome_kind_weighed(line: &str, weight: f32) -> Option<ChromeKind> {
    // One pass of the three unanchored gates together instead of three: most lines (the
    // paragraphs) pass none of them.
    let gated = ANY_LINE_GATE.is_match(line);
    if is_skip_link(line) || is_ui_line(line) {
        Some(ChromeKind::Navigation)
    } else if (gated && is_player_text(line)) || is_timestamp(line) {
        Some(ChromeKind::Video)
    } else if is_read_more(line) {
        Some(ChromeKind::Related)
    } else if is_end_credit_weighed(line, weight) {
        Some(ChromeKind::Credit)
    } else if CREDIT.is_match(line) || (gated && is_trailing_credit(line)) {
        Some(ChromeKind::Caption)
    } else if gated && is_promo_weighed(line, weight) {
        Some(ChromeKind::Promo)
    } else {
        None
    }
}

/// A necessary condition for [`is_player_text`], for the trailing credit of [`is_credit`] and
/// for [`is_promo`] at once: their three gates as one pattern, whose DFA reads a line once.
static ANY_LINE_GATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "(?:{PLAYER_TEXT_GATE_PATTERN})|(?:{TRAILING_CREDIT_GATE_PATTERN})|(?:{PROMO_KEYWORD_PATTERN})"
    ))
});

/// Lines the page repeats word for word (after whitespace and case folding).
pub fn normalise_for_repeat(line: &str) -> String {
    super::collapsed(line).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_links_and_menus() {
        for l in [
            "1. Skip to content",
            "Skip to main menu",
            "Zum Inhalt springen",
            "Aller au contenu principal",
            "Saltar al contenido",
            "Přejít na obsah",
        ] {
            assert!(is_skip_link(l) || is_ui_line(l), "{l}");
        }
        for l in [
            "Share this with",
            "Facebook",
            "Accessibility links",
            "Menü",
            "Partager",
            "Compartir",
            "Sdílet",
            "分享",
            "XS",
        ] {
            assert!(is_ui_line(l), "{l}");
        }
        assert!(!is_ui_line("Putin thanks Trump"));
        assert!(!is_ui_line("Reactions to the vote"));
    }

    #[test]
    fn read_more_in_several_languages() {
        for l in [
            "Read more: Opinion: the fortress",
            "Lesen Sie auch: Der Kreml",
            "Mehr zum Thema",
            "À lire aussi : la réforme",
            "Lea también: el plan",
            "Leia também: o plano",
            "Čtěte také: Plán vlády",
            "相关阅读：新计划",
            "Related: The plan",
        ] {
            assert!(is_read_more(l), "{l}");
        }
        assert!(!is_read_more("Reading the report, she frowned."));
        assert!(!is_read_more("Related talks ended on Friday."));
    }

    #[test]
    fn captions_and_credits() {
        for l in [
            "Image: picture-alliance/dpa/AP",
            "Foto: Michael Kappeler/dpa",
            "Photo: Reuters",
            "© AFP",
            "Media caption: Scenes from the city",
            "Donald Trump nennt sich einen Kritiker. - Keystone",
            "The minister in Paris (Photo: AFP)",
            "Crédit : AFP",
            "Getty Images",
            "AP/Evan Vucci",
        ] {
            assert!(is_credit(l), "{l}");
        }
        assert!(!is_credit("The minister said it was a success."));
        assert!(!is_credit(
            "Foto sessions were cancelled across the city on Monday."
        ));
        assert!(has_caption_marker("Putin (left) and Trump in Osaka"));
    }

    #[test]
    fn video_player_text() {
        assert!(is_timestamp("00:49"));
        assert!(is_timestamp("1:02:33"));
        assert!(is_timestamp("Duration 2:31"));
        assert!(!is_timestamp("10:30 GMT"));
        assert!(is_player_text(
            "This browser does not support the video element."
        ));
        assert!(is_player_text("Ihr Browser unterstützt kein HTML5-Video."));
        assert!(is_player_text(
            "Media playback is unsupported on your device"
        ));
    }

    #[test]
    fn prompts_footers_and_credits() {
        for l in [
            "Please let us know if you're having issues with commenting.",
            "Sign up for our daily newsletter",
            "We use cookies to give you the best experience.",
            "© 2024 Example News. All rights reserved.",
            "Todos los derechos reservados.",
            "To find out more, click here.",
            "Share on Facebook",
            "Skip next section More stories",
            "Para comentar debes iniciar sesión.",
            "Die Kommentarfunktion ist geschlossen.",
        ] {
            assert!(is_promo(l) || is_credit(l), "{l}");
        }
        for l in [
            "dm/tj (AP, Reuters, AFP, dpa)",
            "With reporting by Reuters",
            "(Reporting by Jane Doe; Editing by John Roe)",
            "Mit Material von dpa",
            "Avec AFP",
            "Con información de EFE",
            "(ČTK)",
        ] {
            assert!(is_end_credit(l), "{l}");
        }
        assert!(!is_promo("The minister said the rules had been broken."));
        assert!(!is_promo(
            "Her office did not respond to a request for comment. Messages were posted online."
        ));
        assert!(!is_end_credit(
            "Reporting by local media suggested a delay in the vote."
        ));
    }

    #[test]
    fn bylines_and_dates() {
        for l in [
            "By Jane Doe, Example News",
            "Von Max Mustermann",
            "Par Jean Dupont",
            "Por María López",
            "Autor: Jan Novák",
            "记者 张伟",
        ] {
            assert!(is_byline(l), "{l}");
        }
        assert!(!is_byline("By the end of the day, the talks had failed."));
        for l in [
            "December 17, 2017",
            "Tue, 31 Dec 2019 10:30 GMT",
            "Updated 17/02/2017 - 12:23",
            "17. Dezember 2017, 10:30 Uhr",
            "Publié le 3 mars 2021 à 10h30",
            "3 de marzo de 2021",
            "3. března 2021 10:15",
            "2021年3月3日 10:00",
        ] {
            assert!(is_date_line(l), "{l}");
        }
        assert!(!is_date_line(
            "On December 17, 2017, the Kremlin said it had thanked the CIA for the tip."
        ));
    }

    /// `is_ui_line` as first written: every word lowercased and collected, then compared.
    fn is_ui_line_collecting(line: &str) -> bool {
        let words: Vec<String> = line
            .split(|c: char| {
                c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ',' | '›' | '»' | '>')
            })
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        !words.is_empty()
            && words.len() <= 8
            && words.iter().all(|w| UI_WORDS.contains(&w.as_str()))
    }

    /// [`PROMO`] as first written, with `\b`s: what it must answer.
    static PROMO_WITH_BOUNDARIES: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)(?:
            \b(?:comment\w*|kommentar\w*|kommentier\w*|commentaire\w*|commenter|comentar\w*|comentário\w*|komentář\w*|komentov\w*|diskus\w*)\b.{0,60}\b(?:issues?|problems?|rules|guidelines|closed|open|post|log\s+in|sign\s+in|policy|richtlinien|geschlossen|anmelden|angemeldet|règles|fermés|connect\w*|normas|cerrados|iniciar\s+sesión|regras|fechados|entrar|pravidla|uzavřen\w*|přihlás\w*|registr\w*)\b
          | \b(?:let\s+us\s+know|tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion)|be\s+the\s+first\s+to\s+comment|leave\s+a\s+comment|post\s+a\s+comment|show\s+comments|view\s+comments)\b
          | \b(?:sign\s+up|subscribe|register)\b.{0,40}\b(?:newsletter|email|briefing|updates|free|today|now|here)\b
          | \b(?:newsletter\s+(?:abonnieren|bestellen)|jetzt\s+(?:abonnieren|anmelden|registrieren)|abonnez-vous|inscrivez-vous|suscríbete|suscribite|assine\s+(?:já|agora|a\s+newsletter)|přihlaste\s+se\s+k\s+odběru|订阅我们)
          | \b(?:download|get)\s+(?:our|the)\s+(?:free\s+)?app\b | \bfollow\s+us\s+on\b | \bfolgen\s+sie\s+uns\b | \bsuivez-nous\b | \bsíguenos\b | \bsiga-nos\b | \bsledujte\s+nás\b
          | \bwe\s+use\s+cookies\b | \bthis\s+(?:site|website)\s+uses\s+cookies\b | \bwir\s+verwenden\s+cookies\b | \butilise\s+des\s+cookies\b | \butiliza(?:mos)?\s+cookies\b | \bpoužív\w+\s+cookies\b
          | \ball\s+rights\s+reserved\b | \balle\s+rechte\s+vorbehalten\b | \btous\s+droits\s+réservés\b | \btodos\s+los\s+derechos\s+reservados\b | \btodos\s+os\s+direitos\s+reservados\b | \bvšechna\s+práva\s+vyhrazena\b | 版权所有 | 版权声明
          | ^to\s+find\s+out\s+more,?\s+click\s+here | ^click\s+here\b | ^klicken\s+sie\s+hier\b | ^cliquez\s+ici\b | ^haz\s+clic\b | ^clique\s+aqui\b | ^klikněte\s+zde\b | ^点击(?:这里|此处|查看)
          | ^(?:share|teilen|partager|compartir|compartilhar|partilhar|sdílet|分享)\s+(?:this|on|via|auf|sur|en|no|na|到)\b
          | ^(?:skip\s+next\s+section|back\s+to\s+top|nach\s+oben|haut\s+de\s+page|volver\s+arriba|voltar\s+ao\s+topo|zpět\s+nahoru|返回顶部)
        )")
    });

    /// The spelled-out boundaries of [`PROMO`] answer as `\b` does at the edges of its gaps:
    /// two words at every distance up to and past the 40 and 60 characters allowed, the gap made
    /// of spaces, letters, non-ASCII letters, digits, underscores and dashes.
    #[test]
    fn promo_gaps_end_where_the_boundaries_said() {
        for (first, second) in [
            ("Comments", "closed"),
            ("sign up", "free"),
            ("diskuse", "pravidla"),
        ] {
            for filler in [" ", "x", "é", "1", "_", "—", "x ", " é", "- "] {
                for n in 0..70 {
                    let gap: String = filler.chars().cycle().take(n).collect();
                    for line in [
                        format!("{first}{gap}{second}"),
                        format!("{first} {gap} {second}"),
                        format!("é{first}{gap}{second}é"),
                        format!("({first}{gap}{second})"),
                    ] {
                        assert_eq!(
                            PROMO.is_match(&line),
                            PROMO_WITH_BOUNDARIES.is_match(&line),
                            "{line}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// The cheap gates in front of the slow patterns never change an answer: lines made of
        /// the patterns' own words, in odd cases, glued to letters, marks and punctuation.
        #[test]
        fn gates_and_shortcuts_change_no_answer(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "comment", "Comments", "KOMMENTARE", "commentaire", "diskuse", "rules", "closed",
                "log in", "Sign up", "register", "newsletter", "free", "subscribe", "today",
                "let us know", "follow us on", "we use cookies", "All rights reserved",
                "click here", "Click here", "share", "Share", "on", "this", "Teilen", "auf",
                "back to top", "版权所有", "this browser does not support", "Your browser can't play",
                "Up next", "up next", "Now playing", "video", "Video", ":", "： ", "Watch", "now",
                "Photo", "Foto", "foto", "Bild", "Crédit", "zdroj", "quelle", "(", ")", ". - ",
                "! | ", "… — ", ".", " - ", "Keystone", "dpa", "AP/Evan Vucci", "Reuters",
                "Facebook", "Twitter", "Menü", "Teilen", "Home", "the", "a", "XS", "中文", "分享",
                "é", "ſ", "K", "_", "\u{301}", "x", "Putin", "said", "the rules", "'", "-",
                " ", " ", " ", "  ", "\t", "\u{a0}", "|", "/", ",", "•", "»",
                "Comments are closed", "register now", "Sign up for our newsletter",
                "Join the conversation", "Download our free app", "Jetzt abonnieren",
                "Abonnez-vous", "Suivez-nous", "sledujte nás", "Wir verwenden Cookies",
                "používáme cookies", "Todos los derechos reservados", "Klicken Sie hier",
                "Share on", "nach oben", "返回顶部", "点击这里", "Para comentar debes iniciar sesión",
                "Ihr Browser unterstützt", "Media playback is unsupported", "Video: ", "Play video",
                "vídeo: ", ". - Keystone", "(Foto: dpa)", "Foto: Reuters", "(Photo : AFP)",
                "open", "diskusí", "komentář", "pravidla", "订阅我们", "分享到", "版权所有", "1", "_x",
                "a few more words here, ", "ééé ééé ", "— — ", "cookies", "we use", "get our app",
            ]), 0..12),
        ) {
            let line: String = pieces.concat();
            proptest::prop_assert_eq!(
                is_promo(&line),
                word_weight(&line) <= 30.0 && PROMO_WITH_BOUNDARIES.is_match(&line)
            );
            proptest::prop_assert_eq!(is_player_text(&line), PLAYER_TEXT.is_match(&line));
            proptest::prop_assert_eq!(
                is_credit(&line),
                CREDIT.is_match(&line)
                    || (line.chars().count() < 300 && TRAILING_CREDIT.is_match(&line))
            );
            proptest::prop_assert_eq!(is_ui_line(&line), is_ui_line_collecting(&line));
            proptest::prop_assert_eq!(
                ANY_LINE_GATE.is_match(&line),
                PLAYER_TEXT_GATE.is_match(&line)
                    || TRAILING_CREDIT_GATE.is_match(&line)
                    || PROMO_KEYWORD.is_match(&line)
            );
            proptest::prop_assert_eq!(chrome_kind(&line), chrome_kind_ungated(&line));
        }
    }

    /// `chrome_kind` without the gates in front of the slow patterns.
    fn chrome_kind_ungated(line: &str) -> Option<ChromeKind> {
        let weight = word_weight(line);
        if is_skip_link(line) || is_ui_line(line) {
            Some(ChromeKind::Navigation)
        } else if PLAYER_TEXT.is_match(line) || is_timestamp(line) {
            Some(ChromeKind::Video)
        } else if is_read_more(line) {
            Some(ChromeKind::Related)
        } else if is_end_credit_weighed(line, weight) {
            Some(ChromeKind::Credit)
        } else if CREDIT.is_match(line)
            || (line.chars().count() < 300 && TRAILING_CREDIT.is_match(line))
        {
            Some(ChromeKind::Caption)
        } else if weight <= 30.0 && PROMO_WITH_BOUNDARIES.is_match(line) {
            Some(ChromeKind::Promo)
        } else {
            None
        }
    }

    /// `is_date_line` as first written, without the shortcuts.
    fn is_date_line_in_full(line: &str) -> bool {
        let rest = DATE_PREFIX.replace(line.trim(), "");
        if rest.is_empty() {
            return false;
        }
        let Some(found) = dates::find_dates(&rest, None, "").into_iter().next() else {
            return false;
        };
        let leftover = format!("{}{}", &rest[..found.start], &rest[found.end..]);
        let words = leftover
            .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '-' || c == '–')
            .filter(|w| !w.is_empty())
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
            .count();
        words <= 6 && !ends_sentence(line.trim_end_matches(['.', ' '])) || words <= 3
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// The shortcuts of `is_date_line` (no digit; too many words) change no answer.
        #[test]
        fn date_line_shortcuts_change_no_answer(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "mis à jour le ", "Last updated on ", "Publié le", "Stand: ", "Dated", "x",
                "3 de marzo de 2021", "17th de septiembre, del 2017", "3 / 4 / 2021",
                "December 17, 2017", "17. Dezember 2017", "2021年3月3日", "10:30", "GMT",
                "Tue", "Berlin", "de", "a", "-", "–", ",", "|", " ", "  ", ".", "(", "word",
                "the minister said", "17", "2019-12-29", "\n", "\u{a0}",
            ]), 0..40),
        ) {
            let line: String = pieces.concat();
            proptest::prop_assert_eq!(is_date_line(&line), is_date_line_in_full(&line));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// Counting words byte by byte gives what counting them char by char gives.
        #[test]
        fn word_weight_is_the_char_by_char_count(line in "\\PC{0,40}|[ a-zé中文\t\n\x0b\x0c\r\u{a0}\u{3000}\u{85}\x1c]{0,40}") {
            let mut words = 0.0f32;
            let mut in_word = false;
            for c in line.chars() {
                if is_cjk(c) {
                    words += 0.5;
                    in_word = false;
                } else if c.is_whitespace() {
                    in_word = false;
                } else if !in_word {
                    in_word = true;
                    words += 1.0;
                }
            }
            proptest::prop_assert_eq!(word_weight(&line), words);
        }
    }
}
