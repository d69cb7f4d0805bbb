import threading
import uuid
from datetime import datetime
from unittest.mock import patch

import psycopg2
import pytz

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import CommittedCase, ExpertPlatformCommon

# A Monday; tests freeze time here (06:00 UTC) unless they say otherwise.
MONDAY = datetime(2030, 1, 7)


class WriteQueriesMixin:
    """For a write's query budget: the queries of one call as in a request
    of a running server."""

    def setUp(self):
        super().setUp()
        # chatter, followers and tracking as in production (the common
        # fixtures turn them off); mails are sent after the commit as in
        # production (tests send them inline), not by the measured request
        self.env = self.env(context={"mail_notify_force_send": False})

    def _queries(self, call):
        """``(result, queries)`` of ``call()`` flushed, on a cold record
        cache (as a new request; Odoo's ormcaches stay warm)."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = call()
        self.env.flush_all()
        return result, self.cr.sql_log_count - before


class SessionBookingCommon(ExpertPlatformCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.availability = cls._create_availability("Expert A hours", "Europe/Brussels")
        cls.package = cls._create_package(cls.expert_a, "5 sessions with A", 250.0)
        cls.package_b = cls._create_package(cls.expert_b, "5 sessions with B", 300.0)

    @classmethod
    def _create_availability(cls, name, tz, hours=((9, 12), (13, 17)), days=(0, 1, 2, 3, 4)):
        return cls.env["resource.calendar"]._session_create_weekly(name, tz, hours=hours, days=days)

    @classmethod
    def _create_package(cls, expert, name, price, **values):
        terms = {
            "is_session_package": True,
            "session_count": 5,
            "session_duration": 50 / 60,
            "session_buffer_minutes": 10,
            "session_notice_hours": 12,
            "session_availability_id": cls.availability.id,
            # the tests book years ahead of the real clock (2031)
            "session_booking_horizon_days": 3650,
            **values,
        }
        return cls._create_expert_product(expert, name, price, **terms)

    @classmethod
    def _page_package_line(cls, partner=None):
        """A paid package of expert A with the default two months' horizon:
        what the booking page shows (the fixtures' packages book ten years
        ahead, whose page computes ten years of slots)."""
        package = cls._create_package(cls.expert_a, "Two months ahead", 250.0, session_booking_horizon_days=60)
        return cls._paid_package_line(package, partner=partner)

    @classmethod
    def _pay(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        cls.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        return invoice

    @classmethod
    def _paid_package_line(cls, product=None, partner=None, quantity=1):
        order = cls._create_order(product or cls.package, partner=partner, quantity=quantity)
        cls._pay(order)
        return order.order_line

    def _cancel_as(self, booking, role, reason=None):
        """Cancel ``booking`` as ``role`` does: the client through the portal
        (its session page calls as superuser for its user), the session's
        expert or a platform manager in the backend."""
        if role == "client":
            user = booking.partner_id.user_ids[:1] or self.client_user
            return booking.with_user(user).sudo().action_cancel(reason=reason)
        user = booking.expert_id if role == "expert" else self.platform_manager
        return booking.with_user(user).action_cancel(reason=reason)

    @staticmethod
    def _utc(local, tz="Europe/Brussels"):
        """Naive UTC datetime of a naive local time in ``tz``."""
        return pytz.timezone(tz).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


class BookingRaceCase(CommittedCase):
    """Committed fixtures for races between real transactions.

    The fixtures are committed (other cursors must see them) and removed
    at the end. ``retrying`` replays a transaction that hit a serialization
    failure, as Odoo does for an HTTP request.
    """

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
                    "session_booking_horizon_days": 3650,
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
            env["product.product"].browse(
                [self.ids["product"], *self.ids.get("extra_products", [])]
            ).product_tmpl_id.unlink()
            env["resource.calendar"].browse(self.ids["calendar"]).unlink()
            env["res.users"].browse(self.ids["expert"]).active = False

    def _race(self, attempts, retry=True):
        """Run ``(line_id, start)`` bookings in parallel threads; return outcomes."""
        return self._race_calls(
            [
                lambda env, line_id=line_id, start=start: env["sale.order.line"].browse(line_id)._session_book(start)
                for line_id, start in attempts
            ],
            "booked",
            retry=retry,
        )

    def _race_calls(self, calls, success, retry=True):
        """Run ``call(env)`` in parallel transactions, each retried on
        serialization failures as Odoo retries a request (unless not
        ``retry``: a serialization failure is then an outcome); return
        outcomes. Every transaction takes its snapshot before any of them
        starts, so none sees the others' commits in it."""
        barrier = threading.Barrier(len(calls))
        outcomes = []

        def run(call):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                cr.execute("SELECT 1")  # the REPEATABLE READ snapshot
                barrier.wait()
                try:
                    # the losers' serialization failures are expected and retried
                    with mute_logger("odoo.sql_db", "odoo.service.model"):
                        if retry:
                            retrying(lambda: call(env), env)
                        else:
                            call(env)
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes.append(success)
                except UserError as error:
                    outcomes.append(error.args[0])
                except psycopg2.errors.SerializationFailure:
                    outcomes.append("serialization failure")

        threads = [threading.Thread(target=run, args=(call,)) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    def _extra_package_line(self, **values):
        """A committed package line of the race expert on another product
        (``values``: its terms), for the first racer; cleaned up with the rest."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].browse(self.ids["product"]).copy({"name": "Other race package", **values})
            order = env["sale.order"].create(
                {"partner_id": self.ids["partners"][0], "order_line": [Command.create({"product_id": product.id})]}
            )
            order.action_confirm()
            product_id, order_id, line_id = product.id, order.id, order.order_line.id
        self.ids.setdefault("extra_products", []).append(product_id)
        self.ids["orders"].append(order_id)
        return line_id

    def _count_bookings(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["session.booking"].search_count([("sale_order_id", "in", self.ids["orders"])])

    def _monday_slot(self, hour):
        # next Monday at `hour` UTC, well in the future
        return datetime(2031, 1, 6, hour)
