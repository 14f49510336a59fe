#!/usr/bin/python3
"""Encodes synthetic images with OpenJPEG (through Pillow) in every progression order, with tiles,
offsets, precincts, layers, code-block sizes, reversible and irreversible wavelets, and writes each
codestream (NNN.j2k), OpenJPEG's own decode as int32 little-endian (NNN.raw) and its parameters
(NNN.txt: width height components description). Usage: openjpeg_cases.py OUTDIR"""
import io
import random
import struct
import sys

from PIL import Image

out = sys.argv[1]
random.seed(7)
W, H = 203, 157


def gray16():
    im = Image.new("I;16", (W, H))
    px = [((x * 37 + y * 91) ^ (x * y)) % 4096 + random.randint(0, 40) for y in range(H) for x in range(W)]
    im.frombytes(struct.pack("<%dH" % len(px), *px), "raw", "I;16")
    return im


def rgb():
    im = Image.new("RGB", (W, H))
    im.putdata([((x * 3) % 256, (y * 5 + x) % 256, ((x ^ y) * 7) % 256) for y in range(H) for x in range(W)])
    return im


OPTIONS = [
    dict(),
    dict(precincts=[(32, 32), (64, 64)]),
    dict(tile_size=(64, 48), tile_offset=(0, 0)),
    dict(offset=(13, 7), tile_size=(80, 64), tile_offset=(5, 3)),
    dict(quality_mode="rates", quality_layers=[40, 10, 2]),
    dict(irreversible=True, quality_mode="rates", quality_layers=[20, 5]),
    dict(codeblock_size=(16, 32), num_resolutions=3, precincts=[(16, 16)]),
]
n = 0
for src in ("gray16", "rgb"):
    for prog in ("LRCP", "RLCP", "RPCL", "PCRL", "CPRL"):
        for opts in OPTIONS:
            im = gray16() if src == "gray16" else rgb()
            b = io.BytesIO()
            im.save(b, "JPEG2000", progression=prog, no_jp2=True, **opts)
            data = b.getvalue()
            dec = Image.open(io.BytesIO(data))
            dec.load()
            if src == "gray16":
                vals, comps = struct.unpack("<%dH" % (W * H), dec.tobytes("raw", "I;16")), 1
            else:
                vals, comps = dec.tobytes(), 3
            with open("%s/%03d.j2k" % (out, n), "wb") as f:
                f.write(data)
            with open("%s/%03d.raw" % (out, n), "wb") as f:
                f.write(struct.pack("<%di" % len(vals), *vals))
            with open("%s/%03d.txt" % (out, n), "w") as f:
                f.write("%d %d %d %s %s %s\n" % (W, H, comps, src, prog, opts))
            n += 1
