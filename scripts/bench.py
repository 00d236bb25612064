"""badgekit throughput benchmarks (``./run bench``): prints operations per second on one core.

Sections: machine, canonicalization engines, eddsa-rdfc-2022 sign/verify (and the same signing
by digitalbazaar's JS stack, when node and tests/interop's packages are there), ecdsa-rdfc-2019
(P-256) sign/verify, ecdsa-sd-2023 verify of a derived proof, VC-JWT.
Each credential in a run is distinct (its own id, subject and name), so nothing is measured
from a cache of whole documents; processed contexts and the proof configuration are cached,
as in a real batch.  Usage: ``python scripts/bench.py [--seconds S] [--studio | --batch]``;
``--studio`` measures the studio's live preview (``POST /api/design``).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import badgekit
from badgekit.jsonld import StaticLoader, canonize

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
VECTOR = json.loads(
    (ROOT / "tests" / "vectors" / "ob3-eddsa-rdfc-2022-test-vector.json").read_text()
)
CREATED = "2024-05-01T10:00:00Z"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pyld": version("pyld"),
        "pyoxigraph": version("pyoxigraph"),
    }


def credentials(n: int, issuer: str) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        doc = copy.deepcopy(VECTOR["unsignedCredential"])
        doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{i:012d}"
        doc["issuer"]["id"] = issuer
        doc["name"] = f"Teamwork Badge #{i}"
        doc["credentialSubject"]["id"] = f"did:example:learner{i}"
        out.append(doc)
    return out


def rate(label: str, items: list[Any], fn: Callable[[Any], Any], seconds: float) -> float:
    fn(items[0])  # warm the caches (contexts parsed and processed once)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for item in items:
            fn(item)
        done += len(items)
    per_second = done / (time.perf_counter() - start)
    print(f"  {label:<48} {per_second:8.0f} /s")
    return per_second


def digitalbazaar(docs: list[dict[str, Any]], seconds: float) -> None:
    """The same signing by another issuer on this core: digitalbazaar's JS stack (node)."""
    import shutil
    import subprocess

    from badgekit.jsonld import BUNDLED

    label = "sign, digitalbazaar jsonld-signatures (node)"
    if shutil.which("node") is None or not (ROOT / "tests/interop/node_modules").is_dir():
        print(f"  {label:<48}  skipped (needs node and `npm ci` in tests/interop)")
        return
    pair = VECTOR["keyPair"]
    key = {k: pair[k] for k in ("controller", "publicKeyMultibase", "secretKeyMultibase")}
    key["id"] = pair["verificationMethodId"]
    loader = StaticLoader()
    payload = {
        "documents": docs,
        "contexts": {url: loader.document(url) for url in BUNDLED},
        "key": key,
        "created": CREATED,
        "seconds": seconds,
    }
    done = subprocess.run(
        ["node", str(ROOT / "scripts" / "bench_digitalbazaar.mjs")],
        input=json.dumps(payload).encode(),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"  {label:<48}  failed: {done.stderr.decode(errors='replace').strip()[-200:]}")
        return
    print(f"  {label:<48} {json.loads(done.stdout)['rate']:8.0f} /s")


def studio_preview(count: int = 200) -> None:
    """The design page's live preview: ``POST /api/design`` over HTTP to a studio under
    uvicorn on 127.0.0.1 (one keep-alive connection, a new title each time, as typing
    makes them), SVG and PNG 600 px; median and 95th percentile in milliseconds."""
    import http.client
    import socket
    import statistics
    import tempfile
    import threading

    import uvicorn

    from badgekit.studio import StudioConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    workspace = Path(tempfile.mkdtemp(prefix="bench-studio-"))
    app = create_app(StudioConfig(workspace=workspace, port=port))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/api/session")
    answer = conn.getresponse()
    token = json.loads(answer.read())["csrf_token"]
    cookie = answer.getheader("set-cookie", "").split(";")[0]
    headers = {"Content-Type": "application/json", "X-CSRF-Token": token, "Cookie": cookie}
    print("studio live preview, POST /api/design over HTTP on 127.0.0.1 (ms per change):")
    for fmt in ("svg", "png"):
        times = []
        for i in range(count if fmt == "svg" else count // 4):
            spec = {"template": "circle-seal", "values": {"title": f"Data Science {i}"},
                    "palette": "ocean", "icon": "atom", "format": fmt, "size": 600}  # fmt: skip
            start = time.perf_counter()
            conn.request("POST", "/api/design", body=json.dumps(spec), headers=headers)
            reply = conn.getresponse()
            reply.read()
            times.append((time.perf_counter() - start) * 1000)
            assert reply.status == 200, reply.status
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        label = f"{fmt.upper()}{' 600 px' if fmt == 'png' else ''}"
        print(f"  {label:<48} median {statistics.median(times):6.1f}   p95 {p95:6.1f}")
    conn.close()
    server.should_exit = True
    thread.join(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument(
        "--studio",
        action="store_true",
        help="run only the studio's live preview latency (POST /api/design, SVG and PNG)",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="run the batch section instead (rosters of 1k/10k rows on all cores; a few minutes)",
    )
    options = parser.parse_args()
    seconds = options.seconds
    if options.studio:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
        studio_preview()
        return
    if options.batch:
        import bench_batch  # scripts/bench_batch.py, next to this file

        print("machine:", ", ".join(f"{k}={v}" for k, v in machine().items()))
        bench_batch.run([1000, 10_000], 1000, None)
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    print("machine:", ", ".join(f"{k}={v}" for k, v in machine().items()))

    key = badgekit.KeyPair.from_seed(bytes.fromhex(VECTOR["keyPair"]["privateKeySeedHex"]))
    issuer = VECTOR["keyPair"]["controller"]
    docs = credentials(200, issuer)
    loader = StaticLoader()

    print("canonicalization of one OB 3.0 credential (safe mode included):")
    for engine in ("oxigraph", "fast", "pyld"):
        label = {
            "oxigraph": "oxigraph (default: cached pyld expansion + RDFC)",
            "fast": "fast (cached pyld expansion + pyld URDNA2015)",
            "pyld": "pyld reference (jsonld.normalize, no cache)",
        }[engine]
        rate(
            label,
            docs[:50] if engine == "pyld" else docs,
            lambda d, e=engine: canonize(d, loader, engine=e),
            seconds,
        )  # type: ignore[misc]

    from pyld import jsonld

    from badgekit.jsonld._processor import options_for

    plain = {**options_for(loader), "algorithm": "URDNA2015", "format": "application/n-quads"}
    rate(
        "pyld normalize, resolver cache only (no safe mode)",
        docs,
        lambda d: jsonld.normalize(d, {**plain, **options_for(loader)}),
        seconds,
    )

    print("eddsa-rdfc-2022 (DataIntegrityProof), one core:")
    signed = [badgekit.sign(d, key, created=CREATED) for d in docs]
    rate("sign", docs, lambda d: badgekit.sign(d, key, created=CREATED), seconds)
    rate("verify", signed, lambda s: badgekit.verify_proof(s), seconds)
    digitalbazaar(docs, seconds)

    print("ecdsa-rdfc-2019 (DataIntegrityProof, P-256, deterministic ECDSA), one core:")
    ec_key = badgekit.KeyPair.generate("p256")
    ec_docs = credentials(200, ec_key.did_key)
    ec = "ecdsa-rdfc-2019"
    ec_signed = [badgekit.sign(d, ec_key, suite=ec, created=CREATED) for d in ec_docs]
    rate("sign", ec_docs, lambda d: badgekit.sign(d, ec_key, suite=ec, created=CREATED), seconds)
    rate("verify", ec_signed, lambda s: badgekit.verify_proof(s), seconds)

    print("ecdsa-sd-2023 verify (a derived proof disclosing every claim), one core:")
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "proofs"))
    from sd_support import make_derived  # the tests' deriver (badgekit never derives)

    def mandatory(quad: str) -> bool:
        return "credentials#issuer" in quad

    sd_docs = credentials(100, ec_key.did_key)
    derived = [make_derived(d, ec_key, ec_key.did_key_vm, mandatory=mandatory) for d in sd_docs]
    rate("verify", derived, lambda s: badgekit.verify_proof(s), seconds)

    print("VC-JWT, one core:")
    for kind in ("ed25519", "p256", "rsa"):
        jkey = (
            badgekit.KeyPair.generate(kind)
            if kind != "rsa"
            else badgekit.KeyPair.generate("rsa", rsa_bits=2048)
        )
        jdocs = credentials(200, jkey.did_key if kind != "rsa" else issuer)
        vm = None if kind != "rsa" else f"{issuer}#rsa-key"
        tokens = [badgekit.sign(d, jkey, suite="jwt", verification_method=vm) for d in jdocs]
        rate(
            f"sign {jkey.jws_alg}",
            jdocs,
            lambda d, k=jkey, v=vm: badgekit.sign(d, k, suite="jwt", verification_method=v),
            seconds,
        )
        if kind != "rsa":  # an RSA key is not resolvable offline
            rate(
                f"verify {jkey.jws_alg}",
                tokens,
                lambda t: badgekit.verify_proof(t, now=NOW),
                seconds,
            )


if __name__ == "__main__":
    main()
