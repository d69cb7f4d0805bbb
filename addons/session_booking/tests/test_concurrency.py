import threading
import uuid
from datetime import datetime
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name


@tagged("post_install", "-at_install")
class TestBookingConcurrency(BaseCase):
    """Two real transactions race: exactly one booking wins.

    The fixtures are committed (other cursors must see them) and removed
    at the end. ``retrying`` replays a transaction that hit a serialization
    failure, as Odoo does for an HTTP request.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        patcher = patch.object(self.registry["sale.order"], "_session_is_paid", lambda self: True)
        patcher.start()
        self.addCleanup(patcher.stop)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            expert = env["res.users"].create(
                {
                    "name": "Race Expert",
                    "login": f"race_expert_{uuid.uuid4().hex}",
                    "tz": "UTC",
                    "groups_id": [Command.set(env.ref("expert_base.group_expert").ids)],
                }
            )
            calendar = env["resource.calendar"].create({"name": "Race hours", "tz": "UTC"})
            product = env["product.product"].create(
                {
                    "name": "Race package",
                    "type": "service",
                    "expert_id": expert.id,
                    "is_session_package": True,
                    "session_count": 1,
                    "session_duration": 1.0,
                    "session_buffer_minutes": 0,
                    "session_notice_hours": 0,
                    "session_availability_id": calendar.id,
                }
            )
            partners = env["res.partner"].create([{"name": f"Racer {n}"} for n in range(2)])
            orders = env["sale.order"].create(
                [
                    {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id})]}
                    for partner in partners
                ]
            )
            orders.action_confirm()
            self.ids = {
                "expert": expert.id,
                "calendar": calendar.id,
                "product": product.id,
                "partners": partners.ids,
                "orders": orders.ids,
                "lines": orders.order_line.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            bookings = (
                env["session.booking"]
                .with_context(active_test=False)
                .search([("sale_order_id", "in", self.ids["orders"])])
            )
            events = bookings.calendar_event_id.with_context(active_test=False)
            bookings.unlink()
            events.unlink()
            orders = env["sale.order"].browse(self.ids["orders"])
            orders._action_cancel()
            orders.unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["resource.calendar"].browse(self.ids["calendar"]).unlink()
            env["res.users"].browse(self.ids["expert"]).active = False

    def _race(self, attempts):
        """Run ``(line_id, start)`` attempts in parallel threads; return outcomes."""
        barrier = threading.Barrier(len(attempts))
        outcomes = []

        def book(line_id, start):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait()
                try:
                    retrying(lambda: env["sale.order.line"].browse(line_id)._session_book(start), env)
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes.append("booked")
                except UserError as error:
                    outcomes.append(error.args[0])

        threads = [threading.Thread(target=book, args=attempt) for attempt in attempts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    def _count_bookings(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["session.booking"].search_count([("sale_order_id", "in", self.ids["orders"])])

    def _monday_slot(self, hour):
        # next Monday at `hour` UTC, well in the future
        return datetime(2031, 1, 6, hour)

    def test_two_clients_race_for_the_same_slot(self):
        lines = self.ids["lines"]
        outcomes = self._race([(lines[0], self._monday_slot(10)), (lines[1], self._monday_slot(10))])
        self.assertEqual(outcomes.count("booked"), 1, outcomes)
        self.assertEqual(self._count_bookings(), 1)

    def test_double_click_never_over_consumes_the_last_credit(self):
        line = self.ids["lines"][0]
        outcomes = self._race([(line, self._monday_slot(10)), (line, self._monday_slot(14))])
        self.assertEqual(outcomes.count("booked"), 1, outcomes)
        self.assertEqual(self._count_bookings(), 1)
