#!/usr/bin/env python3
"""Span quality of a `spamsift batch` output over bench dev-raw.

Usage: benches/span_quality.py PREDICTIONS.jsonl ../shared/bench/dev-raw

Each reported span is cut from the raw file, decoded in the page's served encoding, stripped of
tags and entities, and compared with the page's injected snippets by character 4-grams:
  precision  share of the spans' letters and CJK characters that lie in an injected 4-gram
             (spans on clean pages count fully against it);
  coverage   share of injected snippets (on pages flagged spam) with at least half of their
             4-grams inside some span.
Reads ../shared at run time; nothing of it is copied into the repository.
"""
import html
import json
import os
import re
import sys

TAG = re.compile(r"<[^>]*>")
KEEP = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")
N = 4


def letters(text):
    return "".join(KEEP.findall(html.unescape(TAG.sub(" ", text)))).lower()


def grams(text):
    return {text[i:i + N] for i in range(len(text) - N + 1)}


def main():
    preds_path, raw_dir = sys.argv[1], sys.argv[2]
    labels = {}
    with open(os.path.join(raw_dir, "labels.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            labels[rec["id"]] = rec
    in_spam = total = 0
    covered = snippets = 0
    spans = pages_with_spans = 0
    with open(preds_path, encoding="utf-8") as f:
        for line in f:
            pred = json.loads(line)
            lab = labels.get(pred["id"])
            if lab is None or "spans" not in pred:
                continue
            raw = open(os.path.join(raw_dir, lab["file"]), "rb").read()
            enc = {"gbk": "gb18030"}.get(lab["encoding"], lab["encoding"])
            injected = set()
            for s in lab["injected"]:
                injected |= grams(letters(s))
            span_grams = set()
            if pred["spans"]:
                pages_with_spans += 1
            for sp in pred["spans"]:
                spans += 1
                text = letters(raw[sp["start"]:sp["end"]].decode(enc, errors="replace"))
                mask = [False] * len(text)
                for i in range(len(text) - N + 1):
                    g = text[i:i + N]
                    span_grams.add(g)
                    if g in injected:
                        for j in range(i, i + N):
                            mask[j] = True
                in_spam += sum(mask)
                total += len(text)
            if lab["label"] == "spam" and pred.get("score", 0) >= 0.5:
                for s in lab["injected"]:
                    g = grams(letters(s))
                    if not g:
                        continue
                    snippets += 1
                    if len(g & span_grams) * 2 >= len(g):
                        covered += 1
    print(f"spans {spans} on {pages_with_spans} pages")
    print(f"precision {in_spam / max(total, 1):.3f}  ({in_spam} of {total} characters in injected text)")
    print(f"coverage  {covered / max(snippets, 1):.3f}  ({covered} of {snippets} snippets on flagged spam pages)")


if __name__ == "__main__":
    main()
