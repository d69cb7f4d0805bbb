from .common import SupportTicketCommon


class TestTicketFlow(SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._open_ticket(session=cls.booking).sudo(False)

    def _notified(self, message):
        return message.sudo().notification_ids.res_partner_id

    def test_expert_answer_notifies_the_client(self):
        ticket = self.ticket.with_user(self.expert_a)
        message = ticket.message_post(
            body="Try another browser, please.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.client_partner, self._notified(message))
        # the client reads it on the portal
        portal_messages = self.ticket.with_user(self.client_user).message_ids.filtered(
            lambda m: not m.subtype_id.internal and m.message_type == "comment"
        )
        self.assertIn(message, portal_messages)

    def test_internal_note_does_not_reach_the_client(self):
        message = self.ticket.with_user(self.expert_a).message_post(
            body="Check the video settings first.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertNotIn(self.client_partner, self._notified(message))

    def test_solved_notifies_the_client_and_closes(self):
        self.ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self._flush_tracking()
        ticket = self.ticket.sudo()
        self.assertEqual(ticket.state, "1_done")
        solved = ticket.message_ids.filtered(lambda m: m.subject == "Your ticket is solved: I cannot join my session")
        self.assertEqual(len(solved), 1)
        self.assertIn(self.client_partner, solved.partner_ids)
        # back to In progress by the expert: open again
        self.ticket.with_user(self.expert_a).stage_id = self.stage_in_progress
        self.assertEqual(ticket.state, "01_in_progress")

    def test_marking_done_does_not_touch_other_projects(self):
        other = self.env["project.project"].create({"name": "Internal", "type_ids": [(4, self.stage_solved.id)]})
        task = self.env["project.task"].create({"name": "Internal work", "project_id": other.id})
        task.stage_id = self.stage_solved
        self.assertEqual(task.state, "01_in_progress")

    def _client_replies(self, body):
        # as the portal chatter posts it (portal users post with sudo after the access check)
        self.ticket.with_user(self.client_user).sudo().message_post(
            body=body, author_id=self.client_partner.id, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def test_client_reply_reopens_a_solved_ticket(self):
        self.ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self._client_replies("It happens again.")
        ticket = self.ticket.sudo()
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertEqual(ticket.state, "01_in_progress")

    def test_client_reply_when_waiting_goes_back_in_progress(self):
        self.ticket.with_user(self.expert_a).stage_id = self.stage_waiting
        self._client_replies("Here is the information.")
        self.assertEqual(self.ticket.sudo().stage_id, self.stage_in_progress)

    def test_expert_message_keeps_a_solved_ticket_solved(self):
        self.ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self.ticket.with_user(self.expert_a).message_post(
            body="Glad it works.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self.ticket.sudo().stage_id, self.stage_solved)

    def test_expert_moves_stages(self):
        ticket = self.ticket.with_user(self.expert_a)
        ticket.stage_id = self.stage_in_progress
        ticket.stage_id = self.stage_waiting
        self.assertEqual(ticket.stage_id, self.stage_waiting)
