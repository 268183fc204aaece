"""Hostile: an infinite loop at import time (a demo left without a __main__ guard)."""
while True:
    pass
