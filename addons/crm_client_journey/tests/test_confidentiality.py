from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NOW, ClientJourneyCommon


@tagged("post_install", "-at_install")
class TestClientConfidentiality(ClientJourneyCommon):
    """Issue 13.10 in the CRM: leads, their messages and attachments, meetings
    and goals of another expert's client stay closed to an expert."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a client who only ever asked expert B
        cls.client_b = cls.env["res.partner"].create({"name": "Bea Only-B", "email": "bea@example.com"})
        cls.lead_b = cls._create_lead(cls.expert_b, partner=cls.client_b, is_website_question=True)
        cls.lead_b.message_post(body="Bea is anxious about money", subtype_xmlid="mail.mt_note")
        cls.lead_attachment = cls.env["ir.attachment"].create(
            {"name": "bea.txt", "raw": b"private", "res_model": "crm.lead", "res_id": cls.lead_b.id}
        )
        cls.partner_attachment = cls.env["ir.attachment"].create(
            {"name": "bea-id.txt", "raw": b"private", "res_model": "res.partner", "res_id": cls.client_b.id}
        )
        cls.client_b.message_post(body="Called Bea", subtype_xmlid="mail.mt_note")

    def test_question_makes_the_asker_a_client_of_the_expert(self):
        self.assertIn(self.expert_b, self.client_b.client_expert_ids)
        self.assertEqual(self.client_b.with_user(self.expert_b).read(["email"])[0]["email"], "bea@example.com")
        self.assertNotIn(self.expert_a, self.client_b.client_expert_ids)
        # assigning the lead to expert A shares the client with it
        self.lead_b.user_id = self.expert_a
        self.assertTrue(self.client_b.with_user(self.expert_a).read(["email"]))

    def test_other_experts_lead_client_messages_and_attachments_are_closed(self):
        expert = self.expert_a
        records = (
            self.client_b,
            self.lead_b,
            self.lead_b.message_ids[:1],
            self.client_b.message_ids[:1],
            self.lead_attachment,
            self.partner_attachment,
            self.lead_b.activity_ids,
        )
        for record in records:
            self.assertTrue(record, "fixture")
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(expert).read(["display_name"])
        for model, domain in (
            ("res.partner", [("name", "ilike", "Bea")]),
            ("crm.lead", [("partner_id", "=", self.client_b.id)]),
            (
                # each document's own messages (a message of another partner
                # whose id is the lead's is not Bea's business)
                "mail.message",
                [
                    "|",
                    "&",
                    ("model", "=", "crm.lead"),
                    ("res_id", "=", self.lead_b.id),
                    "&",
                    ("model", "=", "res.partner"),
                    ("res_id", "=", self.client_b.id),
                ],
            ),
            ("ir.attachment", [("id", "in", (self.lead_attachment + self.partner_attachment).ids)]),
            ("mail.activity", [("res_model", "=", "crm.lead"), ("res_id", "=", self.lead_b.id)]),
            ("mail.followers", [("partner_id", "=", self.client_b.id)]),
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(expert).search(domain))
        # expert B reads them all
        for record in records:
            self.assertTrue(record.with_user(self.expert_b).read(["display_name"]))

    def test_goal_for_a_client_the_expert_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env["client.goal"].with_user(self.expert_a).create({"name": "Spy", "partner_id": self.client_b.id})
        lead_a = self._create_lead(self.expert_a)
        with self.assertRaises(AccessError):
            lead_a.with_user(self.expert_a).write({"partner_id": self.client_b.id})
        self.assertNotIn(self.expert_a, self.client_b.client_expert_ids)
        # a goal the platform sets with expert A makes Bea its client
        self._create_goal(self.expert_a, self.client_b)
        self.assertIn(self.expert_a, self.client_b.client_expert_ids)

    def test_meetings_are_their_experts(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        meeting_b = self.env["calendar.event"].create(
            {
                "name": "Call with Bea",
                "start": start,
                "stop": start + timedelta(hours=1),
                "user_id": self.expert_b.id,
                "partner_ids": [Command.set((self.expert_b.partner_id | self.client_b).ids)],
                "privacy": "public",
            }
        )
        Event = self.env["calendar.event"].with_user(self.expert_a)
        self.assertNotIn(meeting_b, Event.search([]))
        with self.assertRaises(AccessError):
            meeting_b.with_user(self.expert_a).read(["name"])
        self.assertFalse(
            self.env["calendar.attendee"].with_user(self.expert_a).search([("event_id", "=", meeting_b.id)])
        )
        # expert A cannot invite Bea; a meeting with its own client works
        self._create_order(self.package)
        with self.assertRaises(AccessError):
            Event.create(
                {
                    "name": "Spy",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "partner_ids": [Command.link(self.client_b.id)],
                }
            )
        meeting_a = Event.create(
            {
                "name": "Call with A's client",
                "start": start,
                "stop": start + timedelta(hours=1),
                "partner_ids": [Command.link(self.client_partner.id), Command.link(self.expert_a.partner_id.id)],
            }
        )
        self.assertIn(meeting_a, Event.search([]))
        # people a platform manager invites to an expert's meeting become its clients
        guest = self.env["res.partner"].create({"name": "Guest of A"})
        meeting_a.sudo().partner_ids = [Command.link(guest.id)]
        self.assertIn(self.expert_a, guest.client_expert_ids)
        self.assertTrue(guest.with_user(self.expert_a).read(["name"]))

    @freeze_time(NOW)
    def test_session_guests_are_clients_of_the_expert(self):
        guest = self.env["res.partner"].create({"name": "Session guest", "email": "guest@example.com"})
        line = self._paid_package_line()
        booking = line._session_book(self._utc(datetime(2030, 1, 8, 10)), guest_partners=guest)
        self.assertIn(guest, booking.guest_partner_ids)
        self.assertIn(self.expert_a, guest.client_expert_ids)
        values = booking.with_user(self.expert_a).web_read(
            {
                "partner_id": {"fields": {"display_name": {}}},
                "guest_partner_ids": {"fields": {"display_name": {}, "email": {}}},
            }
        )[0]
        self.assertEqual([guest_values["id"] for guest_values in values["guest_partner_ids"]], guest.ids)
