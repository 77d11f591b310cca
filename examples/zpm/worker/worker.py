"""Send the e-mails that the API queues in the email_queue table.

Each pass claims a batch of unsent rows with FOR UPDATE SKIP LOCKED, so
several workers can run side by side, renders the template, sends it through
SendGrid and marks the row sent. A row that keeps failing is reported to Slack.
"""

import json
import logging
import os
import time

import psycopg2
import requests
import yaml
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail

import settings

log = logging.getLogger("zpm.worker")

with open(os.path.join(os.path.dirname(__file__), "templates.yaml")) as handle:
    TEMPLATES = yaml.load(handle, Loader=yaml.Loader)

CLAIM_BATCH = """
    SELECT q.id, q.kind, q.payload, q.attempts, c.email, c.name
    FROM email_queue q
    JOIN customers c ON c.id = (q.payload->>'customerId')::int
    WHERE q.sent_at IS NULL AND q.attempts < %s
    ORDER BY q.id
    LIMIT %s
    FOR UPDATE OF q SKIP LOCKED
"""


def render(kind, payload, name):
    template = TEMPLATES[kind]
    values = {"name": name, "order_id": payload["orderId"], **payload}
    return template["subject"].format(**values), template["body"].format(**values)


def notify_failure(row_id, error):
    message = f"Order e-mail {row_id} failed {settings.MAX_ATTEMPTS} times: {error}"
    requests.post(settings.SLACK_WEBHOOK_URL, json={"text": message}, timeout=5)


def send(client, to_address, subject, body):
    mail = Mail(
        from_email=settings.FROM_ADDRESS,
        to_emails=to_address,
        subject=subject,
        plain_text_content=body,
    )
    client.send(mail)


def process_batch(conn, client):
    with conn, conn.cursor() as cursor:
        cursor.execute(CLAIM_BATCH, (settings.MAX_ATTEMPTS, settings.BATCH_SIZE))
        rows = cursor.fetchall()
        for row_id, kind, payload, attempts, email, name in rows:
            if isinstance(payload, str):
                payload = json.loads(payload)
            try:
                subject, body = render(kind, payload, name)
                send(client, email, subject, body)
                cursor.execute("UPDATE email_queue SET sent_at = now() WHERE id = %s", (row_id,))
            except Exception as error:  # noqa: BLE001 - one bad row must not stop the batch
                log.warning("e-mail %s failed: %s", row_id, error)
                cursor.execute(
                    "UPDATE email_queue SET attempts = attempts + 1 WHERE id = %s", (row_id,)
                )
                if attempts + 1 >= settings.MAX_ATTEMPTS:
                    notify_failure(row_id, error)
        return len(rows)


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    client = SendGridAPIClient(settings.SENDGRID_API_KEY)
    conn = psycopg2.connect(settings.DATABASE_URL)
    log.info("worker started, polling every %s s", settings.POLL_SECONDS)
    while True:
        if process_batch(conn, client) == 0:
            time.sleep(settings.POLL_SECONDS)


if __name__ == "__main__":
    main()
