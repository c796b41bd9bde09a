#!/usr/bin/env python3
"""Freshness of the national aggregate: the time from POST /api/v1/data-values
returning to the new value appearing in GET /api/v1/analytics for the nation,
read on the node written to and, when a second node is given, on that node.

    freshness.py WRITE_PORT [READ_PORT] [ROUNDS]

Signs in as the demo national administrator, then writes ROUNDS times a new
value of cdca_reunions for the Gironde in 2012 (a year the demo data leave
empty, so the national figure is that value) and polls the reader until the
national cdca_nombre_reunions equals it. Prints the median and the worst
delay in milliseconds. Not a test."""
import http.client
import json
import statistics
import sys
import time

EMAIL = "admin.national@demo.boussole.invalid"
PASSWORD = "boussole-demo-2026"
QUERY = "/api/v1/analytics?indicators=cdca_nombre_reunions&territories=FR&periods=2012"


def sign_in(port):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("POST", "/api/v1/session", json.dumps({"email": EMAIL, "password": PASSWORD}),
                       {"Content-Type": "application/json"})
    response = connection.getresponse()
    body = json.loads(response.read())
    if response.status not in (200, 201):
        sys.exit(f"connexion refusée ({response.status}) : {body}")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    return connection, {"Cookie": cookie, "X-CSRF-Token": body["csrf_token"], "Content-Type": "application/json"}


def national_value(connection, headers):
    connection.request("GET", QUERY, headers={"Cookie": headers["Cookie"]})
    response = connection.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        sys.exit(f"lecture refusée ({response.status}) : {body}")
    rows = body.get("rows", [])
    return rows[0].get("value") if rows else None


def main():
    write_port = int(sys.argv[1])
    read_port = int(sys.argv[2]) if len(sys.argv) > 2 else write_port
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    writer, write_headers = sign_in(write_port)
    reader, read_headers = sign_in(read_port) if read_port != write_port else (writer, write_headers)
    delays = []
    for round_number in range(rounds):
        value = 1000 + round_number
        payload = {"values": [{"element": "cdca_reunions", "territory": "DEP-33", "period": "2012", "value": value}]}
        writer.request("POST", "/api/v1/data-values", json.dumps(payload), write_headers)
        response = writer.getresponse()
        answer = response.read()
        if response.status not in (200, 201):
            sys.exit(f"écriture refusée ({response.status}) : {answer.decode()}")
        written = time.perf_counter()
        while True:
            if national_value(reader, read_headers) == value:
                delays.append((time.perf_counter() - written) * 1000)
                break
            if time.perf_counter() - written > 10:
                sys.exit("valeur toujours absente de l'agrégat national après 10 s")
    print(f"{statistics.median(delays):.2f} {max(delays):.2f}")


if __name__ == "__main__":
    main()
