#!/usr/bin/env python3
"""Checks a running `spamsift serve` with a real grpcio client generated from proto/.

Usage: grpc_client_check.py ADDR GENERATED_DIR FIXTURES_DIR

Scores the spam and the clean sample page (Score, ScoreBatch, ScoreStream), checks the
verdicts, span bounds, ids and per-item errors, and GetModelInfo. Prints one line per
check and exits non-zero if any failed.
"""

import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    addr, gen_dir, fixtures = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    sys.path.insert(0, gen_dir)

    import grpc
    from spamsift.v1 import classifier_pb2 as pb
    from spamsift.v1 import classifier_pb2_grpc as pb_grpc

    spam = (fixtures / "grpc_spam.html").read_bytes()
    clean = (fixtures / "grpc_clean.html").read_bytes()
    failures = []

    def check(name, ok, detail=""):
        print(f"{'ok' if ok else 'FAIL'} - python: {name}" + (f" ({detail})" if detail and not ok else ""))
        if not ok:
            failures.append(name)

    with grpc.insecure_channel(addr) as channel:
        grpc.channel_ready_future(channel).result(timeout=30)
        stub = pb_grpc.ClassifierStub(channel)

        for name, page, want in [("spam", spam, pb.VERDICT_SPAM), ("clean", clean, pb.VERDICT_CLEAN)]:
            resp = stub.Score(pb.ScoreRequest(id=name, raw=page, content_type="text/html; charset=utf-8"), timeout=30)
            check(f"Score {name} id echoed", resp.id == name, resp.id)
            check(
                f"Score {name} verdict is {pb.Verdict.Name(want)}",
                resp.verdict == want,
                f"got {pb.Verdict.Name(resp.verdict)}, score {resp.score:.3f}",
            )
            check(f"Score {name} spans inside the page", all(0 <= s.start < s.end <= len(page) for s in resp.spans))
            check(f"Score {name} model_version set", bool(resp.model_version))
            if want == pb.VERDICT_SPAM:
                check("Score spam has spans", len(resp.spans) > 0)

        try:
            stub.Score(pb.ScoreRequest(id="empty"), timeout=30)
            check("Score empty page is INVALID_ARGUMENT", False, "call succeeded")
        except grpc.RpcError as err:
            check("Score empty page is INVALID_ARGUMENT", err.code() == grpc.StatusCode.INVALID_ARGUMENT, str(err.code()))

        batch = stub.ScoreBatch(
            pb.ScoreBatchRequest(pages=[pb.ScoreRequest(id="a", raw=spam), pb.ScoreRequest(id="b"), pb.ScoreRequest(id="c", text=clean.decode("utf-8"))]),
            timeout=30,
        )
        check("ScoreBatch keeps order", [r.id for r in batch.results] == ["a", "b", "c"], str([r.id for r in batch.results]))
        kinds = [r.WhichOneof("outcome") for r in batch.results]
        check("ScoreBatch per-item error", kinds == ["response", "error", "response"], str(kinds))
        if kinds == ["response", "error", "response"]:
            check("ScoreBatch verdicts", batch.results[0].response.verdict == pb.VERDICT_SPAM and batch.results[2].response.verdict == pb.VERDICT_CLEAN)

        requests = [pb.ScoreRequest(id=f"{'s' if i % 2 else 'c'}{i}", raw=spam if i % 2 else clean) for i in range(20)]
        results = {r.id: r for r in stub.ScoreStream(iter(requests), timeout=60)}
        check("ScoreStream answers every id", sorted(results) == sorted(r.id for r in requests), str(len(results)))
        good = all(
            r.WhichOneof("outcome") == "response"
            and r.response.verdict == (pb.VERDICT_SPAM if rid.startswith("s") else pb.VERDICT_CLEAN)
            for rid, r in results.items()
        )
        check("ScoreStream verdicts", good)

        info = stub.GetModelInfo(pb.GetModelInfoRequest(), timeout=30)
        check("GetModelInfo version and labels", bool(info.version) and len(info.labels) > 0, str(info.version))

        policy = stub.GetPolicyInfo(pb.GetPolicyInfoRequest(), timeout=30)
        check(
            "GetPolicyInfo matches GetModelInfo's policy fields",
            policy.version == info.policy_version and policy.hash == info.policy_hash,
            f"{policy.version} {policy.hash!r}",
        )

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
