import socket

import requests

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import StripeCommon


@tagged("post_install", "-at_install")
class TestStripePayout(StripeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._paid_invoice([(cls.product_a, 1, 33.33)], date="2026-03-05")
        cls.invoice_b = cls._paid_invoice([(cls.product_b, 2, 80.0)], date="2026-03-06")

    def _key(self, settlement, suffix=""):
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return f"revenue-share-settlement-{uuid}-{settlement.id}{suffix}"

    def test_posting_transfers_the_expert_share(self):
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.state, "posted")
        self.assertEqual(len(self.fake_stripe.transfers), 1)
        transfer = self.fake_stripe.transfers[settlement.stripe_transfer_id]
        self.assertEqual(transfer["amount"], 2666, "26.66 in cents")
        self.assertEqual(transfer["currency"], self.currency.name.lower())
        self.assertEqual(transfer["destination"], "acct_1ExpertAaaaa")
        self.assertEqual(transfer["metadata"]["settlement"], settlement.name)
        self.assertEqual(self.fake_stripe.requests[-1]["key"], self._key(settlement))
        self.assertEqual(settlement.stripe_account_id, "acct_1ExpertAaaaa")
        self.assertIn(settlement.stripe_transfer_id, settlement.payout_message)

    def test_payout_is_queued_then_sent(self):
        settlement = self._settle(experts=self.expert_a, send=False)
        self.assertTrue(settlement.payout_pending)
        self.assertFalse(self.fake_stripe.requests, "nothing is sent in the posting transaction")
        cron = self.env.ref("revenue_share.ir_cron_send_payouts")
        self.assertTrue(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]))
        cron.method_direct_trigger()
        self.assertFalse(settlement.payout_pending)
        self.assertTrue(settlement.stripe_transfer_id)
        cron.method_direct_trigger()
        keys = [request["key"] for request in self.fake_stripe.requests]
        self.assertEqual(keys.count(self._key(settlement)), 1, "a sent payout leaves the queue")

    def test_retry_with_same_key_never_pays_twice(self):
        """The transfer is sent, then the transaction rolls back before its id
        is stored (a crash, a serialization failure): the next attempt uses
        the same idempotency key and Stripe answers with the first transfer."""
        settlement = self._settle(experts=self.expert_a, send=False)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            settlement._send_pending_payouts()
            transfer_id = settlement.stripe_transfer_id
            self.assertTrue(transfer_id)
            raise RuntimeError("rolled back after the transfer")
        self.env.invalidate_all()
        self.assertFalse(settlement.stripe_transfer_id)
        self.assertTrue(settlement.payout_pending)
        self.assertEqual(len(self.fake_stripe.transfers), 1)
        settlement._send_pending_payouts()
        self.assertEqual(settlement.stripe_transfer_id, transfer_id, "Stripe replayed the first transfer")
        self.assertEqual(len(self.fake_stripe.transfers), 1, "paid once")
        self.assertEqual([request["key"] for request in self.fake_stripe.requests], [self._key(settlement)] * 2)

    def test_api_error_then_retry(self):
        settlement = self._settle_refused("resource_missing", "No such destination: 'acct_1ExpertAaaaa'")
        self.assertIn("No such destination", settlement.payout_message)
        self.assertFalse(settlement.stripe_transfer_id)
        self.assertEqual(settlement.bill_id.state, "posted", "the bill stays; only the payout failed")
        self.assertFalse(self.fake_stripe.transfers)
        # the expert fixes the account on Stripe; the manager retries
        del self.fake_stripe.failures["acct_1ExpertAaaaa"]
        settlement.action_retry_payout()
        self.assertEqual(settlement.state, "posted")
        self.assertIn(settlement.stripe_transfer_id, self.fake_stripe.transfers)
        self.assertEqual(
            [request["key"] for request in self.fake_stripe.requests],
            [self._key(settlement), self._key(settlement, "-1")],
            "Stripe answered the first attempt with an error: the retry is a new request",
        )
        with self.assertRaisesRegex(UserError, "failed can be retried"):
            settlement.action_retry_payout()

    def test_no_key_no_transfer(self):
        self.stripe_provider.write({"state": "disabled"})
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.state, "posted")
        self.assertFalse(settlement.stripe_transfer_id)
        self.assertIn("no secret key", settlement.payout_message)
        self.assertFalse(settlement.payout_pending)
        self.assertFalse(self.fake_stripe.requests)

    def test_no_connected_account_no_transfer(self):
        self.expert_b.stripe_account_id = False
        settlement = self._settle(experts=self.expert_b)
        self.assertIn("has no Stripe connected account", settlement.payout_message)
        self.assertFalse(self.fake_stripe.requests)

    def test_refund_settlement_reverses_the_transfer(self):
        paid = self._settle(experts=self.expert_b)
        self.assertEqual(self.fake_stripe.transfers[paid.stripe_transfer_id]["amount"], 12800)
        refund = self.invoice_b._reverse_moves([{"ref": "Refund", "invoice_date": "2026-04-02"}])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        self._pay(refund, date="2026-04-02")
        negative = self._settle(date_from="2026-04-01", date_to="2026-04-30", experts=self.expert_b)
        self.assertEqual(negative.amount_expert, -64.0)
        self.assertEqual(negative.state, "posted")
        self.assertTrue(negative.stripe_transfer_id.startswith("trr_"))
        self.assertEqual(negative.stripe_reversed_transfer_id, paid.stripe_transfer_id)
        self.assertEqual(self.fake_stripe.reversals[negative.stripe_transfer_id]["amount"], 6400)
        self.assertEqual(self.fake_stripe.transfers[paid.stripe_transfer_id]["amount_reversed"], 6400)
        with self.assertRaisesRegex(UserError, "took money back"):
            negative.action_cancel()

    def test_cancel_transferred_settlement_reverses_it(self):
        settlement = self._settle(experts=self.expert_b)
        transfer_id = settlement.stripe_transfer_id
        settlement.action_cancel()
        self.assertEqual(settlement.state, "cancelled")
        self.assertTrue(settlement.stripe_cancel_reversal_id.startswith("trr_"))
        self.assertTrue(self.fake_stripe.transfers[transfer_id]["reversed"])
        self.assertEqual(self.fake_stripe.requests[-1]["key"], self._key(settlement, "-cancel"))
        # settled again later: a new transfer
        again = self._settle(experts=self.expert_b)
        self.assertNotEqual(again.stripe_transfer_id, transfer_id)

    def test_expert_cannot_cancel_or_retry_a_payout(self):
        settlement = self._settle(experts=self.expert_a)
        self.fake_stripe.reset()
        with self.assertRaises(AccessError):
            settlement.with_user(self.expert_a).action_cancel()
        with self.assertRaises(AccessError):
            settlement.with_user(self.expert_a).action_retry_payout()
        self.assertFalse(self.fake_stripe.requests, "nothing reached Stripe")
        self.assertEqual(settlement.state, "posted")

    def test_cancel_refused_by_stripe_changes_nothing(self):
        settlement = self._settle(experts=self.expert_b)
        self.fake_stripe.transfers.pop(settlement.stripe_transfer_id)
        with (
            self.assertRaisesRegex(UserError, "could not reverse"),
            mute_logger("odoo.addons.revenue_share.models.revenue_share_settlement"),
        ):
            settlement.action_cancel()
        self.assertEqual(settlement.state, "posted")
        self.assertEqual(settlement.line_ids.mapped("state"), ["settled"])

    def test_fake_stripe_requires_idempotency_key(self):
        headers = {"Authorization": f"Bearer {self.fake_stripe.secret_key}"}
        answer = requests.post(f"{self.fake_stripe.url}/v1/transfers", data={"amount": 100}, headers=headers, timeout=5)
        self.assertEqual(answer.status_code, 400)
        self.assertIn("Idempotency-Key", answer.json()["error"]["message"])
        self.assertFalse(self.fake_stripe.transfers)

    def test_stripe_account_is_validated(self):
        for bad in ("1ExpertA", "acct_", "acct_12 34", "ba_123456789"):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                self.expert_a.stripe_account_id = bad


@tagged("post_install", "-at_install")
class TestStripePayoutOutcome(StripeCommon):
    """What the expert and the platform are told about a payout: facts only,
    in plain words, the technical trace in the server log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_a = cls._paid_invoice([(cls.product_a, 1, 100.0)], date="2026-03-05")
        cls.payout_activity = cls.env.ref("revenue_share.mail_activity_type_payout")

    def _expert_mails(self, settlement):
        return settlement.message_ids.filtered(
            lambda message: message.message_type == "comment" and self.expert_a.partner_id in message.partner_ids
        ).sorted("id")

    def _payout_activities(self, settlement):
        return settlement.activity_ids.filtered(lambda activity: activity.activity_type_id == self.payout_activity)

    def _network_down(self):
        """Point the SDK at a local port nobody listens on."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.env["ir.config_parameter"].sudo().set_param("revenue_share.stripe_api_base", f"http://127.0.0.1:{port}")

    def test_success_is_announced_once_the_transfer_exists(self):
        settlement = self._settle(experts=self.expert_a, send=False)
        self.assertFalse(self._expert_mails(settlement), "nothing is promised before the transfer exists")
        settlement._send_pending_payouts()
        mail = self._expert_mails(settlement)
        self.assertEqual(len(mail), 1)
        self.assertIn("was transferred to your Stripe account", mail.body)
        self.assertIn(settlement.stripe_transfer_id, mail.body)
        self.assertNotIn("being transferred", mail.body)
        self.assertFalse(self._payout_activities(settlement))

    def test_network_down_says_so_and_tells_expert_and_platform(self):
        self._network_down()
        with self.assertLogs("odoo.addons.revenue_share.models.revenue_share_settlement", "WARNING") as logs:
            settlement = self._settle(experts=self.expert_a)
        self.assertTrue(logs.records[0].exc_info, "the technical trace is in the server log")
        self.assertEqual(settlement.state, "exception")
        self.assertFalse(self.fake_stripe.transfers)
        self.assertIn("could not be reached (network problem)", settlement.payout_message)
        self.assertNotIn("refused", settlement.payout_message)
        for technical in ("urllib3", "HTTPConnectionPool", "Traceback", "Errno"):
            self.assertNotIn(technical, settlement.payout_message)
        mail = self._expert_mails(settlement)
        self.assertEqual(len(mail), 1)
        self.assertIn("could not be made", mail.body)
        self.assertIn("could not be reached", mail.body)
        self.assertNotIn("urllib3", mail.body)
        activity = self._payout_activities(settlement)
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("expert_base.group_platform_manager"))
        self.assertIn("could not be reached", activity.note)
        self.assertEqual(settlement.stripe_attempt, 0, "Stripe never answered: the retry replays the same key")
        # the network is back: the platform retries, the expert hears of the transfer
        self.env["ir.config_parameter"].sudo().set_param("revenue_share.stripe_api_base", self.fake_stripe.url)
        settlement.action_retry_payout()
        self.assertEqual(settlement.state, "posted")
        self.assertIn(settlement.stripe_transfer_id, self.fake_stripe.transfers)
        self.assertEqual(
            self.fake_stripe.requests[-1]["key"], f"revenue-share-settlement-{self._uuid()}-{settlement.id}"
        )
        self.assertFalse(self._payout_activities(settlement), "the platform's activity is done")
        mails = self._expert_mails(settlement)
        self.assertEqual(len(mails), 2)
        self.assertIn("was transferred to your Stripe account", mails[-1].body)

    def test_refusal_gives_stripes_message(self):
        settlement = self._settle_refused("account_invalid", "The destination account needs updated information.")
        self.assertIn(
            "Stripe refused the payout: The destination account needs updated information.", settlement.payout_message
        )
        self.assertIn("needs updated information", self._expert_mails(settlement).body)
        self.assertEqual(len(self._payout_activities(settlement)), 1)
        # refused again on retry: the expert is told again
        with mute_logger("odoo.addons.revenue_share.models.revenue_share_settlement"):
            settlement.action_retry_payout()
        mails = self._expert_mails(settlement)
        self.assertEqual(len(mails), 2)
        self.assertIn("failed again", mails[-1].body)

    def test_no_connected_account_tells_expert_and_platform(self):
        self.expert_a.stripe_account_id = False
        settlement = self._settle(experts=self.expert_a)
        self.assertEqual(settlement.state, "posted")
        self.assertFalse(self.fake_stripe.requests)
        self.assertIn("has no Stripe connected account", settlement.payout_message)
        mail = self._expert_mails(settlement)
        self.assertEqual(len(mail), 1)
        self.assertIn("pays it by bank transfer", mail.body)
        self.assertIn("connect your Stripe account", mail.body)
        activity = self._payout_activities(settlement)
        self.assertEqual(len(activity), 1)
        self.assertIn("by hand", activity.summary)

    def _uuid(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.uuid")
