#!/usr/bin/env python3
"""Plays systemd's socket activation where there is no systemd: a laptop, a container, a test.

    tools/socket-launcher.py [--mode 0660] [--group GROUP] ADDRESS -- COMMAND [ARGS...]

Binds ADDRESS (unix:PATH or HOST:PORT) once, as hello.socket does, and starts COMMAND with the
listening socket as its standard input, as StandardInput=socket does. COMMAND is hello with
server.bind=fd://0. Standard output and error stay the launcher's own.

  SIGHUP           restart COMMAND without a gap: start a new COMMAND on the same socket, beside
                   the running one, wait until it is ready, then SIGTERM the old one, which stops
                   accepting and drains while the new one serves. One COMMAND runs afterwards.
  SIGTERM, SIGINT  stop COMMAND, remove the socket file, exit.

"Ready" is what systemd's Type=notify means: each COMMAND gets NOTIFY_SOCKET, a Unix datagram
socket of its own, and sends READY=1 there once it serves (hello runs `systemd-notify --ready`;
any sd_notify works). A new COMMAND that exits, or is not ready within --ready-timeout, is
stopped and the old one keeps serving. The first COMMAND serves as soon as it accepts.

If COMMAND exits on its own, the launcher removes the socket and exits with COMMAND's status.
Each start prints "socket-launcher: started pid N" to standard error, each readiness
"socket-launcher: pid N is ready", each exit "socket-launcher: pid N exited with S".
"""
import argparse
import grp
import os
import signal
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

BACKLOG = 1024
STOP_TIMEOUT_S = 30


def log(message):
    print(f"socket-launcher: {message}", file=sys.stderr, flush=True)


def bind(address, mode, group):
    if address.startswith("unix:"):
        path = address[len("unix:"):]
        if os.path.exists(path):
            sys.exit(f"socket-launcher: {path} exists; remove it first")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # no moment more open than --mode
        try:
            listener.bind(path)
        finally:
            os.umask(old_umask)
        if group:
            os.chown(path, -1, grp.getgrnam(group).gr_gid)
        os.chmod(path, int(mode, 8))
        return listener, path
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, int(port)))
    return listener, None


class Child:
    """One COMMAND, with the NOTIFY_SOCKET it reports its readiness on."""

    def __init__(self, command, listener, notify_dir, number):
        self.notify_path = os.path.join(notify_dir, f"notify-{number}")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(self.notify_path)
        self.notify.setblocking(False)
        environment = dict(os.environ, NOTIFY_SOCKET=self.notify_path)
        self.process = subprocess.Popen(command, stdin=listener.fileno(), env=environment)
        self.pid = self.process.pid
        self.ready = False  # READY=1 received
        self.started = time.monotonic()
        log(f"started pid {self.pid}")

    def read_notifications(self):
        """Reads what the child sent; closes any descriptor passed (systemd-notify's barrier)."""
        while True:
            try:
                data, ancillary, _, _ = self.notify.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
            except (BlockingIOError, InterruptedError):
                return
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    usable = len(payload) - len(payload) % 4
                    for fd in memoryview(payload)[:usable].cast("i"):
                        os.close(fd)
            if not self.ready and b"READY=1" in data.split(b"\n"):
                self.ready = True
                log(f"pid {self.pid} is ready")

    def poll(self):
        return self.process.poll()

    def terminate(self):
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self, timeout):
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log(f"pid {self.pid} did not stop within {timeout} s: killing it")
            self.process.kill()
            return self.process.wait()

    def close(self):
        self.notify.close()
        try:
            os.unlink(self.notify_path)
        except FileNotFoundError:
            pass


def main():
    parser = argparse.ArgumentParser(
        usage="%(prog)s [--mode MODE] [--group GROUP] ADDRESS -- COMMAND [ARGS...]",
        description=__doc__.split("\n")[0],
        epilog="\n".join(__doc__.split("\n")[3:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--mode", default="0660", help="file mode of a Unix socket (default 0660)")
    parser.add_argument("--group", help="group of a Unix socket")
    parser.add_argument("--ready-timeout", type=float, default=120,
                        help="seconds a new COMMAND may take to be ready on SIGHUP (default 120)")
    parser.add_argument("address", help="unix:PATH or HOST:PORT")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a COMMAND to start is needed after --")

    listener, path = bind(args.address, args.mode, args.group)
    listener.listen(BACKLOG)
    log(f"listening at {args.address}")

    requests = []
    for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda number, frame: requests.append(number))

    notify_dir = tempfile.mkdtemp(prefix="socket-launcher-")
    starts = [0]

    def start():
        starts[0] += 1
        return Child(command, listener, notify_dir, starts[0])

    def exited(child, status):
        log(f"pid {child.pid} exited with {status}")
        child.close()

    current = start()  # nothing to hand over from: it serves as soon as it accepts
    replacement = None  # a new COMMAND, not yet ready
    retiring = []  # old COMMANDs, draining after SIGTERM
    status = 0
    try:
        while True:
            children = [child for child in [current, replacement] + retiring if child]
            try:
                readable, _, _ = select.select([child.notify for child in children], [], [], 0.05)
            except InterruptedError:
                readable = []
            for child in children:
                if child.notify in readable:
                    child.read_notifications()
            for child in list(retiring):
                finished = child.poll()
                if finished is not None:
                    exited(child, finished)
                    retiring.remove(child)
            if replacement:
                finished = replacement.poll()
                if finished is not None:
                    exited(replacement, finished)
                    log(f"the replacement exited before it was ready: pid {current.pid} keeps serving")
                    replacement = None
                elif replacement.ready:
                    log(f"restarting: pid {replacement.pid} serves, stopping pid {current.pid}")
                    current.terminate()
                    retiring.append(current)
                    current, replacement = replacement, None
                elif time.monotonic() - replacement.started > args.ready_timeout:
                    log(f"pid {replacement.pid} not ready within {args.ready_timeout} s: stopping it,"
                        f" pid {current.pid} keeps serving")
                    replacement.terminate()
                    retiring.append(replacement)
                    replacement = None
            finished = current.poll()
            if finished is not None:
                exited(current, finished)
                if replacement is None:
                    status = finished
                    break
                log(f"pid {replacement.pid} takes over")
                current, replacement = replacement, None
            if not requests:
                continue
            signum = requests.pop(0)
            if signum == signal.SIGHUP:
                if replacement:
                    log(f"already restarting: pid {replacement.pid} is starting")
                else:
                    log(f"restarting: starting a new command beside pid {current.pid}")
                    replacement = start()
            else:
                log(f"stopping pid {current.pid}")
                for child in [current, replacement] + retiring:
                    if child:
                        child.terminate()
                for child in [current, replacement] + retiring:
                    if child:
                        exited(child, child.wait(STOP_TIMEOUT_S))
                status = 0
                break
    finally:
        listener.close()
        if path:
            os.unlink(path)
        shutil.rmtree(notify_dir, ignore_errors=True)
    sys.exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    main()
