from odoo import Command

from odoo.addons.session_booking.tests.common import SessionBookingCommon


class PartialPaymentCommon(SessionBookingCommon):
    """Expert A sells a package of 4 sessions for 400 paid in 4 parts (the
    first at least 25 %); the demo provider takes payments and refunds and
    keeps 2 % + 0.30 of each; client A saved a demo card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.env.company.id,
                "journal_id": cls.journal.id,
                "allow_tokenization": True,
                "fee_percent": 2.0,
                "fee_fixed": 0.30,
            }
        )
        cls.payment_method = cls.provider.payment_method_ids[:1] or cls.env.ref("payment.payment_method_unknown")
        cls.partial_package = cls._create_package(
            cls.expert_a,
            "4 sessions in 4 parts",
            400.0,
            session_count=4,
            allow_partial_payment=True,
            partial_first_percent=25.0,
            partial_payment_count=4,
            partial_interval_days=30,
        )
        cls.token = cls.env["payment.token"].create(
            {
                "provider_id": cls.provider.id,
                "payment_method_id": cls.payment_method.id,
                "partner_id": cls.client_partner.id,
                "provider_ref": "demo-card-client-a",
                "payment_details": "4242",
                "demo_simulated_state": "done",
            }
        )

    @classmethod
    def _free_amounts_package(cls):
        """A package of 4 sessions for 400 paid in parts of the client's
        choice, each at least 25 %."""
        return cls._create_package(
            cls.expert_a,
            "4 sessions, free parts",
            400.0,
            session_count=4,
            allow_partial_payment=True,
            partial_first_percent=25.0,
            partial_payment_count=0,
        )

    @classmethod
    def _partial_order(cls, confirm=False, partner=None):
        return cls._create_order(cls.partial_package, partner=partner, confirm=confirm)

    @classmethod
    def _online_payment(cls, order, amount, process=True):
        """The client pays ``amount`` of ``order`` online (a demo card
        entered in the form), processed as the payment status page does."""
        tx = (
            cls.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": cls.provider.id,
                    "payment_method_id": cls.payment_method.id,
                    "operation": "online_direct",
                    "reference": cls.env["payment.transaction"]._compute_reference("demo", prefix=order.name),
                    "amount": amount,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_invoice_id.id,
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        tx._set_done()
        if process:
            tx._finalize_post_processing()
        order.invalidate_recordset()
        return tx
