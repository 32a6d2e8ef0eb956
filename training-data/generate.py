#!/usr/bin/env python3
"""Generate training-data/pages/train.jsonl for spamsift from the hand-written corpus.

Deterministic: one random.Random(SEED), corpus files read in sorted order, no
set/dict iteration order dependence.  Run with the generator venv (OpenCC +
pypinyin):

    .venv-gen/bin/python training-data/generate.py            # 14000 pages
    .venv-gen/bin/python training-data/generate.py --pages 6000
"""
import argparse
import html as htmlmod
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textextract import missing_snippets, norm, html_blocks  # noqa: E402

try:
    import opencc  # opencc-python-reimplemented (Apache-2.0)
    from pypinyin import lazy_pinyin, Style  # pypinyin (MIT)
except ImportError:  # pragma: no cover
    sys.exit("generate.py needs opencc-python-reimplemented and pypinyin; see training-data/README.md")

SEED = 20241126
CORPUS = os.path.join(HERE, "corpus")
S2T = opencc.OpenCC("s2twp")
S2T_HK = opencc.OpenCC("s2hk")


# ----------------------------------------------------------------------------
# corpus loading
# ----------------------------------------------------------------------------

def load(rel):
    path = os.path.join(CORPUS, rel)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").strip()
            if not line or line.startswith("#"):
                continue
            out.append(line)
    return out


def load_parts(rel):
    parts, cur = {}, None
    for line in load(rel):
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1]
            parts[cur] = []
        else:
            parts[cur].append(line)
    return parts


def listdir(rel):
    return sorted(f for f in os.listdir(os.path.join(CORPUS, rel)) if f.endswith(".txt"))


CLEAN_SIMP = {f[:-4]: load("clean/simp/" + f) for f in listdir("clean/simp")}
CLEAN_TRAD = {f[:-4]: load("clean/trad/" + f) for f in listdir("clean/trad")}
HARD = {f[:-4]: load("hard_negative/" + f) for f in listdir("hard_negative")}
OFFENSIVE = {"simp": load("offensive/comments.simp.txt"), "trad": load("offensive/comments.trad.txt")}
SHORT = {f[:-4]: load("short/" + f) for f in listdir("short")}
COMMENTS = {f[:-4]: load("comments/" + f) for f in listdir("comments")}
SPAM = {}
for _f in listdir("spam"):
    _k = _f[:-4]
    SPAM[_k] = load_parts("spam/" + _f) if _k.endswith(".parts") or _k == "sitenames" else load("spam/" + _f)

CATS = ["adult", "gambling", "other"]

# domain -> shells that can show it
DOMAIN_SHELLS = {
    "news_economy": ["news", "portal", "list"], "news_tech": ["news", "portal", "blog"],
    "news_sports": ["news", "portal"], "news_local": ["news", "portal", "gov"],
    "news_intl": ["news", "portal"], "finance": ["news", "portal", "list"],
    "weather": ["news", "portal", "gov"], "gov": ["gov"], "company": ["company", "shop"],
    "forum": ["forum"], "reviews": ["shop"], "education": ["school"], "medical": ["hospital", "blog"],
    "travel": ["blog", "portal"], "recipes": ["blog"], "techblog": ["blog", "forum"], "appstore": ["app"],
    "jobs": ["list", "company"], "realestate": ["list", "company", "news"],
    "entertainment": ["news", "portal", "video", "wiki"], "auto": ["news", "blog", "portal", "qa"],
    "agriculture": ["news", "gov", "wiki"], "parenting": ["blog", "forum", "qa"], "law": ["news", "gov", "qa", "wiki"],
    "forum_family": ["forum", "qa", "blog"], "forum_life": ["forum", "qa"], "forum_ent": ["forum", "video", "blog"],
    "forum_tech": ["forum", "qa", "app"], "news_ent": ["news", "portal", "video"], "finance_more": ["news", "portal", "list"],
    "commerce": ["shop", "company", "list", "app"], "misc_news": ["news", "portal", "gov", "school"],
    "chatter_misc": ["forum", "blog", "qa"], "daily_words": ["news", "blog", "forum", "portal", "shop", "video"],
    "media_words": ["news", "portal", "video", "blog", "app", "forum", "school"],
    "people_words": ["forum", "blog", "qa", "news", "portal"],
    "service_words": ["gov", "news", "portal", "shop", "company", "list", "school"],
    "novel": ["blog", "wiki", "forum"], "games": ["news", "forum", "app", "portal"],
    "health": ["hospital", "blog", "qa", "news"], "classifieds": ["list", "portal", "forum"],
    "video_site": ["video", "portal", "news"], "stocks": ["forum", "news", "portal", "list"],
    "campus": ["school", "forum", "news"], "home_diy": ["blog", "shop", "qa"],
    "pets": ["blog", "forum", "qa"], "ecommerce": ["shop", "app", "list"],
    "everyday_senses": ["news", "blog", "forum", "portal", "shop", "qa", "wiki", "video"],
}
TRAD_DOMAIN_SHELLS = {"news": ["news", "portal", "list"], "life": ["blog", "forum", "qa"],
                      "tech": ["news", "blog", "forum", "wiki"], "sports": ["news", "portal", "video"],
                      "food_travel": ["blog", "portal", "video"], "health_edu": ["hospital", "school", "news", "qa"],
                      "forum_more": ["forum", "qa"], "chatter_tw": ["forum", "qa", "blog"], "chatter_hk": ["forum", "qa"],
                      "news_more": ["news", "portal", "video", "list"],
                      "official": ["gov", "school", "hospital", "shop", "company"],
                      "media_words": ["news", "portal", "video", "blog", "forum"],
                      "people_words": ["forum", "blog", "qa", "news"],
                      "service_words": ["gov", "news", "portal", "shop", "company", "list"],
                      "news_hk": ["news", "portal", "list"], "ptt_more": ["forum", "qa"],
                      "shop_tw": ["shop", "company", "app"], "novel_trad": ["blog", "wiki", "forum"],
                      "games_trad": ["news", "forum", "app"], "gov_tw": ["gov", "school", "hospital"],
                      "everyday_senses": ["news", "blog", "forum", "portal", "shop", "qa"]}
HARD_SHELLS = {
    "crackdown.simp": ["news", "gov", "portal"], "lottery.simp": ["news", "list", "portal"],
    "macau.simp": ["news", "portal"], "sexed.simp": ["hospital", "blog", "school", "qa"],
    "adultedu.simp": ["school", "list", "qa"], "harmless.simp": ["news", "blog", "shop", "app", "portal", "video", "wiki"],
    "antifraud.simp": ["gov", "news", "blog"], "hardneg.trad": ["news", "hospital", "school", "blog"],
    "courts.simp": ["news", "gov", "portal"], "sexhealth.simp": ["hospital", "blog", "qa", "wiki"],
    "guides.simp": ["blog", "news", "school", "forum", "qa"], "finance_scam.simp": ["gov", "news", "blog", "forum"],
    "sportslottery.simp": ["news", "portal", "list"], "harmless2.simp": ["news", "blog", "shop", "portal", "wiki", "forum"],
    "hardneg2.trad": ["news", "hospital", "gov", "forum"],
    "harmless3.simp": ["news", "gov", "portal", "blog", "video", "forum"], "hardneg3.trad": ["news", "gov", "portal", "forum"],
    "crackdown2.simp": ["news", "gov", "portal"], "lottery2.simp": ["news", "list", "portal"],
    "sexed2.simp": ["hospital", "blog", "school", "qa"], "platform.simp": ["news", "blog", "portal", "gov"],
    "crackdown.trad": ["news", "gov", "portal"], "lottery.trad": ["news", "list", "portal"],
    "sexed.trad": ["hospital", "blog", "school", "qa"], "antifraud.trad": ["gov", "news", "blog", "forum"],
    "machines.simp": ["news", "gov", "portal"], "machines.trad": ["news", "gov", "portal"],
}
# which simplified domain a converted-traditional page may borrow from
TRAD_BORROW = {"news": ["news_economy", "news_tech", "news_sports", "news_intl", "finance", "weather"],
               "tech": ["news_tech", "techblog"], "sports": ["news_sports"], "food_travel": ["travel", "recipes"],
               "health_edu": ["medical", "education"], "forum_more": ["forum", "parenting"],
               "life": ["travel", "recipes", "forum", "reviews"],
               "chatter_tw": ["forum_family", "forum_ent", "forum_tech"], "chatter_hk": ["forum_life", "chatter_misc"],
               "news_more": ["news_ent", "finance_more", "misc_news"],
               "official": ["gov", "education", "medical", "company"],
               "media_words": ["media_words", "news_ent", "entertainment"], "people_words": ["people_words", "forum_life"],
               "service_words": ["service_words", "gov", "finance_more"],
               "news_hk": ["news_local", "news_economy", "misc_news"], "ptt_more": ["forum_life", "forum_ent", "stocks"],
               "shop_tw": ["ecommerce", "commerce", "reviews"], "novel_trad": ["novel"], "games_trad": ["games"],
               "gov_tw": ["gov", "campus", "health"], "everyday_senses": ["everyday_senses"]}
# clean domains written to use spam-looking words (中文字幕, 国产, 在线观看, 激情, 少妇, 午夜, 精品, 线上, 皇家…) in
# harmless senses; clean (label) pages draw from them more often than the uniform domain choice would (see gen_record)
RISKY_DOMAINS = ["media_words", "people_words", "service_words", "everyday_senses"]
RISKY_CLEAN_BOOST = 0.15

CITIES = ["北京", "上海", "广州", "深圳", "成都", "重庆", "杭州", "武汉", "西安", "南京", "长沙", "郑州",
          "东莞", "佛山", "苏州", "天津", "青岛", "厦门", "昆明", "合肥", "沈阳", "济南", "福州", "南宁",
          "石家庄", "太原", "哈尔滨", "长春", "大连", "宁波", "无锡", "温州", "南昌", "贵阳", "兰州", "海口",
          "珠海", "中山", "惠州", "泉州", "烟台", "洛阳", "襄阳", "常州", "徐州", "西宁", "银川", "桂林"]
TLDS = [".com", ".cc", ".vip", ".top", ".xyz", ".net", ".app", ".live", ".club", ".me", ".info", ".shop",
        ".pw", ".tk", ".cn", ".com.cn", ".co", ".in", ".buzz", ".fun"]
SYL = ["am", "js", "pj", "yl", "bet", "hg", "xpj", "amjs", "vns", "tyc", "ag", "bb", "av", "sex", "se",
       "huang", "lu", "jiu", "ok", "dy", "kan", "tv", "fuli", "qp", "ky", "cp", "ssc", "pk", "xg", "lh"]


# ----------------------------------------------------------------------------
# random helpers
# ----------------------------------------------------------------------------

def rdigits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def rletters(r, n, alpha="abcdefghijklmnopqrstuvwxyz"):
    return "".join(r.choice(alpha) for _ in range(n))


def rand_domain(r):
    k = r.randrange(6)
    if k == 0:
        base = r.choice(SYL) + rdigits(r, r.randint(2, 4))
    elif k == 1:
        base = rdigits(r, r.randint(3, 5)) + r.choice(SYL)
    elif k == 2:
        base = rletters(r, r.randint(5, 9))
    elif k == 3:
        base = r.choice(SYL) + r.choice(SYL) + rdigits(r, r.randint(1, 3))
    elif k == 4:
        base = rletters(r, 2) + rdigits(r, 2) + rletters(r, 3)
    else:
        base = r.choice(SYL) + "-" + rletters(r, r.randint(3, 5))
    pre = r.choice(["", "", "www.", "m.", "www.", "vip.", rletters(r, 3) + "."])
    return pre + base + r.choice(TLDS)


def rand_url(r):
    d = rand_domain(r)
    if r.random() < 0.5:
        return d
    return r.choice(["http://", "https://"]) + d + r.choice(["", "/", "/?id=" + rdigits(r, 4), "/index.html",
                                                              "/" + rletters(r, 4) + "/"])


def rand_wx(r):
    return r.choice(["", "", "wx", "vip", "xx", "a", "kf"]) + rletters(r, r.randint(2, 5)) + rdigits(r, r.randint(3, 7))


def rand_phone(r):
    return "1" + r.choice("3456789") + rdigits(r, 9)


def rand_code(r):
    pre = r.choice(SPAM["codes"])
    if pre.startswith("FC2"):
        return pre + "-" + rdigits(r, 7)
    if pre in ("HEYZO", "CARIB"):
        return pre + "-" + rdigits(r, 4)
    return pre + "-" + str(r.randint(100, 999))


def spam_sitename(r, cat):
    p = SPAM["sitenames"]
    if cat == "mixed":
        cat = r.choice(["adult", "gambling"])
    name = r.choice(p[cat + "_a"]) + r.choice(p[cat + "_b"])
    if r.random() < 0.3:
        name += r.choice(["", "网", "官网", str(r.randint(1, 99))])
    return name


def fill(r, s, cat="adult"):
    out = s
    for _ in range(6):
        if "{" not in out:
            break
        out = (out.replace("{QQ}", str(r.randint(10000000, 3999999999)), 1)
               .replace("{WX}", rand_wx(r), 1)
               .replace("{URL}", rand_url(r), 1)
               .replace("{PHONE}", rand_phone(r), 1)
               .replace("{CITY}", r.choice(CITIES), 1)
               .replace("{NUM}", str(r.choice([8, 18, 28, 38, 58, 88, 100, 128, 188, 288, 500, 888, 1000,
                                                 r.randint(2, 9999)])), 1)
               .replace("{CODE}", rand_code(r), 1)
               .replace("{SITENAME}", spam_sitename(r, cat), 1))
    return out


def esc(s):
    return htmlmod.escape(s, quote=False)


def attr(s):
    return htmlmod.escape(s, quote=True)


# ----------------------------------------------------------------------------
# snippets (text as it appears after decoding + html as written)
# ----------------------------------------------------------------------------

class Snip:
    __slots__ = ("text", "html")

    def __init__(self, text, html=None):
        self.text = text
        self.html = esc(text) if html is None else html


def sjoin(snips, sep_text, sep_html=None):
    if sep_html is None:
        sep_html = esc(sep_text)
    return Snip(sep_text.join(s.text for s in snips), sep_html.join(s.html for s in snips))


# ----------------------------------------------------------------------------
# obfuscation
# ----------------------------------------------------------------------------

LOOK = {"A": ["Α", "А", "Ａ", "Ⓐ"], "V": ["∨", "Ⅴ", "ⅴ", "Ｖ", "Ⓥ"], "a": ["а", "ɑ", "ⓐ"], "v": ["ν", "ⅴ", "ⓥ"],
        "o": ["о", "ο", "ⓞ"], "O": ["О", "Ο", "◯"], "e": ["е", "ⓔ"], "E": ["Е", "Ε"], "p": ["р", "ⓟ"],
        "P": ["Р", "Ρ"], "c": ["с", "ⓒ"], "C": ["С", "Ⅽ"], "x": ["х", "ⓧ"], "X": ["Х", "Χ"], "K": ["Κ", "К"],
        "M": ["Μ", "М"], "T": ["Τ", "Т"], "H": ["Η", "Н"], "B": ["Β", "В"], "i": ["і", "ⓘ"], "I": ["Ι", "І"],
        "k": ["κ", "ⓚ"], "g": ["ɡ", "ⓖ"], "b": ["Ь", "ⓑ"], "s": ["ѕ", "ⓢ"], "S": ["Ѕ", "Ⓢ"], "j": ["ј"],
        "1": ["①", "１"], "2": ["②"], "3": ["③"], "8": ["⑧"], "9": ["⑨"]}
ZW = ["\u200b", "\u200c", "\u200d", "\ufeff"]
OBFS = ["fullwidth", "lookalike", "zerowidth", "spacing", "trad", "pinyin", "qmark", "entities"]


def is_cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def ob_fullwidth(r, s):
    return "".join(chr(ord(c) + 0xFEE0) if (c.isascii() and c.isalnum() and r.random() < 0.85) else c for c in s)


def ob_lookalike(r, s):
    out = []
    for c in s:
        if c in LOOK and r.random() < 0.7:
            out.append(r.choice(LOOK[c]))
        else:
            out.append(c)
    return "".join(out)


def ob_zerowidth(r, s):
    z = r.choice(ZW) if r.random() < 0.6 else None
    out = []
    for i, c in enumerate(s):
        out.append(c)
        if i < len(s) - 1 and r.random() < 0.6:
            out.append(z or r.choice(ZW))
    return "".join(out)


def ob_spacing(r, s):
    sep = r.choice([" ", "*", "·", ".", " ", "-", "_"])
    return sep.join(s)


def ob_trad(r, s):
    return (S2T if r.random() < 0.8 else S2T_HK).convert(s)


def ob_pinyin(r, s, rate=0.3):
    out = []
    for c in s:
        out.append(c)
        if is_cjk(c) and r.random() < rate:
            py = lazy_pinyin(c, style=Style.TONE)[0]
            out.append("(" + py + ")")
    return "".join(out)


def ob_qmark(r, s):
    return "".join("?" if (is_cjk(c) and r.random() < 0.18) else c for c in s)


def entity_html(r, text, rate=0.35):
    out = []
    for c in text:
        if is_cjk(c) and r.random() < rate:
            out.append("&#%d;" % ord(c) if r.random() < 0.75 else "&#x%x;" % ord(c))
        else:
            out.append(esc(c))
    return "".join(out)


def obfuscate(r, text, obfs):
    """Apply obfuscations to a spam string; returns a Snip."""
    t = text
    for o in obfs:
        if o == "fullwidth":
            t = ob_fullwidth(r, t)
        elif o == "lookalike":
            t = ob_lookalike(r, t)
        elif o == "zerowidth":
            t = ob_zerowidth(r, t)
        elif o == "spacing":
            t = ob_spacing(r, t)
        elif o == "trad":
            t = ob_trad(r, t)
        elif o == "pinyin":
            t = ob_pinyin(r, t)
        elif o == "qmark":
            t = ob_qmark(r, t)
    if "entities" in obfs:
        return Snip(t, entity_html(r, t))
    return Snip(t)


# ----------------------------------------------------------------------------
# spam text generation
# ----------------------------------------------------------------------------

def kw_combo(r, cat):
    p = SPAM[cat + ".parts"]
    k = r.randrange(4)
    if k == 0:
        return r.choice(p["pre"]) + r.choice(p["core"]) + r.choice(p["suf"])
    if k == 1:
        return r.choice(p["core"]) + r.choice(p["suf"])
    if k == 2:
        return r.choice(p["pre"]) + r.choice(p["core"])
    return r.choice(p["pre"]) + r.choice(p["pre"]) + r.choice(p["core"]) + r.choice(p["suf"])


MODE = {"native_trad": False}


def spam_keyword(r, cat):
    if MODE["native_trad"]:
        if r.random() < 0.6:
            return r.choice(SPAM[cat + ".trad"])
        return to_trad(r, _spam_keyword(r, cat))
    return _spam_keyword(r, cat)


def _spam_keyword(r, cat):
    x = r.random()
    if cat in ("adult", "gambling"):
        if x < 0.5:
            return r.choice(SPAM[cat + ".keywords"])
        if x < 0.9:
            return kw_combo(r, cat)
        if cat == "adult":
            return rand_code(r) + r.choice(["", " ", "_"]) + r.choice(["在线观看", "中文字幕", "无码", "高清", "种子下载"])
        return spam_sitename(r, cat) + r.choice(["官网", "开户", "注册", "app下载", "网址"])
    if x < 0.85:
        return r.choice(SPAM["other.keywords"])
    return r.choice(CITIES) + r.choice(["代开发票", "办证", "贷款", "刻章", "办假证", "代办驾驶证", "发票", "私家侦探"])


def spam_keywords(r, cat, n):
    out, seen = [], set()
    tries = 0
    while len(out) < n and tries < n * 6:
        tries += 1
        k = spam_keyword(r, cat)
        if k not in seen:
            seen.add(k)
            out.append(k)
    return out


def spam_sentence(r, cat):
    if MODE["native_trad"]:
        if r.random() < 0.6:
            return to_trad(r, fill(r, r.choice(SPAM[cat + ".trad.sentences"]), cat))
        return to_trad(r, fill(r, r.choice(SPAM[cat + ".sentences"]), cat))
    return fill(r, r.choice(SPAM[cat + ".sentences"]), cat)


def spam_title(r, cat):
    k = r.randrange(4)
    if k == 0:
        t = fill(r, r.choice(SPAM[cat + ".titles"]), cat)
        return to_trad(r, t) if MODE["native_trad"] else t
    sep = r.choice(["_", "_", "-", "|", " | ", "，", ",", " "])
    t = sep.join(spam_keywords(r, cat, r.randint(2, 5)))
    if k == 3:
        t += sep + spam_sitename(r, cat)
    return t


def pick_obfs(r, prob=0.3):
    if r.random() >= prob:
        return []
    n = 1 if r.random() < 0.7 else 2
    # entity/zerowidth/etc can combine; avoid two script conversions clash (trad+pinyin fine)
    return sorted(r.sample(OBFS, n), key=OBFS.index)


SEPS = ["|", " | ", "｜", ",", "，", "、", " ", "_", "-", " I ", " / ", "；", "…", "·", "\n", "  ", " ★ ", "▏", " ◆ ", "　"]


# ----------------------------------------------------------------------------
# class names / attributes
# ----------------------------------------------------------------------------

ROLE_NAMES = {
    "wrap": ["wrap", "wrapper", "container", "main-wrap", "page", "w1200", "layout", "site", "box"],
    "header": ["header", "top", "site-header", "hd", "g-header", "head", "topbar", "masthead"],
    "nav": ["nav", "menu", "mainnav", "navbar", "nav-list", "topnav", "column", "channel"],
    "crumb": ["crumb", "breadcrumb", "position", "location", "curpos", "path", "dqwz"],
    "main": ["main", "content", "left", "article", "con-left", "primary", "mainbox", "detail"],
    "article": ["article", "text", "article-content", "content-text", "TRS_Editor", "detail-con", "post-body", "entry"],
    "side": ["side", "sidebar", "right", "aside", "con-right", "secondary", "rbox"],
    "footer": ["footer", "foot", "bottom", "copyright", "site-footer", "ft", "g-footer"],
    "list": ["list", "news-list", "items", "ul-list", "lst", "newslist"],
    "comment": ["comment", "reply", "post", "floor", "cmt-item", "reply-item", "message"],
    "box": ["box", "module", "panel", "block", "mod", "card", "section"],
    "title": ["title", "tit", "hd", "heading", "caption", "mod-title"],
    "info": ["info", "meta", "source", "article-info", "pubtime", "attr"],
}


def cname(r, role):
    base = r.choice(ROLE_NAMES[role])
    k = r.random()
    if k < 0.15:
        return base + "-" + rletters(r, r.randint(2, 4))
    if k < 0.25:
        return base + str(r.randint(1, 9))
    if k < 0.32:
        return rletters(r, 1) + rletters(r, 5, "abcdef0123456789")
    if k < 0.4:
        return base + " " + r.choice(["clearfix", "fl", "fr", "cf", "mt10", "w", "active"])
    return base


def open_tag(r, tag, role=None, extra=None, idp=0.25):
    attrs = []
    if role:
        attrs.append('class="%s"' % cname(r, role))
        if r.random() < idp:
            attrs.append('id="%s"' % cname(r, role).split(" ")[0])
    if extra:
        attrs.extend(extra)
    if r.random() < 0.08:
        attrs.append('data-%s="%s"' % (rletters(r, 3), rdigits(r, 2)))
    if len(attrs) > 1 and r.random() < 0.4:
        r.shuffle(attrs)
    return "<%s%s>" % (tag, "".join(" " + a for a in attrs))


def el(r, tag, role, inner, extra=None):
    return open_tag(r, tag, role, extra) + inner + "</%s>" % tag


def nest(r, inner, maxdepth=2):
    for _ in range(r.randint(0, maxdepth)):
        inner = el(r, "div", r.choice(["box", "wrap", "main"]), inner)
    return inner


# ----------------------------------------------------------------------------
# clean page context
# ----------------------------------------------------------------------------

CITY_SITE_SUFFIX = ["在线", "热线", "新闻网", "生活网", "论坛", "BBS", "门户网", "信息港", "社区", "本地宝"]
CITY_SITE_SUFFIX_TRAD = ["線上", "熱線", "新聞網", "生活網", "論壇", "社群"]
ROADS = ["中山路", "人民路", "解放路", "和平路", "黄河路", "建设大道", "长江路", "新华路", "文化路", "滨江路"]


def site_name(r, trad):
    """A site name; real portals are often a real city plus a suffix (the spam lists use real cities too)."""
    if r.random() < 0.3:
        city = r.choice(CITIES)
        if trad:
            return to_trad(r, city) + r.choice(CITY_SITE_SUFFIX_TRAD)
        return city + r.choice(CITY_SITE_SUFFIX)
    return r.choice(SHORT["sites.trad" if trad else "sites.simp"])


def address(r, trad):
    if r.random() < 0.5:
        a = "%s市%s%d号" % (r.choice(CITIES), r.choice(ROADS), r.randint(1, 800))
        return to_trad(r, a) if trad else a
    return r.choice(SHORT["addr.trad" if trad else "addr"])


def fill_footer(r, s, trad):
    site = site_name(r, trad)
    prov = r.choice(["京", "沪", "粤", "浙", "苏", "鄂", "川", "湘", "豫", "鲁", "闽", "陕"])
    rep = {
        "{YEAR}": str(r.randint(2016, 2025)), "{SITE}": site,
        "{ICP}": "%sICP备%s号%s" % (prov, rdigits(r, 8), r.choice(["", "-1", "-2", "-3"])),
        "{GONGAN}": "%s公网安备 %s号" % (prov, rdigits(r, 14)),
        "{ADDR}": address(r, False), "{ADDR_TW}": r.choice(SHORT["addr.trad"]), "{ZIP}": rdigits(r, 6),
        "{TEL}": "0%s-%s" % (rdigits(r, r.choice([2, 3])), rdigits(r, 8)),
        "{TEL_TW}": "(0%s) %s-%s" % (r.randint(2, 8), rdigits(r, 4), rdigits(r, 4)),
        "{COMPANY}": r.choice(["江城网络科技有限公司", "星海信息技术有限公司", "云栖数字科技", "南湖软件"]),
        "{WEBID}": rdigits(r, 10), "{DOMAIN}": rletters(r, r.randint(4, 8)) + r.choice([".com", ".cn", ".gov.cn", ".com.cn"]),
        "{DOMAIN_TW}": rletters(r, r.randint(4, 8)) + r.choice([".com.tw", ".org.tw", ".gov.tw", ".hk"]),
        "{PROVINCE_ABBR}": prov, "{NUM8}": rdigits(r, 8),
    }
    for k in sorted(rep):
        s = s.replace(k, rep[k])
    return s


def headline_from(par, r):
    punct = "，。：；！？,;"
    for i, ch in enumerate(par):
        if ch in punct and 6 <= i <= 30:
            return par[:i]
    h = par[: r.randint(12, 22)]
    return h.rstrip(punct + "、（(“")


def rand_user(r, trad, latin=False):
    if latin or r.random() < 0.12:
        k = r.randrange(5)
        if k == 0:
            return rletters(r, r.randint(2, 4)) + rdigits(r, 2) + rletters(r, r.randint(2, 4))
        if k == 1:
            return "user_" + rdigits(r, 2) + rletters(r, 2) + rdigits(r, 2)
        if k == 2:
            return rletters(r, 1) + rdigits(r, r.randint(6, 9))
        if k == 3:
            return "m_" + rletters(r, 8, "abcdefghjkmnpqrstuvwxyz23456789")
        return r.choice(["游客", "訪客" if trad else "网友"]) + rletters(r, 4, "0123456789abcdef")
    return r.choice(SHORT["usernames.trad" if trad else "usernames"] + SHORT["usernames"][:5])


def rand_date(r, trad=False):
    y, m, d = r.randint(2015, 2025), r.randint(1, 12), r.randint(1, 28)
    k = r.randrange(4)
    if k == 0:
        return "%d-%02d-%02d" % (y, m, d)
    if k == 1:
        return "%d-%02d-%02d %02d:%02d" % (y, m, d, r.randint(0, 23), r.randint(0, 59))
    if k == 2:
        return "%d年%d月%d日" % (y, m, d)
    return "%d/%02d/%02d" % (y, m, d)


def to_trad(r, s):
    return (S2T if r.random() < 0.8 else S2T_HK).convert(s)


def lottery_paragraphs(r, trad):
    """Programmatic legit lottery draw notices (hard negatives)."""
    out = []
    if trad and r.random() < 0.6:
        for _ in range(r.randint(1, 2)):
            issue = "%d%06d" % (r.randint(108, 114), r.randint(1, 300))
            k = r.randrange(3)
            if k == 0:
                nums = sorted(r.sample(range(1, 40), 5))
                out.append("今彩539第%s期開獎號碼：%s。本期頭獎%d注，每注獎金新台幣八百萬元，請中獎人於兌獎期限內持彩券至指定地點兌領。"
                           % (issue, "、".join("%02d" % x for x in nums), r.randint(0, 4)))
            elif k == 1:
                nums = sorted(r.sample(range(1, 39), 6))
                out.append("威力彩第%s期開獎結果：第一區 %s，第二區 %02d。本期頭獎從缺，累積至下期頭獎金額估計約%d億元。"
                           % (issue, " ".join("%02d" % x for x in nums), r.randint(1, 8), r.randint(3, 20)))
            else:
                nums = sorted(r.sample(range(1, 50), 6))
                out.append("大樂透第%s期開出號碼 %s，特別號 %02d，台灣彩券提醒彩迷理性購買，未滿十八歲不得購買或兌領彩券。"
                           % (issue, " ".join("%02d" % x for x in nums), r.randint(1, 49)))
        return out
    for _ in range(r.randint(1, 3)):
        issue = "%d%03d" % (r.randint(2018, 2025), r.randint(1, 150))
        k = r.randrange(3)
        if k == 0:
            reds = sorted(r.sample(range(1, 34), 6))
            s = ("中国福利彩票双色球第%s期开奖公告：红球号码 %s，蓝球号码 %02d。本期全国销售总额%d元，一等奖%d注，"
                 "单注奖金%d元，奖池累计金额%d元。" % (issue, " ".join("%02d" % x for x in reds), r.randint(1, 16),
                                           r.randint(300000000, 450000000), r.randint(0, 12),
                                           r.randint(5000000, 10000000), r.randint(1000000000, 3000000000)))
        elif k == 1:
            front = sorted(r.sample(range(1, 36), 5))
            back = sorted(r.sample(range(1, 13), 2))
            s = ("体彩超级大乐透第%s期开奖结果：前区 %s，后区 %s。本期一等奖开出%d注，兑奖期限为开奖之日起六十个自然日。"
                 % (issue, " ".join("%02d" % x for x in front), " ".join("%02d" % x for x in back), r.randint(0, 8)))
        else:
            s = ("福彩3D第%s期开奖号码为 %d %d %d，本期单选投注%d注中奖。请中奖彩民在兑奖期内持票前往指定地点兑奖，"
                 "理性购彩，量力而行。" % (issue, r.randint(0, 9), r.randint(0, 9), r.randint(0, 9), r.randint(1000, 20000)))
        out.append(to_trad(r, s) if trad else s)
    return out


def make_ctx(r, shell, trad, pool):
    """pool: ('clean', domain) | ('hard', name) | ('offensive', None)"""
    ctx = {"trad": trad, "shell": shell, "pinyin": False, "latin_users": False}
    kind, name = pool
    paras = []
    if kind == "clean":
        if trad:
            native = CLEAN_TRAD[name]
            paras = r.sample(native, min(len(native), r.randint(2, 5)))
            if r.random() < 0.35:
                dom = r.choice(TRAD_BORROW[name])
                conv = [to_trad(r, p) for p in r.sample(CLEAN_SIMP[dom], r.randint(1, 3))]
                paras = conv + paras if r.random() < 0.5 else paras + conv
                if r.random() < 0.35:
                    ctx["pinyin"] = True
        else:
            pool_l = CLEAN_SIMP[name]
            paras = r.sample(pool_l, min(len(pool_l), r.randint(2, 6)))
    elif kind == "hard":
        src = HARD[name]
        paras = r.sample(src, min(len(src), r.randint(2, 4)))
        if name == "lottery.simp" and r.random() < 0.7:
            paras = lottery_paragraphs(r, False) + paras
        if trad and not name.endswith(".trad"):
            paras = [to_trad(r, p) for p in paras]
            if r.random() < 0.3:
                ctx["pinyin"] = True
        if name.endswith(".trad") and r.random() < 0.3:
            paras = lottery_paragraphs(r, True)[:1] + paras
    else:  # offensive: opening post from forum-ish pools
        if trad:
            paras = r.sample(CLEAN_TRAD[r.choice(["life", "chatter_tw", "chatter_hk", "news_more"])], r.randint(1, 2))
        else:
            paras = r.sample(CLEAN_SIMP[r.choice(["forum", "news_sports", "reviews", "news_local", "forum_family", "forum_ent",
                                                  "forum_life", "news_ent", "chatter_misc"])], r.randint(1, 2))
    h = headline_from(paras[0], r)
    if ctx["pinyin"]:
        rate = r.choice([0.02, 0.04, 0.08])
        paras = [ob_pinyin(r, p, rate=rate) for p in paras]
        h = ob_pinyin(r, h, rate=rate)
    # Real pages mix scripts harmlessly too (a Simplified repost or quote on a Traditional page, a
    # Traditional paragraph on a Simplified one), so a script change alone must not read as spam.
    x = r.random()
    if trad and x < 0.12:
        extra = r.sample(CLEAN_SIMP[r.choice(sorted(CLEAN_SIMP))], r.randint(1, 2))
    elif not trad and x < 0.05:
        extra = r.sample(CLEAN_TRAD[r.choice(sorted(CLEAN_TRAD))], 1)
    else:
        extra = []
    if extra:
        pos = r.randint(0, len(paras))
        paras = paras[:pos] + extra + paras[pos:]
        ctx["mixed_script"] = True
    ctx["paras"] = paras
    ctx["site"] = site_name(r, trad)
    ctx["headline"] = h
    sep = r.choice(["_", " - ", "|", " | ", "-", "——", "－"])
    ctx["title"] = Snip(h + sep + ctx["site"] if r.random() < 0.85 else h)
    ctx["keywords"] = Snip(",".join([h[:4], ctx["site"], r.choice(SHORT["nav.trad" if trad else "nav.simp"])])) if r.random() < 0.6 else None
    desc = paras[0][:60]
    if desc.rfind("(") > desc.rfind(")"):
        desc = desc[:desc.rfind("(")]
    ctx["description"] = Snip(desc) if r.random() < 0.6 else None
    ctx["h1"] = Snip(h)
    navpool = SHORT["nav.trad" if trad else "nav.simp"]
    ctx["nav"] = [navpool[0]] + r.sample(navpool[1:], r.randint(4, 9))
    if r.random() < 0.35:  # real sites advertise their own app in the header
        apps = ["APP下載", "手機版", "下載APP", "官方APP"] if trad else ["APP下载", "手机版", "客户端下载", "下载APP", "官方APP"]
        ctx["nav"].append(r.choice(apps))
    if shell in ("forum", "qa") and r.random() < 0.7:
        secs = COMMENTS["sections.trad" if trad else "sections.simp"]
        ctx["nav"] = ctx["nav"][:1] + r.sample(secs, r.randint(3, 7)) + ctx["nav"][1:4]
    tagpool = SHORT["tags.trad" if trad else "tags.simp"]
    ctx["tags"] = r.sample(tagpool, r.randint(3, 8)) if r.random() < 0.3 else None
    if ctx["keywords"] is not None and r.random() < 0.4:
        ctx["keywords"] = Snip(r.choice([",", "，", "|", " ", "、"]).join([h[:6], ctx["site"]] + r.sample(tagpool, r.randint(4, 12))))
    ctx["date"] = rand_date(r, trad)
    ctx["author"] = r.choice(["本報記者", "記者 陳怡君", "編輯：林志明", "來源：本報訊", "中央社", "特約記者"] if trad else
                             ["本站记者", "通讯员", "编辑", "记者 李明", "记者 王芳", "责任编辑：张华", "来源：本站"])
    fpool = SHORT["footer.trad" if trad else "footer.simp"]
    ctx["footer"] = [fill_footer(r, x, trad) for x in r.sample(fpool, min(len(fpool), r.randint(2, 5)))]
    ctx["side_items"] = [side_headline(x, r) for x in r.sample(list_side_pool(trad), r.randint(3, 7))]
    # comments
    ctx["comments"] = []
    ctx["latin_users"] = shell == "forum" and kind == "hard" or (shell == "forum" and r.random() < 0.25)
    if shell in ("forum", "blog", "shop", "news", "qa", "video", "app") and (shell == "forum" or r.random() < 0.5 or kind == "offensive"):
        n = r.randint(2, 7)
        for _ in range(n):
            txt = clean_comment(r, trad, shell, ctx["paras"])
            ctx["comments"].append([Snip(rand_user(r, trad, ctx["latin_users"])), Snip(txt), rand_date(r, trad)])
        if kind == "offensive":
            off = OFFENSIVE["trad" if trad else "simp"]
            for _ in range(r.randint(2, 5)):
                ctx["comments"].insert(r.randint(0, len(ctx["comments"])),
                                       [Snip(rand_user(r, trad, ctx["latin_users"])), Snip(r.choice(off)), rand_date(r, trad)])
    # legit tricks
    ctx["mobile_menu"] = r.random() < 0.25
    ctx["marquee"] = (shell in ("school", "gov", "hospital") and r.random() < 0.45) or r.random() < 0.05
    ctx["friendlinks"] = r.random() < 0.3
    ctx["longfooter"] = r.random() < 0.2
    ctx["tracking"] = r.random() < 0.5
    ctx["urls_in_text"] = r.random() < 0.15
    ctx["mobile_redirect"] = r.random() < 0.12
    ctx["referrer_js"] = r.random() < 0.12
    ctx["tabs"] = r.random() < 0.1
    ctx["long_links"] = r.random() < 0.1
    if r.random() < 0.06:
        ctx["marquee"] = True
    ctx["charset"] = r.choice(["utf-8"] * 6 + (["big5"] if trad else ["gbk", "gb2312"]) + ["UTF-8"])
    return ctx


_SIDE_CACHE = {}
_CPOOL = {}


def comment_pool(key):
    if key not in _CPOOL:
        if key == "trad":
            lst = CLEAN_TRAD["life"] + CLEAN_TRAD["forum_more"] + CLEAN_TRAD["chatter_tw"] + CLEAN_TRAD["chatter_hk"] + CLEAN_TRAD["people_words"]
        elif key == "shop_trad":
            lst = CLEAN_TRAD["life"] + CLEAN_TRAD["chatter_tw"]
        elif key == "shop":
            lst = CLEAN_SIMP["reviews"] + CLEAN_SIMP["commerce"]
        else:
            lst = []
            for k in ("forum", "forum_family", "forum_life", "forum_ent", "forum_tech", "chatter_misc", "parenting", "daily_words",
                      "people_words"):
                lst.extend(CLEAN_SIMP[k])
        _CPOOL[key] = lst
    return _CPOOL[key]


def clean_comment(r, trad, shell, paras):
    """A clean comment/reply: a forum paragraph, a short reply, or a quoted reply."""
    x = r.random()
    replies = COMMENTS["replies.trad" if trad else "replies.simp"]
    if x < 0.3:
        return r.choice(replies)
    pool = comment_pool(("shop_trad" if trad else "shop") if shell == "shop" else ("trad" if trad else "simp"))
    txt = r.choice(pool)
    if x < 0.4 and paras:
        q = r.choice(paras)
        q = q[:r.randint(12, 30)] + "…"
        lab = r.choice(["引用：", "引用 %d 樓：" % r.randint(1, 30), "※ 引述："] if trad else
                       ["引用：", "引用 %d 楼：" % r.randint(1, 30), "回复 %d# ：" % r.randint(1, 30), "@楼主 "])
        return lab + q + " " + (r.choice(replies) if r.random() < 0.5 else txt)
    if x < 0.5:
        return txt + " " + r.choice(replies)
    return txt


def list_side_pool(trad):
    """News-list / related-links pool: clean paragraphs (cut to a headline by side_headline) plus ready-made
    headlines from short/headlines.*.txt (used as they are)."""
    key = "t" if trad else "s"
    if key not in _SIDE_CACHE:
        if trad:
            lst = []
            for k in sorted(CLEAN_TRAD):
                lst.extend(CLEAN_TRAD[k])
        else:
            lst = []
            for k in ("news_economy", "news_tech", "news_local", "news_sports", "finance", "news_intl"):
                lst.extend(CLEAN_SIMP[k])
        lst = lst + SHORT["headlines.trad" if trad else "headlines.simp"]
        _SIDE_CACHE[key] = lst
    return _SIDE_CACHE[key]


HEADLINES = frozenset(SHORT["headlines.simp"] + SHORT["headlines.trad"])  # membership test only


def side_headline(x, r):
    return x if x in HEADLINES else headline_from(x, r)


# ----------------------------------------------------------------------------
# shell components
# ----------------------------------------------------------------------------

M = {k: "<!--@%s@-->" % k for k in ["PRE", "HEAD", "BODY_START", "TOP", "ART_TOP", "ART_MID", "ART_END", "SIDEBAR",
                                     "BOTTOM", "FOOTER", "BODY_END", "POST", "COMMENTS_END"]}


def head(r, ctx):
    parts = []
    cs = ctx["charset"]
    if r.random() < 0.5:
        parts.append('<meta charset="%s">' % cs)
    else:
        parts.append('<meta http-equiv="Content-Type" content="text/html; charset=%s">' % cs)
    order = []
    order.append("<title>%s</title>" % ctx["title"].html)
    if ctx.get("keywords") is not None:
        order.append('<meta name="keywords" content="%s">' % ctx["keywords"].html.replace('"', "&quot;"))
    if ctx.get("description") is not None:
        order.append('<meta name="description" content="%s">' % ctx["description"].html.replace('"', "&quot;"))
    if r.random() < 0.5:
        order.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    if r.random() < 0.4:
        order.append('<link rel="stylesheet" href="/%s/%s.css?v=%s">' % (r.choice(["css", "static/css", "skin", "templets/default"]),
                                                                          r.choice(["style", "common", "main", "index"]), rdigits(r, 6)))
    if r.random() < 0.3:
        order.append('<meta name="renderer" content="webkit">')
    if r.random() < 0.5:
        r.shuffle(order)
    parts.extend(order)
    if r.random() < 0.3:
        parts.append("<style>body{margin:0;font-family:%s}.%s{width:%dpx;margin:0 auto}</style>" % (
            r.choice(["'Microsoft YaHei'", "SimSun", "'PingFang TC'", "sans-serif"]), cname(r, "wrap").split(" ")[0], r.choice([960, 1000, 1200])))
    parts.append(M["HEAD"])
    if ctx["tracking"]:
        parts.append(tracking_script(r))
    if ctx.get("mobile_redirect"):
        parts.append(legit_redirect_script(r, ctx))
    if ctx.get("referrer_js"):
        parts.append(referrer_script(r))
    nl = r.choice(["\n", "", "\n  "])
    return "<head>" + nl + nl.join(parts) + nl + "</head>"


def tracking_script(r):
    k = r.randrange(3)
    if k == 0:
        return ('<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://stat.%s.com/hm.js?%s";'
                'var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();</script>'
                % (rletters(r, 5), rletters(r, 32, "0123456789abcdef")))
    if k == 1:
        return ('<script async src="https://tag.%s.net/js?id=G-%s"></script><script>window.dataLayer=window.dataLayer||[];'
                'function gtag(){dataLayer.push(arguments);}gtag("js",new Date());gtag("config","G-%s");</script>'
                % (rletters(r, 6), rletters(r, 10, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"), rletters(r, 10, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")))
    return '<script src="/js/%s.js?%s" type="text/javascript"></script>' % (r.choice(["jquery.min", "common", "app", "tongji"]), rdigits(r, 8))


def site_domain(r, ctx):
    if "domain" not in ctx:
        ctx["domain"] = rletters(r, r.randint(3, 9)) + r.choice([".com", ".cn", ".com.cn", ".net", ".org.cn", ".gov.cn", ".edu.cn"]
                                                                  if not ctx["trad"] else [".com.tw", ".tw", ".hk", ".com.hk", ".org.tw", ".gov.tw"])
    return ctx["domain"]


def legit_redirect_script(r, ctx):
    """Legitimate mobile-site redirect (same site, m. subdomain)."""
    d = site_domain(r, ctx)
    k = r.randrange(3)
    if k == 0:
        return ("<script>if(/Android|iPhone|iPod|Mobile/i.test(navigator.userAgent)){location.href='https://m.%s'+location.pathname;}</script>" % d)
    if k == 1:
        return ('<script type="text/javascript">(function(){var ua=navigator.userAgent.toLowerCase();if(ua.match(/(iphone|android|ipad|mobile)/)'
                '&&location.hostname.indexOf("m.")!==0){window.location.replace("https://m.%s/"+location.search);}})();</script>' % d)
    return ('<meta http-equiv="mobile-agent" content="format=html5;url=https://m.%s/"><script>var isM=/Android|webOS|iPhone|iPad|BlackBerry/i'
            '.test(navigator.userAgent);if(isM&&!sessionStorage.getItem("pc")){window.location.href="//m.%s";}</script>' % (d, d))


def referrer_script(r):
    """Legitimate analytics snippet that reads document.referrer."""
    k = r.randrange(3)
    if k == 0:
        return ('<script>(function(){var img=new Image();img.src="https://log.%s.com/c.gif?u="+encodeURIComponent(location.href)'
                '+"&r="+encodeURIComponent(document.referrer)+"&t="+Date.now();})();</script>' % rletters(r, 5))
    if k == 1:
        return ('<script>var _paq=window._paq=window._paq||[];_paq.push(["setReferrerUrl",document.referrer]);_paq.push(["trackPageView"]);'
                '(function(){var u="https://analytics.%s.org/";_paq.push(["setTrackerUrl",u+"matomo.php"]);_paq.push(["setSiteId","%d"]);})();</script>'
                % (rletters(r, 6), r.randint(1, 40)))
    return ('<script>var ref=document.referrer;if(ref&&ref.indexOf(location.hostname)<0){try{localStorage.setItem("src",ref)}catch(e){}}'
            'navigator.sendBeacon&&navigator.sendBeacon("/api/pv",JSON.stringify({p:location.pathname,r:ref}));</script>')


def tags_html(r, ctx):
    tags = ctx.get("tags")
    if not tags:
        return ""
    trad = ctx["trad"]
    lab = r.choice(["标签：", "Tags：", "关键词：", "相关标签：", "TAG: "] if not trad else ["標籤：", "Tags：", "關鍵字：", "相關標籤："])
    k = r.randrange(3)
    if k == 0:
        return el(r, "div", "info", lab + " | ".join(esc(t) for t in tags))
    if k == 1:
        return el(r, "div", "info", "<span>%s</span>" % lab + r.choice([" ", " | ", "、", ""]).join(
            '<a href="/tag/%s">%s</a>' % (rletters(r, 5), esc(t)) for t in tags))
    return "<p>%s%s</p>" % (lab, r.choice(["|", " / ", "，", " "]).join(esc(t) for t in tags))


def tab_panels_html(r, ctx):
    """Tab widget: inactive panels hidden with visibility:hidden / display:none."""
    trad = ctx["trad"]
    names = r.sample(["最新", "热门", "推荐", "公告", "专题"] if not trad else ["最新", "熱門", "推薦", "公告", "專題"], 3)
    pool = list_side_pool(trad)
    heads = "".join('<li class="%s">%s</li>' % ("on" if i == 0 else "", n) for i, n in enumerate(names))
    panels = []
    for i in range(3):
        items = "".join('<li><a href="/a/%s.html">%s</a></li>' % (rdigits(r, 6), esc(side_headline(x, r))) for x in r.sample(pool, r.randint(3, 5)))
        st = "" if i == 0 else ' style="%s"' % r.choice(["visibility:hidden;position:absolute", "display:none", "visibility:hidden;height:0"])
        panels.append('<div class="tab-pane"%s><ul>%s</ul></div>' % (st, items))
    return el(r, "div", "side", '<ul class="tab-hd">%s</ul>' % heads + "".join(panels))


def long_links_html(r, ctx):
    """A long legit link row to many domains (partners, universities, media)."""
    trad = ctx["trad"]
    pool = SHORT["partners.trad" if trad else "partners.simp"]
    names = [x.split("|") for x in r.sample(pool, min(len(pool), r.randint(5, 9)))]
    sites = SHORT["sites.trad" if trad else "sites.simp"]
    for n in r.sample(sites, min(len(sites), r.randint(6, 14))):
        names.append([n, legit_domain(r, trad)])
    r.shuffle(names)
    label = r.choice(["友情链接：", "合作伙伴：", "相关网站：", "链接："] if not trad else ["友站連結：", "合作夥伴：", "相關網站："])
    sep = r.choice([" | ", " ", "", "　", " · "])
    return el(r, "div", "box", label + sep.join('<a href="https://%s/" target="_blank">%s</a>' % (d, esc(n)) for n, d in names))


def nav_html(r, ctx):
    items = ctx["nav"]
    k = r.randrange(4)
    hrefs = ["/" if i == 0 else "/%s/" % rletters(r, r.randint(3, 6)) for i in range(len(items))]
    if k == 0:
        inner = "".join("<li><a href=\"%s\">%s</a></li>" % (h, esc(t)) for h, t in zip(hrefs, items))
        return el(r, "div", "nav", el(r, "ul", None, inner))
    if k == 1:
        inner = r.choice(["", " | ", "\n"]).join('<a href="%s">%s</a>' % (h, esc(t)) for h, t in zip(hrefs, items))
        return el(r, "nav", "nav", inner)
    if k == 2:
        inner = "".join('<td><a href="%s">%s</a></td>' % (h, esc(t)) for h, t in zip(hrefs, items))
        return '<table width="100%%" cellpadding="0" cellspacing="0" class="%s"><tr>%s</tr></table>' % (cname(r, "nav"), inner)
    inner = "".join('<span><a href="%s">%s</a></span>' % (h, esc(t)) for h, t in zip(hrefs, items))
    return el(r, "div", "nav", inner)


def mobile_menu(r, ctx):
    items = ctx["nav"]
    inner = "".join('<li><a href="/m/%d">%s</a></li>' % (i, esc(t)) for i, t in enumerate(items))
    k = r.randrange(3)
    if k == 0:
        return '<div class="%s" style="display:none">%s</div>' % (r.choice(["m-menu", "mobile-nav", "wap-nav", "drawer"]), "<ul>" + inner + "</ul>")
    if k == 1:
        return '<div class="m-nav" hidden><ul>%s</ul></div>' % inner
    return '<ul class="sub-menu" style="visibility:hidden;position:absolute">%s</ul>' % inner


def crumb_html(r, ctx):
    trad = ctx["trad"]
    sep = r.choice([" > ", " &gt; ", " » ", " / ", " › ", "&nbsp;>&nbsp;", " - "])
    label = r.choice(["当前位置：", "您的位置：", ""] if not trad else ["目前位置：", "您的位置：", ""])
    parts = ['<a href="/">%s</a>' % ("首頁" if trad else "首页"), '<a href="/%s/">%s</a>' % (rletters(r, 4), esc(r.choice(ctx["nav"][1:])))]
    if r.random() < 0.5:
        parts.append("正文" if not trad else "內文")
    return el(r, "div", "crumb", label + sep.join(parts))


def header_html(r, ctx):
    logo = '<a href="/" class="logo">%s</a>' % esc(ctx["site"])
    if r.random() < 0.4:
        logo = '<a href="/"><img src="/images/logo.png" alt="%s"></a>' % attr(ctx["site"])
        if r.random() < 0.5:
            logo += "<span>%s</span>" % esc(ctx["site"])
    search = ""
    if r.random() < 0.4:
        search = '<form action="/search"><input type="text" name="q" placeholder="%s"><button>%s</button></form>' % (
            "請輸入關鍵字" if ctx["trad"] else "请输入关键词", "搜尋" if ctx["trad"] else "搜索")
    top = ""
    if r.random() < 0.3:
        top = el(r, "div", "header", esc(ctx["date"].split(" ")[0]) + r.choice(["", " 星期三", " 欢迎访问" + ctx["site"] if not ctx["trad"] else " 歡迎光臨"]))
    mm = mobile_menu(r, ctx) if ctx["mobile_menu"] else ""
    return el(r, "div", "header", top + nest(r, logo + search, 1) + mm + nav_html(r, ctx))


def paras_html(r, ctx):
    ps = []
    style = r.randrange(5)
    for p in ctx["paras"]:
        if style == 0:
            ps.append("<p>%s</p>" % esc(p))
        elif style == 1:
            ps.append('<p style="text-indent:2em">%s</p>' % esc(p))
        elif style == 2:
            ps.append("<p>　　%s</p>" % esc(p))
        elif style == 3:
            ps.append("<p>&nbsp;&nbsp;&nbsp;&nbsp;%s</p>" % esc(p))
        else:
            ps.append(el(r, "div", None, esc(p)) if r.random() < 0.5 else "<p><span>%s</span></p>" % esc(p))
    if ctx["urls_in_text"]:
        ps.append("<p>%s%s</p>" % ("詳情請見：" if ctx["trad"] else "详情请访问：",
                                   " ".join("http://%s.%s/%s" % (rletters(r, 5), r.choice(["gov.cn", "com", "org.cn", "edu.cn"]), rletters(r, 4) + ".html")
                                            for _ in range(r.randint(1, 3)))))
    pos = r.randint(1, max(1, len(ps) - 1))
    ps.insert(pos, M["ART_MID"])
    joiner = r.choice(["\n", "", "\n"])
    return joiner.join(ps)


def article_html(r, ctx, with_h1=True):
    h1 = ("<h1>%s</h1>" % ctx["h1"].html) if with_h1 else ""
    if with_h1 and r.random() < 0.3:
        h1 = el(r, "div", "title", "<h2>%s</h2>" % ctx["h1"].html)
    info = el(r, "div", "info", "%s %s" % (esc(ctx["date"]), esc(ctx["author"]))) if r.random() < 0.8 else ""
    body = M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]
    body = el(r, "div", "article", body)
    return h1 + info + body + tags_html(r, ctx)


def side_html(r, ctx):
    title = r.choice(["热点新闻", "推荐阅读", "相关文章", "最新动态"] if not ctx["trad"] else ["熱門新聞", "推薦閱讀", "相關文章"])
    items = "".join('<li><a href="/a/%s.html">%s</a></li>' % (rdigits(r, 6), esc(t)) for t in ctx["side_items"])
    tabs = tab_panels_html(r, ctx) if ctx.get("tabs") else ""
    return el(r, "div", "side", el(r, "div", "title", esc(title)) + "<ul>" + items + "</ul>" + tabs + M["SIDEBAR"])


def friend_links_html(r, ctx):
    pool = SHORT["partners.trad" if ctx["trad"] else "partners.simp"]
    items = r.sample(pool, min(len(pool), r.randint(4, 8)))
    label = r.choice(["友情链接：", "友情链接", "相关链接："] if not ctx["trad"] else ["友站連結：", "相關連結："])
    links = [('<a href="http://%s" target="_blank">%s</a>' % (d, esc(n))) for n, d in (x.split("|") for x in items)]
    return el(r, "div", "box", "<span>%s</span>" % label + r.choice([" ", " | ", ""]).join(links)), None


def footer_html(r, ctx):
    lines = ["<p>%s</p>" % esc(x) for x in ctx["footer"]]
    if ctx["longfooter"]:
        links = ["<a href=\"/%s\">%s</a>" % (rletters(r, 5), esc(x)) for x in r.sample(SHORT["nav.trad" if ctx["trad"] else "nav.simp"], 10)]
        lines.insert(0, "<p>%s</p>" % " | ".join(links))
        lines.append("<p>%s</p>" % " ".join("<a href=\"http://%s\">%s</a>" % (d, esc(n)) for n, d in
                                            (x.split("|") for x in r.sample(SHORT["partners.simp"], 5))))
    fl = friend_links_html(r, ctx)[0] if ctx["friendlinks"] else ""
    if ctx.get("long_links"):
        fl += long_links_html(r, ctx)
    if ctx.get("tabs") and r.random() < 0.5:
        fl = tab_panels_html(r, ctx) + fl
    return fl + el(r, "div", "footer", "".join(lines) + M["FOOTER"])


def marquee_html(r, ctx):
    pool = SHORT["announce.trad" if ctx["trad"] else "announce.simp"]
    txt = r.choice(pool)
    if r.random() < 0.5:
        return '<marquee behavior="scroll" direction="left" scrollamount="%d">%s</marquee>' % (r.randint(2, 6), esc(txt))
    return el(r, "div", "box", '<marquee direction="up" height="60">%s</marquee>' % esc(txt))


def comments_html(r, ctx, forum=False):
    if not ctx["comments"]:
        return M["COMMENTS_END"]
    out = []
    trad = ctx["trad"]
    for i, (user, body, date) in enumerate(ctx["comments"]):
        floor = ("%d樓" if trad else "%d楼") % (i + 2)
        k = r.randrange(3) if not forum else r.randrange(2)
        if k == 0:
            out.append(el(r, "div", "comment", '<div class="u"><a href="/u/%s">%s</a> <span>%s</span></div><p>%s</p>'
                          % (rdigits(r, 6), user.html, esc(date), body.html)))
        elif k == 1:
            out.append('<table class="%s"><tr><td class="au">%s</td><td><div class="pct">%s</div><div class="ft">%s %s</div></td></tr></table>'
                       % (cname(r, "comment"), user.html, body.html, floor, esc(date)))
        else:
            out.append("<li><b>%s</b>：<div>%s</div><em>%s</em></li>" % (user.html, body.html, esc(date)))
    title = r.choice(["网友评论", "全部回复", "评论区", "最新评论"] if not trad else ["網友留言", "全部回覆", "留言區"])
    joined = "\n".join(out)
    if "<li>" in joined:
        joined = "<ul>" + joined + "</ul>"
    return el(r, "div", "box", "<h3>%s</h3>" % title + joined + M["COMMENTS_END"])


def doc(r, ctx, body, lang=None):
    if lang is None:
        lang = r.choice(["zh-CN", "zh-cn", "zh", None]) if not ctx["trad"] else r.choice(["zh-TW", "zh-Hant", "zh-HK", None])
    dt = r.choice(["<!DOCTYPE html>", "<!doctype html>",
                   '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'])
    html_open = "<html>" if not lang else '<html lang="%s">' % lang
    nl = r.choice(["\n", ""])
    return (M["PRE"] + dt + nl + html_open + nl + head(r, ctx) + nl + "<body" + r.choice(["", ' class="%s"' % cname(r, "wrap")]) + ">"
            + M["BODY_START"] + nl + body + nl + M["BODY_END"] + "</body>" + nl + "</html>" + M["POST"])


def extras_top(r, ctx):
    return marquee_html(r, ctx) if ctx["marquee"] else ""


# ---- shells ---------------------------------------------------------------

def shell_news(r, ctx):
    main = el(r, "div", "main", crumb_html(r, ctx) + article_html(r, ctx) + comments_html(r, ctx))
    side = side_html(r, ctx) if r.random() < 0.75 else ""
    body = header_html(r, ctx) + M["TOP"] + extras_top(r, ctx) + nest(r, main + side, 2) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, el(r, "div", "wrap", body))


def shell_gov(r, ctx):
    trad = ctx["trad"]
    banner = el(r, "div", "header", "<h2>%s</h2>" % esc(ctx["site"]))
    tbl = r.random() < 0.5
    art = crumb_html(r, ctx) + article_html(r, ctx)
    if r.random() < 0.5:
        art += "<p>%s</p>" % esc(("發布機關：" if trad else "发布机构：") + ctx["site"])
        art += '<p><a href="/attach/%s.pdf">%s</a></p>' % (rdigits(r, 6), "附件：相關文件.pdf" if trad else "附件：相关文件.pdf")
    if tbl:
        body = ('<table width="1000" align="center" border="0"><tr><td>%s</td></tr><tr><td>%s</td></tr><tr><td>%s%s</td></tr></table>'
                % (banner + nav_html(r, ctx), M["TOP"] + extras_top(r, ctx) + art + M["BOTTOM"], footer_html(r, ctx), ""))
    else:
        body = banner + nav_html(r, ctx) + M["TOP"] + extras_top(r, ctx) + nest(r, el(r, "div", "main", art), 2) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_company(r, ctx):
    trad = ctx["trad"]
    prods = "".join("<li><img src=\"/upload/%s.jpg\" alt=\"\"><p>%s</p></li>" % (rdigits(r, 5), esc(x))
                    for x in r.sample(["智能电饭煲", "保温杯", "净水器", "传感器模块", "冲锋衣", "茶叶礼盒", "不锈钢锅"] if not trad else
                                      ["保溫杯", "便當盒", "掃地機器人", "不鏽鋼鍋", "電熱水壺"], 3))
    hero = el(r, "div", "box", "<h2>%s</h2>" % esc(ctx["site"]) + "<p>%s</p>" % esc(ctx["headline"]))
    main = hero + M["TOP"] + el(r, "div", "main", "<h1>%s</h1>" % ctx["h1"].html + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]))
    main += el(r, "div", "list", "<ul>" + prods + "</ul>")
    contact = el(r, "div", "box", "<p>%s%s</p>" % ("聯絡電話：" if trad else "联系电话：", "400-%s-%s" % (rdigits(r, 3), rdigits(r, 4))))
    body = header_html(r, ctx) + extras_top(r, ctx) + nest(r, main, 1) + contact + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_blog(r, ctx):
    trad = ctx["trad"]
    tags = "".join('<a href="/tag/%s" rel="tag">%s</a>' % (rletters(r, 4), esc(t)) for t in r.sample(ctx["nav"], 3))
    post = el(r, "article", "article", "<header><h1>%s</h1><time>%s</time></header>" % (ctx["h1"].html, esc(ctx["date"]))
              + M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"] + el(r, "div", "info", ("標籤：" if trad else "标签：") + tags))
    about = el(r, "div", "side", "<h4>%s</h4><p>%s</p>" % ("關於我" if trad else "关于博主", esc(rand_user(r, trad))) + M["SIDEBAR"])
    body = (el(r, "header", "header", '<a href="/">%s</a>' % esc(ctx["site"]) + nav_html(r, ctx)) + M["TOP"] + extras_top(r, ctx)
            + el(r, "div", "wrap", el(r, "main", "main", post + comments_html(r, ctx)) + about) + M["BOTTOM"] + footer_html(r, ctx))
    return doc(r, ctx, body)


def shell_forum(r, ctx):
    trad = ctx["trad"]
    op_user = rand_user(r, trad, ctx["latin_users"])
    op = el(r, "div", "comment", '<div class="author">%s</div>' % esc(op_user) + "<h1>%s</h1>" % ctx["h1"].html
            + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]))
    stats = "<span>%s %d</span> <span>%s %d</span>" % ("查看:" if not trad else "瀏覽:", r.randint(50, 99999),
                                                         "回复:" if not trad else "回覆:", len(ctx["comments"]))
    body = (header_html(r, ctx) + M["TOP"] + crumb_html(r, ctx) + el(r, "div", "info", stats)
            + nest(r, op + comments_html(r, ctx, forum=True), 2) + M["BOTTOM"]
            + el(r, "div", "box", '<textarea name="message"></textarea><button>%s</button>' % ("發表回覆" if trad else "发表回复"))
            + footer_html(r, ctx))
    return doc(r, ctx, body)


def shell_shop(r, ctx):
    trad = ctx["trad"]
    price = "¥%d.%02d" % (r.randint(9, 2999), r.randint(0, 99)) if not trad else "NT$%d" % r.randint(99, 9999)
    info = el(r, "div", "box", "<h1>%s</h1>" % ctx["h1"].html + '<div class="price">%s</div>' % price
              + "<p>%s %d</p>" % ("月销" if not trad else "已售出", r.randint(10, 50000))
              + "<button>%s</button><button>%s</button>" % (("加入購物車", "立即購買") if trad else ("加入购物车", "立即购买")))
    desc = el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"])
    tabs = el(r, "ul", "nav", "".join("<li>%s</li>" % x for x in (["商品詳情", "規格參數", "累計評價"] if trad else ["商品详情", "规格参数", "累计评价"])))
    body = header_html(r, ctx) + M["TOP"] + crumb_html(r, ctx) + nest(r, info + tabs + desc + comments_html(r, ctx), 2) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_school(r, ctx):
    trad = ctx["trad"]
    notices = "".join('<li><a href="/info/%s.htm">%s</a><span>%s</span></li>' % (rdigits(r, 4), esc(t), esc(rand_date(r))) for t in ctx["side_items"][:4])
    side = el(r, "div", "side", el(r, "div", "title", "通知公告" if not trad else "最新公告") + "<ul>" + notices + "</ul>" + M["SIDEBAR"])
    main = el(r, "div", "main", crumb_html(r, ctx) + article_html(r, ctx))
    layout = ('<table class="%s"><tr><td valign="top" width="260">%s</td><td valign="top">%s</td></tr></table>' % (cname(r, "wrap"), side, main)
              if r.random() < 0.4 else nest(r, side + main, 2))
    body = header_html(r, ctx) + extras_top(r, ctx) + M["TOP"] + layout + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_hospital(r, ctx):
    trad = ctx["trad"]
    quick = el(r, "div", "box", "".join("<a href=\"/%s\">%s</a>" % (rletters(r, 4), x) for x in
                                        (["預約掛號", "門診時刻", "交通資訊", "衛教園地"] if trad else ["预约挂号", "门诊时间", "来院路线", "健康科普"])))
    main = el(r, "div", "main", crumb_html(r, ctx) + article_html(r, ctx))
    body = header_html(r, ctx) + extras_top(r, ctx) + quick + M["TOP"] + nest(r, main + (side_html(r, ctx) if r.random() < 0.5 else ""), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_app(r, ctx):
    trad = ctx["trad"]
    name = ctx["headline"][:10]
    facts = [("版本", "%d.%d.%d" % (r.randint(1, 12), r.randint(0, 9), r.randint(0, 30))), ("大小", "%.1fMB" % (r.randint(50, 3000) / 10)),
             ("更新", rand_date(r).split(" ")[0]), ("系统", r.choice(["Android 8.0+", "iOS 13.0+", "Windows 10/11"]))]
    if trad:
        facts = [("版本", facts[0][1]), ("檔案大小", facts[1][1]), ("更新日期", facts[2][1]), ("系統需求", facts[3][1])]
    if r.random() < 0.5:
        fh = "<ul>" + "".join("<li>%s：%s</li>" % (esc(a), esc(b)) for a, b in facts) + "</ul>"
    else:
        fh = "<table>" + "".join("<tr><th>%s</th><td>%s</td></tr>" % (esc(a), esc(b)) for a, b in facts) + "</table>"
    dl = '<a class="btn-dl" href="/download/%s.apk">%s</a>' % (rletters(r, 6), "免費下載" if trad else r.choice(["立即下载", "免费下载", "安卓版下载"]))
    main = el(r, "div", "main", '<div class="app-hd"><img src="/icon/%s.png" alt=""><h1>%s</h1></div>' % (rdigits(r, 5), ctx["h1"].html)
              + fh + dl + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]) + "<p>%s</p>" % esc(name))
    body = header_html(r, ctx) + M["TOP"] + crumb_html(r, ctx) + nest(r, main + comments_html(r, ctx), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_list(r, ctx):
    trad = ctx["trad"]
    items = []
    for p in ctx["paras"]:
        items.append('<li><h3><a href="/%s/%s.html">%s</a></h3><p>%s</p><span>%s</span></li>'
                     % (rletters(r, 3), rdigits(r, 7), esc(headline_from(p, r)), esc(p), esc(rand_date(r))))
    items.insert(r.randint(1, len(items)), M["ART_MID"])
    q = ctx["headline"][:4]
    top = el(r, "div", "box", "%s<b>%s</b>%s" % ("搜尋「" if trad else "搜索“", esc(q), "」結果" if trad else "”的结果") + " %d" % r.randint(10, 9000))
    pager = el(r, "div", "box", " ".join('<a href="?page=%d">%d</a>' % (i, i) for i in range(1, r.randint(4, 10))) + (" 下一頁" if trad else " 下一页"))
    h1 = "<h1>%s</h1>" % ctx["h1"].html
    main = el(r, "div", "main", h1 + M["ART_TOP"] + top + el(r, "ul", "list", "".join(items)) + pager + M["ART_END"])
    body = header_html(r, ctx) + M["TOP"] + nest(r, main + (side_html(r, ctx) if r.random() < 0.6 else ""), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_portal(r, ctx):
    trad = ctx["trad"]
    blocks = []
    heads = ctx["side_items"] + [headline_from(p, r) for p in ctx["paras"]]
    r.shuffle(heads)
    for i in range(r.randint(2, 4)):
        chunk = heads[i * 3:(i + 1) * 3] or heads[:2]
        col = r.choice(ctx["nav"][1:])
        blocks.append(el(r, "div", "box", el(r, "div", "title", "<h2>%s</h2><a href=\"/%s\">%s</a>" % (esc(col), rletters(r, 4), "更多" if not trad else "更多"))
                         + "<ul>" + "".join("<li><a href=\"/n/%s.shtml\">%s</a></li>" % (rdigits(r, 8), esc(t)) for t in chunk) + "</ul>"))
    focus = el(r, "div", "main", "<h1>%s</h1>" % ctx["h1"].html + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]))
    body = header_html(r, ctx) + M["TOP"] + extras_top(r, ctx) + nest(r, focus + "".join(blocks), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_wiki(r, ctx):
    trad = ctx["trad"]
    rows = [("中文名" if not trad else "中文名稱", ctx["headline"][:8]), ("类别" if not trad else "類別", r.choice(ctx["nav"][1:])),
            ("更新时间" if not trad else "更新時間", ctx["date"].split(" ")[0])]
    info = "<table class=\"%s\">%s</table>" % (cname(r, "box"), "".join("<tr><th>%s</th><td>%s</td></tr>" % (esc(a), esc(b)) for a, b in rows))
    toc_items = ["概述", "历史", "现状", "参考资料"] if not trad else ["概述", "歷史", "現況", "參考資料"]
    toc = el(r, "div", "nav", "<b>%s</b><ol>%s</ol>" % ("目录" if not trad else "目錄", "".join("<li><a href=\"#s%d\">%s</a></li>" % (i, t) for i, t in enumerate(toc_items))))
    refs = "<ol>" + "".join("<li><a href=\"http://%s.%s/%s\">%s</a></li>" % (rletters(r, 6), r.choice(["com", "cn", "org", "gov.cn", "edu.cn"]), rdigits(r, 5), esc(t))
                            for t in ctx["side_items"][:3]) + "</ol>"
    main = el(r, "div", "main", "<h1>%s</h1>" % ctx["h1"].html + info + toc + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"])
              + "<h2 id=\"s3\">%s</h2>" % toc_items[-1] + refs)
    body = header_html(r, ctx) + M["TOP"] + nest(r, main, 2) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_qa(r, ctx):
    trad = ctx["trad"]
    q = el(r, "div", "box", "<h1>%s</h1>" % ctx["h1"].html + "<p>%s</p>" % esc(ctx["paras"][0]) +
           "<span>%s %d</span>" % ("关注" if not trad else "追蹤", r.randint(1, 5000)))
    answers = []
    for p in ctx["paras"][1:] or ctx["paras"]:
        answers.append(el(r, "div", "comment", "<div class=\"author\">%s</div>" % esc(rand_user(r, trad, ctx["latin_users"]))
                          + "<div class=\"%s\">%s</div>" % (cname(r, "article"), esc(p)) + "<span>%s %d</span>" % ("赞同" if not trad else "讚", r.randint(0, 3000))))
    answers.insert(r.randint(0, len(answers)), M["ART_MID"])
    main = el(r, "div", "main", q + M["ART_TOP"] + "".join(answers) + M["ART_END"] + comments_html(r, ctx))
    body = header_html(r, ctx) + M["TOP"] + nest(r, main + (side_html(r, ctx) if r.random() < 0.5 else ""), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def shell_video(r, ctx):
    trad = ctx["trad"]
    player = '<div class="%s" id="player"><video src="/media/%s.mp4" controls poster="/img/%s.jpg"></video></div>' % (
        r.choice(["player", "video-box", "mplayer"]), rletters(r, 10, "abcdef0123456789"), rdigits(r, 6))
    eps = el(r, "ul", "list", "".join("<li><a href=\"/play/%s-%d.html\">%s</a></li>" % (rdigits(r, 4), i, ("第%d集" % i) if r.random() < 0.8 else ("第%d期" % i))
                                      for i in range(1, r.randint(4, 30))))
    meta = "<p>%s：%s　%s：%s</p>" % ("播放" if not trad else "觀看次數", "%d万" % r.randint(1, 999) if not trad else "%d萬" % r.randint(1, 999),
                                    "更新" if not trad else "更新", esc(ctx["date"].split(" ")[0]))
    main = el(r, "div", "main", "<h1>%s</h1>" % ctx["h1"].html + player + meta + eps
              + el(r, "div", "article", M["ART_TOP"] + paras_html(r, ctx) + M["ART_END"]) + comments_html(r, ctx))
    body = header_html(r, ctx) + M["TOP"] + nest(r, main + (side_html(r, ctx) if r.random() < 0.5 else ""), 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


def legit_domain(r, trad):
    tld = r.choice([".gov.cn", ".edu.cn", ".com.cn", ".cn", ".com", ".org.cn"] if not trad else [".gov.tw", ".edu.tw", ".com.tw", ".org.tw", ".hk", ".gov.hk"])
    return r.choice(["www.", "", "m."]) + rletters(r, r.randint(3, 8)) + tld


def shell_linkdir(r, ctx):
    """Legit web directory (网址导航) with many links and visible domains: a hard negative for link_list spam."""
    trad = ctx["trad"]
    cats = (["政府机构", "新闻媒体", "教育考试", "生活服务", "交通出行", "医疗健康"] if not trad else
            ["政府機關", "新聞媒體", "教育資源", "生活服務", "交通資訊", "醫療保健"])
    names = SHORT["sites.trad" if trad else "sites.simp"] + [x.split("|")[0] for x in SHORT["partners.trad" if trad else "partners.simp"]]
    secs = []
    for c in r.sample(cats, r.randint(3, 6)):
        links = []
        for n in r.sample(names, r.randint(4, 9)):
            d = legit_domain(r, trad)
            links.append('<li><a href="http://%s/" target="_blank">%s</a>%s</li>' % (d, esc(n), (" <small>%s</small>" % d) if r.random() < 0.5 else ""))
        secs.append(el(r, "div", "box", el(r, "div", "title", "<h3>%s</h3>" % esc(c)) + "<ul>" + "".join(links) + "</ul>"))
    main = el(r, "div", "main", "<h1>%s</h1>" % ctx["h1"].html + M["ART_TOP"] + "".join(secs) + el(r, "div", "article", paras_html(r, ctx)) + M["ART_END"])
    body = header_html(r, ctx) + M["TOP"] + nest(r, main, 1) + M["BOTTOM"] + footer_html(r, ctx)
    return doc(r, ctx, body)


SHELLS = {"news": shell_news, "gov": shell_gov, "company": shell_company, "blog": shell_blog, "forum": shell_forum,
          "shop": shell_shop, "school": shell_school, "hospital": shell_hospital, "app": shell_app, "list": shell_list,
          "portal": shell_portal, "linkdir": shell_linkdir, "wiki": shell_wiki, "qa": shell_qa, "video": shell_video}
SHELL_NAMES = sorted(SHELLS)


# ----------------------------------------------------------------------------
# injection blocks
# ----------------------------------------------------------------------------

HIDE_STYLES = ["display:none", "display: none !important", "visibility:hidden", "font-size:0", "font-size:0px",
               "opacity:0", "position:absolute;left:-9999px", "position:absolute;top:-10000px",
               "width:0;height:0;overflow:hidden", "text-indent:-9999px;overflow:hidden", "display:none;",
               "height:1px;width:1px;overflow:hidden;position:absolute", "color:#fff;font-size:1px",
               "position:fixed;top:-999px;left:-999px", "clip:rect(0 0 0 0);position:absolute", "transform:scale(0)",
               "max-height:0;overflow:hidden", "display:none", "display:none", "visibility:hidden;position:absolute",
               "position:absolute;left:-10000px;top:-10000px", "line-height:0;font-size:0;color:transparent",
               "z-index:-1;position:absolute;opacity:0", "float:left;width:0px;height:0px;overflow:hidden"]
HIDE_METHODS = ["style", "style", "style", "style", "marquee", "hidden_attr", "css_class"]


class Block:
    def __init__(self):
        self.html = ""
        self.snips = []   # list of (text, category)
        self.head = ""    # to inject into <head>


def make_items(r, cat, n, obfs, sentences=False):
    """Returns list of (Snip, category) for keyword or sentence items."""
    out = []
    cats = [cat] if cat != "mixed" else ["adult", "gambling"] + (["other"] if r.random() < 0.3 else [])
    for i in range(n):
        c = cats[i % len(cats)] if cat == "mixed" else cat
        t = spam_sentence(r, c) if sentences else spam_keyword(r, c)
        apply_o = obfs and r.random() < 0.8
        out.append((obfuscate(r, t, obfs) if apply_o else Snip(t), c))
    return out


def snip_cat(items):
    cs = []
    for _, c in items:
        if c not in cs:
            cs.append(c)
    return cs[0] if len(cs) == 1 else "mixed"


def content_block(r, cat, obfs, size=None, allow_links=True):
    """Spam content in one of many formats. Returns (html, [(text, cat)])."""
    fmt = r.choice(["joined", "joined", "joined", "br", "anchors", "li", "sentences", "sent_kw", "spans", "table"] if allow_links
                   else ["joined", "joined", "br", "li", "sentences", "sent_kw", "spans"])
    n = size or r.randint(3, 14)
    if fmt == "joined":
        items = make_items(r, cat, n, obfs)
        sep = r.choice(SEPS)
        s = sjoin([x for x, _ in items], sep)
        if r.random() < 0.25:
            lab = r.choice(["热门搜索：", "相关推荐：", "热门标签：", "猜你喜欢：", "Tags:", "标签：", "本站推荐：", "热门關鍵字："])
            tag = r.choice(["p", "div"])
            h = "<%s><b>%s</b>%s</%s>" % (tag, lab, s.html, tag)
            return h, [(s.text, snip_cat(items))]
        tag = r.choice(["p", "div", "div", "h2", "h3", "strong", "span", "font", "td"])
        if tag == "td":
            h = "<table><tr><td>%s</td></tr></table>" % s.html
        elif tag in ("strong", "span", "font"):
            h = "<div><%s>%s</%s></div>" % (tag, s.html, tag)
        else:
            h = "<%s>%s</%s>" % (tag, s.html, tag)
        return h, [(s.text, snip_cat(items))]
    if fmt == "br":
        items = make_items(r, cat, n, obfs)
        return "<p>" + "<br>".join(x.html for x, _ in items) + "</p>", [(x.text, c) for x, c in items]
    if fmt == "anchors":
        items = make_items(r, cat, n, obfs)
        sep = r.choice(["", " ", " | ", "、", "\n", "&nbsp;"])
        h = sep.join('<a href="%s"%s>%s</a>' % (attr(rand_url(r) if r.random() < 0.7 else "/" + rletters(r, 5) + ".html"),
                                                 r.choice(["", ' target="_blank"', ' title=""']), x.html) for x, _ in items)
        return "<div>%s</div>" % h, [(x.text, c) for x, c in items]
    if fmt == "li":
        items = make_items(r, cat, n, obfs)
        return "<ul>" + "".join("<li>%s</li>" % x.html for x, _ in items) + "</ul>", [(x.text, c) for x, c in items]
    if fmt == "sentences":
        items = make_items(r, cat, r.randint(1, 4), obfs, sentences=True)
        return "".join("<p>%s</p>" % x.html for x, _ in items), [(x.text, c) for x, c in items]
    if fmt == "sent_kw":
        a = make_items(r, cat, 1, obfs, sentences=True)
        b = make_items(r, cat, r.randint(3, 8), obfs)
        s = sjoin([x for x, _ in b], r.choice(SEPS))
        return "<p>%s</p><p>%s</p>" % (a[0][0].html, s.html), [(a[0][0].text, a[0][1]), (s.text, snip_cat(b))]
    if fmt == "spans":
        items = make_items(r, cat, n, obfs)
        sep = r.choice(["", " ", "，"])
        h = "<div>" + sep.join("<span>%s</span>" % x.html for x, _ in items) + "</div>"
        return h, [(sep.join(x.text for x, _ in items), snip_cat(items))]
    # table of keywords
    items = make_items(r, cat, max(4, n), obfs)
    cols = r.randint(2, 4)
    rows = ["".join("<td>%s</td>" % x.html for x, _ in items[i:i + cols]) for i in range(0, len(items), cols)]
    return "<table>" + "".join("<tr>%s</tr>" % x for x in rows) + "</table>", [(x.text, c) for x, c in items]


def hide_wrap(r, inner):
    """Wrap html in a hiding construct. Returns (html, head_css, method)."""
    m = r.choice(HIDE_METHODS)
    tag = r.choice(["div", "div", "div", "span", "section", "p"]) if "<p>" not in inner and "<ul>" not in inner and "<table>" not in inner else "div"
    if m == "style":
        st = r.choice(HIDE_STYLES)
        return '<%s style="%s">%s</%s>' % (tag, st, inner, tag), "", "style:" + st.split(";")[0].replace(" ", "")
    if m == "marquee":
        return ('<marquee %s width="%d" height="%d">%s</marquee>' % (r.choice(['scrollamount="1000"', 'behavior="alternate"', 'direction="up"', ""]),
                                                                    r.choice([1, 2, 5, 600]), r.choice([1, 2, 20]), inner)), "", "marquee"
    if m == "hidden_attr":
        return "<%s hidden>%s</%s>" % ("div", inner, "div"), "", "hidden_attr"
    cls = rletters(r, 1) + rletters(r, r.randint(3, 7), "abcdefghijklmnopqrstuvwxyz0123456789")
    rule = r.choice(["display:none", "display:none!important", "visibility:hidden;height:0", "position:absolute;left:-5000px",
                     "font-size:0;line-height:0", "overflow:hidden;height:0"])
    css = "<style>.%s{%s}</style>" % (cls, rule)
    return '<div class="%s">%s</div>' % (cls, inner), css, "css_class"


def legit_hidden(r, ctx):
    """Legitimate hidden/odd structures (so that layout alone never decides)."""
    trad = ctx["trad"]
    k = r.randrange(8)
    css = ""
    if k == 0:
        h = '<a href="/" class="logo" style="text-indent:-9999px;overflow:hidden;display:block">%s</a>' % esc(ctx["site"])
    elif k == 1:
        h = ('<div id="%s" hidden><h3>%s</h3><input name="u" placeholder="%s"><input type="password" placeholder="%s"><button>%s</button></div>'
             % (r.choice(["login-modal", "loginBox", "dlg"]), "会员登录" if not trad else "會員登入", "用户名" if not trad else "帳號",
                "密码" if not trad else "密碼", "登录" if not trad else "登入"))
    elif k == 2:
        cls = rletters(r, r.randint(3, 6))
        css = "<style>.%s{display:none}</style>" % cls
        h = '<ul class="%s">%s</ul>' % (cls, "".join("<li><a href=\"/%s\">%s</a></li>" % (rletters(r, 4), esc(x)) for x in r.sample(ctx["nav"], min(4, len(ctx["nav"])))))
    elif k == 3:
        h = '<div class="share" style="display:none">%s<a href="#">%s</a><a href="#">%s</a><a href="#">QQ</a></div>' % (
            "分享到：" if not trad else "分享至：", "微信" if not trad else "Facebook", "微博" if not trad else "LINE")
    elif k == 4:
        h = '<a href="#main" class="sr-only" style="position:absolute;left:-9999px">%s</a>' % ("跳到主要内容" if not trad else "跳到主要內容區塊")
    elif k == 5:
        words = [ctx["site"], ctx["site"] + ("官网" if not trad else "官網")] + r.sample(ctx["nav"][1:], min(3, len(ctx["nav"]) - 1))
        h = '<div style="%s">%s</div>' % (r.choice(["display:none", "font-size:0", "visibility:hidden"]), esc(r.choice([",", "，", " ", "|"]).join(words)))
    elif k == 6:
        h = '<div id="gotop" style="display:none">%s</div>' % ("返回顶部" if not trad else "回到頂端")
    else:
        h = '<div style="width:0;height:0;overflow:hidden"><img src="/stat.gif?%s" alt="">%s</div>' % (rdigits(r, 6), esc(ctx["site"]))
    return h, css


def add_legit_hidden(r, ctx, page, prob):
    if r.random() >= prob:
        return page
    for _ in range(1 if r.random() < 0.8 else 2):
        h, css = legit_hidden(r, ctx)
        slot = choose_slot(r, page, {"TOP", "BODY_START", "BODY_END", "BOTTOM", "FOOTER", "ART_END"})
        page = put(page, slot, h)
        if css:
            page = put(page, "HEAD", css)
    return page


SLOT_WEIGHTS = [("TOP", 3), ("ART_TOP", 3), ("ART_MID", 4), ("ART_END", 3), ("SIDEBAR", 1), ("BOTTOM", 3), ("FOOTER", 2),
                ("BODY_START", 2), ("BODY_END", 2), ("PRE", 1), ("POST", 1)]
SLOT_NAMES = {"TOP": "top", "ART_TOP": "in_article_top", "ART_MID": "in_article_middle", "ART_END": "in_article_end",
              "SIDEBAR": "sidebar", "BOTTOM": "bottom", "FOOTER": "footer", "BODY_START": "body_start",
              "BODY_END": "body_end", "PRE": "before_doctype", "POST": "after_html", "COMMENTS_END": "comments"}


def choose_slot(r, page, allowed=None):
    cands = [(s, w) for s, w in SLOT_WEIGHTS if M[s] in page and (allowed is None or s in allowed)]
    tot = sum(w for _, w in cands)
    x = r.random() * tot
    for s, w in cands:
        x -= w
        if x <= 0:
            return s
    return cands[-1][0]


def put(page, slot, html):
    return page.replace(M[slot], html + M[slot], 1)


def strip_markers(page):
    for k in sorted(M):
        page = page.replace(M[k], "")
    return page


# ----------------------------------------------------------------------------
# page builders per kind
# ----------------------------------------------------------------------------

def choose_clean_pool(r, trad):
    if trad:
        dom = r.choice(sorted(CLEAN_TRAD))
        return ("clean", dom), r.choice(TRAD_DOMAIN_SHELLS[dom])
    dom = r.choice(sorted(CLEAN_SIMP))
    return ("clean", dom), r.choice(DOMAIN_SHELLS[dom])


def spam_script(r, base_trad, obfs):
    spam_trad = "trad" in obfs or MODE["native_trad"]
    if base_trad and spam_trad:
        return "trad"
    if not base_trad and not spam_trad:
        return "simp"
    return "mixed"


def spam_cat_list(r, cat):
    return [cat] if cat != "mixed" else ["adult", "gambling"]


def build_spam_html(r, cat, kind, base_trad):
    obfs = pick_obfs(r)
    if base_trad and r.random() < 0.25 and "trad" not in obfs and not MODE["native_trad"]:
        obfs = sorted(obfs + ["trad"], key=OBFS.index)  # trad page + trad spam
    pool, shell = choose_clean_pool(r, base_trad)
    if kind == "comment_spam":
        shell = r.choice(["forum", "forum", "blog", "news", "shop", "qa", "video"])
        if shell == "forum":
            pool = ("clean", "life" if base_trad else r.choice(["forum", "techblog", "travel"]))
        elif base_trad:
            pool = ("clean", {"blog": "life", "shop": "official", "news": "news", "qa": "forum_more", "video": "sports"}[shell])
        else:
            pool = ("clean", {"blog": r.choice(["travel", "recipes", "techblog", "parenting"]), "news": r.choice(["news_local", "news_sports"]),
                              "shop": "reviews", "qa": r.choice(["parenting", "law", "auto"]), "video": "entertainment"}[shell])
    ctx = make_ctx(r, shell, base_trad, pool)
    snips, placement = [], []
    heads = []
    blocks = []  # (slot, html)
    cats = spam_cat_list(r, cat)

    if kind == "hijacked_title":
        tc = r.choice(cats)
        t = spam_title(r, tc)
        ts = obfuscate(r, t, obfs) if obfs and r.random() < 0.6 else Snip(t)
        x = r.random()
        if x < 0.2:
            sep = r.choice(["_", "-", " - ", "|"])
            ts = Snip(ts.text + sep + ctx["site"], ts.html + esc(sep) + esc(ctx["site"]))
        elif x < 0.3:
            sep = r.choice(["_", "-", " - ", "|", "，"])
            ts = Snip(ts.text + sep + ctx["headline"], ts.html + esc(sep) + esc(ctx["headline"]))
        ctx["title"] = ts
        snips.append((ts.text, tc))
        placement.append("title")
        if r.random() < 0.6:
            kc = r.choice(cats)
            kw = sjoin([Snip(x) for x in spam_keywords(r, kc, r.randint(3, 8))], r.choice([",", "，", "|", " ", "、"]))
            ctx["keywords"] = kw
            snips.append((kw.text, kc))
            placement.append("meta_keywords")
        if r.random() < 0.55:
            dc = r.choice(cats)
            d = spam_sentence(r, dc)
            if r.random() < 0.5:
                d = "，".join(spam_keywords(r, dc, 3)) + "，" + d
            ctx["description"] = Snip(d)
            snips.append((d, dc))
            placement.append("meta_description")
        if r.random() < 0.3:
            hc = r.choice(cats)
            h = spam_title(r, hc) if r.random() < 0.5 else spam_keyword(r, hc)
            ctx["h1"] = Snip(h)
            snips.append((h, hc))
            placement.append("h1")
        if cat == "mixed" and len({c for _, c in snips}) < 2:
            # make sure both categories appear: add a small block
            other = "gambling" if snips[0][1] == "adult" else "adult"
            h, s = content_block(r, other, obfs, size=r.randint(2, 5))
            blocks.append((None, h, ""))
            snips.extend(s)
        page = SHELLS[shell](r, ctx)
        if r.random() < 0.3:
            # cloaking/redirect JS typical of hijacks (script text is excluded from extraction)
            page = put(page, "HEAD", '<script>if(navigator.userAgent.match(/(iPhone|Android|Mobile)/i)){window.location.href="%s";}</script>'
                       % ("http://" + rand_domain(r)))
    else:
        page = SHELLS[shell](r, ctx)
        if kind == "comment_spam":
            pass  # handled below after ctx (comments rendered in shell) -> rebuild
        nblocks = 1 if (r.random() < 0.7 or kind == "link_list") else 2
        if cat == "mixed":
            nblocks = max(nblocks, 1 if r.random() < 0.3 else 2)
        for bi in range(nblocks if kind != "comment_spam" else 0):
            bcat = cat if (cat != "mixed" or nblocks == 1) else cats[bi % 2]
            if kind == "injected_block":
                h, s = content_block(r, bcat, obfs)
                if r.random() < 0.3:
                    h = el(r, "div", r.choice(["box", "list", "side"]), h)
                blocks.append(("VIS", h, ""))
                snips.extend(s)
            elif kind == "hidden_div" and r.random() < 0.15 and "</p>" in page[page.find(M["ART_TOP"]):]:
                items = make_items(r, bcat, r.randint(2, 8), obfs)
                sn = sjoin([x for x, _ in items], r.choice(SEPS[:12]))
                st = r.choice(["display:none", "font-size:0", "font-size:0px", "position:absolute;left:-9999px", "visibility:hidden"])
                tag = r.choice(["span", "font", "em", "a"])
                span = '<%s style="%s"%s>%s</%s>' % (tag, st, ' href="%s"' % attr(rand_url(r)) if tag == "a" else "", sn.html, tag)
                start = page.find(M["ART_TOP"])
                pclose = [i for i in range(start, len(page)) if page.startswith("</p>", i)]
                at = r.choice(pclose[:4])
                page = page[:at] + span + page[at:]
                snips.append((sn.text, snip_cat(items)))
                placement.append("inside_paragraph/inline:" + st.split(";")[0])
            elif kind == "hidden_div":
                h, s = content_block(r, bcat, obfs)
                hh, css, method = hide_wrap(r, h)
                blocks.append(("HID", hh, method))
                if css:
                    heads.append(css)
                snips.extend(s)
            elif kind == "link_list":
                items = make_items(r, bcat, r.randint(5, 25), obfs)
                sep = r.choice(["", " ", " | ", "\n", "、", "&nbsp;&nbsp;"])
                if r.random() < 0.35:
                    links = ["<li><a href=\"%s\" target=\"_blank\">%s</a></li>" % (attr(rand_url(r)), x.html) for x, _ in items]
                    inner = "<ul>" + "".join(links) + "</ul>"
                else:
                    inner = sep.join("<a href=\"%s\"%s>%s</a>" % (attr(rand_url(r)), r.choice(["", ' target="_blank"', ' rel="nofollow"']), x.html) for x, _ in items)
                snips.extend((x.text, c) for x, c in items)
                if r.random() < 0.45:
                    # visible friend-links row, maybe mixed with legit partners
                    label = r.choice(["友情链接：", "友情链接", "合作伙伴：", "热门推荐："] if not base_trad else ["友站連結：", "友情連結：", "合作夥伴："])
                    legit = ""
                    if r.random() < 0.6:
                        pool_p = SHORT["partners.trad" if base_trad else "partners.simp"]
                        legit = " ".join('<a href="http://%s">%s</a>' % (d, esc(n)) for n, d in
                                         (x.split("|") for x in r.sample(pool_p, r.randint(2, 4)))) + " "
                    h = el(r, "div", "box", "<span>%s</span>" % label + legit + inner)
                    blocks.append(("FRIEND", h, "friend_links"))
                else:
                    hh, css, method = hide_wrap(r, "<div>" + inner + "</div>" if r.random() < 0.5 else inner)
                    if css:
                        heads.append(css)
                    blocks.append(("HID", hh, "hidden_links/" + method))
        if kind == "comment_spam":
            blocks = []
            snips = []
            placement = ["comments"]
            # rebuild page with spam comments in ctx
            ncom = r.randint(1, 4)
            for _ in range(ncom):
                c = r.choice(cats)
                if r.random() < 0.75:
                    t = spam_sentence(r, c)
                else:
                    t = r.choice(["", "好帖，", "顶，", "谢谢分享 ", "路过，"]) + r.choice(SEPS[:8]).join(spam_keywords(r, c, r.randint(2, 5)))
                s = obfuscate(r, t, obfs) if obfs and r.random() < 0.8 else Snip(t)
                user = Snip(rand_user(r, base_trad))
                if r.random() < 0.2:
                    ut = spam_sitename(r, c) + r.choice(["客服", "官方", "小助手", ""])
                    user = Snip(ut)
                    snips.append((ut, c))
                ctx["comments"].insert(r.randint(0, len(ctx["comments"])), [user, s, rand_date(r, base_trad)])
                snips.append((s.text, c))
            if cat == "mixed" and len({c for _, c in snips}) < 2:
                other = "gambling" if snips[-1][1] == "adult" else "adult"
                t = spam_sentence(r, other)
                ctx["comments"].append([Snip(rand_user(r, base_trad)), Snip(t), rand_date(r, base_trad)])
                snips.append((t, other))
            page = SHELLS[shell](r, ctx)

    page = add_legit_hidden(r, ctx, page, 0.2)
    for slot_hint, h, method in blocks:
        if slot_hint == "FRIEND":
            slot = choose_slot(r, page, {"BOTTOM", "FOOTER", "BODY_END", "SIDEBAR"})
        elif slot_hint is None:
            slot = choose_slot(r, page, {"TOP", "BOTTOM", "ART_END", "FOOTER", "BODY_START"})
        else:
            slot = choose_slot(r, page)
        page = put(page, slot, h)
        placement.append(SLOT_NAMES[slot] + ("/" + method if method else ""))
    for css in heads:
        if r.random() < 0.8:
            page = put(page, "HEAD", css)
        else:
            page = put(page, "BODY_START", css)
    page = strip_markers(page)
    script = spam_script(r, base_trad, obfs)
    return page, snips, obfs, placement, script, ctx


# ---- pure spam pages --------------------------------------------------------

def pure_spam_html(r, cat, base_trad):
    obfs = pick_obfs(r, 0.25)
    if base_trad and "trad" not in obfs and not MODE["native_trad"]:
        obfs = sorted(obfs + ["trad"], key=OBFS.index)
    cats = spam_cat_list(r, cat)
    snips = []

    def S(text, c, ob=True):
        s = obfuscate(r, text, obfs) if (ob and obfs and r.random() < 0.7) else Snip(text)
        snips.append((s.text, c))
        return s

    style = r.choice(["farm", "video", "casino", "landing", "farm", "splice", "splice"]) if cat != "other" else r.choice(["farm", "landing", "splice"])
    if style == "casino" and "gambling" not in cats:
        style = "video"
    if style == "video" and "adult" not in cats:
        style = "farm"
    c0 = cats[0] if style != "casino" else "gambling"
    title = S(spam_title(r, c0), c0)
    kw = S(r.choice([",", "，", "|", "、"]).join(spam_keywords(r, r.choice(cats), r.randint(4, 10))), r.choice(cats), ob=False)
    desc_c = r.choice(cats)
    desc = S(spam_sentence(r, desc_c), desc_c, ob=False)
    headp = ['<meta charset="utf-8">', "<title>%s</title>" % title.html, '<meta name="keywords" content="%s">' % kw.html.replace('"', "&quot;"),
             '<meta name="description" content="%s">' % desc.html.replace('"', "&quot;")]
    if r.random() < 0.5:
        headp.append('<meta name="viewport" content="width=device-width,initial-scale=1.0">')
    r.shuffle(headp)
    body = []
    sitename_c = cats[0]
    sn = spam_sitename(r, sitename_c)
    if r.random() < 0.7:
        body.append(el(r, "div", "header", '<a href="/" class="logo">%s</a>' % S(sn, sitename_c, ob=False).html))
    navs = ["首页", "最新", "排行", "分类", "专题", "APP下载"] if not base_trad else ["首頁", "最新", "排行", "分類", "專題"]
    body.append(el(r, "div", "nav", "".join('<a href="/%s/">%s</a>' % (rletters(r, 4), x) for x in r.sample(navs, r.randint(3, 5)))))
    if style == "farm":
        h1c = r.choice(cats)
        body.append("<h1>%s</h1>" % S(spam_title(r, h1c), h1c).html)
        for _ in range(r.randint(2, 5)):
            c = r.choice(cats)
            k = r.randrange(3)
            if k == 0:
                body.append("<p>%s</p>" % S(r.choice(SEPS).join(spam_keywords(r, c, r.randint(5, 15))), c).html)
            elif k == 1:
                body.append("<p>%s</p>" % S(spam_sentence(r, c), c).html)
            else:
                body.append("<ul>" + "".join('<li><a href="/%s.html">%s</a></li>' % (rdigits(r, 5), S(x, c).html) for x in spam_keywords(r, c, r.randint(4, 10))) + "</ul>")
    elif style == "splice":
        # parasite / "泛目录" page: scraped sentences with spam keywords spliced in
        h1c = r.choice(cats)
        body.append("<h1>%s</h1>" % S(spam_title(r, h1c), h1c).html)
        doms = sorted(CLEAN_SIMP)
        for _ in range(r.randint(2, 6)):
            c = r.choice(cats)
            par = r.choice(CLEAN_SIMP[r.choice(doms)])
            if base_trad:
                par = to_trad(r, par)
            cuts = [i + 1 for i, ch in enumerate(par) if ch in "，。；"][:-1] or [len(par) // 2]
            for pos in sorted(r.sample(cuts, min(len(cuts), r.randint(1, 3))), reverse=True):
                kw = spam_keyword(r, c)
                kw = r.choice(["%s", "【%s】", "%s，", "（%s）", " %s "]) % kw
                par = par[:pos] + kw + par[pos:]
            if r.random() < 0.4:
                par = spam_keyword(r, c) + r.choice(["：", "，", " "]) + par
            body.append("<p>%s</p>" % S(par, c, ob=False).html)
        if r.random() < 0.6:
            c = r.choice(cats)
            body.append(el(r, "div", "box", "<b>%s</b>%s" % ("相关文章：" if not base_trad else "相關文章：", "".join(
                '<a href="/%s/%s.html">%s</a>' % (rletters(r, 3), rdigits(r, 6), S(spam_keyword(r, c), c).html) for _ in range(r.randint(3, 8))))))
    elif style == "video":
        body.append(el(r, "div", "title", "<h2>%s</h2>" % r.choice(["今日更新", "热门推荐", "最新上传", "本周排行"])))
        cells = []
        for _ in range(r.randint(6, 16)):
            c = "adult" if r.random() < 0.85 or cat != "mixed" else "gambling"
            if c == "adult":
                vt = r.choice([rand_code(r) + " " + spam_keyword(r, "adult"), fill(r, r.choice(SPAM["adult.titles"]), "adult"),
                               spam_keyword(r, "adult") + r.choice(["", " 高清", " 中文字幕", " 第%d集" % r.randint(1, 30)])])
            else:
                vt = spam_keyword(r, "gambling")
            cells.append('<li><a href="/v/%s.html"><img src="/pic/%s.jpg"><p>%s</p></a><span>%02d:%02d</span><em>%s</em></li>'
                         % (rdigits(r, 6), rdigits(r, 6), S(vt, c).html, r.randint(1, 120), r.randint(0, 59),
                            "%.1f万" % (r.randint(1, 9999) / 10)))
        body.append(el(r, "ul", "list", "".join(cells)))
    elif style == "casino":
        body.append("<h1>%s</h1>" % S(spam_title(r, "gambling"), "gambling").html)
        for _ in range(r.randint(2, 4)):
            body.append(el(r, "div", "box", "<h3>%s</h3><p>%s</p>" % (S(spam_keyword(r, "gambling"), "gambling").html, S(spam_sentence(r, "gambling"), "gambling").html)))
        body.append('<a class="btn" href="%s">%s</a>' % (attr(rand_url(r)), S(r.choice(["立即注册送彩金", "免费试玩", "下载APP", "马上开户", "注册领取888元"]), "gambling", ob=False).html))
        if "adult" in cats:
            body.append("<p>%s</p>" % S(" ".join(spam_keywords(r, "adult", 5)), "adult").html)
    else:  # landing / contact ad
        c = r.choice(cats)
        body.append("<h1>%s</h1>" % S(spam_keyword(r, c), c).html)
        for _ in range(r.randint(2, 5)):
            cc = r.choice(cats)
            body.append("<p>%s</p>" % S(spam_sentence(r, cc), cc).html)
        body.append(el(r, "div", "box", "<p>%s</p>" % S(fill(r, r.choice(["联系QQ：{QQ}", "微信：{WX}", "客服电话：{PHONE}", "官网：{URL}", "24小时在线 QQ{QQ} 微信{WX}"])), cats[0], ob=False).html))
    if r.random() < 0.6:
        c = r.choice(cats)
        links = " ".join('<a href="%s">%s</a>' % (attr(rand_url(r)), S(x, c).html) for x in spam_keywords(r, c, r.randint(4, 12)))
        body.append(el(r, "div", "footer", "<span>%s</span>" % ("友情链接：" if not base_trad else "友情連結：") + links))
    body.append(el(r, "div", "footer", "<p>Copyright © %d %s</p>" % (r.randint(2019, 2025), S(sn, sitename_c, ob=False).html)))
    html = "<!DOCTYPE html><html><head>" + "".join(headp) + "</head><body>" + nest(r, "\n".join(body), 1) + "</body></html>"
    # dedupe snippets keeping order
    seen, out = set(), []
    for t, c in snips:
        if (t, c) not in seen:
            seen.add((t, c))
            out.append((t, c))
    script = spam_script(r, base_trad, obfs)
    return html, out, obfs, ["whole_page:" + style], script


# ---- plain text pages ---------------------------------------------------------

def plain_text_clean(r, trad, pool):
    shell = "news"
    ctx = make_ctx(r, shell, trad, pool)
    lines = [ctx["headline"]]
    if r.random() < 0.7:
        lines.append("%s %s %s" % (ctx["date"], "來源：" if trad else "来源：", ctx["site"]))
    lines.append("")
    for p in ctx["paras"]:
        lines.append(p)
        lines.append("" if r.random() < 0.7 else "")
    if r.random() < 0.4:
        lines.append(r.choice(ctx["footer"]))
    if ctx["comments"] and r.random() < 0.7:
        lines.append("")
        lines.append("評論" if trad else "评论")
        for u, b, d in ctx["comments"]:
            lines.append("%s：%s" % (u.text, b.text))
    return "\n".join(lines), ctx


def plain_text_spam(r, cat, kind, base_trad):
    obfs = pick_obfs(r)
    cats = spam_cat_list(r, cat)
    if kind == "pure_spam":
        lines, snips = [], []
        for i in range(r.randint(4, 12)):
            c = r.choice(cats)
            t = spam_title(r, c) if i == 0 else (spam_sentence(r, c) if r.random() < 0.4 else r.choice(SEPS[:12]).join(spam_keywords(r, c, r.randint(3, 9))))
            s = obfuscate(r, t, obfs) if obfs and r.random() < 0.7 else Snip(t)
            t2 = norm(s.text)
            lines.append(t2)
            snips.append((t2, c))
        script = spam_script(r, base_trad, obfs)
        return "\n".join(lines), snips, obfs, ["whole_page:text"], script
    pool, _ = choose_clean_pool(r, base_trad)
    text, ctx = plain_text_clean(r, base_trad, pool)
    lines = text.split("\n")
    snips, placement = [], []
    if kind == "hijacked_title":
        c = r.choice(cats)
        t0 = spam_title(r, c)
        t = norm(obfuscate(r, t0, obfs).text if obfs else t0)
        lines[0] = t
        snips.append((t, c))
        placement.append("title_line")
    nblk = 1 if kind != "hijacked_title" else (1 if cat == "mixed" or r.random() < 0.3 else 0)
    for bi in range(nblk if cat != "mixed" else max(nblk, 2 if kind != "hijacked_title" else 1)):
        c = cats[bi % len(cats)] if cat == "mixed" else cat
        if kind == "hijacked_title" and cat == "mixed":
            c = "gambling" if snips[0][1] == "adult" else "adult"
        k = r.randrange(3)
        if k == 0:
            items = [obfuscate(r, x, obfs) if obfs else Snip(x) for x in spam_keywords(r, c, r.randint(3, 15))]
            sep = r.choice([s for s in SEPS if s != "\n"])
            blk = [norm(sep.join(x.text for x in items))]
            blk_line = None
            if r.random() < 0.3:
                lab = r.choice(["相关搜索：", "热门关键词：", "Tags：", "推荐阅读：", "熱門搜尋："])
                blk_line = [lab + blk[0]]
        elif k == 1:
            blk_line = None
            blk = [norm((obfuscate(r, spam_sentence(r, c), obfs) if obfs else Snip(spam_sentence(r, c))).text) for _ in range(r.randint(1, 3))]
        else:
            blk_line = None
            blk = [norm((obfuscate(r, x, obfs) if obfs else Snip(x)).text) for x in spam_keywords(r, c, r.randint(3, 8))]
        out_lines = blk_line or blk
        where = r.choice(["end", "end", "end", "top", "middle"])
        if where == "end":
            lines.extend([""] + out_lines)
        elif where == "top":
            lines[1:1] = out_lines
        else:
            pos = r.randint(2, max(2, len(lines) - 1))
            lines[pos:pos] = out_lines
        snips.extend((b, c) for b in blk)
        placement.append("text_" + where)
    script = spam_script(r, base_trad, obfs)
    return "\n".join(lines), snips, obfs, placement, script


# ----------------------------------------------------------------------------
# plan + main
# ----------------------------------------------------------------------------

def make_plan(r, n):
    n_clean = n // 2
    n_spam = n - n_clean
    n_hard = round(n_clean * 0.25)
    n_off = round(n_clean * 0.10)
    plan = [("clean", "none", "hard_negative")] * n_hard + [("clean", "none", "offensive")] * n_off
    plan += [("clean", "none", "clean")] * (n_clean - n_hard - n_off)
    cat_counts = [("adult", 0.45), ("gambling", 0.30), ("other", 0.15)]
    cats = []
    for c, p in cat_counts:
        cats += [c] * round(n_spam * p)
    cats += ["mixed"] * (n_spam - len(cats))
    kinds_w = [("injected_block", 0.27), ("hijacked_title", 0.17), ("hidden_div", 0.18), ("link_list", 0.11),
               ("pure_spam", 0.14), ("comment_spam", 0.13)]
    kinds = []
    for k, p in kinds_w:
        kinds += [k] * round(n_spam * p)
    while len(kinds) < n_spam:
        kinds.append("injected_block")
    kinds = kinds[:n_spam]
    r.shuffle(kinds)
    plan += [("spam", c, k) for c, k in zip(cats, kinds)]
    r.shuffle(plan)
    n_plain = round(n * 0.08)
    plain_idx = set(r.sample(range(n), n_plain))
    return [(lab, cat, kind, i in plain_idx) for i, (lab, cat, kind) in enumerate(plan)]


def gen_record(r, idx, lab, cat, kind, plain):
    rec = {"id": "td-%06d" % (idx + 1)}
    trad = r.random() < 0.38
    # Traditional page with natively written Traditional spam (Taiwan/HK style)
    MODE["native_trad"] = lab == "spam" and trad and r.random() < 0.3
    obfs, placement, snips = [], [], []
    if lab == "clean":
        if kind == "hard_negative":
            if r.random() < 0.08:
                pool = ("clean", r.choice(sorted(CLEAN_TRAD)) if trad else r.choice(["news_local", "gov", "travel"]))
                shell = "linkdir"
            elif r.random() < 0.2:
                # forum page with random latin+digit usernames / many urls (hard negative by structure)
                pool = ("clean", "life" if trad else r.choice(["forum", "techblog"]))
                shell = "forum"
            else:
                names = sorted(HARD)
                name = r.choice([x for x in names if x.endswith(".trad")] if (trad and r.random() < 0.5) else [x for x in names if x.endswith(".simp")])
                pool = ("hard", name)
                shell = r.choice(HARD_SHELLS[name])
        elif kind == "offensive":
            pool = ("offensive", None)
            shell = r.choice(["forum", "forum", "news", "blog", "shop"])
        else:
            pool, shell = choose_clean_pool(r, trad)
            if r.random() < RISKY_CLEAN_BOOST:
                dom = r.choice(RISKY_DOMAINS)
                pool = ("clean", dom)
                shell = r.choice((TRAD_DOMAIN_SHELLS if trad else DOMAIN_SHELLS)[dom])
        if plain:
            text, ctx = plain_text_clean(r, trad, pool)
            rec["text"] = text
        else:
            ctx = make_ctx(r, shell, trad, pool)
            if shell == "forum" and kind == "hard_negative":
                ctx["latin_users"] = True
                ctx["urls_in_text"] = r.random() < 0.5
                ctx["tracking"] = True
                for c in ctx["comments"]:
                    c[0] = Snip(rand_user(r, trad, True))
            rec["html"] = strip_markers(add_legit_hidden(r, ctx, SHELLS[shell](r, ctx), 0.35))
        if ctx["pinyin"]:
            obfs = ["pinyin"]
        script = "mixed" if ctx.get("mixed_script") else "trad" if trad else "simp"
        rec.update({"label": "clean", "category": "none", "kind": kind, "script": script, "injected": [],
                    "injected_categories": [], "obfuscation": obfs, "placement": "none"})
        return rec
    if plain:
        text, snips, obfs, placement, script = plain_text_spam(r, cat, kind if kind in ("pure_spam", "hijacked_title") else "injected_block", trad)
        if kind not in ("pure_spam", "hijacked_title"):
            kind = "injected_block"
        rec["text"] = text
    elif kind == "pure_spam":
        html, snips, obfs, placement, script = pure_spam_html(r, cat, trad)
        rec["html"] = html
    else:
        html, snips, obfs, placement, script, _ = build_spam_html(r, cat, kind, trad)
        rec["html"] = html
    snips = [(norm(t), c) for t, c in snips if norm(t)]
    rec.update({"label": "spam", "category": cat, "kind": kind, "script": script,
                "injected": [t for t, _ in snips], "injected_categories": [c for _, c in snips],
                "obfuscation": obfs, "placement": ";".join(placement)})
    return rec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=14000)
    ap.add_argument("--out", default=os.path.join(HERE, "pages", "train.jsonl"))
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    r = random.Random(args.seed)
    plan = make_plan(r, args.pages)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    bad = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for i, (lab, cat, kind, plain) in enumerate(plan):
            rec = gen_record(r, i, lab, cat, kind, plain)
            miss = missing_snippets(rec)
            if miss:
                bad += 1
                if bad <= 5:
                    print("MISSING in %s: %r" % (rec["id"], miss[:2]), file=sys.stderr)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if bad:
        sys.exit("%d records with missing snippets" % bad)
    print("wrote %d pages to %s" % (len(plan), args.out))


if __name__ == "__main__":
    main()
