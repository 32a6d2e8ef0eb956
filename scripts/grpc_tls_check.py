#!/usr/bin/env python3
"""Checks a `spamsift serve` running with TLS and a token file, with a real grpcio client.

Usage: grpc_tls_check.py ADDR GENERATED_DIR CA_PEM TOKEN FIXTURES_DIR

With the CA and the token, Score works; without the token, or with a wrong one, the call
gets UNAUTHENTICATED; the health check works without a token; a plaintext channel to the
TLS port fails. Prints one line per check and exits non-zero if any failed.
"""

import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    addr, gen_dir, ca_pem, token, fixtures = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
    sys.path.insert(0, gen_dir)

    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from spamsift.v1 import classifier_pb2 as pb
    from spamsift.v1 import classifier_pb2_grpc as pb_grpc

    spam = (fixtures / "grpc_spam.html").read_bytes()
    failures = []

    def check(name, ok, detail=""):
        print(f"{'ok' if ok else 'FAIL'} - python tls: {name}" + (f" ({detail})" if detail and not ok else ""))
        if not ok:
            failures.append(name)

    def code_of(call):
        try:
            call()
            return grpc.StatusCode.OK
        except grpc.RpcError as err:
            return err.code()

    credentials = grpc.ssl_channel_credentials(root_certificates=ca_pem.read_bytes())
    options = [("grpc.ssl_target_name_override", "localhost")]
    with grpc.secure_channel(addr, credentials, options=options) as channel:
        grpc.channel_ready_future(channel).result(timeout=30)
        stub = pb_grpc.ClassifierStub(channel)
        request = pb.ScoreRequest(id="tls", raw=spam)
        good = [("authorization", f"Bearer {token}")]
        resp = stub.Score(request, metadata=good, timeout=30)
        check("Score with TLS and token flags the spam page", resp.verdict == pb.VERDICT_SPAM, pb.Verdict.Name(resp.verdict))
        code = code_of(lambda: stub.Score(request, timeout=30))
        check("Score without a token is UNAUTHENTICATED", code == grpc.StatusCode.UNAUTHENTICATED, str(code))
        wrong = [("authorization", "Bearer wrong-token-0123456789abcdef")]
        code = code_of(lambda: stub.Score(request, metadata=wrong, timeout=30))
        check("Score with a wrong token is UNAUTHENTICATED", code == grpc.StatusCode.UNAUTHENTICATED, str(code))
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=30)
        check("health without a token is SERVING", health.status == health_pb2.HealthCheckResponse.SERVING, str(health.status))

    with grpc.insecure_channel(addr) as plain:
        code = code_of(lambda: pb_grpc.ClassifierStub(plain).Score(pb.ScoreRequest(id="plain", raw=spam), metadata=good, timeout=10))
        check("plaintext against the TLS port fails", code != grpc.StatusCode.OK, str(code))

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
