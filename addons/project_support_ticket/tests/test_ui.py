from odoo.tests import HttpCase, tagged

from .common import SupportTicketCommon

ANSWER = "Please try another browser, the link opens in Chrome and Firefox."


@tagged("post_install", "-at_install")
class TestSupportTicketTour(SupportTicketCommon, HttpCase):
    def _expert_answers(self, subject):
        """The expert answers in the ticket's chatter, as from the backend."""
        ticket = self.env["project.task"].search([("name", "=", subject)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.client_partner)
        self.assertEqual(ticket.support_sale_order_id, self.order)
        self.assertEqual(ticket.user_ids, self.expert_a)
        message = ticket.with_user(self.expert_a).message_post(
            body=ANSWER, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.client_partner, message.sudo().notification_ids.res_partner_id)
        return ticket

    def test_client_opens_a_ticket_from_my_tasks(self):
        self.start_tour("/my/tasks", "project_support_ticket_portal_tour", login="client_a")
        self._expert_answers("My session link does not work")
        self.start_tour("/my/tasks", "project_support_ticket_answer_tour", login="client_a")

    def test_client_opens_a_ticket_from_the_client_center(self):
        self.start_tour("/client-center/main", "project_support_ticket_client_center_tour", login="client_a")
        ticket = self.env["project.task"].search([("name", "=", "I cannot join the video call")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.user_ids, self.expert_a)
        # the expert answers from the backend, in the ticket's chatter
        self.start_tour(
            f"/web#model=project.task&id={ticket.id}&view_type=form",
            "project_support_ticket_expert_answer_tour",
            login="expert_a",
        )
        answer = ticket.message_ids.filtered(lambda m: ANSWER in str(m.body))
        self.assertEqual(answer.author_id, self.expert_a.partner_id)
        self.assertIn(self.client_partner, answer.sudo().notification_ids.res_partner_id)
        self.start_tour("/client-center/main", "project_support_ticket_client_center_answer_tour", login="client_a")

    def test_client_answers_a_solved_ticket(self):
        ticket = self._open_ticket(session=self.booking)
        ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self.start_tour(
            f"/client-center/main/support/{ticket.id}", "project_support_ticket_reply_tour", login="client_a"
        )
        self.assertEqual(ticket.sudo().stage_id, self.stage_in_progress)
        # the portal's own page reloads as well, and shows no unlabeled time
        ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self.authenticate("client_a", "client_a")
        page = self.url_open(ticket.sudo().get_portal_url()).text
        self.assertIn("data-support-reload-on-reply", page)
        self.assertNotIn("00:00", page)
