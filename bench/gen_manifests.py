#!/usr/bin/env python3
"""Writes a folder of Kubernetes and Istio manifests for benchmarks.

Usage: gen_manifests.py --workloads N [--seed S] --out DIR

Four documents per workload, as a company's `kubectl get -o yaml` or
`helm template` output across teams would hold them: the workload
(a Deployment, or a StatefulSet for one in ten), the Service that selects
it, and two of a ConfigMap of addresses, a HorizontalPodAutoscaler, a
PodDisruptionBudget and an Istio VirtualService with retries. Workloads
live in ten namespaces; each names two to six others in its env values
(mostly in its own namespace, one in five across namespaces by FQDN, some
as URLs), a few shared hubs are named by many (Zipf), every tenth reads
its addresses from its ConfigMap, and every workload looks up the etcd
cluster of its namespace pair (control plane, known by its image). Files
hold 50 workloads each, as multi-document YAML.

5,000 workloads give 20,000 documents (plus the etcd clusters'). The same
seed and count give the same bytes.
"""

import argparse
import os
import random

NAMESPACES = 10
PER_FILE = 50


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workloads", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    n = args.workloads
    os.makedirs(args.out, exist_ok=True)
    ns_of = [i % NAMESPACES for i in range(n)]
    hubs = list(range(min(n, 20)))
    zipf = [1.0 / (k + 1) for k in range(len(hubs))]

    def address(i):
        """An address some workload i holds: (env text, its target)."""
        if hubs and rnd.random() < 0.3:
            j = rnd.choices(hubs, zipf)[0]
        else:
            j = rnd.randrange(n)
        if j == i:
            j = (j + 1) % n
        host = "w%d" % j
        if ns_of[j] != ns_of[i] or rnd.random() < 0.2:
            host += ".team-%d.svc.cluster.local" % ns_of[j]
        if rnd.random() < 0.3:
            return "http://%s:8080/api" % host
        return "%s:8080" % host

    docs = 0
    files = []
    for start in range(0, n, PER_FILE):
        out = []
        for i in range(start, min(n, start + PER_FILE)):
            ns = "team-%d" % ns_of[i]
            name = "w%d" % i
            stateful = i % 10 == 3
            kind = "StatefulSet" if stateful else "Deployment"
            env = ["            - {name: ETCD_ENDPOINTS, value: "
                   "\"http://etcd-%d.team-%d:2379\"}" % (ns_of[i] // 2,
                                                          ns_of[i] // 2 * 2)]
            from_map = i % 10 == 7
            if not from_map:
                for k in range(rnd.randint(2, 6)):
                    env.append("            - {name: PEER_%d_ADDR, value: "
                               "\"%s\"}" % (k, address(i)))
            else:
                env.append("            - name: CATALOG\n"
                           "              valueFrom: {configMapKeyRef: "
                           "{name: %s-config, key: catalog}}" % name)
            out.append(
                "apiVersion: apps/v1\nkind: %s\nmetadata:\n  name: %s\n"
                "  namespace: %s\n  labels: {app: %s, team: %s}\n"
                "spec:\n  replicas: %d\n%s  selector:\n"
                "    matchLabels: {app: %s}\n  template:\n"
                "    metadata:\n      labels: {app: %s, team: %s}\n"
                "    spec:\n      terminationGracePeriodSeconds: %d\n"
                "      containers:\n        - name: main\n"
                "          image: registry.example.com/%s/%s:1.%d\n"
                "          ports: [{containerPort: 8080}]\n"
                "          env:\n%s\n" %
                (kind, name, ns, name, ns, rnd.randint(1, 6),
                 "  serviceName: %s\n" % name if stateful else "", name,
                 name, ns, rnd.choice((30, 30, 60, 120)), ns, name, i,
                 "\n".join(env)))
            out.append(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n"
                "  namespace: %s\nspec:\n  type: %s\n  selector: {app: %s}\n"
                "  ports: [{port: 8080, targetPort: 8080}]\n" %
                (name, ns, "LoadBalancer" if i % 500 == 0 else "ClusterIP",
                 name))
            extra = {
                0: ("config", "hpa"), 1: ("hpa", "vs"), 2: ("pdb", "vs"),
                3: ("pdb", "config"), 4: ("vs", "config"), 5: ("hpa", "pdb"),
            }[i % 6]
            if from_map and "config" not in extra:
                extra = ("config", extra[1])
            for e in extra:
                if e == "config":
                    out.append(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        "  name: %s-config\n  namespace: %s\ndata:\n"
                        "  catalog: \"%s\"\n  log-level: info\n" %
                        (name, ns, address(i)))
                elif e == "hpa":
                    out.append(
                        "apiVersion: autoscaling/v2\n"
                        "kind: HorizontalPodAutoscaler\nmetadata:\n"
                        "  name: %s\n  namespace: %s\nspec:\n"
                        "  scaleTargetRef: {apiVersion: apps/v1, kind: %s, "
                        "name: %s}\n  minReplicas: %d\n  maxReplicas: 20\n" %
                        (name, ns, kind, name, rnd.randint(2, 4)))
                elif e == "pdb":
                    out.append(
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\n"
                        "metadata:\n  name: %s\n  namespace: %s\nspec:\n"
                        "  maxUnavailable: 1\n  selector:\n"
                        "    matchLabels: {app: %s}\n" % (name, ns, name))
                else:
                    out.append(
                        "apiVersion: networking.istio.io/v1\n"
                        "kind: VirtualService\nmetadata:\n  name: %s\n"
                        "  namespace: %s\nspec:\n  hosts: [%s]\n  http:\n"
                        "    - route: [{destination: {host: %s}}]\n"
                        "      retries: {attempts: %d, perTryTimeout: 1s}\n" %
                        (name, ns, name, name, rnd.randint(1, 3)))
        docs += len(out)
        path = os.path.join(args.out, "workloads-%05d.yaml" % start)
        with open(path, "w") as f:
            f.write("---\n".join(out))
        files.append(path)
    # One etcd cluster per pair of namespaces: control plane.
    out = []
    for k in range(0, NAMESPACES, 2):
        ns = "team-%d" % k
        out.append(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n"
            "  name: etcd-%d\n  namespace: %s\nspec:\n  replicas: 5\n"
            "  serviceName: etcd-%d\n  selector: {matchLabels: {app: etcd-%d}}\n"
            "  template:\n    metadata: {labels: {app: etcd-%d}}\n"
            "    spec:\n      containers:\n        - name: etcd\n"
            "          image: quay.io/coreos/etcd:v3.5.12\n" %
            (k // 2, ns, k // 2, k // 2, k // 2))
        out.append(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: etcd-%d\n"
            "  namespace: %s\nspec:\n  selector: {app: etcd-%d}\n"
            "  ports: [{port: 2379}]\n" % (k // 2, ns, k // 2))
        out.append(
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n"
            "  name: etcd-%d\n  namespace: %s\nspec:\n  maxUnavailable: 1\n"
            "  selector: {matchLabels: {app: etcd-%d}}\n" % (k // 2, ns, k // 2))
    docs += len(out)
    with open(os.path.join(args.out, "etcd.yaml"), "w") as f:
        f.write("---\n".join(out))
    print("%d workloads, %d documents in %d files" %
          (n, docs, len(files) + 1), file=__import__("sys").stderr)


if __name__ == "__main__":
    main()
