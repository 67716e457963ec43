#!/usr/bin/env python3
"""Writes the seed corpus of fuzz-l2tp-message: one valid message per file.

Independent of the C codec on purpose (RFC 2661 §3.1, §4.1, §4.3 laid out by hand), so the
seeds also cross-check it. Run from the source tree after changing it, and commit the output:
    python3 tests/fuzz/gen-l2tp-corpus.py tests/fuzz/corpus/l2tp-message
"""
import hashlib
import os
import struct
import sys

SECRET = b"fuzz-secret"  # the secret fuzz-l2tp-message.c parses with
RANDOM_VECTOR = bytes(range(16))
M, H = 0x8000, 0x4000


def avp(attr, value, mandatory=True, vendor=0, hidden=False):
    flags = (M if mandatory else 0) | (H if hidden else 0)
    return struct.pack("!HHH", flags | (6 + len(value)), vendor, attr) + value


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def hide(attr, value, pad=b""):
    plain = u16(len(value)) + value + pad
    out, prev = b"", None
    for i in range(0, len(plain), 16):
        if i == 0:
            key = hashlib.md5(u16(attr) + SECRET + RANDOM_VECTOR).digest()
        else:
            key = hashlib.md5(SECRET + prev).digest()
        seg = bytes(a ^ b for a, b in zip(plain[i:i + 16], key))
        out += seg
        prev = seg
    return out


def control(msg_type, *avps, tid=0x1234, sid=0, ns=1, nr=2):
    body = (avp(0, u16(msg_type)) if msg_type else b"") + b"".join(avps)
    return struct.pack("!HHHHHH", 0xC802, 12 + len(body), tid, sid, ns, nr) + body


def result(code, error=None, text=b""):
    value = u16(code) + (u16(error) if error is not None else b"") + text
    return avp(1, value)


CHALLENGE = bytes(range(0x40, 0x50))
RESPONSE = hashlib.md5(bytes([2]) + SECRET + CHALLENGE).digest()

MESSAGES = {
    "sccrq": control(1, avp(2, b"\x01\x00"), avp(7, b"lac.example"), avp(3, u32(3)),
                     avp(9, u16(0xBEEF)), avp(4, u32(2)), avp(10, u16(8)), avp(11, CHALLENGE),
                     avp(5, bytes(8), mandatory=False), avp(6, u16(0x100), mandatory=False),
                     avp(8, b"l2tp-connect", mandatory=False)),
    "sccrp": control(2, avp(2, b"\x01\x00"), avp(3, u32(1)), avp(7, b"lns"), avp(9, u16(42)),
                     avp(10, u16(4)), avp(13, RESPONSE)),
    "scccn": control(3, avp(13, RESPONSE)),
    "stopccn": control(4, avp(9, u16(0xBEEF)), result(2, 6, b"bye")),
    "hello": control(6),
    "icrq": control(10, avp(14, u16(0x101)), avp(15, u32(7)), avp(18, u32(0)),
                    avp(25, u32(1), mandatory=False), avp(22, b"5551234"),
                    avp(1, b"0123456789abcdef", mandatory=False, vendor=311), sid=0),
    "icrp": control(11, avp(14, u16(0x202)), sid=0x101),
    "iccn": control(12, avp(24, u32(100000000)), avp(19, u32(1)),
                    avp(38, u32(100000000), mandatory=False), avp(39, b""), sid=0x202),
    "cdn": control(14, result(3), avp(14, u16(0x101)), avp(12, b"\x00\x10\x00ok"),
                   sid=0x202),
    "wen": control(15, avp(34, bytes(26)), sid=0x202),
    "sli": control(16, avp(35, b"\x00\x00\xff\xff\xff\xff\x00\x00\x00\x00"), sid=0x101),
    "zlb": control(0),
    "icrq-hidden": control(10, avp(36, RANDOM_VECTOR),
                           avp(14, hide(14, u16(0x303), b"\xaa\xbb"), hidden=True),
                           avp(22, hide(22, b"a calling number past one block"), hidden=True),
                           avp(15, u32(8)), sid=0),
    # Data messages: S, and L+O with an offset pad.
    "data-seq": struct.pack("!HHHHH", 0x0802, 0x1234, 0x101, 5, 0) + b"\xff\x03\xc0\x21",
    "data-len-offset": struct.pack("!HHHHH", 0x4202, 16, 0x1234, 0x101, 2) + b"\0\0"
    + b"\xff\x03\xc0\x21",
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    for name, data in MESSAGES.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
