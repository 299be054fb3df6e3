#!/usr/bin/env python3
"""Writes state files encrypted in OpenTofu's format, for Forma's tests (not run by the build).

OpenTofu 1.7+ (internal/encryption) encrypts a state as follows, and this script does the same with
independent code (Python's hashlib and the `cryptography` package):

  key      = PBKDF2-HMAC-<hash_function>(passphrase as UTF-8, salt, iterations, key_length)
  data     = nonce (12 random bytes) || AES-GCM-seal(key, nonce, plain state, aad = none)
  metadata = {"salt":<base64>,"iterations":N,"hash_function":"sha512","key_length":32}
             (Go's json.Marshal of the pbkdf2 key provider's Metadata struct, in field order)
  file     = {"serial":S,"lineage":L,"meta":{"key_provider.pbkdf2.NAME":<base64 of metadata>},
              "encrypted_data":<base64 of data>,"encryption_version":"v0"}
             (Go's json.Marshal of struct{statedata; basedata}: compact, in that field order)

Salts and nonces are derived from fixed seeds here so that running the script again gives the same
bytes. Usage: python3 make_fixtures.py OUTDIR
"""
import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HERE = os.path.dirname(os.path.abspath(__file__))

# The passphrase of the fixtures; the en dash checks that both sides take the passphrase as UTF-8.
PASSPHRASE = "correct horse battery staple \u2013 forma"

FIXTURES = [
    # (file, key provider name, hash_function, iterations, key_length, salt_length)
    ("opentofu-encrypted.tfstate", "mykey", "sha512", 600000, 32, 32),  # OpenTofu's defaults
    ("opentofu-encrypted-sha256-aes128.tfstate", "mykey", "sha256", 200000, 16, 16),
]


def seeded(label, length):
    return hashlib.sha256(("forma-fixture:" + label).encode()).digest()[:length]


def go_json(obj):
    # Go's json.Marshal: no spaces; our strings need none of its HTML escapes.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def encrypt_state(plain, name, hash_function, iterations, key_length, salt_length, label):
    salt = seeded(label + ":salt", salt_length)
    nonce = seeded(label + ":nonce", 12)
    key = hashlib.pbkdf2_hmac(hash_function, PASSPHRASE.encode("utf-8"), salt, iterations, key_length)
    data = nonce + AESGCM(key).encrypt(nonce, plain, None)
    metadata = go_json(
        {
            "salt": base64.b64encode(salt).decode(),
            "iterations": iterations,
            "hash_function": hash_function,
            "key_length": key_length,
        }
    ).encode()
    state = json.loads(plain)
    envelope = {
        "serial": state["serial"],
        "lineage": state["lineage"],
        "meta": {"key_provider.pbkdf2." + name: base64.b64encode(metadata).decode()},
        "encrypted_data": base64.b64encode(data).decode(),
        "encryption_version": "v0",
    }
    return go_json(envelope).encode()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    with open(os.path.join(HERE, "opentofu-plain.tfstate"), "rb") as f:
        plain = f.read()
    for file, name, hash_function, iterations, key_length, salt_length in FIXTURES:
        with open(os.path.join(out, file), "wb") as f:
            f.write(encrypt_state(plain, name, hash_function, iterations, key_length, salt_length, file))
        print("wrote", os.path.join(out, file))


if __name__ == "__main__":
    main()
