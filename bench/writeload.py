#!/usr/bin/env python3
"""Write load for the portal: provincial officers saving and submitting report drafts while central
officers review (return) what was submitted. Run by bench/writes.sh, which starts the app, seeds the
data and creates the officers; standard library only, so it runs wherever python3 does.

Every officer signs in through the real form, starts (or opens) its branch's report, fills every line
once (not timed), then loops: open the form, change one line's results, save as draft (timed); every
SUBMIT_EVERY-th time it submits instead and waits until a reviewer has returned the report. Reviewers
return every submitted report with a comment. Latencies are per POST, from sending to the redirect.

Then, with no other load, one officer makes saves that change one field and saves that change
nothing, and the database is counted before and after each, so "rows written per save" is measured
on its own (rows inserted, updated and deleted per table, the audit entries among them).
"""
import argparse
import http.client
import http.cookies
import json
import queue
import random
import re
import sqlite3
import ssl
import statistics
import sys
import threading
import time
import urllib.parse
from html.parser import HTMLParser

CONTEXT = ssl._create_unverified_context()  # the bench's throwaway certificate


class Form(HTMLParser):
    """The fields of one form (by id, or the first form with a given action) as a browser would post them."""

    def __init__(self, form_id=None, action=None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.action = form_id, action
        self.inside = False
        self.found = False
        self.fields = []  # (name, value), document order
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if not self.found and ((self.form_id and a.get("id") == self.form_id) or (self.action and a.get("action") == self.action)):
                self.inside = self.found = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None]  # name, selected, first
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in a:
                self._select[1] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, selected, first = self._select
            self.fields.append((name, selected if selected is not None else (first or "")))
            self._select = None

    @classmethod
    def parse(cls, html, **kw):
        f = cls(**kw)
        f.feed(html)
        return f.fields if f.found else None


class Client:
    """One browser: its own connection and cookies."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.conn = None

    def request(self, method, path, form=None, headers=None):
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(self.host, self.port, context=CONTEXT, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header, value in r.getheaders():
            if header.lower() == "set-cookie":
                c = http.cookies.SimpleCookie()
                c.load(value)
                for k, m in c.items():
                    if m.value == "" or "expires=thu, 01 jan 1970" in value.lower():
                        self.cookies.pop(k, None)
                    else:
                        self.cookies[k] = m.value
        return r.status, r.getheader("Location"), data

    def sign_in(self, email, password):
        _, _, html = self.request("GET", "/account/sign-in")
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
        status, location, _ = self.request("POST", "/account/sign-in", [("Email", email), ("Password", password), ("__RequestVerificationToken", token)])
        if status != 302 or "sign-in" in (location or ""):
            raise RuntimeError(f"sign-in as {email} failed: {status} {location}")


class Stats:
    """Latencies of the measured window, and apart from them those of the warm-up (the first seconds
    after the app started, while .NET still compiles its hot paths). Errors count in both."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}  # kind -> [seconds], measured window
        self.warmup = {}  # kind -> [seconds], before the measured window
        self.measuring = False
        self.errors = {}  # kind -> [description]

    def add(self, kind, seconds):
        with self.lock:
            (self.latencies if self.measuring else self.warmup).setdefault(kind, []).append(seconds)

    def error(self, kind, what):
        with self.lock:
            self.errors.setdefault(kind, []).append(what)


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def find_report(client):
    """The officer's editable report of its branch: an open draft or returned one, else the current quarter started blank."""
    _, _, mine = client.request("GET", "/reports/mine")
    edits = re.findall(r'href="/reports/(\d+)/edit"', mine)
    if edits:
        return int(edits[-1])
    start = Form.parse(mine, action="/reports/start")
    if start is None:
        raise RuntimeError("no report to edit and no quarter to start on /reports/mine")
    status, location, _ = client.request("POST", "/reports/start", start)
    m = re.search(r"/reports/(\d+)/edit", location or "")
    if status != 302 or not m:
        raise RuntimeError(f"starting a report answered {status} {location}")
    return int(m.group(1))


def edit_form(client, report_id):
    status, location, html = client.request("GET", f"/reports/{report_id}/edit")
    if status != 200:
        return None
    return Form.parse(html, form_id="report-form")


def fill_all(fields, stamp):
    """Every line given a status and results, so the report can be submitted."""
    out = []
    for name, value in fields:
        if name.endswith(".Status") and not value:
            value = "OnTrack"
        elif name.endswith(".Results") and not value.strip():
            value = f"Bench results {stamp}"
        out.append((name, value))
    return out


def change_one(fields, stamp):
    """One line's results changed, as a person editing one box."""
    out, done = [], False
    for name, value in fields:
        if not done and name.endswith(".Results"):
            value, done = f"Bench results {stamp}", True
        out.append((name, value))
    return out


def post_form(client, report_id, fields, intent):
    form = [(n, v) for n, v in fields if n != "Intent"] + [("Intent", intent)]
    if intent == "submit":
        form.append(("Confirmed", "true"))
    t = time.perf_counter()
    status, location, body = client.request("POST", f"/reports/{report_id}/edit", form)
    return time.perf_counter() - t, status, location, body


def officer(args, email, password, stats, submitted, returned, stop, ready, reports):
    c = Client(args.host, args.port)
    try:
        c.sign_in(email, password)
        report_id = find_report(c)
        fields = edit_form(c, report_id)
        _, status, location, _ = post_form(c, report_id, fill_all(fields, "setup"), "save")
        if status != 302:
            raise RuntimeError(f"filling report {report_id} answered {status}")
        reports.append((email, report_id))
    except Exception as e:  # noqa: BLE001 - reported, and the run goes on without this officer
        stats.error("setup", f"{email}: {e}")
        ready.wait()
        return
    ready.wait()
    n = 0
    while not stop.is_set():
        fields = edit_form(c, report_id)
        if fields is None:
            # Submitted and not yet returned: wait for a reviewer, as a person would.
            returned.get(report_id, threading.Event()).wait(0.5)
            continue
        n += 1
        submit = args.submit_every > 0 and n % args.submit_every == 0
        kind = "submit" if submit else "save"
        seconds, status, location, body = post_form(c, report_id, change_one(fields, f"{email} {n}"), kind)
        expected = f"/reports/{report_id}" if submit else f"/reports/{report_id}/edit"
        if status == 302 and (location or "").split("?")[0].split("#")[0] == expected:
            stats.add(kind, seconds)
            if submit:
                returned[report_id] = threading.Event()
                submitted.put(report_id)
        else:
            stats.error(kind, f"{email} report {report_id}: {status} {location or ''} {body[:120]!r}")
        if args.think > 0:
            time.sleep(random.uniform(0, 2 * args.think))


def reviewer(args, email, password, stats, submitted, returned, stop, ready):
    c = Client(args.host, args.port)
    c.sign_in(email, password)
    ready.wait()
    while not stop.is_set():
        t = time.perf_counter()
        status, _, _ = c.request("GET", "/reports/review")
        (stats.add("review queue", time.perf_counter() - t) if status == 200 else stats.error("review queue", str(status)))
        try:
            report_id = submitted.get(timeout=0.5)
        except queue.Empty:
            continue
        _, _, page = c.request("GET", f"/reports/{report_id}")
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page)
        form = [("Comment", "Bench: please add the numbers."), ("Confirmed", "true"), ("__RequestVerificationToken", token.group(1) if token else "")]
        t = time.perf_counter()
        status, location, body = c.request("POST", f"/reports/{report_id}/return", form)
        if status == 302:
            stats.add("return", time.perf_counter() - t)
        else:
            stats.error("return", f"report {report_id}: {status} {location or ''} {body[:120]!r}")
        returned.setdefault(report_id, threading.Event()).set()


def snapshot(database):
    """Every row of every table by rowid, to tell inserted, updated and deleted rows apart afterwards."""
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '__EF%'")]
        return {t: {row[0]: row[1:] for row in db.execute(f'select rowid, * from "{t}"')} for t in tables}
    finally:
        db.close()


def delta(before, after):
    """table -> {"inserted", "updated", "deleted"} for the tables that changed."""
    out = {}
    for t in after:
        b, a = before.get(t, {}), after[t]
        d = {"inserted": len(a.keys() - b.keys()), "updated": sum(1 for k in a.keys() & b.keys() if a[k] != b[k]), "deleted": len(b.keys() - a.keys())}
        if any(d.values()):
            out[t] = {k: v for k, v in d.items() if v}
    return out


def add_rows(total, d):
    for t, v in d.items():
        for k, n in v.items():
            total.setdefault(t, {}).setdefault(k, 0)
            total[t][k] += n


def rows_per_save(args, email, password, report_id):
    """Saves alone: one field changed, then nothing changed; rows written per save, by table, the
    database read before and after each save. None if the report is not editable now."""
    c = Client(args.host, args.port)
    c.sign_in(email, password)
    fields = edit_form(c, report_id)
    if fields is None:
        return None
    result = {"report": report_id, "lines": sum(1 for n, _ in fields if n.endswith(".Results"))}
    for label, changed in (("one field changed", True), ("nothing changed", False)):
        total, ok = {}, 0
        for i in range(args.isolated_saves):
            fields = edit_form(c, report_id)
            if fields is None:
                break
            before = snapshot(args.database)
            _, status, _, _ = post_form(c, report_id, change_one(fields, f"isolated {time.time()} {i}") if changed else fields, "save")
            if status == 302:
                ok += 1
                add_rows(total, delta(before, snapshot(args.database)))
        result[label] = {"saves": ok, "rows written per save": {t: {k: round(n / max(ok, 1), 2) for k, n in v.items()} for t, v in sorted(total.items())}}
    return result


def returned_report(args, email, password):
    """The first returned report the given officer sees (the demo officer's are real-sized reports of earlier quarters)."""
    c = Client(args.host, args.port)
    c.sign_in(email, password)
    _, _, html = c.request("GET", "/reports?State=Returned")
    m = re.search(r'href="/reports/(\d+)"', html)
    return int(m.group(1)) if m else None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5443)
    p.add_argument("--officers", required=True, help="file of 'email password' lines, one per provincial officer")
    p.add_argument("--reviewers", required=True, help="file of 'email password' lines, one per central officer session")
    p.add_argument("--database", required=True, help="the app's SQLite file, read only, to count rows")
    p.add_argument("--duration", type=float, default=60)
    p.add_argument("--warmup", type=float, default=0, help="seconds of load before the measured window, reported apart")
    p.add_argument("--submit-every", type=int, default=5, help="every Nth change is a submit (0: never)")
    p.add_argument("--think", type=float, default=0.0, help="mean pause between an officer's saves, seconds")
    p.add_argument("--isolated-saves", type=int, default=10)
    p.add_argument("--also-returned-of", nargs=2, metavar=("EMAIL", "PASSWORD"),
                   help="also measure saves alone on this officer's first returned report")
    p.add_argument("--json", help="write the full result here")
    args = p.parse_args()

    officers = [line.split() for line in open(args.officers, encoding="utf-8") if line.strip()]
    reviewers = [line.split() for line in open(args.reviewers, encoding="utf-8") if line.strip()]
    stats, submitted, returned, stop, reports = Stats(), queue.Queue(), {}, threading.Event(), []
    ready = threading.Barrier(len(officers) + len(reviewers) + 1)

    class Ready:  # threads wait for every officer's setup, then start together
        def wait(self):
            try:
                ready.wait(timeout=600)
            except threading.BrokenBarrierError:
                pass

    threads = [threading.Thread(target=officer, args=(args, e, pw, stats, submitted, returned, stop, Ready(), reports)) for e, pw in officers]
    threads += [threading.Thread(target=reviewer, args=(args, e, pw, stats, submitted, returned, stop, Ready())) for e, pw in reviewers]
    for t in threads:
        t.start()
    Ready().wait()
    time.sleep(args.warmup)
    with stats.lock:
        stats.measuring = True
    before = snapshot(args.database)
    started = time.perf_counter()
    time.sleep(args.duration)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    during = delta(before, snapshot(args.database))

    def latency(samples):
        return {k: {"n": len(v), "p50": round(percentile(v, 50) * 1000), "p95": round(percentile(v, 95) * 1000),
                    "p99": round(percentile(v, 99) * 1000), "max": round(max(v) * 1000),
                    "mean": round(statistics.fmean(v) * 1000)} for k, v in sorted(samples.items()) if v}

    result = {
        "officers": len(officers), "officers with a report": len(reports), "reviewers": len(reviewers),
        "duration s": round(elapsed, 1), "warm-up s": args.warmup, "submit every": args.submit_every, "think s": args.think,
        "latency ms": latency(stats.latencies),
        "latency ms during the warm-up": latency(stats.warmup),
        "errors": {k: len(v) for k, v in stats.errors.items()},
        "error samples": {k: v[:3] for k, v in stats.errors.items()},
        "rows changed during the load (net)": dict(sorted(during.items())),
    }
    writes = sum(len(stats.latencies.get(k, [])) for k in ("save", "submit", "return"))
    result["audit entries per write (save, submit, return) during the load"] = round(during.get("AuditEntries", {}).get("inserted", 0) / max(writes, 1), 2)
    # An officer whose report is not waiting for review (the load stopped at any point of the cycle).
    passwords = dict(officers)
    for email, report_id in reports:
        alone = rows_per_save(args, email, passwords[email], report_id)
        if alone and all(v["saves"] for v in alone.values() if isinstance(v, dict)):
            result["saves alone"] = [alone]
            break
    if args.also_returned_of:
        email, pw = args.also_returned_of
        report_id = returned_report(args, email, pw)
        alone = rows_per_save(args, email, pw, report_id) if report_id else None
        if alone:
            result.setdefault("saves alone", []).append(alone)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0 if not stats.errors else 1


if __name__ == "__main__":
    sys.exit(main())
