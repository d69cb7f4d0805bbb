from odoo.tests import HttpCase, tagged

from .common import SupportTicketCommon


@tagged("post_install", "-at_install")
class TestSupportTicketTour(SupportTicketCommon, HttpCase):
    def _answer_and_check(self, ticket):
        """The expert answers from the backend; the client sees the answer."""
        self.assertEqual(ticket.user_ids, self.expert_a)
        ticket.with_user(self.expert_a).message_post(
            body="Please try another browser, the link opens in Chrome and Firefox.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.start_tour("/my/tasks", "project_support_ticket_answer_tour", login="client_a")

    def test_client_opens_a_ticket_from_my_tasks(self):
        self.start_tour("/my/tasks", "project_support_ticket_portal_tour", login="client_a")
        ticket = self.env["project.task"].search([("name", "=", "My session link does not work")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.client_partner)
        self.assertEqual(ticket.support_sale_order_id, self.order)
        self._answer_and_check(ticket)
