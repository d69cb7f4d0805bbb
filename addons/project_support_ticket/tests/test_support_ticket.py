from odoo.exceptions import AccessError, UserError

from .common import SupportTicketCommon


class TestSupportTicket(SupportTicketCommon):
    def _tickets(self):
        return self.env["project.task"].search([("is_support_ticket", "=", True)])

    def test_ticket_about_a_session_goes_to_its_expert(self):
        ticket = self._open_ticket(session=self.booking).sudo()
        self.assertEqual(ticket.project_id, self.support_project)
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertEqual(ticket.name, "I cannot join my session")
        self.assertIn("The link does not open.", ticket.description)
        self.assertEqual(ticket.partner_id, self.client_partner)
        self.assertIn(self.client_partner, ticket.message_partner_ids)
        self.assertEqual(ticket.user_ids, self.expert_a)
        self.assertIn(self.expert_a.partner_id, ticket.message_partner_ids)
        self.assertEqual(ticket.support_session_id, self.booking)
        self.assertEqual(ticket.support_sale_order_id, self.order)
        # the client is told by email, by the platform
        received = ticket.message_ids.filtered(
            lambda m: m.subject == "We received your ticket: I cannot join my session"
        )
        self.assertEqual(len(received), 1)
        self.assertEqual(received.partner_ids, self.client_partner)
        self.assertNotEqual(received.author_id, self.client_partner)
        self.assertEqual(
            received.notification_ids.filtered(lambda n: n.notification_type == "email").res_partner_id,
            self.client_partner,
        )

    def test_ticket_about_an_order_goes_to_the_package_expert(self):
        ticket = self._open_ticket(sale_order=self.order).sudo()
        self.assertEqual(ticket.user_ids, self.expert_a)
        self.assertEqual(ticket.support_sale_order_id, self.order)
        self.assertFalse(ticket.support_session_id)

    def test_ticket_about_an_order_without_package_goes_to_the_product_expert(self):
        order = self._create_order(self.product_b)
        ticket = self._open_ticket(sale_order=order).sudo()
        self.assertEqual(ticket.user_ids, self.expert_b)

    def test_general_ticket_goes_to_the_support_team(self):
        ticket = self._open_ticket(subject="  Where are my invoices?  ", description="").sudo()
        self.assertEqual(ticket.name, "Where are my invoices?")
        self.assertFalse(ticket.description)
        self.assertEqual(ticket.user_ids, self.support_agent)
        self.company.support_user_ids = False
        ticket = self._open_ticket(subject="Another question").sudo()
        self.assertEqual(ticket.user_ids, self.support_project.user_id)

    def test_attachments_are_the_clients_message(self):
        ticket = self._open_ticket(
            attachments=[("screen.png", self._png(), "image/png"), ("notes.txt", b"details", "text/plain")]
        ).sudo()
        message = ticket.message_ids.filtered("attachment_ids")
        self.assertEqual(message.author_id, self.client_partner)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(sorted(message.attachment_ids.mapped("name")), ["notes.txt", "screen.png"])
        self.assertEqual(set(message.attachment_ids.mapped("res_id")), {ticket.id})

    def test_description_is_escaped(self):
        ticket = self._open_ticket(description="<script>alert(1)</script>\nsecond line").sudo()
        self.assertNotIn("<script>", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)

    def test_bad_input_creates_nothing(self):
        before = self._tickets()
        cases = [
            ({"subject": ""}, "Give your ticket a subject."),
            ({"subject": "   "}, "Give your ticket a subject."),
            ({"subject": "x" * 201}, "The subject is too long (200 characters at most)."),
            ({"sale_order": self.order_b}, "This order is not one of yours."),
            ({"session": self.booking_b}, "This session is not one of yours."),
            (
                {"sale_order": self._create_order(self.product_a), "session": self.booking},
                "This session does not belong to the chosen order.",
            ),
            ({"attachments": [(f"f{n}.txt", b"x", "text/plain") for n in range(11)]}, "Attach 10 files at most."),
            (
                {"attachments": [("big.bin", b"x" * (10 * 1024 * 1024 + 1), "application/octet-stream")]},
                "The file big.bin is too large (10 MB at most).",
            ),
        ]
        for kwargs, message in cases:
            with self.subTest(message=message), self.assertRaises(UserError) as error:
                self._open_ticket(**kwargs)
            self.assertEqual(error.exception.args[0], message)
        self.assertEqual(self._tickets(), before)

    def test_no_support_project_configured(self):
        self.company.support_project_id = False
        with self.assertRaisesRegex(UserError, "no support project is configured"):
            self._open_ticket()

    def test_public_user_cannot_open_a_ticket(self):
        with self.assertRaises(AccessError):
            self._open_ticket(user=self.env.ref("base.public_user"))

    def test_client_of_the_same_company_sees_the_order(self):
        """Contacts of one commercial partner share their orders."""
        company = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        self.client_partner.parent_id = company
        colleague = self.env["res.users"].create(
            {
                "name": "Colleague",
                "login": "colleague",
                "email": "colleague@example.com",
                "parent_id": company.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        ticket = self._open_ticket(user=colleague, sale_order=self.order).sudo()
        self.assertEqual(ticket.partner_id, colleague.partner_id)
        self.assertEqual(ticket.user_ids, self.expert_a)
