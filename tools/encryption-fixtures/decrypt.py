#!/usr/bin/env python3
"""Decrypts a state or plan in OpenTofu's encryption envelope with a pbkdf2 passphrase, with code
independent of Forma's (Python's hashlib and the `cryptography` package): a check that what Forma
writes is what OpenTofu reads. Not run by the build.

Usage: python3 decrypt.py FILE PASSPHRASE > plain.json
"""
import base64
import hashlib
import json
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def decrypt(envelope, passphrase):
    if envelope.get("encryption_version") != "v0":
        raise SystemExit("not an encrypted payload (encryption_version v0)")
    data = base64.b64decode(envelope["encrypted_data"])
    for key_name, raw in (envelope.get("meta") or {}).items():
        meta = json.loads(base64.b64decode(raw))
        key = hashlib.pbkdf2_hmac(
            meta["hash_function"],
            passphrase.encode("utf-8"),
            base64.b64decode(meta["salt"]),
            meta["iterations"],
            meta["key_length"],
        )
        try:
            return AESGCM(key).decrypt(data[:12], data[12:], None)
        except Exception:
            print("the passphrase does not open it for", key_name, file=sys.stderr)
    raise SystemExit("could not decrypt")


def main():
    with open(sys.argv[1], "rb") as f:
        envelope = json.loads(f.read())
    plain = decrypt(envelope, sys.argv[2])
    if "serial" in envelope:
        state = json.loads(plain)
        assert state["serial"] == envelope["serial"], "serial in clear differs"
        assert state["lineage"] == envelope["lineage"], "lineage in clear differs"
    sys.stdout.buffer.write(plain)


if __name__ == "__main__":
    main()
