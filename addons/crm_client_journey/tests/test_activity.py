from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import NOW, ClientJourneyCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMyActivities(ClientJourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls.env.ref("crm_client_journey.mail_activity_action_my")
        cls.lead = cls._create_lead(cls.expert_a)
        cls.line = cls._paid_package_line()
        cls.booking = cls.line._session_book(cls._utc(NOW.replace(day=8, hour=9)))
        cls.goal = cls._create_goal()
        today = date(2030, 1, 7)
        cls.overdue = cls.lead.activity_schedule(
            "mail.mail_activity_data_call", date_deadline=today - timedelta(days=2), user_id=cls.expert_a.id
        )
        cls.due_today = cls.lead.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=today, user_id=cls.expert_a.id
        )
        # the first session's follow-up is already planned on the session
        cls.planned = cls.booking.activity_ids
        cls.on_goal = cls.goal.activity_schedule("mail.mail_activity_data_todo", user_id=cls.expert_a.id)
        cls.lead_b = cls._create_lead(cls.expert_b)
        cls.of_b = cls.lead_b.activity_schedule("mail.mail_activity_data_todo", user_id=cls.expert_b.id)

    def _my_activities(self, user):
        """The action's domain evaluated for ``user``, as the web client does."""
        domain = safe_eval(self.action.domain, {"uid": user.id})
        return self.env["mail.activity"].with_user(user).search(domain)

    def test_leads_sessions_and_tasks_of_the_expert(self):
        self.assertEqual(len(self.planned), 1)
        mine = self._my_activities(self.expert_a)
        self.assertEqual(mine, self.overdue | self.due_today | self.planned)
        self.assertNotIn(self.on_goal, mine, "goal reminders are not leads, sessions or tasks")
        self.assertEqual(self._my_activities(self.expert_b), self.of_b)
        self.assertIn("project.task", str(self.action.domain))

    def test_colours_follow_the_activity_state(self):
        self.assertEqual(
            [self.overdue.state, self.due_today.state, self.planned.state], ["overdue", "today", "planned"]
        )
        arch = self.env["mail.activity"].get_view(self.env.ref("crm_client_journey.mail_activity_view_tree_my").id)[
            "arch"
        ]
        for decoration in (
            "decoration-danger=\"state == 'overdue'\"",
            "decoration-warning=\"state == 'today'\"",
            "decoration-success=\"state == 'planned'\"",
        ):
            self.assertIn(decoration, arch)

    def test_session_list_shows_activities(self):
        arch = self.env["session.booking"].get_view(self.env.ref("session_booking.session_booking_view_tree").id)[
            "arch"
        ]
        self.assertIn('widget="list_activity"', arch)
        self.assertEqual(self.booking.activity_state, "planned")
        self.assertEqual(self.lead.activity_state, "overdue")
