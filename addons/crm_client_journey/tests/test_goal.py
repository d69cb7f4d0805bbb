from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import NOW, ClientJourneyCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestClientGoal(ClientJourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal = cls._create_goal(target_date="2030-03-01")
        cls.line = cls._paid_package_line()
        cls.booking = cls.line._session_book(cls._utc(NOW.replace(day=8, hour=9)))

    def test_defaults(self):
        goal = (
            self.env["client.goal"]
            .with_user(self.expert_a)
            .create({"name": "Run 5 km", "partner_id": self.client_partner.id})
        )
        self.assertEqual(goal.expert_id, self.expert_a)
        self.assertEqual(goal.state, "in_progress")
        self.assertEqual(goal.progress, 0)
        self.assertNotIn(self.client_partner, goal.message_partner_ids, "the client never follows a goal")

    def test_progress_is_a_percentage(self):
        for progress in (-1, 101, 250):
            with self.subTest(progress=progress), self.assertRaises(ValidationError):
                self.goal.progress = progress
        self.goal.progress = 100
        self.assertEqual(self.goal.progress, 100)
        note = self.env["client.goal.note"].create({"goal_id": self.goal.id, "note": "x", "progress": 50})
        with self.assertRaises(ValidationError):
            note.progress = 120

    def test_database_refuses_out_of_range_progress(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute("UPDATE client_goal SET progress = 150 WHERE id = %s", [self.goal.id])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["client.goal.note"].create({"goal_id": self.goal.id, "note": "x", "progress": 120})

    def test_latest_note_sets_the_progress(self):
        Note = self.env["client.goal.note"]
        Note.create({"goal_id": self.goal.id, "note": "<p>Better sleep</p>", "progress": 30})
        self.assertEqual(self.goal.progress, 30)
        Note.create({"goal_id": self.goal.id, "note": "<p>Older note</p>", "progress": 10, "date": "2030-01-01"})
        self.assertEqual(self.goal.progress, 30, "an older note does not rewind the goal")
        kept = Note.create({"goal_id": self.goal.id, "note": "<p>No change</p>"})
        self.assertEqual(kept.progress, 30)
        self.assertEqual(self.goal.note_count, 3)
        self.assertEqual(self.goal.last_note_date, fields.Date.today())

    def test_note_on_a_session(self):
        note = self.env["client.goal.note"].create(
            {"goal_id": self.goal.id, "note": "<p>First session</p>", "session_booking_id": self.booking.id}
        )
        self.assertEqual(self.booking.client_goal_note_ids, note)
        self.assertEqual(self.booking.client_goal_count, 1)
        action = self.booking.action_view_client_goal_notes()
        self.assertEqual(self.env["client.goal.note"].search(action["domain"]), note)
        action = self.booking.action_view_client_goals()
        self.assertEqual(self.env["client.goal"].search(action["domain"]), self.goal)
        self.assertEqual(action["context"]["default_expert_id"], self.expert_a.id)

    def test_note_refuses_a_session_of_another_client_or_expert(self):
        other_goal = self._create_goal(partner=self.env["res.partner"].create({"name": "Other client"}))
        with self.assertRaises(ValidationError):
            self.env["client.goal.note"].create(
                {"goal_id": other_goal.id, "note": "x", "session_booking_id": self.booking.id}
            )
        goal_b = self._create_goal(expert=self.expert_b)
        with self.assertRaises(ValidationError):
            self.env["client.goal.note"].create(
                {"goal_id": goal_b.id, "note": "x", "session_booking_id": self.booking.id}
            )

    def test_states(self):
        self.goal.action_mark_achieved()
        self.assertEqual((self.goal.state, self.goal.progress), ("achieved", 100))
        self.goal.action_reopen()
        self.assertEqual(self.goal.state, "in_progress")
        self.goal.action_abandon()
        self.assertEqual(self.goal.state, "abandoned")

    def test_expert_cannot_be_their_own_client(self):
        with self.assertRaises(ValidationError):
            self._create_goal(partner=self.expert_a.partner_id)

    def test_partner_smart_button(self):
        self._create_goal(expert=self.expert_b)
        self.assertEqual(self.client_partner.client_goal_count, 2)
        self.assertEqual(self.client_partner.with_user(self.expert_a).client_goal_count, 1)
        action = self.client_partner.with_user(self.expert_a).action_view_client_goals()
        self.assertEqual(self.env["client.goal"].with_user(self.expert_a).search(action["domain"]), self.goal)

    def test_goal_form_with_inline_notes(self):
        with Form(self.env["client.goal"].with_user(self.expert_a)) as form:
            form.name = "Speak up in meetings"
            form.partner_id = self.client_partner
            form.progress = 20
            with form.note_ids.new() as note:
                note.note = "<p>Spoke once this week</p>"
                self.assertEqual(note.progress, 20)
                note.progress = 35
        goal = form.record
        self.assertEqual(goal.expert_id, self.expert_a)
        self.assertEqual(goal.progress, 35)
        self.assertEqual(goal.note_ids.expert_id, self.expert_a)
