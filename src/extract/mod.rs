//! Stage 2: decoded page → blocks of text with their region, visibility and source ranges.
//!
//! HTML is parsed with lol_html (a streaming HTML5 tokenizer that reports source offsets);
//! plain text becomes one body block per line. Every piece of text keeps its byte range in
//! the decoded text, so that scores can be turned back into spans of the original bytes.

mod html;
mod signals;
mod style;
mod text;

use std::ops::Range;

pub use html::extract_html;
pub use signals::ScriptSignals;
pub use text::{extract_text, looks_like_html};

/// Where on the page a block sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// The `<title>`.
    Title,
    /// `<meta name="keywords">`.
    MetaKeywords,
    /// `<meta name="description">` (and Open Graph title/description).
    MetaDescription,
    /// `<h1>`–`<h3>`.
    Heading,
    /// Visible body text.
    Body,
    /// Text a visitor does not see (hidden by CSS, `hidden`, off-screen…).
    Hidden,
    /// Scrolling `<marquee>` text.
    Marquee,
}

impl Region {
    /// All regions, in feature order.
    pub const ALL: [Region; 7] = [
        Region::Title,
        Region::MetaKeywords,
        Region::MetaDescription,
        Region::Heading,
        Region::Body,
        Region::Hidden,
        Region::Marquee,
    ];

    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Region::Title => "title",
            Region::MetaKeywords => "meta_keywords",
            Region::MetaDescription => "meta_description",
            Region::Heading => "heading",
            Region::Body => "body",
            Region::Hidden => "hidden",
            Region::Marquee => "marquee",
        }
    }
}

/// A run of raw text (entities not yet decoded) inside a block.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Byte range in the decoded page text.
    pub range: Range<usize>,
    /// The text starts a new item (list item, link, line break): tokens do not join across.
    pub new_item: bool,
    /// The text is inside a link.
    pub in_link: bool,
    /// The text is raw (no entity references to decode), e.g. plain-text input.
    pub raw: bool,
}

/// A block of text: one title, meta value, paragraph, list, table cell or hidden box.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Where it sits.
    pub region: Region,
    /// The pieces of text, in page order.
    pub pieces: Vec<Piece>,
    /// Hosts of the links inside this block (lower-case, deduplicated, capped).
    pub link_hosts: Vec<String>,
}

/// Everything extracted from one page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Text blocks in page order.
    pub blocks: Vec<Block>,
    /// Signals from scripts and meta refreshes.
    pub signals: ScriptSignals,
}

/// Most link hosts remembered per block.
const MAX_HOSTS_PER_BLOCK: usize = 64;

impl Block {
    fn new(region: Region) -> Self {
        Block {
            region,
            pieces: Vec::new(),
            link_hosts: Vec::new(),
        }
    }

    fn add_host(&mut self, host: &str) {
        if self.link_hosts.len() < MAX_HOSTS_PER_BLOCK && !self.link_hosts.iter().any(|h| h == host) {
            self.link_hosts.push(host.to_owned());
        }
    }
}
