//! Host rules: a suffix map from host names to rules, looked up once per page.
//!
//! A rule's host `example.com` covers `example.com` and every name under it
//! (`news.example.com`), but not `badexample.com`. The most specific (longest) matching
//! suffix wins. Hosts are compared in their ASCII form (IDNA/punycode, lower case), as the
//! `url` crate gives them.

use std::collections::HashMap;

use url::Host;

/// Host patterns and the rules they belong to.
#[derive(Debug, Clone, Default)]
pub struct HostMap {
    /// Host suffix → rule indices, in rule order.
    rules: HashMap<String, Vec<usize>>,
}

impl HostMap {
    /// Adds `host` (already in the form [`parse_host_pattern`] returns) for rule `rule`.
    pub fn insert(&mut self, host: &str, rule: usize) {
        let entry = self.rules.entry(host.to_owned()).or_default();
        if !entry.contains(&rule) {
            entry.push(rule);
        }
    }

    /// Number of distinct host patterns.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// The rules matching `host`, most specific suffix first.
    pub fn matching(&self, host: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if self.rules.is_empty() {
            return out;
        }
        let mut rest = host;
        loop {
            if let Some(rules) = self.rules.get(rest) {
                out.extend_from_slice(rules);
            }
            match rest.find('.') {
                Some(dot) => rest = &rest[dot + 1..],
                None => break,
            }
        }
        out
    }
}

/// Validates a host pattern from a policy file: `example.com`, `.example.com`, `*.example.com`,
/// an internationalised name, or an IPv4 address. Returns the lookup form.
pub fn parse_host_pattern(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let name = trimmed
        .strip_prefix("*.")
        .or_else(|| trimmed.strip_prefix('.'))
        .unwrap_or(trimmed)
        .trim_end_matches('.');
    if name.is_empty() || name.contains(['/', ':', '@', '?', '#', ' ', '*']) {
        return Err(format!(
            "\"{raw}\" is not a host: write a host or domain suffix such as example.com, without scheme, port or path"
        ));
    }
    match Host::parse(name) {
        Ok(Host::Domain(d)) => Ok(d.to_ascii_lowercase()),
        Ok(Host::Ipv4(ip)) => Ok(ip.to_string()),
        Ok(Host::Ipv6(_)) => Err(format!("\"{raw}\": IPv6 hosts are not supported")),
        Err(e) => Err(format!("\"{raw}\" is not a valid host: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_host::url_host;

    #[test]
    fn suffixes_match_on_label_boundaries() {
        let mut map = HostMap::default();
        map.insert("example.com", 0);
        map.insert("news.example.com", 1);
        assert_eq!(map.matching("news.example.com"), vec![1, 0]);
        assert_eq!(map.matching("www.example.com"), vec![0]);
        assert_eq!(map.matching("example.com"), vec![0]);
        assert!(map.matching("badexample.com").is_empty());
        assert!(map.matching("com").is_empty());
    }

    #[test]
    fn patterns_and_urls_share_one_form() {
        assert_eq!(parse_host_pattern("*.Example.COM."), Ok("example.com".to_owned()));
        assert_eq!(parse_host_pattern(".example.com"), Ok("example.com".to_owned()));
        assert!(parse_host_pattern("https://example.com/").is_err());
        assert!(parse_host_pattern("").is_err());
        let idn = parse_host_pattern("例子.中国").unwrap_or_default();
        assert!(idn.starts_with("xn--"));
        assert_eq!(
            url_host("https://www.例子.中国/a?b").map(|h| h.ends_with(&idn)),
            Some(true)
        );
        assert_eq!(
            url_host("HTTP://News.Example.com:8080/x").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(url_host("news.example.com/path").as_deref(), Some("news.example.com"));
        assert_eq!(url_host("http://10.1.2.3/").as_deref(), Some("10.1.2.3"));
        assert_eq!(url_host("not a url"), None);
    }
}
