#!/usr/bin/env python3
"""Third, independent page generator for spamsift (ids ``td3-``).

Writes long, real-world shaped pages (Discuz!/WordPress/DedeCMS/PHPCMS/shop/gov/school/Taiwan news and blog/
Hong Kong forum shells, 5-40 KB) built from the corpus files, with spam injected as hijacked titles, visible
keyword blocks, style-hidden blocks, link farms, pure spam pages, comment spam and plain-text pages.  Record
format: see README.md.  Deterministic: one ``random.Random(seed)``, sorted file listings.

    .venv-gen/bin/python training-data/generate3.py --pages 4000 --out /tmp/train3.jsonl --seed 20270311

Needs opencc-python-reimplemented (s2twp) and pypinyin (converter pinyin leftovers).
"""
import argparse
import json
import os
import re
import random
import sys
import tempfile
import time

import opencc
from pypinyin import Style, pinyin

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, HERE)
from textextract import html_blocks, text_blocks, norm  # noqa: E402  (validation only)

CATS = ["adult", "gambling", "other"]


# ----------------------------------------------------------------------------- corpus loading
def read_lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def txt_files(sub):
    d = os.path.join(CORPUS, sub)
    if not os.path.isdir(d):
        return []
    return [n for n in sorted(os.listdir(d)) if n.endswith(".txt")]


def read_sections(path):
    sec, out = None, {}
    for line in read_lines(path):
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            sec = m.group(1)
            out.setdefault(sec, [])
        elif sec:
            out[sec].append(line)
    return out


CLEAN = {"simp": {}, "trad": {}}
for _sc in ("simp", "trad"):
    for _n in txt_files("clean/" + _sc):
        _l = read_lines(os.path.join(CORPUS, "clean", _sc, _n))
        if _l:
            CLEAN[_sc][_n[:-4]] = _l

HARD = {"simp": {}, "trad": {}}
for _n in txt_files("hard_negative"):
    _l = read_lines(os.path.join(CORPUS, "hard_negative", _n))
    if _l:
        HARD["trad" if ".trad" in _n else "simp"][_n[:-4]] = _l

OFFENSIVE = {"simp": [], "trad": []}
for _n in txt_files("offensive"):
    OFFENSIVE["trad" if ".trad" in _n else "simp"].extend(read_lines(os.path.join(CORPUS, "offensive", _n)))

COMMENTS = {}
for _n in txt_files("comments"):
    COMMENTS[_n[:-4]] = read_lines(os.path.join(CORPUS, "comments", _n))

SHORT = {}
for _n in txt_files("short"):
    SHORT[_n[:-4]] = read_lines(os.path.join(CORPUS, "short", _n))

SPAM = {c: {"kw_simp": [], "kw_trad": [], "sent_simp": [], "sent_trad": [], "titles_simp": [], "titles_trad": [],
            "parts": {"pre": [], "core": [], "suf": []}} for c in CATS}
SITEPARTS, CODES = {}, []
for _n in txt_files("spam"):
    _p = os.path.join(CORPUS, "spam", _n)
    _bits = _n[:-4].split(".")
    if _bits[0] == "sitenames":
        SITEPARTS = read_sections(_p)
        continue
    if _bits[0] == "codes":
        CODES = read_lines(_p)
        continue
    if _bits[0] not in SPAM:
        continue
    _d = SPAM[_bits[0]]
    _sc = "trad" if "trad" in _bits else "simp"
    if "parts" in _bits:
        for _k, _v in read_sections(_p).items():
            _d["parts"].setdefault(_k, []).extend(_v)
    elif "sentences" in _bits:
        _d["sent_" + _sc].extend(read_lines(_p))
    elif "titles" in _bits:
        _d["titles_" + _sc].extend(read_lines(_p))
    else:
        _d["kw_" + _sc].extend(read_lines(_p))


def short(name, trad):
    for key in ((name + ".trad", name + "_trad") if trad else (name + ".simp", name)):
        if SHORT.get(key):
            return SHORT[key]
    return SHORT.get(name) or SHORT.get(name + ".simp") or [name]


# ----------------------------------------------------------------------------- converters
_CC = opencc.OpenCC("s2twp")
_CONV = {}


def s2t(s):
    v = _CONV.get(s)
    if v is None:
        v = _CC.convert(s)
        _CONV[s] = v
    return v


_PY = {}


def py_of(ch):
    v = _PY.get(ch)
    if v is None:
        v = pinyin(ch, style=Style.TONE)[0][0]
        _PY[ch] = v
    return v


def is_cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def pinyin_leftovers(r, s, n):
    """Insert converter-style pinyin after n random CJK characters: 網(wǎng)站."""
    idx = [i for i, ch in enumerate(s) if is_cjk(ch)]
    if not idx:
        return s
    pick = sorted(r.sample(idx, min(n, len(idx))))
    out, last = [], 0
    for i in pick:
        out.append(s[last:i + 1])
        p = py_of(s[i])
        out.append(r.choice(["(%s)", "(%s)", "（%s）"]) % p)
        last = i + 1
    out.append(s[last:])
    return "".join(out)


# ----------------------------------------------------------------------------- small random helpers
LOW = "abcdefghijklmnopqrstuvwxyz"
DIG = "0123456789"
DIRS = ["news", "guonei", "guoji", "caijing", "keji", "tiyu", "yule", "qiche", "fangchan", "jiaoyu", "jiankang", "lvyou",
        "meishi", "video", "photo", "zhuanti", "about", "contact", "list", "html", "a", "article", "show", "info", "zwgk",
        "zwfw", "hdjl", "xxgk", "tzgg", "xwzx", "bbs", "forum", "blog", "tag", "category", "archives", "shop", "goods",
        "help", "service", "life", "local", "world", "politics", "society", "finance", "tech", "sports", "ent", "opinion"]
CITIES_S = ["北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "重庆", "南京", "天津", "苏州", "长沙", "郑州",
            "东莞", "青岛", "沈阳", "宁波", "昆明", "合肥", "福州", "厦门", "济南", "温州", "南宁", "佛山", "无锡"]
CITIES_T = ["台北", "新北", "桃園", "台中", "台南", "高雄", "新竹", "基隆", "嘉義", "香港", "九龍", "新界", "澳門"]
SURN = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "晓东", "立新"]
PROV = ["京", "沪", "粤", "浙", "苏", "鲁", "川", "鄂", "湘", "豫", "闽", "皖", "冀", "辽", "陕", "赣", "桂", "云", "黔", "渝"]
SPAM_TLD = [".com", ".com", ".cc", ".vip", ".top", ".xyz", ".net", ".me", ".app", ".club", ".bet", ".tv", ".la", ".co"]


def rs(r, chars, a, b=None):
    return "".join(r.choice(chars) for _ in range(a if b is None else r.randint(a, b)))


def spam_domain(r):
    k = r.random()
    if k < 0.3:
        body = rs(r, DIG, 3, 5) + r.choice(["", "", rs(r, LOW, 1, 3)])
    elif k < 0.65:
        body = rs(r, LOW, 2, 4) + rs(r, DIG, 2, 5)
    else:
        body = rs(r, LOW + DIG, 5, 9)
    return r.choice(["", "www.", "www.", "m.", "wap."]) + body + r.choice(SPAM_TLD)


def spam_url(r):
    d = spam_domain(r)
    return r.choice(["", "", "http://", "https://"]) + d + r.choice(["", "", "/", "/?id=" + rs(r, DIG, 3, 5)])


def latin_user(r):
    k = r.random()
    if k < 0.3:
        return rs(r, LOW, 3, 8) + rs(r, DIG, 1, 4)
    if k < 0.5:
        return r.choice(["qq_", "wx_", "user_", "u", "m_", "tb"]) + rs(r, DIG + LOW, 5, 10)
    if k < 0.7:
        return rs(r, LOW, 2, 3) + rs(r, DIG, 4, 8)
    if k < 0.85:
        return rs(r, LOW, 1, 1).upper() + rs(r, LOW, 3, 6) + r.choice(["_", "", "."]) + rs(r, DIG, 2, 4)
    return rs(r, LOW + DIG, 6, 12)


def fill(r, s, trad=False, cat=None):
    def rep(m):
        k = m.group(1)
        if k == "QQ":
            return rs(r, "123456789", 1) + rs(r, DIG, 6, 9)
        if k == "WX":
            return r.choice(["", "wx", "vx", "V", "line_"]) + rs(r, LOW, 2, 5) + rs(r, DIG, 3, 6)
        if k == "URL":
            return spam_url(r)
        if k == "PHONE":
            if trad:
                return "09" + rs(r, DIG, 2) + r.choice(["-", ""]) + rs(r, DIG, 3) + r.choice(["-", ""]) + rs(r, DIG, 3)
            return "1" + r.choice("3456789") + rs(r, DIG, 9)
        if k == "CITY":
            return r.choice(CITIES_T if trad else CITIES_S)
        if k == "NUM":
            return str(r.choice([r.randint(2, 99), r.randint(100, 999), r.randint(1000, 99999)]))
        if k == "CODE":
            return code(r)
        if k == "SITENAME":
            return sitename(r, cat)
        return rs(r, DIG, 4, 6)
    return re.sub(r"\{([A-Z_0-9]+)\}", rep, s)


def code(r):
    p = r.choice(CODES) if CODES else "ABC"
    return p + r.choice(["-", "-", "", " "]) + rs(r, DIG, 3)


def sitename(r, cat=None):
    c = cat if cat in CATS else r.choice(CATS)
    a, b = SITEPARTS.get(c + "_a") or ["夜色"], SITEPARTS.get(c + "_b") or ["影院"]
    return r.choice(a) + r.choice(b)


def clean_fill(r, s, ctx):
    def rep(m):
        k = m.group(1)
        if k == "YEAR":
            return str(ctx.year)
        if k in ("SITE", "COMPANY"):
            return ctx.site if k == "SITE" else r.choice(short("sites", ctx.trad))
        if k == "ICP":
            return "%sICP备%s号%s" % (ctx.prov, rs(r, DIG, 8), r.choice(["", "-1", "-2", "-3"]))
        if k == "GONGAN":
            return "%s公网安备 %s号" % (ctx.prov, rs(r, DIG, 14))
        if k in ("ADDR", "ADDR_TW"):
            return r.choice(short("addr", k == "ADDR_TW" or ctx.trad))
        if k == "ZIP":
            return rs(r, DIG, 6)
        if k == "TEL":
            return "0%s-%s" % (rs(r, DIG, 2, 3), rs(r, DIG, 8))
        if k == "TEL_TW":
            return "(0%s) %s-%s" % (r.randint(2, 8), rs(r, DIG, 4), rs(r, DIG, 4))
        if k in ("DOMAIN", "DOMAIN_TW"):
            return ctx.domain
        if k == "WEBID":
            return rs(r, DIG, 10)
        if k == "PROVINCE_ABBR":
            return ctx.prov
        if k == "NUM8":
            return rs(r, DIG, 8)
        return rs(r, DIG, 4)
    return re.sub(r"\{([A-Z_0-9]+)\}", rep, s)


# ----------------------------------------------------------------------------- escaping / obfuscation
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\xa0", "&nbsp;")


def esc_attr(s):
    return esc(s).replace('"', "&quot;").replace("'", "&#39;")


FW = {c: chr(ord(c) + 0xFEE0) for c in LOW + LOW.upper() + DIG}
LOOK = {"A": ["А", "Α", "Ⓐ", "Ａ"], "V": ["∨", "Ⅴ", "Ⓥ", "ν"], "B": ["В", "Β"], "C": ["С", "Ⓒ"], "E": ["Е", "Ε"],
        "H": ["Н", "Η"], "K": ["К", "Κ"], "M": ["М", "Μ"], "O": ["О", "Ο", "Ⓞ"], "P": ["Р", "Ρ"], "T": ["Т", "Τ"],
        "X": ["Х", "Χ"], "a": ["а", "ⓐ"], "c": ["с"], "e": ["е"], "o": ["о", "ο"], "p": ["р"], "x": ["х"],
        "y": ["у"], "i": ["і"], "s": ["ѕ"], "v": ["ν", "ⓥ"], "0": ["〇", "⓪"], "1": ["①", "l"], "8": ["⑧"]}
# homophone / look-alike character swaps used by real spam to dodge word filters
LOOK_CJK = {"色": ["涩", "瑟"], "情": ["晴"], "赌": ["堵", "睹"], "博": ["搏", "膊"], "彩": ["采"], "黄": ["簧"],
            "码": ["玛"], "性": ["姓"], "澳": ["奥"], "票": ["漂"], "裸": ["倮"], "淫": ["婬"],
            "约": ["悦"], "炮": ["泡"], "娱": ["虞"], "乐": ["楽"], "证": ["正"], "贷": ["代"]}
ZW = ["\u200b", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]
OBFS = ["fullwidth", "lookalike", "zerowidth", "spacing", "trad", "pinyin", "qmark", "entities"]


def obf_text(r, s, o):
    """Apply one obfuscation to display text; returns new text (may be unchanged)."""
    if o == "fullwidth":
        return "".join(FW.get(ch, ch) if r.random() < 0.85 else ch for ch in s)
    if o == "lookalike":
        out = []
        s2 = s.replace("AV", "A∨") if "AV" in s and r.random() < 0.5 else s
        for ch in s2:
            if ch in LOOK and r.random() < 0.6:
                out.append(r.choice(LOOK[ch]))
            elif ch in LOOK_CJK and r.random() < 0.45:
                out.append(r.choice(LOOK_CJK[ch]))
            else:
                out.append(ch)
        return "".join(out)
    if o == "zerowidth":
        out = []
        z = r.choice(ZW)
        for i, ch in enumerate(s):
            out.append(ch)
            if is_cjk(ch) and i + 1 < len(s) and r.random() < 0.5:
                out.append(z if r.random() < 0.8 else r.choice(ZW))
        return "".join(out)
    if o == "spacing":
        sep = r.choice([" ", " ", "*", ".", "-", "_", "\xa0", "/", "~"])
        idx = [i for i, ch in enumerate(s) if is_cjk(ch) and i + 1 < len(s) and is_cjk(s[i + 1])]
        if not idx:
            return s
        whole = r.random() < 0.35
        pick = set(idx) if whole else set(r.sample(idx, max(1, len(idx) // r.randint(2, 4))))
        return "".join(ch + (sep if i in pick else "") for i, ch in enumerate(s))
    if o == "trad":
        return s2t(s)
    if o == "pinyin":
        return pinyin_leftovers(r, s, r.randint(1, 3))
    if o == "qmark":
        idx = [i for i, ch in enumerate(s) if is_cjk(ch)]
        if len(idx) < 3:
            return s
        pick = set(r.sample(idx, r.randint(1, min(2, len(idx) // 3 or 1))))
        q = r.choice(["?", "?", "？", "\ufffd"])
        return "".join(q if i in pick else ch for i, ch in enumerate(s))
    return s


class Enc:
    """Display text -> HTML; with `entities` obfuscation some CJK characters become numeric references."""

    def __init__(self, r, p=0.0):
        self.r, self.p = r, p
        self.hexa = r.random() < 0.5

    def __call__(self, s):
        if not self.p:
            return esc(s)
        out = []
        for ch in s:
            if (is_cjk(ch) or ch in ZW) and self.r.random() < self.p:
                out.append("&#x%x;" % ord(ch) if self.hexa else "&#%d;" % ord(ch))
            else:
                out.append(esc(ch))
        return "".join(out)


# ----------------------------------------------------------------------------- spam text
def spam_kw(r, cat, trad):
    d = SPAM[cat]
    if trad and d["kw_trad"] and r.random() < 0.6:
        return r.choice(d["kw_trad"])
    parts = d["parts"]
    if parts.get("core") and r.random() < 0.4:
        s = r.choice(parts["core"])
        if parts.get("pre") and r.random() < 0.75:
            s = r.choice(parts["pre"]) + s
        if parts.get("suf") and r.random() < 0.75:
            s = s + r.choice(parts["suf"])
        if cat == "adult" and CODES and r.random() < 0.1:
            s = code(r) + " " + s
    else:
        s = r.choice(d["kw_simp"] or d["kw_trad"])
    return s2t(s) if trad else s


def spam_sentence(r, cat, trad):
    d = SPAM[cat]
    if trad and d["sent_trad"] and r.random() < 0.6:
        return fill(r, r.choice(d["sent_trad"]), True, cat)
    s = fill(r, r.choice(d["sent_simp"] or d["sent_trad"] or d["kw_simp"]), trad, cat)
    return s2t(s) if trad else s


def spam_title(r, cat, trad):
    d = SPAM[cat]
    pool = d["titles_trad"] if trad and d["titles_trad"] else d["titles_simp"]
    if pool and r.random() < 0.6:
        s = fill(r, r.choice(pool), trad, cat)
    else:
        sep = r.choice(["_", "_", "-", " - ", "|", " | ", ",", " I ", "，"])
        s = sep.join(spam_kw(r, cat, False) for _ in range(r.randint(2, 5)))
        if r.random() < 0.4:
            s += sep + sitename(r, cat)
    return s2t(s) if trad else s


# separators: (html between items, display between items) or bracket wrappers
SEPS = [("|", "|"), (" | ", " | "), ("_", "_"), ("-", "-"), (" - ", " - "), (" I ", " I "), ("、", "、"),
        ("，", "，"), (",", ","), (" ", " "), ("&nbsp;&nbsp;", "\xa0\xa0"), ("　", "　"), ("/", "/"), (" / ", " / "),
        (";", ";"), ("；", "；"), ("·", "·"), (" · ", " · "), ("★", "★"), (" ★ ", " ★ "), ("BR", None),
        ("BRACKET", "【】"), ("BRACKET", "[]"), ("BRACKET", "[ ]"), ("NUM", "1."), ("NUM", "1、"), ("NUM", "(1)"),
        ("NL", "\n"), ("LI", None), ("&gt;&gt;", ">>"), ("~", "~"), (" ", " "), ("\u3000", "\u3000")]


# ----------------------------------------------------------------------------- page context
SITE_HINTS = {"gov": "政府区县局所署处委厅", "school": "学校中小大院學", "forum": "论坛社区論壇", "hkforum": "論壇討論區港",
              "shop": "商城公司电子店館館", "twnews": "新聞報週報日誌"}


def site_for(r, shell, trad):
    pool = short("sites", trad)
    hint = SITE_HINTS.get(shell)
    if hint and r.random() < 0.8:
        fit = [x for x in pool if any(ch in x for ch in hint)]
        if fit:
            return r.choice(fit)
    return r.choice(pool)


class Ctx:
    def __init__(self, r, trad, shell, hk=False):
        self.r, self.trad, self.shell, self.hk = r, trad, shell, hk
        self.year = r.randint(2016, 2025)
        self.date = "%d-%02d-%02d" % (self.year, r.randint(1, 12), r.randint(1, 28))
        self.prov = r.choice(PROV)
        self.site = site_for(r, shell, trad)
        tld = r.choice([".com.tw", ".tw", ".org.tw", ".com.hk", ".hk", ".com"]) if trad else \
            (".gov.cn" if shell == "gov" else ".edu.cn" if shell == "school" else r.choice([".com", ".cn", ".com.cn", ".net", ".org.cn"]))
        self.domain = r.choice(["www.", "www.", "", "bbs.", "news."]) + rs(r, LOW, 3, 9) + tld
        self.q = r.choice(['"', '"', '"', "'"])
        self.nl = r.choice(["\n", "\n", "\n", "", "\r\n"])
        self.ind = r.choice(["", "  ", "    ", "\t"])
        self.cp = r.choice(["", "", "", rs(r, LOW, 1, 3) + "-", rs(r, LOW, 2, 3) + "_"])
        self.pinyin_body = False
        self.body_pinyin_used = False
        self.dirs = r.sample(DIRS, 12)
        self.base = r.choice([r.randint(100, 9999), r.randint(10000, 999999)])
        self.k = 0
        self.hfmt = r.choice(["/%s/%d.html", "/%s/%d.html", "/%s/" + str(self.year) + "%02d/%%d.html" % r.randint(1, 12),
                              "/%s/show-%d.html", "/%s/?id=%d", "/%s/content_%d.htm", "/%s/art%d.shtml"])
        self.size = 1.0
        self.unq = r.random() < 0.12
        self.memo = {}
        self.tgt = r.choice([None, None, "_blank", "mix"])
        self.ttl = r.choice([0, 0, 0.3, 1])
        self.upper = shell in ("gov", "school") and r.random() < 0.1

    def dname(self):
        return self.r.choice(self.dirs)

    def dir(self):
        return "/" + self.r.choice(self.dirs) + "/"

    def seq(self):
        self.k += self.r.randint(1, 9)
        return self.base + self.k

    def href(self):
        d = self.r.choice(self.dirs[:3])
        return self.hfmt % (d, self.seq())

    def n(self, a, b):
        return max(2, int(round(self.r.randint(a, b) * self.size)))

    def L(self, s):
        return s2t(s) if self.trad else s

    def c(self, *names):
        """class name; a page's template uses one spelling per role."""
        v = self.memo.get(names)
        if v is None:
            v = self.cp + self.r.choice(names)
            self.memo[names] = v
        return v

    def once(self, key, fn):
        """site-wide template piece, built on first use and reused by every page of the site."""
        if key not in self.memo:
            self.memo[key] = fn()
        return self.memo[key]

    def new_page(self):
        r = self.r
        self.date = "%d-%02d-%02d" % (self.year, r.randint(1, 12), r.randint(1, 28))
        self.body_pinyin_used = False

    def pick(self, key, options):
        v = self.memo.get(key)
        if v is None:
            v = self.r.choice(options)
            self.memo[key] = v
        return v

    def a(self, **kw):
        """attributes with this page's quoting (class_ -> class)."""
        out = []
        for k, v in kw.items():
            if v is None:
                continue
            k = k.rstrip("_").replace("_", "-")
            if v is True:
                out.append(" " + k)
                continue
            v = str(v)
            q = self.q if not self.unq or not re.fullmatch(r"[\w\-]+", v) else ""
            if q == "'" and "'" in v:
                q = '"'
            out.append(" %s=%s%s%s" % (k, q, esc_attr(v) if q else v, q))
        return "".join(out)

    def para(self, group="news"):
        return para(self, group)


DOMAIN_GROUPS = {
    "news": ["news", "misc_news", "finance", "weather", "entertainment", "auto", "realestate", "agriculture", "law",
             "medical", "travel", "education", "jobs", "techblog", "sports", "tech", "health", "official", "food"],
    "forum": ["forum", "chatter", "daily", "reviews", "parenting", "recipes", "life"],
    "blog": ["techblog", "travel", "recipes", "reviews", "daily", "parenting", "life", "food", "forum_life", "tech"],
    "shop": ["commerce", "reviews", "service", "daily"],
    "gov": ["gov", "law", "agriculture", "weather", "news_local", "medical", "jobs", "education", "official"],
    "school": ["education", "parenting", "news_local", "official", "health_edu"],
    "risky": ["media_words", "people_words", "service_words"],
}


def domain_files(sc, group):
    names = list(CLEAN[sc].keys())
    pref = DOMAIN_GROUPS.get(group, [])
    hit = [n for n in names if any(n.startswith(p) for p in pref)]
    return hit or names


def para(ctx, group="news"):
    r = ctx.r
    if ctx.trad and (r.random() < 0.65 or ctx.pinyin_body):
        if not ctx.pinyin_body:
            names = domain_files("trad", group)
            if ctx.hk and r.random() < 0.5:
                names = [n for n in names if "hk" in n] or names
            main = ctx.pick(("main", "trad", group), names)
            return r.choice(CLEAN["trad"][main if r.random() < 0.5 else r.choice(names)])
    sc = "simp"
    names = domain_files(sc, group)
    main = ctx.pick(("main", sc, group), names)
    if r.random() < 0.5:
        names = [main]
    elif not ctx.trad and r.random() < 0.12:
        names = domain_files(sc, "risky")
    s = r.choice(CLEAN[sc][r.choice(names)])
    if ctx.trad:
        s = s2t(s)
        if ctx.pinyin_body and r.random() < 0.5:
            s = pinyin_leftovers(r, s, r.randint(1, 2))
            ctx.body_pinyin_used = True
    return s


def cut_headline(r, s):
    parts = [p for p in re.split(r"[，。；！？,;：]", s) if p]
    for p in parts:
        if 8 <= len(p) <= 28:
            return p
    return s[: r.randint(12, 24)]


def headline(ctx, group="news"):
    r = ctx.r
    if r.random() < 0.45:
        h = r.choice(short("headlines", ctx.trad))
        return h
    return cut_headline(r, ctx.para(group))


# ----------------------------------------------------------------------------- shared HTML pieces
CSS_RULES = ["body{margin:0;font:14px/1.6 \"Microsoft YaHei\",Arial,sans-serif;color:#333}",
             "a{color:#333;text-decoration:none}a:hover{color:#c00}", "ul,li{list-style:none;margin:0;padding:0}",
             ".clearfix:after{content:\"\";display:block;clear:both}", ".fl{float:left}.fr{float:right}",
             ".hide,.hidden{display:none}", ".sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}",
             ".w1200{width:1200px;margin:0 auto}", ".logo{text-indent:-9999px;background:url(/images/logo.png) no-repeat}",
             ".nav li{float:left;padding:0 15px}", ".nav .sub{display:none;position:absolute}", ".nav li:hover .sub{display:block}",
             "@media (max-width:768px){.side{display:none}.w1200{width:100%}}", ".tab-panel{display:none}.tab-panel.on{display:block}",
             ".modal{position:fixed;left:-9999px;top:0}.modal.show{left:50%}", ".gotop{position:fixed;right:20px;bottom:40px}",
             "img{border:0;max-width:100%}", ".footer{background:#f5f5f5;padding:20px 0;text-align:center;color:#999}",
             ".news-list li{height:30px;line-height:30px;overflow:hidden}", ".date{color:#999;float:right}",
             ".inline-block{font-size:0}.inline-block>*{font-size:14px;display:inline-block}", ".fade{opacity:0;transition:opacity .3s}"]


def scripts(ctx, n=None):
    r = ctx.r
    out = []
    pool = [
        "var _hmt = _hmt || [];(function(){var hm=document.createElement(\"script\");hm.src=\"https://hm.baidu.com/hm.js?%s\";var s=document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(hm,s);})();" % rs(r, "0123456789abcdef", 32),
        "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-%s');" % rs(r, LOW.upper() + DIG, 10),
        "(function(){var bp=document.createElement('script');var curProtocol=window.location.protocol.split(':')[0];bp.src=curProtocol==='https'?'https://zz.bdstatic.com/linksubmit/push.js':'http://push.zhanzhang.baidu.com/push.js';var s=document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(bp,s);})();",
        "document.write(unescape(\"%%3Cspan id='cnzz_stat_icon_%s'%%3E%%3C/span%%3E%%3Cscript src='https://s4.cnzz.com/z_stat.php%%3Fid%%3D%s' type='text/javascript'%%3E%%3C/script%%3E\"));" % (rs(r, DIG, 10), rs(r, DIG, 10)),
        "$(function(){$('.tab li').hover(function(){$(this).addClass('on').siblings().removeClass('on');$('.tab-panel').eq($(this).index()).show().siblings('.tab-panel').hide();});});",
        "if(/Android|webOS|iPhone|iPod|BlackBerry/i.test(navigator.userAgent)){var u=location.pathname;location.replace('https://m.%s'+u);}" % ctx.domain.replace("www.", ""),
        "var ref=document.referrer;if(ref){new Image().src='/stat.php?r='+encodeURIComponent(ref)+'&t='+(+new Date());}",
        "function AddFavorite(sURL,sTitle){try{window.external.addFavorite(sURL,sTitle);}catch(e){alert('加入收藏失败，请使用Ctrl+D进行添加');}}",
        "window.onscroll=function(){var t=document.documentElement.scrollTop||document.body.scrollTop;document.getElementById('gotop').style.display=t>300?'block':'none';};",
        "var LA=LA||{};LA.init({id:'%s',ck:'%s'});" % (rs(r, LOW + DIG, 16), rs(r, LOW + DIG, 16)),
    ]
    for s in r.sample(pool, n if n is not None else r.randint(1, 4)):
        out.append("<script%s>%s</script>" % (r.choice(["", " type=\"text/javascript\""]), s))
    return ctx.nl.join(out)


def head_fixed(ctx, og):
    """Site-wide head lines (same for every page of a site): (before title, after description)."""
    r = ctx.r
    a = ctx.a
    pre, post = [], []
    cs = r.choice(["utf-8", "UTF-8", "utf-8", "gbk", "gb2312"] if not ctx.trad else ["utf-8", "UTF-8", "big5"])
    if r.random() < 0.5:
        pre.append("<meta%s>" % a(charset=cs))
    else:
        pre.append("<meta%s>" % a(http_equiv="Content-Type", content="text/html; charset=" + cs))
    if r.random() < 0.7:
        pre.append("<meta%s>" % a(http_equiv="X-UA-Compatible", content="IE=edge,chrome=1"))
    if r.random() < 0.7:
        pre.append("<meta%s>" % a(name="viewport", content=r.choice(["width=device-width, initial-scale=1.0", "width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no", "width=1200"])))
    if r.random() < 0.4:
        pre.append("<meta%s>" % a(name="renderer", content="webkit"))
    metas = [
        ("baidu-site-verification", "code-" + rs(r, LOW + DIG, 10)), ("google-site-verification", rs(r, LOW + DIG + LOW.upper(), 43)),
        ("360-site-verification", rs(r, "0123456789abcdef", 32)), ("sogou_site_verification", rs(r, LOW + DIG, 10)),
        ("shenma-site-verification", rs(r, "0123456789abcdef", 32) + "_" + rs(r, DIG, 10)), ("applicable-device", "pc,mobile"),
        ("mobile-agent", "format=html5;url=https://m.%s/" % ctx.domain.replace("www.", "")), ("format-detection", "telephone=no"),
        ("author", ctx.site), ("generator", r.choice(["DedeCMS", "WordPress 6.2", "Discuz! X3.4", "PHPCMS V9", "EmpireCMS"])),
        ("robots", r.choice(["index,follow", "all"])), ("apple-mobile-web-app-capable", "yes"), ("theme-color", "#" + rs(r, "0123456789abcdef", 6)),
    ]
    for k, v in r.sample(metas, r.randint(2, 7)):
        post.append("<meta%s>" % a(name=k, content=v))
    if og and r.random() < 0.5:
        post.append("<meta%s>" % a(property="og:type", content=r.choice(["article", "website"])))
        post.append("<meta%s>" % a(property="og:site_name", content=ctx.site))
        post.append("OGURL")
    links = [("canonical", "https://%s/" % ctx.domain), ("shortcut icon", "/favicon.ico"), ("stylesheet", "/static/css/%s.css?v=%s" % (r.choice(["style", "common", "main", "index", "reset"]), rs(r, DIG, 8))),
             ("stylesheet", "/template/default/css/global.css"), ("dns-prefetch", "//hm.baidu.com"), ("preconnect", "https://cdn.bootcdn.net"),
             ("alternate", "https://m.%s/" % ctx.domain.replace("www.", "")), ("apple-touch-icon", "/apple-touch-icon.png")]
    for k, v in r.sample(links, r.randint(2, 6)):
        post.append("<link%s>" % a(rel=k, href=v))
    if r.random() < 0.8:
        post.append("<style%s>%s</style>" % (r.choice(["", " type=\"text/css\""]), ctx.nl.join(r.sample(CSS_RULES, r.randint(3, 12)))))
    if r.random() < 0.5:
        post.append("<script%s></script>" % a(src=r.choice(["/static/js/jquery.min.js", "https://cdn.bootcdn.net/ajax/libs/jquery/3.6.0/jquery.min.js", "/js/common.js"])))
    if r.random() < 0.5:
        post.append(scripts(ctx, 1))
    return pre, post


def head(ctx, title, kw, desc, og=True, title_html=None, kw_html=None, desc_html=None, extra=""):
    r = ctx.r
    a = ctx.a
    pre, post = ctx.once("head", lambda: head_fixed(ctx, og))
    lines = list(pre)
    lines.append("<title>%s</title>" % (title_html if title_html is not None else esc(title)))
    if kw is not None:
        if kw_html is None:
            lines.append("<meta%s>" % a(name=ctx.pick("kwname", ["keywords", "keywords", "Keywords"]), content=kw))
        else:
            lines.append("<meta name=\"keywords\" content=\"%s\">" % kw_html)
    if desc is not None:
        if desc_html is None:
            lines.append("<meta%s>" % a(name=ctx.pick("descname", ["description", "description", "Description"]), content=desc))
        else:
            lines.append("<meta name=\"description\" content=\"%s\">" % desc_html)
    for x in post:
        if x == "OGURL":
            x = "<meta%s>" % a(property="og:url", content="https://%s%s" % (ctx.domain, ctx.href()))
        lines.append(x)
    if extra:
        lines.append(extra)
    return ctx.nl.join(lines)


def wrap_html(ctx, headhtml, body, after=""):
    r = ctx.r
    doct = r.choice(["<!DOCTYPE html>", "<!doctype html>", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", ""])
    lang = r.choice(["zh-TW", "zh-Hant", "zh-HK"] if ctx.trad else ["zh-CN", "zh-cn", "zh"]) if r.random() < 0.8 else None
    nl = ctx.nl
    s = "%s%s<html%s>%s<head>%s%s%s</head>%s<body%s>%s%s%s</body>%s</html>" % (
        doct, nl, ctx.a(lang=lang), nl, nl, headhtml, nl, nl, ctx.a(class_=r.choice([None, "home", "article-page", "bg"])),
        nl, body, nl, nl)
    if after:
        s += nl + after
    return s


def ul_links(ctx, items, cls=None, dates=False, inner=None):
    r, nl = ctx.r, ctx.nl
    out = []
    for t in items:
        href = ctx.href()
        d = ("<span%s>%s</span>" % (ctx.a(class_=ctx.c("date", "time", "fr")), "%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)))) if dates else ""
        tg = r.choice([None, "_blank"]) if ctx.tgt == "mix" else ctx.tgt
        out.append("<li><a%s>%s</a>%s</li>" % (ctx.a(href=href, target=tg, title=t if ctx.ttl and r.random() < ctx.ttl else None), esc(t), d))
    return "<ul%s>%s%s%s</ul>" % (ctx.a(class_=cls or ctx.c("list", "news-list", "txt-list", "ul-list")), nl, nl.join(out), nl)


def box(ctx, title, inner, cls=None):
    r = ctx.r
    ht = ctx.pick("box_h", ["h3", "h2", "div", "h4"])
    return "<div%s><%s%s>%s</%s>%s%s</div>" % (ctx.a(class_=cls or ctx.c("box", "mod", "panel", "widget", "side-box")), ht,
                                              ctx.a(class_=ctx.c("tit", "title", "hd", "widget-title")), esc(ctx.L(title)), ht, ctx.nl, inner)


def nav(ctx, group="news", n=None):
    return ctx.once(("nav", n is None), lambda: _nav(ctx, group, n))


def _nav(ctx, group="news", n=None):
    r = ctx.r
    labels = short("nav", ctx.trad)
    items = [ctx.L("首页")] + r.sample(labels, min(len(labels), n or r.randint(8, 18)))
    out = []
    for t in items:
        sub = ""
        if r.random() < 0.25:
            sub = "<ul%s>%s</ul>" % (ctx.a(class_="sub", style=r.choice([None, "display:none"])), "".join(
                "<li><a%s>%s</a></li>" % (ctx.a(href=ctx.dir()), esc(x)) for x in r.sample(labels, r.randint(2, 6))))
        out.append("<li><a%s>%s</a>%s</li>" % (ctx.a(href=ctx.dir()), esc(t), sub))
    return "<div%s><ul>%s</ul></div>" % (ctx.a(class_=ctx.c("nav", "menu", "mainnav", "navbar"), id=r.choice([None, "nav"])), ctx.nl.join(out))


def topbar(ctx):
    return ctx.once(("topbar"), lambda: _topbar(ctx))


def _topbar(ctx):
    r = ctx.r
    bits = [ctx.date + r.choice(["", " 星期" + r.choice("一二三四五六日")]), ctx.L(r.choice(["欢迎访问", "您好，欢迎来到"])) + ctx.site]
    links = [ctx.L(x) for x in r.sample(["设为首页", "加入收藏", "手机版", "登录", "注册", "English", "无障碍", "繁体版", "投稿", "网站地图", "RSS"], r.randint(2, 6))]
    return "<div%s><span>%s</span><div%s>%s</div></div>" % (ctx.a(class_=ctx.c("topbar", "top", "site-top")), esc(r.choice(bits)),
                                                        ctx.a(class_="fr"), " | ".join("<a href=\"javascript:;\">%s</a>" % esc(x) for x in links))


def logo(ctx):
    return ctx.once(("logo"), lambda: _logo(ctx))


def _logo(ctx):
    r = ctx.r
    k = r.random()
    if k < 0.35:
        return "<h1%s><a href=\"/\">%s</a></h1>" % (ctx.a(class_="logo", style=r.choice([None, "text-indent:-9999px"])), esc(ctx.site))
    if k < 0.7:
        return "<div%s><a href=\"/\"><img%s></a></div>" % (ctx.a(class_=ctx.c("logo", "brand")), ctx.a(src="/images/logo.png", alt=ctx.site))
    return "<div%s><a href=\"/\">%s</a><span>%s</span></div>" % (ctx.a(class_="logo"), esc(ctx.site), esc(ctx.L(r.choice(["权威发布 服务民生", "用心做好每一篇内容", "分享生活 记录点滴", "专注行业资讯"]))))


def searchbox(ctx):
    return ctx.once(("searchbox"), lambda: _searchbox(ctx))


def _searchbox(ctx):
    r = ctx.r
    return "<form%s><input%s><button%s>%s</button></form>" % (
        ctx.a(action="/search.php", method="get", class_=ctx.c("search", "so")), ctx.a(type="text", name="q", placeholder=ctx.L("请输入关键词")),
        ctx.a(type="submit"), esc(ctx.L("搜索")))


def breadcrumb(ctx, parts):
    r = ctx.r
    sep = r.choice([" &gt; ", " &raquo; ", " / ", " › ", ">", " - "])
    lead = ctx.L(r.choice(["当前位置：", "您现在的位置：", "位置：", ""]))
    return "<div%s>%s%s</div>" % (ctx.a(class_=ctx.c("crumb", "breadcrumb", "position", "location")), esc(lead),
                                 sep.join("<a%s>%s</a>" % (ctx.a(href=ctx.dir()), esc(p)) for p in parts))


def footer(ctx, group="news", friend_extra=None, extra=()):
    head_rows, tail_rows = ctx.once("footer", lambda: _footer_rows(ctx))
    rows = list(head_rows)
    if friend_extra is not None:
        rows.append(friend_extra)
    rows.extend(extra)
    if friend_extra is None and ctx.memo.get("footer_flink"):
        rows.append(ctx.memo["footer_flink"])
    rows.extend(tail_rows)
    return "<div%s>%s%s%s</div>" % (ctx.a(class_=ctx.c("footer", "foot", "ft", "copyright", "bottom"), id=ctx.pick("footer_id", [None, "footer"])), ctx.nl, ctx.nl.join(rows), ctx.nl)


def _footer_rows(ctx):
    r, nl = ctx.r, ctx.nl
    rows = []
    links = [ctx.L(x) for x in r.sample(["关于我们", "联系我们", "网站地图", "版权声明", "免责声明", "广告服务", "隐私政策", "人才招聘", "意见反馈", "帮助中心", "投稿须知", "友情链接", "网站导航", "用户协议"], r.randint(4, 9))]
    rows.append("<p%s>%s</p>" % (ctx.a(class_=r.choice(["links", "flink", "foot-nav"])), " | ".join("<a%s>%s</a>" % (ctx.a(href=ctx.dir()[:-1] + ".html"), esc(x)) for x in links)))
    head_rows = rows
    rows = []
    ctx.memo["footer_flink"] = friend_links(ctx)[0] if r.random() < 0.4 else None
    lines = short("footer", ctx.trad)
    for ln in r.sample(lines, min(len(lines), r.randint(2, 6))):
        ln = clean_fill(r, ln, ctx)
        rows.append("<p>%s</p>" % esc(ln))
    if ctx.shell in ("shop", "news", "blog", "forum", "twblog", "twnews", "hkforum") and r.random() < 0.35:
        if ctx.trad:
            c = r.choice(["客服LINE：@%s" % rs(r, LOW + DIG, 6, 9), "客服專線：0800-%s-%s" % (rs(r, DIG, 3), rs(r, DIG, 3)),
                          "WhatsApp 查詢：%s %s" % (rs(r, DIG, 4), rs(r, DIG, 4)), "官方粉絲專頁：facebook.com/%s" % rs(r, LOW, 5, 9)])
        else:
            c = r.choice(["客服QQ：%s　服务热线：400-%s-%s" % (rs(r, "123456789", 1) + rs(r, DIG, 7, 9), rs(r, DIG, 3), rs(r, DIG, 4)),
                          "官方微信公众号：%s" % ctx.site, "商务合作微信：%s%s" % (rs(r, LOW, 3, 6), rs(r, DIG, 2, 4)),
                          "扫码下载%sAPP，随时随地看新闻" % ctx.site, "读者QQ群：%s（已满）、%s" % (rs(r, DIG, 9), rs(r, DIG, 9))])
        rows.append("<p>%s</p>" % esc(c))
    if not ctx.trad and r.random() < 0.8:
        rows.append("<p><a%s>%s</a>%s</p>" % (ctx.a(href="https://beian.miit.gov.cn/", target="_blank", rel="nofollow"),
                                             esc("%sICP备%s号-%d" % (ctx.prov, rs(r, DIG, 8), r.randint(1, 5))),
                                             r.choice(["", "　<a href=\"http://www.beian.gov.cn/\">%s</a>" % esc("%s公网安备 %s号" % (ctx.prov, rs(r, DIG, 14)))])))
    if ctx.shell == "gov" and r.random() < 0.7:
        rows.append("<p>%s</p>" % esc(ctx.L("网站标识码：%s　主办：%s　承办：%s办公室" % (rs(r, DIG, 10), ctx.site, ctx.site))))
    rows.append(scripts(ctx))
    return head_rows, rows


def friend_links(ctx, spam=None):
    """Visible friend-link row of partner sites; `spam` = list of (html, display) spam anchors mixed in."""
    r = ctx.r
    pool = short("partners", ctx.trad)
    items = []
    for p in r.sample(pool, min(len(pool), r.randint(4, 12))):
        name, _, dom = p.partition("|")
        items.append(("<a%s>%s</a>" % (ctx.a(href="https://%s/" % (dom or ctx.domain), target="_blank"), esc(name)), name))
    if spam:
        for s in spam:
            items.insert(r.randint(0, len(items)), s)
    sep = r.choice([("　", "　"), (" | ", " | "), (" ", " "), ("", ""), ("&nbsp;", "\xa0")])
    label = ctx.L(r.choice(["友情链接：", "友情链接", "合作伙伴：", "相关链接："]))
    html = "<div%s><b>%s</b>%s</div>" % (ctx.a(class_=ctx.c("flink", "friendlink", "links", "yqlj")), esc(label), sep[0].join(h for h, _ in items))
    return html, label


def legit_hidden(ctx):
    return ctx.once(("legit_hidden"), lambda: _legit_hidden(ctx))


def _legit_hidden(ctx):
    """Harmless hidden elements real sites carry."""
    r = ctx.r
    opts = []
    opts.append("<div%s><ul>%s</ul></div>" % (ctx.a(class_="m-menu", style="display:none"), "".join("<li><a href=\"/%s/\">%s</a></li>" % (ctx.dname(), esc(x)) for x in r.sample(short("nav", ctx.trad), 6))))
    opts.append("<div%s><h4>%s</h4><input%s><input%s><button>%s</button></div>" % (
        ctx.a(id="loginBox", class_="modal", style=r.choice(["display:none", "visibility:hidden", None])), esc(ctx.L("用户登录")),
        ctx.a(type="text", placeholder=ctx.L("用户名/手机号")), ctx.a(type="password", placeholder=ctx.L("密码")), esc(ctx.L("登录"))))
    opts.append("<a%s>%s</a>" % (ctx.a(class_="sr-only", href="#main"), esc(ctx.L("跳到主要内容"))))
    opts.append("<div%s>%s</div>" % (ctx.a(id="gotop", class_="gotop", style="display:none"), esc(ctx.L("返回顶部"))))
    opts.append("<div%s>%s</div>" % (ctx.a(class_="tab-panel", style=r.choice(["display:none", "visibility:hidden"])), ul_links(ctx, [headline(ctx) for _ in range(r.randint(3, 6))])))
    opts.append("<marquee%s>%s</marquee>" % (ctx.a(direction="left", scrollamount=r.randint(2, 5), onmouseover="this.stop()"), esc(r.choice(short("announce", ctx.trad)))))
    opts.append("<div hidden%s>%s</div>" % (ctx.a(id="cookie-tip"), esc(ctx.L("本站使用Cookie以改善浏览体验，继续浏览即表示您同意我们的隐私政策。"))))
    opts.append("<div%s><input%s><span>%s</span></div>" % (ctx.a(class_="upload"), ctx.a(type="file", style="opacity:0;position:absolute"), esc(ctx.L("上传图片"))))
    opts.append("<div%s>%s</div>" % (ctx.a(style="position:absolute;left:-9999px;top:-9999px"), esc(ctx.L(r.choice(["分享到微信", "扫码关注公众号", "客服热线"])))))
    return r.sample(opts, r.randint(1, 4))


def tags_line(ctx):
    r = ctx.r
    tags = r.sample(short("tags", ctx.trad), r.randint(3, 7))
    return "<div%s>%s%s</div>" % (ctx.a(class_=ctx.c("tags", "tag", "keywords")), esc(ctx.L("标签：")),
                                  r.choice([" ", " | ", "、"]).join("<a%s>%s</a>" % (ctx.a(href="/tag/%d.html" % ctx.seq()), esc(t)) for t in tags))


# ----------------------------------------------------------------------------- spam block rendering
class Spam:
    """Per-page spam state: category plan, obfuscations, collected snippets."""

    def __init__(self, r, cat, trad_spam, obfs, html=True):
        self.r, self.cat, self.trad, self.obfs = r, cat, trad_spam, list(obfs)
        self.applied = []
        self.snips = []  # (text, cat)
        self.places = []
        self.enc = Enc(r, r.choice([0.3, 0.6, 1.0]) if "entities" in self.obfs and html else 0.0)
        self.pobf = r.choice([0.5, 0.8, 1.0])

    def pick_cat(self):
        return self.r.choice(CATS) if self.cat == "mixed" else self.cat

    def obf(self, s):
        r = self.r
        for o in self.obfs:
            if o == "entities":
                continue
            if o != "trad" and r.random() > self.pobf:
                continue
            t = obf_text(r, s, o)
            if t != s:
                s = t
                if o not in self.applied:
                    self.applied.append(o)
        return s

    def henc(self, s):
        h = self.enc(s)
        if self.enc.p and h != esc(s) and "entities" not in self.applied:
            self.applied.append("entities")
        return h

    def item(self, kind="kw", cat=None):
        c = cat or self.pick_cat()
        if kind == "kw":
            s = spam_kw(self.r, c, self.trad)
        elif kind == "sent":
            s = spam_sentence(self.r, c, self.trad)
        else:
            s = spam_title(self.r, c, self.trad)
        return self.obf(s), c

    def add(self, text, cat):
        t = norm(text)
        if t:
            self.snips.append((t, cat))

    def catof(self, cats):
        u = sorted(set(cats))
        return u[0] if len(u) == 1 else "mixed"

    def block(self, ctx, n=None, kind="kw", sep=None, links=None, label=None, wrapper=None):
        """Render n spam items with a separator. Returns html; snippets are recorded."""
        r = self.r
        n = n or r.randint(5, 30)
        items = [self.item(kind) for _ in range(n)]
        sep = sep or r.choice(SEPS)
        if links is None:
            links = r.random() < 0.4
        tag = wrapper or r.choice(["div", "div", "p", "section", "td", "span", "h2", "strong", "center"])
        lab = ""
        if label:
            lab = "<b>%s</b>" % esc(label) if r.random() < 0.5 else esc(label)

        def one(d):
            h = self.henc(d)
            if links:
                return "<a%s>%s</a>" % (ctx.a(href=spam_url(r) if r.random() < 0.8 else "/%s.html" % rs(r, DIG, 4, 6),
                                                target=r.choice([None, "_blank"])), h)
            k = r.random()
            if k < 0.1:
                return "<span>%s</span>" % h
            if k < 0.15:
                return "<font%s>%s</font>" % (ctx.a(color=r.choice(["red", "#f00", "#333"])), h)
            if k < 0.2:
                return "<strong>%s</strong>" % h
            return h

        sh, sd = sep
        if sh in ("BR", "LI") or (sh == "NL" and tag in ("span", "strong")):
            sub = []
            for d, c in items:
                if sh == "LI":
                    sub.append("<li>%s</li>" % one(d))
                else:
                    sub.append(one(d))
                self.add(d, c)
            if sh == "LI":
                inner = "<%s>%s</%s>" % (r.choice(["ul", "ol"]), "".join(sub), "ul")
                inner = inner.replace("<ol>", "<ul>") if inner.startswith("<ol>") and inner.endswith("</ul>") else inner
                tag = "div" if tag in ("span", "strong", "td", "h2") else tag
            else:
                inner = r.choice(["<br>", "<br/>", "<br />"]).join(sub)
            return "<%s>%s%s</%s>" % (tag, lab, inner, tag)
        hs, ds = [], []
        for i, (d, c) in enumerate(items):
            if sh == "BRACKET":
                o, cl = (sd[0], sd[-1]) if sd != "[ ]" else ("[ ", " ]")
                hs.append(esc(o) + one(d) + esc(cl))
                ds.append(o + d + cl)
            elif sh == "NUM":
                pfx = sd.replace("1", str(i + 1)) if sd != "(1)" else "(%d)" % (i + 1)
                hs.append(esc(pfx) + one(d))
                ds.append(pfx + d)
            else:
                hs.append(one(d))
                ds.append(d)
        if sh == "BRACKET":
            jh = jd = r.choice(["", " ", ""])
        elif sh == "NUM":
            jh = jd = r.choice([" ", "  ", "；"])
        elif sh == "NL":
            jh, jd = "\n", "\n"
        else:
            jh, jd = sh, sd
        self.add(jd.join(ds), self.catof([c for _, c in items]))
        return "<%s>%s%s</%s>" % (tag, lab, jh.join(hs), tag)

    def sentences(self, ctx, n=None, tag="p"):
        r = self.r
        out = []
        for _ in range(n or r.randint(1, 4)):
            d, c = self.item("sent")
            self.add(d, c)
            out.append("<%s>%s</%s>" % (tag, self.henc(d), tag))
        return "".join(out)

    def linkfarm(self, ctx, n=None, inline=None):
        r = self.r
        n = n or r.randint(10, 60)
        hs = []
        for _ in range(n):
            d, c = self.item("kw")
            self.add(d, c)
            hs.append("<a%s>%s</a>" % (ctx.a(href="http://%s/" % spam_domain(r) if r.random() < 0.85 else spam_url(r),
                                             target=r.choice([None, "_blank", "_blank"]), title=d if r.random() < 0.2 else None), self.henc(d)))
        if inline is None:
            inline = r.random() < 0.5
            if not inline and r.random() < 0.25:
                cols = r.randint(3, 6)
                rows = ["<tr>%s</tr>" % "".join("<td>%s</td>" % h for h in hs[i:i + cols]) for i in range(0, len(hs), cols)]
                return "<table%s>%s</table>" % (ctx.a(width="100%", border="0"), "".join(rows))
        if inline:
            sep = r.choice(["", " ", " | ", "　", "&nbsp;", "<br>", "\n", "、"])
            return sep.join(hs)
        return "<ul>%s</ul>" % "".join("<li>%s</li>" % h for h in hs)


HIDE_STYLES = ["display:none", "display: none;", "visibility:hidden", "position:absolute;left:-9999px",
               "position:absolute;top:-9999px", "position:absolute;left:-10000px;top:-10000px", "text-indent:-9999px",
               "font-size:0", "font-size:0px;line-height:0", "width:0;height:0;overflow:hidden",
               "width:1px;height:1px;overflow:hidden", "opacity:0", "opacity:0;filter:alpha(opacity=0)",
               "position:fixed;z-index:-1;top:-800px", "height:0;overflow:hidden", "display:none!important",
               "clip:rect(0 0 0 0);position:absolute", "color:#fff;font-size:1px"]


def hide_wrap(ctx, inner, tag="div"):
    """Wrap inner html in a hiding construct. Returns (html, css_for_head, how)."""
    html, css, how = _hide_wrap(ctx, inner, tag)
    return html, css, how.replace(";", ",").replace(" ", "")


def _hide_wrap(ctx, inner, tag="div"):
    r = ctx.r
    k = r.random()
    if k < 0.55:
        st = r.choice(HIDE_STYLES)
        return "<%s%s>%s</%s>" % (tag, ctx.a(style=st, class_=r.choice([None, None, rs(r, LOW, 2, 5)])), inner, tag), "", "style:" + st.rstrip(";")
    if k < 0.7:
        name = rs(r, LOW, 1, 3) + rs(r, DIG + LOW, 1, 4)
        st = r.choice(["display:none", "visibility:hidden", "position:absolute;left:-9999px", "font-size:0;height:0;overflow:hidden", "text-indent:-9999px;overflow:hidden"])
        if r.random() < 0.6:
            css = "<style>.%s{%s}</style>" % (name, st)
            return "<%s%s>%s</%s>" % (tag, ctx.a(class_=name), inner, tag), css, "css_class:" + st
        css = "<style>#%s{%s}</style>" % (name, st)
        return "<%s%s>%s</%s>" % (tag, ctx.a(id=name), inner, tag), css, "css_id:" + st
    if k < 0.78:
        return "<marquee%s>%s</marquee>" % (ctx.a(width=r.choice([1, 2, 5, 0]), height=r.choice([1, 2, 0]), scrollamount=r.randint(1, 9999)), inner), "", "marquee"
    if k < 0.84:
        return "<%s hidden>%s</%s>" % (tag, inner, tag), "", "hidden_attr"
    if k < 0.87:
        return "<noscript>%s</noscript>" % inner, "", "noscript"
    if k < 0.94:
        i = rs(r, LOW, 3, 6) + rs(r, DIG, 1, 3)
        return ("<%s%s>%s</%s><script>document.getElementById('%s').style.display='none';</script>" % (tag, ctx.a(id=i), inner, tag, i), "", "script_hide")
    st = r.choice(HIDE_STYLES)
    return "<div%s><div>%s</div></div>" % (ctx.a(style=st), inner), "", "nested_style:" + st


# ----------------------------------------------------------------------------- page skeleton with slots
class Page:
    def __init__(self, ctx):
        self.ctx = ctx
        self.title = ""
        self.kw = None
        self.desc = None
        self.title_html = self.kw_html = self.desc_html = None
        self.head_extra = []
        self.slots = {k: [] for k in ("body_top", "header", "after_nav", "in_article_middle", "after_article", "sidebar",
                                      "comments", "before_footer", "footer", "after_html", "after_body")}


def article_paras(ctx, n, group, hard=None):
    r = ctx.r
    out = []
    for i in range(n):
        for _ in range(4):
            if hard and (i < 2 or r.random() < 0.6):
                p = r.choice(hard)
            else:
                p = ctx.para(group)
            if p not in out:
                break
        out.append(p)
    return out


def p_html(ctx, paras):
    r = ctx.r
    out = []
    style = ctx.pick("p_style", [0.0, 0.0, 0.75, 0.85, 0.9])
    for p in paras:
        k = r.random() if r.random() < 0.3 else style
        if k < 0.7:
            out.append("<p>%s%s</p>" % ("　　" if r.random() < 0.3 else "", esc(p)))
        elif k < 0.8:
            out.append("<p%s>%s</p>" % (ctx.a(style="text-indent:2em"), esc(p)))
        elif k < 0.88:
            out.append("<div>%s</div>" % esc(p))
        elif k < 0.94:
            out.append("<p><img%s></p><p>%s</p>" % (ctx.a(src="/uploads/allimg/%s.jpg" % rs(r, DIG, 10), alt=cut_headline(r, p)), esc(p)))
        else:
            out.append("<blockquote>%s</blockquote>" % esc(p))
    return out


# ---- shells: each returns full html given a Page (title/meta/slots filled by injectors)
def assemble_common(pg, body):
    ctx = pg.ctx
    hd = head(ctx, pg.title, pg.kw, pg.desc, title_html=pg.title_html, kw_html=pg.kw_html, desc_html=pg.desc_html,
              extra=ctx.nl.join(pg.head_extra))
    s = pg.slots
    body = ctx.nl.join(s["body_top"]) + ctx.nl + body + ctx.nl + ctx.nl.join(s["after_body"])
    return wrap_html(ctx, hd, body, ctx.nl.join(s["after_html"]))


def J(ctx, *parts):
    return ctx.nl.join(p for p in parts if p)


def shell_news(pg, content):
    """DedeCMS / PHPCMS style news article with huge nav, side lists, related list."""
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    hdr = J(ctx, topbar(ctx) if r.random() < 0.8 else "", "<div%s>%s%s</div>" % (ctx.a(class_=ctx.c("header", "head", "top-wrap")), logo(ctx), searchbox(ctx) if r.random() < 0.7 else ""),
            *s["header"], nav(ctx), nav(ctx, n=r.randint(6, 12)) if r.random() < 0.4 else "", *s["after_nav"])
    crumb = breadcrumb(ctx, [ctx.L("首页"), r.choice(short("nav", ctx.trad)), ctx.L("正文")])
    info = "<div%s>%s</div>" % (ctx.a(class_=ctx.c("info", "article-info", "meta")), "　".join(esc(x) for x in [
        ctx.L("时间：") + ctx.date + " %02d:%02d" % (r.randint(0, 23), r.randint(0, 59)),
        ctx.L("来源：") + r.choice(short("sites", ctx.trad)), ctx.L("作者：") + r.choice(SURN) + r.choice(GIVEN),
        ctx.L("浏览：") + str(r.randint(10, 99999)) + ctx.L("次")][: r.randint(2, 4)]))
    ps = p_html(ctx, c["paras"])
    if s["in_article_middle"]:
        k = r.randint(1, max(1, len(ps) - 1))
        ps = ps[:k] + s["in_article_middle"] + ps[k:]
    body_art = J(ctx, "<h1>%s</h1>" % esc(c["h1"]), info, "<div%s>%s</div>" % (ctx.a(class_=ctx.c("content", "article-content", "con", "TRS_Editor"), id=r.choice([None, "content", "article"])), ctx.nl.join(ps)),
                 "<p>%s</p>" % esc(ctx.L("（责任编辑：") + r.choice(SURN) + r.choice(GIVEN) + ctx.L("）")) if r.random() < 0.6 else "",
                 tags_line(ctx) if r.random() < 0.5 else "", *s["after_article"],
                 "<div%s><p>%s<a href=\"/%s.html\">%s</a></p><p>%s<a href=\"/%s.html\">%s</a></p></div>" % (
                     ctx.a(class_="prenext"), esc(ctx.L("上一篇：")), rs(r, DIG, 5), esc(headline(ctx)), esc(ctx.L("下一篇：")), rs(r, DIG, 5), esc(headline(ctx))),
                 box(ctx, r.choice(["相关阅读", "相关文章", "延伸阅读", "猜你喜欢"]), ul_links(ctx, [headline(ctx) for _ in range(ctx.n(5, 14))], dates=r.random() < 0.5)),
                 *s["comments"])
    side = J(ctx, ctx.once("side", lambda: J(ctx, *[box(ctx, t, ul_links(ctx, [headline(ctx) for _ in range(ctx.n(6, 12))], dates=r.random() < 0.3))
                                                     for t in r.sample(["热门推荐", "热点排行", "最新文章", "图片新闻", "本周热点", "编辑推荐", "点击排行"], max(1, min(4, ctx.n(1, 4))))],
                                                   box(ctx, "热门标签", tags_line(ctx)) if r.random() < 0.4 else "")), *s["sidebar"])
    main = "<div%s><div%s>%s%s</div><div%s>%s</div></div>" % (ctx.a(class_=ctx.c("main", "wrap", "w1200", "container")),
                                                           ctx.a(class_=ctx.c("left", "main-left", "col-8", "article")), crumb, body_art,
                                                           ctx.a(class_=ctx.c("right", "side", "sidebar", "col-4")), side)
    extra = J(ctx, *legit_hidden(ctx)) if r.random() < 0.7 else ""
    ft = J(ctx, *s["before_footer"], footer(ctx, extra=s["footer"]))
    return assemble_common(pg, J(ctx, hdr, extra, main, ft))


def forum_post(ctx, floor, user, text_html, trad, sig=None):
    r = ctx.r
    lv = ctx.L(r.choice(["新手上路", "注册会员", "中级会员", "高级会员", "金牌会员", "论坛元老", "版主"]))
    meta = "%s %s %s" % (ctx.L("发表于"), "%d-%d-%d %02d:%02d" % (ctx.year, r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59)),
                         "")
    fl = {1: ctx.L("楼主"), 2: ctx.L("沙发"), 3: ctx.L("板凳"), 4: ctx.L("地板")}.get(floor, "%d#" % floor)
    sig_html = "<div%s>%s</div>" % (ctx.a(class_="sign"), sig) if sig else ""
    if ctx.pick("post_layout", [0, 1]):
        return ("<table%s><tr><td%s><div%s><a%s>%s</a></div><p>%s</p><p>%s %d</p></td><td%s><div%s><em>%s</em><strong>%s</strong></div>"
                "<div%s><table><tr><td%s>%s</td></tr></table></div>%s</td></tr></table>") % (
            ctx.a(id="pid%s" % rs(r, DIG, 6, 8), class_="plhin"), ctx.a(class_="pls"), ctx.a(class_="authi"), ctx.a(href="home.php?mod=space&uid=%s" % rs(r, DIG, 4, 7), class_="xw1"),
            esc(user), esc(lv), esc(ctx.L("积分")), r.randint(0, 9999), ctx.a(class_="plc"), ctx.a(class_="pti"), esc(meta), esc(fl),
            ctx.a(class_="pct"), ctx.a(class_="t_f", id="postmessage_%s" % rs(r, DIG, 6, 8)), text_html, sig_html)
    return "<div%s><div%s><span%s>%s</span><span>%s</span><span>%s</span></div><div%s>%s</div>%s</div>" % (
        ctx.a(class_=ctx.c("post", "reply", "floor")), ctx.a(class_="post-head"), ctx.a(class_="uname"), esc(user), esc(meta), esc(fl),
        ctx.a(class_=ctx.c("post-body", "message", "content")), text_html, sig_html)


def clean_reply(ctx, page_kind):
    r = ctx.r
    sc = "trad" if ctx.trad else "simp"
    k = r.random()
    if page_kind == "offensive" and k < 0.45:
        return r.choice(OFFENSIVE[sc] or OFFENSIVE["simp"])
    if k < 0.4:
        return r.choice(COMMENTS.get("replies." + sc) or COMMENTS.get("replies.simp") or ["顶"])
    if k < 0.5:
        q = r.choice(COMMENTS.get("replies." + sc) or ["+1"])
        return ctx.L("引用 %d 楼：") % r.randint(1, 30) + q
    return ctx.para("forum")


def username(ctx):
    r = ctx.r
    if r.random() < 0.35:
        return latin_user(r)
    return r.choice(short("usernames", ctx.trad))


def shell_forum(pg, content):
    """Discuz!-style thread (simplified) or Hong Kong / Taiwan forum (traditional)."""
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    sec = r.choice(COMMENTS.get("sections." + ("trad" if ctx.trad else "simp")) or ["灌水专区"])
    hdr = J(ctx, "<div%s>%s<div%s><a href=\"member.php?mod=logging\">%s</a> | <a href=\"member.php?mod=register\">%s</a></div></div>" % (
        ctx.a(class_="hd"), logo(ctx), ctx.a(class_="y"), esc(ctx.L("登录")), esc(ctx.L("立即注册"))), *s["header"], nav(ctx, n=r.randint(5, 10)), *s["after_nav"],
        breadcrumb(ctx, [ctx.site, ctx.L("论坛"), sec, cut_headline(r, c["h1"])]))
    posts = []
    for i, (user, th, sig) in enumerate(c["posts"], 1):
        posts.append(forum_post(ctx, i, user, th, ctx.trad, sig))
        if i == 1 and s["in_article_middle"]:
            posts.extend(s["in_article_middle"])
        if i == 1 and s["after_article"]:
            posts.extend(s["after_article"])
    thread = J(ctx, "<h1%s><a href=\"#\">[%s]</a> %s</h1>" % (ctx.a(class_="ts"), esc(sec), esc(c["h1"])),
               "<div%s>%s %d | %s %d</div>" % (ctx.a(class_="hm"), esc(ctx.L("查看:")), r.randint(50, 90000), esc(ctx.L("回复:")), len(c["posts"]) - 1),
               "<div%s>%s</div>" % (ctx.a(id="postlist", class_="pl"), ctx.nl.join(posts)), *s["comments"],
               "<div%s>%s</div>" % (ctx.a(class_="pgs"), " ".join("<a href=\"thread-%s-%d-1.html\">%d</a>" % (rs(r, DIG, 5), k, k) for k in range(1, r.randint(2, 9)))),
               "<div%s><textarea%s></textarea><button>%s</button></div>" % (ctx.a(id="f_pst"), ctx.a(name="message", placeholder=ctx.L("说点什么吧")), esc(ctx.L("发表回复"))))
    side = J(ctx, ctx.once("side", lambda: box(ctx, r.choice(["热门帖子", "最新回复", "本版热帖"]), ul_links(ctx, [headline(ctx, "forum") for _ in range(ctx.n(5, 12))])) if r.random() < 0.6 else ""), *s["sidebar"])
    ft = J(ctx, *s["before_footer"], footer(ctx, extra=s["footer"]), "<p>Powered by <a href=\"https://www.discuz.net\">Discuz!</a> X3.%d</p>" % r.randint(2, 5) if not ctx.hk else "")
    return assemble_common(pg, J(ctx, hdr, J(ctx, *legit_hidden(ctx)) if r.random() < 0.5 else "", "<div%s>%s%s</div>" % (ctx.a(id="wp", class_="wp"), thread, side), ft))


def shell_blog(pg, content):
    """WordPress / Pixnet-like blog post with widgets and comment list."""
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    hdr = J(ctx, "<header%s><div%s><a href=\"/\">%s</a></div><p%s>%s</p></header>" % (
        ctx.a(id="masthead", class_="site-header"), ctx.a(class_="site-title"), esc(ctx.site), ctx.a(class_="site-description"),
        esc(ctx.L(r.choice(["又一个WordPress站点", "记录生活的点点滴滴", "读书、旅行与写作", "一个程序员的自留地"])))), *s["header"],
        "<nav%s>%s</nav>" % (ctx.a(class_="main-navigation"), nav(ctx, n=r.randint(4, 9))), *s["after_nav"])
    ps = p_html(ctx, c["paras"])
    if s["in_article_middle"]:
        k = r.randint(1, max(1, len(ps) - 1))
        ps = ps[:k] + s["in_article_middle"] + ps[k:]
    cmts = []
    for user, th in c["comments"]:
        cmts.append("<li%s><div%s><cite%s>%s</cite> <span>%s</span></div><div%s>%s</div></li>" % (
            ctx.a(class_="comment", id="comment-%s" % rs(r, DIG, 3, 5)), ctx.a(class_="comment-author vcard"), ctx.a(class_="fn"), user,
            esc("%s %d:%02d" % (ctx.date, r.randint(0, 23), r.randint(0, 59))), ctx.a(class_="comment-content"), th))
    art = J(ctx, "<article%s><h1%s>%s</h1><div%s>%s %s %s</div><div%s>%s</div>%s</article>" % (
        ctx.a(id="post-%s" % rs(r, DIG, 2, 5), class_="post type-post"), ctx.a(class_="entry-title"), esc(c["h1"]), ctx.a(class_="entry-meta"),
        esc(ctx.L("发布于")), esc(ctx.date), esc(ctx.L("分类：") + r.choice(short("tags", ctx.trad))),
        ctx.a(class_="entry-content"), ctx.nl.join(ps), tags_line(ctx) if r.random() < 0.6 else ""), *s["after_article"],
        "<div%s><h3>%s</h3><ol%s>%s</ol></div>" % (ctx.a(id="comments", class_="comments-area"), esc(ctx.L("%d 条评论") % len(cmts)), ctx.a(class_="commentlist"), ctx.nl.join(cmts)) if cmts else "",
        *s["comments"],
        "<div%s><h3>%s</h3><textarea></textarea><input%s></div>" % (ctx.a(id="respond"), esc(ctx.L("发表评论")), ctx.a(type="submit", value=ctx.L("提交评论"))))
    widgets = ctx.once("widgets", lambda: [box(ctx, "近期文章", ul_links(ctx, [headline(ctx, "blog") for _ in range(ctx.n(4, 8))]), cls="widget"),
               box(ctx, "近期评论", ul_links(ctx, [username(ctx) + ctx.L("发表在《") + cut_headline(r, ctx.para("blog")) + ctx.L("》") for _ in range(r.randint(3, 6))]), cls="widget"),
               box(ctx, "文章归档", ul_links(ctx, ["%d年%d月" % (ctx.year - r.randint(0, 3), r.randint(1, 12)) for _ in range(r.randint(4, 12))]), cls="widget"),
               box(ctx, "分类目录", ul_links(ctx, r.sample(short("tags", ctx.trad), 6)), cls="widget"),
               box(ctx, "标签云", tags_line(ctx), cls="widget")])
    wsel = ctx.once("wsel", lambda: r.sample(range(len(widgets)), r.randint(2, 5)))
    side = "<aside%s>%s%s</aside>" % (ctx.a(id="secondary", class_="widget-area"), ctx.nl.join(widgets[i] for i in wsel), J(ctx, *s["sidebar"]))
    ft = J(ctx, *s["before_footer"], "<footer%s>%s<p>%s</p>%s</footer>" % (
        ctx.a(id="colophon", class_="site-footer"), J(ctx, *s["footer"]), esc(clean_fill(r, r.choice(short("footer", ctx.trad)), ctx)),
        r.choice(["", "<p>" + esc(ctx.L("自豪地采用WordPress")) + "</p>", "<p>Theme by <a href=\"#\">Twenty Twenty</a></p>"])), scripts(ctx))
    return assemble_common(pg, J(ctx, hdr, "<div%s><main%s>%s</main>%s</div>" % (ctx.a(id="content", class_="site-content"), ctx.a(id="main"), art, side), ft))


def shell_shop(pg, content):
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    price = "%d.%02d" % (r.randint(9, 8999), r.randint(0, 99))
    specs = "".join("<tr><th>%s</th><td>%s</td></tr>" % (esc(ctx.L(k)), esc(ctx.L(v))) for k, v in r.sample([
        ("品牌", r.choice(["华信", "鑫达", "青禾", "星海"])), ("型号", rs(r, LOW.upper(), 2) + "-" + rs(r, DIG, 3)), ("产地", r.choice(CITIES_S)),
        ("重量", "%dg" % r.randint(50, 3000)), ("颜色", r.choice(["黑色", "白色", "银色", "蓝色"])), ("保质期", "%d个月" % r.randint(6, 36)),
        ("包装", r.choice(["盒装", "袋装", "礼盒"])), ("材质", r.choice(["不锈钢", "棉", "ABS塑料", "陶瓷"]))], r.randint(4, 8)))
    revs = "".join("<li><span%s>%s</span><div>%s</div><em>%s</em></li>" % (ctx.a(class_="u"), u, th, esc(ctx.date)) for u, th in c["comments"])
    hdr = J(ctx, topbar(ctx), "<div%s>%s%s</div>" % (ctx.a(class_="header"), logo(ctx), searchbox(ctx)), *s["header"], nav(ctx, n=r.randint(8, 14)), *s["after_nav"],
            breadcrumb(ctx, [ctx.L("首页"), r.choice(short("tags", ctx.trad)), cut_headline(r, c["h1"])]))
    ps = p_html(ctx, c["paras"])
    if s["in_article_middle"]:
        ps = ps[:1] + s["in_article_middle"] + ps[1:]
    main = J(ctx, "<div%s><div%s><img%s></div><div%s><h1>%s</h1><div%s>%s<b>%s</b></div><div>%s</div><a%s>%s</a> <a%s>%s</a></div></div>" % (
        ctx.a(class_="goods-top"), ctx.a(class_="gallery"), ctx.a(src="/upload/goods/%s.jpg" % rs(r, DIG, 8), alt=c["h1"]), ctx.a(class_="goods-info"),
        esc(c["h1"]), ctx.a(class_="price"), esc(ctx.L("价格：￥") if not ctx.trad else "售價：NT$"), price,
        esc(ctx.L("月销 %d 件  累计评价 %d") % (r.randint(10, 9999), r.randint(1, 5000))), ctx.a(href="javascript:;", class_="btn-cart"), esc(ctx.L("加入购物车")),
        ctx.a(href="javascript:;", class_="btn-buy"), esc(ctx.L("立即购买"))),
        "<ul%s><li class=\"on\">%s</li><li>%s</li><li>%s</li></ul>" % (ctx.a(class_="tab"), esc(ctx.L("商品详情")), esc(ctx.L("规格参数")), esc(ctx.L("用户评价"))),
        "<div%s>%s</div>" % (ctx.a(class_="tab-panel on"), ctx.nl.join(ps)),
        "<div%s><table>%s</table></div>" % (ctx.a(class_="tab-panel", style=r.choice(["display:none", None])), specs), *s["after_article"],
        "<div%s><ul>%s</ul></div>" % (ctx.a(class_="tab-panel", style=r.choice(["display:none", None])), revs), *s["comments"],
        box(ctx, r.choice(["看了又看", "猜你喜欢", "热销推荐"]), ul_links(ctx, [cut_headline(r, ctx.para("shop")) for _ in range(ctx.n(4, 10))])))
    ft = J(ctx, *s["before_footer"], "<div%s>%s</div>" % (ctx.a(class_="service"), "".join("<dl><dt>%s</dt><dd>%s</dd></dl>" % (esc(ctx.L(a)), esc(ctx.L(b))) for a, b in r.sample(
        [("正品保障", "官方授权 假一赔十"), ("七天无理由", "七天无理由退换货"), ("极速发货", "下单后24小时内发货"), ("售后无忧", "全国联保 上门服务")], r.randint(2, 4)))),
        footer(ctx, extra=s["footer"]))
    return assemble_common(pg, J(ctx, hdr, J(ctx, *legit_hidden(ctx)), "<div%s>%s<div%s>%s</div></div>" % (ctx.a(class_="w1200"), main, ctx.a(class_="side"), J(ctx, *s["sidebar"])), ft))


def shell_gov(pg, content):
    """Government portal / school site notice page (table or div layout)."""
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    school = ctx.shell == "school"
    navl = ["首页", "学校概况", "新闻动态", "通知公告", "教学科研", "招生就业", "师资队伍", "党建工作", "校园文化", "联系我们"] if school else \
        ["首页", "政务公开", "政务服务", "互动交流", "走进本市", "政策文件", "新闻中心", "数据发布", "专题专栏", "信息公开目录"]
    navh = "<div%s><ul>%s</ul></div>" % (ctx.a(class_=ctx.c("nav", "menu")), "".join("<li><a href=\"/%s/\">%s</a></li>" % (ctx.dname(), esc(ctx.L(x))) for x in navl))
    tools = "<div%s>%s</div>" % (ctx.a(class_="tools"), " | ".join("<a href=\"javascript:;\">%s</a>" % esc(ctx.L(x)) for x in r.sample(["无障碍", "长者模式", "繁体", "简体", "English", "智能问答", "移动版", "政务微博"], 4)))
    hdr = J(ctx, tools, "<div%s>%s</div>" % (ctx.a(class_="banner"), logo(ctx)), *s["header"], navh, *s["after_nav"],
            breadcrumb(ctx, [ctx.L("首页"), ctx.L("通知公告" if school else "政务公开"), ctx.L("正文")]))
    meta = "<table%s><tr><td>%s%s</td><td>%s%s</td></tr><tr><td>%s%s</td><td>%s%d</td></tr></table>" % (
        ctx.a(class_="xxgk"), esc(ctx.L("发布机构：")), esc(ctx.site), esc(ctx.L("发布日期：")), ctx.date, esc(ctx.L("文号：")),
        esc("%s〔%d〕%d号" % (ctx.L(r.choice(["政办发", "教发", "府函", "办字"])), ctx.year, r.randint(1, 99))), esc(ctx.L("浏览次数：")), r.randint(10, 9999))
    ps = p_html(ctx, c["paras"])
    if s["in_article_middle"]:
        k = r.randint(1, max(1, len(ps) - 1))
        ps = ps[:k] + s["in_article_middle"] + ps[k:]
    att = "<div%s><p>%s</p>%s</div>" % (ctx.a(class_="attach"), esc(ctx.L("附件：")), "".join("<p><a href=\"/uploadfile/%s.%s\">%d.%s</a></p>" % (
        rs(r, DIG, 12), r.choice(["doc", "pdf", "xls", "docx"]), i + 1, esc(cut_headline(r, ctx.para("gov")))) for i in range(r.randint(1, 3)))) if r.random() < 0.5 else ""
    art = J(ctx, "<h1>%s</h1>" % esc(c["h1"]), meta if not school or r.random() < 0.3 else "", "<div%s>%s</div>" % (ctx.a(class_=ctx.c("TRS_Editor", "article", "content", "zoom")), ctx.nl.join(ps)),
            att, "<p%s>%s<br>%s</p>" % (ctx.a(style="text-align:right"), esc(ctx.site), ctx.date), *s["after_article"],
            box(ctx, "相关文件" if not school else "相关通知", ul_links(ctx, [headline(ctx, "gov") for _ in range(ctx.n(4, 10))], dates=True)), *s["comments"])
    side = J(ctx, ctx.once("side", lambda: J(ctx, box(ctx, "通知公告", ul_links(ctx, [headline(ctx, "gov") for _ in range(ctx.n(5, 10))], dates=True)),
             box(ctx, "便民服务" if not school else "快速通道", "<ul>%s</ul>" % "".join("<li><a href=\"#\">%s</a></li>" % esc(ctx.L(x)) for x in r.sample(
                 ["社保查询", "公积金查询", "办事指南", "在线申报", "政策问答", "领导信箱", "依申请公开", "网上办事大厅"] if not school else
                 ["教务系统", "图书馆", "校历", "信息门户", "校友会", "招生网", "就业网", "校园邮箱"], 5))))), *s["sidebar"])
    links = "<div%s><select><option>%s</option>%s</select></div>" % (ctx.a(class_="links"), esc(ctx.L("-- 政府网站 --" if not school else "-- 教育网站 --")),
                                                                     "".join("<option>%s</option>" % esc(p.partition("|")[0]) for p in r.sample(short("partners", ctx.trad), 5)))
    ft = J(ctx, *s["before_footer"], links, footer(ctx, extra=s["footer"]))
    if r.random() < 0.4:
        main = "<table%s><tr><td%s>%s</td><td%s>%s</td></tr></table>" % (ctx.a(width="1000", align="center", cellpadding="0", cellspacing="0"), ctx.a(width="700", valign="top"), art, ctx.a(valign="top"), side)
    else:
        main = "<div%s><div%s>%s</div><div%s>%s</div></div>" % (ctx.a(class_="main"), ctx.a(class_="left"), art, ctx.a(class_="right"), side)
    return assemble_common(pg, J(ctx, hdr, J(ctx, *legit_hidden(ctx)) if r.random() < 0.5 else "", main, ft))


def shell_twnews(pg, content):
    """Taiwan / Hong Kong news site: 即時新聞 list, article, 延伸閱讀, 熱門新聞."""
    ctx, r = pg.ctx, pg.ctx.r
    s = pg.slots
    c = content
    cats = ["即時", "政治", "社會", "生活", "國際", "財經", "娛樂", "體育", "地方", "科技", "健康", "評論", "影音"]
    hdr = J(ctx, "<header%s>%s<nav><ul>%s</ul></nav></header>" % (ctx.a(class_="header"), logo(ctx), "".join("<li><a href=\"/list/%s\">%s</a></li>" % (ctx.dname(), esc(x)) for x in (cats if ctx.trad else [s2t(x) for x in cats]))),
            *s["header"], *s["after_nav"])
    ps = p_html(ctx, c["paras"])
    if s["in_article_middle"]:
        k = r.randint(1, max(1, len(ps) - 1))
        ps = ps[:k] + s["in_article_middle"] + ps[k:]
    art = J(ctx, "<article><h1>%s</h1><div%s><time>%s</time><span>%s</span></div><div%s>%s</div>%s</article>" % (
        esc(c["h1"]), ctx.a(class_="info"), ctx.date + " %02d:%02d" % (r.randint(0, 23), r.randint(0, 59)),
        esc("〔記者%s／%s報導〕" % (r.choice(["陳", "林", "黃", "張", "李", "王"]) + r.choice(["宜君", "志明", "雅婷", "建宏", "家豪", "怡君"]), r.choice(CITIES_T[:9])) if r.random() < 0.7 else "中央社"),
        ctx.a(class_="text boxTitle"), ctx.nl.join(ps), "<p>%s</p>" % esc(r.choice(["不用抽 不用搶 現在用APP看新聞 保證天天中獎", "點我下載APP 按我看活動辦法", "相關新聞請見"])) if r.random() < 0.3 else ""),
        *s["after_article"], box(ctx, "延伸閱讀", ul_links(ctx, [headline(ctx) for _ in range(ctx.n(3, 8))])), *s["comments"])
    side = J(ctx, ctx.once("side", lambda: J(ctx, box(ctx, "熱門新聞", ul_links(ctx, [headline(ctx) for _ in range(ctx.n(6, 12))])), box(ctx, "即時新聞", ul_links(ctx, [headline(ctx) for _ in range(ctx.n(5, 10))], dates=True)))), *s["sidebar"])
    ft = J(ctx, *s["before_footer"], footer(ctx, extra=s["footer"]))
    return assemble_common(pg, J(ctx, hdr, J(ctx, *legit_hidden(ctx)) if r.random() < 0.5 else "", "<div%s><main>%s</main><aside>%s</aside></div>" % (ctx.a(class_="wrapper"), art, side), ft))


SHELLS = {"news": shell_news, "forum": shell_forum, "blog": shell_blog, "shop": shell_shop, "gov": shell_gov, "school": shell_gov,
          "twnews": shell_twnews, "twblog": shell_blog, "hkforum": shell_forum}
SHELL_GROUP = {"news": "news", "forum": "forum", "blog": "blog", "shop": "shop", "gov": "gov", "school": "school",
               "twnews": "news", "twblog": "blog", "hkforum": "forum"}


def pick_shell(r, trad):
    if trad:
        return r.choice(["twnews", "twnews", "twblog", "hkforum", "hkforum", "news", "blog", "shop", "gov", "school", "forum"])
    return r.choice(["news", "news", "news", "forum", "forum", "blog", "blog", "shop", "gov", "gov", "school"])


def make_content(ctx, kind, size):
    """Clean content for the shell: h1, paragraphs, forum posts, comments."""
    r = ctx.r
    group = SHELL_GROUP[ctx.shell]
    sc = "trad" if ctx.trad else "simp"
    hard = None
    if kind == "hard_negative":
        pool = HARD[sc] or HARD["simp"]
        name = r.choice(list(pool.keys()))
        hard = pool[name]
        if ctx.trad and sc not in HARD:
            hard = [s2t(x) for x in hard]
    npara = max(2, int(r.randint(3, 9) * size))
    paras = article_paras(ctx, npara, group, hard)
    h1 = cut_headline(r, paras[0]) if r.random() < 0.6 or hard else headline(ctx, group)
    posts, comments = [], []
    is_forum = ctx.shell in ("forum", "hkforum")
    ncom = int(r.randint(0, 8) * size) + (4 if kind == "offensive" else 0)
    if is_forum:
        first = "".join("<p>%s</p>" % esc(p) for p in paras[: r.randint(1, 3)]) if r.random() < 0.5 else "<br>".join(esc(p) for p in paras[:2])
        posts.append((username(ctx), first, esc(r.choice(short("tags", ctx.trad))) if r.random() < 0.2 else None))
        for _ in range(max(3, ncom + r.randint(2, 10))):
            if hard and r.random() < 0.3:
                t = r.choice(hard)
            else:
                t = clean_reply(ctx, kind)
            posts.append((username(ctx), esc(t), None))
    else:
        for _ in range(ncom):
            t = r.choice(hard) if hard and r.random() < 0.2 else clean_reply(ctx, kind)
            comments.append((esc(username(ctx)), esc(t)))
    return {"h1": h1, "paras": paras, "posts": posts, "comments": comments, "group": group}


# ----------------------------------------------------------------------------- injectors
def inj_hijack(g, pg, content):
    r, ctx = g.r, pg.ctx
    t, c = g.item("title")
    title = t
    if r.random() < 0.2:
        title = t + r.choice(["_", "-", " - "]) + (ctx.site if r.random() < 0.5 else sitename(r, c))
    g.add(title, c)
    pg.title = title
    # entities in title: real hijacks often write the title as numeric references
    ent = "entities" in g.obfs or r.random() < 0.15
    if ent:
        pg.title_html = "".join("&#%d;" % ord(ch) if (is_cjk(ch) or r.random() < 0.3) else esc(ch) for ch in title)
        if "entities" not in g.applied:
            g.applied.append("entities")
    places = ["title"]
    if r.random() < 0.8:
        kws = [g.item("kw") for _ in range(r.randint(3, 10))]
        sep = r.choice([",", ",", "，", "|", " ", "、", "_"])
        kw = sep.join(k for k, _ in kws)
        pg.kw = kw
        g.add(kw, g.catof([k for _, k in kws]))
        if ent and r.random() < 0.5:
            pg.kw_html = "".join("&#%d;" % ord(ch) if is_cjk(ch) else esc_attr(ch) for ch in kw)
        places.append("meta_keywords")
    else:
        pg.kw = ",".join(r.sample(short("tags", ctx.trad), 4))
    if r.random() < 0.7:
        d, dc = g.item("sent")
        if r.random() < 0.5:
            d = t + r.choice(["，", ",", " "]) + d
            dc = g.catof([c, dc])
        pg.desc = d
        g.add(d, dc)
        if ent and r.random() < 0.5:
            pg.desc_html = "".join("&#%d;" % ord(ch) if is_cjk(ch) else esc_attr(ch) for ch in d)
        places.append("meta_description")
    else:
        pg.desc = cut_headline(r, content["paras"][0])
    if r.random() < 0.25:
        pg.head_extra.append("<meta%s>" % ctx.a(property="og:title", content=title))
        places.append("og_title")
    if r.random() < 0.4:
        # cloaking script restoring the real title for visitors (script text is not page text)
        pg.head_extra.append("<script>document.title=\"%s\";</script>" % content["h1"].replace('"', ""))
    if r.random() < 0.25:
        pg.head_extra.append("<script%s></script>" % ctx.a(src="https://%s/js/%s.js" % (spam_domain(r), rs(r, LOW, 3, 6))))
    g.places.append(";".join(places))


VIS_PLACES = ["body_top", "after_article", "after_article", "in_article_middle", "before_footer", "footer", "after_html", "header", "sidebar", "after_body"]


def inj_block(g, pg, content):
    r, ctx = g.r, pg.ctx
    place = r.choice(VIS_PLACES)
    label = ctx.L(r.choice(["热门关键词：", "相关搜索：", "热门搜索：", "推荐阅读：", "标签：", "", "", ""])) if r.random() < 0.4 else None
    k = r.random()
    if place == "after_html" and r.random() < 0.3:
        # bare text after </html> (no element)
        d, c = g.item(r.choice(["kw", "sent"]))
        items = [(d, c)] + [g.item("kw") for _ in range(r.randint(2, 12))]
        sep = r.choice(["|", " ", ",", "_", "、"])
        g.add(sep.join(x for x, _ in items), g.catof([c for _, c in items]))
        html = sep.join(g.henc(x) for x, _ in items)
    elif k < 0.65:
        html = g.block(ctx, label=label)
    elif k < 0.85:
        html = "<div>%s</div>" % g.sentences(ctx, tag=r.choice(["p", "div", "h3"]))
    else:
        html = g.block(ctx, n=r.randint(2, 6), kind="title", sep=r.choice([("BR", None), ("LI", None)]))
    pg.slots[place].append(html)
    g.places.append(place)


def inj_hidden(g, pg, content):
    r, ctx = g.r, pg.ctx
    place = r.choice(["body_top", "body_top", "after_article", "in_article_middle", "before_footer", "footer", "after_html", "header", "sidebar", "after_body"])
    k = r.random()
    if k < 0.5:
        inner = g.block(ctx)
    elif k < 0.75:
        inner = g.sentences(ctx, tag=r.choice(["p", "div", "li"]))
        if "<li>" in inner:
            inner = "<ul>%s</ul>" % inner
    elif k < 0.9:
        t, c = g.item("title")
        g.add(t, c)
        ht = r.choice(["h1", "h2", "h3", "strong"])
        inner = "<%s>%s</%s>%s" % (ht, g.henc(t), ht, g.block(ctx, n=r.randint(3, 12)))
    else:
        inner = g.block(ctx, n=r.randint(3, 9), links=True)
    blocky = any(x in inner for x in ("<p>", "<div", "<ul", "<h1", "<h2", "<h3", "<section", "<center", "<td"))
    html, css, how = hide_wrap(ctx, inner, tag="div" if blocky else r.choice(["div", "div", "span", "p", "section"]))
    if css:
        if r.random() < 0.6:
            pg.head_extra.append(css)
        else:
            html = css + html
    pg.slots[place].append(html)
    g.places.append("%s/%s" % (place, how))


def inj_links(g, pg, content):
    r, ctx = g.r, pg.ctx
    k = r.random()
    if k < 0.35:
        # hacked visible friend-link row: spam anchors mixed with real partners
        spam = []
        for _ in range(r.randint(3, 15)):
            d, c = g.item("kw")
            g.add(d, c)
            spam.append(("<a%s>%s</a>" % (ctx.a(href="http://%s/" % spam_domain(r), target="_blank"), g.henc(d)), d))
        html, _ = friend_links(ctx, spam)
        if ctx.shell in ("news",) and r.random() < 0.6:
            pg.slots["footer"].insert(0, html)
        else:
            pg.slots[r.choice(["footer", "before_footer", "sidebar"])].append(html)
        g.places.append("footer/friend_links")
        return
    farm = g.linkfarm(ctx)
    if k < 0.55:
        lab = ctx.L(r.choice(["友情链接：", "合作伙伴", "热门站点", "网站导航"]))
        html = "<div%s><span>%s</span>%s</div>" % (ctx.a(class_=ctx.c("flink", "links")), esc(lab), farm)
        place = r.choice(["footer", "before_footer", "after_body", "sidebar"])
        pg.slots[place].append(html)
        g.places.append(place + "/link_farm")
    else:
        html, css, how = hide_wrap(ctx, farm if farm.startswith("<ul") else "<div>%s</div>" % farm)
        if css:
            pg.head_extra.append(css)
        place = r.choice(["body_top", "footer", "after_body", "after_html", "before_footer", "header"])
        pg.slots[place].append(html)
        g.places.append("%s/link_farm/%s" % (place, how))


def inj_comments(g, pg, content):
    r, ctx = g.r, pg.ctx
    n = r.randint(1, 4)
    if ctx.shell in ("forum", "hkforum") and content["posts"]:
        for _ in range(n):
            d, c = g.item("sent" if r.random() < 0.8 else "kw")
            g.add(d, c)
            th = g.henc(d)
            if r.random() < 0.3:
                u = spam_url(r)
                th += "<br><a%s>%s</a>" % (ctx.a(href=("http://" + u) if not u.startswith("http") else u), esc(u))
                g.add(u, c)
            user = latin_user(r) if r.random() < 0.6 else username(ctx)
            sig = None
            if r.random() < 0.2:
                sd, sc = g.item("kw")
                g.add(sd, sc)
                sig = g.henc(sd)
            content["posts"].insert(r.randint(1, len(content["posts"])), (user, th, sig))
        g.places.append("comments/forum_reply")
        return
    for _ in range(n):
        d, c = g.item("sent")
        g.add(d, c)
        if r.random() < 0.4:
            nm, nc = g.item("kw")
            g.add(nm, nc)
            user = "<a%s>%s</a>" % (ctx.a(href="http://%s/" % spam_domain(r), rel="external nofollow", class_="url"), g.henc(nm))
        else:
            user = esc(latin_user(r) if r.random() < 0.5 else username(ctx))
        content["comments"].insert(r.randint(0, len(content["comments"])), (user, g.henc(d)))
    if ctx.shell in ("blog", "twblog", "shop"):
        g.places.append("comments")
        return
    # news/gov shells: a visitor comment box under the article
    items = []
    for u, th in content["comments"]:
        items.append("<li><b>%s</b>：<p>%s</p></li>" % (u, th))
    pg.slots["comments"].append(box(ctx, r.choice(["网友评论", "最新评论", "读者留言"]), "<ul%s>%s</ul>" % (ctx.a(class_="cmt-list"), "".join(items))))
    content["comments"] = []
    g.places.append("comments")


def render_comments_into(pg, content):
    """News / gov shells have no comment list of their own; put clean comments under the article."""
    ctx, r = pg.ctx, pg.ctx.r
    if ctx.shell in ("news", "gov", "school", "twnews") and content["comments"]:
        items = "".join("<li><b>%s</b>%s<p>%s</p></li>" % (u, esc(ctx.L("：")), th) for u, th in content["comments"])
        pg.slots["comments"].append(box(ctx, r.choice(["网友评论", "最新评论", "读者留言"]), "<ul%s>%s</ul>" % (ctx.a(class_="cmt-list"), items)))


INJECTORS = {"hijacked_title": inj_hijack, "injected_block": inj_block, "hidden_div": inj_hidden, "link_list": inj_links,
             "comment_spam": inj_comments}


# ----------------------------------------------------------------------------- pure spam pages
NEUTRAL_NAV = ["首页", "最新", "热门", "排行榜", "会员中心", "登录", "注册", "更多"]


def pure_spam_page(r, g, trad):
    ctx = Ctx(r, trad, "spam")
    ctx.site = sitename(r, g.pick_cat())
    L = ctx.L
    style = r.choice(["video", "farm", "casino" if g.cat in ("gambling", "mixed") else "farm", "service" if g.cat == "other" else "farm"])
    if g.cat == "adult" and r.random() < 0.5:
        style = "video"
    title, tc = g.item("title")
    g.add(title, tc)
    kws = [g.item("kw") for _ in range(r.randint(4, 12))]
    kw = r.choice([",", "，", "|", "、"]).join(k for k, _ in kws)
    g.add(kw, g.catof([c for _, c in kws]))
    desc, dc = g.item("sent")
    g.add(desc, dc)
    hd = head(ctx, title, kw, desc, og=False, title_html=g.henc(title), kw_html=g.henc(kw).replace('"', "&quot;"), desc_html=g.henc(desc).replace('"', "&quot;"))
    parts = []
    navs = []
    for x in r.sample(NEUTRAL_NAV, r.randint(2, 4)):
        navs.append("<li><a href=\"/\">%s</a></li>" % esc(L(x)))
    for _ in range(r.randint(4, 12)):
        d, c = g.item("kw")
        g.add(d, c)
        navs.append("<li><a href=\"/list/%d.html\">%s</a></li>" % (r.randint(1, 99), g.henc(d)))
    g.add(ctx.site, tc)
    parts.append("<div%s><div%s>%s</div><ul>%s</ul></div>" % (ctx.a(class_=ctx.c("header", "top", "nav")), ctx.a(class_="logo"), g.henc(ctx.site), "".join(navs)))
    if r.random() < 0.5:
        d, c = g.item("sent")
        g.add(d, c)
        parts.append("<div%s>%s</div>" % (ctx.a(class_=ctx.c("notice", "gonggao", "tips")), g.henc(d)))
    if style == "video":
        for _ in range(r.randint(2, 4)):
            h, hc = g.item("kw")
            g.add(h, hc)
            cards = []
            for _ in range(r.randint(4, 16)):
                t, c = g.item("title" if r.random() < 0.3 else "kw")
                if r.random() < 0.4 and CODES:
                    t = code(r) + " " + t
                g.add(t, c)
                vid = rs(r, DIG, 4, 6)
                cards.append("<li><a%s><img%s><span%s>%02d:%02d</span></a><h3><a href=\"/vod/%s.html\">%s</a></h3><p><span>%s</span> <span>%s</span></p></li>" % (
                    ctx.a(href="/vod/%s.html" % vid, class_="thumb"), ctx.a(src="/pic/%s.jpg" % rs(r, LOW + DIG, 10), alt=""),
                    ctx.a(class_="dur"), r.randint(1, 120), r.randint(0, 59), vid, g.henc(t),
                    esc("%d.%d万" % (r.randint(1, 99), r.randint(0, 9)) + L("次播放")), "%d-%02d-%02d" % (ctx.year, r.randint(1, 12), r.randint(1, 28))))
            parts.append("<div%s><h2>%s</h2><ul%s>%s</ul></div>" % (ctx.a(class_="vbox"), g.henc(h), ctx.a(class_="vlist"), ctx.nl.join(cards)))
        where = "whole_page:video"
    elif style == "casino":
        for _ in range(r.randint(2, 5)):
            parts.append("<div%s>%s%s</div>" % (ctx.a(class_="promo"), g.block(ctx, n=r.randint(3, 8), sep=r.choice([("BR", None), ("LI", None), (" | ", " | ")])), g.sentences(ctx, n=r.randint(1, 3))))
        parts.append("<div%s><a href=\"/reg\">%s</a> <a href=\"/login\">%s</a></div>" % (ctx.a(class_="btns"), esc(L("立即注册")), esc(L("登录"))))
        where = "whole_page:casino"
    else:
        # keyword farm: scraped clean text with spam keywords spliced in, keyword rows and link lists
        for _ in range(r.randint(3, 10)):
            kd, kc = g.item("kw")
            g.add(kd, kc)
            p = ctx.para("news")
            parts.append("<p><strong>%s</strong>%s%s</p>" % (g.henc(kd), esc(r.choice(["：", "，", " "])), esc(p)))
            if r.random() < 0.5:
                parts.append(g.block(ctx, n=r.randint(4, 20)))
            if r.random() < 0.3:
                parts.append(g.sentences(ctx, n=1))
        parts.append(g.linkfarm(ctx, n=r.randint(10, 40), inline=False))
        where = "whole_page:keyword_farm" if style == "farm" else "whole_page:service"
    foot = g.block(ctx, n=r.randint(3, 10), links=True, wrapper="div")
    parts.append("<div%s>%s<p>Copyright © %d %s</p></div>" % (ctx.a(class_="footer"), foot, ctx.year, g.henc(ctx.site)))
    parts.append(scripts(ctx, r.randint(0, 2)))
    g.places.append(where)
    return wrap_html(ctx, hd, ctx.nl.join(parts))


# ----------------------------------------------------------------------------- plain-text pages
def text_page(r, kind, g, trad):
    ctx = Ctx(r, trad, r.choice(["news", "forum", "blog"]))
    group = SHELL_GROUP[ctx.shell]
    sc = "trad" if trad else "simp"
    lines = []
    hard = None
    if kind == "hard_negative":
        pool = HARD[sc] or HARD["simp"]
        hard = pool[r.choice(list(pool.keys()))]
    paras = article_paras(ctx, r.randint(3, 12), group, hard)
    lines.append(cut_headline(r, paras[0]) if r.random() < 0.7 else headline(ctx))
    if r.random() < 0.6:
        lines.append("%s %s %s" % (ctx.date, ctx.L("来源："), r.choice(short("sites", trad))))
    lines.extend(paras)
    if kind == "offensive" or (ctx.shell == "forum" and r.random() < 0.5):
        lines.append(ctx.L("网友评论："))
        for _ in range(r.randint(3, 10)):
            lines.append("%s：%s" % (username(ctx), clean_reply(ctx, kind)))
    if r.random() < 0.4:
        lines.append(r.choice([ctx.L("（责任编辑：%s）") % (r.choice(SURN) + r.choice(GIVEN)), ctx.L("（完）"),
                               ctx.L("本文来源于网络，版权归原作者所有"), "原文链接：https://%s/%s.html" % (ctx.domain, rs(r, DIG, 5))]))
    place = ""
    if g is not None and kind == "comment_spam":
        if ctx.L("网友评论：") not in lines:
            lines.append(ctx.L("网友评论："))
            for _ in range(r.randint(2, 6)):
                lines.append("%s：%s" % (username(ctx), clean_reply(ctx, kind)))
        start = lines.index(ctx.L("网友评论：")) + 1
        for _ in range(r.randint(1, 3)):
            d, c = g.item("sent")
            g.add(d, c)
            user = latin_user(r) if r.random() < 0.6 else username(ctx)
            lines.insert(r.randint(start, len(lines)), "%s%s%s" % (user, r.choice(["：", ": ", " 说：", " "]), d))
        g.places.append("comments")
    elif g is not None:
        k = r.random()
        if k < 0.6:
            items = [g.item("kw") for _ in range(r.randint(5, 30))]
            sep = r.choice(["|", " | ", "_", " ", "、", ",", "，", " I ", "/", "★", ";", "·", " - "])
            g.add(sep.join(d for d, _ in items), g.catof([c for _, c in items]))
            spam_lines = [sep.join(d for d, _ in items)]
            if r.random() < 0.3:
                d, c = g.item("sent")
                g.add(d, c)
                spam_lines.append(d)
        elif k < 0.8:
            spam_lines = []
            for _ in range(r.randint(1, 4)):
                d, c = g.item("sent")
                g.add(d, c)
                spam_lines.append(d)
        else:
            spam_lines = []
            for _ in range(r.randint(5, 20)):
                d, c = g.item("kw")
                g.add(d, c)
                spam_lines.append(d)
        where = r.random()
        if where < 0.7:
            lines.extend(spam_lines)
            place = "text_end"
        elif where < 0.85:
            lines = spam_lines + lines
            place = "text_start"
        else:
            k = r.randint(2, len(lines) - 1)
            lines = lines[:k] + spam_lines + lines[k:]
            place = "text_middle"
        g.places.append(place)
    nl = r.choice(["\n", "\n", "\n\n", "\r\n"])
    return nl.join(lines) + r.choice(["", "\n"])


# ----------------------------------------------------------------------------- page driver
def choose_obfs(r):
    n = 1 if r.random() < 0.7 else 2
    pool = ["fullwidth", "lookalike", "lookalike", "zerowidth", "zerowidth", "spacing", "spacing", "trad", "trad", "pinyin", "qmark", "entities", "entities"]
    out = []
    while len(out) < n:
        o = r.choice(pool)
        if o not in out:
            out.append(o)
    if "pinyin" in out and "trad" not in out and r.random() < 0.7:
        out.insert(0, "trad")
    # keep a fixed application order: conversion first, then character tricks
    return [o for o in OBFS if o in out]


SIZES = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.1, 1.4, 2.0]


def new_site(r):
    trad = r.random() < 0.33
    shell = pick_shell(r, trad)
    ctx = Ctx(r, trad, shell, hk=shell == "hkforum")
    ctx.pinyin_body = trad and r.random() < 0.2
    ctx.size = r.choice(SIZES)
    return ctx


def make_page(r, idx, site):
    spam = r.random() < 0.5
    is_text = r.random() < 0.08
    trad = site.trad if not is_text else r.random() < 0.33
    if spam:
        kind = r.choices(["injected_block", "hijacked_title", "hidden_div", "link_list", "pure_spam", "comment_spam"],
                         [26, 15, 21, 13, 12, 13])[0]
        cat = r.choices(["adult", "gambling", "other", "mixed"], [40, 30, 15, 15])[0]
        if is_text:
            kind = r.choice(["injected_block", "injected_block", "injected_block", "comment_spam"])
    else:
        kind = r.choices(["clean", "hard_negative", "offensive"], [60, 25, 15])[0]
        cat = "none"
    # spam script: native to page, or simplified spam on a traditional page, or converted
    spam_trad = trad
    if spam and trad and r.random() < 0.35:
        spam_trad = False
    obfs = choose_obfs(r) if spam and r.random() < 0.3 else []
    if is_text:
        obfs = [o for o in obfs if o != "entities"]
    g = Spam(r, cat, spam_trad, obfs, html=not is_text) if spam else None
    rec = {"id": "td3-%06d" % idx}
    pinyin_clean = False
    if is_text:
        text = text_page(r, kind, g, trad)
        rec["text"] = text
    elif kind == "pure_spam":
        trad_page = spam_trad
        rec["html"] = pure_spam_page(r, g, spam_trad)
        trad = trad_page
    else:
        ctx = site
        shell = ctx.shell
        ctx.new_page()
        size = ctx.size * r.choice([0.7, 1.0, 1.4])
        content = make_content(ctx, kind, size)
        pg = Page(ctx)
        pg.title = content["h1"] + r.choice(["_", " - ", "-", "|", "_"]) + ctx.site
        pg.kw = r.choice([",", "，", " "]).join(r.sample(short("tags", trad), r.randint(2, 6))) if r.random() < 0.85 else None
        pg.desc = cut_headline(r, content["paras"][0]) + ctx.L("……") if r.random() < 0.8 else None
        if spam:
            INJECTORS[kind](g, pg, content)
            if r.random() < 0.25:
                extra = r.choice(["hijacked_title", "injected_block", "hidden_div", "link_list"])
                if extra != kind:
                    INJECTORS[extra](g, pg, content)
        render_comments_into(pg, content)
        rec["html"] = SHELLS[shell](pg, content)
        pinyin_clean = ctx.body_pinyin_used
    if spam:
        snips = []
        cats = []
        for t, c in g.snips:
            if t not in snips:
                snips.append(t)
                cats.append(c)
        ucats = sorted(set(cats))
        category = cat if cat != "mixed" else "mixed"
        if cat != "mixed" and len(ucats) > 1:
            category = "mixed"
        spam_script = "trad" if (spam_trad or "trad" in g.applied) else "simp"
        script = ("trad" if trad else "simp") if spam_script == ("trad" if trad else "simp") else "mixed"
        if kind == "pure_spam":
            script = spam_script
        obf = list(g.applied)
        if pinyin_clean and "pinyin" not in obf:
            pass
        rec.update(label="spam", category=category, kind=kind, script=script, injected=snips, injected_categories=cats,
                   obfuscation=[o for o in OBFS if o in obf], placement=";".join(g.places))
    else:
        rec.update(label="clean", category="none", kind=kind, script="trad" if trad else "simp", injected=[], injected_categories=[],
                   obfuscation=["pinyin"] if pinyin_clean else [], placement="")
    return rec


def verify(rec):
    blocks = html_blocks(rec["html"]) if "html" in rec else text_blocks(rec["text"])
    return [s for s in rec["injected"] if not any(norm(s) in b for b in blocks)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=4000)
    # default outside pages/: the trainer reads every .jsonl there, only the .gz is meant to live there
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "train3.jsonl"))
    ap.add_argument("--seed", type=int, default=20270311)
    ap.add_argument("--no-check", action="store_true", help="skip the snippet self-check")
    args = ap.parse_args()
    r = random.Random(args.seed)
    t0 = time.time()
    bad = 0
    out_recs = []
    site, left = None, 0
    for i in range(1, args.pages + 1):
        # pages come in small runs from one site (shared template, nav, sidebar and footer)
        if left == 0:
            site, left = new_site(r), r.choice([1, 2, 3, 4, 4, 5, 5, 6])
        left -= 1
        rec = make_page(r, i, site)
        if not args.no_check:
            miss = verify(rec)
            if miss:
                bad += 1
                if bad <= 10:
                    sys.stderr.write("%s: snippet not found: %r\n" % (rec["id"], miss[:2]))
        out_recs.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for line in out_recs:
            f.write(line + "\n")
    sys.stderr.write("wrote %d pages to %s in %.1fs (%d with missing snippets)\n" % (args.pages, args.out, time.time() - t0, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
