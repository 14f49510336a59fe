#!/usr/bin/python3
"""Time to first image with pydicom (+GDCM handler): read every header of a folder, sort the series
by Image Position along the normal, decode the first slice. Prints the seconds."""
import os
import sys
import time

import pydicom
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, pillow_handler, rle_handler
pydicom.config.pixel_data_handlers = [numpy_handler, rle_handler, gdcm_handler, pillow_handler]

folder = sys.argv[1]
start = time.perf_counter()
headers = []
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    headers.append((float(ds.ImagePositionPatient[2]), path))
headers.sort()
first = pydicom.dcmread(headers[0][1]).pixel_array
print("%.6f" % (time.perf_counter() - start))
