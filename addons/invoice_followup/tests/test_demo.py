from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFollowupDemo(TransactionCase):
    """The demo tells the story of the module."""

    def test_demo_invoice_sent_three_times_and_viewed_twice(self):
        invoice = self.env.ref("client_center.invoice_emma_overdue_1_demo")
        self.assertEqual(invoice.followup_sent_count, 3)
        self.assertEqual(invoice.followup_auto_sent_count, 2)
        self.assertEqual(invoice.portal_view_count, 2)
        self.assertTrue(invoice.first_viewed_at and invoice.last_viewed_at)

    def test_demo_customer_with_accounts_payable_contact_and_a_statement(self):
        customer = self.env.ref("invoice_followup.partner_harbor_design_demo")
        payable = self.env.ref("invoice_followup.partner_harbor_design_ap_demo")
        self.assertEqual(customer._invoice_statement_recipient(), payable)
        statement = self.env["invoice.followup.statement"].search([("partner_id", "=", customer.id)])
        self.assertEqual(len(statement), 1)
        self.assertEqual(statement.recipient_id, payable)
        self.assertTrue(statement.message_id.attachment_ids)
