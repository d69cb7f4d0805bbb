from odoo.tests import HttpCase, tagged

from .test_portal import RecurringPortalCommon


@tagged("post_install", "-at_install")
class TestRecurringTour(RecurringPortalCommon, HttpCase):
    def test_client_changes_the_card_and_pauses(self):
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.client_can_pause", "True")
        new_token = self._create_token(self.client_partner, "pm_new", "1111")
        self.start_tour("/client-center", "recurring_order_change_card_tour", login="client_a", timeout=120)
        self.assertEqual(self.recurring.payment_token_id, new_token)
        self.assertEqual(self.recurring.state, "active")
        notes = self.recurring.message_ids.filtered(lambda message: "Card changed by the client" in message.body)
        self.assertEqual(notes.author_id, self.client_partner)
