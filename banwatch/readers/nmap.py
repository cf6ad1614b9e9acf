"""nmap XML input (`nmap -oX`, and tools that write nmap's format): one record per host.

Invariants:
- Parsed by defusedxml's expat parser: entity declarations (a billion-laughs
  bomb) and external references are refused; nmap writes neither.
- Streamed: the parser's target builds one `<host>` element at a time and
  hands it over when it closes; nothing else of the file is kept, so a 1 GB
  scan needs no more memory than its largest host.
- The file is read up to its first `<host>` before its columns are yielded: a
  file that is not XML, whose root element is not `<nmaprun>`, or that is
  broken before its first host is an `InputError` naming the file.
- The columns are fixed (`HEADERS`) and read through the header vocabulary
  (`columns.file_columns`), so `--column ROLE=HEADER` works as on any file.
- Each host yields one `RawRow` whose `line` is the line of its `<host>` tag,
  or one `RowProblem` when it has no address. A host that is down is skipped
  silently unless it carries a MAC address (a device that answered ARP).
- XML broken after the first host (a scan cut short) ends the file with one
  `RowProblem` at the line; the hosts before it are kept.
- Only the best OS matches (those at nmap's top accuracy) are read: the
  others are nmap's weaker guesses, and a Linux box is often also "94% an
  AXIS camera".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from banwatch.errors import InputError
from banwatch.model.records import RowProblem

from .columns import ColumnChoices, file_columns
from .files import read_sample, reject_binary
from .rows import FileStream, RawRow

IP_ADDRESS = "IP Address"
MAC_ADDRESS = "MAC Address"
MAC_VENDOR = "MAC Vendor"
HOSTNAMES = "Hostnames"
DEVICE_TYPE = "Device Type"
OS = "OS"
SERVICES = "Services"
CPE = "CPE"
HEADERS = (IP_ADDRESS, MAC_ADDRESS, MAC_VENDOR, HOSTNAMES, DEVICE_TYPE, OS, SERVICES, CPE)
"""The columns of every nmap file; `headers.HEADERS` gives each its role (the IP passes)."""

CHUNK_BYTES = 64 * 1024


class _NotNmapError(Exception):
    """The document's root element is not nmap's."""


class _Hosts:
    """Parser target: builds each `<host>` child of `<nmaprun>` and queues it with its line."""

    def __init__(self) -> None:
        self.parser: DefusedXMLParser  # set once the parser is made around this target
        self._depth = 0
        self._builder: ET.TreeBuilder | None = None
        self._line = 0
        self.done: list[tuple[int, ET.Element]] = []
        self.seen_host = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._depth += 1
        if self._depth == 1 and tag != "nmaprun":
            raise _NotNmapError(tag)
        if self._depth == 2 and tag == "host":
            self._builder = ET.TreeBuilder()
            # expat reports the position of the event being handled: the start tag.
            self._line = self.parser.parser.CurrentLineNumber
            self.seen_host = True
        if self._builder is not None:
            self._builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self._builder is not None:
            self._builder.end(tag)
            if self._depth == 2:
                self.done.append((self._line, self._builder.close()))
                self._builder = None
        self._depth -= 1

    def data(self, text: str) -> None:
        if self._builder is not None:
            self._builder.data(text)

    def close(self) -> None:
        return None


def read_nmap(path: Path, label: str, choices: ColumnChoices) -> FileStream:
    """Yield the columns, then a record per host of an nmap XML file and a problem per bad one."""
    sample, _ = read_sample(path, label)
    reject_binary(sample, label, "nmap XML (nmap -oX)")
    with path.open("rb") as stream:
        scan = _Scan(stream, label)
        scan.read_to_first_host()
        columns = file_columns(HEADERS, choices, label)
        yield columns
        for item in scan.hosts():
            if isinstance(item, RowProblem):
                yield item
                continue
            line, host = item
            values = host_values(host)
            if values is None:
                continue
            if not values[IP_ADDRESS] and not values[MAC_ADDRESS]:
                yield RowProblem(label, line, "host has no address; host skipped")
                continue
            yield RawRow(line, values, dict(columns.roles))


class _Scan:
    """The hosts of one open nmap XML file, parsed a chunk at a time."""

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self._stream = stream
        self._label = label
        # The parser binds its target's methods when it is made, and the
        # target asks the parser for the line it is at.
        self._target = _Hosts()
        self._parser = DefusedXMLParser(target=self._target)
        self._target.parser = self._parser
        self._ended = False

    def read_to_first_host(self) -> None:
        """Feed the file up to its first host (or its end); InputError if it is not nmap's."""
        while not self._target.seen_host and not self._ended:
            error = self._feed()
            if error is not None:
                raise InputError(
                    f"{error[1]}; expected nmap's XML output (nmap -oX)", file=self._label
                )

    def hosts(self) -> Iterator[tuple[int, ET.Element] | RowProblem]:
        """Each host in file order with its line, and a problem where the XML breaks."""
        while True:
            yield from self._take()
            if self._ended:
                return
            error = self._feed()
            if error is not None:
                yield from self._take()
                line, what = error
                message = f"{what}; the rest of the file is not read (was the scan cut short?)"
                yield RowProblem(self._label, line, message)
                return

    def _take(self) -> list[tuple[int, ET.Element]]:
        done, self._target.done = self._target.done, []
        return done

    def _feed(self) -> tuple[int, str] | None:
        """Feed the next chunk (or close at the end); the line and what is wrong, if anything."""
        try:
            chunk = self._stream.read(CHUNK_BYTES)
            if chunk:
                self._parser.feed(chunk)
            else:
                self._ended = True
                self._parser.close()
        except _NotNmapError as exc:
            self._ended = True
            return 1, f"is XML but not nmap's: its root element is <{exc}>, not <nmaprun>"
        except ET.ParseError as exc:
            self._ended = True
            return exc.position[0], f"is not well-formed XML ({exc})"
        except DefusedXmlException as exc:
            self._ended = True
            what = getattr(exc, "name", None) or getattr(exc, "system_id", None) or ""
            return self._parser.parser.CurrentLineNumber, (
                f"declares the XML entity {what!r}, which nmap never writes; refused "
                "(entities can expand to gigabytes or read other files)"
            )
        return None


def host_values(host: ET.Element) -> dict[str, str] | None:
    """The cells of one `<host>` element; None for a host that is down and has no MAC."""
    ips: list[str] = []
    mac = vendor = ""
    for address in host.iterfind("address"):
        addr = (address.get("addr") or "").strip()
        if not addr:
            continue
        if address.get("addrtype") == "mac":
            if not mac:
                mac, vendor = addr, (address.get("vendor") or "").strip()
        else:
            ips.append(addr)
    status = host.find("status")
    if status is not None and status.get("state") == "down" and not mac:
        return None
    services = [
        (port, service)
        for port in host.iterfind("ports/port")
        if (service := port.find("service")) is not None and service.get("product")
    ]
    best = _best_os_matches(host)
    classes = [c for m in best for c in m.iterfind("osclass")]
    return {
        IP_ADDRESS: ", ".join(_unique(ips)),
        MAC_ADDRESS: mac,
        MAC_VENDOR: vendor,
        HOSTNAMES: ", ".join(_unique(h.get("name") for h in host.iterfind("hostnames/hostname"))),
        DEVICE_TYPE: ", ".join(
            _unique([c.get("type") for c in classes] + [s.get("devicetype") for _, s in services])
        ),
        OS: "; ".join(_unique(m.get("name") for m in best)),
        SERVICES: "; ".join(_unique(_service_text(p, s) for p, s in services)),
        CPE: " ".join(
            _unique(
                c.text
                for owner in [*classes, *(s for _, s in services)]
                for c in owner.iterfind("cpe")
            )
        ),
    }


def _best_os_matches(host: ET.Element) -> list[ET.Element]:
    matches = [(_accuracy(m), m) for m in host.iterfind("os/osmatch")]
    if not matches:
        return []
    top = max(accuracy for accuracy, _ in matches)
    return [m for accuracy, m in matches if accuracy == top]


def _accuracy(match: ET.Element) -> int:
    try:
        return int(match.get("accuracy") or 0)
    except ValueError:
        return 0


def _service_text(port: ET.Element, service: ET.Element) -> str:
    """'80/tcp Hikvision IP camera httpd 5.4 (extra)': the port, then what nmap says runs there."""
    where = f"{port.get('portid')}/{port.get('protocol')} "
    words = [service.get("product"), service.get("version")]
    text = " ".join(w.strip() for w in words if w and w.strip())
    extra = (service.get("extrainfo") or "").strip()
    return f"{where}{text} ({extra})" if extra else f"{where}{text}"


def _unique(values: Iterable[str | None]) -> list[str]:
    """The non-empty values, stripped, each once, in order."""
    seen: dict[str, None] = {}
    for value in values:
        text = (value or "").strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)
