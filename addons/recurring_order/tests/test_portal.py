from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import PageQueriesMixin, PortalFormMixin

from .common import RecurringOrderCommon

BASE = "/client-center/main/recurring"


class RecurringPortalCommon(RecurringOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.center = cls.env.ref("client_center.client_center_default")
        cls.other_user = new_test_user(cls.env, login="client_other", groups="base.group_portal")
        cls.other_token = cls._create_token(cls.other_user.partner_id, "pm_other", "7777")
        cls.recurring = cls._start(start=fields.Date.today() - relativedelta(days=10))
        cls.foreign = cls._start(partner=cls.other_user.partner_id, token=cls.other_token)

    @classmethod
    def _bulk(cls, count, history, partner=None):
        """``count`` recurring orders of ``partner``, each with ``history``
        paid periods (confirmed orders and done charges), as the charges
        leave them."""
        partner = partner or cls.client_partner
        today = fields.Date.today()
        records = cls.env["recurring.order"]
        for _number in range(count):
            record = cls._start(partner=partner, start=today - relativedelta(months=history, days=3))
            periods = [record._billing_date(index) for index in range(1, history + 1)]
            orders = cls.env["sale.order"].create([record._prepare_period_order_values(day) for day in periods])
            orders.action_confirm()
            cls.env["payment.transaction"].create(
                [
                    {
                        **record._prepare_charge_values(order, day),
                        "reference": record._charge_reference(day, 1),
                        "state": "done",
                    }
                    for order, day in zip(orders, periods, strict=True)
                ]
            )
            record.next_payment_date = record._billing_date(history + 1)
            records |= record
        return records


@tagged("post_install", "-at_install")
class TestRecurringPortal(PortalFormMixin, RecurringPortalCommon, HttpCase):
    def _csrf(self, url=None):
        return super()._csrf(url or f"{BASE}/{self.recurring.id}/card")

    def test_panel_lists_the_clients_recurring_orders(self):
        self.authenticate("client_a", "client_a")
        page = self.url_open(BASE)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.recurring.name, page.text)
        self.assertNotIn(self.foreign.name, page.text)
        self.assertIn("•••• 4242", page.text)
        self.assertIn("100.00", page.text)
        self.assertIn("every month", page.text)
        self.assertIn("1 of 12 paid", page.text)
        self.assertIn("o_client_center_panel_recurring", page.text, "the panel is in the menu")
        home = self.url_open("/client-center/main")
        self.assertIn("o_client_center_counter_recurring", home.text)
        counters = self.center._get_home_counters(self.client_partner, keys={"recurring"})
        self.assertEqual(counters["recurring"]["value"], 1)

    def test_failed_order_shows_how_to_fix_the_card(self):
        self.recurring.sudo()._register_failure("Your card was declined.", hard=True)
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"{BASE}?filterby=attention").text
        self.assertIn("Your card was declined.", page)
        self.assertIn(f"{BASE}/{self.recurring.id}/card", page)
        self.assertIn("o_recurring_fix_card", page)

    def test_retry_time_in_the_readers_zone(self):
        self.recurring.sudo().write(
            {"retry_count": 1, "next_retry_at": "2026-03-01 09:00:00", "last_error": "Insufficient funds."}
        )
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"{BASE}/{self.recurring.id}").text
        self.assertIn("10:00 (Europe/Paris)", page, "09:00 UTC read in Paris, the zone named")

    def test_detail_lists_every_order_initial_first_at_the_bottom(self):
        self.authenticate("client_a", "client_a")
        page = self.url_open(f"{BASE}/{self.recurring.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.recurring.sale_order_id.name, page.text)
        self.assertIn("(first)", page.text)

    def test_change_the_card(self):
        new_token = self._create_token(self.client_partner, "pm_new", "1111")
        self.authenticate("client_a", "client_a")
        form = self.url_open(f"{BASE}/{self.recurring.id}/card").text
        self.assertIn("•••• 1111", form)
        self.assertNotIn("•••• 7777", form, "only the client's cards")
        response = self.url_open(
            f"{BASE}/{self.recurring.id}/card",
            data={"token_id": new_token.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("notice=card_changed", response.headers["Location"])
        self.assertEqual(self.recurring.payment_token_id, new_token)
        # the same card again: nothing to do
        response = self.url_open(
            f"{BASE}/{self.recurring.id}/card",
            data={"token_id": new_token.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn("notice=card_unchanged", response.headers["Location"])

    def test_change_the_card_of_a_failed_order_charges_it_now(self):
        self.recurring.sudo()._register_failure("Declined", hard=True)
        new_token = self._create_token(self.client_partner, "pm_new", "1111")
        self.recurring.next_payment_date = fields.Date.today()
        self.authenticate("client_a", "client_a")
        response = self.url_open(
            f"{BASE}/{self.recurring.id}/card",
            data={"token_id": new_token.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn("notice=card_charging", response.headers["Location"])
        self.assertEqual(self.recurring.state, "active")

    def test_pause_and_resume_where_allowed(self):
        self.authenticate("client_a", "client_a")
        url = f"{BASE}/{self.recurring.id}"
        self.assertNotIn("o_recurring_pause", self.url_open(url).text)
        response = self.url_open(f"{url}/pause", data={"csrf_token": self._csrf()}, allow_redirects=False)
        self.assertIn("notice=status_refused", response.headers["Location"])
        self.assertEqual(self.recurring.state, "active")
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.client_can_pause", "True")
        self.assertIn("o_recurring_pause", self.url_open(url).text)
        response = self.url_open(f"{url}/pause", data={"csrf_token": self._csrf()}, allow_redirects=False)
        self.assertIn("notice=paused", response.headers["Location"])
        self.assertEqual((self.recurring.state, self.recurring.suspended_by), ("suspended", "client"))
        # a double click: the second pause is refused, nothing changes
        response = self.url_open(f"{url}/pause", data={"csrf_token": self._csrf()}, allow_redirects=False)
        self.assertIn("notice=status_refused", response.headers["Location"])
        response = self.url_open(f"{url}/resume", data={"csrf_token": self._csrf()}, allow_redirects=False)
        self.assertIn("notice=resumed", response.headers["Location"])
        self.assertEqual(self.recurring.state, "active")

    def test_foreign_unknown_and_malformed_ids_are_not_found(self):
        self.authenticate("client_a", "client_a")
        for url in (
            f"{BASE}/{self.foreign.id}",
            f"{BASE}/{self.foreign.id}/card",
            f"{BASE}/{2**31}",
            f"{BASE}/{2**63}/card",
            f"{BASE}/99999999",
            f"{BASE}/abc",
            f"{BASE}/{self.recurring.id}%00",
            "/client-center/nope/recurring",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        csrf = self._csrf()
        for url, data in (
            (f"{BASE}/{self.foreign.id}/card", {"token_id": self.token.id}),
            (f"{BASE}/{self.recurring.id}/card", {"token_id": self.other_token.id}),
            (f"{BASE}/{self.recurring.id}/card", {"token_id": "1\x00"}),
            (f"{BASE}/{self.recurring.id}/card", {"token_id": str(2**31)}),
            (f"{BASE}/{self.recurring.id}/card", {"token_id": "-3"}),
            (f"{BASE}/{self.recurring.id}/card", {}),
            (f"{BASE}/{self.foreign.id}/pause", {}),
            (f"{BASE}/{self.foreign.id}/resume", {}),
        ):
            with self.subTest(url=url, data=data):
                response = self.url_open(url, data={**data, "csrf_token": csrf}, allow_redirects=False)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(
            (self.recurring.payment_token_id, self.foreign.payment_token_id), (self.token, self.other_token)
        )
        self.assertEqual(self.foreign.state, "active")

    def test_posts_need_the_csrf_token(self):
        self.authenticate("client_a", "client_a")
        self.env["ir.config_parameter"].sudo().set_param("recurring_order.client_can_pause", "True")
        with mute_logger("odoo.http"):
            response = self.url_open(f"{BASE}/{self.recurring.id}/pause", data={"x": "1"}, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.recurring.state, "active")

    def test_public_and_hidden_panel(self):
        response = self.url_open(BASE, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.center.show_recurring = False
        self.authenticate("client_a", "client_a")
        self.assertEqual(self.url_open(BASE).status_code, 404)
        self.assertEqual(self.url_open(f"{BASE}/{self.recurring.id}").status_code, 404)


@tagged("post_install", "-at_install")
class TestRecurringPanelQueries(PageQueriesMixin, RecurringPortalCommon, HttpCase):
    """The panel reads the listed recurring orders and their orders in
    batches: its queries do not grow with the number of recurring orders
    nor with their history."""

    BUDGET = 40

    def test_panel_queries_constant(self):
        client = new_test_user(self.env, login="client_perf", groups="base.group_portal", tz="Europe/Paris")
        light = self._bulk(2, 1, partner=client.partner_id)
        self.authenticate("client_perf", "client_perf")
        few = self._page_queries(BASE)
        detail_few = self._page_queries(f"{BASE}/{light[0].id}")
        heavy = self._bulk(25, 12, partner=client.partner_id)
        many = self._page_queries(BASE)
        detail_many = self._page_queries(f"{BASE}/{heavy[0].id}")
        self.assertEqual(many, few)
        self.assertEqual(detail_many, detail_few)
        self.assertLessEqual(many, self.BUDGET)
        self.assertEqual((len(heavy[0].generated_order_ids), heavy[0].payments_done), (12, 13))
        self.assertGreater(heavy[0].next_payment_date, date.today())
