#!/usr/bin/env python3
"""Writes the decision requests the AOT training run posts: requests for packages the repository's policies/
serve, so the training run evaluates rules (index look-ups, entity graph walks, set building, sprintf, regex) and
not only the unknown-package answer.

Usage: training_bodies.py OUT [COUNT]   (COUNT defaults to 1,024; the requests below are repeated in order)

The mix: the Cedar gdrive and github ports (allowed and denied, every user and action in their entities), the
service-to-service operations (denied here: a body cannot carry a verified caller, so the privileged path answers
with its missing-proof and unverified-caller reasons), and the Kubernetes constraint packages on passing and
failing pods and services.
"""
import json
import sys


def cedar(principal, action, resource):
    return {"cedar": {"principal": 'User::"%s"' % principal, "action": 'Action::"%s"' % action,
                      "resource": resource, "context": {}}}


def pod(name, image, labels, limits, host_pid=False, privileged=False):
    container = {"name": name, "image": image,
                 "securityContext": {"privileged": privileged, "allowPrivilegeEscalation": privileged,
                                     "readOnlyRootFilesystem": not privileged}}
    if limits:
        container["resources"] = {"limits": limits}
    return {"kind": {"kind": "Pod"}, "object": {
        "kind": "Pod", "metadata": {"name": name, "namespace": "payments", "labels": labels},
        "spec": {"hostPID": host_pid, "containers": [container]}}}


def bodies():
    out = []
    for user in ("alice", "bob", "charlie", "dave"):
        for action in ("read", "write", "changeOwner", "share"):
            for document in ("2021-roadmap", "public-roadmap"):
                out.append({"policy": "cedar.gdrive", "input": cedar(user, action, 'Document::"%s"' % document)})
        out.append({"policy": "cedar.gdrive",
                    "input": cedar(user, "createDocument", 'Folder::"product-2021"')})
    for user in ("alice", "bob", "charlie", "dave", "eve"):
        for action in ("read", "triage", "write", "maintain", "admin"):
            out.append({"policy": "cedar.github", "input": cedar(user, action, 'Repository::"openfga/openfga"')})
    for operation, sensitivity in (("secrets.read", "confidential"), ("cache.flush", "internal"),
                                   ("db.migrate", "restricted")):
        out.append({"policy": "s2s.operations",
                    "input": {"operation": operation, "resource": {"id": "vault/payments", "sensitivity": sensitivity}}})
    good = pod("api", "registry.example.org/payments/api:1.4.2", {"owner": "payments", "app": "api"},
               {"cpu": "500m", "memory": "256Mi"})
    bad = pod("debug", "docker.io/library/busybox:latest", {"app": "debug"}, None, host_pid=True, privileged=True)
    greedy = pod("batch", "registry.example.org/payments/batch", {"owner": "data"}, {"cpu": "16", "memory": "64Gi"})
    checks = [
        ("k8s.requiredlabels", {"labels": [{"key": "owner", "allowedRegex": "^[a-z]+$"}]}),
        ("k8s.containerlimits", {"cpu": "4", "memory": "8Gi"}),
        ("k8s.allowedrepos", {"repos": ["registry.example.org/"]}),
        ("k8s.disallowedtags", {"tags": ["latest"]}),
        ("k8s.hostnamespace", {}),
        ("k8s.privilegedcontainer", {}),
        ("k8s.allowprivilegeescalation", {}),
        ("k8s.readonlyrootfilesystem", {}),
    ]
    for package, parameters in checks:
        for review in (good, bad, greedy):
            out.append({"policy": package, "input": {"review": review, "parameters": parameters}})
    service = {"kind": {"kind": "Service"}, "object": {"kind": "Service", "metadata": {"name": "api"},
                                                        "spec": {"type": "NodePort"}}}
    out.append({"policy": "k8s.blocknodeport", "input": {"review": service, "parameters": {}}})
    for annotations, tls in (({"kubernetes.io/ingress.allow-http": "false"}, [{"hosts": ["pay.example.org"]}]),
                             ({}, [])):
        ingress = {"kind": {"kind": "Ingress"}, "object": {
            "kind": "Ingress", "apiVersion": "networking.k8s.io/v1",
            "metadata": {"name": "pay", "annotations": annotations}, "spec": {"tls": tls}}}
        out.append({"policy": "k8s.httpsonly", "input": {"review": ingress, "parameters": {}}})
    return out


def main():
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    requests = bodies()
    with open(sys.argv[1], "w") as out:
        for i in range(count):
            out.write(json.dumps(requests[i % len(requests)]) + "\n")


if __name__ == "__main__":
    main()
