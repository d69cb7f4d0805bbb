from odoo import Command, fields

from odoo.addons.expert_base.tests.common import ExpertPlatformCommon

from .fake_stripe import FakeStripe


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
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or cls.client_partner).id,
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

    @classmethod
    def _pay(cls, moves, date="2026-03-12"):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create({"payment_date": date})
            ._create_payments()
        )

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
