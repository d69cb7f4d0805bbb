"""Fill a benchmark database through Odoo's ORM, in committed batches.

Experts with availability calendars and packages, portal clients, paid
package orders (confirmed, invoiced, paid through payments), sessions past
and future (bookings with their calendar events), cancellations with
penalty invoices, extra service invoices paid and unpaid; a light client, a
heavy client, clients racing for slots and experts with 100, 1,000 and
10,000 calendar events for the slot planner; with ``recurring_order``, due
recurring orders on cards saved with the demo provider (the charge cron's
batch) and the recurring orders of the light and heavy clients with their
paid periods. Share lines come from
``revenue_share`` itself when it is installed (it shares posted invoices).

History is created in batches through the models' own batch APIs: the
sessions and their meetings with ``session.booking._import_sessions`` (the
documented import of sessions booked elsewhere: references, meetings,
cancelled ones archived), the penalty invoices from the module's own
``_prepare_penalty_invoice_values``; the experts' hours with
``resource.calendar._session_create_weekly``, as the tests build theirs.
Not booking by booking: ``_session_book`` locks and checks per call, which
is what the measurements exercise.
"""

import bisect
import json
import logging
import random
import uuid
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, Command, api

from .progress import Progress
from .sizes import CROWD_CLIENTS_PER_EXPERT, CROWD_EXPERTS, RACE_CLIENTS, RECURRING_HISTORY, SLOT_EVENT_COUNTS

_logger = logging.getLogger("bench.fill")

PARAM_SIZE = "expert_platform_bench.size"
PARAM_DATA = "expert_platform_bench.data"
BATCH = 100
EVENT_BATCH = 500
# Plain creates: no tracking, no chatter log, no invitation mail.
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
    "no_mail_to_attendees": True,
    "dont_notify": True,
}
TIMEZONES = ("Europe/London", "Europe/Brussels", "America/New_York", "Europe/Madrid", "America/Los_Angeles")
FIRST_NAMES = (
    "Emma Liam Olivia Noah Ava Lucas Mia Ethan Zoe Hugo Lea Adam Chloe Louis Ines Jules Alice Leo Rose Arthur "
    "Nina Oscar Clara Victor Sofia Paul Julia Samuel Eva Tom"
).split()
LAST_NAMES = (
    "Smith Martin Johnson Dubois Garcia Brown Moreau Lopez Wilson Bernard Taylor Petit Anderson Durand Thomas "
    "Leroy White Roux Harris Fournier Clark Girard Lewis Bonnet Walker Lambert"
).split()
SLOT_HOURS = ((9, 12), (13, 17))  # working hours of the bench experts, in their time zone
HISTORY_DAYS = 360
FUTURE_DAYS = 60
USAGE_DAYS = 120  # sessions of a package take place within this many days


class Filler:
    def __init__(self, registry, size, seed=8):
        self.registry = registry
        self.size = size
        self.rng = random.Random(seed)
        self.now = datetime.now().replace(second=0, microsecond=0)
        self.data = {"size": size.name}
        self.orders = []  # dicts: id, name, line, expert, partner, date, paid
        self.counts = {}

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, dict(QUIET))

    def batches(self, items, size=BATCH):
        for start in range(0, len(items), size):
            yield items[start : start + size]

    def run_batches(self, label, items, func, size=BATCH):
        """``func(env, batch)`` for each batch, one committed transaction each."""
        progress = Progress(label, len(items))
        results = []
        for batch in self.batches(items, size):
            with self.registry.cursor() as cr:
                results.extend(func(self.env(cr), batch) or [])
            progress.advance(len(batch))
        progress.close()
        return results

    def name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def past(self, days):
        return self.now - timedelta(days=self.rng.uniform(1, days), minutes=self.rng.randrange(600))

    # ------------------------------------------------------------------
    # main
    # ------------------------------------------------------------------

    def run(self, desk=False):
        """Fill the database; ``desk``: only what the Orders and Sales desk
        and reports read (experts, clients, paid orders), stored as the size
        ``<size>-desk``."""
        filled = desk_size(self.size.name) if desk else self.size.name
        with self.registry.cursor() as cr:
            env = self.env(cr)
            env["ir.config_parameter"].set_param(PARAM_SIZE, f"filling:{filled}")
            self.group_expert = env.ref("expert_base.group_expert").id
            self.group_portal = env.ref("base.group_portal").id
        self.create_experts()
        self.create_clients()
        self.create_orders()
        if desk:
            self._set_latest_packages(paid_only=False)
            return self._finish(filled)
        self.create_sessions()
        self.create_extra_invoices()
        self.create_unpaid_invoices()
        self.create_slot_experts()
        self.create_race()
        self.create_crowd()
        self.configure_client_center()
        self.create_recurring_orders()
        return self._finish(filled)

    def _finish(self, filled):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            self.data["counts"] = self.count(env)
            env["ir.config_parameter"].set_param(PARAM_DATA, json.dumps(self.data))
            env["ir.config_parameter"].set_param(PARAM_SIZE, filled)
        return self.data

    @staticmethod
    def count(env):
        models = {
            "experts": ("res.users", [("groups_id", "in", env.ref("expert_base.group_expert").id)]),
            "portal users": ("res.users", [("share", "=", True)]),
            "confirmed orders": ("sale.order", [("state", "=", "sale")]),
            "sessions": ("session.booking", []),
            "calendar events": ("calendar.event", []),
            "customer invoices": ("account.move", [("move_type", "=", "out_invoice"), ("state", "=", "posted")]),
            "paid invoices": (
                "account.move",
                [("move_type", "=", "out_invoice"), ("payment_state", "in", ("paid", "in_payment"))],
            ),
            "unpaid invoices": (
                "account.move",
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ],
            ),
            "share lines": ("revenue.share.line", []),
            "recurring orders": ("recurring.order", []),
        }
        return {
            label: env[model].with_context(active_test=False).search_count(domain)
            for label, (model, domain) in models.items()
            if model in env
        }

    # ------------------------------------------------------------------
    # experts and their packages
    # ------------------------------------------------------------------

    def _availability(self, env, name, tz, days=(0, 1, 2, 3, 4), hours=SLOT_HOURS):
        return env["resource.calendar"]._session_create_weekly(name, tz, hours=hours, days=days)

    def _expert(self, env, login, name, tz, password=None):
        values = {
            "name": name,
            "login": login,
            "email": f"{login}@bench.example.com",
            "tz": tz,
            "groups_id": [Command.set([self.group_expert])],
        }
        if password:
            values["password"] = password
        return env["res.users"].create(values)

    def _package(self, env, expert, availability, price, **terms):
        return env["product.product"].create(
            {
                "name": f"5 sessions with {expert.name}",
                "expert_id": expert.id,
                "type": "service",
                "invoice_policy": "order",
                "list_price": price,
                "is_published": True,
                "is_session_package": True,
                "session_count": 5,
                "session_duration": 50 / 60,
                "session_buffer_minutes": 10,
                "session_notice_hours": 12,
                "session_validity_days": 365,
                "session_availability_id": availability.id,
                **terms,
            }
        )

    def create_experts(self):
        def make(env, batch):
            out = []
            for number in batch:
                tz = TIMEZONES[number % len(TIMEZONES)]
                expert = self._expert(env, f"bench_expert_{number}", f"{self.name()} (expert {number})", tz)
                availability = self._availability(env, f"Hours of {expert.name}", tz)
                package = self._package(env, expert, availability, self.rng.choice((250.0, 300.0, 400.0)))
                extra = env["product.product"].create(
                    {
                        "name": f"Workbook by {expert.name}",
                        "expert_id": expert.id,
                        "type": "service",
                        "invoice_policy": "order",
                        "list_price": self.rng.choice((25.0, 35.0, 49.0)),
                    }
                )
                out.append(
                    {
                        "id": expert.id,
                        "partner": expert.partner_id.id,
                        "tz": tz,
                        "package": package.id,
                        "extra": extra.id,
                    }
                )
            return out

        self.experts = self.run_batches("experts", list(range(self.size.experts)), make, size=10)
        self.pools = {expert["id"]: self._slot_pool(expert["tz"]) for expert in self.experts}

    def _slot_pool(self, tz_name):
        """Every slot start (naive UTC) of an expert over the history and
        the next weeks, on the grid of the bench packages (50 + 10 min)."""
        tz = pytz.timezone(tz_name)
        first = (self.now - timedelta(days=HISTORY_DAYS + USAGE_DAYS)).date()
        slots = []
        for offset in range(HISTORY_DAYS + USAGE_DAYS + FUTURE_DAYS):
            day = first + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for start, stop in SLOT_HOURS:
                for hour in range(start, stop):
                    local = tz.localize(datetime.combine(day, time(hour)))
                    slots.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return sorted(slots)

    # ------------------------------------------------------------------
    # clients
    # ------------------------------------------------------------------

    def _client_values(self, login, name, password=None):
        values = {
            "name": name,
            "login": login,
            "email": f"{login}@bench.example.com",
            "tz": self.rng.choice(TIMEZONES),
            "groups_id": [Command.set([self.group_portal])],
        }
        if password:
            values["password"] = password
        return values

    def create_clients(self):
        def make(env, batch):
            users = env["res.users"].create([self._client_values(f"bench_client_{n}", self.name()) for n in batch])
            return users.partner_id.ids

        self.clients = self.run_batches("clients", list(range(self.size.clients)), make)
        with self.registry.cursor() as cr:
            env = self.env(cr)
            # logins = passwords, for the measured HTTP sessions
            light = env["res.users"].create(self._client_values("bench_light", "Light Client", "bench_light"))
            heavy = env["res.users"].create(self._client_values("bench_heavy", "Heavy Client", "bench_heavy"))
            self.light, self.heavy = light.partner_id.id, heavy.partner_id.id
        self.data["light"] = {"login": "bench_light", "partner": self.light}
        self.data["heavy"] = {"login": "bench_heavy", "partner": self.heavy}

    # ------------------------------------------------------------------
    # orders: confirmed, invoiced, most of them paid
    # ------------------------------------------------------------------

    def create_orders(self):
        size = self.size
        plan = []
        for number in range(size.orders):
            if number < size.heavy_orders:
                partner = self.heavy
            elif number == size.heavy_orders:
                partner = self.light
            else:
                partner = self.rng.choice(self.clients)
            expert = self.rng.choice(self.experts)
            when = self.past(HISTORY_DAYS)
            # recent orders are more often unpaid (waiting for a transfer)
            paid = self.rng.random() < (0.7 if when > self.now - timedelta(days=20) else 0.95)
            plan.append({"partner": partner, "expert": expert, "date": when, "paid": paid})
        light = next(item for item in plan if item["partner"] == self.light)
        light.update(paid=True, date=self.now - timedelta(days=40))
        heavy = [item for item in plan if item["partner"] == self.heavy]
        heavy[0].update(paid=True, date=self.now - timedelta(days=10))
        plan.sort(key=lambda item: item["date"])
        self.orders = self.run_batches("orders, invoices, payments", plan, self._make_orders)

    def _make_orders(self, env, batch):
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": item["partner"],
                    "date_order": item["date"],
                    "order_line": [Command.create({"product_id": item["expert"]["package"], "product_uom_qty": 1})],
                }
                for item in batch
            ]
        )
        orders.action_confirm()
        invoices = orders._create_invoices(grouped=True)
        by_order = {invoice.invoice_line_ids.sale_line_ids.order_id.id: invoice for invoice in invoices}
        for order, item in zip(orders, batch, strict=True):
            order.date_order = item["date"]
            by_order[order.id].invoice_date = item["date"].date()
        invoices.action_post()
        paid = env["account.move"].concat(
            *(by_order[o.id] for o, item in zip(orders, batch, strict=True) if item["paid"])
        )
        self._pay(env, paid, batch[-1]["date"].date() + timedelta(days=1))
        return [
            {
                "id": order.id,
                "name": order.name,
                "line": order.order_line.id,
                "expert": item["expert"],
                "partner": item["partner"],
                "date": item["date"],
                "paid": item["paid"],
                "invoice": by_order[order.id].id,
            }
            for order, item in zip(orders, batch, strict=True)
        ]

    def _pay(self, env, invoices, when):
        """Pay ``invoices`` with one bank entry (a deposit of the day's
        customer payments), reconciled with each invoice: the invoices are
        paid as by a bank statement, at a fraction of the cost of one
        ``account.payment`` per invoice."""
        receivables = invoices.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        ).sorted("id")
        if not receivables:
            return
        # ids, not records: each batch has its own cursor
        if not hasattr(self, "bank"):
            journal = env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
            )
            self.bank = {"journal": journal.id, "account": journal.default_account_id.id}
        when = min(when, date.today())
        entry = env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.bank["journal"],
                "date": when,
                "ref": "Customer payments",
                "line_ids": [
                    Command.create(
                        {
                            "name": f"Payment of {line.move_id.name}",
                            "account_id": line.account_id.id,
                            "partner_id": line.partner_id.id,
                            "credit": line.amount_residual,
                        }
                    )
                    for line in receivables
                ]
                + [
                    Command.create(
                        {
                            "name": "Customer payments",
                            "account_id": self.bank["account"],
                            "debit": sum(receivables.mapped("amount_residual")),
                        }
                    )
                ],
            }
        )
        entry.action_post()
        credits = entry.line_ids.filtered("credit").sorted("id")
        env["account.move.line"]._reconcile_plan(
            [invoice_line + credit for invoice_line, credit in zip(receivables, credits, strict=True)]
        )

    # ------------------------------------------------------------------
    # sessions: bookings with their meetings, cancellations, penalties
    # ------------------------------------------------------------------

    def _take_slot(self, expert, after, before):
        """A free slot of ``expert`` in ``[after, before)``, else any later one."""
        pool = self.pools[expert]
        low = bisect.bisect_left(pool, after)
        high = bisect.bisect_left(pool, before)
        if low >= len(pool):
            return None
        if high <= low:
            high = len(pool)
        return pool.pop(self.rng.randrange(low, high))

    def _past_state(self):
        draw = self.rng.random()
        if draw < 0.80:
            return "done"
        if draw < 0.85:
            return "no_show"
        if draw < 0.93:
            return "cancelled"
        return "late_cancelled"

    def create_sessions(self):
        paid = [order for order in self.orders if order["paid"]]
        target = self.size.sessions
        plan = []
        light = next(order for order in paid if order["partner"] == self.light)
        for index, order in enumerate(paid):
            expert = order["expert"]["id"]
            if order is light:
                # one session done, one booked ahead
                starts = [
                    self._take_slot(expert, self.now - timedelta(days=30), self.now - timedelta(days=1)),
                    self._take_slot(expert, self.now + timedelta(days=3), self.now + timedelta(days=FUTURE_DAYS)),
                ]
            else:
                # spread the target over the paid orders, 0 to 5 sessions each
                mean = (target - len(plan)) / max(len(paid) - index, 1)
                count = max(0, min(5, int(mean) + (1 if self.rng.random() < mean - int(mean) else 0)))
                after = max(order["date"] + timedelta(days=1), self.now - timedelta(days=HISTORY_DAYS))
                starts = [self._take_slot(expert, after, after + timedelta(days=USAGE_DAYS)) for _n in range(count)]
            for number, start in enumerate(sorted(filter(None, starts)), start=1):
                if start < self.now:
                    state = "done" if order is light else self._past_state()
                else:
                    state = "booked" if order is light or self.rng.random() < 0.92 else "cancelled"
                plan.append({"order": order, "number": number, "start": start, "state": state})
        self.data["sessions"] = len(plan)
        self.run_batches("sessions, meetings, penalties", plan, self._make_sessions, size=200)
        self._set_latest_packages()

    def _set_latest_packages(self, paid_only=True):
        """The light and heavy clients' latest package (``paid_only``: paid,
        with sessions left: they book on it) and its order."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            for key, partner in (("light", self.light), ("heavy", self.heavy)):
                domain = [("order_id.partner_id", "=", partner), ("is_session_package", "=", True)]
                if paid_only:
                    domain += [("order_id.fulfillment_state", "!=", "pending"), ("session_remaining", ">", 0)]
                line = env["sale.order.line"].search(domain, order="id desc", limit=1)
                self.data[key].update(line=line.id, order=line.order_id.id)

    def _booking_values(self, item):
        order = item["order"]
        start = item["start"]
        booked_at = min(start - timedelta(days=self.rng.uniform(1, 20)), self.now)
        booked_at = max(booked_at, order["date"])
        values = {
            "sale_line_id": order["line"],
            "start": start,
            "state": item["state"],
            "booked_by": "client",
            "booked_at": booked_at,
        }
        if item["state"] == "cancelled":
            values.update(cancelled_at=booked_at + (start - booked_at) / 3, cancelled_by="client")
        elif item["state"] == "late_cancelled":
            values.update(cancelled_at=start - timedelta(hours=self.rng.uniform(1, 20)), cancelled_by="client")
        return values

    def _make_sessions(self, env, batch):
        # plan order: each order's sessions in start order, so the import
        # numbers them <order>-1, -2, ... as the booking API would
        bookings = env["session.booking"]._import_sessions([self._booking_values(item) for item in batch])
        self._make_penalties(env, bookings)
        return []

    def _make_penalties(self, env, bookings):
        """Penalty invoices of late cancellations and no-shows, as
        ``_create_penalty_invoice`` makes them, created and posted in batch."""
        penalised = bookings.filtered(lambda b: b.state in ("late_cancelled", "no_show"))
        values, owners = [], []
        for booking in penalised:
            policy = booking.sale_line_id.session_cancellation_policy_id
            if not policy:
                continue
            kind = "late" if booking.state == "late_cancelled" else "no_show"
            line_values = booking._penalty_line_values(kind)
            if booking.currency_id.is_zero(line_values["price_unit"]):
                continue
            vals = booking._prepare_penalty_invoice_values(kind, line_values)
            vals["invoice_date"] = (booking.cancelled_at or booking.start).date()
            values.append(vals)
            owners.append(booking)
        if not values:
            return
        moves = env["account.move"].create(values)
        moves.action_post()
        for booking, move in zip(owners, moves, strict=True):
            booking.penalty_move_id = move
        self.counts["penalties"] = self.counts.get("penalties", 0) + len(moves)
        # older penalties were paid
        paid = moves.filtered(
            lambda move: move.invoice_date < date.today() - timedelta(days=30) and self.rng.random() < 0.7
        )
        self._pay(env, paid, date.today())

    # ------------------------------------------------------------------
    # extra service invoices (no order), paid and unpaid
    # ------------------------------------------------------------------

    def create_extra_invoices(self):
        count = max(self.size.invoices - len(self.orders) - self.counts.get("penalties", 0), 0)
        heavy_share = self.size.heavy_orders
        plan = []
        for number in range(count):
            partner = self.heavy if number < heavy_share else self.rng.choice(self.clients)
            when = self.past(HISTORY_DAYS)
            plan.append({"partner": partner, "expert": self.rng.choice(self.experts), "date": when})
        plan.append({"partner": self.light, "expert": self.experts[0], "date": self.now - timedelta(days=5)})
        plan.sort(key=lambda item: item["date"])

        def make(env, batch):
            moves = self._make_service_invoices(env, batch)
            paid = moves.filtered(
                lambda move: move.partner_id.id != self.light
                and move.invoice_date < date.today() - timedelta(days=15)
                and self.rng.random() < 0.8
            )
            self._pay(env, paid, batch[-1]["date"].date() + timedelta(days=2))

        self.run_batches("extra invoices", plan, make)

    def _make_service_invoices(self, env, batch):
        """Posted service invoices of the experts' extra product, no order."""
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": item["partner"],
                    "invoice_date": item["date"].date(),
                    "invoice_user_id": item["expert"]["id"],
                    "invoice_line_ids": [
                        Command.create({"product_id": item["expert"]["extra"], "quantity": self.rng.choice((1, 1, 2))})
                    ],
                }
                for item in batch
            ]
        )
        moves.action_post()
        return moves

    def create_unpaid_invoices(self):
        """Unpaid service invoices of the last months, up to the size's
        ``resend_invoices`` unpaid customer invoices (the resend cron's
        benchmark goes over them)."""
        with self.registry.cursor() as cr:
            unpaid = self.env(cr)["account.move"].search_count(
                [("move_type", "=", "out_invoice"), ("state", "=", "posted"), ("payment_state", "=", "not_paid")]
            )
        plan = [
            {"partner": self.rng.choice(self.clients), "expert": self.rng.choice(self.experts), "date": self.past(90)}
            for _number in range(max(self.size.resend_invoices - unpaid, 0))
        ]
        plan.sort(key=lambda item: item["date"])
        self.run_batches("unpaid invoices", plan, self._make_service_invoices)

    # ------------------------------------------------------------------
    # the slot planner's experts: 100, 1,000 and 10,000 calendar events
    # ------------------------------------------------------------------

    def create_slot_experts(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            client = env["res.users"].create(self._client_values("bench_slots", "Slot Client"))
            experts = []
            for count in SLOT_EVENT_COUNTS:
                expert = self._expert(env, f"bench_slot_expert_{count}", f"Slot Expert {count}", "Europe/Brussels")
                availability = self._availability(env, f"Hours of slot expert {count}", "Europe/Brussels")
                package = self._package(env, expert, availability, 300.0)
                order = self._paid_order(env, client.partner_id, package)
                experts.append(
                    {"events": count, "expert": expert.id, "partner": expert.partner_id.id, "line": order.order_line.id}
                )
        self.data["slot_client"] = "bench_slots"
        self.data["slot_lines"] = {str(item["events"]): item["line"] for item in experts}
        # events over the history and the next weeks: the expert's own
        # meetings (not sessions), 20 to 80 minutes, some of them all-day
        plan = []
        span = (HISTORY_DAYS + FUTURE_DAYS) * 24 * 60
        first = self.now - timedelta(days=HISTORY_DAYS)
        for item in experts:
            for number in range(item["events"]):
                start = first + timedelta(minutes=self.rng.randrange(span) // 15 * 15)
                plan.append(
                    {
                        "name": f"Busy {number}",
                        "start": start,
                        "stop": start + timedelta(minutes=self.rng.choice((20, 30, 45, 60, 80))),
                        "user_id": item["expert"],
                        "partner_ids": [Command.set([item["partner"]])],
                        "show_as": "busy",
                        "privacy": "private",
                    }
                )

        def make(env, batch):
            env["calendar.event"].create(batch)

        self.run_batches("slot experts' events", plan, make, size=EVENT_BATCH)

    def _paid_order(self, env, partner, product, when=None):
        order = env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})]}
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(env, invoice, when or date.today())
        return order

    # ------------------------------------------------------------------
    # booking under contention: 20 clients of one expert
    # ------------------------------------------------------------------

    def create_race(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            expert = self._expert(env, "bench_race_expert", "Race Expert", "UTC")
            # every day 08:00-20:00 UTC: free slots whenever the bench runs
            availability = self._availability(env, "Race hours", "UTC", days=range(7), hours=((8, 20),))
            package = self._package(env, expert, availability, 100.0, session_notice_hours=1)
            clients = []
            for number in range(RACE_CLIENTS):
                login = f"bench_race_{number}"
                user = env["res.users"].create(self._client_values(login, f"Racer {number}", login))
                order = self._paid_order(env, user.partner_id, package)
                clients.append({"login": login, "line": order.order_line.id})
        self.data["race"] = {"expert": expert.id, "clients": clients}

    def create_crowd(self):
        """``CROWD_EXPERTS`` experts with ``CROWD_CLIENTS_PER_EXPERT`` clients
        each (paid packages), for bookings at once across experts."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            self.group_expert = env.ref("expert_base.group_expert").id
            self.group_portal = env.ref("base.group_portal").id
            availability = self._availability(env, "Crowd hours", "UTC", days=range(7), hours=((8, 20),))
            crowd = []
            for expert_number in range(CROWD_EXPERTS):
                expert = self._expert(
                    env, f"bench_crowd_expert_{expert_number}", f"Crowd Expert {expert_number}", "UTC"
                )
                package = self._package(env, expert, availability, 100.0, session_notice_hours=1)
                for number in range(CROWD_CLIENTS_PER_EXPERT):
                    login = f"bench_crowd_{expert_number}_{number}"
                    user = env["res.users"].create(self._client_values(login, f"Crowd {expert_number}.{number}", login))
                    order = self._paid_order(env, user.partner_id, package)
                    crowd.append({"login": login, "line": order.order_line.id, "expert": expert.id})
        self.data["crowd"] = crowd

    # ------------------------------------------------------------------
    # the client center: clients may order the experts' packages there
    # ------------------------------------------------------------------

    def configure_client_center(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            center = env.ref("client_center.client_center_default", raise_if_not_found=False)
            if not center:
                return
            packages = [expert["package"] for expert in self.experts]
            center.write({"allow_sale_order_creation": True, "product_ids": [Command.set(packages)]})

    # ------------------------------------------------------------------
    # recurring orders, charged on cards saved with the demo provider
    # ------------------------------------------------------------------

    def create_recurring_orders(self):
        """Due recurring orders of random clients (the charge cron's batch:
        due today, a month after their first payment), and recurring orders
        of the light (one) and heavy clients with ``RECURRING_HISTORY``
        paid periods each, due later (the Recurring panel)."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            if "recurring.order" not in env or "demo_simulated_state" not in env["payment.token"]._fields:
                self.data["recurring"] = None
                return
            provider = env.ref("payment.payment_provider_demo")
            provider.write({"state": "test", "company_id": env.company.id})
            self.recurring = {
                "provider": provider.id,
                "method": env.ref("payment_demo.payment_method_demo").id,
                "currency": env.company.currency_id.id,
                "plans": {},
            }
            for expert in self.experts:
                plan = env["product.product"].create(
                    {
                        "name": f"Monthly plan with expert {expert['id']}",
                        "expert_id": expert["id"],
                        "type": "service",
                        "invoice_policy": "order",
                        "list_price": 120.0,
                        "taxes_id": [Command.clear()],
                        "is_session_package": True,
                        "session_count": 2,
                        "session_duration": 50 / 60,
                        "is_recurring": True,
                        "recurring_interval_unit": "month",
                        "recurring_payment_count": 0,
                    }
                )
                self.recurring["plans"][expert["id"]] = plan.id
        today = date.today()
        plan = [
            {"partner": self.rng.choice(self.clients), "expert": self.rng.choice(self.experts), "history": 0}
            for _number in range(self.size.recurring_due)
        ]
        panel = [{"partner": self.light, "expert": self.experts[0], "history": 1}] + [
            {"partner": self.heavy, "expert": self.rng.choice(self.experts), "history": RECURRING_HISTORY}
            for _number in range(self.size.heavy_recurring)
        ]
        self.run_batches("due recurring orders", plan, lambda env, batch: self._make_recurring(env, batch, today))
        self.run_batches("clients' recurring orders", panel, lambda env, batch: self._make_recurring(env, batch, today))
        self.data["recurring"] = {"due": len(plan), "panel": len(panel)}

    def _make_recurring(self, env, batch, today):
        """Recurring orders started ``history + 1`` months ago, each with its
        initial order and ``history`` paid periods (orders and done charges):
        due today when there is no history, due next month otherwise."""
        info = self.recurring
        tokens = env["payment.token"].create(
            [
                {
                    "provider_id": info["provider"],
                    "payment_method_id": info["method"],
                    "partner_id": item["partner"],
                    "payment_details": f"{self.rng.randrange(10000):04d}",
                    "provider_ref": f"bench-{uuid.uuid4().hex[:12]}",
                    "demo_simulated_state": "done",
                }
                for item in batch
            ]
        )
        initials = env["sale.order"].create(
            [
                {
                    "partner_id": item["partner"],
                    "order_line": [Command.create({"product_id": info["plans"][item["expert"]["id"]]})],
                }
                for item in batch
            ]
        )
        initials.action_confirm()
        records = env["recurring.order"].create(
            [
                {
                    **order.order_line._prepare_recurring_order_values(env["payment.transaction"]),
                    "payment_token_id": token.id,
                    "start_date": today - relativedelta(months=item["history"] + 1),
                    "next_payment_date": today if not item["history"] else today + relativedelta(months=1),
                }
                for order, token, item in zip(initials, tokens, batch, strict=True)
            ]
        )
        periods = [
            (record, record._billing_date(index), token)
            for record, token, item in zip(records, tokens, batch, strict=True)
            for index in range(1, item["history"] + 1)
        ]
        if not periods:
            return
        orders = env["sale.order"].create(
            [
                {
                    **record._prepare_period_order_values(billing_date),
                    "date_order": datetime.combine(billing_date, time(3)),
                }
                for record, billing_date, _token in periods
            ]
        )
        orders.action_confirm()
        # one create per charge: payment's token constraint reads one
        # transaction's token (a batch of several tokens fails)
        for (record, billing_date, _token), order in zip(periods, orders, strict=True):
            env["payment.transaction"].create(
                {
                    **record._prepare_charge_values(order, billing_date),
                    "reference": record._charge_reference(billing_date, 1),
                    "state": "done",
                    "recurring_outcome": "paid",
                    "is_post_processed": True,
                }
            )


def desk_size(size_name):
    """The stored size of a ``--desk`` fill."""
    return f"{size_name}-desk"


def filled_size(env):
    return env["ir.config_parameter"].sudo().get_param(PARAM_SIZE)


def ensure_crowd(registry, size, data):
    """Add the crowd (``Filler.create_crowd``) to a database filled before
    it existed; returns the data with it."""
    if "crowd" in data:
        return data
    filler = Filler(registry, size)
    filler.data = data
    filler.create_crowd()
    with registry.cursor() as cr:
        env = filler.env(cr)
        env["ir.config_parameter"].set_param(PARAM_DATA, json.dumps(filler.data))
    return filler.data


def bench_data(env):
    raw = env["ir.config_parameter"].sudo().get_param(PARAM_DATA)
    return json.loads(raw) if raw else None
