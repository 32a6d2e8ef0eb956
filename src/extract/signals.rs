//! Page-level signals from scripts and meta refreshes (cloaking and redirect tricks).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Cloaking and redirect tricks found in a page's scripts and meta tags.
///
/// Real sites read `document.referrer` for analytics, assign `location` in click handlers,
/// call `document.write` for ads and ship minified code full of `eval` and `fromCharCode`, so
/// none of these counts alone. What hijacked pages do is combine them in one script: send
/// visitors who arrive from a search engine (or crawlers) somewhere else, or unpack a short
/// obfuscated loader that writes or redirects.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScriptSignals {
    /// One script tests the referrer against search-engine names and redirects or writes markup.
    pub referrer_redirect: bool,
    /// One script tests the user agent for crawler names and redirects or writes markup.
    pub spider_cloak: bool,
    /// A short script that decodes code (`eval`, `atob`, `unescape`, `fromCharCode`) and
    /// redirects or writes markup.
    pub obfuscated_loader: bool,
    /// `<meta http-equiv="refresh">` to another URL.
    pub meta_refresh: bool,
}

/// What a word found in a script says about it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    /// `document.write`: the script writes markup.
    Writes,
    /// `location`: a redirect if an assignment, `.href=`, `.replace(` or `.assign(` follows.
    Location,
    /// `window`: a redirect if `.open(` follows.
    Window,
    /// The script reads the referrer.
    Referrer,
    /// A search engine's name.
    SearchEngine,
    /// The script reads the user agent.
    UserAgent,
    /// A crawler's name.
    Crawler,
    /// The script decodes code (`eval(`, `atob(`, `unescape(`, `fromCharCode`).
    Decodes,
}

/// The words searched for in scripts, with what each says.
const CUES: &[(&str, Cue)] = &[
    ("document.write", Cue::Writes),
    ("location", Cue::Location),
    ("window", Cue::Window),
    ("referrer", Cue::Referrer),
    ("baidu", Cue::SearchEngine),
    ("sogou", Cue::SearchEngine),
    ("so.com", Cue::SearchEngine),
    ("sm.cn", Cue::SearchEngine),
    ("google", Cue::SearchEngine),
    ("bing", Cue::SearchEngine),
    ("360", Cue::SearchEngine),
    ("youdao", Cue::SearchEngine),
    ("soso", Cue::SearchEngine),
    ("useragent", Cue::UserAgent),
    ("user-agent", Cue::UserAgent),
    ("spider", Cue::Crawler),
    ("bot", Cue::Crawler),
    ("slurp", Cue::Crawler),
    ("crawler", Cue::Crawler),
    ("eval(", Cue::Decodes),
    ("atob(", Cue::Decodes),
    ("unescape(", Cue::Decodes),
    ("fromcharcode", Cue::Decodes),
];

/// One automaton over [`CUES`], ASCII case-insensitive (`None` only if building it failed).
static CUE_FINDER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(CUES.iter().map(|(word, _)| word))
        .ok()
});

/// Longest script that counts as a loader (spam loaders are a few lines; libraries are long).
const MAX_LOADER_BYTES: usize = 4096;

/// The cues found in one script.
#[derive(Debug, Default)]
struct Found {
    writes: bool,
    redirects: bool,
    referrer: bool,
    search_engine: bool,
    user_agent: bool,
    crawler: bool,
    decodes: bool,
}

/// Whether `parts` follow `at` in `bytes`, in order, with only ASCII whitespace around them
/// (ASCII case-insensitive).
fn followed_by(bytes: &[u8], mut at: usize, parts: &[&str]) -> bool {
    for part in parts {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at..at + part.len()) {
            Some(next) if next.eq_ignore_ascii_case(part.as_bytes()) => at += part.len(),
            _ => return false,
        }
    }
    true
}

/// Whether the `location` ending at `end` is sent somewhere: `location =`, `location.href =`,
/// `location.replace(` or `location.assign(`.
fn location_changes(bytes: &[u8], end: usize) -> bool {
    followed_by(bytes, end, &["="])
        || followed_by(bytes, end, &[".", "href", "="])
        || followed_by(bytes, end, &[".", "replace", "("])
        || followed_by(bytes, end, &[".", "assign", "("])
}

impl Found {
    /// Scans a script once for every cue.
    fn scan(script: &str) -> Found {
        let mut found = Found::default();
        let Some(finder) = CUE_FINDER.as_ref() else {
            return found;
        };
        let bytes = script.as_bytes();
        for m in finder.find_overlapping_iter(script) {
            match CUES[m.pattern().as_usize()].1 {
                Cue::Writes => found.writes = true,
                Cue::Location => found.redirects |= location_changes(bytes, m.end()),
                Cue::Window => found.redirects |= followed_by(bytes, m.end(), &[".", "open", "("]),
                Cue::Referrer => found.referrer = true,
                Cue::SearchEngine => found.search_engine = true,
                Cue::UserAgent => found.user_agent = true,
                Cue::Crawler => found.crawler = true,
                Cue::Decodes => found.decodes = true,
            }
        }
        found
    }
}

impl ScriptSignals {
    /// Updates the signals from the text of one script.
    pub fn scan_script(&mut self, script: &str) {
        let found = Found::scan(script);
        if !(found.writes || found.redirects) {
            return;
        }
        self.referrer_redirect |= found.referrer && found.search_engine;
        self.spider_cloak |= found.user_agent && found.crawler;
        self.obfuscated_loader |= script.len() <= MAX_LOADER_BYTES && found.decodes;
    }

    /// The signals as 0/1 features, in a fixed order.
    pub fn as_features(&self) -> [f64; 4] {
        [
            self.referrer_redirect,
            self.spider_cloak,
            self.obfuscated_loader,
            self.meta_refresh,
        ]
        .map(|b| if b { 1.0 } else { 0.0 })
    }

    /// Names of the signals, in the order of [`ScriptSignals::as_features`].
    pub const NAMES: [&'static str; 4] = [
        "js_referrer_redirect",
        "js_spider_cloak",
        "js_obfuscated_loader",
        "meta_refresh",
    ];

    /// Names of the signals that fired.
    pub fn names(&self) -> Vec<&'static str> {
        self.as_features()
            .iter()
            .zip(Self::NAMES)
            .filter(|(v, _)| **v > 0.0)
            .map(|(_, n)| n)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referrer_redirect() {
        let mut s = ScriptSignals::default();
        s.scan_script("var r=document.referrer;if(r.indexOf('baidu')>0){window.location.href='http://x.example/'}");
        assert!(s.referrer_redirect);
        assert!(!s.obfuscated_loader);
        assert_eq!(s.names(), vec!["js_referrer_redirect"]);
    }

    #[test]
    fn analytics_and_click_handlers_are_not_cloaking() {
        let mut s = ScriptSignals::default();
        s.scan_script("var _hmt=_hmt||[];(function(){var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js';_hmt.push(['ref',document.referrer]);})();");
        s.scan_script("btn.onclick=function(){var u=window.location.href;console.log(u)}");
        assert_eq!(s, ScriptSignals::default());
    }

    #[test]
    fn redirects_are_found_across_whitespace_and_case() {
        for script in [
            "if (navigator.userAgent.match(/Baiduspider/)) { window . open ( 'http://x.example/' ) }",
            "if(/spider|bot/i.test(navigator.userAgent)){top.Location = 'http://x.example/'}",
            "if(navigator.userAgent.indexOf('Spider')>-1){location.replace('http://x.example/')}",
            "if(navigator.userAgent.indexOf('Spider')>-1){location\n.href\t= u}",
        ] {
            let mut s = ScriptSignals::default();
            s.scan_script(script);
            assert!(s.spider_cloak, "{script}");
        }
    }

    #[test]
    fn comparing_or_reading_location_is_not_a_redirect() {
        let mut s = ScriptSignals::default();
        s.scan_script("if(navigator.userAgent.indexOf('bot')>0){var h=location.hostname;log(location.href)}");
        assert_eq!(s, ScriptSignals::default());
    }

    #[test]
    fn long_scripts_are_not_loaders() {
        let mut short = ScriptSignals::default();
        short.scan_script("eval(atob('ZG9jdW1lbnQ='));document.write(x)");
        assert!(short.obfuscated_loader);
        let mut long = ScriptSignals::default();
        long.scan_script(&format!("eval(x);document.write(y);{}", " ".repeat(MAX_LOADER_BYTES)));
        assert!(!long.obfuscated_loader);
    }
}
