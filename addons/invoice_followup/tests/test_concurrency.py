import threading
import uuid
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import CommittedCase

COMPANY_SETTINGS = (
    "invoice_resend_enabled",
    "invoice_resend_interval_days",
    "invoice_resend_max_count",
    "invoice_resend_start",
    "invoice_statement_enabled",
    "invoice_statement_day",
)


@tagged("post_install", "-at_install")
class TestFollowupRaces(CommittedCase):
    """Two workers run the resend cron, or the statement cron, at once (two
    real transactions): one send per invoice and slot, one statement per
    customer and month."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            self.saved_settings = {name: company[name] for name in COMPANY_SETTINGS}
            company.write(
                {
                    "invoice_resend_enabled": True,
                    "invoice_resend_interval_days": 7,
                    "invoice_resend_max_count": 3,
                    "invoice_resend_start": "after_due",
                    "invoice_statement_enabled": True,
                    "invoice_statement_day": 1,
                }
            )
            tag = uuid.uuid4().hex[:8]
            partners = env["res.partner"].create(
                [
                    {"name": f"Racing customer {tag} {number}", "email": f"race{number}@example.com"}
                    for number in range(3)
                ]
            )
            product = env["product.product"].create({"name": f"Race service {tag}", "type": "service"})
            today = fields.Date.context_today(env.user)
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": today - timedelta(days=60),
                        "invoice_date_due": today - timedelta(days=30),
                        "invoice_line_ids": [
                            Command.create({"product_id": product.id, "price_unit": 10.0 * (number + 1)})
                        ],
                    }
                    for partner in partners
                    for number in range(2)
                ]
            )
            invoices.action_post()
            # sent a month ago, as Send & Print would have marked them
            invoices.write({"is_move_sent": True})
            cr.execute(
                "UPDATE account_move SET last_sent_at = %s, followup_sent_count = 1 WHERE id IN %s",
                [fields.Datetime.now() - timedelta(days=30), tuple(invoices.ids)],
            )
            self.ids = {"partners": partners.ids, "invoices": invoices.ids, "product": product.id}
        self.addCleanup(self._cleanup)
        # the crons see only this test's records, not the rest of the database
        Move = self.registry["account.move"]
        resend_domain = Move._followup_resend_domain
        invoice_ids = self.ids["invoices"]

        def _followup_resend_domain(model, company, now):
            return resend_domain(model, company, now) + [("id", "in", invoice_ids)]

        Statement = self.registry["invoice.followup.statement"]
        candidates = Statement._statement_candidates
        partner_ids = set(self.ids["partners"])

        def _statement_candidates(model, company, period):
            return [row for row in candidates(model, company, period) if row["partner_id"] in partner_ids]

        for patcher in (
            patch.object(Move, "_followup_resend_domain", _followup_resend_domain),
            patch.object(Statement, "_statement_candidates", _statement_candidates),
        ):
            patcher.start()
            self.addCleanup(patcher.stop)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env.company.write(self.saved_settings)
            env["invoice.followup.statement"].search([("partner_id", "in", self.ids["partners"])]).unlink()
            invoices = env["account.move"].browse(self.ids["invoices"])
            invoices.button_draft()
            invoices.with_context(force_delete=True).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

    def _race(self, call):
        """Run ``call(env)`` in two transactions started together; return
        their results."""
        barrier = threading.Barrier(2)
        results = []

        def run():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                cr.execute("SELECT 1")  # the snapshot, before the other one commits
                barrier.wait()
                results.append(call(env))
                cr.commit()  # pylint: disable=invalid-commit

        threads = [threading.Thread(target=run) for _index in range(2)]
        # the serialization failures of the loser are expected (and retried)
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        return results

    def test_two_workers_resend_each_invoice_once(self):
        results = self._race(lambda env: env["account.move"]._cron_followup_resend())
        self.assertEqual(sum(result["sent"] for result in results), 6, results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for invoice in env["account.move"].browse(self.ids["invoices"]):
                reminders = invoice.message_ids.filtered(lambda message: (message.subject or "").startswith("Reminder"))
                self.assertEqual(len(reminders), 1, invoice.name)
                self.assertEqual((invoice.followup_sent_count, invoice.followup_auto_sent_count), (2, 1))
        # and a third run right after finds nothing due
        results = self._race(lambda env: env["account.move"]._cron_followup_resend())
        self.assertEqual(sum(result["sent"] for result in results), 0)

    def test_two_workers_send_one_statement_per_customer(self):
        results = self._race(lambda env: env["invoice.followup.statement"]._cron_send_monthly_statements())
        self.assertEqual(sum(results), 3, results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            statements = env["invoice.followup.statement"].search([("partner_id", "in", self.ids["partners"])])
            self.assertEqual(sorted(statements.partner_id.ids), sorted(self.ids["partners"]))
            messages = env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", self.ids["partners"]),
                    ("subject", "=", "Statement of account"),
                ]
            )
            self.assertEqual(len(messages), 3)
