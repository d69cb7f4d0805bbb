from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sms.tests.common import SMSCase

from .common import InvoiceFollowupCommon

NUMBER = "+32470123456"


# what the SMS gateway answers (sms's test simulation) and what the user reads
GATEWAY_ERRORS = {
    "credit": "no credits left",
    "jsonrpc_exception": "could not be reached",
    "unregistered": "no SMS account",
}


@tagged("post_install", "-at_install")
class TestInvoiceSms(InvoiceFollowupCommon, SMSCase):
    """The invoice link by text message, with Odoo's SMS composer and its
    test gateway: counted once Odoo's SMS service took it, nothing counted
    otherwise."""

    def setUp(self):
        super().setUp()
        self.invoice = self._invoice()

    def _composer(self, user=None, invoice=None, **values):
        invoice = invoice or self.invoice
        action = invoice.with_user(user or self.expert_a).action_followup_send_sms()
        self.assertEqual(action["res_model"], "sms.composer")
        composer = self.env["sms.composer"].with_user(user or self.expert_a)
        return composer.with_context(**action["context"]).create(values)

    def _sms_messages(self):
        return self.invoice.message_ids.filtered(lambda message: message.message_type == "sms")

    def test_send_the_link(self):
        composer = self._composer()
        self.assertEqual(composer.recipient_single_number_itf, NUMBER, "the invoice contact's mobile")
        with self.mockSMSGateway():
            composer.action_send_sms()
        self.assertSMSIapSent([NUMBER], content=self.invoice.name)
        body = self._sms[0]["body"]
        self.assertIn(self.invoice.access_token, body, "the link opens the invoice without a login")
        self.assertNotIn("Coaching", body, "never the kind of service")
        self.invoice.invalidate_recordset()
        self.assertEqual(self.invoice.followup_sms_count, 1)
        self.assertTrue(self.invoice.last_sent_at)
        self.assertEqual(self.invoice.followup_sent_count, 0, "a text is not an email")
        self.assertEqual(len(self._sms_messages()), 1, "logged in the chatter")

    def test_gateway_errors(self):
        """Each error of the SMS gateway is told in words, and nothing counts as sent."""
        for sim_error, message in GATEWAY_ERRORS.items():
            with self.subTest(sim_error=sim_error):
                composer = self._composer()
                with self.mockSMSGateway(sim_error=sim_error), self.assertRaisesRegex(UserError, message):
                    composer.action_send_sms()
                self.invoice.invalidate_recordset()
                self.assertEqual(self.invoice.followup_sms_count, 0)

    def test_no_or_invalid_mobile_number(self):
        """Without a mobile number that can take a text, nothing is sent and the composer says why."""
        for values, message in (
            ({"mobile": "12"}, "not a valid mobile number"),
            ({"mobile": False, "phone": False}, "no mobile number"),
        ):
            with self.subTest(message=message):
                self.client_partner.write(values)
                composer = self._composer()
                with self.mockSMSGateway(), self.assertRaisesRegex(UserError, message):
                    composer.action_send_sms()
                self.assertFalse(self._sms)
                self.assertEqual(self.invoice.followup_sms_count, 0)

    def test_draft_invoice(self):
        draft = self._invoice(post=False)
        with self.assertRaisesRegex(UserError, "Only posted customer invoices"):
            draft.with_user(self.expert_a).action_followup_send_sms()

    def test_another_experts_invoice(self):
        invoice = self._invoice(product=self.product_b, user=self.expert_b)
        with self.assertRaises(AccessError):
            invoice.with_user(self.expert_a).action_followup_send_sms()
        # nor through a composer opened by hand on that invoice
        composer = (
            self.env["sms.composer"]
            .with_user(self.expert_a)
            .with_context(
                default_res_model="account.move", default_res_id=invoice.id, default_composition_mode="comment"
            )
            .create({"body": "Pay", "recipient_single_number_itf": NUMBER})
        )
        with self.mockSMSGateway(), self.assertRaises(AccessError):
            composer.action_send_sms()
        self.assertFalse(self._sms)
        self.assertEqual(invoice.followup_sms_count, 0)
