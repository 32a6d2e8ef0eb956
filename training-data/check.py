#!/usr/bin/env python3
"""Validate pages/train.jsonl: parses, schema, every injected snippet occurs in one
extracted text block, and print counts.  Usage: python3 training-data/check.py [file]"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textextract import missing_snippets  # noqa: E402

LABELS = {"spam", "clean"}
CATS = {"adult", "gambling", "other", "mixed", "none"}
KINDS = {"clean", "hard_negative", "offensive", "injected_block", "hijacked_title", "hidden_div", "link_list",
         "pure_spam", "comment_spam"}
SCRIPTS = {"simp", "trad", "mixed"}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "pages", "train.jsonl")
    errors = 0
    counts = {k: collections.Counter() for k in ("label", "kind", "category", "script", "format", "obfuscation")}
    ids = set()
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            rec = json.loads(line)
            n += 1
            err = []
            if rec["id"] in ids:
                err.append("duplicate id")
            ids.add(rec["id"])
            if ("html" in rec) == ("text" in rec):
                err.append("exactly one of html/text required")
            if rec["label"] not in LABELS or rec["category"] not in CATS or rec["kind"] not in KINDS or rec["script"] not in SCRIPTS:
                err.append("bad enum")
            if len(rec["injected"]) != len(rec["injected_categories"]):
                err.append("injected/injected_categories length mismatch")
            if rec["label"] == "spam":
                if not rec["injected"]:
                    err.append("spam without injected")
                if rec["category"] == "none" or rec["kind"] in ("clean", "hard_negative", "offensive"):
                    err.append("spam with clean category/kind")
            else:
                if rec["injected"] or rec["category"] != "none" or rec["kind"] not in ("clean", "hard_negative", "offensive"):
                    err.append("clean record inconsistent")
            miss = missing_snippets(rec)
            if miss:
                err.append("snippets not found: %r" % miss[:3])
            if err:
                errors += 1
                if errors <= 20:
                    print("line %d %s: %s" % (ln, rec.get("id"), "; ".join(err)))
            for k in ("label", "kind", "category", "script"):
                counts[k][rec[k]] += 1
            counts["format"]["html" if "html" in rec else "text"] += 1
            for o in rec["obfuscation"]:
                counts["obfuscation"][o] += 1
    print("records: %d, errors: %d" % (n, errors))
    for k in counts:
        print("%-12s %s" % (k, dict(sorted(counts[k].items()))))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
