"""Hostile: kills its own process with SIGKILL at import time."""
import os
import signal

os.kill(os.getpid(), signal.SIGKILL)
