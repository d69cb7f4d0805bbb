from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import ClientJourneyCommon


@tagged("post_install", "-at_install")
class TestClientJourneyAccess(ClientJourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.goal_a = cls._create_goal()
        cls.note_a = cls.env["client.goal.note"].create({"goal_id": cls.goal_a.id, "note": "<p>Private</p>"})
        cls.goal_b = cls._create_goal(expert=cls.expert_b)
        cls.lead_a = cls._create_lead(cls.expert_a)
        cls.lead_b = cls._create_lead(cls.expert_b)
        cls.lead_unassigned = cls._create_lead(user_id=False, team_id=False)
        cls.employee = new_test_user(cls.env, login="employee", groups="base.group_user")

    def test_client_has_no_access_at_all(self):
        """Goals and notes are never shown to the client: no portal right."""
        for records in (self.goal_a, self.note_a):
            Model = self.env[records._name].with_user(self.client_user)
            self.assertFalse(Model.check_access_rights("read", raise_exception=False))
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                Model.search([])
            with self.assertRaises(AccessError):
                records.with_user(self.client_user).read(["partner_id"])
            with self.assertRaises(AccessError):
                records.with_user(self.client_user).write({"progress": 50})
        with self.assertRaises(AccessError):
            self.env["client.goal"].with_user(self.client_user).create(
                {"name": "x", "partner_id": self.client_partner.id, "expert_id": self.expert_a.id}
            )

    def test_client_cannot_read_even_with_an_access_right(self):
        """The global rule closes goals to share users even if a right were added."""
        self.env["ir.model.access"].create(
            {
                "name": "misconfigured portal access",
                "model_id": self.env["ir.model"]._get_id("client.goal"),
                "group_id": self.env.ref("base.group_portal").id,
                "perm_read": True,
            }
        )
        self.assertFalse(self.env["client.goal"].with_user(self.client_user).search([]))
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.client_user).read(["name"])

    def test_other_expert_cannot_read_or_write(self):
        Goal = self.env["client.goal"].with_user(self.expert_b)
        self.assertEqual(Goal.search([]), self.goal_b)
        self.assertFalse(self.env["client.goal.note"].with_user(self.expert_b).search([]))
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.expert_b).read(["name"])
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.expert_b).write({"progress": 90})
        with self.assertRaises(AccessError):
            self.note_a.with_user(self.expert_b).read(["note"])
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.expert_b).unlink()
        with self.assertRaises(AccessError):
            Goal.create({"name": "Not mine", "partner_id": self.client_partner.id, "expert_id": self.expert_a.id})
        with self.assertRaises(AccessError):
            self.env["client.goal.note"].with_user(self.expert_b).create({"goal_id": self.goal_a.id, "note": "x"})
        with self.assertRaises(AccessError):
            self.goal_b.with_user(self.expert_b).write({"expert_id": self.expert_a.id})

    def test_expert_manages_own(self):
        goal = self.goal_a.with_user(self.expert_a)
        goal.write({"progress": 60})
        note = self.env["client.goal.note"].with_user(self.expert_a).create({"goal_id": goal.id, "note": "<p>Ok</p>"})
        note.unlink()
        self.assertEqual(self.env["client.goal"].with_user(self.expert_a).search([]), self.goal_a)

    def test_platform_manager_reads_all_changes_none(self):
        Goal = self.env["client.goal"].with_user(self.platform_manager)
        goals = self.goal_a | self.goal_b
        self.assertEqual(Goal.search([("id", "in", goals.ids)]), goals)
        self.assertEqual(self.note_a.with_user(self.platform_manager).read(["note"])[0]["id"], self.note_a.id)
        with self.assertRaises(AccessError):
            self.goal_a.with_user(self.platform_manager).write({"progress": 5})
        with self.assertRaises(AccessError):
            self.note_a.with_user(self.platform_manager).unlink()

    def test_other_employees_see_nothing(self):
        with self.assertRaises(AccessError):
            self.env["client.goal"].with_user(self.employee).search([])
        self.assertNotIn("client_goal_count", self.client_partner.with_user(self.employee).fields_get())

    def test_expert_sees_only_own_leads(self):
        Lead = self.env["crm.lead"].with_user(self.expert_a)
        self.assertEqual(
            Lead.search([("id", "in", (self.lead_a | self.lead_b | self.lead_unassigned).ids)]), self.lead_a
        )
        for foreign in (self.lead_b, self.lead_unassigned):
            with self.subTest(lead=foreign.name), self.assertRaises(AccessError):
                foreign.with_user(self.expert_a).read(["name"])
        with self.assertRaises(AccessError):
            self.lead_b.with_user(self.expert_a).write({"probability": 90})

    def test_lead_asked_of_the_expert_but_assigned_to_another(self):
        salesman = new_test_user(self.env, login="salesman", groups="sales_team.group_sale_salesman")
        self.lead_a.user_id = salesman
        self.assertEqual(self.lead_a.with_user(self.expert_a).read(["name"])[0]["name"], self.lead_a.name)
        self.assertEqual(self.lead_a.with_user(salesman).read(["name"])[0]["name"], self.lead_a.name)

    def test_platform_manager_and_sales_staff_see_all_leads(self):
        leads = self.lead_a | self.lead_b | self.lead_unassigned
        self.assertEqual(self.env["crm.lead"].with_user(self.platform_manager).search([("id", "in", leads.ids)]), leads)
        manager = new_test_user(self.env, login="sales_manager", groups="sales_team.group_sale_manager")
        self.assertEqual(self.env["crm.lead"].with_user(manager).search([("id", "in", leads.ids)]), leads)

    def test_foreign_session_and_lead_buttons(self):
        line = self._paid_package_line(self.package_b)
        # the package's hours are read in the expert's time zone
        booking_b = line.with_user(self.expert_b)._session_book(self._utc(datetime(2031, 1, 7, 9), "America/New_York"))
        with self.assertRaises(AccessError):
            booking_b.with_user(self.expert_a).action_view_client_goals()
        with self.assertRaises(AccessError):
            self.lead_b.with_user(self.expert_a).action_view_session_bookings()
        self.assertEqual(booking_b.with_user(self.expert_b).client_goal_count, 1)

    def test_expert_opens_the_forms(self):
        """The forms the expert uses load with the expert's rights."""
        line = self._paid_package_line()
        booking = line._session_book(self._utc(datetime(2031, 1, 7, 9)))
        for record in (self.lead_a, booking, self.client_partner, self.goal_a, self.note_a):
            with self.subTest(model=record._name):
                form = Form(record.with_user(self.expert_a))
                self.assertEqual(form.id, record.id)
        self.assertEqual(Form(booking.with_user(self.expert_a)).client_goal_count, 1)
        self.assertEqual(Form(self.lead_a.with_user(self.expert_a)).session_booking_count, 1)
        activities = self.env["mail.activity"].with_user(self.expert_a)
        views = activities.get_views(
            [(False, "tree"), (False, "search")],
            {"action_id": self.env.ref("crm_client_journey.mail_activity_action_my").id},
        )
        self.assertIn("state", views["models"]["mail.activity"])
