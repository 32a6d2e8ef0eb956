#!/usr/bin/env python3
"""Score pages with `spamsift batch -` inside Spark via RDD.pipe.

Each Spark partition is streamed through one `spamsift batch -` process: JSONL in on stdin,
one JSONL result per input line out on stdout, in the same order.

    python examples/pyspark_pipe.py --bin target/release/spamsift --input pages.jsonl --output out/
    python examples/pyspark_pipe.py --bin target/debug/spamsift --generate 300 --check

With --check it verifies that every input id comes back exactly once and that the order
inside each partition is preserved, prints `N passed, N failed` and exits non-zero on failure.
On a cluster, ship the binary with `--files` / `SparkContext.addFile` and pipe through
`./spamsift batch - --threads 1` (Spark already runs one task per core).
"""

import argparse
import json
import os
import sys

from pyspark.sql import SparkSession

SPAM = "免费A级毛片无码 | 亚洲AV中文字幕在线 | 澳门葡京娱乐城注册送彩金"
TOPICS = [
    "市图书馆周末延长开放时间，读者可在线预约座位。",
    "小学开展垃圾分类主题活动，学生们积极参与。",
    "本周蔬菜价格平稳，西红柿和黄瓜供应充足。",
    "地铁三号线完成信号系统升级，运行更加平稳。",
]


def generated_pages(n):
    """n small JSONL documents, every fifth one with an injected spam block."""
    for i in range(n):
        body = f"<p>{TOPICS[i % len(TOPICS)]}</p><p>编号 {i}</p>"
        if i % 5 == 2:
            body += f"<div>{SPAM}</div>"
        html = f"<html><head><title>社区新闻 {i}</title></head><body>{body}</body></html>"
        yield json.dumps({"id": f"gen-{i:05d}", "html": html, "url": f"http://example.test/{i}"},
                         ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="path to the spamsift binary")
    ap.add_argument("--input", help="JSONL file of {id, html|text|html_base64, url?}")
    ap.add_argument("--generate", type=int, default=0, help="generate N test pages instead of --input")
    ap.add_argument("--output", help="directory for the JSONL results (Spark text output)")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--check", action="store_true", help="verify ids and order, print N passed, N failed")
    args = ap.parse_args()

    spark = (SparkSession.builder.master("local[2]").appName("spamsift-pipe")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    if args.input:
        lines = sc.textFile(args.input, args.partitions)
    else:
        lines = sc.parallelize(list(generated_pages(args.generate)), args.partitions)

    command = [os.path.abspath(args.bin), "batch", "-", "--threads", "1"]
    scored = lines.pipe(" ".join(command), env={"RUST_LOG": "error"})

    if args.output:
        scored.saveAsTextFile(args.output)

    failed = 0
    passed = 0
    if args.check:
        inputs = lines.map(lambda l: json.loads(l)["id"]).glom().collect()
        outputs = scored.map(lambda l: json.loads(l)).glom().collect()
        out_ids = [[r.get("id") for r in part] for part in outputs]
        flat_in = [i for p in inputs for i in p]
        flat_out = [i for p in out_ids for i in p]
        errors = [r for p in outputs for r in p if "error" in r]
        flagged = [r["id"] for p in outputs for r in p if r.get("verdict") in ("spam", "review")]
        checks = [
            ("every input id comes back", set(flat_in) == set(flat_out)),
            ("no id comes back twice", len(flat_out) == len(set(flat_out)) == len(flat_in)),
            ("order preserved within each partition", inputs == out_ids),
            ("no error lines", not errors),
            ("every result line has a score", all("score" in r for p in outputs for r in p)),
            ("some generated spam pages are flagged", not args.generate or len(flagged) > 0),
        ]
        for name, ok in checks:
            print(("PASS " if ok else "FAIL ") + name)
            passed += ok
            failed += not ok
        print(f"documents: {len(flat_in)} in, {len(flat_out)} out, {len(flagged)} flagged, {len(errors)} errors")
        print(f"{passed} passed, {failed} failed")
    else:
        print(f"scored {scored.count()} documents")
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
