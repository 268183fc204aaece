"""Hostile: floods stdout with gigabytes of text at import time."""
import sys

line = "x" * 65536 + "\n"
while True:
    sys.stdout.write(line)
