from odoo.tools import mute_logger

from .common import SupportTicketCommon

EMAIL = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Message-ID: <{message_id}>
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


class TestSupportMailGateway(SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias_domain = cls.env["mail.alias.domain"].create({"name": "example.com"})
        cls.company.alias_domain_id = alias_domain
        cls.support_project.alias_id.alias_domain_id = alias_domain

    def _process(
        self, subject, body, message_id, email_from="client.a@example.com", to="support@example.com", extra=""
    ):
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            return self.env["mail.thread"].message_process(
                None,
                EMAIL.format(
                    email_from=email_from, to=to, subject=subject, message_id=message_id, extra=extra, body=body
                ),
            )

    def test_mailed_ticket_becomes_a_task(self):
        task_id = self._process("My invoice is wrong", "The amount is not right.", "ticket-1@client.example.com")
        ticket = self.env["project.task"].browse(task_id)
        self.assertEqual(ticket.project_id, self.support_project)
        self.assertTrue(ticket.is_support_ticket)
        self.assertEqual(ticket.name, "My invoice is wrong")
        self.assertEqual(ticket.partner_id, self.client_partner)
        self.assertIn(self.client_partner, ticket.message_partner_ids)
        self.assertEqual(ticket.user_ids, self.support_agent)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: m.subject == "We received your ticket: My invoice is wrong")
        )

    def test_unknown_sender_gets_a_contact(self):
        task_id = self._process(
            "Hello", "A question.", "ticket-2@stranger.example.com", email_from="stranger@example.org"
        )
        ticket = self.env["project.task"].browse(task_id)
        self.assertEqual(ticket.partner_id.email, "stranger@example.org")
        self.assertIn(ticket.partner_id, ticket.message_partner_ids)

    def test_email_reply_reopens_a_solved_ticket(self):
        ticket = self._open_ticket(session=self.booking).sudo()
        ticket.with_user(self.expert_a).stage_id = self.stage_solved
        self._flush_tracking()
        solved = ticket.message_ids.filtered(lambda m: m.subject and m.subject.startswith("Your ticket is solved"))
        self.assertTrue(solved)
        self._process(
            "Re: Your ticket is solved",
            "Sorry, it is broken again.",
            "reply-1@client.example.com",
            to="support@example.com",
            extra=f"In-Reply-To: {solved.message_id}\nReferences: {solved.message_id}\n",
        )
        self.assertEqual(len(ticket.message_ids.filtered(lambda m: m.message_type == "email")), 1)
        self.assertEqual(ticket.stage_id, self.stage_in_progress)
        self.assertEqual(ticket.state, "01_in_progress")
