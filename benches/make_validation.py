#!/usr/bin/env python3
"""Builds validation pages from the validation-only sources that fetch.py caches (never trained on).

Writes training-data/.cache/validation/<name>.jsonl, all labelled clean (`kind` names the source):
  blogs_trad.jsonl   Taiwan / Hong Kong blog posts of about 2005 (chardet test feeds), 1–4 posts a page
  blogs_simp.jsonl   mainland blog posts of about 2005 (chardet test feeds), 1–4 posts a page
  cantonese.jsonl    Cantonese sentences (CTCPC, Common Voice), 3–8 sentences a page
Real HTML pages (gne, newspaper4k) are indexed by fetch.py itself in .cache/realpages/index.jsonl;
this script writes .cache/realpages/labels.jsonl for `spamsift eval` (Chinese pages only, near
duplicates left out, the one page with injected spam labelled spam).
"""

import json
import random
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / "training-data" / ".cache"


def pages(lines, lo, hi, rng, limit):
    out, i = [], 0
    while i < len(lines) and len(out) < limit:
        n = rng.randint(lo, hi)
        out.append("\n".join(lines[i : i + n]))
        i += n
    return out


def write(name, texts, kind):
    dest = CACHE / "validation" / f"{name}.jsonl"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8") as f:
        for n, t in enumerate(texts):
            rec = {"id": f"{name}-{n:05d}", "text": t, "label": "clean", "category": "none", "kind": kind}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(dest, len(texts))


def read(name):
    path = CACHE / "real" / name
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()] if path.exists() else []


def main():
    rng = random.Random(20261205)
    write("blogs_trad", pages(read("chardet_blogs_big5_hant.txt"), 1, 4, rng, 2000), "blog_trad")
    write("blogs_simp", pages(read("chardet_blogs_gb_hans.txt"), 1, 4, rng, 2000), "blog_simp")
    canto = read("ctcpc_yue_hant.txt")
    rng.shuffle(canto)
    write("cantonese", pages(canto[:6000] + read("commonvoice_yue_hant.txt")[:3000], 3, 8, rng, 1500), "cantonese")
    index = CACHE / "realpages" / "index.jsonl"
    if index.exists():
        with (CACHE / "realpages" / "labels.jsonl").open("w", encoding="utf-8") as out:
            for line in index.read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                if not r["lang"].startswith("zh") or r.get("near_duplicate_of"):
                    continue
                spam = r.get("clean") is False
                rec = {
                    "id": r["id"],
                    "file": r["file"].removeprefix("realpages/"),
                    "label": "spam" if spam else "clean",
                    "category": "other" if spam else "none",
                    "kind": "real_page_spam" if spam else "real_page",
                }
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
