#!/usr/bin/env python3
"""Plays systemd's socket activation where there is no systemd: a laptop, a container, a test.

    tools/socket-launcher.py [--mode 0660] [--group GROUP] ADDRESS -- COMMAND [ARGS...]

Binds ADDRESS (unix:PATH or HOST:PORT) once, as hello.socket does, and starts COMMAND with the
listening socket as its standard input, as StandardInput=socket does. COMMAND is hello with
server.bind=fd://0. Standard output and error stay the launcher's own.

  SIGHUP           restart COMMAND as `systemctl restart` does: SIGTERM, wait for it to exit,
                   start it again on the same socket. Connections wait in the socket's backlog.
  SIGTERM, SIGINT  stop COMMAND, remove the socket file, exit.

If COMMAND exits on its own, the launcher removes the socket and exits with COMMAND's status.
Each start prints "socket-launcher: started pid N" to standard error.
"""
import argparse
import grp
import os
import signal
import socket
import subprocess
import sys

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


def main():
    parser = argparse.ArgumentParser(
        usage="%(prog)s [--mode MODE] [--group GROUP] ADDRESS -- COMMAND [ARGS...]",
        description=__doc__.split("\n")[0],
        epilog="\n".join(__doc__.split("\n")[3:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--mode", default="0660", help="file mode of a Unix socket (default 0660)")
    parser.add_argument("--group", help="group of a Unix socket")
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

    def start():
        child = subprocess.Popen(command, stdin=listener.fileno())
        log(f"started pid {child.pid}")
        return child

    def stop(child):
        child.terminate()
        try:
            return child.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            log(f"pid {child.pid} did not stop within {STOP_TIMEOUT_S} s: killing it")
            child.kill()
            return child.wait()

    child = start()
    status = 0
    try:
        while True:
            try:
                status = child.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                status = None
            if status is not None:
                log(f"pid {child.pid} exited with {status}")
                break
            if not requests:
                continue
            signum = requests.pop(0)
            if signum == signal.SIGHUP:
                log(f"restarting: stopping pid {child.pid}")
                log(f"pid {child.pid} exited with {stop(child)}")
                child = start()
            else:
                log(f"stopping pid {child.pid}")
                stop(child)
                status = 0
                break
    finally:
        listener.close()
        if path:
            os.unlink(path)
    sys.exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    main()
