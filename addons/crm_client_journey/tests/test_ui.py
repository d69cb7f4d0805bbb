from odoo.tests import HttpCase, tagged

from .common import ClientJourneyCommon


@tagged("post_install", "-at_install")
class TestClientJourneyTours(ClientJourneyCommon, HttpCase):
    def test_question_tour(self):
        """A visitor asks an expert from the product page, in Chromium."""
        self.start_tour(
            f"/ask-a-question?product_id={self.package.product_tmpl_id.id}", "crm_client_journey_question", login=None
        )
        lead = self.env["crm.lead"].search([("email_from", "=", "tour.visitor@example.com")])
        self.assertEqual(lead.expert_id, self.expert_a)
        self.assertEqual(lead.activity_ids.user_id, self.expert_a)
