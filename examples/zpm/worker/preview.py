"""Preview of order e-mails for the support team.

Runs next to the worker on the internal network: support staff pick a
template and a queued row, and see the e-mail as the customer would.
"""

import os

import psycopg2
from flask import Flask, request

import settings

app = Flask(__name__)

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")


@app.route("/preview")
def preview():
    kind = request.args.get("kind", "order_confirmation")
    with psycopg2.connect(settings.DATABASE_URL) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT payload FROM email_queue WHERE kind = '%s' ORDER BY id DESC LIMIT 1" % kind
        )
        row = cursor.fetchone()
    return {"kind": kind, "payload": row[0] if row else None}


@app.route("/preview/template")
def template_source():
    name = request.args["name"]
    with open(os.path.join(TEMPLATE_DIR, name)) as handle:
        return handle.read(), 200, {"Content-Type": "text/plain"}
