from .common import SupportTicketCommon


class TestClientCenterSupport(SupportTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env.ref("client_center.client_center_default")

    def test_support_panel(self):
        self.assertTrue(self.center.show_support)
        panel = next(p for p in self.center._get_sorted_panels() if p["key"] == "support")
        self.assertEqual(panel["url"], f"/client-center/{self.center.slug}/support")
        self.assertEqual(panel["icon"], "fa-life-ring")
        self.assertEqual(self.center._get_sorted_panels()[-1]["key"], "support")
        self.center.show_support = False
        self.assertFalse(self.center._has_panel("support"))
        self.assertNotIn("support", self.center._get_home_counters(self.client_partner))

    def test_open_tickets_counter(self):
        counter = self.center._get_home_counters(self.client_partner)["support"]
        self.assertEqual(counter["value"], 0)
        self.assertEqual(counter["url"], f"/client-center/{self.center.slug}/support")
        first = self._open_ticket()
        self._open_ticket(subject="Second")
        self._open_ticket(user=self.client_b_user, subject="Not mine")
        self.assertEqual(self.center._get_home_counters(self.client_partner)["support"]["value"], 2)
        first.sudo().stage_id = self.stage_solved
        self.assertEqual(self.center._get_home_counters(self.client_partner)["support"]["value"], 1)

    def test_counter_queries_are_constant(self):
        self.center.write({"show_payments": False, "show_orders": False, "show_sessions": False})

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.center._get_home_counters(self.client_partner)
            return self.cr.sql_log_count - before

        self._open_ticket()
        few = queries()
        for _n in range(5):
            self._open_ticket()
        many = queries()
        self.assertEqual(few, many)
        self.assertLessEqual(many, 4)

    def test_new_center_gets_the_support_team(self):
        center = self.env["client.center"].create({"name": "Brand", "slug": "brand"})
        self.assertEqual(center.support_user_ids, self.support_agent)
        self.assertTrue(center.column_ids)

    def test_support_list_panel(self):
        panel = self.center._get_list_panels()["support"]
        self.assertEqual(panel["model"], "project.task")
        self._open_ticket()
        self._open_ticket(user=self.client_b_user, subject="Not mine")
        tickets = self.env["project.task"].with_user(self.client_user).search(panel["domain"](self.client_partner))
        self.assertEqual(tickets.mapped("name"), ["I cannot join my session"])
        self.assertEqual(set(self.center._get_home_counters(self.client_partner, keys={"support"})), {"support"})
