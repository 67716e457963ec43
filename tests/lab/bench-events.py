#!/usr/bin/env python3
"""Time stamps for tests/lab/bench-lab.sh: when did each step of a connect happen?

    bench-events.py --notify FIFO --log FILE [--timeout SECONDS]
                    [--file NAME=PATH]... [--addresses NAME]
                    [--event EVENT=NAME:REGEX]...

Follows files (logs a client writes; they may appear later) and, with --addresses, the IPv4
addresses added in this process's network namespace (rtnetlink, so run it with `ip netns
exec`). Every line read goes to --log as "MS NAME LINE", MS being milliseconds since the epoch
like `date +%s%3N`. The first time an --event's regular expression matches a line of source
NAME, "EVENT MS" is written to the --notify fifo, which the benchmark script reads to wait
without polling. "ready MS" comes first, once every source is open; "timeout MS" after
--timeout seconds. Runs until terminated.

Polling in the shell would start a process every tenth of a second inside UML, where starting
a process costs about 10 ms of the one CPU the connect being timed also needs.
"""
import argparse
import os
import re
import select
import signal
import socket
import struct
import sys
import time

RTMGRP_IPV4_IFADDR = 0x10
RTM_NEWADDR = 20
IFA_LOCAL = 2
IFA_LABEL = 3
FILE_POLL_SECONDS = 0.01


def now_ms():
    return time.time_ns() // 1_000_000


def name_and_value(text, sep):
    name, found, value = text.partition(sep)
    if not found or not name:
        raise argparse.ArgumentTypeError("expected NAME%sVALUE: %r" % (sep, text))
    return name, value


def parse_event(text):
    event, spec = name_and_value(text, "=")
    source, regex = name_and_value(spec, ":")
    return event, source, re.compile(regex)


class FollowedFile:
    """A file read from where it was last left, line by line; absent until it appears."""

    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.handle = None
        self.pending = b""

    def read_lines(self):
        if self.handle is None:
            try:
                self.handle = open(self.path, "rb")
            except FileNotFoundError:
                return []
        self.pending += self.handle.read()
        *lines, self.pending = self.pending.split(b"\n")
        return [line.decode("utf-8", "replace") for line in lines]


def open_address_monitor():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    sock.bind((0, RTMGRP_IPV4_IFADDR))
    return sock


def rtattrs(data):
    while len(data) >= 4:
        length, kind = struct.unpack_from("HH", data)
        if length < 4:
            return
        yield kind, data[4:length]
        data = data[(length + 3) & ~3 :]


def address_lines(datagram):
    """One "new IFNAME ADDRESS" line per RTM_NEWADDR in a netlink datagram."""
    while len(datagram) >= 16:
        length, kind = struct.unpack_from("IH", datagram)
        if length < 16:
            return
        if kind == RTM_NEWADDR and length >= 24:
            attrs = dict(rtattrs(datagram[24:length]))
            label = attrs.get(IFA_LABEL, b"?").rstrip(b"\0").decode()
            local = attrs.get(IFA_LOCAL)
            address = socket.inet_ntoa(local) if local and len(local) == 4 else "?"
            yield "new %s %s" % (label, address)
        datagram = datagram[(length + 3) & ~3 :]


class Recorder:
    def __init__(self, log, notify, events):
        self.log = log
        self.notify = notify
        self.events = events
        self.seen = set()

    def tell(self, what):
        self.notify.write("%s %d\n" % (what, now_ms()))
        self.notify.flush()

    def line(self, source, text):
        stamp = now_ms()
        self.log.write("%d %s %s\n" % (stamp, source, text))
        self.log.flush()
        for event, event_source, regex in self.events:
            if event in self.seen or event_source != source or not regex.search(text):
                continue
            self.seen.add(event)
            self.notify.write("%s %d\n" % (event, stamp))
        self.notify.flush()


def follow(args, recorder):
    files = [FollowedFile(*name_and_value(spec, "=")) for spec in args.file]
    monitor = open_address_monitor() if args.addresses else None
    deadline = time.monotonic() + args.timeout
    recorder.tell("ready")
    while True:
        if deadline is not None and time.monotonic() > deadline:
            recorder.tell("timeout")
            deadline = None
        readable = []
        if monitor:
            readable, _, _ = select.select([monitor], [], [], FILE_POLL_SECONDS)
        else:
            time.sleep(FILE_POLL_SECONDS)
        if readable:
            for text in address_lines(monitor.recv(65536)):
                recorder.line(args.addresses, text)
        for followed in files:
            for text in followed.read_lines():
                recorder.line(followed.name, text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notify", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--file", action="append", default=[])
    parser.add_argument("--addresses")
    parser.add_argument("--event", type=parse_event, action="append", default=[])
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(args.log, "a") as log, open(args.notify, "w") as notify:
        try:
            follow(args, Recorder(log, notify, args.event))
        except BrokenPipeError:
            pass  # the benchmark stopped listening
    return 0


if __name__ == "__main__":
    sys.exit(main())
