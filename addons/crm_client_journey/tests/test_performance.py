from odoo.tests import tagged

from .common import ClientJourneyCommon


@tagged("post_install", "-at_install")
class TestClientJourneyQueryBudgets(ClientJourneyCommon):
    """Lists of goals, leads and partners cost the same number of queries
    whatever the number of records shown."""

    def _read_queries(self, records, fnames, user=None):
        """Queries of reading ``fnames`` of ``records`` as the web client
        does (records browsed by ids, cold cache)."""
        records = records.with_user(user or self.expert_a).browse(records.ids)
        records.read(fnames)  # warm up
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        records.read(fnames)
        return self.cr.sql_log_count - before

    def _compare(self, few, many, fnames):
        self._read_queries(few, fnames)
        self._read_queries(many, fnames)
        return self._read_queries(few, fnames), self._read_queries(many, fnames)

    def _goals(self, count):
        partners = self.env["res.partner"].create([{"name": f"Client {n}"} for n in range(count)])
        goals = self.env["client.goal"].create(
            [
                {"name": f"Goal {n}", "partner_id": partner.id, "expert_id": self.expert_a.id}
                for n, partner in enumerate(partners)
            ]
        )
        self.env["client.goal.note"].create([{"goal_id": goal.id, "note": "<p>note</p>"} for goal in goals])
        return goals

    def test_goal_list_constant_queries(self):
        fnames = ["name", "partner_id", "progress", "note_count", "last_note_date", "state"]
        few, many = self._compare(self._goals(2), self._goals(20), fnames)
        self.assertEqual(few, many)
        self.assertLessEqual(many, 8)

    def test_partner_goal_count_constant_queries(self):
        few, many = self._compare(self._goals(2).partner_id, self._goals(20).partner_id, ["client_goal_count"])
        self.assertEqual(few, many)
        # 6 since experts read partners through a record rule (client
        # confidentiality, expert_base): Odoo checks it with one query
        self.assertLessEqual(many, 6)

    def test_lead_session_count_constant_queries(self):
        def leads(count):
            partners = self.env["res.partner"].create(
                [{"name": f"Buyer {n}", "email": f"buyer{n}@example.com"} for n in range(count)]
            )
            found = self.env["crm.lead"]
            for partner in partners:
                found |= self._create_lead(self.expert_a, partner=partner)
                self._create_order(self.package, partner=partner)
            return found

        few, many = self._compare(leads(2), leads(8), ["session_booking_count", "sale_order_count"])
        self.assertEqual(few, many)

    def test_purchase_queries_do_not_grow_with_leads(self):
        """Winning the lead on confirmation searches once per order."""

        def confirm_queries():
            order = self._create_order(self.package, confirm=False)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            order.action_confirm()
            return self.cr.sql_log_count - before

        confirm_queries()
        few = confirm_queries()
        others = self.env["res.partner"].create([{"name": f"Other {n}"} for n in range(15)])
        for partner in others:
            self._create_lead(self.expert_a, partner=partner)
        many = confirm_queries()
        self.assertEqual(few, many)
