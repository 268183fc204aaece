"""Hostile: ends the process with os._exit(0) at import time, before any test can fail."""
import os

os._exit(0)
