#!/usr/bin/env bash
# Makes the TLS fixtures of the http backend's tests (run once; the files are committed):
# a CA, a server certificate for 127.0.0.1 and localhost, and two client certificates signed by
# the CA (an RSA key in PKCS #1 form, an EC key in SEC 1 form), plus a CA the server does not
# trust. Valid for 100 years.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days \
  -subj "/CN=Forma test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days $days \
  -subj "/CN=Another CA" -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
sign() { # NAME EXTENSIONS: signs NAME.csr with the CA into NAME.pem
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" \
    -days $days -extfile <(printf '%s\n' "$2") 2>/dev/null
  rm "$1.csr"
}
openssl req -new -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr \
  -subj "/CN=127.0.0.1" 2>/dev/null
sign server "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
openssl req -new -newkey rsa:2048 -nodes -keyout client-rsa.p8 -out client-rsa.csr \
  -subj "/CN=forma-client-rsa" 2>/dev/null
openssl rsa -in client-rsa.p8 -traditional -out client-rsa-key.pem 2>/dev/null
rm client-rsa.p8
sign client-rsa "extendedKeyUsage=clientAuth"
openssl ecparam -name prime256v1 -genkey -noout -out client-ec-key.pem
openssl req -new -key client-ec-key.pem -out client-ec.csr -subj "/CN=forma-client-ec" 2>/dev/null
sign client-ec "extendedKeyUsage=clientAuth"
rm -f ca.key other-ca.key ca.srl
