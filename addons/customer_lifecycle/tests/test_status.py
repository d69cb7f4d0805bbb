from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerLifecycleCommon


@tagged("post_install", "-at_install")
class TestCustomerStatus(CustomerLifecycleCommon):
    """Every transition of the customer status: who, when, why."""

    def test_purchase_activates(self):
        self.assertEqual(self.customer.customer_status, "activated")
        self.assertTrue(self.customer.customer_status_date)
        buyer = self.env["res.partner"].create({"name": "New Buyer"})
        self.assertFalse(buyer.customer_status)
        self._create_order(self.product_a, partner=buyer)
        self.assertEqual(buyer.customer_status, "activated")

    def test_contact_purchase_activates_its_company(self):
        company = self.env["res.partner"].create({"name": "Acme", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Ann", "parent_id": company.id})
        self._create_order(self.product_a, partner=contact)
        self.assertEqual(company.customer_status, "activated")
        self.assertFalse(contact.customer_status, "the status is the commercial partner's")

    def test_created_as_customer(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.manager)
            .with_context(default_customer_status="activated")
            .create({"name": "Walk-in"})
        )
        self.assertEqual(partner.customer_status, "activated")
        self.assertEqual(partner.customer_status_user_id, self.manager)

    def test_close_refused_while_recurring_runs(self):
        with self.assertRaisesRegex(UserError, self.recurring.name):
            self._as(self.manager, self.customer).action_customer_close("Done")
        self.assertEqual(self.customer.customer_status, "activated")

    def test_close_cancel_reactivate_tracked(self):
        self.recurring.sudo()._complete("test")  # natural end: no resiliation
        self.assertEqual(self.customer.customer_status, "activated")
        self._as(self.manager, self.customer).action_customer_close()
        self._flush_tracking()  # one tracking message per transaction
        self.assertEqual(self.customer.customer_status, "closed")
        self.assertEqual(self.customer.customer_status_user_id, self.manager)
        self._as(self.manager, self.customer).action_customer_cancel("Chargebacks")
        self._flush_tracking()
        self.assertEqual(
            (self.customer.customer_status, self.customer.customer_status_reason), ("cancelled", "Chargebacks")
        )
        self._as(self.manager, self.customer).action_customer_reactivate()
        self.assertEqual(self.customer.customer_status, "activated")
        self.assertEqual(
            self._tracked_values(self.customer, "customer_status")[-3:],
            [("Activated", "Closed"), ("Closed", "Cancelled"), ("Cancelled", "Activated")],
        )
        message = self.customer.customer_activity_ids[:1]
        self.assertEqual(message.author_id, self.manager.partner_id, "who")
        self.assertIn("Customer Status: Cancelled → Activated", message.customer_change_summary)

    def test_cancel_needs_a_reason(self):
        for reason in (None, "", "   ", "a\x00b", ["x"], "x" * 501):
            with self.assertRaises(UserError):
                self._as(self.manager, self.customer).action_customer_cancel(reason)
        self.assertEqual(self.customer.customer_status, "activated")
        wizard = Form(
            self.env["customer.status.wizard"]
            .with_user(self.manager)
            .with_context(default_partner_ids=self.customer.ids, default_action="cancel")
        )
        wizard.reason = "Fraud"
        wizard.save().action_confirm()
        self.assertEqual(self.customer.customer_status, "cancelled")

    def test_expert_and_client_cannot_change_status(self):
        for user in (self.expert_a, self.client_user):
            for method, args in (
                ("action_customer_cancel", ("x",)),
                ("action_customer_close", ()),
                ("action_customer_reactivate", ()),
            ):
                with self.assertRaises(AccessError):
                    getattr(self.customer.with_user(user), method)(*args)
        self.assertEqual(self.customer.customer_status, "activated")

    def test_status_of_a_contact_refused(self):
        contact = self.env["res.partner"].create({"name": "Child", "parent_id": self.customer.id})
        with self.assertRaises(UserError):
            self._as(self.manager, contact).action_customer_cancel("x")

    def test_resiliation_terminates(self):
        self._as(self.manager, self.recurring).action_complete("Moved abroad")
        self.assertEqual(self.customer.customer_status, "terminated")
        self.assertEqual(self.customer.customer_status_reason, "Moved abroad")
        self.assertEqual(self.customer.customer_status_user_id, self.manager)
        self.assertTrue(self.customer.customer_status_date)

    def test_resiliation_of_one_of_two_keeps_activated(self):
        second = self._start(start=date(2026, 1, 20))
        self._as(self.manager, self.recurring).action_complete("One is enough")
        self.assertEqual(self.customer.customer_status, "activated")
        self._as(self.manager, second).action_complete("Stop all")
        self.assertEqual(self.customer.customer_status, "terminated")

    def test_purchase_reactivates_closed_not_cancelled(self):
        self.recurring.sudo()._complete("test")
        self._as(self.manager, self.customer).action_customer_close()
        self._create_order(self.product_a)
        self.assertEqual(self.customer.customer_status, "activated")
        self._as(self.manager, self.customer).action_customer_cancel("Fraud")
        self._create_order(self.product_a)
        self.assertEqual(self.customer.customer_status, "cancelled", "a manager reactivates")

    def test_cron_closes_inactive_customers(self):
        Partner = self.env["res.partner"]
        idle = Partner.create({"name": "Idle"})
        recent = Partner.create({"name": "Recent"})
        with freeze_time("2025-01-01"):
            self._create_order(self.product_a, partner=idle)
            self._create_order(self.product_a, partner=recent)
            self._create_order(self.product_a, partner=self.customer)
        with freeze_time("2025-12-01"):
            self._create_order(self.product_a, partner=recent)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET customer_status_date = '2025-01-01' WHERE id IN %s",
            [tuple((idle | recent | self.customer).ids)],
        )
        self.env.invalidate_all()
        with freeze_time("2026-02-01"):
            Partner._cron_close_inactive_customers()
        self.assertEqual(idle.customer_status, "closed")
        self.assertIn("365", idle.customer_status_reason)
        self.assertEqual(recent.customer_status, "activated", "ordered within the period")
        self.assertEqual(self.customer.customer_status, "activated", "its recurring order runs")
        self.env["ir.config_parameter"].sudo().set_param("customer_lifecycle.close_after_days", "0")
        recent.customer_status_date = fields.Datetime.now() - timedelta(days=900)
        with freeze_time("2027-06-01"):
            Partner._cron_close_inactive_customers()
        self.assertEqual(recent.customer_status, "activated", "0 never closes")

    def test_blocked_customer_cannot_checkout_or_book(self):
        order = self._create_order(self.product_a, confirm=False)
        package = self._create_expert_product(self.expert_a, "Pack", 50.0, is_session_package=True, session_count=2)
        # a package bought before the status changes follows it (the status
        # stored on its line)
        earlier = self._create_order(package).order_line
        self._as(self.manager, self.customer).action_customer_cancel("Fraud")
        with self.assertRaisesRegex(ValidationError, "cancelled"):
            order._check_cart_is_ready_to_be_paid()
        line = self._create_order(package).order_line
        for package_line in (earlier, line):
            self.assertEqual(package_line.order_customer_status, "cancelled")
            self.assertIn("cancelled", package_line._session_bookable_error())
        self._as(self.manager, self.customer).action_customer_reactivate("Paid back")
        for package_line in (earlier, line):
            self.assertNotIn("cancelled", package_line._session_bookable_error() or "")
