"""Text-block extraction used to validate the corpus.

Mirrors the convention the trainer relies on: all text of the document,
including <title> and <meta name=keywords/description> content, excluding
<script>/<style>/<template>; inline elements are joined without a separator,
every other element boundary (and <br>) starts a new block; whitespace is
normalised (runs of Unicode whitespace -> one space).
"""
from html.parser import HTMLParser

INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em",
    "font", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "img", "label",
    "del", "ins", "nobr", "em",
}
SKIP = {"script", "style", "template"}
META_NAMES = {"keywords", "description", "og:title", "og:description"}


def norm(s: str) -> str:
    return " ".join(s.split())


class _Ext(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.cur = []
        self.skip = 0

    def flush(self):
        t = norm("".join(self.cur))
        if t:
            self.blocks.append(t)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "meta":
            d = {k: (v or "") for k, v in attrs}
            name = (d.get("name") or d.get("property") or "").lower()
            if name in META_NAMES and d.get("content"):
                self.flush()
                self.cur.append(d["content"])
                self.flush()
            return
        if tag not in INLINE:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP:
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def html_blocks(doc: str):
    p = _Ext()
    p.feed(doc)
    p.close()
    p.flush()
    return p.blocks


def text_blocks(text: str):
    return [b for b in (norm(line) for line in text.split("\n")) if b]


def record_blocks(rec):
    if "html" in rec:
        return html_blocks(rec["html"])
    return text_blocks(rec["text"])


def missing_snippets(rec):
    blocks = record_blocks(rec)
    bad = []
    for s in rec.get("injected", []):
        n = norm(s)
        if not n or not any(n in b for b in blocks):
            bad.append(s)
    return bad
