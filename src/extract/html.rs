//! HTML extraction with lol_html and a light open-element stack.
//!
//! lol_html does not build a tree and does not report implicitly closed elements, so a
//! small stack applies the common HTML5 implied-end rules (`<p>`, `<li>`, `<td>`…) to keep
//! "is this text hidden / inside a link / inside the title" right on sloppy markup.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element};

use super::style::{hidden_selectors, style_hides};
use super::{Block, Extracted, Piece, Region, ScriptSignals};
use crate::url_host::link_host;

/// Tags whose start and end break text into separate blocks.
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "td"
            | "th"
            | "tr"
            | "ul"
            | "title"
            | "head"
    )
}

/// Tags that start a new item inside a block (tokens do not join across them).
fn is_item_tag(tag: &str) -> bool {
    matches!(tag, "li" | "br" | "a" | "option" | "img" | "input")
}

/// Tags that close an open `<p>` when they start.
fn closes_p(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "div"
            | "dl"
            | "fieldset"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "nav"
            | "ol"
            | "ul"
    )
}

#[derive(Debug)]
struct Open {
    tag: String,
    id: u64,
    hidden: bool,
    marquee: bool,
    heading: bool,
    link_host: Option<String>,
    in_link: bool,
}

#[derive(Default)]
struct State {
    stack: Vec<Open>,
    next_id: u64,
    blocks: Vec<Block>,
    current: Option<Block>,
    new_item: bool,
    in_title: bool,
    signals: ScriptSignals,
    hidden_css: Vec<String>,
    script_buf: String,
    /// Inside a tag of `<noscript>` markup (whose content arrives as raw text).
    in_noscript_tag: bool,
}

impl State {
    fn flush(&mut self) {
        if let Some(block) = self.current.take()
            && !block.pieces.is_empty()
        {
            self.blocks.push(block);
        }
        self.new_item = false;
    }

    fn top(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn region(&self) -> Region {
        match self.top() {
            _ if self.in_title => Region::Title,
            Some(o) if o.hidden => Region::Hidden,
            Some(o) if o.marquee => Region::Marquee,
            Some(o) if o.heading => Region::Heading,
            _ => Region::Body,
        }
    }

    fn pop_to(&mut self, id: u64) {
        if let Some(pos) = self.stack.iter().rposition(|o| o.id == id) {
            self.stack.truncate(pos);
        }
    }

    /// Applies the HTML5 implied end tags for a new start tag.
    fn close_implied(&mut self, tag: &str) {
        let closes = |open: &str| -> bool {
            match tag {
                "li" => open == "li",
                "dt" | "dd" => open == "dt" || open == "dd",
                "td" | "th" => open == "td" || open == "th",
                "tr" => open == "tr" || open == "td" || open == "th",
                "option" => open == "option",
                "p" => open == "p",
                t if closes_p(t) => open == "p",
                _ => false,
            }
        };
        let scope_end = |open: &str| matches!(open, "ul" | "ol" | "table" | "dl" | "select" | "div" | "body");
        let mut i = self.stack.len();
        while i > 0 {
            let open = &self.stack[i - 1].tag;
            if closes(open) {
                self.stack.truncate(i - 1);
                return;
            }
            if scope_end(open) {
                return;
            }
            i -= 1;
        }
    }

    fn add_text(&mut self, start: usize, end: usize) {
        let region = self.region();
        let top_link = self.top().is_some_and(|o| o.in_link);
        let host = self.top().and_then(|o| o.link_host.clone());
        if self.current.as_ref().is_some_and(|b| b.region != region) {
            self.flush();
        }
        let new_item = std::mem::take(&mut self.new_item);
        let block = self.current.get_or_insert_with(|| Block::new(region));
        if let Some(host) = host {
            block.add_host(&host);
        }
        block.pieces.push(Piece {
            range: start..end,
            new_item,
            in_link: top_link,
            raw: false,
        });
    }
}

/// Parses HTML and returns its blocks. `html` is the decoded page.
pub fn extract_html(html: &str) -> Extracted {
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element| {
            start_element(&state, html, el);
            Ok(())
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |chunk: &mut TextChunk| {
            text_chunk(&mut state.borrow_mut(), chunk);
            Ok(())
        }
    };
    let settings = Settings::new()
        .append_element_content_handler(element!("*", on_element))
        .append_document_content_handler(doc_text!(on_text));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let parsed = rewriter.write(html.as_bytes()).and_then(|_| rewriter.end());
    if let Err(err) = parsed {
        tracing::debug!(error = %err, "HTML parsing stopped early; keeping what was read");
    }
    let mut st = state.take();
    st.flush();
    Extracted {
        blocks: st.blocks,
        signals: st.signals,
    }
}

fn start_element(state: &Rc<RefCell<State>>, html: &str, el: &mut Element) {
    let tag = el.tag_name();
    let mut st = state.borrow_mut();
    st.close_implied(&tag);
    if tag == "meta" {
        meta_element(&mut st, html, el);
        return;
    }
    let is_block = is_block_tag(&tag);
    if is_block {
        st.flush();
    } else if is_item_tag(&tag) {
        st.new_item = true;
    }
    if !el.can_have_content() {
        return;
    }
    if tag == "noscript" {
        st.in_noscript_tag = false;
    }
    let hides = el.has_attribute("hidden")
        || el.get_attribute("style").is_some_and(|s| style_hides(&s))
        || tag == "template"
        || tag == "noscript"
        || (!st.hidden_css.is_empty() && hidden_by_css(&st.hidden_css, el));
    let parent = st.top();
    let link_host = if tag == "a" {
        el.get_attribute("href").and_then(|h| link_host(&h))
    } else {
        parent.and_then(|p| p.link_host.clone())
    };
    let open = Open {
        id: st.next_id,
        hidden: hides || parent.is_some_and(|p| p.hidden),
        marquee: tag == "marquee" || parent.is_some_and(|p| p.marquee),
        heading: matches!(tag.as_str(), "h1" | "h2" | "h3") || parent.is_some_and(|p| p.heading),
        in_link: tag == "a" || parent.is_some_and(|p| p.in_link),
        link_host,
        tag: tag.clone(),
    };
    let id = open.id;
    st.next_id += 1;
    if tag == "title" {
        st.in_title = true;
    }
    st.stack.push(open);
    drop(st);
    let state = Rc::clone(state);
    let _ = el.on_end_tag(Box::new(move |_end| {
        let mut st = state.borrow_mut();
        if is_block || tag == "title" || hides {
            st.flush();
        } else if tag == "a" {
            st.new_item = true;
        }
        if tag == "title" {
            st.in_title = false;
        }
        st.pop_to(id);
        Ok(())
    }));
}

/// Whether a `<style>` rule seen so far hides this element by class or id.
fn hidden_by_css(hidden: &[String], el: &Element) -> bool {
    let class_hit = el.get_attribute("class").is_some_and(|classes| {
        classes.split_whitespace().any(|c| {
            hidden
                .iter()
                .any(|h| h.strip_prefix('.').is_some_and(|h| h.eq_ignore_ascii_case(c)))
        })
    });
    class_hit
        || el.get_attribute("id").is_some_and(|id| {
            hidden
                .iter()
                .any(|h| h.strip_prefix('#').is_some_and(|h| h.eq_ignore_ascii_case(id.trim())))
        })
}

fn meta_element(st: &mut State, html: &str, el: &Element) {
    let name = el
        .get_attribute("name")
        .or_else(|| el.get_attribute("property"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let region = match name.as_str() {
        "keywords" => Region::MetaKeywords,
        "description" | "og:description" | "og:title" | "twitter:title" | "twitter:description" => {
            Region::MetaDescription
        }
        _ => {
            let refresh = el
                .get_attribute("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("refresh"));
            if refresh
                && el
                    .get_attribute("content")
                    .is_some_and(|c| c.to_ascii_lowercase().contains("url="))
            {
                st.signals.meta_refresh = true;
            }
            return;
        }
    };
    let tag = el.source_location().bytes();
    let Some(range) = attribute_value_range(html, tag.start, tag.end, "content") else {
        return;
    };
    if html[range.clone()].trim().is_empty() {
        return;
    }
    st.flush();
    let mut block = Block::new(region);
    block.pieces.push(Piece {
        range,
        new_item: false,
        in_link: false,
        raw: false,
    });
    st.blocks.push(block);
}

/// Byte range of an attribute's value inside the tag at `start..end` of `html`.
fn attribute_value_range(html: &str, start: usize, end: usize, attr: &str) -> Option<std::ops::Range<usize>> {
    let tag = html.get(start..end)?;
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(attr) {
        let at = from + pos;
        from = at + attr.len();
        if at == 0 || !lower.as_bytes()[at - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(value) = tag[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let value_at = end - value.len();
        let (body, body_at) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &value[1..];
                (&body[..body.find(q)?], value_at + 1)
            }
            _ => {
                let len = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (&value[..len], value_at)
            }
        };
        return Some(body_at..body_at + body.len());
    }
    None
}

fn text_chunk(st: &mut State, chunk: &TextChunk) {
    let range = chunk.source_location().bytes();
    match chunk.text_type() {
        TextType::ScriptData => {
            if st.script_buf.len() < 1 << 20 {
                st.script_buf.push_str(chunk.as_str());
            }
            if chunk.last_in_text_node() {
                let script = std::mem::take(&mut st.script_buf);
                st.signals.scan_script(&script);
            }
        }
        TextType::RawText => {
            let top_tag = st.top().map(|o| o.tag.as_str());
            if top_tag == Some("style") {
                let mut found = std::mem::take(&mut st.hidden_css);
                hidden_selectors(chunk.as_str(), &mut found);
                st.hidden_css = found;
            } else if top_tag == Some("noscript") && chunk.as_str().len() == range.len() {
                // Offsets inside the chunk are source offsets only while the text is the source.
                noscript_text(st, chunk.as_str(), range.start);
            }
        }
        TextType::Data | TextType::RCData | TextType::PlainText | TextType::CDataSection => {
            if !chunk.as_str().trim().is_empty() && range.end > range.start {
                st.add_text(range.start, range.end);
            }
        }
    }
}

/// `<noscript>` content is markup delivered as raw text (a scripting browser never shows it, a
/// favourite hiding place for spam links): each text run between its tags becomes an item.
fn noscript_text(st: &mut State, raw: &str, offset: usize) {
    let mut run_start = None;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'<' if !st.in_noscript_tag => {
                noscript_run(st, raw, offset, run_start.take(), i);
                st.in_noscript_tag = true;
            }
            b'>' if st.in_noscript_tag => st.in_noscript_tag = false,
            _ if !st.in_noscript_tag && run_start.is_none() => run_start = Some(i),
            _ => {}
        }
    }
    noscript_run(st, raw, offset, run_start, raw.len());
}

fn noscript_run(st: &mut State, raw: &str, offset: usize, start: Option<usize>, end: usize) {
    if let Some(start) = start
        && raw.get(start..end).is_some_and(|t| !t.trim().is_empty())
    {
        st.new_item = true;
        st.add_text(offset + start, offset + end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(Region, String)> {
        extract_html(html)
            .blocks
            .iter()
            .map(|b| {
                let t: String = b
                    .pieces
                    .iter()
                    .map(|p| &html[p.range.clone()])
                    .collect::<Vec<_>>()
                    .join("/");
                (b.region, t)
            })
            .collect()
    }

    #[test]
    fn regions_and_hidden() {
        let html = r#"<html><head><title>新闻标题</title><meta name="keywords" content="甲,乙"></head>
<body><div class="nav"><a href="/">首页</a><a href="/n">新闻</a></div>
<p>正文第一段<b>加粗</b>内容</p>
<div style="display:none">隐藏<a href="http://spam.example/x">链接</a></div>
<marquee>滚动</marquee><h1>大标题</h1></body></html>"#;
        let got = texts(html);
        assert_eq!(
            got,
            vec![
                (Region::Title, "新闻标题".to_string()),
                (Region::MetaKeywords, "甲,乙".to_string()),
                (Region::Body, "首页/新闻".to_string()),
                (Region::Body, "正文第一段/加粗/内容".to_string()),
                (Region::Hidden, "隐藏/链接".to_string()),
                (Region::Marquee, "滚动".to_string()),
                (Region::Heading, "大标题".to_string()),
            ]
        );
        let e = extract_html(html);
        assert_eq!(e.blocks[4].link_hosts, vec!["spam.example".to_string()]);
    }

    #[test]
    fn unclosed_paragraphs_do_not_leak_hidden() {
        let html = "<div style='display:none'><p>藏起来</div><p>看得见<p>也看得见";
        let got = texts(html);
        assert_eq!(got[0].0, Region::Hidden);
        assert_eq!(got[1], (Region::Body, "看得见".to_string()));
        assert_eq!(got[2], (Region::Body, "也看得见".to_string()));
    }

    #[test]
    fn css_class_hiding() {
        let html = "<style>.k9x{display:none}</style><div class='k9x'>藏</div><div class='ok'>显</div>";
        let got = texts(html);
        assert_eq!(got, vec![(Region::Hidden, "藏".into()), (Region::Body, "显".into())]);
    }

    #[test]
    fn attribute_values() {
        let html = r#"<p><meta name=description content = '说明 文字' ><meta content=abc name=x>"#;
        let r = attribute_value_range(html, 3, 53, "content");
        assert_eq!(r.map(|r| &html[r]), Some("说明 文字"));
        let start = html.rfind("<meta").unwrap_or(0);
        let r = attribute_value_range(html, start, html.len(), "content");
        assert_eq!(r.map(|r| &html[r]), Some("abc"));
    }

    #[test]
    fn noscript_links_are_hidden_text() {
        let html = r#"<p>正文</p><noscript><a href="http://a.example/">链接一</a><a href="/b">链接二</a></noscript>"#;
        let t = texts(html);
        assert_eq!(t.last(), Some(&(Region::Hidden, "链接一/链接二".to_string())), "{t:?}");
    }

    #[test]
    fn script_signals() {
        let html = "<script>if(document.referrer.indexOf('baidu')>-1){location.href='http://a.b/'}</script><p>x</p>";
        let e = extract_html(html);
        assert!(e.signals.referrer_redirect);
    }

    #[test]
    fn deep_nesting_does_not_crash() {
        let html = "<div>".repeat(100_000) + "深" + &"</div>".repeat(100_000);
        let e = extract_html(&html);
        assert_eq!(e.blocks.len(), 1);
    }
}
