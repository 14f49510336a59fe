#!/usr/bin/python3
"""Times GDCM (python3-gdcm) and pydicom decoding the same files DicomBench decodes.

Usage: reference_decode.py gdcm|pydicom SECONDS FILE...  Prints one line per file:
<file>\t<decoded bytes per decode>\t<decodes>\t<seconds>  (or <file>\tERROR\t<reason>).
"""
import sys
import time

tool, budget, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]

if tool == "gdcm":
    import gdcm

    def decode(path):
        r = gdcm.ImageReader()
        r.SetFileName(path)
        if not r.Read():
            raise RuntimeError("gdcm cannot read")
        img = r.GetImage()
        buf = img.GetBuffer()
        if buf is None:
            raise RuntimeError("gdcm cannot decode")
        return len(buf)
else:
    import pydicom
    from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, pillow_handler, rle_handler
    pydicom.config.pixel_data_handlers = [numpy_handler, rle_handler, gdcm_handler, pillow_handler]

    def decode(path):
        return pydicom.dcmread(path).pixel_array.nbytes

for f in files:
    try:
        n = decode(f)
        count, start = 0, time.perf_counter()
        while True:
            decode(f)
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= budget and count >= 3:
                break
        print("%s\t%d\t%d\t%.6f" % (f, n, count, elapsed), flush=True)
    except Exception as e:  # the reference cannot decode this syntax
        print("%s\tERROR\t%s" % (f, type(e).__name__), flush=True)
