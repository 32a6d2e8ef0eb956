//! Page-level signals from scripts and meta refreshes (cloaking and redirect tricks).

/// Counts of suspicious script behaviours on a page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ScriptSignals {
    /// Reads `document.referrer` and compares it with search-engine names.
    pub referrer_check: bool,
    /// Checks the user agent for crawler names (cloaking).
    pub spider_check: bool,
    /// Sets `location` / `window.open` to navigate away.
    pub redirect: bool,
    /// Writes markup with `document.write`.
    pub document_write: bool,
    /// Uses `eval`, `atob`, `unescape` or `String.fromCharCode` (obfuscated code).
    pub obfuscated: bool,
    /// `<meta http-equiv="refresh">` to another URL.
    pub meta_refresh: bool,
}

const SEARCH_ENGINES: [&str; 9] = [
    "baidu", "sogou", "so.com", "sm.cn", "google", "bing", "360", "youdao", "soso",
];

impl ScriptSignals {
    /// Updates the signals from the text of one script.
    pub fn scan_script(&mut self, script: &str) {
        let s = script.to_ascii_lowercase();
        let engines = SEARCH_ENGINES.iter().any(|e| s.contains(e));
        if s.contains("referrer") && engines {
            self.referrer_check = true;
        }
        if s.contains("useragent") && (s.contains("spider") || s.contains("bot")) {
            self.spider_check = true;
        }
        if s.contains("location.href")
            || s.contains("location.replace")
            || s.contains("window.location")
            || s.contains("top.location")
            || s.contains("location=")
        {
            self.redirect = true;
        }
        if s.contains("document.write") {
            self.document_write = true;
        }
        if s.contains("eval(") || s.contains("atob(") || s.contains("unescape(") || s.contains("fromcharcode") {
            self.obfuscated = true;
        }
    }

    /// The signals as 0/1 features, in a fixed order.
    pub fn as_features(&self) -> [f64; 6] {
        [
            self.referrer_check,
            self.spider_check,
            self.redirect,
            self.document_write,
            self.obfuscated,
            self.meta_refresh,
        ]
        .map(|b| if b { 1.0 } else { 0.0 })
    }

    /// Names of the signals, in the order of [`ScriptSignals::as_features`].
    pub const NAMES: [&'static str; 6] = [
        "js_referrer_check",
        "js_spider_check",
        "js_redirect",
        "js_document_write",
        "js_obfuscated",
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
        assert!(s.referrer_check && s.redirect);
        assert!(!s.obfuscated);
        assert_eq!(s.names(), vec!["js_referrer_check", "js_redirect"]);
    }
}
