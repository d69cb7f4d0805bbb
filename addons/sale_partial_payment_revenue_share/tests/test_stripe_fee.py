import requests

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.revenue_share.tests.common import StripeFakeMixin
from odoo.addons.sale_partial_payment.tests.common import PartialPaymentCommon


@tagged("post_install", "-at_install")
class TestStripeReportedFee(StripeFakeMixin, PartialPaymentCommon):
    """Money credited for a Stripe payment is the amount minus the fee
    Stripe reports on the charge's balance transaction (the local fake
    Stripe keeps 2.9 % + 0.30), not the operator's fee rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stripe_provider = cls._start_fake_stripe(cls.env)
        # the rule would give 10.00 of 100.00: Stripe's own report wins
        cls.stripe_provider.write({"fee_percent": 10.0, "fee_fixed": 0.0})
        cls.stripe_token = cls.env["payment.token"].create(
            {
                "provider_id": cls.stripe_provider.id,
                "payment_method_id": cls.env.ref("payment.payment_method_card").id,
                "partner_id": cls.client_partner.id,
                "payment_details": "4242",
                "provider_ref": f"cus_fake_{cls.client_partner.id}",
                "stripe_payment_method": "pm_card_visa",
            }
        )

    def setUp(self):
        super().setUp()
        self.fake_stripe.reset()

    def test_money_credited_is_amount_minus_stripe_fee(self):
        order = self._partial_order(confirm=True)
        tx = order.with_user(self.platform_manager)._partial_charge_token(self.stripe_token, 100.0)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.provider_reference, next(iter(self.fake_stripe.payment_intents)))
        [balance] = self.fake_stripe.balance_transactions.values()
        self.assertEqual(balance["fee"], 320, "2.9 % of 100.00 + 0.30, in cents")
        self.assertEqual(tx.provider_fee, 3.20)
        self.assertEqual(tx.money_credited, 96.80)
        row = self.env["sale.order.payment"].search([("transaction_id", "=", tx.id)])
        self.assertEqual(row.money_credited, 96.80)
        self.assertTrue(row.paid_in_one_click)
        [read] = [request for request in self.fake_stripe.requests if request.get("method") == "GET"]
        self.assertEqual(read["path"], f"/v1/payment_intents/{tx.provider_reference}")
        self.assertEqual(read["params"]["expand"], ["charges.data.balance_transaction"])

    def test_fee_rule_stands_in_when_stripe_does_not_answer(self):
        order = self._partial_order(confirm=True)
        self.fake_stripe.fee_percent = 0.0
        tx = order.with_user(self.platform_manager)._partial_charge_token(self.stripe_token, 100.0)
        self.assertEqual(tx.provider_fee, 0.30, "Stripe reported only its fixed fee")
        # the charge is forgotten by Stripe: the operator's rule stands in
        self.fake_stripe.payment_intents.clear()
        tx.provider_fee = 0.0
        with (
            mute_logger("odoo.addons.payment_stripe.models.payment_provider"),
            self.assertLogs("odoo.addons.sale_partial_payment.models.payment_transaction", "WARNING"),
        ):
            tx._partial_set_fee()
        self.assertEqual(tx.provider_fee, 10.0)
        self.assertEqual(tx.money_credited, 90.0)

    def test_fake_stripe_answers_in_the_requested_api_version(self):
        """Stripe's shape of a PaymentIntent depends on the API version: the
        one payment_stripe pins lists ``charges``; ``latest_charge`` (newer)
        cannot be expanded there."""
        order = self._partial_order(confirm=True)
        tx = order.with_user(self.platform_manager)._partial_charge_token(self.stripe_token, 100.0)
        url = f"{self.fake_stripe.url}/v1/payment_intents/{tx.provider_reference}"
        headers = {"Authorization": f"Bearer {self.fake_stripe.secret_key}", "Stripe-Version": "2019-05-16"}
        old = requests.get(url, params={"expand[]": "latest_charge.balance_transaction"}, headers=headers, timeout=5)
        self.assertEqual(old.status_code, 400)
        self.assertIn("cannot be expanded (latest_charge)", old.json()["error"]["message"])
        new = requests.get(
            url,
            params={"expand[]": "latest_charge.balance_transaction"},
            headers={**headers, "Stripe-Version": "2023-10-16"},
            timeout=5,
        )
        self.assertEqual(new.json()["latest_charge"]["balance_transaction"]["fee"], 320)
        self.assertNotIn("charges", new.json())
        charge = requests.get(
            f"{self.fake_stripe.url}/v1/charges/{new.json()['latest_charge']['id']}", headers=headers, timeout=5
        ).json()
        self.assertEqual(charge["balance_transaction"], new.json()["latest_charge"]["balance_transaction"]["id"])
        missing = requests.get(f"{self.fake_stripe.url}/v1/charges/ch_nope", headers=headers, timeout=5)
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(missing.json()["error"]["code"], "resource_missing")
