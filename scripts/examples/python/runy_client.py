#!/usr/bin/python3
"""Automating runyd from Python with Debian's python3-grpcio, not runy's CLI.

Starts a service, waits until its process runs, follows its logs for a
while, then prints the status as JSON. The stubs are generated from
proto/runy/v1/runy.proto at start (protoc and grpc_python_plugin, from
Debian's protobuf-compiler-grpc), so nothing generated is kept.

  runy_client.py --host unix:///run/runy/runyd.sock --service web-server
  runy_client.py --host tcp://buildbox:7443 --tls-ca ca.pem \\
      --token-file control.token --service web-server --follow-seconds 5
"""
import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

import grpc
from google.protobuf import json_format

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))


def load_stubs():
    out = tempfile.mkdtemp(prefix="runy-py-")
    subprocess.run(
        ["protoc", "-I", os.path.join(ROOT, "proto"),
         "--python_out", out, "--grpc_out", out,
         "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
         os.path.join(ROOT, "proto", "runy", "v1", "runy.proto")],
        check=True)
    sys.path.insert(0, out)
    from runy.v1 import runy_pb2, runy_pb2_grpc  # noqa: E402
    return runy_pb2, runy_pb2_grpc


def channel(args):
    if args.host.startswith("unix://"):
        return grpc.insecure_channel("unix:" + args.host[len("unix://"):])
    target = args.host[len("tcp://"):] if args.host.startswith("tcp://") else args.host
    if args.tls_ca:
        with open(args.tls_ca, "rb") as f:
            return grpc.secure_channel(
                target, grpc.ssl_channel_credentials(root_certificates=f.read()))
    return grpc.insecure_channel(target)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--token-file")
    parser.add_argument("--tls-ca")
    parser.add_argument("--follow-seconds", type=float, default=2.0)
    args = parser.parse_args()
    pb, pb_grpc = load_stubs()
    metadata = []
    if args.token_file:
        with open(args.token_file) as f:
            metadata.append(("authorization", "Bearer " + f.read().split()[0]))
    stub = pb_grpc.RunyStub(channel(args))

    started = stub.Start(pb.StartRequest(names=[args.service]),
                         metadata=metadata, timeout=30)
    for result in started.results:
        if not result.ok:
            sys.exit(f"start {result.name}: {result.error}")

    deadline = time.time() + 20
    while True:
        status = stub.Status(pb.StatusRequest(names=[args.service]),
                             metadata=metadata, timeout=10)
        if any(p.state == pb.PROCESS_STATE_RUNNING for p in status.processes):
            break
        if time.time() > deadline:
            sys.exit(f"{args.service}: no process running after 20 s")
        time.sleep(0.1)
    print(f"{args.service}: running", flush=True)

    logs = stub.Logs(pb.LogsRequest(targets=[args.service], follow=True,
                                    tail=10), metadata=metadata)
    threading.Timer(args.follow_seconds, logs.cancel).start()
    try:
        for line in logs:
            text = line.text.decode(errors="replace")
            print(f"log {line.alias}: {text}", flush=True)
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.CANCELLED:
            raise

    status = stub.Status(pb.StatusRequest(names=[args.service]),
                         metadata=metadata, timeout=10)
    print(json_format.MessageToJson(status))


if __name__ == "__main__":
    main()
