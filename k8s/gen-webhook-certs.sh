#!/usr/bin/env bash
# Generates the webhook's serving certificate without cert-manager: a private CA and a certificate for the
# gatehouse Service, signed by it. With --apply it also stores the certificate as the Secret the Deployment
# mounts and writes the CA into both webhook configurations' caBundle.
#
#   k8s/gen-webhook-certs.sh [--out DIR] [--namespace NS] [--days N] [--apply]
#
# The CA key stays in DIR (default: a new temporary directory); keep it offline or delete it. Rerun before
# --days runs out: the API server refuses an expired certificate and, with failurePolicy Fail, so is every
# request the webhooks match.
set -euo pipefail

out=""
namespace="gatehouse"
service="gatehouse"
days=365
apply=false
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --namespace) namespace="$2"; shift 2 ;;
        --days) days="$2"; shift 2 ;;
        --apply) apply=true; shift ;;
        *) echo "gen-webhook-certs.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || out="$(mktemp -d)"
mkdir -p "$out"
umask 077

dns="${service}.${namespace}.svc"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
    -subj "/CN=gatehouse-webhook-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${dns}" \
    -keyout "$out/tls.key" -out "$out/tls.csr" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:${dns},DNS:${dns}.cluster.local" > "$out/tls.ext"
openssl x509 -req -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days "$days" \
    -extfile "$out/tls.ext" -out "$out/tls.crt" 2>/dev/null
rm -f "$out/tls.csr" "$out/tls.ext" "$out/ca.srl"
openssl verify -CAfile "$out/ca.crt" "$out/tls.crt" >/dev/null
echo "gen-webhook-certs.sh: wrote ca.crt, ca.key, tls.crt, tls.key for ${dns} to ${out}"

if [ "$apply" = true ]; then
    kubectl -n "$namespace" create secret tls gatehouse-webhook-tls --cert="$out/tls.crt" --key="$out/tls.key" \
        --dry-run=client -o yaml | kubectl apply -f -
    bundle="$(base64 < "$out/ca.crt" | tr -d '\n')"
    kubectl patch validatingwebhookconfiguration gatehouse --type=json \
        -p "[{\"op\":\"add\",\"path\":\"/webhooks/0/clientConfig/caBundle\",\"value\":\"${bundle}\"}]"
    for index in 0 1; do
        kubectl patch mutatingwebhookconfiguration gatehouse --type=json \
            -p "[{\"op\":\"add\",\"path\":\"/webhooks/${index}/clientConfig/caBundle\",\"value\":\"${bundle}\"}]"
    done
    echo "gen-webhook-certs.sh: stored Secret ${namespace}/gatehouse-webhook-tls and the CA bundle of both webhooks"
fi
