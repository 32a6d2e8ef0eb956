//! Page-level signals from scripts and meta refreshes (cloaking and redirect tricks).

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

const SEARCH_ENGINES: [&str; 9] = [
    "baidu", "sogou", "so.com", "sm.cn", "google", "bing", "360", "youdao", "soso",
];

const CRAWLERS: [&str; 4] = ["spider", "bot", "slurp", "crawler"];

/// Longest script that counts as a loader (spam loaders are a few lines; libraries are long).
const MAX_LOADER_BYTES: usize = 4096;

/// Whether the script sends the browser elsewhere: an assignment to `location`, `location.replace`,
/// `location.assign` or `window.open`.
fn redirects(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    compact.contains("location.href=")
        || compact.contains("location=")
        || compact.contains("location.replace(")
        || compact.contains("location.assign(")
        || compact.contains("window.open(")
}

impl ScriptSignals {
    /// Updates the signals from the text of one script.
    pub fn scan_script(&mut self, script: &str) {
        let s = script.to_ascii_lowercase();
        let acts = s.contains("document.write") || redirects(&s);
        if !acts {
            return;
        }
        if s.contains("referrer") && SEARCH_ENGINES.iter().any(|e| s.contains(e)) {
            self.referrer_redirect = true;
        }
        if (s.contains("useragent") || s.contains("user-agent")) && CRAWLERS.iter().any(|c| s.contains(c)) {
            self.spider_cloak = true;
        }
        if s.len() <= MAX_LOADER_BYTES
            && (s.contains("eval(") || s.contains("atob(") || s.contains("unescape(") || s.contains("fromcharcode"))
        {
            self.obfuscated_loader = true;
        }
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
}
