#!/usr/bin/python3
"""Regenerates data/dictionary.tsv (tag, VR, keyword) from the PS3.6 registry as shipped in pydicom.

Run with Debian's python3-pydicom: /usr/bin/python3 make_dictionary.py > ../main/resources/org/radassist/dicom/data/dictionary.tsv
"""
from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary

for tag, entry in sorted(DicomDictionary.items()):
    print("%08X\t%s\t%s" % (tag, entry[0].split(" ")[0], entry[4]))
for mask, entry in sorted(RepeatersDictionary.items()):
    print("%s\t%s\t%s" % (mask.upper(), entry[0].split(" ")[0], entry[4]))
