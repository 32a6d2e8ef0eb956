//! Host names of URLs, in one lookup form for link features and policy rules.
//!
//! Hosts come from the `url` crate's WHATWG parser, so `http://user@host/`, `HTTP://Host.`,
//! `http:\\host\path`, percent-encoded and internationalised names all give the host a browser
//! would contact: ASCII (IDNA/punycode), lower case, without a trailing dot.

use url::{Host, Url};

/// The host of an absolute `http`/`https` link or a protocol-relative one (`//host/path`);
/// `None` for relative links, other schemes (`mailto:`, `javascript:`) and unparsable hrefs.
pub(crate) fn link_host(href: &str) -> Option<String> {
    let href = href.trim();
    let parsed = match href.strip_prefix("//") {
        Some(rest) => Url::parse(&format!("http://{rest}")),
        None => Url::parse(href),
    }
    .ok()?;
    matches!(parsed.scheme(), "http" | "https")
        .then(|| host_name(&parsed))
        .flatten()
}

/// The host of a page URL, or `None` when the URL has no usable host.
/// A bare host (`news.example.com/a`) is read as `http://news.example.com/a`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let parsed = Url::parse(url)
        .ok()
        .filter(Url::has_host)
        .or_else(|| Url::parse(&format!("http://{url}")).ok())?;
    host_name(&parsed)
}

/// A parsed URL's host in lookup form; IPv6 hosts are not supported (`None`).
fn host_name(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(d) => {
            let name = d.trim_end_matches('.');
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        }
        Host::Ipv4(ip) => Some(ip.to_string()),
        Host::Ipv6(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_hosts_of_absolute_and_protocol_relative_links() {
        assert_eq!(
            link_host(" HTTP://News.Example.COM/a?b#c ").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(link_host("https://example.com:8443/x").as_deref(), Some("example.com"));
        assert_eq!(link_host("//cdn.example.net/a.js").as_deref(), Some("cdn.example.net"));
        assert_eq!(
            link_host("http://user:pw@spam.example/x").as_deref(),
            Some("spam.example")
        );
        assert_eq!(link_host("http:\\\\spam.example\\x").as_deref(), Some("spam.example"));
        assert_eq!(
            link_host("http://例子.中国/").as_deref(),
            Some("xn--fsqu00a.xn--fiqs8s")
        );
        assert_eq!(link_host("http://192.168.0.1/").as_deref(), Some("192.168.0.1"));
    }

    #[test]
    fn relative_and_other_links_have_no_host() {
        for href in [
            "/a/b",
            "a.html",
            "?page=2",
            "#top",
            "mailto:a@example.com",
            "javascript:void(0)",
            "http://",
            "http://exa mple.com/",
            "ftp://example.com/",
        ] {
            assert_eq!(link_host(href), None, "{href}");
        }
    }

    #[test]
    fn page_urls_may_omit_the_scheme() {
        assert_eq!(url_host("news.example.com/a").as_deref(), Some("news.example.com"));
        assert_eq!(url_host("https://Example.com./").as_deref(), Some("example.com"));
        assert_eq!(url_host("http://[::1]/"), None);
    }
}
