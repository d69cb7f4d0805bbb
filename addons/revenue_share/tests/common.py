import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.expert_base.tests.common import ExpertPlatformCommon

from .fake_stripe import FakeStripe


def make_invoice(env, partner, lines, move_type="out_invoice", post=True, date="2026-03-10"):
    """A customer invoice (or credit note) of ``lines`` = [(product, quantity, price unit)], untaxed."""
    move = env["account.move"].create(
        {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": date,
            "invoice_line_ids": [
                Command.create({"product_id": product.id, "quantity": quantity, "price_unit": price, "tax_ids": []})
                for product, quantity, price in lines
            ],
        }
    )
    if post:
        move.action_post()
    return move


def register_payment(env, moves, date, **values):
    """Pay ``moves`` with Odoo's Register Payment wizard (in full unless ``values`` say otherwise)."""
    return (
        env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=moves.ids)
        .create({"payment_date": date, **values})
        ._create_payments()
    )


STRIPE_API = "https://api.stripe.com"


class StripeFakeMixin:
    """Odoo's ``payment_stripe`` talks to the local fake Stripe: the tests
    let its HTTP requests to api.stripe.com through to the fake instead of
    blocking them (``BaseCase._request_handler`` guards every request)."""

    fake_stripe = None

    @classmethod
    def _start_fake_stripe(cls, env):
        cls.fake_stripe = FakeStripe(secret_key="sk_test_fake_payments").start()
        cls.addClassCleanup(cls.fake_stripe.stop)
        provider = env.ref("payment.payment_provider_stripe")
        journal = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1)
        provider.write(
            {
                "state": "test",
                "company_id": env.company.id,
                "stripe_publishable_key": "pk_test_fake_payments",
                "stripe_secret_key": cls.fake_stripe.secret_key,
                "allow_tokenization": True,
                "journal_id": journal.id,
            }
        )
        return provider

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        if cls.fake_stripe and r.url.startswith(f"{STRIPE_API}/"):
            r.url = cls.fake_stripe.url + r.url[len(STRIPE_API) :]
        return super()._request_handler(s, r, **kw)

    def _payment_intent_requests(self):
        return [request for request in self.fake_stripe.requests if request["path"] == "/v1/payment_intents"]


class RevenueShareCommon(ExpertPlatformCommon):
    """Experts A and B selling a product each, a platform product, 20 %
    platform share settled once invoices are paid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"revenue_share_rate": 20.0, "revenue_share_settle_on": "paid"})
        cls.currency = cls.company.currency_id
        cls.journal = cls.company._revenue_share_journal()
        cls.platform_product = cls.env["product.product"].create(
            {"name": "Platform fee", "type": "service", "list_price": 10.0, "taxes_id": [Command.clear()]}
        )
        cls.stripe_provider = cls.env.ref("payment.payment_provider_stripe")
        cls.stripe_provider.company_id = cls.company

    @classmethod
    def _invoice(cls, lines, move_type="out_invoice", post=True, date="2026-03-10", partner=None):
        """A customer invoice of ``lines`` = [(product, quantity, price unit)]."""
        return make_invoice(cls.env, partner or cls.client_partner, lines, move_type=move_type, post=post, date=date)

    @classmethod
    def _pay(cls, moves, date="2026-03-12"):
        return register_payment(cls.env, moves, date)

    @classmethod
    def _paid_invoice(cls, lines, **kwargs):
        invoice = cls._invoice(lines, **kwargs)
        cls._pay(invoice, date=invoice.invoice_date)
        return invoice

    def _settle(self, date_to="2026-03-31", date_from="2026-03-01", send=True, **kwargs):
        """Settle a period; ``send``: then run the payout queue as the cron does."""
        settlements = self.env["revenue.share.settlement"]._settle_period(
            fields.Date.to_date(date_from), fields.Date.to_date(date_to), **kwargs
        )
        if send:
            settlements.filtered("payout_pending")._send_pending_payouts()
        return settlements


class StripeCommon(RevenueShareCommon):
    """The Stripe provider has a key; the SDK talks to a local fake Stripe."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake_stripe = FakeStripe().start()
        cls.addClassCleanup(cls.fake_stripe.stop)
        cls.stripe_provider.write(
            {
                "state": "test",
                "stripe_publishable_key": "pk_test_fake_revenue_share",
                "stripe_secret_key": cls.fake_stripe.secret_key,
            }
        )
        cls.env["ir.config_parameter"].sudo().set_param("revenue_share.stripe_api_base", cls.fake_stripe.url)
        cls.expert_a.stripe_account_id = "acct_1ExpertAaaaa"
        cls.expert_b.stripe_account_id = "acct_1ExpertBbbbb"

    def setUp(self):
        super().setUp()
        self.fake_stripe.reset()

    def _settle_refused(self, code, message):
        """Expert A's settlement, its transfer refused by Stripe with ``code``."""
        self.fake_stripe.failures["acct_1ExpertAaaaa"] = (400, "invalid_request_error", code, message)
        with mute_logger("odoo.addons.revenue_share.models.revenue_share_settlement"):
            settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.state, "exception")
        return settlement


class RevenueSequenceMixin:
    """Random, seeded and reproducible sequences of what happens to expert
    sales (sell, pay, pay with a write-off, undo a payment, refund, cancel an
    unpaid invoice, settle; modules add their own operations), checking after
    every step that each expert's shares follow the money the platform kept:

        settled + to settle == 80 % of the expert's net revenue, to the cent

    (and the platform's 20 % likewise), where the net revenue is what the test
    itself booked: invoiced, minus credited, minus written off. After every
    settlement, no settled invoice has a posted credit note left to settle:
    a settlement never pays a share whose revenue was given back.

    Prices are multiples of 5 and write-offs whole multiples of 5 %, so every
    expected share is exact in cents.
    """

    SEQUENCES = 10
    STEPS = 12
    FIRST_DAY = date(2030, 1, 8)

    @classmethod
    def _setup_sequences(cls):
        cls.expert_c = new_test_user(cls.env, login="expert_c", name="Expert C", groups="expert_base.group_expert")
        cls.sequence_experts = cls.expert_a | cls.expert_b | cls.expert_c
        cls.sequence_products = {
            expert: cls._create_expert_product(expert, f"Coaching of {expert.name}", 50.0)
            for expert in cls.sequence_experts
        }
        cls.write_off_account = cls.env["account.account"].search(
            [("company_id", "=", cls.company.id), ("account_type", "=", "expense")], limit=1
        )

    # ------------------------------------------------------------------
    # Running
    # ------------------------------------------------------------------

    def _sequence_operations(self):
        """{name: weight} of the operations a step picks from."""
        return {"sell": 4, "pay": 3, "pay_write_off": 2, "unpay": 1, "refund": 2, "cancel": 1, "settle": 2}

    def _run_sequences(self):
        for seed in range(self.SEQUENCES):
            with self.subTest(seed=seed):
                self._run_sequence(seed)

    def _run_sequence(self, seed):
        class Rollback(Exception):
            pass

        try:
            with self.env.cr.savepoint():
                self.rng = random.Random(seed)
                self.day = self.FIRST_DAY
                self.net = defaultdict(float)
                self.written_off = {}
                self.steps = []
                operations = self._sequence_operations()
                for _step in range(self.STEPS):
                    name = self.rng.choices(list(operations), weights=list(operations.values()))[0]
                    self.day += timedelta(days=self.rng.randint(0, 2))
                    with freeze_time(datetime.combine(self.day, time(10, 0))):
                        done = getattr(self, f"_step_{name}")()
                    self.steps.append(name if done is not False else f"({name})")
                    self._check_shares_follow_net_revenue()
                raise Rollback()
        except Rollback:
            self.env.invalidate_all()

    def _trace(self):
        return f"steps: {', '.join(self.steps)}"

    # ------------------------------------------------------------------
    # Invariants
    # ------------------------------------------------------------------

    def _check_shares_follow_net_revenue(self):
        self.env.flush_all()
        Line = self.env["revenue.share.line"]
        totals = {
            expert: (expert_amount, platform_amount)
            for expert, expert_amount, platform_amount in Line._read_group(
                [("expert_id", "in", self.sequence_experts.ids), ("state", "in", ("to_settle", "settled"))],
                ["expert_id"],
                ["expert_amount:sum", "platform_amount:sum"],
            )
        }
        currency = self.env.company.currency_id
        for expert in self.sequence_experts:
            expert_amount, platform_amount = totals.get(expert, (0.0, 0.0))
            net = self.net[expert]
            self.assertEqual(
                currency.compare_amounts(expert_amount, net * 0.8),
                0,
                f"{expert.name}: expert's shares {expert_amount} != 80 % of {net}; {self._trace()}",
            )
            self.assertEqual(
                currency.compare_amounts(platform_amount, net * 0.2),
                0,
                f"{expert.name}: platform's shares {platform_amount} != 20 % of {net}; {self._trace()}",
            )

    def _check_settlements_net_given_back_revenue(self, settlements):
        """The invoices and credit notes of a settled invoice are settled together."""
        Line = self.env["revenue.share.line"]
        for settlement in settlements:
            lines = settlement.line_ids
            groups = (lines.origin_move_id | lines.move_id).filtered(lambda move: not move.reversed_entry_id)
            left = Line.search(
                [
                    ("expert_id", "=", settlement.expert_id.id),
                    ("state", "=", "to_settle"),
                    ("move_id.state", "=", "posted"),
                    "|",
                    ("move_id", "in", groups.ids),
                    ("origin_move_id", "in", groups.ids),
                ]
            )
            self.assertFalse(
                left, f"{settlement.name} leaves {left.mapped('display_name')} of its invoices; {self._trace()}"
            )
            self.assertEqual(
                settlement.currency_id.compare_amounts(settlement.amount_expert, sum(lines.mapped("expert_amount"))),
                0,
            )

    # ------------------------------------------------------------------
    # Steps (each returns False when it found nothing to do)
    # ------------------------------------------------------------------

    def _sequence_invoices(self, payment_states, refunded=None):
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", payment_states),
            ("revenue_share_line_ids.expert_id", "in", self.sequence_experts.ids),
        ]
        if refunded is not None:
            domain.append(("reversal_move_id", "!=" if refunded else "=", False))
        invoices = self.env["account.move"].search(domain, order="id")
        return invoices

    def _pick(self, records):
        return records[self.rng.randrange(len(records))] if records else records

    def _expert_bases(self, move):
        """{expert: untaxed amount} of the expert lines of an invoice or credit
        note (positive): who the test sold what to. Modules whose invoices
        sell an expert's work otherwise (penalties) override it."""
        bases = defaultdict(float)
        for line in move.invoice_line_ids:
            expert = line.product_id.expert_id
            if expert:
                bases[expert] += line.price_subtotal
        return bases

    def _step_sell(self):
        lines = []
        for _index in range(self.rng.randint(1, 2)):
            expert = self._pick(self.sequence_experts)
            lines.append((self.sequence_products[expert], self.rng.randint(1, 3), 5.0 * self.rng.randint(1, 40)))
        invoice = make_invoice(self.env, self.client_partner, lines, date=self.day)
        for expert, base in self._expert_bases(invoice).items():
            self.net[expert] += base
        return invoice

    def _step_pay(self):
        invoice = self._pick(self._sequence_invoices(("not_paid",)))
        if not invoice:
            return False
        register_payment(self.env, invoice, self.day)
        return invoice

    def _step_pay_write_off(self):
        invoice = self._pick(self._sequence_invoices(("not_paid",), refunded=False))
        if not invoice:
            return False
        percent = 5 * self.rng.randint(1, 10)
        amount = invoice.amount_residual * (100 - percent) / 100
        register_payment(
            self.env,
            invoice,
            self.day,
            amount=amount,
            payment_difference_handling="reconcile",
            writeoff_account_id=self.write_off_account.id,
            writeoff_label="Goodwill",
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        for expert, base in self._expert_bases(invoice).items():
            self.net[expert] -= base * percent / 100
        self.written_off[invoice] = percent
        return invoice

    def _step_unpay(self):
        """A payment (with its write-off, if any) is taken off an invoice."""
        invoices = self._sequence_invoices(("paid", "in_payment"), refunded=False).filtered(
            lambda invoice: all(
                partial.credit_move_id.move_id.payment_id or partial.debit_move_id.move_id.payment_id
                for partial in invoice.line_ids.matched_credit_ids | invoice.line_ids.matched_debit_ids
            )
        )
        invoice = self._pick(invoices)
        if not invoice:
            return False
        invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).remove_move_reconcile()
        percent = self.written_off.pop(invoice, 0)
        for expert, base in self._expert_bases(invoice).items():
            self.net[expert] += base * percent / 100
        return invoice

    def _step_refund(self):
        """A paid invoice is refunded, in full or for one of its lines, and
        the money is sent back (or left as the client's credit)."""
        invoice = self._pick(self._sequence_invoices(("paid", "in_payment"), refunded=False))
        if not invoice or invoice in self.written_off:
            return False
        refund = invoice._reverse_moves([{"ref": "Refund", "invoice_date": self.day, "date": self.day}])
        if len(refund.invoice_line_ids) > 1 and self.rng.random() < 0.5:
            refund.invoice_line_ids[1:].unlink()
        refund.action_post()
        for expert, base in self._expert_bases(refund).items():
            self.net[expert] -= base
        if self.rng.random() < 0.7:
            register_payment(self.env, refund, self.day)
        return refund

    def _step_cancel(self):
        invoice = self._pick(
            self._sequence_invoices(("not_paid",), refunded=False).filtered(
                lambda invoice: all(line.state != "settled" for line in invoice.revenue_share_line_ids)
            )
        )
        if not invoice:
            return False
        invoice.button_cancel()
        for expert, base in self._expert_bases(invoice).items():
            self.net[expert] -= base
        return invoice

    def _step_settle(self):
        date_to = self.day - timedelta(days=self.rng.randint(0, 3))
        settlements = self.env["revenue.share.settlement"]._settle_period(self.FIRST_DAY.replace(day=1), date_to)
        self._check_settlements_net_given_back_revenue(settlements)
        return settlements
