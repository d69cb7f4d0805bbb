from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command

from odoo.addons.client_center.tests.common import ClientCenterCommon

# A Monday morning; tests freeze time around it.
NOW = datetime(2030, 3, 4, 9, 0)


class InvoiceFollowupCommon(ClientCenterCommon):
    """The company resends unpaid invoices weekly after their due date, at
    most three times; helpers create, send and pay invoices at given times
    and run the resend cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "invoice_resend_enabled": True,
                "invoice_resend_interval_days": 7,
                "invoice_resend_max_count": 3,
                "invoice_resend_start": "after_due",
                "invoice_pdf_login_required": False,
                "invoice_statement_enabled": False,
            }
        )
        # The crons run over the whole database: keep the demo invoices out
        # of these tests (rolled back with the test transaction).
        cls.env.cr.execute("UPDATE account_move SET followup_enabled = FALSE")
        cls.env["account.move"].invalidate_model(["followup_enabled"])
        cls.client_partner.mobile = "+32 470 12 34 56"
        cls.reminder_template = cls.env.ref("invoice_followup.email_template_invoice_reminder")

    @classmethod
    def _invoice(cls, amount=100.0, due_days=14, partner=None, product=None, when=NOW, post=True, user=None):
        """A customer invoice dated ``when`` (a datetime), due ``due_days``
        later, of ``product`` (expert A's coaching by default)."""
        with freeze_time(when):
            invoice = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": (partner or cls.client_partner).id,
                    "invoice_user_id": (user or cls.expert_a).id,
                    "invoice_date": when.date(),
                    "invoice_date_due": when.date() + timedelta(days=due_days),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": (product or cls.product_a).id,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            if post:
                invoice.action_post()
        return invoice

    def _send(self, invoice, when=NOW, user=None):
        """Send ``invoice`` by email with Send & Print, as ``user`` (the
        platform manager by default) at ``when``."""
        with freeze_time(when):
            invoice = invoice.with_user(user or self.platform_manager)
            action = invoice.action_send_and_print()
            wizard = (
                self.env[action["res_model"]].with_user(invoice.env.user).with_context(**action["context"]).create({})
            )
            wizard.action_send_and_print()
        invoice.invalidate_recordset()

    def _resend_cron(self, when, **kwargs):
        with freeze_time(when):
            outcomes = self.env["account.move"]._cron_followup_resend(**kwargs)
        self.env.invalidate_all()
        return outcomes

    def _register_payment(self, invoice, amount=None, when=NOW):
        with freeze_time(when):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": amount or invoice.amount_residual, "payment_date": when.date()})._create_payments()
        invoice.invalidate_recordset()

    @staticmethod
    def _sent_messages(invoice):
        """The emails sent from the invoice's chatter, oldest first."""
        return invoice.message_ids.filtered(
            lambda message: message.message_type == "comment" and message.subtype_id.internal is False
        ).sorted("id")

    @staticmethod
    def _reminders(invoice):
        return invoice.message_ids.filtered(lambda message: (message.subject or "").startswith("Reminder:"))
