//! A block's form, whatever its words: does it read as reporting prose (full sentences,
//! attribution, function words) or as a keyword list or ad copy (short fragments, calls to
//! action, contact handles, second person)? These cues are closed-class words and shapes, so
//! they carry over to vocabulary that training never saw: a reporter's paragraph about casino
//! chips and a casino's ad share nouns, not form.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::normalize::{NormChar, is_cjk};

/// Words of reporting and attribution (after Traditional→Simplified and lower-casing).
const REPORTING: &[&str] = &[
    "据", "报道", "记者", "表示", "指出", "认为", "介绍", "透露", "获悉", "警方", "法院", "公安", "检察", "判决",
    "调查", "通报", "发布", "消息", "日电", "近日", "昨日", "日前", "此前", "其中", "分析", "显示", "统计", "报告",
    "政府", "部门", "提醒", "呼吁", "依法", "涉嫌", "案件", "专家", "研究", "根据", "因为", "但是", "然而", "因此",
    "同时", "虽然", "目前", "已经", "我们", "他们", "自己", "觉得", "可能",
];

/// Calls to action and promises of ad copy.
const PROMOTION: &[&str] = &[
    "加微",
    "微信",
    "加我",
    "加v",
    "vx",
    "wx",
    "qq",
    "扣扣",
    "私聊",
    "私信",
    "联系",
    "咨询",
    "客服",
    "扫码",
    "二维码",
    "注册",
    "点击",
    "立即",
    "马上",
    "速来",
    "首充",
    "彩金",
    "返水",
    "返利",
    "提现",
    "到账",
    "日赚",
    "月入",
    "稳赚",
    "包赢",
    "必中",
    "上岸",
    "回血",
    "带单",
    "导师",
    "诚信",
    "保密",
    "秒到",
    "秒批",
    "秒下",
    "无需",
    "无视",
    "不看",
    "当天",
    "日结",
    "兼职",
    "代理",
    "招募",
    "限时",
    "福利",
    "独家",
    "官网",
    "网址",
    "平台",
    "火爆",
    "欢迎",
    "认准",
    "唯一",
    "飞机",
    "tg",
    "line",
    "电报",
    "薇",
    "威信",
    "加群",
];

/// Characters just before a handle that make it a contact (微信：abc123, qq 12345678, tg@x…).
const CONTACT_CUES: &[&str] = &[
    "微信", "微", "薇", "威", "vx", "wx", "qq", "扣", "企鹅", "tg", "飞机", "电报", "电话", "手机", "联系", "热线",
    "line", "@", "☎", "telegram", "whatsapp",
];

/// One automaton over both word lists: pattern ids below `REPORTING.len()` are reporting words.
static CUES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(REPORTING.iter().chain(PROMOTION))
        .ok()
});

thread_local! {
    /// A block's text for the cue scan, reused between blocks.
    static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Function words and particles of running Chinese prose (after Traditional→Simplified).
const FUNCTION_WORDS: &str = "的了是在被和与将对把从为也都就而但却并其该这那着过已于们之所";

/// Whether a character is a function word of running prose.
pub fn is_function_word(c: char) -> bool {
    FUNCTION_WORDS.contains(c)
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | '；')
}

/// The form of one block.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Form {
    /// Reporting and attribution words per Chinese character (scaled, capped at 1).
    pub reporting: f64,
    /// Calls to action and ad promises per Chinese character (scaled, capped at 1).
    pub promotion: f64,
    /// Contact handles (a cue such as 微信 or QQ followed by an ID or number), capped at 3, / 3.
    pub contact: f64,
    /// Second person (你, 您) per Chinese character (scaled, capped at 1).
    pub second_person: f64,
    /// Share of Chinese characters in fragments of ten or more characters: sentences, not keywords.
    pub long_fragments: f64,
    /// Sentence ends (。！？；) per 40 Chinese characters, capped at 1.
    pub sentence_ends: f64,
    /// Share of Chinese characters that are function words of running prose.
    pub function_words: f64,
}

/// Measures a block's form from its normalised characters. The word cues (reporting,
/// promotion, contact handles) cost a scan of their own and only matter for blocks that hold
/// spam evidence, so they are measured only when `cues` is set (the same way in training and
/// scoring); the shape measures are always taken.
pub fn block_form(chars: &[NormChar], cues: bool) -> Form {
    if chars.is_empty() {
        return Form::default();
    }
    let (mut cjk, mut second, mut function, mut ends, mut long, mut run) = (0, 0, 0, 0, 0, 0);
    for c in chars {
        if is_cjk(c.c) {
            cjk += 1;
            run += 1;
            second += usize::from(matches!(c.c, '你' | '您'));
            function += usize::from(is_function_word(c.c));
            continue;
        }
        ends += usize::from(ends_sentence(c.c));
        // A run of Chinese characters may hold commas and quotation marks (a sentence) and
        // Latin words or numbers, but no other separator.
        if !matches!(c.c, ',' | '，' | '、' | '"' | '“' | '”') && !c.c.is_ascii_alphanumeric() {
            if run >= 10 {
                long += run;
            }
            run = 0;
        }
    }
    if run >= 10 {
        long += run;
    }
    let (reporting, promotion) = if cues { count_cues(chars) } else { (0, 0) };
    let per_char = |n: usize, scale: f64| (n as f64 * scale / cjk.max(4) as f64).min(1.0);
    Form {
        reporting: per_char(reporting, 10.0),
        promotion: per_char(promotion, 10.0),
        contact: if cues {
            contact_handles(chars).min(3) as f64 / 3.0
        } else {
            0.0
        },
        second_person: per_char(second, 20.0),
        long_fragments: if cjk == 0 { 0.0 } else { long as f64 / cjk as f64 },
        sentence_ends: (ends as f64 * 40.0 / cjk.max(1) as f64).min(1.0),
        function_words: function as f64 / cjk.max(1) as f64,
    }
}

/// Reporting and promotion cue words in a block.
fn count_cues(chars: &[NormChar]) -> (usize, usize) {
    let Some(ac) = CUES.as_ref() else {
        return (0, 0);
    };
    TEXT.with_borrow_mut(|text| {
        text.clear();
        text.extend(chars.iter().map(|c| c.c));
        let (mut reporting, mut promotion) = (0, 0);
        for m in ac.find_iter(text.as_str()) {
            if m.pattern().as_usize() < REPORTING.len() {
                reporting += 1;
            } else {
                promotion += 1;
            }
        }
        (reporting, promotion)
    })
}

/// Number of contact handles: a run of five or more ASCII letters and digits (with at least
/// four digits, or letters and digits mixed) that follows a contact cue within a few characters
/// or starts with one (`wx…`, `qq…`), or a mainland mobile number (eleven digits, `1[3-9]…`).
fn contact_handles(chars: &[NormChar]) -> usize {
    let mut found = 0;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].c.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let (mut letters, mut digits) = (0, 0);
        while i < chars.len() && (chars[i].c.is_ascii_alphanumeric() || chars[i].c == '_') {
            if chars[i].c.is_ascii_digit() {
                digits += 1;
            } else if chars[i].c.is_ascii_alphabetic() {
                letters += 1;
            }
            i += 1;
        }
        let run: String = chars[start..i].iter().map(|c| c.c).collect();
        let mobile = run.len() == 11
            && digits == 11
            && run.starts_with('1')
            && run.as_bytes().get(1).is_some_and(|b| (b'3'..=b'9').contains(b));
        let cued_inside = ["wx", "vx", "qq", "tg"].iter().any(|p| run.starts_with(p)) && run.len() >= 7;
        let handle = letters + digits >= 5 && (digits >= 5 || (digits >= 3 && letters >= 1));
        if mobile || cued_inside || (handle && cue_before(chars, start)) {
            found += 1;
        }
    }
    found
}

/// Characters before a handle searched for a contact cue.
const CUE_WINDOW: usize = 12;

fn cue_before(chars: &[NormChar], start: usize) -> bool {
    let from = start.saturating_sub(CUE_WINDOW);
    let before: String = chars[from..start].iter().map(|c| c.c).collect();
    CONTACT_CUES.iter().any(|cue| before.contains(cue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    fn form(s: &str) -> Form {
        block_form(&normalize_str(s).chars, true)
    }

    #[test]
    fn reporting_prose_and_ad_copy_differ_in_form() {
        let news = form(
            "据新华社报道，警方表示，该团伙在澳门赌场附近以高额回报为诱饵，诱骗游客参与赌博，目前案件正在进一步调查中。",
        );
        let ad = form("百家乐平台注册送彩金，首充返利，提现秒到账，加微信abc12345咨询");
        assert!(news.reporting > ad.reporting, "{news:?} {ad:?}");
        assert!(ad.promotion > news.promotion, "{news:?} {ad:?}");
        assert!(ad.contact > 0.0 && news.contact == 0.0);
        assert!(news.long_fragments > 0.8, "{news:?}");
        assert!(news.function_words > ad.function_words);
    }

    #[test]
    fn keyword_lists_have_no_long_fragments() {
        let list = form("免费视频 | 在线观看 | 高清影院 | 最新电影 | 热门剧集");
        assert_eq!(list.long_fragments, 0.0);
        assert_eq!(list.sentence_ends, 0.0);
    }

    #[test]
    fn a_customer_service_number_needs_a_cue() {
        assert_eq!(form("订单号 20240312 已发货").contact, 0.0);
        assert_eq!(form("客服热线 400-800-1234").contact, 0.0);
        assert!(form("QQ：12345678").contact > 0.0);
        assert!(form("环境干净，WhatsApp 15496170076").contact > 0.0);
        assert!(form("上门服务，微：WXsdv08cbf").contact > 0.0);
        assert!(form("价格优惠 13781779832").contact > 0.0);
    }
}
