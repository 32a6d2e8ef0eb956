#!/usr/bin/env python3
"""Second, independently written page generator for spamsift (writes pages/train2.jsonl).

Reuses the hand-written corpus text files (training-data/corpus/**) but has its own page
shells and injection code, so that a model does not learn only one generator's layout habits.
Python 3.11 stdlib only; deterministic (one random.Random(seed), sorted file listings).

Usage: python3 training-data/generate2.py [--pages N] [--seed S] [--out PATH] [--check]
"""
import argparse
import html as htmlmod
import json
import os
import sys

import random

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
sys.path.insert(0, HERE)
from textextract import missing_snippets  # noqa: E402


# --------------------------------------------------------------------------- corpus

def load(rel):
    out = []
    with open(os.path.join(CORPUS, rel), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def load_sections(rel):
    d, cur = {}, None
    for line in load(rel):
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1]
            d[cur] = []
        elif cur is not None:
            d[cur].append(line)
    return d


def files(rel):
    return sorted(f for f in os.listdir(os.path.join(CORPUS, rel)) if f.endswith(".txt"))


CLEAN = {"simp": {f[:-4]: load("clean/simp/" + f) for f in files("clean/simp")},
         "trad": {f[:-4]: load("clean/trad/" + f) for f in files("clean/trad")}}
HARD = {"simp": [], "trad": []}
for _f in files("hard_negative"):
    HARD["trad" if ".trad." in _f else "simp"].extend(load("hard_negative/" + _f))
OFFENSIVE = {"simp": load("offensive/comments.simp.txt"), "trad": load("offensive/comments.trad.txt")}
SH = {f[:-4]: load("short/" + f) for f in files("short")}
REPLIES = {"simp": load("comments/replies.simp.txt"), "trad": load("comments/replies.trad.txt")}
SECTIONS = {"simp": load("comments/sections.simp.txt"), "trad": load("comments/sections.trad.txt")}
SP = {f[:-4]: load("spam/" + f) for f in files("spam") if not f.endswith(".parts.txt") and f != "sitenames.txt"}
PARTS = {f.split(".")[0]: load_sections("spam/" + f) for f in files("spam") if f.endswith(".parts.txt")}
SITEN = load_sections("spam/sitenames.txt")


def short(name, script):
    key = name + (".trad" if script == "trad" else ".simp")
    if key in SH:
        return SH[key]
    if script == "trad" and name + ".trad" in SH:
        return SH[name + ".trad"]
    return SH.get(name, SH.get(name + ".simp", []))


CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "武汉", "西安", "南京", "长沙", "郑州", "东莞", "苏州"]


# --------------------------------------------------------------------------- spam text

def rand_wx(r):
    return r.choice(["wx", "vx", "V", "weixin", ""]) + "".join(r.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(r.randint(5, 9)))


def rand_url(r):
    tld = r.choice([".com", ".cc", ".vip", ".top", ".xyz", ".net", ".me", ".app"])
    name = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(r.randint(3, 8)))
    return r.choice(["", "www.", "m.", "https://"]) + name + tld


def sitename(r, cat):
    if cat == "other":
        cat = "gambling"
    a, b = SITEN.get(cat + "_a"), SITEN.get(cat + "_b")
    if not a or not b:
        a, b = SITEN["adult_a"], SITEN["adult_b"]
    return r.choice(a) + r.choice(b)


def fill(r, s, cat):
    for _ in range(8):
        if "{" not in s:
            break
        s = (s.replace("{QQ}", str(r.randint(10000000, 3999999999)), 1)
             .replace("{WX}", rand_wx(r), 1)
             .replace("{URL}", rand_url(r), 1)
             .replace("{PHONE}", "1%d%08d" % (r.choice([3, 5, 7, 8, 9]) * 10 + r.randint(0, 9), r.randint(0, 99999999)), 1)
             .replace("{CITY}", r.choice(CITIES), 1)
             .replace("{NUM}", str(r.choice([18, 38, 88, 188, 888, r.randint(2, 5000)])), 1)
             .replace("{CODE}", "%s-%03d" % (r.choice(SP["codes"]), r.randint(1, 999)), 1)
             .replace("{SITENAME}", sitename(r, cat), 1))
    return s


def keyword(r, cat, trad=False):
    if trad and r.random() < 0.7:
        return r.choice(SP[cat + ".trad"])
    if cat in PARTS and r.random() < 0.45:
        p = PARTS[cat]
        k = r.randrange(3)
        if k == 0:
            return r.choice(p["pre"]) + r.choice(p["core"]) + r.choice(p["suf"])
        if k == 1:
            return r.choice(p["pre"]) + r.choice(p["core"])
        return r.choice(p["core"]) + r.choice(p["suf"])
    return fill(r, r.choice(SP[cat + ".keywords"]), cat)


def sentence(r, cat, trad=False):
    if trad and r.random() < 0.7:
        return fill(r, r.choice(SP[cat + ".trad.sentences"]), cat)
    return fill(r, r.choice(SP[cat + ".sentences"]), cat)


def spam_title(r, cat):
    return fill(r, r.choice(SP[cat + ".titles"]), cat)


# --------------------------------------------------------------------------- obfuscation
# Each function maps a plain string to (text, html) where text is what the extracted text shows.

LOOK = {"A": "Α", "V": "∨", "B": "Β", "E": "Ε", "H": "Η", "K": "Κ", "M": "М", "O": "О", "P": "Р", "C": "С",
        "T": "Т", "X": "Х", "a": "а", "o": "о", "e": "е", "p": "р", "c": "с", "v": "ⅴ"}


def ob_fullwidth(r, s):
    return "".join(chr(ord(c) + 0xFEE0) if ("0" <= c <= "9" or "a" <= c <= "z" or "A" <= c <= "Z") else c for c in s)


def ob_lookalike(r, s):
    out = s.replace("AV", r.choice(["A∨", "Aⅴ", "ΑV"])).replace("av", r.choice(["aⅴ", "аv"]))
    if out == s:
        out = "".join(LOOK.get(c, c) if r.random() < 0.6 else c for c in s)
    return out


def ob_zerowidth(r, s):
    z = r.choice(["\u200b", "\u200c", "\u200d", "\ufeff"])
    return z.join(s) if len(s) < 12 else "".join(c + (z if r.random() < 0.5 else "") for c in s)


def ob_spacing(r, s):
    sep = r.choice([" ", "*", " ", "·"])
    return sep.join(c for c in s if c != " ")


def ob_qmark(r, s):
    idx = [i for i, c in enumerate(s) if "\u4e00" <= c <= "\u9fff"]
    if not idx:
        return s
    i = r.choice(idx)
    return s[:i] + "?" + s[i + 1:]


TEXT_OBS = {"fullwidth": ob_fullwidth, "lookalike": ob_lookalike, "zerowidth": ob_zerowidth,
            "spacing": ob_spacing, "qmark": ob_qmark}


def esc(s):
    return htmlmod.escape(s, quote=False)


def to_html(r, s, entities):
    """Escape s for HTML; with entities, some CJK chars become &#NNNNN;."""
    if not entities:
        return esc(s)
    out = []
    for c in s:
        if "\u4e00" <= c <= "\u9fff" and r.random() < 0.2:
            out.append("&#%d;" % ord(c))
        else:
            out.append(esc(c))
    return "".join(out)


class Spam:
    """Spam-text factory for one page: category, script, obfuscation."""

    def __init__(self, r, cats, trad, obs):
        self.r, self.cats, self.trad, self.obs = r, cats, trad, obs
        self.snips, self.snipcats = [], []
        self.used = set()

    def cat(self):
        return self.r.choice(self.cats)

    def text(self, s):
        for o in self.obs:
            if o in TEXT_OBS and self.r.random() < 0.8:
                s2 = TEXT_OBS[o](self.r, s)
                if s2 != s:
                    self.used.add(o)
                s = s2
        return s

    def kw(self, cat=None):
        c = cat or self.cat()
        return self.text(keyword(self.r, c, self.trad)), c

    def sent(self, cat=None):
        c = cat or self.cat()
        return self.text(sentence(self.r, c, self.trad)), c

    def h(self, s, attr=False):
        if attr:
            return htmlmod.escape(s, quote=True)
        out = to_html(self.r, s, "entities" in self.obs)
        if "&#" in out and "entities" in self.obs:
            self.used.add("entities")
        return out

    def record(self, text, cat):
        t = " ".join(text.split())
        if t and t not in self.snips:
            self.snips.append(t)
            self.snipcats.append(cat)


# --------------------------------------------------------------------------- page helpers

class Page:
    def __init__(self, r, script):
        self.r = r
        self.script = script
        self.up = r.random() < 0.25
        self.ind = r.choice(["", " ", "  ", "\t", "    "])
        self.nl = r.choice(["\n", "\n", "\r\n", ""])
        self.pref = r.choice(["", "x", "m-", "ui-", "c_", "site", "j-", "wp-", "bd"])

    def t(self, tag):
        return tag.upper() if self.up else tag

    def cls(self, *names):
        r = self.r
        n = r.choice(names) if names else "box"
        return self.pref + n + r.choice(["", "", str(r.randint(1, 9)), "-" + r.choice(["wrap", "inner", "main", "l", "r"])])

    def attrs(self, d):
        items = [(k, v) for k, v in d.items() if v is not None]
        self.r.shuffle(items)
        q = self.r.choice(['"', '"', "'"])
        return "".join(" %s=%s%s%s" % (k, q, v, q) for k, v in items)

    def el(self, tag, inner, **a):
        a = {k.rstrip("_").replace("__", "-"): v for k, v in a.items()}
        return "<%s%s>%s</%s>" % (self.t(tag), self.attrs(a), inner, self.t(tag))

    def join(self, parts, depth=1):
        ind = self.ind * depth
        return self.nl.join(ind + p for p in parts)

    def pick(self, lst, k):
        k = min(k, len(lst))
        return self.r.sample(lst, k)


def paragraphs(r, script, domain=None, n=4):
    pool = CLEAN[script]
    keys = sorted(pool)
    d = domain or r.choice(keys)
    src = pool[d]
    out = r.sample(src, min(n, len(src)))
    while len(out) < n:
        out.append(r.choice(pool[r.choice(keys)]))
    return out


def headline_from(r, para):
    for sep in "。！？；，":
        if sep in para:
            cand = para.split(sep)[0]
            if 6 <= len(cand) <= 28:
                return cand
    return para[: r.randint(10, 22)]


def headlines(r, script, n):
    hs = short("headlines", script)
    out = []
    for _ in range(n):
        if r.random() < 0.5 and hs:
            out.append(r.choice(hs))
        else:
            out.append(headline_from(r, r.choice(CLEAN[script][r.choice(sorted(CLEAN[script]))])))
    return out


def legit_extras(p, script):
    """Legit tricks that also occur in clean pages: hidden mobile menu, tab panels, tag lines,
    search-keyword rows, long link rows."""
    r = p.r
    out = []
    nav = short("nav", script)
    if r.random() < 0.4:
        items = "".join("<li><a href=\"/m/%d\">%s</a></li>" % (i, esc(x)) for i, x in enumerate(p.pick(nav, 6)))
        st = r.choice(['style="display:none"', "hidden", 'style="display: none;"', 'class="mobile-only"'])
        out.append("<ul %s id=\"%s\">%s</ul>" % (st, p.cls("mnav", "menu", "drawer"), items))
    if r.random() < 0.35:
        hs = headlines(r, script, 8)
        tabs = []
        for i in range(2):
            lis = "".join("<li><a href=\"/a/%d.html\">%s</a></li>" % (r.randint(1000, 99999), esc(h)) for h in hs[i * 4:(i + 1) * 4])
            st = "" if i == 0 else r.choice([' style="display:none"', ' style="visibility:hidden"', " hidden"])
            tabs.append("<div class=\"%s\"%s><ul>%s</ul></div>" % (p.cls("tab-pane", "panel"), st, lis))
        out.append("<div class=\"%s\">%s</div>" % (p.cls("tabs"), "".join(tabs)))
    if r.random() < 0.5:
        tags = p.pick(short("tags", script), r.randint(3, 8))
        lab = "標籤：" if script == "trad" else r.choice(["标签：", "Tags：", "关键词："])
        sep = r.choice([" | ", "、", " ", "，", " / "])
        out.append("<p class=\"%s\">%s%s</p>" % (p.cls("tags", "taglist"), lab, sep.join(
            "<a href=\"/tag/%d\">%s</a>" % (r.randint(1, 999), esc(t)) for t in tags)))
    if r.random() < 0.4:
        tags = p.pick(short("tags", script), r.randint(4, 9))
        lab = "熱門搜尋：" if script == "trad" else r.choice(["热门搜索：", "大家都在搜：", "相关搜索："])
        sep = r.choice([" | ", "丨", " ", "、"])
        out.append("<div class=\"%s\">%s%s</div>" % (p.cls("hotsearch", "hot"), lab, sep.join(
            "<a href=\"/s?q=%d\">%s</a>" % (r.randint(1, 9999), esc(t)) for t in tags)))
    if r.random() < 0.4:
        pts = p.pick(short("partners", script), r.randint(6, 14))
        links = (r.choice([" | ", " ", "　", "丨"])).join(
            "<a href=\"http://%s/\" target=\"_blank\">%s</a>" % (x.split("|")[-1], esc(x.split("|")[0])) for x in pts)
        lab = "友情鏈接：" if script == "trad" else "友情链接："
        out.append("<div class=\"%s\">%s%s</div>" % (p.cls("links", "flink"), lab, links))
    return out


def footer(p, script, site):
    r = p.r
    lines = []
    for x in p.pick(short("footer", script), r.randint(2, 4)):
        x = (x.replace("{YEAR}", str(r.randint(2015, 2025))).replace("{SITE}", site)
             .replace("{ICP}", "%s ICP备%08d号" % (r.choice(["京", "沪", "粤", "浙", "苏", "川"]), r.randint(1, 99999999)))
             .replace("{DOMAIN}", "www.%s.cn" % "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(4, 8))))
             .replace("{GONGAN}", "公网安备 %014d号" % r.randint(1, 10 ** 13)))
        while "{" in x and "}" in x:
            a, b = x.index("{"), x.index("}")
            if b < a:
                break
            x = x[:a] + str(r.randint(100, 99999)) + x[b + 1:]
        lines.append(esc(x))
    sep = r.choice(["<br>", "<br/>", "</p><p>"])
    return "<div class=\"%s\"><p>%s</p></div>" % (p.cls("footer", "foot", "copyright"), sep.join(lines))


def head(p, title_html, kw_html, desc_html, charset):
    parts = ["<meta charset=\"%s\">" % charset if p.r.random() < 0.7 else
             "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">" % charset,
             "<title>%s</title>" % title_html]
    if kw_html is not None:
        parts.append("<meta name=\"keywords\" content=\"%s\">" % kw_html)
    if desc_html is not None:
        parts.append("<meta name=\"description\" content=\"%s\">" % desc_html)
    if p.r.random() < 0.5:
        parts.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    if p.r.random() < 0.4:
        parts.append("<link rel=\"stylesheet\" href=\"/static/css/%s.css?v=%d\">" % (p.cls("main", "style"), p.r.randint(1, 300)))
    if p.r.random() < 0.3:
        parts.append("<script>var _hm=_hm||[];(function(){var s=document.createElement('script');s.src='//stat.%s/t.js?%x';document.head.appendChild(s);})();</script>" % (p.r.choice(["example.com", "tongji.example.cn"]), p.r.getrandbits(32)))
    p.r.shuffle(parts)
    r = p.r
    dt = r.choice(["<!DOCTYPE html>", "<!doctype html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">', ""])
    lang = {"simp": "zh-CN", "trad": r.choice(["zh-TW", "zh-HK", "zh-Hant"])}[p.script]
    return "%s%s<%s lang=\"%s\">%s<%s>%s%s%s</%s>%s" % (dt, p.nl, p.t("html"), lang, p.nl, p.t("head"), p.nl,
                                                      p.join(parts), p.nl, p.t("head"), p.nl)


# --------------------------------------------------------------------------- shells
# Every shell returns body HTML containing slot markers "\x00NAME\x00" where spam may be placed.

SLOT = "\x00%s\x00"


def sh_portal(p, c):
    r = p.r
    T = p.t
    nav = "".join("<%s><a href=\"/%d/\"><font color=\"#%06x\">%s</font></a></%s>" % (T("td"), i, r.choice([0x003399, 0x000000, 0xffffff, 0x990000]), esc(x), T("td"))
                  for i, x in enumerate(p.pick(short("nav", c["script"]), r.randint(5, 9))))
    lis = "".join("<%s><%s>·<a href=\"/news/%d.htm\">%s</a></%s></%s>" % (T("tr"), T("td"), r.randint(100, 9999), esc(h), T("td"), T("tr"))
                  for h in c["heads"])
    art = "".join("<%s>%s</%s>" % (T("p"), esc(x), T("p")) for x in c["paras"])
    left = "<%s width=\"%d\" valign=\"top\"><%s border=\"0\" cellpadding=\"2\">%s</%s>%s</%s>" % (
        T("td"), r.choice([180, 200, 220]), T("table"), lis, T("table"), SLOT % "td", T("td"))
    mid = "<%s valign=\"top\"><%s><b><font size=\"4\">%s</font></b></%s>%s%s</%s>" % (
        T("td"), T("center"), esc(c["h1"]), T("center"), art, SLOT % "article_end", T("td"))
    body = [
        "<%s width=\"%d\" border=\"0\" align=\"center\" cellspacing=\"0\"><%s>%s</%s></%s>" % (T("table"), r.choice([760, 778, 960, 1000]), T("tr"), nav, T("tr"), T("table")),
        "<%s width=\"%d\" align=\"center\"><%s>%s%s</%s></%s>" % (T("table"), r.choice([760, 960]), T("tr"), left if r.random() < 0.6 else mid, mid if "valign=\"top\"><%s border" % T("table") not in left else "", T("tr"), T("table")),
    ]
    # ensure both columns present
    body[1] = "<%s width=\"%d\" align=\"center\"><%s>%s%s</%s></%s>" % (T("table"), r.choice([760, 960]), T("tr"), left, mid, T("tr"), T("table"))
    body += c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]
    return body


def sh_forum(p, c):
    r = p.r
    s = c["script"]
    users = short("usernames", s) or SH["usernames"]
    posts = []
    floors = c["comments"]
    for i, txt in enumerate(floors):
        u = r.choice(users)
        quote = ""
        if i > 1 and r.random() < 0.3:
            q = floors[r.randrange(i)]
            quote = "<blockquote class=\"%s\">%s %d%s：%s</blockquote>" % (p.cls("quote"), "引用" if s == "simp" else "引用", r.randint(1, i), "楼" if s == "simp" else "樓", esc(q[:40]))
        sig = ""
        if r.random() < 0.3:
            sig = "<div class=\"%s\">%s</div>" % (p.cls("sign", "signature"), esc(r.choice(c["paras"])[:30]))
        posts.append(
            "<div class=\"%s\" id=\"post_%d\"><div class=\"%s\"><a href=\"/space-uid-%d.html\">%s</a></div>"
            "<div class=\"%s\"><em>%d#</em> <span>%s 20%02d-%02d-%02d</span></div>"
            "<div class=\"%s\">%s%s</div>%s%s</div>" % (
                p.cls("post", "floor", "pl"), r.randint(10000, 999999), p.cls("author"), r.randint(1, 999999), esc(u),
                p.cls("pi"), i + 1, "发表于" if s == "simp" else "發表於", r.randint(10, 25), r.randint(1, 12), r.randint(1, 28),
                p.cls("t_f", "message", "content"), quote, esc(txt), sig, SLOT % ("sig%d" % i) if i in (0, 1, len(floors) - 1) else ""))
    top = "<div class=\"%s\"><a href=\"/forum.php\">%s</a> › <a href=\"/forum-%d-1.html\">%s</a></div>" % (
        p.cls("crumb", "nav"), "论坛" if s == "simp" else "論壇", r.randint(2, 90), esc(r.choice(SECTIONS[s])))
    first = "<div class=\"%s\"><h1>%s</h1><div>%s</div></div>" % (p.cls("thread"), esc(c["h1"]), "".join("<p>%s</p>" % esc(x) for x in c["paras"][:2]))
    return [top, first] + posts + [SLOT % "article_end"] + c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]


def sh_blog(p, c):
    r = p.r
    s = c["script"]
    art = "".join("<p>%s</p>" % esc(x) for x in c["paras"])
    tags = p.pick(short("tags", s), r.randint(8, 16))
    cloud = "".join("<a href=\"/tag/%d\" style=\"font-size:%dpt\">%s</a>%s" % (r.randint(1, 999), r.randint(8, 22), esc(t), r.choice([" ", "\n", ""])) for t in tags)
    arch = "".join("<li><a href=\"/20%02d/%02d/\">20%02d年%d月</a> (%d)</li>" % (y, m, y, m, r.randint(1, 30)) for y, m in [(r.randint(15, 25), r.randint(1, 12)) for _ in range(r.randint(3, 8))])
    rc = "".join("<li>%s：<a href=\"#c%d\">%s</a></li>" % (esc(r.choice(SH["usernames"])), r.randint(1, 9999), esc(x[:24])) for x in c["comments"][:4])
    widgets = [
        "<aside class=\"widget %s\"><h3 class=\"widget-title\">%s</h3><div class=\"tagcloud\">%s</div></aside>" % (p.cls("tag_cloud"), "標籤雲" if s == "trad" else "标签云", cloud),
        "<aside class=\"widget %s\"><h3>%s</h3><ul>%s</ul></aside>" % (p.cls("archive"), "文章歸檔" if s == "trad" else "文章归档", arch),
        "<aside class=\"widget %s\"><h3>%s</h3><ul>%s</ul></aside>" % (p.cls("recent-comments"), "近期評論" if s == "trad" else "近期评论", rc),
        SLOT % "sidebar",
    ]
    r.shuffle(widgets)
    main = "<article class=\"post %s\"><header><h1 class=\"entry-title\">%s</h1><time>20%02d-%02d-%02d</time></header><div class=\"entry-content\">%s%s</div>%s</article>" % (
        p.cls("hentry"), esc(c["h1"]), r.randint(12, 25), r.randint(1, 12), r.randint(1, 28), art, SLOT % "article_end", SLOT % "related")
    side = "<div id=\"%s\" class=\"sidebar\">%s</div>" % (p.cls("secondary"), "".join(widgets))
    cols = [main, side] if r.random() < 0.7 else [side, main]
    return ["<div id=\"%s\">%s</div>" % (p.cls("page", "wrapper"), p.nl.join(cols))] + c["extras"] + [c["footer"], SLOT % "footer"]


def sh_shop(p, c):
    r = p.r
    s = c["script"]
    specs = "".join("<tr><th>%s</th><td>%s</td></tr>" % (k, v) for k, v in p.pick(
        [("品牌" if s == "simp" else "品牌", r.choice(["华信", "青禾", "星海", "南湖"])), ("型号", "X%d" % r.randint(100, 999)),
         ("颜色" if s == "simp" else "顏色", r.choice(["黑", "白", "灰", "蓝" if s == "simp" else "藍"])),
         ("重量", "%dg" % r.randint(80, 3000)), ("产地" if s == "simp" else "產地", r.choice(CITIES)),
         ("保修" if s == "simp" else "保固", "%d个月" % r.choice([6, 12, 24]))], r.randint(3, 6)))
    reviews = "".join("<li class=\"%s\"><span class=\"user\">%s</span><span class=\"stars\">%s</span><p>%s</p></li>" % (
        p.cls("rev", "review"), esc(r.choice(SH["usernames"])), "★" * r.randint(3, 5), esc(x)) for x in c["comments"])
    price = "<div class=\"%s\">¥<b>%d.%02d</b> <del>¥%d</del></div>" % (p.cls("price"), r.randint(9, 4999), r.randint(0, 99), r.randint(100, 9999))
    btn = "<button type=\"button\">%s</button>" % esc(r.choice(short("buttons", s) or ["购买"]))
    return ["<div class=\"%s\"><h1>%s</h1>%s%s</div>" % (p.cls("detail", "goods"), esc(c["h1"]), price, btn),
            "<table class=\"%s\">%s</table>" % (p.cls("spec", "params"), specs),
            "<div class=\"%s\">%s</div>%s" % (p.cls("desc"), "".join("<p>%s</p>" % esc(x) for x in c["paras"]), SLOT % "article_end"),
            "<ul class=\"%s\">%s</ul>" % (p.cls("reviews"), reviews), SLOT % "related"] + c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]


def sh_app(p, c):
    r = p.r
    s = c["script"]
    info = "<dl class=\"%s\"><dt>%s</dt><dd>%d.%d.%d</dd><dt>%s</dt><dd>%.1fMB</dd><dt>%s</dt><dd>Android %d.0+</dd></dl>" % (
        p.cls("info"), "版本" if s == "simp" else "版本", r.randint(1, 9), r.randint(0, 20), r.randint(0, 99),
        "大小", r.uniform(5, 300), "系统要求" if s == "simp" else "系統需求", r.randint(5, 12))
    dl = "<a class=\"%s\" href=\"/download/%d.apk\">%s</a>" % (p.cls("btn-down"), r.randint(1, 99999), "立即下载" if s == "simp" else "立即下載")
    shots = "".join("<img src=\"/shots/%d.jpg\" alt=\"%s\">" % (r.randint(1, 999), "截图" if s == "simp" else "截圖") for _ in range(r.randint(2, 5)))
    rel = "".join("<li><a href=\"/app/%d\">%s</a></li>" % (r.randint(1, 99999), esc(h[:12])) for h in c["heads"][:6])
    return ["<section class=\"%s\"><h1>%s</h1>%s%s</section>" % (p.cls("app-head"), esc(c["h1"]), info, dl),
            "<section class=\"%s\">%s</section>" % (p.cls("shots"), shots),
            "<section class=\"%s\"><h2>%s</h2>%s%s</section>" % (p.cls("intro"), "应用介绍" if s == "simp" else "應用介紹", "".join("<p>%s</p>" % esc(x) for x in c["paras"]), SLOT % "article_end"),
            "<ul class=\"%s\">%s</ul>" % (p.cls("rel-apps"), rel), SLOT % "related"] + c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]


def sh_gov(p, c):
    r = p.r
    s = c["script"]
    att = "".join("<li><a href=\"/uploadfiles/%d/%d.%s\">%s%d：%s.%s</a></li>" % (
        r.randint(2018, 2025), r.randint(1000, 99999), ext, "附件" if s == "simp" else "附件", i + 1, esc(headline_from(r, r.choice(c["paras"]))[:16]), ext)
        for i, ext in enumerate(r.choice(["doc", "pdf", "xls", "docx"]) for _ in range(r.randint(1, 4))))
    meta = "<div class=\"%s\">%s：%s　%s：20%02d-%02d-%02d　%s：%d</div>" % (
        p.cls("info", "xxgk"), "来源" if s == "simp" else "來源", esc(r.choice(short("sites", s))), "发布时间" if s == "simp" else "發布時間",
        r.randint(15, 25), r.randint(1, 12), r.randint(1, 28), "浏览次数" if s == "simp" else "瀏覽次數", r.randint(10, 9999))
    txt = "".join("<p style=\"text-indent:2em\">%s</p>" % esc(x) for x in c["paras"])
    lay = r.random() < 0.5
    body = ["<div class=\"%s\"><h2>%s</h2>%s<div class=\"%s\">%s</div>%s<div class=\"%s\"><b>%s</b><ul>%s</ul></div></div>" % (
        p.cls("article", "zw"), esc(c["h1"]), meta, p.cls("content", "TRS_Editor"), txt, SLOT % "article_end",
        p.cls("attach", "fj"), "相关附件：" if s == "simp" else "相關附件：", att)]
    if lay:
        body = ["<table width=\"100%%\"><tr><td>%s</td><td width=\"240\">%s</td></tr></table>" % (body[0], SLOT % "td")]
    return body + [SLOT % "related"] + c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]


def sh_school(p, c):
    r = p.r
    notices = "".join("<li><span class=\"date\">%02d-%02d</span><a href=\"/info/%d.htm\" title=\"%s\">%s</a></li>" % (
        r.randint(1, 12), r.randint(1, 28), r.randint(1000, 99999), htmlmod.escape(h, quote=True), esc(h)) for h in c["heads"])
    blocks = ["<div class=\"%s\"><div class=\"hd\"><span>%s</span><a href=\"/more\">more&gt;&gt;</a></div><ul>%s</ul></div>" % (
        p.cls("notice", "tzgg"), "通知公告", notices),
        "<div class=\"%s\"><h3>%s</h3>%s%s</div>" % (p.cls("news", "xxyw"), esc(c["h1"]), "".join("<p>%s</p>" % esc(x) for x in c["paras"]), SLOT % "article_end"),
        SLOT % "sidebar"]
    r.shuffle(blocks)
    if r.random() < 0.5:
        blocks = ["<table class=\"%s\"><tr>%s</tr></table>" % (p.cls("main"), "".join("<td valign=\"top\">%s</td>" % b for b in blocks[:2])) + SLOT % "td"] + blocks[2:]
    return blocks + c["extras"] + [c["footer"], SLOT % "footer"]


def sh_news(p, c):
    r = p.r
    s = c["script"]
    rel = "".join("<li><a href=\"/%s/20%02d%02d/%d.shtml\">%s</a></li>" % (r.choice(["news", "society", "finance", "tech"]), r.randint(15, 25), r.randint(1, 12), r.randint(10000, 999999), esc(h)) for h in c["heads"])
    art = "".join("<p>%s</p>" % esc(x) for x in c["paras"])
    mid = r.randint(1, max(1, len(c["paras"]) - 1))
    art_parts = ["<p>%s</p>" % esc(x) for x in c["paras"]]
    art_parts.insert(mid, SLOT % "article_mid")
    art = "".join(art_parts)
    return ["<div class=\"%s\"><h1>%s</h1><div class=\"%s\"><span>%s</span> <span>%s：%s</span></div><div class=\"%s\">%s</div>%s</div>" % (
        p.cls("article", "main-content"), esc(c["h1"]), p.cls("source", "info"), "20%02d年%02d月%02d日" % (r.randint(15, 25), r.randint(1, 12), r.randint(1, 28)),
        "来源" if s == "simp" else "來源", esc(r.choice(short("sites", s))), p.cls("text", "article-body"), art, SLOT % "article_end"),
        SLOT % "related",
        "<div class=\"%s\"><h3>%s</h3><ul>%s</ul></div>" % (p.cls("related", "xgyd"), "相关阅读" if s == "simp" else "相關閱讀", rel)] + c["extras"] + [SLOT % "sidebar", c["footer"], SLOT % "footer"]


def sh_mobile(p, c):
    r = p.r
    lis = "".join("<li><a href=\"/m/%d\"><h4>%s</h4><p>%s</p></a></li>" % (r.randint(1, 99999), esc(h), esc(r.choice(c["paras"])[:30])) for h in c["heads"][:6])
    return ["<header class=\"%s\"><a class=\"logo\" href=\"/\">%s</a></header>" % (p.cls("top", "header"), esc(c["site"])),
            "<section class=\"%s\"><h1>%s</h1>%s%s</section>" % (p.cls("detail", "art"), esc(c["h1"]), "".join("<p>%s</p>" % esc(x) for x in c["paras"]), SLOT % "article_end"),
            "<ul class=list>%s</ul>" % lis, SLOT % "related"] + c["extras"] + [SLOT % "sidebar", "<footer>%s</footer>" % c["footer"], SLOT % "footer"]


SHELLS = {"portal": sh_portal, "forum": sh_forum, "blog": sh_blog, "shop": sh_shop, "app": sh_app, "gov": sh_gov,
          "school": sh_school, "news": sh_news, "mobile": sh_mobile}
SHELL_NAMES = sorted(SHELLS)


# --------------------------------------------------------------------------- injections
# Each returns (html_fragment, slot_preference, kind, placement); records snippets on sp.

HIDE_STYLES = [
    ("ul_none", "display:none"), ("fixed", "position:fixed;top:-500px"), ("font0", "font-size:0;line-height:0"),
    ("hidden_attr", "hidden"), ("important", "display:none !important"),
]
SEPS = ["|", " | ", "丨", "｜", "_", "-", " I ", "，", "、", "/", "·", " ", "<br>"]


def kw_row(p, sp, n, seps=SEPS):
    """A row of keywords joined with a separator; returns (html, list of (text, cat) units to record)."""
    r = p.r
    sep = r.choice(seps)
    items = [sp.kw() for _ in range(n)]
    if sep == "<br>":
        return "<br>".join(sp.h(t) for t, _ in items), items, True
    return esc(sep).join(sp.h(t) for t, _ in items), items, False


def mixcat(cats):
    u = sorted(set(cats))
    return u[0] if len(u) == 1 else "mixed"


def rec_row(sp, items, brsplit, sep_text=None):
    if brsplit:
        for t, c in items:
            sp.record(t, c)
    else:
        sp.record(sep_text, mixcat([c for _, c in items]))


def inj_td(p, sp):
    r = p.r
    n = r.randint(3, 8)
    sep = r.choice(SEPS[:-1])
    items = [sp.kw() for _ in range(n)]
    t = sep.join(x for x, _ in items)
    if r.random() < 0.5:
        inner = "<a href=\"http://%s/\">%s</a>" % (rand_url(r).replace("https://", ""), sp.h(t))
    else:
        inner = "<font color=\"#%06x\">%s</font>" % (r.choice([0xffffff, 0xfefefe, 0x333333]), sp.h(t))
    sp.record(t, mixcat([c for _, c in items]))
    frag = "<table border=\"0\"><tr><td>%s</td></tr></table>" % inner
    return frag, ["td", "sidebar", "article_end"], "injected_block", "layout_table_td"


def inj_signature(p, sp):
    r = p.r
    t, c = sp.sent() if r.random() < 0.6 else (None, None)
    if t is None:
        items = [sp.kw() for _ in range(r.randint(2, 4))]
        t = r.choice([" ", "丨", " | ", "，"]).join(x for x, _ in items)
        c = mixcat([cc for _, cc in items])
    sp.record(t, c)
    frag = "<div class=\"%s\">%s</div>" % (p.cls("sign", "signature", "sig"), sp.h(t))
    return frag, ["sig0", "sig1", "sig2", "sig3", "sig4", "sig5", "sig6", "sig7", "article_end"], "comment_spam", "comments/signature"


def inj_tagcloud(p, sp):
    r = p.r
    items = [sp.kw() for _ in range(r.randint(5, 14))]
    links = "".join("<a href=\"/tag/%s\" style=\"font-size:%dpx\">%s</a>%s" % (rand_wx(r), r.randint(11, 24), sp.h(t), r.choice([" ", "\n", ""])) for t, _ in items)
    lab = "熱門標籤" if sp.trad and r.random() < 0.5 else "热门标签"
    # anchors joined with whitespace: the whole cloud is one block; record each anchor
    for t, c in items:
        sp.record(t, c)
    frag = "<div class=\"%s\"><h3>%s</h3><div class=\"%s\">%s</div></div>" % (p.cls("widget", "hot-tags"), lab, p.cls("tagcloud"), links)
    return frag, ["sidebar", "related"], "link_list", "sidebar/tag_cloud"


def inj_related_search(p, sp):
    r = p.r
    items = [sp.kw() for _ in range(r.randint(4, 10))]
    sep = r.choice([" ", " | ", "丨", "、", "　"])
    links = sep.join("<a href=\"/s/?wd=%d\">%s</a>" % (r.randint(1, 99999), sp.h(t)) for t, _ in items)
    for t, c in items:
        sp.record(t, c)
    lab = r.choice(["相关搜索：", "相关搜索", "大家还在搜：", "猜你喜欢："])
    frag = "<div class=\"%s\"><b>%s</b>%s</div>" % (p.cls("rs", "relsearch"), lab, links)
    return frag, ["related", "article_end", "sidebar"], "link_list", "related_search"


def inj_hidden(p, sp):
    r = p.r
    name, style = r.choice(HIDE_STYLES)
    if name == "ul_none":
        items = [sp.kw() for _ in range(r.randint(5, 16))]
        lis = "".join("<li><a href=\"http://%s/\">%s</a></li>" % (rand_url(r).replace("https://", ""), sp.h(t)) for t, _ in items)
        for t, c in items:
            sp.record(t, c)
        frag = "<ul style=\"%s\">%s</ul>" % (style, lis)
    else:
        k = r.random()
        if k < 0.5:
            html, items, br = kw_row(p, sp, r.randint(4, 12))
            if br:
                rec_row(sp, items, True)
            else:
                sep_t = htmlmod.unescape(html)
                rec_row(sp, items, False, sep_t)
        else:
            t, c = sp.sent()
            html = sp.h(t)
            sp.record(t, c)
        if name == "fixed":
            frag = "<div style=\"%s\">%s</div>" % (style, html)
        elif name == "font0":
            frag = "<p style=\"%s\">%s</p>" % (style, html)
        elif name == "hidden_attr":
            frag = "<div hidden>%s</div>" % html
        else:
            frag = "<div><span style=\"%s\">%s</span></div>" % (style, html)
    slots = r.choice([["article_mid", "article_end"], ["footer", "sidebar"], ["sidebar", "td"], ["article_end"]])
    return frag, slots, "hidden_div", "{slot}/style:%s" % style


def inj_after_html(p, sp):
    r = p.r
    parts = []
    for _ in range(r.randint(1, 3)):
        if r.random() < 0.5:
            t, c = sp.sent()
            sp.record(t, c)
            parts.append("<p>%s</p>" % sp.h(t))
        else:
            items = [sp.kw() for _ in range(r.randint(3, 8))]
            links = "".join("<a href=\"http://%s/\">%s</a>" % (rand_url(r).replace("https://", ""), sp.h(t)) for t, _ in items)
            for t, c in items:
                sp.record(t, c)
            parts.append("<div>%s</div>" % links)
    return "".join(parts), ["after_html"], "injected_block", "after_html"


def inj_visible_block(p, sp):
    r = p.r
    t, c = sp.sent()
    sp.record(t, c)
    frag = "<p>%s</p>" % sp.h(t)
    slot = r.choice(["article_mid", "article_end", "footer"])
    return frag, [slot, "article_end"], "injected_block", {"article_mid": "in_article_middle", "article_end": "in_article_end", "footer": "footer"}[slot]


INJECTORS = [inj_td, inj_signature, inj_tagcloud, inj_related_search, inj_hidden, inj_hidden, inj_after_html, inj_visible_block]


# --------------------------------------------------------------------------- page assembly

def choose_cats(r):
    x = r.random()
    if x < 0.42:
        return ["adult"]
    if x < 0.72:
        return ["gambling"]
    if x < 0.88:
        return ["other"]
    return r.sample(["adult", "gambling", "other"], 2)


def choose_obs(r, allow_entities=True):
    if r.random() >= 0.34:
        return []
    pool = ["fullwidth", "lookalike", "zerowidth", "spacing", "qmark"] + (["entities"] if allow_entities else [])
    return sorted(r.sample(pool, 1 if r.random() < 0.7 else 2))


def content(r, script, kind, shell):
    domain = None
    n = r.randint(3, 7)
    paras = paragraphs(r, script, domain, n)
    if kind == "hard_negative":
        hn = HARD[script]
        k = r.randint(1, 3)
        for _ in range(k):
            paras.insert(r.randint(0, len(paras)), r.choice(hn))
    comments = []
    nc = r.randint(3, 8) if shell in ("forum", "shop", "blog") else 0
    if kind == "offensive":
        nc = max(nc, r.randint(4, 9))
    for _ in range(nc):
        x = r.random()
        if kind == "offensive" and x < 0.45:
            comments.append(r.choice(OFFENSIVE[script]))
        elif x < 0.4:
            comments.append(r.choice(REPLIES[script]))
        else:
            comments.append(r.choice(CLEAN[script][r.choice(["forum", "forum_life", "chatter_misc"] if script == "simp" else ["chatter_tw", "chatter_hk", "life", "forum_more"])]))
    if shell == "forum" and not comments:
        comments = [r.choice(REPLIES[script]) for _ in range(3)]
    heads = headlines(r, script, r.randint(6, 16) if shell == "news" else r.randint(4, 9))
    h1 = headline_from(r, paras[0]) if kind != "hard_negative" or r.random() < 0.5 else headline_from(r, paras[-1])
    return {"paras": paras, "comments": comments, "heads": heads, "h1": h1}


def build_html(p, c, title_html, kw_html, desc_html, injections, charset):
    r = p.r
    body = SHELLS[c["shell"]](p, c)
    html_body = p.join(body)
    after = ""
    placed = []
    for frag, slots in injections:
        done = False
        for s in slots:
            if s == "after_html":
                after += p.nl + frag
                placed.append("after_html")
                done = True
                break
            mark = SLOT % s
            if mark in html_body:
                html_body = html_body.replace(mark, frag + mark, 1)
                done = True
                placed.append(s)
                break
        if not done:
            # fallback: before footer
            html_body = html_body.replace(SLOT % "footer", frag + SLOT % "footer", 1) if SLOT % "footer" in html_body else html_body + frag
            placed.append("footer")
    while "\x00" in html_body:
        a = html_body.index("\x00")
        b = html_body.index("\x00", a + 1)
        html_body = html_body[:a] + html_body[b + 1:]
    bodyattrs = p.attrs({"class": p.cls("home", "article", "page") if r.random() < 0.6 else None,
                         "bgcolor": "#ffffff" if r.random() < 0.2 else None})
    doc = head(p, title_html, kw_html, desc_html, charset) + "<%s%s>%s%s%s</%s>%s</%s>%s" % (
        p.t("body"), bodyattrs, p.nl, html_body, p.nl, p.t("body"), p.nl, p.t("html"), after)
    return doc, placed


def site_title(r, script, site, h1):
    sep = r.choice(["_", " - ", " | ", "-"])
    return h1 + sep + site


def make_clean(r, idx, kind, as_text):
    script = "trad" if r.random() < 0.33 else "simp"
    shell = r.choice(SHELL_NAMES)
    if kind == "offensive" and r.random() < 0.7:
        shell = r.choice(["forum", "blog", "shop"])
    c = content(r, script, kind, shell)
    site = r.choice(short("sites", script))
    rec = {"id": "g2-%06d" % idx, "label": "clean", "category": "none", "kind": kind, "script": script,
           "injected": [], "injected_categories": [], "obfuscation": [], "placement": ""}
    if as_text:
        lines = [c["h1"], ""] + c["paras"] + ([""] + c["comments"] if c["comments"] else [])
        rec_text = "\n".join(lines)
        if r.random() < 0.3:
            lab = "熱門搜尋：" if script == "trad" else "热门搜索："
            rec_text += "\n" + lab + " | ".join(p for p in r.sample(short("tags", script), 4))
        out = dict(rec)
        out.pop("injected")
        return {"id": rec["id"], "text": rec_text, **{k: rec[k] for k in rec if k != "id"}}
    p = Page(r, script)
    c.update(script=script, shell=shell, site=site, extras=legit_extras(p, script), footer=footer(p, script, site))
    kws = ",".join(p.pick(short("tags", script), r.randint(3, 12))) if r.random() < 0.7 else None
    desc = esc(c["paras"][0][:60]) if r.random() < 0.5 else None
    doc, _ = build_html(p, c, esc(site_title(r, script, site, c["h1"])), esc(kws) if kws else None, desc, [],
                        r.choice(["utf-8", "UTF-8", "gbk", "gb2312"] if script == "simp" else ["utf-8", "big5", "UTF-8"]))
    return {"id": rec["id"], "html": doc, **{k: rec[k] for k in rec if k != "id"}}


def finish_spam(rec, sp):
    rec["injected"] = list(sp.snips)
    rec["injected_categories"] = list(sp.snipcats)
    cats = set()
    for c in sp.snipcats:
        cats.update(["adult", "gambling"] if c == "mixed" else [c])
    rec["category"] = sorted(cats)[0] if len(cats) == 1 else "mixed"
    rec["obfuscation"] = sorted(sp.used)
    return rec


def make_spam(r, idx, as_text):
    body_script = "trad" if r.random() < 0.33 else "simp"
    spam_trad = body_script == "trad" and r.random() < 0.4
    script = body_script if (body_script == "simp" or spam_trad) else "mixed"
    cats = choose_cats(r)
    obs = choose_obs(r, allow_entities=not as_text)
    sp = Spam(r, cats, spam_trad, obs)
    rec = {"id": "g2-%06d" % idx, "label": "spam", "category": "", "kind": "", "script": script,
           "injected": [], "injected_categories": [], "obfuscation": obs, "placement": ""}
    if as_text:
        c = content(r, body_script, "clean", "news")
        lines = [c["h1"], ""] + c["paras"]
        if r.random() < 0.5:
            items = [sp.kw() for _ in range(r.randint(4, 10))]
            t = r.choice(["|", " | ", "丨", "，", "、", " ", "_"]).join(x for x, _ in items)
            sp.record(t, mixcat([cc for _, cc in items]))
        else:
            t, cc = sp.sent()
            sp.record(t, cc)
        lines += ["", t]
        rec.update(kind="injected_block", placement="text_end")
        finish_spam(rec, sp)
        return {"id": rec["id"], "text": "\n".join(lines), **{k: rec[k] for k in rec if k != "id"}}

    shell = r.choice(SHELL_NAMES)
    p = Page(r, body_script)
    site = r.choice(short("sites", body_script))
    x = r.random()
    if x < 0.1:
        return make_farm(r, p, rec, sp)
    c = content(r, body_script, "clean", shell)
    c.update(script=body_script, shell=shell, site=site, extras=legit_extras(p, body_script), footer=footer(p, body_script, site))
    title_html = esc(site_title(r, body_script, site, c["h1"]))
    kws_html = esc(",".join(p.pick(short("tags", body_script), r.randint(3, 8)))) if r.random() < 0.5 else None
    injections, kinds, placements = [], [], []
    if x < 0.3:
        # hijacked title (+ often meta keywords)
        tsep = r.choice(["_", "-", " I ", "丨", " | ", "|"])
        if r.random() < 0.5:
            cc = sp.cat()
            t = sp.text(spam_title(r, cc))
            tt = t
            for _ in range(r.randint(0, 2)):
                k, c2 = sp.kw()
                tt += tsep + k
                cc = mixcat([cc, c2])
        else:
            items = [sp.kw() for _ in range(r.randint(2, 5))]
            tt = tsep.join(k for k, _ in items)
            cc = mixcat([c2 for _, c2 in items])
        sp.record(tt, cc)
        full_title = tt + (tsep + site if r.random() < 0.5 else "")
        title_html = htmlmod.escape(full_title, quote=False)
        kinds.append("hijacked_title")
        placements.append("title")
        if r.random() < 0.7:
            items = [sp.kw() for _ in range(r.randint(3, 9))]
            kt = r.choice([",", "，", "|", "、"]).join(k for k, _ in items)
            sp.record(kt, mixcat([c2 for _, c2 in items]))
            kws_html = htmlmod.escape(kt, quote=True)
            placements.append("meta_keywords")
        if r.random() < 0.4:
            f = r.choice(INJECTORS)
            frag, slots, k, pl = f(p, sp)
            injections.append((frag, slots))
            placements.append(pl)
    else:
        n = 1 if r.random() < 0.7 else 2
        for _ in range(n):
            f = r.choice(INJECTORS)
            if shell == "forum" and r.random() < 0.5:
                f = inj_signature
            if shell != "forum" and f is inj_signature:
                f = inj_td if r.random() < 0.5 else inj_tagcloud
            frag, slots, k, pl = f(p, sp)
            injections.append((frag, slots))
            kinds.append(k)
            placements.append(pl)
    doc, placed = build_html(p, c, title_html, kws_html, None, injections,
                             r.choice(["utf-8", "gbk", "gb2312"] if body_script == "simp" else ["utf-8", "big5"]))
    names = {"article_mid": "in_article_middle", "article_end": "in_article_end", "td": "layout_table_td",
             "sidebar": "sidebar", "footer": "footer", "related": "related_links"}
    j = 0
    fixed = []
    for pl in placements:
        if pl in ("title", "meta_keywords"):
            fixed.append(pl)
            continue
        slot = placed[j] if j < len(placed) else "after_html"
        j += 1
        if "{slot}" in pl:
            s0 = "comments" if slot.startswith("sig") else names.get(slot, slot)
            pl = pl.replace("{slot}", s0)
        fixed.append(pl)
    placements = fixed
    rec["kind"] = kinds[0]
    rec["placement"] = ";".join(dict.fromkeys(placements))
    finish_spam(rec, sp)
    return {"id": rec["id"], "html": doc, **{k: rec[k] for k in rec if k != "id"}}


def make_farm(r, p, rec, sp):
    """Whole-page keyword farm: every text node is spam except neutral navigation."""
    T = p.t
    tsep = r.choice(["_", "-", " I ", "丨", " | "])
    items = [sp.kw() for _ in range(r.randint(2, 4))]
    tt = tsep.join(k for k, _ in items)
    sp.record(tt, mixcat([c for _, c in items]))
    kitems = [sp.kw() for _ in range(r.randint(4, 10))]
    kt = ",".join(k for k, _ in kitems)
    sp.record(kt, mixcat([c for _, c in kitems]))
    body = []
    h1, hc = sp.kw()
    sp.record(h1, hc)
    body.append("<%s>%s</%s>" % (T("h1"), sp.h(h1), T("h1")))
    for _ in range(r.randint(2, 5)):
        row = [sp.kw() for _ in range(r.randint(6, 14))]
        style = r.choice(["ul", "p", "table"])
        if style == "ul":
            body.append("<ul class=\"%s\">%s</ul>" % (p.cls("list"), "".join("<li><a href=\"/%d.html\">%s</a></li>" % (r.randint(1, 99999), sp.h(t)) for t, _ in row)))
            for t, c in row:
                sp.record(t, c)
        elif style == "p":
            sep = r.choice(SEPS[:-1])
            t = sep.join(k for k, _ in row)
            body.append("<p>%s</p>" % sp.h(t))
            sp.record(t, mixcat([c for _, c in row]))
        else:
            cells = "".join("<tr>%s</tr>" % "".join("<td><a href=\"/v/%d\">%s</a></td>" % (r.randint(1, 9999), sp.h(t)) for t, _ in row[i:i + 3]) for i in range(0, len(row), 3))
            body.append("<table>%s</table>" % cells)
            for t, c in row:
                sp.record(t, c)
        if r.random() < 0.5:
            t, c = sp.sent()
            sp.record(t, c)
            body.append("<div>%s</div>" % sp.h(t))
    nav = "<div><a href=\"/\">%s</a></div>" % ("首页" if not sp.trad else "首頁")
    doc = head(p, sp.h(tt), htmlmod.escape(kt, quote=True), None, "utf-8") + "<%s>%s%s%s</%s></%s>" % (
        T("body"), nav, p.nl, p.join(body), T("body"), T("html"))
    rec["kind"] = "pure_spam"
    rec["placement"] = "whole_page:keyword_farm"
    rec["script"] = "trad" if sp.trad else "simp"
    finish_spam(rec, sp)
    return {"id": rec["id"], "html": doc, **{k: rec[k] for k in rec if k != "id"}}


def generate(n, seed):
    r = random.Random(seed)
    out = []
    for i in range(n):
        as_text = r.random() < 0.08
        if i % 2 == 0:
            x = r.random()
            kind = "hard_negative" if x < 0.15 else ("offensive" if x < 0.25 else "clean")
            rec = make_clean(r, i + 1, kind, as_text)
        else:
            rec = make_spam(r, i + 1, as_text)
        out.append(rec)
    return out


KEYS = ["id", "html", "text", "label", "category", "kind", "script", "injected", "injected_categories", "obfuscation", "placement"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--out", default=os.path.join(HERE, "pages", "train2.jsonl"))
    ap.add_argument("--check", action="store_true", help="validate snippets, exit non-zero on error")
    a = ap.parse_args()
    recs = generate(a.pages, a.seed)
    bad = 0
    for rec in recs:
        miss = missing_snippets(rec)
        if miss or (rec["label"] == "spam" and not rec["injected"]):
            bad += 1
            if bad <= 10:
                print("BAD", rec["id"], miss[:2], file=sys.stderr)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in recs:
            f.write(json.dumps({k: rec[k] for k in KEYS if k in rec}, ensure_ascii=False) + "\n")
    print("wrote %d pages to %s (%d with missing snippets)" % (len(recs), a.out, bad))
    if a.check and bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
