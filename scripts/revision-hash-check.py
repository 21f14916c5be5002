#!/usr/bin/env python3
# An independent check of kubesim's ControllerRevision hash (test/controllers/history.test.ts):
# FNV-1 32 (Go's hash/fnv New32) over the revision data bytes plus the collision count in decimal,
# then rand.SafeEncodeString of the decimal hash. Usage: revision-hash-check.py '<raw json>' [count]
import sys

ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

def fnv1_32(data: bytes) -> int:
    h = 0x811c9dc5
    for c in data:
        h = (h * 0x01000193) & 0xffffffff
        h ^= c
    return h

def safe_encode(s: str) -> str:
    return ''.join(ALPHANUMS[ord(c) % len(ALPHANUMS)] for c in s)

if __name__ == '__main__':
    raw = sys.argv[1] if len(sys.argv) > 1 else ''
    probe = sys.argv[2] if len(sys.argv) > 2 else ''
    h = fnv1_32((raw + probe).encode())
    print(h, safe_encode(str(h)))
