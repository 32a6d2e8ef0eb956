#!/usr/bin/env python3
"""Fourth, independently written page generator for spamsift: real-page chrome.

Builds full-size pages (a few KB to 300 KB of markup) in the registers a crawler meets:
news portals (mainland, Taiwan, Hong Kong), app stores, game news, entertainment lists,
lottery results, Macau travel/business, forum threads, video listings, novel sites,
e-commerce, classifieds, company sites and government/school notices.  Every page carries
the furniture of real sites (hundreds of nav links, English labels such as Top/LIVE/NBA,
CSS-hidden dropdown and mobile menus, ad slots, app-download prompts, tickers, long footers,
inline analytics and big JSON state, JSON-LD, noscript, iframes).  About 45 % of the pages
carry injected spam whose exact snippets are recorded.

Python 3.11 standard library only; deterministic (one random.Random(seed), sorted file
listings, no set ordering): two runs give byte-identical output.

Usage: python3 training-data/generate4.py [--pages N] [--seed S] [--out PATH] [--check]
"""
import argparse
import html as htmlmod
import json
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
REAL = os.path.join(HERE, ".cache", "real")
sys.path.insert(0, HERE)
from textextract import missing_snippets, norm  # noqa: E402

DEFAULT_OUT = os.path.join(HERE, ".cache", "pages", "train4.jsonl")
KEYS = ["id", "html", "text", "label", "category", "kind", "script", "injected", "injected_categories",
        "obfuscation", "placement"]
CATS = ("adult", "gambling", "other")


# =========================================================================== corpus loading

def read_lines(path):
    """Non-empty, non-comment lines of a UTF-8 file; [] if the file is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [ln.strip() for ln in raw if ln.strip() and not ln.strip().startswith("#")]


def txt_files(sub):
    """Relative paths of the *.txt files below corpus/sub, sorted (recursive)."""
    base = os.path.join(CORPUS, sub)
    out = []
    if not os.path.isdir(base):
        return out
    for root, dirs, names in os.walk(base):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".txt"):
                out.append(os.path.relpath(os.path.join(root, n), CORPUS))
    return sorted(out)


def stem(rel):
    """File name without folder, `.txt` and the `r2_` prefix of the second-round corpus files."""
    n = os.path.basename(rel)[:-4]
    if n.startswith("r2_"):
        n = n[3:]
    return n


def is_trad_name(rel):
    """True for Traditional-script file names (`*.trad.*`, `*_trad*`)."""
    n = os.path.basename(rel).lower()
    return ".trad" in n or "_trad" in n or "trad_" in n or "-trad" in n


def sections_of(lines):
    """`[name]` sections of a fragment file -> {name: [lines]}."""
    d, cur = {}, None
    for ln in lines:
        if ln.startswith("[") and ln.endswith("]"):
            cur = ln[1:-1]
            d.setdefault(cur, [])
        elif cur is not None:
            d[cur].append(ln)
    return d


class Corpus:
    """All text pools the generator draws from (every source optional)."""

    def __init__(self):
        self.short = {}
        for rel in txt_files("short"):
            n = os.path.basename(rel)[:-4]
            if n.startswith("r2_"):
                n = n[3:]
            self.short.setdefault(n, []).extend(read_lines(os.path.join(CORPUS, rel)))
        self.clean = {"simp": {}, "trad": {}}
        self.heads = {"simp": [], "trad": []}        # clean/*/*headline*: ready-made headlines
        self.chrome_text = {"simp": [], "trad": []}  # clean/*/*chrome*: portal chrome lines
        for script in ("simp", "trad"):
            for rel in txt_files("clean/" + script):
                lines = read_lines(os.path.join(CORPUS, rel))
                if not lines:
                    continue
                if "headline" in stem(rel):
                    self.heads[script].extend(lines)
                elif "chrome" in stem(rel):
                    self.chrome_text[script].extend(lines)
                else:
                    self.clean[script].setdefault(stem(rel), []).extend(lines)
        for script in ("simp", "trad"):
            self.heads[script].extend(self.short.get("headlines." + script, []))
            self.game_heads = getattr(self, "game_heads", {})
            self.game_heads[script] = [h for h in self.heads[script] if any(w in h for w in GAME_WORDS)]
            self.chrome_short = getattr(self, "chrome_short", {})
            self.chrome_short[script] = [x for x in self.chrome_text[script] if len(x) <= 8]
            self.chrome_long = getattr(self, "chrome_long", {})
            self.chrome_long[script] = [x for x in self.chrome_text[script] if len(x) > 8]
        self.hard = {"simp": {}, "trad": {}}
        for rel in txt_files("hard_negative"):
            lines = read_lines(os.path.join(CORPUS, rel))
            if lines:
                sc = "trad" if is_trad_name(rel) else "simp"
                key = stem(rel).split(".")[0].rstrip("0123456789")
                self.hard[sc].setdefault(key, []).extend(lines)
        self.offensive = {"simp": [], "trad": []}
        for rel in txt_files("offensive"):
            self.offensive["trad" if is_trad_name(rel) else "simp"].extend(read_lines(os.path.join(CORPUS, rel)))
        self.replies = {"simp": [], "trad": []}
        self.forum_sections = {"simp": [], "trad": []}
        for rel in txt_files("comments"):
            sc = "trad" if is_trad_name(rel) else "simp"
            target = self.forum_sections if "section" in os.path.basename(rel) else self.replies
            target[sc].extend(read_lines(os.path.join(CORPUS, rel)))
        self.chrome = {}
        for rel in txt_files("chrome"):
            self.chrome[stem(rel)] = read_lines(os.path.join(CORPUS, rel))
        self.products = {"simp": sections_of(self.chrome.get("products", [])),
                         "trad": sections_of(self.chrome.get("products.trad", []) or self.chrome.get("products", []))}
        self.teams = sections_of(self.chrome.get("teams", []))
        self._load_spam()
        self._load_real()

    # ------------------------------------------------------------------ spam
    def _load_spam(self):
        self.spam = {}  # (cat, kind, script) -> [lines]
        self.parts = {}
        self.sitenames = {}
        self.codes = []
        prefix = re.compile(r"^(adult|gambling|other)\s*[|｜]\s*")
        for rel in txt_files("spam"):
            base = os.path.basename(rel).lower()
            lines = read_lines(os.path.join(CORPUS, rel))
            if not lines:
                continue
            if base == "sitenames.txt":
                self.sitenames = sections_of(lines)
                continue
            if base == "codes.txt":
                self.codes = lines
                continue
            fcat = next((c for c in CATS if c in base), None)
            if fcat is None and any(w in base for w in ("fraud", "loan", "fake", "data", "black")):
                fcat = "other"
            if ".parts" in base or "parts" in base:
                if fcat:
                    for k, v in sections_of(lines).items():
                        self.parts.setdefault(fcat, {}).setdefault(k, []).extend(v)
                continue
            script = "trad" if is_trad_name(rel) else "simp"
            fkind = ("titles" if "title" in base else "sentences" if "sentence" in base
                     else "keywords" if "keyword" in base else None)
            for ln in lines:
                cat = fcat
                m = prefix.match(ln)
                if m:
                    cat = m.group(1)
                    ln = ln[m.end():].strip()
                if not cat or not ln or ln.startswith("["):
                    continue
                kind = fkind
                if kind is None:
                    kind = "sentences" if (len(ln) > 16 or any(p in ln for p in "，。！？,!；")) else "keywords"
                self.spam.setdefault((cat, kind, script), []).append(ln)
                if "stub" in base:
                    self.spam.setdefault((cat, "stub_" + kind, script), []).append(ln)

    def spam_pool(self, cat, kind, script):
        p = self.spam.get((cat, kind, script))
        if p:
            return p
        if kind.startswith("stub_"):
            return self.spam_pool(cat, kind[5:], script)
        return self.spam.get((cat, kind, "simp")) or self.spam.get((cat, "keywords", "simp")) or ["{SITENAME}"]

    # ------------------------------------------------------------------ real text
    def _load_real(self):
        pd = read_lines(os.path.join(REAL, "peoples_daily_1998.txt"))
        self.pd = pd
        self.pd_para_idx = [i for i, ln in enumerate(pd) if len(ln) >= 40]
        self.pd_heads = [ln for ln in pd if 8 <= len(ln) <= 28 and "。" not in ln and not ln.startswith("（")
                         and "：" not in ln[-1:]]
        rv = read_lines(os.path.join(REAL, "reviews.txt"))
        self.reviews = [ln for ln in rv if 6 <= len(ln) <= 260]

    # ------------------------------------------------------------------ clean helpers
    def clean_pool(self, script, prefs):
        pools = self.clean[script]
        out = []
        for p in prefs:
            for k in pools:
                if k == p or k.startswith(p):
                    out.extend(pools[k])
        if not out:
            for k in sorted(pools):
                out.extend(pools[k])
        return out or ["……"]

    def hard_pool(self, script, prefs):
        pools = self.hard[script] or self.hard["simp"]
        out = []
        for p in prefs:
            for k in pools:
                if k.startswith(p):
                    out.extend(pools[k])
        if not out:
            for k in sorted(pools):
                out.extend(pools[k])
        return out or ["……"]

    def sh(self, name, script):
        for key in ((name + ".trad") if script == "trad" else (name + ".simp"), name):
            if self.short.get(key):
                return self.short[key]
        return self.short.get(name + ".simp", ["……"])

    def ch(self, name, script=None):
        if script:
            v = self.chrome.get(name + "." + script)
            if v:
                return v
        return self.chrome.get(name) or self.chrome.get(name + ".simp") or ["更多"]


C = None  # the loaded Corpus, set in main()/generate()


# =========================================================================== small helpers

GAME_WORDS = ["游戏", "手游", "电竞", "赛季", "版本", "皮肤", "玩家", "战队", "排位", "开服", "抽卡", "公测", "段位",
              "遊戲", "手遊", "電競", "轉蛋", "課金", "伺服器", "玩家", "戰隊", "開服", "Steam", "Switch", "PS5"]
CITIES_S = ["北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "武汉", "西安", "南京", "长沙", "郑州", "厦门",
            "青岛", "济南", "昆明", "合肥", "福州", "南宁", "沈阳", "大连", "苏州", "东莞", "佛山", "温州"]
CITIES_T = ["台北", "新北", "桃園", "台中", "台南", "高雄", "新竹", "基隆", "花蓮", "香港", "九龍", "沙田", "澳門"]
SYL = ["jc", "xh", "bl", "qh", "nf", "dh", "hy", "xw", "cn", "hb", "zj", "sc", "gd", "js", "tv", "news", "daily",
       "life", "city", "info", "star", "sun", "sky", "ocean", "east", "west", "zhong", "hua", "xin", "ming", "tai",
       "gang", "bao", "lian", "he", "feng", "yun", "shan", "jiang", "ri", "bao", "wang", "ke", "ji"]
TLD_S = [".com", ".com.cn", ".cn", ".net", ".net.cn", ".org.cn"]
TLD_T = [".com.tw", ".tw", ".com", ".hk", ".com.hk", ".org.tw", ".net"]
LOWER = "abcdefghijklmnopqrstuvwxyz"
ALNUM = LOWER + "0123456789"


def rsample(r, pop, k):
    """random.sample that tolerates short populations (corpus files are optional)."""
    pop = list(pop)
    return r.sample(pop, max(0, min(k, len(pop))))


def esc(s):
    """HTML-escape text content."""
    return htmlmod.escape(s, quote=False)


def attr_esc(s):
    """HTML-escape an attribute value."""
    return htmlmod.escape(s, quote=True)


def rand_word(r, a=3, b=8, chars=LOWER):
    """Random lowercase token (class names, paths, ids)."""
    return "".join(r.choice(chars) for _ in range(r.randint(a, b)))


def domain(r, script):
    """Fictional site domain with a mainland or Taiwan/Hong Kong TLD."""
    return "".join(r.choice(SYL) for _ in range(r.randint(1, 3))) + r.choice(TLD_T if script == "trad" else TLD_S)


def rdate(r, fmt=None):
    """A date/time in one of the formats Chinese sites print."""
    y, mo, d = r.choice([2024, 2025, 2026, 2026]), r.randint(1, 12), r.randint(1, 28)
    hh, mm = r.randint(0, 23), r.randint(0, 59)
    k = fmt if fmt is not None else r.randrange(6)
    return ["%d-%02d-%02d %02d:%02d" % (y, mo, d, hh, mm), "%d-%02d-%02d" % (y, mo, d),
            "%d年%d月%d日 %02d:%02d" % (y, mo, d, hh, mm), "%d/%d/%d" % (y, mo, d),
            "%02d-%02d %02d:%02d" % (mo, d, hh, mm), "%d.%02d.%02d" % (y, mo, d)][k]


def path_url(r):
    """Article URL path in one of the common CMS shapes."""
    k = r.randrange(7)
    if k == 0:
        return "/%d/%02d%02d/c_%d.htm" % (r.choice([2025, 2026]), r.randint(1, 12), r.randint(1, 28), r.randint(10**8, 10**9))
    if k == 1:
        return "/a/%d%02d%02d/%d.shtml" % (r.choice([2025, 2026]), r.randint(1, 12), r.randint(1, 28), r.randint(1000, 99999))
    if k == 2:
        return "/news/%s/%d" % (rand_word(r, 3, 8), r.randint(10**5, 10**7))
    if k == 3:
        return "/article/%d.html" % r.randint(10**5, 10**8)
    if k == 4:
        return "/?p=%d" % r.randint(100, 99999)
    if k == 5:
        return "/%s/%s.html" % (rand_word(r, 2, 6), rand_word(r, 6, 12, ALNUM))
    return "/detail/%s" % rand_word(r, 16, 24, "0123456789abcdef")


def cut_title(r, p):
    """Headline-length cut of a paragraph (first clause)."""
    for sep in "，。；：！？,":
        i = p.find(sep)
        if 8 <= i <= 30:
            return p[:i]
    return p[: r.randint(12, 24)].rstrip("，。；：、")


def headline(r, script, topic=None):
    """A news-list headline: ready-made headline files, People's Daily titles, or a cut paragraph."""
    x = r.random()
    if topic == "game" and C.game_heads.get(script) and x < 0.6:
        return r.choice(C.game_heads[script])
    heads = C.heads.get(script) or []
    if script == "simp":
        if x < 0.35 and C.pd_heads:
            return r.choice(C.pd_heads)
        if x < 0.75 and heads:
            return r.choice(heads)
        return cut_title(r, r.choice(C.clean_pool("simp", ["news", "misc_news", "finance", "entertainment", "health"])))
    if x < 0.6 and heads:
        return r.choice(heads)
    return cut_title(r, r.choice(C.clean_pool("trad", ["news", "sports", "life", "tech", "official"])))


def username(r, script):
    """Forum/comment user name: corpus names, numbered guests or handles."""
    x = r.random()
    if x < 0.55:
        return r.choice(C.short.get("usernames.trad" if script == "trad" else "usernames", []) or ["网友"])
    if x < 0.75:
        return (r.choice(["网友", "用户", "游客", "书友", "玩家"]) if script == "simp" else r.choice(["網友", "用戶", "會員", "訪客"])) + str(r.randint(1000, 99999999))
    return rand_word(r, 4, 10, ALNUM).capitalize()


def fill_common(r, s, site, dom, script):
    """Fill the footer placeholders of corpus/short/footer.*."""
    def rep(m):
        k = m.group(1)
        if k == "YEAR":
            return str(r.choice([2025, 2026]))
        if k in ("SITE", "COMPANY"):
            return site
        if k == "DOMAIN":
            return dom
        if k == "ICP":
            return "%sICP备%08d号-%d" % (r.choice("京沪粤浙苏鲁川鄂湘闽豫"), r.randint(10**6, 10**8 - 1), r.randint(1, 9))
        if k == "GONGAN":
            return "%s公网安备 %d号" % (r.choice("京沪粤浙苏鲁川鄂湘闽豫"), r.randint(10**13, 10**14 - 1))
        if k == "ADDR":
            return r.choice(C.sh("addr", script) if C.short.get("addr.trad") and script == "trad" else C.short.get("addr", ["中山路1号"]))
        if k == "ZIP":
            return "%06d" % r.randint(100000, 860000)
        if k in ("TEL", "PHONE"):
            return "0%d-%08d" % (r.randint(10, 999), r.randint(10**7, 10**8 - 1))
        if k == "WEBID":
            return str(r.randint(1000, 9999))
        return str(r.randint(10, 999))
    return re.sub(r"\{([A-Z_]+)\}", rep, s)


# =========================================================================== style: markup variation

ROLE = {
    "header": ["header", "hd", "top", "site-header", "masthead", "head", "topbar", "page-header"],
    "nav": ["nav", "menu", "navbar", "main-nav", "channel", "gnav", "nav-main", "primary-menu", "menu-bar"],
    "sub": ["sub", "subnav", "dropdown", "drop", "sub-menu", "second", "nav-sub", "pop"],
    "mobile": ["mobile-menu", "m-nav", "offcanvas", "drawer", "side-menu", "menu-mobile", "hamburger-panel"],
    "footer": ["footer", "ft", "foot", "bottom", "site-footer", "copyright", "page-footer"],
    "article": ["article", "content", "main-text", "post", "detail", "txt", "article-body", "entry", "news-content"],
    "side": ["side", "aside", "sidebar", "right", "col-r", "rightbar", "widget-area"],
    "list": ["list", "news-list", "lst", "items", "feed", "ul-list", "card-list", "txt-list"],
    "box": ["box", "mod", "module", "block", "panel", "card", "section", "widget", "part"],
    "title": ["title", "tit", "hd", "heading", "h-title", "caption", "name"],
    "hot": ["hot", "hot-search", "hotwords", "trend", "rank", "top10", "hotlist"],
    "ad": ["ad", "ads", "adv", "ad-slot", "gg", "banner", "promo", "sponsor"],
    "ticker": ["ticker", "marquee", "scroll", "roll", "breaking", "live-bar", "quote-bar"],
    "comment": ["comment", "cmt", "reply", "review", "post-item", "floor", "discuss"],
    "crumb": ["crumb", "breadcrumb", "position", "location", "path", "bread"],
    "main": ["main", "wrap", "container", "w1200", "layout", "page", "wrapper", "inner"],
    "btn": ["btn", "button", "b-link", "cta", "action"],
    "tab": ["tab", "tabs", "tab-pane", "tab-con", "switch", "panel"],
    "links": ["links", "friend", "flink", "partner", "yqlj", "friend-links"],
    "qr": ["qr", "qrcode", "app-dl", "download", "ewm", "app-qr"],
    "modal": ["modal", "dialog", "popup", "layer", "mask", "overlay"],
}
HIDE_CLASSES = [("d-none", "display:none!important"), ("hidden", "display:none"), ("hide", "display:none"),
                ("is-hidden", "display:none"), ("u-hide", "display:none !important"), ("dn", "display:none"),
                ("collapse", "display:none"), ("invisible", "visibility:hidden"),
                ("sr-only", "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0"),
                ("visually-hidden", "position:absolute!important;clip:rect(1px,1px,1px,1px);overflow:hidden;height:1px;width:1px"),
                ("off-canvas", "position:fixed;top:0;left:-320px;width:300px;visibility:hidden"),
                ("none", "display:none"), ("js-hide", "display:none")]


class Style:
    """Per-page markup habits: class names, quoting, attribute order, whitespace."""

    def __init__(self, r):
        self.r = r
        self.q = r.choice(['"'] * 7 + ["'", ""])
        self.nl = r.choice(["\n"] * 6 + ["", "\r\n", "\n\n"])
        self.ind = r.choice(["", "  ", "    ", "\t"]) if self.nl else ""
        self.prefix = r.choice(["", "", "", "g-", "c-", "m-", "x-", "ui-", "site-", "j-", "s-", "hd-", "xw-", "v2-"])
        self.camel = r.random() < 0.2
        self.suffix = r.random() < 0.2
        self.shuffle = r.random() < 0.5
        self.upper = r.random() < 0.03
        self.tight = r.random() < 0.35
        self.comments = r.random() < 0.5
        self.roles = {}
        hc = list(HIDE_CLASSES)
        r.shuffle(hc)
        self.hide_classes = hc[: r.randint(3, 7)]

    def cls(self, role):
        if role not in self.roles:
            r = self.r
            base = r.choice(ROLE.get(role, [role]))
            if self.camel:
                parts = base.split("-")
                base = parts[0] + "".join(p.capitalize() for p in parts[1:])
            name = self.prefix + base
            if self.suffix and r.random() < 0.5:
                name += r.choice(["-", "_", ""]) + str(r.randint(1, 99))
            self.roles[role] = name
        return self.roles[role]

    def comment(self, what):
        """An HTML comment marking a template region, on pages whose template has them."""
        if not self.comments:
            return ""
        return "<!-- %s -->" % self.r.choice([what, what + " start", "#" + what, "=== " + what + " ===", what.upper(), "/" + what]) + self.nl

    def icon(self):
        """Inline SVG icon (search, menu, share…) as real templates ship them."""
        r = self.r
        d = "M%d %d" % (r.randint(0, 24), r.randint(0, 24)) + "".join(
            r.choice(["L", "C", "Q", "l", "c", "h", "v", "a"]) + " ".join("%.1f" % r.uniform(-12, 24) for _ in range(r.choice([1, 2, 4, 6])))
            for _ in range(r.randint(4, 30))) + "z"
        return '<svg viewBox="0 0 24 24" width="%d" height="%d" aria-hidden="true"><path d="%s"></path></svg>' % (r.choice([16, 18, 20, 24]), r.choice([16, 18, 20, 24]), d)

    def gap(self):
        """Whitespace between inline siblings: none on some pages, a space or a newline on others."""
        if self.tight:
            return ""
        return self.nl or " "

    def hide_class(self):
        return self.r.choice(self.hide_classes)[0]

    def attrs(self, pairs):
        items = [(k, v) for k, v in pairs if v is not None and v is not False]
        if self.shuffle and len(items) > 1 and self.r.random() < 0.5:
            items = items[:]
            self.r.shuffle(items)
        out = []
        for k, v in items:
            if v is True:
                out.append(" " + k)
                continue
            v = str(v)
            q = self.q
            if q == "" and (not v or any(c in v for c in " \"'=<>`&")):
                q = '"'
            if q == "'" and "'" in v:
                q = '"'
            out.append(" %s=%s%s%s" % (k, q, attr_esc(v) if q == '"' else v.replace("&", "&amp;"), q))
        return "".join(out)

    def t(self, tag, inner="", attrs=(), void=False):
        name = tag.upper() if self.upper else tag
        a = self.attrs(attrs)
        if void:
            return "<%s%s>" % (name, a)
        return "<%s%s>%s</%s>" % (name, a, inner, name)

    def j(self, parts, depth=1):
        sep = self.nl + self.ind * depth
        return sep.join(p for p in parts if p) if parts else ""

    def a(self, text_html, href, extra=()):
        attrs = [("href", href)] + list(extra)
        if self.r.random() < 0.3:
            attrs.append(("target", "_blank"))
        if self.r.random() < 0.15:
            attrs.append(("title", htmlmod.unescape(re.sub("<[^>]+>", "", text_html))))
        return self.t("a", text_html, attrs)


# =========================================================================== spam text + obfuscation

LOOK = {"A": "Α", "B": "Β", "E": "Ε", "H": "Η", "K": "Κ", "M": "Μ", "O": "Ο", "P": "Ρ", "C": "С", "T": "Τ",
        "X": "Χ", "a": "а", "o": "о", "e": "е", "p": "р", "c": "с", "V": "∨", "v": "ν", "i": "і"}


def ob_fullwidth(r, s):
    """ASCII letters and digits -> full-width forms."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in s)


def ob_lookalike(r, s):
    """Latin letters -> Greek/Cyrillic look-alikes (AV -> A∨), or a symbol inside a word."""
    if "AV" in s or "av" in s:
        return s.replace("AV", r.choice(["A∨", "AⅤ", "ΑV", "Α∨"])).replace("av", r.choice(["аv", "aν"]))
    out = "".join(LOOK[c] if c in LOOK and r.random() < 0.7 else c for c in s)
    if out == s:
        cjk = [i for i, c in enumerate(s) if "\u4e00" <= c <= "\u9fff"]
        if cjk:
            i = r.choice(cjk)
            out = s[:i] + r.choice(["⭐", "❤", "☆", "♥", "〇"]) + s[i:]
    return out


def ob_zerowidth(r, s):
    """Zero-width characters between characters."""
    z = r.choice(["\u200b", "\u200c", "\u200d", "\u2060"])
    return "".join(c + (z if (i < len(s) - 1 and r.random() < 0.6) else "") for i, c in enumerate(s))


def ob_spacing(r, s):
    """Spaced-out characters (spaces, dots, underscores)."""
    sep = r.choice([" ", " ", "*", "·", "_", "."])
    return sep.join(c for c in s if not c.isspace())


def ob_qmark(r, s):
    """One or two CJK characters replaced by `?` (broken-encoding look)."""
    idx = [i for i, c in enumerate(s) if "\u4e00" <= c <= "\u9fff"]
    if not idx:
        return s
    for i in sorted(rsample(r, idx, min(len(idx), r.randint(1, 2))), reverse=True):
        s = s[:i] + "?" + s[i + 1:]
    return s


TEXT_OBS = {"fullwidth": ob_fullwidth, "lookalike": ob_lookalike, "zerowidth": ob_zerowidth,
            "spacing": ob_spacing, "qmark": ob_qmark}


def rand_wx(r):
    """Random WeChat-style contact id."""
    return r.choice(["wx", "vx", "V", "weixin", "WX", "v"]) + rand_word(r, 5, 9, "abcdefghjkmnpqrstuvwxyz0123456789")


def spam_url(r):
    """Spam domain as it appears in ad text."""
    tld = r.choice([".com", ".cc", ".vip", ".top", ".xyz", ".net", ".me", ".app", ".club", ".live", ".bet", ".tv"])
    return r.choice(["", "www.", "m.", "https://", "http://"]) + rand_word(r, 3, 8, ALNUM) + tld


def spam_href(r):
    """Spam link target."""
    u = spam_url(r)
    if not u.startswith("http"):
        u = "http://" + u
    return u + r.choice(["", "/", "/?from=" + rand_word(r, 2, 5), "/index.html", "/%d.html" % r.randint(1, 9999)])


class SpamText:
    """Spam text for one page: categories, script, obfuscations; records every snippet placed."""

    def __init__(self, r, cats, script, obs):
        self.r, self.cats, self.script, self.obs = r, cats, script, obs
        self.snips, self.snipcats, self.used = [], [], []
        self.ob_rate = r.choice([0.3, 0.5, 0.8]) if obs else 0.0

    def cat(self):
        return self.r.choice(self.cats)

    def sitename(self, cat):
        s = C.sitenames
        key = "gambling" if cat == "other" else cat
        a, b = s.get(key + "_a"), s.get(key + "_b")
        if not a or not b:
            a, b = s.get("adult_a", ["夜色"]), s.get("adult_b", ["影院"])
        return self.r.choice(a) + self.r.choice(b)

    def fill(self, s, cat):
        r = self.r

        def rep(m):
            k = m.group(1)
            if k == "QQ":
                return str(r.randint(10000000, 3999999999))
            if k == "WX":
                return rand_wx(r)
            if k == "URL":
                return spam_url(r)
            if k == "PHONE":
                return "1%d%08d" % (r.choice([3, 5, 7, 8, 9]) * 10 + r.randint(0, 9), r.randint(0, 99999999))
            if k == "CITY":
                return r.choice(CITIES_T if self.script == "trad" else CITIES_S)
            if k == "NUM":
                return str(r.choice([18, 38, 58, 88, 188, 888, 1888, r.randint(2, 5000)]))
            if k == "CODE":
                return "%s-%03d" % (r.choice(C.codes or ["ABX"]), r.randint(1, 999))
            if k == "SITENAME":
                return self.sitename(cat)
            return str(r.randint(10, 9999))
        return re.sub(r"\{([A-Z_]+)\}", rep, s)

    def _pick(self, kind, cat):
        r = self.r
        trad = self.script == "trad"
        if trad and kind.endswith("titles") and not C.spam.get((cat, kind, "trad")) and C.spam.get((cat, "keywords", "trad")) and r.random() < 0.7:
            # no Traditional title list: spammers' title format, keywords joined by _ - |
            kws = [r.choice(C.spam[(cat, "keywords", "trad")]) for _ in range(r.randint(2, 4))]
            return self.fill(r.choice(["_", "-", "|", "，", " "]).join(kws), cat)
        if kind == "keywords" and not trad and cat in C.parts and r.random() < 0.35:
            p = C.parts[cat]
            pre, core, suf = p.get("pre") or [""], p.get("core") or ["…"], p.get("suf") or [""]
            k = r.randrange(3)
            s = (r.choice(pre) + r.choice(core) + r.choice(suf)) if k == 0 else (
                (r.choice(pre) + r.choice(core)) if k == 1 else (r.choice(core) + r.choice(suf)))
            return s
        return self.fill(r.choice(C.spam_pool(cat, kind, "trad" if trad else "simp")), cat)

    def raw(self, kind, cat=None):
        cat = cat or self.cat()
        return self._pick(kind, cat), cat

    def obfuscate(self, s):
        """Returns (text, html) with maybe one obfuscation applied."""
        r = self.r
        ents = False
        if self.obs and r.random() < self.ob_rate:
            o = r.choice(self.obs)
            if o == "entities":
                ents = True
            else:
                s2 = TEXT_OBS[o](r, s)
                if s2 != s:
                    s = s2
                    if o not in self.used:
                        self.used.append(o)
        if ents and any("\u4e00" <= c <= "\u9fff" for c in s):
            out = []
            for c in s:
                out.append("&#%d;" % ord(c) if "\u4e00" <= c <= "\u9fff" and r.random() < 0.3 else esc(c))
            h = "".join(out)
            if "&#" in h and "entities" not in self.used:
                self.used.append("entities")
            return s, h
        return s, esc(s)

    def item(self, kind, cat=None):
        """A recorded spam snippet: returns its HTML."""
        s, cat = self.raw(kind, cat)
        text, h = self.obfuscate(s)
        self.record(text, cat)
        return h

    def record(self, text, cat):
        n = norm(text)
        if n:
            self.snips.append(n)
            self.snipcats.append(cat)


# =========================================================================== the page object

SITE_PATTERNS = {  # register -> (Simplified, Traditional) site-name templates
    "lottery": (["{city}福彩网", "{city}体彩资讯", "彩民之家", "开奖查询网", "{city}彩票信息网"], ["台灣彩券資訊站", "樂透開獎查詢", "{city}彩券行", "香港賽馬及六合彩資訊"]),
    "appstore": (["{city}软件园", "绿色下载站", "手机应用宝库", "安卓软件下载站", "星海软件下载"], ["App下載站", "手機軟體王", "{city}軟體下載", "免費軟體庫"]),
    "game": (["{city}游戏网", "玩家攻略站", "电竞资讯网", "手游情报局"], ["巴哈遊戲情報", "{city}電玩誌", "電競新聞網", "手遊攻略站"]),
    "video": (["{city}视频网", "星光影视", "{city}电视台", "正版剧场"], ["{city}電視台", "線上影音館", "追劇天堂", "影視情報網"]),
    "novel": (["书香小说网", "{city}书城", "小鹿阅读", "文学城"], ["書香小說網", "{city}書城", "文學城", "輕小說館"]),
    "shop": (["{city}优选商城", "青禾商城", "好物百货", "{city}购物网"], ["{city}購物網", "好物商城", "生活百貨網", "優選商城"]),
    "classifieds": (["{city}分类信息网", "{city}同城网", "{city}便民信息", "百姓生活网"], ["{city}分類廣告", "{city}租屋網", "生活便利通"]),
    "company": (["{city}青禾科技有限公司", "{city}北岭机械制造有限公司", "{city}星海食品有限公司", "{city}晴川包装材料厂"], ["{city}青禾科技股份有限公司", "{city}晴川實業", "星海食品有限公司"]),
    "gov": (["{city}人民政府", "{city}教育局", "{city}第一中学", "{city}市场监督管理局", "{city}卫生健康委员会", "{city}职业技术学院"], ["{city}市政府", "{city}衛生局", "{city}國民中學", "{city}區公所", "{city}高級中學"]),
    "macau": (["澳门旅游指南", "{city}旅游网", "港澳自由行", "{city}财经网"], ["澳門旅遊指南", "港澳自由行", "{city}旅遊網", "財經日報"]),
    "forum": (["{city}论坛", "{city}社区", "家园网", "{city}生活圈"], ["{city}論壇", "{city}討論區", "鄉民社區", "生活討論板"]),
}


class Page:
    """State of one page being built: style, text script, site identity, spam plan and records."""

    def __init__(self, r, script, register, spam=None):
        self.r = r
        self.st = Style(r)
        self.script = script
        self.register = register
        self.spam = spam  # SpamText or None
        self.plan = {}    # slot -> [callable(pg, ctx) -> html]
        self.spam_comments = []
        self.spam_thread = False  # forum thread whose first post is the ad
        self.placements = []
        self.big = 0      # 0 small, 1 medium, 2 large
        self.lite = False  # small page of a plain template (no dropdowns, sidebar, topbar)
        self.stub = False  # whole-page spam: every text node is spam or neutral
        self.want_comments = False  # clean pages get extra comment sections to match spam pages
        names = C.sh("sites", script)
        city = r.choice(CITIES_T if script == "trad" else CITIES_S)
        pats = SITE_PATTERNS.get(register)
        if pats and r.random() < 0.8:
            self.site = r.choice(pats[1 if script == "trad" else 0]).replace("{city}", city)
        elif r.random() < 0.6:
            self.site = r.choice(names)
        else:
            self.site = city + r.choice(["新聞網", "日報", "線上", "生活網", "新聞台"] if script == "trad" else ["新闻网", "日报", "在线", "热线", "信息港", "之窗"])
        self.dom = domain(r, script)
        self.title = ""
        self.keywords = ""
        self.desc = ""
        self.title_html = None   # hijacked title (html) if any
        self.title_mode = "replace"  # or prefix/suffix: spam glued to the page's own title
        self.kw_html = None
        self.desc_html = None

    @property
    def trad(self):
        return self.script == "trad"

    def w(self, simp, trad):
        return trad if self.trad else simp

    def link(self, text, extra=()):
        r = self.r
        href = r.choice(["", "https://" + self.dom, "//" + self.dom, "https://www." + self.dom]) + path_url(r)
        return self.st.a(esc(text), href, extra)

    def inj(self, slot, ctx="block"):
        fns = self.plan.pop(slot, [])
        return "".join(fn(self, ctx) for fn in fns)


# =========================================================================== chrome builders

ANALYTICS = [
    "var _hmt=_hmt||[];(function(){var hm=document.createElement('script');hm.src='https://hm.baidu.com/hm.js?%s';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();",
    "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-%s');",
    "(function(){var bp=document.createElement('script');var curProtocol=window.location.protocol.split(':')[0];bp.src=curProtocol==='https'?'https://zz.bdstatic.com/linksubmit/push.js':'http://push.zhanzhang.baidu.com/push.js';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(bp,s);})(); /* %s */",
    "var cnzz_protocol=(('https:'==document.location.protocol)?'https://':'http://');document.write(unescape('%%3Cspan id=\\'cnzz_stat_icon_%s\\'%%3E%%3C/span%%3E'));",
    "!function(e,t){var n=t.createElement('script');n.async=!0,n.src='https://s.example-analytics.cn/t.js?sid=%s',t.head.appendChild(n)}(window,document);",
    "if(/Android|iPhone|iPad|Mobile/i.test(navigator.userAgent)&&location.search.indexOf('pc=1')<0){/* m-site %s */}",
    "document.addEventListener('DOMContentLoaded',function(){var t=document.querySelector('.totop');if(t){t.onclick=function(){window.scrollTo(0,0);return false}}}); // %s",
]


def js_json(obj):
    """Compact JSON safe inside <script> (no `</`)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def state_items(pg, n):
    """List items of the inline JSON state (headlines, URLs, counters)."""
    r = pg.r
    keys = C.ch("json_keys")
    items = []
    for _ in range(n):
        d = {}
        for k in rsample(r, keys, min(len(keys), r.randint(5, 12))):
            if k in ("title", "summary", "desc", "nickname", "channel", "source", "author", "category"):
                v = headline(r, pg.script) if k in ("title", "summary", "desc") else r.choice(C.ch("sections", pg.script))
            elif k in ("url", "link", "cover", "coverUrl", "thumb", "avatar"):
                v = "https://" + r.choice(["img.", "static.", "cdn.", ""]) + pg.dom + path_url(r)
            elif k in ("tags",):
                v = rsample(r, C.sh("tags", pg.script), min(3, len(C.sh("tags", pg.script))))
            elif k in ("isTop", "isHot", "isLive"):
                v = r.random() < 0.2
            elif k in ("pubTime", "publishTime", "updateTime"):
                v = r.randint(1700000000, 1790000000) * (1000 if r.random() < 0.5 else 1)
            else:
                v = r.randint(0, 10**r.randint(1, 7))
            d[k] = v
        items.append(d)
    return items


def state_script(pg, items):
    """Inline JSON state script around a list of items (dicts or a count)."""
    r = pg.r
    if isinstance(items, int):
        items = state_items(pg, items)
    var = r.choice(["window.__INITIAL_STATE__", "window.__NUXT__", "window.__PRELOADED_STATE__", "var pageData",
                    "window.__APOLLO_STATE__", "window.g_config"])
    obj = {"site": {"name": pg.site, "domain": pg.dom}, "channel": r.choice(C.ch("sections", pg.script)),
           "list": items, "ab": {"exp": rand_word(r, 4, 8), "v": r.randint(1, 9)}}
    if r.random() < 0.3:
        return pg.st.t("script", js_json({"props": {"pageProps": obj}, "page": "/" + rand_word(r, 3, 7)}),
                       [("id", "__NEXT_DATA__"), ("type", "application/json")])
    return pg.st.t("script", "%s = %s;" % (var, js_json(obj)))


def head(pg):
    """<head>: charset, title, meta keywords/description, many meta/link tags, hiding CSS, analytics, JSON-LD."""
    r, st = pg.r, pg.st
    parts = [st.t("meta", attrs=[("charset", r.choice(["utf-8", "UTF-8", "gbk", "gb2312"] if not pg.trad else ["utf-8", "UTF-8", "big5"]))], void=True)]
    if r.random() < 0.7:
        parts.append(st.t("meta", attrs=[("http-equiv", "X-UA-Compatible"), ("content", "IE=edge")], void=True))
    parts.append(st.t("meta", attrs=[("name", "viewport"), ("content", "width=device-width, initial-scale=1")], void=True))
    if pg.title_html is None:
        title = esc(pg.title)
    elif pg.title_mode == "prefix" and pg.title:
        title = pg.title_html + r.choice(["_", " - ", "|", "，"]) + esc(pg.title)
    elif pg.title_mode == "suffix" and pg.title:
        title = esc(pg.title) + r.choice(["_", " - ", "|"]) + pg.title_html
    else:
        title = pg.title_html
    parts.append(st.t("title", title))
    kw = pg.kw_html if pg.kw_html is not None else attr_esc(pg.keywords)
    if kw:
        parts.append('<meta name="keywords" content="%s">' % kw)
    ds = pg.desc_html if pg.desc_html is not None else attr_esc(pg.desc)
    if ds:
        parts.append('<meta name="description" content="%s">' % ds)
    n_meta = [2, 6, 14][pg.big] + r.randint(0, 6)
    metas = [("og:type", "article"), ("og:site_name", pg.site), ("og:url", "https://" + pg.dom + path_url(r)),
             ("og:image", "https://img." + pg.dom + path_url(r) + ".jpg"), ("twitter:card", "summary_large_image"),
             ("fb:app_id", str(r.randint(10**14, 10**15))), ("article:published_time", "2026-%02d-%02dT%02d:00:00+08:00" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23))),
             ("robots", "index,follow"), ("format-detection", "telephone=no"), ("applicable-device", "pc,mobile"),
             ("renderer", "webkit"), ("baidu-site-verification", "code-" + rand_word(r, 10, 10, ALNUM)),
             ("google-site-verification", rand_word(r, 30, 40, ALNUM)), ("theme-color", "#%06x" % r.randint(0, 0xFFFFFF)),
             ("apple-itunes-app", "app-id=%d" % r.randint(10**8, 10**9)), ("author", pg.site), ("copyright", pg.site),
             ("mobile-agent", "format=html5;url=https://m." + pg.dom + "/"), ("referrer", "always")]
    r.shuffle(metas)
    if not pg.stub and pg.title and r.random() < 0.4:
        metas.insert(0, ("og:title", pg.title))
        if pg.desc:
            metas.insert(1, ("og:description", pg.desc))
        n_meta += 2
    for k, v in metas[:n_meta]:
        kk = "property" if k.startswith(("og:", "fb:", "article:")) else "name"
        parts.append(st.t("meta", attrs=[(kk, k), ("content", v)], void=True))
    n_link = [2, 6, 14][pg.big] + r.randint(0, 5)
    for _ in range(n_link):
        rel = r.choice(["stylesheet", "stylesheet", "preconnect", "dns-prefetch", "preload", "icon", "canonical",
                        "alternate", "apple-touch-icon", "manifest"])
        href = (r.choice(["//static.", "https://cdn.", "https://s.", "//img."]) + (pg.dom if r.random() < 0.7 else domain(r, pg.script)) if r.random() < 0.75 else "") + "/" + rand_word(r, 2, 6) + "/" + rand_word(r, 4, 10, ALNUM) + r.choice([".css", ".js", ".png", ".json", ""]) + (("?v=" + rand_word(r, 6, 8, ALNUM)) if r.random() < 0.5 else "")
        attrs = [("rel", rel), ("href", href)]
        if rel == "alternate":
            attrs.append(("type", "application/rss+xml"))
            attrs.append(("title", "RSS"))
        parts.append(st.t("link", attrs=attrs, void=True))
    # CSS defining the hiding classes used by legit menus (and by some injections)
    css = "".join(".%s{%s}" % (c, rule) for c, rule in st.hide_classes)
    css += ".%s{position:relative}.%s li{float:left;margin:0 8px}" % (st.cls("nav"), st.cls("nav"))
    if pg.big:
        css += "".join(".%s-%d{width:%dpx;color:#%03x}" % (st.cls("box"), i, r.randint(100, 1200), r.randint(0, 4095)) for i in range(r.randint(10, 80) * pg.big))
    parts.append(st.t("style", css))
    if r.random() < 0.8:
        parts.append(st.t("script", ANALYTICS[r.randrange(len(ANALYTICS))] % rand_word(r, 8, 32, "0123456789abcdef")))
    if r.random() < 0.5:
        ld = {"@context": "https://schema.org", "@type": r.choice(["NewsArticle", "WebPage", "Article", "Organization", "Product"]),
              "headline": pg.title[:60], "datePublished": "2026-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)),
              "publisher": {"@type": "Organization", "name": pg.site, "logo": {"@type": "ImageObject", "url": "https://" + pg.dom + "/logo.png"}}}
        parts.append(st.t("script", js_json(ld), [("type", "application/ld+json")]))
    return st.t("head", st.j(parts))


def hot_row(pg):
    """`热门搜索：` row of harmless tags (spam slot `hot_search`)."""
    r, st = pg.r, pg.st
    label = pg.w(r.choice(["热门搜索：", "热搜：", "大家都在搜：", "热门："]), r.choice(["熱門搜尋：", "熱搜：", "大家都在搜："]))
    words = rsample(r, C.sh("tags", pg.script), min(len(C.sh("tags", pg.script)), r.randint(4, 9)))
    links = [pg.link(w) for w in words]
    extra = pg.inj("hot_search", "inline")
    if extra:
        links.insert(r.randint(0, len(links)), extra)
    return st.t("div", esc(label) + r.choice([" ", "", "&nbsp;"]).join(links), [("class", st.cls("hot"))])


def nav_block(pg):
    """Main nav + hidden dropdowns + off-canvas mobile copy. Size grows with pg.big."""
    r, st = pg.r, pg.st
    secs = [x for x in C.ch("sections", pg.script) if x not in ("首页", "首頁")]
    r.shuffle(secs)
    n_top = min(len(secs), [r.randint(5, 10) if pg.lite else r.randint(8, 16), r.randint(14, 26), r.randint(20, 40)][pg.big])
    top = secs[:n_top]
    ens = C.ch("nav_en")
    for _ in range(r.randint(1, 6)):
        top.insert(r.randint(0, len(top)), r.choice(ens))
    subs = C.ch("subnav", pg.script)
    extra_chrome = C.chrome_short.get(pg.script) or []
    if extra_chrome:
        subs = subs + rsample(r, extra_chrome, min(len(extra_chrome), len(subs) // 3))
    if r.random() < 0.7:
        top.insert(0, pg.w("首页", "首頁"))
    items = []
    hidden_slot_used = False
    n_drop = 0 if pg.lite else [r.randint(0, 3), r.randint(3, 10), r.randint(8, 24)][pg.big]
    drop_at = sorted(rsample(r, range(len(top)), min(n_drop, len(top))))
    for i, label in enumerate(top):
        inner = pg.link(label)
        if pg.big and r.random() < 0.15:
            inner = st.icon() + inner
        if r.random() < 0.1:
            inner += st.t("span", r.choice(["NEW", "HOT", "LIVE", "new", "hot"]), [("class", st.cls("btn") + "-badge")])
        if i in drop_at:
            k = [r.randint(4, 8), r.randint(6, 14), r.randint(8, 24)][pg.big]
            lis = [st.t("li", pg.link(r.choice(subs if r.random() < 0.8 else ens))) for _ in range(k)]
            if not hidden_slot_used and "nav_hidden" in pg.plan and r.random() < 0.5:
                extra = pg.inj("nav_hidden", "li")
                lis.insert(r.randint(0, len(lis)), extra)
                hidden_slot_used = True
            hide = r.random()
            if hide < 0.5:
                ul_attrs = [("class", st.cls("sub") + " " + st.hide_class())]
            elif hide < 0.75:
                ul_attrs = [("class", st.cls("sub")), ("style", r.choice(["display:none", "display: none;", "visibility:hidden", "height:0;overflow:hidden"]))]
            else:
                ul_attrs = [("class", st.cls("sub")), ("aria-hidden", "true"), ("hidden", True) if r.random() < 0.5 else ("data-open", "0")]
            inner += st.t("ul", st.j(lis, 3), ul_attrs)
        items.append(st.t("li", inner, [("class", st.cls("nav") + "-item")] if r.random() < 0.5 else []))
    if "nav_visible" in pg.plan:
        items.insert(r.randint(1, len(items)), pg.inj("nav_visible", "li"))
    main_nav = st.t("ul", st.j(items, 2), [("class", st.cls("nav") + "-list")])
    out = [st.t(r.choice(["nav", "div", "div"]), main_nav, [("class", st.cls("nav")), ("role", "navigation") if r.random() < 0.3 else ("id", "nav")])]
    # off-canvas mobile menu: a hidden copy with more links
    if pg.big or r.random() < (0.35 if pg.lite else 0.5):
        lis = [st.t("li", pg.link(x)) for x in top + rsample(r, subs, [6, 20, 50][pg.big])]
        if "nav_hidden" in pg.plan:
            lis.insert(r.randint(0, len(lis)), pg.inj("nav_hidden", "li"))
        how = r.randrange(3)
        attrs = [("class", st.cls("mobile") + " " + st.hide_class())] if how == 0 else (
            [("class", st.cls("mobile")), ("style", "position:fixed;left:-100%;top:0;width:80%;height:100%;overflow:auto")] if how == 1 else
            [("class", st.cls("mobile")), ("aria-hidden", "true"), ("style", "display:none")])
        out.append(st.t("div", st.t("ul", st.j(lis, 3)), attrs))
    # mega menu level 3 for big pages
    if pg.big == 2:
        cols = []
        for _ in range(r.randint(4, 10)):
            cols.append(st.t("dl", st.t("dt", esc(r.choice(secs))) + "".join(st.t("dd", pg.link(r.choice(subs))) for _ in range(r.randint(6, 15)))))
        out.append(st.t("div", st.j(cols, 2), [("class", st.cls("sub") + "-mega " + st.hide_class())]))
    return st.j(out)


def topbar(pg):
    """Top bar: date, weather, login/app links (spam slot `topbar`)."""
    r, st = pg.r, pg.st
    bits = [st.t("span", esc(rdate(r, 2).split(" ")[0] + " " + pg.w("星期", "星期") + r.choice("一二三四五六日")))]
    if r.random() < 0.6:
        bits.append(st.t("span", esc(r.choice(CITIES_T if pg.trad else CITIES_S) + " %d℃" % r.randint(-5, 33))))
    for lab in rsample(r, C.ch("buttons", pg.script), 3):
        bits.append(pg.link(lab))
    if r.random() < 0.6:
        bits.append(pg.link(r.choice(["English", "EN", "繁體", "简体", "App", "RSS"])))
    bits.append(pg.inj("topbar", "inline"))
    return st.t("div", st.j(bits, 2), [("class", st.cls("header") + "-bar")])


def header(pg):
    """Logo (sometimes text-indent hidden), search form, hot-search row, QR box."""
    r, st = pg.r, pg.st
    logo_style = r.choice([None, "text-indent:-9999px;overflow:hidden", None])
    logo = st.t("h1" if r.random() < 0.5 else "div", st.a(esc(pg.site), "/", [("style", logo_style)] if logo_style else []), [("class", "logo")])
    search = st.t("form", '<input type="text" name="q" placeholder="%s"><input type="hidden" name="_t" value="%s"><button type="submit">%s%s</button>' % (
        attr_esc(pg.w("请输入关键词", "請輸入關鍵字")), rand_word(r, 8, 16, ALNUM), st.icon() if r.random() < 0.5 else "", esc(pg.w("搜索", "搜尋"))), [("action", "/search"), ("method", "get")])
    if r.random() < 0.5:
        search += st.t("button", st.icon() + st.t("span", esc(pg.w("菜单", "選單")), [("class", st.hide_class())]), [("class", "menu-toggle"), ("aria-label", "menu")])
    parts = [logo, search]
    if r.random() < 0.7:
        parts.append(hot_row(pg))
    if r.random() < 0.5:
        parts.append(qr_box(pg))
    return st.t("header" if r.random() < 0.5 else "div", st.j(parts, 2), [("class", st.cls("header"))])


def qr_box(pg):
    """App-download / follow-us QR prompt."""
    r, st = pg.r, pg.st
    b = C.ch("buttons", pg.script)
    inner = (st.icon() if r.random() < 0.4 else "") + st.t("img", attrs=[("src", "https://static.%s/qr/%s.png" % (pg.dom, rand_word(r, 6, 10, ALNUM))), ("alt", "")], void=True)
    inner += st.t("p", esc(r.choice(b)))
    if r.random() < 0.5:
        inner += st.t("a", esc(r.choice(["App Store", "Android", "iOS", "APP"])), [("href", "https://" + pg.dom + "/app/")])
    return st.t("div", inner, [("class", st.cls("qr"))])


def ticker(pg):
    """LIVE / market / score ticker."""
    r, st = pg.r, pg.st
    lab = r.choice(["LIVE", "Live", "快讯", "滚动", "即時", "HOT", "最新"] if not pg.trad else ["LIVE", "即時", "快訊", "最新", "BREAKING"])
    items = []
    if r.random() < 0.5:
        for nm in rsample(r, C.ch("tickers", pg.script), min(6, len(C.ch("tickers", pg.script)))):
            v = r.uniform(10, 30000)
            items.append(st.t("span", esc("%s %.2f %s%.2f%%" % (nm, v, r.choice("+-"), r.uniform(0, 4)))))
    else:
        for _ in range(r.randint(3, 6)):
            sport = r.choice(sorted(C.teams)) if C.teams else None
            names = [x.split("|")[-1 if pg.trad else 0] for x in C.teams.get(sport, ["A|A", "B|B"])]
            a, b = rsample(r, names, 2)
            hi = {"basketball": (75, 135), "baseball": (0, 12), "football": (0, 5)}.get(sport, (0, 9))
            items.append(st.t("span", esc("%s %d:%d %s" % (a, r.randint(*hi), r.randint(*hi), b))))
        for _ in range(r.randint(1, 3)):
            items.append(pg.link(headline(r, pg.script)))
    tag = "marquee" if r.random() < 0.15 else "div"
    sep = r.choice([" ", "　", " | ", st.nl or " ", "&nbsp;&nbsp;"])
    return st.t("div", st.t("b", esc(lab)) + st.t(tag, sep.join(items), [("class", st.cls("ticker") + "-in")]), [("class", st.cls("ticker"))])


def news_list(pg, n, title=None, with_time=None):
    """Headline list module with optional title and times."""
    r, st = pg.r, pg.st
    wt = r.random() < 0.5 if with_time is None else with_time
    lis = []
    for _ in range(n):
        h = pg.link(headline(r, pg.script))
        if wt:
            h += st.gap() + st.t("span", esc(rdate(r, r.choice([1, 4]))), [("class", "time")])
        lis.append(st.t("li", h))
    body = st.t("ul", st.j(lis, 3), [("class", st.cls("list"))])
    if title:
        body = st.t(r.choice(["h2", "h3", "div"]), esc(title) + (pg.link(pg.w("更多", "更多") + r.choice(["", ">>", " >", "+"])) if r.random() < 0.5 else ""), [("class", st.cls("title"))]) + body
    return st.t(r.choice(["div", "section"]), body, [("class", st.cls("box"))])


def ad_slot(pg):
    """Ad slot: iframe, adsbygoogle, image, empty div or a legit promo line, with an ad label."""
    r, st = pg.r, pg.st
    lab = r.choice(C.ch("adlabels"))
    k = r.randrange(4)
    if k == 0:
        inner = st.t("iframe", "", [("src", "https://ad.%s/s?slot=%d" % (domain(r, pg.script), r.randint(1000, 99999))), ("width", r.choice(["300", "728", "970"])), ("height", r.choice(["90", "250", "600"])), ("frameborder", "0"), ("scrolling", "no")])
    elif k == 1:
        inner = st.t("ins", "", [("class", "adsbygoogle"), ("style", "display:block"), ("data-ad-client", "ca-pub-%d" % r.randint(10**15, 10**16)), ("data-ad-slot", str(r.randint(10**9, 10**10)))])
        inner += st.t("script", "(adsbygoogle=window.adsbygoogle||[]).push({});")
    elif k == 2:
        inner = st.a(st.t("img", attrs=[("src", "https://img.%s/ad/%s.jpg" % (pg.dom, rand_word(r, 8, 12, ALNUM))), ("alt", lab)], void=True), "https://" + pg.dom + "/ad/" + str(r.randint(1, 999)))
    elif r.random() < 0.5:
        inner = st.t("div", "", [("id", "ad_%d" % r.randint(100, 9999)), ("data-slot", rand_word(r, 6, 10, ALNUM))])
    else:
        inner = st.a(esc(r.choice(C.ch("promo", pg.script))), "https://" + pg.dom + "/act/" + rand_word(r, 4, 8, ALNUM))
    return st.t("div", st.t("span", esc(lab), [("class", "label")]) + inner, [("class", st.cls("ad")), ("data-ad", str(r.randint(1, 50)))])


def seo_keywords(pg):
    """Clean SEO keyword rows of company/shop sites, sometimes hidden (legit sites do this too)."""
    r, st = pg.r, pg.st
    pr = C.products[pg.script]
    words = []
    for _ in range(r.randint(5, 20)):
        words.append(r.choice(CITIES_T if pg.trad else CITIES_S) * (r.random() < 0.3) + r.choice(pr.get("item", ["产品"])) + r.choice(["", pg.w("厂家", "廠商"), pg.w("批发", "批發"), pg.w("价格", "價格"), pg.w("定制", "訂製"), pg.w("哪家好", "推薦")]))
    row = esc(pg.w("热门关键词：", "熱門關鍵字：")) + r.choice([" ", "，", " | ", "、"]).join(pg.link(w) if r.random() < 0.5 else esc(w) for w in words)
    if r.random() < 0.35:
        html_, _ = hidden_wrapper(pg, row, "div")
        return html_
    return st.t("div", row, [("class", st.cls("box") + " keywords")])


def crumb(pg):
    """Breadcrumb."""
    r, st = pg.r, pg.st
    sep = r.choice([" &gt; ", " / ", " » ", "&gt;", " > ", " - "])
    bits = [pg.link(pg.w("首页", "首頁")), pg.link(r.choice(C.ch("sections", pg.script))), pg.link(r.choice(C.ch("subnav", pg.script)))]
    if r.random() < 0.5:
        bits.append(esc(pg.w("正文", "內文")))
    return st.t("div", esc(pg.w("当前位置：", "目前位置：")) * (r.random() < 0.5) + sep.join(bits), [("class", st.cls("crumb"))])


def footer(pg):
    """Footer: link columns, footer links, friend links, ICP/copyright lines (spam slots `friend_links`, `footer`)."""
    r, st = pg.r, pg.st
    fl = C.ch("footer_links", pg.script)
    parts = []
    cols = [r.randint(0, 2), r.randint(2, 5), r.randint(4, 9)][pg.big]
    for _ in range(cols):
        hd = r.choice(C.ch("sections", pg.script))
        lis = [st.t("li", pg.link(r.choice(C.ch("subnav", pg.script)))) for _ in range(r.randint(4, 14))]
        parts.append(st.t("div", st.t("h4", esc(hd)) + st.t("ul", "".join(lis)), [("class", st.cls("footer") + "-col")]))
    sep = r.choice([" | ", "|", " ", "　", " · "])
    parts.append(st.t("p", sep.join(pg.link(x) for x in rsample(r, fl, min(len(fl), r.randint(5, 14))))))
    extra = pg.inj("friend_links", "inline")
    if r.random() < 0.55 or extra:
        partners = C.sh("partners", pg.script)
        lk = []
        for p in rsample(r, partners, min(len(partners), r.randint(4, 12 + 10 * pg.big))):
            nm, _, dm = p.partition("|")
            lk.append(st.a(esc(nm), "http://" + (dm or domain(r, pg.script)) + "/"))
        if extra:
            lk.insert(r.randint(0, len(lk)), extra)
        parts.append(st.t("div", esc(pg.w("友情链接：", "友站連結：")) + r.choice([" ", " ", "", " | ", st.nl or " "]).join(lk), [("class", st.cls("links"))]))
    for ln in rsample(r, C.sh("footer", pg.script), min(len(C.sh("footer", pg.script)), r.randint(2, 5))):
        parts.append(st.t("p", esc(fill_common(r, ln, pg.site, pg.dom, pg.script))))
    longs = C.chrome_long.get(pg.script)
    if longs:
        for ln in rsample(r, longs, min(len(longs), r.randint(0, 3))):
            parts.append(st.t("p", esc(ln)))
    if pg.register in ("gov", "company") and r.random() < 0.6 or r.random() < 0.1:
        parts.insert(r.randint(0, len(parts)), select_nav(pg))
    parts.append(pg.inj("footer"))
    return st.t("footer" if r.random() < 0.5 else "div", st.j(parts, 2), [("class", st.cls("footer"))])


def select_nav(pg):
    """Old-style <select> of related sites (government site navigation), clean."""
    r, st = pg.r, pg.st
    opts = [st.t("option", esc(r.choice([pg.w("政府网站导航", "相關網站"), pg.w("友情链接", "友站連結"), pg.w("市级部门网站", "政府機關網站"), "-- Links --"])), [("value", "")])]
    partners = C.sh("partners", pg.script)
    for p in rsample(r, partners, r.randint(4, 15)):
        nm, _, dm = p.partition("|")
        opts.append(st.t("option", esc(nm), [("value", "http://" + (dm or domain(r, pg.script)))]))
    for _ in range(r.randint(0, 8)):
        opts.append(st.t("option", esc(r.choice(CITIES_T if pg.trad else CITIES_S) + r.choice(pg.w("人民政府|教育局|公安局|税务局|卫健委", "市政府|教育局|警察局|衛生局").split("|"))), [("value", "http://" + domain(r, pg.script))]))
    return st.t("select", st.j(opts, 3), [("onchange", "if(this.value)window.open(this.value)"), ("class", st.cls("links") + "-sel")])


def back_to_top(pg):
    """Back-to-top link (`Top`, `↑`, `返回顶部`), often hidden until scrolling."""
    r, st = pg.r, pg.st
    lab = r.choice(["Top", "TOP", "↑", "返回顶部", "回到顶部", "▲ Top", "^"] if not pg.trad else ["Top", "TOP", "回到頂端", "↑", "返回頂部"])
    k = r.randrange(3)
    if k == 0:
        return st.t("a", esc(lab), [("href", "#top"), ("class", "totop " + st.hide_class())])
    if k == 1:
        return st.t("div", st.t("a", esc(lab), [("href", "javascript:void(0)")]), [("class", "totop"), ("style", "display:none;position:fixed;right:20px;bottom:40px")])
    return st.t("a", esc(lab), [("href", "#"), ("class", "totop"), ("aria-hidden", "true")])


def modals(pg):
    """Hidden login modal, cookie banner, noscript pixel, hidden iframe."""
    r, st = pg.r, pg.st
    out = []
    if r.random() < 0.5:
        out.append(st.t("div", st.t("h3", esc(pg.w("账号登录", "會員登入"))) + '<input type="text" name="u"><input type="password" name="p">' + st.t("button", esc(pg.w("登录", "登入"))),
                        [("class", st.cls("modal") + " " + st.hide_class()), ("id", "login")]))
    if r.random() < 0.4:
        out.append(st.t("div", st.t("p", esc(pg.w("本网站使用Cookie以提升浏览体验，继续浏览即表示同意。", "本網站使用 Cookie 以提供更好的瀏覽體驗，繼續瀏覽即表示您同意。"))) + st.t("button", "OK"),
                        [("class", "cookie " + st.hide_class())]))
    if r.random() < 0.4:
        out.append(st.t("noscript", st.t("img", attrs=[("src", "https://sb.%s/c.gif?id=%d" % (pg.dom, r.randint(1, 10**6))), ("alt", "")], void=True)
                        + (esc(pg.w("请启用JavaScript以获得最佳浏览效果", "請開啟 JavaScript 以獲得最佳瀏覽效果")) if r.random() < 0.5 else "")))
    if r.random() < 0.3:
        out.append(st.t("iframe", "", [("src", "https://%s/sync.html" % domain(r, pg.script)), ("style", "display:none"), ("width", "0"), ("height", "0")]))
    return st.j(out)


def sidebar(pg):
    """Sidebar: ranking lists, ads, QR boxes, promo lines (spam slot `sidebar`)."""
    r, st = pg.r, pg.st
    mods = []
    n = [r.randint(0, 2), r.randint(2, 4), r.randint(3, 7)][pg.big]
    for _ in range(n):
        k = r.random()
        if k < 0.5:
            mods.append(news_list(pg, r.randint(5, 12), r.choice([pg.w("热门排行", "熱門排行"), pg.w("24小时热点", "24小時熱門"), pg.w("推荐阅读", "推薦閱讀"), "HOT", pg.w("编辑推荐", "編輯精選"), "Top 10"])))
        elif k < 0.7:
            mods.append(ad_slot(pg))
        elif k < 0.85:
            mods.append(qr_box(pg))
        else:
            promos = C.ch("promo", pg.script)
            mods.append(st.t("div", "".join(st.t("p", esc(x)) for x in rsample(r, promos, min(len(promos), r.randint(1, 3)))), [("class", st.cls("box") + " promo")]))
    mods.append(pg.inj("sidebar"))
    return st.t("aside" if r.random() < 0.5 else "div", st.j(mods, 2), [("class", st.cls("side"))])


def cross_script_box(pg):
    """A clean module in the other script (mainland story on a Taiwan page and vice versa)."""
    r, st = pg.r, pg.st
    other = "simp" if pg.trad else "trad"
    if r.random() < 0.5:
        lis = [st.t("li", pg.link(headline(r, other))) for _ in range(r.randint(3, 8))]
        return st.t("div", st.t("ul", st.j(lis, 3)), [("class", st.cls("box"))])
    pool = C.clean_pool(other, ["news", "finance", "life", "travel", "tech"])
    return st.t("div", "".join(st.t("p", esc(r.choice(pool))) for _ in range(r.randint(1, 3))), [("class", st.cls("box"))])


def tab_panels(pg):
    """Several headline lists where all but one are hidden (legit hidden content)."""
    r, st = pg.r, pg.st
    labs = rsample(r, C.ch("sections", pg.script), min(5, len(C.ch("sections", pg.script))))[: r.randint(2, 5)]
    heads = "".join(st.t("li", esc(x), [("class", "on")] if i == 0 else []) for i, x in enumerate(labs))
    panes = []
    for i in range(len(labs)):
        lst = "".join(st.t("li", pg.link(headline(r, pg.script))) for _ in range(r.randint(4, 10)))
        attrs = [("class", st.cls("tab"))] if i == 0 else [("class", st.cls("tab") + " " + st.hide_class())] if r.random() < 0.6 else [("class", st.cls("tab")), ("style", "display:none")]
        panes.append(st.t("ul", lst, attrs))
    return st.t("div", st.t("ul", heads, [("class", st.cls("tab") + "-hd")]) + st.j(panes, 2), [("class", st.cls("box"))])


# =========================================================================== comments

def comment_texts(pg, n, mode):
    """Clean comment texts: reviews, forum lines, short replies; offensive / hard-negative mixes."""
    r = pg.r
    out = []
    if mode == "offensive" and n > 0:  # an offensive thread has at least one offensive reply
        out.append(r.choice(C.offensive[pg.script] or C.offensive["simp"] or ["……"]))
        n -= 1
    for _ in range(n):
        x = r.random()
        if mode == "offensive" and x < 0.4:
            out.append(r.choice(C.offensive[pg.script] or C.offensive["simp"] or ["……"]))
        elif mode == "hard" and x < 0.35:
            out.append(r.choice(C.hard_pool(pg.script, ["sexed", "crackdown", "antifraud", "lottery", "harmless", "macau", "hardneg", "platform", "vice"])))
        elif x < 0.3:
            out.append(r.choice(C.replies[pg.script] or ["顶"]))
        elif x < 0.6 and not pg.trad and C.reviews:
            out.append(r.choice(C.reviews))
        else:
            out.append(r.choice(C.clean_pool(pg.script, ["forum", "chatter", "life", "ptt", "daily", "reviews", "games"])))
    return out


def comment_section(pg, n, mode="clean", forum=False):
    """Comment section or forum floors; places the page's planned spam comments and signatures."""
    r, st = pg.r, pg.st
    texts = [(t, None, None) for t in comment_texts(pg, n, mode)]
    sigs = {}
    for kind, h, uname in pg.spam_comments:
        if kind == "sig" and forum and texts and len(sigs) < len(texts):
            i = r.randrange(len(texts))
            while i in sigs:
                i = (i + 1) % len(texts)
            sigs[i] = h
        else:
            if r.random() < 0.2:
                h = esc(pg.w("回复 @%s：", "回覆 @%s：") % username(r, pg.script)) + h
            texts.insert(r.randint(0, len(texts)), ("", h, uname))
    pg.spam_comments = []
    items = []
    style = r.randrange(3)
    for i, (t, spam_html, uname) in enumerate(texts, 1):
        user = uname or esc(username(r, pg.script))
        when = esc(rdate(r))
        body = spam_html if spam_html is not None else esc(t)
        if forum and spam_html is None and i > 2 and r.random() < 0.2:
            quoted = r.choice(texts[: i - 1])[0] or r.choice(C.replies[pg.script] or ["+1"])
            body = st.t("blockquote", esc(pg.w("引用 %d 楼 %s 的回复：", "引用 %d 樓 %s 的回覆：") % (r.randint(1, i - 1), username(r, pg.script)))
                        + st.t("br", void=True) + esc(quoted[:60])) + body
        if forum:
            g = st.gap() or " "
            head_ = st.t("div", st.t("a", user, [("href", "/space/uid-%d" % r.randint(1, 10**6))]) + g + st.t("em", esc(pg.w("发表于 ", "發表於 ")) + when)
                         + g + st.t("span", esc("%d%s" % (i + 1, pg.w("楼", "樓")) if i > 1 or r.random() < 0.5 else pg.w("沙发", "沙發"))), [("class", "authi")])
            sig = ""
            if i - 1 in sigs:
                sig = st.t("div", sigs.pop(i - 1), [("class", "sign")])
            elif spam_html is None and r.random() < 0.15:
                sig = st.t("div", esc(r.choice(C.clean_pool(pg.script, ["daily", "chatter", "life"]))[:30]), [("class", "sign")])
            items.append(st.t("div", head_ + st.t("div", body, [("class", "t_f"), ("id", "postmessage_%d" % r.randint(10**6, 10**8))]) + sig, [("class", st.cls("comment")), ("id", "pid%d" % r.randint(10**6, 10**8))]))
        elif style == 0:
            sep = r.choice([" ", st.nl or " ", "  "])
            items.append(st.t("li", st.t("span", user, [("class", "name")]) + "：" + st.t("span", body) + sep + st.t("i", when) + sep + st.t("a", esc(pg.w("回复", "回覆")), [("href", "javascript:;")]), [("class", st.cls("comment"))]))
        elif style == 1:
            meta = st.t("div", st.t("b", user) + " " + st.t("span", when) + " " + st.t("span", esc("%s %d" % (pg.w("赞", "讚"), r.randint(0, 999)))))
            items.append(st.t("div", meta + st.t("p", body), [("class", st.cls("comment"))]))
        else:
            items.append(st.t("dl", st.t("dt", user + " " + st.t("small", when)) + st.t("dd", body)))
        if spam_html is None and r.random() < 0.15 and not forum:
            q = esc(r.choice(C.replies[pg.script] or ["+1"]))
            items[-1] += st.t("div", st.t("span", esc(username(r, pg.script))) + " " + q, [("class", st.cls("comment") + "-sub"), ("style", "margin-left:2em")])
    title = pg.w("网友评论", "網友留言") if not forum else ""
    hdr = st.t("h3", esc(title) + st.t("span", "(%d)" % len(texts))) if title else ""
    wrap = "ul" if style == 0 and not forum else "div"
    form = ""
    if r.random() < 0.6:
        form = st.t("form", '<textarea name="content"></textarea>' + st.t("button", esc(pg.w("发表评论", "送出留言"))), [("class", "post-form"), ("method", "post")])
    return st.t("div", hdr + st.t(wrap, st.j(items, 2)) + form, [("class", st.cls("comment") + "-wrap"), ("id", "comments")])


# =========================================================================== register bodies

def paras_for(pg, prefs, n, hard=None):
    """n paragraphs for a register: People's Daily runs, clean corpus, or hard-negative mixes."""
    r = pg.r
    if hard:
        pool = C.hard_pool(pg.script, hard)
        base = C.clean_pool(pg.script, prefs)
        out = [r.choice(pool) if r.random() < 0.7 else r.choice(base) for _ in range(n)]
        if out:
            out[r.randrange(len(out))] = r.choice(pool)  # at least one hard-negative paragraph
        return out
    if not pg.trad and C.pd_para_idx and ("news" in prefs[0] or r.random() < 0.15) and r.random() < 0.7:
        i = r.choice(C.pd_para_idx)
        out = [ln for ln in C.pd[i:i + n * 2] if len(ln) >= 20][:n]
        if out:
            return out
    pool = C.clean_pool(pg.script, prefs)
    return [r.choice(pool) for _ in range(n)]


def article(pg, prefs, hard=None, title=None):
    """Article block: h1, meta line, paragraphs (spam slots `article_mid`, `article_end`, `tags`)."""
    r, st = pg.r, pg.st
    n = [r.randint(2, 6), r.randint(4, 12), r.randint(6, 20)][pg.big]
    ps = paras_for(pg, prefs, n, hard)
    title = title or (cut_title(r, ps[0]) if r.random() < 0.3 else headline(r, pg.script))
    pg.title = title + r.choice(["_", " - ", "|", " | ", "－"]) + pg.site
    pg.desc = ps[0][:80]
    pg.keywords = ",".join(rsample(r, C.sh("tags", pg.script), min(5, len(C.sh("tags", pg.script)))))
    blocks = []
    mid = r.randint(1, max(1, len(ps) - 1))
    for i, p in enumerate(ps):
        if i == mid:
            blocks.append(pg.inj("article_mid"))
            if r.random() < 0.3:
                blocks.append(ad_slot(pg))
        if r.random() < 0.08:
            blocks.append(st.t("p", st.t("img", attrs=[("src", "https://img.%s%s.jpg" % (pg.dom, path_url(r))), ("alt", ""), ("loading", "lazy")], void=True), [("style", "text-align:center")]))
        blocks.append(st.t("p", esc(p if r.random() < 0.9 else "　　" + p)))
    meta = st.t("div", st.t("span", esc(rdate(r))) + " " + st.t("span", esc(pg.w("来源：", "來源：") + r.choice([pg.site, pg.w("人民日报", "中央社"), pg.w("新华社", "本報訊")]))) + " " + st.t("span", esc(pg.w("作者：", "記者") + username(r, pg.script)[:4])), [("class", "info")])
    tail = ""
    if r.random() < 0.5:
        tags = rsample(r, C.sh("tags", pg.script), min(4, len(C.sh("tags", pg.script))))
        links = [pg.link(t) for t in tags]
        extra = pg.inj("tags", "inline")
        if extra:
            links.insert(r.randint(0, len(links)), extra)
        tail = st.t("div", esc(pg.w("标签：", "標籤：")) + " ".join(links), [("class", "tags")])
    tail += st.t("div", esc(pg.w("责任编辑：", "責任編輯：") + username(r, pg.script)[:3]), [("class", "editor")]) if r.random() < 0.5 else ""
    return st.t("article" if r.random() < 0.5 else "div", st.t("h1", esc(title)) + meta + st.j(blocks, 2) + tail + pg.inj("article_end"), [("class", st.cls("article"))])


def body_news(pg, hard):
    """News article page body."""
    r = pg.r
    prefs = ["news", "misc_news", "finance", "sports", "tech", "health"] if not pg.trad else (["news_hk", "news", "chatter_hk"] if pg.register == "news_hk" else ["news", "news_more", "sports", "tech", "gov_tw"])
    main = [crumb(pg), article(pg, prefs, hard)]
    if r.random() < 0.5 or pg.big:
        main.append(news_list(pg, r.randint(5, 15), pg.w("相关新闻", "相關新聞")))
    return main


def body_appstore(pg, hard):
    """App download page body."""
    r, st = pg.r, pg.st
    app = r.choice(C.ch("apps", pg.script))
    pg.title = pg.w("%s下载_%s官方版%s免费下载_%s", "%s下載_%s官方版%s免費下載_%s") % (app, app, r.choice(["", "安卓", "最新版"]), pg.site)
    pg.keywords = "%s,%s%s" % (app, app, pg.w("下载", "下載"))
    desc = paras_for(pg, ["appstore", "techblog", "tech"], r.randint(2, 5), hard=(["finance_scam", "antifraud", "harmless", "platform"] if hard else None))
    pg.desc = desc[0][:80]
    info = [pg.w("版本：", "版本：") + "%d.%d.%d" % (r.randint(1, 12), r.randint(0, 9), r.randint(0, 30)), pg.w("大小：", "大小：") + "%.1fMB" % r.uniform(3, 400),
            pg.w("更新：", "更新：") + rdate(r, 1), pg.w("语言：中文", "語言：中文"), pg.w("评分：", "評分：") + "%.1f" % r.uniform(3, 5), pg.w("下载次数：", "下載次數：") + "%d" % r.randint(100, 10**7)]
    parts = [crumb(pg), st.t("div", st.t("h1", esc(app)) + st.t("ul", "".join(st.t("li", esc(x)) for x in info)) +
                             st.t("a", esc(r.choice(C.ch("buttons", pg.script))), [("class", st.cls("btn") + " dl"), ("href", "https://dl.%s/%s.apk" % (pg.dom, rand_word(r, 5, 9)))]), [("class", st.cls("box") + " app-info")])]
    parts.append(st.t("div", st.t("h2", esc(pg.w("应用介绍", "應用介紹"))) + "".join(st.t("p", esc(p)) for p in desc) + pg.inj("article_end"), [("class", st.cls("article"))]))
    lis = [st.t("li", pg.link(r.choice(C.ch("apps", pg.script))) + st.gap() + st.t("span", "%.1fMB" % r.uniform(3, 300))) for _ in range(r.randint(6, 20 + 20 * pg.big))]
    parts.append(st.t("div", st.t("h3", esc(pg.w("相关软件", "相關軟體"))) + st.t("ul", st.j(lis, 2)), [("class", st.cls("box"))]))
    return parts


def body_list(pg, hard, prefs, heading, topic=None):
    """Headline list pages (entertainment, game news, gov notices, school)."""
    r, st = pg.r, pg.st
    n = [r.randint(10, 25), r.randint(25, 60), r.randint(50, 120)][pg.big]
    lead = paras_for(pg, prefs, r.randint(1, 3), hard)
    pg.title = heading + r.choice(["_", " - ", "｜"]) + pg.site
    pg.desc = lead[0][:70]
    lis = []
    for i in range(n):
        t = headline(r, pg.script, topic) if r.random() < 0.6 else cut_title(r, r.choice(C.clean_pool(pg.script, prefs)))
        item = pg.link(t) + st.gap() + st.t("span", esc(rdate(r, 1)))
        if r.random() < 0.2:
            item = st.t("img", attrs=[("src", "https://img.%s%s.jpg" % (pg.dom, path_url(r))), ("alt", "")], void=True) + item
        lis.append(st.t("li", item))
        if i == n // 2:
            lis.append(pg.inj("article_mid", "li") if "article_mid" in pg.plan and r.random() < 0.5 else "")
    pager = st.t("div", " ".join(pg.link(x) for x in [pg.w("首页", "首頁"), pg.w("上一页", "上一頁")] + [str(i) for i in range(1, r.randint(4, 10))] + [pg.w("下一页", "下一頁"), pg.w("尾页", "末頁")]), [("class", "pages")])
    summary = st.t("div", "".join(st.t("p", esc(p)) for p in lead) + pg.inj("article_mid"), [("class", st.cls("article"))])
    return [crumb(pg), st.t("h1", esc(heading)), summary, st.t("ul", st.j(lis, 2), [("class", st.cls("list"))]), pager, pg.inj("article_end")]


LOTTERY_GAMES = {  # name -> (main count, main max, extra count, extra max, digits game)
    "双色球": (6, 33, 1, 16, False), "大乐透": (5, 35, 2, 12, False), "福彩3D": (3, 9, 0, 0, True), "排列三": (3, 9, 0, 0, True),
    "七乐彩": (7, 30, 1, 30, False), "快乐8": (20, 80, 0, 0, False), "威力彩": (6, 38, 1, 8, False), "大樂透": (6, 49, 1, 49, False),
    "今彩539": (5, 39, 0, 0, False), "六合彩": (6, 49, 1, 49, False), "3星彩": (3, 9, 0, 0, True),
}


def lottery_numbers(r, game):
    """Draw numbers in the game's real format."""
    n, hi, en, ehi, digits = LOTTERY_GAMES[game]
    if digits:
        return ["%d" % r.randint(0, 9) for _ in range(n)], []
    main = rsample(r, range(1, hi + 1), n)
    rest = [x for x in range(1, ehi + 1) if x not in main] if ehi == hi else list(range(1, ehi + 1))
    return ["%02d" % x for x in sorted(main)], ["%02d" % x for x in rsample(r, rest, en)]


def body_lottery(pg, hard):
    """Lottery draw-result page body (always a hard negative)."""
    r, st = pg.r, pg.st
    game = r.choice(["双色球", "大乐透", "福彩3D", "排列三", "七乐彩", "快乐8"] if not pg.trad else ["威力彩", "大樂透", "今彩539", "六合彩", "3星彩"])
    pg.title = pg.w("%s开奖结果_%s第%d期开奖公告_%s", "%s開獎結果_%s第%d期_%s") % (game, game, r.randint(2025001, 2026150), pg.site)
    rows = []
    for _ in range([r.randint(5, 12), r.randint(15, 40), r.randint(40, 100)][pg.big]):
        main, extra = lottery_numbers(r, game)
        balls = " ".join(st.t("span", x, [("class", "red")]) for x in main)
        if extra:
            balls += " " + " ".join(st.t("span", x, [("class", "blue")]) for x in extra)
        cells = [st.t("td", "%d%03d" % (r.choice([2025, 2026]), r.randint(1, 150))), st.t("td", rdate(r, 1)),
                 st.t("td", balls),
                 st.t("td", esc("%s%d%s" % (pg.w("一等奖", "頭獎"), r.randint(0, 12), pg.w("注", "注")))), st.t("td", "%d" % r.randint(10**8, 5 * 10**8))]
        rows.append(st.t("tr", "".join(cells)))
    hd = st.t("tr", "".join(st.t("th", esc(x)) for x in [pg.w("期号", "期別"), pg.w("开奖日期", "開獎日期"), pg.w("开奖号码", "開獎號碼"), pg.w("中奖情况", "中獎情形"), pg.w("销售额(元)", "銷售額")]))
    table = st.t("table", hd + st.j(rows, 2), [("class", st.cls("list") + "-table"), ("border", "0")] if r.random() < 0.5 else [("class", "kj")])
    news = paras_for(pg, ["lottery_health", "news", "finance"], r.randint(2, 5), hard=["lottery", "sportslottery"])
    pg.desc = news[0][:70]
    pg.keywords = "%s,%s%s" % (game, game, pg.w("开奖", "開獎"))
    notice = st.t("p", esc(pg.w("理性购彩，量力而行。未满18周岁不得购买彩票。", "理性投注，量力而為。未滿十八歲不得購買彩券。")), [("class", "tip")])
    return [crumb(pg), st.t("h1", esc(game + pg.w("开奖结果", "開獎結果"))), table, st.t("div", "".join(st.t("p", esc(p)) for p in news) + pg.inj("article_end"), [("class", st.cls("article"))]), notice]


def body_macau(pg, hard):
    """Macau travel/business article body."""
    prefs = ["travel", "food_travel", "finance", "news"]
    return [crumb(pg), article(pg, prefs, hard=["macau", "machines", "crackdown", "hardneg"] if hard else None)]


def body_forum(pg, hard, offensive):
    """Forum thread: first post and floors (the first post is the ad on spam threads)."""
    r, st = pg.r, pg.st
    sec = r.choice(C.forum_sections[pg.script] or ["综合讨论"])
    first = paras_for(pg, ["forum", "chatter", "life", "ptt", "forum_more", "parenting", "pets"], r.randint(1, 4),
                      hard=["sexed", "crackdown", "harmless", "antifraud", "lottery", "hardneg", "macau", "vice"] if hard else None)
    t = cut_title(r, first[0])
    pg.title = "%s - %s - %s" % (t, sec, pg.site + pg.w("论坛", "論壇"))
    pg.desc = first[0][:60]
    t_html = esc(t)
    paras_html = [st.t("p", esc(p)) for p in first]
    if pg.spam is not None and pg.spam_thread:
        sp = pg.spam
        raw, cat = sp.raw("titles" if r.random() < 0.5 else "sentences")
        text, t_html = sp.obfuscate(raw[:40])
        sp.record(text, cat)
        pg.title_html = t_html + esc(" - %s - %s" % (sec, pg.site + pg.w("论坛", "論壇")))
        pg.desc = ""
        paras_html = [st.t("p", sp.item("sentences")) for _ in range(r.randint(1, 4))]
    post = st.t("div", st.t("h1", t_html) + st.t("div", st.t("a", esc(username(r, pg.script))) + st.gap() + st.t("em", esc(rdate(r)))) + "".join(paras_html) + pg.inj("article_end"), [("class", st.cls("article") + " first")])
    n = [r.randint(3, 10), r.randint(8, 25), r.randint(20, 60)][pg.big]
    mode = "offensive" if offensive else ("hard" if hard else "clean")
    return [crumb(pg), st.t("div", esc(pg.w("版块：", "看板：")) + pg.link(sec), [("class", "forum-sec")]), post, comment_section(pg, n, mode, forum=True)]


def body_video(pg, hard):
    """Video/TV listing page body."""
    r, st = pg.r, pg.st
    show = r.choice(C.ch("shows", pg.script))
    pg.title = pg.w("%s全集在线观看_%s高清_%s", "%s線上看_%s全集_%s") % (show, show, pg.site)
    desc = paras_for(pg, ["video_site", "media", "entertainment", "news_ent"], r.randint(1, 3))
    pg.desc = desc[0][:70]
    eps = "".join(st.t("li", pg.link(pg.w("第%d集", "第%d集") % i)) for i in range(1, r.randint(12, 60)))
    cards = []
    for _ in range([r.randint(6, 12), r.randint(12, 30), r.randint(30, 80)][pg.big]):
        cards.append(st.t("li", st.t("img", attrs=[("src", "https://img.%s/v/%s.jpg" % (pg.dom, rand_word(r, 8, 12, ALNUM))), ("alt", "")], void=True) + pg.link(r.choice(C.ch("shows", pg.script)) + r.choice(["", " " + pg.w("第%d季", "第%d季") % r.randint(1, 5)])) + st.gap() + st.t("span", "%02d:%02d" % (r.randint(1, 59), r.randint(0, 59)), [("class", "dur")])))
    sched = "".join(st.t("tr", st.t("td", "%02d:%02d" % (r.randint(0, 23), r.choice([0, 15, 30, 45]))) + st.t("td", esc(r.choice(C.ch("shows", pg.script))))) for _ in range(r.randint(3, 12)))
    return [crumb(pg), st.t("h1", esc(show)), st.t("div", "".join(st.t("p", esc(p)) for p in desc) + pg.inj("article_end"), [("class", st.cls("article"))]),
            st.t("ul", eps, [("class", "episodes")]), st.t("table", sched, [("class", "epg")]), st.t("ul", st.j(cards, 2), [("class", st.cls("list"))])]


def body_novel(pg, hard):
    """Novel chapter page body."""
    r, st = pg.r, pg.st
    book = r.choice(C.ch("novels", pg.script))
    ch = r.randint(1, 900)
    pg.title = pg.w("%s 第%d章_%s免费阅读_%s", "%s 第%d章_%s_%s") % (book, ch, book, pg.site)
    text = paras_for(pg, ["novel", "novel_trad", "media"], [r.randint(4, 10), r.randint(10, 30), r.randint(25, 60)][pg.big])
    pg.desc = text[0][:60]
    nav = st.t("div", " ".join(pg.link(x) for x in [pg.w("上一章", "上一章"), pg.w("目录", "目錄"), pg.w("下一章", "下一章"), pg.w("加入书架", "加入書櫃")]), [("class", "page-nav")])
    chlist = "".join(st.t("li", pg.link(pg.w("第%d章 ", "第%d章 ") % i + cut_title(r, r.choice(text))[:8])) for i in range(max(1, ch - r.randint(5, 40)), ch + r.randint(3, 20)))
    return [crumb(pg), st.t("h1", esc(pg.w("第%d章", "第%d章") % ch)), nav,
            st.t("div", st.j([st.t("p", esc(p)) for p in text] + [pg.inj("article_mid")], 2), [("id", "content"), ("class", st.cls("article"))]), nav,
            st.t("ul", chlist, [("class", st.cls("list") + " chapters " + (st.hide_class() if r.random() < 0.4 else ""))])]


def body_shop(pg, hard):
    """E-commerce listing page body."""
    r, st = pg.r, pg.st
    pr = C.products[pg.script]
    def pname():
        return "%s %s %s" % (r.choice(pr.get("brand", ["青禾"])), r.choice(pr.get("item", ["保温杯"])), r.choice(pr.get("spec", ["正品"])))
    pg.title = pname() + r.choice(["-", "_", "【价格 图片 评价】"]) + pg.site
    cards = []
    for _ in range([r.randint(8, 16), r.randint(16, 40), r.randint(40, 100)][pg.big]):
        cards.append(st.t("li", st.t("img", attrs=[("src", "https://img.%s/p/%s.jpg" % (pg.dom, rand_word(r, 8, 12, ALNUM))), ("alt", "")], void=True)
                          + pg.link(pname()) + st.gap() + st.t("span", "¥%.2f" % r.uniform(5, 3000), [("class", "price")]) + st.gap() + st.t("em", esc(pg.w("已售", "已售") + "%d" % r.randint(0, 99999)))))
    desc = paras_for(pg, ["ecommerce", "commerce", "shop_tw", "reviews"], r.randint(1, 4))
    pg.desc = desc[0][:60]
    promos = C.ch("promo", pg.script)
    banner = st.t("div", esc(r.choice(promos)), [("class", st.cls("ad") + "-text")]) if r.random() < 0.6 else ""
    parts = [crumb(pg), banner, st.t("div", "".join(st.t("p", esc(p)) for p in desc) + pg.inj("article_end"), [("class", st.cls("article"))]), st.t("ul", st.j(cards, 2), [("class", st.cls("list") + " goods")]),
             seo_keywords(pg) if r.random() < 0.3 else ""]
    if r.random() < 0.7:
        parts.append(comment_section(pg, r.randint(3, 8 + 10 * pg.big), "clean"))
    return parts


def body_classifieds(pg, hard):
    """Classified-ads listing body."""
    r, st = pg.r, pg.st
    pg.title = pg.w("%s分类信息_免费发布信息_%s", "%s分類廣告_%s") % (r.choice(CITIES_T if pg.trad else CITIES_S), pg.site)
    rows = []
    items = C.ch("classifieds") + C.clean_pool(pg.script, ["classifieds", "jobs", "realestate"])
    for _ in range([r.randint(10, 20), r.randint(20, 50), r.randint(50, 120)][pg.big]):
        t = r.choice(items)
        g = st.gap()
        rows.append(st.t("li", pg.link(cut_title(r, t) if len(t) > 30 else t) + g + st.t("span", esc(r.choice(CITIES_T if pg.trad else CITIES_S))) + g + st.t("span", esc(rdate(r, 4)))
                         + (st.t("span", esc(pg.w("电话：", "電話：") + (("1%02d****%04d" % (r.randint(30, 99), r.randint(0, 9999))) if r.random() < 0.5 else ("1%d%08d" % (r.choice([3, 5, 8]) * 10 + r.randint(0, 9), r.randint(0, 99999999)))))) if r.random() < 0.5 else "")))
    desc = paras_for(pg, ["classifieds", "jobs", "realestate"], 1)
    pg.desc = desc[0][:60]
    return [crumb(pg), st.t("p", esc(desc[0])), st.t("ul", st.j(rows, 2), [("class", st.cls("list"))]), pg.inj("article_end")]


def body_company(pg, hard):
    """Company site page body."""
    r, st = pg.r, pg.st
    paras = paras_for(pg, ["company", "commerce", "official", "agriculture"], r.randint(3, 8))
    pg.title = pg.w("%s-官方网站", "%s-官方網站") % pg.site
    pg.desc = paras[0][:60]
    prods = "".join(st.t("li", pg.link(r.choice(C.products[pg.script].get("item", ["产品"])) + r.choice(["", "系列", pg.w("定制", "訂製")]))) for _ in range(r.randint(6, 20)))
    return [st.t("div", st.t("h2", esc(pg.w("关于我们", "關於我們"))) + "".join(st.t("p", esc(p)) for p in paras) + pg.inj("article_end"), [("class", st.cls("article"))]),
            st.t("ul", prods, [("class", st.cls("list") + " products")]), news_list(pg, r.randint(4, 10), pg.w("公司新闻", "公司新聞")),
            seo_keywords(pg) if r.random() < 0.5 else ""]


def body_gov(pg, hard):
    """Government/school notice page body."""
    r, st = pg.r, pg.st
    prefs = ["gov", "education", "campus", "law"] if not pg.trad else ["gov_tw", "official", "health_edu"]
    parts = [crumb(pg), article(pg, prefs, hard=["crackdown", "courts", "antifraud", "adultedu", "guides"] if hard else None)]
    if r.random() < 0.5:
        ann = C.sh("announce", pg.script)
        parts.insert(0, st.t("div", st.t("b", esc(pg.w("公告：", "公告："))) + st.t("marquee", esc(r.choice(ann)), [("scrollamount", str(r.randint(2, 6))), ("onmouseover", "this.stop()"), ("onmouseout", "this.start()")]), [("class", "notice")]))
    att = "".join(st.t("li", st.a(esc(pg.w("附件%d：", "附件%d：") % i + cut_title(r, r.choice(C.clean_pool(pg.script, prefs)))[:16] + r.choice([".doc", ".pdf", ".xlsx"])), "/uploads/%s.pdf" % rand_word(r, 8, 12, ALNUM))) for i in range(1, r.randint(2, 5)))
    parts.append(st.t("ul", att, [("class", "attach")]))
    parts.append(news_list(pg, r.randint(5, 15), pg.w("通知公告", "最新公告"), True))
    return parts


def body_blog(pg, hard):
    """WordPress-style blog post: post, tag cloud, archives, recent comments, blogroll, comment list."""
    r, st = pg.r, pg.st
    prefs = ["techblog", "travel", "recipes", "home_diy", "pets", "parenting", "life"] if not pg.trad else ["life", "food_travel", "tech", "chatter_tw"]
    parts = [article(pg, prefs, hard=["sexed", "harmless", "antifraud", "vice", "hardneg"] if hard else None)]
    widgets = []
    tags = C.sh("tags", pg.script)
    widgets.append(st.t("div", st.t("h3", esc(pg.w("标签云", "標籤雲"))) + " ".join(
        st.t("a", esc(t), [("href", "/tag/" + rand_word(r, 3, 8)), ("style", "font-size:%dpt" % r.randint(8, 22))]) for t in rsample(r, tags, r.randint(8, 25))), [("class", "widget tagcloud")]))
    months = ["%d年%d月" % (y, m) for y in (2026, 2025, 2024) for m in range(12, 0, -1)][: r.randint(6, 30)]
    widgets.append(st.t("div", st.t("h3", esc(pg.w("文章归档", "文章彙整"))) + st.t("ul", st.j([st.t("li", pg.link(m) + " (%d)" % r.randint(1, 30)) for m in months], 3)), [("class", "widget archive")]))
    rc = [st.t("li", esc(username(r, pg.script)) + esc(pg.w(" 发表在《", " 於《")) + pg.link(headline(r, pg.script)) + "》") for _ in range(r.randint(3, 8))]
    widgets.append(st.t("div", st.t("h3", esc(pg.w("近期评论", "近期留言"))) + st.t("ul", st.j(rc, 3)), [("class", "widget recent-comments")]))
    if r.random() < 0.6:
        partners = C.sh("partners", pg.script)
        roll = [st.t("li", st.a(esc(p.partition("|")[0]), "http://" + (p.partition("|")[2] or domain(r, pg.script)))) for p in rsample(r, partners, r.randint(3, 10))]
        widgets.append(st.t("div", st.t("h3", esc(pg.w("友情链接", "友站連結"))) + st.t("ul", st.j(roll, 3)), [("class", "widget blogroll")]))
    parts.append(st.t("aside", st.j(widgets, 2), [("class", "widget-area")]))
    return parts


def body_qa(pg, hard, offensive=False):
    """Q&A page: question, answers with votes, related questions."""
    r, st = pg.r, pg.st
    prefs = ["forum", "medical", "health", "law", "parenting", "education", "auto"] if not pg.trad else ["life", "health_edu", "chatter_tw", "ptt_more"]
    q = paras_for(pg, prefs, 1, hard=["sexed", "sexhealth", "antifraud", "guides"] if hard else None)[0]
    t = cut_title(r, q) + r.choice(["？", "?", pg.w("，怎么办？", "，怎麼辦？"), ""])
    pg.title = t + r.choice([" - ", "_"]) + pg.site
    pg.desc = q[:70]
    parts = [st.t("div", st.t("h1", esc(t)) + st.t("p", esc(q)) + st.t("span", esc(pg.w("%d 个回答 · %d 人关注", "%d 則回答 · %d 人追蹤") % (r.randint(1, 90), r.randint(3, 9999)))), [("class", "question")])]
    parts.append(comment_section(pg, [r.randint(2, 6), r.randint(5, 15), r.randint(10, 30)][pg.big], "offensive" if offensive else ("hard" if hard else "clean")))
    parts.append(news_list(pg, r.randint(4, 10), pg.w("相关问题", "相關問題")))
    return parts


def body_home(pg, hard):
    """Portal front page: focus carousel, many headline modules per section, no article."""
    r, st = pg.r, pg.st
    pg.title = pg.site + r.choice(["_", " - ", "｜", "——"]) + r.choice([pg.w("权威新闻门户", "即時新聞入口"), pg.w("首页", "首頁"), pg.w("新闻资讯", "新聞資訊"), "Home"])
    pg.desc = pg.site + pg.w("提供国内外新闻、财经、体育、娱乐、科技等资讯。", "提供即時新聞、財經、體育、娛樂、科技等資訊。")
    pg.keywords = ",".join(rsample(r, C.ch("sections", pg.script), 8))
    slides = []
    for i in range(r.randint(3, 8)):
        slides.append(st.t("li", st.t("img", attrs=[("src", "https://img.%s%s.jpg" % (pg.dom, path_url(r))), ("alt", "")], void=True) + pg.link(headline(r, pg.script)),
                           [("class", "slide" + (" active" if i == 0 else ""))] + ([("style", "display:none")] if i and r.random() < 0.5 else [])))
    parts = [st.t("div", st.t("ul", st.j(slides, 3)), [("class", st.cls("box") + " focus")])]
    if hard:
        parts.append(news_list(pg, r.randint(3, 8), pg.w("法治", "社會")))
        parts.append(st.t("div", "".join(st.t("p", esc(p)) for p in paras_for(pg, ["news"], r.randint(1, 3), hard=["crackdown", "courts", "vice", "antifraud", "lottery", "macau"])), [("class", st.cls("box"))]))
    for _ in range([r.randint(2, 4), r.randint(4, 9), r.randint(8, 16)][pg.big]):
        parts.append(news_list(pg, r.randint(5, 14), r.choice(C.ch("sections", pg.script))))
        if r.random() < 0.25:
            parts.append(ad_slot(pg))
    parts.insert(r.randint(1, len(parts)), pg.inj("article_mid"))
    parts.append(pg.inj("article_end"))
    return parts


REGISTERS = {
    # name: (weight, scripts, hard-negative capable)
    "news_cn": (14, ("simp",)), "news_tw": (7, ("trad",)), "news_hk": (5, ("trad",)), "portal_home": (7, ("simp", "simp", "trad")),
    "blog": (5, ("simp", "trad")), "qa": (4, ("simp", "simp", "trad")),
    "appstore": (6, ("simp", "simp", "trad")), "game": (6, ("simp", "trad")), "ent_list": (6, ("simp", "trad")),
    "lottery": (5, ("simp", "simp", "trad")), "macau": (4, ("simp", "trad")), "forum": (11, ("simp", "simp", "trad")),
    "video": (6, ("simp", "simp", "trad")), "novel": (5, ("simp", "simp", "trad")), "shop": (6, ("simp", "trad")),
    "classifieds": (4, ("simp",)), "company": (5, ("simp", "simp", "trad")), "gov": (8, ("simp", "simp", "trad")),
}
ALWAYS_HARD = ("lottery", "macau")
HARD_NOTICE = {  # registers whose body has no hard-negative text of its own: a notice/article module is added
    "video": ["platform", "crackdown", "harmless"], "novel": ["platform", "harmless", "guides"],
    "shop": ["antifraud", "finance_scam", "harmless"], "classifieds": ["antifraud", "finance_scam", "crackdown"],
    "company": ["antifraud", "harmless", "courts"],
}


def register_body(pg, hard, offensive):
    """Dispatch to the register's body builder."""
    reg = pg.register
    r = pg.r
    if reg in ("news_cn", "news_tw", "news_hk"):
        return body_news(pg, ["crackdown", "courts", "sexed", "antifraud", "finance_scam", "lottery", "macau", "hardneg", "sexhealth", "vice"] if hard else None)
    if reg == "appstore":
        return body_appstore(pg, hard)
    if reg == "portal_home":
        return body_home(pg, hard)
    if reg == "blog":
        return body_blog(pg, hard)
    if reg == "qa":
        return body_qa(pg, hard, offensive)
    if reg == "game":
        return body_list(pg, ["harmless", "platform", "antifraud"] if hard else None, ["games", "games_trad", "techblog"], r.choice(C.ch("games", pg.script)) + pg.w("新闻资讯", "新聞情報"), "game")
    if reg == "ent_list":
        return body_list(pg, ["harmless", "platform", "sexed"] if hard else None, ["news_ent", "entertainment", "media_words", "people_words"], pg.w("娱乐头条", "娛樂頭條"))
    if reg == "lottery":
        return body_lottery(pg, hard)
    if reg == "macau":
        return body_macau(pg, hard)
    if reg == "forum":
        return body_forum(pg, hard, offensive)
    if reg == "video":
        return body_video(pg, hard)
    if reg == "novel":
        return body_novel(pg, hard)
    if reg == "shop":
        return body_shop(pg, hard)
    if reg == "classifieds":
        return body_classifieds(pg, hard)
    if reg == "company":
        return body_company(pg, hard)
    return body_gov(pg, hard)


# =========================================================================== page assembly

def assemble(pg, hard=False, offensive=False, target=20000):
    """Builds the full document; pads with chrome (lists, JSON state) up to `target` bytes."""
    r, st = pg.r, pg.st
    main = register_body(pg, hard, offensive)
    if hard and pg.register in HARD_NOTICE:
        notes = paras_for(pg, ["news"], r.randint(1, 3), hard=HARD_NOTICE[pg.register])
        main.insert(r.randint(0, len(main)), st.t("div", "".join(st.t("p", esc(p)) for p in notes), [("class", st.cls("box") + " notice")]))
    if offensive and pg.register not in ("forum", "qa"):
        main.append(comment_section(pg, r.randint(4, 12 + 10 * pg.big), "offensive"))
    elif pg.register != "qa" and (pg.spam_comments or pg.want_comments or (pg.register in ("news_cn", "news_tw", "news_hk", "video", "novel", "game", "ent_list", "blog") and r.random() < 0.45)):
        main.append(comment_section(pg, r.randint(2, 8 + 12 * pg.big), "hard" if hard else "clean"))
    if pg.big and r.random() < 0.6:
        main.append(tab_panels(pg))
    if r.random() < (0.12 if pg.trad else 0.05):
        main.insert(r.randint(0, len(main)), cross_script_box(pg))
    main.append("\x00FILL\x00")
    body = []
    body.append(st.t("a", esc(pg.w("跳到主要内容", "跳到主要內容")), [("href", "#main"), ("class", st.hide_class())]) if r.random() < 0.3 else "")
    body.append(pg.inj("body_start"))
    top = []
    if pg.big or (not pg.lite and r.random() < 0.5):
        top.append(st.comment("topbar") + topbar(pg))
    top.append(st.comment("header") + header(pg))
    nav = st.comment("nav") + nav_block(pg)
    top.insert(len(top) if r.random() < 0.8 else len(top) - 1, nav)
    if r.random() < 0.25 + 0.25 * pg.big:
        top.insert(r.randint(1, len(top)), ticker(pg))
    if r.random() < 0.3 + 0.3 * pg.big:
        top.insert(r.randint(0, len(top)), st.comment("ad") + ad_slot(pg))
    body.extend(top)
    mainhtml = st.t(r.choice(["main", "div"]), st.j(main, 2), [("class", st.cls("main")), ("id", "main")])
    side = sidebar(pg) if (pg.big or (not pg.lite and r.random() < 0.5)) else ""
    if side and r.random() < 0.15:
        body.append(st.t("table", st.t("tr", st.t("td", mainhtml, [("valign", "top")]) + st.t("td", side, [("width", str(r.choice([240, 300, 320]))), ("valign", "top")])),
                         [("width", str(r.choice([960, 1000, 1200]))), ("align", "center"), ("cellpadding", "0"), ("cellspacing", "0"), ("border", "0")]))
    elif side and r.random() < 0.5:
        body.append(st.t("div", st.j([mainhtml, side], 1) if r.random() < 0.7 else st.j([side, mainhtml], 1), [("class", st.cls("main") + "-row")]))
    else:
        body.append(mainhtml)
        body.append(side)
    body.append(st.comment("footer") + footer(pg))
    body.append(back_to_top(pg))
    if r.random() < 0.2:
        tabs = rsample(r, pg.w("首页|视频|发现|消息|我的|直播|VIP|推荐", "首頁|影音|探索|通知|我的|直播|VIP|推薦").split("|"), r.randint(4, 5))
        body.append(st.t("div", "".join(st.t("a", st.icon() + st.t("span", esc(x)), [("href", "/" + rand_word(r, 2, 6))]) for x in tabs),
                         [("class", "tabbar" + (" " + st.hide_class() if r.random() < 0.5 else "")), ("style", "position:fixed;bottom:0;left:0;right:0")]))
    body.append(modals(pg))
    body.append("\x00STATE\x00")
    if r.random() < 0.6:
        body.append(st.t("script", ANALYTICS[r.randrange(len(ANALYTICS))] % rand_word(r, 8, 32, "0123456789abcdef")))
    body.append("\x00END\x00")
    # leftover injections (slots the register did not offer) go to the end of the body
    h = head(pg)
    doc = r.choice(["<!DOCTYPE html>", "<!doctype html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'])
    lang = pg.w(r.choice(["zh-CN", "zh-cn", "zh-Hans"]), r.choice(["zh-TW", "zh-Hant", "zh-HK", "zh-tw"]))
    bodyhtml = st.t("body", st.nl + st.j(body, 1) + st.nl, [("class", r.choice(["", "home", "article-page", "page-" + rand_word(r, 3, 6)]) or None)])
    doc += st.nl + "<html lang=\"%s\">" % lang + st.nl + h + st.nl + bodyhtml + st.nl + "</html>"
    after = pg.inj("after_html")
    left = []
    for slot in list(pg.plan):
        n0 = len(pg.placements)
        left.append(pg.inj(slot))
        for i in range(n0, len(pg.placements)):
            head_, _, tail = pg.placements[i].partition("/")
            pg.placements[i] = "body_end/" + (tail or head_)
    if pg.spam_comments:
        left.append(comment_section(pg, r.randint(1, 3), "clean"))
    doc = doc.replace("\x00END\x00", st.j(left, 1))
    if not after and r.random() < 0.09:
        after = st.nl + r.choice(["<!-- Generated in %.3fs -->" % r.uniform(0.01, 2), "<!-- cache: %s -->" % rand_word(r, 8, 16, ALNUM),
                                  st.t("script", ANALYTICS[r.randrange(len(ANALYTICS))] % rand_word(r, 8, 32, "0123456789abcdef"))])
    doc += after
    # pad up to the target size
    cur = len(doc.encode("utf-8"))
    fill, items = [], []
    visible_share = r.uniform(0.2, 0.7)
    guard = 0
    while cur < target and guard < 3000:
        guard += 1
        if r.random() < visible_share:
            x = news_list(pg, r.randint(6, 20), r.choice(C.ch("sections", pg.script)))
            fill.append(x)
            cur += len(x.encode("utf-8"))
        else:
            for it in state_items(pg, r.randint(4, 16)):
                items.append(it)
                cur += len(js_json(it).encode("utf-8")) + 1
    if not items and r.random() < 0.4 + 0.3 * pg.big:
        items = state_items(pg, r.randint(2, 10))
    state = state_script(pg, items) if items else ""
    doc = doc.replace("\x00FILL\x00", st.j(fill, 2)).replace("\x00STATE\x00", state)
    return doc


# =========================================================================== spam plans

HIDE_STYLES = [
    ("style:display:none", "display:none"), ("style:display:none", "display: none;"), ("style:display:none", "DISPLAY:none"),
    ("style:visibility:hidden", "visibility:hidden"), ("style:offscreen", "position:absolute;left:-9999px;top:-9999px"),
    ("style:offscreen", "position:fixed;top:-800px;left:0"), ("style:height0", "height:0;overflow:hidden"),
    ("style:height0", "width:1px;height:1px;overflow:hidden"), ("style:font-size:0", "font-size:0;line-height:0"),
    ("style:text-indent", "text-indent:-9999em;overflow:hidden;white-space:nowrap"), ("style:opacity0", "opacity:0;filter:alpha(opacity=0)"),
    ("style:clip", "position:absolute;clip:rect(0 0 0 0)"), ("style:color", "color:#fff;background:#fff;font-size:1px"),
]


def hidden_wrapper(pg, inner, tag=None):
    """Wraps inner HTML with one hiding technique; returns (html, technique label)."""
    r, st = pg.r, pg.st
    if tag is None:
        if inner.startswith("<li"):
            tag = "ul"
        elif any(b in inner for b in ("<p", "<div", "<ul", "<li", "<h", "<table", "<select")):
            tag = r.choice(["div", "div", "section"])  # block content: no <p>/<span> wrapper (HTML5 would split it)
        else:
            tag = r.choice(["div", "div", "div", "span", "p", "section"])
    k = r.random()
    if k < 0.45:
        lab, css = r.choice(HIDE_STYLES)
        return st.t(tag, inner, [("style", css)] + ([("class", st.cls("box"))] if r.random() < 0.3 else [])), lab
    if k < 0.65:
        c = st.hide_class()
        return st.t(tag, inner, [("class", c)]), "class:" + c
    if k < 0.75:
        return st.t(tag, inner, [("hidden", True)]), "attr:hidden"
    if k < 0.85:
        return st.t(tag, inner, [("aria-hidden", "true"), ("style", "position:absolute;left:-5000px")]), "aria-hidden+offscreen"
    if k < 0.93:
        return st.t("noscript", st.t("div", inner)), "noscript"
    return st.t("marquee", inner, [("width", "1"), ("height", "1"), ("scrollamount", str(r.randint(1, 20)))]), "marquee:1px"


def kw_block(pg, n_kw, with_links, n_sent=0, li=False):
    """Keyword block HTML (records snippets)."""
    r, st, sp = pg.r, pg.st, pg.spam
    sep = r.choice([" ", "|", " | ", "，", "、", "  ", "<br>", " - ", "&nbsp;"])
    items = []
    for _ in range(n_kw):
        h = sp.item("keywords")
        if with_links:
            h = st.a(h, spam_href(r))
        items.append(st.t("li", h) if li else h)
    for _ in range(n_sent):
        h = sp.item("sentences")
        items.insert(r.randint(0, len(items)), st.t("li", h) if li else st.t("p", h))
    return (st.j(items, 3) if li else sep.join(items))


def plan_hidden(pg):
    """Plan a hidden keyword block (one of the hiding techniques, or extra items in a hidden menu)."""
    r = pg.r
    slot = r.choice(["body_start", "body_start", "nav_hidden", "nav_hidden", "footer", "body_end", "article_end", "sidebar", "after_html", "article_mid"])
    n_kw = r.randint(3, 25)

    def fn(pg_, ctx):
        if ctx == "li":
            if slot == "nav_hidden":  # the surrounding legit menu is already hidden
                pg_.placements.append("nav/hidden_menu")
                return pg_.st.j([pg_.st.t("li", pg_.st.a(pg_.spam.item("keywords"), spam_href(pg_.r))) for _ in range(r.randint(2, 10))], 3)
            lab, css = r.choice(HIDE_STYLES)
            pg_.placements.append("%s/li/%s" % (slot, lab))
            return pg_.st.j([pg_.st.t("li", pg_.st.a(pg_.spam.item("keywords"), spam_href(pg_.r)), [("style", css)]) for _ in range(r.randint(1, 6))], 3)
        li = r.random() < 0.3
        inner = kw_block(pg_, n_kw, r.random() < 0.6, r.randint(0, 2) if r.random() < 0.4 else 0, li)
        html_, lab = hidden_wrapper(pg_, inner, "ul" if li else None)
        pg_.placements.append("%s/%s" % (slot, lab))
        return html_
    pg.plan.setdefault(slot, []).append(fn)
    return "hidden_div"


def plan_visible(pg):
    """Plan a visible keyword row / ad sentences in one of the chrome slots."""
    r = pg.r
    slot = r.choice(["body_start", "article_mid", "article_end", "sidebar", "footer", "hot_search", "topbar", "body_end", "friend_links", "nav_visible", "tags"])

    def fn(pg_, ctx):
        st = pg_.st
        pg_.placements.append(slot + "/visible")
        if ctx == "inline":
            return " ".join(st.a(pg_.spam.item("keywords"), spam_href(r)) for _ in range(r.randint(1, 5)))
        if ctx == "li":
            return st.j([st.t("li", st.a(pg_.spam.item("keywords"), spam_href(r))) for _ in range(r.randint(1, 4))], 2)
        k = r.random()
        if k < 0.4:
            return st.t("p", kw_block(pg_, r.randint(3, 15), r.random() < 0.5))
        if k < 0.75:
            return st.t("div", "".join(st.t("p", pg_.spam.item("sentences")) for _ in range(r.randint(1, 3))), [("class", st.cls("box"))] if r.random() < 0.5 else [])
        return st.t("div", st.t("h3", pg_.spam.item("titles")) + st.t("p", pg_.spam.item("sentences")))
    pg.plan.setdefault(slot, []).append(fn)
    return "injected_block"


def plan_title(pg):
    """Hijack <title> (replace, prefix or suffix) and meta keywords/description."""
    r, sp = pg.r, pg.spam
    t, cat = sp.raw("titles")
    t = sp.fill(t, cat)
    text, h = sp.obfuscate(t)
    sp.record(text, cat)
    pg.title_html = h
    pg.title_mode = r.choice(["replace", "replace", "prefix", "suffix"])
    pg.placements.append("title")
    if r.random() < 0.75:
        kws = []
        for _ in range(r.randint(3, 10)):
            kws.append(sp.raw("keywords", cat)[0])
        s = r.choice([",", "，", "|", " "]).join(kws)
        sp.record(s, cat)
        pg.kw_html = attr_esc(s)
        pg.placements.append("meta_keywords")
    if r.random() < 0.5:
        s, c2 = sp.raw("sentences", cat)
        sp.record(s, c2)
        pg.desc_html = attr_esc(s)
        pg.placements.append("meta_description")
    if r.random() < 0.35:
        plan_hidden(pg)
    return "hijacked_title"


def plan_links(pg):
    """Plan a link farm of spam anchors (visible, hidden, or a <select>)."""
    r = pg.r
    slot = r.choice(["friend_links", "friend_links", "footer", "body_end", "body_start", "sidebar", "after_html"])
    n = r.randint(8, 80)
    hidden = r.random() < 0.5

    def fn(pg_, ctx):
        st, sp = pg_.st, pg_.spam
        anchors = []
        for _ in range(n):
            k = r.random()
            if k < 0.6:
                h = sp.item("keywords")
            else:
                c = sp.cat()
                s = sp.sitename(c) + (r.choice(["", "官网", "-", " "]) + sp.raw("keywords", c)[0] if r.random() < 0.5 else "")
                text, h = sp.obfuscate(s)
                sp.record(text, c)
            anchors.append(st.a(h, spam_href(r)))
        if ctx == "inline":
            pg_.placements.append(slot + "/link_farm")
            return r.choice([" ", "", " | "]).join(anchors)
        if ctx == "li":
            pg_.placements.append(slot + "/link_farm")
            return st.j([st.t("li", a) for a in anchors], 3)
        k = r.random()
        if k < 0.1:
            opts = [st.t("option", esc(pg_.w("友情链接", "友站連結")), [("value", "")])]
            for a_ in anchors:
                text_ = re.sub(r"<[^>]+>", "", a_)
                opts.append(st.t("option", text_, [("value", spam_href(r))]))
            inner = st.t("select", st.j(opts, 3), [("onchange", "window.open(this.value)")])
        elif k < 0.55:
            inner = st.t("ul", st.j([st.t("li", a) for a in anchors], 3))
        else:
            inner = r.choice([" ", "\n", "", "&nbsp;"]).join(anchors)
        if hidden:
            h_, lab = hidden_wrapper(pg_, inner, "div")
            pg_.placements.append("%s/link_farm/%s" % (slot, lab))
            return h_
        pg_.placements.append(slot + "/link_farm")
        return st.t("div", inner, [("class", st.cls("links"))])
    pg.plan.setdefault(slot, []).append(fn)
    return "link_list"


def plan_comments(pg):
    """Plan sentence-style spam comments, signatures, spam user names, or a spam forum thread."""
    r, sp, st = pg.r, pg.spam, pg.st
    for _ in range(r.randint(1, 5)):
        k = r.random()
        kind = "sig" if r.random() < 0.15 else "post"
        if k < 0.7:
            h = sp.item("sentences")
        elif k < 0.85:
            u = spam_url(r)
            h = sp.item("sentences") + st.t("br", void=True) + st.a(esc(u), spam_href(r))
            sp.record(u, sp.snipcats[-1])
        else:
            h = kw_block(pg, r.randint(2, 6), True)
        uname = None
        if kind == "post" and r.random() < 0.2:
            uname = sp.item("keywords") if r.random() < 0.5 else sp.item("titles")
        pg.spam_comments.append((kind, h, uname))
    if pg.register == "forum" and r.random() < 0.3:
        pg.spam_thread = True
        pg.placements.append("forum_thread")
    pg.placements.append("comments")
    return "comment_spam"


# =========================================================================== stub pages (pure_spam)

NEUTRAL_S = ["首页", "上一页", "下一页", "更多", "最新", "热门", "排行", "登录", "注册", "Top", "HOT", "NEW", "VIP", "App", "Video"]
NEUTRAL_T = ["首頁", "上一頁", "下一頁", "更多", "最新", "熱門", "排行", "登入", "註冊", "Top", "HOT", "NEW", "VIP", "App", "Video"]


def stub_page(pg, target):
    """Whole-page spam (pure_spam): keyword farm, lottery stub, fake video, fake services or scraped-text page."""
    r, st, sp = pg.r, pg.st, pg.spam
    pg.stub = True
    neutral = NEUTRAL_T if pg.trad else NEUTRAL_S
    x = r.random()
    kind = {"adult": "video", "gambling": "lottery", "other": "services"}.get(sp.cats[0], "farm") if x < 0.5 else ("scraped" if x < 0.75 else "farm")
    stub = r.random() < 0.6
    kwk, tik = ("stub_keywords", "stub_titles") if stub else ("keywords", "titles")
    t, cat = sp.raw(tik)
    text, th = sp.obfuscate(t)
    sp.record(text, cat)
    pg.title_html = th
    kws = [sp.raw(kwk)[0] for _ in range(r.randint(3, 8))]
    kwstr = ",".join(kws)
    sp.record(kwstr, sp.cats[0])
    pg.kw_html = attr_esc(kwstr)
    pg.title = t
    nav = st.t("ul", "".join(st.t("li", st.a(esc(x), "/" + rand_word(r, 2, 6) + "/")) for x in rsample(r, neutral, r.randint(3, 7))), [("class", st.cls("nav"))])
    navspam = st.t("ul", "".join(st.t("li", st.a(sp.item(kwk), "/list/%d.html" % r.randint(1, 99))) for _ in range(r.randint(3, 12))), [("class", st.cls("nav") + "-2")])
    parts = [st.t("div", st.a(sp.item("titles"), "/"), [("class", "logo")]), nav, navspam]
    if kind == "video":
        cards = []
        for _ in range(r.randint(8, 40)):
            code = "%s-%03d" % (r.choice(C.codes or ["ABX"]), r.randint(1, 999))
            s, c = sp.raw("keywords", "adult")
            s = (code + " " + s) if r.random() < 0.5 else s
            text, h = sp.obfuscate(s)
            sp.record(text, c)
            cards.append(st.t("li", st.t("img", attrs=[("src", "/pic/%s.jpg" % rand_word(r, 6, 10, ALNUM)), ("alt", "")], void=True) + st.a(h, "/v/%d.html" % r.randint(1, 99999)) + st.t("span", "%02d:%02d" % (r.randint(1, 99), r.randint(0, 59)))))
        parts.append(st.t("ul", st.j(cards, 2), [("class", st.cls("list"))]))
    elif kind == "lottery":
        rows = []
        for _ in range(r.randint(6, 30)):
            rows.append(st.t("tr", st.t("td", "%d%03d" % (r.choice([2025, 2026]), r.randint(1, 150))) + st.t("td", " ".join("%02d" % x for x in sorted(rsample(r, range(1, 50), 7))))))
        parts.append(st.t("table", "".join(rows)))
        for _ in range(r.randint(2, 8)):
            parts.append(st.t("p", sp.item("sentences")))
    elif kind == "services":
        parts.append(st.t("ul", "".join(st.t("li", sp.item("keywords")) for _ in range(r.randint(6, 25)))))
        for _ in range(r.randint(2, 6)):
            parts.append(st.t("p", sp.item("sentences")))
    elif kind == "scraped":
        # 站群 page: scraped clean paragraphs with keywords stuffed between sentences
        parts.append(st.t("h1", sp.item(tik)))
        for p in paras_for(pg, ["news", "misc_news", "life", "news_more"], r.randint(3, 10)):
            bits = re.split(r"(?<=[。！？])", p)
            out = []
            for b in bits:
                if b:
                    out.append(esc(b))
                if r.random() < 0.35:
                    out.append(st.t(r.choice(["strong", "b", "span", "a"]), sp.item(kwk)) if r.random() < 0.6 else sp.item(kwk))
            parts.append(st.t("p", "".join(out)))
        parts.append(st.t("div", kw_block(pg, r.randint(5, 20), True), [("class", "tags")]))
    else:
        for _ in range(r.randint(3, 12)):
            k = r.random()
            if k < 0.4:
                parts.append(st.t("p", kw_block(pg, r.randint(4, 20), r.random() < 0.5)))
            elif k < 0.7:
                parts.append(st.t("p", sp.item("sentences")))
            else:
                parts.append(st.t("h2", sp.item("titles")))
    parts.append(st.t("div", " ".join(st.a(esc(x), "/p/%d" % i) for i, x in enumerate(neutral[:3] + [str(i) for i in range(1, r.randint(3, 9))])), [("class", "pages")]))
    if r.random() < 0.3:
        owner = sp.item(tik)
    else:
        u = spam_url(r)
        sp.record(u, sp.cats[0])
        owner = esc(u)
    parts.append(st.t("div", "Copyright © %d" % r.choice([2024, 2025, 2026]) + " " + st.a(owner, "/"), [("class", st.cls("footer"))]))
    if r.random() < 0.5:
        parts.append(st.t("script", ANALYTICS[r.randrange(len(ANALYTICS))] % rand_word(r, 8, 32, "0123456789abcdef")))
    if r.random() < 0.4:
        parts.append(st.t("script", "var _0x%s=['%s'];setTimeout(function(){if(!/spider|bot/i.test(navigator.userAgent))location.href='%s'},%d);" % (rand_word(r, 4, 6, "0123456789abcdef"), rand_word(r, 10, 20, ALNUM), spam_href(r), r.randint(0, 3000))))
    h = head(pg)
    doc = "<!DOCTYPE html>" + st.nl + "<html>" + h + st.t("body", st.j(parts, 1)) + "</html>"
    if len(doc.encode("utf-8")) < target and r.random() < 0.5:
        # real spam templates also ship big inline scripts; pad invisibly
        pad = state_script_spam(pg, target - len(doc.encode("utf-8")))
        doc = doc.replace("</body>", pad + "</body>")
    pg.placements.append("whole_page:" + kind)
    return doc


def state_script_spam(pg, nbytes):
    """Big inline script of spam templates (no visible text)."""
    r = pg.r
    arr = []
    size = 0
    while size < nbytes and len(arr) < 4000:
        s = "/%s/%d.html" % (rand_word(r, 2, 6), r.randint(1, 99999))
        arr.append({"u": s, "t": r.randint(10**9, 2 * 10**9), "k": rand_word(r, 6, 16, ALNUM)})
        size += len(s) + 40
    return pg.st.t("script", "var __list=%s;" % js_json(arr))


# =========================================================================== records

def size_target(r):
    """Size bucket and target bytes: 40 % <20 KB, 35 % 20–80 KB, 25 % 80–300 KB."""
    x = r.random()
    if x < 0.40:
        return 0, r.randint(5000, 19000)
    if x < 0.75:
        return 1, r.randint(21000, 78000)
    return 2, r.randint(82000, 290000)


def pick_register(r):
    """Weighted register choice."""
    names = list(REGISTERS)
    weights = [REGISTERS[n][0] for n in names]
    return r.choices(names, weights)[0]


def new_record(idx):
    """Empty clean record with the given index."""
    return {"id": "g4-%06d" % idx, "label": "clean", "category": "none", "kind": "clean", "script": "simp",
            "injected": [], "injected_categories": [], "obfuscation": [], "placement": ""}


def make_clean(r, idx):
    """One clean page (clean, hard_negative or offensive)."""
    rec = new_record(idx)
    reg = pick_register(r)
    if r.random() < 0.1:
        reg = "forum"  # spam pages often are forum threads (comment spam); keep forums common on the clean side too
    script = r.choice(REGISTERS[reg][1])
    x = r.random()
    hard = reg in ALWAYS_HARD or x < 0.27
    offensive = (not hard) and x < 0.37
    pg = Page(r, script, reg)
    pg.big, target = size_target(r)
    pg.lite = pg.big == 0 and r.random() < 0.5
    pg.want_comments = r.random() < 0.15
    rec["html"] = assemble(pg, hard, offensive, target)
    rec["kind"] = "hard_negative" if hard else ("offensive" if offensive else "clean")
    rec["script"] = script
    return rec


SPAM_KINDS = [("comment_spam", 25), ("pure_spam", 12), ("hidden_div", 22), ("injected_block", 15),
              ("hijacked_title", 12), ("link_list", 14)]
OBS = ["fullwidth", "lookalike", "zerowidth", "spacing", "qmark", "entities"]


def make_spam(r, idx):
    """One spam page of a weighted spam kind."""
    rec = new_record(idx)
    kind = r.choices([k for k, _ in SPAM_KINDS], [w for _, w in SPAM_KINDS])[0]
    reg = pick_register(r)
    if kind == "comment_spam" and r.random() < 0.45:
        reg = "forum"
    script = r.choice(REGISTERS[reg][1])
    x = r.random()
    cats = [r.choices(CATS, [38, 35, 27])[0]]
    if x < 0.12:
        cats = rsample(r, list(CATS), 2)
    spam_script = script
    if r.random() < 0.18:
        spam_script = "simp" if script == "trad" else "trad"
    obs = []
    if r.random() < 0.3:
        obs = rsample(r, OBS, r.randint(1, 2))
    sp = SpamText(r, cats, spam_script, obs)
    pg = Page(r, script, reg, sp)
    pg.big, target = size_target(r)
    pg.lite = pg.big == 0 and r.random() < 0.5
    if kind == "pure_spam":
        pg.big = min(pg.big, 1)
        target = min(target, r.randint(3000, 60000))
        rec["html"] = stub_page(pg, target)
    else:
        hard = r.random() < 0.12 or reg in ALWAYS_HARD and r.random() < 0.5
        {"comment_spam": plan_comments, "hidden_div": plan_hidden, "injected_block": plan_visible,
         "hijacked_title": plan_title, "link_list": plan_links}[kind](pg)
        if r.random() < 0.15 and kind != "hijacked_title":
            r.choice([plan_hidden, plan_visible, plan_links])(pg)
        rec["html"] = assemble(pg, hard, False, target)
    rec["label"] = "spam"
    rec["kind"] = kind
    rec["injected"] = sp.snips
    rec["injected_categories"] = sp.snipcats
    distinct = list(dict.fromkeys(sp.snipcats))
    rec["category"] = distinct[0] if len(distinct) == 1 else "mixed"
    rec["script"] = script if spam_script == script else "mixed"
    rec["obfuscation"] = sorted(sp.used)
    rec["placement"] = ";".join(dict.fromkeys(pg.placements))
    return rec


def generate(n, seed):
    """n records, deterministic for a seed."""
    global C
    if C is None:
        C = Corpus()
    r = random.Random(seed)
    out = []
    for i in range(1, n + 1):
        if r.random() < 0.55:
            out.append(make_clean(r, i))
        else:
            out.append(make_spam(r, i))
    return out


def size_bucket(rec):
    """Size bucket label of a record."""
    n = len(rec.get("html", rec.get("text", "")).encode("utf-8"))
    return "<20KB" if n < 20000 else "20-80KB" if n < 80000 else "80-300KB" if n < 300000 else ">300KB"


def main():
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=3000, help="number of pages (default 3000)")
    ap.add_argument("--seed", type=int, default=20261205, help="random seed (default 20261205)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output JSONL (default training-data/.cache/pages/train4.jsonl)")
    ap.add_argument("--check", action="store_true", help="exit 1 if an injected snippet is not found by textextract")
    a = ap.parse_args()
    t0 = time.time()
    recs = generate(a.pages, a.seed)
    t1 = time.time()
    bad = 0
    if a.check:
        for rec in recs:
            miss = missing_snippets(rec)
            if miss or (rec["label"] == "spam" and not rec["injected"]):
                bad += 1
                if bad <= 10:
                    print("BAD", rec["id"], [m[:40] for m in miss[:2]], file=sys.stderr)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in recs:
            f.write(json.dumps({k: rec[k] for k in KEYS if k in rec}, ensure_ascii=False) + "\n")
    counts = {}
    for rec in recs:
        for k in ("label", "kind", "category", "script"):
            counts.setdefault(k, {}).setdefault(rec[k], 0)
            counts[k][rec[k]] += 1
        b = size_bucket(rec)
        counts.setdefault("size", {}).setdefault(b, 0)
        counts["size"][b] += 1
    print("wrote %d pages to %s in %.1fs (+%.1fs check); %d with missing snippets" % (len(recs), a.out, t1 - t0, time.time() - t1, bad))
    for k, v in counts.items():
        print("  %-9s %s" % (k, dict(sorted(v.items()))))
    if a.check and bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
