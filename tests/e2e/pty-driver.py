#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal and answers its prompts, for the end-to-end tests.

Reads a JSON spec on stdin:
  {"argv": [...], "cwd": "...", "env": {...},
   "steps": [{"expect": "regex", "send": "keys"}, ...], "timeout": seconds}
The child's stdin and stderr are the terminal; its stdout is a pipe, so the test can check that
the result alone goes to stdout. Each step waits until `expect` matches the terminal output
(ANSI codes removed) after the previous match, then types `send`. Prints one JSON object:
  {"code", "signal", "stdout", "screen", "failedStep"}.
Only the standard library: python3 is on every machine that runs these tests, CI included,
and this needs no terminal of its own (it makes one).
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")

spec = json.load(sys.stdin)
deadline = time.monotonic() + spec.get("timeout", 30)

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))


def become_terminal_owner():
    # A session of its own with the pty as controlling terminal, as in a real shell: Ctrl-C
    # outside a prompt then raises SIGINT in the child, and only there.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


child = subprocess.Popen(
    spec["argv"], cwd=spec["cwd"], env=spec["env"],
    stdin=slave, stdout=subprocess.PIPE, stderr=slave,
    preexec_fn=become_terminal_owner, close_fds=True,
)
os.close(slave)

screen = b""
stdout = b""
open_fds = {master, child.stdout.fileno()}


def pump(wait):
    """Reads whatever the child wrote within `wait` seconds."""
    global screen, stdout
    if not open_fds:
        time.sleep(wait)
        return
    ready, _, _ = select.select(list(open_fds), [], [], wait)
    for fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the terminal closed because the child exited
            data = b""
        if not data:
            open_fds.discard(fd)
        elif fd == master:
            screen += data
        else:
            stdout += data


def text():
    return ANSI.sub("", screen.decode("utf-8", "replace"))


failed_step = None
pos = 0
for i, step in enumerate(spec.get("steps", [])):
    pattern = re.compile(step["expect"])
    while True:
        m = pattern.search(text(), pos)
        if m:
            pos = m.end()
            break
        if time.monotonic() > deadline or (child.poll() is not None and not open_fds):
            failed_step = i
            break
        pump(0.05)
    if failed_step is not None:
        break
    # Let the prompt finish drawing before typing, as a person would.
    pump(0.05)
    os.write(master, step["send"].encode())

while (child.poll() is None or open_fds) and time.monotonic() < deadline:
    pump(0.05)
if child.poll() is None:
    child.kill()
    child.wait()

code = child.returncode
print(json.dumps({
    "code": code if code >= 0 else None,
    "signal": -code if code < 0 else None,
    "stdout": stdout.decode("utf-8", "replace"),
    "screen": text(),
    "failedStep": failed_step,
}))
